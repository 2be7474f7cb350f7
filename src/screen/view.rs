//! Draws the reader: pure functions from state to a frame, visiting only what is visible.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::map::model::NodeIx;
use crate::screen::app::overlay_text::Kind;
use crate::screen::app::{App, Focus, Hit, Overlay, gutter_width};
use crate::screen::keymap::{self, Action, Scope};
use crate::screen::layout::{self, MIN_HEIGHT, MIN_WIDTH};
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
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help { scroll } => help(frame, app, theme, *scroll),
        Overlay::Node { scroll } => node_overlay(frame, app, theme, *scroll),
        Overlay::Problems { scroll } => problems(frame, app, theme, *scroll),
        Overlay::Note => note_editor(frame, app, theme),
        Overlay::Notice { text } => notice(frame, app, theme, text),
        Overlay::Weak { selected } => weak(frame, app, theme, *selected),
        Overlay::Drill => drill(frame, app, theme),
        Overlay::Frontlines { scroll } => prep_window(
            frame,
            app,
            theme,
            &format!(
                " Frontlines ({} to scroll, {} to close) ",
                keymap::scroll_keys(Scope::Frontlines),
                keymap::key_name(Scope::Frontlines, Action::OverlayClose)
            ),
            Kind::Frontlines,
            *scroll,
        ),
        Overlay::Sheet { scroll } => prep_window(
            frame,
            app,
            theme,
            &format!(
                " Prep sheet ({} to scroll, {} to close) ",
                keymap::scroll_keys(Scope::Sheet),
                keymap::key_name(Scope::Sheet, Action::OverlayClose)
            ),
            Kind::Sheet,
            *scroll,
        ),
        Overlay::Citers {
            paragraph,
            selected,
        } => citers(frame, app, theme, *paragraph, *selected),
        Overlay::Questions { selected } => questions(frame, app, theme, *selected),
        Overlay::Differences { selected } => differences(frame, app, theme, *selected),
    }
}

/// The differences of the reader's map from the reference, the scores first; the one selected
/// marked and kept in view.
fn differences(frame: &mut Frame, app: &App, theme: &Theme, selected: usize) {
    let title = |at: String| {
        format!(
            " Differences{at} ({}, {}: go to it, {}) ",
            keymap::scroll_keys(Scope::Differences),
            keymap::key_name(Scope::Differences, Action::OverlayChoose),
            keymap::key_name(Scope::Differences, Action::OverlayClose)
        )
    };
    list(frame, app, theme, Kind::Differences, selected, title);
}

/// The critical questions of the selected node's step: each with what the map answers it with,
/// and the reader's own answer; the one selected marked and kept in view.
fn questions(frame: &mut Frame, app: &App, theme: &Theme, selected: usize) {
    let title = |at: String| {
        format!(
            " Questions{at} ({}: answered here, {}: open, {}: fails, {}) ",
            keymap::key_name(Scope::Questions, Action::AnswerQuestion(0)),
            keymap::key_name(Scope::Questions, Action::AnswerQuestion(1)),
            keymap::key_name(Scope::Questions, Action::AnswerQuestion(2)),
            keymap::key_name(Scope::Questions, Action::OverlayClose)
        )
    };
    list(frame, app, theme, Kind::Questions, selected, title);
}

