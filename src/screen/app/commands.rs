//! The handlers of the reader's commands: one method each, named on its line of the command
//! table ([`crate::screen::command`]), which dispatches to it.

use crate::map::model::Kind;
use crate::screen::command::Reader;
use crate::screen::event::Effect;
use crate::screen::keymap::{self, Action};
use crate::screen::scrollable::Scrollable;

use super::{App, Exit, Focus, Follow, Overlay, Search, quit, window};

/// Nothing for the driver to do: the state changed, and the next frame shows it.
fn shown() -> Vec<Effect> {
    Vec::new()
}

impl Reader for App {
    type Out = Vec<Effect>;

    fn quit(&mut self) -> Vec<Effect> {
        quit(self, Exit::Quit)
    }

    fn interrupt(&mut self) -> Vec<Effect> {
        quit(self, Exit::Interrupt)
    }

    fn back(&mut self) -> Vec<Effect> {
        if !self.search.active() {
            return quit(self, Exit::Quit);
        }
        self.search = Search::default();
        self.message = Some(format!(
            "Search cleared; {} again quits",
            keymap::key_for(Action::Back)
        ));
        shown()
    }

    fn help(&mut self) -> Vec<Effect> {
        self.overlay = Overlay::Help { scroll: 0 };
        shown()
    }

    fn show_node(&mut self) -> Vec<Effect> {
        self.overlay = Overlay::Node { scroll: 0 };
        shown()
    }

    fn edit(&mut self) -> Vec<Effect> {
        match self.edit_target() {
            Ok(effect) => {
                self.overlay = Overlay::None;
                vec![effect]
            }
            Err(why) => {
                self.message = Some(why);
                shown()
            }
        }
    }

    fn show_problems(&mut self) -> Vec<Effect> {
        if self.problems.is_some() {
            self.overlay = Overlay::Problems { scroll: 0 };
        } else {
            self.message = Some("The map on screen has no problems".into());
        }
        shown()
    }

    fn switch_focus(&mut self) -> Vec<Effect> {
        self.focus = match self.focus {
            Focus::Tree => Focus::Source,
            Focus::Source => Focus::Tree,
        };
        shown()
    }

    fn walk_next(&mut self) -> Vec<Effect> {
        self.walk(true);
        shown()
    }

    fn walk_prev(&mut self) -> Vec<Effect> {
        self.walk(false);
        shown()
    }

    fn start_search(&mut self) -> Vec<Effect> {
        let origin = Some((
            self.tree.selected,
            self.source.top,
            self.source.cursor,
            self.focus,
        ));
        self.search = Search {
            prompt: true,
            origin,
            ..Search::default()
        };
        shown()
    }

    fn search_input(&mut self, c: char) -> Vec<Effect> {
        self.search.query.push(c);
        self.run_search();
        shown()
    }

    fn search_backspace(&mut self) -> Vec<Effect> {
        self.search.query.pop();
        self.run_search();
        shown()
    }

    fn search_confirm(&mut self) -> Vec<Effect> {
        self.search.prompt = false;
        self.go_to_hit();
        if self.search.active() {
            let n = self.search.hits.len();
            self.message = Some(match n {
                0 => format!("No match for \"{}\"", self.search.query),
                _ => format!(
                    "{n} matches: {} next, {} previous, {} clears",
                    keymap::key_for(Action::NextMatch),
                    keymap::key_for(Action::PrevMatch),
                    keymap::key_for(Action::Back)
                ),
            });
        }
        shown()
    }

    fn search_cancel(&mut self) -> Vec<Effect> {
        if let Some((sel, top, cursor, focus)) = self.search.origin {
            self.search = Search::default();
            self.select(sel);
            self.source.top = top;
            self.source.cursor = cursor;
            self.focus = focus;
            self.clamp_source();
        }
        self.search = Search::default();
        shown()
    }

    fn next_match(&mut self) -> Vec<Effect> {
        self.step_hit(true);
        shown()
    }

    fn previous_match(&mut self) -> Vec<Effect> {
        self.step_hit(false);
        shown()
    }

