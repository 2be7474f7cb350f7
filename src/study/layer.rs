//! The reader's own layer over a map: what they visited, marked as understood, noted and
//! judged, and the side they argue. Keyed by node id, so it survives edits of the map; a note
//! whose node is gone is kept, as an orphan, never dropped.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::map::model::{ArgumentMap, Kind};

/// The reader's judgement of a claim, on a debater's three-step scale. For a thesis, premise
/// or evidence it reads holds / doubtful / fails; for a counterpoint (an objection or a
/// rebuttal), strong / answerable / weak: how much it hurts what it attacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Judgement {
    /// The claim holds; the counterpoint is strong.
    Holds,
    /// Doubtful; answerable.
    Doubtful,
    /// The claim fails; the counterpoint is weak.
    Fails,
}

impl Judgement {
    /// The next judgement in the cycle a key steps through (the last one clears it).
    pub fn next(current: Option<Judgement>) -> Option<Judgement> {
        match current {
            None => Some(Judgement::Holds),
            Some(Judgement::Holds) => Some(Judgement::Doubtful),
            Some(Judgement::Doubtful) => Some(Judgement::Fails),
            Some(Judgement::Fails) => None,
        }
    }

    /// A verdict named in words, for a node of `kind`: `Ok(None)` for no word (the caller
    /// cycles), `Ok(Some(None))` to clear it; else the words that would do, to say. Either
    /// set of words is taken on any node (holds is strong, doubtful answerable, fails weak).
    pub fn parse(word: &str, kind: Kind) -> Result<Option<Option<Judgement>>, String> {
        Ok(Some(match word.trim().to_ascii_lowercase().as_str() {
            "" => return Ok(None),
            "holds" | "strong" | "hold" => Some(Judgement::Holds),
            "doubtful" | "answerable" => Some(Judgement::Doubtful),
            "fails" | "weak" | "fail" => Some(Judgement::Fails),
            "none" | "clear" => None,
            _ => {
                let [a, b, c] =
                    [Judgement::Holds, Judgement::Doubtful, Judgement::Fails].map(|j| j.word(kind));
                return Err(format!(
                    "verdict {a}, verdict {b}, verdict {c} or verdict none"
                ));
            }
        }))
    }

    /// The word for a node of `kind`.
    pub fn word(self, kind: Kind) -> &'static str {
        match (kind, self) {
            (Kind::Counterpoint, Judgement::Holds) => "strong",
            (Kind::Counterpoint, Judgement::Doubtful) => "answerable",
            (Kind::Counterpoint, Judgement::Fails) => "weak",
            (_, Judgement::Holds) => "holds",
            (_, Judgement::Doubtful) => "doubtful",
            (_, Judgement::Fails) => "fails",
        }
    }
}

/// The side of the thesis the reader argues, in a debate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    For,
    Against,
}

impl Side {
    /// The next side in the cycle a key steps through: for, against, none.
    pub fn next(current: Option<Side>) -> Option<Side> {
        match current {
            None => Some(Side::For),
            Some(Side::For) => Some(Side::Against),
            Some(Side::Against) => None,
        }
    }
}

/// One thing the reader can change about a node: saves merge field by field, so two sessions
/// that touch the same node (one visits it, the other writes its note) lose nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Visited,
    Understood,
    Judgement,
    Note,
    /// A drill card's schedule, keyed by the card (not the node).
    Drill,
    /// The reader's answer to a critical question, keyed by [`question_key`].
    Question,
}

/// What one session changed since it last saved: the fields, node by node, the side, and
/// each changed note as it was when the session began writing it, so a note another session
/// wrote meanwhile is seen and kept, never replaced unseen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub fields: std::collections::BTreeSet<(String, Field)>,
    pub side: bool,
    /// Where the reader is (saved on the way out).
    pub position: bool,
    pub note_bases: BTreeMap<String, String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && !self.side && !self.position
    }

    /// Adds what `other` changed (a save that failed, pending again); the older base of a note
    /// is the one that stays.
    pub fn absorb(&mut self, other: Changes) {
        self.fields.extend(other.fields);
        self.side |= other.side;
        self.position |= other.position;
        for (id, base) in other.note_bases {
            self.note_bases.insert(id, base);
        }
    }
}

/// What the reader has of one node.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeState {
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub visited: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub understood: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judgement: Option<Judgement>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl NodeState {
    fn is_empty(&self) -> bool {
        *self == NodeState::default()
    }
}

