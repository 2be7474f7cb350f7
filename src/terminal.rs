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

use crossterm::event::{self, Event};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
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
pub const EXIT_SIGTERM: i32 = 143;

static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Held while a frame is written, so a signal never restores the terminal mid-frame.
static DRAWING: Mutex<()> = Mutex::new(());

/// Leaves the alternate screen, shows the cursor and leaves raw mode. Runs once; ignores errors.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = std::io::stdout();
    // The pen goes back to plain too: the encoder leaves it as the last cell needed it.
    let _ = execute!(
        out,
        crossterm::style::ResetColor,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
    let _ = disable_raw_mode();
}

/// Restores the terminal and ends the process; for signals and hang-ups, from any thread.
fn shutdown(code: i32) -> ! {
    let guard = DRAWING.lock();
    restore();
    drop(guard);
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
fn new_screen() -> std::io::Result<Screen> {
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
    Terminal::with_options(Frugal::new(out, area), options)
}

/// Runs the reader on the map `load` gives, until the user quits, a signal arrives or the
/// terminal goes away. If `load` fails, nothing is drawn and its exit code is returned.
pub fn run(
    load: impl FnOnce() -> Result<crate::model::ArgumentMap, ExitCode>,
    theme: Theme,
) -> ExitCode {
    // The screen's buffers are a good part of the time to the first frame, and need nothing
    // from the map: they are made on a second core while the map loads.
    let screen = std::thread::Builder::new()
        .name("screen".into())
        .spawn(new_screen);
    let map = match load() {
        Ok(map) => map,
        Err(code) => return code,
    };
    let screen = match screen {
        Ok(handle) => handle.join().unwrap_or_else(|_| new_screen()),
        Err(_) => new_screen(),
    };
    install_panic_hook();
    let entered = enter().and(screen);
    let screen = match entered {
        Ok(screen) => screen,
        Err(e) => {
            restore();
            let _ = writeln!(std::io::stderr(), "argwalk: cannot use this terminal: {e}");
            return ExitCode::from(crate::cli::EXIT_IO);
        }
    };
    let signals = catch_signals().ok();
    let code = match event_loop(screen, map, theme, signals) {
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

fn enter() -> std::io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    // No mouse capture, ever: a dropped link would leave mouse reports spilling into the shell.
    execute!(std::io::stdout(), EnterAlternateScreen, cursor::Hide)
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
    mut signals: Option<signal_hook::iterator::Signals>,
) -> std::io::Result<Exit> {
    let ratatui::layout::Size { width, height } = terminal.size()?;
    let mut app = App::new(map, width, height);
    if std::env::var_os("ARGWALK_TEST_PANIC").is_some() {
        // For the end-to-end tests: proves a panic mid-session restores the terminal.
        panic!("panic requested by ARGWALK_TEST_PANIC");
    }
    let mut dirty = true;
    loop {
        if let Some(exit) = app.exit {
            return Ok(exit);
        }
        if dirty {
            let _guard = DRAWING.lock();
            terminal.draw(|frame| view::render(frame, &app, &theme))?;
        }
        // Starting threads costs time the first frame should not wait for. Signals caught
        // meanwhile stay queued, and the watchdog sees at once a tty that hung up before it.
        if let Some(signals) = signals.take() {
            let _ = handle_signals(signals);
            let _ = watch_for_hangup();
        }
        // Blocks until input or a resize: no tick, no work while idle.
        let before = app.fingerprint();
        let (source_top, tree_top) = (app.source_top, app.tree_top);
        let mut keyed = false;
        match event::read()? {
            Event::Key(key) => {
                keyed = app::handle_key(&mut app, &key);
            }
            Event::Resize(w, h) => {
                terminal.backend_mut().set_size(w, h);
                terminal.resize(ratatui::layout::Rect::new(0, 0, w, h))?;
                app::update(&mut app, Action::Resize(w, h));
            }
            _ => {}
        }
        dirty = app.fingerprint() != before;
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
