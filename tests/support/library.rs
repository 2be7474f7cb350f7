//! The shipped dissent motion and the maps it draws on, copied into a test's own folder.
#![allow(dead_code)]

use std::path::Path;

/// The motion, its two maps and their articles, and its practice round: the files copied.
pub const DISSENT: &[&str] = &[
    "dissent.motion.toml",
    "dissent.practice.flow.toml",
    "mill-on-liberty-ch2.toml",
    "mill-on-liberty-ch2.txt",
    "thoreau-civil-disobedience.toml",
    "thoreau-civil-disobedience.txt",
];

/// Copies the dissent motion, its maps and its practice round into `dest` (made if missing).
pub fn dissent(dest: &Path) {
    std::fs::create_dir_all(dest).expect("a folder");
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("argument-maps");
    for f in DISSENT {
        std::fs::copy(shipped.join(f), dest.join(f)).expect("the shipped file copies");
    }
}
