//! A comparison in words: the report of `argwalk compare`, the headline of the reader's `D`,
//! and the differences a student can act on, the thesis first, each node the reference has
//! and the student has not mapped said once with its links.

use crate::map::model::{ArgumentMap, NodeIx, Role};

use super::{Comparison, Component, Link, Pair, Relation};

/// One thing for the student to look at again.
pub enum Look<'c> {
    /// A component of the reference with no counterpart, with the links of the reference
    /// that join it (none of which the student can have).
    Missed(&'c Component, Vec<&'c Link>),
    /// An aligned pair whose kinds differ: the student's role, the reference's.
    Kind(&'c Pair, Role, Role),
    /// A link of the reference between nodes the student mapped, which the student's map
    /// does not have.
    Link(&'c Link),
    /// A component of the student's with no counterpart.
    Extra(&'c Component),
}

impl Comparison {
    /// What to look at again, in the order the report says it: what is missing (with its
    /// links), kinds, the other links, then what is extra.
    pub fn to_look_at(&self) -> Vec<Look<'_>> {
        let missed_id = |id: &str| self.missed.iter().any(|m| m.id == id);
        let kinds = self.pairs.iter().filter_map(|p| {
            p.kind_differs
                .map(|(yours, theirs)| Look::Kind(p, yours, theirs))
        });
        // A link is said with the first missed node it joins, or alone.
        let owner = |l: &Link| {
            self.missed
                .iter()
                .position(|m| m.id == l.from || m.id == l.to)
        };
        self.missed
            .iter()
            .enumerate()
            .map(|(k, m)| {
                let links = self
                    .links_missed
                    .iter()
                    .filter(|l| owner(l) == Some(k))
                    .collect();
                Look::Missed(m, links)
            })
            .chain(kinds)
            .chain(
                self.links_missed
                    .iter()
                    .filter(|l| !missed_id(&l.from) && !missed_id(&l.to))
                    .map(Look::Link),
            )
            .chain(self.extra.iter().map(Look::Extra))
            .collect()
    }

    /// The id of the student's node aligned with the reference's node `reference`.
    pub fn student_of(&self, reference: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|p| p.reference == reference)
            .map(|p| p.student.as_str())
    }

    /// " (your B and A)": the student's nodes a link of the reference joins, when both are
    /// aligned; the reference's ids alone would not tell the student which they are.
    pub fn yours(&self, l: &Link) -> String {
        match (self.student_of(&l.from), self.student_of(&l.to)) {
            (Some(from), Some(to)) => format!(" (your {from} and {to})"),
            _ => String::new(),
        }
    }

    /// "Against the reference: 72% overall (components 80%, kinds 75%, links 60%).": the
    /// scores in a line, as the reader's `D` and the line mode's `differences` open.
    pub fn headline(&self) -> String {
        format!(
            "Against the reference: {} overall (components {}, kinds {}, links {}).",
            percent(self.overall),
            percent(self.components.f1),
            percent(self.kinds),
            percent(self.links.f1)
        )
    }

    /// The verdict on the thesis, in a sentence: whether it is the reference's, with both
    /// texts when it is not.
    pub fn thesis_verdict(&self) -> String {
        let t = &self.thesis;
        if t.matches {
            format!(
                "Thesis: yours is the reference's{}.",
                if t.by_text { " (in other words)" } else { "" }
            )
        } else {
            format!(
                "Thesis: yours is not the reference's, so it is not counted as found. Yours: \"{}\" The reference's: \"{}\"",
                t.student, t.reference
            )
        }
    }

    /// "This map is the reference's, or nearly: ..." when it copies it; `None` otherwise.
    pub fn copy_warning(&self) -> Option<String> {
        self.copy.map(|shared| {
            format!(
                "This map is the reference's, or nearly: every claim, kind and link agrees, and its texts share {} of the reference's words.",
                percent(shared)
            )
        })
    }

    /// How many of the student's pairs were made by text and place, not by quote.
    pub fn by_text(&self) -> usize {
        self.pairs.iter().filter(|p| p.by_text).count()
    }
}

/// "a premise", "an objection".
pub fn a(word: &str) -> String {
    let article = if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {word}")
}

fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// " (¶3, ¶4)", or nothing for an uncited node.
fn where_(paragraphs: &[usize]) -> String {
    if paragraphs.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = paragraphs.iter().map(|p| format!("¶{p}")).collect();
        format!(" ({})", list.join(", "))
    }
}

/// ", which supports T and is attacked by O1": a missed node's links in the reference.
fn its_links(m: &Component, links: &[&Link]) -> String {
    if links.is_empty() {
        return String::new();
    }
    let said: Vec<String> = links
        .iter()
        .map(|l| {
            if l.from == m.id {
                format!("{} {}", verb(l.relation), l.to)
            } else {
                format!("is {} by {}", passive(l.relation), l.from)
            }
        })
        .collect();
    format!(", which {}", said.join(" and "))
}

