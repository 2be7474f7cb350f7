//! Runs a reading session in the real terminal: turns keys, resizes, signals, hang-ups and
//! saved files into [`Event`]s, hands them to [`app::handle`], draws, and carries out the
//! [`Effect`]s (reload, open the editor, quit).
//!
//! One thread (this one) does all of it, asleep in `poll` on the terminal and on a wake-up
//! socket until something happens: no tick, no work while idle. Signals and the file watcher
//! live on threads of their own, and reach the session as events through that socket.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use crate::map::files::Stamp;
use crate::screen::app::{self, App, MapFiles};
use crate::screen::event::{Effect, Event};
use crate::screen::terminal::{self, DRAWING, SUSPENDED, Tui};
use crate::screen::theme::Theme;
use crate::screen::view;
pub use crate::session::Session;
use crate::session::{Leave, register};

/// How long a signal waits for the session to act on it before the process is ended from the
/// signal's thread (a session blocked writing to a terminal that stopped reading cannot act).
const SIGNAL_GRACE: Duration = Duration::from_millis(60);
/// Saves come in bursts (write a temporary file, rename, touch): one reload after they settle.
const SAVE_SETTLE: Duration = Duration::from_millis(30);

/// Hands events to the session's thread from any other, and wakes it.
#[derive(Clone)]
struct Waker {
    tx: Sender<Event>,
    wake: std::sync::Arc<UnixStream>,
}

impl Waker {
    fn send(&self, event: Event) {
        if self.tx.send(event).is_ok() {
            // Non-blocking: a full socket already holds a wake-up.
            let _ = (&*self.wake).write(&[1]);
        }
    }
}

/// The session's incoming events: crossterm's from the terminal, and the others' through the
/// channel.
struct Events {
    wake: UnixStream,
    rx: Receiver<Event>,
    queue: VecDeque<Event>,
}

impl Events {
    /// Whether an event is already waiting: the frame can wait for it.
    fn pending(&mut self) -> bool {
        self.queue.extend(self.rx.try_iter());
        !self.queue.is_empty()
    }

    /// The next event; blocks, without a timeout, until there is one.
    fn next(&mut self) -> std::io::Result<Event> {
        loop {
            if let Some(e) = self.queue.pop_front() {
                return Ok(e);
            }
            if let Ok(e) = self.rx.try_recv() {
                return Ok(e);
            }
            self.wait()?;
        }
    }

    /// The next event, or `None` once `timeout` has passed without one (a running clock's
    /// next second); with no timeout, as [`Events::next`].
    fn next_within(&mut self, timeout: Option<Duration>) -> std::io::Result<Option<Event>> {
        let Some(timeout) = timeout else {
            return self.next().map(Some);
        };
        if self.pending() {
            return Ok(self.queue.pop_front());
        }
        self.wait_for(Some(timeout))?;
        self.queue.extend(self.rx.try_iter());
        Ok(self.queue.pop_front())
    }

    /// Sleeps until another thread (the terminal's input, signals, the file watcher) sends.
    fn wait(&mut self) -> std::io::Result<()> {
        self.wait_for(None)
    }

