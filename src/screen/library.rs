//! The library in the full screen: its maps listed to pick one, searched by words, and for a
//! teacher the class list. Events in (actions), the map to open out; the maps' summaries are
//! read before a frame is drawn ([`Picker::read_visible`]), never while drawing.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::screen::class_list::{ClassList, Notify};
use crate::screen::keymap::{Action, Scope, key_name};
use crate::screen::scrollable::{Scrollable, row_line};
use crate::screen::theme::Theme;
use crate::team::library::{Entry, Library};

/// The picker's state.
pub struct Picker {
    pub library: Library,
    /// The entries listed: all, or those a search finds (indices into `library.entries`).
    shown: Vec<usize>,
    list: Scrollable,
    pub message: Option<String>,
    /// The words searched for, and whether they are still being typed.
    query: Option<String>,
    typing: bool,
    /// The class list, for a teacher; shown or not.
    class: Option<ClassList>,
    class_shown: bool,
    /// Wakes the driver when the class list has scored a row.
    notify: Option<Notify>,
    /// What the entry [`Picker::update`] returned is opened for.
    pub intent: crate::session::Intent,
}

impl Picker {
    /// A list of `library`'s maps, the first selected.
    pub fn new(library: Library) -> Self {
        let class = library
            .class
            .clone()
            .map(|dir| ClassList::new(dir, library.root.clone()));
        Self {
            shown: (0..library.entries.len()).collect(),
            library,
            list: Scrollable::default(),
            message: None,
            query: None,
            typing: false,
            class,
            class_shown: false,
            notify: None,
            intent: crate::session::Intent::Read,
        }
    }

    /// Calls `notify` (from the scoring thread) each time the class list has scored a row.
    pub fn on_scored(&mut self, notify: Notify) {
        self.notify = Some(notify);
    }

    /// The rows the list shows at a terminal `height` high.
    pub fn rows(height: u16) -> usize {
        usize::from(height.saturating_sub(2)).max(1)
    }

    /// Whether the class list is what is shown.
    pub fn showing_class(&self) -> bool {
        self.class_shown
    }

    /// The class list, if this is a teacher's library.
    pub fn class(&mut self) -> Option<&mut ClassList> {
        self.class.as_mut()
    }

    /// The entries listed (indices into `library.entries`): all, or those a search finds.
    pub fn shown(&self) -> &[usize] {
        &self.shown
    }

    /// The row selected, in [`Picker::shown`].
    pub fn selected(&self) -> usize {
        self.list.selected
    }

    /// The entry on the selected row.
    pub fn selected_entry(&self) -> Option<&Entry> {
        self.shown
            .get(self.list.selected)
            .map(|&i| &self.library.entries[i])
    }

    /// Reads the summaries of the rows in view, and takes the class list's newly scored rows:
    /// what the next frame draws, read before it.
    pub fn read_visible(&mut self, rows: usize) {
        let end = (self.list.top + rows).min(self.shown.len());
        let which: Vec<usize> = self.shown[self.list.top.min(end)..end].to_vec();
        self.library.summarize(which);
        if let Some(c) = &mut self.class {
            c.take_scored();
        }
    }

    /// Shows the class list, scored afresh (each member's maps against their references, on
    /// a thread), or goes back to the library's maps.
    fn toggle_class(&mut self) {
        let notify = self.notify.clone();
        match &mut self.class {
            None => {
                self.message =
                    Some("No class list: it is the teacher's (--class DIR --teacher)".into());
            }
            Some(c) if self.class_shown => {
                c.stop();
                self.class_shown = false;
            }
            Some(c) => {
                c.score(notify);
                self.class_shown = true;
                self.message = crate::team::class::misnamed_line(&c.dir);
            }
        }
    }

    /// Lists the maps with every word of `query`.
    fn search(&mut self, query: &str) {
        self.shown = self.library.matching(query);
        self.list.reset();
    }

    /// Selects the library's map whose fingerprint is `fingerprint` (a followed presenter's),
    /// whatever a search had narrowed the list to; the path to open.
    pub fn find(&mut self, fingerprint: &str) -> Option<PathBuf> {
        let at = self.library.position_of(fingerprint)?;
        self.query = None;
        self.typing = false;
        self.shown = (0..self.library.entries.len()).collect();
        self.list = Scrollable {
            selected: at,
            top: at,
        };
        Some(self.library.entries[at].path.clone())
    }

    /// Applies a key's action; returns the map to open, if one was chosen.
    pub fn update(&mut self, action: Action, rows: usize) -> Option<PathBuf> {
        self.message = None;
        self.intent = crate::session::Intent::Read;
        if action == Action::ClassList {
            self.toggle_class();
            return None;
        }
        if self.class_shown
            && let Some(c) = &mut self.class
        {
            return c.update(action, rows);
        }
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
            Action::OverlayChoose => return self.selected_entry().map(|e| e.path.clone()),
            Action::FlowRound => {
                let path = self.selected_entry().map(|e| e.path.clone());
                match path {
                    Some(p) if crate::team::library::is_debate(&p) => {
                        self.intent = crate::session::Intent::Flow;
                        return Some(p);
                    }
                    _ => self.message = Some("Only a motion or a flow has rounds to flow".into()),
                }
            }
            _ => {
                self.list.step(action, self.shown.len(), rows);
            }
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
        if self.class_shown
            && let Some(c) = &self.class
        {
            c.render(frame, theme);
            self.render_message(frame);
            return;
        }
        let area = frame.area();
        let entries = &self.library.entries;
        let debates = entries
            .iter()
            .filter(|e| crate::team::library::is_debate(&e.path))
            .count();
        let files = if debates == 0 {
            format!("{} maps", entries.len())
        } else {
            format!("{} maps, {debates} of the debate", entries.len() - debates)
        };
        let count = match &self.query {
            Some(q) if !q.trim().is_empty() => format!(
                "{} of {files} with \"{}\"",
                self.shown.len(),
                crate::map::sanitize::clean(q.trim())
            ),
            _ => files,
        };
        let class = if self.class.is_some() {
            format!(", {}: class", key_name(Scope::Library, Action::ClassList))
        } else {
            String::new()
        };
        let block = Block::bordered()
            .border_set(theme.border())
            .border_style(theme.border_style(true))
            .title(format!(
                " Library: {count} ({}: open, {}: search{class}, {}: quit) ",
                key_name(Scope::Library, Action::OverlayChoose),
                key_name(Scope::Library, Action::StartSearch),
                key_name(Scope::Library, Action::Quit)
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = usize::from(inner.width);
        let mut lines = Vec::new();
        if entries.is_empty() {
            lines.push(Line::from("No map (*.toml) in this folder."));
        } else if self.shown.is_empty() {
            lines.push(Line::from(format!(
                "No map has these words. {}: back to every map.",
                key_name(Scope::Search, Action::SearchCancel)
            )));
        }
        for (row, &i) in self
            .shown
            .iter()
            .enumerate()
            .skip(self.list.top)
            .take(usize::from(inner.height))
        {
            let e = &entries[i];
            let text = format!("{}  {}", e.name, e.summary.as_deref().unwrap_or(""));
            lines.push(row_line(&text, width, row == self.list.selected, theme));
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

    /// Where the terminal's cursor goes: the end of the prompt while typing, else the selected
    /// row.
    pub fn focus(&self) -> Option<ratatui::layout::Position> {
        if self.class_shown {
            return self.class.as_ref()?.focus();
        }
        if self.typing {
            return None;
        }
        let y = self.list.line()?;
        Some(ratatui::layout::Position::new(1, 1 + y))
    }
}
