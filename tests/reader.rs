//! What the reader shows on maps other than the shipped one: cited passages in view, the
//! hints that say where the rest is, markers in the tree, named links, and deep chains.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use argwalk::map::loader::{self, Builtin};
use argwalk::screen::app::{App, Focus, act};
use argwalk::screen::keymap::Action;
use argwalk::screen::theme::Theme;
use argwalk::screen::view;

const ASCII: Theme = Theme {
    color: false,
    ascii: true,
    plain: false,
};

/// An article of `n` paragraphs of five lines each at 80 columns, and a map over it.
fn article_map(n: usize, nodes: &str) -> App {
    let paragraphs: Vec<String> = (1..=n)
        .map(|i| {
            format!(
                "\"Paragraph {i} opens here. {} It closes here.\"",
                "Words fill the line to make the paragraph long enough to wrap. ".repeat(4)
            )
        })
        .collect();
    let text = format!(
        "[source]\ntitle = \"Long\"\nparagraphs = [\n{}\n]\n\n{nodes}",
        paragraphs.join(",\n")
    );
    let loaded = loader::load_str("long.toml", &text, &Builtin);
    let map = loaded
        .map
        .unwrap_or_else(|| panic!("{}", loaded.report.render(false)));
    App::new(map, 80, 24)
}

fn select(a: &mut App, id: &str) {
    while a.map().nodes[a.tree().selected].id != id {
        act(a, Action::WalkNext);
    }
}

fn screen(a: &App, theme: &Theme) -> String {
    view::buffer_text(&view::render_buffer(a, theme))
}

const SEVEN_AND_EIGHT: &str = r#"
[thesis]
id = "T"
text = "The thesis."
cite = [1]

[[premise]]
id = "P1"
supports = "T"
text = "Cites 7 and 8; its first quote is in 8."
cite = [7, { para = 8, quote = "Paragraph 8 opens here." }]

[[premise]]
id = "P2"
supports = "T"
text = "Cites 2 and 30."
cite = [{ para = 2, quote = "Paragraph 2 opens here." }, 30]
"#;

#[test]
fn a_step_shows_the_cited_paragraphs_from_the_first() {
    let mut a = article_map(40, SEVEN_AND_EIGHT);
    select(&mut a, "P1");
    let top = a.source().top;
    let seven = a.paragraph_lines(7);
    assert!(
        seven.start >= top,
        "¶7 starts at line {} but the pane starts at {top}",
        seven.start
    );
    assert_eq!(a.source().cursor, 7, "the first cited paragraph is marked");
    assert_eq!(a.cited_off_screen(), (vec![], vec![]));
}

#[test]
fn cited_paragraphs_off_screen_are_named_in_the_border() {
    let mut a = article_map(40, SEVEN_AND_EIGHT);
    select(&mut a, "P2");
    assert_eq!(a.cited_off_screen(), (vec![], vec![30]));
    let text = screen(&a, &Theme::FULL);
    assert!(text.contains("¶30 below"), "{text}");
    // After `]`, paragraph 30 is shown and 2 is above.
    act(&mut a, Action::NextCited);
    assert_eq!(a.cited_off_screen(), (vec![2], vec![]));
    assert!(screen(&a, &ASCII).contains("#2 above"));
}

#[test]
fn brackets_move_the_source_from_the_tree_and_keep_focus() {
    let mut a = article_map(40, SEVEN_AND_EIGHT);
    select(&mut a, "P2");
    assert_eq!(a.focus(), Focus::Tree);
    act(&mut a, Action::NextCited);
    assert_eq!((a.source().cursor, a.focus()), (30, Focus::Tree));
    act(&mut a, Action::PrevCited);
    assert_eq!((a.source().cursor, a.focus()), (2, Focus::Tree));
    // The key table binds them where the tree has focus too.
    let scopes = a.scopes();
    let key = argwalk::screen::key::Key::char(']');
    assert_eq!(
        argwalk::screen::keymap::resolve(&scopes, &key),
        Some(Action::NextCited)
    );
}

