//! The reader's state, and [`handle`], the one entry point that changes it (through `update`
//! for keys and the event handlers beside it).
//!
//! Nothing here knows of terminals: keys arrive as [`Action`]s, and the view reads the state.
//! Work per action is bounded by what is visible, except fold and filter changes, which rebuild
//! the list of visible rows once (linear in the map).

mod against;
mod commands;
mod find;
pub(crate) mod overlay_text;
mod questions;
mod reload;
mod source;
mod study;
mod tree;
pub(crate) mod window;

pub use crate::screen::start::{Follow, MapFiles, Settings, Start};
pub use study::{DrillRun, NOTE_MAX_CHARS, Study};
pub use window::Overlay;

use std::sync::Arc;

use crate::map::diagnostic::Report;
use crate::map::model::{ArgumentMap, Kind, NodeIx};
use crate::screen::event::{Effect, Event};
use crate::screen::keymap::{self, Action, Scope};
pub use crate::screen::layout::Focus;
use crate::screen::layout::{self, Areas};
pub use crate::screen::search::{Hit, Search};

/// How the reader was asked to end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    Interrupt,
    /// SIGTERM, SIGINT or SIGHUP, by number.
    Signal(i32),
    /// The terminal went away.
    HangUp,
}

impl Exit {
    /// The process's exit status, as shells report death by signal: 128 + the signal.
    pub fn code(self) -> i32 {
        match self {
            Exit::Quit => 0,
            Exit::Interrupt => 130,
            Exit::Signal(n) => 128 + n,
            Exit::HangUp => 129,
        }
    }
}

/// Line positions of the wrapped source at the current source pane width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceLines {
    pub width: usize,
    /// `first[i]` is the first line of paragraph `i + 1`; the last entry is the line count.
    /// Each paragraph is followed by one blank line.
    pub first: Vec<usize>,
}

impl SourceLines {
    pub fn total(&self) -> usize {
        self.first.last().copied().unwrap_or(0)
    }

    /// The 1-based number of the paragraph drawn on `line` (a blank separator counts as the
    /// paragraph above it).
    pub fn paragraph_at(&self, line: usize) -> usize {
        self.first
            .partition_point(|&f| f <= line)
            .clamp(1, self.first.len().saturating_sub(1).max(1))
    }
}

/// The width of the source pane's gutter: cursor, number, cited mark, space.
pub fn gutter_width(paragraphs: usize) -> usize {
    let digits = paragraphs.max(1).to_string().len().max(2);
    // cursor + "(" + digits + ")" + mark + space
    digits + 5
}

/// The whole state of the reader. Its fields are the app's own: a driver or a test changes
/// them only through [`handle`], and reads them through the accessors.
#[derive(Debug, Clone)]
pub struct App {
    /// Shared, so a reload swaps it whole and a driver can hold it without copying.
    pub(crate) map: Arc<ArgumentMap>,
    pub(crate) settings: Settings,
    /// Where the map came from; `None` for the map built into the binary.
    pub(crate) files: Option<MapFiles>,
    /// The problems of the last reload that failed, while the last good map stays on screen.
    pub(crate) problems: Option<Report>,
    pub(crate) tree: Tree,
    pub(crate) walk: Walk,
    pub(crate) source: SourceView,
    pub(crate) search: Search,
    /// The reader's own layer (marks, notes, judgements); `None` when there is nowhere to
    /// keep it.
    pub(crate) study: Option<Study>,
    pub(crate) overlay: Overlay,
    pub(crate) focus: Focus,
    pub(crate) width: u16,
    pub(crate) height: u16,
    pub(crate) message: Option<String>,
    /// The time, as the driver last said: drills are scheduled by it.
    pub(crate) now: chrono::DateTime<chrono::Utc>,
    /// Ending, once the changes being saved are on disk.
    pub(crate) quitting: Option<Exit>,
    /// A save failed as the reader quit and they were told: the next quit goes even if the
    /// save fails again (the unsaved notes are printed as it goes).
    pub(crate) lose_on_quit: bool,
    /// The map's identity (title and a hash of its content), to follow only the same map.
    pub(crate) fingerprint: Option<String>,
    /// Leaving this map for the presenter's (by its fingerprint) once the pending save is done.
    pub(crate) switching: Option<String>,
    /// The open overlay's text, kept while the reader scrolls it ([`overlay_text`]).
    pub(crate) overlay_text: Option<overlay_text::OverlayText>,
}

