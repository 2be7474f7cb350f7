//! The shipped maps check clean, and the command line behaves as documented.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use argwalk::map::loader;

mod support;

fn argwalk() -> Command {
    support::cli::argwalk()
}

/// Clean but for the critical questions the articles leave open: those warnings are the
/// articles' gaps, kept for readers to ask (lines of attack), not mistakes of the maps.
#[test]
fn every_shipped_map_checks_clean() {
    let mut seen = 0;
    let mut schemes = 0;
    for entry in std::fs::read_dir("argument-maps").unwrap() {
        let path = entry.unwrap().path();
        // Maps only: the motion and the flow beside them are checked in tests/debate.rs.
        if path.extension().is_some_and(|e| e == "toml")
            && !argwalk::team::library::is_debate(&path)
        {
            let l = loader::load_path(&path).unwrap();
            let others: Vec<_> = l
                .report
                .diagnostics
                .iter()
                .filter(|d| d.label != "open critical questions")
                .collect();
            assert!(others.is_empty(), "{}", l.report.render(false));
            let map = l.map.unwrap();
            schemes += map.nodes.iter().filter(|n| n.scheme.is_some()).count();
            seen += 1;
        }
    }
    assert!(seen >= 1);
    // The library names schemes, so its readers meet critical questions.
    assert!(schemes >= 3, "{schemes}");
}

/// Issue 17.9: the public-domain maps of different kinds, opened as a library, between them
/// using every relation of the format: linked premises, an undercut, an objection the author
/// raises himself, irony noted.
#[test]
fn the_shipped_library_has_public_domain_maps_with_every_relation() {
    let mut library =
        argwalk::team::library::Library::open(std::path::Path::new("argument-maps"), None).unwrap();
    assert!(library.entries.len() >= 4);
    library.summarize(0..library.entries.len());
    let mut linked = 0;
    let mut undercuts = 0;
    let mut raised = 0;
    for e in &library.entries {
        let summary = e.summary.as_deref().unwrap_or_default();
        assert!(!summary.starts_with('('), "{}: {summary}", e.name);
        // The motion and its practice round are listed after the maps, and are none.
        if argwalk::team::library::is_debate(&e.path) {
            continue;
        }
        let map = loader::load_path(&e.path).unwrap().map.unwrap();
        linked += usize::from(map.nodes.iter().any(|n| !n.linked.is_empty()));
        undercuts += usize::from(map.nodes.iter().any(|n| n.undercuts));
        raised += usize::from(map.nodes.iter().any(|n| n.raised));
    }
    assert!(
        linked >= 2 && undercuts >= 3 && raised >= 3,
        "{linked} {undercuts} {raised}"
    );
    for (name, author) in [
        ("thoreau-civil-disobedience.toml", "Henry David Thoreau"),
        ("mill-on-liberty-ch2.toml", "John Stuart Mill"),
        ("douglass-fourth-of-july.toml", "Frederick Douglass"),
    ] {
        let map = loader::load_path(&std::path::Path::new("argument-maps").join(name))
            .unwrap()
            .map
            .unwrap();
        assert_eq!(map.source.author.as_deref(), Some(author));
    }
}

#[test]
fn builtin_map_is_the_shipped_one() {
    let builtin = loader::load_builtin().map.expect("built-in map loads");
    let disk = loader::load_path("argument-maps/astana-talks.toml".as_ref())
        .unwrap()
        .map
        .unwrap();
    assert_eq!(builtin.nodes, disk.nodes);
    assert_eq!(builtin.source.paragraphs.len(), 21);
    let n = builtin.nodes.len();
    assert!((25..=40).contains(&n), "{n} nodes");
    // Caption, disclaimer and submissions line are outside the argument.
    let outside: Vec<usize> = builtin
        .source
        .paragraphs
        .iter()
        .filter(|p| p.outside)
        .map(|p| p.number)
        .collect();
    assert_eq!(outside, [2, 20, 21]);
}

