//! Issue 25.1 and 25.2: a fair judge. A student who states the reference's claims in other
//! words, quoting other sentences of the same paragraphs, is not punished; a wrong thesis is
//! said first and not counted; a claim that only shares a paragraph with the reference's is
//! not taken for it; a copy of the reference is flagged.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use argwalk::interchange::compare::{compare, differences, report};
use argwalk::map::loader::{self, Beside};
use argwalk::map::model::ArgumentMap;

fn load_file(path: &Path) -> ArgumentMap {
    let l = loader::load_path(path).unwrap();
    l.map
        .unwrap_or_else(|| panic!("{}", l.report.render(false)))
}

fn load_text(text: &str, beside: &Path) -> ArgumentMap {
    let l = loader::load_str("m.toml", text, &Beside(beside.to_path_buf()));
    l.map
        .unwrap_or_else(|| panic!("{}", l.report.render(false)))
}

/// `paraphrase` with every node citing what the node of the same id in `reference` cites:
/// the same map, the reference's quotes.
fn with_quotes_of(paraphrase: &str, reference: &str) -> String {
    let mut p: toml::Table = toml::from_str(paraphrase).unwrap();
    let r: toml::Table = toml::from_str(reference).unwrap();
    let cites = |t: &toml::Table| -> Vec<(String, toml::Value)> {
        let mut out = Vec::new();
        for (key, v) in t {
            let nodes = match v {
                toml::Value::Array(a) => a.iter().filter_map(|n| n.as_table()).collect(),
                toml::Value::Table(n) if key == "thesis" => vec![n],
                _ => Vec::new(),
            };
            for n in nodes {
                if let (Some(id), Some(cite)) = (n.get("id"), n.get("cite")) {
                    out.push((id.as_str().unwrap().to_string(), cite.clone()));
                }
            }
        }
        out
    };
    let theirs = cites(&r);
    for (key, v) in p.iter_mut() {
        let nodes: Vec<&mut toml::Table> = match v {
            toml::Value::Array(a) => a.iter_mut().filter_map(|n| n.as_table_mut()).collect(),
            toml::Value::Table(n) if key == "thesis" => vec![n],
            _ => Vec::new(),
        };
        for n in nodes {
            let id = n["id"].as_str().unwrap().to_string();
            let (_, cite) = theirs.iter().find(|(i, _)| *i == id).unwrap();
            n.insert("cite".into(), cite.clone());
        }
    }
    toml::to_string(&p).unwrap()
}

/// Each shipped map stated in other words, quoting other sentences: within 5 points of the
/// same map with the shipped map's quotes, every claim found, and the pairs made by text said.
#[test]
fn paraphrase_with_ones_own_quotes_is_not_punished() {
    let fixtures = Path::new("tests/fixtures/paraphrase");
    let mut seen = 0;
    for entry in std::fs::read_dir(fixtures).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        seen += 1;
        let shipped = Path::new("argument-maps").join(path.file_name().unwrap());
        let reference = load_file(&shipped);
        let paraphrase = load_file(&path);
        let own = compare(&paraphrase, &reference);
        let quoted_text = with_quotes_of(
            &std::fs::read_to_string(&path).unwrap(),
            &std::fs::read_to_string(&shipped).unwrap(),
        );
        let quoted = compare(&load_text(&quoted_text, fixtures), &reference);
        assert!(
            (own.overall - quoted.overall).abs() <= 0.05,
            "{}: {} with its own quotes, {} with the reference's\n{}",
            path.display(),
            own.overall,
            quoted.overall,
            report(&own, &reference)
        );
        assert!(own.thesis.matches, "{}", path.display());
        assert!(
            own.missed.is_empty() && own.extra.is_empty(),
            "{}",
            report(&own, &reference)
        );
        assert!(own.pairs.iter().any(|p| p.by_text));
        assert!(report(&own, &reference).contains("by text and place"));
        // Other words are not a copy; the reference itself is.
        assert!(own.copy.is_none());
        assert!(compare(&reference, &reference).copy.is_some());
    }
    assert!(seen >= 2, "the paraphrased maps of the shipped articles");
}

const ARTICLE: &str = r#"[source]
title = "Bikes on the bridge"
paragraphs = [
  "The bridge should have a lane for bikes. Everyone in the city would gain from it.",
  "Cyclists now ride in traffic and are hurt every month. The hospital counts them.",
  "A lane costs little next to the bridge's upkeep. The council has the money.",
  "Drivers say the lane would slow their commute. They drive in every day.",
]
"#;

const REFERENCE: &str = r#"
[thesis]
id = "T"
text = "The bridge should have a bike lane."
cite = [{ para = 1, quote = "The bridge should have a lane for bikes." }]

