//! The reader's state, and `update`, the only function that changes it.
//!
//! Nothing here knows of terminals: keys arrive as [`Action`]s, and the view reads the state.
//! Work per action is bounded by what is visible, except fold and filter changes, which rebuild
//! the list of visible rows once (linear in the map).

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::Report;
use crate::event::{Effect, Event};
use crate::key::Key;
use crate::keymap::{self, Action, Scope};
pub use crate::layout::Focus;
use crate::layout::{self, Areas};
use crate::model::{ArgumentMap, Kind, NodeIx};
pub use crate::search::{Hit, Search};
use crate::wrap;

/// A window over the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help {
        scroll: usize,
    },
    /// The selected node in full, for when the details pane cannot hold it.
    Node {
        scroll: usize,
    },
    /// The nodes citing paragraph `paragraph`; `selected` indexes them.
    Citers {
        paragraph: usize,
        selected: usize,
    },
    /// The problems of the last save of the map, which left the last good map on screen.
    Problems {
        scroll: usize,
    },
}

/// How the reader was asked to end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    Interrupt,
    /// SIGTERM, SIGINT or SIGHUP, by number.
    Signal(i32),
    /// The terminal went away.
    HangUp,
}

impl Exit {
    /// The process's exit status, as shells report death by signal: 128 + the signal.
    pub fn code(self) -> i32 {
        match self {
            Exit::Quit => 0,
            Exit::Interrupt => 130,
            Exit::Signal(n) => 128 + n,
            Exit::HangUp => 129,
        }
    }
}

/// Where the map on screen came from, for reloading it and for the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapFiles {
    pub map: PathBuf,
    /// The article's text file, when the map names one.
    pub article: Option<PathBuf>,
}

impl MapFiles {
    /// The files of the map at `path`, whose source names `text_file` (relative to its folder).
    pub fn new(path: PathBuf, text_file: Option<&str>) -> Self {
        let article = text_file.map(|name| {
            path.parent()
                .map_or_else(|| PathBuf::from(name), |dir| dir.join(name))
        });
        Self { map: path, article }
    }
}

/// Line positions of the wrapped source at the current source pane width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceLines {
    pub width: usize,
    /// `first[i]` is the first line of paragraph `i + 1`; the last entry is the line count.
    /// Each paragraph is followed by one blank line.
    pub first: Vec<usize>,
}

impl SourceLines {
    pub fn total(&self) -> usize {
        self.first.last().copied().unwrap_or(0)
    }

    /// The 1-based number of the paragraph drawn on `line` (a blank separator counts as the
    /// paragraph above it).
    pub fn paragraph_at(&self, line: usize) -> usize {
        self.first
            .partition_point(|&f| f <= line)
            .clamp(1, self.first.len().saturating_sub(1).max(1))
    }
}

/// The width of the source pane's gutter: cursor, number, cited mark, space.
pub fn gutter_width(paragraphs: usize) -> usize {
    let digits = paragraphs.max(1).to_string().len().max(2);
    // cursor + "(" + digits + ")" + mark + space
    digits + 5
}

/// The whole state of the reader.
#[derive(Debug, Clone)]
pub struct App {
    /// Shared, so a reload swaps it whole and a driver can hold it without copying.
    pub map: Arc<ArgumentMap>,
    /// Where the map came from; `None` for the map built into the binary.
    pub files: Option<MapFiles>,
    /// The problems of the last reload that failed, while the last good map stays on screen.
    pub problems: Option<Report>,
    pub selected: NodeIx,
    pub focus: Focus,
    pub overlay: Overlay,
    pub search: Search,
    pub counterpoints_only: bool,
    folded: Vec<bool>,
    /// Visible tree rows, top to bottom.
    pub rows: Vec<NodeIx>,
    row_of: Vec<Option<usize>>,
    /// Whether a visible node is the last visible child of its parent (for tree guides).
    pub last_child: Vec<bool>,
    /// Nodes that are counterpoints or lead to one (shown under the counterpoint filter).
    leads_to_counterpoint: Vec<bool>,
    /// The walk restricted to counterpoints.
    counter_walk: Vec<NodeIx>,
    pub tree_top: usize,
    pub source_top: usize,
    /// The paragraph marked in the source (1-based): what Enter asks about.
    pub cursor: usize,
    pub lines: SourceLines,
    pub width: u16,
    pub height: u16,
    pub message: Option<String>,
    pub exit: Option<Exit>,
    /// Bumped whenever the visible rows are rebuilt.
    pub revision: u64,
}

