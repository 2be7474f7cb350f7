//! Hostile maps: escape sequences, C0/C1 controls, bidi overrides, zero-width and tag characters,
//! 10,000-character words and ids. Nothing of them may reach the terminal raw, the layout stays
//! inside its panes, and nothing panics, whatever the bytes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::Path;
use std::time::Duration;

use argwalk::map::loader::{self, Builtin};
use argwalk::screen::app::{App, act};
use argwalk::screen::keymap::Action;
use argwalk::screen::theme::Theme;
use argwalk::screen::view;
use argwalk::wire::Frugal;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::layout::Rect;
use support::pty::{Pty, Session};

/// Characters that must never reach a terminal raw.
fn forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{B}'..='\u{1F}' | '\u{7F}'..='\u{9F}'
        | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
        | '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}' | '\u{2028}' | '\u{2029}'
        | '\u{E0000}'..='\u{E007F}')
}

const NASTY: &str = "\\u001b]0;PWNED\\u0007 \\u001b[2J\\u001b[H \\u009b31m \\u0007\\u0008\\u007f \
                     \\u202Eevil\\u202C \\u2066iso\\u2069 \\u200Bzw\\u2060 \\u00AD\\uFEFF \\U000E0041tag \\u2028line";

fn hostile_map() -> String {
    let long_word = "w".repeat(10_000);
    let long_id = "i".repeat(10_000);
    format!(
        r#"[source]
title = "Title {NASTY}"
paragraphs = ["First {NASTY} paragraph.", "{long_word}", "Third paragraph with a quote."]

[thesis]
id = "T"
label = "{NASTY}"
text = "Thesis {NASTY} {long_word}"
cite = [1]

[[premise]]
id = "{long_id}"
supports = "T"
label = "{long_word}"
text = "Premise {NASTY}"
cite = [2, {{ para = 3, quote = "a quote" }}]
tags = ["{NASTY}"]
note = "{NASTY}"

[[evidence]]
id = "E1"
supports = "{long_id}"
text = "{long_word} {NASTY}"
cite = [3]
"#
    )
}

#[test]
fn hostile_text_loads_clean_and_renders_inside_the_panes() {
    let l = loader::load_str("hostile.toml", &hostile_map(), &Builtin);
    let map = l
        .map
        .unwrap_or_else(|| panic!("{}", l.report.render(false)));
    for n in &map.nodes {
        for text in [Some(&n.text), n.label.as_ref(), n.note.as_ref()]
            .into_iter()
            .flatten()
        {
            assert!(!text.chars().any(forbidden), "{text:?}");
        }
    }
    for (w, h) in [(120, 40), (80, 24), (40, 12), (300, 100), (10, 5)] {
        for theme in [
            Theme::FULL,
            Theme {
                color: false,
                ascii: true,
                plain: false,
            },
        ] {
            let mut app = App::new(map.clone(), w, h);
            for action in [Action::WalkNext, Action::WalkNext, Action::Help] {
                let buffer = view::render_buffer(&app, &theme);
                for cell in buffer.content() {
                    assert!(
                        !cell.symbol().chars().any(forbidden),
                        "{:?} at {w}x{h}",
                        cell.symbol()
                    );
                }
                let a = app.areas();
                if a.wide && *app.overlay() == argwalk::screen::app::Overlay::None {
                    // The border between the left panes and the source is intact on every row.
                    for y in 1..a.tree.height - 1 {
                        assert_eq!(
                            buffer[(a.tree.width - 1, y)].symbol(),
                            theme.border().vertical_right
                        );
                    }
                }
                act(&mut app, action);
            }
        }
    }
}

#[test]
fn hostile_ids_get_a_clean_error() {
    let text = hostile_map().replace("id = \"E1\"", "id = \"E\\u001b]0;x\\u0007\"");
    let l = loader::load_str("hostile.toml", &text, &Builtin);
    assert!(l.map.is_none());
    let rendered = l.report.render(false);
    assert!(rendered.contains("is not a usable id"), "{rendered}");
    assert!(!rendered.chars().any(forbidden), "{rendered:?}");
}

