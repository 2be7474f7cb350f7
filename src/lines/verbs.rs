//! The line mode's verbs, from the reader's own command table: each verb is an action of the
//! key table (its long name in a face's verb table, its one-key form the key the reader binds
//! to that action now), so a rebound key changes both faces and the help names no key the
//! reader lacks.

use crate::screen::keymap::{self, Action};

/// A verb: the action it does in the full screen, its long name, other words for it, what it
/// does (with its arguments), for the help, and `run`, what runs it (each face's own kind of
/// handler).
pub(super) struct Verb<R: 'static> {
    pub(super) action: Option<Action>,
    pub(super) name: &'static str,
    pub(super) words: &'static [&'static str],
    pub(super) args: &'static str,
    pub(super) does: &'static str,
    pub(super) run: R,
}

/// A table of verbs: the verbs, the scope whose keys are their one-key forms (`None`: the
/// reader's, wherever bound), and the help's first line. The map's line mode
/// (`map_verbs.rs`) and the line flow (`flow.rs`) each have one, beside their handlers; both
/// find and list their verbs the same way.
pub(super) struct Table<R: 'static> {
    pub(super) verbs: &'static [Verb<R>],
    pub(super) scope: Option<keymap::Scope>,
    pub(super) intro: &'static str,
}

impl<R> Table<R> {
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
