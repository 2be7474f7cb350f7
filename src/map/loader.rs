//! Turns map files into validated [`ArgumentMap`]s, reporting every problem of a file at once.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::map::diagnostic::{Diagnostic, Report, SourceFile};
use crate::map::format::{self, At, RawMap, RawNode};
use crate::map::model::{ArgumentMap, Citation, Kind, Node, Paragraph, Quote, Role, Source};
use crate::map::sanitize;

/// The largest map or article file read; larger ones get a clear error instead of a long wait.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The Astana map and its article, built into the binary so `argwalk` runs from anywhere.
pub const BUILTIN_MAP_NAME: &str = "argument-maps/astana-talks.toml";
pub const BUILTIN_MAP: &str = include_str!("../../argument-maps/astana-talks.toml");
pub const BUILTIN_TEXT_NAME: &str = "astana-talks.txt";
pub const BUILTIN_TEXT: &str = include_str!("../../argument-maps/astana-talks.txt");

/// Where a map's `text_file` is read from.
pub trait TextFiles {
    /// The file's text, or why it could not be read (said to the user as is).
    fn read(&self, name: &str) -> Result<String, String>;
}

/// Files beside the map on disk.
pub struct Beside(pub PathBuf);

impl TextFiles for Beside {
    fn read(&self, name: &str) -> Result<String, String> {
        let path = self.0.join(name);
        let bytes = read_limited(&path).map_err(|e| format!("{e:#}"))?;
        utf8_text(&path.display().to_string(), bytes)
    }
}

/// `bytes` as text, or a message that places the first byte that is not UTF-8 by line and
/// column (counted in characters), as an editor would show it.
pub fn utf8_text(name: &str, bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let before = String::from_utf8_lossy(&bytes[..valid]);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        format!(
            "{name}:{line}:{column}: not UTF-8 text (byte 0x{:02X}); save the file as UTF-8",
            bytes[valid]
        )
    })
}

/// Reads only a map's `[source]` and its article, for `argwalk paragraphs`: a map whose nodes
/// are broken still has its paragraphs listed. `Err` inside is the source's own problems.
pub fn load_source(path: &Path) -> anyhow::Result<Result<Source, Report>> {
    let bytes = read_limited(path)?;
    let name = path.display().to_string();
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(_) => return Ok(Err(load_bytes(&name, &bytes, &Builtin).report)),
    };
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let file = SourceFile::new(&name, text);
    let (raw, read_diags) = format::read(&file);
    let mut diags = Vec::new();
    let source = raw.source.as_ref().map(|s| {
        Validator {
            file: &file,
            diags: &mut diags,
            written_ids: Default::default(),
        }
        .source(s, &Beside(dir))
    });
    match source {
        Some(source) if !diags.iter().any(Diagnostic::is_error) => Ok(Ok(source)),
        _ => {
            // Without a readable source, say why: its own problems, or the file's syntax.
            if diags.is_empty() {
                diags = read_diags
                    .into_iter()
                    .filter(Diagnostic::is_error)
                    .collect();
            }
            diags.sort_by_key(|d| (d.line, d.column));
            Ok(Err(Report {
                file,
                diagnostics: diags,
            }))
        }
    }
}

/// Files beside the map, but only within `root` (the library of a restricted session): a
/// `text_file` of `../../etc/passwd`, or a link out of the library, is refused.
pub struct Confined {
    pub dir: PathBuf,
    pub root: PathBuf,
}

impl TextFiles for Confined {
    fn read(&self, name: &str) -> Result<String, String> {
        let path = self.dir.join(name);
        let real = std::fs::canonicalize(&path).map_err(|e| format!("cannot read {name}: {e}"))?;
        let root = std::fs::canonicalize(&self.root).map_err(|e| e.to_string())?;
        if !real.starts_with(&root) {
            return Err(format!(
                "{name} is outside the library, and this session reads only from the library"
            ));
        }
        Beside(self.dir.clone()).read(name)
    }
}

/// [`load_path`] for a restricted session: the map and its article must lie within `root`.
///
/// Its messages name the file as it is within `root`, never by the server's folders: a
/// restricted member reads them.
pub fn load_path_within(path: &Path, root: &Path) -> anyhow::Result<Loaded> {
    let shown = path.strip_prefix(root).map_or_else(
        |_| {
            path.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        },
        |p| p.display().to_string(),
    );
    let real = std::fs::canonicalize(path).with_context(|| format!("cannot read {shown}"))?;
    let inside = std::fs::canonicalize(root).is_ok_and(|r| real.starts_with(r));
    if !inside {
        bail!("{shown} is outside the library");
    }
    let bytes = read_limited(&real).map_err(|e| {
        anyhow::anyhow!(
            "{}",
            format!("{e:#}").replace(&real.display().to_string(), &shown)
        )
    })?;
    let dir = real.parent().map(Path::to_path_buf).unwrap_or_default();
    let files = Confined {
        dir,
        root: root.to_path_buf(),
    };
    Ok(match String::from_utf8(bytes) {
        Ok(text) => load_string(&shown, text, &files),
        Err(e) => load_bytes(&shown, e.as_bytes(), &files),
    })
}

/// Only the article built into the binary.
pub struct Builtin;

impl TextFiles for Builtin {
    fn read(&self, name: &str) -> Result<String, String> {
        if name == BUILTIN_TEXT_NAME {
            Ok(BUILTIN_TEXT.to_string())
        } else {
            Err(format!("{name} is not built into argwalk"))
        }
    }
}

