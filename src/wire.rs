//! Sends frames with fewer bytes: bridges short runs of unchanged cells instead of moving the
//! cursor over them.
//!
//! ratatui's diff sends only changed cells, and jumps over unchanged ones with a cursor move
//! (`ESC[29;15H`, six to eight bytes). When two changes on a line are separated by a few plain
//! unchanged cells, sending those cells again is cheaper than the jump. This backend remembers
//! what is on screen so that it can do that; over a slow SSH link every byte is felt.
//!
//! It also scrolls: told that a full-width band of rows moved by a few lines, it has the terminal
//! scroll that band itself (a dozen bytes) and then sends only the cells that still differ,
//! instead of every line of the band.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};

use crate::wrap;

/// Wraps a backend, keeping a copy of the screen to bridge gaps in the diff.
pub struct Frugal<B: Backend> {
    inner: B,
    /// What is on the terminal.
    screen: Buffer,
    /// What ratatui believes is on the terminal: its last frame. The two differ only between a
    /// scroll and the draw that follows it.
    frame: Buffer,
    /// Bands of rows whose content moved up (positive) or down since the last frame.
    pending_scrolls: Vec<(std::ops::Range<u16>, i32)>,
}

impl<B: Backend> Frugal<B> {
    pub fn new(inner: B) -> Self {
        let size = inner.size().unwrap_or_default();
        Self::with_size(inner, Rect::new(0, 0, size.width, size.height))
    }

    /// For a caller that already knows the terminal's size: no query to the terminal.
    pub fn with_size(inner: B, area: Rect) -> Self {
        Self {
            inner,
            screen: Buffer::empty(area),
            frame: Buffer::empty(area),
            pending_scrolls: Vec::new(),
        }
    }

    /// Says that, in the next frame, the content of `rows` (full-width rows) is the content of
    /// the last frame moved up by `by` lines (down if negative).
    pub fn scroll_hint(&mut self, rows: std::ops::Range<u16>, by: i32) {
        let height = i32::from(rows.end.saturating_sub(rows.start));
        let overlaps = self
            .pending_scrolls
            .iter()
            .any(|(r, _)| r.start < rows.end && rows.start < r.end);
        if by != 0 && by.abs() < height && rows.end <= self.screen.area.height && !overlaps {
            self.pending_scrolls.push((rows, by));
        }
    }

    /// Has the terminal scroll the band, and moves the screen copy the same way.
    fn scroll(&mut self, rows: std::ops::Range<u16>, by: i32) -> Result<(), B::Error> {
        let amount = by.unsigned_abs() as u16;
        let width = self.screen.area.width;
        let blank = Cell::default();
        if by > 0 {
            self.inner.scroll_region_up(rows.clone(), amount)?;
            for y in rows.clone() {
                for x in 0..width {
                    let from = y + amount;
                    self.screen[(x, y)] = if from < rows.end {
                        self.screen[(x, from)].clone()
                    } else {
                        blank.clone()
                    };
                }
            }
        } else {
            self.inner.scroll_region_down(rows.clone(), amount)?;
            for y in rows.clone().rev() {
                for x in 0..width {
                    self.screen[(x, y)] = if y >= rows.start + amount {
                        self.screen[(x, y - amount)].clone()
                    } else {
                        blank.clone()
                    };
                }
            }
        }
        Ok(())
    }

    pub fn inner(&self) -> &B {
        &self.inner
    }

    fn forget_screen(&mut self) {
        let size = self.inner.size().unwrap_or_default();
        self.screen = Buffer::empty(Rect::new(0, 0, size.width, size.height));
        self.frame = self.screen.clone();
    }

    fn same_style(a: &Cell, b: &Cell) -> bool {
        a.fg == b.fg
            && a.bg == b.bg
            && a.modifier == b.modifier
            && a.underline_color == b.underline_color
    }

    /// The length of the cursor move to (x, y): `ESC [ row ; col H`, 1-based.
    fn jump_cost(x: u16, y: u16) -> usize {
        let digits = |n: u16| (u32::from(n) + 1).to_string().len();
        4 + digits(x) + digits(y)
    }

    /// The cells of the screen between `from` and `to` on row `y`, if sending them costs less
    /// than a jump and needs no style change after `prev`.
    fn bridge(&self, prev: &Cell, from: u16, to: u16, y: u16) -> Option<Vec<(u16, Cell)>> {
        let area = self.screen.area;
        if y >= area.height || to > area.width {
            return None;
        }
        let mut cells = Vec::new();
        let mut bytes = 0;
        for x in from..to {
            let cell = &self.screen[(x, y)];
            if !Self::same_style(cell, prev) || wrap::width(cell.symbol()) != 1 {
                return None;
            }
            bytes += cell.symbol().len();
            if bytes >= Self::jump_cost(to, y) {
                return None;
            }
            cells.push((x, cell.clone()));
        }
        Some(cells)
    }
}

