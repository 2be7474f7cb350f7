//! The reader's own layer: marks, verdicts, notes and the side, kept between sessions and
//! never lost: by state machine, and end to end with the real binary (a kill -9 in the middle
//! of saves, two sessions on one map, a damaged file).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use argwalk::map::loader;
use argwalk::screen::app::{App, act, handle};
use argwalk::screen::event::{Effect, Event};
use argwalk::screen::key::{Key, KeyCode};
use argwalk::screen::keymap::Action;
use argwalk::study::{Judgement, Layer, Side};
use support::pty::{Pty, Session};

const BIN: &str = env!("CARGO_BIN_EXE_argwalk");
const LONG: Duration = Duration::from_secs(10);

fn app() -> App {
    let mut a = App::new(loader::load_builtin().map.unwrap(), 120, 40);
    argwalk::screen::app::handle(
        &mut a,
        argwalk::screen::app::Start::with(Layer::default()).event(),
    );
    a
}

/// A session drawn in words only (--screen-reader), with a layer, and its theme.
fn words_only(width: u16, height: u16) -> (App, argwalk::screen::theme::Theme) {
    let plain = argwalk::screen::theme::Theme {
        plain: true,
        ..argwalk::screen::theme::Theme::FULL
    };
    let mut a = App::new(loader::load_builtin().map.unwrap(), width, height);
    let start = argwalk::screen::app::Start {
        settings: argwalk::screen::app::Settings {
            theme: plain,
            ..Default::default()
        },
        ..argwalk::screen::app::Start::with(Layer::default())
    };
    handle(&mut a, start.event());
    (a, plain)
}

fn layer(a: &App) -> &Layer {
    &a.study().as_ref().unwrap().layer
}

fn key(a: &mut App, k: Key) -> Vec<Effect> {
    handle(a, Event::Key(k))
}

#[test]
fn keys_mark_judge_note_and_choose_a_side_and_each_change_is_saved() {
    let mut a = app();
    act(&mut a, Action::WalkNext);
    let id = a.map().nodes[a.tree().selected].id.clone();
    let saves = |e: &[Effect]| {
        e.iter()
            .filter(|e| matches!(e, Effect::SaveLayer { .. }))
            .count()
    };
    let e = key(&mut a, Key::char('m'));
    assert_eq!(saves(&e), 1);
    assert!(layer(&a).node(&id).unwrap().understood);
    assert!(a.message().unwrap().contains("(1/37)"));
    key(&mut a, Key::char('v'));
    key(&mut a, Key::char('v'));
    assert_eq!(
        layer(&a).node(&id).unwrap().judgement,
        Some(Judgement::Doubtful)
    );
    key(&mut a, Key::char('s'));
    assert_eq!(layer(&a).side, Some(Side::For));
    // The note editor takes every key, Esc saves.
    key(&mut a, Key::char('a'));
    for c in "needs a source".chars() {
        key(&mut a, Key::char(c));
    }
    key(&mut a, Key::plain(KeyCode::Enter));
    let e = key(&mut a, Key::char('q'));
    assert!(e.is_empty(), "q is text in a note: {e:?}");
    let e = key(&mut a, Key::plain(KeyCode::Esc));
    assert_eq!(saves(&e), 1);
    assert_eq!(layer(&a).node(&id).unwrap().note, "needs a source\nq");
    // Ctrl-C in the editor leaves the note as it was.
    key(&mut a, Key::char('a'));
    key(&mut a, Key::char('x'));
    let e = key(&mut a, Key::ctrl('c'));
    assert_eq!(layer(&a).node(&id).unwrap().note, "needs a source\nq");
    assert!(
        e.is_empty(),
        "Ctrl-C in a note cancels it, it does not quit: {e:?}"
    );
    // u: the next node not yet understood.
    act(&mut a, Action::First);
    key(&mut a, Key::char('u'));
    assert_ne!(a.map().nodes[a.tree().selected].id, id);
    // Quitting saves what is pending (the visits), and quits once it is saved.
    let e = key(&mut a, Key::char('q'));
    let [Effect::SaveLayer { layer, .. }] = e.as_slice() else {
        panic!("{e:?}")
    };
    let e = handle(&mut a, Event::LayerSaved(Ok((layer.clone(), None))));
    assert_eq!(e, vec![Effect::Quit(0)]);
}

