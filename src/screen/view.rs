//! Draws the reader: pure functions from state to a frame, visiting only what is visible.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::map::model::NodeIx;
use crate::screen::app::{App, Focus, Hit, Overlay, gutter_width};
use crate::screen::keymap::{self, Action, Scope};
use crate::screen::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::screen::sheet;
use crate::screen::theme::Theme;
use crate::screen::wrap;

/// Draws the whole screen.
pub fn render(frame: &mut Frame, app: &App, theme: &Theme) {
    let a = app.areas();
    if a.too_small {
        too_small(frame, app);
        return;
    }
    let block = |title: String, area_focus: Option<Focus>, borders: Borders| {
        let focused = area_focus.is_some_and(|f| f == app.focus);
        let marker = if focused && !theme.color { "*" } else { "" };
        Block::new()
            .borders(borders)
            .border_set(theme.border())
            .border_style(theme.border_style(focused))
            .title(Span::styled(
                format!("{marker}{title}"),
                theme.border_style(focused),
            ))
    };
    let borders = if a.wide { Borders::ALL } else { Borders::TOP };
    let tree_title = if app.walk.counterpoints_only {
        " Argument: counterpoints only ".to_string()
    } else {
        " Argument ".to_string()
    };
    frame.render_widget(block(tree_title, Some(Focus::Tree), borders), a.tree);
    tree(frame, app, theme, a.tree_inner);
    let node = &app.map.nodes[app.tree.selected];
    frame.render_widget(
        block(format!(" {} {} ", node.role.name(), node.id), None, borders),
        a.details,
    );
    details(frame, app, theme, a.details_inner);
    let g = theme.glyphs();
    let title = format!(" Source: {} ", app.map.source.title);
    let title = wrap::truncate(
        &title,
        usize::from(a.source.width.saturating_sub(4)),
        g.ellipsis,
    );
    let mut source_block = block(title, Some(Focus::Source), borders);
    if let Some(hint) = off_screen_hint(app, theme) {
        source_block = source_block
            .title_top(Line::from(Span::styled(hint, theme.cited_mark())).right_aligned());
    }
    frame.render_widget(source_block, a.source);
    source(frame, app, theme, a.source_inner);
    status(frame, app, theme, a.status);
    crate::screen::app::window::render(frame, app, theme);
}

/// Where what has focus is on the screen: the selected tree row, the marked paragraph's first
/// line in view, the search prompt's end, the chosen item of a list, the note editor's cursor,
/// or the top of any other window. The driver puts the terminal's own cursor there, because
/// screen readers and braille displays follow it.
pub fn focus(app: &App) -> Option<ratatui::layout::Position> {
    use ratatui::layout::Position;
    let a = app.areas();
    if a.too_small {
        return None;
    }
    match &app.overlay {
        Overlay::None if app.search.prompt => {
            let x = 2 + wrap::width(&app.search.query);
            Some(Position::new(
                u16::try_from(x)
                    .unwrap_or(u16::MAX)
                    .min(a.status.width.saturating_sub(1)),
                a.status.y,
            ))
        }
        Overlay::None => match app.focus {
            Focus::Tree => {
                let row = app.row_of(app.tree.selected)?.checked_sub(app.tree.top)?;
                let y = u16::try_from(row).ok()?;
                (y < a.tree_inner.height).then(|| Position::new(a.tree_inner.x, a.tree_inner.y + y))
            }
            Focus::Source => {
                let start = app
                    .paragraph_lines(app.source.cursor)
                    .start
                    .max(app.source.top);
                let y = u16::try_from(start - app.source.top).ok()?;
                (y < a.source_inner.height)
                    .then(|| Position::new(a.source_inner.x, a.source_inner.y + y))
            }
        },
        _ => crate::screen::app::window::cursor(app),
    }
}

