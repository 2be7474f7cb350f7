//! The source pane's moves: wrapping, scrolling, the marked paragraph, and what a step shows.

use std::ops::Range;

use super::{App, SourceLines, gutter_width};
use crate::screen::wrap;

impl App {
    /// Re-wraps the source when the source pane's width changed.
    pub(super) fn rewrap(&mut self) {
        let inner = self.areas().source_inner;
        // One column of margin on the right keeps text off the border.
        let width = usize::from(inner.width)
            .saturating_sub(gutter_width(self.map.source.paragraphs.len()) + 1)
            .max(1);
        if width == self.source.lines.width && !self.source.lines.first.is_empty() {
            return;
        }
        let mut first = Vec::with_capacity(self.map.source.paragraphs.len() + 1);
        let mut line = 0;
        for p in &self.map.source.paragraphs {
            first.push(line);
            line += wrap::wrap(&p.text, width).len() + 1;
        }
        first.push(line);
        self.source.lines = SourceLines { width, first };
        self.clamp_source();
    }

    pub(super) fn source_height(&self) -> usize {
        usize::from(self.areas().source_inner.height).max(1)
    }

    pub(super) fn max_source_top(&self) -> usize {
        // The blank line after the last paragraph need not be shown.
        self.source
            .lines
            .total()
            .saturating_sub(1)
            .saturating_sub(self.source_height())
    }

    pub(super) fn clamp_source(&mut self) {
        self.source.top = self.source.top.min(self.max_source_top());
    }

    /// The cited paragraphs of the selected node wholly above and wholly below the source
    /// pane, for the hint in its border.
    pub fn cited_off_screen(&self) -> (Vec<usize>, Vec<usize>) {
        let (top, bottom) = (self.source.top, self.source.top + self.source_height());
        let mut above = Vec::new();
        let mut below = Vec::new();
        for n in self.map.nodes[self.tree.selected].cited_paragraphs() {
            let lines = self.paragraph_lines(n);
            if lines.end <= top {
                above.push(n);
            } else if lines.start >= bottom {
                below.push(n);
            }
        }
        (above, below)
    }

    /// The line range of paragraph `n` (1-based), without its trailing blank.
    pub fn paragraph_lines(&self, n: usize) -> Range<usize> {
        let first = self.source.lines.first.get(n - 1).copied().unwrap_or(0);
        let next = self.source.lines.first.get(n).copied().unwrap_or(first + 1);
        first..next.saturating_sub(1).max(first + 1)
    }

    /// Shows paragraph `n` (1-based) at the top of the source pane, and moves the focus there.
    pub(crate) fn show_paragraph(&mut self, n: usize) {
        if n == 0 || n > self.map.source.paragraphs.len() {
            return;
        }
        self.source.top = self.paragraph_lines(n).start;
        self.clamp_source();
        self.focus = crate::screen::layout::Focus::Source;
    }

    /// Scrolls the source so that `line` is visible, moving as little as possible.
    pub(super) fn reveal_line(&mut self, line: usize, context: usize) {
        let h = self.source_height();
        if line < self.source.top {
            self.source.top = line.saturating_sub(context);
        } else if line >= self.source.top + h {
            self.source.top = (line + 1 + context).saturating_sub(h);
        }
        self.clamp_source();
    }

    /// Shows paragraph `n`: its opening lines, scrolling only if they are out of view.
    pub(super) fn reveal_paragraph(&mut self, n: usize) {
        let lines = self.paragraph_lines(n);
        let h = self.source_height();
        let fits =
            lines.start >= self.source.top && lines.end.min(lines.start + h) <= self.source.top + h;
        if !fits {
            // A blank line above separates the paragraph from the pane's title, where room allows.
            self.source.top = lines.start.saturating_sub(usize::from(h >= 12));
            self.clamp_source();
        }
        self.source.cursor = n;
    }

