//! Reads the TOML shape of a map into spanned raw records, reporting every structural mistake.
//!
//! The document is walked by hand rather than through `#[derive(Deserialize)]`: serde stops at
//! the first problem, and a hand author deserves all of them at once, each with its position,
//! a suggestion for a misspelt key, and what to write instead. docs/FORMAT.md is the reference.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::map::diagnostic::{Diagnostic, SourceFile};
use crate::map::model::Kind;
use crate::map::sanitize;

/// A value with the byte range it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At<T> {
    pub value: T,
    pub span: Range<usize>,
}

/// The `[source]` table.
#[derive(Debug, Clone, Default)]
pub struct RawSource {
    pub span: Range<usize>,
    pub title: Option<At<String>>,
    pub author: Option<At<String>>,
    pub publisher: Option<At<String>>,
    pub date: Option<At<String>>,
    pub url: Option<At<String>>,
    pub text_file: Option<At<String>>,
    /// Inline paragraphs; the raw text of each, cleaned later with the rest of the article.
    pub paragraphs: Option<At<Vec<At<String>>>>,
    pub outside: Vec<At<(i64, i64)>>,
    /// `text_file` or `paragraphs` is there, readable or not: a wrong type is its own error,
    /// and "the source has no text" would contradict it.
    pub text_given: bool,
}

/// One `cite` entry: a paragraph or an inclusive range, maybe with a quote.
#[derive(Debug, Clone)]
pub struct RawCitation {
    pub span: Range<usize>,
    pub first: i64,
    pub last: i64,
    pub quote: Option<At<String>>,
}

/// One node table, as written.
#[derive(Debug, Clone)]
pub struct RawNode {
    pub kind: Kind,
    /// The node's table, for problems of the node as a whole.
    pub span: Range<usize>,
    pub id: Option<At<String>>,
    pub text: Option<At<String>>,
    pub label: Option<At<String>>,
    /// `supports` or `attacks`, whichever the kind takes: the first id it names, which places
    /// the node in the tree.
    pub link: Option<At<String>>,
    pub cite: Vec<RawCitation>,
    pub implicit: bool,
    pub conceded: bool,
    /// A counterpoint's `undercuts`: it attacks the step from the node named to what that node
    /// supports, not the node itself. Then `link` names the same node.
    pub undercuts: bool,
    /// What few nodes have, apart: a map of 150,000 nodes does not hold room for it in each.
    pub more: Option<Box<RawMore>>,
}

/// The keys of a node table that few nodes have.
#[derive(Debug, Clone, Default)]
pub struct RawMore {
    /// The other links: further ids of that key, and a premise's `attacks`.
    pub also: Vec<(crate::map::model::Link, At<String>)>,
    /// Who makes the claim, when it is not the article's author.
    pub by: Option<At<String>>,
    pub tags: Vec<String>,
    pub note: Option<At<String>>,
    /// The premises (or evidence) this one supports its claim together with: one inference.
    pub with: Vec<At<String>>,
    /// A counterpoint the author raises himself, to answer it ("It may be objected that…").
    pub raised: Option<At<bool>>,
    /// The argumentation scheme of this node's step to its claim (`scheme = "analogy"`).
    pub scheme: Option<At<String>>,
    /// The critical questions (of the scheme of the step this node bears on) it answers.
    pub answers: Vec<At<String>>,
}

/// What a node without any of [`RawMore`]'s keys has of them: nothing.
static NONE_MORE: RawMore = RawMore {
    also: Vec::new(),
    by: None,
    tags: Vec::new(),
    note: None,
    with: Vec::new(),
    raised: None,
    scheme: None,
    answers: Vec::new(),
};

impl RawMore {
    fn is_empty(&self) -> bool {
        self.also.is_empty()
            && self.by.is_none()
            && self.tags.is_empty()
            && self.note.is_none()
            && self.with.is_empty()
            && self.raised.is_none()
            && self.scheme.is_none()
            && self.answers.is_empty()
    }
}

impl RawNode {
    /// The keys few nodes have (all empty for a node without them).
    pub fn more(&self) -> &RawMore {
        self.more.as_deref().unwrap_or(&NONE_MORE)
    }
}

/// Everything read from a map file, in document order.
#[derive(Debug, Clone, Default)]
pub struct RawMap {
    pub source: Option<RawSource>,
    pub nodes: Vec<RawNode>,
}

pub(crate) const TOP_KEYS: &[&str] = &["source", "thesis", "premise", "evidence", "counterpoint"];
pub(crate) const SOURCE_KEYS: &[&str] = &[
    "title",
    "author",
    "publisher",
    "date",
    "url",
    "text_file",
    "paragraphs",
    "outside",
];
pub(crate) const CITATION_KEYS: &[&str] = &["para", "quote"];

