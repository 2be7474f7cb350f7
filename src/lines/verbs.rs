//! The line mode's verbs, from the reader's own command table: each verb is an action of the
//! key table (its long name here, its one-key form the key the reader binds to that action
//! now), so a rebound key changes both faces and the help names no key the reader lacks.

use crate::screen::keymap::{self, Action};

/// A verb: the action it does in the full screen, its long name, other words for it, and what
/// it does (with its arguments), for the help.
pub(super) struct Verb {
    pub(super) action: Option<Action>,
    pub(super) name: &'static str,
    pub(super) words: &'static [&'static str],
    pub(super) args: &'static str,
    pub(super) does: &'static str,
}

/// Every verb of a map, in the order the help lists them.
#[rustfmt::skip]
pub(super) const VERBS: &[Verb] = &[
    Verb { action: Some(Action::WalkNext), name: "next", words: &[], args: "", does: "step forward through the argument in reading order" },
    Verb { action: Some(Action::WalkPrev), name: "previous", words: &["prev", "back"], args: "", does: "step back" },
    Verb { action: Some(Action::FoldOrParent), name: "up", words: &["parent"], args: "", does: "the node this one supports or attacks" },
    Verb { action: Some(Action::UnfoldOrChild), name: "children", words: &[], args: "", does: "the nodes that support or attack this one" },
    Verb { action: Some(Action::First), name: "first", words: &["thesis"], args: "", does: "the thesis (with an id: go to that node)" },
    Verb { action: Some(Action::Last), name: "last", words: &[], args: "", does: "the last step" },
    Verb { action: None, name: "go", words: &[], args: " ID", does: "go to a node by its id, as P2" },
    Verb { action: Some(Action::ShowNode), name: "this", words: &["t"], args: "", does: "say the current node again, in full" },
    Verb { action: Some(Action::ToggleCounterpoints), name: "counterpoints", words: &[], args: "", does: "every objection and rebuttal, in reading order" },
    Verb { action: None, name: "paragraph", words: &["para", "¶"], args: " N", does: "the text of paragraph N" },
    Verb { action: None, name: "who", words: &[], args: " N", does: "the nodes that cite paragraph N" },
    Verb { action: Some(Action::StartSearch), name: "search", words: &["find"], args: " WORDS", does: "nodes and paragraphs with all these words, in any order (\"a phrase\" in quotes)" },
    Verb { action: Some(Action::EditNote), name: "note", words: &[], args: " [TEXT]", does: "read your note on this node, or write it" },
    Verb { action: Some(Action::MarkUnderstood), name: "mark", words: &[], args: "", does: "mark this node understood, or not" },
    Verb { action: Some(Action::NextNotUnderstood), name: "next-not-understood", words: &[], args: "", does: "the next node you have not marked understood" },
    Verb { action: Some(Action::Judge), name: "verdict", words: &[], args: " [WORD]", does: "your verdict: holds, doubtful, fails (a counterpoint: strong, answerable, weak), none; alone, the next" },
    Verb { action: Some(Action::ChooseSide), name: "side", words: &[], args: " [for|against|none]", does: "the side you argue; alone, the next" },
    Verb { action: Some(Action::WeakSpots), name: "weak", words: &[], args: "", does: "the weak spots, most serious first, each to defend or attack" },
    Verb { action: Some(Action::Frontlines), name: "frontlines", words: &["front"], args: "", does: "each objection and its answer, in your side's voice" },
    Verb { action: Some(Action::PrepSheet), name: "sheet", words: &["prep"], args: "", does: "the whole prep sheet, in plain sentences, with your notes" },
    Verb { action: Some(Action::Drill), name: "drill", words: &[], args: "", does: "recall the argument, card by card, over days" },
    Verb { action: Some(Action::Questions), name: "answer", words: &["questions"], args: " [N WORD [P]]", does: "the critical questions of this step, and your answer to question N: answered P, open, fails, none" },
    Verb { action: Some(Action::Differences), name: "differences", words: &["diff"], args: " [N]", does: "against a reference: the scores and each difference; N goes to its node" },
    Verb { action: Some(Action::FollowAgain), name: "follow", words: &[], args: "", does: "with --follow: go where the presenter is (on another map, open it)" },
    Verb { action: Some(Action::Help), name: "help", words: &[], args: "", does: "this list" },
    Verb { action: Some(Action::Quit), name: "quit", words: &["exit"], args: "", does: "leave" },
];

/// A table of verbs: the verbs, the scope whose keys are their one-key forms (`None`: the
/// reader's, wherever bound), and the help's first line. The map's line mode and the line
/// flow each have one; both find and list their verbs the same way.
pub(super) struct Table {
    pub(super) verbs: &'static [Verb],
    pub(super) scope: Option<keymap::Scope>,
    pub(super) intro: &'static str,
}

/// The map's verbs.
pub(super) const MAP: Table = Table {
    verbs: VERBS,
    scope: None,
    intro: "Commands (in brackets: the key that does the same in the reader, and here):",
};

impl Table {
    /// The key bound to `action` now, as the help shows it: none for keys that do not type a
    /// single character (a line is made of characters).
    fn key_of(&self, action: Action) -> Option<String> {
        let name = match self.scope {
            None => keymap::key_for(action),
            Some(scope) => keymap::key_in(&[scope], action)?.name(),
        };
        (name.chars().count() == 1).then_some(name)
    }

    /// The long name of the verb typed as `word`: the word itself, another word for it, or
    /// the key bound to its action now. `None` when no verb is so named.
    pub(super) fn named(&self, word: &str) -> Option<&'static str> {
        let lower = word.to_lowercase();
        self.verbs
            .iter()
            .find(|v| v.name == lower || v.words.contains(&lower.as_str()))
            .or_else(|| {
                self.verbs.iter().find(|v| {
                    v.action
                        .and_then(|a| self.key_of(a))
                        .is_some_and(|key| key == word)
                })
            })
            .map(|v| v.name)
    }

    /// The help's list of verbs, each with its key in brackets when it has one.
    pub(super) fn help(&self) -> String {
        let mut out = format!("{}\n", self.intro);
        for v in self.verbs {
            let mut head = format!("{}{}", v.name, v.args);
            if let Some(key) = v.action.and_then(|a| self.key_of(a)) {
                head.push_str(&format!(" ({key})"));
            }
            out.push_str(&format!("  {head:<28} {}\n", v.does));
        }
        out
    }
}

/// The map verb typed as `word` ([`Table::named`]).
pub(super) fn named(word: &str) -> Option<&'static str> {
    MAP.named(word)
}

/// The map's help ([`Table::help`]).
pub(super) fn help() -> String {
    MAP.help()
}
