//! Random maps with hostile text, drawn from a fixed seed (`ARGWALK_PEER_SEED` draws
//! others): every ASCII punctuation mark, quotes, tabs, newlines, HTML, Markdown, YAML and
//! pandoc specials, URLs, C1 and bidi characters; and every relation of the format (cross-links,
//! linked premises, undercuts, objections the author raises). A map that does not load panics
//! with its TOML.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use argwalk::map::loader::{self, Builtin};
use std::collections::BTreeSet;

use argwalk::map::model::{ArgumentMap, Link};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// Pieces the text is made of: ordinary words, and everything each format treats specially.
pub const PIECES: &[&str] = &[
    "the",
    "bridge",
    "costs",
    "Iran",
    "peace",
    "talks",
    "¶4",
    "naïve",
    "日本語",
    "👍🏽",
    "👨‍👩‍👧",
    "!",
    "\"",
    "#",
    "$",
    "%",
    "&",
    "'",
    "(",
    ")",
    "*",
    "+",
    ",",
    "-",
    ".",
    "/",
    ":",
    ";",
    "<",
    "=",
    ">",
    "?",
    "@",
    "[",
    "\\",
    "]",
    "^",
    "_",
    "`",
    "{",
    "|",
    "}",
    "~",
    "\"quoted\"",
    "'single'",
    "<script>alert(1)</script>",
    "<b>bold</b>",
    "&amp;",
    "&lt;",
    "**strong**",
    "_em_",
    "# head",
    "- item",
    "> block",
    "1. first",
    "[link](http://x.org/a?b=c&d=e)",
    "https://example.org/a//b",
    "---",
    "key: value",
    "- [x]",
    "|a|b|",
    "{k: v}",
    "//",
    "/* c */",
    "[sic]",
    "#1",
    "@user",
    "``code``",
    "\\n",
    "\\N",
    "\\l",
    "%s",
    "${HOME}",
    "$(id)",
    "\t",
    "\n",
    "\u{85}",
    "\u{9b}",
    "\u{202e}rtl",
    "\u{2066}iso",
    "\u{200b}zw",
    "\u{7f}",
    "\u{1b}[31m",
    "&#x41;",
    "<!-- c -->",
];

/// Text that holds at least one word (a node's text is never blank), then anything.
pub fn words(max: usize) -> impl Strategy<Value = String> {
    (
        prop::sample::select(&PIECES[..11]),
        prop::collection::vec(prop::sample::select(PIECES), 0..max),
    )
        .prop_map(|(first, rest)| {
            std::iter::once(first)
                .chain(rest)
                .collect::<Vec<_>>()
                .join(" ")
        })
}

/// One drawn map: a title, its paragraphs, and nodes (kind, which earlier node it bears on,
/// label, text, the paragraph it cites and how much of it it quotes).
pub type DrawnNode = (u8, usize, Option<String>, String, usize, usize, u8, bool);

#[derive(Debug, Clone)]
pub struct Drawn {
    pub title: String,
    pub paragraphs: Vec<String>,
    /// Kind, which earlier node it bears on, label, text, the paragraph it cites, how many
    /// words it quotes, its shape (linked with an earlier sibling; an undercut) and raised.
    pub nodes: Vec<DrawnNode>,
}

pub fn drawn() -> impl Strategy<Value = Drawn> {
    (
        words(6),
        prop::collection::vec(words(10), 2..5),
        prop::collection::vec(
            (
                0u8..3,
                any::<usize>(),
                prop::option::of(words(4)),
                words(12),
                any::<usize>(),
                0usize..4,
                0u8..4,
                any::<bool>(),
            ),
            1..10,
        ),
    )
        .prop_map(|(title, paragraphs, nodes)| Drawn {
            title,
            paragraphs,
            nodes,
        })
}