impl App {
    pub fn new(map: impl Into<Arc<ArgumentMap>>, width: u16, height: u16) -> Self {
        let map: Arc<ArgumentMap> = map.into();
        let n = map.nodes.len();
        let mut leads = vec![false; n];
        // The walk lists parents before children, so walking it backwards sees children first.
        for &ix in map.walk.iter().rev() {
            if map.nodes[ix].kind == Kind::Counterpoint {
                leads[ix] = true;
            }
            if leads[ix]
                && let Some(p) = map.nodes[ix].parent
            {
                leads[p] = true;
            }
        }
        let counter_walk = map
            .walk
            .iter()
            .copied()
            .filter(|&ix| map.nodes[ix].kind == Kind::Counterpoint)
            .collect();
        let thesis = map.thesis;
        let mut app = Self {
            map,
            files: None,
            problems: None,
            selected: thesis,
            focus: Focus::Tree,
            overlay: Overlay::None,
            search: Search::default(),
            counterpoints_only: false,
            folded: vec![false; n],
            rows: Vec::new(),
            row_of: vec![None; n],
            last_child: vec![false; n],
            leads_to_counterpoint: leads,
            counter_walk,
            tree_top: 0,
            source_top: 0,
            cursor: 1,
            lines: SourceLines::default(),
            width,
            height,
            message: None,
            exit: None,
            revision: 0,
        };
        app.rebuild_rows();
        app.rewrap();
        app.show_selected_source();
        app
    }

    pub fn areas(&self) -> Areas {
        layout::areas(self.width, self.height)
    }

    pub fn is_folded(&self, ix: NodeIx) -> bool {
        self.folded[ix]
    }

    pub fn row_of(&self, ix: NodeIx) -> Option<usize> {
        self.row_of[ix]
    }

    /// Under the counterpoint filter, rows shown only to place counterpoints in the tree.
    pub fn is_context_row(&self, ix: NodeIx) -> bool {
        self.counterpoints_only && self.map.nodes[ix].kind != Kind::Counterpoint
    }

    /// The scopes a key is looked up in, most specific first.
    pub fn scopes(&self) -> Vec<Scope> {
        match self.overlay {
            Overlay::Help { .. } => vec![Scope::Help],
            Overlay::Node { .. } => vec![Scope::Node],
            Overlay::Citers { .. } => vec![Scope::Citers],
            Overlay::Problems { .. } => vec![Scope::Problems],
            Overlay::None if self.search.prompt => vec![Scope::Search],
            Overlay::None => match self.focus {
                Focus::Tree => vec![Scope::Tree, Scope::Global],
                Focus::Source => vec![Scope::Source, Scope::Global],
            },
        }
    }

    /// The walk as the reader steps it now: all nodes, or only counterpoints.
    pub fn steps(&self) -> &[NodeIx] {
        if self.counterpoints_only {
            &self.counter_walk
        } else {
            &self.map.walk
        }
    }

    /// 1-based position of the selection in [`App::steps`], and the number of steps.
    pub fn step(&self) -> (Option<usize>, usize) {
        let steps = self.steps();
        let pos = self.first_step_from(self.map.nodes[self.selected].step);
        let here = (steps.get(pos) == Some(&self.selected)).then_some(pos + 1);
        (here, steps.len())
    }

    /// The index in [`App::steps`] of the first step at or after walk position `at`: a binary
    /// search, so stepping costs the same on a map of any size.
    fn first_step_from(&self, at: usize) -> usize {
        self.steps()
            .partition_point(|&ix| self.map.nodes[ix].step < at)
    }

    fn visible_under_filter(&self, ix: NodeIx) -> bool {
        !self.counterpoints_only || ix == self.map.thesis || self.leads_to_counterpoint[ix]
    }

    fn rebuild_rows(&mut self) {
        for &ix in &self.rows {
            self.row_of[ix] = None;
        }
        self.rows.clear();
        let mut stack = vec![self.map.thesis];
        while let Some(ix) = stack.pop() {
            self.row_of[ix] = Some(self.rows.len());
            self.rows.push(ix);
            if self.folded[ix] {
                continue;
            }
            let kids: Vec<NodeIx> = self.map.nodes[ix]
                .children
                .iter()
                .copied()
                .filter(|&c| self.visible_under_filter(c))
                .collect();
            for (i, &c) in kids.iter().enumerate().rev() {
                self.last_child[c] = i + 1 == kids.len();
                stack.push(c);
            }
        }
        self.revision += 1;
        if self.row_of[self.selected].is_none() {
            // The selection was folded away or filtered out: move to what stands for it.
            self.selected = self.visible_stand_in(self.selected);
        }
        self.keep_selection_visible();
    }