#[test]
fn hostile_map_over_the_wire_carries_nothing_raw() {
    let dir = std::env::temp_dir().join(format!("argwalk-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("hostile.toml");
    std::fs::write(&path, hostile_map()).unwrap();
    let mut p = Pty::spawn(
        Path::new(env!("CARGO_BIN_EXE_argwalk")),
        &[path.to_str().unwrap()],
        &[],
        100,
        30,
        Session::Detached,
    );
    assert!(
        p.wait_for(Duration::from_secs(10), |s| s.contains("step 1/3")),
        "{}",
        p.screen()
    );
    p.send(b"nn\t]]jjj?");
    p.settle(Duration::from_millis(100), Duration::from_secs(5));
    p.send(b"\x1b/evil\r");
    p.settle(Duration::from_millis(100), Duration::from_secs(5));
    p.send(b"q");
    p.wait(Duration::from_secs(10)).expect("exits");
    let bytes = p.bytes();
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        !text.contains("\u{1b}]"),
        "an OSC sequence reached the terminal"
    );
    assert!(
        text.contains("\u{241b}]0;PWNED\u{2407}"),
        "the escape is shown, made visible"
    );
    assert!(
        !text.contains("\u{1b}[2J\u{1b}[H"),
        "the map's own clear-screen reached the terminal"
    );
    if let Some(raw) = raw_character(&bytes) {
        panic!("{raw:?} reached the terminal raw");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// The first character in what was sent to a terminal that must not reach it raw, not counting
/// the program's own escape sequences and line endings; OSC (`ESC ]`) is never ours.
fn raw_character(bytes: &[u8]) -> Option<char> {
    let text = String::from_utf8_lossy(bytes);
    if text.contains("\u{1b}]") {
        return Some('\u{1b}');
    }
    text.chars()
        .filter(|&c| c != '\u{1b}' && c != '\r' && c != '\n')
        .find(|&c| forbidden(c))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Random text, hostile characters included, in every string of a valid map.
    #[test]
    fn arbitrary_strings_in_a_valid_map(s in "\\PC{0,40}", c in proptest::char::any(), w in 1u16..200, h in 1u16..60) {
        let s = format!("{s}{c}").replace('\\', "/").replace('"', "'");
        let text = format!(
            "[source]\ntitle = \"{s}\"\nparagraphs = [\"{s} one\", \"two {s}\"]\n[thesis]\nid = \"T\"\nlabel = \"{s}\"\ntext = \"x{s}\"\ncite = [1]\n[[counterpoint]]\nid = \"O\"\nattacks = \"T\"\ntext = \"{s}y\"\ncite = [{{ para = 2, quote = \"two\" }}]\n"
        );
        let l = loader::load_str("gen.toml", &text, &Builtin);
        let rendered = l.report.render(false);
        prop_assert!(!rendered.contains(char::from(27)), "escape in report");
        if let Some(map) = l.map {
            let mut app = App::new(map, w, h);
            act(&mut app, Action::WalkNext);
            let theme = Theme { color: false, ascii: false, plain: false };
            let buffer = view::render_buffer(&app, &theme);
            prop_assert!(!buffer.content().iter().any(|c| c.symbol().chars().any(forbidden)));
            // And what the encoder makes of it for the terminal.
            let mut terminal = Terminal::new(Frugal::new(Vec::new(), Rect::new(0, 0, w, h))).unwrap();
            terminal.draw(|f| view::render(f, &app, &theme)).unwrap();
            let raw = raw_character(terminal.backend().writer());
            prop_assert!(raw.is_none(), "{:?} reached the terminal raw", raw);
        }
    }
}

/// A valid map with a few random edits (characters inserted, deleted, replaced, or a run cut
/// out): most still load, so the reader renders them and the encoder sends them. Random bytes
/// alone never load (tests/loader_props.rs covers the loader on those).
fn mutant() -> impl Strategy<Value = String> {
    proptest::collection::vec((any::<prop::sample::Index>(), 0u8..4, any::<char>()), 1..4).prop_map(
        |edits| {
            let mut text: Vec<char> = loader::BUILTIN_MAP.chars().collect();
            for (at, op, c) in edits {
                let i = at.index(text.len());
                match op {
                    0 => {
                        text.remove(i);
                    }
                    1 => text.insert(i, c),
                    2 => text[i] = c,
                    _ => {
                        let end = (i + 40).min(text.len());
                        text.drain(i..end);
                    }
                }
            }
            text.into_iter().collect()
        },
    )
}

/// The twin of the cargo-fuzz target in fuzz/: load, report, render and encode mutated maps.
#[test]
fn mutated_maps_load_render_and_encode() {
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let cases = 96;
    // A fixed seed: the share of mutants that load is then the same on every run.
    let mut runner = TestRunner::new_with_rng(
        Config {
            cases,
            ..Config::default()
        },
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    );
    let loaded = std::cell::Cell::new(0u32);
    runner
        .run(&(mutant(), 1u16..300, 1u16..100), |(text, w, h)| {
            let l = loader::load_str("mutant.toml", &text, &Builtin);
            let report = l.report.render(false);
            prop_assert!(!report.contains(char::from(27)), "escape echoed");
            let Some(map) = l.map else {
                prop_assert!(l.report.errors() > 0);
                return Ok(());
            };
            loaded.set(loaded.get() + 1);
            let mut app = App::new(map, w, h);
            let mut terminal =
                Terminal::new(Frugal::new(Vec::new(), Rect::new(0, 0, w, h))).unwrap();
            for action in [Action::WalkNext, Action::FoldAll, Action::Help] {
                terminal
                    .draw(|f| view::render(f, &app, &Theme::FULL))
                    .unwrap();
                act(&mut app, action);
            }
            terminal
                .draw(|f| view::render(f, &app, &Theme::FULL))
                .unwrap();
            prop_assert!(raw_character(terminal.backend().writer()).is_none());
            Ok(())
        })
        .unwrap();
    // About a quarter load (the Astana map is dense with syntax): enough to reach the reader and
    // the encoder on every run; far fewer would prove little about rendering.
    assert!(
        loaded.get() * 6 >= cases,
        "only {} of {cases} loaded",
        loaded.get()
    );
}
