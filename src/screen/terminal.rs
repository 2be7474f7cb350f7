//! The real terminal: a [`Tui`] that enters raw mode and the alternate screen, suspends and
//! resumes around an external editor, and restores on drop; and the last-resort restore that
//! signals, panics and hang-ups fall back on.
//!
//! Every exit path (q, Ctrl-C, a panic, SIGTERM, SIGINT, SIGHUP, a closed pty) ends in
//! [`restore`], which runs once per entry and never panics: a dead terminal makes writes fail,
//! and a failed write is ignored rather than reported to the same dead terminal.

use std::io::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::terminal::{EnterAlternateScreen, disable_raw_mode, enable_raw_mode};
use crossterm::{cursor, execute};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use crate::wire::Frugal;

/// Whether the terminal is in argwalk's modes (raw, alternate screen) and needs restoring.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Held while a frame is written, so a signal never restores the terminal mid-frame.
pub(crate) static DRAWING: Mutex<()> = Mutex::new(());
/// Set while an external editor has the terminal: signals are then the editor's business.
pub(crate) static SUSPENDED: AtomicBool = AtomicBool::new(false);
/// The editor's process while it runs, so a signal that ends argwalk is passed on to it.
pub(crate) static EDITOR: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);
/// The terminal's modes before argwalk first changed them: what every way out puts back,
/// whatever an editor killed midway left.
static ORIGINAL: Mutex<Option<rustix::termios::Termios>> = Mutex::new(None);

/// How long a forced shutdown waits for a frame being written to finish before it restores
/// anyway, and how long it then tries to send the restoring bytes: together well within the
/// 200 ms a signal may take, however stalled the terminal.
const SIGNAL_WAIT_FOR_FRAME: Duration = Duration::from_millis(40);
const SIGNAL_WRITE_LIMIT: Duration = Duration::from_millis(40);

/// The bytes that undo [`enter`]: plain pen, main screen, cursor shown.
const RESTORE: &[u8] = b"\x1b[0m\x1b[?1049l\x1b[?25h";

/// Leaves the alternate screen, shows the cursor and leaves raw mode. Runs once per entry;
/// ignores errors. Waits for the terminal to take the bytes: for the ordinary ways out.
pub fn restore() {
    restore_within(None);
}

/// [`restore`], giving up on the bytes after `limit` when the terminal does not read them (a
/// frozen link, a paused pane). Raw mode is left either way: that needs no output.
fn restore_within(limit: Option<Duration>) {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    match limit {
        None => {
            let mut out = std::io::stdout();
            let _ = out.write_all(RESTORE);
            let _ = out.flush();
        }
        Some(limit) => write_before(RESTORE, Instant::now() + limit),
    }
    let _ = disable_raw_mode();
}

/// Writes `bytes` to the terminal on standard output without ever blocking past `deadline`.
/// A descriptor of its own, opened non-blocking, leaves the shell's descriptor as it was; a
/// write blocked in another thread holds the tty's write lock, so this one then fails at once
/// with EAGAIN and tries again until the deadline.
fn write_before(mut bytes: &[u8], deadline: Instant) {
    use rustix::fs::{Mode, OFlags, open};
    let flags = OFlags::WRONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
    let Ok(fd) = open("/proc/self/fd/1", flags, Mode::empty())
        .or_else(|_| open("/dev/tty", flags, Mode::empty()))
    else {
        return;
    };
    while !bytes.is_empty() && Instant::now() < deadline {
        match rustix::io::write(&fd, bytes) {
            Ok(n) => bytes = &bytes[n..],
            Err(rustix::io::Errno::AGAIN) => {
                // The terminal stopped reading and its queue is full of a frame it will never
                // show: that is dropped (the restore leaves the screen it was for anyway), so
                // the few bytes that leave the alternate screen and show the cursor fit.
                let _ = rustix::termios::tcflush(&fd, rustix::termios::QueueSelector::OFlush);
                std::thread::sleep(Duration::from_millis(2));
            }
            Err(rustix::io::Errno::INTR) => {}
            Err(_) => return,
        }
    }
}

