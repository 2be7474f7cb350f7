//! Issue 16.5: random maps with hostile text (every ASCII punctuation mark, quotes, tabs,
//! newlines, HTML, Markdown and YAML specials, URLs, C1 and bidi characters) exported to every
//! format and read back by what reads each: serde_json (JSON, AIF) and a CommonMark parser
//! here; the Argdown CLI, Anki's own library and Graphviz in the `#[ignore]`d test, which
//! `.ci/run` runs with the tools installed. Each must find the same nodes, the same relations
//! and the same text.
//!
//! The maps are drawn by proptest from a fixed seed, so a run is repeatable; set
//! `ARGWALK_PEER_SEED` to draw others. A failure prints the map's TOML.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use argwalk::interchange::export::{self, Format, Options};
use argwalk::map::loader;
use argwalk::map::model::ArgumentMap;

mod support;

use support::drawn::{links, maps, step};

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn json_and_aif_read_back_every_node_link_and_text() {
    for (toml, map) in maps(40) {
        let json: serde_json::Value =
            serde_json::from_str(&export::render(&map, Format::Json, Options { layer: None }))
                .unwrap_or_else(|e| panic!("JSON: {e}\n{toml}"));
        let nodes = json["nodes"].as_array().unwrap();
        assert_eq!(nodes.len(), map.nodes.len(), "{toml}");
        let mut read = BTreeSet::new();
        for n in &map.nodes {
            let got = nodes.iter().find(|g| g["id"] == n.id.as_str()).unwrap();
            assert_eq!(got["text"], n.text.as_str(), "{toml}");
            assert_eq!(got["label"].as_str(), n.label.as_deref(), "{toml}");
            if let Some(p) = got["parent"].as_str() {
                let parent = nodes.iter().find(|g| g["id"] == p).unwrap();
                let to = if got["undercuts"] == true && parent["link"] != "attacks" {
                    let mut group = vec![p];
                    group.extend(
                        parent["linked"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|l| l.as_str().unwrap()),
                    );
                    step(&group)
                } else {
                    p.to_string()
                };
                read.insert((
                    n.id.clone(),
                    to,
                    got["link"] == serde_json::json!("attacks"),
                ));
            }
            for also in got["also"].as_array().unwrap() {
                read.insert((
                    n.id.clone(),
                    also["id"].as_str().unwrap().to_string(),
                    also["link"] == serde_json::json!("attacks"),
                ));
            }
        }
        assert_eq!(read, links(&map), "JSON links\n{toml}");

        let aif: serde_json::Value =
            serde_json::from_str(&export::render(&map, Format::Aif, Options { layer: None }))
                .unwrap_or_else(|e| panic!("AIF: {e}\n{toml}"));
        let aif_nodes = aif["nodes"].as_array().unwrap();
        let by_id = |id: &str| {
            aif_nodes
                .iter()
                .find(|n| n["nodeID"] == id)
                .unwrap_or_else(|| panic!("AIF node {id}\n{toml}"))
        };
        let i_nodes: Vec<_> = aif_nodes.iter().filter(|n| n["type"] == "I").collect();
        assert_eq!(i_nodes.len(), map.nodes.len(), "{toml}");
        for n in &map.nodes {
            let i = i_nodes
                .iter()
                .find(|i| i["argwalkID"] == n.id.as_str())
                .unwrap();
            assert_eq!(i["text"], n.text.as_str(), "{toml}");
        }
        // Each RA or CA node sits between I-nodes: from the claims that bear (several, linked,
        // into one RA), to the one they bear on; a CA on an RA undercuts its step.
        let edges = aif["edges"].as_array().unwrap();
        let id = |nid: &serde_json::Value| {
            by_id(nid.as_str().unwrap())["argwalkID"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        };
        let sources = |sid: &serde_json::Value| -> Vec<String> {
            edges
                .iter()
                .filter(|e| {
                    e["toID"] == *sid && by_id(e["fromID"].as_str().unwrap())["type"] == "I"
                })
                .map(|e| id(&e["fromID"]))
                .collect()
        };
        let mut read = BTreeSet::new();
        for scheme in aif_nodes
            .iter()
            .filter(|n| n["type"] == "RA" || n["type"] == "CA")
        {
            let out = edges
                .iter()
                .find(|e| e["fromID"] == scheme["nodeID"])
                .unwrap();
            let target = by_id(out["toID"].as_str().unwrap());
            let to = match target["type"].as_str().unwrap() {
                "I" => id(&target["nodeID"]),
                "RA" => {
                    let premises = sources(&target["nodeID"]);
                    step(&premises.iter().map(String::as_str).collect::<Vec<_>>())
                }
                // An undercut of an attack: against its attacker.
                _ => sources(&target["nodeID"]).remove(0),
            };
            for from in sources(&scheme["nodeID"]) {
                read.insert((from, to.clone(), scheme["type"] == "CA"));
            }
        }
        assert_eq!(read, links(&map), "AIF links\n{toml}");
    }
}

/// Text as a CommonMark parser gives it back: every text and code event, joined.
fn commonmark_text(markdown: &str) -> (String, usize) {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut text = String::new();
    let mut html = 0;
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(_) | Event::Start(Tag::Item | Tag::Paragraph) => text.push(' '),
            Event::Html(_) | Event::InlineHtml(_) => html += 1,
            _ => {}
        }
    }
    (squeeze(&text), html)
}

