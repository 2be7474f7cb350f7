//! A motion ("This house would abolish homework"): its format, and for each side a case of
//! claims, each drawn from a map of the library by reference (`FILE.toml#ID`, so its text,
//! quotes and paragraph stay the article's and follow the map as it changes) or written as the
//! team's own analysis; and blocks, "if they say X, we answer Y, Z". Checked as a map is: a
//! reference to a missing map or id is an error at its place, so a node removed from a map is
//! said, never silently dropped.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::map::diagnostic::{Report, SourceFile};
use crate::map::model::ArgumentMap;

use super::format::Format;
use super::read::{At, Reader};

/// Where a claim of a case comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// A node of a map of the library: the map's file (beside the motion), and the node.
    Drawn {
        map: String,
        id: String,
        /// The node's text, its paragraphs and its first quote, as the map says them now.
        text: String,
        paragraphs: Vec<usize>,
        /// The text of each of those paragraphs, in the same order, as the map's article has it
        /// (read with the map, so a case map is made without reading the maps again).
        passages: Vec<String>,
        quote: Option<String>,
        /// The article's title.
        article: String,
    },
    /// The team's own analysis.
    Own(String),
}

/// One claim of a side's case.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub id: String,
    /// 0 for the first side, 1 for the second.
    pub side: usize,
    pub source: Source,
}

/// "If they say X, we answer Y, Z": X and each Y a claim of the motion or a map's node.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub side: usize,
    pub against: Source,
    pub answers: Vec<Source>,
}

/// A motion, every reference read.
#[derive(Debug, Clone, PartialEq)]
pub struct Motion {
    pub text: String,
    pub format: Format,
    pub sides: [String; 2],
    pub claims: Vec<Claim>,
    pub blocks: Vec<Block>,
}

const MOTION_KEYS: &[&str] = &["text", "format", "sides"];
const CLAIM_KEYS: &[&str] = &["id", "side", "from", "text"];
const BLOCK_KEYS: &[&str] = &["side", "if", "answer"];

/// Whether `text` is a motion file (a `[motion]` table), not a map.
pub fn is_motion(text: &str) -> bool {
    text.lines().any(|l| l.trim() == "[motion]")
}

/// The maps a motion reads, each once, from within its folder.
struct Maps {
    dir: PathBuf,
    read: HashMap<String, Result<ArgumentMap, String>>,
}

impl Maps {
    fn get(&mut self, name: &str) -> &Result<ArgumentMap, String> {
        let dir = self.dir.clone();
        self.read.entry(name.to_string()).or_insert_with(|| {
            let path = Path::new(name);
            if path.is_absolute() || path.components().any(|c| c == std::path::Component::ParentDir) {
                return Err("a motion draws on the maps of its own folder: name one beside it, without a folder".into());
            }
            let full = dir.join(path);
            if !full.is_file() {
                return Err(format!("there is no map `{name}` beside the motion"));
            }
            match crate::map::loader::load_path_within(&full, &dir) {
                Ok(l) => l.map.ok_or_else(|| {
                    format!(
                        "the map `{name}` has {} errors: argwalk check {name} shows them",
                        l.report.errors()
                    )
                }),
                Err(e) => Err(crate::map::sanitize::clean(&format!("{e:#}")).replace(&dir.display().to_string(), ".")),
            }
        })
    }
}

/// Reads the motion at `path`: the motion, or every mistake in the report.
pub fn load(path: &Path) -> anyhow::Result<(Option<Motion>, Report)> {
    let bytes = crate::map::loader::read_limited(path)?;
    let text = crate::map::loader::utf8_text(&path.display().to_string(), bytes)
        .map_err(|e| anyhow::anyhow!(e))?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    Ok(read(&path.display().to_string(), &text, &dir))
}

