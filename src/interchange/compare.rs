//! `argwalk compare STUDENT REFERENCE`: a student's map set against a reference map of the
//! same article. Nodes are aligned by what they cite (the quoted spans first, then the
//! paragraphs), then by their text; the report says which of the reference's components the
//! student found, missed or added, whether their kinds agree, which links (supports, attacks,
//! undercuts, linked groups) agree, and scores each part.
//!
//! The score, and why: argument-mining evaluation scores components and relations separately
//! by F1 (precision and recall against a reference annotation: Stab and Gurevych 2017;
//! Peldszus and Stede 2015), because a map can find the right claims and connect them wrongly,
//! or the reverse; automatic feedback on student argument maps (Butchart et al. 2009) tells
//! the student which claims are misplaced and which connections are missing, not only a mark.
//! So: components F1, kind accuracy over the aligned pairs, links F1, and an overall score
//! weighting them 0.4, 0.2 and 0.4: what is claimed and how it connects carry the argument;
//! the kind of a claim (premise or evidence, objection or rebuttal) follows mostly from its
//! place.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::map::model::{ArgumentMap, NodeIx, Role};

/// Below this similarity two nodes are not the same claim.
const THRESHOLD: f64 = 0.3;

/// How one node bears on another, for comparing links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    Supports,
    Attacks,
    Undercuts,
}

/// One pair of aligned nodes.
#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    pub student: String,
    pub reference: String,
    pub similarity: f64,
    /// The roles, when they differ: (the student's, the reference's).
    pub kind_differs: Option<(Role, Role)>,
}

/// A node of one map with where to find it.
#[derive(Debug, Clone, Serialize)]
pub struct Component {
    pub id: String,
    pub role: Role,
    pub text: String,
    pub paragraphs: Vec<usize>,
}

/// A link, by the reference's ids where the student's node is aligned (else the student's
/// own id, marked with a `~`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Link {
    pub from: String,
    pub to: String,
    pub relation: Relation,
}

/// Precision, recall and F1 of one part.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Score {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Score {
    fn of(agreed: usize, student: usize, reference: usize) -> Self {
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        let precision = ratio(agreed, student);
        let recall = ratio(agreed, reference);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Self {
            precision,
            recall,
            f1,
        }
    }
}

/// The whole comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub pairs: Vec<Pair>,
    /// The reference's components the student has no counterpart for.
    pub missed: Vec<Component>,
    /// The student's components the reference has no counterpart for.
    pub extra: Vec<Component>,
    pub components: Score,
    /// Aligned pairs whose kinds agree, of all aligned pairs.
    pub kinds: f64,
    pub links_agreed: Vec<Link>,
    pub links_missed: Vec<Link>,
    pub links_extra: Vec<Link>,
    pub links: Score,
    /// Linked groups (premises that support a claim together) of the reference the student
    /// has too, and how many the reference has.
    pub groups_agreed: usize,
    pub groups: usize,
    pub overall: f64,
}

/// Words of a text, lower-cased, for comparing texts.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn jaccard<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        0.0
    } else {
        a.intersection(b).count() as f64 / union as f64
    }
}

/// What a node cites, for alignment: its paragraphs, and its quoted spans as (paragraph,
/// byte range) in the article.
struct Cites {
    paragraphs: BTreeSet<usize>,
    spans: Vec<(usize, std::ops::Range<usize>)>,
    words: BTreeSet<String>,
}

fn cites(map: &ArgumentMap, ix: NodeIx) -> Cites {
    let n = &map.nodes[ix];
    Cites {
        paragraphs: n.citations.iter().flat_map(|c| c.paragraphs()).collect(),
        spans: n
            .citations
            .iter()
            .filter_map(|c| c.quote.as_ref())
            .map(|q| (q.paragraph, q.range.clone()))
            .collect(),
        words: words(&n.text),
    }
}

