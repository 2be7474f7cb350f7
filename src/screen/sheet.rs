//! The text of the overlays and the details pane as styled lines, from the map and the search
//! alone: the view draws them, and the app counts them to know how far a window scrolls, so
//! neither needs the other.

use std::ops::Range;

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::map::model::{ArgumentMap, NodeIx};
use crate::screen::keymap::{self, Scope};
use crate::screen::search::Search;
use crate::screen::theme::Theme;
use crate::screen::wrap;

/// Splits `text` into spans: `base` style, overlaid by each mark in order (later marks win).
pub fn highlight<'a>(text: &'a str, marks: &[(Range<usize>, Style)], base: Style) -> Vec<Span<'a>> {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (r, _) in marks {
        for at in [r.start, r.end] {
            if at <= text.len() && text.is_char_boundary(at) {
                cuts.push(at);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| {
            let style = marks
                .iter()
                .filter(|(r, _)| r.start <= w[0] && w[1] <= r.end)
                .fold(base, |s, (_, m)| s.patch(*m));
            Span::styled(&text[w[0]..w[1]], style)
        })
        .collect()
}

pub fn search_marks(search: &Search, theme: &Theme, text: &str) -> Vec<(Range<usize>, Style)> {
    if !search.active() {
        return Vec::new();
    }
    search
        .ranges(text)
        .into_iter()
        .map(|r| (r, theme.search_match()))
        .collect()
}

/// The selected node in full: kind, links, citations, label and text, tags and notes.
pub fn details_lines(
    map: &ArgumentMap,
    at: NodeIx,
    search: &Search,
    layer: Option<&crate::study::Layer>,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let g = theme.glyphs();
    let n = &map.nodes[at];
    let (letter, badge_style) = theme.badge(n.role);
    let mut head = vec![
        Span::styled(format!("[{letter}]"), badge_style),
        Span::styled(format!(" {} {}", n.role.name(), n.id), theme.heading()),
    ];
    if let Some(bearing) = map.bearing(at) {
        head.push(Span::raw(format!(" {bearing}")));
    }

    let cites = n.cite_labels(g.pilcrow, g.dash);
    if !cites.is_empty() {
        head.push(Span::raw(format!("{}cites {}", g.dot, cites.join(" "))));
    }
    if let Some(by) = &n.by {
        head.push(Span::raw(format!("{}claimed by {by}", g.dot)));
    }
    let mut flags = Vec::new();
    if n.raised {
        flags.push("raised by the author, to answer it");
    }
    if n.conceded {
        flags.push("conceded by the author");
    }
    if n.implicit {
        flags.push("implicit: unstated in the text");
    }
    if !flags.is_empty() {
        head.push(Span::styled(
            format!("{}{}", g.dot, flags.join(", ")),
            theme
                .dim()
                .remove_modifier(Modifier::DIM)
                .add_modifier(Modifier::ITALIC),
        ));
    }
    let mut lines = wrap_spans(head, width);
    // The claim comes first, right under its heading: in a pane of four rows at 80x24 it is
    // what must show; the reader's verdict and note and the links follow (all of it is one
    // `i` away when the pane cuts it).
    let body = match &n.label {
        Some(label) => format!("{label}{}{}", g.em_dash, n.text),
        None => n.text.clone(),
    };
    let bold_until = n.label.as_ref().map_or(0, String::len);
    for r in wrap::wrap(&body, width) {
        let mut marks = vec![(0..bold_until, theme.heading())];
        marks.extend(search_marks(search, theme, &body));
        let spans = highlight(&body, &marks, Style::new())
            .into_iter()
            .filter_map(|s| clip_span(&body, &s, &r))
            .collect::<Vec<_>>();
        lines.push(Line::from(spans));
    }
    lines.extend(study_lines(map, at, layer, theme, width));
    for &(to, link) in &n.also {
        let t = &map.nodes[to];
        let name = t
            .label
            .as_deref()
            .map_or(t.id.clone(), |l| format!("{} {l}", t.id));
        lines.extend(wrap_spans(
            vec![
                Span::styled(format!("Also {}: ", link.verb()), theme.heading()),
                Span::raw(name),
            ],
            width,
        ));
    }
    lines.extend(links_lines(map, at, theme, width, false));
    lines.extend(question_lines(map, at, theme, width));
    if !n.tags.is_empty() {
        lines.extend(wrap_plain(
            &format!("Tags: {}", n.tags.join(", ")),
            width,
            theme.dim(),
        ));
    }
    if let Some(note) = &n.note {
        lines.extend(wrap_plain(
            &format!("Mapper's note: {note}"),
            width,
            Style::new().add_modifier(Modifier::ITALIC),
        ));
    }
    lines
}