pub(crate) fn node_keys(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Thesis => &["id", "text", "label", "by", "cite", "tags", "note"],
        Kind::Premise => &[
            "id", "text", "label", "by", "supports", "with", "scheme", "answers", "attacks",
            "cite", "tags", "implicit", "note",
        ],
        Kind::Evidence => &[
            "id", "text", "label", "by", "supports", "with", "scheme", "answers", "cite", "tags",
            "note",
        ],
        Kind::Counterpoint => &[
            "id",
            "text",
            "label",
            "by",
            "attacks",
            "undercuts",
            "raised",
            "scheme",
            "answers",
            "cite",
            "tags",
            "conceded",
            "implicit",
            "note",
        ],
    }
}

pub(crate) fn link_key(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Thesis => None,
        Kind::Premise | Kind::Evidence => Some("supports"),
        Kind::Counterpoint => Some("attacks"),
    }
}

/// The closest of `known` to `word`, if it is close enough to be a likely typo.
pub fn suggest<'k>(word: &str, known: impl IntoIterator<Item = &'k str>) -> Option<&'k str> {
    let lower = word.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(&lower, &k.to_lowercase()), k))
        .filter(|&(d, k)| d <= (k.chars().count() / 3).max(1) || lower == k.to_lowercase())
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

/// Like [`suggest`], for names chosen by the author (ids): only when one candidate is clearly
/// the closest, since a wrong guess among similar ids (P1, P2, P3) misleads more than none.
pub fn suggest_clearly<'k>(
    word: &str,
    known: impl IntoIterator<Item = &'k str>,
) -> Option<&'k str> {
    let lower = word.to_lowercase();
    let mut scored: Vec<(usize, &str)> = known
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(&lower, &k.to_lowercase()), k))
        .collect();
    scored.sort_unstable();
    let (best, k) = *scored.first()?;
    let close = best <= (k.chars().count() / 3).max(1) || lower == k.to_lowercase();
    let clear = scored.get(1).is_none_or(|&(second, _)| second > best);
    (close && clear).then_some(k)
}

fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// From this size on, a map is parsed a table at a time: the TOML parser holds every event of
/// what it parses at once (about 11 bytes of memory a byte of input, 160 MB for a map of 14
/// MB), so a part at a time keeps that to the size of one table.
const IN_PARTS_FROM: usize = 1 << 20;

/// Parses the document and reads it, returning what could be read and every problem found.
pub fn read(file: &SourceFile) -> (RawMap, Vec<Diagnostic>) {
    if file.text.len() >= IN_PARTS_FROM
        && let Some(read) = read_in_parts(file)
    {
        return read;
    }
    let (doc, errors) = DeTable::parse_recoverable(&file.text);
    let syntax = crate::map::syntax::explain_parse(file, &errors);
    let mut reader = Reader {
        file,
        diags: Vec::new(),
        base: 0,
    };
    let map = reader.document(doc.get_ref(), doc.span());
    // A table with a syntax error was read in part: what it seems to lack (its text, its link)
    // is most likely on the broken line, so only the syntax error is said.
    let broken: Vec<Range<usize>> = syntax
        .iter()
        .filter_map(|d| d.span.clone())
        .map(|span| table_around(&file.text, span.start))
        .collect();
    let follows_from_syntax = |d: &Diagnostic| {
        d.span.as_ref().is_some_and(|s| {
            broken.iter().any(|b| b.contains(&s.start))
                && (d.message.contains(" has no `")
                    || d.message.contains("does not say what it")
                    || d.message.contains("unknown key"))
        })
    };
    let said_brackets = |d: &Diagnostic| {
        (d.message.contains("must be an array of tables") || d.message.contains("must be `[["))
            && syntax
                .iter()
                .any(|s| s.message.contains("must be `[[") && s.line == d.line)
    };
    // The later [[premise]] headers conflict with an earlier [premise]: the fix is said there.
    let brackets_said = reader
        .diags
        .iter()
        .any(|d| d.message.contains("must be `[["));
    let mut diags: Vec<Diagnostic> = syntax
        .iter()
        .filter(|d| !(brackets_said && d.message.contains("after a single-bracket")))
        .cloned()
        .collect();
    diags.extend(
        reader
            .diags
            .into_iter()
            .filter(|d| !follows_from_syntax(d) && !said_brackets(d)),
    );
    (map, diags)
}