/// After any scroll or page, the paragraph `Enter` asks about begins on screen, unless it is
/// taller than the pane (then the gutter numbers it where it shows).
#[test]
fn the_marked_paragraph_begins_on_screen_after_any_scroll() {
    let mut a = article_map(40, SEVEN_AND_EIGHT);
    act(&mut a, Action::SwitchFocus);
    let moves = [
        Action::ScrollDown,
        Action::HalfPageDown,
        Action::SourcePageDown,
        Action::ScrollUp,
        Action::SourcePageUp,
        Action::HalfPageUp,
    ];
    for (i, &m) in moves.iter().cycle().take(600).enumerate() {
        act(&mut a, m);
        // Mostly downwards at first, then mostly up.
        if i > 300 {
            act(&mut a, Action::SourcePageUp);
        }
        let h = usize::from(a.areas().source_inner.height);
        let start = a.paragraph_lines(a.source().cursor).start;
        assert!(
            (a.source().top..a.source().top + h).contains(&start),
            "after {m:?}: ¶{} starts at {start}, pane shows {}..{}",
            a.source().cursor,
            a.source().top,
            a.source().top + h
        );
    }
}

#[test]
fn a_paragraph_taller_than_the_pane_is_numbered_where_it_shows() {
    let long = format!(
        "[source]\ntitle = \"Tall\"\nparagraphs = [\"{}\", \"Short.\"]\n\n[thesis]\nid = \"T\"\ntext = \"t\"\ncite = [1]\n",
        "word ".repeat(600)
    );
    let loaded = loader::load_str("tall.toml", &long, &Builtin);
    let mut a = App::new(loaded.map.unwrap(), 80, 24);
    act(&mut a, Action::SwitchFocus);
    for _ in 0..5 {
        act(&mut a, Action::ScrollDown);
    }
    assert_eq!(a.source().cursor, 1);
    let text = screen(&a, &Theme::FULL);
    let source: Vec<&str> = text.lines().skip_while(|l| !l.contains("Source")).collect();
    assert!(source[1].starts_with("› ↑1"), "{}", source[1]);
    act(&mut a, Action::ShowCiters);
    assert!(a.message().is_none(), "paragraph 1 is cited by T");
}

#[test]
fn conceded_and_implicit_are_marked_in_tree_rows() {
    let nodes = r#"
[thesis]
id = "T"
text = "t"
cite = [1]

[[premise]]
id = "P1"
supports = "T"
implicit = true
text = "Unstated."

[[counterpoint]]
id = "O1"
attacks = "T"
conceded = true
text = "Granted."
cite = [2]
"#;
    let mut a = article_map(3, nodes);
    for (theme, conceded, implicit) in [(Theme::FULL, "O1 ⚐", "P1 ⋯"), (ASCII, "O1 (c)", "P1 (i)")]
    {
        let text = screen(&a, &theme);
        assert!(text.contains(conceded) && text.contains(implicit), "{text}");
    }
    act(&mut a, Action::ToggleCounterpoints);
    assert!(screen(&a, &ASCII).contains("O1 (c)"));
}

#[test]
fn details_name_who_supports_and_attacks() {
    let mut nodes = String::from("[thesis]\nid = \"T\"\ntext = \"t\"\ncite = [1]\n");
    for i in 1..=9 {
        nodes.push_str(&format!(
            "\n[[premise]]\nid = \"P{i}\"\nsupports = \"T\"\nlabel = \"Reason {i}\"\ntext = \"r\"\ncite = [1]\n"
        ));
    }
    nodes.push_str("\n[[counterpoint]]\nid = \"O1\"\nattacks = \"T\"\nlabel = \"But no\"\ntext = \"o\"\ncite = [2]\n");
    let mut a = article_map(3, &nodes);
    let text = screen(&a, &Theme::FULL);
    assert!(text.contains("For: P1 Reason 1, P2 Reason 2"), "{text}");
    assert!(text.contains("more"), "{text}");
    assert!(text.contains("Against: O1 But no"), "{text}");
    act(&mut a, Action::ShowNode);
    let full = screen(&a, &Theme::FULL);
    assert!(full.contains("P9 Reason 9"), "i lists them all:\n{full}");
}

