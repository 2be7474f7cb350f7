//! The reader's layer in a session: marks, notes, judgements and the side, changed by keys and
//! saved after each change through [`Effect::SaveLayer`] (the driver writes the file).

use ratatui_textarea::TextArea;

use super::{App, Overlay};
use crate::screen::event::Effect;
use crate::screen::key::Key;
use crate::screen::keymap::{self, Action};
use crate::study::drill::{self, DrillCard};
use crate::study::{Changes, Field, Judgement, Layer, Side};

/// The layer as the session holds it, and what changed since it was last saved.
#[derive(Debug, Clone, Default)]
pub struct Study {
    pub layer: Layer,
    /// What changed since the last save, node by node and field by field.
    changes: Changes,
    /// The note being written, while the note editor is open, and the id of its node (kept by
    /// id: a reload may move the selection, never the note).
    pub(crate) editor: Option<(String, TextArea<'static>)>,
    /// The drill under way.
    pub drill: Option<DrillRun>,
    /// How many cards are due, as of `due_at`: counted again after a grade or a reload, and
    /// when a minute has passed, not on every frame (the count walks the whole map).
    pub due: usize,
    due_at: Option<chrono::DateTime<chrono::Utc>>,
    /// How many of the map's nodes are marked understood, for the status line: counted again
    /// after a mark changes or the map or layer is replaced, not on every frame (the count
    /// looks up every node the layer holds: a millisecond a frame on a 10,000-node map).
    pub understood: usize,
    understood_stale: bool,
}

/// A drill under way: the cards due when it began, and where the reader is.
#[derive(Debug, Clone, Default)]
pub struct DrillRun {
    pub queue: Vec<DrillCard>,
    pub at: usize,
    pub revealed: bool,
    /// How far the card is scrolled, when its answer is taller than the screen.
    pub scroll: usize,
}

impl Study {
    pub fn new(layer: Layer) -> Self {
        Self {
            layer,
            ..Self::default()
        }
    }

    /// Whether anything is waiting to be saved (visits are saved with the next change or on
    /// the way out, not one file write per step).
    pub fn unsaved(&self) -> bool {
        !self.changes.is_empty()
    }

    /// The effect that saves what changed, and forgets it was pending.
    pub(crate) fn save(&mut self) -> Effect {
        Effect::SaveLayer {
            layer: self.layer.clone(),
            changes: std::mem::take(&mut self.changes),
        }
    }

    /// Saving failed: what it held is pending again, for the next save.
    pub(crate) fn unsaved_again(&mut self, changes: Changes) {
        self.changes.absorb(changes);
    }

    /// What was not saved, for the terminal once the screen is restored: every pending note
    /// whole (the reader's own words are the one thing that cannot be redone), the rest
    /// counted.
    pub(crate) fn unsaved_report(&self, why: &str) -> String {
        let mut out = format!("argwalk: your marks and notes could not be saved: {why}\n");
        let mut others = 0;
        for (id, field) in &self.changes.fields {
            if *field == Field::Note {
                let note = self.layer.node(id).map_or("", |s| s.note.as_str());
                out.push_str(&format!("Your note on {id}, not saved:\n{note}\n"));
            } else {
                others += 1;
            }
        }
        if others > 0 || self.changes.side {
            let n = others + usize::from(self.changes.side);
            out.push_str(&format!(
                "{n} other change(s) (marks, verdicts, visits, side, drills) were not saved.\n"
            ));
        }
        out
    }

    /// Records that the reader's position changed (saved on the way out).
    pub(crate) fn moved(&mut self) {
        self.changes.position = true;
    }

    /// Records a change of `field` on node (or card) `id`.
    pub(super) fn changed(&mut self, id: String, field: Field) {
        if field == Field::Understood {
            self.understood_stale = true;
        }
        self.changes.fields.insert((id, field));
    }
}

/// The most a note holds, in characters: some pages of text. A paste beyond it is cut there,
/// with a word, rather than growing without bound (each character is an edit and a frame).
pub const NOTE_MAX_CHARS: usize = 20_000;

impl App {
    pub(super) fn study_or_say(&mut self) -> Option<&mut Study> {
        if self.study.is_none() {
            self.message =
                Some("Marks and notes are off: argwalk has no folder to keep them in".into());
        }
        self.study.as_mut()
    }

    /// Notes the selected node as visited; saved with the next change.
    pub(super) fn visit(&mut self) {
        let id = self.map.nodes[self.tree.selected].id.clone();
        if let Some(study) = self.study.as_mut() {
            let state = study.layer.node_mut(&id);
            if !state.visited {
                state.visited = true;
                study.changed(id, Field::Visited);
            }
        }
    }