    fn fold_all(&mut self) -> Vec<Effect> {
        let thesis = self.map.thesis;
        for (ix, f) in self.tree.folded.iter_mut().enumerate() {
            *f = ix != thesis && !self.map.nodes[ix].children.is_empty();
        }
        self.rebuild_rows();
        self.show_selected_source();
        shown()
    }

    fn unfold_all(&mut self) -> Vec<Effect> {
        self.tree.folded.iter_mut().for_each(|f| *f = false);
        self.rebuild_rows();
        shown()
    }

    fn counterpoints_only(&mut self) -> Vec<Effect> {
        self.walk.counterpoints_only = !self.walk.counterpoints_only;
        if self.walk.counterpoints_only && self.walk.counter_walk.is_empty() {
            self.walk.counterpoints_only = false;
            self.message = Some("This map has no counterpoints".into());
            return shown();
        }
        self.rebuild_rows();
        if self.walk.counterpoints_only
            && self.map.nodes[self.tree.selected].kind != Kind::Counterpoint
        {
            // Land on the first counterpoint at or after where the reader was.
            let at = self.map.nodes[self.tree.selected].step;
            let next = self.steps().get(self.first_step_from(at)).copied();
            if let Some(ix) = next.or(self.walk.counter_walk.first().copied()) {
                self.select(ix);
            }
        }
        self.message = Some(if self.walk.counterpoints_only {
            format!(
                "Counterpoints only ({}): {} shows all",
                self.walk.counter_walk.len(),
                keymap::key_for(Action::ToggleCounterpoints)
            )
        } else {
            "All nodes".into()
        });
        shown()
    }

    fn move_down(&mut self) -> Vec<Effect> {
        self.move_rows(1);
        shown()
    }

    fn move_up(&mut self) -> Vec<Effect> {
        self.move_rows(-1);
        shown()
    }

    fn page_down(&mut self) -> Vec<Effect> {
        self.move_rows(self.areas().tree_inner.height.max(1) as isize);
        shown()
    }

    fn page_up(&mut self) -> Vec<Effect> {
        self.move_rows(-(self.areas().tree_inner.height.max(1) as isize));
        shown()
    }

    fn first(&mut self) -> Vec<Effect> {
        self.move_rows(isize::MIN / 2);
        shown()
    }

    fn last(&mut self) -> Vec<Effect> {
        self.move_rows(isize::MAX / 2);
        shown()
    }

    fn fold_or_parent(&mut self) -> Vec<Effect> {
        let ix = self.tree.selected;
        if !self.tree.folded[ix] && !self.map.nodes[ix].children.is_empty() {
            self.set_fold(ix, true);
        } else if let Some(p) = self.map.nodes[ix].parent {
            self.select(p);
        }
        shown()
    }

    fn unfold_or_child(&mut self) -> Vec<Effect> {
        let ix = self.tree.selected;
        if self.tree.folded[ix] {
            self.set_fold(ix, false);
        } else if let Some(&c) = self.map.nodes[ix]
            .children
            .iter()
            .find(|&&c| self.tree.row_of[c].is_some())
        {
            self.select(c);
        }
        shown()
    }

    fn toggle_fold(&mut self) -> Vec<Effect> {
        let ix = self.tree.selected;
        if self.map.nodes[ix].children.is_empty() {
            self.message = Some(format!("{} has nothing to fold", self.map.nodes[ix].id));
        } else {
            let f = !self.tree.folded[ix];
            self.set_fold(ix, f);
        }
        shown()
    }

    fn scroll_down(&mut self) -> Vec<Effect> {
        self.scroll_source(true, 1);
        shown()
    }

    fn scroll_up(&mut self) -> Vec<Effect> {
        self.scroll_source(false, 1);
        shown()
    }

    fn source_page_down(&mut self) -> Vec<Effect> {
        self.scroll_source(true, self.source_height().saturating_sub(1).max(1));
        shown()
    }

    fn source_page_up(&mut self) -> Vec<Effect> {
        self.scroll_source(false, self.source_height().saturating_sub(1).max(1));
        shown()
    }

    fn half_page_down(&mut self) -> Vec<Effect> {
        self.scroll_source(true, (self.source_height() / 2).max(1));
        shown()
    }