/// The tree pane: the selection, what is folded, and the rows that shows.
#[derive(Debug, Clone)]
pub struct Tree {
    pub selected: NodeIx,
    pub(crate) folded: Vec<bool>,
    /// Visible tree rows, top to bottom.
    pub rows: Vec<NodeIx>,
    pub(crate) row_of: Vec<Option<usize>>,
    /// Whether a visible node is the last visible child of its parent (for tree guides).
    pub last_child: Vec<bool>,
    /// Nodes that are counterpoints or lead to one (shown under the counterpoint filter).
    pub(crate) leads_to_counterpoint: Vec<bool>,
    /// The first row shown.
    pub top: usize,
    /// Bumped whenever the visible rows are rebuilt.
    pub revision: u64,
}

/// The walk: all nodes in reading order, or only the counterpoints.
#[derive(Debug, Clone)]
pub struct Walk {
    pub counterpoints_only: bool,
    /// The walk restricted to counterpoints.
    pub(crate) counter_walk: Vec<NodeIx>,
}

/// The source pane: where it is scrolled, the marked paragraph, and the wrapped lines.
#[derive(Debug, Clone)]
pub struct SourceView {
    /// The first line shown.
    pub top: usize,
    /// The paragraph marked in the source (1-based): what Enter asks about.
    pub cursor: usize,
    pub lines: SourceLines,
}

impl App {
    pub fn new(map: impl Into<Arc<ArgumentMap>>, width: u16, height: u16) -> Self {
        let map: Arc<ArgumentMap> = map.into();
        let n = map.nodes.len();
        let mut leads = vec![false; n];
        // The walk lists parents before children, so walking it backwards sees children first.
        for &ix in map.walk.iter().rev() {
            if map.nodes[ix].kind == Kind::Counterpoint {
                leads[ix] = true;
            }
            if leads[ix]
                && let Some(p) = map.nodes[ix].parent
            {
                leads[p] = true;
            }
        }
        let counter_walk = map
            .walk
            .iter()
            .copied()
            .filter(|&ix| map.nodes[ix].kind == Kind::Counterpoint)
            .collect();
        let thesis = map.thesis;
        let mut app = Self {
            settings: Settings::default(),
            map,
            files: None,
            problems: None,
            tree: Tree {
                selected: thesis,
                folded: vec![false; n],
                rows: Vec::new(),
                row_of: vec![None; n],
                last_child: vec![false; n],
                leads_to_counterpoint: leads,
                top: 0,
                revision: 0,
            },
            walk: Walk {
                counterpoints_only: false,
                counter_walk,
            },
            source: SourceView {
                top: 0,
                cursor: 1,
                lines: SourceLines::default(),
            },
            focus: Focus::Tree,
            overlay: Overlay::None,
            overlay_text: None,
            search: Search::default(),
            study: None,
            width,
            height,
            message: None,
            // Until the driver says (the start-up event and each event after carry the time).
            now: chrono::Utc::now(),
            quitting: None,
            lose_on_quit: false,
            fingerprint: None,
            switching: None,
        };
        app.rebuild_rows();
        app.rewrap();
        app.show_selected_source();
        app
    }

    pub fn areas(&self) -> Areas {
        layout::areas(self.width, self.height)
    }

    pub fn is_folded(&self, ix: NodeIx) -> bool {
        self.tree.folded[ix]
    }

    pub fn row_of(&self, ix: NodeIx) -> Option<usize> {
        self.tree.row_of[ix]
    }

    /// Under the counterpoint filter, rows shown only to place counterpoints in the tree.
    pub fn is_context_row(&self, ix: NodeIx) -> bool {
        self.walk.counterpoints_only && self.map.nodes[ix].kind != Kind::Counterpoint
    }

    /// The scopes a key is looked up in, most specific first.
    pub fn scopes(&self) -> Vec<Scope> {
        if let Some(scope) = window::scope(&self.overlay) {
            return vec![scope];
        }
        if self.search.prompt {
            return vec![Scope::Search];
        }
        match self.focus {
            Focus::Tree => vec![Scope::Tree, Scope::Global],
            Focus::Source => vec![Scope::Source, Scope::Global],
        }
    }

    /// The walk as the reader steps it now: all nodes, or only counterpoints.
    pub fn steps(&self) -> &[NodeIx] {
        if self.walk.counterpoints_only {
            &self.walk.counter_walk
        } else {
            &self.map.walk
        }
    }

