//! The flow sheet in the full screen: a round's sheets as columns of speeches, the selected
//! argument, the cell being typed, the lists over the flow (drops, the case to pull from, a
//! source, help) and the clocks in the status line. Actions in, changes through the round's
//! store (so each is saved as it is made), a bell out; drawn by `draw.rs`.

mod draw;

use ratatui_textarea::TextArea;

use crate::debate::clock::{Reading, Timer};
use crate::debate::flow::{Done, Draft, DraftKind, Mark, Op};
use crate::debate::grid::{Grid, grid};
use crate::debate::round_file::Flowed;
use crate::debate::round_store::{Opened, RoundStore};
use crate::debate::{standing, words};
use crate::screen::keymap::{self, Action, Scope};
use crate::screen::scrollable::Scrollable;

pub use draw::{cursor, render};

/// A list over the flow.
pub(crate) enum Overlay {
    /// The drops so far; Enter goes to one.
    Drops { list: Scrollable, ids: Vec<u32> },
    /// What the side can pull from its case: `(from, said)`; as an answer to `to` if given.
    Pull {
        list: Scrollable,
        items: Vec<(String, String)>,
        to: Option<u32>,
    },
    /// Lines to read: a source opened, or help.
    Text {
        title: String,
        lines: Vec<String>,
        list: Scrollable,
    },
}

/// The flow sheet's state.
pub struct FlowScreen {
    pub flowed: Flowed,
    pub store: RoundStore,
    /// The sheet shown: 0 the first side's case, 1 the second's.
    pub sheet: usize,
    pub selected: Option<u32>,
    /// The first column and the first row of the grid in view.
    pub(crate) left: usize,
    pub(crate) top: usize,
    /// The cell being typed, and what it will be.
    pub(crate) editor: Option<(DraftKind, TextArea<'static>)>,
    pub(crate) overlay: Option<Overlay>,
    /// The argument `y` took, to cross-apply to the next one `y` is pressed on.
    pub(crate) applying: Option<u32>,
    pub message: Option<String>,
    pub width: u16,
    pub height: u16,
    /// Whether the text is drawn transliterated to ASCII, which changes how cells wrap: the
    /// frame's theme says so, and scrolling must measure the same.
    pub(crate) ascii: bool,
    /// The clocks' warnings given (false: near the end, true: time up), each once.
    rung: Vec<(Timer, bool)>,
    /// The laid-out sheet, made again after each change.
    pub(crate) grid: Grid,
}

/// How many cells a list over the flow shows: the screen less its borders and status lines.
fn list_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(6)).max(1)
}

impl FlowScreen {
    /// The round opened, at a screen `width` by `height`; an unfinished cell comes back.
    pub fn new(opened: Opened, width: u16, height: u16) -> Self {
        let Opened {
            flowed,
            store,
            warning,
        } = opened;
        let sheet = flowed.round.opening_sheet(&flowed.motion.format);
        let mut screen = FlowScreen {
            grid: grid(&flowed.round, &flowed.motion.format, sheet),
            flowed,
            store,
            sheet,
            selected: None,
            left: 0,
            top: 0,
            editor: None,
            overlay: None,
            applying: None,
            message: warning,
            width,
            height,
            ascii: false,
            rung: Vec::new(),
        };
        screen.selected = screen.grid.cells.last().map(|c| c.id);
        if let Some(d) = screen.flowed.round.draft.clone() {
            let mut area = TextArea::from([d.text]);
            area.move_cursor(ratatui_textarea::CursorMove::End);
            screen.editor = Some((d.kind, area));
            screen.message =
                Some("Your unfinished cell is back: Enter flows it, Esc leaves it".into());
        }
        if !screen.store.writable {
            screen.message = Some(screen.message.take().map_or_else(
                || "Read-only: this flow is shown, not changed".to_string(),
                |m| format!("{m} (read-only)"),
            ));
        }
        screen.reveal();
        screen
    }

    /// Draws transliterated to ASCII (or not) from now on, and scrolls as that text wraps.
    pub fn set_ascii(&mut self, ascii: bool) {
        self.ascii = ascii;
        self.reveal();
    }

    /// The scopes keys are looked up in, most specific first.
    pub fn scopes(&self) -> Vec<Scope> {
        if self.editor.is_some() {
            vec![Scope::FlowCell]
        } else if self.overlay.is_some() {
            vec![Scope::FlowList]
        } else {
            vec![Scope::Flow]
        }
    }