/// Reads a large map a top-level table at a time ([`IN_PARTS_FROM`]): each part parsed and
/// read, then let go. `None` (the map is then parsed whole, for the parser's own messages)
/// when a part does not parse on its own or a table is split across parts: parts are found
/// by their headers, so a header-like line inside a string or an array makes a part that does
/// not parse, never a different map.
fn read_in_parts(file: &SourceFile) -> Option<(RawMap, Vec<Diagnostic>)> {
    let text = &file.text;
    let mut reader = Reader {
        file,
        diags: Vec::new(),
        base: 0,
    };
    let mut map = RawMap::default();
    let mut theses = Vec::new();
    let mut tables: std::collections::HashSet<String> = std::collections::HashSet::new();
    let starts = part_starts(text);
    // A part a node, nearly: the nodes' room made once.
    map.nodes.reserve_exact(starts.len());
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(text.len());
        let (doc, errors) = DeTable::parse_recoverable(&text[start..end]);
        if !errors.is_empty() {
            return None;
        }
        // A key read as one table in two parts is a duplicate the whole parse would name.
        for (key, value) in doc.get_ref().iter() {
            let arrays = matches!(value.get_ref(), DeValue::Array(_))
                && matches!(
                    key.get_ref().as_ref(),
                    "premise" | "evidence" | "counterpoint" | "thesis"
                );
            if !arrays && !tables.insert(key.get_ref().to_string()) {
                return None;
            }
        }
        reader.base = start;
        reader.entries(doc.get_ref(), &mut map, &mut theses);
    }
    reader.base = 0;
    let map = reader.finish(map, theses, 0..text.len());
    Some((map, reader.diags))
}

/// Where each part of a large map starts: the file's start, and each line that is a table
/// header (`[x]` or `[[x]]` first on its line) outside strings and multi-line arrays.
fn part_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let bytes = text.as_bytes();
    let (mut i, mut depth) = (0, 0usize);
    let mut line_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        if line_start && depth == 0 {
            let rest = &text[i..];
            let trimmed = rest.trim_start_matches([' ', '\t']);
            if trimmed.starts_with('[') {
                let at = i + (rest.len() - trimmed.len());
                if at > 0 {
                    starts.push(i);
                }
                // The header's own brackets are not an array: on to the next line.
                i = text[at..].find('\n').map_or(bytes.len(), |n| at + n + 1);
                continue;
            }
        }
        line_start = false;
        match b {
            b'\n' => line_start = true,
            b'#' => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'"' | b'\'' => {
                let quote = if b == b'"' { "\"" } else { "'" };
                let triple = quote.repeat(3);
                if text[i..].starts_with(&triple) {
                    let from = i + 3;
                    i = text[from..]
                        .find(&triple)
                        .map_or(bytes.len(), |n| from + n + 3);
                } else {
                    // One line: to the closing quote (a basic string's `\"` escaped).
                    let mut j = i + 1;
                    while j < bytes.len() && bytes[j] != b && bytes[j] != b'\n' {
                        j += if b == b'"' && bytes[j] == b'\\' { 2 } else { 1 };
                    }
                    i = (j + 1).min(bytes.len());
                }
                continue;
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    starts
}

/// The byte range of the table holding byte `at`: from its header to the next one.
fn table_around(text: &str, at: usize) -> Range<usize> {
    let at = at.min(text.len());
    let mut start = 0;
    let mut pos = 0;
    for line in text[..at].split_inclusive('\n') {
        if crate::map::syntax::header_name(line).is_some() {
            start = pos;
        }
        pos += line.len();
    }
    start..crate::map::syntax::next_header(text, at)
}

struct Reader<'f> {
    file: &'f SourceFile,
    diags: Vec<Diagnostic>,
    /// Where the text being read starts in the file: a large file is read a table at a time
    /// ([`read_in_parts`]), each part's spans counted from its own start.
    base: usize,
}

type Entry<'a, 'i> = (
    &'a Spanned<std::borrow::Cow<'i, str>>,
    &'a Spanned<DeValue<'i>>,
);

