//! State-machine tests: every binding of the key table, through the same resolve + update path
//! the terminal uses, and the walk from the first step to the last and back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use argwalk::map::loader;
use argwalk::map::model::{Kind, Role};
use argwalk::screen::app::{App, Focus, Hit, Overlay, act, handle};
use argwalk::screen::event::{Effect, Event};
use argwalk::screen::key::{Key as KeyEvent, KeyCode, Mods as KeyModifiers};
use argwalk::screen::keymap::{self, Action, BINDINGS, Scope};

fn app() -> App {
    App::new(loader::load_builtin().map.unwrap(), 120, 40)
}

/// Presses a key, through `handle` as the terminal does; returns what the session asks for.
fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    handle(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ch(app: &mut App, c: char) -> Vec<Effect> {
    press(app, KeyCode::Char(c))
}

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    handle(
        app,
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    )
}

/// The exit status the effects end the session with, if they do.
fn quits(effects: &[Effect]) -> Option<i32> {
    effects.iter().find_map(|e| match e {
        Effect::Quit(code) => Some(*code),
        _ => None,
    })
}

fn id(app: &App) -> &str {
    &app.map().nodes[app.tree().selected].id
}

#[test]
fn every_binding_resolves_to_its_action_in_its_scope() {
    for b in BINDINGS {
        let scopes: Vec<Scope> = match b.scope {
            Scope::Tree | Scope::Source => vec![b.scope, Scope::Global],
            other => vec![other],
        };
        for k in b.keys {
            let event = KeyEvent::new(k.code, k.mods);
            assert_eq!(
                keymap::resolve(&scopes, &event),
                Some(b.action),
                "{} in {:?}",
                k.name(),
                b.scope
            );
        }
        assert!(!b.description.is_empty());
    }
}

#[test]
fn no_key_is_bound_twice_in_one_scope() {
    for (i, a) in BINDINGS.iter().enumerate() {
        for b in &BINDINGS[i + 1..] {
            if a.scope == b.scope {
                for k in a.keys {
                    assert!(
                        !b.keys.contains(k),
                        "{} bound twice in {:?}",
                        k.name(),
                        a.scope
                    );
                }
            }
        }
    }
}

#[test]
fn help_lists_every_key_of_the_table() {
    let help: String = argwalk::screen::sheet::help_lines(&argwalk::screen::theme::Theme::FULL)
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
                + "\n"
        })
        .collect();
    // The flow sheet's keys are in the flow's own help.
    let flow_help = argwalk::screen::flow::help_lines().join("\n");
    for b in BINDINGS {
        let help = if b.scope.is_flow() { &flow_help } else { &help };
        assert!(
            help.contains(&keymap::key_names(b)),
            "{} missing from help",
            keymap::key_names(b)
        );
        assert!(
            help.contains(b.description),
            "{} missing from help",
            b.description
        );
    }
}

#[test]
fn walk_from_first_step_to_last_and_back() {
    let mut a = app();
    let walk = a.map().walk.clone();
    assert_eq!(a.tree().selected, walk[0]);
    assert_eq!(a.step(), (Some(1), walk.len()));
    for (i, &expected) in walk.iter().enumerate().skip(1) {
        ch(&mut a, 'n');
        assert_eq!(a.tree().selected, expected);
        assert_eq!(a.step(), (Some(i + 1), walk.len()));
        // The source marks a paragraph the node cites, when it cites any.
        let node = &a.map().nodes[a.tree().selected];
        if !node.citations.is_empty() {
            assert!(
                node.cites(a.source().cursor),
                "{}: cursor on {}",
                node.id,
                a.source().cursor
            );
        }
    }
    ch(&mut a, 'n');
    assert_eq!(a.tree().selected, *walk.last().unwrap());
    assert!(a.message().unwrap().contains("last step"));
    for &expected in walk.iter().rev().skip(1) {
        ch(&mut a, 'p');
        assert_eq!(a.tree().selected, expected);
    }
    ch(&mut a, 'p');
    assert!(a.message().unwrap().contains("first step"));
}

#[test]
fn walk_unfolds_what_it_steps_into() {
    let mut a = app();
    ch(&mut a, 'z');
    assert_eq!(
        a.tree().rows.len(),
        1 + a.map().nodes[a.map().thesis].children.len()
    );
    ch(&mut a, 'n');
    ch(&mut a, 'n');
    assert_eq!(id(&a), "R1");
    assert!(a.row_of(a.tree().selected).is_some());
}

