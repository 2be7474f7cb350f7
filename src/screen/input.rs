//! The terminal's input, read on a thread of its own and sent to the session as events.
//!
//! crossterm parses what the terminal sends; an incomplete sequence (a lone `ESC [`, `ESC O`,
//! a UTF-8 lead byte) makes its `read` wait for the rest, inside a blocking `read()` of the
//! tty. On the session's thread that stalled everything else: a resize or a save was not
//! drawn until the next byte came. Here only this thread waits; the session sleeps in `poll`
//! on its wake-up socket and hears of resizes, saves and signals as before.
//!
//! While an editor has the terminal (`e`), this thread does not read: it waits, woken by
//! [`resumed`], so the editor gets every key. No timer either way: idle, it sleeps in `poll`.

use std::os::fd::{AsFd, OwnedFd};
use std::sync::OnceLock;
use std::sync::atomic::Ordering;
use std::time::Duration;

use crossterm::event as ct;

use crate::screen::event::Event;
use crate::screen::key::{Key, KeyCode, Mods};
use crate::screen::terminal::{self, SUSPENDED};

/// The input thread, to wake when the terminal comes back from an editor.
static THREAD: OnceLock<std::thread::Thread> = OnceLock::new();

/// Starts reading the terminal's input on a thread of its own, sending each event to `send`;
/// a terminal that goes away is [`Event::HangUp`], after which the thread ends. Once per
/// process: a second call does nothing.
pub(crate) fn spawn(send: impl Fn(Event) + Send + 'static) {
    if THREAD.get().is_some() {
        return;
    }
    let Some(tty) = input_tty() else {
        return;
    };
    if let Ok(handle) = std::thread::Builder::new()
        .name("input".into())
        .spawn(move || read(&tty, &send))
    {
        let _ = THREAD.set(handle.thread().clone());
    }
}

/// The terminal is argwalk's again after an editor: the input thread reads again.
pub(crate) fn resumed() {
    if let Some(t) = THREAD.get() {
        t.unpark();
    }
}

fn read(tty: &OwnedFd, send: &impl Fn(Event)) {
    use rustix::event::{PollFd, PollFlags, poll};
    loop {
        let mut fds = [PollFd::new(tty, PollFlags::IN)];
        match poll(&mut fds, None) {
            Ok(_) | Err(rustix::io::Errno::INTR) => {}
            Err(_) => return send(Event::HangUp),
        }
        let revents = fds[0].revents();
        if revents.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
            return send(Event::HangUp);
        }
        // The editor's keys are the editor's: wait, unread, until the terminal comes back.
        while SUSPENDED.load(Ordering::SeqCst) {
            std::thread::park();
        }
        if !revents.contains(PollFlags::IN) {
            continue;
        }
        // crossterm reads what is there and parses it; an incomplete sequence stays in its
        // buffer until the rest arrives. Its poll-based reader (the `use-dev-tty` feature) is
        // level-triggered: the default mio reader returns after the first ready source and so
        // can lose a key that arrives with a resize. The last call waits a millisecond (asleep
        // in poll): with a zero timeout it does not read.
        loop {
            match ct::poll(Duration::from_millis(1)) {
                Ok(true) => match ct::read() {
                    Ok(event) => {
                        if let Some(e) = convert(event) {
                            send(e);
                        }
                    }
                    Err(_) => return send(Event::HangUp),
                },
                Ok(false) => break,
                Err(_) => return send(Event::HangUp),
            }
        }
    }
}

/// crossterm's event in argwalk's terms; `None` for what the reader does not use (key
/// releases, focus, paste, mouse).
pub(crate) fn convert(event: ct::Event) -> Option<Event> {
    match event {
        ct::Event::Key(k) if k.kind != ct::KeyEventKind::Release => {
            let code = match k.code {
                ct::KeyCode::Char(c) => KeyCode::Char(c),
                ct::KeyCode::Enter => KeyCode::Enter,
                ct::KeyCode::Esc => KeyCode::Esc,
                ct::KeyCode::Tab => KeyCode::Tab,
                ct::KeyCode::BackTab => KeyCode::BackTab,
                ct::KeyCode::Backspace => KeyCode::Backspace,
                ct::KeyCode::Delete => KeyCode::Delete,
                ct::KeyCode::Up => KeyCode::Up,
                ct::KeyCode::Down => KeyCode::Down,
                ct::KeyCode::Left => KeyCode::Left,
                ct::KeyCode::Right => KeyCode::Right,
                ct::KeyCode::Home => KeyCode::Home,
                ct::KeyCode::End => KeyCode::End,
                ct::KeyCode::PageUp => KeyCode::PageUp,
                ct::KeyCode::PageDown => KeyCode::PageDown,
                ct::KeyCode::F(n) => KeyCode::F(n),
                _ => return None,
            };
            let mut mods = Mods::NONE;
            for (theirs, ours) in [
                (ct::KeyModifiers::SHIFT, Mods::SHIFT),
                (ct::KeyModifiers::CONTROL, Mods::CONTROL),
                (ct::KeyModifiers::ALT, Mods::ALT),
            ] {
                if k.modifiers.contains(theirs) {
                    mods = mods | ours;
                }
            }
            Some(Event::Key(Key::new(code, mods)))
        }
        ct::Event::Resize(w, h) => {
            let (w, h) = terminal::capped(w, h);
            Some(Event::Resize(w, h))
        }
        _ => None,
    }
}

/// The terminal keys are read from: standard input if it is a tty, else /dev/tty (as
/// crossterm does).
fn input_tty() -> Option<OwnedFd> {
    let stdin = std::io::stdin();
    if rustix::termios::isatty(stdin.as_fd()) {
        return stdin.as_fd().try_clone_to_owned().ok();
    }
    std::fs::File::open("/dev/tty").ok().map(OwnedFd::from)
}