impl Reader<'_> {
    /// A span of the part being read, as a span of the file.
    fn at(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.base..span.end + self.base
    }

    fn document(&mut self, doc: &DeTable<'_>, span: Range<usize>) -> RawMap {
        let mut map = RawMap::default();
        let mut theses = Vec::new();
        self.entries(doc, &mut map, &mut theses);
        self.finish(map, theses, span)
    }

    /// Reads the top-level tables of `doc` into `map` (the theses aside, to be counted).
    fn entries(&mut self, doc: &DeTable<'_>, map: &mut RawMap, theses: &mut Vec<RawNode>) {
        self.unknown_keys(doc, TOP_KEYS, "an argument map", &|_| None);
        for (key, value) in sorted(doc) {
            match key.get_ref().as_ref() {
                "source" => {
                    if let Some(t) = self.table(value, "source", "[source]\ntitle = \"…\"") {
                        map.source = Some(self.source(t, self.at(value.span())));
                    }
                }
                "thesis" => match value.get_ref() {
                    DeValue::Table(t) => {
                        theses.push(self.node(Kind::Thesis, t, self.at(value.span())))
                    }
                    DeValue::Array(items) => {
                        for item in items.iter() {
                            if let Some(t) = self.table(item, "thesis", "[thesis]") {
                                theses.push(self.node(Kind::Thesis, t, self.at(item.span())));
                            }
                        }
                    }
                    other => self.wrong_type(
                        self.at(value.span()),
                        "thesis",
                        "a table",
                        other,
                        "[thesis]",
                    ),
                },
                name @ ("premise" | "evidence" | "counterpoint") => {
                    let kind = match name {
                        "premise" => Kind::Premise,
                        "evidence" => Kind::Evidence,
                        _ => Kind::Counterpoint,
                    };
                    match value.get_ref() {
                        DeValue::Array(items) => {
                            for item in items.iter() {
                                let example = format!("[[{name}]]");
                                if let Some(t) = self.table(item, name, &example) {
                                    map.nodes.push(self.node(kind, t, self.at(item.span())));
                                }
                            }
                        }
                        other => {
                            let d = self
                                .file
                                .error(self.at(value.span()), match other {
                                    DeValue::Table(_) => format!("`[{name}]` must be `[[{name}]]`: nodes are written with double brackets"),
                                    _ => format!("`{name}` must be an array of tables, found {}", type_name(other)),
                                })
                                .label("expected [[…]] tables")
                                .help(format!("write each {name} under its own `[[{name}]]` header (double brackets), even when there is only one"))
                                .done();
                            self.diags.push(d);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// Checks what only the whole map can show (one thesis, a source), and orders its nodes.
    fn finish(&mut self, mut map: RawMap, theses: Vec<RawNode>, span: Range<usize>) -> RawMap {
        match theses.len() {
            0 => {
                let d = self
                    .file
                    .error(span.start..span.start, "the map has no thesis")
                    .label("no [thesis] table in this file")
                    .help("add one table `[thesis]` with `id` and `text`: the claim the whole article argues for")
                    .done();
                self.diags.push(d);
            }
            1 => {}
            _ => {
                let first = self.file.position(theses[0].span.start).0;
                for extra in &theses[1..] {
                    let d = self
                        .file
                        .error(extra.span.clone(), "a map has exactly one thesis, and this is a second one")
                        .label("second thesis")
                        .note(format!("the first thesis is at line {first}"))
                        .help("keep one thesis; make the other claim a [[premise]] that supports it, or a [[counterpoint]]")
                        .done();
                    self.diags.push(d);
                }
            }
        }
        map.nodes.extend(theses);
        map.nodes.sort_by_key(|n| n.span.start);
        if map.source.is_none() {
            let d = self
                .file
                .error(span.start..span.start, "the map has no [source] table")
                .label("no [source] in this file")
                .help("add `[source]` with a `title` and either `text_file = \"article.txt\"` or `paragraphs = [\"…\", \"…\"]`")
                .done();
            self.diags.push(d);
        }
        map
    }

    fn source(&mut self, t: &DeTable<'_>, span: Range<usize>) -> RawSource {
        self.unknown_keys(t, SOURCE_KEYS, "[source]", &|_| None);
        let mut s = RawSource {
            span: span.clone(),
            ..RawSource::default()
        };
        s.title = self.string(t, "title", "title = \"The article's headline\"");
        s.author = self.string(t, "author", "author = \"Jane Doe\"");
        s.publisher = self.string(t, "publisher", "publisher = \"TRT World\"");
        s.url = self.string(t, "url", "url = \"https://…\"");
        s.text_file = self.string(t, "text_file", "text_file = \"article.txt\"");
        s.text_given = entry(t, "text_file").is_some() || entry(t, "paragraphs").is_some();
        if let Some((_, v)) = entry(t, "date") {
            s.date = match v.get_ref() {
                DeValue::Datetime(d) => Some(At {
                    value: d.to_string(),
                    span: self.at(v.span()),
                }),
                _ => self.string(t, "date", "date = 2017-01-25"),
            };
        }
        if let Some((_, v)) = entry(t, "paragraphs")
            && let Some(items) = self.array(
                v,
                "paragraphs",
                "paragraphs = [\"First paragraph.\", \"Second.\"]",
            )
        {
            let mut out = Vec::new();
            for item in items {
                match item.get_ref() {
                    DeValue::String(text) => out.push(At {
                        value: text.to_string(),
                        span: self.at(item.span()),
                    }),
                    other => self.wrong_type(
                        self.at(item.span()),
                        "each paragraph",
                        "a string",
                        other,
                        "paragraphs = [\"First paragraph.\", \"Second.\"]",
                    ),
                }
            }
            s.paragraphs = Some(At {
                value: out,
                span: self.at(v.span()),
            });
        }
        if let Some((_, v)) = entry(t, "outside")
            && let Some(items) = self.array(v, "`outside`", "outside = [2, \"20-21\"]")
        {
            for item in items {
                if let Some(range) = self.paragraph_number(item, "outside = [2, \"20-21\"]") {
                    s.outside.push(At {
                        value: range,
                        span: self.at(item.span()),
                    });
                }
            }
        }
        if s.title.is_none() && entry(t, "title").is_none() {
            let d = self
                .file
                .error(span_of_header(&self.file.text, span), "[source] has no `title`")
                .label("title missing")
                .help("add `title = \"…\"`: the article's headline (author, publisher, date and url are optional)")
                .done();
            self.diags.push(d);
        }
        s
    }

    fn node(&mut self, kind: Kind, t: &DeTable<'_>, span: Range<usize>) -> RawNode {
        let keys = node_keys(kind);
        let what = match kind {
            Kind::Thesis => "[thesis]".to_string(),
            other => format!("[[{}]]", other.name()),
        };
        self.unknown_keys(t, keys, &what, &|key| misplaced_key_help(kind, key));
        let id = self.string(t, "id", "id = \"P1\"");
        let header = span_of_header(&self.file.text, span.clone());
        if id.is_none() && entry(t, "id").is_none() {
            let d = self
                .file
                .error(header.clone(), format!("this {} has no `id`", kind.name()))
                .label("id missing")
                .help("add `id = \"…\"`: a short name of your choice (letters, digits, - _ .) that links and the reader use")
                .done();
            self.diags.push(d);
        }
        let text = self.string(
            t,
            "text",
            "text = \"The claim, in the author's words or yours.\"",
        );
        if text.is_none() && entry(t, "text").is_none() {
            let d = self
                .file
                .error(
                    header.clone(),
                    format!("this {} has no `text`", kind.name()),
                )
                .label("text missing")
                .help("add `text = \"…\"`: the claim this node makes")
                .done();
            self.diags.push(d);
        }
        let mut also = Vec::new();
        // A counterpoint undercuts instead of attacking: `undercuts = "P1"` places it under P1
        // as an attack does, on the step from P1 to its claim.
        let undercut = (kind == Kind::Counterpoint)
            .then(|| self.targets(t, "undercuts", "undercuts = \"P1\""))
            .flatten()
            .unwrap_or_default();
        if undercut.len() > 1 {
            let d = self
                .file
                .error(
                    undercut[1].span.clone(),
                    "a counterpoint undercuts one step",
                )
                .label("a second step")
                .help("name one node, whose step to its claim this attacks; write another [[counterpoint]] for another step")
                .done();
            self.diags.push(d);
        }
        if let (Some(u), Some((key, _))) = (undercut.first(), entry(t, "attacks"))
            && kind == Kind::Counterpoint
        {
            let d = self
                .file
                .error(
                    self.at(key.span()),
                    format!(
                        "this counterpoint both attacks and undercuts `{}`",
                        sanitize::clean(&u.value)
                    ),
                )
                .label("`attacks` beside `undercuts`")
                .help("a counterpoint attacks a claim (`attacks`) or the step from a claim to what it supports (`undercuts`): keep one")
                .done();
            self.diags.push(d);
        }
        let undercuts = !undercut.is_empty();
        let link = match link_key(kind) {
            Some(_) if undercuts => undercut.into_iter().next(),
            Some(key) => {
                let example = format!("{key} = \"T\"");
                let mut targets = self
                    .targets(t, key, &example)
                    .unwrap_or_default()
                    .into_iter();
                let link = targets.next();
                let primary = if key == "supports" {
                    crate::map::model::Link::Supports
                } else {
                    crate::map::model::Link::Attacks
                };
                also.extend(targets.map(|t| (primary, t)));
                if link.is_none() && entry(t, key).is_none() {
                    let verb = if key == "supports" {
                        "supports"
                    } else {
                        "attacks"
                    };
                    let help = if kind == Kind::Premise && entry(t, "attacks").is_some() {
                        "a premise supports a node, and may also attack the objections it answers: add `supports = \"<id>\"`; a claim that only argues against another is a [[counterpoint]]".to_string()
                    } else if kind == Kind::Counterpoint {
                        "add `attacks = \"<id>\"` naming the claim it argues against, or `undercuts = \"<id>\"` naming a node whose step to its claim it attacks".to_string()
                    } else {
                        format!(
                            "add `{key} = \"<id>\"` naming the node it {verb}, for example the thesis"
                        )
                    };
                    let d = self
                        .file
                        .error(
                            header.clone(),
                            format!("this {} does not say what it {verb}", kind.name()),
                        )
                        .label(format!("`{key}` missing"))
                        .help(help)
                        .done();
                    self.diags.push(d);
                }
                link
            }
            None => None,
        };
        // A premise that also answers an objection: `attacks` beside its `supports`.
        if kind == Kind::Premise {
            let attacks = self
                .targets(t, "attacks", "attacks = \"O1\"")
                .unwrap_or_default();
            also.extend(
                attacks
                    .into_iter()
                    .map(|t| (crate::map::model::Link::Attacks, t)),
            );
        }
        let cite = match entry(t, "cite") {
            Some((_, v)) => self.citations(v),
            None => Vec::new(),
        };
        let tags = match entry(t, "tags") {
            Some((_, v)) => self.strings(v, "tags", "tags = [\"economy\", \"history\"]"),
            None => Vec::new(),
        };
        let more = RawMore {
            also,
            by: self.string(t, "by", "by = \"the Justice Department\""),
            tags,
            note: self.string(t, "note", "note = \"A remark of the mapper's.\""),
            with: self
                .targets(t, "with", "with = [\"P2\"]")
                .unwrap_or_default(),
            scheme: self.string(t, "scheme", "scheme = \"expert-opinion\""),
            answers: self
                .targets(t, "answers", "answers = [\"field\"]")
                .unwrap_or_default(),
            raised: entry(t, "raised").and_then(|(_, v)| {
                self.boolean(t, "raised").map(|b| At {
                    value: b,
                    span: self.at(v.span()),
                })
            }),
        };
        RawNode {
            kind,
            span,
            id,
            text,
            label: self.string(t, "label", "label = \"Iran's militias\""),
            link,
            cite,
            implicit: self.boolean(t, "implicit").unwrap_or(false),
            conceded: self.boolean(t, "conceded").unwrap_or(false),
            undercuts,
            more: (!more.is_empty()).then(|| Box::new(more)),
        }
    }

    fn citations(&mut self, v: &Spanned<DeValue<'_>>) -> Vec<RawCitation> {
        const EXAMPLE: &str = "cite = [3, \"5-7\", { para = 8, quote = \"exact words\" }]";
        let Some(items) = self.array(v, "`cite`", EXAMPLE) else {
            return Vec::new();
        };
        // Sized to what is written: a map of 100,000 nodes holds 100,000 of these.
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item.get_ref() {
                DeValue::Table(t) => {
                    self.unknown_keys(t, CITATION_KEYS, "a citation", &|_| None);
                    let quote = self.string(t, "quote", EXAMPLE);
                    match entry(t, "para") {
                        Some((_, para)) => {
                            if let Some((first, last)) = self.paragraph_number(para, EXAMPLE) {
                                out.push(RawCitation {
                                    span: self.at(item.span()),
                                    first,
                                    last,
                                    quote,
                                });
                            }
                        }
                        None => {
                            let d = self
                                .file
                                .error(self.at(item.span()), "this citation names no paragraph")
                                .label("`para` missing")
                                .help("write `{ para = 8, quote = \"…\" }`; `para` takes a number or a range like \"8-9\"")
                                .done();
                            self.diags.push(d);
                        }
                    }
                }
                _ => {
                    if let Some((first, last)) = self.paragraph_number(item, EXAMPLE) {
                        out.push(RawCitation {
                            span: self.at(item.span()),
                            first,
                            last,
                            quote: None,
                        });
                    }
                }
            }
        }
        out
    }

    /// A paragraph number (`7`) or an inclusive range (`"7-9"`).
    fn paragraph_number(&mut self, v: &Spanned<DeValue<'_>>, example: &str) -> Option<(i64, i64)> {
        match v.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Some((n, n)),
                Err(_) => {
                    self.bad_number(self.at(v.span()), example);
                    None
                }
            },
            DeValue::String(s) => {
                let parsed = s
                    .split_once(['-', '\u{2013}'])
                    .and_then(|(a, b)| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)))
                    .or_else(|| s.trim().parse().ok().map(|n| (n, n)));
                match parsed {
                    Some((a, b)) if a <= b => Some((a, b)),
                    Some((a, b)) => {
                        let d = self
                            .file
                            .error(
                                self.at(v.span()),
                                format!("the range runs backwards: {a} comes after {b}"),
                            )
                            .label("backwards range")
                            .help(format!("write \"{b}-{a}\""))
                            .done();
                        self.diags.push(d);
                        None
                    }
                    None => {
                        self.bad_number(self.at(v.span()), example);
                        None
                    }
                }
            }
            other => {
                self.wrong_type(
                    self.at(v.span()),
                    "a paragraph",
                    "a number or a range like \"5-7\"",
                    other,
                    example,
                );
                None
            }
        }
    }

    fn bad_number(&mut self, span: Range<usize>, example: &str) {
        let d = self
            .file
            .error(span, "this is not a paragraph number or range")
            .label("expected a number like 7 or a range like \"7-9\"")
            .help(format!("for example: {example}"))
            .done();
        self.diags.push(d);
    }

    fn unknown_keys(
        &mut self,
        t: &DeTable<'_>,
        known: &[&str],
        what: &str,
        special: &dyn Fn(&str) -> Option<String>,
    ) {
        for (key, _) in sorted(t) {
            let name = key.get_ref().as_ref();
            if known.contains(&name) {
                continue;
            }
            let shown = sanitize::clean(name);
            let help =
                special(name).unwrap_or_else(|| match suggest(name, known.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("the keys of {what} are: {}", known.join(", ")),
                });
            let d = self
                .file
                .error(
                    self.at(key.span()),
                    format!("unknown key `{shown}` in {what}"),
                )
                .label("not a key of this table")
                .help(help)
                .done();
            self.diags.push(d);
        }
    }

    fn table<'a, 'i>(
        &mut self,
        v: &'a Spanned<DeValue<'i>>,
        what: &str,
        example: &str,
    ) -> Option<&'a DeTable<'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            other => {
                self.wrong_type(self.at(v.span()), what, "a table", other, example);
                None
            }
        }
    }

    fn array<'a, 'i>(
        &mut self,
        v: &'a Spanned<DeValue<'i>>,
        what: &str,
        example: &str,
    ) -> Option<&'a [Spanned<DeValue<'i>>]> {
        match v.get_ref() {
            DeValue::Array(a) => Some(a),
            other => {
                self.wrong_type(self.at(v.span()), what, "an array", other, example);
                None
            }
        }
    }

    fn string(&mut self, t: &DeTable<'_>, key: &str, example: &str) -> Option<At<String>> {
        let (_, v) = entry(t, key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(At {
                value: s.to_string(),
                span: self.at(v.span()),
            }),
            other => {
                self.wrong_type(
                    self.at(v.span()),
                    &format!("`{key}`"),
                    "a string",
                    other,
                    example,
                );
                None
            }
        }
    }

    /// The ids a link key names: one id, or a list of them (a node that bears on several).
    fn targets(&mut self, t: &DeTable<'_>, key: &str, example: &str) -> Option<Vec<At<String>>> {
        let (_, v) = entry(t, key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(vec![At {
                value: s.to_string(),
                span: self.at(v.span()),
            }]),
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for item in items.iter() {
                    match item.get_ref() {
                        DeValue::String(s) => out.push(At {
                            value: s.to_string(),
                            span: self.at(item.span()),
                        }),
                        other => self.wrong_type(
                            self.at(item.span()),
                            &format!("each id of `{key}`"),
                            "a string",
                            other,
                            example,
                        ),
                    }
                }
                if items.is_empty() {
                    let d = self
                        .file
                        .error(self.at(v.span()), format!("`{key}` names no node"))
                        .label("empty list")
                        .help(format!(
                            "name at least one id: {key} = \"T\", or {key} = [\"P1\", \"O2\"]"
                        ))
                        .done();
                    self.diags.push(d);
                }
                Some(out)
            }
            other => {
                self.wrong_type(
                    self.at(v.span()),
                    &format!("`{key}`"),
                    "an id or a list of ids",
                    other,
                    example,
                );
                None
            }
        }
    }

    fn strings(&mut self, v: &Spanned<DeValue<'_>>, key: &str, example: &str) -> Vec<String> {
        let Some(items) = self.array(v, &format!("`{key}`"), example) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::String(s) => out.push(sanitize::clean(s)),
                other => self.wrong_type(
                    self.at(item.span()),
                    &format!("each of `{key}`"),
                    "a string",
                    other,
                    example,
                ),
            }
        }
        out
    }

    fn boolean(&mut self, t: &DeTable<'_>, key: &str) -> Option<bool> {
        let (_, v) = entry(t, key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                self.wrong_type(
                    self.at(v.span()),
                    &format!("`{key}`"),
                    "true or false",
                    other,
                    &format!("{key} = true"),
                );
                None
            }
        }
    }

    fn wrong_type(
        &mut self,
        span: Range<usize>,
        what: &str,
        expected: &str,
        found: &DeValue<'_>,
        example: &str,
    ) {
        let d = self
            .file
            .error(
                span,
                format!("{what} must be {expected}, found {}", type_name(found)),
            )
            .label(format!("expected {expected}"))
            .help(format!("for example: {example}"))
            .done();
        self.diags.push(d);
    }
}

