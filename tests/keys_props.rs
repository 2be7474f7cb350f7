//! Property test: random key sequences at random sizes never panic and keep the state valid.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use argwalk::map::loader;
use argwalk::screen::app::{App, Start, handle};
use argwalk::screen::event::{Effect, Event};
use argwalk::screen::key::{Key as KeyEvent, KeyCode, Mods as KeyModifiers};
use argwalk::screen::keymap::BINDINGS;
use argwalk::screen::theme::Theme;
use argwalk::screen::view;
use proptest::prelude::*;

fn any_key() -> impl Strategy<Value = KeyEvent> {
    let bound: Vec<KeyEvent> = BINDINGS
        .iter()
        .flat_map(|b| b.keys.iter().map(|k| KeyEvent::new(k.code, k.mods)))
        .collect();
    prop_oneof![
        4 => proptest::sample::select(bound),
        1 => any::<char>().prop_map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
    ]
}

#[derive(Debug, Clone)]
enum Step {
    Key(KeyEvent),
    Resize(u16, u16),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        9 => any_key().prop_map(Step::Key),
        1 => (1u16..=1000, 1u16..=300).prop_map(|(w, h)| Step::Resize(w, h)),
    ]
}

/// The Mill map, as a reference the built-in map differs from everywhere.
fn reference() -> std::sync::Arc<argwalk::map::model::ArgumentMap> {
    let path = std::path::Path::new("argument-maps/mill-on-liberty-ch2.toml");
    std::sync::Arc::new(loader::load_path(path).unwrap().map.unwrap())
}