/// What a difference is, in words, for the report and the lists alike.
fn said(c: &Comparison, item: &Look<'_>) -> String {
    match item {
        Look::Missed(m, links) => format!(
            "Not mapped: the reference's {} {}{}{}: {}",
            m.role.name().to_lowercase(),
            m.id,
            where_(&m.paragraphs),
            its_links(m, links),
            m.text
        ),
        Look::Kind(p, yours, theirs) => format!(
            "Your {} is {}; the reference makes it {} ({})",
            p.student,
            a(&yours.name().to_lowercase()),
            a(&theirs.name().to_lowercase()),
            p.reference
        ),
        Look::Link(l) => format!(
            "In the reference, {} {} {}{}: your map does not link them so",
            l.from,
            verb(l.relation),
            l.to,
            c.yours(l)
        ),
        Look::Extra(e) => format!(
            "Your {}{} has no counterpart in the reference: is it a claim of the article?",
            e.id,
            where_(&e.paragraphs)
        ),
    }
}

/// The comparison in words, for the student: the thesis, the scores, then what to look at
/// again.
pub fn report(c: &Comparison, reference: &ArgumentMap) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "{}", c.thesis_verdict());
    if let Some(copy) = c.copy_warning() {
        let _ = writeln!(out, "{copy}");
    }
    let _ = writeln!(
        out,
        "Your map against the reference: {} overall.",
        percent(c.overall)
    );
    let by_text = match c.by_text() {
        0 => String::new(),
        n => format!(", {n} of them by text and place, your quotes being others"),
    };
    let _ = writeln!(
        out,
        "  Components: {} of the reference's {} found{by_text}; {} of yours without a counterpart (F1 {}).",
        c.pairs.len(),
        reference.nodes.len(),
        c.extra.len(),
        percent(c.components.f1)
    );
    let _ = writeln!(
        out,
        "  Kinds: {} of the {} found are the same kind.",
        percent(c.kinds),
        c.pairs.len()
    );
    let _ = writeln!(
        out,
        "  Links: {} of the reference's {} agree, {} of yours do not (F1 {}); linked groups: {} of {}.",
        c.links_agreed.len(),
        c.links_agreed.len() + c.links_missed.len(),
        c.links_extra.len(),
        percent(c.links.f1),
        c.groups_agreed,
        c.groups
    );
    let look = c.to_look_at();
    if look.is_empty() {
        out.push_str("Nothing to look at again: your map agrees with the reference.\n");
    } else {
        out.push_str("What to look at again:\n");
        for item in &look {
            let text = said(c, item);
            let stop = if text.ends_with(['.', '?', '!']) {
                ""
            } else {
                "."
            };
            let _ = writeln!(out, "  - {text}{stop}");
        }
    }
    out
}

/// The relation as a verb: "supports", "attacks", "undercuts the step from".
pub fn verb(r: Relation) -> &'static str {
    match r {
        Relation::Supports => "supports",
        Relation::Attacks => "attacks",
        Relation::Undercuts => "undercuts the step from",
    }
}

/// The relation undergone: "supported", "attacked", "undercut".
fn passive(r: Relation) -> &'static str {
    match r {
        Relation::Supports => "supported",
        Relation::Attacks => "attacked",
        Relation::Undercuts => "undercut",
    }
}

/// One difference, as the reader's `D` and the line mode's `differences` list it: its words,
/// the node of the student's map it is about, and the paragraph it is at (the reference's
/// node's first, for what the student has not mapped), so Enter always goes somewhere.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    pub text: String,
    pub node: Option<NodeIx>,
    pub paragraph: Option<usize>,
}

/// The comparison `c` in the reader's list: the thesis first, then each difference. Given the
/// comparison, which those views show the scores of too: compared once, not twice.
pub fn differences(c: &Comparison, student: &ArgumentMap) -> Vec<Difference> {
    let node = |id: Option<&str>| id.and_then(|id| student.find(id));
    let mut out = vec![Difference {
        text: c.thesis_verdict(),
        node: Some(student.thesis),
        paragraph: None,
    }];
    if let Some(copy) = c.copy_warning() {
        out.push(Difference {
            text: copy,
            node: None,
            paragraph: None,
        });
    }
    for item in c.to_look_at() {
        let text = said(c, &item);
        let (node, paragraph) = match &item {
            Look::Missed(m, _) => (None, m.paragraphs.first().copied()),
            Look::Kind(p, ..) => (node(Some(&p.student)), None),
            Look::Link(l) => (
                node(c.student_of(&l.from)).or_else(|| node(c.student_of(&l.to))),
                None,
            ),
            Look::Extra(e) => (node(Some(&e.id)), None),
        };
        out.push(Difference {
            text,
            node,
            paragraph,
        });
    }
    out
}
