//! The map as documented, versioned JSON (`argwalk-map`, version 1; docs/FORMAT.md describes
//! it): nodes named by id, never by internal index or byte offset.

use serde::Serialize;

use crate::map::model::{ArgumentMap, Link};

/// The version of the JSON written; raised when a field changes meaning or goes away.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Doc<'a> {
    format: &'static str,
    version: u32,
    source: Source<'a>,
    thesis: &'a str,
    /// Every node id in reading order.
    walk: Vec<&'a str>,
    nodes: Vec<Node<'a>>,
}

#[derive(Serialize)]
struct Source<'a> {
    title: &'a str,
    author: Option<&'a str>,
    publisher: Option<&'a str>,
    date: Option<&'a str>,
    url: Option<&'a str>,
    paragraphs: Vec<Paragraph<'a>>,
}

#[derive(Serialize)]
struct Paragraph<'a> {
    number: usize,
    text: &'a str,
    outside: bool,
}

#[derive(Serialize)]
struct Node<'a> {
    id: &'a str,
    kind: &'static str,
    role: &'static str,
    label: Option<&'a str>,
    text: &'a str,
    by: Option<&'a str>,
    /// The node this one supports or attacks in the tree (`null` for the thesis).
    parent: Option<&'a str>,
    link: Option<Link>,
    /// Further nodes it bears on.
    also: Vec<Also<'a>>,
    citations: Vec<Citation<'a>>,
    tags: &'a [String],
    implicit: bool,
    conceded: bool,
    note: Option<&'a str>,
    /// The other members of its linked group: the nodes it supports its parent together with.
    linked: Vec<&'a str>,
    /// It attacks the step from its parent to the parent's claim, not the parent itself.
    undercuts: bool,
    /// An objection the author raises himself, to answer it.
    raised: bool,
    /// The argumentation scheme of its step to its claim (`null`: none named).
    scheme: Option<&'a str>,
    /// The critical questions of the step it bears on that it answers, by key.
    answers: &'a [String],
}

#[derive(Serialize)]
struct Also<'a> {
    id: &'a str,
    link: Link,
}

#[derive(Serialize)]
struct Citation<'a> {
    first: usize,
    last: usize,
    quote: Option<Quote<'a>>,
}

#[derive(Serialize)]
struct Quote<'a> {
    text: &'a str,
    paragraph: usize,
}

fn role(r: crate::map::model::Role) -> &'static str {
    use crate::map::model::Role;
    match r {
        Role::Thesis => "thesis",
        Role::Premise => "premise",
        Role::Evidence => "evidence",
        Role::Objection => "objection",
        Role::Rebuttal => "rebuttal",
    }
}

pub fn render(map: &ArgumentMap) -> String {
    let s = &map.source;
    let doc = Doc {
        format: "argwalk-map",
        version: VERSION,
        source: Source {
            title: &s.title,
            author: s.author.as_deref(),
            publisher: s.publisher.as_deref(),
            date: s.date.as_deref(),
            url: s.url.as_deref(),
            paragraphs: s
                .paragraphs
                .iter()
                .map(|p| Paragraph {
                    number: p.number,
                    text: &p.text,
                    outside: p.outside,
                })
                .collect(),
        },
        thesis: &map.nodes[map.thesis].id,
        walk: map
            .walk
            .iter()
            .map(|&ix| map.nodes[ix].id.as_str())
            .collect(),
        nodes: map
            .walk
            .iter()
            .map(|&ix| {
                let n = &map.nodes[ix];
                Node {
                    id: &n.id,
                    kind: n.kind.name(),
                    role: role(n.role),
                    label: n.label.as_deref(),
                    text: &n.text,
                    by: n.by.as_deref(),
                    parent: n.parent.map(|p| map.nodes[p].id.as_str()),
                    link: n.parent.map(|_| {
                        if n.role.attacks() {
                            Link::Attacks
                        } else {
                            Link::Supports
                        }
                    }),
                    also: n
                        .also
                        .iter()
                        .map(|&(to, link)| Also {
                            id: &map.nodes[to].id,
                            link,
                        })
                        .collect(),
                    citations: n
                        .citations
                        .iter()
                        .map(|c| Citation {
                            first: c.first,
                            last: c.last,
                            quote: c.quote.as_ref().map(|q| Quote {
                                text: &q.text,
                                paragraph: q.paragraph,
                            }),
                        })
                        .collect(),
                    tags: &n.tags,
                    implicit: n.implicit,
                    conceded: n.conceded,
                    note: n.note.as_deref(),
                    linked: n.linked.iter().map(|&l| map.nodes[l].id.as_str()).collect(),
                    undercuts: n.undercuts,
                    raised: n.raised,
                    scheme: n.scheme.as_deref(),
                    answers: &n.answers,
                }
            })
            .collect(),
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}