/// Restores the terminal and ends the process, from any thread: the last resort of a signal
/// the session could not act on in time (its thread blocked on a terminal that stopped
/// reading), and of a hang-up before the session exists. Never waits long.
pub(crate) fn shutdown(code: i32) -> ! {
    let start = Instant::now();
    let guard = loop {
        match DRAWING.try_lock() {
            Ok(guard) => break Some(guard),
            Err(std::sync::TryLockError::Poisoned(p)) => break Some(p.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) if start.elapsed() < SIGNAL_WAIT_FOR_FRAME => {
                std::thread::sleep(Duration::from_millis(1));
            }
            Err(std::sync::TryLockError::WouldBlock) => break None,
        }
    };
    restore_within(Some(SIGNAL_WRITE_LIMIT));
    // The lock is held until the process is gone, so no frame follows the restoring bytes.
    let _keep = guard;
    std::process::exit(code)
}

/// Ends the process while an editor has the terminal, from the signal's thread: the signal is
/// passed on to the editor, which gets a moment to put its own screen away; then the screen
/// and the modes argwalk found are put back, whatever the editor left, and the process ends.
pub(crate) fn shutdown_from_editor(sig: i32, code: i32) -> ! {
    let editor = EDITOR.load(Ordering::SeqCst);
    if let (Some(pid), Some(sig)) = (
        rustix::process::Pid::from_raw(editor),
        rustix::process::Signal::from_named_raw(sig),
    ) {
        let _ = rustix::process::kill_process(pid, sig);
    }
    std::thread::sleep(SIGNAL_WAIT_FOR_FRAME);
    write_before(RESTORE, Instant::now() + SIGNAL_WRITE_LIMIT);
    if let Ok(original) = ORIGINAL.lock()
        && let Some(t) = original.as_ref()
    {
        let _ =
            rustix::termios::tcsetattr(std::io::stdin(), rustix::termios::OptionalActions::Now, t);
    }
    std::process::exit(code)
}

/// A panic restores the terminal before its message is printed, so the message is readable.
pub(crate) fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// The screen argwalk draws on: ratatui's terminal over our encoder.
pub(crate) type Screen = Terminal<Frugal<Output>>;

/// Where frames go: the terminal, through a file description of our own opened non-blocking,
/// and waited on in `poll` when it is full rather than inside `write`. A thread blocked in a
/// tty's `write` holds the tty's write lock, so when the terminal stopped reading, a signal's
/// restore could send nothing at all (measured: every try EAGAIN) and left the alternate
/// screen on; asleep in `poll`, this thread holds nothing, and the restore gets through.
pub(crate) struct Output(std::fs::File);

