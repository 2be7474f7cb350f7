//! The prep sheet: what a debater prints and takes into the round. Markdown that reads as
//! plain text too: the thesis, the case (each premise with its evidence and exact quotes), each
//! objection with its answer or marked unanswered, the weak spots, and the reader's notes.

use std::fmt::Write;

use crate::map::model::{ArgumentMap, Kind, NodeIx, Role};
use crate::study::{Layer, Side, prep};

/// Text as Markdown shows it, not as markup ([`crate::map::sanitize::markdown`]).
fn md(text: &str) -> String {
    crate::map::sanitize::markdown(text)
}

/// Each exact quote as a block quote of its own (a blank line before each, so neither
/// CommonMark nor pandoc runs them together or into the line above).
fn quotes(out: &mut String, map: &ArgumentMap, ix: NodeIx, indent: &str) {
    for q in map.nodes[ix]
        .citations
        .iter()
        .filter_map(|c| c.quote.as_ref())
    {
        let _ = writeln!(out, "\n{indent}> \"{}\" (¶{})", md(&q.text), q.paragraph);
    }
}

/// The mapper's note and the reader's own verdict and note, each a paragraph of its own after
/// the quotes, never inside them.
fn yours(out: &mut String, map: &ArgumentMap, ix: NodeIx, layer: Option<&Layer>, indent: &str) {
    let n = &map.nodes[ix];
    if let Some(note) = &n.note {
        let _ = writeln!(
            out,
            "\n{indent}Note in the map: {}",
            md(&note.replace('\n', " "))
        );
    }
    let Some(state) = layer.and_then(|l| l.node(&n.id)) else {
        return;
    };
    if let Some(j) = state.judgement {
        let _ = writeln!(out, "\n{indent}*Your verdict: {}.*", j.word(n.kind));
    }
    let note: Vec<&str> = state
        .note
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if !note.is_empty() {
        let _ = writeln!(out, "\n{indent}*Your note: {}*", md(&note.join(" / ")));
    }
}

fn flags(map: &ArgumentMap, ix: NodeIx, layer: Option<&Layer>) -> String {
    let n = &map.nodes[ix];
    let mut f = Vec::new();
    if !n.linked.is_empty() {
        f.push(format!("together with {}", map.ids_in_words(&n.linked)));
    }
    if n.undercuts {
        f.extend(map.bearing(ix));
    }
    if n.raised {
        f.push("raised by the author".to_string());
    }
    // The scheme of its step, and the critical questions neither the map nor the reader
    // answers: what a debater should ask of it (those the reader judged to fail it first).
    if let Some(scheme) = map.scheme_of(ix).filter(|_| n.scheme.is_some()) {
        let open: Vec<String> = crate::study::prep::questions_to_ask(map, layer, ix)
            .iter()
            .map(|a| {
                if a.fails {
                    format!("{} (fails, you judged)", a.question.text)
                } else {
                    a.question.text.to_string()
                }
            })
            .collect();
        if open.is_empty() {
            f.push(format!("{}: every critical question answered", scheme.name));
        } else {
            f.push(format!("{}; ask: {}", scheme.name, open.join(" ")));
        }
    }
    if n.conceded {
        f.push("conceded by the author".to_string());
    }
    if n.implicit {
        f.push("implicit".to_string());
    }
    if let Some(by) = &n.by {
        f.push(format!("claimed by {}", md(by)));
    }
    for &(to, link) in &n.also {
        f.push(format!("also {} {}", link.verb(), map.nodes[to].id));
    }
    if f.is_empty() {
        String::new()
    } else {
        format!(" \\[{}\\]", f.join("; "))
    }
}

fn node_line(out: &mut String, map: &ArgumentMap, ix: NodeIx, layer: Option<&Layer>, lead: &str) {
    let n = &map.nodes[ix];
    let label = n
        .label
        .as_ref()
        .map_or(String::new(), |l| format!("**{}.** ", md(l)));
    let _ = writeln!(
        out,
        "{lead}**{}** {label}{}{}{}",
        md(&n.id),
        md(&n.text),
        map.nodes[ix].cites_label(),
        flags(map, ix, layer)
    );
}