/// Reads a motion's text, its maps and its format file (if not a shipped one) from `dir`.
pub fn read(name: &str, text: &str, dir: &Path) -> (Option<Motion>, Report) {
    let file = SourceFile::new(name, text);
    let (doc, errors) = toml::de::DeTable::parse_recoverable(&file.text);
    let mut r = Reader::new(&file);
    r.syntax(&errors);
    let doc = doc.get_ref();
    r.unknown_keys(doc, &["motion", "claim", "block"], "a motion");
    let mut maps = Maps {
        dir: dir.to_path_buf(),
        read: HashMap::new(),
    };
    let head = read_head(&mut r, doc, dir);
    let side_names = head
        .as_ref()
        .map(|(_, _, s)| s.clone())
        .unwrap_or_else(|| ["for".into(), "against".into()]);
    let (claims, ids) = read_claims(&mut r, doc, &mut maps, &side_names);
    let blocks = read_blocks(&mut r, doc, &mut maps, (&claims, &ids), &side_names);
    let diagnostics = std::mem::take(&mut r.diags);
    let errors = diagnostics.iter().any(|d| d.is_error());
    let motion = head
        .filter(|_| !errors)
        .map(|(text, format, sides)| Motion {
            text,
            format,
            sides,
            claims,
            blocks,
        });
    (motion, Report { file, diagnostics })
}

/// The `[motion]` table: the motion's words, its format and its sides (the format's, unless
/// it names its own).
fn read_head(
    r: &mut Reader<'_>,
    doc: &toml::de::DeTable<'_>,
    dir: &Path,
) -> Option<(String, Format, [String; 2])> {
    match r.table(doc, "motion", "[motion]") {
        None => {
            let d = r
                .file
                .error(0..0, "a motion file has no [motion] table")
                .help("begin with `[motion]`, its `text` and its `format` (policy, public-forum, lincoln-douglas, world-schools, british-parliamentary, american-parliamentary, or a format file beside it)")
                .done();
            r.diags.push(d);
        }
        Some((t, at)) => {
            r.unknown_keys(t, MOTION_KEYS, "[motion]");
            let words = r.string(
                t,
                &at,
                "text",
                true,
                "\"This house would abolish homework\"",
            );
            let format = r
                .string(t, &at, "format", true, "\"public-forum\"")
                .and_then(|f| format_of(r, &f, dir));
            let sides = r.strings(t, "sides", "[\"Proposition\", \"Opposition\"]");
            if !sides.is_empty() && sides.len() != 2 {
                r.error(
                    sides[0].span.clone(),
                    "a motion names its two sides".into(),
                    "write `sides = [\"Proposition\", \"Opposition\"]`, or leave them to the format".into(),
                );
            }
            if let (Some(words), Some(format)) = (words, format) {
                let sides = match &sides[..] {
                    [a, b] => [a.value.clone(), b.value.clone()],
                    _ => format.sides.clone(),
                };
                return Some((words.value, format, sides));
            }
        }
    }
    None
}

/// The claims: each id once, each side named, each drawn from a map or written. Every id
/// written, read or not, with its line: a block naming a claim whose own mistake was said is
/// not said again.
fn read_claims(
    r: &mut Reader<'_>,
    doc: &toml::de::DeTable<'_>,
    maps: &mut Maps,
    side_names: &[String; 2],
) -> (Vec<Claim>, BTreeMap<String, usize>) {
    let mut claims = Vec::new();
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    for (t, at) in r.tables(doc, "claim") {
        r.unknown_keys(t, CLAIM_KEYS, "[[claim]]");
        let id = r.string(t, &at, "id", true, "\"A1\"");
        let side = side_of(r, t, &at, side_names);
        let from = r.string(t, &at, "from", false, "\"homework.toml#P2\"");
        let own = r.string(
            t,
            &at,
            "text",
            false,
            "\"Our own analysis, in a sentence.\"",
        );
        let source = match (from, own) {
            (Some(f), None) => drawn(r, maps, &f),
            (None, Some(o)) => Some(Source::Own(o.value)),
            (Some(f), Some(_)) => {
                r.error(
                    f.span.clone(),
                    "a claim is drawn from a map or written, not both".into(),
                    "keep `from` (the map's words) or `text` (your own)".into(),
                );
                None
            }
            (None, None) => {
                let header = crate::map::format::span_of_header(&r.file.text, at.clone());
                r.error(
                    header,
                    "this claim says neither where it is from nor what it is".into(),
                    "add `from = \"MAP.toml#ID\"` (a node of a map beside the motion) or `text = \"…\"`".into(),
                );
                None
            }
        };
        if let Some(id) = &id {
            if let Some(&line) = ids.get(&id.value) {
                let d = r
                    .file
                    .error(
                        id.span.clone(),
                        format!("the claim id `{}` is used twice", id.value),
                    )
                    .note(format!("first at line {line}"))
                    .help("give each claim an id of its own")
                    .done();
                r.diags.push(d);
            } else {
                ids.insert(id.value.clone(), r.file.position(id.span.start).0);
            }
        }
        if let (Some(id), Some(side), Some(source)) = (id, side, source) {
            claims.push(Claim {
                id: id.value,
                side,
                source,
            });
        }
    }
    (claims, ids)
}