/// The whole layer of one reader over one map: the file's contents.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Layer {
    /// The map's title, to tell the files apart by eye.
    #[serde(default)]
    pub title: String,
    /// Where the map was (its absolute path) when this layer was last saved: how a layer is
    /// found again when the map's identity changes, and what is said when the map moved.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub map: String,
    /// The node the reader was on when they last left: the next session starts there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
    /// By node id.
    #[serde(default)]
    pub nodes: BTreeMap<String, NodeState>,
    /// Drill cards' schedules (FSRS), by card.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub drills: BTreeMap<String, rs_fsrs::Card>,
    /// The reader's answers to critical questions, by `NODE:question` (the node that names the
    /// step's scheme, and the question's key).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub questions: BTreeMap<String, Answer>,
    /// Drill cards the file holds that could not be read at all (a count past what FSRS
    /// stores, a field of the wrong type), by card and why: taken out on reading, so one bad
    /// card never sets the whole file aside; [`Layer::repair`] says them.
    #[serde(skip)]
    pub unreadable: Vec<String>,
}

/// What the reader makes of one critical question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The article answers it (at `paragraph`).
    Answered,
    /// It stays open: nothing answers it.
    Open,
    /// It is answered against the step: the step fails.
    Fails,
}

/// The reader's answer to one critical question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub verdict: Verdict,
    /// Where the article answers it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
}

/// The key of a critical question's answer in the layer.
pub fn question_key(node: &str, question: &str) -> String {
    format!("{node}:{question}")
}

impl Layer {
    pub fn node(&self, id: &str) -> Option<&NodeState> {
        self.nodes.get(id)
    }

    /// The state of node `id`, created empty when it has none.
    pub fn node_mut(&mut self, id: &str) -> &mut NodeState {
        self.nodes.entry(id.to_string()).or_default()
    }

    /// Ids with something kept whose node is not in `map`: notes and marks of nodes the author
    /// removed or renamed, kept rather than lost.
    pub fn orphans(&self, map: &ArgumentMap) -> Vec<&str> {
        let ids: std::collections::HashSet<&str> =
            map.nodes.iter().map(|n| n.id.as_str()).collect();
        self.nodes
            .iter()
            .filter(|(id, s)| !s.is_empty() && !ids.contains(id.as_str()))
            .map(|(id, _)| id.as_str())
            .collect()
    }

    /// How many of the map's nodes the reader marked understood, of how many.
    pub fn progress(&self, map: &ArgumentMap) -> (usize, usize) {
        // The layer's own entries, each looked up in the map's index: a layer holds what the
        // reader touched, usually far fewer than the map's nodes.
        let done = self
            .nodes
            .iter()
            .filter(|(id, s)| s.understood && map.find(id).is_some())
            .count();
        (done, map.nodes.len())
    }

    /// The file's text: TOML a person can read, with a comment saying what it is.
    pub fn to_text(&self) -> String {
        let body = toml::to_string(self).unwrap_or_default();
        format!(
            "# argwalk: a reader's notes, marks and judgements on one map, by node id.\n# Edit with care; argwalk rewrites this file after each change.\n{body}"
        )
    }

    /// The next node after `from` in the walk (around to the start) that the reader has not
    /// marked understood; `None` when every node is. One rule for both faces.
    pub fn next_not_understood(
        &self,
        map: &ArgumentMap,
        from: crate::map::model::NodeIx,
    ) -> Option<crate::map::model::NodeIx> {
        let walk = &map.walk;
        let at = map.nodes[from].step;
        (1..=walk.len())
            .map(|k| walk[(at + k) % walk.len()])
            .find(|&ix| !self.node(&map.nodes[ix].id).is_some_and(|s| s.understood))
    }

    /// Parses a layer file.
    ///
    /// A drill card that cannot be read is taken out alone (and said by [`Layer::repair`]):
    /// the rest of the file, notes first, is read as it is.
    pub fn from_text(text: &str) -> Result<Layer, String> {
        let mut table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut unreadable = Vec::new();
        if let Some(toml::Value::Table(drills)) = table.get_mut("drills") {
            drills.retain(|key, card| match card.clone().try_into::<rs_fsrs::Card>() {
                Ok(_) => true,
                Err(e) => {
                    let why = e.to_string();
                    let why = why.lines().next().unwrap_or("unreadable").trim();
                    unreadable.push(format!(
                        "drill card {}: {why}; it starts again as new",
                        crate::map::sanitize::clean(key)
                    ));
                    false
                }
            });
        }
        let mut layer: Layer = toml::Value::Table(table)
            .try_into()
            .map_err(|e: toml::de::Error| e.to_string())?;
        layer.unreadable = unreadable;
        Ok(layer)
    }

