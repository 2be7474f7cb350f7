//! `argwalk export`: each format checked for what it must hold, and read back by the peer tool
//! that consumes it (Graphviz, the Argdown CLI, Anki's own library). The peer-tool tests are
//! `#[ignore]`d in a plain `cargo test` (they need the tools); `.ci/run` installs the tools from
//! the package registries and runs them with `--ignored`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use argwalk::interchange::export::{self, Format, Options};
use argwalk::map::loader::{self, Builtin};
use argwalk::map::model::ArgumentMap;
use argwalk::study::{Judgement, Layer, Side};

mod support;

fn astana() -> ArgumentMap {
    loader::load_builtin().map.unwrap()
}

/// A map with an unanswered objection, a cross-link and a claim by someone else.
const SMALL: &str = r#"
[source]
title = "A small \"quoted\" case"
paragraphs = ["The bridge is old.", "Queues doubled since 2015.", "It costs too much, say critics."]

[thesis]
id = "T"
label = "Build the bridge"
text = "The city should build the bridge."
cite = [1]

[[premise]]
id = "P1"
supports = "T"
text = "The old bridge is failing."
cite = [{ para = 1, quote = "The bridge is old." }]

[[premise]]
id = "P2"
supports = "T"
by = "the traffic office"
text = "Traffic has outgrown it."
cite = [2]

[[evidence]]
id = "E1"
supports = ["P1", "P2"]
text = "Queues doubled."
cite = [{ para = 2, quote = "Queues doubled since 2015." }]

[[counterpoint]]
id = "O1"
attacks = "T"
conceded = true
text = "It costs too much."
cite = [{ para = 3, quote = "It costs too much" }]
"#;

fn small() -> ArgumentMap {
    let l = loader::load_str("small.toml", SMALL, &Builtin);
    l.map
        .unwrap_or_else(|| panic!("{}", l.report.render(false)))
}

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("argwalk-export-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_prep_sheet_has_the_case_the_answers_the_weak_spots_and_your_notes() {
    let map = small();
    let mut layer = Layer {
        side: Some(Side::Against),
        ..Layer::default()
    };
    layer.node_mut("P1").judgement = Some(Judgement::Doubtful);
    layer.node_mut("P1").note = "Ask for the inspection report.".into();
    let sheet = export::render(
        &map,
        Format::Markdown,
        Options {
            layer: Some(&layer),
        },
    );
    for want in [
        "# Prep sheet: A small \"quoted\" case",
        "You argue **against** the thesis.",
        "**T** **Build the bridge.** The city should build the bridge. (¶1)",
        "- Premise **P1** The old bridge is failing. (¶1)",
        "> \"The bridge is old.\" (¶1)",
        "*Your verdict: doubtful.*",
        "*Your note: Ask for the inspection report.*",
        "- Evidence **E1** Queues doubled.",
        "\\[claimed by the traffic office\\]",
        "If we say: **O1** It costs too much.",
        "The author concedes it, and does not answer it.",
        "## Weak spots",
        "[attack]",
    ] {
        assert!(sheet.contains(want), "missing {want:?} in:\n{sheet}");
    }
    // E1 supports P2 too: listed once, where the tree puts it, the cross-link named on it.
    assert_eq!(sheet.matches("- Evidence **E1**").count(), 1, "{sheet}");
    assert!(sheet.contains("also supports P2"), "{sheet}");
    // A conceded objection is not also "unanswered".
    assert!(!sheet.contains("UNANSWERED"), "{sheet}");
    let bare = export::render(&map, Format::Markdown, Options { layer: None });
    assert!(!bare.contains("Your note") && !bare.contains("You argue"));
}

#[test]
fn the_json_export_is_versioned_and_names_nodes_by_id() {
    let map = small();
    let json: serde_json::Value =
        serde_json::from_str(&export::render(&map, Format::Json, Options { layer: None })).unwrap();
    assert_eq!(json["format"], "argwalk-map");
    assert_eq!(json["version"], 1);
    assert_eq!(json["thesis"], "T");
    let e1 = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "E1")
        .unwrap();
    assert_eq!(e1["parent"], "P1");
    assert_eq!(e1["also"][0]["id"], "P2");
    assert_eq!(e1["also"][0]["link"], "supports");
    // `outline --json` is the same document.
    let a = support::cli::argwalk()
        .args(["outline", "--json"])
        .output()
        .unwrap()
        .stdout;
    let b = support::cli::argwalk()
        .args(["export", "--to", "json"])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(a, b);
}

