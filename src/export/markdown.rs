//! The prep sheet: what a debater prints and takes into the round. Markdown that reads as
//! plain text too: the thesis, the case (each premise with its evidence and exact quotes), each
//! objection with its answer or marked unanswered, the weak spots, and the reader's notes.

use std::fmt::Write;

use crate::model::{ArgumentMap, Kind, NodeIx, Role};
use crate::study::{Layer, Side, prep};

fn quotes(out: &mut String, map: &ArgumentMap, ix: NodeIx, indent: &str) {
    for q in map.nodes[ix]
        .citations
        .iter()
        .filter_map(|c| c.quote.as_ref())
    {
        let _ = writeln!(out, "{indent}> \"{}\" (¶{})", q.text, q.paragraph);
    }
}

fn yours(out: &mut String, map: &ArgumentMap, ix: NodeIx, layer: Option<&Layer>, indent: &str) {
    let n = &map.nodes[ix];
    let Some(state) = layer.and_then(|l| l.node(&n.id)) else {
        return;
    };
    if let Some(j) = state.judgement {
        let _ = writeln!(out, "{indent}*Your verdict: {}.*", j.word(n.kind));
    }
    for (i, line) in state.note.lines().enumerate() {
        let lead = if i == 0 { "Your note: " } else { "" };
        let _ = writeln!(out, "{indent}*{lead}{}*", line.trim());
    }
}

fn flags(map: &ArgumentMap, ix: NodeIx) -> String {
    let n = &map.nodes[ix];
    let mut f = Vec::new();
    if n.conceded {
        f.push("conceded by the author".to_string());
    }
    if n.implicit {
        f.push("implicit".to_string());
    }
    if let Some(by) = &n.by {
        f.push(format!("claimed by {by}"));
    }
    for &(to, link) in &n.also {
        f.push(format!("also {} {}", link.verb(), map.nodes[to].id));
    }
    if f.is_empty() {
        String::new()
    } else {
        format!(" [{}]", f.join("; "))
    }
}

fn node_line(out: &mut String, map: &ArgumentMap, ix: NodeIx, lead: &str) {
    let n = &map.nodes[ix];
    let label = n
        .label
        .as_ref()
        .map_or(String::new(), |l| format!("**{l}.** "));
    let _ = writeln!(
        out,
        "{lead}**{}** {label}{}{}{}",
        n.id,
        n.text,
        map.nodes[ix].cites_label(),
        flags(map, ix)
    );
}

pub fn render(map: &ArgumentMap, layer: Option<&Layer>) -> String {
    let mut out = String::new();
    let s = &map.source;
    let _ = writeln!(out, "# Prep sheet: {}", s.title);
    if let Some(byline) = s.byline() {
        let _ = writeln!(out, "\n*{byline}*");
    }
    match layer.and_then(|l| l.side) {
        Some(Side::For) => out.push_str("\nYou argue **for** the thesis.\n"),
        Some(Side::Against) => out.push_str("\nYou argue **against** the thesis.\n"),
        None => {}
    }
    out.push_str("\n## Thesis\n\n");
    node_line(&mut out, map, map.thesis, "");
    quotes(&mut out, map, map.thesis, "");
    yours(&mut out, map, map.thesis, layer, "");
    out.push_str("\n## The case\n");
    for &ix in &map.walk {
        let n = &map.nodes[ix];
        if n.kind != Kind::Premise {
            continue;
        }
        out.push('\n');
        let depth = n.depth.saturating_sub(1).min(4);
        node_line(
            &mut out,
            map,
            ix,
            &format!("{}- Premise ", "  ".repeat(depth)),
        );
        let indent = "  ".repeat(depth + 1);
        quotes(&mut out, map, ix, &indent);
        yours(&mut out, map, ix, layer, &indent);
        let evidence = map.nodes[ix]
            .children
            .iter()
            .copied()
            .chain(map.nodes[ix].linked_by.iter().map(|&(c, _)| c))
            .filter(|&c| map.nodes[c].kind == Kind::Evidence);
        for e in evidence {
            node_line(&mut out, map, e, &format!("{indent}- Evidence "));
            quotes(&mut out, map, e, &format!("{indent}  "));
            yours(&mut out, map, e, layer, &format!("{indent}  "));
        }
    }
    out.push_str("\n## Objections and answers\n");
    let fronts = prep::frontlines(map);
    if fronts.is_empty() {
        out.push_str("\nThe map raises no objection.\n");
    }
    for f in &fronts {
        let o = &map.nodes[f.objection];
        let against = o
            .parent
            .map_or(String::new(), |p| format!(" (against {})", map.nodes[p].id));
        let _ = writeln!(out, "\n### {}{against}\n", super::name(map, f.objection));
        node_line(&mut out, map, f.objection, "If they say: ");
        quotes(&mut out, map, f.objection, "");
        yours(&mut out, map, f.objection, layer, "");
        if f.answers.is_empty() {
            out.push_str("\n**UNANSWERED**: the map has no reply to it.\n");
        }
        for &a in &f.answers {
            out.push('\n');
            node_line(&mut out, map, a, "We answer: ");
            quotes(&mut out, map, a, "");
            yours(&mut out, map, a, layer, "");
        }
    }
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
            super::name(map, spot.node),
            reasons.join("; ")
        );
    }
    if let Some(layer) = layer {
        let orphans = layer.orphans(map);
        if !orphans.is_empty() {
            out.push_str("\n## Your notes on nodes this map no longer has\n\n");
            for id in orphans {
                if let Some(state) = layer.node(id) {
                    let _ = writeln!(out, "- **{id}**: {}", state.note.replace('\n', " "));
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
        s.title
    );
    out
}