    /// 1-based position of the selection in [`App::steps`], and the number of steps.
    pub fn step(&self) -> (Option<usize>, usize) {
        let steps = self.steps();
        let pos = self.first_step_from(self.map.nodes[self.tree.selected].step);
        let here = (steps.get(pos) == Some(&self.tree.selected)).then_some(pos + 1);
        (here, steps.len())
    }

    /// The index in [`App::steps`] of the first step at or after walk position `at`: a binary
    /// search, so stepping costs the same on a map of any size.
    pub(super) fn first_step_from(&self, at: usize) -> usize {
        self.steps()
            .partition_point(|&ix| self.map.nodes[ix].step < at)
    }

    pub(super) fn visible_under_filter(&self, ix: NodeIx) -> bool {
        !self.walk.counterpoints_only
            || ix == self.map.thesis
            || self.tree.leads_to_counterpoint[ix]
    }

    /// Keeps the open window within what it now shows (after a resize or a reload).
    pub(super) fn clamp_overlay(&mut self) {
        window::fit(self);
    }
}

/// Applies one event: the one entry point of a session's state. Returns what the driver must do.
pub fn handle(app: &mut App, event: Event) -> Vec<Effect> {
    let reload = matches!(
        event,
        Event::Reloaded(_) | Event::LayerSaved(_) | Event::Start(_)
    );
    // Scrolling an overlay changes nothing it shows: its text is kept; anything else may.
    let scroll = match &event {
        Event::Key(key) => keymap::resolve(&app.scopes(), key).is_some_and(Action::scroll_only),
        _ => false,
    };
    let effects = handle_event(app, event);
    app.refresh_due(reload);
    app.keep_overlay_text(window::text(&app.overlay), !scroll);
    effects
}

/// [`handle`], told the time first: drills are scheduled by it, and the app never reads the
/// clock itself.
pub fn handle_at(app: &mut App, event: Event, now: chrono::DateTime<chrono::Utc>) -> Vec<Effect> {
    app.now = now;
    handle(app, event)
}

impl App {
    /// The start-up event: what the driver found before the first frame.
    fn start(&mut self, start: Start) -> Vec<Effect> {
        let Start {
            settings,
            files,
            layer,
            warning,
            drill,
            followed,
            fingerprint,
            said,
        } = start;
        self.settings = settings;
        self.files = files;
        self.fingerprint = fingerprint;
        self.study = layer.map(Study::new);
        // Back where the reader left this map.
        let back = self
            .study
            .as_ref()
            .and_then(|s| s.layer.at.as_deref())
            .and_then(|id| self.map.find(id));
        if let Some(ix) = back.filter(|&ix| ix != self.map.thesis) {
            self.select(ix);
            self.message = Some(format!(
                "Back at {}, where you left it",
                self.map.nodes[ix].id
            ));
        }
        if said.is_some() {
            self.message = said;
        }
        let orphans = self
            .study
            .as_ref()
            .map_or(0, |s| s.layer.orphans(&self.map).len());
        if let Some(text) = warning {
            self.overlay = Overlay::Notice { text };
        } else if orphans > 0 {
            self.message = Some(format!(
                "{orphans} of your notes are on nodes this map no longer has: kept, listed under {}",
                keymap::key_for(Action::WeakSpots)
            ));
        }
        if let Some(p) = followed {
            handle_event(self, Event::Followed(p));
        }
        if drill && self.overlay == Overlay::None {
            self.refresh_due(true);
            return update(self, Action::Drill);
        }
        Vec::new()
    }

    /// The map on screen.
    pub fn map(&self) -> &ArgumentMap {
        &self.map
    }
    /// The map on screen, shared.
    pub fn map_arc(&self) -> &Arc<ArgumentMap> {
        &self.map
    }
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
    pub fn files(&self) -> Option<&MapFiles> {
        self.files.as_ref()
    }
    pub fn problems(&self) -> Option<&Report> {
        self.problems.as_ref()
    }
    pub fn tree(&self) -> &Tree {
        &self.tree
    }
    pub fn walk_state(&self) -> &Walk {
        &self.walk
    }
    pub fn source(&self) -> &SourceView {
        &self.source
    }
    pub fn search(&self) -> &Search {
        &self.search
    }
    pub fn study(&self) -> Option<&Study> {
        self.study.as_ref()
    }
    pub fn overlay(&self) -> &Overlay {
        &self.overlay
    }
    pub fn focus(&self) -> Focus {
        self.focus
    }
    pub fn width(&self) -> u16 {
        self.width
    }
    pub fn height(&self) -> u16 {
        self.height
    }
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.now
    }
    /// The selected node.
    pub fn selected(&self) -> NodeIx {
        self.tree.selected
    }
}

