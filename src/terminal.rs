//! The real terminal: setup, restore on every way out, signals, and the event loop.
//!
//! Every exit path (q, Ctrl-C, a panic, SIGTERM, SIGINT, SIGHUP, a closed pty) ends in
//! [`restore`], which runs once and never panics: a dead terminal makes writes fail, and a
//! failed write is ignored rather than reported to the same dead terminal.

use std::io::Write;
use std::os::fd::{AsFd, OwnedFd};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event};
use crossterm::terminal::{EnterAlternateScreen, disable_raw_mode, enable_raw_mode};
use crossterm::{cursor, execute};
use ratatui::{Terminal, TerminalOptions, Viewport};

use crate::app::{self, App, Exit};
use crate::keymap::Action;
use crate::theme::Theme;
use crate::view;
use crate::wire::Frugal;

/// Exit statuses, as shells report death by signal: 128 + the signal number.
pub const EXIT_SIGHUP: i32 = 129;
pub const EXIT_SIGINT: i32 = 130;

static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Held while a frame is written, so a signal never restores the terminal mid-frame.
static DRAWING: Mutex<()> = Mutex::new(());

/// How long a signal waits for a frame being written to finish before it restores anyway, and
/// how long it then tries to send the restoring bytes: together well within 200 ms, however
/// stalled the terminal.
const SIGNAL_WAIT_FOR_FRAME: Duration = Duration::from_millis(50);
const SIGNAL_WRITE_LIMIT: Duration = Duration::from_millis(50);

/// The bytes that undo [`enter`]: plain pen, main screen, cursor shown.
const RESTORE: &[u8] = b"\x1b[0m\x1b[?1049l\x1b[?25h";

/// Leaves the alternate screen, shows the cursor and leaves raw mode. Runs once; ignores errors.
/// Waits for the terminal to take the bytes: for the ordinary ways out.
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
            Err(rustix::io::Errno::AGAIN | rustix::io::Errno::INTR) => {
                std::thread::sleep(Duration::from_millis(2));
            }
            Err(_) => return,
        }
    }
}

/// Restores the terminal and ends the process; for signals and hang-ups, from any thread.
/// Never waits long: a frame stuck on a terminal that stopped reading holds the drawing lock,
/// and the process must end all the same.
fn shutdown(code: i32) -> ! {
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

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Catches SIGTERM, SIGINT and SIGHUP from now on; they wait, queued, until
/// [`handle_signals`] starts the thread that acts on them.
fn catch_signals() -> std::io::Result<signal_hook::iterator::Signals> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])
}

/// One thread waits for the caught signals: the one place signals are handled.
fn handle_signals(mut signals: signal_hook::iterator::Signals) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                shutdown(128 + sig);
            }
        })?;
    Ok(())
}

/// The terminal crossterm reads keys from: standard input if it is a tty, else /dev/tty.
fn input_tty() -> Option<OwnedFd> {
    let stdin = std::io::stdin();
    if rustix::termios::isatty(stdin.as_fd()) {
        return stdin.as_fd().try_clone_to_owned().ok();
    }
    std::fs::File::open("/dev/tty").ok().map(OwnedFd::from)
}

/// crossterm's reader retries forever on a tty that returns EOF or EIO, spinning a core.
/// This thread sleeps in poll() until the tty hangs up, then ends the process: no CPU while
/// the terminal lives, an exit within milliseconds once it is gone.
fn watch_for_hangup() -> std::io::Result<()> {
    let Some(tty) = input_tty() else {
        return Ok(());
    };
    std::thread::Builder::new()
        .name("hangup".into())
        .spawn(move || {
            use rustix::event::{PollFd, PollFlags, poll};
            loop {
                let mut fds = [PollFd::new(&tty, PollFlags::empty())];
                match poll(&mut fds, None) {
                    Ok(_) => {
                        let gone = PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL;
                        if fds[0].revents().intersects(gone) {
                            shutdown(EXIT_SIGHUP);
                        }
                    }
                    Err(rustix::io::Errno::INTR) => {}
                    Err(_) => shutdown(EXIT_SIGHUP),
                }
            }
        })?;
    Ok(())
}

/// The screen argwalk draws on: ratatui's terminal over our encoder.
type Screen = Terminal<Frugal<std::fs::File>>;

/// Makes the screen's buffers for the terminal's current size. Only memory: nothing is sent.
fn new_screen(ascii: bool) -> std::io::Result<Screen> {
    // The size is asked once here; after that it comes with each resize event. ratatui's
    // fullscreen viewport would ask the terminal again on every draw (crossterm opens /dev/tty
    // for that), which is work on every keypress.
    let (width, height) = terminal_size()?;
    let area = ratatui::layout::Rect::new(0, 0, width, height);
    // Frames go out through a descriptor of our own: one write each, past std's line buffer.
    let out = std::fs::File::from(rustix::io::dup(std::io::stdout())?);
    let options = TerminalOptions {
        viewport: Viewport::Fixed(area),
    };
    Terminal::with_options(Frugal::new(out, area).ascii_only(ascii), options)
}

