//! The weak spots' rules, row by row as docs/WEAK-SPOTS.md sets them out: for every kind of
//! node (a claim of the thesis's case, an answer of it, a claim and a counterpoint of the
//! opposing case) and every verdict, whether it is a weak spot, of which case, and what each
//! side is told to do with it (defend or attack).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use argwalk::map::loader::{self, Builtin};
use argwalk::map::model::ArgumentMap;
use argwalk::study::prep::{Weakness, stance, weak_spots};
use argwalk::study::{Judgement, Layer, Side};

/// Every kind of node, each supported, quoted and answered so that, judged nothing, none is
/// a weak spot: P1 a claim of the case (E1 behind it), O1 an objection to it, R1 the author's
/// rebuttal of O1, Q1 a premise of the opposing case (behind O1, quoted by F1), O2 an
/// objection the author concedes in part (R2 answers it).
const MAP: &str = r#"
[source]
title = "Every kind of node"
paragraphs = ["One.", "Two.", "Three.", "Four.", "Five."]

[thesis]
id = "T"
text = "The thesis."
cite = [1]

[[premise]]
id = "P1"
supports = "T"
text = "A claim of the case."
cite = [{ para = 1, quote = "One." }]

[[evidence]]
id = "E1"
supports = "P1"
text = "Its evidence."
cite = [{ para = 2, quote = "Two." }]

[[counterpoint]]
id = "O1"
attacks = "P1"
text = "An objection to it."
cite = [{ para = 3, quote = "Three." }]

[[premise]]
id = "Q1"
supports = "O1"
text = "A premise of the objection."
cite = [3]

[[evidence]]
id = "F1"
supports = "Q1"
text = "Its evidence."
cite = [{ para = 3, quote = "Three." }]

[[counterpoint]]
id = "R1"
attacks = "O1"
text = "The author's rebuttal."
cite = [{ para = 4, quote = "Four." }]

[[premise]]
id = "P2"
supports = "T"
text = "Another claim."
cite = [5]

[[evidence]]
id = "E2"
supports = "P2"
text = "Its evidence."
cite = [{ para = 5, quote = "Five." }]
"#;

fn map() -> ArgumentMap {
    let l = loader::load_str("kinds.toml", MAP, &Builtin);
    l.map
        .unwrap_or_else(|| panic!("{}", l.report.render(false)))
}

/// What the weak spots say of `id` judged `verdict`: `None` when it is no weak spot, else
/// its first reason and what the side for and the side against are told.
fn row(id: &str, verdict: Option<Judgement>) -> Option<(Weakness, &'static str, &'static str)> {
    let m = map();
    let mut layer = Layer::default();
    layer.node_mut(id).judgement = verdict;
    let spots = weak_spots(&m, Some(&layer));
    let ix = m.find(id).unwrap();
    let spot = spots.iter().find(|s| s.node == ix)?;
    Some((
        spot.reasons[0],
        stance(Some(Side::For), spot),
        stance(Some(Side::Against), spot),
    ))
}

#[test]
fn judged_nothing_no_node_of_the_fixture_is_a_weak_spot() {
    let m = map();
    let spots = weak_spots(&m, Some(&Layer::default()));
    let ids: Vec<&str> = spots.iter().map(|s| m.nodes[s.node].id.as_str()).collect();
    assert!(spots.is_empty(), "{ids:?}");
}

#[test]
fn a_claim_of_the_case() {
    assert_eq!(row("P1", Some(Judgement::Holds)), None);
    assert_eq!(
        row("P1", Some(Judgement::Doubtful)),
        Some((Weakness::JudgedDoubtful, "defend", "attack"))
    );
    assert_eq!(
        row("P1", Some(Judgement::Fails)),
        Some((Weakness::JudgedFailing, "defend", "attack"))
    );
    assert_eq!(
        row("E1", Some(Judgement::Fails)),
        Some((Weakness::JudgedFailing, "defend", "attack"))
    );
}

#[test]
fn the_authors_rebuttal() {
    // A strong answer is no weak spot of anyone's: the issue's repro said "attack it".
    assert_eq!(row("R1", Some(Judgement::Holds)), None);
    assert_eq!(
        row("R1", Some(Judgement::Doubtful)),
        Some((Weakness::JudgedDoubtful, "defend", "attack"))
    );
    // A weak answer leaves the objection standing: the case's weak spot, not dropped.
    assert_eq!(
        row("R1", Some(Judgement::Fails)),
        Some((Weakness::JudgedFailing, "defend", "attack"))
    );
    assert_eq!(row("R1", None), None);
}

