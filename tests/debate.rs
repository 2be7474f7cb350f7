//! Issue 26.1 and 26.3: a motion drawing on many maps, and the formats of debate as data, each
//! checked as a map is (every mistake at its line and column, with what to write), the
//! motion's prep sheet printing both cases and the blocks, every node once, with its source.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use argwalk::debate::motion;

mod support;

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("argwalk-debate-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for f in [
        "mill-on-liberty-ch2.toml",
        "mill-on-liberty-ch2.txt",
        "thoreau-civil-disobedience.toml",
        "thoreau-civil-disobedience.txt",
    ] {
        std::fs::copy(Path::new("argument-maps").join(f), dir.join(f)).unwrap();
    }
    dir
}

fn said(text: &str, dir: &Path) -> Vec<(usize, usize, String)> {
    let (_, report) = motion::read("m.motion.toml", text, dir);
    report
        .diagnostics
        .iter()
        .map(|d| (d.line, d.column, d.message.clone()))
        .collect()
}

/// The shipped motion draws on two shipped articles, checks clean, and its prep sheet has
/// both cases and the blocks, each claim once, with its article, paragraph and quote.
#[test]
fn the_shipped_motion_checks_clean_and_prints_both_cases() {
    let path = Path::new("argument-maps/dissent.motion.toml");
    let (m, report) = motion::load(path).unwrap();
    assert_eq!(report.diagnostics.len(), 0, "{}", report.render(false));
    let m = m.unwrap();
    assert_eq!(m.format.name, "World Schools");
    assert_eq!(
        m.sides,
        ["Proposition".to_string(), "Opposition".to_string()]
    );
    let maps: std::collections::BTreeSet<&str> = m
        .claims
        .iter()
        .filter_map(|c| match &c.source {
            motion::Source::Drawn { map, .. } => Some(map.as_str()),
            motion::Source::Own(_) => None,
        })
        .collect();
    assert_eq!(maps.len(), 2, "two articles");
    let sheet = motion::sheet(&m);
    assert!(sheet.contains("## The case for the Proposition"), "{sheet}");
    assert!(sheet.contains("## The case for the Opposition"), "{sheet}");
    assert!(sheet.contains("(our analysis)"), "{sheet}");
    assert!(sheet.contains("¶6; mill-on-liberty-ch2.toml#R1"), "{sheet}");
    // Every node once: a claim of a case is named by its id in the blocks.
    assert_eq!(
        sheet.matches("mill-on-liberty-ch2.toml#O1").count(),
        1,
        "{sheet}"
    );
    assert!(sheet.contains("if they say **N1** (above)"), "{sheet}");
    // The command line: check and outline.
    let mut cmd = support::cli::argwalk();
    cmd.args(["check", "argument-maps/dissent.motion.toml"]);
    let out = support::cli::run(cmd, "");
    assert!(out.status.success(), "{out:?}");
    let mut cmd = support::cli::argwalk();
    cmd.args(["outline", "argument-maps/dissent.motion.toml"]);
    let out = support::cli::run(cmd, "");
    assert_eq!(String::from_utf8_lossy(&out.stdout), sheet);
    // The library lists the motion and its practice round after the maps, and says what
    // each is (issue 26.2); the class's maps are maps only.
    let mut library =
        argwalk::team::library::Library::open(Path::new("argument-maps"), None).unwrap();
    let names: Vec<&str> = library.entries.iter().map(|e| e.name.as_str()).collect();
    let motion = names
        .iter()
        .position(|n| *n == "dissent.motion.toml")
        .unwrap();
    let flow = names
        .iter()
        .position(|n| *n == "dissent.practice.flow.toml")
        .unwrap();
    assert!(
        names[..motion]
            .iter()
            .all(|n| !n.contains(".motion.") && !n.contains(".flow."))
    );
    library.summarize([motion, flow]);
    let summary = |i: usize| library.entries[i].summary.clone().unwrap_or_default();
    assert!(
        summary(motion).starts_with("motion: This house believes"),
        "{}",
        summary(motion)
    );
    assert!(
        summary(motion).contains("World Schools · 6 claims, 2 blocks"),
        "{}",
        summary(motion)
    );
    assert!(
        summary(flow).starts_with("flow: Practice round"),
        "{}",
        summary(flow)
    );
    assert!(
        summary(flow).contains("10 arguments · 5 drops · at the OR"),
        "{}",
        summary(flow)
    );
    assert!(
        argwalk::team::library::maps_in(Path::new("argument-maps"))
            .unwrap()
            .iter()
            .all(|p| !argwalk::team::library::is_debate(p))
    );
}