/// The blocks: what they say, and our answers; each a claim of the motion or a map's node.
fn read_blocks(
    r: &mut Reader<'_>,
    doc: &toml::de::DeTable<'_>,
    maps: &mut Maps,
    (claims, ids): (&[Claim], &BTreeMap<String, usize>),
    side_names: &[String; 2],
) -> Vec<Block> {
    let mut blocks = Vec::new();
    for (t, at) in r.tables(doc, "block") {
        r.unknown_keys(t, BLOCK_KEYS, "[[block]]");
        let side = side_of(r, t, &at, side_names);
        let against = r.string(t, &at, "if", true, "\"homework.toml#O1\"");
        let answer = r.strings(t, "answer", "[\"A1\", \"homework.toml#R1\"]");
        if answer.is_empty() {
            let header = crate::map::format::span_of_header(&r.file.text, at.clone());
            r.error(
                header,
                "this block has no answer".into(),
                "add `answer = [\"A1\"]`: the claims that answer it".into(),
            );
        }
        let against = against.and_then(|a| reference(r, maps, claims, ids, &a));
        let answers: Vec<Option<Source>> = answer
            .iter()
            .map(|a| reference(r, maps, claims, ids, a))
            .collect();
        if let (Some(side), Some(against)) = (side, against)
            && answers.iter().all(Option::is_some)
            && !answers.is_empty()
        {
            blocks.push(Block {
                side,
                against,
                answers: answers.into_iter().flatten().collect(),
            });
        }
    }
    blocks
}

/// The format a motion names: a shipped one by name, or a format file beside it.
fn format_of(r: &mut Reader<'_>, name: &At<String>, dir: &Path) -> Option<Format> {
    if let Some(f) = super::format::shipped(&name.value) {
        return Some(f);
    }
    let path = Path::new(&name.value);
    let beside = !path.is_absolute()
        && !path
            .components()
            .any(|c| c == std::path::Component::ParentDir)
        && name.value.ends_with(".toml");
    let read = beside
        .then(|| std::fs::read_to_string(dir.join(path)).ok())
        .flatten()
        .map(|text| super::format::read(&name.value, &text));
    match read {
        Some((Some(f), _)) => Some(f),
        Some((None, report)) => {
            r.error(
                name.span.clone(),
                format!(
                    "the format file `{}` has {} errors",
                    name.value,
                    report.errors()
                ),
                format!("argwalk check {} shows them", name.value),
            );
            None
        }
        None => {
            let shipped: Vec<&str> = super::format::SHIPPED.iter().map(|(n, _)| *n).collect();
            let near = crate::map::format::suggest(&name.value, shipped.iter().copied());
            let help = match near {
                Some(n) => format!("write `format = \"{n}\"`"),
                None => format!(
                    "name a format argwalk ships ({}), or a format file beside the motion",
                    shipped.join(", ")
                ),
            };
            r.error(
                name.span.clone(),
                format!("no format `{}`", name.value),
                help,
            );
            None
        }
    }
}

/// The side a claim or block is of: `"for"`/`"against"` or a side's name, as 0 or 1.
fn side_of(
    r: &mut Reader<'_>,
    t: &toml::de::DeTable<'_>,
    at: &std::ops::Range<usize>,
    names: &[String; 2],
) -> Option<usize> {
    let side = r.string(t, at, "side", true, "\"for\"")?;
    let word = side.value.to_lowercase();
    if word == "for" || word == names[0].to_lowercase() {
        Some(0)
    } else if word == "against" || word == names[1].to_lowercase() {
        Some(1)
    } else {
        r.error(
            side.span,
            format!("no side `{}`", side.value),
            format!(
                "write `side = \"for\"` or `\"against\"` (or the sides' names: {} and {})",
                names[0], names[1]
            ),
        );
        None
    }
}