    /// The nearest visible ancestor of a hidden node (the thesis is always visible).
    fn visible_stand_in(&self, ix: NodeIx) -> NodeIx {
        let mut at = ix;
        while self.row_of[at].is_none() {
            match self.map.nodes[at].parent {
                Some(p) => at = p,
                None => break,
            }
        }
        at
    }

    /// Selects `ix`, unfolding its ancestors (and lifting the filter) if they hide it.
    fn select(&mut self, ix: NodeIx) {
        let mut dirty = false;
        if !self.visible_under_filter(ix) {
            self.counterpoints_only = false;
            self.message = Some("Showing all nodes again, to reach a search match".into());
            dirty = true;
        }
        // A node with a row has no folded ancestor: only a hidden one needs the walk up, which
        // on a chain 50,000 deep would cost more than the frame.
        let mut at = if self.row_of[ix].is_some() && !dirty {
            None
        } else {
            self.map.nodes[ix].parent
        };
        while let Some(p) = at {
            if self.folded[p] {
                self.folded[p] = false;
                dirty = true;
            }
            at = self.map.nodes[p].parent;
        }
        self.selected = ix;
        if dirty {
            self.rebuild_rows();
        }
        self.keep_selection_visible();
        self.show_selected_source();
    }

    fn keep_selection_visible(&mut self) {
        let h = usize::from(self.areas().tree_inner.height).max(1);
        // Keep a couple of rows around the selection, so a step shows where it leads.
        let margin = (h / 4).min(2);
        let row = self.row_of[self.selected].unwrap_or(0);
        // Past an edge, jump a third of the pane rather than creep a row at a time: every scroll
        // redraws the pane, so a walk that crept would resend the whole tree at every step.
        // Going down, the selection lands a third of the way from the top, leaving the rest of
        // the pane for the steps to come; going up, a third of the way from the bottom.
        let third = (h / 3).max(margin);
        if row < self.tree_top + margin {
            self.tree_top = row.saturating_sub(h.saturating_sub(1 + third));
        } else if row + margin >= self.tree_top + h {
            self.tree_top = row.saturating_sub(third);
        }
        self.tree_top = self.tree_top.min(self.rows.len().saturating_sub(h));
    }

    /// Re-wraps the source when the source pane's width changed.
    fn rewrap(&mut self) {
        let inner = self.areas().source_inner;
        // One column of margin on the right keeps text off the border.
        let width = usize::from(inner.width)
            .saturating_sub(gutter_width(self.map.source.paragraphs.len()) + 1)
            .max(1);
        if width == self.lines.width && !self.lines.first.is_empty() {
            return;
        }
        let mut first = Vec::with_capacity(self.map.source.paragraphs.len() + 1);
        let mut line = 0;
        for p in &self.map.source.paragraphs {
            first.push(line);
            line += wrap::wrap(&p.text, width).len() + 1;
        }
        first.push(line);
        self.lines = SourceLines { width, first };
        self.clamp_source();
    }

    fn source_height(&self) -> usize {
        usize::from(self.areas().source_inner.height).max(1)
    }

    fn max_source_top(&self) -> usize {
        // The blank line after the last paragraph need not be shown.
        self.lines
            .total()
            .saturating_sub(1)
            .saturating_sub(self.source_height())
    }

    fn clamp_source(&mut self) {
        self.source_top = self.source_top.min(self.max_source_top());
    }

    /// The cited paragraphs of the selected node wholly above and wholly below the source
    /// pane, for the hint in its border.
    pub fn cited_off_screen(&self) -> (Vec<usize>, Vec<usize>) {
        let (top, bottom) = (self.source_top, self.source_top + self.source_height());
        let mut above = Vec::new();
        let mut below = Vec::new();
        for n in self.map.nodes[self.selected].cited_paragraphs() {
            let lines = self.paragraph_lines(n);
            if lines.end <= top {
                above.push(n);
            } else if lines.start >= bottom {
                below.push(n);
            }
        }
        (above, below)
    }

    /// The line range of paragraph `n` (1-based), without its trailing blank.
    pub fn paragraph_lines(&self, n: usize) -> Range<usize> {
        let first = self.lines.first.get(n - 1).copied().unwrap_or(0);
        let next = self.lines.first.get(n).copied().unwrap_or(first + 1);
        first..next.saturating_sub(1).max(first + 1)
    }

