//! What the windows that scroll through text share (help, a node, the problems, frontlines,
//! the prep sheet): their moving and closing keys, and keeping the scroll within the text.

use ratatui::Frame;

use crate::screen::draw;
use crate::screen::event::Effect;
use crate::screen::keymap::{self, Action, Scope};
use crate::screen::layout;
use crate::screen::theme::Theme;

use super::super::App;
use super::super::overlay_text::Kind;
use super::Overlay;

/// A window's scroll, found in its variant of [`Overlay`].
pub(crate) type Field = fn(&mut Overlay) -> Option<&mut usize>;

/// Moves the scroll (`field`) by a line or a page, within `max`; closes the window.
pub(crate) fn update(app: &mut App, action: Action, max: usize, field: Field) -> Vec<Effect> {
    let page = usize::from(
        layout::overlay_area(app.width, app.height)
            .height
            .saturating_sub(3),
    )
    .max(1);
    if action == Action::OverlayClose {
        app.overlay = Overlay::None;
        return Vec::new();
    }
    if let Some(scroll) = field(&mut app.overlay) {
        *scroll = match action {
            Action::OverlayDown => (*scroll + 1).min(max),
            Action::OverlayUp => scroll.saturating_sub(1),
            Action::OverlayPageDown => (*scroll + page).min(max),
            Action::OverlayPageUp => scroll.saturating_sub(page),
            _ => *scroll,
        };
    }
    Vec::new()
}

/// Keeps the scroll within `max`.
pub(crate) fn fit(app: &mut App, max: usize, field: Field) {
    if let Some(scroll) = field(&mut app.overlay) {
        *scroll = (*scroll).min(max);
    }
}

/// How far a window of `lines` lines scrolls in the window's area.
pub(crate) fn max_of(app: &App, lines: usize) -> usize {
    let area = layout::overlay_area(app.width, app.height);
    lines.saturating_sub(usize::from(area.height.saturating_sub(2)))
}

/// How far a window of the kept text `kind` scrolls.
pub(crate) fn max_of_text(app: &App, kind: Kind) -> usize {
    let theme: Theme = app.settings.theme;
    max_of(app, app.overlay_text(kind, &theme).lines.len())
}

/// Draws the kept text `kind` in the window's area, from line `scroll`, titled " NAME (keys to
/// scroll, key to close) " with the keys of `scope` as the reader binds them.
pub(crate) fn render_kept(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    name: &str,
    scope: Scope,
    kind: Kind,
    scroll: usize,
) {
    let title = format!(
        " {name} ({} to scroll, {} to close) ",
        keymap::scroll_keys(scope),
        keymap::key_name(scope, Action::OverlayClose)
    );
    let text = app.overlay_text(kind, theme);
    let area = layout::overlay_area(app.width, app.height);
    draw::window(frame, area, theme, &title, &text.lines, scroll);
}
