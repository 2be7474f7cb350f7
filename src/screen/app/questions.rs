//! The reader's answers to the critical questions of a step's scheme: `Q` lists them, and each
//! is marked answered by the article (at the paragraph marked in the source pane), open, or
//! failing; kept in the reader's layer with the same guarantees as notes.

use crate::screen::event::Effect;
use crate::study::Field;
use crate::study::layer::{Answer, Verdict};

use super::{App, Overlay};

impl App {
    /// Opens the critical questions of the selected node's step, or says why there are none.
    pub(super) fn open_questions(&mut self) {
        if self.map.scheme_of(self.tree.selected).is_some() {
            self.overlay = Overlay::Questions {
                list: crate::screen::scrollable::Scrollable::default(),
            };
        } else {
            self.message = Some(format!(
                "{}'s step names no scheme: its critical questions come with `scheme = \"…\"` in the map",
                self.map.nodes[self.tree.selected].id
            ));
        }
    }

    /// The reader's answer to the question selected: 0 answered (at the paragraph marked),
    /// 1 open, 2 fails, 3 none.
    pub(super) fn answer_question(&mut self, verdict: u8) -> Vec<Effect> {
        let Overlay::Questions { list } = self.overlay else {
            return Vec::new();
        };
        let Some(owner) = self.map.question_owner(self.tree.selected) else {
            return Vec::new();
        };
        let paragraph = self.source.cursor;
        let answer = match verdict {
            0 => Some(Answer {
                verdict: Verdict::Answered,
                paragraph: Some(paragraph),
            }),
            1 => Some(Answer {
                verdict: Verdict::Open,
                paragraph: None,
            }),
            2 => Some(Answer {
                verdict: Verdict::Fails,
                paragraph: None,
            }),
            _ => None,
        };
        // The map is shared (an `Arc`): held here while the layer is borrowed.
        let map = std::sync::Arc::clone(&self.map);
        let Some(study) = self.study_or_say() else {
            return Vec::new();
        };
        let Some(key) =
            crate::study::questions::answer(&map, owner, list.selected, answer, &mut study.layer)
        else {
            return Vec::new();
        };
        study.changed(key, Field::Question);
        vec![study.save()]
    }
}