    /// Scrolls the source so that `line` is visible, moving as little as possible.
    fn reveal_line(&mut self, line: usize, context: usize) {
        let h = self.source_height();
        if line < self.source_top {
            self.source_top = line.saturating_sub(context);
        } else if line >= self.source_top + h {
            self.source_top = (line + 1 + context).saturating_sub(h);
        }
        self.clamp_source();
    }

    /// Shows paragraph `n`: its opening lines, scrolling only if they are out of view.
    fn reveal_paragraph(&mut self, n: usize) {
        let lines = self.paragraph_lines(n);
        let h = self.source_height();
        let fits =
            lines.start >= self.source_top && lines.end.min(lines.start + h) <= self.source_top + h;
        if !fits {
            // A blank line above separates the paragraph from the pane's title, where room allows.
            self.source_top = lines.start.saturating_sub(usize::from(h >= 12));
            self.clamp_source();
        }
        self.cursor = n;
    }

    /// After the selection changed: mark its first cited paragraph and show its cited
    /// paragraphs from the first, all of them where they fit; where they do not, the first
    /// quote stays in view and the pane's border tells which cited paragraphs are off screen.
    fn show_selected_source(&mut self) {
        let node = &self.map.nodes[self.selected];
        let cited = node.cited_paragraphs();
        let (Some(&first), Some(&last)) = (cited.first(), cited.last()) else {
            return;
        };
        let quote = node
            .citations
            .iter()
            .find_map(|c| c.quote.as_ref())
            .map(|q| (q.paragraph, q.range.start));
        let h = self.source_height();
        let span = self.paragraph_lines(first).start..self.paragraph_lines(last).end;
        self.cursor = first;
        if span.start >= self.source_top && span.end <= self.source_top + h {
            return;
        }
        // A blank line above separates the paragraph from the pane's title, where room allows.
        let margin = usize::from(h >= 12);
        if span.len() + margin <= h {
            // All of them fit: scroll as little as shows them all.
            self.source_top = if span.start < self.source_top {
                span.start.saturating_sub(margin)
            } else {
                span.end.saturating_sub(h)
            };
        } else {
            self.source_top = span.start.saturating_sub(margin);
        }
        self.clamp_source();
        if let Some((paragraph, at)) = quote {
            self.reveal_in_paragraph(paragraph, at);
        }
    }

    /// Scrolls so that the line of paragraph `n` holding byte `at` of its text is in view.
    fn reveal_in_paragraph(&mut self, n: usize, at: usize) {
        let Some(para) = self.map.source.paragraphs.get(n.wrapping_sub(1)) else {
            return;
        };
        let line_in = wrap::wrap(&para.text, self.lines.width)
            .iter()
            .position(|r| r.end > at)
            .unwrap_or(0);
        let start = self.paragraph_lines(n).start;
        self.reveal_line(start + line_in, 1);
    }

    /// After a scroll: keep the marked paragraph on screen, on one whose first line is in view
    /// where there is one, so that Enter asks about a paragraph the reader can see begin. Only a
    /// paragraph taller than the pane is marked from the middle (the gutter says it began above).
    fn cursor_follows_scroll(&mut self) {
        let (top, bottom) = (self.source_top, self.source_top + self.source_height());
        let start = self.paragraph_lines(self.cursor).start;
        if (top..bottom).contains(&start) {
            return;
        }
        let count = self.map.source.paragraphs.len();
        let starts = &self.lines.first[..count.min(self.lines.first.len())];
        let in_view = if start < top {
            // The first paragraph beginning at or below the top.
            let i = starts.partition_point(|&f| f < top);
            starts.get(i).filter(|&&f| f < bottom).map(|_| i + 1)
        } else {
            // The last paragraph beginning above the bottom.
            let i = starts.partition_point(|&f| f < bottom);
            i.checked_sub(1)
                .filter(|&j| starts[j] >= top)
                .map(|j| j + 1)
        };
        self.cursor = in_view
            .unwrap_or_else(|| self.lines.paragraph_at(top))
            .clamp(1, count.max(1));
    }

    fn scroll_source(&mut self, down: bool, by: usize) {
        let before = self.source_top;
        self.source_top = if down {
            (self.source_top + by).min(self.max_source_top())
        } else {
            self.source_top.saturating_sub(by)
        };
        let count = self.map.source.paragraphs.len();
        if self.source_top == before {
            // At an end: move the mark instead, so every paragraph can be reached.
            self.cursor = if down {
                (self.cursor + by.min(1)).min(count)
            } else {
                self.cursor.saturating_sub(1).max(1)
            };
            self.reveal_paragraph(self.cursor);
        }
        self.cursor_follows_scroll();
    }

