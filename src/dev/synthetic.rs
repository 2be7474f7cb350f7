//! Generated maps of any size, for benchmarks and tests: deterministic, valid, quotes included.

use std::fmt::Write;

const WORDS: &[&str] = &[
    "ceasefire",
    "talks",
    "regime",
    "militia",
    "guarantor",
    "settlement",
    "pledge",
    "offensive",
    "opposition",
    "delegation",
    "process",
    "council",
    "enforcement",
    "withdrawal",
    "province",
    "statement",
    "suburbs",
    "round",
    "communique",
    "sovereignty",
    "history",
    "network",
    "agreement",
    "transition",
    "mechanism",
    "spokesman",
    "academic",
    "casualties",
    "support",
    "unity",
    "the",
    "of",
    "and",
    "a",
    "to",
    "in",
    "was",
    "that",
    "with",
    "for",
];

/// A small deterministic generator (SplitMix64), so every run makes the same map.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The text of a valid map with `nodes` nodes and `paragraphs` inline paragraphs. About a third
/// of the nodes quote a few words of the paragraph they cite.
pub fn map_text(nodes: usize, paragraphs: usize) -> String {
    let mut rng = Rng(42);
    let paragraphs = paragraphs.max(1);
    let texts: Vec<String> = (0..paragraphs)
        .map(|i| {
            let len = 30 + rng.below(50);
            let mut words: Vec<&str> = (0..len).map(|_| WORDS[rng.below(WORDS.len())]).collect();
            words[0] = "Paragraph";
            let mut text = words.join(" ");
            let _ = write!(text, " number {}.", i + 1);
            text
        })
        .collect();
    let mut out = String::with_capacity(nodes * 200 + paragraphs * 400);
    out.push_str("[source]\ntitle = \"A generated article\"\nparagraphs = [\n");
    for t in &texts {
        let _ = writeln!(out, "  \"{t}\",");
    }
    out.push_str("]\n\n");
    let cite = |rng: &mut Rng, out: &mut String| {
        let p = rng.below(paragraphs);
        if rng.below(3) == 0 {
            let words: Vec<&str> = texts[p].split(' ').collect();
            let start = rng.below(words.len().saturating_sub(4));
            let quote = words[start..(start + 4).min(words.len())].join(" ");
            let _ = writeln!(out, "cite = [{{ para = {}, quote = \"{quote}\" }}]", p + 1);
        } else {
            let _ = writeln!(out, "cite = [{}]", p + 1);
        }
    };
    out.push_str("[thesis]\nid = \"T\"\nlabel = \"The generated thesis\"\ntext = \"Everything below argues for this.\"\n");
    cite(&mut rng, &mut out);
    // Premises and counterpoints can take children; evidence cannot.
    let mut parents: Vec<(String, bool)> = vec![("T".into(), false)];
    for i in 1..nodes {
        let (kind, link) = match i % 10 {
            0..=2 => ("premise", "supports"),
            3..=6 => ("evidence", "supports"),
            _ => ("counterpoint", "attacks"),
        };
        // Favour recent parents, so the tree grows deep as well as wide.
        let span = parents.len().min(64);
        let (parent, _) = parents[parents.len() - 1 - rng.below(span)].clone();
        let id = format!("N{i}");
        let _ = writeln!(
            out,
            "\n[[{kind}]]\nid = \"{id}\"\n{link} = \"{parent}\"\nlabel = \"{kind} {i}\"\ntext = \"Generated {kind} number {i}, about {} and {}.\"",
            WORDS[rng.below(WORDS.len())],
            WORDS[rng.below(WORDS.len())]
        );
        cite(&mut rng, &mut out);
        if kind != "evidence" {
            parents.push((id, kind == "counterpoint"));
        }
    }
    out
}

/// The text of a valid map that is one chain `depth` premises deep under the thesis: the shape
/// scripts generate, and the worst case for anything that walks ancestors.
pub fn chain_text(depth: usize) -> String {
    let mut out = String::with_capacity(depth * 120);
    out.push_str("[source]\ntitle = \"A chain of reasons\"\nparagraphs = [\"Each reason rests on the next.\"]\n\n");
    out.push_str("[thesis]\nid = \"T\"\ntext = \"The conclusion.\"\ncite = [1]\n");
    let mut parent = "T".to_string();
    for i in 1..depth.max(1) {
        let id = format!("P{i}");
        let _ = writeln!(
            out,
            "\n[[premise]]\nid = \"{id}\"\nsupports = \"{parent}\"\nlabel = \"Reason {i}\"\ntext = \"Because of reason {}.\"\ncite = [1]",
            i + 1
        );
        parent = id;
    }
    out
}

/// A reader's layer with a mark, a verdict and a two-line note on every node of `map`: the
/// heaviest layer a map can have, for benchmarks.
pub fn full_layer(map: &crate::map::model::ArgumentMap) -> crate::study::Layer {
    let mut layer = crate::study::Layer::default();
    for n in &map.nodes {
        let s = layer.node_mut(&n.id);
        s.note = format!(
            "My note on {}: a line of thought,\nand a second line.",
            n.id
        );
        s.understood = true;
        s.visited = true;
        s.judgement = Some(crate::study::Judgement::Doubtful);
    }
    layer
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::loader::{self, Builtin};

    #[test]
    fn generated_maps_load_without_errors() {
        let text = map_text(500, 100);
        let l = loader::load_str("gen.toml", &text, &Builtin);
        assert_eq!(l.report.errors(), 0, "{}", l.report.render(false));
        let map = l.map.unwrap();
        assert_eq!(map.nodes.len(), 500);
        assert_eq!(map.source.paragraphs.len(), 100);
        assert!(
            map.nodes
                .iter()
                .any(|n| n.citations.iter().any(|c| c.quote.is_some()))
        );
    }
}
