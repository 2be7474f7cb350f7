//! What can happen to a reading session, and what it asks its driver to do in return.
//!
//! A driver (the terminal front end, or a test) turns the world into [`Event`]s, hands each to
//! [`crate::screen::app::handle`], and carries out the [`Effect`]s it returns: the app itself does no
//! I/O, so the same session runs in a terminal, over SSH, or in a test without either.

use std::path::PathBuf;

use crate::map::loader::Loaded;
use crate::screen::key::Key;
use crate::screen::start::Start;
use crate::study::{Changes, Layer};

/// Everything that can happen to a session.
#[derive(Debug, Clone)]
pub enum Event {
    /// The first event of every session: what the driver found before the first frame.
    Start(Box<Start>),
    Key(Key),
    Resize(u16, u16),
    /// A watched file (the map or its article) changed on disk.
    FilesChanged,
    /// The map was read again, after [`Effect::Reload`]: clean, or with its problems.
    Reloaded(Box<Loaded>),
    /// The map could not be read at all (gone, unreadable): said in the status line.
    ReloadFailed(String),
    /// The editor returned (or could not be started: why).
    EditorDone(Result<(), String>),
    /// The reader's layer was saved: what is on disk now (this session's changes merged with
    /// another's), and a warning to show; or why it could not be saved, with what it held
    /// (kept pending for the next save).
    LayerSaved(Result<(Layer, Option<String>), Unsaved>),
    /// The presenter of the room this session follows moved.
    Followed(crate::team::room::Position),
    /// The presenter of the room this session follows stopped presenting.
    PresenterLeft,
    /// The class list scored another member's map, on its thread.
    Scored,
    /// SIGTERM, SIGINT or SIGHUP, by number.
    Signal(i32),
    /// The terminal went away.
    HangUp,
}

/// A save of the reader's layer that failed: why, and the changes it held.
#[derive(Debug, Clone)]
pub struct Unsaved {
    pub why: String,
    pub changes: Changes,
}

/// What the session asks its driver to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// End the session with this exit status.
    Quit(i32),
    /// End this map's session and open the library's map with this fingerprint (the one the
    /// followed presenter is on).
    OpenMap(String),
    /// Say this on the terminal once the session has ended and the screen is restored
    /// (unsaved notes, when a save failed on the way out).
    Farewell(String),
    /// Keep this layer aside, on another filesystem, for the next session to take back: the
    /// session ends with changes it could not save.
    Rescue(Box<Layer>),
    /// Read the map (and its article) again, and answer with [`Event::Reloaded`].
    Reload,
    /// Suspend the screen, run the user's editor on `file` at `line`, then resume, redraw, and
    /// answer with [`Event::EditorDone`].
    OpenEditor { file: PathBuf, line: usize },
    /// Save the reader's layer: this session's `changes`, merged with what is on disk; answer
    /// with [`Event::LayerSaved`].
    SaveLayer { layer: Layer, changes: Changes },
}

impl Start {
    /// The start-up event that carries it.
    pub fn event(self) -> Event {
        Event::Start(Box::new(self))
    }
}
