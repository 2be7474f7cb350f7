//! Drawing pieces every window shares: a cleared, bordered window of scrolled lines, a window
//! fitted to its text, a window of text being typed, and the bordered block with its title
//! cut to fit. Nothing here reads
//! the reader's state: each window passes its own area.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::screen::theme::Theme;
use crate::screen::wrap;

/// A window of lines over the panes in `area`, cleared, scrolled to `scroll`, with a title.
pub(crate) fn window(
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    title: &str,
    lines: &[Line<'static>],
    scroll: usize,
) {
    frame.render_widget(Clear, area);
    scrolled(frame, theme, area, title, lines, scroll);
}

/// `lines` in a bordered window filling `area`, from line `scroll` (at most the last page):
/// only the lines in view are copied, however long the text.
pub(crate) fn scrolled(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    title: &str,
    lines: &[Line<'static>],
    scroll: usize,
) {
    let inner_h = usize::from(area.height.saturating_sub(2));
    let scroll = scroll.min(lines.len().saturating_sub(inner_h));
    let visible: Vec<Line> = lines.iter().skip(scroll).take(inner_h).cloned().collect();
    frame.render_widget(
        Paragraph::new(visible).block(window_block(theme, title, area.width)),
        area,
    );
}

/// A window as tall as `lines` need (up to `full`), centred in `full`, cleared: where the
/// note, the notice, the node and the drill card are drawn.
pub(crate) fn fitted(frame: &mut Frame, full: Rect, lines: usize) -> Rect {
    let area = fitted_rect(full, lines);
    frame.render_widget(Clear, area);
    area
}

/// A window for `lines` lines of text (and its borders) within `full`, centred, at most as
/// tall as `full`.
pub(crate) fn fitted_rect(full: Rect, lines: usize) -> Rect {
    let height = u16::try_from(lines + 2)
        .unwrap_or(u16::MAX)
        .min(full.height);
    Rect::new(
        full.x,
        full.y + (full.height - height) / 2,
        full.width,
        height,
    )
}

/// The bordered block of a window, its title cut to fit.
pub(crate) fn window_block(theme: &Theme, title: &str, width: u16) -> Block<'static> {
    Block::bordered()
        .border_set(theme.border())
        .border_style(theme.border_style(true))
        .title(wrap::truncate(
            title,
            usize::from(width.saturating_sub(2)),
            theme.glyphs().ellipsis,
        ))
}

/// Text being typed (a note, a cell of the flow), in a cleared, bordered window over `area`
/// with `title`: the text area draws itself inside, recording where it scrolled.
pub(crate) fn typing(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    title: &str,
    text: &ratatui_textarea::TextArea<'_>,
) {
    frame.render_widget(Clear, area);
    let block = window_block(theme, title, area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(text, inner);
}
