//! How a session starts and what it keeps for its whole life: the settings, the map's files,
//! a follower's state and the start-up event's contents. Apart from the app's state so that
//! the events (which carry a [`Start`]) need nothing of the app itself.

use crate::map::model::ArgumentMap;

pub use crate::map::files::MapFiles;

/// What a session was started with and keeps for its whole life: a reload of the map
/// replaces the map and what hangs on it, never these.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The glyphs the reader is drawn with: overlays measure their text as it will be drawn
    /// ("paragraph 7" under --screen-reader is longer than "¶7"), so scrolling reaches the end.
    pub theme: crate::screen::theme::Theme,
    /// A restricted session (a team member over SSH): no editor, no file named by the user.
    pub restricted: bool,
    /// Following a presenter (`--follow ROOM`).
    pub follow: Option<Follow>,
    /// Presenting to a room (`--present ROOM`): its name, for the status line.
    pub presenting: Option<String>,
    /// The map was opened from a library, which can open another of its maps (the one a
    /// presenter is on).
    pub in_library: bool,
    /// A reference map the reader's map is compared with (`--against`): its differences are
    /// listed by `D`, and followed as the map is saved.
    pub against: Option<std::sync::Arc<ArgumentMap>>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: crate::screen::theme::Theme::FULL,
            restricted: false,
            follow: None,
            presenting: None,
            in_library: false,
            against: None,
        }
    }
}

/// How a session starts: the one event a driver sends before any other, with everything it
/// found before the first frame.
#[derive(Debug, Clone, Default)]
pub struct Start {
    pub settings: Settings,
    /// Where the map came from; `None` for the map built into the binary.
    pub files: Option<MapFiles>,
    /// The reader's layer, when there is somewhere to keep it.
    pub layer: Option<crate::study::Layer>,
    /// Something found on opening the layer that the reader must see (a damaged file moved
    /// aside, a file that cannot be read).
    pub warning: Option<String>,
    /// Begin with a drill of the cards due (`argwalk drill`).
    pub drill: bool,
    /// Where the presenter of the followed room is now.
    pub followed: Option<crate::team::room::Position>,
    /// The identity of the map on screen, to tell a presenter's map from another.
    pub fingerprint: Option<String>,
    /// A word for the status line (the reader's notes were found for a map that moved).
    pub said: Option<String>,
}

impl Start {
    /// A start with the reader's `layer` and nothing else.
    pub fn with(layer: crate::study::Layer) -> Self {
        Self {
            layer: Some(layer),
            ..Self::default()
        }
    }
}

/// A follower's state: who presents, whether the reader follows now or stepped away, and
/// where the presenter last was.
#[derive(Debug, Clone, Default)]
pub struct Follow {
    pub room: String,
    pub presenter: Option<String>,
    pub following: bool,
    pub last: Option<crate::team::room::Position>,
    /// The title of the other map the presenter is on, when it is not this one.
    pub elsewhere: Option<String>,
    /// That map's fingerprint, for a library to find it.
    pub other: Option<String>,
}
