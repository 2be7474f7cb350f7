//! `argwalk read`: the map one node at a time as plain lines, driven by typed commands. No
//! cursor addressing and no redraw, so it works with screen readers and braille displays, in
//! Emacs shell buffers, on dumb terminals and through pipes (a script of commands in, text
//! out). In a terminal the line is edited by a line editor of our own (`terminal.rs`: every
//! key taken in order, Up recalls earlier commands); from a pipe the lines are read as they
//! come.
//!
//! Everything the reader reaches is here: a library to choose maps from, the reader's layer
//! (notes, marks, verdicts, side, drills), the prep views, and following or presenting a room.

mod drill;
pub mod flow;
mod map_verbs;
mod reading;
mod said;
mod terminal;
mod transcript;
mod verbs;

use std::io::{BufRead, Write};
use std::path::Path;

use crate::map::model::ArgumentMap;
use crate::session::Session;
use crate::study::{Layer, Store};
use crate::team::library::Library;
use crate::team::room::{Position, Room};

use reading::Reading;
pub(crate) use transcript::{AsciiOut, converse};

const LIBRARY_HELP: &str = "In a library:
  maps [WORDS]               the maps, numbered, with your progress in each (with words:
                             those whose text or article holds them all)
  open N (or open NAME)      read map N (or the one whose file name starts with NAME); a
                             motion reads as a map of its two cases, a flow is flowed
  round N (or flow N)        flow a round of motion N, your own (quit comes back here)";

const CLASS_HELP: &str = "The teacher's class (--class DIR --teacher):
  class                      every member's maps, numbered, each scored against the library's
                             map of the same article
  class N                    read member's map N, against its reference (differences lists
                             where it differs)";

const ROOM_HELP: &str = "Following a presenter: follow (above) goes where the presenter is; the
presenter's moves are also said before each answer.";

/// How a library's map is opened: as the full-screen reader would open it.
pub(crate) type Opener =
    Box<dyn Fn(&Path, crate::session::Intent) -> Result<crate::session::Opening, String> + Send>;

/// A library to choose maps from, and how to open one.
pub(crate) struct Shelf {
    pub(crate) library: Library,
    pub(crate) open: Opener,
    /// The teacher's class list as last read (`class`), numbered for `class N`.
    pub(crate) class_rows: Vec<crate::team::class::Row>,
}

/// A room followed or presented to.
struct Follow {
    room: Room,
    /// `Some(name)` when this session presents; `None` when it follows.
    presenter: Option<String>,
    /// The last position said (following) or written (presenting).
    seen: Option<Position>,
    /// Written when a presenting session ends, however it ends.
    leave: Option<crate::session::Leave>,
    /// A presenter's hold on the room, for as long as this session lives: followers see a
    /// crashed presenter gone by it.
    _presence: Option<crate::team::room::Presence>,
}

/// The line reader: the map being read (none yet in a library), a library if one was given,
/// and a room.
pub struct Lines {
    reading: Option<Reading>,
    /// What could not be saved, map by map, said at the end.
    unsaved: Vec<String>,
    ascii: bool,
    shelf: Option<Shelf>,
    follow: Option<Follow>,
    /// A round of the library being flowed, which takes every line until its `quit`.
    flow: Option<flow::FlowLines>,
}

/// Splits a command line into its verb and the rest: `/words` searches, as `/` does in the
/// reader; one letter is a key, case and all (P is the sheet, p the step back); a word is a word.
fn parse(line: &str) -> (String, &str) {
    let line = line.trim();
    let (verb, rest) = match line.strip_prefix('/') {
        Some(words) => ("/", words),
        None => line.split_once(char::is_whitespace).unwrap_or((line, "")),
    };
    let verb = if verb.chars().count() == 1 {
        verb.to_string()
    } else {
        verb.to_lowercase()
    };
    (verb, rest.trim())
}

impl Lines {
    /// A reader of `map`, with the reader's `layer` if one is kept.
    pub fn new(map: ArgumentMap, layer: Option<(Store, Layer)>) -> Self {
        let fingerprint = map.fingerprint();
        Self {
            reading: Some(Reading::new(map, layer, fingerprint)),
            ascii: false,
            shelf: None,
            follow: None,
            flow: None,
            unsaved: Vec::new(),
        }
    }

    /// A reader of the session the full-screen reader would have opened: its map (already
    /// transliterated in ASCII), its layer, its room; and what opening the layer had to say.
    pub(crate) fn session(session: Session) -> (Self, Vec<String>) {
        let mut lines = Self {
            reading: None,
            ascii: false,
            shelf: None,
            follow: None,
            flow: None,
            unsaved: Vec::new(),
        };
        let said = lines.take(session);
        (lines, said)
    }