    pub(super) fn mark_understood(&mut self) -> Vec<Effect> {
        let id = self.map.nodes[self.tree.selected].id.clone();
        let map = std::sync::Arc::clone(&self.map);
        let Some(study) = self.study_or_say() else {
            return Vec::new();
        };
        let state = study.layer.node_mut(&id);
        state.understood = !state.understood;
        let now = state.understood;
        study.changed(id.clone(), Field::Understood);
        let effect = study.save();
        let (done, total) = study.layer.progress(&map);
        self.message = Some(if now {
            format!(
                "{id} understood ({done}/{total}); {} goes to the next one not yet",
                keymap::key_for(Action::NextNotUnderstood)
            )
        } else {
            format!("{id} no longer marked understood ({done}/{total})")
        });
        vec![effect]
    }

    pub(super) fn judge(&mut self) -> Vec<Effect> {
        let node = &self.map.nodes[self.tree.selected];
        let (id, kind) = (node.id.clone(), node.kind);
        let Some(study) = self.study_or_say() else {
            return Vec::new();
        };
        let state = study.layer.node_mut(&id);
        state.judgement = Judgement::next(state.judgement);
        let now = state.judgement;
        study.changed(id.clone(), Field::Judgement);
        let effect = study.save();
        self.message = Some(match now {
            Some(j) => format!(
                "Your verdict on {id}: {} ({} again to change)",
                j.word(kind),
                keymap::key_for(Action::Judge)
            ),
            None => format!("No verdict on {id}"),
        });
        vec![effect]
    }

    pub(super) fn choose_side(&mut self) -> Vec<Effect> {
        let Some(study) = self.study_or_say() else {
            return Vec::new();
        };
        study.layer.side = Side::next(study.layer.side);
        study.changes.side = true;
        let now = study.layer.side;
        let effect = study.save();
        self.message = Some(match now {
            Some(Side::For) => format!(
                "You argue for the thesis ({} again: against)",
                keymap::key_for(Action::ChooseSide)
            ),
            Some(Side::Against) => format!(
                "You argue against the thesis ({} again: no side)",
                keymap::key_for(Action::ChooseSide)
            ),
            None => "No side chosen".into(),
        });
        vec![effect]
    }

    /// The next node in the walk, after the selection and round to the start, not yet
    /// understood.
    pub(super) fn next_not_understood(&mut self) {
        let Some(study) = &self.study else {
            self.message = Some("Marks are off: argwalk has no folder to keep them in".into());
            return;
        };
        match study
            .layer
            .next_not_understood(&self.map, self.tree.selected)
        {
            Some(ix) => self.select(ix),
            None => self.message = Some("Every node is marked understood".into()),
        }
    }

    pub(super) fn open_note(&mut self) {
        let id = self.map.nodes[self.tree.selected].id.clone();
        let Some(study) = self.study_or_say() else {
            return;
        };
        let note = study
            .layer
            .node(&id)
            .map(|s| s.note.clone())
            .unwrap_or_default();
        // The note as this session knew it when the reader began: a save finds whether another
        // session changed it meanwhile. An earlier, unsaved edit keeps its older base.
        study
            .changes
            .note_bases
            .entry(id.clone())
            .or_insert_with(|| note.clone());
        let mut editor = TextArea::new(note.lines().map(str::to_string).collect());
        // Long lines wrap at words (a word wider than the window at its characters), so the
        // whole note shows; no sideways scrolling.
        editor.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        editor.set_cursor_line_style(ratatui::style::Style::new());
        editor.set_cursor_style(
            ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::REVERSED),
        );
        editor.move_cursor(ratatui_textarea::CursorMove::Bottom);
        editor.move_cursor(ratatui_textarea::CursorMove::End);
        study.editor = Some((id, editor));
        self.overlay = Overlay::Note;
    }

    pub(super) fn note_input(&mut self, key: Key) {
        let Some((_, editor)) = self.study.as_mut().and_then(|s| s.editor.as_mut()) else {
            return;
        };
        let Some(input) = key.as_text_input() else {
            return;
        };
        // Ctrl-Z undoes, as in most editors (the text area's own undo is Ctrl-U, kept too);
        // Ctrl-R redoes.
        if matches!(input.key, ratatui_textarea::Key::Char('z')) && input.ctrl && !input.alt {
            editor.undo();
            return;
        }
        let typed = match input.key {
            ratatui_textarea::Key::Char(c) if !input.ctrl && !input.alt => Some(c),
            ratatui_textarea::Key::Enter => Some('\n'),
            ratatui_textarea::Key::Tab => Some('\t'),
            _ => None,
        };
        if let Some(c) = typed {
            // What is typed is kept as everything else is shown: no control, bidi or
            // invisible character reaches the file or an export.
            if !crate::map::sanitize::keeps_typed(c) {
                return;
            }
            // Characters, line breaks included; counted only when the bytes (never fewer
            // than the characters) could reach the cap, so a key costs no walk of the note.
            let lines = editor.lines();
            let breaks = lines.len().saturating_sub(1);
            let bytes: usize = lines.iter().map(String::len).sum::<usize>() + breaks;
            let full = bytes >= NOTE_MAX_CHARS
                && lines.iter().map(|l| l.chars().count()).sum::<usize>() + breaks
                    >= NOTE_MAX_CHARS;
            if full {
                self.message = Some(format!(
                    "A note holds at most {NOTE_MAX_CHARS} characters: this one is full"
                ));
                return;
            }
        }
        editor.input(input);
    }

