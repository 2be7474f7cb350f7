//! The differences window (`D`, with `--against`): the scores, then each difference of the
//! reader's map from the reference, the thesis first; Enter goes to the reader's node it is
//! about, or to the paragraph of a node of the reference's the reader has not mapped. The
//! comparison is made when the window opens and after each change, never for a move.

use ratatui::Frame;
use ratatui::layout::Position;

use crate::screen::event::Effect;
use crate::screen::keymap::{self, Action, Scope};
use crate::screen::scrollable::Scrollable;
use crate::screen::theme::Theme;

use super::super::App;
use super::super::overlay_text::Kind;
use super::{Overlay, Window, list};

pub(crate) struct Differences;

fn field(o: &mut Overlay) -> Option<&mut Scrollable> {
    match o {
        Overlay::Differences { list } => Some(list),
        _ => None,
    }
}

fn selected(app: &App) -> Scrollable {
    match app.overlay {
        Overlay::Differences { list } => list,
        _ => Scrollable::default(),
    }
}

impl Window for Differences {
    const SCOPE: Scope = Scope::Differences;
    const TEXT: Option<Kind> = Some(Kind::Differences);

    fn render(frame: &mut Frame, app: &App, theme: &Theme) {
        let title = |at: String| {
            format!(
                " Differences{at} ({}, {}: go to it, {}) ",
                keymap::scroll_keys(Scope::Differences),
                keymap::key_name(Scope::Differences, Action::OverlayChoose),
                keymap::key_name(Scope::Differences, Action::OverlayClose)
            )
        };
        list::render(frame, app, theme, Kind::Differences, selected(app), title);
    }

    fn cursor(app: &App) -> Option<Position> {
        list::cursor(app, Kind::Differences, selected(app))
    }

    fn update(app: &mut App, action: Action) -> Vec<Effect> {
        if action == Action::OverlayChoose {
            let at = selected(app).selected;
            if list::node_of(app, Kind::Differences, at).is_some() {
                list::choose(app, Kind::Differences, at);
            } else if let Some(p) = app.differences().get(at).and_then(|d| d.paragraph) {
                // What the reader has not mapped: the article at the reference's paragraph.
                app.overlay = Overlay::None;
                app.show_paragraph(p);
                app.message = Some(format!(
                    "The reference's node is at ¶{p}: your map has no node for it yet"
                ));
            } else if list::count(app, Kind::Differences) > 0 {
                app.message = Some("That one is about the whole map, not one node of it".into());
            }
            return Vec::new();
        }
        list::update(app, action, Kind::Differences, field)
    }

    fn fit(app: &mut App) {
        list::fit(app, Kind::Differences, field);
    }
}