    fn jump_cited(&mut self, forward: bool) {
        let cited = self.map.nodes[self.selected].cited_paragraphs();
        let id = self.map.nodes[self.selected].id.clone();
        let target = if forward {
            cited.iter().copied().find(|&n| n > self.cursor)
        } else {
            cited.iter().rev().copied().find(|&n| n < self.cursor)
        };
        match target {
            Some(n) => self.reveal_paragraph(n),
            None if cited.is_empty() => self.message = Some(format!("{id} cites no paragraph")),
            None => {
                let which = if forward { "after" } else { "before" };
                self.message = Some(format!("{id} cites no paragraph {which} this one"));
            }
        }
    }

    fn move_rows(&mut self, delta: isize) {
        let row = self.row_of[self.selected].unwrap_or(0) as isize;
        let target = (row + delta).clamp(0, self.rows.len() as isize - 1) as usize;
        if self.rows[target] != self.selected {
            self.select(self.rows[target]);
        }
    }

    fn walk(&mut self, forward: bool) {
        let at = self.map.nodes[self.selected].step;
        let next = if forward {
            self.steps().get(self.first_step_from(at + 1)).copied()
        } else {
            let pos = self.first_step_from(at);
            pos.checked_sub(1).map(|p| self.steps()[p])
        };
        match next {
            Some(ix) => self.select(ix),
            None => {
                let what = if self.counterpoints_only {
                    "counterpoint"
                } else {
                    "step"
                };
                self.message = Some(if forward {
                    format!("That was the last {what} of the argument; p steps back")
                } else {
                    format!("This is the first {what}; n steps forward")
                });
            }
        }
    }

    fn set_fold(&mut self, ix: NodeIx, fold: bool) {
        if self.folded[ix] != fold && !self.map.nodes[ix].children.is_empty() {
            self.folded[ix] = fold;
            self.rebuild_rows();
        }
    }

    fn run_search(&mut self) {
        self.find_hits();
        self.search.current = if self.search.hits.is_empty() {
            None
        } else {
            Some(0)
        };
        self.go_to_hit();
    }

