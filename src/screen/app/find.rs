//! Search as the reader steps it: finding the stops, and going to one.

use super::{App, Focus, Hit};
use crate::screen::keymap::{self, Action};

impl App {
    pub(super) fn run_search(&mut self) {
        self.find_hits();
        self.search.current = if self.search.hits.is_empty() {
            None
        } else {
            Some(0)
        };
        self.go_to_hit();
    }

    /// Finds the search's hits in the map, leaving the selection where it is.
    pub(super) fn find_hits(&mut self) {
        let s = &self.search;
        let mut hits = Vec::new();
        if s.active() {
            for &ix in &self.map.walk {
                let n = &self.map.nodes[ix];
                if n.searched().any(|t| !s.ranges(t).is_empty()) {
                    hits.push(Hit::Node(ix));
                }
            }
            for p in &self.map.source.paragraphs {
                hits.extend(s.ranges(&p.text).into_iter().map(|range| Hit::Text {
                    paragraph: p.number,
                    range,
                }));
            }
        }
        self.search.hits = hits;
    }

    pub(super) fn go_to_hit(&mut self) {
        let Some(hit) = self.search.current_hit().cloned() else {
            return;
        };
        match hit {
            Hit::Node(ix) => {
                self.select(ix);
                if !self.search.prompt {
                    self.focus = Focus::Tree;
                }
            }
            Hit::Text { paragraph, range } => {
                // The tree shows a node that cites the paragraph found, or goes back to where
                // the search began: never left on the node of an earlier, unrelated match.
                let citer = self.map.citers(paragraph).first().copied();
                let origin = self.search.origin.map(|(sel, ..)| sel);
                if let Some(ix) = citer.or(origin) {
                    self.select(ix);
                }
                self.reveal_paragraph(paragraph);
                self.reveal_in_paragraph(paragraph, range.start);
                if !self.search.prompt {
                    self.focus = Focus::Source;
                }
            }
        }
    }

    pub(super) fn step_hit(&mut self, forward: bool) {
        let count = self.search.hits.len();
        if count == 0 {
            self.message = Some(if self.search.active() {
                format!("No match for \"{}\"", self.search.query)
            } else {
                format!(
                    "No search yet: press {} to search",
                    keymap::key_for(Action::StartSearch)
                )
            });
            return;
        }
        let cur = self.search.current.unwrap_or(0);
        let next = if forward {
            (cur + 1) % count
        } else {
            (cur + count - 1) % count
        };
        self.search.current = Some(next);
        self.go_to_hit();
        self.message = Some(format!("Match {} of {count}", next + 1));
    }
}