    /// A reader of a library: no map is open until `open N`.
    pub(crate) fn library(shelf: Shelf) -> Self {
        Self {
            reading: None,
            ascii: false,
            shelf: Some(shelf),
            follow: None,
            flow: None,
            unsaved: Vec::new(),
        }
    }

    /// Follows (`presenter` `None`) or presents to `room`.
    pub fn room(mut self, room: Room, presenter: Option<String>) -> Self {
        let presence = presenter.as_ref().and_then(|_| room.hold());
        self.follow = Some(Follow {
            room,
            presenter,
            seen: None,
            leave: None,
            _presence: presence,
        });
        self
    }

    /// A session in ASCII: what the reader writes is kept in ASCII too.
    pub fn ascii(mut self, ascii: bool) -> Self {
        self.ascii = ascii;
        if let Some(r) = &mut self.reading {
            r.ascii = ascii;
        }
        self
    }

    /// Makes `session` the map being read (keeping where the reader was in the one before);
    /// returns what opening it has to say of the reader's layer (a damaged file set aside,
    /// notes found for a map that moved).
    fn take(&mut self, session: Session) -> Vec<String> {
        self.leave_map();
        let Session {
            map,
            study,
            fingerprint,
            room,
            against,
            files,
            confine,
            ..
        } = session;
        let mut said = Vec::new();
        let layer = study.and_then(|(store, opened)| {
            said.extend(opened.warning.clone());
            said.extend(opened.found.clone());
            opened.usable.then_some((store, opened.layer))
        });
        let reading = Reading::new(map, layer, fingerprint);
        let stamp = files
            .as_ref()
            .map(crate::map::files::Stamp::of)
            .unwrap_or_default();
        self.reading = Some(Reading {
            ascii: self.ascii,
            against,
            files: files.map(|f| (f, confine)),
            stamp,
            ..reading
        });
        if self.follow.is_none()
            && let Some((room, presenter)) = room
        {
            let presence = presenter.as_ref().and_then(|_| room.hold());
            self.follow = Some(Follow {
                room,
                presenter,
                seen: None,
                leave: None,
                _presence: presence,
            });
        }
        said
    }

    /// Keeps where the reader is in the map being left, for the next session on it; what
    /// could not be saved is tried again, and else kept aside and said at the end.
    fn leave_map(&mut self) {
        if let Some(r) = &mut self.reading {
            r.keep_position();
            if let Some(report) = r.unsaved() {
                self.unsaved.push(report);
            }
        }
    }

    /// What could not be saved in this session, said when it ends (to the error stream), with
    /// a non-zero exit status: `None` when everything was saved.
    pub fn unsaved_report(&self) -> Option<String> {
        (!self.unsaved.is_empty()).then(|| self.unsaved.concat())
    }

    /// Carries out one command line; `None` when it says to quit. What it says is put in
    /// words a synthesizer reads as a person would ([`said::spoken`]).
    pub fn command(&mut self, line: &str) -> Option<String> {
        if let Some(flow) = &mut self.flow {
            return Some(match flow.command(line) {
                Some(out) => said::spoken(&out),
                None => {
                    self.flow = None;
                    "Back in the library: maps lists what it holds.\n".to_string()
                }
            });
        }
        self.answer(line).map(|out| said::spoken(&out))
    }

