//! A reading session, below both faces: what it was started on, how the signals that end it
//! are taken, and the presenter's farewell to a room however it ends. The full screen
//! (`screen::driver`) and the line mode (`lines`) each run a session on these; how it ends is
//! said by the exit statuses of [`crate::exit`].

use std::path::PathBuf;

use crate::map::files::MapFiles;
use crate::map::model::ArgumentMap;

/// What the session was started on.
pub struct Session {
    pub map: ArgumentMap,
    /// `None` for the map built into the binary.
    pub files: Option<MapFiles>,
    /// Where the reader's layer is kept, and what it held when opened; `None` when there is
    /// no state folder to keep it in.
    pub study: Option<(crate::study::Store, crate::study::store::Opened)>,
    /// Start with a drill of the cards due (`argwalk drill`).
    pub drill: bool,
    /// Show the terminal's cursor where the focus is (`--screen-reader`); otherwise it is put
    /// there hidden, which screen readers that track the cursor follow too.
    pub screen_reader: bool,
    /// A restricted session (`--restricted`): no editor, and the map's article read from within
    /// `confine` only.
    pub restricted: bool,
    pub confine: Option<PathBuf>,
    /// Follow mode: the room, and who presents to it (`Some(name)`) or `None` to follow it.
    pub room: Option<(crate::team::room::Room, Option<String>)>,
    /// The map's identity ([`ArgumentMap::fingerprint`], taken before any transliteration).
    pub fingerprint: String,
    /// Opened from a library (`--library`), which can open the map a presenter moves to.
    pub in_library: bool,
    /// A reference map to compare the map with (`--against`).
    pub against: Option<std::sync::Arc<ArgumentMap>>,
}

/// Registers `signals` with signal-hook, each blocked while its handler goes in (the
/// full screen's driver catches them so, and the line mode). They stay blocked until the guard returned is dropped: after the thread
/// that reads them has started (it inherits the block, so the handler runs on this thread or a
/// later one: no matter).
pub(crate) fn register(signals: &[i32]) -> Option<(signal_hook::iterator::Signals, Unblock)> {
    use nix::sys::signal::{SigSet, SigmaskHow, Signal, pthread_sigmask};
    let mut blocked = SigSet::empty();
    for &s in signals {
        if let Ok(s) = Signal::try_from(s) {
            blocked.add(s);
        }
    }
    let mut before = SigSet::empty();
    let masked = pthread_sigmask(SigmaskHow::SIG_BLOCK, Some(&blocked), Some(&mut before)).is_ok();
    let unblock = Unblock(masked.then_some(before));
    let registered = signal_hook::iterator::Signals::new(signals).ok()?;
    Some((registered, unblock))
}

/// Puts the thread's signal mask back as it was when dropped.
pub(crate) struct Unblock(Option<nix::sys::signal::SigSet>);

impl Drop for Unblock {
    fn drop(&mut self) {
        if let Some(before) = &self.0 {
            let _ = nix::sys::signal::pthread_sigmask(
                nix::sys::signal::SigmaskHow::SIG_SETMASK,
                Some(before),
                None,
            );
        }
    }
}

/// A presenter's farewell to the room, written when the session ends however it ends (a
/// return, an error, a panic unwinding): followers are told, not left waiting.
pub(crate) struct Leave {
    pub(crate) room: crate::team::room::Room,
    pub(crate) presenter: String,
    pub(crate) map: String,
    pub(crate) fingerprint: String,
}

impl Drop for Leave {
    fn drop(&mut self) {
        let _ = self.room.publish(&crate::team::room::Position {
            presenter: self.presenter.clone(),
            map: self.map.clone(),
            node: String::new(),
            paragraph: 0,
            fingerprint: Some(self.fingerprint.clone()),
            left: true,
        });
    }
}

/// What opening a library's file gives: a map to read, or a round of the debate to flow (with
/// the room it is presented to or followed from, if any).
pub enum Opening {
    Map(Box<Session>),
    Round(Box<crate::debate::round_store::Opened>, Option<RoomRole>),
}

/// A room a session presents to (`Some(presenter)`) or follows (`None`).
pub type RoomRole = (crate::team::room::Room, Option<String>);

/// Where a flow's presenter is, as a room's position says it: the map field names the round,
/// the fingerprint marks it a flow, the node is the selected argument (`#3`), the paragraph
/// the sheet (1 or 2). A follower of maps is told the presenter is on another "map".
pub fn flow_position(
    presenter: &str,
    round: &str,
    selected: Option<u32>,
    sheet: usize,
) -> crate::team::room::Position {
    crate::team::room::Position {
        presenter: presenter.to_string(),
        map: format!("the flow of {round}"),
        node: selected.map(|id| format!("#{id}")).unwrap_or_default(),
        paragraph: sheet + 1,
        fingerprint: Some(FLOW_MARK.to_string()),
        left: false,
    }
}

/// The fingerprint a flow's position carries.
pub const FLOW_MARK: &str = "flow";

/// What a library's file is opened for: to read (a map, or a motion as its case map), or to
/// flow a round (a motion's, or a flow file's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    Read,
    Flow,
}