/// Runs the reader on the map `load` gives, until the user quits, a signal arrives or the
/// terminal goes away. If `load` fails, nothing is drawn and its exit code is returned.
pub fn run(
    load: impl FnOnce() -> Result<crate::model::ArgumentMap, ExitCode>,
    theme: Theme,
) -> ExitCode {
    // Signals are caught before the terminal is touched: one that arrives at any moment from
    // here on ends the process through `shutdown`, which undoes whatever was set up by then.
    if let Ok(signals) = catch_signals() {
        let _ = handle_signals(signals);
    }
    // The screen's buffers are a good part of the time to the first frame, and need nothing
    // from the map: they are made on a second core while the map loads.
    let screen = std::thread::Builder::new()
        .name("screen".into())
        .spawn(move || new_screen(theme.ascii));
    let map = match load() {
        Ok(map) => map,
        Err(code) => return code,
    };
    let screen = match screen {
        Ok(handle) => handle.join().unwrap_or_else(|_| new_screen(theme.ascii)),
        Err(_) => new_screen(theme.ascii),
    };
    install_panic_hook();
    let entered = {
        let _guard = DRAWING.lock();
        enter()
    };
    let screen = match entered.and(screen) {
        Ok(screen) => screen,
        Err(e) => {
            restore();
            let _ = writeln!(std::io::stderr(), "argwalk: cannot use this terminal: {e}");
            return ExitCode::from(crate::cli::EXIT_IO);
        }
    };
    let code = match event_loop(screen, map, theme) {
        Ok(Exit::Quit) => ExitCode::SUCCESS,
        Ok(Exit::Interrupt) => ExitCode::from(EXIT_SIGINT as u8),
        // The terminal failed under us (most often: it is gone). Nothing more can be shown.
        Err(_) => ExitCode::from(EXIT_SIGHUP as u8),
    };
    let guard = DRAWING.lock();
    restore();
    drop(guard);
    code
}

/// Raw mode, the alternate screen, the cursor hidden. Called with the drawing lock held, so a
/// signal arriving meanwhile waits and then undoes all of it.
fn enter() -> std::io::Result<()> {
    // Marked first: a signal between the steps below must still restore what was done.
    ACTIVE.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    // No mouse capture, ever: a dropped link would leave mouse reports spilling into the shell.
    execute!(std::io::stdout(), EnterAlternateScreen, cursor::Hide)
}

/// Resizes the screen to the terminal's size now, if it changed: the size the buffers were made
/// with is from before the map loaded, and resizes before crossterm listens are never reported.
fn follow_size(terminal: &mut Screen, app: &mut App) -> std::io::Result<()> {
    let (w, h) = terminal_size()?;
    if (w, h) != (app.width, app.height) {
        resize(terminal, app, w, h)?;
    }
    Ok(())
}

fn resize(terminal: &mut Screen, app: &mut App, w: u16, h: u16) -> std::io::Result<()> {
    terminal.backend_mut().set_size(w, h);
    terminal.resize(ratatui::layout::Rect::new(0, 0, w, h))?;
    app::update(app, Action::Resize(w, h));
    Ok(())
}

/// The size of the terminal on standard output; crossterm's own query opens /dev/tty first,
/// which costs a little time before the first frame.
fn terminal_size() -> std::io::Result<(u16, u16)> {
    match rustix::termios::tcgetwinsize(std::io::stdout()) {
        Ok(size) if size.ws_col > 0 && size.ws_row > 0 => Ok((size.ws_col, size.ws_row)),
        _ => crossterm::terminal::size(),
    }
}

fn event_loop(
    mut terminal: Screen,
    map: crate::model::ArgumentMap,
    theme: Theme,
) -> std::io::Result<Exit> {
    let ratatui::layout::Size { width, height } = terminal.size()?;
    let mut app = App::new(map, width, height);
    #[cfg(debug_assertions)]
    if std::env::var_os("ARGWALK_TEST_PANIC").is_some() {
        // For the end-to-end tests, in debug builds only: a panic mid-session restores.
        panic!("panic requested by ARGWALK_TEST_PANIC");
    }
    follow_size(&mut terminal, &mut app)?;
    let mut first = true;
    loop {
        if let Some(exit) = app.exit {
            return Ok(exit);
        }
        // Every event redraws: the encoder sends only the cells that changed, and nothing at
        // all when none did, so there is no list of what the view depends on to forget a field.
        {
            let _guard = DRAWING.lock();
            terminal.draw(|frame| view::render(frame, &app, &theme))?;
        }
        if first {
            first = false;
            // crossterm hears of resizes only once its reader exists: start it now, then catch
            // up with a resize that came in between. Threads start after the first frame.
            let _ = event::poll(Duration::ZERO);
            let _ = watch_for_hangup();
            let size = (app.width, app.height);
            follow_size(&mut terminal, &mut app)?;
            if (app.width, app.height) != size {
                continue;
            }
        }
        // Blocks until input or a resize: no tick, no work while idle.
        let (source_top, tree_top) = (app.source_top, app.tree_top);
        let mut keyed = false;
        match event::read()? {
            Event::Key(key) => {
                keyed = app::handle_key(&mut app, &key);
            }
            Event::Resize(w, h) => resize(&mut terminal, &mut app, w, h)?,
            _ => {}
        }
        // In the stacked layout the panes span the whole width: the terminal can scroll them
        // by itself, and only the lines that come into view need sending.
        let areas = app.areas();
        if keyed && !areas.wide && !areas.too_small && app.overlay == app::Overlay::None {
            for (pane, now, was) in [
                (areas.source_inner, app.source_top, source_top),
                (areas.tree_inner, app.tree_top, tree_top),
            ] {
                if let Ok(by) = i32::try_from(now as i64 - was as i64) {
                    terminal
                        .backend_mut()
                        .scroll_hint(pane.y..pane.y + pane.height, by);
                }
            }
        }
    }
}
