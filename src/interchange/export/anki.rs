//! Anki cards, as a tab-separated file with Anki's import headers: one card per premise (its
//! evidence on the back), per objection (its answer), and per quote (which claim it backs),
//! each with its paragraph. Fields are HTML: text is escaped, tabs and line breaks cannot
//! split a card.

use std::fmt::Write;

use crate::map::model::{ArgumentMap, Kind, Role};

fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace(['\t', '\n', '\r'], " ")
}

fn tag(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join("_")
        .chars()
        .filter(|c| c.is_alphanumeric() || "_-:".contains(*c))
        .collect()
}

/// One card a line: front, back, and the tags.
pub fn render(map: &ArgumentMap) -> String {
    let mut out = String::new();
    let deck = format!("argwalk::{}", tag(&map.source.title));
    out.push_str("#separator:tab\n#html:true\n#notetype:Basic\n");
    let _ = writeln!(out, "#deck:{deck}");
    out.push_str("#columns:Front\tBack\tTags\n#tags column:3\n");
    let cite = |ix: usize| map.nodes[ix].cites_label();
    // Every field quoted, as Anki's CSV importer reads them: a field that began with a
    // straight quote was otherwise taken as quoted, stripped, or ran on over the tab and the
    // line break into the next card.
    let quoted = |field: &str| format!("\"{}\"", field.replace('"', "\"\""));
    let mut card = |front: String, back: String, kind: &str| {
        let _ = writeln!(
            out,
            "{}\t{}\t{}",
            quoted(&front),
            quoted(&back),
            quoted(&format!("argwalk {kind}"))
        );
    };
    for &ix in &map.walk {
        let n = &map.nodes[ix];
        match (n.kind, n.role) {
            (Kind::Premise, _) => {
                let evidence: Vec<String> = n
                    .children
                    .iter()
                    .copied()
                    .chain(n.linked_by.iter().map(|&(c, _)| c))
                    .filter(|&c| map.nodes[c].kind == Kind::Evidence)
                    .map(|c| format!("{}{}", html(&map.nodes[c].text), html(&cite(c))))
                    .collect();
                let back = if evidence.is_empty() {
                    "No evidence in the map: the author argues it.".to_string()
                } else {
                    evidence.join("<br>")
                };
                card(
                    format!(
                        "What is the evidence for: {}{}?",
                        html(&n.text),
                        html(&cite(ix))
                    ),
                    back,
                    "premise",
                );
            }
            (_, Role::Objection) => {
                let answers = crate::study::prep::answers(map, ix);
                let back = if answers.is_empty() {
                    "Unanswered in the map.".to_string()
                } else {
                    answers
                        .iter()
                        .map(|&a| format!("{}{}", html(&map.nodes[a].text), html(&cite(a))))
                        .collect::<Vec<_>>()
                        .join("<br>")
                };
                card(
                    format!(
                        "How is this objection answered: {}{}?",
                        html(&n.text),
                        html(&cite(ix))
                    ),
                    back,
                    "objection",
                );
            }
            _ => {}
        }
        for q in n.citations.iter().filter_map(|c| c.quote.as_ref()) {
            card(
                format!(
                    "Which claim does this quote back, and where? \"{}\"",
                    html(&q.text)
                ),
                format!("{}: {} (¶{})", html(&n.id), html(&n.text), q.paragraph),
                "quote",
            );
        }
    }
    out
}

/// How many cards [`render`] makes for `map`: for tests and the README.
pub fn count(map: &ArgumentMap) -> usize {
    map.nodes
        .iter()
        .map(|n| {
            usize::from(n.kind == Kind::Premise || n.role == Role::Objection)
                + n.citations.iter().filter(|c| c.quote.is_some()).count()
        })
        .sum()
}