/// The scheme of the step from `at` to its claim and its critical questions, each answered by
/// the nodes that say so in the map, or open.
pub fn question_lines(
    map: &ArgumentMap,
    at: NodeIx,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let Some(scheme) = map.scheme_of(at) else {
        return Vec::new();
    };
    let mut lines = wrap_spans(
        vec![
            Span::styled("Scheme: ".to_string(), theme.heading()),
            Span::raw(format!("{}; its critical questions:", scheme.name)),
        ],
        width,
    );
    for (q, by) in map.critical_questions(at) {
        let answer = if by.is_empty() {
            "OPEN".to_string()
        } else {
            let ids: Vec<&str> = by.iter().map(|&b| map.nodes[b].id.as_str()).collect();
            format!("answered by {}", ids.join(", "))
        };
        lines.extend(wrap_plain(
            &format!("  {} ({answer})", q.text),
            width,
            Style::new(),
        ));
    }
    lines
}

/// "For: P1 Label, P2 Label +3 more" and "Against: …": the nodes that support and attack the
/// selection by id and label, as many as fit on one line each, or (`all`) every one, one a line.
fn links_lines(
    map: &ArgumentMap,
    at: NodeIx,
    theme: &Theme,
    width: usize,
    all: bool,
) -> Vec<Line<'static>> {
    let g = theme.glyphs();
    let (support, attack) = map.supporters_and_attackers(at);
    let mut lines = Vec::new();
    for (word, nodes) in [("For", support), ("Against", attack)] {
        if nodes.is_empty() {
            continue;
        }
        let named = |ix: NodeIx| {
            let n = &map.nodes[ix];
            match &n.label {
                Some(label) => format!("{} {label}", n.id),
                None => n.id.clone(),
            }
        };
        let head = Span::styled(format!("{word}: "), theme.heading());
        if all {
            lines.push(Line::from(head));
            for &ix in &nodes {
                lines.extend(wrap_plain(&format!("  {}", named(ix)), width, Style::new()));
            }
            continue;
        }
        // As many whole names as fit, then a count; the first is cut to fit if it must.
        let room = width.saturating_sub(word.len() + 2);
        let mut text = String::new();
        for (i, &ix) in nodes.iter().enumerate() {
            let rest = nodes.len() - i - 1;
            let more = if rest > 0 {
                format!(" +{rest} more")
            } else {
                String::new()
            };
            let piece = if i == 0 {
                named(ix)
            } else {
                format!(", {}", named(ix))
            };
            if wrap::width(&text) + wrap::width(&piece) + wrap::width(&more) <= room {
                text.push_str(&piece);
                continue;
            }
            if i == 0 {
                let cut = room.saturating_sub(wrap::width(&more));
                text = wrap::truncate(&piece, cut, g.ellipsis);
                text.push_str(&more);
            } else {
                text.push_str(&format!(" +{} more", nodes.len() - i));
            }
            break;
        }
        lines.push(Line::from(vec![head, Span::raw(text)]));
    }
    lines
}