    fn format(&self) -> &crate::debate::format::Format {
        &self.flowed.motion.format
    }

    /// Lays the sheet out again, keeping the selection on the sheet and in view.
    fn relayout(&mut self) {
        self.grid = grid(&self.flowed.round, &self.flowed.motion.format, self.sheet);
        if self.selected.is_none_or(|id| self.grid.cell(id).is_none()) {
            self.selected = self.grid.cells.last().map(|c| c.id);
        }
        self.reveal();
    }

    /// The columns that fit across the screen.
    pub(crate) fn fitting_columns(&self) -> usize {
        draw::fitting_columns(self.width, self.grid.columns.len())
    }

    /// Scrolls so the selected argument (or, with none, the current speech) is in view.
    fn reveal(&mut self) {
        let fit = self.fitting_columns();
        let col = self
            .selected
            .and_then(|id| self.grid.cell(id))
            .map(|c| c.col)
            .or_else(|| self.grid.column_of(self.flowed.round.speech));
        if let Some(col) = col {
            if col < self.left {
                self.left = col;
            } else if col >= self.left + fit {
                self.left = col + 1 - fit;
            }
        }
        self.left = self.left.min(self.grid.columns.len().saturating_sub(fit));
        if let Some(row) = self
            .selected
            .and_then(|id| self.grid.cell(id))
            .map(|c| c.row)
        {
            if row < self.top {
                self.top = row;
            } else {
                // Rows differ in height: step down until the selected row's last line shows.
                while self.top < row && !draw::row_in_view(self, row) {
                    self.top += 1;
                }
            }
        }
    }

    /// Makes a change through the store (saved as it is made), and selects what it made.
    fn commit(&mut self, op: Op, now: u64) -> bool {
        match self.store.commit(&mut self.flowed, op, now) {
            Ok(done) => {
                if let Done::Arg(id) = done {
                    self.selected = Some(id);
                    if let Some(a) = self.flowed.round.get(id) {
                        self.sheet = a.sheet;
                    }
                }
                self.relayout();
                true
            }
            Err(why) => {
                self.message = Some(why);
                self.relayout();
                false
            }
        }
    }

    /// The side whose speech it is.
    fn speaking_side(&self) -> usize {
        self.format()
            .speeches
            .get(self.flowed.round.speech)
            .map_or(0, |s| s.side)
    }

    /// Begins typing a cell of `kind`, with `text` in it; kept in the file as it is typed.
    fn begin(&mut self, kind: DraftKind, text: &str, now: u64) {
        let draft = Draft {
            kind,
            text: text.to_string(),
        };
        if self.commit(Op::Draft(Some(draft)), now) {
            let mut area = TextArea::from([text.to_string()]);
            area.move_cursor(ratatui_textarea::CursorMove::End);
            self.editor = Some((kind, area));
        }
    }

    /// The text typed so far, on one line.
    fn typed(&self) -> String {
        self.editor
            .as_ref()
            .map(|(_, e)| e.lines().join(" ").trim().to_string())
            .unwrap_or_default()
    }

    /// Ends the cell: flowed (`keep`), or left unwritten.
    fn finish(&mut self, keep: bool, now: u64) {
        let Some((kind, _)) = &self.editor else {
            return;
        };
        let kind = *kind;
        let text = self.typed();
        self.editor = None;
        if !keep {
            self.commit(Op::Draft(None), now);
            self.message = Some("Nothing was flowed".into());
            return;
        }
        let op = match kind {
            DraftKind::Add { sheet } => Op::Add {
                sheet,
                text,
                from: None,
            },
            DraftKind::Answer { to } => Op::Answer {
                to,
                text,
                from: None,
            },
            DraftKind::Extend { of } => Op::Extend { of, text },
            DraftKind::Edit { id } => Op::Edit { id, text },
        };
        if !self.commit(op, now) {
            // Refused (the round moved on meanwhile): the words stay, to flow elsewhere.
            let text = self.typed();
            self.begin(kind, &text, now);
        }
    }