/// A list window (weak spots, questions, differences): the selected item marked, in view, and
/// "k/n" in the title, given to `title` first so its key words come before anything is cut.
fn list(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    kind: Kind,
    selected: usize,
    title: impl Fn(String) -> String,
) {
    let view = list_view(app, kind, theme, selected);
    let at = if view.count == 0 {
        String::new()
    } else {
        format!(" {}/{}", selected.min(view.count - 1) + 1, view.count)
    };
    window(frame, app, theme, &title(at), &view.lines, 0);
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
    let window = || {
        let r = layout::overlay_area(app.width, app.height);
        Some(Position::new(r.x + 1, r.y + 1))
    };
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
        Overlay::Citers {
            paragraph,
            selected,
        } => {
            let count = app.map.citers(*paragraph).len();
            let h = u16::try_from(count).unwrap_or(u16::MAX).saturating_add(3);
            let r = layout::centered(app.width, app.height, 70, h);
            let inner_h = usize::from(r.height.saturating_sub(3));
            let top = selected.saturating_sub(inner_h.saturating_sub(1));
            let y = u16::try_from(selected - top).ok()?;
            Some(Position::new(r.x + 1, r.y + 1 + y))
        }
        Overlay::Note => {
            let (_, editor) = app.study.as_ref()?.editor.as_ref()?;
            // Where the cursor is drawn: lines wrap, and the area scrolls.
            let at = editor.screen_cursor();
            let (top, left) = editor.scroll_offset();
            let row = at.row.saturating_sub(usize::from(top));
            let col = at.col.saturating_sub(usize::from(left));
            let area = note_area(app);
            let row = u16::try_from(row).ok()?.min(area.height.saturating_sub(3));
            let col = u16::try_from(col).ok()?.min(area.width.saturating_sub(3));
            Some(Position::new(area.x + 1 + col, area.y + 1 + row))
        }
        // The selected item's first line, as the window scrolls it.
        Overlay::Weak { selected }
        | Overlay::Questions { selected }
        | Overlay::Differences { selected } => {
            let r = layout::overlay_area(app.width, app.height);
            let kind = crate::screen::app::overlay_text::Kind::of(&app.overlay)?;
            let view = list_view(app, kind, &app.settings.theme, *selected);
            let y = u16::try_from(view.at.checked_sub(view.scroll)?).ok()?;
            (y < r.height.saturating_sub(2)).then(|| Position::new(r.x + 1, r.y + 1 + y))
        }
        // The card's question, where the card is drawn (it is fitted to its text).
        Overlay::Drill => {
            let (r, ..) = drill_view(app, &app.settings.theme)?;
            Some(Position::new(r.x + 2, r.y + 1))
        }
        _ => window(),
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
        let id = format!(" {}{flag}{also}{mine} ", n.id);
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

    let (step, total) = app.step();
    let step = match step {
        Some(s) => format!("{s}/{total}"),
        None => format!("-/{total}"),
    };
    let focus = match app.focus {
        Focus::Tree => "tree",
        Focus::Source => "source",
    };
    // Fixed-width fields, so that a step rewrites only what changed, not the whole line.
    let total_width = format!("{total}/{total}").len();
    let mut step_field = format!(" step {step:<total_width$} ");
    if let Some(study) = &app.study {
        let (done, all) = study.layer.progress(&app.map);
        step_field.push_str(&format!("{done}/{all} understood "));
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
    let focus_field = format!("{:<9}", format!("[{focus}]"));
    let path_width = (width / 4).clamp(12, 48);
    let path = status_path(app, theme, path_width.saturating_sub(1));
    let pad = path_width.saturating_sub(wrap::width(&path));
    let mut spans = vec![Span::styled(step_field, base.add_modifier(Modifier::BOLD))];
    // Who presents, and whether the reader follows: early in the line, so 80 columns show it
    // even beside a message.
    if let Some(room) = &app.settings.presenting {
        spans.push(Span::styled(
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
        spans.push(Span::styled(
            text,
            base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        ));
    }
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

fn help(frame: &mut Frame, app: &App, theme: &Theme, scroll: usize) {
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
    window(frame, app, theme, &title, lines, scroll);
}

/// The problems of the last save, as `argwalk check` prints them (each with line:column), over
/// the last good map.
fn problems(frame: &mut Frame, app: &App, theme: &Theme, scroll: usize) {
    let Some(report) = &app.problems else {
        return;
    };
    let area = layout::overlay_area(app.width, app.height);
    let inner_w = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line> = sheet::problems_lines(report, inner_w)
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
    window(frame, app, theme, &title, &lines, scroll);
}

fn citers(frame: &mut Frame, app: &App, theme: &Theme, paragraph: usize, selected: usize) {
    let list = app.map.citers(paragraph);
    let g = theme.glyphs();
    let h = u16::try_from(list.len())
        .unwrap_or(u16::MAX)
        .saturating_add(3);
    let area = layout::centered(app.width, app.height, 70, h);
    let inner_w = usize::from(area.width.saturating_sub(2));
    let inner_h = usize::from(area.height.saturating_sub(3));
    let top = selected.saturating_sub(inner_h.saturating_sub(1));
    let mut lines: Vec<Line> = list
        .iter()
        .enumerate()
        .skip(top)
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

/// A window of lines over the panes, scrolled to `scroll`, with a title.
fn window(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    title: &str,
    lines: &[Line<'static>],
    scroll: usize,
) {
    let area = layout::overlay_area(app.width, app.height);
    frame.render_widget(Clear, area);
    scrolled(frame, theme, area, title, lines, scroll);
}

/// `lines` in a bordered window filling `area`, from line `scroll` (at most the last page):
/// only the lines in view are copied, however long the text.
fn scrolled(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    title: &str,
    lines: &[Line<'static>],
    scroll: usize,
) {
    let inner_h = usize::from(area.height.saturating_sub(2));
    let scroll = scroll.min(lines.len().saturating_sub(inner_h));
    let visible: Vec<Line> = lines.iter().skip(scroll).take(inner_h).cloned().collect();
    frame.render_widget(
        Paragraph::new(visible).block(window_block(theme, title, area.width)),
        area,
    );
}

/// What a list window shows: the lines in view, the selected item marked (in words too, not
/// by its style alone), how many items, the line the selected one starts on and the scroll.
struct ListView {
    lines: Vec<Line<'static>>,
    count: usize,
    at: usize,
    scroll: usize,
}

/// The list `kind` with item `selected` in view: the whole item when it fits, scrolled no
/// further than needed; its text is the one kept while the window is open.
fn list_view(app: &App, kind: Kind, theme: &Theme, selected: usize) -> ListView {
    let area = layout::overlay_area(app.width, app.height);
    let text = app.overlay_text(kind, theme);
    let inner_h = usize::from(area.height.saturating_sub(2)).max(1);
    let mut scroll = 0;
    let mut at = 0;
    if let Some(&(_, start)) = text.starts.get(selected) {
        at = start;
        let end = text
            .starts
            .get(selected + 1)
            .map_or(text.lines.len(), |&(_, next)| next);
        // The item's end in view, and its start: a long item shows from its first line.
        scroll = end.saturating_sub(inner_h).min(at);
    }
    // Only the lines in view are copied (the list of a large map is long).
    let scroll = scroll.min(text.lines.len().saturating_sub(inner_h));
    let mut lines: Vec<Line<'static>> = text
        .lines
        .iter()
        .skip(scroll)
        .take(inner_h)
        .cloned()
        .collect();
    if !text.starts.is_empty()
        && let Some(line) = lines.get_mut(at.wrapping_sub(scroll))
    {
        let mut marked = line.clone().patch_style(theme.selected());
        let mark = if theme.plain {
            "selected: ".to_string()
        } else {
            format!("{} ", theme.glyphs().cursor)
        };
        marked.spans.insert(0, Span::styled(mark, theme.selected()));
        *line = marked;
    }
    ListView {
        lines,
        count: text.starts.len(),
        at,
        scroll,
    }
}

fn weak(frame: &mut Frame, app: &App, theme: &Theme, selected: usize) {
    let count = app.overlay_text(Kind::Weak, theme).starts.len();
    let title = |at: String| {
        format!(
            " Weak spots: {count}{at} ({}, {}: go, {}) ",
            keymap::scroll_keys(Scope::Weak),
            keymap::key_name(Scope::Weak, Action::OverlayChoose),
            keymap::key_name(Scope::Weak, Action::OverlayClose)
        )
    };
    list(frame, app, theme, Kind::Weak, selected, title);
}

/// A window as tall as `lines` need (up to `full`), centred in `full`, cleared: where the
/// note, the notice and the drill card are drawn.
fn fitted(frame: &mut Frame, full: Rect, lines: usize) -> Rect {
    let area = fitted_rect(full, lines);
    frame.render_widget(Clear, area);
    area
}

/// A window for `lines` lines of text (and its borders) within `full`, centred, at most as
/// tall as `full`.
fn fitted_rect(full: Rect, lines: usize) -> Rect {
    let height = u16::try_from(lines + 2)
        .unwrap_or(u16::MAX)
        .min(full.height);
    Rect::new(
        full.x,
        full.y + (full.height - height) / 2,
        full.width,
        height,
    )
}

/// The note editor's window: twelve rows of text, or what the screen holds. The editor and the
/// cursor that follows focus both place themselves by it.
fn note_area(app: &App) -> Rect {
    fitted_rect(layout::overlay_area(app.width, app.height), 12)
}

/// The bordered block of a window, its title cut to fit.
fn window_block(theme: &Theme, title: &str, width: u16) -> Block<'static> {
    Block::bordered()
        .border_set(theme.border())
        .border_style(theme.border_style(true))
        .title(wrap::truncate(
            title,
            usize::from(width.saturating_sub(2)),
            theme.glyphs().ellipsis,
        ))
}

/// A drill card's window: its rect, lines, title and the hint on its bottom border; `None`
/// when no card is shown.
fn drill_view(app: &App, theme: &Theme) -> Option<(Rect, Vec<Line<'static>>, String, String)> {
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
    let title = format!(
        " Drill: card {} of {} due ({} to stop) ",
        run.at + 1,
        run.queue.len(),
        keymap::key_name(Scope::Drill, Action::OverlayClose)
    );
    Some((fitted_rect(area, lines.len()), lines, title, hint))
}

/// A drill card: the question, and once recalled, the answer and the four grades.
fn drill(frame: &mut Frame, app: &App, theme: &Theme) {
    let Some((boxed, lines, title, hint)) = drill_view(app, theme) else {
        return;
    };
    frame.render_widget(Clear, boxed);
    let block = window_block(theme, &title, boxed.width)
        .title_bottom(Line::from(Span::styled(hint, theme.heading())).centered())
        .padding(ratatui::widgets::Padding::horizontal(1));
    frame.render_widget(Paragraph::new(lines).block(block), boxed);
}

/// A prep view over the panes (the frontlines, the prep sheet), scrolled, rebuilt at each frame
/// so it follows a reload and the reader's changes.
fn prep_window(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    title: &str,
    kind: Kind,
    scroll: usize,
) {
    let text = app.overlay_text(kind, theme);
    window(frame, app, theme, title, &text.lines, scroll);
}

/// A notice over the panes, wrapped whole, until a key.
fn notice(frame: &mut Frame, app: &App, theme: &Theme, text: &str) {
    let full = layout::overlay_area(app.width, app.height);
    let inner_w = usize::from(full.width.saturating_sub(4)).max(1);
    let lines: Vec<Line> = wrap::wrap(text, inner_w)
        .into_iter()
        .map(|r| Line::from(text[r].to_string()))
        .collect();
    let area = fitted(frame, full, lines.len());
    let title = format!(
        " Notice ({} to close) ",
        keymap::key_name(Scope::Notice, Action::OverlayClose)
    );
    let block =
        window_block(theme, &title, area.width).padding(ratatui::widgets::Padding::horizontal(1));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The note editor over the panes: the reader's note on the selected node, in a text area.
fn note_editor(frame: &mut Frame, app: &App, theme: &Theme) {
    let Some((id, editor)) = app.study.as_ref().and_then(|s| s.editor.as_ref()) else {
        return;
    };
    let area = note_area(app);
    frame.render_widget(Clear, area);
    let title = format!(
        " Your note on {id} ({}: save, {}: cancel) ",
        keymap::key_name(Scope::Note, Action::NoteSave),
        keymap::key_name(Scope::Note, Action::NoteCancel)
    );
    let block = window_block(theme, &title, area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Drawn as the app holds it: the text area records where it scrolled, which the cursor
    // that follows focus reads back.
    frame.render_widget(editor, inner);
}

fn node_overlay(frame: &mut Frame, app: &App, theme: &Theme, scroll: usize) {
    let full = layout::overlay_area(app.width, app.height);
    let lines = sheet::node_lines(
        &app.map,
        app.tree.selected,
        &app.search,
        app.study.as_ref().map(|s| &s.layer),
        theme,
        usize::from(full.width.saturating_sub(2)),
    );
    // As tall as the node needs, up to the full window.
    let area = fitted(frame, full, lines.len());
    let n = &app.map.nodes[app.tree.selected];
    let close = keymap::key_name(Scope::Node, Action::OverlayClose);
    let title = if lines.len() + 2 > usize::from(area.height) {
        format!(
            " {} {} ({} to scroll, {close} to close) ",
            n.role.name(),
            n.id,
            keymap::scroll_keys(Scope::Node)
        )
    } else {
        format!(" {} {} ({close} to close) ", n.role.name(), n.id)
    };
    scrolled(frame, theme, area, &title, &lines, scroll);
}