/// How much two nodes' quoted spans overlap: the overlapping bytes over the bytes either
/// quotes (in the same paragraphs).
fn span_overlap(a: &Cites, b: &Cites) -> Option<f64> {
    if a.spans.is_empty() || b.spans.is_empty() {
        return None;
    }
    let total =
        |s: &[(usize, std::ops::Range<usize>)]| -> usize { s.iter().map(|(_, r)| r.len()).sum() };
    let mut common = 0;
    for (pa, ra) in &a.spans {
        for (pb, rb) in &b.spans {
            if pa == pb {
                common += ra.end.min(rb.end).saturating_sub(ra.start.max(rb.start));
            }
        }
    }
    let union = total(&a.spans) + total(&b.spans) - common;
    Some(if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    })
}

/// How alike two nodes are, 0 to 1: the quoted spans weigh most when both quote, then the
/// paragraphs cited, then the words of their texts. The articles are compared first: on
/// different articles, paragraphs and spans mean nothing, and only the texts count.
fn similarity(a: &Cites, b: &Cites, same_article: bool) -> f64 {
    let text = jaccard(&a.words, &b.words);
    if !same_article {
        return text;
    }
    let paragraphs = jaccard(&a.paragraphs, &b.paragraphs);
    match span_overlap(a, b) {
        Some(spans) => 0.6 * spans + 0.2 * paragraphs + 0.2 * text,
        None => 0.5 * paragraphs + 0.5 * text,
    }
}

/// Each node's links: its parent (an undercut to the step it attacks) and its cross-links.
fn links(map: &ArgumentMap) -> Vec<(NodeIx, NodeIx, Relation)> {
    let mut out = Vec::new();
    for (ix, n) in map.nodes.iter().enumerate() {
        if let Some(p) = n.parent {
            let relation = if n.undercuts {
                Relation::Undercuts
            } else if n.role.attacks() {
                Relation::Attacks
            } else {
                Relation::Supports
            };
            out.push((ix, p, relation));
        }
        for &(to, link) in &n.also {
            let relation = match link {
                crate::map::model::Link::Supports => Relation::Supports,
                crate::map::model::Link::Attacks => Relation::Attacks,
            };
            out.push((ix, to, relation));
        }
    }
    out
}

fn component(map: &ArgumentMap, ix: NodeIx) -> Component {
    let n = &map.nodes[ix];
    Component {
        id: n.id.clone(),
        role: n.role,
        text: n.text.clone(),
        paragraphs: n.cited_paragraphs(),
    }
}

