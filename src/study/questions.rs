//! A step's critical questions as the reader works through them: each question, what in the
//! map answers it, and the reader's own answer, in the words both faces use; and the one way
//! an answer is recorded.

use crate::map::model::{ArgumentMap, NodeIx};

use super::layer::{Answer, Layer, Verdict, question_key};

/// One critical question of a step, as the reader sees it.
pub struct Asked {
    pub text: &'static str,
    /// Its key in the reader's layer.
    pub key: String,
    /// The nodes of the map that answer it.
    pub by: Vec<NodeIx>,
    /// The reader's answer, if they gave one.
    pub yours: Option<Answer>,
}

/// The critical questions of the step of `owner` (the node that names the scheme, see
/// [`ArgumentMap::question_owner`]), with the reader's answers from `layer`.
pub fn of_step(map: &ArgumentMap, owner: NodeIx, layer: Option<&Layer>) -> Vec<Asked> {
    map.critical_questions(owner)
        .into_iter()
        .map(|(q, by)| {
            let key = question_key(&map.nodes[owner].id, q.key);
            Asked {
                text: q.text,
                yours: layer.and_then(|l| l.questions.get(&key)).copied(),
                key,
                by,
            }
        })
        .collect()
}

impl Asked {
    /// "Is the source an expert? (the map: P3; you: answered at ¶4)": the question, what the
    /// map and the reader say of it. `¶` is the glyph the face draws (the line mode says it).
    pub fn said(&self, map: &ArgumentMap, pilcrow: &str) -> String {
        let map_says = if self.by.is_empty() {
            "the map: nothing answers it".to_string()
        } else {
            let ids: Vec<&str> = self.by.iter().map(|&b| map.nodes[b].id.as_str()).collect();
            format!("the map: {}", ids.join(", "))
        };
        let yours = match self.yours {
            Some(Answer {
                verdict: Verdict::Answered,
                paragraph,
            }) => format!("you: answered at {pilcrow}{}", paragraph.unwrap_or(0)),
            Some(Answer {
                verdict: Verdict::Open,
                ..
            }) => "you: open".to_string(),
            Some(Answer {
                verdict: Verdict::Fails,
                ..
            }) => "you: fails".to_string(),
            None => "you: not answered yet".to_string(),
        };
        format!("{} ({map_says}; {yours})", self.text)
    }
}

/// Records the reader's `answer` (or clears it, with `None`) to question `k` (0-based) of the
/// step of `owner`; the key changed (a [`super::Field::Question`] to save). `None` when there
/// is no such question.
pub fn answer(
    map: &ArgumentMap,
    owner: NodeIx,
    k: usize,
    answer: Option<Answer>,
    layer: &mut Layer,
) -> Option<String> {
    let scheme = map.scheme_of(owner)?;
    let question = scheme.questions.get(k)?;
    let key = question_key(&map.nodes[owner].id, question.key);
    match answer {
        Some(a) => layer.questions.insert(key.clone(), a),
        None => layer.questions.remove(&key),
    };
    Some(key)
}