#[test]
fn marks_show_in_rows_details_and_status() {
    let mut a = app();
    act(&mut a, Action::WalkNext);
    key(&mut a, Key::char('m'));
    key(&mut a, Key::char('v'));
    let theme = argwalk::screen::theme::Theme::FULL;
    let text =
        argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(&a, &theme));
    assert!(text.contains("O1 ⚐ ✓="), "{text}");
    assert!(text.contains("Your verdict: strong · understood"), "{text}");
    assert!(text.contains("1/37 understood"), "{text}");
    // The count is kept between marks, not made each frame: unmarking brings it down at once.
    key(&mut a, Key::char('m'));
    let again =
        argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(&a, &theme));
    assert!(again.contains("0/37 understood"), "{again}");
    key(&mut a, Key::char('m'));
    let ascii = argwalk::screen::theme::Theme {
        color: false,
        ascii: true,
        plain: false,
    };
    let text =
        argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(&a, &ascii));
    assert!(text.contains("O1 (c) +="), "{text}");
}

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("argwalk-study-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The built-in map's layer file in `state` (named by the map's identity).
fn layer_file(state: &Path) -> PathBuf {
    let layers = state.join("layers");
    std::fs::read_dir(&layers)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("built-in-astana-")
                && name.ends_with(".toml")
                && !name.contains("damaged")
        })
        .unwrap_or_else(|| layers.join("built-in-astana-(not yet saved).toml"))
}

fn open(state: &Path) -> Pty {
    let p = Pty::spawn(
        Path::new(BIN),
        &[],
        &[("ARGWALK_STATE_DIR", state.to_str().unwrap())],
        120,
        40,
        Session::Detached,
    );
    // Step 1, or where an earlier session on this state left the map.
    p.see(&["/37 understood"], LONG);
    p
}

/// Saves interrupted by kill -9 at random moments never leave a damaged file: it is always the
/// old one or the new one, whole. Over a thousand saves: how many a burst of keys made before
/// the kill is counted from the time one save takes, measured first.
#[test]
fn a_kill_during_saves_leaves_the_file_whole() {
    let state = folder("kill");
    // How long one save takes here: a burst of `m`, each a save, timed to the last frame.
    let mut p = open(&state);
    let burst = 60;
    let start = std::time::Instant::now();
    p.send(&vec![b'm'; burst]);
    p.settle(Duration::from_millis(150), LONG);
    let per_save = (start.elapsed().saturating_sub(Duration::from_millis(150))) / burst as u32;
    p.send(b"q");
    p.wait(LONG).unwrap();
    let per_save = per_save.max(Duration::from_micros(200));
    let mut saves = 0u64;
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut kills = 0;
    while saves < 1000 {
        let mut p = open(&state);
        p.send(&vec![b'm'; burst]);
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        // Somewhere inside the burst, at a random point.
        let at = per_save * (1 + (rng % (burst as u64 - 1)) as u32);
        std::thread::sleep(at);
        p.signal(rustix::process::Signal::KILL);
        let _ = p.wait(LONG);
        saves += (at.as_micros() / per_save.as_micros().max(1)) as u64;
        kills += 1;
        let text = std::fs::read_to_string(layer_file(&state)).expect("the file is there");
        Layer::from_text(&text).unwrap_or_else(|e| panic!("after kill {kills}: {e}\n{text}"));
        let damaged = std::fs::read_dir(state.join("layers"))
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("damaged"))
            .count();
        assert_eq!(damaged, 0, "after kill {kills}, a file was found damaged");
    }
    eprintln!("{kills} kills over about {saves} saves ({per_save:?} a save)");
    let _ = std::fs::remove_dir_all(&state);
}

/// Two terminals on one map, each writing a note on a different node: both notes are kept.
#[test]
fn two_sessions_keep_both_notes() {
    let state = folder("two");
    let mut one = open(&state);
    let mut two = open(&state);
    one.press_and_see(b"n", &["step 2/37"], LONG);
    two.press_and_see(b"nnn", &["step 4/37"], LONG);
    one.send(b"aFrom the first terminal\x1b");
    assert!(one.wait_for(LONG, |s| s.contains("Note on O1 saved")));
    two.send(b"aFrom the second terminal\x1b");
    assert!(two.wait_for(LONG, |s| s.contains("Note on P1 saved")));
    one.send(b"q");
    one.wait(LONG).unwrap();
    two.send(b"q");
    two.wait(LONG).unwrap();
    let saved = Layer::from_text(&std::fs::read_to_string(layer_file(&state)).unwrap()).unwrap();
    assert_eq!(saved.node("O1").unwrap().note, "From the first terminal");
    assert_eq!(saved.node("P1").unwrap().note, "From the second terminal");
    // And the next session shows them, starting where the last one to quit left (P1).
    let mut again = open(&state);
    again.see(&["Back at P1", "Your note: From the second terminal"], LONG);
    again.send(b"q");
    again.wait(LONG).unwrap();
    let _ = std::fs::remove_dir_all(&state);
}

