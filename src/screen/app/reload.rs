//! A saved map taken in (kept where the reader was, by node id), and where the editor opens.

use std::sync::Arc;

use super::{App, Focus, MapFiles, Overlay, Search};
use crate::map::model::{ArgumentMap, NodeIx};
use crate::screen::event::Effect;

impl App {
    /// After a save of the map: the new map if it is clean, kept where the reader was (by node
    /// id: selection, folds, search; by number: the source's scroll and mark); else the last
    /// good map stays and its problems are kept for `!`.
    pub(super) fn reloaded(&mut self, loaded: crate::map::loader::Loaded) {
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
                "{errors} error{s} in {name}: {} shows them (the last good map stays)",
                crate::screen::keymap::key_for(crate::screen::keymap::Action::ShowProblems)
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

    pub(super) fn replace_map(&mut self, map: ArgumentMap) {
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
            .zip(&self.tree.folded)
            .filter(|(_, f)| **f)
            .filter_map(|(n, _)| by_id.get(n.id.as_str()).copied())
            .collect();
        // The selection, or its nearest ancestor that is still there.
        let mut at = Some(self.tree.selected);
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
                fresh.tree.folded[ix] = true;
            }
        }
        fresh.walk.counterpoints_only =
            self.walk.counterpoints_only && !fresh.walk.counter_walk.is_empty();
        fresh.rebuild_rows();
        fresh.select(selected);
        fresh.focus = self.focus;
        // The session's settings are the session's, whole: a follower keeps following, a
        // screen reader's theme keeps measuring. The reader's layer is the reader's: a new map
        // keeps it (keyed by id), with a note being typed and a drill under way.
        fresh.settings = std::mem::take(&mut self.settings);
        fresh.study = self.study.take();
        fresh.now = self.now;
        fresh.quitting = self.quitting.take();
        fresh.lose_on_quit = self.lose_on_quit;
        fresh.fingerprint = self.fingerprint.take();
        fresh.switching = self.switching.take();
        // The map may name another article now.
        fresh.files = self
            .files
            .take()
            .map(|f| MapFiles::new(f.map, fresh.map.source.text_file.as_deref()));
        let count = fresh.map.source.paragraphs.len().max(1);
        fresh.source.top = self.source.top;
        fresh.source.cursor = self.source.cursor.clamp(1, count);
        fresh.clamp_source();
        // Every window stays open over the new map, but those about what the map no longer
        // has: a paragraph gone, or problems a clean save fixed.
        fresh.overlay =
            super::window::reload(std::mem::replace(&mut self.overlay, Overlay::None), &fresh);
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
        fresh.tree.top = fresh.tree.top.min(fresh.tree.rows.len().saturating_sub(1));
        *self = fresh;
        self.clamp_overlay();
    }

    /// The file and line the editor opens at: the marked paragraph from the source pane, the
    /// first problem from the problems window, else the selected node's table.
    pub(super) fn edit_target(&self) -> Result<Effect, String> {
        if self.settings.restricted {
            return Err("Editing is off in this session: maps here are read, not changed".into());
        }
        let Some(files) = &self.files else {
            return Err("Built-in map: `argwalk init --example DIR` writes a copy to edit".into());
        };
        let (file, line) =
            if let (Overlay::Problems { .. }, Some(report)) = (&self.overlay, &self.problems) {
                let line = report.diagnostics.first().map_or(1, |d| d.line);
                (files.map.clone(), line)
            } else if self.focus == Focus::Source {
                let p = self
                    .map
                    .source
                    .paragraphs
                    .get(self.source.cursor.wrapping_sub(1));
                let line = p.map_or(1, |p| p.line.max(1));
                (
                    files.article.clone().unwrap_or_else(|| files.map.clone()),
                    line,
                )
            } else {
                (
                    files.map.clone(),
                    self.map.nodes[self.tree.selected].line.max(1),
                )
            };
        Ok(Effect::OpenEditor { file, line })
    }
}
