//! A library: the maps in one folder, listed to pick one (`--library DIR`), as a debate team's
//! shared server offers them. Only the rows on screen are read (title, author, date, nodes and
//! the reader's progress), so a folder of a thousand maps opens as fast as one of ten.

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::keymap::{Action, Scope};
use crate::study::Store;
use crate::theme::Theme;
use crate::wrap;

/// What a row shows of one map, read when it first comes into view.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    /// The file name, sanitized: a name made of escape sequences must not reach the terminal.
    pub name: String,
    pub summary: Option<String>,
}

/// The picker's state.
pub struct Library {
    pub root: PathBuf,
    pub entries: Vec<Entry>,
    pub selected: usize,
    pub top: usize,
    /// Where each member's layer is kept, for the progress column.
    state: Option<PathBuf>,
    pub message: Option<String>,
}

impl Library {
    /// The maps (`*.toml`) in `root`, by name; `state` is the reader's state folder.
    pub fn open(root: &Path, state: Option<PathBuf>) -> std::io::Result<Self> {
        let mut entries: Vec<Entry> = std::fs::read_dir(root)?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .map(|path| Entry {
                name: crate::sanitize::clean(
                    &path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                ),
                path,
                summary: None,
            })
            .collect();
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(Self {
            root: root.to_path_buf(),
            entries,
            selected: 0,
            top: 0,
            state,
            message: None,
        })
    }

    /// The map whose fingerprint is `fingerprint` ([`crate::model::ArgumentMap::fingerprint`]),
    /// selected in the list: each map is read until it is found (once, when a followed
    /// presenter moves to another map).
    pub fn find(&mut self, fingerprint: &str) -> Option<PathBuf> {
        let at = self.entries.iter().position(|e| {
            crate::loader::load_path_within(&e.path, &self.root)
                .ok()
                .and_then(|l| l.map)
                .is_some_and(|m| m.fingerprint() == fingerprint)
        })?;
        self.selected = at;
        self.top = at;
        Some(self.entries[at].path.clone())
    }

    /// Reads the summaries of the rows `top..top + rows` that are not read yet.
    pub fn read_visible(&mut self, rows: usize) {
        let end = (self.top + rows).min(self.entries.len());
        for i in self.top..end {
            if self.entries[i].summary.is_some() {
                continue;
            }
            let summary = summarize(&self.entries[i].path, &self.root, self.state.as_deref());
            self.entries[i].summary = Some(summary);
        }
    }

    /// Applies a key's action; returns the map to open, if one was chosen.
    pub fn update(&mut self, action: Action, rows: usize) -> Option<PathBuf> {
        self.message = None;
        let last = self.entries.len().saturating_sub(1);
        match action {
            Action::MoveDown => self.selected = (self.selected + 1).min(last),
            Action::MoveUp => self.selected = self.selected.saturating_sub(1),
            Action::PageDown => self.selected = (self.selected + rows.max(1)).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(rows.max(1)),
            Action::First => self.selected = 0,
            Action::Last => self.selected = last,
            Action::OverlayChoose => {
                return self.entries.get(self.selected).map(|e| e.path.clone());
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

    /// The scopes of the picker's keys.
    pub fn scopes() -> [Scope; 1] {
        [Scope::Library]
    }

    /// Draws the list.
    pub fn render(&self, frame: &mut Frame, theme: &Theme) {
        let area = frame.area();
        let block = Block::bordered()
            .border_set(theme.border())
            .border_style(theme.border_style(true))
            .title(format!(
                " Library: {} maps ({}: open, {}: quit) ",
                self.entries.len(),
                crate::keymap::key_name(Scope::Library, Action::OverlayChoose),
                crate::keymap::key_name(Scope::Library, Action::Quit)
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = usize::from(inner.width);
        let mut lines = Vec::new();
        if self.entries.is_empty() {
            lines.push(Line::from("No map (*.toml) in this folder."));
        }
        for (i, e) in self
            .entries
            .iter()
            .enumerate()
            .skip(self.top)
            .take(usize::from(inner.height))
        {
            let text = format!("{}  {}", e.name, e.summary.as_deref().unwrap_or(""));
            let text = wrap::truncate(&text, width, theme.glyphs().ellipsis);
            let pad = width.saturating_sub(wrap::width(&text));
            let style = if i == self.selected {
                theme.selected()
            } else {
                Style::new()
            };
            lines.push(Line::from(vec![
                Span::styled(text, style),
                Span::styled(" ".repeat(pad), style),
            ]));
        }
        frame.render_widget(Paragraph::new(lines), inner);
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

    /// Where the terminal's cursor goes: the selected row.
    pub fn focus(&self) -> Option<ratatui::layout::Position> {
        let y = u16::try_from(self.selected.checked_sub(self.top)?).ok()?;
        Some(ratatui::layout::Position::new(1, 1 + y))
    }
}

/// "Title · author · date · 37 nodes · 12/37 understood", or why the map cannot be read.
fn summarize(path: &Path, root: &Path, state: Option<&Path>) -> String {
    let loaded = match crate::loader::load_path_within(path, root) {
        Ok(l) => l,
        Err(e) => return crate::sanitize::clean(&format!("(cannot be read: {e:#})")),
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