fn misplaced_key_help(kind: Kind, key: &str) -> Option<String> {
    match (kind, key) {
        (Kind::Thesis, "supports" | "attacks") => Some(
            "the thesis is the root of the map: it neither supports nor attacks another node"
                .into(),
        ),
        (Kind::Premise | Kind::Evidence, "attacks") => Some(format!(
            "a {} supports; to argue against a node, make this a [[counterpoint]] with `attacks`",
            kind.name()
        )),
        (Kind::Counterpoint, "supports") => {
            Some("a counterpoint attacks: write `attacks = \"<id>\"`".into())
        }
        (Kind::Thesis | Kind::Evidence, "implicit") => {
            Some("only premises and counterpoints can be implicit (unstated by the author)".into())
        }
        (_, "conceded") => Some("only a counterpoint can be conceded".into()),
        (_, "raised") => Some("only a counterpoint is raised: an objection the author makes himself, to answer it".into()),
        (_, "undercuts") => Some(
            "only a [[counterpoint]] undercuts: it attacks the step from a claim to what it supports".into(),
        ),
        (Kind::Thesis, "with") => {
            Some("the thesis supports nothing, so it is linked with nothing".into())
        }
        (Kind::Thesis, "scheme") => Some(
            "a scheme names how a node bears on another: the thesis bears on nothing".into(),
        ),
        (Kind::Thesis, "answers") => {
            Some("the thesis answers no critical question: it bears on nothing".into())
        }
        (Kind::Counterpoint, "with") => Some(
            "`with` links supports: premises or evidence that support a claim only together".into(),
        ),
        _ => None,
    }
}

