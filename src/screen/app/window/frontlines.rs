//! The frontlines window: each objection with its answers, in the reader's side's voice
//! (`study::prep`, drawn by `sheet::frontline_lines`).

use ratatui::Frame;

use crate::screen::event::Effect;
use crate::screen::keymap::{Action, Scope};
use crate::screen::theme::Theme;

use super::super::App;
use super::super::overlay_text::Kind;
use super::{Overlay, Window, scrolling};

pub(crate) struct Frontlines;

fn field(o: &mut Overlay) -> Option<&mut usize> {
    match o {
        Overlay::Frontlines { scroll } => Some(scroll),
        _ => None,
    }
}

impl Window for Frontlines {
    const SCOPE: Scope = Scope::Frontlines;
    const TEXT: Option<Kind> = Some(Kind::Frontlines);

    fn render(frame: &mut Frame, app: &App, theme: &Theme) {
        if let Overlay::Frontlines { scroll } = app.overlay {
            let (scope, kind) = (Scope::Frontlines, Kind::Frontlines);
            scrolling::render_kept(frame, app, theme, "Frontlines", scope, kind, scroll);
        }
    }

    fn update(app: &mut App, action: Action) -> Vec<Effect> {
        scrolling::update(app, action, Self::max_scroll(app), field)
    }

    fn max_scroll(app: &App) -> usize {
        scrolling::max_of_text(app, Kind::Frontlines)
    }

    fn fit(app: &mut App) {
        scrolling::fit(app, Self::max_scroll(app), field);
    }
}
