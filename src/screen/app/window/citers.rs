//! The citers window: the nodes that cite a paragraph of the source; Enter goes to one.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::screen::event::Effect;
use crate::screen::keymap::{self, Action, Scope};
use crate::screen::layout::{self, Focus};
use crate::screen::scrollable::Scrollable;
use crate::screen::theme::Theme;
use crate::screen::wrap;

use super::super::App;
use super::{Overlay, Window};

pub(crate) struct Citers;

/// The window's area, as tall as its list (and a line of keys) needs.
fn area(app: &App, count: usize) -> Rect {
    let h = u16::try_from(count).unwrap_or(u16::MAX).saturating_add(3);
    layout::centered(app.width, app.height, 70, h)
}

/// The rows of the list in the window (its last line says the keys).
fn rows(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(3))
}

/// The first row shown: the selected one in view, scrolled no further than needed.
fn top(area: Rect, list: Scrollable) -> usize {
    list.top_for(list.selected, list.selected + 1, rows(area))
}

impl Window for Citers {
    const SCOPE: Scope = Scope::Citers;

    fn render(frame: &mut Frame, app: &App, theme: &Theme) {
        let Overlay::Citers { paragraph, list } = app.overlay else {
            return;
        };
        let selected = list.selected;
        let citers = app.map.citers(paragraph);
        let g = theme.glyphs();
        let area = area(app, citers.len());
        let inner_w = usize::from(area.width.saturating_sub(2));
        let inner_h = rows(area);
        let mut lines: Vec<Line> = citers
            .iter()
            .enumerate()
            .skip(top(area, list))
            .take(inner_h)
            .map(|(i, &ix)| {
                let n = &app.map.nodes[ix];
                let (letter, badge) = theme.badge(n.role);
                let base = if i == selected {
                    theme.selected()
                } else {
                    Style::new()
                };
                let text = wrap::truncate(
                    &format!(" {} {}", n.id, n.headline()),
                    inner_w.saturating_sub(3),
                    g.ellipsis,
                );
                let pad = inner_w.saturating_sub(3 + wrap::width(&text));
                Line::from(vec![
                    Span::styled(format!("[{letter}]"), base.patch(badge)),
                    Span::styled(text, base),
                    Span::styled(" ".repeat(pad), base),
                ])
            })
            .collect();
        lines.push(Line::from(Span::styled(
            format!(
                "{}: go to node   {}: close",
                keymap::key_name(Scope::Citers, Action::OverlayChoose),
                keymap::key_name(Scope::Citers, Action::OverlayClose)
            ),
            theme.dim(),
        )));
        frame.render_widget(Clear, area);
        let block = Block::bordered()
            .border_set(theme.border())
            .border_style(theme.border_style(true))
            .title(format!(" Paragraph {paragraph} is cited by "));
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }

    fn cursor(app: &App) -> Option<Position> {
        let Overlay::Citers { paragraph, list } = app.overlay else {
            return None;
        };
        let r = area(app, app.map.citers(paragraph).len());
        let y = u16::try_from(list.selected.checked_sub(top(r, list))?).ok()?;
        Some(Position::new(r.x + 1, r.y + 1 + y))
    }

    fn update(app: &mut App, action: Action) -> Vec<Effect> {
        let Overlay::Citers { paragraph, list } = app.overlay else {
            return Vec::new();
        };
        let count = app.map.citers(paragraph).len();
        let shown = rows(area(app, count));
        match action {
            Action::OverlayChoose => {
                let chosen = app.map.citers(paragraph).get(list.selected).copied();
                app.overlay = Overlay::None;
                if let Some(ix) = chosen {
                    app.select(ix);
                    app.focus = Focus::Tree;
                }
            }
            Action::OverlayClose => app.overlay = Overlay::None,
            _ => {
                if let Overlay::Citers { list, .. } = &mut app.overlay {
                    list.step(action, count, shown);
                }
            }
        }
        Vec::new()
    }

    /// Open while the paragraph is still cited, its first citer selected.
    fn reload(overlay: Overlay, fresh: &App) -> Overlay {
        match overlay {
            Overlay::Citers { paragraph, .. } if fresh.map.citers(paragraph).is_empty() => {
                Overlay::None
            }
            Overlay::Citers { paragraph, .. } => Overlay::Citers {
                paragraph,
                list: Scrollable::default(),
            },
            other => other,
        }
    }
}
