//! The map's verbs in the line mode: each on one line of the table (its long name, other
//! words, the action whose key is its one-key form, its arguments, what it does, and the
//! handler that runs it), the handlers beside it.

use crate::map::model::NodeIx;
use crate::screen::keymap::Action;
use crate::study::Field;

use super::reading::Reading;
use super::verbs::{Table, Verb};

/// A handler: the map being read, the words after the verb, and what is said back.
type Run = fn(&mut Reading, &str, &mut String);

/// Every verb of a map, in the order the help lists them. A verb without a handler is the
/// session's own (help, quit, follow), which it runs before a map is asked.
#[rustfmt::skip]
const VERBS: &[Verb<Option<Run>>] = &[
    Verb { action: Some(Action::WalkNext), name: "next", words: &[], args: "", does: "step forward through the argument in reading order", run: Some(Reading::next) },
    Verb { action: Some(Action::WalkPrev), name: "previous", words: &["prev", "back"], args: "", does: "step back", run: Some(Reading::previous) },
    Verb { action: Some(Action::FoldOrParent), name: "up", words: &["parent"], args: "", does: "the node this one supports or attacks", run: Some(Reading::up) },
    Verb { action: Some(Action::UnfoldOrChild), name: "children", words: &[], args: "", does: "the nodes that support or attack this one", run: Some(Reading::children) },
    Verb { action: Some(Action::First), name: "first", words: &["thesis"], args: "", does: "the thesis (with an id: go to that node)", run: Some(Reading::first) },
    Verb { action: Some(Action::Last), name: "last", words: &[], args: "", does: "the last step", run: Some(Reading::last) },
    Verb { action: None, name: "go", words: &[], args: " ID", does: "go to a node by its id, as P2", run: Some(Reading::go) },
    Verb { action: Some(Action::ShowNode), name: "this", words: &["t"], args: "", does: "say the current node again, in full", run: Some(Reading::this) },
    Verb { action: Some(Action::ToggleCounterpoints), name: "counterpoints", words: &[], args: "", does: "every objection and rebuttal, in reading order", run: Some(Reading::counterpoints) },
    Verb { action: None, name: "paragraph", words: &["para", "¶"], args: " N", does: "the text of paragraph N", run: Some(Reading::say_paragraph) },
    Verb { action: None, name: "who", words: &[], args: " N", does: "the nodes that cite paragraph N", run: Some(Reading::who) },
    Verb { action: Some(Action::StartSearch), name: "search", words: &["find"], args: " WORDS", does: "nodes and paragraphs with all these words, in any order (\"a phrase\" in quotes)", run: Some(Reading::search) },
    Verb { action: Some(Action::EditNote), name: "note", words: &[], args: " [TEXT]", does: "read your note on this node, or write it", run: Some(Reading::note) },
    Verb { action: Some(Action::MarkUnderstood), name: "mark", words: &[], args: "", does: "mark this node understood, or not", run: Some(Reading::mark) },
    Verb { action: Some(Action::NextNotUnderstood), name: "next-not-understood", words: &[], args: "", does: "the next node you have not marked understood", run: Some(Reading::next_not_understood) },
    Verb { action: Some(Action::Judge), name: "verdict", words: &[], args: " [WORD]", does: "your verdict: holds, doubtful, fails (a counterpoint: strong, answerable, weak), none; alone, the next", run: Some(Reading::verdict) },
    Verb { action: Some(Action::ChooseSide), name: "side", words: &[], args: " [for|against|none]", does: "the side you argue; alone, the next", run: Some(Reading::side) },
    Verb { action: Some(Action::WeakSpots), name: "weak", words: &[], args: "", does: "the weak spots, most serious first, each to defend or attack", run: Some(Reading::weak) },
    Verb { action: Some(Action::Frontlines), name: "frontlines", words: &["front"], args: "", does: "each objection and its answer, in your side's voice", run: Some(Reading::frontlines) },
    Verb { action: Some(Action::PrepSheet), name: "sheet", words: &["prep"], args: "", does: "the whole prep sheet, in plain sentences, with your notes", run: Some(Reading::sheet) },
    Verb { action: Some(Action::Drill), name: "drill", words: &[], args: "", does: "recall the argument, card by card, over days", run: Some(|r, _, out| r.start_drill(out)) },
    Verb { action: Some(Action::Questions), name: "answer", words: &["questions"], args: " [N WORD [P]]", does: "the critical questions of this step, and your answer to question N: answered P, open, fails, none", run: Some(Reading::answer) },
    Verb { action: Some(Action::Differences), name: "differences", words: &["diff"], args: " [N]", does: "against a reference: the scores and each difference; N goes to its node", run: Some(Reading::differences) },
    Verb { action: Some(Action::FollowAgain), name: "follow", words: &[], args: "", does: "with --follow: go where the presenter is (on another map, open it)", run: None },
    Verb { action: Some(Action::Help), name: "help", words: &[], args: "", does: "this list", run: None },
    Verb { action: Some(Action::Quit), name: "quit", words: &["exit"], args: "", does: "leave", run: None },
];