/// A damaged or cut-off notes file: the reader opens, says where the file was moved, and the
/// moved file holds what was there, unread and unchanged.
#[test]
fn a_damaged_or_truncated_file_is_moved_aside_and_named() {
    for (name, text) in [
        ("corrupt", "\u{0}\u{1}garbage = [[[\n"),
        (
            "truncated",
            "title = \"Astana\"\n[nodes.P1]\nnote = \"\"\"half a no",
        ),
    ] {
        let state = folder(name);
        std::fs::create_dir_all(state.join("layers")).unwrap();
        // Named by its path, as an older argwalk kept it.
        std::fs::write(state.join("layers/built-in-astana.toml"), text).unwrap();
        let mut p = open(&state);
        assert!(
            p.wait_for(LONG, |s| s.contains("could not be read")
                && s.contains("damaged-")),
            "{}",
            p.screen()
        );
        // The notice waits for a key; then the reader is as usual.
        p.press_and_see(b"\r", &["? help"], LONG);
        p.send(b"q");
        p.wait(LONG).unwrap();
        let aside: Vec<_> = std::fs::read_dir(state.join("layers"))
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("damaged-"))
            .collect();
        assert_eq!(aside.len(), 1, "{name}");
        assert_eq!(std::fs::read_to_string(aside[0].path()).unwrap(), text);
        let _ = std::fs::remove_dir_all(&state);
    }
}

/// A note on a node the author removed is kept, and counted, not dropped.
#[test]
fn notes_on_removed_nodes_are_kept_as_orphans() {
    let mut l = Layer::default();
    l.node_mut("P1").note = "still here".into();
    l.node_mut("GONE").note = "orphan".into();
    let map = loader::load_builtin().map.unwrap();
    assert_eq!(l.orphans(&map), ["GONE"]);
    let text = l.to_text();
    assert!(Layer::from_text(&text).unwrap().node("GONE").is_some());
}

#[test]
fn weak_spots_and_frontlines_are_views_that_lead_to_nodes() {
    let mut a = app();
    key(&mut a, Key::char('s'));
    key(&mut a, Key::char('s'));
    key(&mut a, Key::char('w'));
    let theme = argwalk::screen::theme::Theme::FULL;
    let text =
        argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(&a, &theme));
    assert!(text.contains("You argue against the thesis"), "{text}");
    assert!(text.contains("attack: O1"), "{text}");
    // Astana's objections are conceded and answered: granted in part.
    assert!(text.contains("the author concedes it in part"), "{text}");
    // The list is in the help, and Enter goes to the chosen spot: the second.
    let second = argwalk::study::prep::weak_spots(a.map(), None)[1].node;
    key(&mut a, Key::char('j'));
    key(&mut a, Key::plain(KeyCode::Enter));
    assert_eq!(*a.overlay(), argwalk::screen::app::Overlay::None);
    assert_eq!(a.tree().selected, second);
    // A verdict of the reader's makes a weak spot: P3 judged to fail.
    while a.map().nodes[a.tree().selected].id != "P3" {
        act(&mut a, Action::WalkNext);
    }
    for _ in 0..3 {
        key(&mut a, Key::char('v'));
    }
    let spots = argwalk::study::prep::weak_spots(a.map(), Some(layer(&a)));
    let p3 = a.map().find("P3").unwrap();
    assert!(spots.iter().any(|s| s.node == p3));
    key(&mut a, Key::char('f'));
    let text =
        argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(&a, &theme));
    assert!(
        text.contains("If we say O1 Astana's outcome was commendable"),
        "{text}"
    );
    assert!(text.contains("they answer R1"), "{text}");
}

