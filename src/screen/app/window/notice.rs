//! The notice window: something the reader must see whole (a notes file moved aside, a save
//! that failed), wrapped, until a key.

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::screen::draw;
use crate::screen::event::Effect;
use crate::screen::keymap::{self, Action, Scope};
use crate::screen::layout;
use crate::screen::theme::Theme;
use crate::screen::wrap;

use super::super::App;
use super::{Overlay, Window};

pub(crate) struct Notice;

impl Window for Notice {
    const SCOPE: Scope = Scope::Notice;

    fn render(frame: &mut Frame, app: &App, theme: &Theme) {
        let Overlay::Notice { text } = &app.overlay else {
            return;
        };
        let full = layout::overlay_area(app.width, app.height);
        let inner_w = usize::from(full.width.saturating_sub(4)).max(1);
        let lines: Vec<Line> = wrap::wrap(text, inner_w)
            .into_iter()
            .map(|r| Line::from(text[r].to_string()))
            .collect();
        let area = draw::fitted(frame, full, lines.len());
        let title = format!(
            " Notice ({} to close) ",
            keymap::key_name(Scope::Notice, Action::OverlayClose)
        );
        let block = draw::window_block(theme, &title, area.width)
            .padding(ratatui::widgets::Padding::horizontal(1));
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }

    fn update(app: &mut App, action: Action) -> Vec<Effect> {
        if action == Action::OverlayClose {
            app.overlay = Overlay::None;
        }
        Vec::new()
    }
}