    /// A key while a cell is typed: the cell's text (saved with every key), Enter to flow it,
    /// Esc to leave it.
    fn update_cell(&mut self, action: Action, now: u64) -> Option<i32> {
        match action {
            Action::NoteInput(key) => self.type_key(key, now),
            Action::NoteSave => self.finish(true, now),
            Action::NoteCancel => self.finish(false, now),
            Action::Interrupt => return Some(130),
            _ => {}
        }
        None
    }

    /// A key typed into the cell, which is saved as a draft at once (a `kill -9` loses
    /// nothing).
    fn type_key(&mut self, key: crate::screen::key::Key, now: u64) {
        if let (Some((kind, area)), Some(input)) = (self.editor.as_mut(), key.as_text_input()) {
            if matches!(input.key, ratatui_textarea::Key::Enter) {
                return;
            }
            let typed = match input.key {
                ratatui_textarea::Key::Char(c) if !input.ctrl && !input.alt => Some(c),
                _ => None,
            };
            if typed.is_some_and(|c| !crate::map::sanitize::keeps_typed(c)) {
                return;
            }
            area.input(input);
            let draft = Draft {
                kind: *kind,
                text: area.lines().join(" "),
            };
            if let Err(why) = self
                .store
                .commit(&mut self.flowed, Op::Draft(Some(draft)), now)
            {
                self.message = Some(why);
            }
            self.message = self.store.unsaved.clone();
        }
    }

    /// Does `action` at `now`; `Some(code)` when the flow is left.
    pub fn update(&mut self, action: Action, now: u64) -> Option<i32> {
        if !matches!(action, Action::NoteInput(_)) {
            self.message = self.store.unsaved.clone();
        }
        if self.editor.is_some() {
            return self.update_cell(action, now);
        }
        if self.overlay.is_some() {
            return self.update_overlay(action, now);
        }
        match action {
            Action::Quit => return Some(0),
            Action::Interrupt => return Some(130),
            Action::FlowAdd => {
                if self.store.writable {
                    self.begin(DraftKind::Add { sheet: self.sheet }, "", now);
                } else {
                    self.message = Some("This flow is read-only here".into());
                }
            }
            Action::FlowAnswer | Action::FlowExtend | Action::FlowEdit => {
                self.begin_on_selected(action, now);
            }
            Action::FlowCrossApply => self.cross_apply(now),
            Action::FlowPull => self.open_pull(),
            Action::FlowConcede | Action::FlowTurn => {
                if let Some(id) = self.selected {
                    let mark = if action == Action::FlowConcede {
                        Mark::Conceded
                    } else {
                        Mark::Turned
                    };
                    self.commit(Op::Mark { id, mark }, now);
                }
            }
            Action::FlowRemove => self.remove_selected(now),
            Action::FlowNextSpeech | Action::FlowPrevSpeech => {
                self.change_speech(action == Action::FlowNextSpeech, now);
            }
            Action::FlowSheet => {
                self.sheet = 1 - self.sheet.min(1);
                self.selected = None;
                self.left = 0;
                self.top = 0;
                self.relayout();
            }
            Action::FlowClock => {
                self.commit(Op::Clock(Timer::Speech(0)), now);
            }
            Action::FlowPrep => {
                let side = self.speaking_side();
                self.commit(Op::Clock(Timer::Prep(side)), now);
            }
            Action::FlowDrops => {
                let ids: Vec<u32> = standing::drops(&self.flowed.round, self.format())
                    .iter()
                    .map(|d| d.id)
                    .collect();
                self.overlay = Some(Overlay::Drops {
                    list: Scrollable::default(),
                    ids,
                });
            }
            Action::FlowOpen => self.open_source(),
            Action::Help => {
                self.overlay = Some(Overlay::Text {
                    title: "The flow's keys".into(),
                    lines: help_lines(),
                    list: Scrollable::default(),
                });
            }
            Action::MoveDown | Action::MoveUp | Action::FlowLeft | Action::FlowRight => {
                self.step(action);
            }
            Action::First => {
                self.selected = self.grid.cells.first().map(|c| c.id);
                self.reveal();
            }
            Action::Last => {
                self.selected = self.grid.cells.last().map(|c| c.id);
                self.reveal();
            }
            Action::Resize(w, h) => self.resize(w, h),
            _ => {}
        }
        None
    }