/// One thing for the student to look at again.
pub enum Look<'c> {
    /// A component of the reference with no counterpart.
    Missed(&'c Component),
    /// An aligned pair whose kinds differ: the student's role, the reference's.
    Kind(&'c Pair, Role, Role),
    /// A link of the reference the student's map does not have.
    Link(&'c Link),
    /// A component of the student's with no counterpart.
    Extra(&'c Component),
}

impl Comparison {
    /// What to look at again, in the order the report says it: what is missing, kinds, links,
    /// then what is extra.
    pub fn to_look_at(&self) -> Vec<Look<'_>> {
        let kinds = self.pairs.iter().filter_map(|p| {
            p.kind_differs
                .map(|(yours, theirs)| Look::Kind(p, yours, theirs))
        });
        self.missed
            .iter()
            .map(Look::Missed)
            .chain(kinds)
            .chain(self.links_missed.iter().map(Look::Link))
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
}

/// Compares `student` with `reference`.
pub fn compare(student: &ArgumentMap, reference: &ArgumentMap) -> Comparison {
    let same_article = student.source.paragraphs.len() == reference.source.paragraphs.len()
        && student
            .source
            .paragraphs
            .iter()
            .zip(&reference.source.paragraphs)
            .all(|(a, b)| a.text == b.text);
    let s_cites: Vec<Cites> = (0..student.nodes.len())
        .map(|i| cites(student, i))
        .collect();
    let r_cites: Vec<Cites> = (0..reference.nodes.len())
        .map(|i| cites(reference, i))
        .collect();
    // Every pair's similarity, the best first; each node is aligned once (greedy: simple,
    // deterministic, and as good as an optimal assignment when claims are distinct). The
    // theses are aligned to each other whatever their texts: both are the central claim.
    let mut candidates: Vec<(f64, NodeIx, NodeIx)> = Vec::new();
    for (si, sc) in s_cites.iter().enumerate() {
        for (ri, rc) in r_cites.iter().enumerate() {
            let sim = similarity(sc, rc, same_article);
            if sim >= THRESHOLD {
                candidates.push((sim, si, ri));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut s_to_r: HashMap<NodeIx, NodeIx> = HashMap::new();
    let mut r_taken = vec![false; reference.nodes.len()];
    let theses = similarity(
        &s_cites[student.thesis],
        &r_cites[reference.thesis],
        same_article,
    );
    s_to_r.insert(student.thesis, reference.thesis);
    r_taken[reference.thesis] = true;
    let mut pairs = vec![(theses, student.thesis, reference.thesis)];
    for (sim, si, ri) in candidates {
        if s_to_r.contains_key(&si) || r_taken[ri] {
            continue;
        }
        s_to_r.insert(si, ri);
        r_taken[ri] = true;
        pairs.push((sim, si, ri));
    }
    pairs.sort_by_key(|&(_, _, ri)| reference.nodes[ri].step);
    let kinds_agree = pairs
        .iter()
        .filter(|&&(_, si, ri)| student.nodes[si].role == reference.nodes[ri].role)
        .count();
    let missed: Vec<Component> = reference
        .walk
        .iter()
        .filter(|&&ri| !r_taken[ri])
        .map(|&ri| component(reference, ri))
        .collect();
    let extra: Vec<Component> = student
        .walk
        .iter()
        .filter(|&&si| !s_to_r.contains_key(&si))
        .map(|&si| component(student, si))
        .collect();
    // Links, in the reference's ids; an unaligned node of the student's keeps its own id.
    let name = |si: NodeIx| match s_to_r.get(&si) {
        Some(&ri) => reference.nodes[ri].id.clone(),
        None => format!("~{}", student.nodes[si].id),
    };
    let s_links: BTreeSet<Link> = links(student)
        .into_iter()
        .map(|(f, t, relation)| Link {
            from: name(f),
            to: name(t),
            relation,
        })
        .collect();
    let r_links: BTreeSet<Link> = links(reference)
        .into_iter()
        .map(|(f, t, relation)| Link {
            from: reference.nodes[f].id.clone(),
            to: reference.nodes[t].id.clone(),
            relation,
        })
        .collect();
    let agreed: Vec<Link> = r_links.intersection(&s_links).cloned().collect();
    let links_missed: Vec<Link> = r_links.difference(&s_links).cloned().collect();
    let links_extra: Vec<Link> = s_links.difference(&r_links).cloned().collect();
    // Linked groups, as sets of the reference's ids.
    let groups = |map: &ArgumentMap, id: &dyn Fn(NodeIx) -> String| -> BTreeSet<BTreeSet<String>> {
        map.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| !n.linked.is_empty())
            .map(|(ix, n)| {
                std::iter::once(ix)
                    .chain(n.linked.iter().copied())
                    .map(id)
                    .collect()
            })
            .collect()
    };
    let r_groups = groups(reference, &|ix| reference.nodes[ix].id.clone());
    let s_groups = groups(student, &name);
    let groups_agreed = r_groups.intersection(&s_groups).count();
    let components = Score::of(pairs.len(), student.nodes.len(), reference.nodes.len());
    let links = Score::of(agreed.len(), s_links.len(), r_links.len());
    let kinds = if pairs.is_empty() {
        0.0
    } else {
        kinds_agree as f64 / pairs.len() as f64
    };
    let overall = 0.4 * components.f1 + 0.2 * kinds + 0.4 * links.f1;
    Comparison {
        pairs: pairs
            .into_iter()
            .map(|(similarity, si, ri)| {
                let (s, r) = (&student.nodes[si], &reference.nodes[ri]);
                Pair {
                    student: s.id.clone(),
                    reference: r.id.clone(),
                    similarity,
                    kind_differs: (s.role != r.role).then_some((s.role, r.role)),
                }
            })
            .collect(),
        missed,
        extra,
        components,
        kinds,
        links_agreed: agreed,
        links_missed,
        links_extra,
        links,
        groups_agreed,
        groups: r_groups.len(),
        overall,
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

fn where_(paragraphs: &[usize]) -> String {
    if paragraphs.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = paragraphs.iter().map(|p| format!("¶{p}")).collect();
        format!(" ({})", list.join(", "))
    }
}

/// The comparison in words, for the student: the scores, then what to look at again.
pub fn report(c: &Comparison, reference: &ArgumentMap) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Your map against the reference: {} overall.",
        percent(c.overall)
    );
    let _ = writeln!(
        out,
        "  Components: {} of the reference's {} found, {} of yours without a counterpart (F1 {}).",
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
    let look: Vec<String> = c
        .to_look_at()
        .into_iter()
        .map(|item| match item {
            Look::Missed(m) => format!(
                "The reference has {} you have not mapped{}: {}",
                a(&m.role.name().to_lowercase()),
                where_(&m.paragraphs),
                m.text
            ),
            Look::Kind(p, yours, theirs) => format!(
                "Your {} is {}; the reference makes it {} ({}).",
                p.student,
                a(&yours.name().to_lowercase()),
                a(&theirs.name().to_lowercase()),
                p.reference
            ),
            Look::Link(l) => format!(
                "In the reference, {} {} {}; your map does not link them so{}.",
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
        })
        .collect();
    if look.is_empty() {
        out.push_str("Nothing to look at again: your map agrees with the reference.\n");
    } else {
        out.push_str("What to look at again:\n");
        for l in look {
            let _ = writeln!(out, "  - {l}");
        }
    }
    out
}

impl Comparison {
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
}

/// The relation as a verb: "supports", "attacks", "undercuts the step from".
pub fn verb(r: Relation) -> &'static str {
    match r {
        Relation::Supports => "supports",
        Relation::Attacks => "attacks",
        Relation::Undercuts => "undercuts the step from",
    }
}

/// Each difference of the comparison `c` in words, for the reader's `D` list and the line
/// mode's `differences`, with the node of the student's map it is about (none for what the
/// student has not mapped). Given the comparison, which those views show the scores of too:
/// compared once a frame, not twice.
pub fn differences(
    c: &Comparison,
    student: &ArgumentMap,
) -> Vec<(String, Option<crate::map::model::NodeIx>)> {
    let node = |id: Option<&str>| id.and_then(|id| student.find(id));
    c.to_look_at()
        .into_iter()
        .map(|item| match item {
            Look::Missed(m) => {
                let paragraphs: Vec<String> =
                    m.paragraphs.iter().map(|p| format!("¶{p}")).collect();
                // An uncited node (the thesis may be) names no paragraph, rather than "()".
                let at = if paragraphs.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", paragraphs.join(", "))
                };
                (
                    format!(
                        "Not mapped: the reference's {} {}{at}: {}",
                        m.role.name().to_lowercase(),
                        m.id,
                        m.text
                    ),
                    None,
                )
            }
            Look::Kind(p, mine, theirs) => (
                format!(
                    "Your {} is {}; the reference makes it {} ({})",
                    p.student,
                    a(&mine.name().to_lowercase()),
                    a(&theirs.name().to_lowercase()),
                    p.reference
                ),
                node(Some(&p.student)),
            ),
            Look::Link(l) => (
                format!(
                    "In the reference, {} {} {}{}: your map does not link them so",
                    l.from,
                    verb(l.relation),
                    l.to,
                    c.yours(l)
                ),
                node(c.student_of(&l.from)).or_else(|| node(c.student_of(&l.to))),
            ),
            Look::Extra(e) => (
                format!("Your {} has no counterpart in the reference", e.id),
                node(Some(&e.id)),
            ),
        })
        .collect()
}