/// Which cited paragraphs of the selected node are off screen, for the source pane's border:
/// " ¶7 above · ¶12 ¶14 below ", a few numbers each way and a count of the rest.
fn off_screen_hint(app: &App, theme: &Theme) -> Option<String> {
    let g = theme.glyphs();
    let (above, below) = app.cited_off_screen();
    let list = |ns: &[usize], word: &str| -> Option<String> {
        if ns.is_empty() {
            return None;
        }
        let shown: Vec<String> = ns
            .iter()
            .take(3)
            .map(|n| format!("{}{n}", g.pilcrow))
            .collect();
        let more = match ns.len().saturating_sub(3) {
            0 => String::new(),
            rest => format!(" +{rest}"),
        };
        Some(format!("{}{more} {word}", shown.join(" ")))
    };
    let parts: Vec<String> = [list(&above, "above"), list(&below, "below")]
        .into_iter()
        .flatten()
        .collect();
    (!parts.is_empty()).then(|| format!(" {} ", parts.join(g.dot.trim_end())))
}

fn too_small(frame: &mut Frame, app: &App) {
    let text = format!(
        "Terminal too small ({}x{}): argwalk needs at least {MIN_WIDTH}x{MIN_HEIGHT}. Enlarge the window, or press {} to quit.",
        app.width,
        app.height,
        crate::screen::keymap::key_for(crate::screen::keymap::Action::Quit)
    );
    let area = frame.area();
    let y = area.height / 2;
    let r = Rect::new(
        area.x,
        area.y + y.saturating_sub(1),
        area.width,
        area.height - y.saturating_sub(1),
    );
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        r,
    );
}

/// How many levels of tree guides a pane `width` wide draws: a third of its width at most, so
/// that rows thousands deep keep room for their badge and label.
fn guide_levels(width: usize) -> usize {
    (width / 6).clamp(2, 16)
}

/// The tree guides before a node: a pipe or a gap per ancestor level, then its branch. Past
/// `levels` levels, only the nearest are drawn, after the depth as a number (`label_width`
/// columns wide, so deep rows stay aligned): the cost is the levels drawn, not the depth.
fn guides(app: &App, ix: NodeIx, theme: &Theme, levels: usize, label_width: usize) -> String {
    let g = theme.glyphs();
    let depth = app.map.nodes[ix].depth;
    if depth == 0 {
        return String::new();
    }
    let deep = depth > levels;
    let keep = if deep {
        levels.saturating_sub(label_width.div_ceil(2)).max(1)
    } else {
        depth
    };
    let mut parts = Vec::with_capacity(keep + 1);
    parts.push(if app.tree.last_child[ix] {
        g.last
    } else {
        g.branch
    });
    let mut at = app.map.nodes[ix].parent;
    while let Some(p) = at {
        if app.map.nodes[p].depth == 0 || parts.len() >= keep {
            break;
        }
        parts.push(if app.tree.last_child[p] { "  " } else { g.pipe });
        at = app.map.nodes[p].parent;
    }
    if deep {
        parts.push(" ");
        let label = format!("{depth:>label_width$}");
        parts.reverse();
        return label + &parts.concat();
    }
    parts.reverse();
    parts.concat()
}

