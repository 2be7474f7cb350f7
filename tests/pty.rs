//! End-to-end: the real binary in a pseudo-terminal. Press keys, read the screen, and check the
//! terminal is restored (alternate screen left, cursor shown, cooked mode back) on every way out.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::time::Duration;

use rustix::process::Signal;
use support::pty::{Pty, Session, restored};

const BIN: &str = env!("CARGO_BIN_EXE_argwalk");
const LONG: Duration = Duration::from_secs(10);

/// Most tests run argwalk as an ordinary process on the pty; only the hang-up tests need it to
/// be a session leader with the pty as its controlling terminal.
fn start(session: Session, envs: &[(&str, &str)]) -> Pty {
    let p = Pty::spawn(Path::new(BIN), &[], envs, 80, 24, session);
    p.see(&["step 1/37"], LONG);
    p
}

#[track_caller]
fn assert_restored(p: &mut Pty, code: Option<i32>) {
    let (status, _) = p.wait(LONG).expect("argwalk did not exit");
    assert_eq!(status.code(), code, "exit status");
    // The last bytes may still be in the pty's buffer when the child has exited.
    let start = std::time::Instant::now();
    while !restored(&p.bytes()) && start.elapsed() < LONG {
        std::thread::sleep(Duration::from_millis(5));
    }
    let bytes = p.bytes();
    let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(200)..]).into_owned();
    assert!(
        restored(&bytes),
        "alternate screen not left: {} bytes, ending {tail:?}",
        bytes.len()
    );
    assert!(p.cooked(), "raw mode left: canonical mode and echo back");
}

#[test]
fn keys_drive_the_reader_then_q_quits() {
    let mut p = start(Session::Detached, &[]);
    p.press_and_see(b"nn", &["T › O1 › R1", "step 3/37"], LONG);
    p.press_and_see(b"?", &["argwalk: every key"], LONG);
    p.send(b"\x1b");
    assert!(
        p.wait_for(LONG, |s| !s.contains("argwalk: every key")),
        "{}",
        p.screen()
    );
    p.send(b"/hegemony\r");
    assert!(p.wait_for(LONG, |s| s.contains("E6c")), "{}", p.screen());
    p.send(b"q");
    assert_restored(&mut p, Some(0));
}

#[test]
fn ctrl_c_quits_with_130() {
    let mut p = start(Session::Detached, &[]);
    p.send(b"\x03");
    assert_restored(&mut p, Some(130));
}

#[test]
fn sigterm_restores() {
    let mut p = start(Session::Detached, &[]);
    p.signal(Signal::TERM);
    assert_restored(&mut p, Some(143));
}

#[test]
fn sigint_restores() {
    let mut p = start(Session::Detached, &[]);
    p.signal(Signal::INT);
    assert_restored(&mut p, Some(130));
}

#[test]
fn sighup_restores() {
    let mut p = start(Session::Detached, &[]);
    p.signal(Signal::HUP);
    assert_restored(&mut p, Some(129));
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the ARGWALK_TEST_PANIC hook exists only in debug builds"
)]
fn panic_restores() {
    let mut p = Pty::spawn(
        Path::new(BIN),
        &[],
        &[("ARGWALK_TEST_PANIC", "1")],
        80,
        24,
        Session::Detached,
    );
    assert_restored(&mut p, Some(101));
    let text = String::from_utf8_lossy(&p.bytes()).into_owned();
    assert!(
        text.contains("panic requested by ARGWALK_TEST_PANIC"),
        "{text}"
    );
}

/// Closes the master side of the pty, as a dropped SSH link does, and expects a prompt exit.
#[track_caller]
fn closing_the_pty_ends_argwalk(session: Session) {
    let mut p = start(session, &[]);
    p.close_master();
    let (status, took) = p
        .wait(LONG)
        .expect("argwalk kept running on a dead terminal");
    assert_eq!(status.code(), Some(129));
    assert!(took < Duration::from_secs(1), "took {took:?}");
}

#[test]
fn closed_pty_without_sighup_exits_without_spinning() {
    // Detached: closing the master sends no SIGHUP, so only the hang-up watchdog can notice.
    closing_the_pty_ends_argwalk(Session::Detached);
}

#[test]
fn closed_pty_with_sighup_exits() {
    closing_the_pty_ends_argwalk(Session::Controlling);
}