/// The part of span `s` (a slice of `text`) that falls in `range`, as an owned span.
pub fn clip_span(text: &str, s: &Span<'_>, range: &Range<usize>) -> Option<Span<'static>> {
    let start = s.content.as_ptr() as usize - text.as_ptr() as usize;
    let end = start + s.content.len();
    let (a, b) = (start.max(range.start), end.min(range.end));
    (a < b).then(|| Span::styled(text[a..b].to_string(), s.style))
}

pub fn wrap_plain(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    wrap::wrap(text, width)
        .into_iter()
        .map(|r| Line::from(Span::styled(text[r].to_string(), style)))
        .collect()
}

/// Wraps a line made of styled spans, keeping each piece's style.
pub fn wrap_spans(spans: Vec<Span<'static>>, width: usize) -> Vec<Line<'static>> {
    let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
    let mut bounds = Vec::with_capacity(spans.len());
    let mut at = 0;
    for s in &spans {
        bounds.push((at..at + s.content.len(), s.style));
        at += s.content.len();
    }
    wrap::wrap(&text, width)
        .into_iter()
        .map(|r| {
            Line::from(
                bounds
                    .iter()
                    .filter_map(|(b, style)| {
                        let (x, y) = (b.start.max(r.start), b.end.min(r.end));
                        (x < y).then(|| Span::styled(text[x..y].to_string(), *style))
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
}

/// The help text, built from the key table, with a legend and what the walk is.
pub fn help_lines(theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(Span::styled(
            "argwalk: every key",
            Style::new().add_modifier(Modifier::BOLD),
        )),
        Line::from(format!(
            "The walk: {} steps through the thesis, then each premise with its evidence",
            keymap::key_for(keymap::Action::WalkNext)
        )),
        Line::from(format!(
            "and counterpoints, depth first; {} steps back.",
            keymap::key_for(keymap::Action::WalkPrev)
        )),
        Line::from("[T] thesis  [P] premise  [E] evidence  [O] objection  [R] rebuttal"),
        Line::from(format!(
            "{} conceded   {} implicit: unstated   {}P3 also bears on P3",
            theme.glyphs().conceded,
            theme.glyphs().implicit,
            theme.glyphs().also
        )),
        Line::from(format!(
            "{}P2 linked with P2   {} undercut: attacks a step   {} raised by the author",
            theme.glyphs().linked,
            theme.glyphs().undercut,
            theme.glyphs().raised
        )),
    ];
    // What the reader's own marks in a tree row mean.
    let g = theme.glyphs();
    if theme.plain {
        lines.push(Line::from(
            "Your marks: (understood), your verdict in words, (note): you wrote one",
        ));
    } else {
        lines.push(Line::from(format!(
            "Your marks: {} understood   {} a note   your verdict: {} holds (strong),",
            g.understood, g.noted, g.verdicts[0]
        )));
        lines.push(Line::from(format!(
            "{} doubtful (answerable), {} fails (weak); a counterpoint's word in brackets",
            g.verdicts[1], g.verdicts[2]
        )));
    }
    // The flow sheet has a help of its own (its ? key); a map's reader has none of its keys.
    for &scope in Scope::ALL.iter().filter(|s| !s.is_flow()) {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            scope.title().to_string(),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )));
        for b in keymap::in_scope(scope) {
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {:<18}", keymap::key_names(b)),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::raw(b.description),
            ]));
        }
    }
    lines
}

/// The selected node in full: the details, then every citation with its whole quote.
pub fn node_lines(
    map: &ArgumentMap,
    at: NodeIx,
    search: &Search,
    layer: Option<&crate::study::Layer>,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let g = theme.glyphs();
    let n = &map.nodes[at];
    let mut lines = details_lines(map, at, search, layer, theme, width);
    let links = links_lines(map, at, theme, width, true);
    if !links.is_empty() {
        lines.push(Line::default());
        lines.extend(links);
    }
    if !n.citations.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled("Citations", theme.heading())));
    }
    for c in &n.citations {
        let text = match &c.quote {
            Some(q) => format!("{} \"{}\"", c.label(g.pilcrow, g.dash), q.text),
            None => format!("{} (the paragraph as a whole)", c.label(g.pilcrow, g.dash)),
        };
        lines.extend(wrap_plain(&text, width, Style::new()));
    }
    lines
}

