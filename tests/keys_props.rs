//! Property test: random key sequences at random sizes never panic and keep the state valid.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use argwalk::app::{App, handle_key, update};
use argwalk::key::{Key as KeyEvent, KeyCode, Mods as KeyModifiers};
use argwalk::keymap::{Action, BINDINGS};
use argwalk::loader;
use argwalk::theme::Theme;
use argwalk::view;
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

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
        for s in steps {
            match s {
                Step::Key(k) => { handle_key(&mut app, &k); }
                Step::Resize(w, h) => { update(&mut app, Action::Resize(w, h)); }
            }
            if app.exit.is_some() {
                app.exit = None;
            }
            prop_assert!(app.tree.selected < app.map.nodes.len());
            prop_assert!(app.row_of(app.tree.selected).is_some(), "selection hidden");
            prop_assert!((1..=app.map.source.paragraphs.len()).contains(&app.source.cursor));
            prop_assert!(app.tree.top < app.tree.rows.len().max(1));
        }
        let buffer = view::render_buffer(&app, &theme);
        prop_assert_eq!(buffer.area.width, app.width);
    }
}
