//! A selection in a list of rows, kept in view, and a row as drawn: the library, the class
//! list (as yazi's `Scrollable` serves every list there).

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
    /// Moves the selection by a list key in a list of `len` rows, `rows` of them shown; whether
    /// `action` was one.
    pub fn step(&mut self, action: Action, len: usize, rows: usize) -> bool {
        let rows = rows.max(1);
        let last = len.saturating_sub(1);
        self.selected = match action {
            Action::MoveDown | Action::NextMatch => (self.selected + 1).min(last),
            Action::MoveUp | Action::PrevMatch => self.selected.saturating_sub(1),
            Action::PageDown => (self.selected + rows).min(last),
            Action::PageUp => self.selected.saturating_sub(rows),
            Action::First => 0,
            Action::Last => last,
            _ => return false,
        };
        self.show(rows);
        true
    }

    /// Scrolls no further than needed to show the selected row.
    fn show(&mut self, rows: usize) {
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + rows {
            self.top = self.selected + 1 - rows;
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
}