#[test]
fn tree_movement_keys() {
    let mut a = app();
    press(&mut a, KeyCode::Down);
    assert_eq!(id(&a), "O1");
    ch(&mut a, 'j');
    assert_eq!(id(&a), "R1");
    ch(&mut a, 'k');
    press(&mut a, KeyCode::Up);
    assert_eq!(id(&a), "T");
    ch(&mut a, 'G');
    assert_eq!(id(&a), "P0");
    ch(&mut a, 'g');
    assert_eq!(id(&a), "T");
    press(&mut a, KeyCode::End);
    press(&mut a, KeyCode::Home);
    assert_eq!(id(&a), "T");
    press(&mut a, KeyCode::PageDown);
    let row = a.row_of(a.tree().selected).unwrap();
    assert!(row > 10, "{row}");
    ctrl(&mut a, 'u');
    assert_eq!(id(&a), "T");
    ctrl(&mut a, 'd');
    assert_eq!(a.row_of(a.tree().selected), Some(row));
    press(&mut a, KeyCode::PageUp);
    assert_eq!(id(&a), "T");
}

#[test]
fn fold_keys() {
    let mut a = app();
    let all = a.tree().rows.len();
    ch(&mut a, 'l');
    assert_eq!(
        id(&a),
        "O1",
        "l on an unfolded node goes to its first child"
    );
    ch(&mut a, 'h');
    assert!(a.is_folded(a.tree().selected), "h folds");
    assert_eq!(a.tree().rows.len(), all - 1);
    press(&mut a, KeyCode::Left);
    assert_eq!(id(&a), "T", "h on a folded node goes to the parent");
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Right);
    assert!(!a.is_folded(a.tree().selected), "l unfolds");
    press(&mut a, KeyCode::Enter);
    assert!(a.is_folded(a.tree().selected), "Enter toggles");
    ch(&mut a, ' ');
    assert!(!a.is_folded(a.tree().selected), "Space toggles");
    ch(&mut a, 'z');
    assert!(a.tree().rows.len() < all);
    ch(&mut a, 'Z');
    assert_eq!(a.tree().rows.len(), all);
    ch(&mut a, 'j');
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.message(), Some("R1 has nothing to fold"));
}

#[test]
fn folding_an_ancestor_moves_the_selection_up() {
    let mut a = app();
    ch(&mut a, 'n');
    ch(&mut a, 'n');
    assert_eq!(id(&a), "R1");
    ch(&mut a, 'z');
    assert_eq!(id(&a), "O1");
}

#[test]
fn focus_and_source_keys() {
    let mut a = app();
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.focus(), Focus::Source);
    assert_eq!(a.scopes(), vec![Scope::Source, Scope::Global]);
    let top = a.source().top;
    ch(&mut a, 'j');
    assert_eq!(a.source().top, top + 1);
    press(&mut a, KeyCode::Down);
    ch(&mut a, 'k');
    press(&mut a, KeyCode::Up);
    assert_eq!(a.source().top, top);
    press(&mut a, KeyCode::PageDown);
    let paged = a.source().top;
    assert!(paged > top + 20, "{paged}");
    press(&mut a, KeyCode::PageUp);
    assert_eq!(a.source().top, top);
    ctrl(&mut a, 'd');
    let half = a.source().top;
    assert!(half > top && half < paged, "{half}");
    ctrl(&mut a, 'u');
    assert_eq!(a.source().top, top);
    ch(&mut a, 'G');
    assert_eq!(a.source().cursor, 21);
    ch(&mut a, 'g');
    assert_eq!(a.source().cursor, 1);
    press(&mut a, KeyCode::End);
    press(&mut a, KeyCode::Home);
    assert_eq!(a.source().cursor, 1);
    // The thesis cites 1, 3, 18 and 19.
    ch(&mut a, ']');
    assert_eq!(a.source().cursor, 3);
    ch(&mut a, ']');
    assert_eq!(a.source().cursor, 18);
    ch(&mut a, ']');
    ch(&mut a, ']');
    assert_eq!(a.source().cursor, 19);
    assert!(a.message().is_some());
    ch(&mut a, '[');
    assert_eq!(a.source().cursor, 18);
    press(&mut a, KeyCode::BackTab);
    assert_eq!(a.focus(), Focus::Tree);
}