/// A chain thousands deep: the selected row and its neighbours are drawn, with their depth.
#[test]
fn deep_chains_keep_the_selection_in_view() {
    let mut nodes = String::from("[thesis]\nid = \"T\"\ntext = \"t\"\ncite = [1]\n");
    let mut parent = "T".to_string();
    for i in 1..3000 {
        nodes.push_str(&format!(
            "\n[[premise]]\nid = \"P{i}\"\nsupports = \"{parent}\"\ntext = \"Reason {i}\"\ncite = [1]\n"
        ));
        parent = format!("P{i}");
    }
    let mut a = article_map(2, &nodes);
    a = {
        let map = a.map().clone();
        App::new(map, 120, 40)
    };
    act(&mut a, Action::Last);
    for theme in [Theme::FULL, ASCII] {
        let text = screen(&a, &theme);
        let row = text
            .lines()
            .find(|l| l.contains("P2999 Reason 2999"))
            .unwrap_or_else(|| panic!("the selected row is not drawn:\n{text}"));
        assert!(row.contains("2999"), "{row}");
        assert!(text.contains("P2998 Reason 2998"), "its neighbour too");
    }
}

#[test]
fn outline_of_a_deep_chain_stays_linear() {
    let mut text = String::from(
        "[source]\ntitle = \"Deep\"\nparagraphs = [\"p\"]\n\n[thesis]\nid = \"T\"\ntext = \"t\"\ncite = [1]\n",
    );
    let mut parent = "T".to_string();
    for i in 1..2000 {
        text.push_str(&format!(
            "\n[[premise]]\nid = \"P{i}\"\nsupports = \"{parent}\"\ntext = \"r\"\ncite = [1]\n"
        ));
        parent = format!("P{i}");
    }
    let loaded = loader::load_str("deep.toml", &text, &Builtin);
    let outline = argwalk::map::outline::render(&loaded.map.unwrap());
    let longest = outline.lines().map(str::len).max().unwrap_or(0);
    assert!(longest < 100, "a line of {longest} bytes");
    assert!(outline.contains("(depth 1999)"), "the depth is told");
    assert!(outline.len() < 2000 * 80, "{} bytes", outline.len());
}

/// ASCII mode transliterates the map before it is drawn: the text still reads, and every quote
/// still highlights the same words of its paragraph.
#[test]
fn ascii_mode_transliterates_text_and_keeps_quotes_in_place() {
    let map = loader::load_builtin().map.unwrap();
    let before: Vec<String> = map
        .nodes
        .iter()
        .flat_map(|n| n.citations.iter().filter_map(|c| c.quote.as_ref()))
        .map(|q| q.text.clone())
        .collect();
    let ascii = argwalk::screen::ascii::map(map);
    let p5 = &ascii.source.paragraphs[4].text;
    assert!(p5.contains("'Shiafication'"), "{p5}");
    let mut quotes = 0;
    for n in &ascii.nodes {
        assert!(n.text.is_ascii() && n.id.is_ascii());
        for q in n.citations.iter().filter_map(|c| c.quote.as_ref()) {
            let p = &ascii.source.paragraphs[q.paragraph - 1].text;
            assert!(p.is_ascii());
            assert_eq!(&p[q.range.clone()], q.text);
            quotes += 1;
        }
    }
    assert_eq!(quotes, before.len());
    let a = App::new(ascii, 80, 24);
    assert!(screen(&a, &ASCII).is_ascii());
}

/// A node that bears on two others sits under its first link, and the tree, the details and
/// the outline name the other; `by` is told in details and outline.
#[test]
fn cross_links_and_by_are_shown_in_tree_details_and_outline() {
    let nodes = r#"
[thesis]
id = "T"
text = "t"
cite = [1]

[[premise]]
id = "P1"
supports = "T"
label = "First reason"
text = "r1"
cite = [1]

[[premise]]
id = "P2"
supports = "T"
attacks = "O1"
label = "Second reason"
by = "the Justice Department"
text = "r2"
cite = [2]

[[evidence]]
id = "E1"
supports = ["P1", "P2"]
text = "e"
cite = [2]

[[counterpoint]]
id = "O1"
attacks = "P1"
label = "An objection"
text = "o"
cite = [3]
"#;
    let mut a = article_map(3, nodes);
    let text = screen(&a, &Theme::FULL);
    assert!(text.contains("E1 ⇢P2"), "{text}");
    assert!(text.contains("P2 ⇢O1"), "{text}");
    assert!(screen(&a, &ASCII).contains("E1 ->P2"));
    // P2: its cross-link and who claims it.
    while a.map().nodes[a.tree().selected].id != "P2" {
        act(&mut a, Action::WalkNext);
    }
    let text = screen(&a, &Theme::FULL);
    assert!(text.contains("Also attacks: O1 An objection"), "{text}");
    assert!(text.contains("claimed by the Justice Department"), "{text}");
    assert!(
        text.contains("For: E1"),
        "E1 supports P2 by a cross-link:\n{text}"
    );
    // The walk visits E1 once.
    let steps = a
        .map()
        .walk
        .iter()
        .filter(|&&ix| a.map().nodes[ix].id == "E1")
        .count();
    assert_eq!(steps, 1);
    let outline = argwalk::map::outline::render(a.map());
    assert!(outline.contains("**E1** (also supports P2)"), "{outline}");
    assert!(
        outline.contains("also against O1, claimed by the Justice Department"),
        "{outline}"
    );
}