    fn half_page_up(&mut self) -> Vec<Effect> {
        self.scroll_source(false, (self.source_height() / 2).max(1));
        shown()
    }

    fn source_first(&mut self) -> Vec<Effect> {
        self.reveal_paragraph(1);
        shown()
    }

    fn source_last(&mut self) -> Vec<Effect> {
        let last = self.map.source.paragraphs.len().max(1);
        self.reveal_paragraph(last);
        shown()
    }

    fn next_cited(&mut self) -> Vec<Effect> {
        self.jump_cited(true);
        shown()
    }

    fn previous_cited(&mut self) -> Vec<Effect> {
        self.jump_cited(false);
        shown()
    }

    fn show_citers(&mut self) -> Vec<Effect> {
        if self.map.citers(self.source.cursor).is_empty() {
            let begins_above = self.paragraph_lines(self.source.cursor).start < self.source.top;
            let note = if begins_above {
                " (it begins above)"
            } else {
                ""
            };
            self.message = Some(format!(
                "No node cites paragraph {}{note}",
                self.source.cursor
            ));
        } else {
            self.overlay = Overlay::Citers {
                paragraph: self.source.cursor,
                list: Scrollable::default(),
            };
        }
        shown()
    }

    fn mark_understood(&mut self) -> Vec<Effect> {
        App::mark_understood(self)
    }

    fn verdict(&mut self) -> Vec<Effect> {
        self.judge()
    }

    fn side(&mut self) -> Vec<Effect> {
        self.choose_side()
    }

    fn next_not_understood(&mut self) -> Vec<Effect> {
        App::next_not_understood(self);
        shown()
    }

    fn note(&mut self) -> Vec<Effect> {
        self.open_note();
        shown()
    }

    fn weak_spots(&mut self) -> Vec<Effect> {
        self.overlay = Overlay::Weak {
            list: Scrollable::default(),
        };
        shown()
    }

    fn frontlines(&mut self) -> Vec<Effect> {
        self.overlay = Overlay::Frontlines { scroll: 0 };
        shown()
    }

    fn prep_sheet(&mut self) -> Vec<Effect> {
        self.overlay = Overlay::Sheet { scroll: 0 };
        shown()
    }

    fn drill(&mut self) -> Vec<Effect> {
        self.start_drill();
        shown()
    }

    fn follow_again(&mut self) -> Vec<Effect> {
        match self.settings.follow.as_mut() {
            // In a library, the presenter's other map is opened in place of this one.
            Some(Follow {
                other: Some(fingerprint),
                ..
            }) if self.settings.in_library => {
                let fingerprint = fingerprint.clone();
                if let Some(study) = self.study.as_mut()
                    && study.unsaved()
                {
                    // What is pending here is saved first; the switch waits for it.
                    self.quitting = Some(Exit::Quit);
                    self.switching = Some(fingerprint);
                    return vec![study.save()];
                }
                return vec![Effect::OpenMap(fingerprint)];
            }
            Some(follow) => {
                follow.following = true;
                if let Some(p) = follow.last.clone() {
                    self.go_to(&p);
                }
                self.message = Some("Following the presenter again".into());
            }
            None => self.message = Some("Not following anyone: start with --follow ROOM".into()),
        }
        shown()
    }

    fn critical_questions(&mut self) -> Vec<Effect> {
        self.open_questions();
        shown()
    }

    fn differences(&mut self) -> Vec<Effect> {
        if self.settings.against.is_some() {
            self.overlay = Overlay::Differences {
                list: Scrollable::default(),
            };
        } else {
            self.message = Some(
                "No reference to compare with: open the map with --against REFERENCE.toml".into(),
            );
        }
        shown()
    }

    fn resize(&mut self, width: u16, height: u16) -> Vec<Effect> {
        self.width = width;
        self.height = height;
        self.rewrap();
        self.clamp_source();
        self.keep_selection_visible();
        self.clamp_overlay();
        shown()
    }

    fn window(&mut self, action: Action) -> Vec<Effect> {
        window::update(self, action)
    }

    fn elsewhere(&mut self, _: Action) -> Vec<Effect> {
        // The library's keys and the flow's: a map's reader has neither.
        shown()
    }
}