    /// One command line's answer, as the commands write it.
    fn answer(&mut self, line: &str) -> Option<String> {
        let (typed, rest) = parse(line);
        let mut out = String::new();
        // A save of the map since the last line is said before anything else.
        if let Some(r) = &mut self.reading {
            r.follow_saves(&mut out);
        }
        let said_before = out.len();
        self.presenter_moved(&mut out);
        let moved = out.len() > said_before;
        // A drill takes every line while it runs, as its overlay takes every key.
        if let Some(r) = &mut self.reading
            && r.drill.is_some()
        {
            r.drill_line(&typed, chrono::Utc::now(), &mut out);
            return Some(out);
        }
        // The verb by its long name: a word for it, or the key the reader binds to it now.
        let verb = map_verbs::MAP
            .named(&typed)
            .map_or_else(|| typed.clone(), str::to_string);
        // The presenter's move was just said with the node: `this` would say it twice.
        if moved && verb == "this" {
            return Some(out);
        }
        match verb.as_str() {
            "" => {}
            "quit" => {
                self.leave_map();
                return None;
            }
            "help" => {
                out.push_str(&map_verbs::MAP.help());
                if self.shelf.is_some() {
                    out.push_str(LIBRARY_HELP);
                    out.push('\n');
                }
                if self
                    .shelf
                    .as_ref()
                    .is_some_and(|s| s.library.class.is_some())
                {
                    out.push_str(CLASS_HELP);
                    out.push('\n');
                }
                if self.follow.as_ref().is_some_and(|f| f.presenter.is_none()) {
                    out.push_str(ROOM_HELP);
                    out.push('\n');
                }
            }
            "maps" | "library" if self.shelf.is_some() => self.list(rest, &mut out),
            "open" if self.shelf.is_some() => {
                self.open(rest, crate::session::Intent::Read, &mut out);
            }
            "round" | "flow" if self.shelf.is_some() => {
                self.open(rest, crate::session::Intent::Flow, &mut out);
            }
            "class" if self.shelf.is_some() => self.class(rest, &mut out),
            "follow" if self.follow.is_some() => self.follow_now(&mut out),
            _ => match &mut self.reading {
                Some(r) => {
                    if !r.command(&verb, rest, &mut out) {
                        out.push_str(&format!(
                            "Unknown command: {}. Type help for the list.\n",
                            crate::map::sanitize::clean(&typed)
                        ));
                    }
                }
                None => out.push_str("No map is open yet: maps lists them, open N reads one.\n"),
            },
        }
        self.publish();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        Some(out)
    }

    /// The library's maps, numbered, each with its title and the reader's progress; with
    /// words, the maps whose text (map or article) holds them all.
    fn list(&mut self, words: &str, out: &mut String) {
        let Some(shelf) = &mut self.shelf else {
            return;
        };
        let lib = &mut shelf.library;
        if lib.entries.is_empty() {
            out.push_str("The library has no maps (*.toml files).\n");
            return;
        }
        let shown = lib.matching(words);
        lib.summarize(shown.iter().copied());
        for &i in &shown {
            let e = &lib.entries[i];
            out.push_str(&format!(
                "  {}. {}: {}\n",
                i + 1,
                e.name,
                e.summary.as_deref().unwrap_or("")
            ));
        }
        if words.trim().is_empty() {
            out.push_str("open N reads one; maps WORDS lists those with these words.\n");
        } else {
            out.push_str(&format!(
                "{} of {} maps have these words. open N reads one.\n",
                shown.len(),
                lib.entries.len()
            ));
        }
    }

    /// The teacher's class list, numbered, read afresh; with a number, opens that member's map
    /// against its reference.
    fn class(&mut self, which: &str, out: &mut String) {
        let Some(shelf) = &mut self.shelf else {
            return;
        };
        let root = &shelf.library.root;
        let Some(dir) = &shelf.library.class else {
            out.push_str("The class list is the teacher's (--class DIR --teacher).\n");
            return;
        };
        let rows = &mut shelf.class_rows;
        if which.is_empty() || rows.is_empty() {
            *rows = crate::team::class::list(root, dir);
        }
        if which.is_empty() {
            if rows.is_empty() {
                out.push_str(&crate::team::class::report(rows));
                return;
            }
            for (k, r) in rows.iter().enumerate() {
                out.push_str(&format!(
                    "  {}. {} {}: {}\n",
                    k + 1,
                    r.member,
                    r.map_name(),
                    r.summary()
                ));
            }
            out.push_str(&crate::team::class::tally(rows));
            out.push_str(" class N reads map N against its reference.\n");
            if let Some(line) = crate::team::class::misnamed_line(dir) {
                out.push_str(&line);
                out.push('\n');
            }
            return;
        }
        let count = rows.len();
        let path = which
            .parse::<usize>()
            .ok()
            .and_then(|k| rows.get(k.checked_sub(1)?))
            .and_then(|r| r.map.clone());
        match path {
            Some(path) => {
                self.open_path(&path, out);
                if self.reading.as_ref().is_some_and(|r| r.against.is_some()) {
                    out.push_str("differences lists where it differs from its reference.\n");
                }
            }
            None => out.push_str(&format!(
                "Say which map, from 1 to {count}: class lists them.\n"
            )),
        }
    }

