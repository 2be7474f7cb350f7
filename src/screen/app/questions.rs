//! The reader's answers to the critical questions of a step's scheme: `Q` lists them, and each
//! is marked answered by the article (at the paragraph marked in the source pane), open, or
//! failing; kept in the reader's layer with the same guarantees as notes.

use crate::map::model::NodeIx;
use crate::screen::event::Effect;
use crate::study::Field;
use crate::study::layer::{Answer, Verdict, question_key};

use super::{App, Overlay};

impl App {
    /// The node whose step the selection's critical questions belong to: the one that names
    /// the scheme (the selection, or a member of its linked group).
    pub(crate) fn question_owner(&self, ix: NodeIx) -> Option<NodeIx> {
        let n = &self.map.nodes[ix];
        std::iter::once(ix)
            .chain(n.linked.iter().copied())
            .find(|&m| self.map.nodes[m].scheme.is_some())
    }

    /// Opens the critical questions of the selected node's step, or says why there are none.
    pub(super) fn open_questions(&mut self) {
        if self.map.scheme_of(self.tree.selected).is_some() {
            self.overlay = Overlay::Questions { selected: 0 };
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
        let Overlay::Questions { selected } = self.overlay else {
            return Vec::new();
        };
        let Some(owner) = self.question_owner(self.tree.selected) else {
            return Vec::new();
        };
        let Some(scheme) = self.map.scheme_of(owner) else {
            return Vec::new();
        };
        let Some(question) = scheme.questions.get(selected) else {
            return Vec::new();
        };
        let key = question_key(&self.map.nodes[owner].id, question.key);
        let paragraph = self.source.cursor;
        let Some(study) = self.study_or_say() else {
            return Vec::new();
        };
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
        match answer {
            Some(a) => study.layer.questions.insert(key.clone(), a),
            None => study.layer.questions.remove(&key),
        };
        study.changed(key, Field::Question);
        vec![study.save()]
    }
}