/// A node as an item of a list at `depth`, with its quotes and notes inside the item.
fn item(
    out: &mut String,
    map: &ArgumentMap,
    ix: NodeIx,
    layer: Option<&Layer>,
    depth: usize,
    lead: &str,
) {
    let indent = "  ".repeat(depth.min(6));
    out.push('\n');
    node_line(out, map, ix, layer, &format!("{indent}- {lead}"));
    let inner = format!("{indent}  ");
    quotes(out, map, ix, &inner);
    yours(out, map, ix, layer, &inner);
}

/// The nodes under `top` (not `top` itself) in reading order, with their depth below it,
/// leaving out each node `skip` names and everything under it.
fn below(map: &ArgumentMap, top: NodeIx, skip: impl Fn(NodeIx) -> bool) -> Vec<(NodeIx, usize)> {
    let start = map.nodes[top].step;
    let depth = map.nodes[top].depth;
    let mut out = Vec::new();
    let mut skipping: Option<usize> = None;
    for &ix in map.walk[start + 1..]
        .iter()
        .take_while(|&&ix| map.nodes[ix].depth > depth)
    {
        let d = map.nodes[ix].depth;
        if skipping.is_some_and(|s| d > s) {
            continue;
        }
        skipping = None;
        if skip(ix) {
            skipping = Some(d);
            continue;
        }
        out.push((ix, d - depth - 1));
    }
    out
}

/// What a node is called on the sheet: its role, or, for a counterpoint under an objection,
/// how it answers.
fn lead(map: &ArgumentMap, ix: NodeIx) -> &'static str {
    match map.nodes[ix].role {
        Role::Premise => "Premise ",
        Role::Evidence => "Evidence ",
        Role::Rebuttal if !map.against_thesis(ix) => "We answer: ",
        Role::Rebuttal | Role::Objection => "They reply: ",
        Role::Thesis => "",
    }
}

pub fn render(map: &ArgumentMap, layer: Option<&Layer>) -> String {
    let mut out = String::new();
    let s = &map.source;
    let _ = writeln!(out, "# Prep sheet: {}", md(&s.title));
    if let Some(byline) = s.byline() {
        let _ = writeln!(out, "\n*{}*", md(&byline));
    }
    match layer.and_then(|l| l.side) {
        Some(Side::For) => out.push_str("\nYou argue **for** the thesis.\n"),
        Some(Side::Against) => out.push_str("\nYou argue **against** the thesis.\n"),
        None => {}
    }
    out.push_str("\n## Thesis\n\n");
    node_line(&mut out, map, map.thesis, layer, "");
    quotes(&mut out, map, map.thesis, "");
    yours(&mut out, map, map.thesis, layer, "");
    // The case: everything below the thesis that is not an objection or under one, each once,
    // where the tree puts it (a cross-link is named on the node, not printed again).
    out.push_str("\n## The case\n");
    let mut case = 0;
    for (ix, depth) in below(map, map.thesis, |ix| {
        map.nodes[ix].kind == Kind::Counterpoint
    }) {
        item(&mut out, map, ix, layer, depth, lead(map, ix));
        case += 1;
    }
    if case == 0 {
        out.push_str("\nThe map gives no premise or evidence.\n");
    }
    let fronts = objections(&mut out, map, layer);
    weak_spots(&mut out, map, layer);
    if let Some(layer) = layer {
        let orphans = layer.orphans(map);
        if !orphans.is_empty() {
            out.push_str("\n## Your notes on nodes this map no longer has\n\n");
            for id in orphans {
                if let Some(state) = layer.node(id) {
                    let _ = writeln!(
                        out,
                        "- **{}**: {}",
                        md(id),
                        md(&state.note.replace('\n', " "))
                    );
                }
            }
        }
    }
    let rebuttals = map
        .nodes
        .iter()
        .filter(|n| n.role == Role::Rebuttal)
        .count();
    let _ = writeln!(
        out,
        "\n---\n{} nodes, {} objections, {rebuttals} rebuttals. Made by argwalk from the map of {}.",
        map.nodes.len(),
        fronts.len(),
        md(&s.title)
    );
    out
}

