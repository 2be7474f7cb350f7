//! The map in Argdown: each node a statement titled by its id, nested under what it supports
//! (`+`) or attacks (`-`), cross-links as relations of their own at the end, and `#conceded`,
//! `#implicit` as tags.

use std::fmt::Write;

use crate::model::{ArgumentMap, Link, NodeIx};

/// Text safe inside an Argdown statement: one line, no brackets that would start a title or a
/// link, no characters Argdown reads as markup at the start.
fn clean(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['[', ']'], "'")
        .replace(['<', '>'], "'")
        .replace('#', "No. ")
        .replace('@', "(at)")
}

/// A title Argdown accepts between brackets.
fn title(id: &str) -> String {
    id.replace(['[', ']', '<', '>'], "_")
}

fn statement(map: &ArgumentMap, ix: NodeIx) -> String {
    let n = &map.nodes[ix];
    let mut text = match &n.label {
        Some(l) => format!("{}: {}", clean(l), clean(&n.text)),
        None => clean(&n.text),
    };
    let cites = n.cite_labels("¶", "-");
    if !cites.is_empty() {
        let _ = write!(text, " ({})", cites.join(", "));
    }
    if let Some(by) = &n.by {
        let _ = write!(text, " (claimed by {})", clean(by));
    }
    let mut tags = Vec::new();
    if n.conceded {
        tags.push("#conceded");
    }
    if n.implicit {
        tags.push("#implicit");
    }
    let tags = if tags.is_empty() {
        String::new()
    } else {
        format!(" {}", tags.join(" "))
    };
    format!("[{}]: {text}{tags}", title(&n.id))
}

/// Every node below the thesis in reading order, indented by depth: an explicit walk, not
/// recursion, so a chain thousands deep cannot overflow the stack.
fn subtree(out: &mut String, map: &ArgumentMap) {
    for &ix in map.walk.iter().skip(1) {
        let n = &map.nodes[ix];
        let sign = if n.role.attacks() { '-' } else { '+' };
        let _ = writeln!(out, "{}{sign} {}", "  ".repeat(n.depth), statement(map, ix));
    }
}

pub fn render(map: &ArgumentMap) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "===\ntitle: {}\n===\n", clean(&map.source.title));
    let _ = writeln!(out, "# {}\n", clean(&map.source.title));
    let _ = writeln!(out, "{}", statement(map, map.thesis));
    subtree(&mut out, map);
    let cross: Vec<(NodeIx, NodeIx, Link)> = map
        .walk
        .iter()
        .flat_map(|&ix| map.nodes[ix].also.iter().map(move |&(to, l)| (ix, to, l)))
        .collect();
    if !cross.is_empty() {
        out.push_str("\n// Cross-links: nodes that bear on more than one other.\n");
        for (from, to, link) in cross {
            let sign = match link {
                Link::Supports => "+>",
                Link::Attacks => "->",
            };
            let _ = writeln!(
                out,
                "\n[{}]\n  {sign} [{}]",
                title(&map.nodes[from].id),
                title(&map.nodes[to].id)
            );
        }
    }
    out
}
