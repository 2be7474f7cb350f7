//! Property test: no bytes can panic the loader. Mutated maps, which load and so reach the
//! reader and the encoder too, are in tests/hostile.rs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use argwalk::map::loader::{self, Builtin};
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
}