#[test]
fn scrolling_past_the_end_moves_the_mark_to_every_paragraph() {
    let mut a = app();
    press(&mut a, KeyCode::Tab);
    ch(&mut a, 'g');
    let mut seen = std::collections::BTreeSet::from([a.source().cursor]);
    for _ in 0..400 {
        ch(&mut a, 'j');
        seen.insert(a.source().cursor);
    }
    assert_eq!(seen.last(), Some(&21));
    assert_eq!(seen.len(), 21, "{seen:?}");
}

#[test]
fn who_cites_a_paragraph() {
    let mut a = app();
    press(&mut a, KeyCode::Tab);
    ch(&mut a, 'G');
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.message(), Some("No node cites paragraph 21"));
    // Paragraph 12 is cited by several nodes.
    while a.source().cursor != 12 {
        ch(&mut a, 'k');
    }
    press(&mut a, KeyCode::Enter);
    assert!(
        matches!(a.overlay(), Overlay::Citers { paragraph: 12, list } if list.selected == 0),
        "{:?}",
        a.overlay()
    );
    assert_eq!(a.scopes(), vec![Scope::Citers]);
    ch(&mut a, 'n');
    assert!(
        matches!(a.overlay(), Overlay::Citers { paragraph: 12, list } if list.selected == 0),
        "an overlay swallows other keys"
    );
    ch(&mut a, 'j');
    press(&mut a, KeyCode::Down);
    ch(&mut a, 'k');
    let chosen = a.map().citers(12)[1];
    press(&mut a, KeyCode::Enter);
    assert_eq!(*a.overlay(), Overlay::None);
    assert_eq!(a.tree().selected, chosen);
    assert_eq!(a.focus(), Focus::Tree);
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Enter);
    let e = ch(&mut a, 'q');
    assert_eq!(*a.overlay(), Overlay::None);
    assert_eq!(e, vec![], "q closes the list, it does not quit");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Esc);
    assert_eq!(*a.overlay(), Overlay::None);
}

#[test]
fn search_is_incremental_and_cycles() {
    let mut a = app();
    ch(&mut a, '/');
    assert!(a.search().prompt);
    assert_eq!(a.scopes(), vec![Scope::Search]);
    for c in "sol".chars() {
        ch(&mut a, c);
    }
    let hits_sol = a.search().hits.len();
    ch(&mut a, 'e');
    assert!(a.search().hits.len() <= hits_sol);
    assert_eq!(
        a.search().hits.first(),
        Some(&Hit::Node(a.map().find("E3b").unwrap()))
    );
    assert_eq!(id(&a), "E3b", "the first match is selected while typing");
    ch(&mut a, 'n');
    ch(&mut a, 'q');
    assert_eq!(
        a.search().query,
        "solenq",
        "letters are text in the prompt, not commands"
    );
    press(&mut a, KeyCode::Backspace);
    press(&mut a, KeyCode::Backspace);
    assert_eq!(a.search().query, "sole");
    press(&mut a, KeyCode::Down);
    assert_eq!(a.search().current, Some(1));
    ctrl(&mut a, 'p');
    assert_eq!(a.search().current, Some(0));
    ctrl(&mut a, 'n');
    press(&mut a, KeyCode::Up);
    press(&mut a, KeyCode::Enter);
    assert!(!a.search().prompt);
    assert!(a.search().active());
    let n = a.search().hits.len();
    for i in 1..=n {
        ch(&mut a, '>');
        assert_eq!(a.search().current, Some(i % n));
    }
    ch(&mut a, '<');
    assert_eq!(a.search().current, Some(n - 1));
    let e = press(&mut a, KeyCode::Esc);
    assert!(!a.search().active(), "Esc clears the search first");
    assert_eq!(quits(&e), None);
    let e = press(&mut a, KeyCode::Esc);
    assert_eq!(e, vec![Effect::Quit(0)]);
}

#[test]
fn search_cancel_goes_back() {
    let mut a = app();
    ch(&mut a, 'n');
    let before = a.tree().selected;
    ch(&mut a, '/');
    for c in "hegemony".chars() {
        ch(&mut a, c);
    }
    assert_ne!(a.tree().selected, before);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.tree().selected, before);
    assert!(!a.search().prompt && !a.search().active());
    assert_eq!(ctrl(&mut a, 'c'), vec![Effect::Quit(130)]);
}

