//! The drill window: a card's question, and once recalled, its answer and the four grades;
//! the cards are scheduled by FSRS in the study layer.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::screen::draw;
use crate::screen::event::Effect;
use crate::screen::keymap::{self, Action, Scope};
use crate::screen::layout;
use crate::screen::sheet;
use crate::screen::theme::Theme;
use crate::screen::wrap;

use super::super::App;
use super::{Overlay, Window};

pub(crate) struct Drill;

/// A drill card's lines, unscrolled, and the hint on its bottom border; `None` when no card
/// is shown.
fn content(app: &App, theme: &Theme) -> Option<(Vec<Line<'static>>, String)> {
    let run = app.study.as_ref().and_then(|s| s.drill.as_ref())?;
    let card = run.queue.get(run.at)?;
    let area = layout::overlay_area(app.width, app.height);
    let width = usize::from(area.width.saturating_sub(4)).max(1);
    let mut lines: Vec<Line> = Vec::new();
    let wrapped = |text: &str, style: Style| -> Vec<Line<'static>> {
        sheet::in_glyphs(text, theme)
            .lines()
            .flat_map(|l| wrap::wrap(l, width).into_iter().map(move |r| (l, r)))
            .map(|(l, r)| Line::from(Span::styled(l[r].to_string(), style)))
            .collect()
    };
    lines.extend(wrapped(&card.front, theme.heading()));
    lines.push(Line::default());
    // What to press is on the bottom border, so a long answer never hides it.
    let grade = |n: u8, word: &str| {
        format!(
            "{} {word}",
            keymap::key_name(Scope::Drill, Action::DrillGrade(n))
        )
    };
    let hint = if run.revealed {
        lines.extend(wrapped(&card.back, Style::new()));
        format!(
            " {}  {}  {}  {} ",
            grade(1, "again"),
            grade(2, "hard"),
            grade(3, "good"),
            grade(4, "easy")
        )
    } else {
        lines.push(Line::from(Span::styled(
            "Recall the answer first.",
            theme.dim(),
        )));
        format!(
            " {} shows the answer ",
            keymap::key_names_in(Scope::Drill, Action::DrillReveal)
        )
    };
    Some((lines, hint))
}

/// The window a card of `lines` lines is drawn in, and the rows of text it shows.
fn rows(app: &App, lines: usize) -> (Rect, usize) {
    let boxed = draw::fitted_rect(layout::overlay_area(app.width, app.height), lines);
    (boxed, usize::from(boxed.height.saturating_sub(2)))
}

/// How far the card can scroll: its lines less the rows its window shows.
fn max_scroll(app: &App) -> usize {
    content(app, &app.settings.theme).map_or(0, |(lines, _)| {
        lines.len().saturating_sub(rows(app, lines.len()).1)
    })
}

/// A drill card's window: its rect, the lines in view, title and the hint on its bottom
/// border. A card taller than the screen scrolls, and its title says so: nothing of an answer
/// is cut unsaid.
fn view(app: &App, theme: &Theme) -> Option<(Rect, Vec<Line<'static>>, String, String)> {
    let run = app.study.as_ref().and_then(|s| s.drill.as_ref())?;
    let (lines, hint) = content(app, theme)?;
    let (boxed, rows) = rows(app, lines.len());
    let scroll = run.scroll.min(lines.len().saturating_sub(rows));
    let below = lines.len().saturating_sub(scroll + rows);
    let more = if scroll > 0 || below > 0 {
        let mut more = format!(", {} to scroll", keymap::scroll_keys(Scope::Drill));
        if below > 0 {
            more.push_str(&format!(", {below} more below"));
        }
        more
    } else {
        String::new()
    };
    let title = format!(
        " Drill: card {} of {} due ({} to stop{more}) ",
        run.at + 1,
        run.queue.len(),
        keymap::key_name(Scope::Drill, Action::OverlayClose)
    );
    let lines = lines.into_iter().skip(scroll).collect();
    Some((boxed, lines, title, hint))
}

impl Window for Drill {
    const SCOPE: Scope = Scope::Drill;

    fn render(frame: &mut Frame, app: &App, theme: &Theme) {
        let Some((boxed, lines, title, hint)) = view(app, theme) else {
            return;
        };
        frame.render_widget(Clear, boxed);
        let block = draw::window_block(theme, &title, boxed.width)
            .title_bottom(Line::from(Span::styled(hint, theme.heading())).centered())
            .padding(ratatui::widgets::Padding::horizontal(1));
        frame.render_widget(Paragraph::new(lines).block(block), boxed);
    }

    /// The card's question, where the card is drawn (it is fitted to its text).
    fn cursor(app: &App) -> Option<Position> {
        let (r, ..) = view(app, &app.settings.theme)?;
        Some(Position::new(r.x + 2, r.y + 1))
    }

    fn update(app: &mut App, action: Action) -> Vec<Effect> {
        match action {
            Action::DrillReveal => app.reveal(),
            Action::OverlayDown | Action::OverlayUp => {
                let max = max_scroll(app);
                if let Some(run) = app.study.as_mut().and_then(|s| s.drill.as_mut()) {
                    run.scroll = if action == Action::OverlayDown {
                        (run.scroll + 1).min(max)
                    } else {
                        run.scroll.saturating_sub(1)
                    };
                }
            }
            Action::DrillGrade(n) => return app.grade(n),
            Action::OverlayClose => {
                if let Some(study) = app.study.as_mut() {
                    study.drill = None;
                }
                app.overlay = Overlay::None;
            }
            _ => {}
        }
        Vec::new()
    }
}