/// The outcome of loading one file: the map if it has no errors, and every problem found.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub map: Option<ArgumentMap>,
    pub report: Report,
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`]. Directories, FIFOs and devices are refused
/// before opening, since reading a FIFO could block forever.
pub fn read_limited(path: &Path) -> anyhow::Result<Vec<u8>> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if meta.is_dir() {
        bail!("{} is a directory, not a map file", path.display());
    }
    if !meta.is_file() {
        bail!(
            "{} is not a regular file (a FIFO, socket or device?)",
            path.display()
        );
    }
    if meta.len() > MAX_FILE_BYTES {
        bail!(
            "{} is {} bytes; argwalk reads files of at most {} MiB",
            path.display(),
            meta.len(),
            MAX_FILE_BYTES / 1024 / 1024
        );
    }
    // Room for the whole file at once: no copies as it grows (a 16 MiB map is read into 16 MiB).
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        bail!(
            "{} grew past {} MiB while being read",
            path.display(),
            MAX_FILE_BYTES / 1024 / 1024
        );
    }
    Ok(bytes)
}

/// Loads a map from disk. `Err` is for files that cannot be read at all (missing, a directory,
/// too large); problems inside the file are in the returned report.
pub fn load_path(path: &Path) -> anyhow::Result<Loaded> {
    Ok(load_read(path, read_file(path)?))
}

/// A file as [`load_path`] reads it (within the size limit): its text, or its bytes when they
/// are not UTF-8. Read once, it can be looked at (is it a motion?) before it is loaded.
pub fn read_file(path: &Path) -> anyhow::Result<Result<String, Vec<u8>>> {
    // The bytes become the text without a copy when they are UTF-8 (a large map is held once).
    Ok(String::from_utf8(read_limited(path)?).map_err(std::string::FromUtf8Error::into_bytes))
}

/// Loads the map at `path` from what [`read_file`] read of it.
pub fn load_read(path: &Path, read: Result<String, Vec<u8>>) -> Loaded {
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = path.display().to_string();
    match read {
        Ok(text) => load_string(&name, text, &Beside(dir)),
        Err(bytes) => load_bytes(&name, &bytes, &Beside(dir)),
    }
}

/// Loads the Astana map built into the binary.
pub fn load_builtin() -> Loaded {
    load_str(BUILTIN_MAP_NAME, BUILTIN_MAP, &Builtin)
}

/// Loads a map from bytes that may not even be text.
pub fn load_bytes(name: &str, bytes: &[u8], files: &dyn TextFiles) -> Loaded {
    match std::str::from_utf8(bytes) {
        Ok(text) => load_str(name, text, files),
        Err(e) => {
            let valid = e.valid_up_to();
            // Safe: the prefix up to `valid_up_to` is valid UTF-8 by definition.
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let file = SourceFile::new(name, prefix);
            let d = file
                .error(valid..valid, format!("this file is not UTF-8 text: invalid byte 0x{:02X} at offset {valid}", bytes[valid]))
                .label("not UTF-8")
                .help("argument maps are TOML files in UTF-8; re-save the file as UTF-8, or check that this is the map you meant")
                .done();
            Loaded {
                map: None,
                report: Report {
                    file,
                    diagnostics: vec![d],
                },
            }
        }
    }
}

/// Loads a map from its text.
pub fn load_str(name: &str, text: &str, files: &dyn TextFiles) -> Loaded {
    load_string(name, text.to_string(), files)
}

/// Loads a map from its text, which the report keeps.
fn load_string(name: &str, text: String, files: &dyn TextFiles) -> Loaded {
    let file = SourceFile::new(name, text);
    let (raw, mut diags) = format::read(&file);
    let map = Validator {
        file: &file,
        diags: &mut diags,
        written_ids: written_ids(&file.text),
    }
    .validate(raw, files);
    // What else is said of a line with a syntax error follows from it (a value read as empty,
    // a key read as missing): one message for the one mistake.
    let broken_lines: std::collections::HashSet<usize> =
        diags.iter().filter(|d| d.syntax).map(|d| d.line).collect();
    diags.retain(|d| d.syntax || !broken_lines.contains(&d.line));
    diags.sort_by_key(|d| (d.line, d.column, !d.is_error()));
    let map = if diags.iter().any(Diagnostic::is_error) {
        None
    } else {
        map
    };
    Loaded {
        map,
        report: Report {
            file,
            diagnostics: diags,
        },
    }
}

/// Where a node's parts were written, kept for the warnings once the node itself is let go.
struct Written {
    /// Its id, else its table (in 32 bits: a map is at most 16 MiB).
    at: std::ops::Range<u32>,
    scheme: Option<std::ops::Range<u32>>,
    /// Each citation's first paragraph, and where it is written.
    cites: Vec<(i64, std::ops::Range<usize>)>,
}

/// A place in the map as 32 bits: a map file is at most [`MAX_FILE_BYTES`].
fn narrow(r: std::ops::Range<usize>) -> std::ops::Range<u32> {
    let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
    n(r.start)..n(r.end)
}

fn wide(r: std::ops::Range<u32>) -> std::ops::Range<usize> {
    r.start as usize..r.end as usize
}

struct Validator<'a> {
    file: &'a SourceFile,
    diags: &'a mut Vec<Diagnostic>,
    /// Every id written in the file as `id = "…"`, read or not (borrowed from its text).
    written_ids: std::collections::HashSet<&'a str>,
}

/// The ids written in a map's text as `id = "…"` lines, whether or not their tables could be
/// read: a link to one of them is not a typo.
fn written_ids(text: &str) -> std::collections::HashSet<&str> {
    text.lines()
        .filter_map(|l| {
            let rest = l
                .trim_start()
                .strip_prefix("id")?
                .trim_start()
                .strip_prefix('=')?;
            let rest = rest.trim_start().strip_prefix('"')?;
            Some(&rest[..rest.find('"')?])
        })
        .collect()
}

impl Validator<'_> {
    fn validate(&mut self, raw: RawMap, files: &dyn TextFiles) -> Option<ArgumentMap> {
        let source = raw.source.as_ref().map(|s| self.source(s, files));
        let ids = self.ids(&raw.nodes);
        let parents = self.links(&raw.nodes, &ids);
        self.cycles(&raw.nodes, &parents);
        let also = self.cross_links(&raw.nodes, &ids, &parents);
        let mut also = also;
        let with = self.linked(&raw.nodes, &ids, &parents);
        // Read by id no more: let go before the tree is made (on the 16 MiB chain, 10 MB).
        drop(ids);
        self.undercuts_and_raised(&raw.nodes, &parents);
        self.schemes(&raw.nodes, &parents, &with);
        let paragraphs = source.as_ref().map_or(&[][..], |s| &s.paragraphs[..]);
        let any_outside = paragraphs.iter().any(|p| p.outside);
        let thesis = raw.nodes.iter().position(|n| n.kind == Kind::Thesis);
        let source_span = raw.source.as_ref().map(|s| s.span.clone());
        // Each node as read is let go as its node of the tree is made, keeping only where its
        // parts were written (for the warnings). They are taken from the end, and the room they
        // took is given back as it empties: a large map is not held twice over.
        let mut read = raw.nodes;
        let mut nodes = Vec::with_capacity(read.len());
        let mut written = Vec::with_capacity(read.len());
        while let Some(mut node) = read.pop() {
            let ix = read.len();
            if read.capacity() > 4096 && read.len() < read.capacity() / 2 {
                read.shrink_to_fit();
            }
            let citations = self.citations(&node, paragraphs);
            let more = node.more.take().map(|m| *m).unwrap_or_default();
            written.push(Written {
                at: narrow(
                    node.id
                        .as_ref()
                        .map_or(node.span.clone(), |i| i.span.clone()),
                ),
                scheme: more.scheme.as_ref().map(|s| narrow(s.span.clone())),
                // Only for the warning on a citation of an outside paragraph: none kept when
                // the article has no such paragraph (most maps; 4 MB on the 16 MiB chain).
                cites: if any_outside {
                    node.cite
                        .iter()
                        .map(|c| (c.first, c.span.clone()))
                        .collect()
                } else {
                    Vec::new()
                },
            });
            // What follows from the tree (role, children, depth, step, groups) is filled in by
            // `ArgumentMap::build`.
            nodes.push(Node {
                id: node
                    .id
                    .as_ref()
                    .map(|i| sanitize::clean(&i.value))
                    .unwrap_or_default(),
                kind: node.kind,
                role: Role::Premise,
                children: Vec::new(),
                linked_by: Vec::new(),
                depth: 0,
                linked: Vec::new(),
                step: 0,
                label: self.text(node.label.as_ref(), "label"),
                text: self.text(node.text.as_ref(), "text").unwrap_or_default(),
                parent: parents[ix],
                also: std::mem::take(&mut also[ix]),
                by: self.text(more.by.as_ref(), "by"),
                citations,
                tags: more.tags,
                implicit: node.implicit,
                conceded: node.conceded,
                note: self.text(more.note.as_ref(), "note"),
                scheme: more.scheme.map(|s| s.value),
                answers: more.answers.into_iter().map(|a| a.value).collect(),
                undercuts: node.undercuts,
                raised: more.raised.as_ref().is_some_and(|r| r.value),
                line: self
                    .file
                    .position(format::span_of_header(&self.file.text, node.span.clone()).start)
                    .0,
            });
        }
        drop(also);
        drop(parents);
        nodes.reverse();
        written.reverse();
        if self.diags.iter().any(Diagnostic::is_error) {
            return None;
        }
        let source = source?;
        let map = ArgumentMap::build(source, nodes, with, thesis?);
        self.warnings(&written, source_span, &map);
        Some(map)
    }

    /// Cleans an optional text; an empty one is an error, since the reader would show nothing.
    fn text(&mut self, at: Option<&At<String>>, key: &str) -> Option<String> {
        let at = at?;
        let clean = sanitize::clean(&at.value);
        if clean.is_empty() {
            // `text` and `title` are required: removing them is no fix, writing them is.
            let help = match key {
                "text" => "write the claim between the quotes: every node needs its text (for the thesis, what the article argues, in one sentence)".to_string(),
                "title" => "write the article's headline between the quotes".to_string(),
                _ => format!("write the {key}, or remove the key"),
            };
            let d = self
                .file
                .error(at.span.clone(), format!("`{key}` is empty"))
                .label("nothing to show")
                .help(help)
                .done();
            self.diags.push(d);
            return None;
        }
        Some(clean)
    }

    fn source(&mut self, raw: &format::RawSource, files: &dyn TextFiles) -> Source {
        let mut source = Source {
            title: raw
                .title
                .as_ref()
                .map(|t| sanitize::clean(&t.value))
                .unwrap_or_default(),
            author: self.text(raw.author.as_ref(), "author"),
            publisher: self.text(raw.publisher.as_ref(), "publisher"),
            date: self.text(raw.date.as_ref(), "date"),
            url: self.text(raw.url.as_ref(), "url"),
            paragraphs: Vec::new(),
            text_file: raw.text_file.as_ref().map(|f| f.value.clone()),
        };
        if raw.title.is_some() && source.title.is_empty() {
            self.text(raw.title.as_ref(), "title");
        }
        let texts: Vec<(usize, String)> = match (&raw.text_file, &raw.paragraphs) {
            (Some(file), Some(inline)) => {
                let d = self
                    .file
                    .error(inline.span.clone(), "the source has both `text_file` and `paragraphs`")
                    .label("second copy of the article")
                    .note(format!("`text_file` is at line {}", self.file.position(file.span.start).0))
                    .help("keep one: the article's text either in a file beside the map or inline, not both")
                    .done();
                self.diags.push(d);
                Vec::new()
            }
            (Some(file), None) => match files.read(&file.value) {
                Ok(text) => split_paragraphs_with_lines(&text),
                Err(reason) => {
                    let d = self
                        .file
                        .error(file.span.clone(), "the article's text file cannot be read")
                        .label(sanitize::clean(&reason))
                        .help("`text_file` is relative to the map's folder; check the name, or put the paragraphs inline with `paragraphs = [\"…\"]`")
                        .done();
                    self.diags.push(d);
                    Vec::new()
                }
            },
            (None, Some(inline)) => inline
                .value
                .iter()
                .map(|p| {
                    let line = self.file.position(p.span.start).0;
                    (line, sanitize::clean(&p.value))
                })
                .collect(),
            (None, None) if raw.text_given => Vec::new(),
            (None, None) => {
                let d = self
                    .file
                    .error(
                        format::span_of_header(&self.file.text, raw.span.clone()),
                        "the source has no text",
                    )
                    .label("no `text_file` or `paragraphs`")
                    .help("add `text_file = \"article.txt\"` (paragraphs separated by blank lines) or `paragraphs = [\"…\", \"…\"]`")
                    .done();
                self.diags.push(d);
                Vec::new()
            }
        };
        let reported = self.diags.iter().any(Diagnostic::is_error);
        let text_span = raw
            .text_file
            .as_ref()
            .map(|f| f.span.clone())
            .or_else(|| raw.paragraphs.as_ref().map(|p| p.span.clone()));
        if let (true, false, Some(span)) = (texts.is_empty(), reported, text_span) {
            let d = self
                .file
                .error(span, "the article has no paragraphs")
                .label("no text here")
                .help("a map needs the article's text: paragraphs separated by blank lines in the file, or strings in `paragraphs`")
                .done();
            self.diags.push(d);
        }
        if let (Some(inline), None) = (&raw.paragraphs, &raw.text_file) {
            for (p, (_, clean)) in inline.value.iter().zip(&texts) {
                if clean.is_empty() {
                    let d = self
                        .file
                        .error(p.span.clone(), "this paragraph is empty")
                        .label("empty paragraph")
                        .help("remove it: paragraphs are numbered by position, and an empty one would be cited by no one")
                        .done();
                    self.diags.push(d);
                }
            }
        }
        source.paragraphs = texts
            .into_iter()
            .enumerate()
            .map(|(i, (line, text))| Paragraph {
                number: i + 1,
                text,
                outside: false,
                line,
            })
            .collect();
        let count = source.paragraphs.len();
        for at in &raw.outside {
            let (first, last) = at.value;
            if let Some(range) = self.paragraph_range(at.span.clone(), first, last, count) {
                for n in range {
                    source.paragraphs[n - 1].outside = true;
                }
            }
        }
        source
    }

    /// Checks `first..=last` against the article's paragraph count.
    fn paragraph_range(
        &mut self,
        span: std::ops::Range<usize>,
        first: i64,
        last: i64,
        count: usize,
    ) -> Option<std::ops::RangeInclusive<usize>> {
        if count == 0 {
            // The article itself failed to load; that problem is already reported.
            return None;
        }
        let bad = if first < 1 { first } else { last };
        if first < 1 || last as u64 > count as u64 {
            let d = self
                .file
                .error(span, format!("there is no paragraph {bad}: the article has {count} paragraphs"))
                .label(format!("paragraphs are numbered 1 to {count}"))
                .help("paragraphs are counted from 1, separated by blank lines in the text file; `argwalk paragraphs MAP` lists them")
                .done();
            self.diags.push(d);
            return None;
        }
        Some(first as usize..=last as usize)
    }

    /// Maps each id to its node, reporting bad and duplicate ids.
    fn ids(&mut self, nodes: &[RawNode]) -> HashMap<String, usize> {
        let mut ids: HashMap<String, usize> = HashMap::with_capacity(nodes.len());
        for (ix, node) in nodes.iter().enumerate() {
            let Some(id) = &node.id else { continue };
            if id.value.is_empty() {
                let d = self
                    .file
                    .error(id.span.clone(), "the id is empty")
                    .label("no id")
                    .help("give the node a short name such as \"P2\" or \"iran-militias\": links name nodes by id")
                    .done();
                self.diags.push(d);
                continue;
            }
            if !id
                .value
                .chars()
                .all(|c| c.is_alphanumeric() || "-_.".contains(c))
            {
                let d = self
                    .file
                    .error(
                        id.span.clone(),
                        format!("`{}` is not a usable id", sanitize::clean(&id.value)),
                    )
                    .label("ids are made of letters, digits, '-', '_' and '.'")
                    .help("choose a short name such as \"P2\" or \"iran-militias\"")
                    .done();
                self.diags.push(d);
                continue;
            }
            if let Some(&first) = ids.get(&id.value) {
                let line = nodes[first]
                    .id
                    .as_ref()
                    .map_or(0, |f| self.file.position(f.span.start).0);
                let d = self
                    .file
                    .error(
                        id.span.clone(),
                        format!("the id `{}` is used twice", id.value),
                    )
                    .label("duplicate id")
                    .note(format!("`{}` is first used at line {line}", id.value))
                    .help("give every node its own id; links name nodes by id")
                    .done();
                self.diags.push(d);
            } else {
                ids.insert(id.value.clone(), ix);
            }
        }
        ids
    }

    /// "`key` names `X`, but no node has that id", with the likely id meant, unless the node
    /// is written in the file but lost to another error (a `[premise]` for `[[premise]]`, a
    /// broken line): that error's doing, said once, there.
    fn unknown_id(
        &mut self,
        target: &At<String>,
        key: &str,
        ids: &HashMap<String, usize>,
        otherwise: &str,
    ) {
        if self.written_ids.contains(target.value.as_str()) {
            return;
        }
        let help = match format::suggest_clearly(&target.value, ids.keys().map(String::as_str)) {
            Some(s) => format!("did you mean `{s}`?"),
            None => otherwise.to_string(),
        };
        let d = self
            .file
            .error(
                target.span.clone(),
                format!(
                    "`{key}` names `{}`, but no node has that id",
                    sanitize::clean(&target.value)
                ),
            )
            .label("unknown id")
            .help(help)
            .done();
        self.diags.push(d);
    }

    /// A link that names a node it cannot link to: the message and what to do instead.
    fn refuse_link(&mut self, target: &At<String>, label: &str, (message, help): (String, String)) {
        let d = self
            .file
            .error(target.span.clone(), message)
            .label(label)
            .help(help)
            .done();
        self.diags.push(d);
    }

    /// Resolves each node's `supports`/`attacks` link to its parent's index.
    fn links(&mut self, nodes: &[RawNode], ids: &HashMap<String, usize>) -> Vec<Option<usize>> {
        let mut parents = vec![None; nodes.len()];
        for (ix, node) in nodes.iter().enumerate() {
            let Some(link) = &node.link else { continue };
            let key = if node.undercuts {
                "undercuts"
            } else if node.kind == Kind::Counterpoint {
                "attacks"
            } else {
                "supports"
            };
            match ids.get(&link.value) {
                Some(&target) => {
                    let target_kind = nodes[target].kind;
                    if node.kind != Kind::Counterpoint && target_kind == Kind::Evidence {
                        let d = self
                            .file
                            .error(link.span.clone(), match node.kind {
                                Kind::Evidence => "evidence cannot support evidence".to_string(),
                                other => format!("a {} cannot support evidence", other.name()),
                            })
                            .label(format!("`{}` is evidence", link.value))
                            .help("evidence is a leaf: make the supported node a [[premise]], or let this node support the same premise")
                            .done();
                        self.diags.push(d);
                    } else {
                        parents[ix] = Some(target);
                    }
                }
                None => self.unknown_id(
                    link,
                    key,
                    ids,
                    "every link must name the `id` of a node in this map",
                ),
            }
        }
        parents
    }

    /// Resolves each node's further links (beyond the one that places it in the tree), and
    /// checks that they make no cycle with the tree: a node may not, through any chain of links,
    /// bear on itself. An unknown id is reported as for the first link.
    fn cross_links(
        &mut self,
        nodes: &[RawNode],
        ids: &HashMap<String, usize>,
        parents: &[Option<usize>],
    ) -> Vec<Vec<(usize, crate::map::model::Link)>> {
        use crate::map::model::Link;
        let mut also = vec![Vec::new(); nodes.len()];
        for (ix, node) in nodes.iter().enumerate() {
            for (link, target) in &node.more().also {
                let Some(&to) = ids.get(&target.value) else {
                    self.unknown_id(
                        target,
                        link.verb(),
                        ids,
                        "every link must name the `id` of a node in this map",
                    );
                    continue;
                };
                let repeated = parents[ix] == Some(to) || also[ix].iter().any(|&(t, _)| t == to);
                let evidence = *link == Link::Supports && nodes[to].kind == Kind::Evidence;
                let problem = if to == ix {
                    Some((
                        "a node cannot bear on itself".to_string(),
                        "name another node".to_string(),
                    ))
                } else if repeated {
                    Some((
                        format!("`{}` is linked twice", target.value),
                        "name each node once".to_string(),
                    ))
                } else if evidence {
                    Some((
                        "nothing can support evidence".to_string(),
                        "evidence is a leaf: name a premise or the thesis".to_string(),
                    ))
                } else {
                    None
                };
                match problem {
                    Some(why) => self.refuse_link(target, "this link", why),
                    None => also[ix].push((to, *link)),
                }
            }
        }
        // A cycle through a cross-link: following links from its target leads back to its node.
        for (ix, links) in also.clone().iter().enumerate() {
            for (k, &(to, _)) in links.iter().enumerate() {
                if self.reaches(to, ix, parents, &also) {
                    let span = nodes[ix]
                        .more()
                        .also
                        .get(k)
                        .map_or(nodes[ix].span.clone(), |(_, t)| t.span.clone());
                    let name = |n: usize| {
                        nodes[n]
                            .id
                            .as_ref()
                            .map_or("?".to_string(), |i| sanitize::clean(&i.value))
                    };
                    let d = self
                        .file
                        .error(span, format!("this link makes a cycle: `{}` bears on `{}`, which leads back to `{}`", name(ix), name(to), name(ix)))
                        .label("closes a cycle")
                        .help("a claim cannot, through other claims, bear on itself: point this link elsewhere")
                        .done();
                    self.diags.push(d);
                    also[ix].retain(|&(t, _)| t != to);
                }
            }
        }
        also
    }

    /// Resolves each node's `with`: the nodes it supports its claim together with. Each must be
    /// a premise or evidence supporting the same node.
    fn linked(
        &mut self,
        nodes: &[RawNode],
        ids: &HashMap<String, usize>,
        parents: &[Option<usize>],
    ) -> Vec<Vec<usize>> {
        let mut with = vec![Vec::new(); nodes.len()];
        for (ix, node) in nodes.iter().enumerate() {
            for partner in &node.more().with {
                let Some(&other) = ids.get(&partner.value) else {
                    self.unknown_id(
                        partner,
                        "with",
                        ids,
                        "name the `id` of a premise that supports the same claim",
                    );
                    continue;
                };
                let name = |n: usize| {
                    nodes[n]
                        .id
                        .as_ref()
                        .map_or("?".to_string(), |i| sanitize::clean(&i.value))
                };
                let problem = if other == ix {
                    Some((
                        "a node cannot be linked with itself".to_string(),
                        "name the other premises this one supports its claim together with"
                            .to_string(),
                    ))
                } else if !matches!(nodes[other].kind, Kind::Premise | Kind::Evidence) {
                    Some((
                        format!(
                            "`{}` is a {}: only premises and evidence are linked",
                            name(other),
                            nodes[other].kind.name()
                        ),
                        "`with` names the premises (or evidence) that support the same claim together with this one".to_string(),
                    ))
                } else if parents[other] != parents[ix] {
                    let claim = |n: usize| parents[n].map_or("nothing".to_string(), name);
                    Some((
                        format!(
                            "`{}` supports `{}`, but this node supports `{}`",
                            name(other),
                            claim(other),
                            claim(ix)
                        ),
                        "linked premises support one claim together: make both support the same node, or drop `with`".to_string(),
                    ))
                } else {
                    None
                };
                match problem {
                    Some(why) => self.refuse_link(partner, "not linkable", why),
                    None if !with[ix].contains(&other) => with[ix].push(other),
                    None => {}
                }
            }
        }
        with
    }

    /// Each `scheme` is one argwalk knows, a linked group names one, and each `answers` names a
    /// critical question of the scheme of the step its node bears on.
    fn schemes(&mut self, nodes: &[RawNode], parents: &[Option<usize>], with: &[Vec<usize>]) {
        let known: Vec<&str> = crate::map::schemes::SCHEMES.iter().map(|s| s.key).collect();
        for node in nodes {
            if let Some(s) = &node.more().scheme
                && crate::map::schemes::find(&s.value).is_none()
            {
                let help = match format::suggest(&s.value, known.iter().copied()) {
                    Some(k) => format!("did you mean `{k}`?"),
                    None => format!("the schemes argwalk knows: {}", known.join(", ")),
                };
                let d = self
                    .file
                    .error(
                        s.span.clone(),
                        format!("argwalk knows no scheme `{}`", sanitize::clean(&s.value)),
                    )
                    .label("unknown scheme")
                    .help(help)
                    .done();
                self.diags.push(d);
            }
        }
        // The scheme of a node's step, as written: its own, or a linked partner's.
        let written = |ix: usize| {
            std::iter::once(ix)
                .chain(with[ix].iter().copied())
                .chain((0..nodes.len()).filter(|&m| with[m].contains(&ix)))
                .find_map(|m| nodes[m].more().scheme.as_ref())
        };
        for (ix, node) in nodes.iter().enumerate() {
            if node.more().answers.is_empty() {
                continue;
            }
            let Some(p) = parents[ix] else {
                continue;
            };
            let name = nodes[p]
                .id
                .as_ref()
                .map_or("?".to_string(), |i| sanitize::clean(&i.value));
            // A scheme argwalk does not know is that error's doing: said once, there.
            let named = written(p);
            if named.is_some_and(|s| crate::map::schemes::find(&s.value).is_none()) {
                continue;
            }
            match named.and_then(|s| crate::map::schemes::find(&s.value)) {
                None => {
                    let first = &node.more().answers[0];
                    let d = self
                        .file
                        .error(
                            first.span.clone(),
                            format!("`answers` names critical questions, but the step from `{name}` names no scheme"),
                        )
                        .label("no scheme to ask from")
                        .help(format!("name the scheme on `{name}` (scheme = \"expert-opinion\"), or drop `answers`"))
                        .done();
                    self.diags.push(d);
                }
                Some(scheme) => {
                    for a in &node.more().answers {
                        if scheme.question(&a.value).is_none() {
                            let keys: Vec<&str> = scheme.questions.iter().map(|q| q.key).collect();
                            let d = self
                                .file
                                .error(
                                    a.span.clone(),
                                    format!(
                                        "the {} has no critical question `{}`",
                                        scheme.name,
                                        sanitize::clean(&a.value)
                                    ),
                                )
                                .label("unknown question")
                                .help(format!("its questions: {}", keys.join(", ")))
                                .done();
                            self.diags.push(d);
                        }
                    }
                }
            }
        }
    }

    /// An undercut names a node whose step to its claim it attacks: the thesis has none. A
    /// raised objection is the author's own: it has no `by`.
    fn undercuts_and_raised(&mut self, nodes: &[RawNode], parents: &[Option<usize>]) {
        for (ix, node) in nodes.iter().enumerate() {
            if node.undercuts
                && let (Some(target), Some(link)) = (parents[ix], &node.link)
                && parents[target].is_none()
            {
                let d = self
                    .file
                    .error(
                        link.span.clone(),
                        format!(
                            "`{}` is the thesis: it supports nothing, so there is no step to undercut",
                            sanitize::clean(&link.value)
                        ),
                    )
                    .label("no inference here")
                    .help("undercut a premise's or evidence's step (`undercuts = \"P1\"` attacks the step from P1 to its claim), or argue against the thesis with `attacks = \"T\"`")
                    .done();
                self.diags.push(d);
            }
            if let (Some(raised), Some(by)) = (&node.more().raised, &node.more().by)
                && raised.value
            {
                let d = self
                    .file
                    .error(
                        by.span.clone(),
                        "a raised objection is the author's own, but `by` names someone else",
                    )
                    .label("`by` beside `raised = true`")
                    .help("drop `by` if the author raises it himself (\"It may be objected that…\"), or `raised` if another makes it")
                    .done();
                self.diags.push(d);
            }
        }
    }

    /// Whether following links (tree and cross) from `from` reaches `to`.
    fn reaches(
        &self,
        from: usize,
        to: usize,
        parents: &[Option<usize>],
        also: &[Vec<(usize, crate::map::model::Link)>],
    ) -> bool {
        let mut seen = vec![false; parents.len()];
        let mut stack = vec![from];
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if std::mem::replace(&mut seen[n], true) {
                continue;
            }
            stack.extend(parents[n]);
            stack.extend(also[n].iter().map(|&(t, _)| t));
        }
        false
    }

    /// Finds cycles and nodes that never reach the thesis, in one linear pass.
    fn cycles(&mut self, nodes: &[RawNode], parents: &[Option<usize>]) {
        #[derive(Clone, Copy, PartialEq)]
        enum State {
            Unseen,
            OnChain,
            Reaches,
            /// Ends at a node whose link is missing or unknown: reported there already.
            Broken,
            /// Ends in a cycle.
            Stranded,
        }
        let mut state = vec![State::Unseen; nodes.len()];
        let id = |ix: usize| {
            nodes[ix]
                .id
                .as_ref()
                .map_or("?".to_string(), |i| sanitize::clean(&i.value))
        };
        for start in 0..nodes.len() {
            if state[start] != State::Unseen {
                continue;
            }
            let mut chain = Vec::new();
            let mut at = Some(start);
            let outcome = loop {
                let Some(ix) = at else {
                    // The chain ended without a parent: the thesis reaches, anything else was
                    // already reported as a missing or unknown link.
                    let last = chain.last().copied().unwrap_or(start);
                    break if nodes[last].kind == Kind::Thesis {
                        State::Reaches
                    } else {
                        State::Broken
                    };
                };
                match state[ix] {
                    State::Unseen => {
                        state[ix] = State::OnChain;
                        chain.push(ix);
                        at = parents[ix];
                    }
                    State::OnChain => {
                        let from = chain.iter().position(|&c| c == ix).unwrap_or(0);
                        let cycle = &chain[from..];
                        let mut names: Vec<String> = cycle.iter().map(|&c| id(c)).collect();
                        names.push(id(ix));
                        let first = *cycle.iter().min().unwrap_or(&ix);
                        let span = nodes[first]
                            .link
                            .as_ref()
                            .map_or(nodes[first].span.clone(), |l| l.span.clone());
                        let d = self
                            .file
                            .error(span, format!("these links go round in a cycle: {}", names.join(" → ")))
                            .label("part of a cycle")
                            .help("every chain of `supports`/`attacks` links must end at the thesis; point one of these links elsewhere")
                            .done();
                        self.diags.push(d);
                        for &c in cycle {
                            state[c] = State::Stranded;
                        }
                        chain.truncate(from);
                        break State::Stranded;
                    }
                    known => break known,
                }
            };
            for &ix in &chain {
                if outcome == State::Stranded
                    && state[ix] == State::OnChain
                    && parents[ix].is_some()
                {
                    let span = nodes[ix]
                        .link
                        .as_ref()
                        .map_or(nodes[ix].span.clone(), |l| l.span.clone());
                    let d = self
                        .file
                        .error(span, format!("`{}` never reaches the thesis", id(ix)))
                        .label("its chain of links ends in a cycle")
                        .help(
                            "link it, or a node it hangs from, to a node that leads to the thesis",
                        )
                        .done();
                    self.diags.push(d);
                }
                state[ix] = outcome;
            }
        }
    }

    fn citations(&mut self, node: &RawNode, paragraphs: &[Paragraph]) -> Vec<Citation> {
        let mut out = Vec::with_capacity(node.cite.len());
        for c in &node.cite {
            let Some(range) =
                self.paragraph_range(c.span.clone(), c.first, c.last, paragraphs.len())
            else {
                continue;
            };
            let quote = match &c.quote {
                None => None,
                Some(q) => {
                    let text = sanitize::clean(&q.value);
                    let found = range.clone().find_map(|n| {
                        let para = &paragraphs[n - 1].text;
                        para.find(&text)
                            .filter(|_| !text.is_empty())
                            .map(|at| Quote {
                                text: text.clone(),
                                paragraph: n,
                                range: at..at + text.len(),
                            })
                    });
                    if found.is_none() {
                        self.quote_not_found(q, &text, range.clone(), paragraphs);
                    }
                    found
                }
            };
            out.push(Citation {
                first: *range.start(),
                last: *range.end(),
                quote,
            });
        }
        out
    }

    fn quote_not_found(
        &mut self,
        q: &At<String>,
        text: &str,
        range: std::ops::RangeInclusive<usize>,
        paragraphs: &[Paragraph],
    ) {
        let cited = if range.start() == range.end() {
            format!("paragraph {}", range.start())
        } else {
            format!("paragraphs {}-{}", range.start(), range.end())
        };
        if text.is_empty() {
            let d = self
                .file
                .error(q.span.clone(), "the quote is empty")
                .label("nothing to find")
                .help("quote the exact words of the cited paragraph, or remove `quote`")
                .done();
            self.diags.push(d);
            return;
        }
        // Word for word in another paragraph: the number is wrong, not the quote.
        let elsewhere: Vec<usize> = paragraphs
            .iter()
            .filter(|p| !range.contains(&p.number) && p.text.contains(text))
            .map(|p| p.number)
            .collect();
        if let Some(&n) = elsewhere.first() {
            let d = self
                .file
                .error(
                    q.span.clone(),
                    format!("this quote is not in {cited}, but it is in ¶{n}"),
                )
                .label(format!("found word for word in paragraph {n}"))
                .help(format!(
                    "cite paragraph {n} for this quote (`para = {n}`), or quote words of {cited}"
                ))
                .done();
            self.diags.push(d);
            return;
        }
        // Across a paragraph break: each part is in one paragraph, the whole in none.
        let words: Vec<&str> = text.split_whitespace().collect();
        let split = (1..words.len()).find_map(|k| {
            let (head, tail) = (words[..k].join(" "), words[k..].join(" "));
            paragraphs.windows(2).find_map(|w| {
                (w[0].text.ends_with(&head) && w[1].text.starts_with(&tail))
                    .then(|| (w[0].number, head.clone(), tail.clone()))
            })
        });
        if let Some((n, head, tail)) = split {
            let d = self
                .file
                .error(q.span.clone(), format!("this quote runs across paragraphs {n} and {}", n + 1))
                .label("a quote stays within one paragraph")
                .help(format!("split it in two citations: {{ para = {n}, quote = \"{head}\" }}, {{ para = {}, quote = \"{tail}\" }}", n + 1))
                .done();
            self.diags.push(d);
            return;
        }
        let best = range
            .clone()
            .map(|n| (n, closest_passage(&paragraphs[n - 1].text, text)))
            .min_by_key(|(_, (_, cost))| *cost);
        // A passage is worth showing only when it is close: within a quarter of the quote's
        // length in edits. Otherwise it is noise ("found c").
        let limit = text.chars().count() / 4;
        let note = match best {
            Some((n, (passage, cost))) if !passage.is_empty() && cost <= limit.max(1) => {
                format!(
                    "the closest passage of paragraph {n} is: \"{}\"",
                    whole_words(&paragraphs[n - 1].text, &passage)
                )
            }
            _ => format!(
                "{cited} has nothing close to it: check the paragraph number (`argwalk paragraphs` lists them)"
            ),
        };
        let d = self
            .file
            .error(q.span.clone(), format!("this quote is not in {cited}"))
            .label("not found word for word")
            .note(note)
            .help("a quote must match the article exactly (spacing aside): copy it from the text, mind curly quotes and dashes")
            .done();
        self.diags.push(d);
    }

    fn warnings(
        &mut self,
        written: &[Written],
        source: Option<std::ops::Range<usize>>,
        map: &ArgumentMap,
    ) {
        for (ix, (node, w)) in map.nodes.iter().zip(written).enumerate() {
            let span = wide(w.at.clone());
            // Each critical question of this node's scheme that nothing in the map answers.
            if let Some(s) = w.scheme.clone().map(wide) {
                let open = map.open_questions(ix);
                if let Some(scheme) = map.scheme_of(ix)
                    && !open.is_empty()
                {
                    let questions: Vec<String> = open
                        .iter()
                        .map(|q| format!("`{}` ({})", q.key, q.text))
                        .collect();
                    let d = self
                        .file
                        .warning(
                            s.clone(),
                            format!(
                                "{} critical question{} of this {} {} answered by nothing in the map: {}",
                                open.len(),
                                if open.len() == 1 { "" } else { "s" },
                                scheme.name,
                                if open.len() == 1 { "is" } else { "are" },
                                questions.join("; ")
                            ),
                        )
                        .label("open critical questions")
                        .help(format!("a node bearing on `{}` may say what it answers (answers = [\"{}\"]); a reader will see the others open", node.id, open[0].key))
                        .done();
                    self.diags.push(d);
                }
            }
            if node.raised && !node.conceded && map.supporters_and_attackers(ix).1.is_empty() {
                let d = self
                    .file
                    .warning(span.clone(), format!("the author raises `{}` but nothing answers it", node.id))
                    .label("raised, unanswered")
                    .help(format!("add the author's reply: a [[counterpoint]] with attacks = \"{}\", or `conceded = true` if the author grants it", node.id))
                    .done();
                self.diags.push(d);
            }
            if node.citations.is_empty() && !node.implicit {
                let d = self
                    .file
                    .warning(span.clone(), format!("`{}` cites no paragraph", node.id))
                    .label("no citation")
                    .help("add `cite = [n]` naming where the article says this, or `implicit = true` if it never does")
                    .done();
                self.diags.push(d);
            }
            for c in node
                .citations
                .iter()
                .filter(|c| c.paragraphs().any(|n| map.source.paragraphs[n - 1].outside))
            {
                let rc = w.cites.iter().find(|r| r.0 as usize == c.first);
                let d = self
                    .file
                    .warning(
                        rc.map_or(span.clone(), |r| r.1.clone()),
                        format!(
                            "`{}` cites a paragraph marked outside the argument",
                            node.id
                        ),
                    )
                    .label("listed in source.outside")
                    .help("cite a paragraph of the argument, or take this one out of `outside`")
                    .done();
                self.diags.push(d);
            }
        }
        let source_span = source.map_or(0..0, |s| format::span_of_header(&self.file.text, s));
        let uncited: Vec<String> = map
            .source
            .paragraphs
            .iter()
            .filter(|p| !p.outside && map.citers(p.number).is_empty())
            .map(|p| p.number.to_string())
            .collect();
        if !uncited.is_empty() {
            let d = self
                .file
                .warning(source_span, format!("no node cites paragraph {}", uncited.join(", ")))
                .label("uncited paragraphs of the argument")
                .help("cite them, or list them in `outside = [...]` if they are not part of the argument (captions, disclaimers)")
                .done();
            self.diags.push(d);
        }
    }
}