impl<B: Backend> Backend for Frugal<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let area = self.frame.area;
        let diff: Vec<(u16, u16, Cell)> = content
            .filter(|(x, y, _)| *x < area.width && *y < area.height)
            .map(|(x, y, c)| (x, y, c.clone()))
            .collect();
        for (x, y, cell) in &diff {
            self.frame[(*x, *y)] = cell.clone();
        }
        let cells = if self.pending_scrolls.is_empty() {
            diff
        } else {
            // After a scroll the terminal holds neither the old frame nor the new one: send
            // what differs between the scrolled screen and the new frame, nothing more.
            for (rows, by) in std::mem::take(&mut self.pending_scrolls) {
                self.scroll(rows, by)?;
            }
            self.screen
                .diff(&self.frame)
                .into_iter()
                .map(|(x, y, c)| (x, y, c.clone()))
                .collect()
        };
        let mut out: Vec<(u16, u16, Cell)> = Vec::with_capacity(cells.len());
        for (x, y, cell) in cells {
            if let Some((px, py, prev)) = out.last() {
                let next = px + wrap::width(prev.symbol()).max(1) as u16;
                if let Some(gap) = (*py == y && x > next)
                    .then(|| self.bridge(prev, next, x, y))
                    .flatten()
                {
                    out.extend(gap.into_iter().map(|(gx, c)| (gx, y, c)));
                }
            }
            self.screen[(x, y)] = cell.clone();
            out.push((x, y, cell));
        }
        self.inner.draw(out.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.forget_screen();
        self.pending_scrolls.clear();
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        // Anything but a full clear leaves the copy unsure: start again from blank.
        self.forget_screen();
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }

    fn scroll_region_up(
        &mut self,
        region: std::ops::Range<u16>,
        amount: u16,
    ) -> Result<(), Self::Error> {
        self.forget_screen();
        self.inner.scroll_region_up(region, amount)
    }

    fn scroll_region_down(
        &mut self,
        region: std::ops::Range<u16>,
        amount: u16,
    ) -> Result<(), Self::Error> {
        self.forget_screen();
        self.inner.scroll_region_down(region, amount)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::widgets::Paragraph;

    #[test]
    fn frames_come_out_the_same() {
        let mut plain = Terminal::new(TestBackend::new(30, 3)).unwrap();
        let mut frugal = Terminal::new(Frugal::new(TestBackend::new(30, 3))).unwrap();
        for text in [
            "the quick brown fox",
            "the quack brown fix",
            "a different line\nand more",
            "",
        ] {
            plain
                .draw(|f| f.render_widget(Paragraph::new(text), f.area()))
                .unwrap();
            frugal
                .draw(|f| f.render_widget(Paragraph::new(text), f.area()))
                .unwrap();
            assert_eq!(plain.backend().buffer(), frugal.backend().inner().buffer());
        }
    }

    #[test]
    fn scrolled_frames_come_out_the_same() {
        let lines: Vec<String> = (0..40).map(|i| format!("line {i} of the text")).collect();
        let mut plain = Terminal::new(TestBackend::new(30, 8)).unwrap();
        let mut frugal = Terminal::new(Frugal::new(TestBackend::new(30, 8))).unwrap();
        let mut top: i32 = 0;
        for by in [1, 1, 3, -2, 5, -1, -6, 2] {
            let draw = |f: &mut ratatui::Frame, top: i32| {
                let area = f.area();
                f.render_widget(
                    Paragraph::new("header"),
                    ratatui::layout::Rect::new(0, 0, area.width, 1),
                );
                let body: Vec<ratatui::text::Line> = lines
                    .iter()
                    .skip(top as usize)
                    .take(6)
                    .map(|l| ratatui::text::Line::from(l.as_str()))
                    .collect();
                f.render_widget(
                    Paragraph::new(body),
                    ratatui::layout::Rect::new(0, 1, area.width, 6),
                );
                f.render_widget(
                    Paragraph::new(format!("status {top}")),
                    ratatui::layout::Rect::new(0, 7, area.width, 1),
                );
            };
            top += by;
            frugal.backend_mut().scroll_hint(1..7, by);
            plain.draw(|f| draw(f, top)).unwrap();
            frugal.draw(|f| draw(f, top)).unwrap();
            assert_eq!(
                plain.backend().buffer(),
                frugal.backend().inner().buffer(),
                "after scrolling by {by}"
            );
        }
    }

    #[test]
    fn bridges_short_gaps_only() {
        let mut b = Frugal::new(TestBackend::new(40, 1));
        let mut cell = Cell::default();
        cell.set_symbol("x");
        // Fill the screen copy, then change cells 0 and 3: the two cells between are re-sent.
        b.draw((0..40).map(|x| (x, 0, &cell))).unwrap();
        let mut y = Cell::default();
        y.set_symbol("y");
        let gap = b
            .bridge(&y, 1, 3, 0)
            .expect("a 2-cell gap is cheaper than a jump");
        assert_eq!(gap.len(), 2);
        assert!(b.bridge(&y, 1, 30, 0).is_none(), "a long gap is not");
    }
}