    /// Opens the library's map `which`: its number in the list, or the start of its file name;
    /// a motion's round with [`crate::session::Intent::Flow`].
    fn open(&mut self, which: &str, intent: crate::session::Intent, out: &mut String) {
        let Some(shelf) = &self.shelf else {
            return;
        };
        let entries = &shelf.library.entries;
        let at = match which.parse::<usize>() {
            Ok(k) => k.checked_sub(1).filter(|&k| k < entries.len()),
            Err(_) if which.is_empty() => None,
            Err(_) => {
                let lower = which.to_lowercase();
                entries
                    .iter()
                    .position(|e| e.name.to_lowercase().starts_with(&lower))
            }
        };
        let Some(at) = at else {
            out.push_str(&format!(
                "Say which map, from 1 to {}: open 1 (maps lists them).\n",
                entries.len()
            ));
            return;
        };
        let path = entries[at].path.clone();
        self.open_saying(&path, true, intent, out);
        // Where a presenter is, said again against the map now open.
        if let Some(f) = &mut self.follow {
            f.seen = None;
        }
        self.presenter_moved(out);
    }

    fn open_path(&mut self, path: &Path, out: &mut String) {
        self.open_saying(path, true, crate::session::Intent::Read, out);
    }

    /// Opens a map without saying where this reader left it: the caller says where to be.
    fn open_quietly(&mut self, path: &Path, out: &mut String) {
        self.open_saying(path, false, crate::session::Intent::Read, out);
    }

    /// Opens a map from the library: its title and size, what opening its layer had to say,
    /// and (with `node`) where the reader is in it.
    fn open_saying(
        &mut self,
        path: &Path,
        node: bool,
        intent: crate::session::Intent,
        out: &mut String,
    ) {
        let Some(shelf) = &self.shelf else {
            return;
        };
        match (shelf.open)(path, intent) {
            Ok(crate::session::Opening::Round(round, _)) => {
                // A motion or a flow: its round is flowed here until `quit` comes back.
                let mut flow = flow::FlowLines::new(*round);
                out.push_str(&flow.opening());
                self.flow = Some(flow);
            }
            Ok(crate::session::Opening::Map(session)) => {
                let said = self.take(*session);
                if let Some(r) = &self.reading {
                    out.push_str(&format!(
                        "{}\n{} nodes.\n",
                        r.map.source.title,
                        r.map.nodes.len()
                    ));
                }
                for s in said {
                    out.push_str(&format!("{s}\n"));
                }
                if let Some(r) = self.reading.as_ref().filter(|_| node) {
                    r.say_back_at(out);
                    r.say_node(out);
                }
            }
            Err(why) => out.push_str(&format!("This map cannot be opened: {why}\n")),
        }
    }

    /// Following: when the presenter moved since last said, says so and goes there (on this
    /// map), or says which map they are on.
    fn presenter_moved(&mut self, out: &mut String) {
        let Some(f) = &mut self.follow else {
            return;
        };
        if f.presenter.is_some() {
            return;
        }
        let Some(now) = f.room.read() else {
            return;
        };
        if f.seen.as_ref() == Some(&now) {
            return;
        }
        f.seen = Some(now.clone());
        self.go_to(&now, out);
    }

    /// `follow`: goes where the presenter is now, opening their map from the library.
    fn follow_now(&mut self, out: &mut String) {
        let Some(f) = &mut self.follow else {
            return;
        };
        if f.presenter.is_some() {
            out.push_str("You present: the others follow you.\n");
            return;
        }
        let Some(now) = f.room.read() else {
            out.push_str("Nobody presents in this room yet.\n");
            return;
        };
        f.seen = Some(now.clone());
        let here = self.reading.as_ref().map(|r| r.fingerprint.clone());
        if now.fingerprint.is_some() && now.fingerprint != here && !now.left {
            let found = match (&mut self.shelf, &now.fingerprint) {
                (Some(shelf), Some(fp)) => shelf
                    .library
                    .position_of(fp)
                    .map(|i| shelf.library.entries[i].path.clone()),
                _ => None,
            };
            match found {
                // Opened quietly: the presenter's node is said below, not where this reader
                // left the map last time.
                Some(path) => self.open_quietly(&path, out),
                None => {
                    out.push_str(&format!(
                        "{} presents {}, which is not in your library.\n",
                        now.presenter, now.map
                    ));
                    return;
                }
            }
        }
        self.go_to(&now, out);
    }

