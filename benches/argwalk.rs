//! `cargo bench`: loading, drawing a frame, and one step of the walk, on the Astana map and on a
//! generated map of 10,000 nodes and 2,000 paragraphs.

use argwalk::app::{App, update};
use argwalk::keymap::Action;
use argwalk::loader::{self, Builtin};
use argwalk::model::ArgumentMap;
use argwalk::theme::Theme;
use argwalk::view;
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const THEME: Theme = Theme {
    color: true,
    ascii: false,
};

fn main() {
    divan::main();
}

fn big_text() -> String {
    argwalk::synthetic::map_text(10_000, 2_000)
}

fn astana() -> ArgumentMap {
    loader::load_builtin().map.expect("astana loads")
}

fn big() -> ArgumentMap {
    loader::load_str("big.toml", &big_text(), &Builtin)
        .map
        .expect("big map loads")
}

#[divan::bench]
fn load_astana() -> Option<ArgumentMap> {
    loader::load_str(
        loader::BUILTIN_MAP_NAME,
        divan::black_box(loader::BUILTIN_MAP),
        &Builtin,
    )
    .map
}

#[divan::bench(sample_count = 20)]
fn load_10k_nodes(bencher: Bencher) {
    let text = big_text();
    bencher.bench(|| loader::load_str("big.toml", divan::black_box(&text), &Builtin).map);
}

#[divan::bench(args = [(80, 24), (120, 40), (200, 60)])]
fn render_frame_astana(bencher: Bencher, (w, h): (u16, u16)) {
    let mut app = App::new(astana(), w, h);
    for _ in 0..10 {
        update(&mut app, Action::WalkNext);
    }
    bencher.bench_local(|| view::render_buffer(divan::black_box(&app), &THEME));
}

/// One step of the walk as the terminal does it: update, render, diff against the last frame.
fn step(bencher: Bencher, map: ArgumentMap, w: u16, h: u16) {
    let mut app = App::new(map, w, h);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    let last = *app.map.walk.last().expect("a walk");
    bencher.bench_local(|| {
        if app.selected == last {
            update(&mut app, Action::First);
        }
        update(&mut app, Action::WalkNext);
        let _ = terminal.draw(|f| view::render(f, &app, &THEME));
    });
}

#[divan::bench(args = [(80, 24), (200, 60)])]
fn walk_step_astana(bencher: Bencher, (w, h): (u16, u16)) {
    step(bencher, astana(), w, h);
}

#[divan::bench(args = [(80, 24), (200, 60)])]
fn walk_step_10k_nodes(bencher: Bencher, (w, h): (u16, u16)) {
    step(bencher, big(), w, h);
}