#[test]
fn a_commonmark_parser_reads_every_node_of_the_prep_sheet_as_text() {
    for (toml, map) in maps(40) {
        let sheet = export::render(&map, Format::Markdown, Options { layer: None });
        let (text, html) = commonmark_text(&sheet);
        assert_eq!(html, 0, "no HTML gets through:\n{sheet}\n{toml}");
        for n in &map.nodes {
            assert!(
                text.contains(&squeeze(&n.text)),
                "{}'s text {:?} is not read back from the sheet:\n{sheet}\n{text}\n{toml}",
                n.id,
                n.text
            );
            assert!(text.contains(&n.id), "{}\n{sheet}", n.id);
        }
    }
}

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("argwalk-peers-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
#[ignore = "needs the Argdown CLI, Anki's Python library and Graphviz; CI runs it with --ignored"]
fn argdown_anki_and_graphviz_read_back_every_node_link_and_text() {
    let all = maps(16);
    argdown(&all);
    anki(&all);
    graphviz(&all);
}

/// The Argdown CLI, on every map at once (one Node.js start).
fn argdown(all: &[(String, ArgumentMap)]) {
    let argdown = std::env::var("ARGWALK_ARGDOWN").unwrap_or_else(|_| "argdown".into());
    let dir = folder("argdown");
    for (i, (_, map)) in all.iter().enumerate() {
        write(
            &dir,
            &format!("m{i}.argdown"),
            &export::render(map, Format::Argdown, Options { layer: None }),
        );
    }
    let out = support::cli::command(&argdown)
        .arg("json")
        .arg(dir.join("*.argdown"))
        .arg(dir.join("json"))
        .output()
        .expect("argdown runs");
    let log =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && !log.to_lowercase().contains("error"),
        "{log}"
    );
    for (i, (toml, map)) in all.iter().enumerate() {
        let json: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join("json").join(format!("m{i}.json")))
                .unwrap_or_else(|e| panic!("m{i}.json: {e}\n{log}")),
        )
        .unwrap();
        let statements = json["statements"].as_object().unwrap();
        assert_eq!(
            statements.len(),
            map.nodes.len(),
            "Argdown statements\n{toml}"
        );
        // Argdown names a statement by its title: ours are the ids.
        let mut read = BTreeSet::new();
        for r in json["relations"].as_array().unwrap() {
            let to = r["to"].as_str().unwrap();
            // An undercut goes to an argument's inference: its step, named by its premises.
            let to = if r["relationType"] == "undercut" {
                let pcs = json["arguments"][to]["members"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find_map(|m| m["pcs"].as_array())
                    .unwrap();
                let premises: Vec<&str> = pcs
                    .iter()
                    .filter(|s| s["role"] == "premise")
                    .map(|s| s["title"].as_str().unwrap())
                    .collect();
                step(&premises)
            } else {
                to.to_string()
            };
            read.insert((
                r["from"].as_str().unwrap().to_string(),
                to,
                r["relationType"] != "support",
            ));
        }
        assert_eq!(read, links(map), "Argdown relations\n{toml}");
        for n in &map.nodes {
            let statement = &json["statements"][n.id.as_str()];
            // Its first member with text (an argument names a statement without its text).
            let member = statement["members"]
                .as_array()
                .unwrap()
                .iter()
                .find(|m| m["text"].as_str().is_some_and(|t| !t.is_empty()))
                .unwrap();
            // Argdown keeps a statement's tags in its text (argwalk's flags: #raised, …).
            let mut text = member["text"].as_str().unwrap_or_default().to_string();
            for t in statement["tags"].as_array().into_iter().flatten() {
                text = text.replace(&format!("#{}", t.as_str().unwrap()), "");
            }
            // The text as written, then the paragraphs it cites.
            let want = match &n.label {
                Some(l) => format!("{l}: {}{}", n.text, n.cites_label()),
                None => format!("{}{}", n.text, n.cites_label()),
            };
            assert_eq!(
                squeeze(&text),
                squeeze(&want),
                "Argdown text of {}\n{toml}",
                n.id
            );
        }
    }
}