    /// Takes out what no argwalk wrote and the scheduler cannot take (a drill card with
    /// `reps = 2147483647` overflows it): each such card starts again as new. Notes are made
    /// safe to print (no control, bidi or invisible character). Returns what was wrong, card
    /// by card, to say.
    pub fn repair(&mut self) -> Vec<String> {
        let mut wrong = std::mem::take(&mut self.unreadable);
        self.drills.retain(|key, card| match card_problem(card) {
            Some(why) => {
                wrong.push(format!("drill card {key}: {why}"));
                false
            }
            None => true,
        });
        for state in self.nodes.values_mut() {
            let clean = crate::map::sanitize::clean_note(&state.note);
            if clean != state.note {
                state.note = clean;
            }
        }
        wrong
    }

    /// This session's changes (`ours`, to what `changes` names) laid over what another
    /// session saved meanwhile (`self`, read from the file): no one's note is lost when two
    /// sessions read one map. Visits only add up. A note both sessions changed from the same
    /// text keeps both, the other's first; the ids of such notes are returned.
    pub fn merged(&self, ours: &Layer, changes: &Changes) -> (Layer, Vec<String>) {
        let mut out = self.clone();
        let mut both = Vec::new();
        out.title.clone_from(&ours.title);
        if !ours.map.is_empty() {
            out.map.clone_from(&ours.map);
        }
        if changes.position {
            out.at.clone_from(&ours.at);
        }
        if changes.side {
            out.side = ours.side;
        }
        for (id, field) in &changes.fields {
            if *field == Field::Question {
                match ours.questions.get(id) {
                    Some(a) => out.questions.insert(id.clone(), *a),
                    None => out.questions.remove(id),
                };
                continue;
            }
            if *field == Field::Drill {
                if let Some(card) = ours.drills.get(id) {
                    out.drills.insert(id.clone(), card.clone());
                }
                continue;
            }
            let mine = ours.nodes.get(id).cloned().unwrap_or_default();
            let theirs = out.node_mut(id);
            match field {
                Field::Visited => theirs.visited |= mine.visited,
                Field::Understood => theirs.understood = mine.understood,
                Field::Judgement => theirs.judgement = mine.judgement,
                Field::Note => {
                    let base = changes.note_bases.get(id).map_or("", String::as_str);
                    if theirs.note == base || theirs.note == mine.note {
                        theirs.note = mine.note;
                    } else {
                        // Written meanwhile in another session: neither replaces the other.
                        both.push(id.clone());
                        if !mine.note.is_empty() {
                            theirs.note = format!("{}\n\n{}", theirs.note, mine.note);
                        }
                    }
                }
                Field::Drill | Field::Question => {}
            }
        }
        // A note this session holds whose node the file lacks altogether was not cleared by
        // anyone (a cleared note leaves the node's other marks, or this session saw it go):
        // the file was cut short or replaced under us. The reader's words are kept.
        for (id, mine) in &ours.nodes {
            if !mine.note.is_empty() && !self.nodes.contains_key(id) {
                let kept = out.node_mut(id);
                if kept.note.is_empty() {
                    kept.note.clone_from(&mine.note);
                }
            }
        }
        out.nodes.retain(|_, s| !s.is_empty());
        (out, both)
    }
}

/// The most reviews or lapses a card can have had: one a minute for a century is far less.
pub const MAX_REVIEWS: i32 = 1_000_000;
/// The longest interval the scheduler works with, in days: a thousand years.
const MAX_DAYS: i64 = 365_000;

