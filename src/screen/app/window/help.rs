//! The help window: every key of every scope, from the key table the keys use.

use ratatui::Frame;

use crate::screen::draw;
use crate::screen::event::Effect;
use crate::screen::keymap::{self, Action, Scope};
use crate::screen::layout;
use crate::screen::theme::Theme;

use super::super::App;
use super::super::overlay_text::Kind;
use super::{Overlay, Window, scrolling};

pub(crate) struct Help;

fn field(o: &mut Overlay) -> Option<&mut usize> {
    match o {
        Overlay::Help { scroll } => Some(scroll),
        _ => None,
    }
}

impl Window for Help {
    const SCOPE: Scope = Scope::Help;
    const TEXT: Option<Kind> = Some(Kind::Help);

    fn render(frame: &mut Frame, app: &App, theme: &Theme) {
        let Overlay::Help { scroll } = app.overlay else {
            return;
        };
        let area = layout::overlay_area(app.width, app.height);
        let text = app.overlay_text(Kind::Help, theme);
        let lines = &text.lines;
        let inner_h = usize::from(area.height.saturating_sub(2));
        let more = lines.len() > scroll + inner_h;
        let close = keymap::key_name(Scope::Help, Action::OverlayClose);
        let title = if more {
            format!(
                " Help ({} to scroll, {close} to close) ",
                keymap::scroll_keys(Scope::Help)
            )
        } else {
            format!(" Help ({close} to close) ")
        };
        draw::window(frame, area, theme, &title, lines, scroll);
    }

    fn update(app: &mut App, action: Action) -> Vec<Effect> {
        scrolling::update(app, action, Self::max_scroll(app), field)
    }

    fn max_scroll(app: &App) -> usize {
        scrolling::max_of_text(app, Kind::Help)
    }

    fn fit(app: &mut App) {
        scrolling::fit(app, Self::max_scroll(app), field);
    }
}