/// Anki's own library imports each map's cards into a fresh collection.
fn anki(all: &[(String, ArgumentMap)]) {
    let dir = folder("anki");
    let files: Vec<PathBuf> = all
        .iter()
        .enumerate()
        .map(|(i, (_, map))| {
            write(
                &dir,
                &format!("m{i}.txt"),
                &export::render(map, Format::Anki, Options { layer: None }),
            )
        })
        .collect();
    let read = support::cli::anki_import(&files);
    assert_eq!(read.len(), all.len());
    for ((toml, map), (cards, _, notes)) in all.iter().zip(read) {
        assert_eq!(cards, export::anki_card_count(map), "Anki cards\n{toml}");
        assert_eq!(notes.len(), cards, "{toml}");
        let fields: String = notes
            .iter()
            .map(|n| {
                assert_eq!(n.len(), 3, "three fields: {n:?}\n{toml}");
                assert!(n[2].starts_with("argwalk "), "tags {n:?}\n{toml}");
                format!("{} {} ", n[0], n[1])
            })
            .collect();
        // Each premise and objection has a card that asks about it, as written (HTML-escaped,
        // as Anki shows HTML).
        for n in map.nodes.iter().filter(|n| {
            n.kind == argwalk::map::model::Kind::Premise
                || n.role == argwalk::map::model::Role::Objection
        }) {
            let html = n
                .text
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace(['\t', '\n', '\r'], " ");
            assert!(
                fields.contains(&html),
                "{}'s text not on its card: {html:?}\n{toml}",
                n.id
            );
        }
    }
}

/// Graphviz lays out each map: a node per node, an edge per link, each label as written.
fn graphviz(all: &[(String, ArgumentMap)]) {
    let dir = folder("dot");
    for (i, (toml, map)) in all.iter().enumerate() {
        let file = write(
            &dir,
            &format!("m{i}.dot"),
            &export::render(map, Format::Dot, Options { layer: None }),
        );
        let out = support::cli::command("dot")
            .arg("-Tjson")
            .arg(&file)
            .output()
            .expect("dot runs");
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{}\n{toml}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let objects = json["objects"].as_array().unwrap();
        assert_eq!(objects.len(), map.nodes.len(), "Graphviz nodes\n{toml}");
        let names: Vec<&str> = objects
            .iter()
            .map(|o| o["name"].as_str().unwrap())
            .collect();
        let got: BTreeSet<(String, String)> = json["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let name = |k: &str| names[e[k].as_u64().unwrap() as usize].to_string();
                (name("tail"), name("head"))
            })
            .collect();
        // An arrow for each link, an undercut's to the node whose step it attacks.
        let want: BTreeSet<(String, String)> = map
            .nodes
            .iter()
            .flat_map(|n| {
                n.parent
                    .into_iter()
                    .chain(n.also.iter().map(|&(t, _)| t))
                    .map(|t| (n.id.clone(), map.nodes[t].id.clone()))
            })
            .collect();
        assert_eq!(got, want, "Graphviz edges\n{toml}");
        // The text as drawn: each node's lines in the SVG.
        let svg = support::cli::command("dot")
            .arg("-Tsvg")
            .arg(&file)
            .output()
            .expect("dot runs");
        let svg = String::from_utf8(svg.stdout).unwrap();
        let drawn = svg_nodes(&svg);
        for n in &map.nodes {
            let label = drawn
                .iter()
                .find(|(title, _)| *title == n.id)
                .map(|(_, text)| text.as_str())
                .unwrap_or_else(|| panic!("{} not drawn\n{toml}", n.id));
            assert!(
                squeeze(label).contains(&squeeze(n.headline())),
                "Graphviz draws {}: {label:?}, want {:?}\n{toml}",
                n.id,
                n.headline()
            );
        }
    }
}