/// The problems of a report as `check` prints them, each line wrapped to `width` (a wrapped
/// line keeps the indent of the line it continues, so snippets stay readable).
pub fn problems_lines(report: &crate::map::diagnostic::Report, width: usize) -> Vec<String> {
    let text = report.render(false);
    let mut out = Vec::new();
    for line in text.lines() {
        if wrap::width(line) <= width.max(1) {
            out.push(line.to_string());
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let pad = " ".repeat(indent.min(width / 2));
        let room = width.saturating_sub(pad.len()).max(1);
        for (i, r) in wrap::wrap(line.trim_start(), room).into_iter().enumerate() {
            let piece = &line.trim_start()[r];
            out.push(if i == 0 {
                format!("{}{piece}", &line[..indent])
            } else {
                format!("{pad}{piece}")
            });
        }
    }
    out
}

/// The reader's own view of a node, for details and the node in full: their verdict, whether
/// they understood it, and their note.
pub fn study_lines(
    map: &ArgumentMap,
    at: NodeIx,
    layer: Option<&crate::study::Layer>,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let n = &map.nodes[at];
    let Some(state) = layer.and_then(|l| l.node(&n.id)) else {
        return Vec::new();
    };
    let mut head = Vec::new();
    if let Some(j) = state.judgement {
        head.push(format!("your verdict: {}", j.word(n.kind)));
    }
    if state.understood {
        head.push("understood".to_string());
    }
    let mut lines = Vec::new();
    if !head.is_empty() {
        let text = head.join(theme.glyphs().dot);
        lines.extend(wrap_plain(&capitalize(&text), width, theme.heading()));
    }
    for (i, line) in state.note.lines().enumerate() {
        let text = if i == 0 {
            format!("Your note: {line}")
        } else {
            line.to_string()
        };
        lines.extend(wrap_plain(
            &text,
            width,
            Style::new().add_modifier(Modifier::ITALIC),
        ));
    }
    lines
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// The weak-spots view's rows: a heading per stance when the reader has a side, and each spot
/// with its reasons. Returns the lines and, for each spot, the line it starts on.
pub fn weak_lines(
    map: &ArgumentMap,
    layer: Option<&crate::study::Layer>,
    theme: &Theme,
    width: usize,
) -> (Vec<Line<'static>>, Vec<(Option<NodeIx>, usize)>) {
    use crate::study::prep;
    let spots = prep::weak_spots(map, layer);
    let side = layer.and_then(|l| l.side);
    let mut lines = Vec::new();
    let mut starts = Vec::new();
    let head = match prep::side_heading(side) {
        Some(head) => head,
        None => &format!(
            "The weak spots of the case, most serious first ({} picks your side)",
            crate::screen::keymap::key_for(crate::screen::keymap::Action::ChooseSide)
        ),
    };
    lines.extend(wrap_plain(head, width, theme.heading()));
    if spots.is_empty() {
        lines.push(Line::from("No weak spot found."));
    }
    for spot in &spots {
        let n = &map.nodes[spot.node];
        let (letter, badge) = theme.badge(n.role);
        let stance = prep::stance(side, spot);
        let stance = if stance.is_empty() {
            String::new()
        } else {
            format!("{stance}: ")
        };
        starts.push((Some(spot.node), lines.len()));
        let title = format!(" {stance}{} {}", n.id, n.headline());
        let mut first = vec![Span::styled(format!("[{letter}]"), badge)];
        first.push(Span::styled(
            wrap::truncate(&title, width.saturating_sub(3), theme.glyphs().ellipsis),
            theme.heading(),
        ));
        lines.push(Line::from(first));
        for r in &spot.reasons {
            lines.push(Line::from(vec![
                Span::raw("    "),
                Span::styled(
                    wrap::truncate(
                        r.describe(n.kind),
                        width.saturating_sub(4),
                        theme.glyphs().ellipsis,
                    ),
                    theme.dim(),
                ),
            ]));
        }
    }
    // Notes on nodes the map no longer has: kept, and shown here, never dropped.
    if let Some(layer) = layer {
        let orphans = layer.orphans(map);
        if !orphans.is_empty() {
            lines.push(Line::default());
            lines.extend(wrap_plain(
                "Your notes on nodes this map no longer has (kept):",
                width,
                theme.heading(),
            ));
            for id in orphans {
                let note = layer
                    .node(id)
                    .map(|s| s.note.replace('\n', " "))
                    .unwrap_or_default();
                lines.extend(indented(&format!("{id}: {note}"), width, Style::new()));
            }
        }
    }
    (lines, starts)
}

/// The frontlines view: "If they say X, we answer Y (¶n: "quote")" for each objection, and for
/// the side against the thesis, the lines of attack on each premise.
/// Text written for print (a card, the prep sheet) with the paragraph sign and the range dash
/// of the theme: "#4" and "7-9" in ASCII mode, where `¶` would come out as `?` or, transliterated,
/// as "P4", which reads as premise P4.
pub fn in_glyphs<'a>(text: &'a str, theme: &Theme) -> std::borrow::Cow<'a, str> {
    let g = theme.glyphs();
    if g.pilcrow == "¶" || !text.contains(['¶', '–']) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.replace('¶', g.pilcrow).replace('–', g.dash))
}

