//! The frontlines window: each objection with its answers, in the reader's side's voice
//! (`study::prep`, drawn by `sheet::frontline_lines`).

use ratatui::Frame;

use crate::screen::draw;
use crate::screen::event::Effect;
use crate::screen::keymap::{self, Action, Scope};
use crate::screen::layout;
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
        let Overlay::Frontlines { scroll } = app.overlay else {
            return;
        };
        let title = format!(
            " Frontlines ({} to scroll, {} to close) ",
            keymap::scroll_keys(Scope::Frontlines),
            keymap::key_name(Scope::Frontlines, Action::OverlayClose)
        );
        let text = app.overlay_text(Kind::Frontlines, theme);
        let area = layout::overlay_area(app.width, app.height);
        draw::window(frame, area, theme, &title, &text.lines, scroll);
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