#[test]
fn check_exit_codes() {
    let ok = argwalk()
        .args(["check", "argument-maps/astana-talks.toml"])
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("0 errors, 0 warnings"));

    let dir = std::env::temp_dir().join(format!("argwalk-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "[thesis]\nid = \"T\"\n").unwrap();
    let out = argwalk().arg("check").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("bad.toml:1:1"), "{text}");
    assert!(text.contains("this thesis has no `text`"), "{text}");

    let missing = argwalk()
        .args(["check", "/nonexistent/map.toml"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read"));

    let usage = argwalk().args(["check"]).output().unwrap();
    assert_eq!(usage.status.code(), Some(2));

    let random: Vec<u8> = (0..1_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let junk = dir.join("junk.toml");
    std::fs::write(&junk, random).unwrap();
    let out = argwalk().arg("check").arg(&junk).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("not UTF-8"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn outline_prints_the_whole_map() {
    let out = argwalk().arg("outline").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let map = loader::load_builtin().map.unwrap();
    for node in &map.nodes {
        assert!(
            text.contains(&format!("**{}**", node.id)),
            "{} missing",
            node.id
        );
    }
    assert!(text.starts_with("# Astana and the Iranian roadblock to peace in Syria"));
    assert!(text.contains("> “you break it, you fix it” (¶13)"));
}

#[test]
fn help_and_version() {
    let help = argwalk().arg("--help").output().unwrap();
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("check") && text.contains("outline") && text.contains("--ascii"));
    let version = argwalk().arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("argwalk {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn reader_refuses_a_file_that_is_not_a_map() {
    let out = argwalk().arg("/dev/null").output().unwrap();
    // /dev/null is not a regular file: an I/O error, not a hang.
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn format_md_example_loads() {
    // The complete example of docs/FORMAT.md, beside an article that has its quotes.
    let doc = std::fs::read_to_string("docs/FORMAT.md").unwrap();
    let start = doc.find("```toml\n").unwrap() + "```toml\n".len();
    let example = &doc[start..start + doc[start..].find("```").unwrap()];
    let dir = std::env::temp_dir().join(format!("argwalk-format-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let article = [
        "Photo: the old bridge.",
        "The city must act.",
        "Queues at rush hour have doubled since 2015.",
        "Engineers agree.",
        "It is expensive.",
        "Borrowing is capped.",
        "Grants help.",
        "We should build it this year.",
        "Disclaimer.",
        "Send letters.",
    ]
    .join("\n\n");
    std::fs::write(dir.join("example.txt"), article).unwrap();
    std::fs::write(dir.join("example.toml"), example).unwrap();
    let l = loader::load_path(&dir.join("example.toml")).unwrap();
    assert_eq!(l.report.errors(), 0, "{}", l.report.render(false));
    let map = l.map.unwrap();
    assert_eq!(map.nodes.len(), 6);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn outline_json_is_the_tree() {
    let out = argwalk().args(["outline", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let map = loader::load_builtin().map.unwrap();
    assert!(text.contains("\"role\": \"rebuttal\""), "{}", &text[..400]);
    assert!(text.contains("\"walk\": [\n    \"T\""), "{}", &text[..400]);
    assert!(text.contains("\"version\": 1"));
    assert_eq!(text.matches("\"id\": ").count(), map.nodes.len());
}

/// The manual page and the shell completions come from the command-line definitions: every
/// subcommand is in them, and each is valid for its reader (bash parses the completion script).
#[test]
fn man_page_and_completions_cover_every_command() {
    let man = String::from_utf8(argwalk().arg("man").output().unwrap().stdout).unwrap();
    assert!(man.contains(".TH argwalk 1"));
    for sub in [
        "check",
        "init",
        "paragraphs",
        "outline",
        "export",
        "drill",
        "read",
        "schema",
    ] {
        assert!(man.contains(sub), "man page lacks {sub}");
    }
    for shell in ["bash", "zsh", "fish"] {
        let out = argwalk().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("export") && text.contains("screen-reader"),
            "{shell}"
        );
        if shell == "bash" {
            let mut child = Command::new("bash")
                .arg("-n")
                .stdin(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(text.as_bytes())
                .unwrap();
            assert!(
                child.wait().unwrap().success(),
                "bash reads the completions"
            );
        }
    }
}
