//! The full screen's search state: the query, the prompt, and the stops it found. The
//! matching itself is the map core's ([`crate::map::search`]), which the line mode and the
//! library use too.

use std::ops::Range;

use crate::map::model::NodeIx;
use crate::map::search::{find_all, is_case_sensitive};
use crate::screen::layout::Focus;

/// Something search found: a stop for `>` and `<`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hit {
    /// A node whose id, label or text matches: one stop, however many matches it holds.
    Node(NodeIx),
    /// One match in a paragraph: its number, and the match's byte range in the paragraph's
    /// text. Two matches in one paragraph are two stops.
    Text {
        paragraph: usize,
        range: Range<usize>,
    },
}

/// The search prompt and its results.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    pub query: String,
    /// The prompt is open and taking keys.
    pub prompt: bool,
    pub hits: Vec<Hit>,
    pub current: Option<usize>,
    /// Where the reader was when the prompt opened, for Esc.
    pub(crate) origin: Option<(NodeIx, usize, usize, Focus)>,
}

impl Search {
    pub fn active(&self) -> bool {
        !self.query.is_empty()
    }

    /// Upper case in the query makes the search case-sensitive ("smart case").
    pub fn case_sensitive(&self) -> bool {
        is_case_sensitive(&self.query)
    }

    /// Byte ranges of the query in `text`, typography folded (see [`search`]).
    pub fn ranges(&self, text: &str) -> Vec<Range<usize>> {
        find_all(text, &self.query, self.case_sensitive())
    }

    /// The stop `>` and `<` are at.
    pub fn current_hit(&self) -> Option<&Hit> {
        self.current.and_then(|i| self.hits.get(i))
    }
}
