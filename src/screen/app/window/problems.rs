//! The problems window: the last save's problems, as `argwalk check` prints them (each with
//! line:column), over the last good map; its edit key opens the editor at the first.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::screen::draw;
use crate::screen::event::Effect;
use crate::screen::keymap::{self, Action, Scope};
use crate::screen::layout;
use crate::screen::sheet;
use crate::screen::theme::Theme;

use super::super::App;
use super::{Overlay, Window, scrolling};

pub(crate) struct Problems;

fn field(o: &mut Overlay) -> Option<&mut usize> {
    match o {
        Overlay::Problems { scroll } => Some(scroll),
        _ => None,
    }
}

fn width(app: &App) -> usize {
    usize::from(
        layout::overlay_area(app.width, app.height)
            .width
            .saturating_sub(2),
    )
}

impl Window for Problems {
    const SCOPE: Scope = Scope::Problems;

    fn render(frame: &mut Frame, app: &App, theme: &Theme) {
        let (Overlay::Problems { scroll }, Some(report)) = (&app.overlay, &app.problems) else {
            return;
        };
        let lines: Vec<Line> = sheet::problems_lines(report, width(app))
            .into_iter()
            .map(|l| {
                let style = if l.starts_with("error") {
                    theme.heading()
                } else {
                    Style::new()
                };
                Line::from(Span::styled(l, style))
            })
            .collect();
        let errors = report.errors();
        let title = format!(
            " {errors} problem{} in {} ({}: edit, {}: close) ",
            if errors == 1 { "" } else { "s" },
            report.file.name,
            keymap::key_name(Scope::Problems, Action::Edit),
            keymap::key_name(Scope::Problems, Action::OverlayClose)
        );
        let area = layout::overlay_area(app.width, app.height);
        draw::window(frame, area, theme, &title, &lines, *scroll);
    }

    fn update(app: &mut App, action: Action) -> Vec<Effect> {
        scrolling::update(app, action, Self::max_scroll(app), field)
    }

    fn max_scroll(app: &App) -> usize {
        let lines = app
            .problems
            .as_ref()
            .map_or(0, |r| sheet::problems_lines(r, width(app)).len());
        scrolling::max_of(app, lines)
    }

    fn fit(app: &mut App) {
        scrolling::fit(app, Self::max_scroll(app), field);
    }

    /// Problems a save fixed are gone with them.
    fn reload(_overlay: Overlay, _fresh: &App) -> Overlay {
        Overlay::None
    }
}