    /// Finds the search's hits in the map, leaving the selection where it is.
    fn find_hits(&mut self) {
        let s = &self.search;
        let mut hits = Vec::new();
        if s.active() {
            for &ix in &self.map.walk {
                let n = &self.map.nodes[ix];
                if [
                    Some(n.id.as_str()),
                    n.label.as_deref(),
                    Some(n.text.as_str()),
                ]
                .into_iter()
                .flatten()
                .any(|t| !s.ranges(t).is_empty())
                {
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

    /// After a save of the map: the new map if it is clean, kept where the reader was (by node
    /// id: selection, folds, search; by number: the source's scroll and mark); else the last
    /// good map stays and its problems are kept for `!`.
    fn reloaded(&mut self, loaded: crate::loader::Loaded) {
        let Some(map) = loaded.map else {
            let errors = loaded.report.errors();
            let name = std::path::Path::new(&loaded.report.file.name)
                .file_name()
                .map_or_else(
                    || loaded.report.file.name.clone(),
                    |n| n.to_string_lossy().into_owned(),
                );
            self.problems = Some(loaded.report);
            let s = if errors == 1 { "" } else { "s" };
            self.message = Some(format!(
                "{errors} error{s} in {name}: ! shows them (the last good map stays)"
            ));
            return;
        };
        let fixed = self.problems.take().is_some();
        self.replace_map(map);
        self.message = Some(if fixed {
            "Reloaded: the map is clean again".to_string()
        } else {
            format!("Reloaded: {} nodes", self.map.nodes.len())
        });
    }

    fn replace_map(&mut self, map: ArgumentMap) {
        let old = Arc::clone(&self.map);
        let mut fresh = App::new(map, self.width, self.height);
        let by_id: std::collections::HashMap<&str, NodeIx> = fresh
            .map
            .nodes
            .iter()
            .enumerate()
            .map(|(ix, n)| (n.id.as_str(), ix))
            .collect();
        let folded: Vec<NodeIx> = old
            .nodes
            .iter()
            .zip(&self.folded)
            .filter(|(_, f)| **f)
            .filter_map(|(n, _)| by_id.get(n.id.as_str()).copied())
            .collect();
        // The selection, or its nearest ancestor that is still there.
        let mut at = Some(self.selected);
        let mut selected = fresh.map.thesis;
        while let Some(ix) = at {
            if let Some(&new) = by_id.get(old.nodes[ix].id.as_str()) {
                selected = new;
                break;
            }
            at = old.nodes[ix].parent;
        }
        drop(by_id);
        for ix in folded {
            if !fresh.map.nodes[ix].children.is_empty() {
                fresh.folded[ix] = true;
            }
        }
        fresh.counterpoints_only = self.counterpoints_only && !fresh.counter_walk.is_empty();
        fresh.rebuild_rows();
        fresh.select(selected);
        fresh.focus = self.focus;
        // The map may name another article now.
        fresh.files = self
            .files
            .take()
            .map(|f| MapFiles::new(f.map, fresh.map.source.text_file.as_deref()));
        let count = fresh.map.source.paragraphs.len().max(1);
        fresh.source_top = self.source_top;
        fresh.cursor = self.cursor.clamp(1, count);
        fresh.clamp_source();
        if matches!(self.overlay, Overlay::Help { .. }) {
            fresh.overlay = self.overlay.clone();
        }
        if self.search.active() {
            fresh.search = Search {
                query: std::mem::take(&mut self.search.query),
                prompt: self.search.prompt,
                ..Search::default()
            };
            fresh.find_hits();
            let n = fresh.search.hits.len();
            fresh.search.current = self.search.current.filter(|_| n > 0).map(|c| c.min(n - 1));
        }
        fresh.tree_top = fresh.tree_top.min(fresh.rows.len().saturating_sub(1));
        *self = fresh;
    }

    /// The file and line the editor opens at: the marked paragraph from the source pane, the
    /// first problem from the problems window, else the selected node's table.
    fn edit_target(&self) -> Result<Effect, String> {
        let Some(files) = &self.files else {
            return Err("Built-in map: `argwalk init --example DIR` writes a copy to edit".into());
        };
        let (file, line) =
            if let (Overlay::Problems { .. }, Some(report)) = (&self.overlay, &self.problems) {
                let line = report.diagnostics.first().map_or(1, |d| d.line);
                (files.map.clone(), line)
            } else if self.focus == Focus::Source {
                let p = self.map.source.paragraphs.get(self.cursor.wrapping_sub(1));
                let line = p.map_or(1, |p| p.line.max(1));
                (
                    files.article.clone().unwrap_or_else(|| files.map.clone()),
                    line,
                )
            } else {
                (files.map.clone(), self.map.nodes[self.selected].line.max(1))
            };
        Ok(Effect::OpenEditor { file, line })
    }

    fn go_to_hit(&mut self) {
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
                self.reveal_paragraph(paragraph);
                self.reveal_in_paragraph(paragraph, range.start);
                if !self.search.prompt {
                    self.focus = Focus::Source;
                }
            }
        }
    }

    fn step_hit(&mut self, forward: bool) {
        let count = self.search.hits.len();
        if count == 0 {
            self.message = Some(if self.search.active() {
                format!("No match for \"{}\"", self.search.query)
            } else {
                "No search yet: press / to search".into()
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

    /// How far the open overlay can scroll: its lines less the rows it shows.
    fn overlay_max_scroll(&self) -> usize {
        let area = crate::layout::overlay_area(self.width, self.height);
        let rows = usize::from(area.height.saturating_sub(2));
        let lines = match self.overlay {
            Overlay::Help { .. } => crate::sheet::help_lines(&crate::theme::Theme::FULL).len(),
            // Counted with the Unicode theme, whose separators are the wider: an upper bound.
            Overlay::Node { .. } => {
                let theme = crate::theme::Theme::FULL;
                crate::sheet::node_lines(
                    &self.map,
                    self.selected,
                    &self.search,
                    &theme,
                    usize::from(area.width.saturating_sub(2)),
                )
                .len()
            }
            Overlay::Problems { .. } => self
                .problems
                .as_ref()
                .map_or(0, |r| r.render(false).lines().count()),
            Overlay::None | Overlay::Citers { .. } => 0,
        };
        lines.saturating_sub(rows)
    }
}

/// Applies one event: the one entry point of a session's state. Returns what the driver must do.
pub fn handle(app: &mut App, event: Event) -> Vec<Effect> {
    match event {
        Event::Key(key) => match keymap::resolve(&app.scopes(), &key) {
            Some(action) => update(app, action),
            None => Vec::new(),
        },
        Event::Resize(w, h) => update(app, Action::Resize(w, h)),
        Event::FilesChanged if app.files.is_some() => vec![Effect::Reload],
        Event::FilesChanged => Vec::new(),
        Event::Reloaded(loaded) => {
            app.reloaded(*loaded);
            Vec::new()
        }
        Event::ReloadFailed(why) => {
            app.message = Some(why);
            Vec::new()
        }
        // Whatever was saved in the editor is read again, even if the watcher missed it.
        Event::EditorDone(Ok(())) if app.files.is_some() => vec![Effect::Reload],
        Event::EditorDone(Ok(())) => Vec::new(),
        Event::EditorDone(Err(why)) => {
            app.message = Some(why);
            Vec::new()
        }
        Event::Signal(n) => quit(app, Exit::Signal(n)),
        Event::HangUp => quit(app, Exit::HangUp),
    }
}

fn quit(app: &mut App, exit: Exit) -> Vec<Effect> {
    app.exit = Some(exit);
    vec![Effect::Quit(exit.code())]
}

/// Applies one action: what a key asks for, through the key table.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    app.message = None;
    match action {
        Action::Quit => return quit(app, Exit::Quit),
        Action::Interrupt => return quit(app, Exit::Interrupt),
        Action::Back => {
            if app.search.active() {
                app.search = Search::default();
                app.message = Some("Search cleared; Esc again quits".into());
            } else {
                return quit(app, Exit::Quit);
            }
        }
        Action::Edit => match app.edit_target() {
            Ok(effect) => {
                app.overlay = Overlay::None;
                return vec![effect];
            }
            Err(why) => app.message = Some(why),
        },
        Action::ShowProblems => {
            if app.problems.is_some() {
                app.overlay = Overlay::Problems { scroll: 0 };
            } else {
                app.message = Some("The map on screen has no problems".into());
            }
        }
        Action::Help => app.overlay = Overlay::Help { scroll: 0 },
        Action::ShowNode => app.overlay = Overlay::Node { scroll: 0 },
        Action::SwitchFocus => {
            app.focus = match app.focus {
                Focus::Tree => Focus::Source,
                Focus::Source => Focus::Tree,
            }
        }
        Action::WalkNext => app.walk(true),
        Action::WalkPrev => app.walk(false),
        Action::StartSearch => {
            let origin = Some((app.selected, app.source_top, app.cursor, app.focus));
            app.search = Search {
                prompt: true,
                origin,
                ..Search::default()
            };
        }
        Action::SearchInput(c) => {
            app.search.query.push(c);
            app.run_search();
        }
        Action::SearchBackspace => {
            app.search.query.pop();
            app.run_search();
        }
        Action::SearchConfirm => {
            app.search.prompt = false;
            app.go_to_hit();
            if app.search.active() {
                let n = app.search.hits.len();
                app.message = Some(match n {
                    0 => format!("No match for \"{}\"", app.search.query),
                    _ => format!("{n} matches: > next, < previous, Esc clears"),
                });
            }
        }
        Action::SearchCancel => {
            if let Some((sel, top, cursor, focus)) = app.search.origin {
                app.search = Search::default();
                app.select(sel);
                app.source_top = top;
                app.cursor = cursor;
                app.focus = focus;
                app.clamp_source();
            }
            app.search = Search::default();
        }
        Action::NextMatch => app.step_hit(true),
        Action::PrevMatch => app.step_hit(false),
        Action::FoldAll => {
            let thesis = app.map.thesis;
            for (ix, f) in app.folded.iter_mut().enumerate() {
                *f = ix != thesis && !app.map.nodes[ix].children.is_empty();
            }
            app.rebuild_rows();
            app.show_selected_source();
        }
        Action::UnfoldAll => {
            app.folded.iter_mut().for_each(|f| *f = false);
            app.rebuild_rows();
        }
        Action::ToggleCounterpoints => {
            app.counterpoints_only = !app.counterpoints_only;
            if app.counterpoints_only && app.counter_walk.is_empty() {
                app.counterpoints_only = false;
                app.message = Some("This map has no counterpoints".into());
                return Vec::new();
            }
            app.rebuild_rows();
            if app.counterpoints_only && app.map.nodes[app.selected].kind != Kind::Counterpoint {
                // Land on the first counterpoint at or after where the reader was.
                let at = app.map.nodes[app.selected].step;
                let next = app.steps().get(app.first_step_from(at)).copied();
                if let Some(ix) = next.or(app.counter_walk.first().copied()) {
                    app.select(ix);
                }
            }
            app.message = Some(if app.counterpoints_only {
                format!(
                    "Counterpoints only ({}): c shows all",
                    app.counter_walk.len()
                )
            } else {
                "All nodes".into()
            });
        }
        Action::MoveDown => app.move_rows(1),
        Action::MoveUp => app.move_rows(-1),
        Action::PageDown => app.move_rows(app.areas().tree_inner.height.max(1) as isize),
        Action::PageUp => app.move_rows(-(app.areas().tree_inner.height.max(1) as isize)),
        Action::First => app.move_rows(isize::MIN / 2),
        Action::Last => app.move_rows(isize::MAX / 2),
        Action::FoldOrParent => {
            let ix = app.selected;
            if !app.folded[ix] && !app.map.nodes[ix].children.is_empty() {
                app.set_fold(ix, true);
            } else if let Some(p) = app.map.nodes[ix].parent {
                app.select(p);
            }
        }
        Action::UnfoldOrChild => {
            let ix = app.selected;
            if app.folded[ix] {
                app.set_fold(ix, false);
            } else if let Some(&c) = app.map.nodes[ix]
                .children
                .iter()
                .find(|&&c| app.row_of[c].is_some())
            {
                app.select(c);
            }
        }
        Action::ToggleFold => {
            let ix = app.selected;
            if app.map.nodes[ix].children.is_empty() {
                app.message = Some(format!("{} has nothing to fold", app.map.nodes[ix].id));
            } else {
                let f = !app.folded[ix];
                app.set_fold(ix, f);
            }
        }
        Action::ScrollDown => app.scroll_source(true, 1),
        Action::ScrollUp => app.scroll_source(false, 1),
        Action::SourcePageDown => {
            app.scroll_source(true, app.source_height().saturating_sub(1).max(1))
        }
        Action::SourcePageUp => {
            app.scroll_source(false, app.source_height().saturating_sub(1).max(1))
        }
        Action::HalfPageDown => app.scroll_source(true, (app.source_height() / 2).max(1)),
        Action::HalfPageUp => app.scroll_source(false, (app.source_height() / 2).max(1)),
        Action::SourceFirst => app.reveal_paragraph(1),
        Action::SourceLast => {
            let last = app.map.source.paragraphs.len().max(1);
            app.reveal_paragraph(last);
        }
        Action::NextCited => app.jump_cited(true),
        Action::PrevCited => app.jump_cited(false),
        Action::ShowCiters => {
            let begins_above = app.paragraph_lines(app.cursor).start < app.source_top;
            let note = if begins_above {
                " (it begins above)"
            } else {
                ""
            };
            if app.map.citers(app.cursor).is_empty() {
                app.message = Some(format!("No node cites paragraph {}{note}", app.cursor));
            } else {
                app.overlay = Overlay::Citers {
                    paragraph: app.cursor,
                    selected: 0,
                };
            }
        }
        Action::OverlayDown | Action::OverlayUp => {
            let down = action == Action::OverlayDown;
            let max = app.overlay_max_scroll();
            match &mut app.overlay {
                Overlay::Help { scroll }
                | Overlay::Node { scroll }
                | Overlay::Problems { scroll } => {
                    *scroll = if down {
                        (*scroll + 1).min(max)
                    } else {
                        scroll.saturating_sub(1)
                    };
                }
                Overlay::Citers {
                    paragraph,
                    selected,
                } => {
                    let count = app.map.citers(*paragraph).len();
                    *selected = if down {
                        (*selected + 1).min(count.saturating_sub(1))
                    } else {
                        selected.saturating_sub(1)
                    };
                }
                Overlay::None => {}
            }
        }
        Action::OverlayChoose => {
            if let Overlay::Citers {
                paragraph,
                selected,
            } = app.overlay
            {
                app.overlay = Overlay::None;
                if let Some(&ix) = app.map.citers(paragraph).get(selected) {
                    app.select(ix);
                    app.focus = Focus::Tree;
                }
            }
        }
        Action::OverlayClose => app.overlay = Overlay::None,
        Action::Resize(w, h) => {
            app.width = w;
            app.height = h;
            app.rewrap();
            app.clamp_source();
            app.keep_selection_visible();
            let max = app.overlay_max_scroll();
            if let Overlay::Help { scroll }
            | Overlay::Node { scroll }
            | Overlay::Problems { scroll } = &mut app.overlay
            {
                *scroll = (*scroll).min(max);
            }
        }
    }
    Vec::new()
}

/// Resolves a key for the current state and applies it. Returns false for unbound keys.
pub fn handle_key(app: &mut App, key: &Key) -> bool {
    match keymap::resolve(&app.scopes(), key) {
        Some(action) => {
            update(app, action);
            true
        }
        None => false,
    }
}
