//! The node window: the selected node in full, for when the details pane cannot hold it.

use ratatui::Frame;
use ratatui::text::Line;

use crate::screen::draw;
use crate::screen::event::Effect;
use crate::screen::keymap::{self, Action, Scope};
use crate::screen::layout;
use crate::screen::sheet;
use crate::screen::theme::Theme;

use super::super::App;
use super::{Overlay, Window, scrolling};

pub(crate) struct NodeWindow;

fn field(o: &mut Overlay) -> Option<&mut usize> {
    match o {
        Overlay::Node { scroll } => Some(scroll),
        _ => None,
    }
}

/// The node's lines at the window's width, as `theme` draws them.
fn lines(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let full = layout::overlay_area(app.width, app.height);
    sheet::node_lines(
        &app.map,
        app.tree.selected,
        &app.search,
        app.study.as_ref().map(|s| &s.layer),
        theme,
        usize::from(full.width.saturating_sub(2)),
    )
}

impl Window for NodeWindow {
    const SCOPE: Scope = Scope::Node;

    fn render(frame: &mut Frame, app: &App, theme: &Theme) {
        let Overlay::Node { scroll } = app.overlay else {
            return;
        };
        let full = layout::overlay_area(app.width, app.height);
        let lines = lines(app, theme);
        // As tall as the node needs, up to the full window.
        let area = draw::fitted(frame, full, lines.len());
        let n = &app.map.nodes[app.tree.selected];
        let close = keymap::key_name(Scope::Node, Action::OverlayClose);
        let title = if lines.len() + 2 > usize::from(area.height) {
            format!(
                " {} {} ({} to scroll, {close} to close) ",
                n.role.name(),
                n.id,
                keymap::scroll_keys(Scope::Node)
            )
        } else {
            format!(" {} {} ({close} to close) ", n.role.name(), n.id)
        };
        draw::scrolled(frame, theme, area, &title, &lines, scroll);
    }

    fn cursor(app: &App) -> Option<ratatui::layout::Position> {
        // The window is fitted to the node: its first line is where the text begins.
        let full = layout::overlay_area(app.width, app.height);
        let r = draw::fitted_rect(full, lines(app, &app.settings.theme).len());
        Some(ratatui::layout::Position::new(r.x + 1, r.y + 1))
    }

    fn update(app: &mut App, action: Action) -> Vec<Effect> {
        scrolling::update(app, action, Self::max_scroll(app), field)
    }

    fn max_scroll(app: &App) -> usize {
        // Counted with the session's theme, as it is drawn.
        scrolling::max_of(app, lines(app, &app.settings.theme).len())
    }

    fn fit(app: &mut App) {
        scrolling::fit(app, Self::max_scroll(app), field);
    }
}
