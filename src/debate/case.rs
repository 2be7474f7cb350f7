//! A motion as a map, so the reader reads it as it reads an article's: the motion is the
//! thesis, the first side's claims support it and the second side's attack it, and each
//! block's answers argue against what they answer. Its "article" is every paragraph the cases
//! cite, from each map's article, each headed with where it is from: a node opens its own
//! article's paragraph beside it, and weak spots, frontlines and the prep sheet work across
//! every map a case draws on.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use crate::map::loader::{self, Loaded};

use super::motion::{Motion, Source};

/// A TOML string of `s`.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The paragraphs the case cites, in the order first cited: `(map, number)` to the case's
/// own number.
struct Article {
    numbers: BTreeMap<(String, usize), usize>,
    paragraphs: Vec<String>,
}

impl Article {
    /// The case's numbers for the paragraphs a drawn claim cites, their text as the motion
    /// read it from the claim's map.
    fn cite(&mut self, source: &Source) -> Vec<usize> {
        let Source::Drawn {
            map,
            paragraphs,
            passages,
            article,
            ..
        } = source
        else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (&p, text) in paragraphs.iter().zip(passages) {
            if let Some(&n) = self.numbers.get(&(map.clone(), p)) {
                out.push(n);
                continue;
            }
            self.paragraphs.push(format!("[{article}, ¶{p}] {text}"));
            let n = self.paragraphs.len();
            self.numbers.insert((map.clone(), p), n);
            out.push(n);
        }
        out
    }
}

/// One node of the case, as the map's TOML writes it.
fn node(
    out: &mut String,
    table: &str,
    id: &str,
    link: &str,
    label: &str,
    source: &Source,
    cites: &[usize],
) {
    let _ = writeln!(out, "\n[[{table}]]\nid = {}\n{link}", quoted(id));
    let _ = writeln!(out, "text = {}", quoted(source.text()));
    let quote = match source {
        Source::Drawn { quote, .. } => quote.clone(),
        Source::Own(_) => None,
    };
    if !cites.is_empty() {
        // The quote is given with the first cited paragraph; the loader finds it in whichever
        // cited paragraph holds it.
        let list: Vec<String> = cites
            .iter()
            .enumerate()
            .map(|(i, n)| match (&quote, i) {
                (Some(q), 0) => format!("{{ para = {n}, quote = {} }}", quoted(q)),
                _ => n.to_string(),
            })
            .collect();
        let _ = writeln!(out, "cite = [{}]", list.join(", "));
    }
    // The tree shows each node's words; what it is in the case, and where it is from, is
    // its note.
    let note = match source {
        Source::Drawn {
            map, id, article, ..
        } => format!("{label}. From {article} ({map}#{id})."),
        Source::Own(_) => format!("{label}. The team's own analysis."),
    };
    let _ = writeln!(out, "note = {}", quoted(&note));
}

