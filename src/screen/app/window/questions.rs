//! The critical questions window: the questions of the selected node's step's scheme, what the
//! map answers each with, and the reader's own answer, given by a key.

use ratatui::Frame;
use ratatui::layout::Position;

use crate::screen::event::Effect;
use crate::screen::keymap::{self, Action, Scope};
use crate::screen::scrollable::Scrollable;
use crate::screen::theme::Theme;

use super::super::App;
use super::super::overlay_text::Kind;
use super::{Overlay, Window, list};

pub(crate) struct Questions;

fn field(o: &mut Overlay) -> Option<&mut Scrollable> {
    match o {
        Overlay::Questions { list } => Some(list),
        _ => None,
    }
}

fn selected(app: &App) -> Scrollable {
    match app.overlay {
        Overlay::Questions { list } => list,
        _ => Scrollable::default(),
    }
}

impl Window for Questions {
    const SCOPE: Scope = Scope::Questions;
    const TEXT: Option<Kind> = Some(Kind::Questions);

    fn render(frame: &mut Frame, app: &App, theme: &Theme) {
        let title = |at: String| {
            format!(
                " Questions{at} ({}: answered here, {}: open, {}: fails, {}) ",
                keymap::key_name(Scope::Questions, Action::AnswerQuestion(0)),
                keymap::key_name(Scope::Questions, Action::AnswerQuestion(1)),
                keymap::key_name(Scope::Questions, Action::AnswerQuestion(2)),
                keymap::key_name(Scope::Questions, Action::OverlayClose)
            )
        };
        list::render(frame, app, theme, Kind::Questions, selected(app), title);
    }

    fn cursor(app: &App) -> Option<Position> {
        list::cursor(app, Kind::Questions, selected(app))
    }

    fn update(app: &mut App, action: Action) -> Vec<Effect> {
        if let Action::AnswerQuestion(n) = action {
            return app.answer_question(n);
        }
        list::update(app, action, Kind::Questions, field)
    }

    fn fit(app: &mut App) {
        list::fit(app, Kind::Questions, field);
    }

    /// Open while the selected node's step still names a scheme.
    fn reload(overlay: Overlay, fresh: &App) -> Overlay {
        if fresh.map.scheme_of(fresh.tree.selected).is_some() {
            overlay
        } else {
            Overlay::None
        }
    }
}