#[test]
fn search_is_smart_case_and_finds_source_text() {
    let mut a = app();
    act(&mut a, Action::StartSearch);
    for c in "Reuters".chars() {
        act(&mut a, Action::SearchInput(c));
    }
    let text = &a.map().source.paragraphs[1].text;
    match &a.search().hits[..] {
        [
            Hit::Text {
                paragraph: 2,
                range,
            },
        ] => assert_eq!(&text[range.clone()], "Reuters"),
        other => panic!("one match in paragraph 2, not {other:?}"),
    }
    act(&mut a, Action::SearchConfirm);
    assert_eq!(a.focus(), Focus::Source);
    assert_eq!(a.source().cursor, 2);
    act(&mut a, Action::StartSearch);
    for c in "REUTERS".chars() {
        act(&mut a, Action::SearchInput(c));
    }
    assert!(
        a.search().hits.is_empty(),
        "upper case makes the search case-sensitive"
    );
}

#[test]
fn counterpoint_filter_and_its_walk() {
    let mut a = app();
    ch(&mut a, 'c');
    assert!(a.walk_state().counterpoints_only);
    assert_eq!(a.map().nodes[a.tree().selected].kind, Kind::Counterpoint);
    assert!(a.tree().rows.iter().all(|&ix| {
        let n = &a.map().nodes[ix];
        n.kind != Kind::Evidence
    }));
    let (_, total) = a.step();
    let counterpoints = a
        .map()
        .nodes
        .iter()
        .filter(|n| n.kind == Kind::Counterpoint)
        .count();
    assert_eq!(total, counterpoints);
    for _ in 0..total + 2 {
        assert!(matches!(
            a.map().nodes[a.tree().selected].role,
            Role::Objection | Role::Rebuttal
        ));
        ch(&mut a, 'n');
    }
    ch(&mut a, 'c');
    assert!(!a.walk_state().counterpoints_only);
    assert_eq!(a.tree().rows.len(), a.map().nodes.len());
}

#[test]
fn help_and_quit_keys() {
    let mut a = app();
    ch(&mut a, '?');
    assert_eq!(*a.overlay(), Overlay::Help { scroll: 0 });
    ch(&mut a, 'j');
    press(&mut a, KeyCode::Down);
    ch(&mut a, 'k');
    assert_eq!(*a.overlay(), Overlay::Help { scroll: 1 });
    for _ in 0..200 {
        ch(&mut a, 'j');
    }
    let Overlay::Help { scroll } = *a.overlay() else {
        panic!("help closed")
    };
    assert!(
        scroll > 1 && scroll < 200,
        "scrolling stops at the end: {scroll}"
    );
    ch(&mut a, 'j');
    assert_eq!(*a.overlay(), Overlay::Help { scroll }, "and stays there");
    press(&mut a, KeyCode::Esc);
    for close in [
        KeyCode::Esc,
        KeyCode::Char('?'),
        KeyCode::Char('q'),
        KeyCode::Enter,
    ] {
        ch(&mut a, '?');
        let e = press(&mut a, close);
        assert_eq!(*a.overlay(), Overlay::None);
        assert_eq!(quits(&e), None);
    }
    let mut small = App::new(loader::load_builtin().map.unwrap(), 80, 24);
    ch(&mut small, '?');
    ch(&mut small, 'j');
    press(&mut small, KeyCode::Down);
    ch(&mut small, 'k');
    assert_eq!(*small.overlay(), Overlay::Help { scroll: 1 });
    press(&mut small, KeyCode::Up);
    assert_eq!(quits(&ctrl(&mut small, 'c')), Some(130));
    assert_eq!(ch(&mut a, 'q'), vec![Effect::Quit(0)]);
    let mut b = app();
    assert_eq!(press(&mut b, KeyCode::Esc), vec![Effect::Quit(0)]);
}

#[test]
fn unbound_keys_change_nothing() {
    let mut a = app();
    let theme = argwalk::screen::theme::Theme::FULL;
    let before = argwalk::screen::view::render_buffer(&a, &theme);
    for c in ['x', '1', '~', 'X'] {
        assert_eq!(ch(&mut a, c), vec![]);
    }
    assert_eq!(before, argwalk::screen::view::render_buffer(&a, &theme));
}

