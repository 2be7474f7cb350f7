//! Which node of a student's map is which of the reference's: by the quoted spans when they
//! overlap, else by text and place (the same or a neighbouring paragraph), one pair a node,
//! best first.
//!
//! Texts are compared by their stems (Snowball's English stemmer, from `rust-stemmers`) with
//! the commonest function words left out, as a Dice coefficient: "homework improves pupils'
//! results" and "pupils' results improve with homework" are the same claim in other words, and
//! a student who quotes a sentence of their own choosing from the same paragraph is not
//! punished for it (issue 25.1).

use std::collections::{BTreeSet, HashMap};

use rust_stemmers::{Algorithm, Stemmer};

use crate::map::model::{ArgumentMap, NodeIx};

/// Below this similarity two nodes are not the same claim.
pub(super) const THRESHOLD: f64 = 0.3;

/// The least word similarity that pairs two nodes by text and place: claims of one paragraph
/// that share no more than a word or two stay apart, so a real miss and a real extra are said.
const TEXT_AT_LEAST: f64 = 0.25;

/// Words too common to say two claims are alike (English function words).
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as",
    "at", "be", "because", "been", "before", "being", "both", "but", "by", "can", "could", "did",
    "do", "does", "doing", "down", "during", "each", "even", "few", "for", "from", "further",
    "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if",
    "in", "into", "is", "it", "its", "itself", "just", "may", "me", "might", "more", "most",
    "much", "must", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only",
    "or", "other", "our", "ours", "out", "over", "own", "same", "shall", "she", "should", "so",
    "some", "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these",
    "they", "this", "those", "through", "to", "too", "under", "until", "up", "upon", "very", "was",
    "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
    "would", "you", "your", "yours",
];

/// How a pair was made: by overlapping quotes, or by text and place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum By {
    Quote,
    Text,
}

/// What a node cites and says, for alignment.
pub(super) struct Cites {
    paragraphs: BTreeSet<usize>,
    spans: Vec<(usize, std::ops::Range<usize>)>,
    /// The stems of its text, as numbers, sorted and once each.
    stems: Vec<u32>,
    /// The stems of its text and its quotes.
    stems_quoted: Vec<u32>,
    /// Its words, lower-cased, for how near a copy it is.
    pub(super) words: BTreeSet<String>,
    /// Its text lower-cased, white space collapsed: the same text is the same claim, even
    /// one of symbols or function words only, which have no stems to compare.
    same: String,
}

/// Numbers the stems of two maps' texts, so comparing two texts is a merge of sorted numbers.
pub(super) struct Stems {
    stemmer: Stemmer,
    ids: HashMap<String, u32>,
    function: BTreeSet<&'static str>,
}

impl Stems {
    pub(super) fn new() -> Self {
        Self {
            stemmer: Stemmer::create(Algorithm::English),
            ids: HashMap::new(),
            function: FUNCTION_WORDS.iter().copied().collect(),
        }
    }

