//! The one list: a selection kept in view, for every list of both screens (the library, the
//! class list, the flow's lists, and the windows that choose: citers, weak spots, critical
//! questions, differences), as yazi's `Scrollable` serves every list there; and a row as
//! drawn.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::screen::keymap::Action;
use crate::screen::theme::Theme;
use crate::screen::wrap;

/// The selected row and the first row shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scrollable {
    pub selected: usize,
    pub top: usize,
}

impl Scrollable {
    /// Moves the selection by a list key, in a list of `len` items of which `page` make a
    /// page; whether `action` was one. The panes' list keys and a window's are both taken.
    pub fn select(&mut self, action: Action, len: usize, page: usize) -> bool {
        let page = page.max(1);
        let last = len.saturating_sub(1);
        self.selected = match action {
            Action::MoveDown | Action::NextMatch | Action::OverlayDown => {
                (self.selected + 1).min(last)
            }
            Action::MoveUp | Action::PrevMatch | Action::OverlayUp => {
                self.selected.saturating_sub(1).min(last)
            }
            Action::PageDown | Action::OverlayPageDown => (self.selected + page).min(last),
            Action::PageUp | Action::OverlayPageUp => self.selected.saturating_sub(page).min(last),
            Action::First => 0,
            Action::Last => last,
            _ => return false,
        };
        true
    }

    /// [`Scrollable::select`] in a list of one line a row, `rows` of them shown, the
    /// selected row kept in view.
    pub fn step(&mut self, action: Action, len: usize, rows: usize) -> bool {
        if !self.select(action, len, rows) {
            return false;
        }
        self.top = self.top_for(self.selected, self.selected + 1, rows);
        true
    }

    /// Keeps the selection on one of `len` items.
    pub fn fit(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    /// The first line to show, `rows` of them, so that the lines `start..end` (the selected
    /// item) are in view, scrolled no further than needed from where the list is; an item
    /// taller than the view shows from its first line.
    pub fn top_for(&self, start: usize, end: usize, rows: usize) -> usize {
        let rows = rows.max(1);
        if start < self.top {
            start
        } else if end > self.top + rows {
            start.min(end - rows)
        } else {
            self.top
        }
    }

    /// The selected row's line among those shown, if it is shown.
    pub fn line(&self) -> Option<u16> {
        u16::try_from(self.selected.checked_sub(self.top)?).ok()
    }

    /// Back to the first row.
    pub fn reset(&mut self) {
        *self = Self::default();
    }
}

/// A row of a list, cut to `width`; the selected one reversed to the edge. Its parts are
/// joined by the theme's separator (`, ` in ASCII), and in ASCII it is transliterated: a map's
/// title may be in any script.
///
/// Its counts (the trailing parts that are a number and a word: "37 nodes", "12/37
/// understood"; not a date) are kept whole when the row is too wide: the title before them is
/// cut instead.
pub(crate) fn row_line(text: &str, width: usize, selected: bool, theme: &Theme) -> Line<'static> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selection_stays_in_the_list_and_in_view() {
        let mut s = Scrollable::default();
        assert!(s.step(Action::Last, 10, 3));
        assert_eq!((s.selected, s.top), (9, 7));
        s.step(Action::PageUp, 10, 3);
        assert_eq!((s.selected, s.top), (6, 6));
        s.step(Action::MoveDown, 10, 3);
        s.step(Action::MoveDown, 10, 3);
        s.step(Action::MoveDown, 10, 3);
        assert_eq!((s.selected, s.top), (9, 7));
        s.step(Action::MoveDown, 10, 3);
        assert_eq!(s.selected, 9);
        assert!(!s.step(Action::Quit, 10, 3));
        assert_eq!(s.line(), Some(2));
        s.step(Action::First, 0, 3);
        assert_eq!((s.selected, s.top), (0, 0));
    }

    /// Items of several lines (a window's list): the selected one whole in view, the list
    /// scrolled no further than needed, a tall one from its first line.
    #[test]
    fn an_item_of_several_lines_is_shown_whole() {
        let s = Scrollable {
            selected: 2,
            top: 0,
        };
        // Lines 8..12 in a view of 10 from line 0: scrolled so its last line is the last shown.
        assert_eq!(s.top_for(8, 12, 10), 2);
        // Already in view: no scroll.
        assert_eq!(s.top_for(3, 6, 10), 0);
        // Above the view: from its first line.
        let s = Scrollable {
            selected: 0,
            top: 5,
        };
        assert_eq!(s.top_for(1, 3, 10), 1);
        // Taller than the view: from its first line.
        let s = Scrollable {
            selected: 3,
            top: 0,
        };
        assert_eq!(s.top_for(4, 30, 10), 4);
        // A window's keys move it too, within the list.
        let mut s = Scrollable::default();
        assert!(s.select(Action::OverlayDown, 2, 5));
        assert!(s.select(Action::OverlayDown, 2, 5));
        assert_eq!(s.selected, 1);
        assert!(s.select(Action::OverlayUp, 2, 5));
        assert_eq!(s.selected, 0);
    }
}