#[test]
fn aif_has_an_i_node_per_node_and_a_scheme_per_link() {
    let map = small();
    let aif: serde_json::Value =
        serde_json::from_str(&export::render(&map, Format::Aif, Options { layer: None })).unwrap();
    let nodes = aif["nodes"].as_array().unwrap();
    let count = |t: &str| nodes.iter().filter(|n| n["type"] == t).count();
    assert_eq!(count("I"), map.nodes.len());
    // Four tree links and one cross-link: P1, P2, E1 (twice) support; O1 attacks.
    assert_eq!(count("RA"), 4);
    assert_eq!(count("CA"), 1);
    let ids: std::collections::HashSet<&str> = nodes
        .iter()
        .map(|n| n["nodeID"].as_str().unwrap())
        .collect();
    for e in aif["edges"].as_array().unwrap() {
        assert!(
            ids.contains(e["fromID"].as_str().unwrap())
                && ids.contains(e["toID"].as_str().unwrap())
        );
    }
    // Issue 16.4: the text as written; conceded and implicit as properties; the key AIFdb
    // reads for schemes present.
    let o1 = nodes.iter().find(|n| n["argwalkID"] == "O1").unwrap();
    assert_eq!(o1["text"], "It costs too much.");
    assert_eq!(o1["properties"]["conceded"], true);
    assert_eq!(o1["properties"]["implicit"], false);
    assert_eq!(aif["schemefulfillments"], serde_json::json!([]));
}

