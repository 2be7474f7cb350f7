//! Whole-screen snapshots through ratatui's TestBackend, at 120x40 and 80x24.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use argwalk::map::loader;
use argwalk::map::model::ArgumentMap;
use argwalk::screen::app::{App, act};
use argwalk::screen::keymap::Action;
use argwalk::screen::theme::Theme;
use argwalk::screen::view;

mod support;

const COLOR: Theme = Theme::FULL;
const NO_COLOR: Theme = Theme {
    color: false,
    ascii: false,
    plain: false,
};
const ASCII: Theme = Theme {
    color: true,
    ascii: true,
    plain: false,
};

fn astana() -> ArgumentMap {
    loader::load_builtin().map.expect("the built-in map loads")
}

fn app(w: u16, h: u16, actions: &[Action]) -> App {
    let mut app = App::new(astana(), w, h);
    for &a in actions {
        act(&mut app, a);
    }
    app
}

fn screen(app: &App, theme: &Theme) -> String {
    view::buffer_text(&view::render_buffer(app, theme))
}

/// The screen's text, then every run of styled cells ([`support::screen::styled`]).
fn styled(app: &App, theme: &Theme) -> String {
    support::screen::styled(&view::render_buffer(app, theme))
}

fn walk_to(id: &str, w: u16, h: u16) -> App {
    let mut a = app(w, h, &[]);
    while a.map().nodes[a.tree().selected].id != id {
        act(&mut a, Action::WalkNext);
    }
    a
}

fn typed(app: &mut App, text: &str) {
    act(app, Action::StartSearch);
    for c in text.chars() {
        act(app, Action::SearchInput(c));
    }
}

#[test]
fn start_120x40() {
    insta::assert_snapshot!(styled(&app(120, 40, &[]), &COLOR));
}

#[test]
fn start_80x24() {
    insta::assert_snapshot!(styled(&app(80, 24, &[]), &COLOR));
}

#[test]
fn premise_selected_120x40() {
    insta::assert_snapshot!(styled(&walk_to("P2", 120, 40), &COLOR));
}

#[test]
fn premise_selected_80x24() {
    insta::assert_snapshot!(styled(&walk_to("P3", 80, 24), &COLOR));
}

#[test]
fn counterpoint_selected_120x40() {
    insta::assert_snapshot!(styled(&walk_to("O3", 120, 40), &COLOR));
}

#[test]
fn rebuttal_selected_source_focused_80x24() {
    let mut a = walk_to("R3", 80, 24);
    act(&mut a, Action::SwitchFocus);
    insta::assert_snapshot!(styled(&a, &COLOR));
}

#[test]
fn search_prompt_120x40() {
    let mut a = app(120, 40, &[]);
    typed(&mut a, "soleimani");
    insta::assert_snapshot!(styled(&a, &COLOR));
}

#[test]
fn search_confirmed_80x24() {
    let mut a = app(80, 24, &[]);
    typed(&mut a, "geneva");
    act(&mut a, Action::SearchConfirm);
    act(&mut a, Action::NextMatch);
    insta::assert_snapshot!(styled(&a, &COLOR));
}

#[test]
fn help_120x40() {
    insta::assert_snapshot!(styled(&app(120, 40, &[Action::Help]), &COLOR));
}

#[test]
fn help_80x24_scrolled() {
    let a = app(
        80,
        24,
        &[
            Action::Help,
            Action::OverlayDown,
            Action::OverlayDown,
            Action::OverlayDown,
        ],
    );
    insta::assert_snapshot!(styled(&a, &COLOR));
}

#[test]
fn counterpoints_only_120x40() {
    insta::assert_snapshot!(styled(
        &app(120, 40, &[Action::ToggleCounterpoints]),
        &COLOR
    ));
}

#[test]
fn folded_all_80x24() {
    insta::assert_snapshot!(styled(&app(80, 24, &[Action::FoldAll]), &COLOR));
}

