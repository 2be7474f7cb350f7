//! Draws the flow sheet: a title, the speeches' columns (the current one marked, scrolled
//! sideways to the selection), each argument wrapped in its cell with its marks in words
//! (DROPPED, conceded, turn, extends, cross-applies, from the case), the cell being typed,
//! a list over the flow, and the status line with the clocks.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::debate::clock::Timer;
use crate::debate::standing::{self, Standing};
use crate::debate::words;
use crate::screen::keymap::{self, Action, Scope};
use crate::screen::scrollable::row_line;
use crate::screen::theme::Theme;
use crate::screen::{draw, wrap};

use super::{FlowScreen, Overlay};

/// The narrowest a column is drawn: a short argument on a line or two.
const MIN_COLUMN: usize = 22;
/// The most lines a cell shows; the rest is cut with an ellipsis (Enter shows it whole).
const CELL_LINES: usize = 4;

/// How many columns fit across `width`, at most `columns`.
pub(crate) fn fitting_columns(width: u16, columns: usize) -> usize {
    ((usize::from(width) + 1) / (MIN_COLUMN + 1)).clamp(1, columns.max(1))
}

/// Where the grid is drawn: the rows between the headers and the status lines (and the cell
/// being typed, when one is).
fn body(screen: &FlowScreen) -> Rect {
    let reserved = if screen.editor.is_some() { 7 } else { 4 };
    Rect::new(0, 2, screen.width, screen.height.saturating_sub(reserved))
}

/// Each visible column's x and width.
fn columns(screen: &FlowScreen) -> Vec<(usize, u16, u16)> {
    let n = screen.grid.columns.len();
    let fit = fitting_columns(screen.width, n);
    let width = (usize::from(screen.width) + 1) / fit;
    (screen.left..(screen.left + fit).min(n))
        .enumerate()
        .map(|(i, col)| {
            let x = u16::try_from(i * width).unwrap_or(u16::MAX);
            let w = u16::try_from(width.saturating_sub(1)).unwrap_or(0);
            (col, x, w)
        })
        .collect()
}

/// The words of a cell, wrapped to `width`: its number and marks first.
fn cell_text(screen: &FlowScreen, id: u32, theme: &Theme) -> String {
    let round = &screen.flowed.round;
    let format = &screen.flowed.motion.format;
    let Some(a) = round.get(id) else {
        return String::new();
    };
    let mut marks = Vec::new();
    match standing::standing(round, format, a) {
        Standing::Dropped(_) => marks.push("DROPPED"),
        Standing::Conceded => marks.push("conceded"),
        _ => {}
    }
    if a.mark == Some(crate::debate::flow::Mark::Turned) {
        marks.push("TURN");
    }
    if a.from.is_some() {
        marks.push(if theme.ascii { "*case" } else { "◆case" });
    }
    if screen.applying == Some(id) {
        marks.push("applying");
    }
    let head = if marks.is_empty() {
        format!("{id}")
    } else {
        format!("{id} {}", marks.join(" "))
    };
    let text = format!("{head}: {}", words::text_of(round, a));
    if theme.ascii {
        crate::screen::ascii::transliterate(&text)
    } else {
        text
    }
}

fn cell_lines(screen: &FlowScreen, id: u32, width: u16, theme: &Theme) -> Vec<String> {
    let text = cell_text(screen, id, theme);
    let width = usize::from(width).max(1);
    let ranges = wrap::wrap(&text, width);
    let mut lines: Vec<String> = ranges
        .iter()
        .take(CELL_LINES)
        .map(|r| text[r.clone()].to_string())
        .collect();
    if ranges.len() > CELL_LINES
        && let Some(last) = lines.last_mut()
    {
        *last = wrap::truncate(&format!("{last} …"), width, theme.glyphs().ellipsis);
    }
    lines
}