impl Output {
    fn open() -> std::io::Result<Self> {
        use rustix::fs::{Mode, OFlags, open};
        let flags = OFlags::WRONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
        match open("/proc/self/fd/1", flags, Mode::empty()) {
            Ok(fd) => Ok(Self(std::fs::File::from(fd))),
            // No /proc: a plain duplicate, blocking as before.
            Err(_) => Ok(Self(std::fs::File::from(rustix::io::dup(
                std::io::stdout(),
            )?))),
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        loop {
            match self.0.write(buf) {
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    use rustix::event::{PollFd, PollFlags, poll};
                    let mut fds = [PollFd::new(&self.0, PollFlags::OUT)];
                    match poll(&mut fds, None) {
                        Ok(_) | Err(rustix::io::Errno::INTR) => {}
                        Err(e) => return Err(e.into()),
                    }
                }
                other => return other,
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Makes the screen's buffers for the terminal's current size. Only memory: nothing is sent.
pub(crate) fn new_screen(ascii: bool) -> std::io::Result<Screen> {
    // The size is asked once here; after that it comes with each resize. ratatui's fullscreen
    // viewport would ask the terminal again on every draw (crossterm opens /dev/tty for that),
    // which is work on every keypress.
    let (width, height) = size()?;
    let area = Rect::new(0, 0, width, height);
    // Frames go out through a descriptor of our own: one write each, past std's line buffer.
    let out = Output::open()?;
    let options = TerminalOptions {
        viewport: Viewport::Fixed(area),
    };
    Terminal::with_options(Frugal::new(out, area).ascii_only(ascii), options)
}

/// The most columns and rows argwalk draws. A terminal's size is the client's to say (over
/// SSH, any member's), and every cell costs memory twice over (the screen's two buffers,
/// ~140 bytes a cell in all): unbounded, 4000x4000 took 2.25 GB. Past this the top-left
/// 1000x500 is drawn and the rest of the screen left blank, so memory stays bounded at any
/// size (docs/PERFORMANCE.md).
pub const MAX_COLS: u16 = 1000;
pub const MAX_ROWS: u16 = 500;

/// A size as argwalk draws it: at most [`MAX_COLS`] x [`MAX_ROWS`].
pub(crate) fn capped(cols: u16, rows: u16) -> (u16, u16) {
    (cols.min(MAX_COLS), rows.min(MAX_ROWS))
}

/// The size of the terminal on standard output, as drawn ([`capped`]); crossterm's own query
/// opens /dev/tty first, which costs a little time before the first frame.
pub(crate) fn size() -> std::io::Result<(u16, u16)> {
    let (cols, rows) = match rustix::termios::tcgetwinsize(std::io::stdout()) {
        Ok(size) if size.ws_col > 0 && size.ws_row > 0 => (size.ws_col, size.ws_row),
        _ => crossterm::terminal::size()?,
    };
    Ok(capped(cols, rows))
}

/// Raw mode, the alternate screen, the cursor hidden. Called with the drawing lock held, so a
/// signal arriving meanwhile waits and then undoes all of it.
fn enter() -> std::io::Result<()> {
    if let Ok(mut original) = ORIGINAL.lock()
        && original.is_none()
    {
        *original = rustix::termios::tcgetattr(std::io::stdin()).ok();
    }
    // Marked first: a signal between the steps below must still restore what was done.
    ACTIVE.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    // No mouse capture, ever: a dropped link would leave mouse reports spilling into the shell.
    execute!(std::io::stdout(), EnterAlternateScreen, cursor::Hide)
}

/// The terminal in argwalk's hands: entered on creation, restored on drop, and lent to an
/// editor in between with [`Tui::suspend`] and [`Tui::resume`].
pub struct Tui {
    pub(crate) screen: Screen,
}

impl Tui {
    /// Takes the terminal for `screen`.
    pub(crate) fn enter(screen: Screen) -> std::io::Result<Self> {
        let entered = {
            let _guard = DRAWING.lock();
            enter()
        };
        // Made before the error is looked at, so a half-entered terminal is restored on drop.
        let tui = Self { screen };
        entered.map(|()| tui)
    }

    /// Gives the terminal back (cooked mode, main screen, cursor shown) for an editor.
    pub fn suspend(&mut self) {
        let _guard = DRAWING.lock();
        SUSPENDED.store(true, Ordering::SeqCst);
        restore();
    }

    /// Takes the terminal again after [`Tui::suspend`]; the next frame is drawn whole, at the
    /// size the terminal has now (it may have changed meanwhile).
    pub fn resume(&mut self) -> std::io::Result<(u16, u16)> {
        {
            let _guard = DRAWING.lock();
            enter()?;
            SUSPENDED.store(false, Ordering::SeqCst);
        }
        let (w, h) = size()?;
        self.resize(w, h)?;
        Ok((w, h))
    }

    /// The terminal changed size: what it shows is no longer known, and is drawn whole.
    pub fn resize(&mut self, w: u16, h: u16) -> std::io::Result<()> {
        self.screen.backend_mut().set_size(w, h);
        self.screen.resize(Rect::new(0, 0, w, h))
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _guard = DRAWING.lock();
        restore();
    }
}