/// The motion as a map's TOML (see the module's comment).
pub fn as_toml(motion: &Motion) -> String {
    let mut article = Article {
        numbers: BTreeMap::new(),
        paragraphs: Vec::new(),
    };
    let mut nodes = String::new();
    // Each claim and each node a block names, once: its id in the case.
    let mut ids: Vec<(&Source, String)> = Vec::new();
    for c in &motion.claims {
        let cites = article.cite(&c.source);
        let (table, link) = if c.side == 0 {
            ("premise", "supports = \"MOTION\"")
        } else {
            ("counterpoint", "attacks = \"MOTION\"")
        };
        let label = format!("The {}'s claim {}", motion.sides[c.side], c.id);
        node(&mut nodes, table, &c.id, link, &label, &c.source, &cites);
        ids.push((&c.source, c.id.clone()));
    }
    let mut n = 0;
    for b in &motion.blocks {
        let against = match ids.iter().find(|(s, _)| *s == &b.against) {
            Some((_, id)) => id.clone(),
            None => {
                // What they say, not a claim of theirs yet: their side's node, under the motion.
                n += 1;
                let id = format!("X{n}");
                let cites = article.cite(&b.against);
                let (table, link) = if b.side == 0 {
                    ("counterpoint", "attacks = \"MOTION\"")
                } else {
                    ("premise", "supports = \"MOTION\"")
                };
                let label = format!("What the {} may say", motion.sides[1 - b.side.min(1)]);
                node(&mut nodes, table, &id, link, &label, &b.against, &cites);
                ids.push((&b.against, id.clone()));
                id
            }
        };
        for answer in &b.answers {
            n += 1;
            let id = format!("B{n}");
            let cites = article.cite(answer);
            let label = match ids.iter().find(|(s, _)| *s == answer) {
                Some((_, claim)) => {
                    format!(
                        "The {}'s block: {claim} answers {against}",
                        motion.sides[b.side]
                    )
                }
                None => format!("The {}'s block against {against}", motion.sides[b.side]),
            };
            let link = format!("attacks = {}", quoted(&against));
            node(
                &mut nodes,
                "counterpoint",
                &id,
                &link,
                &label,
                answer,
                &cites,
            );
        }
    }
    let mut out = format!(
        "# The motion as a case map, made by argwalk from its motion file.\n\n[source]\ntitle = {}\nparagraphs = [\n",
        quoted(&format!("Motion: {}", motion.text))
    );
    for p in &article.paragraphs {
        let _ = writeln!(out, "  {},", quoted(p));
    }
    if article.paragraphs.is_empty() {
        let _ = writeln!(out, "  {},", quoted(&motion.text));
    }
    out.push_str("]\n\n[thesis]\nid = \"MOTION\"\nlabel = \"The motion\"\n");
    let _ = writeln!(out, "text = {}", quoted(&motion.text));
    out.push_str(&nodes);
    out
}

/// The motion as a map the reader opens; `name` is the motion's file, for messages.
pub fn as_map(motion: &Motion, name: &str) -> Loaded {
    loader::load_str(name, &as_toml(motion), &loader::Builtin)
}

/// The motion at `path` as its case map, or the motion's own mistakes.
pub fn load(path: &Path) -> Result<Loaded, Box<crate::map::diagnostic::Report>> {
    let (motion, report) = match super::motion::load(path) {
        Ok(read) => read,
        Err(e) => {
            let name = path.display().to_string();
            let file = crate::map::diagnostic::SourceFile::new(&name, "");
            let d = file
                .error(0..0, crate::map::sanitize::clean(&format!("{e:#}")))
                .done();
            return Err(Box::new(crate::map::diagnostic::Report {
                file,
                diagnostics: vec![d],
            }));
        }
    };
    let Some(motion) = motion else {
        return Err(Box::new(report));
    };
    Ok(as_map(&motion, &path.display().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_motion_reads_as_a_map_with_every_case_and_block() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("argument-maps");
        let (motion, _) = super::super::motion::load(&dir.join("dissent.motion.toml")).unwrap();
        let motion = motion.unwrap();
        let loaded = as_map(&motion, "dissent.motion.toml");
        let map = loaded
            .map
            .unwrap_or_else(|| panic!("{}", loaded.report.render(false)));
        assert_eq!(loaded.report.errors(), 0);
        let ids: Vec<&str> = map.nodes.iter().map(|n| n.id.as_str()).collect();
        for id in [
            "MOTION", "A1", "A2", "A3", "A4", "N1", "N2", "B1", "B2", "B3",
        ] {
            assert!(ids.contains(&id), "{id} not in {ids:?}");
        }
        // A drawn claim cites its own article's paragraph, quote and all.
        let a2 = &map.nodes[map.find("A2").unwrap()];
        let cited = a2.cited_paragraphs();
        let first = &map.source.paragraphs[cited[0] - 1];
        assert!(first.text.starts_with("[On Liberty"), "{}", first.text);
        assert!(a2.citations.iter().any(|c| c.quote.is_some()));
        // Thoreau's paragraphs are there too.
        assert!(
            map.source
                .paragraphs
                .iter()
                .any(|p| p.text.starts_with("[Resistance to Civil Government"))
        );
    }
}
