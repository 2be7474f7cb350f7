//! The map in Argdown: each node a statement titled by its id, nested under what it supports
//! (`+`) or attacks (`-`), cross-links as relations of their own at the end, `#conceded`,
//! `#implicit` and the map's tags as tags, quotes and the mapper's note as data.

use std::fmt::Write;

use crate::map::model::{ArgumentMap, Link, NodeIx};

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
    if n.raised {
        tags.push("#raised".into());
    }
    // An undercut Argdown cannot write as one (of an attack) is an attack, tagged.
    if n.undercuts && argument_step(map, ix).is_none() {
        tags.push("#undercut".into());
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
        // The paragraph of each quote, for `argwalk import --from argdown` to read back.
        let paragraphs: Vec<String> = n
            .citations
            .iter()
            .filter_map(|c| c.quote.as_ref())
            .map(|q| q.paragraph.to_string())
            .collect();
        data.push(format!("\"quoted\": [{}]", paragraphs.join(", ")));
    }
    if let Some(note) = &n.note {
        data.push(format!("\"note\": {}", yaml_string(note)));
    }
    // The kind Argdown has no word for, the label and who makes the claim, exactly, for
    // `argwalk import --from argdown`.
    if n.kind == crate::map::model::Kind::Evidence {
        data.push("\"kind\": \"evidence\"".to_string());
    }
    if let Some(label) = &n.label {
        data.push(format!("\"label\": {}", yaml_string(label)));
    }
    if let Some(by) = &n.by {
        data.push(format!("\"by\": {}", yaml_string(by)));
    }
    // The scheme of its step and the critical questions it answers, as argwalk keys.
    if let Some(scheme) = &n.scheme {
        data.push(format!("\"scheme\": {}", yaml_string(scheme)));
    }
    if !n.answers.is_empty() {
        let list: Vec<String> = n.answers.iter().map(|a| yaml_string(a)).collect();
        data.push(format!("\"answers\": [{}]", list.join(", ")));
    }
    let data = if data.is_empty() {
        String::new()
    } else {
        format!(" {{{}}}", data.join(", "))
    };
    format!("[{}]: {text}{tags}{data}", title(&n.id))
}

/// The step an undercut attacks, as an Argdown argument's title: the support of `ix` (and the
/// others of its linked group) for its parent.
fn step_title(map: &ArgumentMap, ix: NodeIx) -> String {
    let n = &map.nodes[ix];
    let first = std::iter::once(ix)
        .chain(n.linked.iter().copied())
        .min_by_key(|&i| map.nodes[i].step)
        .unwrap_or(ix);
    let to = n.parent.map_or("?", |p| map.nodes[p].id.as_str());
    title(&format!("Step from {} to {to}", map.nodes[first].id))
}

/// Where each node is written: under the thesis, or under the nearest undercut above it (an
/// undercut attacks a step, which Argdown writes as an argument; its tree is written apart).
fn roots(map: &ArgumentMap) -> Vec<NodeIx> {
    let mut root = vec![map.thesis; map.nodes.len()];
    for &ix in &map.walk {
        let n = &map.nodes[ix];
        root[ix] = if n.undercuts && argument_step(map, ix).is_some() {
            ix
        } else {
            n.parent.map_or(ix, |p| root[p])
        };
    }
    root
}

/// The support step an undercut `ix` attacks, when Argdown can write it as an argument (the
/// undercut of a support, not of an attack).
fn argument_step(map: &ArgumentMap, ix: NodeIx) -> Option<NodeIx> {
    let p = map.nodes[ix].parent?;
    let parent = &map.nodes[p];
    (parent.parent.is_some() && !parent.role.attacks()).then_some(p)
}

/// The nodes written under `root` in reading order, indented by depth below it: an explicit
/// walk, not recursion, so a chain thousands deep cannot overflow the stack.
fn subtree(out: &mut String, map: &ArgumentMap, root: NodeIx, written: &[NodeIx]) {
    let base = map.nodes[root].depth;
    for &ix in map
        .walk
        .iter()
        .filter(|&&ix| ix != root && written[ix] == root)
    {
        let n = &map.nodes[ix];
        let sign = if n.role.attacks() { '-' } else { '+' };
        let _ = writeln!(
            out,
            "{}{sign} {}",
            "  ".repeat(n.depth - base),
            statement(map, ix)
        );
    }
}

/// Linked premises and undercut steps as Argdown arguments: the premises above the line, the
/// claim below; an undercut then attacks the argument's inference (`_>`).
fn arguments(out: &mut String, map: &ArgumentMap) {
    let mut done = std::collections::HashSet::new();
    for &ix in &map.walk {
        let n = &map.nodes[ix];
        let undercut = map.walk.iter().any(|&u| {
            map.nodes[u].undercuts
                && argument_step(map, u).is_some_and(|s| s == ix || n.linked.contains(&s))
        });
        if n.parent.is_none() || n.role.attacks() || (n.linked.is_empty() && !undercut) {
            continue;
        }
        let name = step_title(map, ix);
        if !done.insert(name.clone()) {
            continue;
        }
        let mut premises: Vec<NodeIx> = std::iter::once(ix)
            .chain(n.linked.iter().copied())
            .collect();
        premises.sort_by_key(|&i| map.nodes[i].step);
        let _ = writeln!(out, "\n<{name}>\n");
        for (k, &p) in premises.iter().enumerate() {
            let _ = writeln!(out, "({}) [{}]", k + 1, title(&map.nodes[p].id));
        }
        let claim = n.parent.map_or(map.thesis, |p| p);
        let _ = writeln!(
            out,
            "----\n({}) [{}]",
            premises.len() + 1,
            title(&map.nodes[claim].id)
        );
    }
}

pub fn render(map: &ArgumentMap) -> String {
    let mut out = String::new();
    // The front matter: the title, and for `argwalk import` where and when the article
    // appeared, the paragraphs outside the argument, and the article itself, so that a map
    // read back is the map written.
    let _ = writeln!(out, "===\ntitle: {}", yaml_string(&map.source.title));
    for (key, value) in [
        ("author", &map.source.author),
        ("publisher", &map.source.publisher),
        ("date", &map.source.date),
        ("url", &map.source.url),
    ] {
        if let Some(v) = value {
            let _ = writeln!(out, "{key}: {}", yaml_string(v));
        }
    }
    let paragraphs: Vec<&str> = map
        .source
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    let _ = writeln!(
        out,
        "paragraphs: {}",
        serde_json::to_string(&paragraphs)
            .unwrap_or_else(|_| "[]".into())
            .replace('{', "\\u007b")
            .replace('}', "\\u007d")
    );
    let outside: Vec<String> = map
        .source
        .paragraphs
        .iter()
        .filter(|p| p.outside)
        .map(|p| p.number.to_string())
        .collect();
    if !outside.is_empty() {
        let _ = writeln!(out, "outside: [{}]", outside.join(", "));
    }
    let _ = writeln!(out, "===\n");
    let _ = writeln!(out, "# {}\n", clean(&map.source.title));
    let _ = writeln!(out, "{}", statement(map, map.thesis));
    let written = roots(map);
    subtree(&mut out, map, map.thesis, &written);
    for &u in map
        .walk
        .iter()
        .filter(|&&u| written[u] == u && u != map.thesis)
    {
        let _ = writeln!(out, "\n{}", statement(map, u));
        if let Some(step) = argument_step(map, u) {
            let _ = writeln!(out, "  _> <{}>", step_title(map, step));
        }
        subtree(&mut out, map, u, &written);
    }
    // After every statement is written with its text: an argument only names them.
    arguments(&mut out, map);
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