#[test]
fn citers_overlay_120x40() {
    let a = app(
        120,
        40,
        &[Action::SwitchFocus, Action::ScrollDown, Action::ShowCiters],
    );
    insta::assert_snapshot!(styled(&a, &COLOR));
}

#[test]
fn node_in_full_80x24() {
    let mut a = walk_to("O3", 80, 24);
    act(&mut a, Action::ShowNode);
    insta::assert_snapshot!(styled(&a, &COLOR));
}

#[test]
fn too_small() {
    insta::assert_snapshot!(styled(&app(39, 11, &[]), &COLOR));
    for (w, h) in [(1, 1), (2, 1), (1, 5), (10, 3)] {
        let _ = screen(&app(w, h, &[]), &COLOR);
    }
}

#[test]
fn no_color_80x24_with_styles() {
    // The styled dump shows that the NO_COLOR theme uses no colour at all, only modifiers.
    let a = walk_to("O3", 80, 24);
    let buffer = view::render_buffer(&a, &NO_COLOR);
    for cell in buffer.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
    insta::assert_snapshot!(styled(&a, &NO_COLOR));
}

#[test]
fn no_color_key_screens() {
    insta::assert_snapshot!(
        "no_color_start_120x40",
        styled(&app(120, 40, &[]), &NO_COLOR)
    );
    insta::assert_snapshot!(
        "no_color_premise_120x40",
        styled(&walk_to("P2", 120, 40), &NO_COLOR)
    );
    let mut a = app(80, 24, &[]);
    typed(&mut a, "geneva");
    act(&mut a, Action::SearchConfirm);
    act(&mut a, Action::NextMatch);
    insta::assert_snapshot!("no_color_search_80x24", styled(&a, &NO_COLOR));
    let mut a = walk_to("R3", 80, 24);
    act(&mut a, Action::SwitchFocus);
    insta::assert_snapshot!("no_color_rebuttal_source_80x24", styled(&a, &NO_COLOR));
}

#[test]
fn ascii_80x24() {
    let a = walk_to("R2", 80, 24);
    let text = screen(&a, &ASCII);
    assert!(
        text.chars()
            .all(|c| c.is_ascii() || !"│├└─┌┐└┘▾▸▌›¶…·—".contains(c)),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn unicode_map_120x40_and_80x24() {
    let l = loader::load_path("tests/fixtures/unicode.toml".as_ref()).unwrap();
    let map = l
        .map
        .unwrap_or_else(|| panic!("{}", l.report.render(false)));
    let mut a = App::new(map.clone(), 120, 40);
    act(&mut a, Action::WalkNext);
    let wide = screen(&a, &COLOR);
    assert!(!wide.contains('\u{202E}') && !wide.contains('\u{1b}') && !wide.contains('\u{200B}'));
    insta::assert_snapshot!("unicode_120x40", wide);
    let mut a = App::new(map, 80, 24);
    act(&mut a, Action::WalkNext);
    act(&mut a, Action::WalkNext);
    act(&mut a, Action::WalkNext);
    insta::assert_snapshot!("unicode_80x24", screen(&a, &COLOR));
}

/// For screen readers: no box drawing, no tree guides, no gutter bars, no symbols to read out:
/// words, letters and spaces.
#[test]
fn the_screen_reader_theme_draws_only_words() {
    let plain = Theme {
        color: true,
        ascii: false,
        plain: true,
    };
    let mut a = walk_to("O3", 120, 40);
    argwalk::screen::app::handle(
        &mut a,
        argwalk::screen::app::Start::with(argwalk::study::Layer::default()).event(),
    );
    let text = screen(&a, &plain);
    let symbols: String = text
        .chars()
        .filter(|c| {
            !c.is_alphanumeric() && !c.is_whitespace() && !".,:;'\"?!()[]-/%&+>_’‘“”–".contains(*c)
        })
        .collect();
    assert!(symbols.is_empty(), "symbols {symbols:?} in:\n{text}");
    assert!(text.contains("O3 (conceded)"), "{text}");
    insta::assert_snapshot!(text);
}