/// The height of grid row `row` (its tallest visible cell).
fn row_height(screen: &FlowScreen, row: usize, cols: &[(usize, u16, u16)], theme: &Theme) -> usize {
    screen
        .grid
        .cells
        .iter()
        .filter(|c| c.row == row)
        .filter_map(|c| {
            cols.iter()
                .find(|(col, _, _)| *col == c.col)
                .map(|&(_, _, w)| (c.id, w))
        })
        .map(|(id, w)| cell_lines(screen, id, w, theme).len())
        .max()
        .unwrap_or(1)
}

/// The theme rows are measured with away from a frame (scrolling, the screen reader's
/// cursor): in ASCII, transliterated text wraps differently.
fn layout_theme(screen: &FlowScreen) -> Theme {
    Theme {
        color: false,
        ascii: screen.ascii,
        plain: false,
    }
}

/// Whether all of grid row `row` shows from the current top.
pub(crate) fn row_in_view(screen: &FlowScreen, row: usize) -> bool {
    let theme = layout_theme(screen);
    let cols = columns(screen);
    let room = usize::from(body(screen).height);
    let used: usize = (screen.top..=row)
        .map(|r| row_height(screen, r, &cols, &theme))
        .sum();
    used <= room
}

/// Draws the flow sheet.
pub fn render(frame: &mut Frame, screen: &FlowScreen, theme: &Theme, now: u64) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let motion = &screen.flowed.motion;
    let round = &screen.flowed.round;
    let fix = |s: String| fixed(theme, s);
    let width = usize::from(area.width);
    let ellipsis = theme.glyphs().ellipsis;
    // The title: the motion, the sheet, the round.
    let title = fix(format!(
        "{} sheet{}{}{}{}",
        motion.sides[screen.sheet.min(1)],
        theme.glyphs().dot,
        motion.text,
        theme.glyphs().dot,
        if round.name.is_empty() {
            "round"
        } else {
            &round.name
        }
    ));
    frame.render_widget(
        Paragraph::new(Line::styled(
            wrap::truncate(&title, width, ellipsis),
            theme.heading(),
        )),
        Rect::new(0, 0, area.width, 1),
    );
    if area.height < 2 {
        return;
    }
    let cols = columns(screen);
    headings(frame, screen, theme, &cols);
    grid(frame, screen, theme, &cols);
    if let Some((kind, text)) = &screen.editor {
        typed(frame, screen, theme, kind, text);
    }
    status(frame, screen, theme, now);
    if let Some(overlay) = &screen.overlay {
        draw_overlay(frame, screen, overlay, theme);
    }
}

/// Text drawn as the theme allows: transliterated in ASCII.
fn fixed(theme: &Theme, s: String) -> String {
    if theme.ascii {
        crate::screen::ascii::transliterate(&s)
    } else {
        s
    }
}

/// The speeches' headings over their columns: the current one marked NOW, and a mark where
/// more columns are off screen to either side.
fn headings(frame: &mut Frame, screen: &FlowScreen, theme: &Theme, cols: &[(usize, u16, u16)]) {
    let motion = &screen.flowed.motion;
    let format = &motion.format;
    let round = &screen.flowed.round;
    let ellipsis = theme.glyphs().ellipsis;
    let fix = |s: String| fixed(theme, s);
    let more_left = screen.left > 0;
    let more_right = cols
        .last()
        .is_some_and(|&(c, _, _)| c + 1 < screen.grid.columns.len());
    let (left_mark, right_mark) = if theme.ascii {
        ("<", ">")
    } else {
        ("‹", "›")
    };
    for (i, &(col, x, w)) in cols.iter().enumerate() {
        let speech = screen.grid.columns[col];
        let s = &format.speeches[speech];
        let current = speech == round.speech;
        let mut head = format!(
            "{}{} {}",
            if current {
                if theme.ascii { "> " } else { "▶ " }
            } else {
                ""
            },
            s.short,
            motion.sides[s.side]
        );
        if current {
            head.push_str(" NOW");
        }
        if i == 0 && more_left {
            head = format!("{left_mark}{head}");
        }
        if i + 1 == cols.len() && more_right {
            let room = usize::from(w).saturating_sub(1);
            head = format!(
                "{:<room$}{right_mark}",
                wrap::truncate(&head, room, ellipsis)
            );
        }
        let style = if current {
            theme.heading().add_modifier(Modifier::REVERSED)
        } else {
            theme.heading().add_modifier(Modifier::UNDERLINED)
        };
        let head = wrap::truncate(&fix(head), usize::from(w), ellipsis);
        let fill = usize::from(w).saturating_sub(wrap::width(&head));
        frame.render_widget(
            Paragraph::new(Line::styled(format!("{head}{}", " ".repeat(fill)), style)),
            Rect::new(x, 1, w, 1),
        );
    }
}