#[test]
fn resize_keeps_the_selection_visible() {
    let mut a = app();
    for _ in 0..30 {
        ch(&mut a, 'n');
    }
    act(&mut a, Action::Resize(80, 24));
    let row = a.row_of(a.tree().selected).unwrap();
    let h = usize::from(a.areas().tree_inner.height);
    assert!(row >= a.tree().top && row < a.tree().top + h);
    act(&mut a, Action::Resize(1, 1));
    act(&mut a, Action::Resize(300, 100));
    assert!(a.row_of(a.tree().selected).is_some());
}

#[test]
fn a_node_in_full() {
    let mut small = App::new(loader::load_builtin().map.unwrap(), 80, 24);
    for _ in 0..16 {
        ch(&mut small, 'n');
    }
    assert_eq!(id(&small), "O3");
    ch(&mut small, 'i');
    assert_eq!(*small.overlay(), Overlay::Node { scroll: 0 });
    assert_eq!(small.scopes(), vec![Scope::Node]);
    ch(&mut small, 'n');
    assert_eq!(id(&small), "O3", "the overlay swallows other keys");
    ch(&mut small, 'j');
    press(&mut small, KeyCode::Down);
    ch(&mut small, 'k');
    press(&mut small, KeyCode::Up);
    assert_eq!(*small.overlay(), Overlay::Node { scroll: 0 });
    press(&mut small, KeyCode::Esc);
    for close in [
        KeyCode::Esc,
        KeyCode::Char('i'),
        KeyCode::Char('q'),
        KeyCode::Enter,
    ] {
        ch(&mut small, 'i');
        assert_eq!(press(&mut small, close), vec![]);
        assert_eq!(*small.overlay(), Overlay::None);
    }
    ch(&mut small, 'i');
    assert_eq!(ctrl(&mut small, 'c'), vec![Effect::Quit(130)]);
}

#[test]
fn every_help_line_fits_the_help_window_at_80_columns() {
    let inner = usize::from(argwalk::screen::layout::overlay_area(80, 24).width) - 2;
    for line in argwalk::screen::sheet::help_lines(&argwalk::screen::theme::Theme::FULL) {
        let width: usize = line
            .spans
            .iter()
            .map(|s| argwalk::screen::wrap::width(&s.content))
            .sum();
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert!(width <= inner, "{width} > {inner}: {text:?}");
    }
}

/// A small map of a typeset article: curly quotes, dashes, accents, a word said three times.
fn typeset() -> App {
    let text = r#"
[source]
title = "Typeset"
paragraphs = [
  "The envoy said they can’t agree – not “yet” – on Erdoğan’s plan.",
  "Talks, talks and more talks: the talks go on.",
]

[thesis]
id = "T"
text = "They can’t agree yet."
cite = [{ para = 1, quote = "can’t agree" }]

[[premise]]
id = "P1"
supports = "T"
text = "The talks go on."
cite = [{ para = 2, quote = "the talks go on" }]
"#;
    let loaded = loader::load_str("typeset.toml", text, &loader::Builtin);
    App::new(loaded.map.expect("the typeset map loads"), 120, 40)
}

fn search_for(a: &mut App, query: &str) {
    act(a, Action::StartSearch);
    for c in query.chars() {
        act(a, Action::SearchInput(c));
    }
    act(a, Action::SearchConfirm);
}

#[test]
fn search_folds_typography_in_paragraphs_and_nodes() {
    let mut a = typeset();
    search_for(&mut a, "can't");
    let node = a.map().find("T").unwrap();
    assert_eq!(
        a.search().hits[0],
        Hit::Node(node),
        "node text is folded too"
    );
    let text = a.map().source.paragraphs[0].text.clone();
    let in_text: Vec<&str> = a
        .search()
        .hits
        .iter()
        .filter_map(|h| match h {
            Hit::Text { range, .. } => Some(&text[range.clone()]),
            Hit::Node(_) => None,
        })
        .collect();
    assert_eq!(in_text, ["can’t"]);
    search_for(&mut a, "\"yet\" - on erdogan's");
    assert_eq!(a.search().hits.len(), 1, "{:?}", a.search().hits);
}