    /// After the selection changed: mark its first cited paragraph and show its cited
    /// paragraphs from the first, all of them where they fit; where they do not, the first
    /// quote stays in view, marked, and the pane's border tells which cited paragraphs are
    /// off screen.
    pub(super) fn show_selected_source(&mut self) {
        let node = &self.map.nodes[self.tree.selected];
        let cited = node.cited_paragraphs();
        let (Some(&first), Some(&last)) = (cited.first(), cited.last()) else {
            return;
        };
        let quote = node
            .citations
            .iter()
            .find_map(|c| c.quote.as_ref())
            .map(|q| (q.paragraph, q.range.start));
        let h = self.source_height();
        let span = self.paragraph_lines(first).start..self.paragraph_lines(last).end;
        self.source.cursor = first;
        if span.start >= self.source.top && span.end <= self.source.top + h {
            return;
        }
        // A blank line above separates the paragraph from the pane's title, where room allows.
        let margin = usize::from(h >= 12);
        if span.len() + margin <= h {
            // All of them fit: scroll as little as shows them all.
            self.source.top = if span.start < self.source.top {
                span.start.saturating_sub(margin)
            } else {
                span.end.saturating_sub(h)
            };
        } else {
            self.source.top = span.start.saturating_sub(margin);
        }
        self.clamp_source();
        if let Some((paragraph, at)) = quote {
            self.reveal_in_paragraph(paragraph, at);
            // The mark stays on the first cited paragraph while it is in view; scrolled off
            // by the quote, it goes where the eye is sent: the quote's paragraph (the first is
            // named on the pane's border).
            let start = self.paragraph_lines(first).start;
            if start < self.source.top || start >= self.source.top + h {
                self.source.cursor = paragraph;
            }
        }
    }

    /// Scrolls so that the line of paragraph `n` holding byte `at` of its text is in view.
    pub(super) fn reveal_in_paragraph(&mut self, n: usize, at: usize) {
        let Some(para) = self.map.source.paragraphs.get(n.wrapping_sub(1)) else {
            return;
        };
        let line_in = wrap::wrap(&para.text, self.source.lines.width)
            .iter()
            .position(|r| r.end > at)
            .unwrap_or(0);
        let start = self.paragraph_lines(n).start;
        self.reveal_line(start + line_in, 1);
    }

    /// After a scroll: keep the marked paragraph on screen, on one whose first line is in view
    /// where there is one, so that Enter asks about a paragraph the reader can see begin. Only a
    /// paragraph taller than the pane is marked from the middle (the gutter says it began above).
    pub(super) fn cursor_follows_scroll(&mut self) {
        let (top, bottom) = (self.source.top, self.source.top + self.source_height());
        let start = self.paragraph_lines(self.source.cursor).start;
        if (top..bottom).contains(&start) {
            return;
        }
        let count = self.map.source.paragraphs.len();
        let starts = &self.source.lines.first[..count.min(self.source.lines.first.len())];
        let in_view = if start < top {
            // The first paragraph beginning at or below the top.
            let i = starts.partition_point(|&f| f < top);
            starts.get(i).filter(|&&f| f < bottom).map(|_| i + 1)
        } else {
            // The last paragraph beginning above the bottom.
            let i = starts.partition_point(|&f| f < bottom);
            i.checked_sub(1)
                .filter(|&j| starts[j] >= top)
                .map(|j| j + 1)
        };
        self.source.cursor = in_view
            .unwrap_or_else(|| self.source.lines.paragraph_at(top))
            .clamp(1, count.max(1));
    }

    pub(super) fn scroll_source(&mut self, down: bool, by: usize) {
        let before = self.source.top;
        self.source.top = if down {
            (self.source.top + by).min(self.max_source_top())
        } else {
            self.source.top.saturating_sub(by)
        };
        let count = self.map.source.paragraphs.len();
        if self.source.top == before {
            // At an end: move the mark instead, so every paragraph can be reached.
            self.source.cursor = if down {
                (self.source.cursor + by.min(1)).min(count)
            } else {
                self.source.cursor.saturating_sub(1).max(1)
            };
            self.reveal_paragraph(self.source.cursor);
        }
        self.cursor_follows_scroll();
    }

    pub(super) fn jump_cited(&mut self, forward: bool) {
        let cited = self.map.nodes[self.tree.selected].cited_paragraphs();
        let id = self.map.nodes[self.tree.selected].id.clone();
        let target = if forward {
            cited.iter().copied().find(|&n| n > self.source.cursor)
        } else {
            cited
                .iter()
                .rev()
                .copied()
                .find(|&n| n < self.source.cursor)
        };
        match target {
            Some(n) => self.reveal_paragraph(n),
            None if cited.is_empty() => self.message = Some(format!("{id} cites no paragraph")),
            None => {
                let which = if forward { "after" } else { "before" };
                self.message = Some(format!("{id} cites no paragraph {which} this one"));
            }
        }
    }
}