/// Each objection with what backs it and what answers it (its whole subtree, once), in the
/// reader's voice; the objections, for the count at the end.
fn objections(out: &mut String, map: &ArgumentMap, layer: Option<&Layer>) -> Vec<prep::Front> {
    out.push_str("\n## Objections and answers\n");
    let fronts = prep::frontlines(map);
    let voice = prep::voice(layer.and_then(|l| l.side));
    if fronts.is_empty() {
        out.push_str("\nThe map raises no objection.\n");
    }
    for f in &fronts {
        let against = map
            .target_in_words(f.objection)
            .map_or(String::new(), |t| format!(" (against {t})"));
        let _ = writeln!(
            out,
            "\n### {}{against}\n",
            md(&super::name(map, f.objection))
        );
        node_line(out, map, f.objection, layer, &format!("{}: ", voice.says));
        quotes(out, map, f.objection, "");
        yours(out, map, f.objection, layer, "");
        match f.standing(map) {
            prep::Standing::Conceded => {
                out.push_str("\nThe author concedes it, and does not answer it.\n");
            }
            prep::Standing::ConcededInPart => {
                out.push_str("\nThe author concedes it in part, and answers:\n");
            }
            unanswered @ (prep::Standing::Unanswered | prep::Standing::RaisedUnanswered) => {
                let words = unanswered.said().map_or("", |(_, w)| w);
                let _ = writeln!(out, "\n**UNANSWERED**: {words}{}.", voice.unanswered);
            }
            prep::Standing::RaisedAnswered => {
                out.push_str("\nThe author raises it himself, and answers:\n");
            }
            prep::Standing::Answered => {}
        }
        // An objection met again down there has a section of its own.
        for (ix, depth) in below(map, f.objection, |ix| map.nodes[ix].role == Role::Objection) {
            item(out, map, ix, layer, depth, lead(map, ix));
        }
        // Answers by a cross-link live elsewhere in the tree: named here, printed there.
        for &a in f
            .answers
            .iter()
            .filter(|&&a| map.nodes[a].parent != Some(f.objection))
        {
            let _ = writeln!(
                out,
                "\n- {} with {} (see there).",
                capitalized(voice.answer),
                md(&super::name(map, a))
            );
        }
    }
    fronts
}

/// The weak spots, most serious first, each with what to do about it from the reader's side.
fn weak_spots(out: &mut String, map: &ArgumentMap, layer: Option<&Layer>) {
    out.push_str("\n## Weak spots\n\n");
    let side = layer.and_then(|l| l.side);
    let spots = prep::weak_spots(map, layer);
    if spots.is_empty() {
        out.push_str("None found.\n");
    }
    for (i, spot) in spots.iter().enumerate() {
        let stance = prep::stance(side, spot);
        let stance = if stance.is_empty() {
            String::new()
        } else {
            format!("[{stance}] ")
        };
        let kind = map.nodes[spot.node].kind;
        let reasons: Vec<&str> = spot.reasons.iter().map(|r| r.describe(kind)).collect();
        let role = map.nodes[spot.node].role.name();
        let _ = writeln!(
            out,
            "{}. {stance}{role} {}: {}",
            i + 1,
            md(&super::name(map, spot.node)),
            reasons.join("; ")
        );
    }
}

/// "We answer" from "we answer": the voice's words at the start of a sentence.
fn capitalized(words: &str) -> String {
    let mut c = words.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}