/// XML text as read: the entities Graphviz writes turned back into characters.
fn unxml(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let Some(end) = rest[at..].find(';') else {
            break;
        };
        let entity = &rest[at + 1..at + end];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match c {
            Some(c) => out.push(c),
            None => out.push_str(&rest[at..=at + end]),
        }
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    out
}

/// Each node of an SVG Graphviz drew: its title (the node's name) and its lines of text.
fn svg_nodes(svg: &str) -> Vec<(String, String)> {
    svg.split("class=\"node\"")
        .skip(1)
        .map(|g| {
            let g = g.split("</g>").next().unwrap_or_default();
            let between = |open: &str, close: &str, from: &str| -> Vec<String> {
                from.split(open)
                    .skip(1)
                    .filter_map(|t| t.split_once(close).map(|(inner, _)| inner))
                    .map(|inner| unxml(inner.rsplit_once('>').map_or(inner, |(_, t)| t)))
                    .collect()
            };
            let title = between("<title", "</title>", g).join("");
            let text = between("<text", "</text>", g).join(" ");
            (title, text)
        })
        .collect()
}

/// Typography pandoc's `smart` extension sets (curly quotes, dashes, ellipses) read back as
/// the straight characters written.
fn plain_typography(text: &str) -> String {
    text.replace(['“', '”'], "\"")
        .replace(['‘', '’'], "'")
        .replace('—', "---")
        .replace('–', "--")
        .replace('…', "...")
}

/// pandoc, with its own Markdown (not CommonMark) and its defaults, reads each prep sheet and
/// outline as CommonMark does: every node's text as written, no markup made of the text
/// (math, superscripts, citations, links, attributes, raw HTML), each quote a block quote of
/// its own.
#[test]
#[ignore = "needs pandoc (apt-get install pandoc); CI runs it with --ignored"]
fn pandoc_reads_the_prep_sheet_as_commonmark_does() {
    let dir = folder("pandoc");
    let mut all = maps(16);
    all.push((
        "the built-in map".into(),
        loader::load_builtin().map.unwrap(),
    ));
    // The prep sheet, and the outline (`argwalk outline`), which printed the map's words as
    // markup until it escaped them as the sheet does.
    let sheets = all.iter().flat_map(|(toml, map)| {
        [
            (
                toml,
                map,
                export::render(map, Format::Markdown, Options { layer: None }),
            ),
            (toml, map, argwalk::map::outline::render(map)),
        ]
    });
    for (i, (toml, map, sheet)) in sheets.enumerate() {
        let file = write(&dir, &format!("m{i}.md"), &sheet);
        let out = support::cli::command("pandoc")
            .args(["-f", "markdown", "-t", "html"])
            .arg(&file)
            .output()
            .expect("pandoc runs");
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let html = String::from_utf8(out.stdout).unwrap();
        for made in [
            "<sup>",
            "<sub>",
            "class=\"math",
            "class=\"citation",
            "<a ",
            "<img",
            "<script",
            "<del>",
            "<code>",
        ] {
            assert!(
                !html.contains(made),
                "pandoc made {made} of the text:\n{html}\n{sheet}\n{toml}"
            );
        }
        // The same block quotes as CommonMark: one per quote.
        let quotes = map
            .nodes
            .iter()
            .flat_map(|n| &n.citations)
            .filter(|c| c.quote.is_some())
            .count();
        assert_eq!(
            html.matches("<blockquote>").count(),
            quotes,
            "{html}\n{sheet}"
        );
        let text = {
            let mut t = String::new();
            let mut inside = false;
            for c in html.chars() {
                match c {
                    '<' => inside = true,
                    '>' if inside => {
                        inside = false;
                        t.push(' ');
                    }
                    c if !inside => t.push(c),
                    _ => {}
                }
            }
            squeeze(&plain_typography(&unxml(&t)))
        };
        for n in &map.nodes {
            assert!(
                text.contains(&squeeze(&n.text)),
                "{}'s text {:?} is not read back by pandoc:\n{text}\n{sheet}\n{toml}",
                n.id,
                n.text
            );
        }
    }
}