/// A drill over several days, the clock moved by hand: new cards are all due, a good answer
/// comes back days later and a forgotten one sooner, and the schedule is saved.
#[test]
fn drills_are_spaced_over_days() {
    let mut a = app();
    let start = a.now();
    key(&mut a, Key::char('d'));
    assert_eq!(*a.overlay(), argwalk::screen::app::Overlay::Drill);
    let total = argwalk::study::drill::cards(a.map()).len();
    let run = a.study().as_ref().unwrap().drill.as_ref().unwrap();
    assert_eq!(run.queue.len(), total, "every card is new, so due");
    // Grading before seeing the answer does nothing.
    assert!(key(&mut a, Key::char('3')).is_empty());
    key(&mut a, Key::char(' '));
    let e = key(&mut a, Key::char('3'));
    assert!(matches!(e.as_slice(), [Effect::SaveLayer { .. }]));
    key(&mut a, Key::char(' '));
    key(&mut a, Key::char('1'));
    key(&mut a, Key::plain(KeyCode::Esc));
    assert_eq!(*a.overlay(), argwalk::screen::app::Overlay::None);
    let drills = layer(&a).drills.clone();
    assert_eq!(drills.len(), 2);
    let first = &run_keys(&a)[..];
    assert!(first.is_empty(), "the run is over once stopped");
    let mut dues: Vec<_> = drills.iter().map(|(k, c)| (c.due, k.clone())).collect();
    dues.sort();
    let (forgotten, known) = (dues[0].1.clone(), dues[1].1.clone());
    assert!(
        dues[0].0 < dues[1].0,
        "a forgotten card comes back sooner: {dues:?}"
    );
    // An hour later both are due; the known one, recalled again, goes days away.
    argwalk::screen::app::handle_at(
        &mut a,
        Event::Key(Key::char('d')),
        start + chrono::Duration::hours(1),
    );
    let queue = run_keys(&a);
    assert!(
        queue.contains(&known) && queue.contains(&forgotten),
        "{queue:?}"
    );
    while run_keys(&a).first() != Some(&known) {
        key(&mut a, Key::char(' '));
        key(&mut a, Key::char('3'));
    }
    key(&mut a, Key::char(' '));
    key(&mut a, Key::char('3'));
    let due = layer(&a).drills[&known].due;
    assert!(
        due > a.now() + chrono::Duration::days(1),
        "due {due}, now {}",
        a.now()
    );
    key(&mut a, Key::plain(KeyCode::Esc));
    // The next day: the known card is not due; another forgotten one is.
    argwalk::screen::app::handle_at(
        &mut a,
        Event::Key(Key::char('d')),
        start + chrono::Duration::hours(25),
    );
    assert!(!run_keys(&a).contains(&known));
    // The schedule is in the file's text.
    let text = layer(&a).to_text();
    assert!(text.contains("[drills."), "{text}");
    assert!(Layer::from_text(&text).unwrap().drills.len() >= 2);
}

/// The keys of the cards in the drill under way, from the one shown on.
fn run_keys(a: &App) -> Vec<String> {
    a.study()
        .as_ref()
        .and_then(|s| s.drill.as_ref())
        .map(|r| r.queue[r.at..].iter().map(|c| c.key.clone()).collect())
        .unwrap_or_default()
}

/// `argwalk drill` opens on the first due card, in a terminal, in ASCII too.
#[test]
fn the_drill_command_opens_on_a_card() {
    let state = folder("drillcmd");
    let mut p = Pty::spawn(
        Path::new(BIN),
        &["drill", "--ascii"],
        &[("ARGWALK_STATE_DIR", state.to_str().unwrap())],
        80,
        24,
        Session::Detached,
    );
    p.see(&["Drill: card 1 of"], LONG);
    p.press_and_see(b" ", &["1 again"], LONG);
    p.press_and_see(b"3", &["Drill: card 2 of"], LONG);
    // Esc and q apart: together a terminal sends them as Alt-q.
    p.press_and_see(b"\x1b", &["? help"], LONG);
    p.send(b"q");
    p.wait(LONG).unwrap();
    assert!(
        p.bytes().iter().all(|&b| b < 0x80),
        "ASCII mode sends ASCII"
    );
    let saved = Layer::from_text(&std::fs::read_to_string(layer_file(&state)).unwrap()).unwrap();
    assert_eq!(saved.drills.len(), 1);
    let _ = std::fs::remove_dir_all(&state);
}

#[test]
fn orphaned_notes_are_listed_in_the_weak_spots_view() {
    let mut a = App::new(loader::load_builtin().map.unwrap(), 120, 40);
    let mut orphaned = Layer::default();
    orphaned.node_mut("GONE").note = "about a removed node".into();
    handle(&mut a, argwalk::screen::app::Start::with(orphaned).event());
    key(&mut a, Key::char('w'));
    let theme = argwalk::screen::theme::Theme::FULL;
    // The list is long: scroll to its end by selecting the last spot.
    for _ in 0..50 {
        key(&mut a, Key::char('j'));
    }
    let text =
        argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(&a, &theme));
    assert!(text.contains("GONE: about a removed node"), "{text}");
}

