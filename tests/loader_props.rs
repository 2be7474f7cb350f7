//! Property tests: no bytes, and no mutation of the Astana map, can panic the loader.

use argwalk::loader::{self, Builtin};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let l = loader::load_bytes("fuzz.toml", &bytes, &Builtin);
        if l.map.is_none() {
            prop_assert!(l.report.errors() > 0);
        }
        let _ = l.report.render(false);
    }

    #[test]
    fn mutated_astana_map_never_panics(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..4, any::<char>()), 1..8)
    ) {
        let mut text: Vec<char> = loader::BUILTIN_MAP.chars().collect();
        for (at, op, c) in edits {
            if text.is_empty() { break; }
            let i = at.index(text.len());
            match op {
                0 => { text.remove(i); }
                1 => text.insert(i, c),
                2 => text[i] = c,
                _ => { let end = (i + 40).min(text.len()); text.drain(i..end); }
            }
        }
        let text: String = text.into_iter().collect();
        let l = loader::load_str("mutant.toml", &text, &Builtin);
        let rendered = l.report.render(false);
        prop_assert!(!rendered.contains(char::from(27)), "escape echoed");
        if l.map.is_none() {
            prop_assert!(l.report.errors() > 0);
        }
    }
}
