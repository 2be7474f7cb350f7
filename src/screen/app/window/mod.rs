//! Every window over the panes is one unit: its key scope, its drawing, the cursor a screen
//! reader follows, its own keys, what a resize or a reload of the map does to it, and the text
//! it keeps while open. One file each; the registry below is the one place a window is named,
//! and it makes the [`Overlay`] type and every dispatch from the same line, so the compiler
//! checks that no window is left out anywhere.

mod citers;
mod differences;
mod drill;
mod frontlines;
mod help;
pub(crate) mod list;
mod node;
mod note;
mod notice;
mod prep_sheet;
mod problems;
mod questions;
pub(crate) mod scrolling;
mod weak;

use ratatui::Frame;
use ratatui::layout::Position;

use crate::screen::event::Effect;
use crate::screen::keymap::{Action, Scope};
use crate::screen::scrollable::Scrollable;
use crate::screen::theme::Theme;

use super::App;
use super::overlay_text::Kind;

/// One window over the panes. Its state is its variant of [`Overlay`]; what it shows is read
/// from the app, so a window is never stale.
pub(crate) trait Window {
    /// Its keys' scope: the key table's bindings there, its section of the help, its name in
    /// the configuration.
    const SCOPE: Scope;
    /// The kept text it shows ([`super::overlay_text`]): built when it opens and after each
    /// change, kept while the reader only moves in it.
    const TEXT: Option<Kind> = None;

    /// Draws it over the panes.
    fn render(frame: &mut Frame, app: &App, theme: &Theme);

    /// Where the terminal's cursor goes for a screen reader: the selected row, or the
    /// window's first line.
    fn cursor(app: &App) -> Option<Position> {
        let r = crate::screen::layout::overlay_area(app.width, app.height);
        Some(Position::new(r.x + 1, r.y + 1))
    }

    /// One of its own keys: moving, choosing, closing, and what is particular to it.
    fn update(app: &mut App, action: Action) -> Vec<Effect>;

    /// How far it scrolls: its lines less the rows it shows (0 for a window that does not).
    fn max_scroll(_app: &App) -> usize {
        0
    }

    /// Keeps its scroll or selection within what it shows, after a resize or a reload.
    fn fit(_app: &mut App) {}

    /// What a reload of the map leaves of it, given the fresh app (with the new map): itself
    /// unless it is about what the map no longer has.
    fn reload(overlay: Overlay, _fresh: &App) -> Overlay {
        overlay
    }
}

/// The registry: each window's variant of [`Overlay`] (with its state) and its unit.
macro_rules! windows {
    ($( $(#[$doc:meta])* $name:ident $({ $($field:ident : $fty:ty),* $(,)? })? => $unit:ty, )*) => {
        /// The window over the panes, if any, with its own state.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Overlay {
            /// No window: the panes have the keys.
            None,
            $( $(#[$doc])* $name $({ $($field: $fty),* })?, )*
        }

        /// The open window's key scope.
        pub(crate) fn scope(overlay: &Overlay) -> Option<Scope> {
            match overlay {
                Overlay::None => None,
                $( Overlay::$name { .. } => Some(<$unit>::SCOPE), )*
            }
        }

        /// The kind of kept text the open window shows.
        pub(crate) fn text(overlay: &Overlay) -> Option<Kind> {
            match overlay {
                Overlay::None => None,
                $( Overlay::$name { .. } => <$unit>::TEXT, )*
            }
        }

        /// Draws the open window.
        pub(crate) fn render(frame: &mut Frame, app: &App, theme: &Theme) {
            match app.overlay {
                Overlay::None => {}
                $( Overlay::$name { .. } => <$unit>::render(frame, app, theme), )*
            }
        }

        /// The screen reader's cursor in the open window.
        pub(crate) fn cursor(app: &App) -> Option<Position> {
            match app.overlay {
                Overlay::None => None,
                $( Overlay::$name { .. } => <$unit>::cursor(app), )*
            }
        }

        /// A key of the open window's own.
        pub(crate) fn update(app: &mut App, action: Action) -> Vec<Effect> {
            match app.overlay {
                Overlay::None => Vec::new(),
                $( Overlay::$name { .. } => <$unit>::update(app, action), )*
            }
        }

        /// Keeps the open window within what it shows.
        pub(crate) fn fit(app: &mut App) {
            match app.overlay {
                Overlay::None => {}
                $( Overlay::$name { .. } => <$unit>::fit(app), )*
            }
        }

        /// What a reload leaves of `overlay` over the fresh app.
        pub(crate) fn reload(overlay: Overlay, fresh: &App) -> Overlay {
            match &overlay {
                Overlay::None => Overlay::None,
                $( Overlay::$name { .. } => <$unit>::reload(overlay, fresh), )*
            }
        }
    };
}

#[rustfmt::skip]
windows! {
    /// The key table, from the same bindings the keys use.
    Help { scroll: usize } => help::Help,
    /// The selected node in full, for when the details pane cannot hold it.
    Node { scroll: usize } => node::NodeWindow,
    /// The nodes citing paragraph `paragraph`, chosen in `list`.
    Citers { paragraph: usize, list: Scrollable } => citers::Citers,
    /// The problems of the last save of the map, which left the last good map on screen.
    Problems { scroll: usize } => problems::Problems,
    /// The note editor, on the selected node (its text is in the study layer's editor).
    Note => note::Note,
    /// A drill card (its run is in the study layer).
    Drill => drill::Drill,
    /// The weak spots of the case, chosen in `list`.
    Weak { list: Scrollable } => weak::Weak,
    /// Each objection and its answer.
    Frontlines { scroll: usize } => frontlines::Frontlines,
    /// The prep sheet (the Markdown export) shown in the reader, so a restricted session,
    /// which may write no file, can still read and copy it.
    Sheet { scroll: usize } => prep_sheet::PrepSheet,
    /// Something the reader must see whole (a notes file that was damaged and moved aside,
    /// and where to): it waits for a key.
    Notice { text: String } => notice::Notice,
    /// The critical questions of the selected node's step, chosen in `list`.
    Questions { list: Scrollable } => questions::Questions,
    /// The differences of the reader's map from the reference (`--against`), chosen in
    /// `list`.
    Differences { list: Scrollable } => differences::Differences,
}