/// `P` shows the prep sheet in the reader, so a session that may write no file (a restricted
/// team member's) can still read it: the same text as `export --to markdown`, the reader's own
/// note included, scrollable to its last line, nothing written, and plain ASCII in ASCII mode.
#[test]
fn the_prep_sheet_is_shown_in_the_reader() {
    let mut a = App::new(loader::load_builtin().map.unwrap(), 80, 24);
    argwalk::screen::app::handle(
        &mut a,
        argwalk::screen::app::Start::with(Layer::default()).event(),
    );
    act(&mut a, Action::WalkNext);
    key(&mut a, Key::char('a'));
    for c in "ask who counted".chars() {
        key(&mut a, Key::char(c));
    }
    key(&mut a, Key::plain(KeyCode::Esc));
    let e = key(&mut a, Key::char('P'));
    assert!(e.is_empty(), "showing the sheet writes nothing: {e:?}");
    assert_eq!(
        *a.overlay(),
        argwalk::screen::app::Overlay::Sheet { scroll: 0 }
    );
    let theme = argwalk::screen::theme::Theme::FULL;
    let screen = |a: &App, theme| {
        argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(a, theme))
    };
    let text = screen(&a, &theme);
    assert!(text.contains("Prep sheet"), "{text}");
    let export = argwalk::interchange::export::render(
        a.map(),
        argwalk::interchange::export::Format::Markdown,
        argwalk::interchange::export::Options {
            layer: Some(layer(&a)),
        },
    );
    let first = export.lines().next().unwrap();
    assert!(text.contains(first), "{first:?} not in\n{text}");
    // Scrolling reaches the sheet's end, where the reader's note is, and stops there.
    let mut seen = text;
    for _ in 0..2000 {
        key(&mut a, Key::char('j'));
        seen.push_str(&screen(&a, &theme));
    }
    assert!(seen.contains("ask who counted"), "the note is on the sheet");
    let last = export.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
    let tail: String = last.chars().take(30).collect();
    assert!(
        screen(&a, &theme).contains(tail.trim()),
        "{tail:?} at the end"
    );
    let end = a.overlay().clone();
    key(&mut a, Key::char('j'));
    assert_eq!(*a.overlay(), end, "scrolling stops at the last line");
    // In ASCII mode every byte on screen is ASCII.
    let ascii = argwalk::screen::theme::Theme::detect(false, true, false);
    assert!(screen(&a, &ascii).is_ascii());
    key(&mut a, Key::plain(KeyCode::Esc));
    assert_eq!(*a.overlay(), argwalk::screen::app::Overlay::None);
}

/// In ASCII mode the paragraph sign of printed text (the prep sheet, frontlines, drill cards) is
/// the screen's `#`: never a `?`, and never transliterated to "P4", which reads as premise P4.
#[test]
fn printed_views_write_paragraphs_as_the_ascii_screen_does() {
    let map = argwalk::screen::ascii::map(loader::load_builtin().map.unwrap());
    let ascii = argwalk::screen::theme::Theme::detect(false, true, false);
    let sheet: Vec<String> = argwalk::screen::sheet::prep_sheet_lines(&map, None, &ascii, 76)
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    let all = sheet.join("\n");
    assert!(all.is_ascii());
    assert!(all.contains("(#4)"), "{all}");
    assert!(!all.contains("(P4)") && !all.contains("?4"), "{all}");
    assert!(
        sheet.iter().any(|l| l.starts_with("  > \"")),
        "a quote keeps its indent under its premise"
    );
    let mut a = App::new(map, 80, 24);
    argwalk::screen::app::handle(
        &mut a,
        argwalk::screen::app::Start::with(Layer::default()).event(),
    );
    let screen = |a: &App| {
        argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(a, &ascii))
    };
    key(&mut a, Key::char('f'));
    assert!(screen(&a).contains("(#7: \""), "{}", screen(&a));
    key(&mut a, Key::plain(KeyCode::Esc));
    key(&mut a, Key::char('d'));
    key(&mut a, Key::char(' '));
    let card = screen(&a);
    assert!(card.contains("(#") && !card.contains("(?"), "{card}");
}

/// The frontlines under --screen-reader write "paragraph 7" for "¶7", so they wrap to more
/// lines: scrolling still reaches the last of them, because the app measures them as drawn.
#[test]
fn scrolling_reaches_the_end_in_the_theme_drawn() {
    let (mut a, plain) = words_only(40, 16);
    key(&mut a, Key::char('f'));
    for _ in 0..1000 {
        key(&mut a, Key::char('j'));
    }
    let lines = argwalk::screen::sheet::frontline_lines(a.map(), None, &plain, 36);
    let full = argwalk::screen::sheet::frontline_lines(
        a.map(),
        None,
        &argwalk::screen::theme::Theme::FULL,
        36,
    );
    assert!(
        lines.len() > full.len(),
        "the test needs the plain lines to be more"
    );
    let last: String = lines
        .iter()
        .rev()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        })
        .find(|l| !l.trim().is_empty())
        .unwrap();
    let text =
        argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(&a, &plain));
    assert!(text.contains(last.trim()), "{last:?} not on\n{text}");
}