/// A library with a class beside it: alice's copy of the Mill map and carol with none.
fn class_library() -> argwalk::screen::library::Picker {
    let dir = std::env::temp_dir().join(format!("argwalk-props-class-{}", std::process::id()));
    let alice = dir.join("alice");
    if !alice.join("mill.toml").exists() {
        std::fs::create_dir_all(&alice).unwrap();
        std::fs::create_dir_all(dir.join("carol")).unwrap();
        for (from, to) in [
            ("mill-on-liberty-ch2.toml", "mill.toml"),
            ("mill-on-liberty-ch2.txt", "mill-on-liberty-ch2.txt"),
        ] {
            std::fs::copy(
                std::path::Path::new("argument-maps").join(from),
                alice.join(to),
            )
            .unwrap();
        }
    }
    argwalk::screen::library::Picker::new(
        argwalk::team::library::Library::open(std::path::Path::new("argument-maps"), None)
            .unwrap()
            .with_class(&dir),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// The library and the teacher's class list: any key the picker binds, and any character,
    /// at any size, never panic, keep the selection on a row, and draw the whole screen.
    #[test]
    fn random_keys_in_the_library_and_the_class_list(
        w in 1u16..=1000,
        h in 1u16..=300,
        keys in proptest::collection::vec(any_key(), 0..60),
    ) {
        let mut library = class_library();
        let rows = argwalk::screen::library::Picker::rows(h);
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
        for k in keys {
            if let Some(action) = argwalk::screen::keymap::resolve(&library.scopes(), &k) {
                if action == argwalk::screen::keymap::Action::Quit {
                    continue;
                }
                let _ = library.update(action, rows);
            }
            library.read_visible(rows);
            terminal.draw(|f| library.render(f, &Theme::FULL)).unwrap();
            prop_assert!(library.selected() <= library.shown().len());
            if library.showing_class() {
                let c = library.class().unwrap();
                prop_assert!(c.selected() < c.rows.len().max(1));
            }
        }
    }

    #[test]
    fn random_keys_never_panic_and_keep_the_selection_valid(
        w in 1u16..=1000,
        h in 1u16..=300,
        steps in proptest::collection::vec(step(), 0..120),
        ascii in any::<bool>(),
        color in any::<bool>(),
    ) {
        let map = loader::load_builtin().map.unwrap();
        let mut app = App::new(map, w, h);
        let theme = Theme { color, ascii, plain: false };
        // With a layer, so marks, notes, verdicts and drills are in the random walk too; and a
        // reference of another article, so `D` lists differences (every node missed and extra).
        let start = Start {
            layer: Some(argwalk::study::Layer::default()),
            settings: argwalk::screen::app::Settings { against: Some(reference()), ..Default::default() },
            ..Start::default()
        };
        handle(&mut app, Event::Start(Box::new(start)));
        for s in steps {
            let mut effects = match s {
                Step::Key(k) => handle(&mut app, Event::Key(k)),
                Step::Resize(w, h) => handle(&mut app, Event::Resize(w, h)),
            };
            // Answered as a driver would: a save succeeds; a quit ends what the session asked.
            while let Some(effect) = effects.pop() {
                match effect {
                    Effect::SaveLayer { layer, .. } => {
                        effects.extend(handle(&mut app, Event::LayerSaved(Ok((layer, None)))));
                    }
                    Effect::Quit(code) => prop_assert!([0, 130].contains(&code), "quit with {}", code),
                    Effect::Reload
                    | Effect::OpenEditor { .. }
                    | Effect::Farewell(_)
                    | Effect::Rescue(_)
                    | Effect::OpenMap(_) => {
                        prop_assert!(false, "{:?} from a key on the built-in map", effect);
                    }
                }
            }
            prop_assert!(app.tree().selected < app.map().nodes.len());
            prop_assert!(app.row_of(app.tree().selected).is_some(), "selection hidden");
            prop_assert!((1..=app.map().source.paragraphs.len()).contains(&app.source().cursor));
            prop_assert!(app.tree().top < app.tree().rows.len().max(1));
        }
        let buffer = view::render_buffer(&app, &theme);
        prop_assert_eq!(buffer.area.width, app.width());
    }
}

/// Which list window a property test opens.
#[derive(Debug, Clone, Copy)]
enum List {
    Weak,
    Questions,
    Differences,
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    /// Issue 23.1: with `--screen-reader`, the terminal's cursor sits on the selected row of
    /// every list window, as drawn: the row the screen shows "selected:" on, whatever keys
    /// moved the selection and at whatever size (read from the rendered screen, not from the
    /// function that places the cursor).
    #[test]
    fn the_screen_reader_cursor_is_on_the_selected_row_of_every_list(
        list in prop_oneof![Just(List::Weak), Just(List::Questions), Just(List::Differences)],
        size in prop_oneof![Just((80u16, 24u16)), Just((120, 40)), Just((60, 20)), (40u16..=300, 15u16..=120)],
        moves in proptest::collection::vec(prop_oneof![
            6 => Just('j'), 3 => Just('k'), 1 => Just('J')
        ], 0..40),
    ) {
        use argwalk::screen::keymap::Action;
        let words = Theme { plain: true, ..Theme::FULL };
        let mill = loader::load_path(std::path::Path::new("argument-maps/mill-on-liberty-ch2.toml"))
            .unwrap()
            .map
            .unwrap();
        let mut app = App::new(mill, size.0, size.1);
        let start = Start {
            layer: Some(argwalk::study::Layer::default()),
            settings: argwalk::screen::app::Settings {
                theme: words,
                against: Some(std::sync::Arc::new(loader::load_builtin().map.unwrap())),
                ..Default::default()
            },
            ..Start::default()
        };
        handle(&mut app, Event::Start(Box::new(start)));
        match list {
            List::Weak => { argwalk::screen::app::act(&mut app, Action::WeakSpots); }
            List::Differences => { argwalk::screen::app::act(&mut app, Action::Differences); }
            List::Questions => {
                while app.map().nodes[app.tree().selected].scheme.is_none() {
                    argwalk::screen::app::act(&mut app, Action::WalkNext);
                }
                argwalk::screen::app::act(&mut app, Action::Questions);
            }
        }
        prop_assert!(*app.overlay() != argwalk::screen::app::Overlay::None, "{:?} did not open", list);
        for m in moves {
            let key = if m == 'J' { KeyEvent::plain(KeyCode::PageDown) } else { KeyEvent::char(m) };
            handle(&mut app, Event::Key(key));
            let screen = view::buffer_text(&view::render_buffer(&app, &words));
            let rows: Vec<&str> = screen.lines().collect();
            let marked: Vec<usize> = rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.contains("selected: "))
                .map(|(y, _)| y)
                .collect();
            prop_assert_eq!(marked.len(), 1, "one selected row in\n{}", screen);
            let at = view::focus(&app).expect("a list window has a focus");
            prop_assert_eq!(usize::from(at.y), marked[0], "cursor off the selected row in\n{}", screen);
            let row: Vec<char> = rows[marked[0]].chars().collect();
            let from: String = row.iter().skip(usize::from(at.x)).take(10).collect();
            prop_assert_eq!(from.as_str(), "selected: ", "cursor not at the mark in\n{}", screen);
        }
    }
}
