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

mod align;
mod report;

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

pub use report::{Difference, Look, a, differences, report, verb};

use crate::map::model::{ArgumentMap, NodeIx, Role};

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
    /// Paired by their texts and places (`true`), their quotes not overlapping; or by the
    /// quotes (`false`).
    pub by_text: bool,
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

/// The verdict on the thesis, said first: whether the student's thesis is the reference's.
#[derive(Debug, Clone, Serialize)]
pub struct Thesis {
    pub matches: bool,
    /// Matched by text and place rather than by quote.
    pub by_text: bool,
    pub similarity: f64,
    pub student: String,
    pub reference: String,
}

/// The whole comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub thesis: Thesis,
    /// How much of the reference the student's map copies, when it is the reference or
    /// nearly: every component, kind and link agrees and the paired texts share this share of
    /// their words (0.9 or more); `None` otherwise.
    pub copy: Option<f64>,
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

/// A pair of nodes: how alike, by what, the student's node and the reference's.
type NodePair = (f64, align::By, NodeIx, NodeIx);

/// The nodes paired (the theses first when they match, each node once): the pairs, each
/// student node's reference node, and which reference nodes are taken.
fn align_nodes(
    student: &ArgumentMap,
    reference: &ArgumentMap,
    (s_cites, r_cites): (&[align::Cites], &[align::Cites]),
    same_article: bool,
    thesis_match: Option<(f64, align::By)>,
) -> (Vec<NodePair>, HashMap<NodeIx, NodeIx>, Vec<bool>) {
    // The pairs worth weighing: on the same article, the nodes of the same or a neighbouring
    // paragraph (linear for a map whose claims spread over its article); on different
    // articles, every pair.
    let near = align::Near::new(r_cites);
    let mut candidates: Vec<NodePair> = Vec::new();
    for (si, sc) in s_cites.iter().enumerate() {
        let others: Vec<NodeIx> = if same_article {
            near.of(sc)
        } else {
            (0..r_cites.len()).collect()
        };
        for ri in others {
            if let Some((sim, by)) = align::similarity(sc, &r_cites[ri], same_article) {
                candidates.push((sim, by, si, ri));
            }
        }
    }
    // Pairs by quote before pairs by text, each the best first; each node is paired once
    // (greedy: simple, deterministic, and as good as an optimal assignment when claims are
    // distinct).
    candidates.sort_by(|a, b| {
        (a.1 == align::By::Text)
            .cmp(&(b.1 == align::By::Text))
            .then(b.0.total_cmp(&a.0))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    let mut s_to_r: HashMap<NodeIx, NodeIx> = HashMap::new();
    let mut r_taken = vec![false; reference.nodes.len()];
    let mut pairs = Vec::new();
    if let Some((sim, by)) = thesis_match {
        s_to_r.insert(student.thesis, reference.thesis);
        r_taken[reference.thesis] = true;
        pairs.push((sim, by, student.thesis, reference.thesis));
    }
    for (sim, by, si, ri) in candidates {
        if s_to_r.contains_key(&si) || r_taken[ri] {
            continue;
        }
        s_to_r.insert(si, ri);
        r_taken[ri] = true;
        pairs.push((sim, by, si, ri));
    }
    (pairs, s_to_r, r_taken)
}

/// How the two maps' links and linked groups agree, in the reference's ids.
struct Linked {
    agreed: Vec<Link>,
    missed: Vec<Link>,
    extra: Vec<Link>,
    /// How many links each map has.
    student: usize,
    reference: usize,
    groups_agreed: usize,
    groups: usize,
}

/// The links of both maps compared, the student's named by `name` (the reference's id of
/// the node it is paired with, or its own).
fn link_agreement(
    student: &ArgumentMap,
    reference: &ArgumentMap,
    name: &dyn Fn(NodeIx) -> String,
) -> Linked {
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
    let s_groups = groups(student, name);
    let groups_agreed = r_groups.intersection(&s_groups).count();
    Linked {
        student: s_links.len(),
        reference: r_links.len(),
        agreed,
        missed: links_missed,
        extra: links_extra,
        groups_agreed,
        groups: r_groups.len(),
    }
}

/// The verdict on the thesis: whether the student's is the reference's, how alike they
/// are, and both texts.
fn thesis_verdict(
    student: &ArgumentMap,
    reference: &ArgumentMap,
    (s_cites, r_cites): (&[align::Cites], &[align::Cites]),
    thesis_match: Option<(f64, align::By)>,
) -> Thesis {
    Thesis {
        matches: thesis_match.is_some(),
        by_text: thesis_match.is_some_and(|(_, by)| by == align::By::Text),
        similarity: thesis_match.map_or_else(
            || {
                align::jaccard(
                    &s_cites[student.thesis].words,
                    &r_cites[reference.thesis].words,
                )
            },
            |(sim, _)| sim,
        ),
        student: student.nodes[student.thesis].text.clone(),
        reference: reference.nodes[reference.thesis].text.clone(),
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
    let mut stems = align::Stems::new();
    let s_cites: Vec<align::Cites> = (0..student.nodes.len())
        .map(|i| stems.cites(student, i))
        .collect();
    let r_cites: Vec<align::Cites> = (0..reference.nodes.len())
        .map(|i| stems.cites(reference, i))
        .collect();
    // The thesis first: the theses are paired when they are the same claim, and otherwise
    // each is compared with every node as any other is (a wrong thesis is not "found").
    let thesis_match = align::similarity(
        &s_cites[student.thesis],
        &r_cites[reference.thesis],
        same_article,
    );
    let (mut pairs, s_to_r, r_taken) = align_nodes(
        student,
        reference,
        (&s_cites, &r_cites),
        same_article,
        thesis_match,
    );
    pairs.sort_by_key(|&(_, _, _, ri)| reference.nodes[ri].step);
    let thesis = thesis_verdict(student, reference, (&s_cites, &r_cites), thesis_match);
    // How many of the reference's words the paired texts share, for a near copy.
    let shared_words = pairs
        .iter()
        .map(|&(_, _, si, ri)| align::jaccard(&s_cites[si].words, &r_cites[ri].words))
        .sum::<f64>()
        / reference.nodes.len().max(1) as f64;
    let kinds_agree = pairs
        .iter()
        .filter(|&&(_, _, si, ri)| student.nodes[si].role == reference.nodes[ri].role)
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
    let linked = link_agreement(student, reference, &name);
    let components = Score::of(pairs.len(), student.nodes.len(), reference.nodes.len());
    let links = Score::of(linked.agreed.len(), linked.student, linked.reference);
    let kinds = if pairs.is_empty() {
        0.0
    } else {
        kinds_agree as f64 / pairs.len() as f64
    };
    let overall = 0.4 * components.f1 + 0.2 * kinds + 0.4 * links.f1;
    let whole = |x: f64| x > 1.0 - 1e-9;
    let agrees = whole(components.f1) && whole(kinds) && whole(links.f1);
    Comparison {
        thesis,
        copy: (agrees && shared_words >= 0.9).then_some(shared_words),
        pairs: pairs
            .into_iter()
            .map(|(similarity, by, si, ri)| {
                let (s, r) = (&student.nodes[si], &reference.nodes[ri]);
                Pair {
                    student: s.id.clone(),
                    reference: r.id.clone(),
                    similarity,
                    by_text: by == align::By::Text,
                    kind_differs: (s.role != r.role).then_some((s.role, r.role)),
                }
            })
            .collect(),
        missed,
        extra,
        components,
        kinds,
        links_agreed: linked.agreed,
        links_missed: linked.missed,
        links_extra: linked.extra,
        links,
        groups_agreed: linked.groups_agreed,
        groups: linked.groups,
        overall,
    }
}