/// What is out of range in a card, if anything.
fn card_problem(card: &rs_fsrs::Card) -> Option<String> {
    let range = |name: &str, v: i64, max: i64| {
        (!(0..=max).contains(&v)).then(|| format!("{name} = {v} is outside 0..={max}"))
    };
    range("reps", card.reps.into(), MAX_REVIEWS.into())
        .or_else(|| range("lapses", card.lapses.into(), MAX_REVIEWS.into()))
        .or_else(|| range("elapsed_days", card.elapsed_days, MAX_DAYS))
        .or_else(|| range("scheduled_days", card.scheduled_days, MAX_DAYS))
        .or_else(|| {
            (!(card.stability.is_finite() && (0.0..=MAX_DAYS as f64).contains(&card.stability)))
                .then(|| format!("stability = {} is outside 0..={MAX_DAYS}", card.stability))
        })
        .or_else(|| {
            (!(card.difficulty.is_finite() && (0.0..=10.0).contains(&card.difficulty)))
                .then(|| format!("difficulty = {} is outside 0..=10", card.difficulty))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_its_text() {
        let mut l = Layer {
            title: "T".into(),
            side: Some(Side::Against),
            ..Layer::default()
        };
        l.node_mut("P1").note = "Line one\nline \"two\"".into();
        l.node_mut("P1").judgement = Some(Judgement::Doubtful);
        l.node_mut("E1").understood = true;
        let text = l.to_text();
        assert!(
            text.contains("[nodes.P1]") && text.contains("judgement = \"doubtful\""),
            "{text}"
        );
        assert_eq!(Layer::from_text(&text).unwrap(), l);
    }

    #[test]
    fn a_visit_does_not_overwrite_a_note_on_the_same_node() {
        let mut disk = Layer::default();
        disk.node_mut("O1").note = "theirs".into();
        let mut ours = Layer::default();
        ours.node_mut("O1").visited = true;
        let changes = Changes {
            fields: [("O1".to_string(), Field::Visited)].into(),
            ..Changes::default()
        };
        let (m, _) = disk.merged(&ours, &changes);
        assert_eq!(m.node("O1").unwrap().note, "theirs");
        assert!(m.node("O1").unwrap().visited);
    }

    #[test]
    fn a_merge_keeps_both_sessions_notes() {
        let mut disk = Layer::default();
        disk.node_mut("P1").note = "theirs".into();
        disk.node_mut("P2").note = "theirs too".into();
        let mut ours = Layer::default();
        ours.node_mut("P2").note = "ours".into();
        ours.node_mut("P3").understood = true;
        let changes = Changes {
            fields: [
                ("P2".to_string(), Field::Note),
                ("P3".to_string(), Field::Understood),
            ]
            .into(),
            note_bases: [("P2".to_string(), "theirs too".to_string())].into(),
            ..Changes::default()
        };
        let (m, both) = disk.merged(&ours, &changes);
        assert!(both.is_empty());
        assert_eq!(m.node("P1").unwrap().note, "theirs");
        assert_eq!(m.node("P2").unwrap().note, "ours");
        assert!(m.node("P3").unwrap().understood);
    }

    #[test]
    fn a_note_written_meanwhile_elsewhere_is_kept_beside_ours() {
        let mut disk = Layer::default();
        disk.node_mut("P1").note = "theirs, new".into();
        let mut ours = Layer::default();
        ours.node_mut("P1").note = "ours, new".into();
        let changes = Changes {
            fields: [("P1".to_string(), Field::Note)].into(),
            note_bases: [("P1".to_string(), "old".to_string())].into(),
            ..Changes::default()
        };
        let (m, both) = disk.merged(&ours, &changes);
        assert_eq!(m.node("P1").unwrap().note, "theirs, new\n\nours, new");
        assert_eq!(both, vec!["P1".to_string()]);
        // Ours emptied, theirs rewritten: theirs stays.
        ours.node_mut("P1").note.clear();
        let (m, both) = disk.merged(&ours, &changes);
        assert_eq!(m.node("P1").unwrap().note, "theirs, new");
        assert_eq!(both.len(), 1);
    }

    #[test]
    fn a_card_out_of_range_starts_again_and_is_named() {
        let text = "[drills.\"P1:evidence\"]\ndue = \"2026-01-01T00:00:00Z\"\nstability = 1.0\ndifficulty = 5.0\nelapsed_days = 0\nscheduled_days = 0\nreps = 2147483647\nlapses = 0\nstate = \"Review\"\nlast_review = \"2026-01-01T00:00:00Z\"\n";
        let mut l = Layer::from_text(text).unwrap();
        let wrong = l.repair();
        assert_eq!(
            wrong,
            ["drill card P1:evidence: reps = 2147483647 is outside 0..=1000000"]
        );
        assert!(l.drills.is_empty());
        // And the card graded afresh does not overflow.
        let now = chrono::Utc::now();
        let due = crate::study::drill::grade(&mut l, "P1:evidence", rs_fsrs::Rating::Good, now);
        assert!(due >= now);
    }

    /// Issue 24.6: a card whose counts overflow what FSRS stores (2^32 reviews) is taken out
    /// alone, said, and the rest of the file (the notes) is read.
    #[test]
    fn a_card_past_what_fsrs_stores_is_repaired_alone() {
        let text = "[nodes.P1]\nnote = \"keep me\"\n\n[drills.\"P1:evidence\"]\ndue = \"2026-01-01T00:00:00Z\"\nstability = 1.0\ndifficulty = 5.0\nelapsed_days = 0\nscheduled_days = 0\nreps = 4294967296\nlapses = 4294967297\nstate = \"Review\"\nlast_review = \"2026-01-01T00:00:00Z\"\n";
        let mut l = Layer::from_text(text).unwrap();
        assert_eq!(l.node("P1").unwrap().note, "keep me");
        assert!(l.drills.is_empty());
        let wrong = l.repair();
        assert_eq!(wrong.len(), 1, "{wrong:?}");
        assert!(wrong[0].starts_with("drill card P1:evidence:"), "{wrong:?}");
        assert!(wrong[0].ends_with("it starts again as new"), "{wrong:?}");
    }
}