#[test]
fn exports_write_to_a_file_with_o() {
    let dir = folder("o");
    let out = dir.join("sheet.md");
    let status = support::cli::argwalk()
        .args(["export", "--to", "markdown", "--no-notes", "-o"])
        .arg(&out)
        .env("ARGWALK_STATE_DIR", dir.join("state"))
        .status()
        .unwrap();
    assert!(status.success());
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("# Prep sheet: Astana")
    );
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// Graphviz renders the graph without a warning.
#[test]
#[ignore = "needs Graphviz (apt-get install graphviz); CI runs it with --ignored"]
fn graphviz_renders_the_dot_export_without_warnings() {
    let dir = folder("dot");
    for (name, map) in [("astana", astana()), ("small", small())] {
        let dot = write(
            &dir,
            &format!("{name}.dot"),
            &export::render(&map, Format::Dot, Options { layer: None }),
        );
        let out = Command::new("dot")
            .arg("-Tsvg")
            .arg(&dot)
            .output()
            .expect("dot runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "warnings: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let svg = String::from_utf8(out.stdout).unwrap();
        assert!(svg.contains("<svg"));
        for n in &map.nodes {
            assert!(
                svg.contains(&format!("<title>{}</title>", n.id)),
                "{} drawn",
                n.id
            );
        }
    }
}

/// The official Argdown CLI parses the export and finds a statement per node and a relation
/// per link.
#[test]
#[ignore = "needs the Argdown CLI (npm install @argdown/cli); CI runs it with --ignored"]
fn the_argdown_cli_reads_the_same_statements_and_relations() {
    let argdown = std::env::var("ARGWALK_ARGDOWN").unwrap_or_else(|_| "argdown".into());
    let dir = folder("argdown");
    // Issue 16.1: a title Argdown's YAML front matter chokes on, and text with every ASCII
    // punctuation mark, a URL, a comment opener, braces and what argwalk used to rewrite.
    let hostile_text =
        "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ see https://x.org/a /* c */ [sic] #1 @a {k: v}";
    let toml_escaped = hostile_text.replace('\\', "\\\\").replace('"', "\\\"");
    let hostile = {
        let text = SMALL
            .replace(
                "title = \"A small \\\"quoted\\\" case\"",
                "title = \"- Government's new tool in the drug war: a muzzle {x} // y:\"",
            )
            .replace(
                "text = \"The old bridge is failing.\"",
                &format!("text = \"{toml_escaped}\""),
            );
        let l = loader::load_str("hostile.toml", &text, &Builtin);
        let map = l
            .map
            .unwrap_or_else(|| panic!("{}", l.report.render(false)));
        assert!(map.source.title.contains("muzzle") && map.nodes[1].text.contains("[sic]"));
        map
    };
    for (name, map) in [
        ("astana", astana()),
        ("small", small()),
        ("hostile", hostile),
    ] {
        let file = write(
            &dir,
            &format!("{name}.argdown"),
            &export::render(&map, Format::Argdown, Options { layer: None }),
        );
        let out = Command::new(&argdown)
            .arg("json")
            .arg(&file)
            .arg(&dir)
            .output()
            .expect("argdown runs");
        let log = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && !log.to_lowercase().contains("error"),
            "{log}"
        );
        let json: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(
            json["statements"].as_object().unwrap().len(),
            map.nodes.len(),
            "{name}"
        );
        let links = map.nodes.iter().filter(|n| n.parent.is_some()).count()
            + map.nodes.iter().map(|n| n.also.len()).sum::<usize>();
        assert_eq!(json["relations"].as_array().unwrap().len(), links, "{name}");
        let attacks = json["relations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["relationType"] == "attack")
            .count();
        let want = map.nodes.iter().filter(|n| n.role.attacks()).count()
            + map
                .nodes
                .iter()
                .flat_map(|n| &n.also)
                .filter(|(_, l)| *l == argwalk::map::model::Link::Attacks)
                .count();
        assert_eq!(attacks, want, "{name}");
        // Every statement's text as written, and its quotes as data.
        for n in &map.nodes {
            let member = &json["statements"][n.id.as_str()]["members"][0];
            let text = member["text"].as_str().unwrap();
            let want = match &n.label {
                Some(l) => format!("{l}: {}", n.text),
                None => n.text.clone(),
            };
            assert!(
                text.starts_with(&want),
                "{name} {}: {text:?}\nwant {want:?}",
                n.id
            );
            let quotes: Vec<&str> = n
                .citations
                .iter()
                .filter_map(|c| c.quote.as_ref())
                .map(|q| q.text.as_str())
                .collect();
            if !quotes.is_empty() {
                assert_eq!(
                    member["data"]["quotes"],
                    serde_json::json!(quotes),
                    "{name}"
                );
            }
        }
    }
}

/// Anki's own library imports the cards into a fresh collection, every one of them.
#[test]
#[ignore = "needs the anki Python package (pip install anki); CI runs it with --ignored"]
fn anki_imports_every_card() {
    let dir = folder("anki");
    // Issue 16.2: text that begins with a straight quote, balanced or not, and HTML.
    let quoted = small_with(&[
        (
            "The old bridge is failing.",
            "\\\"Old\\\" is the word: <b>failing</b> & worse",
        ),
        ("Queues doubled.", "\\\"Queues doubled, a tab\\there"),
    ]);
    for (name, map) in [("astana", astana()), ("small", small()), ("quoted", quoted)] {
        let file = write(
            &dir,
            &format!("{name}.txt"),
            &export::render(&map, Format::Anki, Options { layer: None }),
        );
        let (cards, deck, notes) = support::cli::anki_import(&[file]).remove(0);
        assert_eq!(cards, export::anki_card_count(&map), "{name}");
        assert!(deck.contains("argwalk::"), "the deck");
        // Each note whole: three fields, its tags two words, the text as written.
        assert_eq!(notes.len(), cards, "{name}");
        for note in &notes {
            assert_eq!(note.len(), 3, "{name}: {note:?}");
            assert!(note[2].starts_with("argwalk "), "{name}: tags {note:?}");
        }
        if name == "quoted" {
            let fronts: Vec<&str> = notes.iter().map(|n| n[0].as_str()).collect();
            assert!(
                fronts
                    .iter()
                    .any(|f| f
                        .contains("\"Old\" is the word: &lt;b&gt;failing&lt;/b&gt; &amp; worse")),
                "{fronts:#?}"
            );
            let backs: Vec<&str> = notes.iter().map(|n| n[1].as_str()).collect();
            assert!(
                backs
                    .iter()
                    .any(|b| b.starts_with("\"Queues doubled, a tab here")),
                "{backs:#?}"
            );
        }
    }
}

/// The small map with some node texts replaced (`from`, `to` as TOML string contents).
fn small_with(replace: &[(&str, &str)]) -> ArgumentMap {
    let mut text = SMALL.to_string();
    for (from, to) in replace {
        text = text.replace(&format!("text = \"{from}\""), &format!("text = \"{to}\""));
    }
    loader::load_str("small.toml", &text, &Builtin)
        .map
        .expect("the edited map loads")
}

/// Two quotes from one paragraph are one place to look: "(¶16)", never "(¶16, ¶16)", in every
/// export that lists where a node cites.
#[test]
fn a_paragraph_cited_twice_is_named_once() {
    let map = astana();
    let r7 = &map.nodes[map.find("R7").unwrap()];
    assert!(r7.citations.len() >= 2 && r7.cite_labels("¶", "–") == ["¶16"]);
    for format in [Format::Markdown, Format::Argdown, Format::Anki] {
        let out = export::render(&map, format, Options { layer: None });
        assert!(!out.contains("¶16, ¶16"), "{format:?}");
    }
    let outline = argwalk::map::outline::render(&map);
    assert!(!outline.contains("¶16, ¶16"));
}

/// Issue 16.3: the prep sheet holds every node once, wherever it hangs (evidence on the thesis
/// or on an objection, a premise backing an objection, a cross-link), each quote a block quote
/// of its own, and text as text: a CommonMark parser finds no HTML and every id once.
#[test]
fn the_prep_sheet_holds_every_node_once_and_escapes_its_text() {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let text = r##"
[source]
title = "Sheet <b>test</b>"
paragraphs = ["One: the bridge is old.", "Two: queues doubled.", "Three: it costs too much.", "Four: <script>alert(1)</script> *x* _y_ [l](u) `c` | # h"]

[thesis]
id = "T"
text = "Build the bridge <script>alert(1)</script>."
cite = [1]

[[evidence]]
id = "E0"
supports = "T"
text = "Straight to the thesis: *not emphasis* and _not either_."
cite = [{ para = 1, quote = "the bridge is old" }]

[[premise]]
id = "P1"
supports = "T"
text = "Traffic has [grown](http://x) | a lot."
cite = [{ para = 2, quote = "queues doubled" }, { para = 1, quote = "One" }]

[[evidence]]
id = "E1"
supports = ["P1", "T"]
text = "Queues `doubled`."
cite = [2]

[[counterpoint]]
id = "O1"
attacks = "T"
by = "critics"
text = "# It costs too much."
cite = [{ para = 3, quote = "it costs too much" }]

[[premise]]
id = "P9"
supports = "O1"
text = "Budgets are tight."
cite = [3]

[[evidence]]
id = "E9"
supports = "O1"
text = "The audit."
cite = [{ para = 4, quote = "<script>alert(1)</script>" }]

[[counterpoint]]
id = "R1"
attacks = "O1"
text = "It pays for itself."
cite = [2]
"##;
    let l = loader::load_str("sheet.toml", text, &Builtin);
    let map = l
        .map
        .unwrap_or_else(|| panic!("{}", l.report.render(false)));
    let sheet = export::render(&map, Format::Markdown, Options { layer: None });
    let mut strong = Vec::new();
    let mut in_strong = false;
    let mut quotes = 0;
    let mut html = Vec::new();
    let mut plain = String::new();
    for event in Parser::new(&sheet) {
        match event {
            Event::Start(Tag::Strong) => in_strong = true,
            Event::End(TagEnd::Strong) => in_strong = false,
            Event::Start(Tag::BlockQuote(_)) => quotes += 1,
            Event::Html(h) | Event::InlineHtml(h) => html.push(h.to_string()),
            Event::Text(t) => {
                if in_strong {
                    strong.push(t.to_string());
                }
                plain.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => plain.push(' '),
            _ => {}
        }
    }
    assert!(html.is_empty(), "HTML got through: {html:?}\n{sheet}");
    for n in &map.nodes {
        let times = strong.iter().filter(|s| **s == n.id).count();
        assert_eq!(times, 1, "{} printed {times} times:\n{sheet}", n.id);
        assert!(
            plain.contains(&n.text),
            "{}'s text as written: {:?}\n{sheet}",
            n.id,
            n.text
        );
    }
    let want: usize = map
        .nodes
        .iter()
        .map(|n| n.citations.iter().filter(|c| c.quote.is_some()).count())
        .sum();
    assert_eq!(quotes, want, "each quote its own block quote:\n{sheet}");
    // An objection's own backing is under it, not in the case.
    let case = &sheet[sheet.find("## The case").unwrap()..sheet.find("## Objections").unwrap()];
    assert!(
        !case.contains("**P9**") && !case.contains("**E9**"),
        "{case}"
    );
    assert!(
        case.contains("**E0**"),
        "evidence on the thesis is in the case: {case}"
    );
    // Claimed by critics is no weak spot of an objection.
    assert!(!sheet.contains("claimed by someone other"), "{sheet}");
}

/// Issue 25.9: the JSON export (and `outline --json`) and the printed outline carry each
/// step's scheme and the questions a node answers, so a script or a printout keeps them.
#[test]
fn schemes_and_answers_go_into_json_and_the_outline() {
    let mill = std::path::Path::new("argument-maps/mill-on-liberty-ch2.toml");
    let map = loader::load_path(mill).unwrap().map.unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&export::render(&map, Format::Json, Options { layer: None })).unwrap();
    let nodes = json["nodes"].as_array().unwrap();
    assert!(
        nodes.iter().any(|n| n["scheme"] == "consequences"),
        "{nodes:?}"
    );
    assert!(
        nodes
            .iter()
            .any(|n| n["answers"] == serde_json::json!(["likelihood"])),
        "{nodes:?}"
    );
    assert!(
        nodes
            .iter()
            .all(|n| n.get("scheme").is_some() && n["answers"].is_array())
    );
    let outline = argwalk::map::outline::render(&map);
    assert!(
        outline.contains("Scheme: argument from consequences"),
        "{outline}"
    );
    assert!(outline.contains("Answers: likelihood"), "{outline}");
}
