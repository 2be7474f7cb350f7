//! What can happen to a reading session, and what it asks its driver to do in return.
//!
//! A driver (the terminal front end, or a test) turns the world into [`Event`]s, hands each to
//! [`crate::app::handle`], and carries out the [`Effect`]s it returns: the app itself does no
//! I/O, so the same session runs in a terminal, over SSH, or in a test without either.

use std::path::PathBuf;

use crate::key::Key;
use crate::loader::Loaded;

/// Everything that can happen to a session.
#[derive(Debug, Clone)]
pub enum Event {
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
    /// SIGTERM, SIGINT or SIGHUP, by number.
    Signal(i32),
    /// The terminal went away.
    HangUp,
}

/// What the session asks its driver to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// End the session with this exit status.
    Quit(i32),
    /// Read the map (and its article) again, and answer with [`Event::Reloaded`].
    Reload,
    /// Suspend the screen, run the user's editor on `file` at `line`, then resume, redraw, and
    /// answer with [`Event::EditorDone`].
    OpenEditor { file: PathBuf, line: usize },
}
