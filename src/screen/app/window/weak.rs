//! The weak spots window: the weak spots of the case, ranked, each to defend or attack by the
//! reader's side (`study::prep::weak_spots`); Enter goes to one.

use ratatui::Frame;
use ratatui::layout::Position;

use crate::screen::event::Effect;
use crate::screen::keymap::{self, Action, Scope};
use crate::screen::scrollable::Scrollable;
use crate::screen::theme::Theme;

use super::super::App;
use super::super::overlay_text::Kind;
use super::{Overlay, Window, list};

pub(crate) struct Weak;

fn field(o: &mut Overlay) -> Option<&mut Scrollable> {
    match o {
        Overlay::Weak { list } => Some(list),
        _ => None,
    }
}

fn selected(app: &App) -> Scrollable {
    match app.overlay {
        Overlay::Weak { list } => list,
        _ => Scrollable::default(),
    }
}

impl Window for Weak {
    const SCOPE: Scope = Scope::Weak;
    const TEXT: Option<Kind> = Some(Kind::Weak);

    fn render(frame: &mut Frame, app: &App, theme: &Theme) {
        // "k/n" says how many there are: no count of its own beside it.
        let title = |at: String| {
            format!(
                " Weak spots{at} ({}, {}: go, {}) ",
                keymap::scroll_keys(Scope::Weak),
                keymap::key_name(Scope::Weak, Action::OverlayChoose),
                keymap::key_name(Scope::Weak, Action::OverlayClose)
            )
        };
        list::render(frame, app, theme, Kind::Weak, selected(app), title);
    }

    fn cursor(app: &App) -> Option<Position> {
        list::cursor(app, Kind::Weak, selected(app))
    }

    fn update(app: &mut App, action: Action) -> Vec<Effect> {
        if action == Action::OverlayChoose {
            list::choose(app, Kind::Weak, selected(app).selected);
            return Vec::new();
        }
        list::update(app, action, Kind::Weak, field)
    }

    fn fit(app: &mut App) {
        list::fit(app, Kind::Weak, field);
    }

    /// The spots are ranked again: the first is selected.
    fn reload(_overlay: Overlay, _fresh: &App) -> Overlay {
        Overlay::Weak {
            list: Scrollable::default(),
        }
    }
}