#[test]
fn an_objection_to_the_case() {
    assert_eq!(
        row("O1", Some(Judgement::Holds)),
        Some((Weakness::JudgedStrong, "defend", "attack"))
    );
    assert_eq!(
        row("O1", Some(Judgement::Doubtful)),
        Some((Weakness::JudgedAnswerable, "defend", "attack"))
    );
    // A weak objection: the opposing case's weak spot, for the thesis's side to attack.
    assert_eq!(
        row("O1", Some(Judgement::Fails)),
        Some((Weakness::JudgedFailing, "attack", "defend"))
    );
    assert_eq!(row("O1", None), None);
}

#[test]
fn a_claim_of_the_opposing_case() {
    assert_eq!(row("Q1", Some(Judgement::Holds)), None);
    assert_eq!(
        row("Q1", Some(Judgement::Doubtful)),
        Some((Weakness::JudgedDoubtful, "attack", "defend"))
    );
    assert_eq!(
        row("Q1", Some(Judgement::Fails)),
        Some((Weakness::JudgedFailing, "attack", "defend"))
    );
}

/// The map's own shape, without a verdict: an objection unanswered, granted, granted in part,
/// a counter-rebuttal unanswered, and a claim of either case left unsupported.
#[test]
fn what_the_map_itself_says() {
    let spot = |text: &str, id: &str| {
        let l = loader::load_str("m.toml", text, &Builtin);
        let m = l
            .map
            .unwrap_or_else(|| panic!("{}", l.report.render(false)));
        let spots = weak_spots(&m, None);
        let ix = m.find(id).unwrap();
        spots.iter().find(|s| s.node == ix).map(|s| {
            (
                s.reasons[0],
                stance(Some(Side::For), s),
                stance(Some(Side::Against), s),
            )
        })
    };
    // O1 without R1: unanswered.
    let unanswered = MAP.replace("attacks = \"O1\"", "attacks = \"P2\"");
    assert_eq!(
        spot(&unanswered, "O1"),
        Some((Weakness::Unanswered, "defend", "attack"))
    );
    // R1 moved onto P2 is an objection of its own: the author's reply to nothing.
    let granted = unanswered.replace(
        "text = \"An objection to it.\"",
        "conceded = true\ntext = \"An objection to it.\"",
    );
    assert_eq!(
        spot(&granted, "O1"),
        Some((Weakness::Conceded, "defend", "attack"))
    );
    let in_part = MAP.replace(
        "text = \"An objection to it.\"",
        "conceded = true\ntext = \"An objection to it.\"",
    );
    assert_eq!(
        spot(&in_part, "O1"),
        Some((Weakness::ConcededInPart, "defend", "attack"))
    );
    // A counter-rebuttal (attacking the author's rebuttal), unanswered: it stands against the
    // thesis's case.
    let counter = format!(
        "{MAP}\n[[counterpoint]]\nid = \"C1\"\nattacks = \"R1\"\ntext = \"Back at you.\"\ncite = [{{ para = 4, quote = \"Four.\" }}]\n"
    );
    assert_eq!(
        spot(&counter, "C1"),
        Some((Weakness::Unanswered, "defend", "attack"))
    );
    // An unanswered rebuttal is the author's last word: no weak spot.
    assert_eq!(spot(MAP, "R1"), None);
    // Unsupported claims, of either case.
    let bare = MAP
        .replace("supports = \"P1\"", "supports = \"P2\"")
        .replace("supports = \"Q1\"", "supports = \"P2\"");
    assert_eq!(
        spot(&bare, "P1"),
        Some((Weakness::Unsupported, "defend", "attack"))
    );
    assert_eq!(
        spot(&bare, "Q1"),
        Some((Weakness::Unsupported, "attack", "defend"))
    );
}

/// The issue's repro, through the line mode: a rebuttal judged strong is not the top weak spot
/// and the side for the thesis is never told to attack the author's own answer.
#[test]
fn in_the_line_mode_a_strong_rebuttal_is_no_weak_spot() {
    let dir = support::cli::home().join("weak");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("kinds.toml");
    std::fs::write(&path, MAP).unwrap();
    let mut read = support::cli::argwalk();
    read.arg("read").arg(&path);
    let out = support::cli::run(read, "go R1\nverdict strong\nside for\nweak\n");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Your verdict on R1: strong"), "{text}");
    assert!(text.contains("You argue for the thesis"), "{text}");
    let weak = &text[text.rfind("You argue for the thesis:").unwrap()..];
    assert!(!weak.contains("R1"), "{weak}");
}