fn entry<'a, 'i>(t: &'a DeTable<'i>, key: &str) -> Option<Entry<'a, 'i>> {
    t.get_key_value(key)
}

/// A table's entries in document order (the map itself keeps them sorted by key).
fn sorted<'a, 'i>(t: &'a DeTable<'i>) -> Vec<Entry<'a, 'i>> {
    let mut entries: Vec<_> = t.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    entries
}

/// The first line of a table's span: its `[header]`, so a whole-table problem underlines one line.
pub(crate) fn span_of_header(text: &str, span: Range<usize>) -> Range<usize> {
    let start = span.start.min(text.len());
    let end = text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i)
        .min(span.end.max(start + 1))
        .min(text.len());
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole parse's reading, whatever the size.
    fn whole(file: &SourceFile) -> (RawMap, Vec<Diagnostic>) {
        let (doc, errors) = DeTable::parse_recoverable(&file.text);
        assert!(errors.is_empty(), "the test maps parse");
        let mut reader = Reader {
            file,
            diags: Vec::new(),
            base: 0,
        };
        let map = reader.document(doc.get_ref(), doc.span());
        (map, reader.diags)
    }

    /// Issue 24.7: read a table at a time, a map reads exactly as parsed whole: every node,
    /// span and message, on the shipped maps, a generated one, and one whose strings and arrays
    /// hold lines that look like headers.
    #[test]
    fn a_map_read_in_parts_reads_as_one_read_whole() {
        let tricky = r#"# a map whose strings hold header-like lines
[source]
title = "Tricky [x]"
paragraphs = [
  "One.",
["not a header", "an array"],
  "Two.",
]

[thesis]
id = "T"
text = """A thesis
[[premise]]
that goes on."""
cite = [1]

[[premise]]
id = "P1"
supports = "T"
text = 'literal [[evidence]] quote'
cite = [
  2,
]
unknown = { a = [1, [2]] }

  [[premise]]   # indented, with a comment
id = "P2"
supports = "T"
text = "escaped \" quote [x]"
cite = [2]
"#;
        let mut texts = vec![tricky.to_string(), crate::dev::synthetic::map_text(300, 60)];
        for name in [
            "astana-talks.toml",
            "douglass-fourth-of-july.toml",
            "mill-on-liberty-ch2.toml",
            "thoreau-civil-disobedience.toml",
        ] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("argument-maps")
                .join(name);
            texts.push(std::fs::read_to_string(path).unwrap_or_default());
        }
        for text in texts {
            let file = SourceFile::new("m.toml", text.clone());
            let parts = part_starts(&text);
            assert!(parts.len() > 2, "{parts:?}");
            let (map, diags) = whole(&file);
            let Some((in_parts, part_diags)) = read_in_parts(&file) else {
                panic!("read in parts: {}", &text[..80.min(text.len())]);
            };
            assert_eq!(format!("{map:?}"), format!("{in_parts:?}"));
            assert_eq!(format!("{diags:?}"), format!("{part_diags:?}"));
        }
        // The tricky map's parts start at its real headers only.
        let starts: Vec<&str> = part_starts(tricky)
            .iter()
            .map(|&s| tricky[s..].lines().next().unwrap_or_default())
            .collect();
        assert_eq!(
            starts,
            [
                "# a map whose strings hold header-like lines",
                "[source]",
                "[thesis]",
                "[[premise]]",
                "  [[premise]]   # indented, with a comment"
            ]
        );
    }

    /// A part that does not parse on its own, or a table given twice, sends the map to the
    /// whole parse, whose messages name the mistake.
    #[test]
    fn what_parts_cannot_read_is_read_whole() {
        for text in [
            "[source]\ntitle = \"x\"\n[source]\ntitle = \"y\"\n",
            "[thesis]\nid = \"T\"\ntext = \"\"\"open\n[[premise]]\nid = \"P\"\n",
        ] {
            let file = SourceFile::new("m.toml", text);
            assert!(read_in_parts(&file).is_none(), "{text}");
        }
    }
}