    /// Begins typing an answer to, an extension of, or new words for the selected argument;
    /// what cannot be is said before anything is typed.
    fn begin_on_selected(&mut self, action: Action, now: u64) {
        let Some(id) = self.selected else {
            self.message = Some("No argument selected: a adds one".into());
            return;
        };
        let round = &self.flowed.round;
        let (kind, text) = match action {
            Action::FlowAnswer => (DraftKind::Answer { to: id }, String::new()),
            Action::FlowExtend => (DraftKind::Extend { of: id }, String::new()),
            _ => (
                DraftKind::Edit { id },
                round.get(id).map(|a| a.text.clone()).unwrap_or_default(),
            ),
        };
        // Said before typing, not after: an answer with no speech to go in, an extension in
        // the wrong side's speech.
        match round.place_of(self.format(), kind).map(|_| ()) {
            Ok(()) if self.store.writable => self.begin(kind, &text, now),
            Ok(()) => self.message = Some("This flow is read-only here".into()),
            Err(why) => self.message = Some(why),
        }
    }

    /// The cross-application key: the first press takes the selected argument, the second
    /// applies it to the argument then selected (or, on the same one, leaves it).
    fn cross_apply(&mut self, now: u64) {
        match (self.applying, self.selected) {
            (_, None) => self.message = Some("No argument selected".into()),
            (Some(what), Some(to)) if what == to => {
                self.applying = None;
                self.message = Some("Cross-application left".into());
            }
            (Some(what), Some(to)) => {
                self.applying = None;
                self.commit(Op::CrossApply { what, to }, now);
            }
            (None, Some(what)) => {
                self.applying = Some(what);
                self.message = Some(format!(
                    "Cross-apply #{what}: select the argument it answers and press {} (on #{what} again: leave it)",
                    keymap::key_name(Scope::Flow, Action::FlowCrossApply)
                ));
            }
        }
    }

    /// Removes the selected argument (if nothing answers it), selecting its neighbour.
    fn remove_selected(&mut self, now: u64) {
        let Some(id) = self.selected else {
            return;
        };
        let near = self.neighbour(id);
        if self.commit(Op::Remove { id }, now) {
            self.selected = near;
            self.relayout();
            self.message = Some(format!("Argument {id} removed"));
        }
    }

    /// The next speech (or the one before) begins; the sheet and the columns follow it.
    fn change_speech(&mut self, next: bool, now: u64) {
        let round = &self.flowed.round;
        let to = if next {
            round.next_speech(self.format())
        } else {
            round.previous_speech(self.format())
        };
        let Some(to) = to else {
            self.message = Some("No speech that way".into());
            return;
        };
        if !self.commit(Op::Speech(to), now) {
            return;
        }
        let s = self.format().speeches[to].clone();
        if !s.sheets.contains(&self.sheet)
            && let Some(&sheet) = s.sheets.first()
        {
            self.sheet = sheet;
            self.selected = None;
            self.relayout();
        }
        self.message = Some(format!("{} ({})", s.name, s.short));
        if let Some(col) = self.grid.column_of(to) {
            let fit = self.fitting_columns();
            if col >= self.left + fit {
                self.left = col + 1 - fit;
            }
        }
    }

    /// The source of the selected argument, if it was pulled from the case.
    fn open_source(&mut self) {
        match self.selected.and_then(|id| self.flowed.opened(id)) {
            Some((from, lines)) => {
                self.overlay = Some(Overlay::Text {
                    title: format!("From the case: {from}"),
                    lines,
                    list: Scrollable::default(),
                });
            }
            None => {
                self.message = Some(format!(
                    "It was not pulled from the case ({} pulls)",
                    keymap::key_name(Scope::Flow, Action::FlowPull)
                ));
            }
        }
    }

    /// Follows the terminal's new size.
    pub fn resize(&mut self, w: u16, h: u16) {
        self.width = w;
        self.height = h;
        self.reveal();
    }

    /// The argument to select once `id` is gone: the one above it in its column, or any.
    fn neighbour(&self, id: u32) -> Option<u32> {
        let at = self.grid.cell(id)?;
        self.grid
            .cells
            .iter()
            .filter(|c| c.id != id)
            .min_by_key(|c| (c.col.abs_diff(at.col), c.row.abs_diff(at.row)))
            .map(|c| c.id)
    }