#[test]
fn no_color_and_ascii_over_the_wire() {
    let mut p = start(Session::Detached, &[("NO_COLOR", "1")]);
    p.send(b"n");
    assert!(p.wait_for(LONG, |s| s.contains("step 2/37")));
    // Not one cell in colour, and the selection still shows, in reverse video.
    let vt = p.terminal();
    let screen = vt.screen();
    let cells: Vec<_> = (0..24)
        .flat_map(|y| (0..80).map(move |x| (y, x)))
        .filter_map(|(y, x)| screen.cell(y, x))
        .collect();
    assert!(
        cells
            .iter()
            .all(|c| c.fgcolor() == vt100::Color::Default && c.bgcolor() == vt100::Color::Default),
        "colour sent under NO_COLOR"
    );
    assert!(
        cells.iter().any(|c| c.inverse()),
        "reverse video for the selection"
    );
    p.send(b"q");
    assert_restored(&mut p, Some(0));

    let mut p = Pty::spawn(Path::new(BIN), &["--ascii"], &[], 80, 24, Session::Detached);
    assert!(p.wait_for(LONG, |s| s.contains("step 1/37")));
    let screen = p.screen();
    assert!(screen.contains("[T] T Iran is the spoiler"), "{screen}");
    assert!(!screen.contains('│') && !screen.contains('▾'), "{screen}");
    p.send(b"q");
    assert_restored(&mut p, Some(0));
}

#[test]
fn no_mouse_capture_is_ever_requested() {
    let mut p = start(Session::Detached, &[]);
    p.send(b"nnn?\x1b");
    p.settle(Duration::from_millis(100), LONG);
    p.send(b"q");
    assert_restored(&mut p, Some(0));
    let text = String::from_utf8_lossy(&p.bytes()).into_owned();
    for mode in ["?1000h", "?1002h", "?1003h", "?1006h", "?1015h"] {
        assert!(!text.contains(mode), "mouse mode {mode} requested");
    }
}

#[test]
fn resize_storm_ends_on_a_correct_frame() {
    let mut p = start(Session::Detached, &[]);
    for i in 0..50u16 {
        let (w, h) = match i % 7 {
            0 => (1, 1),
            1 => (300, 100),
            5 => (400, 200),
            6 => (1000, 300),
            2 => (39, 11),
            3 => (120, 40),
            _ => (81 + i, 24 + i / 5),
        };
        p.resize(w, h);
        std::thread::sleep(Duration::from_millis(20));
    }
    p.resize(120, 40);
    p.see(&["step 1/37", "┌ Argument"], LONG);
    p.send(b"q");
    assert_restored(&mut p, Some(0));
}

#[test]
fn a_non_utf8_locale_draws_ascii() {
    let mut p = Pty::spawn(
        Path::new(BIN),
        &[],
        &[("LANG", "C")],
        80,
        24,
        Session::Detached,
    );
    p.see(&["step 1/37"], LONG);
    let bytes = p.bytes();
    let text = String::from_utf8_lossy(&bytes);
    // The article's own text may hold Unicode; the interface draws none.
    assert!(
        !text.contains('│') && !text.contains('▾') && !text.contains('›'),
        "{}",
        p.screen()
    );
    assert!(p.screen().contains("|-- [O] O1"), "{}", p.screen());
    p.send(b"q");
    assert_restored(&mut p, Some(0));
}

/// In ASCII mode (by flag or by locale) no byte above 0x7F reaches the terminal, whatever the
/// map holds: CJK, Arabic, emoji, curly quotes and dashes are transliterated.
#[test]
fn ascii_mode_sends_no_byte_above_0x7f() {
    for (args, envs) in [
        (vec!["--ascii", "tests/fixtures/unicode.toml"], vec![]),
        (vec!["tests/fixtures/unicode.toml"], vec![("LANG", "C")]),
        (vec!["--ascii"], vec![]),
    ] {
        let mut p = Pty::spawn(Path::new(BIN), &args, &envs, 120, 40, Session::Detached);
        p.see(&["step 1/"], LONG);
        // Walk every node, search, open help and the node in full: every screen is sent.
        for key in [
            &b"nnnnnnnn"[..],
            b"/caf\r",
            b"?",
            b"\x1b",
            b"i",
            b"\x1b",
            b"\t",
            b"G",
        ] {
            p.send(key);
            std::thread::sleep(Duration::from_millis(60));
        }
        p.send(b"q");
        assert_restored(&mut p, Some(0));
        let bytes = p.bytes();
        if let Some(at) = bytes.iter().position(|&b| b > 0x7f) {
            let around =
                String::from_utf8_lossy(&bytes[at.saturating_sub(40)..(at + 40).min(bytes.len())])
                    .into_owned();
            panic!(
                "{args:?} {envs:?}: byte {:#x} at {at}: {around:?}",
                bytes[at]
            );
        }
    }
}