/// The map's verbs, with the reader's keys (wherever bound) as their one-key forms.
pub(super) const MAP: Table<Option<Run>> = Table {
    verbs: VERBS,
    scope: None,
    intro: "Commands (in brackets: the key that does the same in the reader, and here):",
};

impl Reading {
    /// Carries out one command on this map, `verb` by its long name, by the handler its line
    /// names; `false` when it is no command of a map (the caller says so).
    pub(super) fn command(&mut self, verb: &str, rest: &str, out: &mut String) -> bool {
        match MAP
            .verbs
            .iter()
            .find(|v| v.name == verb)
            .and_then(|v| v.run)
        {
            Some(run) => {
                run(self, rest, out);
                true
            }
            None => false,
        }
    }

    /// Goes to `ix` and says it.
    fn visit(&mut self, ix: NodeIx, out: &mut String) {
        self.at = ix;
        self.node(out);
    }

    /// Says each node of `nodes` on a line: its role, id and headline.
    fn list(&self, nodes: impl IntoIterator<Item = NodeIx>, out: &mut String) {
        for ix in nodes {
            let n = &self.map.nodes[ix];
            out.push_str(&format!("  {} {}: {}\n", n.role.name(), n.id, n.headline()));
        }
    }

    /// The number of a paragraph typed after a verb (`4`, or `¶4`).
    fn paragraph_number(rest: &str) -> Option<usize> {
        rest.trim_start_matches('¶').parse::<usize>().ok()
    }

    fn this(&mut self, _: &str, out: &mut String) {
        self.node(out);
    }

    fn first(&mut self, rest: &str, out: &mut String) {
        if rest.is_empty() {
            self.visit(self.map.thesis, out);
        } else {
            self.go(rest, out);
        }
    }

    fn last(&mut self, rest: &str, out: &mut String) {
        if rest.is_empty() {
            self.visit(
                self.map.walk.last().copied().unwrap_or(self.map.thesis),
                out,
            );
        } else {
            self.go(rest, out);
        }
    }

    fn go(&mut self, rest: &str, out: &mut String) {
        let m = &self.map;
        match m
            .find(rest)
            .or_else(|| m.nodes.iter().position(|n| n.id.eq_ignore_ascii_case(rest)))
        {
            Some(ix) => self.visit(ix, out),
            None => out.push_str(&format!(
                "No node has the id {rest:?}; ids are like T, P1, E2a.\n"
            )),
        }
    }

    fn counterpoints(&mut self, _: &str, out: &mut String) {
        let m = &self.map;
        let counter: Vec<NodeIx> = m
            .walk
            .iter()
            .copied()
            .filter(|&ix| m.nodes[ix].role.attacks())
            .collect();
        if counter.is_empty() {
            out.push_str("The map has no counterpoints.\n");
        }
        self.list(counter, out);
    }

    fn next_not_understood(&mut self, _: &str, out: &mut String) {
        match &self.layer {
            // As the full screen: without a layer there are no marks to go by.
            None => out.push_str("Marks are off: there is no folder to keep them in.\n"),
            Some((_, layer)) => match layer.next_not_understood(&self.map, self.at) {
                Some(ix) => self.visit(ix, out),
                None => out.push_str("Every node is marked understood.\n"),
            },
        }
    }