/// A claim drawn from `MAP.toml#ID`, read from the map as it is now.
fn drawn(r: &mut Reader<'_>, maps: &mut Maps, from: &At<String>) -> Option<Source> {
    let Some((name, id)) = from
        .value
        .split_once('#')
        .filter(|(m, i)| !m.is_empty() && !i.is_empty())
    else {
        r.error(
            from.span.clone(),
            format!(
                "`{}` names no node: write the map's file and the node's id",
                from.value
            ),
            "write `from = \"homework.toml#P2\"`".into(),
        );
        return None;
    };
    match maps.get(name) {
        Err(why) => {
            let why = why.clone();
            r.error(
                from.span.clone(),
                why,
                "name a map (`*.toml`) in the motion's folder".into(),
            );
            None
        }
        Ok(map) => match map.find(id) {
            Some(ix) => {
                let n = &map.nodes[ix];
                let paragraphs = n.cited_paragraphs();
                let passages = paragraphs
                    .iter()
                    .map(|&p| {
                        map.source
                            .paragraphs
                            .iter()
                            .find(|x| x.number == p)
                            .map(|x| x.text.clone())
                            .unwrap_or_default()
                    })
                    .collect();
                Some(Source::Drawn {
                    map: name.to_string(),
                    id: id.to_string(),
                    text: n.text.clone(),
                    paragraphs,
                    passages,
                    quote: n
                        .citations
                        .iter()
                        .find_map(|c| c.quote.as_ref())
                        .map(|q| q.text.clone()),
                    article: map.source.title.clone(),
                })
            }
            None => {
                // As a map's own links are: only an id clearly the nearest.
                let near = crate::map::format::suggest_clearly(
                    id,
                    map.nodes.iter().map(|n| n.id.as_str()),
                );
                let help = match near {
                    Some(n) => format!("write `{name}#{n}`"),
                    None => format!("`argwalk outline {name}` lists its ids"),
                };
                r.error(
                    from.span.clone(),
                    format!("the map `{name}` has no node `{id}` (removed or renamed?)"),
                    help,
                );
                None
            }
        },
    }
}

/// What a block names: a claim of the motion by its id, or a map's node (`MAP.toml#ID`).
fn reference(
    r: &mut Reader<'_>,
    maps: &mut Maps,
    claims: &[Claim],
    written: &BTreeMap<String, usize>,
    what: &At<String>,
) -> Option<Source> {
    if what.value.contains('#') {
        return drawn(r, maps, what);
    }
    match claims.iter().find(|c| c.id == what.value) {
        Some(c) => Some(c.source.clone()),
        // Written, with a mistake of its own, said there.
        None if written.contains_key(&what.value) => None,
        None => {
            r.error(
                what.span.clone(),
                format!("no claim `{}` in this motion", what.value),
                "name a `[[claim]]` by its id, or a map's node as `MAP.toml#ID`".into(),
            );
            None
        }
    }
}

impl Motion {
    /// What a flow's `from` names: a claim of the motion by its id (`A2`), or a map's node
    /// (`mill.toml#P4`) that a claim or a block draws on.
    pub fn source(&self, from: &str) -> Option<&Source> {
        if let Some(c) = self.claims.iter().find(|c| c.id == from) {
            return Some(&c.source);
        }
        let (map, id) = from.split_once('#')?;
        let drawn =
            |s: &&Source| matches!(s, Source::Drawn { map: m, id: i, .. } if m == map && i == id);
        self.claims
            .iter()
            .map(|c| &c.source)
            .chain(
                self.blocks
                    .iter()
                    .flat_map(|b| std::iter::once(&b.against).chain(&b.answers)),
            )
            .find(drawn)
    }

    /// What a side can pull into a flow: its claims by id, then each map's node its blocks
    /// answer with that is not a claim, by `map#id`; each once, with its source.
    pub fn pullable(&self, side: usize) -> Vec<(String, &Source)> {
        let mut out: Vec<(String, &Source)> = self
            .claims
            .iter()
            .filter(|c| c.side == side)
            .map(|c| (c.id.clone(), &c.source))
            .collect();
        for b in self.blocks.iter().filter(|b| b.side == side) {
            for a in &b.answers {
                if out.iter().any(|(_, s)| *s == a) {
                    continue;
                }
                if let Source::Drawn { map, id, .. } = a {
                    out.push((format!("{map}#{id}"), a));
                }
            }
        }
        out
    }

