//! End-to-end: the real binary in a pseudo-terminal. Press keys, read the screen, and check the
//! terminal is restored (alternate screen left, cursor shown, cooked mode back) on every way out.

mod support;

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
    assert!(
        p.wait_for(LONG, |s| s.contains("step 1/37")),
        "first frame:\n{}",
        p.screen()
    );
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
        let (w, h) = match i % 5 {
            0 => (1, 1),
            1 => (300, 100),
            2 => (39, 11),
            3 => (120, 40),
            _ => (81 + i, 24 + i / 5),
        };
        p.resize(w, h);
        std::thread::sleep(Duration::from_millis(20));
    }
    p.resize(120, 40);
    assert!(
        p.wait_for(LONG, |s| s.contains("step 1/37")
            && s.contains("┌ Argument")),
        "{}",
        p.screen()
    );
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
    assert!(
        p.wait_for(LONG, |s| s.contains("step 1/37")),
        "{}",
        p.screen()
    );
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

/// What the terminal shows (read back through vt100) must be exactly what the reference render
/// of the same state holds: this checks the whole path, diff, gap bridging and region scrolling.
#[test]
fn the_terminal_shows_exactly_the_rendered_frame() {
    use argwalk::app::{App, handle_key};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
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
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut p = Pty::spawn(Path::new(BIN), &[], &[], w, h, Session::Detached);
        assert!(p.wait_for(LONG, |s| s.contains("step 1/37")));
        let map = argwalk::loader::load_builtin().map.unwrap();
        let mut app = App::new(map, w, h);
        let theme = argwalk::theme::Theme::FULL;
        for (bytes, code) in &keys {
            p.send(bytes);
            let mods = if *bytes == b"\x04" {
                KeyModifiers::CONTROL
            } else {
                KeyModifiers::NONE
            };
            handle_key(&mut app, &KeyEvent::new(*code, mods));
            let want = argwalk::view::render_buffer(&app, &theme);
            let same = p.wait_for(LONG, |_| {
                support::screen::difference(p.terminal().screen(), &want).is_none()
            });
            assert!(
                same,
                "after {bytes:?} at {w}x{h}: {}\n{}\nwanted:\n{}",
                support::screen::difference(p.terminal().screen(), &want).unwrap_or_default(),
                p.screen(),
                argwalk::view::buffer_text(&want)
            );
        }
        p.send(b"q");
        assert_restored(&mut p, Some(0));
    }
}