/// The sheet's arguments, row by row from the top, each in its speech's column; a dropped one
/// in the alarm style (and said DROPPED in its words).
fn grid(frame: &mut Frame, screen: &FlowScreen, theme: &Theme, cols: &[(usize, u16, u16)]) {
    let motion = &screen.flowed.motion;
    let format = &motion.format;
    let round = &screen.flowed.round;
    let width = usize::from(frame.area().width);
    let body = body(screen);
    let mut y = body.y;
    let bottom = body.y + body.height;
    if screen.grid.cells.is_empty() && body.height > 0 {
        let hint = format!(
            "Nothing flowed on this sheet yet. {} adds an argument to the {}, {} pulls one from the case, {} the other sheet.",
            keymap::key_name(Scope::Flow, Action::FlowAdd),
            format
                .speeches
                .get(round.speech)
                .map_or("", |s| s.short.as_str()),
            keymap::key_name(Scope::Flow, Action::FlowPull),
            keymap::key_name(Scope::Flow, Action::FlowSheet),
        );
        let lines: Vec<Line> = wrap::wrap(&hint, width)
            .into_iter()
            .map(|r| Line::styled(hint[r].to_string(), theme.dim()))
            .collect();
        frame.render_widget(Paragraph::new(fix_lines(lines, theme)), body);
    }
    let mut row = screen.top;
    while y < bottom && row < screen.grid.rows {
        let height = row_height(screen, row, cols, theme);
        for cell in screen.grid.cells.iter().filter(|c| c.row == row) {
            let Some(&(_, x, w)) = cols.iter().find(|(col, _, _)| *col == cell.col) else {
                continue;
            };
            let selected = screen.selected == Some(cell.id);
            let dropped = round.get(cell.id).is_some_and(|a| {
                matches!(standing::standing(round, format, a), Standing::Dropped(_))
            });
            let style = match (selected, dropped) {
                (true, _) => theme.selected(),
                (false, true) => theme.alarm(),
                _ => Style::new(),
            };
            for (i, line) in cell_lines(screen, cell.id, w, theme)
                .into_iter()
                .enumerate()
            {
                let ly = y + u16::try_from(i).unwrap_or(u16::MAX);
                if ly >= bottom {
                    break;
                }
                let fill = usize::from(w).saturating_sub(wrap::width(&line));
                frame.render_widget(
                    Paragraph::new(Line::styled(format!("{line}{}", " ".repeat(fill)), style)),
                    Rect::new(x, ly, w, 1),
                );
            }
        }
        y = y.saturating_add(u16::try_from(height).unwrap_or(u16::MAX));
        row += 1;
    }
}

/// The cell being typed, in a window over the bottom of the sheet.
fn typed(
    frame: &mut Frame,
    screen: &FlowScreen,
    theme: &Theme,
    kind: &crate::debate::flow::DraftKind,
    area_text: &ratatui_textarea::TextArea<'static>,
) {
    let motion = &screen.flowed.motion;
    let format = &motion.format;
    let round = &screen.flowed.round;
    let area = frame.area();
    let fix = |s: String| fixed(theme, s);
    let h = area.height;
    if h >= 7 {
        let rect = Rect::new(0, h - 5, area.width, 3);
        let what = match kind {
            crate::debate::flow::DraftKind::Add { .. } => format!(
                "A new argument of the {}",
                format
                    .speeches
                    .get(round.speech)
                    .map_or("", |s| s.short.as_str())
            ),
            crate::debate::flow::DraftKind::Answer { to } => format!("An answer to #{to}"),
            crate::debate::flow::DraftKind::Extend { of } => format!("Extending #{of}"),
            crate::debate::flow::DraftKind::Edit { id } => format!("The words of #{id}"),
        };
        let title = fix(format!(
            " {what} ({}: flow it, {}: leave it) ",
            keymap::key_name(Scope::FlowCell, Action::NoteSave),
            keymap::key_name(Scope::FlowCell, Action::NoteCancel)
        ));
        draw::typing(frame, theme, rect, &title, area_text);
    }
}