    /// Moves to the presenter's node when they are on this map, and says where they are.
    fn go_to(&mut self, now: &Position, out: &mut String) {
        if now.left {
            out.push_str(&format!("{} stopped presenting.\n", now.presenter));
            return;
        }
        let Some(r) = &mut self.reading else {
            out.push_str(&format!(
                "{} presents {}: follow opens it.\n",
                now.presenter, now.map
            ));
            return;
        };
        let same = match &now.fingerprint {
            Some(fp) => *fp == r.fingerprint,
            None => now.map == r.map.source.title,
        };
        if !same {
            out.push_str(&format!(
                "{} is on another map, {}: follow opens it.\n",
                now.presenter, now.map
            ));
            return;
        }
        match r.map.find(&now.node) {
            Some(ix) => {
                r.at = ix;
                out.push_str(&format!("{} moved here:\n", now.presenter));
                r.say_node(out);
            }
            None => out.push_str(&format!(
                "{} is at {}, which this map does not have.\n",
                now.presenter,
                crate::map::sanitize::clean(&now.node)
            )),
        }
    }

    /// Presenting: writes where this reader is when it changed.
    fn publish(&mut self) {
        let (Some(f), Some(r)) = (&mut self.follow, &self.reading) else {
            return;
        };
        let Some(name) = &f.presenter else {
            return;
        };
        let now = Position {
            presenter: name.clone(),
            map: r.map.source.title.clone(),
            node: r.map.nodes[r.at].id.clone(),
            paragraph: r.paragraph(),
            fingerprint: Some(r.fingerprint.clone()),
            left: false,
        };
        if f.seen.as_ref() == Some(&now) {
            return;
        }
        let _ = f.room.publish(&now);
        // Kept up to date in place: a farewell replaced would be dropped, and a dropped
        // farewell is written, telling the followers this presenter left after every move.
        match &mut f.leave {
            Some(leave) => {
                leave.map.clone_from(&now.map);
                leave.fingerprint.clone_from(&r.fingerprint);
            }
            None => {
                f.leave = Some(crate::session::Leave {
                    room: f.room.clone(),
                    presenter: name.clone(),
                    map: now.map.clone(),
                    fingerprint: r.fingerprint.clone(),
                });
            }
        }
        f.seen = Some(now);
    }

    /// What is said first: the map and where the reader is, or the library's list.
    fn opening(&mut self) -> String {
        let mut first = String::new();
        match &self.reading {
            Some(r) => {
                first.push_str(&format!("{}\n", r.map.source.title));
                first.push_str(&format!(
                    "{} nodes. Type help for the commands, n for the next step.\n",
                    r.map.nodes.len()
                ));
                r.say_back_at(&mut first);
                r.say_node(&mut first);
            }
            None => {
                first.push_str("A library of argument maps. Type help for the commands.\n");
                self.list("", &mut first);
            }
        }
        self.presenter_moved(&mut first);
        self.publish();
        first
    }

    /// Reads commands from `input` until `quit` or its end, writing to `output`: a transcript,
    /// each command written before its answer.
    pub fn run(&mut self, input: impl BufRead, mut output: impl Write) -> std::io::Result<()> {
        let opening = self.opening();
        if converse(&opening, input, &mut output, |line| self.command(line))? {
            self.leave_map();
        }
        output.flush()
    }

    /// Reads commands typed at a terminal, each line edited (`terminal.rs`): Up and Down recall
    /// the commands typed before; Ctrl-D (or Ctrl-C) leaves.
    pub fn run_terminal(&mut self, mut output: impl Write) -> std::io::Result<()> {
        output.write_all(self.opening().as_bytes())?;
        output.flush()?;
        terminal::edit(self, output)
    }
}

/// The line editor's view of the session (`terminal.rs`).
impl terminal::Conversation for Lines {
    fn command(&mut self, line: &str) -> Option<String> {
        Lines::command(self, line)
    }

    /// Whether `line` is a note with its text (`note TEXT`, or the key for it): what a signal
    /// keeps of a half-typed line.
    fn is_note(&self, line: &str) -> bool {
        let (typed, rest) = parse(line);
        !rest.is_empty() && map_verbs::MAP.named(&typed) == Some("note")
    }

    fn leave_map(&mut self) {
        Lines::leave_map(self);
    }

    /// Whether this session follows a presenter (and so looks at the room while it waits).
    fn follows(&self) -> bool {
        self.follow.as_ref().is_some_and(|f| f.presenter.is_none())
    }

    /// A presenter's move since last said, in words, said as it happens (at a terminal, while
    /// the reader types); empty when there is none.
    fn news(&mut self) -> String {
        let mut out = String::new();
        self.presenter_moved(&mut out);
        said::spoken(&out)
    }

    fn unsaved_report(&self) -> Option<String> {
        Lines::unsaved_report(self)
    }
}
