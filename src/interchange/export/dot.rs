//! The argument as a Graphviz graph: support edges solid and green, attacks red and ending in a
//! bar, cross-links dotted; conceded nodes with a double border, implicit ones dashed. Every
//! node and edge says what it is in words as well as in colour.

use std::fmt::Write;

use crate::map::model::{ArgumentMap, Link, Role};

/// A DOT double-quoted string: quotes and backslashes escaped, line breaks as `\n`.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            // Graphviz reads HTML entities in any label: `&lt;` in a claim would draw as `<`.
            '&' => out.push_str("&amp;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` broken into lines of about `width` characters, for a node's box.
fn boxed(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split_whitespace() {
        if line > 0 && line + word.chars().count() > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.chars().count();
    }
    out
}

pub fn render(map: &ArgumentMap) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// {}: made by argwalk",
        map.source.title.replace('\n', " ")
    );
    out.push_str("digraph argument {\n");
    out.push_str("  rankdir=BT;\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n");
    let _ = writeln!(out, "  label={}; labelloc=t;", quoted(&map.source.title));
    for &ix in &map.walk {
        node(&mut out, map, ix);
    }
    for &ix in &map.walk {
        edges(&mut out, map, ix);
    }
    out.push_str("}\n");
    out
}

/// Node `ix` as a box: its id, role and marks, and its headline, coloured by its role.
fn node(out: &mut String, map: &ArgumentMap, ix: usize) {
    let n = &map.nodes[ix];
    let (fill, word) = match n.role {
        Role::Thesis => ("#e1bee7", "thesis"),
        Role::Premise => ("#bbdefb", "premise"),
        Role::Evidence => ("#c8e6c9", "evidence"),
        Role::Objection => ("#ffcdd2", "objection"),
        Role::Rebuttal => ("#fff9c4", "rebuttal"),
    };
    let mut marks = Vec::new();
    if n.raised {
        marks.push("raised by the author");
    }
    if n.conceded {
        marks.push("conceded");
    }
    if n.implicit {
        marks.push("implicit");
    }
    let marks = if marks.is_empty() {
        String::new()
    } else {
        format!(" ({})", marks.join(", "))
    };
    let label = format!("{} [{word}{marks}]\n{}", n.id, boxed(n.headline(), 32));
    let mut style = String::from("rounded,filled");
    if n.implicit {
        style.push_str(",dashed");
    }
    let peripheries = if n.conceded { 2 } else { 1 };
    let _ = writeln!(
        out,
        "  {} [label={}, fillcolor=\"{fill}\", style=\"{style}\", peripheries={peripheries}];",
        quoted(&n.id),
        quoted(&label)
    );
}

/// The arrows from node `ix`: to what it bears on in the tree (an undercut dashed, a linked
/// group meeting at one point) and its cross-links, dotted.
fn edges(out: &mut String, map: &ArgumentMap, ix: usize) {
    let n = &map.nodes[ix];
    let edge = |out: &mut String, to: usize, link: Link, cross: bool| {
        let (color, head) = match link {
            Link::Supports => ("#2e7d32", "normal"),
            Link::Attacks => ("#c62828", "tee"),
        };
        let style = if cross { "dotted" } else { "solid" };
        let words = if cross {
            format!("also {}", link.verb())
        } else {
            link.verb().to_string()
        };
        let _ = writeln!(
            out,
            "  {} -> {} [label={}, color=\"{color}\", fontcolor=\"{color}\", arrowhead={head}, style={style}{}];",
            quoted(&n.id),
            quoted(&map.nodes[to].id),
            quoted(&words),
            if cross { ", constraint=false" } else { "" }
        );
    };
    if let Some(p) = n.parent {
        if n.undercuts {
            // An undercut attacks the step, not the claim: dashed, and said.
            let _ = writeln!(
                out,
                "  {} -> {} [label={}, color=\"#c62828\", fontcolor=\"#c62828\", arrowhead=tee, style=dashed];",
                quoted(&n.id),
                quoted(&map.nodes[p].id),
                quoted(&map.bearing(ix).unwrap_or_default())
            );
        } else if !n.linked.is_empty() {
            // A linked group is one inference: its arrows meet at one point of the claim.
            let group = std::iter::once(ix)
                .chain(n.linked.iter().copied())
                .min()
                .unwrap_or(ix);
            let _ = writeln!(
                out,
                "  {} -> {} [label={}, color=\"#2e7d32\", fontcolor=\"#2e7d32\", arrowhead=normal, style=bold, samehead={}];",
                quoted(&n.id),
                quoted(&map.nodes[p].id),
                quoted(&format!("together with {}", map.ids_in_words(&n.linked))),
                quoted(&format!("linked{group}"))
            );
        } else {
            let link = if n.role.attacks() {
                Link::Attacks
            } else {
                Link::Supports
            };
            edge(out, p, link, false);
        }
    }
    for &(to, link) in &n.also {
        edge(out, to, link, true);
    }
}