fn fix_lines<'a>(lines: Vec<Line<'a>>, theme: &Theme) -> Vec<Line<'a>> {
    if !theme.ascii {
        return lines;
    }
    lines
        .into_iter()
        .map(|l| {
            Line::from(
                l.spans
                    .into_iter()
                    .map(|s| Span::styled(crate::screen::ascii::transliterate(&s.content), s.style))
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
}

/// The two bottom lines: the speech and its clock, prep, drops; then the message or the keys.
fn status(frame: &mut Frame, screen: &FlowScreen, theme: &Theme, now: u64) {
    let area = frame.area();
    if area.height < 4 {
        return;
    }
    let motion = &screen.flowed.motion;
    let format = &motion.format;
    let round = &screen.flowed.round;
    let clock = &round.clock;
    let speech = format.speeches.get(round.speech);
    let reading = clock.reading(format, Timer::Speech(round.speech), now);
    let glyph = |running: bool| match (running, theme.ascii) {
        (true, false) => "▶",
        (true, true) => ">",
        (false, _) => "",
    };
    let mut parts = vec![format!(
        "{} {}{}",
        speech.map_or("", |s| s.short.as_str()),
        glyph(reading.running),
        reading.said()
    )];
    for side in (0..2).filter(|_| format.prep > 0) {
        let r = clock.reading(format, Timer::Prep(side), now);
        parts.push(format!(
            "prep {} {}{}",
            motion.sides[side],
            glyph(r.running),
            r.said()
        ));
    }
    let drops = standing::drops(round, format).len();
    parts.push(format!("{drops} drop{}", if drops == 1 { "" } else { "s" }));
    if screen.store.unsaved.is_some() {
        parts.push("NOT SAVED".into());
    } else if !screen.store.writable {
        parts.push("read-only".into());
    }
    let warn = screen.running(now).filter(|r| r.warning()).map(|r| {
        if r.left_ms <= 0 {
            "TIME UP "
        } else {
            "NEARLY OVER "
        }
    });
    let line = format!("{}{}", warn.unwrap_or(""), parts.join(theme.glyphs().dot));
    let width = usize::from(area.width);
    let line = wrap::truncate(&line, width, theme.glyphs().ellipsis);
    let style = if warn.is_some() {
        theme.status().patch(theme.alarm())
    } else {
        theme.status()
    };
    let fill = width.saturating_sub(wrap::width(&line));
    frame.render_widget(
        Paragraph::new(Line::styled(format!("{line}{}", " ".repeat(fill)), style)),
        Rect::new(0, area.height - 2, area.width, 1),
    );
    let bottom = match &screen.message {
        Some(m) => Line::raw(wrap::truncate(m, width, theme.glyphs().ellipsis)),
        None => {
            let mut spans = Vec::new();
            let mut used = 0;
            // A window of text has nothing to choose.
            let reading = matches!(screen.overlay, Some(Overlay::Text { .. }));
            for (key, hint) in keymap::hints(&screen.scopes())
                .into_iter()
                .filter(|(_, hint)| !(reading && *hint == "choose"))
            {
                let piece = format!("{key} {hint}  ");
                if used + wrap::width(&piece) > width {
                    break;
                }
                used += wrap::width(&piece);
                spans.push(Span::styled(key, theme.key()));
                spans.push(Span::raw(format!(" {hint}  ")));
            }
            Line::from(spans)
        }
    };
    frame.render_widget(
        Paragraph::new(fix_lines(vec![bottom], theme)),
        Rect::new(0, area.height - 1, area.width, 1),
    );
}

fn draw_overlay(frame: &mut Frame, screen: &FlowScreen, overlay: &Overlay, theme: &Theme) {
    let area = frame.area();
    if area.height < 5 {
        return;
    }
    let rect = Rect::new(0, 1, area.width, area.height - 3);
    let inner_w = usize::from(rect.width.saturating_sub(2));
    let round = &screen.flowed.round;
    let motion = &screen.flowed.motion;
    let (title, rows, list): (String, Vec<String>, _) = match overlay {
        Overlay::Drops { list, ids } => {
            let drops = crate::debate::standing::drops(round, &motion.format);
            let rows = if ids.is_empty() {
                vec!["No drops so far.".to_string()]
            } else {
                drops
                    .iter()
                    .filter(|d| ids.contains(&d.id))
                    .map(|d| words::drop_line(round, motion, d))
                    .collect()
            };
            (format!(" Drops: {} ", ids.len()), rows, list)
        }
        Overlay::Pull { list, items, to } => {
            let title = match to {
                Some(to) => format!(" Pull from the case, as an answer to #{to} "),
                None => " Pull from the case, as a new argument ".to_string(),
            };
            (title, items.iter().map(|(_, s)| s.clone()).collect(), list)
        }
        Overlay::Text { title, lines, list } => (format!(" {title} "), lines.clone(), list),
    };
    let selectable = !matches!(overlay, Overlay::Text { .. });
    // Text windows wrap; lists keep a row per item, cut to fit.
    let lines: Vec<Line<'static>> = if selectable {
        rows.iter()
            .enumerate()
            .map(|(i, r)| {
                let r = if theme.ascii {
                    crate::screen::ascii::transliterate(r)
                } else {
                    r.clone()
                };
                row_line(&r, inner_w, i == list.selected, theme)
            })
            .collect()
    } else {
        rows.iter()
            .flat_map(|r| {
                let r = if theme.ascii {
                    crate::screen::ascii::transliterate(r)
                } else {
                    r.clone()
                };
                // A line's indent (help's keys under their heading) is kept on each of its
                // wrapped lines.
                let body = r.trim_start();
                let indent = " ".repeat((r.len() - body.len()).min(inner_w / 2));
                let width = inner_w.saturating_sub(indent.len()).max(1);
                wrap::wrap(body, width)
                    .into_iter()
                    .map(|x| Line::raw(format!("{indent}{}", &body[x])))
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    let top = if selectable { list.top } else { list.selected };
    draw::window(frame, rect, theme, &fix_title(&title, theme), &lines, top);
}

fn fix_title(title: &str, theme: &Theme) -> String {
    if theme.ascii {
        crate::screen::ascii::transliterate(title)
    } else {
        title.to_string()
    }
}

/// Where the terminal's cursor goes for a screen reader: the cell being typed, the selected
/// row of a list, or the selected argument.
pub fn cursor(screen: &FlowScreen) -> Option<Position> {
    let h = screen.height;
    if let Some((_, area)) = &screen.editor {
        let col = area.screen_cursor().col;
        let x = u16::try_from(col)
            .ok()?
            .saturating_add(1)
            .min(screen.width.saturating_sub(2));
        return (h >= 7).then(|| Position::new(x, h - 4));
    }
    if let Some(overlay) = &screen.overlay {
        let list = match overlay {
            Overlay::Drops { list, .. } | Overlay::Pull { list, .. } => list,
            Overlay::Text { .. } => return Some(Position::new(1, 2)),
        };
        return Some(Position::new(1, 2 + list.line()?));
    }
    let cell = screen.selected.and_then(|id| screen.grid.cell(id))?;
    let cols = columns(screen);
    let &(_, x, _) = cols.iter().find(|(c, _, _)| *c == cell.col)?;
    let theme = layout_theme(screen);
    let above: usize = (screen.top..cell.row)
        .map(|r| row_height(screen, r, &cols, &theme))
        .sum();
    let y = 2 + u16::try_from(above).ok()?;
    (y < 2 + body(screen).height).then_some(Position::new(x, y))
}
