//! The prep sheet window: the Markdown export shown in the reader, so a restricted session,
//! which may write no file, can still read and copy it.

use ratatui::Frame;

use crate::screen::draw;
use crate::screen::event::Effect;
use crate::screen::keymap::{self, Action, Scope};
use crate::screen::layout;
use crate::screen::theme::Theme;

use super::super::App;
use super::super::overlay_text::Kind;
use super::{Overlay, Window, scrolling};

pub(crate) struct PrepSheet;

fn field(o: &mut Overlay) -> Option<&mut usize> {
    match o {
        Overlay::Sheet { scroll } => Some(scroll),
        _ => None,
    }
}

impl Window for PrepSheet {
    const SCOPE: Scope = Scope::Sheet;
    const TEXT: Option<Kind> = Some(Kind::Sheet);

    fn render(frame: &mut Frame, app: &App, theme: &Theme) {
        let Overlay::Sheet { scroll } = app.overlay else {
            return;
        };
        let title = format!(
            " Prep sheet ({} to scroll, {} to close) ",
            keymap::scroll_keys(Scope::Sheet),
            keymap::key_name(Scope::Sheet, Action::OverlayClose)
        );
        let text = app.overlay_text(Kind::Sheet, theme);
        let area = layout::overlay_area(app.width, app.height);
        draw::window(frame, area, theme, &title, &text.lines, scroll);
    }

    fn update(app: &mut App, action: Action) -> Vec<Effect> {
        scrolling::update(app, action, Self::max_scroll(app), field)
    }

    fn max_scroll(app: &App) -> usize {
        scrolling::max_of_text(app, Kind::Sheet)
    }

    fn fit(app: &mut App) {
        scrolling::fit(app, Self::max_scroll(app), field);
    }
}