/// What the terminal shows (read back through vt100) must be exactly what the reference render
/// of the same state holds: this checks the whole path, diff, gap bridging and region scrolling.
#[test]
fn the_terminal_shows_exactly_the_rendered_frame() {
    use argwalk::screen::app::{App, handle};
    use argwalk::screen::event::Event;
    use argwalk::screen::key::{Key as KeyEvent, KeyCode, Mods as KeyModifiers};
    let keys: &[(&[u8], KeyCode)] = &[
        (b"n", KeyCode::Char('n')),
        (b"\t", KeyCode::Tab),
        (b"j", KeyCode::Char('j')),
        (b"j", KeyCode::Char('j')),
        (b"j", KeyCode::Char('j')),
        (b"\x04", KeyCode::Char('d')),
        (b"k", KeyCode::Char('k')),
        (b"]", KeyCode::Char(']')),
        (b"G", KeyCode::Char('G')),
        (b"g", KeyCode::Char('g')),
        (b"\t", KeyCode::Tab),
        (b"n", KeyCode::Char('n')),
    ];
    // Then a walk far enough to scroll the tree both ways.
    let walk: Vec<(&[u8], KeyCode)> = std::iter::repeat_n((&b"n"[..], KeyCode::Char('n')), 20)
        .chain(std::iter::repeat_n((&b"p"[..], KeyCode::Char('p')), 12))
        .collect();
    let keys: Vec<(&[u8], KeyCode)> = keys.iter().copied().chain(walk).collect();
    for (w, h) in [(80u16, 24u16), (120, 40), (400, 200), (1000, 300)] {
        let mut p = Pty::spawn(Path::new(BIN), &[], &[], w, h, Session::Detached);
        assert!(p.wait_for(LONG, |s| s.contains("step 1/37")));
        let map = argwalk::map::loader::load_builtin().map.unwrap();
        let mut app = App::new(map, w, h);
        // The reader keeps a layer of notes (in a test folder): the reference has one too.
        argwalk::screen::app::handle(
            &mut app,
            argwalk::screen::app::Start::with(argwalk::study::Layer::default()).event(),
        );
        // Counts the due drill cards, as the real session does before its first frame.
        argwalk::screen::app::handle(&mut app, argwalk::screen::event::Event::Resize(w, h));
        let theme = argwalk::screen::theme::Theme::FULL;
        for (bytes, code) in &keys {
            p.send(bytes);
            let mods = if *bytes == b"\x04" {
                KeyModifiers::CONTROL
            } else {
                KeyModifiers::NONE
            };
            handle(&mut app, Event::Key(KeyEvent::new(*code, mods)));
            let want = argwalk::screen::view::render_buffer(&app, &theme);
            let same = p.wait_for(LONG, |_| {
                support::screen::difference(p.terminal().screen(), &want).is_none()
            });
            assert!(
                same,
                "after {bytes:?} at {w}x{h}: {}\n{}\nwanted:\n{}",
                support::screen::difference(p.terminal().screen(), &want).unwrap_or_default(),
                p.screen(),
                argwalk::screen::view::buffer_text(&want)
            );
        }
        p.send(b"q");
        assert_restored(&mut p, Some(0));
    }
}

