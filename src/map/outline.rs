//! The whole map as a linear Markdown outline: for printing, pasting and screen readers.

use std::fmt::Write;

use crate::map::model::{ArgumentMap, NodeIx};
use crate::map::sanitize::markdown as md;

/// Renders the map in walk order, one nested list item per node, with citations and quotes.
/// The map's words are escaped: what a node says is printed as written, never read as markup
/// (a `*`, a `<b>`, a `$`), by CommonMark or by pandoc.
pub fn render(map: &ArgumentMap) -> String {
    let mut out = String::new();
    let s = &map.source;
    let _ = writeln!(out, "# {}", md(&s.title));
    if let Some(byline) = s.byline() {
        let _ = writeln!(out, "\n*{}*", md(&byline));
    }
    if let Some(url) = &s.url {
        let _ = writeln!(out, "\n{}", md(url));
    }
    let total = s.paragraphs.len();
    let outside: Vec<String> = s
        .paragraphs
        .iter()
        .filter(|p| p.outside)
        .map(|p| p.number.to_string())
        .collect();
    let _ = write!(
        out,
        "\n{} nodes; the article has {total} paragraphs",
        map.nodes.len()
    );
    if !outside.is_empty() {
        let _ = write!(out, " ({} outside the argument)", outside.join(", "));
    }
    out.push_str(".\n\n");
    for &ix in &map.walk {
        node(&mut out, map, ix);
    }
    out
}

/// Nesting past this many levels is told by number instead of indentation: readers lose track
/// of deeper lists anyway, and indenting without limit made the outline of a chain of 40,000
/// premises grow with the square of its depth (1.6 GB, lines 80,000 columns wide).
pub const MAX_INDENT: usize = 8;

fn node(out: &mut String, map: &ArgumentMap, ix: NodeIx) {
    let n = &map.nodes[ix];
    let indent = "  ".repeat(n.depth.min(MAX_INDENT));
    let mut qualifiers = Vec::new();
    if n.depth > MAX_INDENT {
        qualifiers.push(format!("depth {}", n.depth));
    }
    if n.raised {
        qualifiers.push("raised by the author".to_string());
    }
    if n.conceded {
        qualifiers.push("conceded".to_string());
    }
    if n.implicit {
        qualifiers.push("implicit".to_string());
    }
    if n.undercuts || n.role.attacks() || !n.linked.is_empty() {
        qualifiers.extend(map.bearing(ix).map(|b| md(&b)));
    }
    for &(to, link) in &n.also {
        let verb = match link {
            crate::map::model::Link::Supports => "also supports",
            crate::map::model::Link::Attacks => "also against",
        };
        qualifiers.push(format!("{verb} {}", md(&map.nodes[to].id)));
    }
    if let Some(by) = &n.by {
        qualifiers.push(format!("claimed by {}", md(by)));
    }
    let qualifiers = if qualifiers.is_empty() {
        String::new()
    } else {
        format!(" ({})", qualifiers.join(", "))
    };
    let cites = n.cites_label();
    let label = n
        .label
        .as_deref()
        .map_or(String::new(), |l| format!("**{}** — ", md(l)));
    let _ = writeln!(
        out,
        "{indent}- {} **{}**{qualifiers}: {label}{}{cites}",
        n.role.name(),
        md(&n.id),
        md(&n.text)
    );
    // Each quote a block quote of the item, and each line after it a paragraph of the item:
    // after a blank line, which pandoc's Markdown needs before a block quote (without it the
    // quote ran on in the item's line, `>` and all) and which keeps a line after a quote out
    // of it.
    for c in &n.citations {
        if let Some(q) = &c.quote {
            let _ = writeln!(out, "\n{indent}  > “{}” (¶{})", md(&q.text), q.paragraph);
        }
    }
    // The step's scheme (named on the node that names it) and the questions this node
    // answers: a printed outline keeps what the map says of its reasoning.
    if let Some(scheme) = n.scheme.as_deref().and_then(crate::map::schemes::find) {
        let _ = writeln!(out, "\n{indent}  Scheme: {}", scheme.name);
    }
    if !n.answers.is_empty() {
        let _ = writeln!(out, "\n{indent}  Answers: {}", md(&n.answers.join(", ")));
    }
    if !n.tags.is_empty() {
        let _ = writeln!(out, "\n{indent}  Tags: {}", md(&n.tags.join(", ")));
    }
    if let Some(note) = &n.note {
        let _ = writeln!(out, "\n{indent}  Mapper's note: {}", md(note));
    }
}