/// Issue 16.8: under --screen-reader, verdicts are the words for the node's kind; the selected
/// weak spot is marked in words and the cursor is on it; the cursor is on the drill card.
#[test]
fn screen_reader_words_and_the_cursor_in_weak_spots_and_drills() {
    let (mut a, plain) = words_only(120, 40);
    act(&mut a, Action::WalkNext); // O1, an objection
    assert_eq!(a.map().nodes[a.selected()].id, "O1");
    key(&mut a, Key::char('v'));
    key(&mut a, Key::char('v'));
    let text =
        argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(&a, &plain));
    assert!(text.contains("O1 (conceded) (answerable)"), "{text}");
    assert!(!text.contains("(doubtful)"), "{text}");
    // Weak spots: the selection in words, the cursor on its line.
    key(&mut a, Key::char('w'));
    key(&mut a, Key::char('j'));
    let buffer = argwalk::screen::view::render_buffer(&a, &plain);
    let text = argwalk::screen::view::buffer_text(&buffer);
    let row = text
        .lines()
        .position(|l| l.contains("selected: "))
        .expect("the selected spot is marked in words");
    let at = argwalk::screen::view::focus(&a).expect("a focus");
    assert_eq!(
        usize::from(at.y),
        row,
        "the cursor is on the selected spot:\n{text}"
    );
    key(&mut a, Key::char('j'));
    let moved = argwalk::screen::view::focus(&a).unwrap();
    let text =
        argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(&a, &plain));
    let row = text.lines().position(|l| l.contains("selected: ")).unwrap();
    assert_eq!(usize::from(moved.y), row);
    assert!(moved.y > at.y, "the cursor moves with the selection");
    key(&mut a, Key::plain(KeyCode::Esc));
    // A drill card: the cursor on its question.
    key(&mut a, Key::char('d'));
    let text =
        argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(&a, &plain));
    let at = argwalk::screen::view::focus(&a).unwrap();
    let line = text.lines().nth(usize::from(at.y)).unwrap();
    let front = &a.study().unwrap().drill.as_ref().unwrap().queue[0].front;
    let first_words: String = front.chars().take(12).collect();
    assert!(
        line[..].contains(&first_words),
        "cursor row {line:?} should hold {first_words:?}"
    );
}

/// Issue 16.11: the note editor wraps long lines (the start of a line stays in view) and
/// Ctrl-Z undoes, as the README says.
#[test]
fn the_note_editor_wraps_and_ctrl_z_undoes() {
    let mut a = App::new(loader::load_builtin().map.unwrap(), 80, 24);
    handle(
        &mut a,
        argwalk::screen::app::Start::with(Layer::default()).event(),
    );
    key(&mut a, Key::char('a'));
    let long = "Beginning of a long thought that goes on well past the width of the note window, and then some more words at its end";
    for c in long.chars() {
        key(&mut a, Key::char(c));
    }
    let theme = argwalk::screen::theme::Theme::FULL;
    let buffer = argwalk::screen::view::render_buffer(&a, &theme);
    let text = argwalk::screen::view::buffer_text(&buffer);
    assert!(
        text.contains("Beginning of a long"),
        "line 1 shows its start:\n{text}"
    );
    assert!(
        text.contains("words at its end"),
        "and its end, wrapped:\n{text}"
    );
    let cursor = argwalk::screen::view::focus(&a).unwrap();
    let row = text.lines().nth(usize::from(cursor.y)).unwrap();
    assert!(
        row.contains("its end"),
        "the cursor is at the end of the text: {row:?}"
    );
    // Ctrl-Z takes back what was typed last.
    for c in " oops".chars() {
        key(&mut a, Key::char(c));
    }
    key(&mut a, Key::ctrl('z'));
    key(&mut a, Key::plain(KeyCode::Esc));
    let note = &layer(&a).node("T").unwrap().note;
    assert!(!note.ends_with("oops"), "{note:?}");
    assert!(note.starts_with("Beginning of a long"), "{note:?}");
}