fn tree(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let g = theme.glyphs();
    let width = usize::from(area.width);
    let rows = app
        .tree
        .rows
        .iter()
        .skip(app.tree.top)
        .take(usize::from(area.height));
    let mut lines = Vec::with_capacity(usize::from(area.height));
    let levels = guide_levels(width);
    let label_width = app
        .tree
        .rows
        .iter()
        .skip(app.tree.top)
        .take(usize::from(area.height))
        .map(|&ix| app.map.nodes[ix].depth)
        .filter(|&d| d > levels)
        .max()
        .map_or(0, |d| d.to_string().len());
    for &ix in rows {
        let n = &app.map.nodes[ix];
        let fold = if n.children.is_empty() {
            g.leaf
        } else if app.is_folded(ix) {
            g.closed
        } else {
            g.open
        };
        let (letter, badge_style) = theme.badge(n.role);
        let prefix = format!("{}{fold} ", guides(app, ix, theme, levels, label_width));
        let badge = format!("[{letter}]");
        let id = format!(" {}{} ", n.id, row_marks(app, ix, theme));
        let used = wrap::width(&prefix) + 3 + wrap::width(&id);
        let headline = wrap::truncate(n.headline(), width.saturating_sub(used), g.ellipsis);
        let mut base = if app.is_context_row(ix) {
            theme.dim()
        } else {
            Style::new()
        };
        let selected = ix == app.tree.selected;
        if selected {
            base = base.patch(theme.selected());
        }
        let id = wrap::truncate(
            &id,
            width.saturating_sub(wrap::width(&prefix) + 3),
            g.ellipsis,
        );
        let mut spans = vec![
            Span::styled(prefix, base),
            Span::styled(badge, base.patch(badge_style)),
        ];
        let id_marks = sheet::search_marks(&app.search, theme, &id);
        spans.extend(
            sheet::highlight(&id, &id_marks, base.add_modifier(Modifier::DIM))
                .into_iter()
                .map(|s| Span::styled(s.content.into_owned(), s.style)),
        );
        let marks = sheet::search_marks(&app.search, theme, &headline);
        spans.extend(
            sheet::highlight(&headline, &marks, base)
                .into_iter()
                .map(|s| Span::styled(s.content.into_owned(), s.style)),
        );
        let shown: usize = spans.iter().map(|s| wrap::width(&s.content)).sum();
        if selected && shown < width {
            spans.push(Span::styled(" ".repeat(width - shown), base));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// What a tree row says after a node's id, by markers as well as in the details: its flags
/// (undercut, raised, conceded, implicit), the nodes it is linked with, its cross-links, and
/// the reader's own marks (understood, a verdict, a note).
fn row_marks(app: &App, ix: NodeIx, theme: &Theme) -> String {
    let g = theme.glyphs();
    let n = &app.map.nodes[ix];
    // Conceded and implicit are told in the row itself, by a marker as well as in details.
    // So are an undercut and an objection the author raises himself.
    let flags: Vec<&str> = [
        (n.undercuts, g.undercut),
        (n.raised, g.raised),
        (n.conceded, g.conceded),
        (n.implicit, g.implicit),
    ]
    .into_iter()
    .filter_map(|(on, glyph)| on.then_some(glyph))
    .collect();
    let sep = if theme.plain { " " } else { "" };
    let flag = if flags.is_empty() {
        String::new()
    } else {
        format!(" {}", flags.join(sep))
    };
    // A linked premise names the others it supports its claim together with.
    let flag = if n.linked.is_empty() {
        flag
    } else {
        let ids: Vec<&str> = n
            .linked
            .iter()
            .map(|&t| app.map.nodes[t].id.as_str())
            .collect();
        format!("{flag} {}{}", g.linked, ids.join(","))
    };
    // Cross-links: the other nodes this one bears on, by id.
    let also = if n.also.is_empty() {
        String::new()
    } else {
        let ids: Vec<&str> = n
            .also
            .iter()
            .map(|&(t, _)| app.map.nodes[t].id.as_str())
            .collect();
        format!(" {}{}", g.also, ids.join(","))
    };
    // The reader's own marks: understood, a note, a verdict.
    let mine = app
        .study
        .as_ref()
        .and_then(|s| s.layer.node(&n.id))
        .map(|s| {
            // Glyphs sit together; the words of the plain theme need spaces between.
            let sep = if theme.plain { " " } else { "" };
            let mut marks: Vec<std::borrow::Cow<str>> = Vec::new();
            if s.understood {
                marks.push(g.understood.into());
            }
            if let Some(j) = s.judgement {
                // In words, the word for this kind of node: a counterpoint is strong,
                // answerable or weak, not "holds".
                marks.push(if theme.plain {
                    format!("({})", j.word(n.kind)).into()
                } else {
                    g.verdicts[j as usize].into()
                });
            }
            if !s.note.is_empty() {
                marks.push(g.noted.into());
            }
            let m = marks.join(sep);
            if m.is_empty() { m } else { format!(" {m}") }
        })
        .unwrap_or_default();
    format!("{flag}{also}{mine}")
}

fn details(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let h = usize::from(area.height);
    let mut lines = sheet::details_lines(
        &app.map,
        app.tree.selected,
        &app.search,
        app.study.as_ref().map(|s| &s.layer),
        theme,
        usize::from(area.width),
    );
    if lines.len() > h && h > 0 {
        // Cut: say so, and say how to see the rest.
        lines.truncate(h);
        let g = theme.glyphs();
        let more = format!(
            "{} {}: all",
            g.ellipsis,
            keymap::key_name(Scope::Global, Action::ShowNode)
        );
        if let Some(last) = lines.last_mut() {
            let text: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
            let room = usize::from(area.width).saturating_sub(wrap::width(&more) + 1);
            let cut = wrap::truncate(&text, room, "");
            *last = Line::from(vec![
                Span::raw(cut),
                Span::raw(" "),
                Span::styled(more, theme.dim()),
            ]);
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn source(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let g = theme.glyphs();
    let paragraphs = &app.map.source.paragraphs;
    if paragraphs.is_empty() || area.height == 0 {
        return;
    }
    let gutter = gutter_width(paragraphs.len());
    let digits = gutter - 5;
    let width = app.source.lines.width;
    let node = &app.map.nodes[app.tree.selected];
    let height = usize::from(area.height);
    let mut lines: Vec<Line> = Vec::with_capacity(height);
    let mut n = app.source.lines.paragraph_at(app.source.top);
    let mut line = app.source.lines.first.get(n - 1).copied().unwrap_or(0);
    while lines.len() < height && n <= paragraphs.len() {
        let p = &paragraphs[n - 1];
        let cited = node.cites(n);
        // Cited paragraphs are marked in the gutter (a bar and a bold number) and by their
        // quotes, not by restyling all their text: that would resend both paragraphs whole on
        // every step, which is what a slow link feels.
        let base = if p.outside { theme.dim() } else { Style::new() };
        let mut marks: Vec<(Range<usize>, Style)> = node
            .citations
            .iter()
            .filter_map(|c| c.quote.as_ref())
            .filter(|q| q.paragraph == n)
            .map(|q| (q.range.clone(), theme.quote()))
            .collect();
        marks.extend(sheet::search_marks(&app.search, theme, &p.text));
        if let Some(Hit::Text { paragraph, range }) = app.search.current_hit()
            && *paragraph == n
        {
            marks.push((range.clone(), theme.search_current()));
        }
        let spans = sheet::highlight(&p.text, &marks, base);
        let mark = if cited { g.cited } else { " " };
        for (i, r) in wrap::wrap(&p.text, width).into_iter().enumerate() {
            if line >= app.source.top && lines.len() < height {
                // A paragraph that began above the pane is numbered on its first line in view.
                let began_above = i > 0 && lines.is_empty();
                let gutter_text = if i == 0 || began_above {
                    let cursor = if n == app.source.cursor {
                        g.cursor
                    } else {
                        " "
                    };
                    let number = match (began_above, p.outside) {
                        (true, _) => format!("{}{n} ", g.began_above),
                        (false, true) => format!("({n})"),
                        (false, false) => format!(" {n} "),
                    };
                    format!("{cursor}{number:>w$}", w = digits + 2)
                } else {
                    " ".repeat(digits + 3)
                };
                let gutter_style = if n == app.source.cursor && app.focus == Focus::Source {
                    theme.heading().add_modifier(Modifier::REVERSED)
                } else if cited {
                    theme.cited()
                } else if p.outside {
                    theme.dim()
                } else {
                    theme.dim().remove_modifier(Modifier::DIM)
                };
                let mut row = vec![
                    Span::styled(gutter_text, gutter_style),
                    Span::styled(mark, theme.cited_mark()),
                    Span::raw(" "),
                ];
                row.extend(
                    spans
                        .iter()
                        .filter_map(|s| sheet::clip_span(&p.text, s, &r)),
                );
                lines.push(Line::from(row));
            }
            line += 1;
        }
        if line >= app.source.top && lines.len() < height {
            lines.push(Line::default());
        }
        line += 1;
        n += 1;
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn status(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let width = usize::from(area.width);
    let base = theme.status();
    if app.search.prompt {
        let count = match (app.search.current, app.search.hits.len()) {
            (_, 0) if app.search.active() => "  no match".to_string(),
            (Some(i), n) => format!("  {}/{n}", i + 1),
            _ => String::new(),
        };
        let mut spans = vec![
            Span::styled(format!("/{}", app.search.query), base),
            Span::styled("_", base.add_modifier(Modifier::SLOW_BLINK)),
            Span::styled(count, base),
        ];
        spans.extend(hint_spans(&keymap::hints(&[Scope::Search]), theme));
        fill(frame, area, spans, base, width);
        return;
    }

    let focus = match app.focus {
        Focus::Tree => "tree",
        Focus::Source => "source",
    };
    let step_field = step_field(app);
    let focus_field = format!("{:<9}", format!("[{focus}]"));
    let path_width = (width / 4).clamp(12, 48);
    let path = status_path(app, theme, path_width.saturating_sub(1));
    let pad = path_width.saturating_sub(wrap::width(&path));
    let mut spans = vec![Span::styled(step_field, base.add_modifier(Modifier::BOLD))];
    // Who presents, and whether the reader follows: early in the line, so 80 columns show it
    // even beside a message.
    spans.extend(room_fields(app, base));
    // A message that would not fit beside them takes the place of the focus and the path (the
    // details pane names the node): at 80 columns it needs the room. One that does not fit
    // even then is drawn whole on the rows above the status line (it lasts until the next
    // key), never cut.
    let fixed: usize = spans.iter().map(|s| wrap::width(&s.content)).sum();
    let used = fixed + wrap::width(&focus_field) + path_width;
    let above = app
        .message
        .as_ref()
        .filter(|m| fixed + 1 + wrap::width(m) > width && area.y > 0)
        .map(|m| message_above(frame, theme, area, m))
        .is_some();
    let message = app.message.as_ref().filter(|_| !above);
    let fits = message.is_none_or(|m| used + 1 + wrap::width(m) <= width);
    if fits {
        spans.extend([
            Span::styled(focus_field, base),
            Span::styled(path, base.add_modifier(Modifier::BOLD)),
            Span::styled(" ".repeat(pad), base),
        ]);
    }
    match message {
        Some(m) => {
            let used: usize = spans.iter().map(|s| wrap::width(&s.content)).sum();
            let room = width.saturating_sub(used);
            let text = wrap::truncate(&format!(" {m}"), room, theme.glyphs().ellipsis);
            spans.push(Span::styled(text, base.add_modifier(Modifier::BOLD)));
        }
        None => {
            let mut scopes = app.scopes();
            // While the last save is broken, say so on every frame, not only after the save.
            if let Some(report) = &app.problems {
                let n = report.errors();
                spans.push(Span::styled(
                    format!(
                        " {} error{} in the saved map: {} shows",
                        n,
                        if n == 1 { "" } else { "s" },
                        keymap::key_for(Action::ShowProblems)
                    ),
                    base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                ));
            }
            if app.search.active() {
                spans.push(Span::styled(
                    format!(
                        " {}/{} match",
                        keymap::key_for(Action::NextMatch),
                        keymap::key_for(Action::PrevMatch)
                    ),
                    base,
                ));
            }
            scopes.retain(|s| *s != Scope::Search);
            spans.extend(hint_spans(&keymap::hints(&scopes), theme));
        }
    }
    fill(frame, area, spans, base, width);
}

/// The status line's first field: the step, and with the reader's layer, how much is
/// understood, the cards due and the side argued. Fixed-width, so that a step rewrites only
/// what changed, not the whole line.
fn step_field(app: &App) -> String {
    let (step, total) = app.step();
    let step = match step {
        Some(s) => format!("{s}/{total}"),
        None => format!("-/{total}"),
    };
    let total_width = format!("{total}/{total}").len();
    let mut step_field = format!(" step {step:<total_width$} ");
    if let Some(study) = &app.study {
        step_field.push_str(&format!(
            "{}/{} understood ",
            study.understood,
            app.map.nodes.len()
        ));
        if study.due > 0 {
            step_field.push_str(&format!("{} due ", study.due));
        }
        // The side argued, always in view once chosen.
        match study.layer.side {
            Some(crate::study::Side::For) => step_field.push_str("arguing for "),
            Some(crate::study::Side::Against) => step_field.push_str("arguing against "),
            None => {}
        }
    }
    step_field
}

/// Who presents, and whether the reader follows them.
fn room_fields(app: &App, base: Style) -> Vec<Span<'static>> {
    let mut fields = Vec::new();
    if let Some(room) = &app.settings.presenting {
        fields.push(Span::styled(
            format!("presenting to {room} "),
            base.add_modifier(Modifier::BOLD),
        ));
    }
    if let Some(f) = &app.settings.follow {
        let who = f.presenter.as_deref().unwrap_or("");
        let text = if f.presenter.is_none() {
            "no presenter ".to_string()
        } else if f.elsewhere.is_some() {
            format!("{who} on another map ")
        } else if f.following {
            format!("following {who} ")
        } else {
            format!(
                "{who} presents: {} follows ",
                keymap::key_for(crate::screen::keymap::Action::FollowAgain)
            )
        };
        fields.push(Span::styled(
            text,
            base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        ));
    }
    fields
}

/// A message too long for the status line, whole, on as many rows above it as it wraps to
/// (at most three, and never over the status line itself).
fn message_above(frame: &mut Frame, theme: &Theme, status: Rect, message: &str) {
    let width = usize::from(status.width).saturating_sub(2).max(1);
    let rows = wrap::wrap(message, width);
    let n = rows.len().min(3).min(usize::from(status.y));
    let style = theme.status().add_modifier(Modifier::BOLD);
    for (i, r) in rows.iter().take(n).enumerate() {
        let mut text = message[r.clone()].to_string();
        if i + 1 == n && n < rows.len() {
            text = wrap::truncate(&format!("{text} "), width, theme.glyphs().ellipsis);
        }
        let y = status.y - u16::try_from(n - i).unwrap_or(0);
        let row = Rect::new(status.x, y, status.width, 1);
        fill(
            frame,
            row,
            vec![Span::styled(format!(" {text}"), style)],
            theme.status(),
            usize::from(status.width),
        );
    }
}

/// The path from the thesis to the selection (`T › P3 › O3`) in at most `room` columns, cut
/// from the left: the end (the selected node) matters most. Only the ancestors that can show
/// are visited, so a node 50,000 deep costs no more than one near the top.
fn status_path(app: &App, theme: &Theme, room: usize) -> String {
    let g = theme.glyphs();
    let mut ids: Vec<&str> = Vec::new();
    let mut used = 0;
    let mut at = Some(app.tree.selected);
    while let Some(ix) = at {
        let id = app.map.nodes[ix].id.as_str();
        used += wrap::width(id)
            + if ids.is_empty() {
                0
            } else {
                wrap::width(g.path_sep)
            };
        ids.push(id);
        at = app.map.nodes[ix].parent;
        if used > room {
            break;
        }
    }
    ids.reverse();
    let path = ids.join(g.path_sep);
    if at.is_none() && used <= room {
        return path;
    }
    let keep = room.saturating_sub(wrap::width(g.ellipsis));
    let tail: Vec<char> = path.chars().rev().take(keep).collect();
    let tail: String = tail.into_iter().rev().collect();
    format!("{}{tail}", g.ellipsis)
}

fn hint_spans(hints: &[(String, &'static str)], theme: &Theme) -> Vec<Span<'static>> {
    let base = theme.status();
    hints
        .iter()
        .flat_map(|(k, word)| {
            [
                Span::styled(format!(" {k}"), base.add_modifier(Modifier::BOLD)),
                Span::styled(format!(" {word}"), base),
            ]
        })
        .collect()
}

/// Draws a one-line bar: the spans that fit whole, then the bar's style to the edge.
fn fill(frame: &mut Frame, area: Rect, spans: Vec<Span<'static>>, base: Style, width: usize) {
    let mut used = 0;
    let mut kept = Vec::new();
    for s in spans {
        let w = wrap::width(&s.content);
        if used + w > width {
            if kept.len() < 2 {
                let cut = wrap::truncate(&s.content, width - used, "");
                used += wrap::width(&cut);
                kept.push(Span::styled(cut, s.style));
            }
            break;
        }
        used += w;
        kept.push(s);
    }
    kept.push(Span::styled(" ".repeat(width.saturating_sub(used)), base));
    frame.render_widget(Paragraph::new(Line::from(kept)), area);
}

/// Draws the reader into an off-screen buffer of the app's size: the same path as the real
/// terminal, for snapshot tests, benchmarks and the screenshots in screenshots/.
pub fn render_buffer(app: &App, theme: &Theme) -> ratatui::buffer::Buffer {
    let backend = ratatui::backend::TestBackend::new(app.width, app.height);
    let mut terminal = ratatui::Terminal::new(backend).expect("the test backend cannot fail");
    let _ = terminal.draw(|frame| render(frame, app, theme));
    terminal.backend().buffer().clone()
}

/// A buffer's text, one line per row, trailing spaces kept.
pub fn buffer_text(buffer: &ratatui::buffer::Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = wrap::width(symbol).saturating_sub(1);
            out.push_str(symbol);
        }
        out.push('\n');
    }
    out
}
