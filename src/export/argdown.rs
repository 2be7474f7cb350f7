//! The map in Argdown: each node a statement titled by its id, nested under what it supports
//! (`+`) or attacks (`-`), cross-links as relations of their own at the end, `#conceded`,
//! `#implicit` and the map's tags as tags, quotes and the mapper's note as data.

use std::fmt::Write;

use crate::model::{ArgumentMap, Link, NodeIx};

/// Text as Argdown reads it back, character for character: one line (the loader already
/// folded white space), and every character Argdown could take as markup escaped with a
/// backslash (titles and links `[ ]`, arguments `< >`, tags `#`, mentions `@`, data `{ }`,
/// emphasis `* _`, comments `//` and `/*`, and the backslash itself), and `:` (the Argdown
/// CLI keeps the backslashes of a text such as `b:\/x: c` unless its colons are escaped too;
/// found by tests/peers.rs). Nothing is rewritten.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
    {
        if "\\[]{}<>#@*_/:".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A string for YAML (the front matter and a statement's data): JSON's double-quoted form,
/// which YAML reads as is, with braces written as `\u007b` `\u007d` (Argdown's lexer counts
/// braces to find where data ends, even inside a string).
fn yaml_string(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap_or_default()
        .replace('{', "\\u007b")
        .replace('}', "\\u007d")
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
    let mut tags: Vec<String> = Vec::new();
    if n.conceded {
        tags.push("#conceded".into());
    }
    if n.implicit {
        tags.push("#implicit".into());
    }
    // The map's own tags, in Argdown's bracketed form (which allows spaces).
    for t in &n.tags {
        let t: String = t.chars().filter(|c| !"()\\".contains(*c)).collect();
        if !t.trim().is_empty() {
            tags.push(format!("#({})", t.trim()));
        }
    }
    let tags = if tags.is_empty() {
        String::new()
    } else {
        format!(" {}", tags.join(" "))
    };
    // What Argdown has no syntax for rides along as the statement's data: the exact quotes,
    // the mapper's note.
    let mut data = Vec::new();
    let quotes: Vec<String> = n
        .citations
        .iter()
        .filter_map(|c| c.quote.as_ref())
        .map(|q| yaml_string(&q.text))
        .collect();
    if !quotes.is_empty() {
        data.push(format!("\"quotes\": [{}]", quotes.join(", ")));
    }
    if let Some(note) = &n.note {
        data.push(format!("\"note\": {}", yaml_string(note)));
    }
    let data = if data.is_empty() {
        String::new()
    } else {
        format!(" {{{}}}", data.join(", "))
    };
    format!("[{}]: {text}{tags}{data}", title(&n.id))
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
    let _ = writeln!(out, "===\ntitle: {}\n===\n", yaml_string(&map.source.title));
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