    fn of(&mut self, text: &str) -> Vec<u32> {
        let mut out: Vec<u32> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .filter(|w| !self.function.contains(w.as_str()))
            .map(|w| {
                let stem = self.stemmer.stem(&w).into_owned();
                let next = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
                *self.ids.entry(stem).or_insert(next)
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// What node `ix` of `map` cites and says.
    pub(super) fn cites(&mut self, map: &ArgumentMap, ix: NodeIx) -> Cites {
        let n = &map.nodes[ix];
        let quotes: Vec<&str> = n
            .citations
            .iter()
            .filter_map(|c| c.quote.as_ref())
            .map(|q| q.text.as_str())
            .collect();
        let stems = self.of(&n.text);
        let mut stems_quoted = stems.clone();
        for q in &quotes {
            stems_quoted.extend(self.of(q));
        }
        stems_quoted.sort_unstable();
        stems_quoted.dedup();
        Cites {
            paragraphs: n.citations.iter().flat_map(|c| c.paragraphs()).collect(),
            spans: n
                .citations
                .iter()
                .filter_map(|c| c.quote.as_ref())
                .map(|q| (q.paragraph, q.range.clone()))
                .collect(),
            stems,
            stems_quoted,
            words: n
                .text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect(),
            same: n
                .text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase(),
        }
    }
}

/// Dice's coefficient of two sorted sets of numbers.
fn dice(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// Jaccard's coefficient of two sets.
pub(super) fn jaccard<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        0.0
    } else {
        a.intersection(b).count() as f64 / union as f64
    }
}

/// How much two nodes' quoted spans overlap: the overlapping bytes over the bytes either
/// quotes (in the same paragraphs); `None` unless both quote.
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

/// How near two nodes' paragraphs are: 1 when they cite one in common, ½ when one cites the
/// paragraph beside one the other cites, else 0.
fn place(a: &Cites, b: &Cites) -> f64 {
    if a.paragraphs.intersection(&b.paragraphs).next().is_some() {
        1.0
    } else if a
        .paragraphs
        .iter()
        .any(|&p| b.paragraphs.contains(&(p + 1)) || p > 0 && b.paragraphs.contains(&(p - 1)))
    {
        0.5
    } else {
        0.0
    }
}

/// How alike two texts are by their stems: the texts alone, or with their quotes.
fn text(a: &Cites, b: &Cites) -> f64 {
    dice(&a.stems, &b.stems).max(dice(&a.stems_quoted, &b.stems_quoted))
}

/// How alike two nodes are, 0 to 1, and how they were paired; `None` when they are not the
/// same claim. On different articles paragraphs and quotes mean nothing: texts alone count.
pub(super) fn similarity(a: &Cites, b: &Cites, same_article: bool) -> Option<(f64, By)> {
    let same_text = !a.same.is_empty() && a.same == b.same;
    let words = if same_text { 1.0 } else { text(a, b) };
    if !same_article {
        return (words >= THRESHOLD).then_some((words, By::Text));
    }
    if let Some(spans) = span_overlap(a, b).filter(|&s| s > 0.0) {
        let sim = 0.6 * spans + 0.2 * jaccard(&a.paragraphs, &b.paragraphs) + 0.2 * words;
        return (sim >= THRESHOLD).then_some((sim, By::Quote));
    }
    let near = place(a, b);
    let uncited = a.paragraphs.is_empty() || b.paragraphs.is_empty();
    if (near > 0.0 || uncited) && words >= TEXT_AT_LEAST {
        let sim = 0.3 * near + 0.7 * words;
        return (sim >= THRESHOLD).then_some((sim, By::Text));
    }
    None
}

/// The reference's nodes worth comparing with a node citing `paragraphs`: those citing the
/// same or a neighbouring paragraph, and those citing none; every node for a node citing none.
pub(super) struct Near {
    by_paragraph: HashMap<usize, Vec<NodeIx>>,
    uncited: Vec<NodeIx>,
    all: usize,
}

impl Near {
    pub(super) fn new(cites: &[Cites]) -> Self {
        let mut by_paragraph: HashMap<usize, Vec<NodeIx>> = HashMap::new();
        let mut uncited = Vec::new();
        for (ix, c) in cites.iter().enumerate() {
            if c.paragraphs.is_empty() {
                uncited.push(ix);
            }
            for &p in &c.paragraphs {
                by_paragraph.entry(p).or_default().push(ix);
            }
        }
        Self {
            by_paragraph,
            uncited,
            all: cites.len(),
        }
    }

    pub(super) fn of(&self, c: &Cites) -> Vec<NodeIx> {
        if c.paragraphs.is_empty() {
            return (0..self.all).collect();
        }
        let mut out = self.uncited.clone();
        for &p in &c.paragraphs {
            for q in [p.wrapping_sub(1), p, p + 1] {
                out.extend(self.by_paragraph.get(&q).into_iter().flatten());
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_words_of_the_same_claim_are_alike_and_function_words_are_not() {
        let mut stems = Stems::new();
        let a = stems.of("Homework improves the results of older pupils");
        let b = stems.of("Older pupils' results improve with homework");
        assert!(dice(&a, &b) > 0.7, "{}", dice(&a, &b));
        let c = stems.of("The trains of the city are late");
        assert_eq!(dice(&a, &c), 0.0);
        assert_eq!(dice(&[], &[]), 0.0);
    }
}