    /// Moves the selection within its column, or to the nearest argument of the column beside.
    fn step(&mut self, action: Action) {
        let Some(at) = self.selected.and_then(|id| self.grid.cell(id)).copied() else {
            self.selected = self.grid.cells.first().map(|c| c.id);
            self.reveal();
            return;
        };
        let cells = &self.grid.cells;
        let next = match action {
            Action::MoveDown => cells
                .iter()
                .filter(|c| c.col == at.col && c.row > at.row)
                .min_by_key(|c| c.row),
            Action::MoveUp => cells
                .iter()
                .filter(|c| c.col == at.col && c.row < at.row)
                .max_by_key(|c| c.row),
            Action::FlowLeft => cells
                .iter()
                .filter(|c| c.col < at.col)
                .min_by_key(|c| (at.col - c.col, c.row.abs_diff(at.row), c.row)),
            _ => cells
                .iter()
                .filter(|c| c.col > at.col)
                .min_by_key(|c| (c.col - at.col, c.row.abs_diff(at.row), c.row)),
        };
        if let Some(c) = next {
            self.selected = Some(c.id);
            self.reveal();
        }
    }

    /// Opens the list of what the speaking side can pull: as an answer to the selected
    /// argument when it is the other side's (its prepared blocks first), else as a new one.
    fn open_pull(&mut self) {
        let side = self.speaking_side();
        let motion = &self.flowed.motion;
        let round = &self.flowed.round;
        let to = self.selected.and_then(|id| round.get(id)).filter(|a| {
            self.format().speeches.get(a.speech).map(|s| s.side) != Some(side)
                && round.answer_speech(self.format(), a).is_some()
        });
        let mut items: Vec<(String, String)> = Vec::new();
        if let Some(from) = to.and_then(|a| a.from.as_deref()) {
            for s in motion.blocks_against(side, from) {
                let key = match s {
                    crate::debate::motion::Source::Drawn { map, id, .. } => format!("{map}#{id}"),
                    own => motion
                        .claims
                        .iter()
                        .find(|c| &c.source == own)
                        .map(|c| c.id.clone())
                        .unwrap_or_default(),
                };
                if !key.is_empty() {
                    items.push((key, format!("Block: {}", s.said("¶"))));
                }
            }
        }
        for (key, s) in motion.pullable(side) {
            if !items.iter().any(|(k, _)| *k == key) {
                items.push((key.clone(), format!("{key}: {}", s.said("¶"))));
            }
        }
        if items.is_empty() {
            self.message = Some(format!(
                "The {}'s case has nothing to pull",
                motion.sides[side]
            ));
            return;
        }
        self.overlay = Some(Overlay::Pull {
            list: Scrollable::default(),
            items,
            to: to.map(|a| a.id),
        });
    }

    fn update_overlay(&mut self, action: Action, now: u64) -> Option<i32> {
        let rows = list_rows(self.height);
        let overlay = self.overlay.as_mut()?;
        let (list, len) = match overlay {
            Overlay::Drops { list, ids } => (list, ids.len()),
            Overlay::Pull { list, items, .. } => (list, items.len()),
            Overlay::Text { list, lines, .. } => (list, lines.len()),
        };
        let step = match action {
            Action::OverlayDown => Some(Action::MoveDown),
            Action::OverlayUp => Some(Action::MoveUp),
            Action::OverlayPageDown => Some(Action::PageDown),
            Action::OverlayPageUp => Some(Action::PageUp),
            _ => None,
        };
        if let Some(step) = step {
            list.step(step, len, rows);
            return None;
        }
        match action {
            Action::Interrupt => return Some(130),
            Action::OverlayClose => self.overlay = None,
            Action::OverlayChoose => {
                let chosen = list.selected;
                match self.overlay.take() {
                    Some(Overlay::Drops { ids, .. }) => {
                        if let Some(&id) = ids.get(chosen) {
                            if let Some(a) = self.flowed.round.get(id) {
                                self.sheet = a.sheet;
                            }
                            self.selected = Some(id);
                            self.relayout();
                        }
                    }
                    Some(Overlay::Pull { items, to, .. }) => {
                        if let Some((from, _)) = items.get(chosen) {
                            match Op::pull(&self.flowed.motion, from, to, self.sheet) {
                                Ok(op) => {
                                    self.commit(op, now);
                                }
                                Err(why) => self.message = Some(why),
                            }
                        }
                    }
                    other => self.overlay = other,
                }
            }
            Action::Resize(w, h) => self.resize(w, h),
            _ => {}
        }
        None
    }

