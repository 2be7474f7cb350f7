//! A library: the maps in one folder, as a debate team's shared server offers them, with what
//! a list shows of each (title, author, date, nodes and the reader's progress), read only for
//! the maps a list asks about, so a folder of a thousand maps opens as fast as one of ten. In
//! a class (`--class`), a member's own maps come first, and the teacher has the class's folder.
//! The full screen's list is `screen::library`; the line mode's is `lines`.

use std::path::{Path, PathBuf};

use crate::study::Store;

/// What a list shows of one map, read when it is first asked about.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    /// The file name, sanitized: a name made of escape sequences must not reach the terminal.
    pub name: String,
    pub summary: Option<String>,
    /// The folder the map and its article are read from within: the library, or a member's
    /// own folder in a class.
    pub confine: PathBuf,
}

/// The maps of a library, and what has been read of them.
pub struct Library {
    pub root: PathBuf,
    pub entries: Vec<Entry>,
    /// Where each member's layer is kept, for the progress column.
    state: Option<PathBuf>,
    /// Each map's text (the map and its article) as written and lower-cased, read at the
    /// first search.
    texts: Vec<Option<(String, String)>>,
    /// The class folder (one folder per member), for a teacher.
    pub class: Option<PathBuf>,
}

impl Library {
    /// The maps (`*.toml`) in `root`, by name; `state` is the reader's state folder.
    pub fn open(root: &Path, state: Option<PathBuf>) -> std::io::Result<Self> {
        let entry = |path: PathBuf| Entry {
            name: file_name(&path),
            path,
            summary: None,
            confine: root.to_path_buf(),
        };
        let mut entries: Vec<Entry> = maps_in(root)?.into_iter().map(entry).collect();
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        // The motions and the flows of rounds on them, after the maps they draw on.
        let mut debates: Vec<Entry> = super::folder::debates_in(root)?
            .into_iter()
            .map(entry)
            .collect();
        debates.sort_by(|a, b| a.name.cmp(&b.name));
        entries.extend(debates);
        Ok(Self {
            root: root.to_path_buf(),
            texts: vec![None; entries.len()],
            entries,
            state,
            class: None,
        })
    }

    /// Lists a member's own maps (those in `folder`, their folder in the class) first, as
    /// `yours/NAME.toml`, each read from within that folder.
    pub fn with_own(mut self, folder: &Path) -> Self {
        let own: Vec<Entry> = maps_in(folder)
            .unwrap_or_default()
            .into_iter()
            .map(|path| Entry {
                name: format!("yours/{}", file_name(&path)),
                path,
                summary: None,
                confine: folder.to_path_buf(),
            })
            .collect();
        let n = own.len();
        self.entries.splice(0..0, own);
        self.texts.splice(0..0, std::iter::repeat_n(None, n));
        self
    }

    /// Gives the teacher the class of `dir`.
    pub fn with_class(mut self, dir: &Path) -> Self {
        self.class = Some(dir.to_path_buf());
        self
    }