    fn next(&mut self, _: &str, out: &mut String) {
        match self.map.walk.get(self.map.nodes[self.at].step + 1) {
            Some(&ix) => self.visit(ix, out),
            None => out.push_str("That was the last step; p goes back.\n"),
        }
    }

    fn previous(&mut self, _: &str, out: &mut String) {
        match self.map.nodes[self.at].step.checked_sub(1) {
            Some(i) => self.visit(self.map.walk[i], out),
            None => out.push_str("This is the first step, the thesis; n goes on.\n"),
        }
    }

    fn up(&mut self, _: &str, out: &mut String) {
        match self.map.nodes[self.at].parent {
            Some(p) => self.visit(p, out),
            None => out.push_str("The thesis is the top.\n"),
        }
    }

    fn children(&mut self, _: &str, out: &mut String) {
        let (support, attack) = self.map.supporters_and_attackers(self.at);
        if support.is_empty() && attack.is_empty() {
            out.push_str("Nothing supports or attacks it.\n");
        }
        self.list(support.into_iter().chain(attack), out);
    }

    fn say_paragraph(&mut self, rest: &str, out: &mut String) {
        let m = &self.map;
        match Self::paragraph_number(rest).and_then(|k| m.source.paragraphs.get(k.wrapping_sub(1)))
        {
            Some(p) => {
                let outside = if p.outside {
                    " (outside the argument)"
                } else {
                    ""
                };
                out.push_str(&format!("Paragraph {}{outside}: {}\n", p.number, p.text));
            }
            None => out.push_str(&format!(
                "Say which paragraph, from 1 to {}: para 4\n",
                m.source.paragraphs.len()
            )),
        }
    }

    fn who(&mut self, rest: &str, out: &mut String) {
        let count = self.map.source.paragraphs.len();
        match Self::paragraph_number(rest) {
            Some(k) if (1..=count).contains(&k) => {
                let citers = self.map.citers(k);
                if citers.is_empty() {
                    out.push_str(&format!("No node cites paragraph {k}.\n"));
                }
                self.list(citers.iter().copied(), out);
            }
            _ => out.push_str(&format!("Say which paragraph, from 1 to {count}: who 4\n")),
        }
    }