#[test]
fn every_match_in_a_paragraph_is_a_stop() {
    let mut a = typeset();
    search_for(&mut a, "talks");
    let stops: Vec<(usize, usize)> = a
        .search()
        .hits
        .iter()
        .filter_map(|h| match h {
            Hit::Text { paragraph, range } => Some((*paragraph, range.start)),
            Hit::Node(_) => None,
        })
        .collect();
    assert_eq!(stops, [(2, 0), (2, 7), (2, 22), (2, 33)]);
    let nodes = a.search().hits.len() - stops.len();
    // `>` visits each in turn, the node first, then each of the four in the paragraph.
    let mut seen = Vec::new();
    for _ in 0..a.search().hits.len() {
        ch(&mut a, '>');
        if let Some(Hit::Text { range, .. }) = a.search().current_hit() {
            seen.push(range.start);
            assert_eq!(a.source().cursor, 2);
            assert_eq!(a.focus(), Focus::Source);
        }
    }
    assert_eq!(seen.len(), 4, "{nodes} node stops and four in the text");
    seen.sort_unstable();
    assert_eq!(seen, [0, 7, 22, 33]);
}

#[test]
fn the_current_match_is_drawn_apart_without_colour_too() {
    use ratatui::style::Modifier;
    for theme in [
        argwalk::screen::theme::Theme::FULL,
        argwalk::screen::theme::Theme {
            color: false,
            ascii: false,
            plain: false,
        },
    ] {
        let mut a = typeset();
        search_for(&mut a, "talks");
        while !matches!(a.search().current_hit(), Some(Hit::Text { range, .. }) if range.start == 7)
        {
            ch(&mut a, '>');
        }
        let buffer = argwalk::screen::view::render_buffer(&a, &theme);
        let text = argwalk::screen::view::buffer_text(&buffer);
        // Find the row holding paragraph 2 in the source pane and its four matches.
        let (y, line) = text
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains("Talks, talks and more talks"))
            .expect("paragraph 2 on screen");
        let x0 = line.find("Talks, talks").unwrap();
        let cols = |byte: usize| line[..byte].chars().count() as u16;
        let style_at = |b: usize| buffer[(cols(x0 + b), y as u16)].style();
        let current = style_at(7);
        for other in [0, 22] {
            let s = style_at(other);
            assert_ne!(s, current, "match at {other} looks like the current one");
            assert!(
                s.add_modifier.contains(Modifier::UNDERLINED) || s.bg.is_some(),
                "match at {other} not highlighted: {s:?}"
            );
        }
        assert!(
            current
                .add_modifier
                .contains(Modifier::BOLD | Modifier::UNDERLINED)
        );
        let plain = style_at(6);
        assert_ne!(
            plain,
            style_at(0),
            "text between matches is not highlighted"
        );
    }
}

/// Every window's scope, from the one scope table, has a key that leaves it and is in the
/// help and the configuration by its title and name: a window cannot be added without them.
#[test]
fn every_window_scope_can_be_left_and_is_named() {
    use argwalk::screen::keymap::key_in;
    let help = argwalk::screen::sheet::help_lines(&argwalk::screen::theme::Theme::FULL)
        .iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join("\n")
        + &argwalk::screen::flow::help_lines().join("\n");
    let config = argwalk::screen::config::default_text();
    for &scope in Scope::ALL.iter().filter(|s| s.is_window()) {
        let leaves = [Action::OverlayClose, Action::NoteSave]
            .into_iter()
            .any(|a| key_in(&[scope], a).is_some());
        assert!(leaves, "{scope:?} has no key to leave it");
        assert!(help.contains(scope.title()), "{scope:?} not in help");
        assert!(
            config.contains(&format!("[keys.{}]", scope.config_name())),
            "{scope:?} not in the configuration"
        );
    }
}

/// Issue 23.10: at 80x24 the library's rows keep their node counts; the title is cut instead.
#[test]
fn library_rows_keep_their_counts_at_80x24() {
    let mut library = argwalk::screen::library::Picker::new(
        argwalk::team::library::Library::open(std::path::Path::new("argument-maps"), None).unwrap(),
    );
    let rows = argwalk::screen::library::Picker::rows(24);
    library.read_visible(rows);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| library.render(f, &argwalk::screen::theme::Theme::FULL))
        .unwrap();
    let screen = argwalk::screen::view::buffer_text(terminal.backend().buffer());
    let maps: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains(".toml") && !l.contains("motion") && !l.contains("flow"))
        .collect();
    assert_eq!(maps.len(), 4, "{screen}");
    for row in maps {
        assert!(row.contains(" nodes"), "{row}");
    }
}