/// A terminal that stops reading (a frozen link, a paused pane) must not hold a signal up:
/// each ends the process at once, and raw mode is left even though no byte can get through.
#[test]
fn signals_end_a_session_whose_terminal_stopped_reading() {
    for (sig, code) in [(Signal::TERM, 143), (Signal::INT, 130), (Signal::HUP, 129)] {
        let mut p = Pty::spawn(Path::new(BIN), &[], &[], 120, 40, Session::Detached);
        assert!(p.wait_for(LONG, |s| s.contains("step 1/37")));
        p.pause_reading(true);
        // Whole-screen redraws, far more than the pty can buffer: argwalk blocks in write().
        for i in 0..80u16 {
            p.resize(120 + i % 2, 40);
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(300));
        p.signal(sig);
        // The figure (milliseconds) is measured by examples/wire.rs; this bound only tells a
        // prompt exit from one that waits for the terminal to read again, which is never.
        let (status, took) = p
            .wait(Duration::from_secs(3))
            .expect("no exit while stalled");
        assert_eq!(status.code(), Some(code), "{sig:?}");
        eprintln!("{sig:?} on a terminal that stopped reading: exit after {took:?}");
        assert!(took < Duration::from_secs(3));
        assert!(p.cooked(), "{sig:?}: raw mode left on a stalled terminal");
        p.pause_reading(false);
        // Issue 15.7: the bytes that leave the alternate screen and show the cursor got
        // through, however stalled the terminal was.
        let start = std::time::Instant::now();
        while !restored(&p.bytes()) && start.elapsed() < LONG {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(
            restored(&p.bytes()),
            "{sig:?}: the alternate screen was not left on a stalled terminal"
        );
    }
}

/// A signal in the first milliseconds, while the map loads, the terminal is set up or the
/// first frame drawn, must never leave the terminal raw or on the alternate screen.
#[test]
fn signals_at_start_up_leave_the_terminal_as_it_was() {
    let signals = [Signal::TERM, Signal::HUP, Signal::INT];
    let mut entered = 0;
    for i in 0..240u64 {
        let p = Pty::spawn(Path::new(BIN), &[], &[], 80, 24, Session::Detached);
        // Spread over the start: exec, load, raw mode, the first frame (about 5 to 15 ms for a
        // debug build, more on a busy machine: the spread reaches well past it).
        std::thread::sleep(Duration::from_micros(i * 120));
        p.signal(signals[(i % 3) as usize]);
        let mut p = p;
        let Some((status, _)) = p.wait(LONG) else {
            panic!(
                "try {i} ({:?}): argwalk did not exit; its threads:\n{}\nit wrote {:?}",
                signals[(i % 3) as usize],
                p.threads(),
                String::from_utf8_lossy(&p.bytes())
            );
        };
        // Killed before its handlers were in place is fine: then it had touched nothing.
        assert!(
            status.code().is_some() || status.signal().is_some(),
            "try {i}: {status:?}"
        );
        let start = std::time::Instant::now();
        while start.elapsed() < Duration::from_millis(200) && p.len() < 1 {
            std::thread::sleep(Duration::from_millis(1));
        }
        // What it wrote before it ended may still be on its way through the pty (a busy
        // machine): the restoring bytes are waited for, a while, before any verdict.
        let entered_screen = |b: &[u8]| b.windows(8).any(|w| w == b"\x1b[?1049h");
        let settle = std::time::Instant::now();
        while settle.elapsed() < Duration::from_secs(2)
            && entered_screen(&p.bytes())
            && !restored(&p.bytes())
        {
            std::thread::sleep(Duration::from_millis(5));
        }
        let bytes = p.bytes();
        if entered_screen(&bytes) {
            entered += 1;
            assert!(restored(&bytes), "try {i}: alternate screen left on");
        }
        assert!(p.cooked(), "try {i}: raw mode left on ({status:?})");
    }
    // The tries must have reached the terminal set-up, or they prove little.
    assert!(entered > 0, "no try reached the alternate screen");
}

/// A resize while a large map loads is seen: the first frame, and every one after, is drawn at
/// the size the terminal has now.
#[test]
fn a_resize_while_the_map_loads_is_not_lost() {
    let dir = std::env::temp_dir().join(format!("argwalk-resize-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let map = dir.join("big.toml");
    std::fs::write(&map, argwalk::dev::synthetic::map_text(30_000, 3_000)).unwrap();
    let mut p = Pty::spawn(
        Path::new(BIN),
        &[map.to_str().unwrap()],
        &[],
        80,
        24,
        Session::Detached,
    );
    std::thread::sleep(Duration::from_millis(30));
    assert_eq!(
        p.len(),
        0,
        "the map loaded before the resize: make it larger"
    );
    p.resize(120, 40);
    // The wide layout (boxed panes side by side) exists only from 100 columns on.
    assert!(
        p.wait_for(LONG, |s| s
            .lines()
            .next()
            .is_some_and(|l| l.starts_with("┌ Argument"))
            && s.contains("step 1/")),
        "{}",
        p.screen()
    );
    let screen = p.terminal();
    assert_eq!(screen.screen().size(), (40, 120));
    let last = screen.screen().contents().lines().count();
    assert!(last >= 39, "the frame fills 40 rows:\n{}", p.screen());
    p.send(b"q");
    assert_restored(&mut p, Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

/// `argwalk broken.toml` in a terminal: the diagnostics, exit 1, and the terminal untouched (no
/// alternate screen, no raw mode, nothing drawn).
#[test]
fn the_reader_refuses_a_broken_map_and_leaves_the_terminal_alone() {
    let dir = std::env::temp_dir().join(format!("argwalk-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("broken.toml");
    let map =
        argwalk::map::loader::BUILTIN_MAP.replacen("supports = \"T\"", "supports = \"P9\"", 1);
    std::fs::write(&path, map).unwrap();
    let mut p = Pty::spawn(
        Path::new(BIN),
        &[path.to_str().unwrap()],
        &[],
        80,
        24,
        Session::Detached,
    );
    let (status, _) = p.wait(LONG).expect("argwalk did not exit");
    assert_eq!(status.code(), Some(1));
    std::thread::sleep(Duration::from_millis(50));
    let bytes = p.bytes();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("no node has that id"), "{text}");
    assert!(
        text.contains("broken.toml:"),
        "the file and line are named: {text}"
    );
    assert!(
        !text.contains("\x1b[?1049h"),
        "the alternate screen was entered"
    );
    assert!(!text.contains("\x1b[?25l"), "the cursor was hidden");
    assert!(p.cooked());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Screen readers and braille displays follow the terminal's cursor: after each key it sits on
/// what has focus (the selected row, the marked paragraph, the search prompt, a chosen list
/// item), shown with `--screen-reader` and hidden (but placed) without.
#[test]
fn the_cursor_follows_the_focus() {
    use argwalk::screen::app::{App, handle};
    use argwalk::screen::event::Event;
    use argwalk::screen::key::{Key, KeyCode};
    for (args, shown) in [(vec!["--screen-reader"], true), (vec![], false)] {
        let mut p = Pty::spawn(Path::new(BIN), &args, &[], 80, 24, Session::Detached);
        assert!(p.wait_for(LONG, |s| s.contains("step 1/37")));
        let mut app = App::new(argwalk::map::loader::load_builtin().map.unwrap(), 80, 24);
        argwalk::screen::app::handle(
            &mut app,
            argwalk::screen::app::Start::with(argwalk::study::Layer::default()).event(),
        );
        let keys: &[(&[u8], Key)] = &[
            (b"n", Key::char('n')),
            (b"j", Key::char('j')),
            (b"\t", Key::plain(KeyCode::Tab)),
            (b"j", Key::char('j')),
            (b"]", Key::char(']')),
            (b"\t", Key::plain(KeyCode::Tab)),
            (b"/", Key::char('/')),
            (b"ira", Key::char('i')),
        ];
        for (bytes, key) in keys {
            p.send(bytes);
            handle(&mut app, Event::Key(*key));
            if *bytes == b"ira" {
                handle(&mut app, Event::Key(Key::char('r')));
                handle(&mut app, Event::Key(Key::char('a')));
            }
            let want = argwalk::screen::view::focus(&app).expect("a focus");
            let ok = p.wait_for(LONG, |_| {
                let t = p.terminal();
                let (row, col) = t.screen().cursor_position();
                (col, row) == (want.x, want.y) && t.screen().hide_cursor() != shown
            });
            let t = p.terminal();
            assert!(
                ok,
                "after {bytes:?}: cursor at {:?} (hidden {}), focus at {want:?}\n{}",
                t.screen().cursor_position(),
                t.screen().hide_cursor(),
                p.screen()
            );
        }
        // Esc and q apart: together a terminal sends them as Alt-q.
        p.send(b"\x1b");
        std::thread::sleep(Duration::from_millis(100));
        p.send(b"q");
        assert!(p.wait(LONG).is_some(), "q quits");
    }
}

/// A configuration rebinds keys by action name: the new key works, the old one does not, and
/// the status line and help show the key chosen. A broken one is reported like a map, before
/// the terminal is touched.
#[test]
fn a_configuration_rebinds_keys_and_colours() {
    let dir = std::env::temp_dir().join(format!("argwalk-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cfg = dir.join("config.toml");
    std::fs::write(
        &cfg,
        "[display]\npalette = \"colorblind\"\n[keys.anywhere]\nwalk_next = [\"x\", \"Right\"]\n",
    )
    .unwrap();
    let mut p = Pty::spawn(
        Path::new(BIN),
        &["--config", cfg.to_str().unwrap()],
        &[],
        120,
        40,
        Session::Detached,
    );
    assert!(
        p.wait_for(LONG, |s| s.contains("step 1/37") && s.contains("x next")),
        "{}",
        p.screen()
    );
    p.press_and_see(b"x", &["step 2/37"], LONG);
    p.send(b"n");
    std::thread::sleep(Duration::from_millis(200));
    assert!(p.screen().contains("step 2/37"), "n no longer steps");
    p.press_and_see(b"?", &["x / Right"], LONG);
    // The colour-blind palette: the thesis badge in Okabe-Ito's reddish purple.
    let t = p.terminal();
    let screen = t.screen();
    let badge = (0..120)
        .filter_map(|c| screen.cell(1, c))
        .find(|c| c.contents() == "T")
        .map(|c| c.fgcolor());
    assert_eq!(badge, Some(vt100::Color::Rgb(0xCC, 0x79, 0xA7)));
    // Esc and q apart: together a terminal sends them as Alt-q.
    p.press_and_see(b"\x1b", &["step 2/37"], LONG);
    std::thread::sleep(Duration::from_millis(50));
    p.send(b"q");
    assert_restored(&mut p, Some(0));
    std::fs::write(&cfg, "[keys.anywhere]\nwalk_next = [\"p\"]\n").unwrap();
    let mut p = Pty::spawn(
        Path::new(BIN),
        &["--config", cfg.to_str().unwrap()],
        &[],
        80,
        24,
        Session::Detached,
    );
    let (status, _) = p.wait(LONG).expect("exits");
    assert_eq!(status.code(), Some(1));
    std::thread::sleep(Duration::from_millis(50));
    let text = String::from_utf8_lossy(&p.bytes()).into_owned();
    assert!(
        text.contains("`walk_next` and `walk_prev`") && text.contains("config.toml:2:13"),
        "{text}"
    );
    assert!(!text.contains("\x1b[?1049h"), "the terminal was taken");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Follow mode: a coach presents, two followers move with the coach at their own sizes; one
/// steps away with a move of its own and snaps back with F.
#[test]
fn followers_move_with_the_presenter() {
    let state = std::env::temp_dir().join(format!("argwalk-follow-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&state);
    let env = [("ARGWALK_STATE_DIR", state.to_str().unwrap())];
    let mut coach = Pty::spawn(
        Path::new(BIN),
        &["--present", "finals", "--user", "coach"],
        &env,
        120,
        40,
        Session::Detached,
    );
    coach.see(&["presenting to finals"], LONG);
    let mut a = Pty::spawn(
        Path::new(BIN),
        &["--follow", "finals"],
        &env,
        80,
        24,
        Session::Detached,
    );
    let mut b = Pty::spawn(
        Path::new(BIN),
        &["--follow", "finals", "--no-color"],
        &env,
        100,
        30,
        Session::Detached,
    );
    for f in [&a, &b] {
        f.see(&["following coach"], LONG);
    }
    let start = std::time::Instant::now();
    coach.send(b"nnn");
    for f in [&a, &b] {
        f.see(&["step 4/37"], LONG);
    }
    eprintln!(
        "both followers at the presenter's step {:?} after the keys",
        start.elapsed()
    );
    // A steps away, B stays.
    a.press_and_see(b"n", &["step 5/37", "Stepped away"], LONG);
    coach.send(b"n");
    assert!(b.wait_for(LONG, |s| s.contains("step 5/37")));
    coach.send(b"n");
    assert!(b.wait_for(LONG, |s| s.contains("step 6/37")));
    assert!(a.screen().contains("step 5/37"), "A stays where it went");
    a.press_and_see(b"F", &["step 6/37", "Following the"], LONG);
    // Issue 15.17: idle, presenter and followers use no CPU (reading the room file once woke
    // the follower's own watcher, for ever: 6.5% of a core each).
    std::thread::sleep(Duration::from_millis(300));
    let before: Vec<u64> = [&coach, &a, &b].iter().map(|p| p.cpu_ticks()).collect();
    std::thread::sleep(Duration::from_secs(2));
    let after: Vec<u64> = [&coach, &a, &b].iter().map(|p| p.cpu_ticks()).collect();
    let used: Vec<u64> = after.iter().zip(&before).map(|(a, b)| a - b).collect();
    eprintln!("CPU ticks (1/100 s) over 2 s idle, presenter and two followers: {used:?}");
    assert!(used.iter().all(|&t| t <= 1), "busy while idle: {used:?}");
    // Issue 15.20: followers are told when the presenter leaves.
    coach.send(b"q");
    let _ = coach.wait(LONG);
    for f in [&a, &b] {
        f.see(&["stopped presenting"], LONG);
    }
    for p in [&mut a, &mut b] {
        p.send(b"q");
        let _ = p.wait(LONG);
    }
    let _ = std::fs::remove_dir_all(&state);
}

/// Issue 15.6: an incomplete input sequence (a lone `ESC [`, `ESC O`, a UTF-8 lead byte) does
/// not stall the session: a resize after it is drawn at once, and the keys after it still work.
#[test]
fn an_incomplete_sequence_does_not_stall_the_screen() {
    for partial in [&b"\x1b["[..], b"\x1bO", b"\xc3"] {
        let mut p = Pty::spawn(Path::new(BIN), &[], &[], 80, 24, Session::Detached);
        p.see(&["step 1/37"], LONG);
        p.send(partial);
        std::thread::sleep(Duration::from_millis(100));
        p.resize(100, 30);
        let drawn = p.wait_for(LONG, |_| {
            let t = p.terminal();
            let last = t.screen().contents_between(29, 0, 29, 100);
            last.contains("step 1/37")
        });
        assert!(
            drawn,
            "{partial:?}: the resize was not drawn:\n{}",
            p.screen()
        );
        // The next byte completes (or spoils) the sequence and goes with it, as in any terminal
        // program; the key after that is a key again.
        p.send(b"q");
        std::thread::sleep(Duration::from_millis(100));
        p.send(b"q");
        let (status, _) = p.wait(LONG).expect("no exit");
        assert_eq!(status.code(), Some(0), "{partial:?}: {status:?}");
    }
}

/// Issue 15.20: a follower in a library, on another map than the presenter's, is told which,
/// stays where it is, and with F opens the presenter's map and follows there.
#[test]
fn a_follower_in_a_library_opens_the_presenters_map() {
    let dir = std::env::temp_dir().join(format!("argwalk-follow-lib-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let lib = dir.join("maps");
    std::fs::create_dir_all(&lib).unwrap();
    let map = argwalk::map::loader::BUILTIN_MAP;
    std::fs::write(lib.join("a.toml"), map).unwrap();
    std::fs::write(
        lib.join("astana-talks.txt"),
        argwalk::map::loader::BUILTIN_TEXT,
    )
    .unwrap();
    // Another argument: its own title and article.
    let other = map
        .replace(
            "title = \"Astana and the Iranian roadblock to peace in Syria\"",
            "title = \"A second essay\"",
        )
        .replace(
            "text_file = \"astana-talks.txt\"",
            "text_file = \"second.txt\"",
        );
    std::fs::write(lib.join("b.toml"), other).unwrap();
    std::fs::write(
        lib.join("second.txt"),
        argwalk::map::loader::BUILTIN_TEXT.replacen("Astana", "Astana (second)", 1),
    )
    .unwrap();
    let state = dir.join("state");
    let env = [("ARGWALK_STATE_DIR", state.to_str().unwrap())];
    let b = lib.join("b.toml");
    let mut coach = Pty::spawn(
        Path::new(BIN),
        &[
            "--present",
            "finals",
            "--user",
            "coach",
            b.to_str().unwrap(),
        ],
        &env,
        120,
        40,
        Session::Detached,
    );
    coach.see(&["presenting to finals"], LONG);
    coach.send(b"nnn");
    coach.see(&["step 4/37"], LONG);
    let mut f = Pty::spawn(
        Path::new(BIN),
        &["--library", lib.to_str().unwrap(), "--follow", "finals"],
        &env,
        100,
        30,
        Session::Detached,
    );
    f.see(&["a.toml"], LONG);
    // The first row is a.toml: open it, on another map than the coach's.
    f.send(b"\r");
    f.see(&["coach on another map"], LONG);
    assert!(
        f.screen().contains("step 1/37"),
        "not moved:\n{}",
        f.screen()
    );
    f.send(b"F");
    f.see(&["A second essay", "step 4/37", "following coach"], LONG);
    coach.send(b"n");
    f.see(&["step 5/37"], LONG);
    for p in [&mut coach, &mut f] {
        p.send(b"q");
    }
    let _ = coach.wait(LONG);
    f.send(b"q");
    let _ = f.wait(LONG);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 16.13: every key named on screen comes from the key table, as the user's
/// configuration rebinds it: help on F1 leads the status line, quit on `?`, a window's scroll
/// and close keys in its title.
#[test]
fn keys_named_on_screen_follow_a_rebinding_configuration() {
    let dir = std::env::temp_dir().join(format!("argwalk-rebind-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("keys.toml");
    std::fs::write(
        &config,
        "[keys.anywhere]\nhelp = [\"F1\"]\nquit = [\"?\"]\n\n[keys.frontlines]\ndown = [\"J\"]\nup = [\"K\"]\nclose = [\"x\"]\n",
    )
    .unwrap();
    let mut p = Pty::spawn(
        Path::new(BIN),
        &["--config", config.to_str().unwrap()],
        &[],
        80,
        24,
        Session::Detached,
    );
    p.see(&["step 1/37"], LONG);
    // The first frame may still be arriving when its first words show: wait for its status
    // line whole (seen in CI: "step 1/37  0/37 unders" read mid-frame).
    let last = |s: &str| s.lines().last().unwrap_or_default().to_string();
    assert!(
        p.wait_for(LONG, |s| last(s).contains("F1 help")),
        "help leads: {:?}",
        last(&p.screen())
    );
    let status = last(&p.screen());
    assert!(!status.contains("? help"), "{status:?}");
    p.press_and_see(b"f", &["J/K to scroll, x to close"], LONG);
    p.send(b"x");
    p.send(b"?");
    let (status, _) = p.wait(LONG).expect("? quits");
    assert_eq!(status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 23.3: with quit rebound, the too-small screen names the key in force, and that key
/// quits from it (it said "press q" and q did nothing).
#[test]
fn the_too_small_screen_names_the_quit_key_in_force() {
    let dir = std::env::temp_dir().join(format!("argwalk-small-quit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("keys.toml");
    std::fs::write(&config, "[keys.anywhere]\nquit = [\"x\"]\n").unwrap();
    let mut p = Pty::spawn(
        Path::new(BIN),
        &["--config", config.to_str().unwrap()],
        &[],
        30,
        10,
        Session::Detached,
    );
    // The message wraps at this width: read it as words.
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        p.wait_for(LONG, |s| words(s).contains("press x to quit")),
        "{}",
        p.screen()
    );
    assert!(!words(&p.screen()).contains("press q"), "{}", p.screen());
    p.send(b"x");
    let (status, _) = p.wait(LONG).expect("x quits");
    assert_eq!(status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 24.8 in the full screen: a presenter killed with -9 is said gone to a follower
/// watching, idle; and issue 24.9: a FIFO put at the room's file never holds a follower
/// before its first frame, and `q` quits.
#[test]
fn the_full_screen_follower_knows_a_crashed_presenter_and_a_fifo_room() {
    let state = std::env::temp_dir().join(format!("argwalk-pty-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&state);
    std::fs::create_dir_all(&state).unwrap();
    let env = [("ARGWALK_STATE_DIR", state.to_str().unwrap())];
    let mut presenter = support::pty::coach_at_p2(Path::new(BIN), &state);
    let mut follower = Pty::spawn(
        Path::new(BIN),
        &["--follow", "finals"],
        &env,
        120,
        40,
        Session::Detached,
    );
    follower.see(&["P2"], LONG);
    presenter.signal(Signal::KILL);
    let _ = presenter.wait(LONG);
    assert!(
        follower.wait_for(LONG, |s| s.contains("coach stopped presenting")),
        "{}",
        follower.screen()
    );
    follower.send(b"q");
    let _ = follower.wait(LONG);
    // A FIFO at the room's file.
    let room = state.join("rooms/finals.json");
    std::fs::remove_file(&room).unwrap();
    rustix::fs::mknodat(
        rustix::fs::CWD,
        &room,
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from_raw_mode(0o600),
        0,
    )
    .unwrap();
    let mut follower = Pty::spawn(
        Path::new(BIN),
        &["--follow", "finals"],
        &env,
        120,
        40,
        Session::Detached,
    );
    follower.see(&["Argument", "Source: Astana"], LONG);
    follower.send(b"q");
    let (status, _) = follower.wait(LONG).expect("q quits");
    assert_eq!(status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&state);
}