/// Does `action` as a person would: the key the table binds to it where the reader is now (or
/// the typed character, or the resize), through [`handle`]. For scripts, examples and tests.
///
/// # Panics
///
/// When no key does `action` where the reader is: a person could not do it there, so a test
/// that asks for it is wrong, and says so rather than passing on a step that did nothing.
pub fn act(app: &mut App, action: Action) -> Vec<Effect> {
    let event = match action {
        Action::Resize(w, h) => Event::Resize(w, h),
        Action::SearchInput(c) => Event::Key(crate::screen::key::Key::char(c)),
        Action::NoteInput(key) => Event::Key(key),
        // A test that asks for what no key does here would test nothing: it fails loudly.
        action => match keymap::key_in(&app.scopes(), action) {
            Some(key) => Event::Key(key),
            None => panic!(
                "act: no key does {action:?} in {:?} (a key a person could not press)",
                app.scopes()
            ),
        },
    };
    handle(app, event)
}

fn handle_event(app: &mut App, event: Event) -> Vec<Effect> {
    match event {
        Event::Start(start) => app.start(*start),
        Event::Key(key) => match keymap::resolve(&app.scopes(), &key) {
            Some(action) => update(app, action),
            None => Vec::new(),
        },
        Event::Resize(w, h) => update(app, Action::Resize(w, h)),
        Event::FilesChanged if app.files.is_some() => vec![Effect::Reload],
        Event::FilesChanged => Vec::new(),
        Event::Reloaded(loaded) => {
            app.reloaded(*loaded);
            Vec::new()
        }
        Event::ReloadFailed(why) => {
            app.message = Some(why);
            Vec::new()
        }
        // Whatever was saved in the editor is read again, even if the watcher missed it.
        Event::EditorDone(Ok(())) if app.files.is_some() => vec![Effect::Reload],
        Event::EditorDone(Ok(())) => Vec::new(),
        Event::EditorDone(Err(why)) => {
            app.message = Some(why);
            Vec::new()
        }
        Event::LayerSaved(Ok((layer, warning))) => {
            if let Some(study) = app.study.as_mut() {
                // What another session saved meanwhile shows from now on; this session's
                // pending changes (none, as saving is synchronous) stay on top.
                let pending = study.unsaved();
                if !pending {
                    study.layer = layer;
                }
            }
            if let Some(text) = warning {
                app.overlay = Overlay::Notice { text };
            }
            match (app.quitting.take(), app.switching.take()) {
                (Some(_), Some(fingerprint)) => vec![Effect::OpenMap(fingerprint)],
                (Some(exit), None) => vec![Effect::Quit(exit.code())],
                (None, _) => Vec::new(),
            }
        }
        Event::LayerSaved(Err(unsaved)) => app.save_failed(unsaved),
        Event::Followed(position) => {
            app.followed(position);
            Vec::new()
        }
        Event::PresenterLeft => {
            if let Some(follow) = app.settings.follow.as_mut() {
                let who = follow
                    .presenter
                    .take()
                    .unwrap_or_else(|| "The presenter".into());
                follow.last = None;
                follow.elsewhere = None;
                follow.other = None;
                app.message = Some(format!("{who} stopped presenting"));
            }
            Vec::new()
        }
        // The class list's, in a library: nothing of a map's session.
        Event::Scored => Vec::new(),
        Event::Signal(n) => quit(app, Exit::Signal(n)),
        Event::HangUp => quit(app, Exit::HangUp),
    }
}