    fn search(&mut self, rest: &str, out: &mut String) {
        if rest.is_empty() {
            out.push_str("Say what to find: search militias\n");
            return;
        }
        let m = &self.map;
        let cs = crate::map::search::is_case_sensitive(rest);
        // Words in any order; a phrase in quotes as written.
        let words: Vec<&str> = match rest.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
            Some(phrase) if !phrase.is_empty() => vec![phrase],
            _ => rest.split_whitespace().collect(),
        };
        let has = |texts: &[&str]| {
            words.iter().all(|w| {
                texts
                    .iter()
                    .any(|t| !crate::map::search::find_all(t, w, cs).is_empty())
            })
        };
        let nodes: Vec<NodeIx> = m
            .walk
            .iter()
            .copied()
            .filter(|&ix| has(&m.nodes[ix].searched().collect::<Vec<_>>()))
            .collect();
        let mut found = nodes.len();
        self.list(nodes, out);
        for p in &m.source.paragraphs {
            if has(&[p.text.as_str()]) {
                found += 1;
                out.push_str(&format!("  Paragraph {}\n", p.number));
            }
        }
        out.push_str(&format!("{found} found. go ID or para N to read one.\n"));
    }

    fn note(&mut self, rest: &str, out: &mut String) {
        let id = self.map.nodes[self.at].id.clone();
        if rest.is_empty() {
            let note = self
                .layer
                .as_ref()
                .and_then(|(_, l)| l.node(&id))
                .map(|s| s.note.clone())
                .unwrap_or_default();
            if note.is_empty() {
                out.push_str("No note on this node; note TEXT writes one.\n");
            } else {
                out.push_str(&format!("Your note on {id}: {note}\n"));
            }
            return;
        }
        let ascii = self.ascii;
        let Some((_, layer)) = &mut self.layer else {
            out.push_str("Notes are off: there is no folder to keep them in.\n");
            return;
        };
        let text = crate::map::sanitize::clean_note(rest);
        let text = if ascii {
            deunicode::deunicode(&text)
        } else {
            text
        };
        let base = std::mem::replace(&mut layer.node_mut(&id).note, text);
        let (why, warning) = self.save_note(&id, base);
        out.push_str(if why.is_empty() {
            "Note saved.\n"
        } else {
            &why
        });
        if let Some(w) = warning {
            out.push_str(&format!("{w}\n"));
        }
    }

    fn mark(&mut self, _: &str, out: &mut String) {
        let id = self.map.nodes[self.at].id.clone();
        let Some((_, layer)) = &mut self.layer else {
            out.push_str("Marks are off: there is no folder to keep them in.\n");
            return;
        };
        let s = layer.node_mut(&id);
        s.understood = !s.understood;
        let now = s.understood;
        let why = self.save(&id, Field::Understood);
        out.push_str(match (why.is_empty(), now) {
            (false, _) => &why,
            (true, true) => "Marked understood.\n",
            (true, false) => "No longer marked understood.\n",
        });
    }

    fn verdict(&mut self, rest: &str, out: &mut String) {
        let n = &self.map.nodes[self.at];
        let (id, kind) = (n.id.clone(), n.kind);
        // A word names the verdict; without one, verdicts cycle as the key does.
        let wanted = match crate::study::Judgement::parse(rest, kind) {
            Ok(w) => w,
            Err(words) => {
                out.push_str(&format!("Say {words}; or verdict alone to cycle.\n"));
                return;
            }
        };
        let Some((_, layer)) = &mut self.layer else {
            out.push_str("Verdicts are off: there is no folder to keep them in.\n");
            return;
        };
        let s = layer.node_mut(&id);
        s.judgement = match wanted {
            Some(w) => w,
            None => crate::study::Judgement::next(s.judgement),
        };
        let now = s.judgement;
        let why = self.save(&id, Field::Judgement);
        out.push_str(&if !why.is_empty() {
            why
        } else {
            match now {
                Some(j) => format!(
                    "Your verdict on {id}: {}. verdict again to change it.\n",
                    j.word(kind)
                ),
                None => format!("No verdict on {id}.\n"),
            }
        });
    }

    fn side(&mut self, rest: &str, out: &mut String) {
        use crate::study::Side;
        let wanted = match rest.to_ascii_lowercase().as_str() {
            "" => None,
            "for" | "pro" => Some(Some(Side::For)),
            "against" | "con" => Some(Some(Side::Against)),
            "none" | "no" | "clear" => Some(None),
            _ => {
                out.push_str("Say side for, side against or side none; or side alone to cycle.\n");
                return;
            }
        };
        let Some((_, layer)) = &mut self.layer else {
            out.push_str("Sides are off: there is no folder to keep them in.\n");
            return;
        };
        layer.side = wanted.unwrap_or_else(|| Side::next(layer.side));
        let now = layer.side;
        let changes = crate::study::Changes {
            side: true,
            ..Default::default()
        };
        let (why, _) = self.save_changes(&changes);
        out.push_str(if !why.is_empty() {
            &why
        } else {
            match now {
                Some(Side::For) => "You argue for the thesis. side again: against.\n",
                Some(Side::Against) => "You argue against the thesis. side again: no side.\n",
                None => "No side chosen.\n",
            }
        });
    }

    fn weak(&mut self, _: &str, out: &mut String) {
        out.push_str(&super::said::weak(
            &self.map,
            self.layer.as_ref().map(|(_, l)| l),
        ));
    }

    fn frontlines(&mut self, _: &str, out: &mut String) {
        out.push_str(&super::said::front(
            &self.map,
            self.layer.as_ref().map(|(_, l)| l),
        ));
    }

    fn sheet(&mut self, _: &str, out: &mut String) {
        out.push_str(&super::said::sheet(
            &self.map,
            self.layer.as_ref().map(|(_, l)| l),
        ));
    }
}
