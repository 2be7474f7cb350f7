//! Property test: random key sequences at random sizes never panic and keep the state valid.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use argwalk::app::{App, Start, handle};
use argwalk::event::{Effect, Event};
use argwalk::key::{Key as KeyEvent, KeyCode, Mods as KeyModifiers};
use argwalk::keymap::BINDINGS;
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
        // With a layer, so marks, notes, verdicts and drills are in the random walk too.
        let start = Start { layer: Some(argwalk::study::Layer::default()), ..Start::default() };
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
