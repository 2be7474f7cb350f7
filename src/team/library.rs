//! A library: the maps in one folder, listed to pick one (`--library DIR`), as a debate team's
//! shared server offers them. Only the rows on screen are read (title, author, date, nodes and
//! the reader's progress), so a folder of a thousand maps opens as fast as one of ten. In a
//! class (`--class`), a member's own maps are listed first, and the teacher has the class list.

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::screen::keymap::{Action, Scope};
use crate::screen::theme::Theme;
use crate::screen::wrap;
use crate::study::Store;

/// What a row shows of one map, read when it first comes into view.
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

/// The teacher's class list (`--class DIR --teacher`), read each time it is shown.
pub struct ClassView {
    /// The class folder: one folder per member.
    pub dir: PathBuf,
    pub rows: Vec<crate::team::class::Row>,
    pub selected: usize,
    pub top: usize,
    /// Whether the list is shown (else the library's maps are).
    pub shown: bool,
}

/// The picker's state.
pub struct Library {
    pub root: PathBuf,
    pub entries: Vec<Entry>,
    /// The entries listed: all, or those a search finds (indices into `entries`).
    pub shown: Vec<usize>,
    /// The row selected, in `shown`.
    pub selected: usize,
    pub top: usize,
    /// Where each member's layer is kept, for the progress column.
    state: Option<PathBuf>,
    pub message: Option<String>,
    /// The words searched for, and whether they are still being typed.
    pub query: Option<String>,
    pub typing: bool,
    /// Each map's text (the map and its article) as written and lower-cased, read at the
    /// first search.
    texts: Vec<Option<(String, String)>>,
    /// The class list, for a teacher.
    pub class: Option<ClassView>,
}