    /// The answers a side prepared against `what` (a `from` of the other side's argument).
    pub fn blocks_against(&self, side: usize, what: &str) -> Vec<&Source> {
        let Some(target) = self.source(what) else {
            return Vec::new();
        };
        self.blocks
            .iter()
            .filter(|b| b.side == side && &b.against == target)
            .flat_map(|b| b.answers.iter())
            .collect()
    }
}

impl Source {
    /// The words a pulled argument starts with: the node's text, or the team's own.
    pub fn text(&self) -> &str {
        match self {
            Source::Drawn { text, .. } | Source::Own(text) => text,
        }
    }

    /// Where it is from, without its text: "“quote” (article, ¶4; map.toml#P4)", or "our
    /// analysis".
    pub fn place(&self, pilcrow: &str) -> String {
        self.place_with(pilcrow, &str::to_string)
    }

    /// [`Source::place`] with the article's words (the quote, the title) passed through `text`:
    /// escaped for Markdown, say.
    pub fn place_with(&self, pilcrow: &str, text: &dyn Fn(&str) -> String) -> String {
        match self {
            Source::Own(_) => "our analysis".into(),
            Source::Drawn {
                map,
                id,
                paragraphs,
                quote,
                article,
                ..
            } => {
                let at: Vec<String> = paragraphs.iter().map(|p| format!("{pilcrow}{p}")).collect();
                let quote = quote
                    .as_ref()
                    .map(|q| format!("\u{201c}{}\u{201d} ", text(q)))
                    .unwrap_or_default();
                format!("{quote}({}, {}; {map}#{id})", text(article), at.join(", "))
            }
        }
    }

    /// "text “quote” (article, ¶2; map.toml#P3)", or the team's own words marked as such.
    pub fn said(&self, pilcrow: &str) -> String {
        self.said_with(pilcrow, &str::to_string)
    }

    /// [`Source::said`] with the words of the claim and its article passed through `text`.
    pub fn said_with(&self, pilcrow: &str, text: &dyn Fn(&str) -> String) -> String {
        match self {
            Source::Own(own) => format!("{} (our analysis)", text(own)),
            Source::Drawn { text: words, .. } => {
                format!("{} {}", text(words), self.place_with(pilcrow, text))
            }
        }
    }
}

/// The motion as a prep sheet in Markdown: each side's case, then the blocks, every claim with
/// its source (the article, paragraph and quote, or "our analysis").
pub fn sheet(m: &Motion) -> String {
    use std::fmt::Write;
    // What the motion, its maps and its format say is text, never markup.
    use crate::map::sanitize::markdown as md;
    let mut out = format!(
        "# {}\n\n*{}: {} against {}*\n",
        md(&m.text),
        md(&m.format.name),
        md(&m.sides[0]),
        md(&m.sides[1])
    );
    for side in 0..2 {
        let _ = writeln!(out, "\n## The case for the {}\n", md(&m.sides[side]));
        let mine: Vec<&Claim> = m.claims.iter().filter(|c| c.side == side).collect();
        if mine.is_empty() {
            out.push_str("No claim yet.\n");
        }
        for c in mine {
            let _ = writeln!(out, "- **{}**: {}", md(&c.id), c.source.said_with("¶", &md));
        }
    }
    if !m.blocks.is_empty() {
        out.push_str("\n## Blocks\n");
        // Every node once: a claim of a case by its id, a node said before by its place.
        let mut said: Vec<&Source> = m.claims.iter().map(|c| &c.source).collect();
        let name = |s: &'_ Source, said: &[&'_ Source]| -> String {
            if let Some(c) = m.claims.iter().find(|c| &c.source == s) {
                return format!("**{}** (above)", md(&c.id));
            }
            match s {
                Source::Drawn { map, id, .. } if said.contains(&s) => format!("{map}#{id} (above)"),
                _ => s.said_with("¶", &md),
            }
        };
        for b in &m.blocks {
            let against = name(&b.against, &said);
            said.push(&b.against);
            let _ = writeln!(
                out,
                "\n- For the {}: if they say {against}",
                md(&m.sides[b.side])
            );
            for a in &b.answers {
                let answer = name(a, &said);
                said.push(a);
                let _ = writeln!(out, "  - we answer {answer}");
            }
        }
    }
    out
}
