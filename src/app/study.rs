//! The reader's layer in a session: marks, notes, judgements and the side, changed by keys and
//! saved after each change through [`Effect::SaveLayer`] (the driver writes the file).

use std::collections::BTreeSet;

use ratatui_textarea::TextArea;

use super::{App, Overlay};
use crate::event::Effect;
use crate::key::{Key, KeyCode, Mods};
use crate::keymap::{self, Action};
use crate::study::drill::{self, DrillCard};
use crate::study::{Field, Judgement, Layer, Side};

/// The layer as the session holds it, and what changed since it was last saved.
#[derive(Debug, Clone, Default)]
pub struct Study {
    pub layer: Layer,
    /// What changed since the last save, node by node and field by field.
    changed: BTreeSet<(String, Field)>,
    side_changed: bool,
    /// The note being written, while the note editor is open.
    pub(crate) editor: Option<TextArea<'static>>,
    /// The drill under way.
    pub drill: Option<DrillRun>,
    /// How many cards are due, as of `due_at`: counted again after a grade or a reload, and
    /// when a minute has passed, not on every frame (the count walks the whole map).
    pub due: usize,
    due_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// A drill under way: the cards due when it began, and where the reader is.
#[derive(Debug, Clone, Default)]
pub struct DrillRun {
    pub queue: Vec<DrillCard>,
    pub at: usize,
    pub revealed: bool,
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
        !self.changed.is_empty() || self.side_changed
    }

    /// The effect that saves what changed, and forgets it was pending.
    pub(crate) fn save(&mut self) -> Effect {
        Effect::SaveLayer {
            layer: self.layer.clone(),
            changed: std::mem::take(&mut self.changed),
            side_changed: std::mem::take(&mut self.side_changed),
        }
    }

    /// Saving failed: what it held is pending again, for the next save.
    pub(crate) fn unsaved_again(&mut self, changed: BTreeSet<(String, Field)>, side_changed: bool) {
        self.changed.extend(changed);
        self.side_changed |= side_changed;
    }
}

/// Our key as the text area's input.
fn textarea_input(key: Key) -> Option<ratatui_textarea::Input> {
    use ratatui_textarea::Key as T;
    let k = match key.code {
        KeyCode::Char(c) => T::Char(c),
        KeyCode::Enter => T::Enter,
        KeyCode::Backspace => T::Backspace,
        KeyCode::Delete => T::Delete,
        KeyCode::Tab => T::Tab,
        KeyCode::Left => T::Left,
        KeyCode::Right => T::Right,
        KeyCode::Up => T::Up,
        KeyCode::Down => T::Down,
        KeyCode::Home => T::Home,
        KeyCode::End => T::End,
        KeyCode::PageUp => T::PageUp,
        KeyCode::PageDown => T::PageDown,
        KeyCode::F(n) => T::F(n),
        KeyCode::Esc | KeyCode::BackTab => return None,
    };
    Some(ratatui_textarea::Input {
        key: k,
        ctrl: key.mods.contains(Mods::CONTROL),
        alt: key.mods.contains(Mods::ALT),
        shift: key.mods.contains(Mods::SHIFT),
    })
}

impl App {
    fn study_or_say(&mut self) -> Option<&mut Study> {
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
                study.changed.insert((id, Field::Visited));
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
        study.changed.insert((id.clone(), Field::Understood));
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
        study.changed.insert((id.clone(), Field::Judgement));
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
        study.layer.side = match study.layer.side {
            None => Some(Side::For),
            Some(Side::For) => Some(Side::Against),
            Some(Side::Against) => None,
        };
        study.side_changed = true;
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
        let walk = &self.map.walk;
        let at = self.map.nodes[self.tree.selected].step;
        let next = (1..=walk.len())
            .map(|k| walk[(at + k) % walk.len()])
            .find(|&ix| {
                !study
                    .layer
                    .node(&self.map.nodes[ix].id)
                    .is_some_and(|s| s.understood)
            });
        match next {
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
        let mut editor = TextArea::new(note.lines().map(str::to_string).collect());
        editor.move_cursor(ratatui_textarea::CursorMove::Bottom);
        editor.move_cursor(ratatui_textarea::CursorMove::End);
        study.editor = Some(editor);
        self.overlay = Overlay::Note;
    }

    pub(super) fn note_input(&mut self, key: Key) {
        if let (Some(study), Some(input)) = (self.study.as_mut(), textarea_input(key))
            && let Some(editor) = study.editor.as_mut()
        {
            editor.input(input);
        }
    }

    pub(super) fn close_note(&mut self, keep: bool) -> Vec<Effect> {
        self.overlay = Overlay::None;
        let id = self.map.nodes[self.tree.selected].id.clone();
        let Some(study) = self.study.as_mut() else {
            return Vec::new();
        };
        let Some(editor) = study.editor.take() else {
            return Vec::new();
        };
        if !keep {
            self.message = Some("The note was left as it was".into());
            return Vec::new();
        }
        let text = editor.lines().join("\n").trim_end().to_string();
        let state = study.layer.node_mut(&id);
        if state.note == text {
            return Vec::new();
        }
        state.note = text;
        study.changed.insert((id.clone(), Field::Note));
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
            self.message = Some("First recall the answer, then Space shows it".into());
            return Vec::new();
        }
        let Some(card) = run.queue.get(run.at).cloned() else {
            return Vec::new();
        };
        let due = drill::grade(&mut study.layer, &card.key, rating, now);
        study.changed.insert((card.key.clone(), Field::Drill));
        run.at += 1;
        run.revealed = false;
        let left = run.queue.len() - run.at;
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