impl Library {
    /// The maps (`*.toml`) in `root`, by name; `state` is the reader's state folder.
    pub fn open(root: &Path, state: Option<PathBuf>) -> std::io::Result<Self> {
        let mut entries: Vec<Entry> = maps_in(root)?
            .into_iter()
            .map(|path| Entry {
                name: file_name(&path),
                path,
                summary: None,
                confine: root.to_path_buf(),
            })
            .collect();
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(Self {
            root: root.to_path_buf(),
            shown: (0..entries.len()).collect(),
            texts: vec![None; entries.len()],
            entries,
            selected: 0,
            top: 0,
            state,
            message: None,
            query: None,
            typing: false,
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
        self.shown = (0..self.entries.len()).collect();
        self
    }

    /// Gives the teacher the class list of `dir` (`c` shows it).
    pub fn with_class(mut self, dir: &Path) -> Self {
        self.class = Some(ClassView {
            dir: dir.to_path_buf(),
            rows: Vec::new(),
            selected: 0,
            top: 0,
            shown: false,
        });
        self
    }

    /// Shows the class list, read afresh (each member's maps against their references), or
    /// goes back to the library's maps.
    pub fn toggle_class(&mut self) {
        let root = self.root.clone();
        match &mut self.class {
            None => {
                self.message =
                    Some("No class list: it is the teacher's (--class DIR --teacher)".into());
            }
            Some(c) if c.shown => c.shown = false,
            Some(c) => {
                c.rows = crate::team::class::list(&root, &c.dir);
                c.selected = c.selected.min(c.rows.len().saturating_sub(1));
                c.shown = true;
                self.message = crate::team::class::misnamed_line(&c.dir);
            }
        }
    }

    /// Whether the class list is what is shown.
    pub fn showing_class(&self) -> bool {
        self.class.as_ref().is_some_and(|c| c.shown)
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

    /// The entry on the selected row.
    pub fn selected_entry(&self) -> Option<&Entry> {
        self.shown.get(self.selected).map(|&i| &self.entries[i])
    }

    /// Lists the maps whose text holds every word of `query` (any case; a word with a capital
    /// letter matches that case only, as the reader's search does); all maps for no words.
    /// Each map's text (the map file, and the article it names beside it) is read once, at the
    /// first search, and kept.
    pub fn search(&mut self, query: &str) {
        let words: Vec<&str> = query.split_whitespace().collect();
        if words.is_empty() {
            self.shown = (0..self.entries.len()).collect();
        } else {
            self.read_texts();
            self.shown = (0..self.entries.len())
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
                .collect();
        }
        self.selected = 0;
        self.top = 0;
    }

    /// The map whose fingerprint is `fingerprint` ([`crate::map::model::ArgumentMap::fingerprint`]),
    /// selected in the list: each map is read until it is found (once, when a followed
    /// presenter moves to another map).
    pub fn find(&mut self, fingerprint: &str) -> Option<PathBuf> {
        let at = self.entries.iter().position(|e| {
            crate::map::loader::load_path_within(&e.path, &e.confine)
                .ok()
                .and_then(|l| l.map)
                .is_some_and(|m| m.fingerprint() == fingerprint)
        })?;
        // Listed whatever a search had narrowed the list to.
        self.query = None;
        self.typing = false;
        self.shown = (0..self.entries.len()).collect();
        self.selected = at;
        self.top = at;
        Some(self.entries[at].path.clone())
    }

    /// Reads the summaries of the rows `top..top + rows` that are not read yet.
    pub fn read_visible(&mut self, rows: usize) {
        let end = (self.top + rows).min(self.shown.len());
        for row in self.top..end {
            let i = self.shown[row];
            if self.entries[i].summary.is_some() {
                continue;
            }
            let e = &self.entries[i];
            let summary = summarize(&e.path, &e.confine, self.state.as_deref());
            self.entries[i].summary = Some(summary);
        }
    }

    /// Applies a key's action; returns the map to open, if one was chosen.
    pub fn update(&mut self, action: Action, rows: usize) -> Option<PathBuf> {
        self.message = None;
        if action == Action::ClassList {
            self.toggle_class();
            return None;
        }
        if let Some(c) = self.class.as_mut().filter(|c| c.shown) {
            return c.update(action, rows);
        }
        let last = self.shown.len().saturating_sub(1);
        match action {
            Action::StartSearch => {
                self.typing = true;
                self.query.get_or_insert_with(String::new);
            }
            Action::SearchInput(c) => {
                let mut q = self.query.take().unwrap_or_default();
                q.push(c);
                self.search(&q);
                self.query = Some(q);
            }
            Action::SearchBackspace => {
                let mut q = self.query.take().unwrap_or_default();
                q.pop();
                self.search(&q);
                self.query = Some(q);
            }
            Action::SearchConfirm => self.typing = false,
            Action::SearchCancel => {
                self.typing = false;
                self.query = None;
                self.search("");
            }
            Action::NextMatch => self.selected = (self.selected + 1).min(last),
            Action::PrevMatch => self.selected = self.selected.saturating_sub(1),
            Action::MoveDown => self.selected = (self.selected + 1).min(last),
            Action::MoveUp => self.selected = self.selected.saturating_sub(1),
            Action::PageDown => self.selected = (self.selected + rows.max(1)).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(rows.max(1)),
            Action::First => self.selected = 0,
            Action::Last => self.selected = last,
            Action::OverlayChoose => {
                return self.selected_entry().map(|e| e.path.clone());
            }
            _ => {}
        }
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + rows.max(1) {
            self.top = self.selected + 1 - rows.max(1);
        }
        None
    }

    /// The scopes of the picker's keys: the search prompt's while words are typed.
    pub fn scopes(&self) -> [Scope; 1] {
        if self.typing {
            [Scope::Search]
        } else {
            [Scope::Library]
        }
    }

    /// Draws the list.
    pub fn render(&self, frame: &mut Frame, theme: &Theme) {
        if let Some(c) = self.class.as_ref().filter(|c| c.shown) {
            c.render(frame, theme);
            self.render_message(frame);
            return;
        }
        let area = frame.area();
        let count = match &self.query {
            Some(q) if !q.trim().is_empty() => format!(
                "{} of {} maps with \"{}\"",
                self.shown.len(),
                self.entries.len(),
                crate::map::sanitize::clean(q.trim())
            ),
            _ => format!("{} maps", self.entries.len()),
        };
        let class = if self.class.is_some() {
            format!(
                ", {}: class",
                crate::screen::keymap::key_name(Scope::Library, Action::ClassList)
            )
        } else {
            String::new()
        };
        let block = Block::bordered()
            .border_set(theme.border())
            .border_style(theme.border_style(true))
            .title(format!(
                " Library: {count} ({}: open, {}: search{class}, {}: quit) ",
                crate::screen::keymap::key_name(Scope::Library, Action::OverlayChoose),
                crate::screen::keymap::key_name(Scope::Library, Action::StartSearch),
                crate::screen::keymap::key_name(Scope::Library, Action::Quit)
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = usize::from(inner.width);
        let mut lines = Vec::new();
        if self.entries.is_empty() {
            lines.push(Line::from("No map (*.toml) in this folder."));
        } else if self.shown.is_empty() {
            lines.push(Line::from(format!(
                "No map has these words. {}: back to every map.",
                crate::screen::keymap::key_name(Scope::Search, Action::SearchCancel)
            )));
        }
        for (row, &i) in self
            .shown
            .iter()
            .enumerate()
            .skip(self.top)
            .take(usize::from(inner.height))
        {
            let e = &self.entries[i];
            let text = format!("{}  {}", e.name, e.summary.as_deref().unwrap_or(""));
            lines.push(row_line(&text, width, row == self.selected, theme));
        }
        frame.render_widget(Paragraph::new(lines), inner);
        // The prompt, on the bottom border, while the words are typed.
        if self.typing {
            let y = area.height.saturating_sub(1);
            let q = crate::map::sanitize::clean(self.query.as_deref().unwrap_or(""));
            frame.render_widget(
                Paragraph::new(Span::styled(
                    format!(" /{q} "),
                    Style::new().add_modifier(Modifier::BOLD),
                )),
                Rect::new(1, y, area.width.saturating_sub(2), 1),
            );
        }
        self.render_message(frame);
    }

    /// The message of the last key, on the bottom border.
    fn render_message(&self, frame: &mut Frame) {
        let area = frame.area();
        if let Some(m) = &self.message {
            let y = area.height.saturating_sub(1);
            frame.render_widget(
                Paragraph::new(Span::styled(
                    format!(" {m} "),
                    Style::new().add_modifier(Modifier::BOLD),
                )),
                Rect::new(1, y, area.width.saturating_sub(2), 1),
            );
        }
    }

    /// The rows the list shows at a terminal `height` high.
    pub fn rows(height: u16) -> usize {
        usize::from(height.saturating_sub(2)).max(1)
    }

    /// Where the terminal's cursor goes: the end of the prompt while typing, else the selected
    /// row.
    pub fn focus(&self) -> Option<ratatui::layout::Position> {
        if let Some(c) = self.class.as_ref().filter(|c| c.shown) {
            let y = u16::try_from(c.selected.checked_sub(c.top)?).ok()?;
            return Some(ratatui::layout::Position::new(1, 2 + y));
        }
        if self.typing {
            return None;
        }
        let y = u16::try_from(self.selected.checked_sub(self.top)?).ok()?;
        Some(ratatui::layout::Position::new(1, 1 + y))
    }
}

impl ClassView {
    /// Applies a key's action to the class list; returns the member's map to open.
    fn update(&mut self, action: Action, rows: usize) -> Option<PathBuf> {
        let rows = rows.saturating_sub(1).max(1);
        let last = self.rows.len().saturating_sub(1);
        match action {
            Action::MoveDown | Action::NextMatch => self.selected = (self.selected + 1).min(last),
            Action::MoveUp | Action::PrevMatch => self.selected = self.selected.saturating_sub(1),
            Action::PageDown => self.selected = (self.selected + rows).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(rows),
            Action::First => self.selected = 0,
            Action::Last => self.selected = last,
            Action::OverlayChoose => {
                return self.rows.get(self.selected).and_then(|r| r.map.clone());
            }
            _ => {}
        }
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + rows {
            self.top = self.selected + 1 - rows;
        }
        None
    }

    /// Draws the class list: a heading, then a row per member's map.
    fn render(&self, frame: &mut Frame, theme: &Theme) {
        let area = frame.area();
        let members = {
            let mut m: Vec<&str> = self.rows.iter().map(|r| r.member.as_str()).collect();
            m.dedup();
            m.len()
        };
        let block = Block::bordered()
            .border_set(theme.border())
            .border_style(theme.border_style(true))
            .title(format!(
                " Class: {} ({}: open against its reference, {}: the library, {}: quit) ",
                crate::team::class::count(members, "member"),
                crate::screen::keymap::key_name(Scope::Library, Action::OverlayChoose),
                crate::screen::keymap::key_name(Scope::Library, Action::ClassList),
                crate::screen::keymap::key_name(Scope::Library, Action::Quit)
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = usize::from(inner.width);
        let member_width = self
            .rows
            .iter()
            .map(|r| wrap::width(&r.member))
            .max()
            .unwrap_or(0)
            .max(6);
        let name_width = self
            .rows
            .iter()
            .map(|r| wrap::width(&r.map_name()))
            .max()
            .unwrap_or(0)
            .max(3);
        let pad = |text: &str, w: usize| {
            format!("{text}{}", " ".repeat(w.saturating_sub(wrap::width(text))))
        };
        let mut lines = vec![Line::from(Span::styled(
            wrap::truncate(
                &format!(
                    "{}  {}  score against the library's map of the same article",
                    pad("member", member_width),
                    pad("map", name_width)
                ),
                width,
                theme.glyphs().ellipsis,
            ),
            Style::new().add_modifier(Modifier::BOLD),
        ))];
        if self.rows.is_empty() {
            lines.push(Line::from(
                "No member's folder in the class: one folder per member, named as --user names them.",
            ));
        }
        for (row, r) in self
            .rows
            .iter()
            .enumerate()
            .skip(self.top)
            .take(usize::from(inner.height.saturating_sub(1)))
        {
            let text = format!(
                "{}  {}  {}",
                pad(&r.member, member_width),
                pad(&r.map_name(), name_width),
                r.summary()
            );
            lines.push(row_line(&text, width, row == self.selected, theme));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// A row of a list, cut to `width`; the selected one reversed to the edge. Its parts are
/// joined by the theme's separator (`, ` in ASCII), and in ASCII it is transliterated: a map's
/// title may be in any script.
///
/// Its counts (the trailing parts that are a number and a word: "37 nodes", "12/37
/// understood"; not a date)
/// are kept whole when the row is too wide: the title before them is cut instead.
fn row_line(text: &str, width: usize, selected: bool, theme: &Theme) -> Line<'static> {
    let parts: Vec<&str> = text.split(" · ").collect();
    let counts = parts
        .iter()
        .skip(1)
        .rev()
        .take_while(|p| p.starts_with(|c: char| c.is_ascii_digit()) && p.contains(' '))
        .count();
    let (head, tail) = parts.split_at(parts.len() - counts);
    let dot = theme.glyphs().dot;
    let mut head = head.join(dot);
    let mut tail = if tail.is_empty() {
        String::new()
    } else {
        format!("{dot}{}", tail.join(dot))
    };
    if theme.ascii {
        head = crate::screen::ascii::transliterate(&head);
        tail = crate::screen::ascii::transliterate(&tail);
    }
    let room = width.saturating_sub(wrap::width(&tail));
    let text = if wrap::width(&head) + wrap::width(&tail) <= width || room < 12 {
        wrap::truncate(&format!("{head}{tail}"), width, theme.glyphs().ellipsis)
    } else {
        format!(
            "{}{tail}",
            wrap::truncate(&head, room, theme.glyphs().ellipsis)
        )
    };
    let fill = width.saturating_sub(wrap::width(&text));
    let style = if selected {
        theme.selected()
    } else {
        Style::new()
    };
    Line::from(vec![
        Span::styled(text, style),
        Span::styled(" ".repeat(fill), style),
    ])
}

pub use super::folder::{file_name, maps_in};

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