/// Splits an article into paragraphs at blank lines, each cleaned for display.
pub fn split_paragraphs(text: &str) -> Vec<String> {
    split_paragraphs_with_lines(text)
        .into_iter()
        .map(|(_, p)| p)
        .collect()
}

/// [`split_paragraphs`], each paragraph with the 1-based line it starts on.
pub fn split_paragraphs_with_lines(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push((start, sanitize::clean(&current)));
                current.clear();
            }
        } else {
            if current.is_empty() {
                start = i + 1;
            }
            current.push_str(line);
            current.push('\n');
        }
    }
    if !current.is_empty() {
        out.push((start, sanitize::clean(&current)));
    }
    out.retain(|(_, p)| !p.is_empty());
    out
}

/// The passage of `paragraph` closest to `quote` by edit distance (approximate substring
/// matching), with its cost. Bounded work: very long inputs fall back to a coarser search.
/// `passage` (a slice of `paragraph`'s text, as [`closest_passage`] finds it) widened to whole
/// words, so a near miss reads as words of the article and not as fragments.
fn whole_words(paragraph: &str, passage: &str) -> String {
    let Some(at) = paragraph.find(passage) else {
        return passage.to_string();
    };
    let mut start = at;
    while start > 0 && !paragraph[..start].ends_with(char::is_whitespace) {
        start = paragraph[..start]
            .char_indices()
            .last()
            .map_or(0, |(i, _)| i);
    }
    let mut end = at + passage.len();
    while end < paragraph.len() && !paragraph[end..].starts_with(char::is_whitespace) {
        end += paragraph[end..].chars().next().map_or(1, char::len_utf8);
    }
    paragraph[start..end].trim().to_string()
}