/// A TOML string, escaped by the toml crate.
pub fn s(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// The drawn map as TOML: premises and evidence support, counterpoints attack, each an earlier
/// node; a quote is the first words of the paragraph cited (the loader checks it).
pub fn to_toml(d: &Drawn) -> String {
    // Paragraphs are one line each in the file: a newline inside would be two in the article.
    let paragraphs: Vec<String> = d
        .paragraphs
        .iter()
        .map(|p| p.replace(['\n', '\t'], " "))
        .collect();
    let mut out = format!(
        "[source]\ntitle = {}\nparagraphs = [{}]\n\n[thesis]\nid = \"T\"\ntext = {}\ncite = [1]\n",
        s(&d.title.replace('\n', " ")),
        paragraphs
            .iter()
            .map(|p| s(p))
            .collect::<Vec<_>>()
            .join(", "),
        s(&d.title)
    );
    // Each node's id, letter and what it bears on (by index into `ids`).
    let mut ids: Vec<(String, char, Option<usize>)> = vec![("T".to_string(), 'T', None)];
    for (i, (kind, parent, label, text, para, quoted, shape, raised)) in d.nodes.iter().enumerate()
    {
        let (table, id_letter, verb) = match kind {
            0 => ("premise", 'P', "supports"),
            1 => ("evidence", 'E', "supports"),
            _ => ("counterpoint", 'O', "attacks"),
        };
        // Evidence is a leaf: nothing supports it (a counterpoint may attack it).
        let targets: Vec<usize> = (0..ids.len())
            .filter(|&t| !(*kind < 2 && ids[t].1 == 'E'))
            .collect();
        let target = targets[parent % targets.len()];
        let id = format!("{id_letter}{}", i + 1);
        // An undercut needs a step: a target that bears on something.
        let undercut = *kind == 2 && *shape == 3 && ids[target].2.is_some();
        let verb = if undercut { "undercuts" } else { verb };
        out.push_str(&format!(
            "\n[[{table}]]\nid = \"{id}\"\n{verb} = \"{}\"\ntext = {}\n",
            ids[target].0,
            s(text)
        ));
        // Linked with an earlier premise or evidence of the same claim.
        if *kind < 2
            && *shape == 1
            && let Some(sibling) = ids
                .iter()
                .find(|(_, k, p)| matches!(k, 'P' | 'E') && *p == Some(target))
        {
            out.push_str(&format!("with = [\"{}\"]\n", sibling.0));
        }
        if *kind == 2 && *raised {
            out.push_str("raised = true\n");
        }
        if let Some(l) = label {
            out.push_str(&format!("label = {}\n", s(&l.replace('\n', " "))));
        }
        let k = para % paragraphs.len();
        let first: Vec<&str> = paragraphs[k].split(' ').take(quoted + 1).collect();
        let quote = first.join(" ");
        if *quoted > 0 && !quote.trim().is_empty() {
            out.push_str(&format!(
                "cite = [{{ para = {}, quote = {} }}]\n",
                k + 1,
                s(&quote)
            ));
        } else {
            out.push_str(&format!("cite = [{}]\n", k + 1));
        }
        ids.push((id, id_letter, Some(target)));
    }
    out
}

/// The maps of one run: drawn from the seed, each loaded as a user's file would be.
pub fn maps(count: usize) -> Vec<(String, ArgumentMap)> {
    let seed: u64 = std::env::var("ARGWALK_PEER_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(165);
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &bytes),
    );
    (0..count)
        .map(|_| {
            let d = drawn().new_tree(&mut runner).unwrap().current();
            let toml = to_toml(&d);
            let l = loader::load_str("hostile.toml", &toml, &Builtin);
            let map = l.map.unwrap_or_else(|| {
                panic!(
                    "a drawn map does not load:\n{toml}\n{}",
                    l.report.render(false)
                )
            });
            (toml, map)
        })
        .collect()
}

/// "step P1+P2": the inference an undercut attacks, named by its premises (a linked group is
/// one step, whichever member the map names).
pub fn step(ids: &[&str]) -> String {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    format!("step {}", ids.join("+"))
}

/// Every link of the map: (from id, to id, attacks), the tree's and the cross-links; an
/// undercut of a support goes to its step.
pub fn links(map: &ArgumentMap) -> BTreeSet<(String, String, bool)> {
    let mut out = BTreeSet::new();
    for n in &map.nodes {
        if let Some(p) = n.parent {
            let parent = &map.nodes[p];
            let to = if n.undercuts && !parent.role.attacks() {
                let group: Vec<&str> = std::iter::once(parent.id.as_str())
                    .chain(parent.linked.iter().map(|&l| map.nodes[l].id.as_str()))
                    .collect();
                step(&group)
            } else {
                parent.id.clone()
            };
            out.insert((n.id.clone(), to, n.role.attacks()));
        }
        for &(to, link) in &n.also {
            out.insert((
                n.id.clone(),
                map.nodes[to].id.clone(),
                link == Link::Attacks,
            ));
        }
    }
    out
}