    /// Sleeps until another thread sends, or `timeout` passes.
    fn wait_for(&mut self, timeout: Option<Duration>) -> std::io::Result<()> {
        use rustix::event::{PollFd, PollFlags, Timespec, poll};
        let mut fds = [PollFd::new(&self.wake, PollFlags::IN)];
        let timeout = timeout.map(|t| Timespec {
            tv_sec: i64::try_from(t.as_secs()).unwrap_or(i64::MAX),
            tv_nsec: i64::from(t.subsec_nanos()),
        });
        match poll(&mut fds, timeout.as_ref()) {
            Ok(_) | Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
        if fds[0].revents().contains(PollFlags::IN) {
            let mut buf = [0u8; 64];
            let _ = (&self.wake).read(&mut buf);
        }
        Ok(())
    }
}

/// Where the signal thread sends what it catches, once the session exists.
static SESSION: std::sync::Mutex<Option<Waker>> = std::sync::Mutex::new(None);

/// Catches SIGTERM, SIGINT, SIGHUP and SIGWINCH from now on, on a thread of their own. Before
/// the session exists a terminating signal ends the process at once (restoring whatever was
/// set up by then); after, it reaches the session as an event, and ends the process from here
/// only if the session has not acted on it within [`SIGNAL_GRACE`].
fn catch_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGWINCH, SIGXFSZ};
    // SIGXFSZ (a file-size limit reached mid-save) is caught only to be ignored: its default
    // kills the process with the terminal raw; caught, the write fails with EFBIG and the save
    // is a failed save like any other (its temporary file removed, the change kept).
    //
    // They are blocked while the handlers go in: signal-hook installs the process's handler
    // before it publishes what the handler is to do, and a signal in between is dropped (seen:
    // a SIGTERM in argwalk's first microseconds left it running, in CI). Blocked, such a
    // signal waits, and is delivered, and acted on, once the handlers are whole.
    let Some((mut signals, _unblock)) = register(&[SIGTERM, SIGINT, SIGHUP, SIGWINCH, SIGXFSZ])
    else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                let waker = SESSION.lock().ok().and_then(|s| s.clone());
                let suspended = SUSPENDED.load(std::sync::atomic::Ordering::SeqCst);
                if sig == SIGWINCH {
                    if let (Some(w), Ok((cols, rows))) = (&waker, terminal::size()) {
                        w.send(Event::Resize(cols, rows));
                    }
                    continue;
                }
                if sig == SIGXFSZ || suspended && sig == SIGINT {
                    // Ctrl-C in the editor is the editor's.
                    continue;
                }
                if suspended {
                    // The editor has the terminal: it is told too, and argwalk does not wait
                    // for it to exit.
                    terminal::shutdown_from_editor(sig, 128 + sig);
                }
                match waker {
                    Some(w) => {
                        w.send(Event::Signal(sig));
                        if !suspended {
                            std::thread::sleep(SIGNAL_GRACE);
                            terminal::shutdown(128 + sig);
                        }
                    }
                    None => terminal::shutdown(128 + sig),
                }
            }
        });
}

/// The session's watch on the map and its article: [`Event::FilesChanged`] when either changes.
struct Watch {
    /// What is watched, to tell when a reload names other files.
    files: Option<MapFiles>,
    _watch: Option<crate::screen::watch::Watch>,
}

impl Watch {
    fn new(files: Option<&MapFiles>, waker: Waker) -> Self {
        let watch = files.and_then(|files| {
            let wanted: Vec<PathBuf> = std::iter::once(&files.map)
                .chain(files.article.as_ref())
                .cloned()
                .collect();
            crate::screen::watch::Watch::new(&wanted, SAVE_SETTLE, move || {
                waker.send(Event::FilesChanged);
            })
        });
        Self {
            files: files.cloned(),
            _watch: watch,
        }
    }
}

/// Takes the terminal for `screen` (a panic from here on restores it first), or says why not.
fn take_terminal(screen: std::io::Result<terminal::Screen>) -> Result<Tui, ExitCode> {
    terminal::install_panic_hook();
    screen.and_then(Tui::enter).map_err(|e| {
        terminal::restore();
        let _ = writeln!(std::io::stderr(), "argwalk: cannot use this terminal: {e}");
        ExitCode::from(crate::exit::EXIT_IO)
    })
}