/// The prep sheet as `export --to markdown` writes it, wrapped to `width`: headings in the
/// heading style, and in ASCII mode transliterated like the map, so the pane never sends a byte
/// the terminal cannot show. The same text as the export, so what a restricted member reads
/// here is what a free one would print.
pub fn prep_sheet_lines(
    map: &ArgumentMap,
    layer: Option<&crate::study::Layer>,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    use crate::interchange::export::{Format, Options, render};
    let text = render(map, Format::Markdown, Options { layer });
    let mut lines = Vec::new();
    for line in text.lines() {
        // Transliterated after its indent, which transliteration would tidy away. The map is
        // already ASCII in ASCII mode; the sheet's own `¶` and dashes become one character each,
        // so the line counts (and the scroll limit reckoned without the theme) stay the same.
        let ascii;
        let line = if theme.ascii && !line.is_ascii() {
            let indent = line.len() - line.trim_start().len();
            // The paragraph sign as the rest of the ASCII screen writes it: "#4", not "P4",
            // which would read as premise P4.
            let rest = in_glyphs(&line[indent..], theme);
            ascii = format!(
                "{}{}",
                &line[..indent],
                crate::screen::ascii::transliterate(&rest)
            );
            ascii.as_str()
        } else {
            line
        };
        if line.is_empty() {
            lines.push(Line::default());
            continue;
        }
        let style = if line.starts_with('#') {
            theme.heading()
        } else {
            Style::new()
        };
        // Continuation rows of a list item or quote are indented under its text, as a printed
        // sheet would be.
        let lead = line.len() - line.trim_start_matches([' ', '-', '>']).len();
        if lead == 0 || lead * 2 >= width {
            lines.extend(wrap_plain(line, width, style));
            continue;
        }
        let (head, rest) = line.split_at(lead);
        for (i, r) in wrap::wrap(rest, width - lead).into_iter().enumerate() {
            let pad = if i == 0 {
                head.to_string()
            } else {
                " ".repeat(lead)
            };
            lines.push(Line::from(Span::styled(
                format!("{pad}{}", &rest[r]),
                style,
            )));
        }
    }
    lines
}

/// A node as the frontlines name it: its id and headline.
fn id_and_headline(map: &ArgumentMap, ix: NodeIx) -> String {
    let n = &map.nodes[ix];
    format!("{} {}", n.id, n.headline())
}

pub fn frontline_lines(
    map: &ArgumentMap,
    layer: Option<&crate::study::Layer>,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    use crate::study::prep;
    let mut lines = Vec::new();
    let name = |ix: NodeIx| id_and_headline(map, ix);
    let fronts = prep::frontlines(map);
    let voice = prep::voice(layer.and_then(|l| l.side));
    if fronts.is_empty() {
        lines.push(Line::from("The map raises no objection."));
    }
    for f in fronts {
        // What it is against, when that is not plain from the tree: an undercut attacks a step.
        let o = &map.nodes[f.objection];
        let mut said = match map.target_in_words(f.objection).filter(|_| o.undercuts) {
            Some(step) => format!("{} {}, against {step}: {}", voice.says, o.id, o.headline()),
            None => format!("{} {}", voice.says, name(f.objection)),
        };
        if let Some(at) = prep::where_said(
            map,
            f.objection,
            theme.glyphs().pilcrow,
            theme.glyphs().dash,
        ) {
            said.push_str(&format!(" ({at})"));
        }
        lines.extend(wrap_plain(&said, width, theme.heading()));
        let standing = f.standing(map);
        if let Some((label, words)) = standing.said() {
            let (press, style) = if standing.unanswered() {
                (voice.unanswered, theme.search_current())
            } else {
                ("", theme.heading())
            };
            lines.extend(indented(
                &format!("{}: {words}{press}", label.to_uppercase()),
                width,
                style,
            ));
        }
        for a in f.answers {
            let mut answer = format!("{} {}", voice.answer, name(a));
            if let Some(at) = prep::where_said(map, a, theme.glyphs().pilcrow, theme.glyphs().dash)
            {
                answer.push_str(&format!(" ({at})"));
            }
            lines.extend(indented(&answer, width, Style::new()));
        }
        // The critical questions of the objection's own scheme left open: what to ask of it.
        if o.scheme.is_some() {
            for a in prep::questions_to_ask(map, layer, f.objection) {
                let text = if a.fails {
                    format!("{}: {} (you judged it fails)", voice.ask, a.question.text)
                } else {
                    format!("{}: {}", voice.ask, a.question.text)
                };
                lines.extend(indented(&text, width, Style::new()));
            }
        }
        lines.push(Line::default());
    }
    if layer.and_then(|l| l.side) == Some(crate::study::Side::Against) {
        lines.extend(attack_lines(map, layer, theme, width));
    }
    lines
}

