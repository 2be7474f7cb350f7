//! The author's commands: `init` from an article, `paragraphs`, `schema`, and the schema
//! checked against every shipped map and every example of docs/FORMAT.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod support;

fn argwalk(args: &[&str], dir: &Path) -> Output {
    support::cli::argwalk()
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("argwalk-author-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const ARTICLE: &str = "Why the bridge must be built\n\nBy A. Writer\n\nThe old bridge can no \
    longer carry the traffic. Queues have doubled since 2015.\n\nPhoto: the bridge at dawn (AP \
    Photo)\n\nThe city should build it this year, before it fails.\n";

#[test]
fn init_writes_a_map_that_check_says_needs_only_its_thesis() {
    let dir = folder("init");
    std::fs::write(dir.join("bridge.txt"), ARTICLE).unwrap();
    let out = argwalk(&["init", "bridge.txt"], &dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let map = std::fs::read_to_string(dir.join("bridge.toml")).unwrap();
    assert!(map.starts_with("#:schema argwalk.schema.json"));
    assert!(map.contains("outside = [1, 2, 4]"), "{map}");
    assert!(map.contains("#   3  The old bridge"), "{map}");
    // The schema named by `#:schema` is there, and is the one `argwalk schema` prints.
    let schema = std::fs::read_to_string(dir.join("argwalk.schema.json")).unwrap();
    assert_eq!(
        schema,
        String::from_utf8(argwalk(&["schema"], &dir).stdout).unwrap()
    );
    // `check`: exactly one error, the thesis to write, and nothing else.
    let check = argwalk(&["check", "bridge.toml"], &dir);
    assert_eq!(check.status.code(), Some(1));
    let text = String::from_utf8(check.stdout).unwrap();
    assert_eq!(text.matches("error:").count(), 1, "{text}");
    assert!(
        text.contains("`text` is empty") && text.contains("bridge.toml:"),
        "{text}"
    );
    assert!(text.contains("what the article argues"), "{text}");
    assert!(!text.contains("remove the key"), "{text}");
    assert!(text.contains("1 error, 0 warnings"), "{text}");
    // Writing the thesis is all it takes to open the map.
    let done = map.replace("text = \"\"", "text = \"Build it.\"\ncite = [5]");
    std::fs::write(dir.join("bridge.toml"), done).unwrap();
    let check = argwalk(&["check", "bridge.toml"], &dir);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    // Never overwritten; -o chooses another name.
    let again = argwalk(&["init", "bridge.txt"], &dir);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("never overwrites"));
    let other = argwalk(&["init", "bridge.txt", "-o", "second.toml"], &dir);
    assert!(other.status.success());
    assert!(dir.join("second.toml").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn init_example_writes_the_built_in_map_to_edit() {
    let dir = folder("example");
    let out = argwalk(&["init", "--example", "ex"], &dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let check = argwalk(&["check", "ex/astana-talks.toml"], &dir);
    assert_eq!(check.status.code(), Some(0));
    let again = argwalk(&["init", "--example", "ex"], &dir);
    assert_eq!(again.status.code(), Some(2), "never overwrites");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn paragraphs_lists_the_numbering_even_of_a_broken_map() {
    let dir = folder("paragraphs");
    std::fs::write(dir.join("bridge.txt"), ARTICLE).unwrap();
    let out = argwalk(&["paragraphs", "bridge.txt"], &dir);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(" 3  The old bridge can no longer carry the traffic."),
        "{text}"
    );
    argwalk(&["init", "bridge.txt"], &dir);
    // The map is broken (no thesis text) and still lists its article, outside ones marked.
    let out = argwalk(&["paragraphs", "bridge.toml"], &dir);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("(2) By A. Writer [outside the argument]"),
        "{text}"
    );
    assert!(text.contains(" 5  The city should build it"), "{text}");
}

#[test]
fn an_article_that_is_not_utf8_is_placed_by_line_and_column() {
    let dir = folder("latin1");
    std::fs::write(
        dir.join("old.txt"),
        b"First line.\n\nSecond caf\xe9 line.\n",
    )
    .unwrap();
    let out = argwalk(&["init", "old.txt"], &dir);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("old.txt:3:11: not UTF-8"), "{err}");
}

/// `argwalk schema` and docs/map.schema.json are the same text.
#[test]
fn the_schema_in_docs_is_the_one_printed() {
    let printed = argwalk(&["schema"], Path::new(".")).stdout;
    let docs = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/map.schema.json")).unwrap();
    assert_eq!(
        String::from_utf8(printed).unwrap(),
        String::from_utf8(docs).unwrap(),
        "run `cargo run -- schema > docs/map.schema.json`"
    );
}

/// TOML as the JSON a schema validator reads (dates as strings, as TOML editors do).
fn json_of(value: toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => serde_json::Value::String(s),
        toml::Value::Integer(i) => serde_json::Value::from(i),
        toml::Value::Float(f) => serde_json::Value::from(f),
        toml::Value::Boolean(b) => serde_json::Value::Bool(b),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(a) => serde_json::Value::Array(a.into_iter().map(json_of).collect()),
        toml::Value::Table(t) => {
            serde_json::Value::Object(t.into_iter().map(|(k, v)| (k, json_of(v))).collect())
        }
    }
}

fn validator() -> (boon::Schemas, boon::SchemaIndex) {
    let schema: serde_json::Value = serde_json::from_str(&argwalk::map::schema::text()).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("map.schema.json", schema).unwrap();
    let index = compiler.compile("map.schema.json", &mut schemas).unwrap();
    (schemas, index)
}

fn errors_of(toml_text: &str) -> Option<String> {
    let (schemas, index) = validator();
    let value: toml::Value = toml::from_str(toml_text).unwrap();
    schemas
        .validate(&json_of(value), index)
        .err()
        .map(|e| format!("{e:#}"))
}

#[test]
fn shipped_maps_and_format_examples_follow_the_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for entry in std::fs::read_dir(root.join("argument-maps")).unwrap() {
        let path = entry.unwrap().path();
        // Maps only: a motion (`*.motion.toml`) has a schema of its own (tests/debate.rs).
        if path.extension().is_some_and(|e| e == "toml")
            && !argwalk::team::library::is_debate(&path)
        {
            let text = std::fs::read_to_string(&path).unwrap();
            assert_eq!(errors_of(&text), None, "{}", path.display());
            checked += 1;
        }
    }
    let format = std::fs::read_to_string(root.join("docs/FORMAT.md")).unwrap();
    for block in format.split("```toml\n").skip(1) {
        let toml_text = block.split("```").next().unwrap();
        // Fragments (a key or two) are shown in FORMAT.md too; whole maps have a [source].
        if toml_text.contains("[source]") && toml_text.contains("[thesis]") {
            assert_eq!(errors_of(toml_text), None, "{toml_text}");
            checked += 1;
        }
    }
    assert!(checked >= 2, "{checked} maps checked");
}

#[test]
fn the_schema_flags_what_an_editor_should_flag() {
    let good = argwalk::map::loader::BUILTIN_MAP;
    for (from, to) in [
        ("title = \"", "titel = \""),
        ("id = \"T\"", "id = 42"),
        ("conceded = true", "conceded = \"yes\""),
    ] {
        assert!(good.contains(from), "{from}");
        let bad = good.replacen(from, to, 1);
        assert!(errors_of(&bad).is_some(), "{to} passes the schema");
    }
}

/// taplo (the TOML toolkit behind Even Better TOML and Helix's TOML support) reads the schema
/// as editors do: shipped maps pass, a wrong type and an unknown key are flagged at their line,
/// and a fresh `init` is flagged only for the thesis still to write. `.ci/run` installs
/// `@taplo/cli` from the npm registry and runs this with `--ignored`.
#[test]
#[ignore = "needs taplo (npm install @taplo/cli); run with `cargo test --test authoring -- --ignored` (CI does)"]
fn taplo_checks_maps_against_the_schema() {
    let taplo = std::env::var("ARGWALK_TAPLO").unwrap_or_else(|_| "taplo".into());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema = format!("file://{}", root.join("docs/map.schema.json").display());
    let run = |file: &Path| {
        Command::new(&taplo)
            .args(["check", "--schema", &schema])
            .arg(file)
            .output()
            .expect("taplo runs")
    };
    let shipped = run(&root.join("argument-maps/astana-talks.toml"));
    assert!(
        shipped.status.success(),
        "{}",
        String::from_utf8_lossy(&shipped.stderr)
    );
    let dir = folder("taplo");
    let bad = argwalk::map::loader::BUILTIN_MAP
        .replacen("conceded = true", "conceded = \"yes\"", 1)
        .replacen("label = ", "lable = ", 1);
    std::fs::write(dir.join("bad.toml"), bad).unwrap();
    let out = run(&dir.join("bad.toml"));
    let text =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success());
    assert!(text.contains("is not of type \"boolean\""), "{text}");
    assert!(text.contains("lable"), "{text}");
    // A fresh init names its schema itself (`#:schema`): only the empty thesis is flagged.
    std::fs::write(dir.join("bridge.txt"), ARTICLE).unwrap();
    argwalk(&["init", "bridge.txt"], &dir);
    let out = Command::new(&taplo)
        .arg("check")
        .arg("bridge.toml")
        .current_dir(&dir)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        text.contains("bridge.toml:") && text.contains("text = \"\""),
        "{text}"
    );
    assert_eq!(text.matches("error: ").count(), 1, "{text}");
}