    /// Reads the text of every map not read yet, on as many threads as there are cores: the
    /// first search of a thousand maps reads a thousand maps and their articles.
    fn read_texts(&mut self) {
        let missing: Vec<usize> = (0..self.entries.len())
            .filter(|&i| self.texts[i].is_none())
            .collect();
        if missing.is_empty() {
            return;
        }
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        let chunk = missing.len().div_ceil(threads).max(1);
        let entries = &self.entries;
        let read: Vec<(usize, (String, String))> = std::thread::scope(|scope| {
            let handles: Vec<_> = missing
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|&i| {
                                let text = haystack(&entries[i].path, &entries[i].confine);
                                // ASCII text (most) is lower-cased byte by byte, fast.
                                let lower = if text.is_ascii() {
                                    text.to_ascii_lowercase()
                                } else {
                                    text.to_lowercase()
                                };
                                (i, (text, lower))
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        });
        for (i, texts) in read {
            self.texts[i] = Some(texts);
        }
    }

    /// The maps (indices into `entries`) whose text holds every word of `query` (any case; a
    /// word with a capital letter matches that case only, as the reader's search does); all
    /// maps for no words. Each map's text (the map file, and the article it names beside it)
    /// is read once, at the first search, and kept.
    pub fn matching(&mut self, query: &str) -> Vec<usize> {
        let words: Vec<&str> = query.split_whitespace().collect();
        if words.is_empty() {
            return (0..self.entries.len()).collect();
        }
        self.read_texts();
        (0..self.entries.len())
            .filter(|&i| {
                let Some((text, lower)) = &self.texts[i] else {
                    return false;
                };
                words.iter().all(|w| {
                    if crate::map::search::is_case_sensitive(w) {
                        text.contains(*w)
                    } else {
                        lower.contains(&w.to_lowercase())
                    }
                })
            })
            .collect()
    }

    /// The entry of the map whose fingerprint is `fingerprint`
    /// ([`crate::map::model::ArgumentMap::fingerprint`]): each map is read until it is found
    /// (once, when a followed presenter moves to another map).
    pub fn position_of(&self, fingerprint: &str) -> Option<usize> {
        self.entries.iter().position(|e| {
            crate::map::loader::load_path_within(&e.path, &e.confine)
                .ok()
                .and_then(|l| l.map)
                .is_some_and(|m| m.fingerprint() == fingerprint)
        })
    }

    /// Reads the summaries of the entries `which` that are not read yet.
    pub fn summarize(&mut self, which: impl IntoIterator<Item = usize>) {
        for i in which {
            let Some(e) = self.entries.get(i).filter(|e| e.summary.is_none()) else {
                continue;
            };
            let summary = summarize(&e.path, &e.confine, self.state.as_deref());
            self.entries[i].summary = Some(summary);
        }
    }

    /// Forgets what was read of the map at `path` (the reader's progress changed while it was
    /// open): read again when next asked about.
    pub fn forget(&mut self, path: &Path) {
        for e in &mut self.entries {
            if e.path == path {
                e.summary = None;
            }
        }
    }
}

pub use super::folder::{file_name, is_debate, maps_in};

/// A map's text to search: the map file and the article it names beside it (`text_file`),
/// as they are on disk (no parse: a thousand maps are searched at the first key).
fn haystack(map: &Path, root: &Path) -> String {
    let Ok(text) = std::fs::read_to_string(map) else {
        return String::new();
    };
    let article = text.lines().find_map(|l| {
        let rest = l.trim_start().strip_prefix("text_file")?.trim_start();
        let value = rest.strip_prefix('=')?.trim();
        toml::from_str::<toml::Value>(&format!("v = {value}"))
            .ok()?
            .get("v")?
            .as_str()
            .map(str::to_string)
    });
    let mut all = text;
    if let Some(name) = article {
        let path = map.parent().unwrap_or(root).join(name);
        // Only an article within the library is read (a restricted member's library).
        let inside = std::fs::canonicalize(&path)
            .ok()
            .zip(std::fs::canonicalize(root).ok())
            .is_some_and(|(p, r)| p.starts_with(r));
        if inside && let Ok(a) = std::fs::read_to_string(&path) {
            all.push('\n');
            all.push_str(&a);
        }
    }
    all
}

/// "Title · author · date · 37 nodes · 12/37 understood", or why the map cannot be read.
fn summarize(path: &Path, root: &Path, state: Option<&Path>) -> String {
    if super::folder::is_debate(path) {
        return crate::debate::summary(path, root);
    }
    let loaded = match crate::map::loader::load_path_within(path, root) {
        Ok(l) => l,
        Err(e) => return crate::map::sanitize::clean(&format!("(cannot be read: {e:#})")),
    };
    let Some(map) = loaded.map else {
        return format!(
            "(has {} errors: argwalk check shows them)",
            loaded.report.errors()
        );
    };
    let s = &map.source;
    let mut parts = vec![s.title.clone()];
    parts.extend(s.author.clone());
    parts.extend(s.date.clone());
    parts.push(format!("{} nodes", map.nodes.len()));
    if let Some(dir) = state {
        let (layer, _) = Store::locate(dir, Some(path), &map.fingerprint(), false)
            .store
            .peek();
        let (done, all) = layer.progress(&map);
        if done > 0 {
            parts.push(format!("{done}/{all} understood"));
        }
    }
    parts.join(" · ")
}