    /// The file changed under the session (another session, a presenter): read it again.
    pub fn reread(&mut self) {
        match self.store.reread(&mut self.flowed) {
            Some(Ok(())) => self.relayout(),
            Some(Err(why)) => self.message = Some(why),
            None => {}
        }
    }

    /// Goes where the room's presenter is: their sheet and argument; said when they left.
    pub fn follow(&mut self, at: Option<&crate::team::room::Position>) {
        let Some(at) = at else {
            self.message = Some("No one presents in this room yet".into());
            return;
        };
        if at.left {
            self.message = Some(format!("{} stopped presenting", at.presenter));
            return;
        }
        if at.fingerprint.as_deref() != Some(crate::session::FLOW_MARK) {
            self.message = Some(format!("{} presents {}, not a flow", at.presenter, at.map));
            return;
        }
        self.sheet = at.paragraph.clamp(1, 2) - 1;
        self.selected = at.node.trim_start_matches('#').parse().ok();
        self.relayout();
        self.message = Some(format!("Following {}", at.presenter));
    }

    /// The clock running, as it reads at `now`.
    pub fn running(&self, now: u64) -> Option<Reading> {
        let (timer, _) = self.flowed.round.clock.running?;
        Some(self.flowed.round.clock.reading(self.format(), timer, now))
    }

    /// Whether the bell rings now: once as a running clock nears its end, once as it runs out.
    /// The warning is said in the message too, for a terminal without a bell.
    pub fn ring(&mut self, now: u64) -> bool {
        let Some(r) = self.running(now) else {
            return false;
        };
        let stage = if r.left_ms <= 0 {
            Some(true)
        } else if r.warning() {
            Some(false)
        } else {
            None
        };
        let Some(over) = stage else {
            return false;
        };
        if self.rung.contains(&(r.timer, over)) {
            return false;
        }
        // A clock opened past its warning rings once, for where it is.
        self.rung.push((r.timer, false));
        self.rung.push((r.timer, over));
        self.message = Some(words::clock(self.format(), &self.flowed.motion.sides, &r));
        true
    }
}

/// What a presenter last gave the room: the round's copy and the position, each written
/// again only when it changed.
#[derive(Default)]
pub struct Mirror {
    text: String,
    position: Option<crate::team::room::Position>,
}

impl Mirror {
    /// Copies the round into the room (its motion named by its full path, so the copy reads
    /// from the room's folder) and publishes where the presenter is, if either changed.
    pub fn publish(
        &mut self,
        screen: &FlowScreen,
        room: &crate::team::room::Room,
        presenter: &str,
    ) {
        let mut round = screen.flowed.round.clone();
        round.motion = screen.flowed.motion_path.display().to_string();
        // The cell being typed is the presenter's own until it is flowed.
        round.draft = None;
        let text = crate::debate::round_file::write(&round, &screen.flowed.motion.format);
        if text != self.text
            && crate::study::store::write_atomically(&room.flow_path(), text.as_bytes()).is_ok()
        {
            self.text = text;
        }
        let position = crate::session::flow_position(
            presenter,
            &screen.flowed.round.name,
            screen.selected,
            screen.sheet,
        );
        if self.position.as_ref() != Some(&position) && room.publish(&position).is_ok() {
            self.position = Some(position);
        }
    }
}

/// The flow's help: every key of its scopes, from the key table, with what it does.
pub fn help_lines() -> Vec<String> {
    [Scope::Flow, Scope::FlowCell, Scope::FlowList]
        .iter()
        .flat_map(|&s| {
            std::iter::once(format!("{}:", s.title())).chain(
                keymap::in_scope(s)
                    .map(|b| format!("  {:<14} {}", keymap::key_names(b), b.description)),
            )
        })
        .collect()
}

/// The flow sheet drawn into a buffer of the screen's size: what the terminal would show, for
/// tests and benchmarks.
pub fn render_buffer(
    screen: &FlowScreen,
    theme: &crate::screen::theme::Theme,
    now: u64,
) -> ratatui::buffer::Buffer {
    let backend = ratatui::backend::TestBackend::new(screen.width, screen.height);
    let mut terminal = ratatui::Terminal::new(backend).expect("the test backend cannot fail");
    let _ = terminal.draw(|frame| render(frame, screen, theme, now));
    terminal.backend().buffer().clone()
}
