//! The line face's words: the prep views (weak spots, frontlines, the prep sheet) said as
//! plain sentences from the core's own functions, and every answer put into words a speech
//! synthesizer reads as a person would (`¶4` is "paragraph 4"), never Markdown or badges.

use std::fmt::Write as _;

use crate::map::model::{ArgumentMap, Kind, NodeIx};
use crate::study::prep;
use crate::study::{Layer, Side};

/// `text` with the signs a synthesizer spells out put in words: `¶4` "paragraph 4",
/// `¶4–6` (or `¶4-6`) "paragraphs 4 to 6", a lone `¶` "paragraph".
pub(super) fn spoken(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('¶') {
        out.push_str(&rest[..at]);
        rest = &rest[at + '¶'.len_utf8()..];
        let first: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let after = &rest[first.len()..];
        let dash = ['–', '-', '—'].into_iter().find(|&d| after.starts_with(d));
        let last: String = dash
            .map(|d| {
                after[d.len_utf8()..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect()
            })
            .unwrap_or_default();
        match (first.is_empty(), dash, last.is_empty()) {
            (true, _, _) => out.push_str("paragraph"),
            (false, Some(d), false) => {
                let _ = write!(out, "paragraphs {first} to {last}");
                rest = &after[d.len_utf8() + last.len()..];
                continue;
            }
            _ => {
                let _ = write!(out, "paragraph {first}");
            }
        }
        rest = &rest[first.len()..];
    }
    out.push_str(rest);
    out
}

/// "Premise P2: the headline".
fn name(map: &ArgumentMap, ix: NodeIx) -> String {
    let n = &map.nodes[ix];
    format!("{} {}: {}", n.role.name(), n.id, n.headline())
}

/// Where a node is said in the article: `paragraph 5: "the words"`, or its first citation.
fn where_said(map: &ArgumentMap, ix: NodeIx) -> Option<String> {
    prep::where_said(map, ix, "¶", "–").map(|w| spoken(&w))
}

/// The weak spots, most serious first, each with what the reader's side does with it and why.
pub(super) fn weak(map: &ArgumentMap, layer: Option<&Layer>) -> String {
    let side = layer.and_then(|l| l.side);
    let spots = prep::weak_spots(map, layer);
    let mut out = match prep::side_heading(side) {
        Some(head) => format!("{head}.\n"),
        None => "The weak spots of the case, most serious first (side picks your side).\n".into(),
    };
    if spots.is_empty() {
        out.push_str("No weak spot found.\n");
    }
    for (k, spot) in spots.iter().enumerate() {
        let kind = map.nodes[spot.node].kind;
        let why: Vec<&str> = spot.reasons.iter().map(|r| r.describe(kind)).collect();
        let stance = match prep::stance(side, spot) {
            "" => String::new(),
            s => format!("{}{}: ", s[..1].to_uppercase(), &s[1..]),
        };
        let _ = writeln!(
            out,
            "  {}. {stance}{}. Why: {}.",
            k + 1,
            name(map, spot.node),
            why.join("; ")
        );
    }
    orphans(map, layer, &mut out);
    out
}

/// The frontlines: each objection, where it is said, and its answers, in the reader's voice;
/// for the side against the thesis, the lines of attack on each premise.
pub(super) fn front(map: &ArgumentMap, layer: Option<&Layer>) -> String {
    let side = layer.and_then(|l| l.side);
    let voice = prep::voice(side);
    let fronts = prep::frontlines(map);
    let mut out = String::new();
    if fronts.is_empty() {
        out.push_str("The map raises no objection.\n");
    }
    for f in &fronts {
        let o = &map.nodes[f.objection];
        let mut said = match map.target_in_words(f.objection).filter(|_| o.undercuts) {
            Some(step) => format!("{} {}, against {step}: {}", voice.says, o.id, o.headline()),
            None => format!("{} {}", voice.says, name(map, f.objection)),
        };
        if let Some(at) = where_said(map, f.objection) {
            let _ = write!(said, " ({at})");
        }
        let _ = writeln!(out, "{said}.");
        let standing = f.standing(map);
        if let Some((label, words)) = standing.said() {
            let press = if standing.unanswered() {
                voice.unanswered
            } else {
                ""
            };
            let _ = writeln!(out, "  {label}: {words}{press}.");
        }
        for &a in &f.answers {
            let mut answer = format!(
                "  {}{} {}",
                voice.answer[..1].to_uppercase(),
                &voice.answer[1..],
                name(map, a)
            );
            if let Some(at) = where_said(map, a) {
                let _ = write!(answer, " ({at})");
            }
            let _ = writeln!(out, "{answer}.");
        }
        if o.scheme.is_some() {
            for a in prep::questions_to_ask(map, layer, f.objection) {
                let fails = if a.fails { " You judged it fails." } else { "" };
                let _ = writeln!(
                    out,
                    "  {}{}: {}{fails}",
                    voice.ask[..1].to_uppercase(),
                    &voice.ask[1..],
                    a.question.text
                );
            }
        }
    }
    if side == Some(Side::Against) {
        out.push_str("Lines of attack on each premise:\n");
        for (premise, attacks) in prep::lines_of_attack(map) {
            let _ = writeln!(out, "Against {}.", name(map, premise));
            if attacks.is_empty() {
                out.push_str("  No objection in the map: find your own.\n");
            }
            for a in attacks {
                let _ = writeln!(out, "  {}.", name(map, a));
            }
            if map.nodes[premise].scheme.is_some() {
                for a in prep::questions_to_ask(map, layer, premise) {
                    let fails = if a.fails {
                        " You judged it fails the step."
                    } else {
                        ""
                    };
                    let _ = writeln!(out, "  Ask: {}{fails}", a.question.text);
                }
            }
        }
    }
    out
}

/// The prep sheet as plain text: the case, the objections and answers, the weak spots and the
/// reader's notes, every node once. The Markdown export is for print; this is for the ear.
pub(super) fn sheet(map: &ArgumentMap, layer: Option<&Layer>) -> String {
    let s = &map.source;
    let mut out = format!("Prep sheet: {}", s.title);
    if let Some(author) = &s.author {
        let _ = write!(out, ", by {author}");
    }
    out.push_str(".\n");
    match layer.and_then(|l| l.side) {
        Some(Side::For) => out.push_str("You argue for the thesis.\n"),
        Some(Side::Against) => out.push_str("You argue against the thesis.\n"),
        None => {}
    }
    // Each node once, in reading order, indented by depth: first the case (no counterpoint
    // on its way up), then the objections with all that backs and answers them.
    // In one pass down the walk (a parent before its children), not a walk up per node.
    let mut in_case = vec![true; map.nodes.len()];
    let placed: Vec<(NodeIx, usize, bool)> = map
        .walk
        .iter()
        .map(|&ix| {
            let n = &map.nodes[ix];
            in_case[ix] = n.kind != Kind::Counterpoint && n.parent.is_none_or(|p| in_case[p]);
            (ix, n.depth + 1, in_case[ix])
        })
        .collect();
    for (heading, case) in [("The case:\n", true), ("Objections and answers:\n", false)] {
        out.push_str(heading);
        for &(ix, depth, in_case) in &placed {
            if in_case == case {
                said_node(map, ix, layer, depth, &mut out);
            }
        }
    }
    out.push_str("Frontlines:\n");
    out.push_str(&front(map, layer));
    out.push_str("Weak spots:\n");
    out.push_str(&weak(map, layer));
    let objections = prep::frontlines(map).len();
    let _ = writeln!(
        out,
        "{} nodes, {objections} objections. End of the prep sheet.",
        map.nodes.len()
    );
    out
}

/// One node of the sheet: its name, where it is said, the reader's verdict and note.
fn said_node(map: &ArgumentMap, ix: NodeIx, layer: Option<&Layer>, depth: usize, out: &mut String) {
    let n = &map.nodes[ix];
    let _ = write!(
        out,
        "{}{}",
        "  ".repeat(depth.saturating_sub(1)),
        name(map, ix)
    );
    if let Some(by) = &n.by {
        let _ = write!(out, " (claimed by {by})");
    }
    if let Some(at) = where_said(map, ix) {
        let _ = write!(out, ". {}{}", at[..1].to_uppercase(), &at[1..]);
    }
    out.push_str(".\n");
    if let Some(state) = layer.and_then(|l| l.node(&n.id)) {
        if let Some(j) = state.judgement {
            let _ = writeln!(
                out,
                "{}  Your verdict: {}.",
                "  ".repeat(depth.saturating_sub(1)),
                j.word(n.kind)
            );
        }
        if !state.note.is_empty() {
            let _ = writeln!(
                out,
                "{}  Your note: {}",
                "  ".repeat(depth.saturating_sub(1)),
                state.note.replace('\n', " / ")
            );
        }
    }
}

/// The reader's notes on nodes the map no longer has: kept, and said, never dropped.
fn orphans(map: &ArgumentMap, layer: Option<&Layer>, out: &mut String) {
    let Some(layer) = layer else { return };
    let orphans = layer.orphans(map);
    if orphans.is_empty() {
        return;
    }
    out.push_str("Your notes on nodes this map no longer has (kept):\n");
    for id in orphans {
        let note = layer
            .node(id)
            .map(|s| s.note.replace('\n', " / "))
            .unwrap_or_default();
        let _ = writeln!(out, "  {id}: {note}");
    }
}

#[cfg(test)]
mod tests {
    use super::spoken;

    #[test]
    fn paragraph_signs_are_said_in_words() {
        assert_eq!(spoken("(¶4)"), "(paragraph 4)");
        assert_eq!(
            spoken("¶4–6 and ¶7-9"),
            "paragraphs 4 to 6 and paragraphs 7 to 9"
        );
        assert_eq!(spoken("a ¶ alone"), "a paragraph alone");
        assert_eq!(spoken("¶12, ¶3"), "paragraph 12, paragraph 3");
        assert_eq!(spoken("no sign"), "no sign");
        assert_eq!(spoken("¶4–x"), "paragraph 4–x");
    }
}
