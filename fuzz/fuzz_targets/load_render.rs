//! Load arbitrary bytes as a map, render what loads at a size taken from the input, and send
//! the frames through the encoder.
//! `cargo fuzz run load_render corpus/load_render seeds -- -max_len=65536` (docs/PERFORMANCE.md);
//! the proptest
//! twin in tests/hostile.rs runs a bounded number of cases in CI.
#![no_main]

use argwalk::screen::app::{App, update};
use argwalk::screen::keymap::Action;
use argwalk::map::loader::{self, Builtin};
use argwalk::screen::theme::Theme;
use argwalk::screen::view;
use argwalk::wire::Frugal;
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::layout::Rect;

fuzz_target!(|data: &[u8]| {
    let (size, bytes) = data.split_at(data.len().min(2));
    let w = u16::from(size.first().copied().unwrap_or(80)) + 1;
    let h = u16::from(size.get(1).copied().unwrap_or(24)) / 2 + 1;
    let loaded = loader::load_bytes("fuzz.toml", bytes, &Builtin);
    let _ = loaded.report.render(false);
    if let Some(map) = loaded.map {
        let mut app = App::new(map, w, h);
        let Ok(mut terminal) = Terminal::new(Frugal::new(Vec::new(), Rect::new(0, 0, w, h))) else {
            return;
        };
        for action in [Action::WalkNext, Action::FoldAll] {
            let _ = terminal.draw(|f| view::render(f, &app, &Theme::FULL));
            update(&mut app, action);
        }
        let _ = terminal.draw(|f| view::render(f, &app, &Theme::FULL));
    }
});