[[premise]]
id = "P1"
supports = "T"
text = "Cyclists riding in traffic are hurt every month."
cite = [{ para = 2, quote = "Cyclists now ride in traffic and are hurt every month." }]

[[premise]]
id = "P2"
supports = "T"
text = "The lane is cheap next to the bridge's upkeep."
cite = [{ para = 3, quote = "A lane costs little next to the bridge's upkeep." }]

[[counterpoint]]
id = "O1"
attacks = "T"
text = "The lane would slow the drivers' commute."
cite = [{ para = 4, quote = "Drivers say the lane would slow their commute." }]
"#;

fn bikes(body: &str) -> ArgumentMap {
    load_text(&format!("{ARTICLE}{body}"), Path::new("."))
}

/// The issue's minimal case: the reference with its first premise in other words, quoting
/// the next sentence of its paragraph. It was 97%, the premise said missed and extra.
#[test]
fn one_premise_in_other_words_with_the_next_sentence_is_found() {
    let reference = bikes(REFERENCE);
    let student = bikes(&REFERENCE.replace(
        "text = \"Cyclists riding in traffic are hurt every month.\"\ncite = [{ para = 2, quote = \"Cyclists now ride in traffic and are hurt every month.\" }]",
        "text = \"Every month, cyclists in the traffic get hurt.\"\ncite = [{ para = 2, quote = \"The hospital counts them.\" }]",
    ));
    let c = compare(&student, &reference);
    assert!((c.overall - 1.0).abs() < 1e-9, "{}", report(&c, &reference));
    let p1 = c.pairs.iter().find(|p| p.reference == "P1").unwrap();
    assert!(p1.by_text);
    assert!(c.missed.is_empty() && c.extra.is_empty());
}

/// A claim that shares only its paragraph with one of the reference's is a real miss and a
/// real extra, not a pair: citing paragraph numbers alone hides nothing.
#[test]
fn a_claim_sharing_only_a_paragraph_is_not_taken_for_another() {
    let reference = bikes(REFERENCE);
    let student = bikes(&REFERENCE.replace(
        "text = \"The lane is cheap next to the bridge's upkeep.\"\ncite = [{ para = 3, quote = \"A lane costs little next to the bridge's upkeep.\" }]",
        "text = \"The council has money to spend.\"\ncite = [3]",
    ));
    let c = compare(&student, &reference);
    let missed: Vec<&str> = c.missed.iter().map(|m| m.id.as_str()).collect();
    let extra: Vec<&str> = c.extra.iter().map(|m| m.id.as_str()).collect();
    assert_eq!((missed, extra), (vec!["P2"], vec!["P2"]));
}

/// Issue 25.2: a thesis that is the position the author argues against is not found: the
/// verdict comes first, with both texts, in the report and in `D`'s list; the student's node
/// is compared as any other (here it is the reference's objection).
#[test]
fn a_wrong_thesis_is_said_first_and_not_counted() {
    let reference = bikes(REFERENCE);
    let student = bikes(
        r#"
[thesis]
id = "T"
text = "The lane would slow the drivers' commute."
cite = [{ para = 4, quote = "Drivers say the lane would slow their commute." }]

[[premise]]
id = "P1"
supports = "T"
text = "Cyclists riding in traffic are hurt every month."
cite = [{ para = 2, quote = "Cyclists now ride in traffic and are hurt every month." }]
"#,
    );
    let c = compare(&student, &reference);
    assert!(!c.thesis.matches);
    assert!(!c.pairs.iter().any(|p| p.reference == "T"));
    assert!(c.missed.iter().any(|m| m.id == "T"));
    let text = report(&c, &reference);
    assert!(
        text.starts_with("Thesis: yours is not the reference's, so it is not counted as found. Yours: \"The lane would slow the drivers' commute.\" The reference's: \"The bridge should have a bike lane.\""),
        "{text}"
    );
    let items = differences(&c, &student);
    assert!(items[0].text.starts_with("Thesis: yours is not"));
    assert_eq!(items[0].node, Some(student.thesis));
    // Every other difference has somewhere to go: a node of the student's, or the
    // paragraph of the reference's node not mapped.
    for d in &items {
        assert!(d.node.is_some() || d.paragraph.is_some(), "{d:?}");
    }
    // A copy is flagged; this is not one.
    assert!(c.copy.is_none());
    let copy = compare(&reference, &reference);
    assert!(
        report(&copy, &reference).contains("This map is the reference's, or nearly"),
        "{}",
        report(&copy, &reference)
    );
    assert!(differences(&copy, &reference)[1].text.contains("or nearly"));
}