    /// Closes the note editor; with `keep`, what was typed is saved (an empty note is removed).
    pub(super) fn close_note(&mut self, keep: bool) -> Vec<Effect> {
        self.overlay = Overlay::None;
        let Some(study) = self.study.as_mut() else {
            return Vec::new();
        };
        let Some((id, editor)) = study.editor.take() else {
            return Vec::new();
        };
        if !keep {
            self.message = Some("The note was left as it was".into());
            return Vec::new();
        }
        let text = crate::map::sanitize::clean_note(editor.lines().join("\n").trim_end());
        let text = if self.settings.theme.ascii {
            deunicode::deunicode(&text)
        } else {
            text
        };
        let state = study.layer.node_mut(&id);
        if state.note == text {
            return Vec::new();
        }
        state.note = text;
        study.changed(id.clone(), Field::Note);
        let effect = study.save();
        self.message = Some(format!("Note on {id} saved"));
        vec![effect]
    }

    /// Counts the due cards again if the count is stale.
    pub(super) fn refresh_due(&mut self, force: bool) {
        let now = self.now;
        let map = std::sync::Arc::clone(&self.map);
        if let Some(study) = self.study.as_mut() {
            let stale = study
                .due_at
                .is_none_or(|t| now.signed_duration_since(t).num_seconds() >= 60);
            if force || stale {
                study.due = drill::due(&map, &study.layer, now).len();
                study.due_at = Some(now);
            }
            if force || study.understood_stale {
                study.understood = study.layer.progress(&map).0;
                study.understood_stale = false;
            }
        }
    }

    /// The cards due now, one by one.
    pub(super) fn start_drill(&mut self) {
        let now = self.now;
        let map = std::sync::Arc::clone(&self.map);
        let Some(study) = self.study_or_say() else {
            return;
        };
        let queue = drill::due(&map, &study.layer, now);
        if queue.is_empty() {
            let next = drill::next_due(&map, &study.layer).map_or_else(String::new, |t| {
                format!("; the next one is due {}", drill::in_words(now, t))
            });
            self.message = Some(format!("No card is due{next}"));
            return;
        }
        study.drill = Some(DrillRun {
            queue,
            at: 0,
            revealed: false,
            scroll: 0,
        });
        self.overlay = Overlay::Drill;
    }

    pub(super) fn reveal(&mut self) {
        if let Some(run) = self.study.as_mut().and_then(|s| s.drill.as_mut()) {
            run.revealed = true;
        }
    }

    /// The reader's grade of the card shown: FSRS schedules it, the layer is saved, and the
    /// next card comes.
    pub(super) fn grade(&mut self, grade: u8) -> Vec<Effect> {
        let now = self.now;
        let Some(rating) = drill::rating(grade) else {
            return Vec::new();
        };
        let Some(study) = self.study.as_mut() else {
            return Vec::new();
        };
        let Some(run) = study.drill.as_mut() else {
            return Vec::new();
        };
        if !run.revealed {
            self.message = Some(format!(
                "First recall the answer, then {} shows it",
                keymap::key_name(crate::screen::keymap::Scope::Drill, Action::DrillReveal)
            ));
            return Vec::new();
        }
        let Some(card) = run.queue.get(run.at).cloned() else {
            return Vec::new();
        };
        let due = drill::grade(&mut study.layer, &card.key, rating, now);
        run.at += 1;
        run.revealed = false;
        run.scroll = 0;
        let left = run.queue.len() - run.at;
        study.changed(card.key.clone(), Field::Drill);
        let effect = study.save();
        study.due = study.due.saturating_sub(1);
        self.message = Some(format!(
            "Next time {}; {left} more due now",
            drill::in_words(now, due)
        ));
        if left == 0 {
            study.drill = None;
            self.overlay = Overlay::None;
            self.message = Some(format!(
                "Drill done: no card left due (this one comes back {})",
                drill::in_words(now, due)
            ));
        }
        vec![effect]
    }
}
