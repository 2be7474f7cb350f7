//! The tree pane's moves: the visible rows, folding, selecting, and stepping the walk.

use super::App;
use crate::map::model::NodeIx;
use crate::screen::keymap::{self, Action};

impl App {
    pub(super) fn rebuild_rows(&mut self) {
        for &ix in &self.tree.rows {
            self.tree.row_of[ix] = None;
        }
        self.tree.rows.clear();
        let mut stack = vec![self.map.thesis];
        while let Some(ix) = stack.pop() {
            self.tree.row_of[ix] = Some(self.tree.rows.len());
            self.tree.rows.push(ix);
            if self.tree.folded[ix] {
                continue;
            }
            let kids: Vec<NodeIx> = self.map.nodes[ix]
                .children
                .iter()
                .copied()
                .filter(|&c| self.visible_under_filter(c))
                .collect();
            for (i, &c) in kids.iter().enumerate().rev() {
                self.tree.last_child[c] = i + 1 == kids.len();
                stack.push(c);
            }
        }
        self.tree.revision += 1;
        if self.tree.row_of[self.tree.selected].is_none() {
            // The selection was folded away or filtered out: move to what stands for it.
            self.tree.selected = self.visible_stand_in(self.tree.selected);
        }
        self.keep_selection_visible();
    }

    /// The nearest visible ancestor of a hidden node (the thesis is always visible).
    pub(super) fn visible_stand_in(&self, ix: NodeIx) -> NodeIx {
        let mut at = ix;
        while self.tree.row_of[at].is_none() {
            match self.map.nodes[at].parent {
                Some(p) => at = p,
                None => break,
            }
        }
        at
    }

    /// Selects `ix`, unfolding its ancestors (and lifting the filter) if they hide it.
    pub(super) fn select(&mut self, ix: NodeIx) {
        let mut dirty = false;
        if !self.visible_under_filter(ix) {
            self.walk.counterpoints_only = false;
            self.message = Some("Showing all nodes again, to reach a search match".into());
            dirty = true;
        }
        // A node with a row has no folded ancestor: only a hidden one needs the walk up, which
        // on a chain 50,000 deep would cost more than the frame.
        let mut at = if self.tree.row_of[ix].is_some() && !dirty {
            None
        } else {
            self.map.nodes[ix].parent
        };
        while let Some(p) = at {
            if self.tree.folded[p] {
                self.tree.folded[p] = false;
                dirty = true;
            }
            at = self.map.nodes[p].parent;
        }
        self.tree.selected = ix;
        self.visit();
        if dirty {
            self.rebuild_rows();
        }
        self.keep_selection_visible();
        self.show_selected_source();
    }

    pub(super) fn keep_selection_visible(&mut self) {
        let h = usize::from(self.areas().tree_inner.height).max(1);
        // Keep a couple of rows around the selection, so a step shows where it leads.
        let margin = (h / 4).min(2);
        let row = self.tree.row_of[self.tree.selected].unwrap_or(0);
        // Past an edge, jump a third of the pane rather than creep a row at a time: every scroll
        // redraws the pane, so a walk that crept would resend the whole tree at every step.
        // Going down, the selection lands a third of the way from the top, leaving the rest of
        // the pane for the steps to come; going up, a third of the way from the bottom.
        let third = (h / 3).max(margin);
        if row < self.tree.top + margin {
            self.tree.top = row.saturating_sub(h.saturating_sub(1 + third));
        } else if row + margin >= self.tree.top + h {
            self.tree.top = row.saturating_sub(third);
        }
        self.tree.top = self.tree.top.min(self.tree.rows.len().saturating_sub(h));
    }

    pub(super) fn move_rows(&mut self, delta: isize) {
        let row = self.tree.row_of[self.tree.selected].unwrap_or(0) as isize;
        let target = (row + delta).clamp(0, self.tree.rows.len() as isize - 1) as usize;
        if self.tree.rows[target] != self.tree.selected {
            self.select(self.tree.rows[target]);
        }
    }

    pub(super) fn walk(&mut self, forward: bool) {
        let at = self.map.nodes[self.tree.selected].step;
        let next = if forward {
            self.steps().get(self.first_step_from(at + 1)).copied()
        } else {
            let pos = self.first_step_from(at);
            pos.checked_sub(1).map(|p| self.steps()[p])
        };
        match next {
            Some(ix) => self.select(ix),
            None => {
                let what = if self.walk.counterpoints_only {
                    "counterpoint"
                } else {
                    "step"
                };
                self.message = Some(if forward {
                    format!(
                        "That was the last {what} of the argument; {} steps back",
                        keymap::key_for(Action::WalkPrev)
                    )
                } else {
                    format!(
                        "This is the first {what}; {} steps forward",
                        keymap::key_for(Action::WalkNext)
                    )
                });
            }
        }
    }

    pub(super) fn set_fold(&mut self, ix: NodeIx, fold: bool) {
        if self.tree.folded[ix] != fold && !self.map.nodes[ix].children.is_empty() {
            self.tree.folded[ix] = fold;
            self.rebuild_rows();
        }
    }

    /// Goes where a presenter is: their node, and their paragraph marked and in view.
    pub(crate) fn go_to(&mut self, p: &crate::team::room::Position) {
        if let Some(ix) = self.map.find(&p.node) {
            self.select(ix);
        }
        if (1..=self.map.source.paragraphs.len()).contains(&p.paragraph) {
            self.reveal_paragraph(p.paragraph);
        }
    }
}