/// For a reader arguing against the thesis: each premise with the objections that attack it
/// and the critical questions of its step still open, as lines of attack.
fn attack_lines(
    map: &ArgumentMap,
    layer: Option<&crate::study::Layer>,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    use crate::study::prep;
    let mut lines = Vec::new();
    let name = |ix: NodeIx| id_and_headline(map, ix);
    lines.extend(wrap_plain(
        "Lines of attack on each premise",
        width,
        theme.heading().add_modifier(Modifier::UNDERLINED),
    ));
    for (premise, attacks) in prep::lines_of_attack(map) {
        lines.extend(wrap_plain(
            &format!("Against {}:", name(premise)),
            width,
            theme.heading(),
        ));
        if attacks.is_empty() {
            lines.extend(indented(
                "no objection in the map: find your own",
                width,
                theme.dim(),
            ));
        }
        for a in attacks {
            lines.extend(indented(&name(a), width, Style::new()));
        }
        // The critical questions of its step still open (or judged to fail it): lines of
        // attack.
        if map.nodes[premise].scheme.is_some() {
            for a in prep::questions_to_ask(map, layer, premise) {
                let text = if a.fails {
                    format!("ask: {} (you judged it fails the step)", a.question.text)
                } else {
                    format!("ask: {}", a.question.text)
                };
                lines.extend(indented(&text, width, Style::new()));
            }
        }
    }
    lines
}

/// `text` wrapped to `width` less an indent of four, each line indented.
fn indented(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    wrap::wrap(text, width.saturating_sub(4).max(1))
        .into_iter()
        .map(|r| {
            Line::from(vec![
                Span::raw("    "),
                Span::styled(text[r].to_string(), style),
            ])
        })
        .collect()
}

/// The critical questions of `owner`'s step as a list: a heading, then each question with what
/// the map answers it with and the reader's own answer. Returns the lines and each question's
/// first line (the window marks the selected one).
pub fn critical_question_lines(
    map: &ArgumentMap,
    owner: NodeIx,
    layer: Option<&crate::study::Layer>,
    theme: &Theme,
    width: usize,
) -> (Vec<Line<'static>>, Vec<(Option<NodeIx>, usize)>) {
    let g = theme.glyphs();
    let Some(scheme) = map.scheme_of(owner) else {
        return (Vec::new(), Vec::new());
    };
    let mut lines = wrap_plain(
        &format!(
            "The step from {}: {}. Answer each question from the article.",
            map.nodes[owner].id, scheme.name
        ),
        width,
        theme.heading(),
    );
    let mut starts = Vec::new();
    for asked in crate::study::questions::of_step(map, owner, layer) {
        starts.push((None, lines.len()));
        lines.extend(wrap_plain(&asked.said(map, g.pilcrow), width, Style::new()));
    }
    (lines, starts)
}

/// The differences of `map` from the reference as a list: the scores, then each difference
/// with the node of `map` it is about (none for what the reader has not mapped).
pub fn difference_lines(
    comparison: &crate::interchange::compare::Comparison,
    map: &ArgumentMap,
    theme: &Theme,
    width: usize,
) -> (Vec<Line<'static>>, Vec<(Option<NodeIx>, usize)>) {
    let mut lines = wrap_plain(&comparison.headline(), width, theme.heading());
    let items = crate::interchange::compare::differences(comparison, map);
    let mut starts = Vec::new();
    for d in items {
        starts.push((d.node, lines.len()));
        lines.extend(wrap_plain(&in_glyphs(&d.text, theme), width, Style::new()));
    }
    if comparison.to_look_at().is_empty() {
        lines.extend(wrap_plain(
            "No other difference: your map agrees with the reference.",
            width,
            Style::new(),
        ));
    }
    (lines, starts)
}