/// Issue 16.10: at 80x24, after marks, a verdict and a note, the details pane still shows the
/// claim first, under its heading.
#[test]
fn the_claim_comes_first_in_the_details_pane() {
    let mut a = App::new(loader::load_builtin().map.unwrap(), 80, 24);
    handle(
        &mut a,
        argwalk::screen::app::Start::with(Layer::default()).event(),
    );
    for _ in 0..8 {
        act(&mut a, Action::WalkNext);
    }
    let n = a.map().nodes[a.selected()].clone();
    key(&mut a, Key::char('m'));
    key(&mut a, Key::char('v'));
    key(&mut a, Key::char('a'));
    for c in "a note of mine".chars() {
        key(&mut a, Key::char(c));
    }
    key(&mut a, Key::plain(KeyCode::Esc));
    let theme = argwalk::screen::theme::Theme::FULL;
    let text =
        argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(&a, &theme));
    let details = a.areas().details_inner;
    let second = text
        .lines()
        .nth(usize::from(details.y) + 1)
        .unwrap()
        .to_string();
    let start: String = n
        .label
        .clone()
        .unwrap_or(n.text.clone())
        .chars()
        .take(15)
        .collect();
    assert!(
        second.contains(&start),
        "the claim right under the heading: {second:?}\n{text}"
    );
}

/// Issue 16.9: at 80x24 a message is readable whole (above the status line when it does not
/// fit on it), and the side chosen is shown on the main screen.
#[test]
fn messages_are_whole_at_80_columns_and_the_side_shows() {
    let mut a = App::new(loader::load_builtin().map.unwrap(), 80, 24);
    handle(
        &mut a,
        argwalk::screen::app::Start::with(Layer::default()).event(),
    );
    act(&mut a, Action::WalkNext);
    key(&mut a, Key::char('v'));
    let theme = argwalk::screen::theme::Theme::FULL;
    let screen = |a: &App| {
        argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(a, &theme))
    };
    let message = a.message().unwrap().to_string();
    assert!(message.len() > 40, "a long message: {message}");
    assert!(
        screen(&a).contains(&message),
        "{message:?} whole on:\n{}",
        screen(&a)
    );
    key(&mut a, Key::char('s'));
    key(&mut a, Key::char('s'));
    let message = a.message().unwrap().to_string();
    assert!(screen(&a).contains(&message), "{}", screen(&a));
    act(&mut a, Action::WalkNext);
    assert!(a.message().is_none());
    let text = screen(&a);
    let status = text.lines().last().unwrap();
    assert!(status.contains("arguing against"), "{status:?}");
}

/// Issue 16.12, at 80x24: the marked paragraph is on screen at every step of the walk; search
/// never leaves the tree on an unrelated node; help pages with PgDn and explains the marks; a
/// conceded objection is not "UNANSWERED"; a counterpoint's verdict reads as its own word.
#[test]
fn at_80x24_what_is_marked_is_shown_and_named_rightly() {
    let mut a = App::new(loader::load_builtin().map.unwrap(), 80, 24);
    handle(
        &mut a,
        argwalk::screen::app::Start::with(Layer::default()).event(),
    );
    let total = a.map().walk.len();
    for _ in 0..total {
        act(&mut a, Action::WalkNext);
        let cursor = a.source().cursor;
        let text = argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(
            &a,
            &argwalk::screen::theme::Theme::FULL,
        ));
        // The gutter of the marked paragraph's first row in view: "›  4" or "› ↑4".
        let marked = |l: &str| {
            let gutter: String = l.chars().skip_while(|c| *c != '›').take(6).collect();
            gutter.starts_with('›')
                && gutter
                    .split(|c: char| !c.is_ascii_digit())
                    .any(|n| n == cursor.to_string())
        };
        let panes = text.lines().count() - 1; // not the status line, whose path has "›"
        assert!(
            text.lines().take(panes).any(marked),
            "{}: the mark on ¶{cursor} is off screen:\n{text}",
            a.map().nodes[a.selected()].id
        );
    }
    // Search: a match only in the text puts the tree on a node that cites it.
    act(&mut a, Action::First);
    act(&mut a, Action::StartSearch);
    // "abi" first matches E2b (which cites ¶5); "ability" is only in the article, at ¶15.
    for c in "ability".chars() {
        act(&mut a, Action::SearchInput(c));
    }
    let Some(argwalk::screen::app::Hit::Text { paragraph, .. }) = a.search().current_hit().cloned()
    else {
        panic!("a text hit: {:?}", a.search().hits)
    };
    assert!(
        a.map().nodes[a.selected()].cites(paragraph),
        "{} does not cite ¶{paragraph}",
        a.map().nodes[a.selected()].id
    );
    act(&mut a, Action::SearchCancel);
    // Help: PgDn scrolls a page; the marks are explained.
    key(&mut a, Key::char('?'));
    let text = argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(
        &a,
        &argwalk::screen::theme::Theme::FULL,
    ));
    assert!(text.contains("Your marks: ✓ understood"), "{text}");
    key(&mut a, Key::plain(KeyCode::PageDown));
    let argwalk::screen::app::Overlay::Help { scroll } = *a.overlay() else {
        panic!()
    };
    assert!(scroll > 5, "PgDn scrolls a page: {scroll}");
    key(&mut a, Key::plain(KeyCode::Esc));
    // The frontlines: O1 is conceded, not unanswered.
    let lines = argwalk::screen::sheet::frontline_lines(
        a.map(),
        None,
        &argwalk::screen::theme::Theme::FULL,
        76,
    );
    let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let o1 = text.iter().position(|l| l.contains("O1")).unwrap();
    assert!(
        !text[o1 + 1].contains("UNANSWERED"),
        "{:?}",
        &text[o1..o1 + 2]
    );
    // Weak spots: an objection judged strong reads "strong", a premise judged failing "fail".
    let mut layer = Layer::default();
    layer.node_mut("O1").judgement = Some(Judgement::Holds);
    layer.node_mut("P1").judgement = Some(Judgement::Fails);
    let (lines, _) = argwalk::screen::sheet::weak_lines(
        a.map(),
        Some(&layer),
        &argwalk::screen::theme::Theme::FULL,
        76,
    );
    let text: String = lines.iter().map(|l| l.to_string() + "\n").collect();
    assert!(text.contains("you judged it strong"), "{text}");
    assert!(text.contains("you judged it to fail"), "{text}");
}