pub fn closest_passage(paragraph: &str, quote: &str) -> (String, usize) {
    let p: Vec<char> = paragraph.chars().collect();
    let q: Vec<char> = quote.chars().collect();
    if p.is_empty() || q.is_empty() {
        return (String::new(), q.len());
    }
    if p.len().saturating_mul(q.len()) > 4_000_000 {
        // Too large to align; show the paragraph's opening instead of spending seconds.
        let shown: String = p.iter().take(q.len().min(200)).collect();
        return (shown, q.len());
    }
    // prev[j]: cost of aligning q[..i] ending at p[..j]; start[j]: where that alignment begins.
    let mut prev: Vec<usize> = vec![0; p.len() + 1];
    let mut start: Vec<usize> = (0..=p.len()).collect();
    for (i, &qc) in q.iter().enumerate() {
        let mut cur = vec![i + 1; p.len() + 1];
        let mut cur_start = vec![0; p.len() + 1];
        cur_start[0] = 0;
        for j in 1..=p.len() {
            let sub = prev[j - 1] + usize::from(!chars_match(p[j - 1], qc));
            let del = prev[j] + 1;
            let ins = cur[j - 1] + 1;
            (cur[j], cur_start[j]) = if sub <= del && sub <= ins {
                (sub, start[j - 1])
            } else if del <= ins {
                (del, start[j])
            } else {
                (ins, cur_start[j - 1])
            };
        }
        prev = cur;
        start = cur_start;
    }
    let (end, cost) = prev
        .iter()
        .enumerate()
        .skip(1)
        .min_by_key(|&(_, c)| *c)
        .map_or((p.len(), q.len()), |(j, &c)| (j, c));
    let from = start[end].min(end);
    (p[from..end].iter().collect(), cost)
}

fn chars_match(a: char, b: char) -> bool {
    a == b || a.to_lowercase().eq(b.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_at_blank_lines() {
        let text = "One\nstill one\n\n\n  \nTwo\r\n\r\nThree";
        assert_eq!(split_paragraphs(text), ["One still one", "Two", "Three"]);
    }

    #[test]
    fn closest_passage_finds_the_near_miss() {
        let para = "Iran's decision to maintain a significant number of fighters on the ground";
        let (passage, cost) = closest_passage(para, "Irans decision to maintain a big number");
        assert!(passage.starts_with("Iran"), "{passage}");
        assert!(cost > 0 && cost < 12, "{cost}");
    }
}