impl App {
    /// The presenter moved: go there, if this is the map they present and the reader follows.
    fn followed(&mut self, position: crate::team::room::Position) {
        let mine = self.fingerprint.clone();
        let title = self.map.source.title.clone();
        let Some(follow) = self.settings.follow.as_mut() else {
            return;
        };
        follow.presenter = Some(position.presenter.clone());
        // A presenter of an older argwalk names no fingerprint: the title must then match.
        let same = match (&position.fingerprint, &mine) {
            (Some(theirs), Some(mine)) => theirs == mine,
            _ => position.map == title,
        };
        if !same {
            follow.elsewhere = Some(position.map.clone());
            follow.other = position.fingerprint.clone();
            follow.last = None;
            let open = if self.settings.in_library && follow.other.is_some() {
                format!("{} opens it", keymap::key_for(Action::FollowAgain))
            } else {
                "open it to follow".to_string()
            };
            self.message = Some(format!(
                "{} presents another map, \"{}\": {open}",
                position.presenter, position.map
            ));
            return;
        }
        follow.other = None;
        follow.elsewhere = None;
        follow.last = Some(position.clone());
        if follow.following {
            self.go_to(&position);
        }
    }

    /// A save failed: what it held is pending again, and the reader is told. If the reader
    /// was quitting, they are asked first; a signal or a lost terminal cannot ask, so the
    /// unsaved notes are printed on the way out.
    fn save_failed(&mut self, unsaved: crate::screen::event::Unsaved) -> Vec<Effect> {
        let why = unsaved.why.clone();
        if let Some(study) = self.study.as_mut() {
            study.unsaved_again(unsaved.changes);
        }
        if self.switching.take().is_some() {
            // Not leaving this map with changes unsaved: the reader stays, and is told.
            self.quitting = None;
            self.message = Some(format!(
                "{why}; this map stays open, and its changes are kept here"
            ));
            return Vec::new();
        }
        let Some(exit) = self.quitting.take() else {
            self.message = Some(format!(
                "{why}; it is kept here and saved with the next change"
            ));
            return Vec::new();
        };
        if exit == Exit::Quit && !self.lose_on_quit {
            self.lose_on_quit = true;
            let quit = keymap::key_for(Action::Quit);
            self.overlay = Overlay::Notice {
                text: format!(
                    "Your marks and notes could not be saved: {why}.\n\nNothing is lost yet: they are kept in this session, and saved with your next change once the cause is fixed (disk space, the folder's permissions). Or close this and press {quit} again: it tries once more, and if that fails too, argwalk quits and prints your unsaved notes on the terminal, so you can keep them."
                ),
            };
            return Vec::new();
        }
        let mut effects = Vec::new();
        if let Some(study) = self.study.as_ref() {
            // Kept aside on another filesystem before anything is said: the next session
            // takes it back ([`crate::study::rescue`]).
            effects.push(Effect::Rescue(Box::new(study.layer.clone())));
            effects.push(Effect::Farewell(study.unsaved_report(&why)));
        }
        // Not a clean end: changes were not saved where they live.
        effects.push(Effect::Quit(match exit {
            Exit::Quit => 1,
            other => other.code(),
        }));
        effects
    }
}

/// Ends the session. A note being typed is saved first, and what the reader changed and was
/// not saved yet (visits) with it: the session ends when the save is done, or, if it fails,
/// the reader is asked (see [`App::save_failed`]).
fn quit(app: &mut App, exit: Exit) -> Vec<Effect> {
    // Where the reader is, for the next session to start there.
    let here = app.map.nodes[app.tree.selected].id.clone();
    if let Some(study) = app.study.as_mut()
        && study.layer.at.as_deref() != Some(here.as_str())
    {
        study.layer.at = Some(here);
        study.moved();
    }
    // Saving the note saves everything pending with it.
    let mut save = if app.overlay == Overlay::Note {
        app.close_note(true)
    } else {
        Vec::new()
    };
    if let Some(study) = app.study.as_mut()
        && save.is_empty()
        && study.unsaved()
    {
        save.push(study.save());
    }
    if save.is_empty() {
        return vec![Effect::Quit(exit.code())];
    }
    app.quitting = Some(exit);
    save
}

/// Applies one action: what a key asks for, through the key table.
pub(crate) fn update(app: &mut App, action: Action) -> Vec<Effect> {
    app.message = None;
    if action != Action::Quit && !matches!(app.overlay, Overlay::Notice { .. }) {
        // The reader did something else after being told a save failed: ask again next time.
        app.lose_on_quit = false;
    }
    if action.steps_away()
        && let Some(follow) = app.settings.follow.as_mut()
        && follow.following
    {
        follow.following = false;
        app.message = Some(format!(
            "Stepped away; {} follows again",
            keymap::key_for(Action::FollowAgain)
        ));
    }
    action.dispatch(app)
}