/// Issue 23.10: at 80x24 a drill answer taller than the card scrolls, and the title says how
/// much is below: the thesis's seven premises and P0 are all reachable.
#[test]
fn a_long_drill_answer_scrolls_at_80x24() {
    let (mut a, theme) = words_only(80, 24);
    act(&mut a, Action::Drill);
    act(&mut a, Action::DrillReveal);
    let screen = |a: &App| {
        argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(a, &theme))
    };
    let first = screen(&a);
    assert!(first.contains("premises of the thesis"), "{first}");
    assert!(first.contains("more below"), "{first}");
    assert!(!first.contains("P0:"), "{first}");
    for _ in 0..40 {
        key(&mut a, Key::char('j'));
    }
    let last = screen(&a);
    assert!(last.contains("P0:"), "{last}");
    assert!(!last.contains("more below"), "{last}");
}

/// Issue 24.3: a notes file cut short under a running reader, mid-line (damaged) or at a line
/// (still valid TOML, but missing notes): the next change writes everything the reader holds,
/// the notes it had loaded and the change, not the change alone; a damaged file is set aside.
#[test]
fn a_file_cut_short_under_a_running_reader_loses_nothing_it_held() {
    use argwalk::study::{Changes, Field, Store};
    for (case, damaged) in [("mid-line", true), ("at a line", false)] {
        let dir = std::env::temp_dir().join(format!(
            "argwalk-cut-short-{}-{}",
            std::process::id(),
            damaged
        ));
        let _ = std::fs::remove_dir_all(&dir);
        let store = Store::new(&dir, Some(Path::new("/maps/m.toml")));
        let mut ours = store.open().layer;
        for (id, note) in [("P1", "first"), ("P2", "second"), ("P3", "third")] {
            ours.node_mut(id).note = note.into();
            let changes = Changes {
                fields: [(id.to_string(), Field::Note)].into(),
                ..Default::default()
            };
            ours = store.save(&ours, &changes).unwrap().0;
        }
        // Cut short by something else, under the running reader.
        let text = std::fs::read_to_string(&store.path).unwrap();
        let cut = if damaged {
            text.find("second").unwrap() + 3
        } else {
            text.find("[nodes.P2]").unwrap()
        };
        std::fs::write(&store.path, &text[..cut]).unwrap();
        ours.node_mut("P4").note = "fourth".into();
        let changes = Changes {
            fields: [("P4".to_string(), Field::Note)].into(),
            ..Default::default()
        };
        let (saved, warning) = store.save(&ours, &changes).unwrap();
        assert_eq!(
            warning
                .as_ref()
                .is_some_and(|w| w.contains("could not be read")),
            damaged,
            "{case}: {warning:?}"
        );
        let on_disk = Layer::from_text(&std::fs::read_to_string(&store.path).unwrap()).unwrap();
        for (id, note) in [
            ("P1", "first"),
            ("P2", "second"),
            ("P3", "third"),
            ("P4", "fourth"),
        ] {
            assert_eq!(
                on_disk.node(id).map(|s| s.note.as_str()),
                Some(note),
                "{case}: {id}"
            );
            assert_eq!(
                saved.node(id).map(|s| s.note.as_str()),
                Some(note),
                "{case}: {id}"
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