/// A broken save keeps the last good map on screen; the status line counts the errors on every
/// frame until a clean save, and `!` lists them with line and column.
#[test]
fn a_broken_reload_keeps_the_map_and_counts_its_errors() {
    use argwalk::screen::event::Event;
    let mut a = App::new(loader::load_builtin().map.unwrap(), 120, 40);
    let start = argwalk::screen::app::Start {
        files: Some(argwalk::screen::app::MapFiles::new("m.toml".into(), None)),
        ..Default::default()
    };
    argwalk::screen::app::handle(&mut a, start.event());
    act(&mut a, Action::WalkNext);
    let broken = loader::BUILTIN_MAP.replacen("supports = \"T\"", "supports: \"T\"", 1);
    let loaded = loader::load_str("m.toml", &broken, &Builtin);
    argwalk::screen::app::handle(&mut a, Event::Reloaded(Box::new(loaded)));
    assert_eq!(
        a.map().nodes[a.tree().selected].id,
        "O1",
        "the last good map, where it was"
    );
    act(&mut a, Action::WalkNext);
    assert!(screen(&a, &Theme::FULL).contains("1 error in the saved map: ! shows"));
    act(&mut a, Action::ShowProblems);
    let text = screen(&a, &Theme::FULL);
    assert!(
        text.contains("m.toml:") && text.contains("joined with `=`"),
        "{text}"
    );
    act(&mut a, Action::OverlayClose);
    let clean = loader::load_str("m.toml", loader::BUILTIN_MAP, &Builtin);
    argwalk::screen::app::handle(&mut a, Event::Reloaded(Box::new(clean)));
    assert!(a.problems().is_none());
    assert_eq!(
        a.map().nodes[a.tree().selected].id,
        "R1",
        "the selection is kept by id"
    );
    act(&mut a, Action::WalkNext);
    assert!(!screen(&a, &Theme::FULL).contains("in the saved map"));
}

/// Issue 23.10: at every walk step of every shipped map, at 80x24 and 120x40, the marked
/// paragraph of the source is on screen: its first line in view shows the mark, read from the
/// rendered screen.
#[test]
fn the_marked_paragraph_is_on_screen_at_every_walk_step() {
    let theme = argwalk::screen::theme::Theme::FULL;
    for entry in std::fs::read_dir("argument-maps").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") || argwalk::team::library::is_debate(&path)
        {
            continue;
        }
        let map = loader::load_path(&path).unwrap().map.unwrap();
        for (w, h) in [(80u16, 24u16), (120, 40)] {
            let mut a = App::new(map.clone(), w, h);
            for step in 0..a.map().walk.len() {
                let cursor = a.source().cursor;
                let lines = a.paragraph_lines(cursor);
                let top = a.source().top;
                let inner = a.areas().source_inner;
                let first = lines.start.max(top);
                assert!(
                    first >= top
                        && first < lines.end.max(lines.start + 1)
                        && first - top < usize::from(inner.height),
                    "{}: step {step} at {w}x{h}: paragraph {cursor} (lines {lines:?}) not in view from line {top}",
                    path.display()
                );
                let screen = argwalk::screen::view::buffer_text(
                    &argwalk::screen::view::render_buffer(&a, &theme),
                );
                let row: String = screen
                    .lines()
                    .nth(usize::from(inner.y) + first - top)
                    .unwrap()
                    .chars()
                    .skip(usize::from(inner.x))
                    .collect();
                assert!(
                    row.starts_with('›') || row.starts_with('>'),
                    "{}: step {step} at {w}x{h}: no mark on the paragraph's first line in view:\n{screen}",
                    path.display()
                );
                act(&mut a, Action::WalkNext);
            }
        }
    }
}
