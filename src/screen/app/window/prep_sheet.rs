//! The prep sheet window: the Markdown export shown in the reader, so a restricted session,
//! which may write no file, can still read and copy it.

use ratatui::Frame;

use crate::screen::event::Effect;
use crate::screen::keymap::{Action, Scope};
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
        if let Overlay::Sheet { scroll } = app.overlay {
            let (scope, kind) = (Scope::Sheet, Kind::Sheet);
            scrolling::render_kept(frame, app, theme, "Prep sheet", scope, kind, scroll);
        }
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
