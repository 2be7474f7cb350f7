//! The teacher's class list in the full screen: every member's maps, scored against their
//! references on a thread of its own, so the screen answers keys while a class of large
//! hand-ins is scored; rows appear as they are scored, with "scoring k of n" until the last.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};

use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::screen::keymap::{Action, Scope, key_name};
use crate::screen::scrollable::Scrollable;
use crate::screen::theme::Theme;
use crate::screen::wrap;
use crate::team::class::{self, Row};

/// Tells the driver a row was scored (wakes its loop); called on the scoring thread.
pub type Notify = Arc<dyn Fn() + Send + Sync>;

/// What the scoring thread sends: how many there are to score, then each row.
enum Scored {
    Total(usize),
    Row(Row),
}

/// The rows being scored on their thread.
struct Scoring {
    rx: Receiver<Scored>,
    /// Set to stop the thread: the list was left or scored afresh.
    stop: Arc<AtomicBool>,
    total: Option<usize>,
}

impl Drop for Scoring {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// The class list's state.
pub struct ClassList {
    /// The class folder: one folder per member.
    pub dir: PathBuf,
    library: PathBuf,
    pub rows: Vec<Row>,
    list: Scrollable,
    scoring: Option<Scoring>,
}

impl ClassList {
    /// The class of `dir`, scored against the maps of `library`; nothing is read yet.
    pub fn new(dir: PathBuf, library: PathBuf) -> Self {
        Self {
            dir,
            library,
            rows: Vec::new(),
            list: Scrollable::default(),
            scoring: None,
        }
    }

    /// Scores the class afresh, on a thread; `notify` is called after each row.
    pub fn score(&mut self, notify: Option<Notify>) {
        let (tx, rx) = channel();
        let stop = Arc::new(AtomicBool::new(false));
        let (dir, library, halt) = (self.dir.clone(), self.library.clone(), stop.clone());
        let spawned = std::thread::Builder::new()
            .name("class list".into())
            .spawn(move || {
                let hand_ins = class::hand_ins(&dir);
                let _ = tx.send(Scored::Total(hand_ins.len()));
                let mut scorer = class::Scorer::new(&library);
                for h in &hand_ins {
                    if halt.load(Ordering::Relaxed) {
                        return;
                    }
                    // The comparison is let go here: the row keeps its scores and counts.
                    let (row, _) = scorer.score(h);
                    if tx.send(Scored::Row(row)).is_err() {
                        return;
                    }
                    if let Some(n) = &notify {
                        n();
                    }
                }
            });
        // Scored afresh, from the first row: the rows come again one by one.
        self.rows.clear();
        self.list.reset();
        self.scoring = spawned.is_ok().then_some(Scoring {
            rx,
            stop,
            total: None,
        });
        if self.scoring.is_none() {
            // No thread to be had: scored here, the screen waiting.
            self.rows = class::list(&self.library, &self.dir);
        }
    }

    /// Takes the rows scored since the last call; whether any came.
    pub fn take_scored(&mut self) -> bool {
        let Some(s) = &self.scoring else {
            return false;
        };
        let got: Vec<Scored> = s.rx.try_iter().collect();
        let any = !got.is_empty();
        for g in got {
            self.receive(g);
        }
        self.settle();
        any
    }

    /// Waits until every row is scored (a script's or a test's list, drawn whole).
    pub fn finish(&mut self) {
        while let Some(s) = &self.scoring {
            match s.rx.recv() {
                Ok(got) => self.receive(got),
                Err(_) => self.scoring = None,
            }
            self.settle();
        }
    }

    /// One message of the scoring thread: how many there are, or a row.
    fn receive(&mut self, got: Scored) {
        match got {
            Scored::Total(n) => {
                if let Some(s) = &mut self.scoring {
                    s.total = Some(n);
                }
            }
            Scored::Row(r) => self.rows.push(r),
        }
    }

    /// Ends the scoring once every row it said there would be has come.
    fn settle(&mut self) {
        if self
            .scoring
            .as_ref()
            .is_some_and(|s| s.total.is_some_and(|n| self.rows.len() >= n))
        {
            self.scoring = None;
        }
    }

    /// The row selected.
    pub fn selected(&self) -> usize {
        self.list.selected
    }

    /// Whether rows are still being scored.
    pub fn scoring(&self) -> bool {
        self.scoring.is_some()
    }

    /// Stops scoring (the list is left).
    pub fn stop(&mut self) {
        self.scoring = None;
    }

    /// Applies a key's action; returns the member's map to open.
    pub fn update(&mut self, action: Action, rows: usize) -> Option<PathBuf> {
        let rows = rows.saturating_sub(1).max(1);
        if action == Action::OverlayChoose {
            return self
                .rows
                .get(self.list.selected)
                .and_then(|r| r.map.clone());
        }
        self.list.step(action, self.rows.len(), rows);
        None
    }

    /// Where the screen reader's cursor goes: the selected row (below the heading).
    pub fn focus(&self) -> Option<ratatui::layout::Position> {
        let y = self.list.line()?;
        Some(ratatui::layout::Position::new(1, 2 + y))
    }

    /// The list's title: the members, the progress while scoring, and its keys.
    fn title(&self) -> String {
        let members = {
            let mut m: Vec<&str> = self.rows.iter().map(|r| r.member.as_str()).collect();
            m.dedup();
            m.len()
        };
        let progress = match &self.scoring {
            Some(s) => match s.total {
                Some(n) => format!(", scoring {} of {n}", self.rows.len() + 1),
                None => ", listing the members".to_string(),
            },
            None => String::new(),
        };
        format!(
            " Class: {}{progress} ({}: open against its reference, {}: the library, {}: quit) ",
            class::count(members, "member"),
            key_name(Scope::Library, Action::OverlayChoose),
            key_name(Scope::Library, Action::ClassList),
            key_name(Scope::Library, Action::Quit)
        )
    }

    /// Draws the class list: a heading, then a row per member's map.
    pub fn render(&self, frame: &mut Frame, theme: &Theme) {
        let area = frame.area();
        let block = Block::bordered()
            .border_set(theme.border())
            .border_style(theme.border_style(true))
            .title(self.title());
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = usize::from(inner.width);
        let widest = |f: &dyn Fn(&Row) -> usize, least: usize| {
            self.rows.iter().map(f).max().unwrap_or(0).max(least)
        };
        let member_width = widest(&|r| wrap::width(&r.member), 6);
        let name_width = widest(&|r| wrap::width(&r.map_name()), 3);
        let pad = |text: &str, w: usize| {
            format!("{text}{}", " ".repeat(w.saturating_sub(wrap::width(text))))
        };
        let mut lines = vec![Line::from(Span::styled(
            wrap::truncate(
                &format!(
                    "{}  {}  score against the library's map of the same article",
                    pad("member", member_width),
                    pad("map", name_width)
                ),
                width,
                theme.glyphs().ellipsis,
            ),
            Style::new().add_modifier(Modifier::BOLD),
        ))];
        if self.rows.is_empty() && self.scoring.is_none() {
            lines.push(Line::from(
                "No member's folder in the class: one folder per member, named as --user names them.",
            ));
        }
        for (row, r) in self
            .rows
            .iter()
            .enumerate()
            .skip(self.list.top)
            .take(usize::from(inner.height.saturating_sub(1)))
        {
            let text = format!(
                "{}  {}  {}",
                pad(&r.member, member_width),
                pad(&r.map_name(), name_width),
                r.summary()
            );
            lines.push(crate::screen::scrollable::row_line(
                &text,
                width,
                row == self.list.selected,
                theme,
            ));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