/// Each mistake of a motion at its place, all at once, with what to write instead.
#[test]
fn a_motion_with_mistakes_says_each_at_its_place() {
    let dir = folder("mistakes");
    let text = r#"[motion]
text = "This house would trust the majority"
format = "world-school"

[[claim]]
id = "A1"
side = "for"
from = "mill-on-liberty-ch2.toml#P44"

[[claim]]
id = "A1"
side = "neutral"
text = "Twice."

[[claim]]
id = "A3"
side = "for"
from = "../secret.toml#T"

[[claim]]
id = "A4"
side = "against"
from = "nowhere.toml#T"
text = "And my own words."

[[claim]]
id = "A5"
side = "against"

[[block]]
side = "for"
if = "Z9"
answer = ["A1"]
colour = "red"
"#;
    let got = said(text, &dir);
    let expect = [
        (3, 10, "no format `world-school`"),
        (
            8,
            8,
            "the map `mill-on-liberty-ch2.toml` has no node `P44` (removed or renamed?)",
        ),
        (11, 6, "the claim id `A1` is used twice"),
        (12, 8, "no side `neutral`"),
        (
            18,
            8,
            "a motion draws on the maps of its own folder: name one beside it, without a folder",
        ),
        (23, 8, "a claim is drawn from a map or written, not both"),
        (
            26,
            1,
            "this claim says neither where it is from nor what it is",
        ),
        (32, 6, "no claim `Z9` in this motion"),
        (34, 1, "unknown key `colour` in [[block]]"),
    ];
    for (line, column, message) in expect {
        assert!(
            got.contains(&(line, column, message.to_string())),
            "{line}:{column} {message} not in {got:?}"
        );
    }
    // One message a mistake: the block's answer A1 is a claim whose own mistake was said.
    assert_eq!(got.len(), expect.len(), "{got:?}");
    let (m, report) = motion::read("m.motion.toml", text, &dir);
    assert!(m.is_none());
    let rendered = report.render(false);
    assert!(
        rendered.contains("write `format = \"world-schools\"`"),
        "{rendered}"
    );
    assert!(
        rendered.contains("write `mill-on-liberty-ch2.toml#P4`"),
        "{rendered}"
    );
    // On the command line: every message, and exit 1.
    std::fs::write(dir.join("m.motion.toml"), text).unwrap();
    let mut cmd = support::cli::argwalk();
    cmd.arg("check").arg(dir.join("m.motion.toml"));
    let out = support::cli::run(cmd, "");
    assert_eq!(out.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A map edited so that a node a motion draws on is gone: said at the motion's reference, not
/// dropped; the claim's words follow the map as it changes.
#[test]
fn a_node_gone_from_a_map_is_said_and_words_follow_the_map() {
    let dir = folder("edited");
    let text = "[motion]\ntext = \"This house would protect dissent\"\nformat = \"lincoln-douglas\"\n\n[[claim]]\nid = \"A1\"\nside = \"for\"\nfrom = \"mill-on-liberty-ch2.toml#P4\"\n";
    let (m, _) = motion::read("m.motion.toml", text, &dir);
    assert!(m.is_some());
    let map = dir.join("mill-on-liberty-ch2.toml");
    let original = std::fs::read_to_string(&map).unwrap();
    std::fs::write(
        &map,
        original.replace(
            "We can never be sure that the opinion we try to stifle is false",
            "No one can be sure that the opinion we try to stifle is false",
        ),
    )
    .unwrap();
    let (m, _) = motion::read("m.motion.toml", text, &dir);
    assert!(motion::sheet(&m.unwrap()).contains("No one can be sure"));
    std::fs::write(
        &map,
        original
            .replace("id = \"P4\"", "id = \"P4x\"")
            .replace("\"P4\"", "\"P4x\""),
    )
    .unwrap();
    let got = said(text, &dir);
    assert!(
        got.contains(&(
            8,
            8,
            "the map `mill-on-liberty-ch2.toml` has no node `P4` (removed or renamed?)".to_string()
        )),
        "{got:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `argwalk init --motion` starts one that checks clean, listing the maps beside it, and never
/// writes over a file; a format file of a league's own is checked as a map is.
#[test]
fn init_starts_a_motion_and_formats_are_checked() {
    let dir = folder("init");
    let mut cmd = support::cli::argwalk();
    cmd.args(["init", "--motion", "homework"]).current_dir(&dir);
    let out = support::cli::run(cmd, "");
    assert!(out.status.success(), "{out:?}");
    let written = std::fs::read_to_string(dir.join("homework.motion.toml")).unwrap();
    assert!(
        written.contains("#   mill-on-liberty-ch2.toml"),
        "{written}"
    );
    let mut cmd = support::cli::argwalk();
    cmd.args(["check", "homework.motion.toml"])
        .current_dir(&dir);
    let out = support::cli::run(cmd, "");
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 errors"));
    let mut cmd = support::cli::argwalk();
    cmd.args(["init", "--motion", "homework"]).current_dir(&dir);
    let out = support::cli::run(cmd, "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("never overwrites"));
    // Every shipped format checks clean; a broken one is said at its place.
    for name in [
        "policy",
        "public-forum",
        "lincoln-douglas",
        "world-schools",
        "british-parliamentary",
        "american-parliamentary",
    ] {
        let mut cmd = support::cli::argwalk();
        cmd.arg("check")
            .arg(format!("argument-maps/formats/{name}.toml"));
        let out = support::cli::run(cmd, "");
        assert!(out.status.success(), "{name}: {out:?}");
    }
    std::fs::write(
        dir.join("ours.toml"),
        "[format]\nname = \"Ours\"\nsides = [\"A\", \"B\"]\nprep = 2\n\n[[speech]]\nname = \"Opening\"\nshort = \"O\"\nside = 1\n",
    )
    .unwrap();
    let mut cmd = support::cli::argwalk();
    cmd.arg("check").arg(dir.join("ours.toml"));
    let out = support::cli::run(cmd, "");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("this table has no `minutes`"));
    // A motion may name that format file, by its name beside it, once it is right.
    std::fs::write(
        dir.join("ours.toml"),
        "[format]\nname = \"Ours\"\nsides = [\"A\", \"B\"]\nprep = 2\n\n[[speech]]\nname = \"Opening\"\nshort = \"O\"\nside = 1\nminutes = 5\n",
    )
    .unwrap();
    let (m, report) = motion::read(
        "m.motion.toml",
        "[motion]\ntext = \"This house would\"\nformat = \"ours.toml\"\n",
        &dir,
    );
    assert!(report.diagnostics.is_empty(), "{}", report.render(false));
    assert_eq!(m.unwrap().sides, ["A".to_string(), "B".to_string()]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The motion's JSON Schema in docs/ holds the shipped motion and the template `init` writes
/// (once filled in), and refuses what the format does not have.
#[test]
fn the_motion_schema_holds_the_shipped_motion() {
    fn json_of(v: toml::Value) -> serde_json::Value {
        match v {
            toml::Value::String(s) => s.into(),
            toml::Value::Integer(i) => i.into(),
            toml::Value::Float(f) => f.into(),
            toml::Value::Boolean(b) => b.into(),
            toml::Value::Datetime(d) => d.to_string().into(),
            toml::Value::Array(a) => a.into_iter().map(json_of).collect::<Vec<_>>().into(),
            toml::Value::Table(t) => {
                serde_json::Value::Object(t.into_iter().map(|(k, v)| (k, json_of(v))).collect())
            }
        }
    }
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("docs/motion.schema.json").unwrap()).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("motion.schema.json", schema).unwrap();
    let index = compiler
        .compile("motion.schema.json", &mut schemas)
        .unwrap();
    let shipped: toml::Value =
        toml::from_str(&std::fs::read_to_string("argument-maps/dissent.motion.toml").unwrap())
            .unwrap();
    if let Err(e) = schemas.validate(&json_of(shipped), index) {
        panic!("{e:#}");
    }
    let wrong: toml::Value = toml::from_str(
        "[motion]\ntext = \"x\"\nformat = \"policy\"\n[[claim]]\nid = \"A\"\nside = \"for\"\nfrom = \"m.toml#P1\"\ntext = \"both\"\n",
    )
    .unwrap();
    assert!(schemas.validate(&json_of(wrong), index).is_err());
}