/// `--config` and the display switches go before a subcommand or after it alike; the reader's
/// own options with a subcommand are refused by name (a restricted session runs none: no export
/// to a path), and nothing is written.
#[test]
fn options_go_before_or_after_a_subcommand() {
    let dir = folder("order");
    std::fs::write(dir.join("c.toml"), "[display]\nascii = true\n").unwrap();
    for args in [
        &["--config", "c.toml", "config"][..],
        &["config", "--config", "c.toml"][..],
    ] {
        let out = argwalk(args, &dir);
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "The configuration is fine.\n"
        );
    }
    std::fs::write(dir.join("c.toml"), "[display]\nascii = 3\n").unwrap();
    let out = argwalk(&["--config", "c.toml", "config"], &dir);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("c.toml:2:9"),
        "{out:?}"
    );
    // --ascii before `read` reaches it: E2b's quote, with its curly quote, comes out in ASCII.
    let mut read = support::cli::argwalk();
    read.args(["--ascii", "read"]).current_dir(&dir);
    let out = support::cli::run(read, "go E2b\nq\n");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.stdout.is_ascii() && text.contains("Shiafication"),
        "{text}"
    );
    let lib = dir.join("lib");
    std::fs::create_dir_all(&lib).unwrap();
    let out = argwalk(
        &[
            "--restricted",
            "--library",
            lib.to_str().unwrap(),
            "export",
            "--to",
            "dot",
            "-o",
            "stolen.dot",
        ],
        &dir,
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("--restricted is an option of the reader: it takes no subcommand"),
        "{out:?}"
    );
    assert!(!dir.join("stolen.dot").exists());
}