/// Runs a library: the list of its maps, and each map chosen, in one terminal until the reader
/// quits from the list. `open` loads a chosen map as a session.
pub fn run_library(
    library: crate::team::library::Library,
    open: impl Fn(&Path, crate::session::Intent) -> Result<crate::session::Opening, String>,
    theme: Theme,
) -> ExitCode {
    catch_signals();
    let mut tui = match take_terminal(terminal::new_screen(theme.ascii)) {
        Ok(tui) => tui,
        Err(code) => return code,
    };
    let mut outcome = Outcome::default();
    let code = match Channel::new() {
        Ok(mut channel) => library_loop(
            &mut tui,
            &mut crate::screen::library::Picker::new(library),
            &open,
            theme,
            &mut channel,
            &mut outcome,
        ),
        Err(_) => Ok(app::Exit::HangUp.code()),
    }
    .unwrap_or_else(|_| app::Exit::HangUp.code());
    drop(tui);
    say_farewell(&outcome.farewell);
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

fn library_loop(
    tui: &mut Tui,
    library: &mut crate::screen::library::Picker,
    open: &impl Fn(&Path, crate::session::Intent) -> Result<crate::session::Opening, String>,
    theme: Theme,
    channel: &mut Channel,
    outcome: &mut Outcome,
) -> std::io::Result<i32> {
    if let Ok(mut s) = SESSION.lock() {
        *s = Some(channel.waker.clone());
    }
    let waker = channel.waker.clone();
    library.on_scored(std::sync::Arc::new(move || waker.send(Event::Scored)));
    loop {
        let (w, h) = terminal::size()?;
        let size = tui.screen.size()?;
        if (w, h) != (size.width, size.height) {
            tui.resize(w, h)?;
        }
        let rows = crate::screen::library::Picker::rows(h);
        library.read_visible(rows);
        {
            let _guard = DRAWING.lock();
            tui.screen.draw(|frame| library.render(frame, &theme))?;
            if let Some(p) = library.focus() {
                use ratatui::backend::Backend;
                let backend = tui.screen.backend_mut();
                backend.set_cursor_position(p)?;
                Backend::flush(backend)?;
            }
        }
        let event = channel.events.next()?;
        let action = match event {
            Event::Key(key) => crate::screen::keymap::resolve(&library.scopes(), &key),
            Event::Signal(n) => return Ok(128 + n),
            Event::HangUp => return Ok(app::Exit::HangUp.code()),
            _ => None,
        };
        match action {
            Some(crate::screen::keymap::Action::Quit) => return Ok(0),
            Some(crate::screen::keymap::Action::Interrupt) => {
                return Ok(app::Exit::Interrupt.code());
            }
            Some(action) => {
                let mut next = library.update(action, rows);
                // A map is opened; one the followed presenter moves to opens after it.
                while let Some(path) = next.take() {
                    let intent =
                        std::mem::replace(&mut library.intent, crate::session::Intent::Read);
                    match open(&path, intent) {
                        Ok(opening) => {
                            // A fresh screen for the map: what the list drew is forgotten.
                            let (w, h) = terminal::size()?;
                            tui.resize(w, h)?;
                            let code = match opening {
                                crate::session::Opening::Map(session) => {
                                    event_loop(tui, *session, theme, channel, outcome)?
                                }
                                crate::session::Opening::Round(round, room) => {
                                    flow_loop(tui, *round, theme, channel, room)?
                                }
                            };
                            if code != 0 {
                                return Ok(code);
                            }
                            // Back to the list, drawn whole.
                            let (w, h) = terminal::size()?;
                            tui.resize(w, h)?;
                            library.library.forget(&path);
                            if let Some(fingerprint) = outcome.open.take() {
                                next = library.find(&fingerprint);
                                if next.is_none() {
                                    library.message =
                                        Some("The presenter's map is not in this library".into());
                                }
                            }
                        }
                        Err(why) => library.message = Some(why),
                    }
                }
            }
            None => {}
        }
    }
}

/// Runs the flow sheet of a round until the debater leaves it, a signal arrives or the terminal
/// goes away. Asleep while nothing happens; awake each second only while a clock runs. The
/// round's file is watched, so a second session's or a presenter's changes show at once.
pub fn run_flow(
    opened: crate::debate::round_store::Opened,
    theme: Theme,
    room: Option<crate::session::RoomRole>,
) -> ExitCode {
    catch_signals();
    let mut tui = match take_terminal(terminal::new_screen(theme.ascii)) {
        Ok(tui) => tui,
        Err(code) => return code,
    };
    let code = Channel::new()
        .and_then(|mut channel| flow_loop(&mut tui, opened, theme, &mut channel, room))
        .unwrap_or_else(|_| app::Exit::HangUp.code());
    drop(tui);
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

fn flow_loop(
    tui: &mut Tui,
    opened: crate::debate::round_store::Opened,
    theme: Theme,
    channel: &mut Channel,
    room: Option<crate::session::RoomRole>,
) -> std::io::Result<i32> {
    use crate::debate::clock::now_ms;
    use crate::screen::flow::{self, FlowScreen};
    if let Ok(mut s) = SESSION.lock() {
        *s = Some(channel.waker.clone());
    }
    let (w, h) = terminal::size()?;
    let mut screen = FlowScreen::new(opened, w, h);
    screen.set_ascii(theme.ascii);
    // A presenter copies the round into the room at each change, and says where they are; a
    // follower reads both as they change.
    let presenting = room
        .as_ref()
        .and_then(|(r, p)| p.clone().map(|name| (r.clone(), name)));
    let following = room
        .as_ref()
        .filter(|(_, p)| p.is_none())
        .map(|(r, _)| r.clone());
    let _presence = presenting.as_ref().and_then(|(r, _)| r.hold());
    let _leave = presenting.as_ref().map(|(r, name)| Leave {
        room: r.clone(),
        presenter: name.clone(),
        map: format!("the flow of {}", screen.flowed.round.name),
        fingerprint: crate::session::FLOW_MARK.into(),
    });
    let mut mirrored = flow::Mirror::default();
    let waker = channel.waker.clone();
    let mut watched = vec![screen.store.path.clone()];
    if let Some(r) = &following {
        watched.push(r.path.clone());
        screen.follow(r.read().as_ref());
    }
    let _watch = crate::screen::watch::Watch::new(&watched, SAVE_SETTLE, move || {
        waker.send(Event::FilesChanged);
    });
    loop {
        if let Some((r, name)) = &presenting {
            mirrored.publish(&screen, r, name);
        }
        let (w, h) = terminal::size()?;
        let size = tui.screen.size()?;
        if (w, h) != (size.width, size.height) {
            tui.resize(w, h)?;
            screen.resize(w, h);
        }
        let now = now_ms();
        let bell = screen.ring(now);
        {
            let _guard = DRAWING.lock();
            tui.screen
                .draw(|frame| flow::render(frame, &screen, &theme, now))?;
            use ratatui::backend::Backend;
            let backend = tui.screen.backend_mut();
            if bell {
                backend.bell();
            }
            if theme.plain
                && let Some(p) = flow::cursor(&screen)
            {
                backend.set_cursor_position(p)?;
            }
            Backend::flush(backend)?;
        }
        let wake = screen
            .flowed
            .round
            .clock
            .next_tick(now_ms())
            .map(Duration::from_millis);
        let Some(event) = channel.events.next_within(wake)? else {
            continue;
        };
        let action = match event {
            Event::Key(key) => crate::screen::keymap::resolve(&screen.scopes(), &key),
            Event::Resize(w, h) => Some(crate::screen::keymap::Action::Resize(w, h)),
            Event::FilesChanged => {
                screen.reread();
                if let Some(r) = &following {
                    screen.follow(r.read().as_ref());
                }
                None
            }
            Event::Signal(n) => return Ok(128 + n),
            Event::HangUp => return Ok(app::Exit::HangUp.code()),
            _ => None,
        };
        if let Some(action) = action
            && let Some(code) = screen.update(action, now_ms())
        {
            return Ok(code);
        }
    }
}

/// Runs the reader on the session `load` gives, until the user quits, a signal arrives or the
/// terminal goes away. If `load` fails, nothing is drawn and its exit code is returned.
pub fn run(load: impl FnOnce() -> Result<Session, ExitCode>, theme: Theme) -> ExitCode {
    // Signals are caught before the terminal is touched.
    catch_signals();
    // The screen's buffers are a good part of the time to the first frame, and need nothing
    // from the map: they are made on a second core while the map loads.
    let screen = std::thread::Builder::new()
        .name("screen".into())
        .spawn(move || terminal::new_screen(theme.ascii));
    let session = match load() {
        Ok(session) => session,
        Err(code) => return code,
    };
    let screen = match screen {
        Ok(handle) => handle
            .join()
            .unwrap_or_else(|_| terminal::new_screen(theme.ascii)),
        Err(_) => terminal::new_screen(theme.ascii),
    };
    let mut tui = match take_terminal(screen) {
        Ok(tui) => tui,
        Err(code) => return code,
    };
    let mut outcome = Outcome::default();
    let code = match Channel::new()
        .and_then(|mut c| event_loop(&mut tui, session, theme, &mut c, &mut outcome))
    {
        Ok(code) => code,
        // The terminal failed under us (most often: it is gone). Nothing more can be shown.
        Err(_) => app::Exit::HangUp.code(),
    };
    drop(tui);
    say_farewell(&outcome.farewell);
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// What a session asked to say once the screen is restored (unsaved notes), on stderr.
fn say_farewell(farewell: &[String]) {
    let mut err = std::io::stderr().lock();
    for text in farewell {
        let _ = writeln!(err, "{}", text.trim_end());
    }
}

/// The events of the process's terminal and of the other threads, made once for all the
/// sessions a process runs (a library opens one map after another in one terminal).
struct Channel {
    events: Events,
    waker: Waker,
}

impl Channel {
    fn new() -> std::io::Result<Self> {
        let (tx, rx) = mpsc::channel();
        let (wake_rx, wake_tx) = UnixStream::pair()?;
        wake_tx.set_nonblocking(true)?;
        wake_rx.set_nonblocking(true)?;
        let waker = Waker {
            tx,
            wake: std::sync::Arc::new(wake_tx),
        };
        let input = waker.clone();
        crate::screen::input::spawn(move |event| input.send(event));
        Ok(Self {
            events: Events {
                wake: wake_rx,
                rx,
                queue: VecDeque::new(),
            },
            waker,
        })
    }
}

/// What a session leaves behind when it ends, besides its exit status.
#[derive(Default)]
struct Outcome {
    /// To say on the terminal once the screen is restored (unsaved notes), on stderr.
    farewell: Vec<String>,
    /// The fingerprint of a library map to open next (the one the presenter is on).
    open: Option<String>,
}

/// What a reading session opens with: the start of the app, where its layer is kept, the
/// room it presents to or follows, and what it holds while it lives (the room, a watch on it).
struct Opening {
    start: app::Start,
    store: Option<crate::study::Store>,
    room: Option<(crate::team::room::Room, Option<String>)>,
    /// A presenter holds the room while the session lives: a crash lets go of it, and the
    /// followers are told.
    _presence: Option<crate::team::room::Presence>,
    _room_watch: Option<crate::screen::watch::Watch>,
}

/// Takes from `session` what the app starts with, and joins its room.
fn opening(session: &mut Session, theme: Theme, waker: &Waker) -> Opening {
    let (store, layer, warning, found) = match session.study.take() {
        Some((store, opened)) if opened.usable => (
            Some(store),
            Some(opened.layer),
            opened.warning,
            opened.found,
        ),
        // A file that cannot be read: said, left alone, and nothing kept over it.
        Some((_, opened)) => (None, None, opened.warning, None),
        None => (None, None, None, None),
    };
    // Follow mode: a presenter publishes its position, a follower watches the room's file.
    let room = session.room.take();
    let mut settings = app::Settings {
        theme,
        restricted: session.restricted,
        in_library: session.in_library,
        against: session.against.clone(),
        ..app::Settings::default()
    };
    let mut followed = None;
    let mut room_watch = None;
    let mut presence = None;
    if let Some((r, presenter)) = &room {
        match presenter {
            Some(_) => {
                settings.presenting = Some(r.name.clone());
                presence = r.hold();
            }
            None => {
                settings.follow = Some(app::Follow {
                    room: r.name.clone(),
                    following: true,
                    ..app::Follow::default()
                });
                followed = r.read().filter(|p| !p.left);
                room_watch = watch_room(r, waker.clone());
            }
        }
    }
    let start = app::Start {
        settings,
        files: session.files.take(),
        layer,
        warning,
        drill: session.drill,
        followed,
        fingerprint: Some(session.fingerprint.clone()),
        said: found,
    };
    Opening {
        start,
        store,
        room,
        _presence: presence,
        _room_watch: room_watch,
    }
}

/// What is said of the reader's unsaved changes kept aside on the way out.
fn rescued(store: Option<&crate::study::Store>, layer: &crate::study::Layer) -> String {
    match store.map(|s| s.rescue(layer)) {
        // Said before or after the notes alike: each line stands alone.
        Some(Ok(at)) => format!(
            "Your unsaved changes are kept at {} and are taken back the next time you open this map.",
            crate::map::sanitize::path(&at)
        ),
        Some(Err(e)) => format!("Your unsaved changes could not be kept aside either ({e})."),
        None => "There is no folder to keep your unsaved changes in.".into(),
    }
}

/// Draws a frame of the reader, the cursor on what a screen reader should read (shown with
/// `--screen-reader`, else only placed there).
fn draw(tui: &mut Tui, app: &App, theme: &Theme, screen_reader: bool) -> std::io::Result<()> {
    let _guard = DRAWING.lock();
    // The focus is read after the frame is drawn: the note's text area records there how it
    // wrapped and scrolled.
    let mut focus = None;
    tui.screen.draw(|frame| {
        view::render(frame, app, theme);
        focus = view::focus(app);
        if let (true, Some(p)) = (screen_reader, focus) {
            frame.set_cursor_position(p);
        }
    })?;
    if let (false, Some(p)) = (screen_reader, focus) {
        use ratatui::backend::Backend;
        let backend = tui.screen.backend_mut();
        backend.set_cursor_position(p)?;
        Backend::flush(backend)?;
    }
    Ok(())
}

/// Publishes the presenter's place to the room when it moved since `published`.
fn publish(
    room: &crate::team::room::Room,
    presenter: &str,
    app: &App,
    fingerprint: &str,
    published: &mut Option<(String, usize)>,
) {
    let now = (
        app.map().nodes[app.selected()].id.clone(),
        app.source().cursor,
    );
    if published.as_ref() == Some(&now) {
        return;
    }
    let _ = room.publish(&crate::team::room::Position {
        presenter: presenter.to_string(),
        map: app.map().source.title.clone(),
        node: now.0.clone(),
        paragraph: now.1,
        fingerprint: Some(fingerprint.to_string()),
        left: false,
    });
    *published = Some(now);
}

fn event_loop(
    tui: &mut Tui,
    mut session: Session,
    theme: Theme,
    channel: &mut Channel,
    outcome: &mut Outcome,
) -> std::io::Result<i32> {
    let Channel { events, waker } = channel;
    let ratatui::layout::Size { width, height } = tui.screen.size()?;
    let map = std::mem::replace(&mut session.map, crate::map::model::ArgumentMap::empty());
    let mut app = App::new(map, width, height);
    let Opening {
        start,
        store,
        room,
        _presence,
        _room_watch,
    } = opening(&mut session, theme, waker);
    let mut pending: VecDeque<Effect> =
        app::handle_at(&mut app, Event::Start(Box::new(start)), chrono::Utc::now()).into();
    #[cfg(debug_assertions)]
    if std::env::var_os("ARGWALK_TEST_PANIC").is_some() {
        // For the end-to-end tests, in debug builds only: a panic mid-session restores.
        panic!("panic requested by ARGWALK_TEST_PANIC");
    }
    let mut published: Option<(String, usize)> = None;
    // Whatever the way out, followers are told the presenter left.
    let _leave = room.as_ref().and_then(|(r, p)| {
        p.as_ref().map(|name| Leave {
            room: r.clone(),
            presenter: name.clone(),
            map: app.map().source.title.clone(),
            fingerprint: session.fingerprint.clone(),
        })
    });
    follow_size(tui, &mut app)?;
    let mut first = true;
    let mut watch = None;
    // What the session's map was read from, so an unchanged file is not read twice.
    let mut stamp = app.files().map(Stamp::of).unwrap_or_default();
    // Where the panes were scrolled before the last key, for the terminal to scroll them.
    let mut next = None;
    loop {
        let keeping = Keeping {
            store: store.as_ref(),
            theme,
            confine: session.confine.as_deref(),
        };
        if let Some(code) = carry_out(tui, &mut app, &mut pending, outcome, &keeping, &mut stamp)? {
            return Ok(code);
        }
        // A reload may name another article: watch what the map names now.
        if watch
            .as_ref()
            .is_some_and(|w: &Watch| w.files.as_ref() != app.files())
        {
            watch = Some(Watch::new(app.files(), waker.clone()));
        }
        if let Some((source_top, tree_top)) = next.take() {
            scroll_hints(tui, &app, source_top, tree_top);
        }
        // Keys that came together (a paste, a held key) are taken in before one frame.
        if !events.pending() {
            draw(tui, &app, &theme, session.screen_reader)?;
        }
        if first {
            first = false;
            // The watcher starts after the first frame; signals caught before this ended the
            // process themselves, and a resize from before is caught up with here.
            if let Ok(mut s) = SESSION.lock() {
                *s = Some(waker.clone());
            }
            watch = Some(Watch::new(app.files(), waker.clone()));
            let size = (app.width(), app.height());
            follow_size(tui, &mut app)?;
            if (app.width(), app.height()) != size {
                continue;
            }
        }
        if let Some((r, Some(name))) = &room {
            publish(r, name, &app, &session.fingerprint, &mut published);
        }
        let event = events.next()?;
        if let Event::Resize(w, h) = event {
            if (w, h) == (app.width(), app.height()) {
                continue;
            }
            tui.resize(w, h)?;
        }
        if matches!(event, Event::Key(_)) {
            next = Some((app.source().top, app.tree().top));
        }
        // Drills are scheduled by the clock: the app is told the time, it never reads it.
        pending.extend(app::handle_at(&mut app, event, chrono::Utc::now()));
    }
}

/// What carrying out an effect needs of the session: where the reader's layer is kept, the
/// theme, and the folder a reread map must stay in.
struct Keeping<'a> {
    store: Option<&'a crate::study::Store>,
    theme: Theme,
    confine: Option<&'a Path>,
}

/// Carries out the pending effects, and what the app answers to each; `Some(code)` when the
/// session ends.
fn carry_out(
    tui: &mut Tui,
    app: &mut App,
    pending: &mut VecDeque<Effect>,
    outcome: &mut Outcome,
    keeping: &Keeping,
    stamp: &mut Stamp,
) -> std::io::Result<Option<i32>> {
    while let Some(effect) = pending.pop_front() {
        let answer = match effect {
            Effect::Quit(code) => return Ok(Some(code)),
            Effect::Farewell(text) => {
                outcome.farewell.push(text);
                None
            }
            Effect::Rescue(layer) => {
                outcome.farewell.push(rescued(keeping.store, &layer));
                None
            }
            Effect::OpenMap(fingerprint) => {
                outcome.open = Some(fingerprint);
                return Ok(Some(0));
            }
            Effect::Reload => reload(app, keeping.theme, stamp, keeping.confine),
            Effect::SaveLayer { layer, changes } => {
                let saved = match keeping.store {
                    Some(store) => store.save(&layer, &changes),
                    None => Err("Your marks and notes cannot be kept: no state folder".into()),
                };
                Some(Event::LayerSaved(saved.map_err(|why| {
                    crate::screen::event::Unsaved { why, changes }
                })))
            }
            Effect::OpenEditor { file, line } => {
                let done = edit(tui, &file, line);
                let (w, h) = (tui.screen.size()?.width, tui.screen.size()?.height);
                if (w, h) != (app.width(), app.height()) {
                    pending.extend(app::handle(app, Event::Resize(w, h)));
                }
                Some(Event::EditorDone(done))
            }
        };
        if let Some(answer) = answer {
            pending.extend(app::handle_at(app, answer, chrono::Utc::now()));
        }
    }
    Ok(None)
}

/// In the stacked layout the panes span the whole width: the terminal can scroll them by
/// itself, and only the lines that come into view need sending.
fn scroll_hints(tui: &mut Tui, app: &App, source_top: usize, tree_top: usize) {
    let areas = app.areas();
    if areas.wide || areas.too_small || app.overlay != app::Overlay::None {
        return;
    }
    for (pane, now, was) in [
        (areas.source_inner, app.source.top, source_top),
        (areas.tree_inner, app.tree.top, tree_top),
    ] {
        if let Ok(by) = i32::try_from(now as i64 - was as i64) {
            tui.screen
                .backend_mut()
                .scroll_hint(pane.y..pane.y + pane.height, by);
        }
    }
}

/// Watches a room's file for the presenter's moves; each arrives as [`Event::Followed`] (or
/// [`Event::PresenterLeft`]), read once per change: reading it is not a change (see
/// [`crate::screen::watch`]), so an idle follower sleeps. A short settle: a move is one small file
/// renamed in.
fn watch_room(room: &crate::team::room::Room, waker: Waker) -> Option<crate::screen::watch::Watch> {
    let dir = room.path.parent()?;
    std::fs::create_dir_all(dir).ok()?;
    let r = room.clone();
    let last = std::sync::Mutex::new(None::<crate::team::room::Position>);
    let waiting = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let crashes = waker.clone();
    let watch_crash = move |r: &crate::team::room::Room| {
        watch_for_a_crash(r, &waiting, &crashes);
    };
    if room.presenting() {
        watch_crash(room);
    }
    crate::screen::watch::Watch::new(
        std::slice::from_ref(&room.path),
        Duration::from_millis(10),
        move || {
            let Some(p) = r.read() else {
                return;
            };
            let Ok(mut last) = last.lock() else {
                return;
            };
            if last.as_ref() == Some(&p) {
                return;
            }
            *last = Some(p.clone());
            if p.left {
                waker.send(Event::PresenterLeft);
            } else {
                watch_crash(&r);
                waker.send(Event::Followed(p));
            }
        },
    )
}

/// A thread asleep on the room's lock while a presenter holds it (one at a time): when it is
/// let go of and the room's file does not say the presenter left, their session crashed, and
/// the follower is told at once. No waking while the presenter lives: an idle follower sleeps.
fn watch_for_a_crash(
    room: &crate::team::room::Room,
    waiting: &std::sync::Arc<std::sync::atomic::AtomicBool>,
    waker: &Waker,
) {
    use std::sync::atomic::Ordering;
    if waiting.swap(true, Ordering::SeqCst) {
        return;
    }
    let (room, asleep, waker) = (room.clone(), waiting.clone(), waker.clone());
    let spawned = std::thread::Builder::new()
        .name("room".into())
        .spawn(move || {
            room.wait_until_free();
            asleep.store(false, Ordering::SeqCst);
            if room.written().is_some_and(|p| !p.left) && !room.presenting() {
                waker.send(Event::PresenterLeft);
            }
        });
    if spawned.is_err() {
        waiting.store(false, Ordering::SeqCst);
    }
}

/// Resizes the screen to the terminal's size now, if it changed: the size the buffers were made
/// with is from before the map loaded, and resizes before crossterm listens are never reported.
fn follow_size(tui: &mut Tui, app: &mut App) -> std::io::Result<()> {
    let (w, h) = terminal::size()?;
    if (w, h) != (app.width, app.height) {
        tui.resize(w, h)?;
        app::handle(app, Event::Resize(w, h));
    }
    Ok(())
}

/// Reads the session's map again if its files changed: [`Event::Reloaded`] with the map or its
/// problems, or [`Event::ReloadFailed`] when the file cannot be read at all.
fn reload(app: &App, theme: Theme, last: &mut Stamp, confine: Option<&Path>) -> Option<Event> {
    let Some(files) = &app.files else {
        return Some(Event::ReloadFailed(
            "The built-in map does not change".into(),
        ));
    };
    Some(match crate::map::files::reread(files, last, confine)? {
        Ok(mut loaded) => {
            if theme.ascii {
                loaded.map = loaded.map.map(crate::screen::ascii::map);
            }
            Event::Reloaded(Box::new(loaded))
        }
        Err(why) => Event::ReloadFailed(format!("{why} on screen")),
    })
}

/// Lends the terminal to the user's editor on `file` at `line`, and takes it back.
fn edit(tui: &mut Tui, file: &Path, line: usize) -> Result<(), String> {
    let Some(editor) = crate::screen::editor::chosen() else {
        return Err(crate::screen::editor::NONE_SET.into());
    };
    let Some((program, args)) = crate::screen::editor::command(&editor, file, line) else {
        return Err(crate::screen::editor::NONE_SET.into());
    };
    tui.suspend();
    let status = std::process::Command::new(&program)
        .args(&args)
        .spawn()
        .and_then(|mut child| {
            terminal::EDITOR.store(
                i32::try_from(child.id()).unwrap_or(0),
                std::sync::atomic::Ordering::SeqCst,
            );
            let status = child.wait();
            terminal::EDITOR.store(0, std::sync::atomic::Ordering::SeqCst);
            status
        });
    let resumed = tui.resume();
    crate::screen::input::resumed();
    let name = crate::map::sanitize::clean(&program);
    match (status, resumed) {
        (_, Err(e)) => Err(format!("Cannot take the terminal back: {e}")),
        // Whatever the editor's status, what it saved is read again.
        (Ok(_), Ok(_)) => Ok(()),
        (Err(e), Ok(_)) => Err(format!("Cannot start the editor `{name}`: {e}")),
    }
}
