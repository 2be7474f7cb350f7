//! The line mode's commands on one open map: stepping, reading, searching, and the reader's
//! own layer (notes, marks, verdicts, side, drills), each answered as plain lines.

use crate::map::model::{ArgumentMap, NodeIx};
use crate::study::{Field, Layer, Store};

/// A drill under way: the cards due when it began, the one being asked, and whether its answer
/// was shown. (Its commands are in `drill.rs`, which reads it; it is kept here, beside the
/// reading that holds it, so the two files do not import each other.)
pub(super) struct Run {
    pub(super) queue: Vec<crate::study::drill::DrillCard>,
    pub(super) at: usize,
    pub(super) revealed: bool,
}

/// One map being read: where the reader is, their layer if kept, and a drill under way.
pub(super) struct Reading {
    pub(super) map: ArgumentMap,
    pub(super) at: NodeIx,
    pub(super) layer: Option<(Store, Layer)>,
    /// The map's identity, taken before any transliteration (a presenter's map is found by it).
    pub(super) fingerprint: String,
    pub(super) drill: Option<Run>,
    /// Notes are kept transliterated, as everything else in an ASCII session is.
    pub(super) ascii: bool,
    /// A reference map to compare this one with (`--against`, or a class member's map).
    pub(super) against: Option<std::sync::Arc<ArgumentMap>>,
    /// What could not be saved yet (a full disk): kept, and saved with the next change; on the
    /// way out, written aside ([`crate::study::rescue`]) if it still cannot be.
    pub(super) pending: crate::study::Changes,
    /// The map's files, read again when saved (none for the built-in map), from within
    /// `confine` in a library; and how they stood when last read.
    pub(super) files: Option<(crate::map::files::MapFiles, Option<std::path::PathBuf>)>,
    pub(super) stamp: crate::map::files::Stamp,
}

impl Reading {
    /// `map` at its thesis (or where `layer` says the reader left it).
    pub(super) fn new(
        map: ArgumentMap,
        layer: Option<(Store, Layer)>,
        fingerprint: String,
    ) -> Self {
        let at = layer
            .as_ref()
            .and_then(|(_, l)| l.at.as_deref())
            .and_then(|id| map.find(id))
            .unwrap_or(map.thesis);
        Self {
            map,
            at,
            layer,
            fingerprint,
            drill: None,
            ascii: false,
            against: None,
            pending: crate::study::Changes::default(),
            files: None,
            stamp: crate::map::files::Stamp::default(),
        }
    }

    /// Reads the map again when its files changed since the last command, and says so: the
    /// new map (the reader kept on the node they were on, if it is still there), or why the
    /// last good map stays (its file gone, unreadable, too large, or with errors).
    pub(super) fn follow_saves(&mut self, out: &mut String) {
        let Some((files, confine)) = &self.files else {
            return;
        };
        let Some(read) = crate::map::files::reread(files, &mut self.stamp, confine.as_deref())
        else {
            return;
        };
        let loaded = match read {
            Ok(l) => l,
            Err(why) => {
                out.push_str(&format!("{why}.\n"));
                return;
            }
        };
        let errors = loaded.report.errors();
        let Some(mut map) = loaded.map else {
            out.push_str(&format!(
                "The map was saved with {}: argwalk check shows {}. The last good map stays.\n",
                crate::team::class::count(errors, "error"),
                if errors == 1 { "it" } else { "them" }
            ));
            return;
        };
        if self.ascii {
            map = crate::screen::ascii::map(map);
        }
        let here = self.map.nodes[self.at].id.clone();
        self.map = map;
        self.at = self.map.find(&here).unwrap_or(self.map.thesis);
        out.push_str(&format!(
            "The map was saved: read again, {} nodes.",
            self.map.nodes.len()
        ));
        if self.map.nodes[self.at].id != here {
            out.push_str(&format!(" {here} is gone: back at the thesis."));
        }
        out.push('\n');
    }

    /// The differences from the reference, numbered, the scores first; with a number, goes to
    /// the node that difference is about.
    pub(super) fn differences(&mut self, rest: &str, out: &mut String) {
        let Some(reference) = self.against.clone() else {
            out.push_str(
                "No reference to compare with: open the map with --against REFERENCE (or, in a class, your own map).\n",
            );
            return;
        };
        let comparison = crate::interchange::compare::compare(&self.map, &reference);
        let items = crate::interchange::compare::differences(&comparison, &self.map);
        if rest.is_empty() {
            out.push_str(&comparison.headline());
            out.push('\n');
            for (k, d) in items.iter().enumerate() {
                out.push_str(&format!("  {}. {}\n", k + 1, d.text));
            }
            if comparison.to_look_at().is_empty() {
                out.push_str("No other difference: your map agrees with the reference.\n");
            }
            out.push_str(
                "differences N goes to the node of difference N, or reads the paragraph of one your map has not mapped.\n",
            );
            return;
        }
        match rest
            .parse::<usize>()
            .ok()
            .and_then(|k| items.get(k.checked_sub(1)?))
        {
            Some(crate::interchange::compare::Difference { node: Some(ix), .. }) => {
                self.at = *ix;
                self.node(out);
            }
            Some(crate::interchange::compare::Difference {
                paragraph: Some(n), ..
            }) => {
                out.push_str(
                    "That one is in the reference only: your map has no node for it yet. ",
                );
                match self.map.source.paragraphs.get(n.wrapping_sub(1)) {
                    Some(p) => out.push_str(&format!("Paragraph {}: {}\n", p.number, p.text)),
                    None => out.push('\n'),
                }
            }
            Some(_) => out.push_str("That one is about the whole map, not one node of it.\n"),
            None => out.push_str(&format!(
                "Say which difference, from 1 to {}: differences 1.\n",
                items.len()
            )),
        }
    }

    /// "Back at P3": the reader starts where they left this map last time.
    pub(super) fn say_back_at(&self, out: &mut String) {
        if self.at != self.map.thesis {
            out.push_str(&format!(
                "Back at {}, where you left it.\n",
                self.map.nodes[self.at].id
            ));
        }
    }

    /// `answer N answered|open|fails|none [PARAGRAPH]`: the reader's answer to critical
    /// question N of the current node's step; alone, the questions and the answers.
    pub(super) fn answer(&mut self, rest: &str, out: &mut String) {
        use crate::study::layer::{Answer, Verdict};
        let m = &self.map;
        let Some(owner) = m.question_owner(self.at) else {
            out.push_str("This step names no scheme: it has no critical questions.\n");
            return;
        };
        let asked = crate::study::questions::of_step(m, owner, self.layer.as_ref().map(|(_, l)| l));
        let mut words = rest.split_whitespace();
        let (Some(k), Some(word)) = (words.next(), words.next()) else {
            for (i, a) in asked.iter().enumerate() {
                out.push_str(&format!("  {}. {}\n", i + 1, a.said(m, "¶")));
            }
            out.push_str("answer N answered P, answer N open, answer N fails, answer N none.\n");
            return;
        };
        let Some(k) = k
            .parse::<usize>()
            .ok()
            .and_then(|k| k.checked_sub(1))
            .filter(|&k| k < asked.len())
        else {
            out.push_str(&format!("Say which question, from 1 to {}.\n", asked.len()));
            return;
        };
        let paragraph = words
            .next()
            .and_then(|p| p.trim_start_matches('¶').parse::<usize>().ok())
            .filter(|p| (1..=m.source.paragraphs.len()).contains(p));
        let answer = match word {
            "answered" | "a" => match paragraph {
                Some(p) => Some(Answer {
                    verdict: Verdict::Answered,
                    paragraph: Some(p),
                }),
                None => {
                    out.push_str(&format!(
                        "Say where the article answers it, from 1 to {}: answer 1 answered 4\n",
                        m.source.paragraphs.len()
                    ));
                    return;
                }
            },
            "open" | "o" => Some(Answer {
                verdict: Verdict::Open,
                paragraph: None,
            }),
            "fails" | "x" => Some(Answer {
                verdict: Verdict::Fails,
                paragraph: None,
            }),
            "none" => None,
            _ => {
                out.push_str("answered, open, fails or none.\n");
                return;
            }
        };
        let Some((_, layer)) = &mut self.layer else {
            out.push_str("Answers are off: there is no folder to keep them in.\n");
            return;
        };
        let Some(key) = crate::study::questions::answer(&self.map, owner, k, answer, layer) else {
            return;
        };
        let why = self.save(&key, Field::Question);
        out.push_str(if why.is_empty() {
            "Answer saved.\n"
        } else {
            &why
        });
    }

    /// Says the current node in full.
    pub(super) fn say_node(&self, out: &mut String) {
        self.node(out);
    }

    /// The paragraph a presenter's followers are shown: the first the current node cites.
    pub(super) fn paragraph(&self) -> usize {
        self.map.nodes[self.at]
            .citations
            .first()
            .map_or(0, |c| c.first)
    }

    /// Keeps where the reader is in the layer, for the next session on this map.
    pub(super) fn keep_position(&mut self) {
        let id = self.map.nodes[self.at].id.clone();
        let Some((_, layer)) = &mut self.layer else {
            return;
        };
        if layer.at.as_deref() == Some(id.as_str()) {
            return;
        }
        layer.at = Some(id);
        let changes = crate::study::Changes {
            position: true,
            ..Default::default()
        };
        let _ = self.save_changes(&changes);
    }

    /// The current node, as plain lines.
    pub(super) fn node(&self, out: &mut String) {
        let m = &self.map;
        let n = &m.nodes[self.at];
        let step = n.step + 1;
        out.push_str(&format!("{} {}: {}\n", n.role.name(), n.id, n.headline()));
        if n.label.is_some() {
            out.push_str(&format!("  Text: {}\n", n.text));
        }
        // Who argues it, only when known: a claim against the thesis is the author's to
        // reject (or grant), not to make.
        let against = m.against_thesis(self.at);
        match (&n.by, against) {
            (Some(by), _) => out.push_str(&format!("  Argued by: {by}\n")),
            (None, false) => out.push_str("  Argued by: the author\n"),
            (None, true) => {}
        }
        // (A conceded one is said below: the author concedes it.)
        if against && !n.conceded {
            out.push_str("  The author rejects this.\n");
        }
        if let (Some(p), Some(bearing)) = (n.parent, m.bearing(self.at)) {
            let mut bearing = bearing;
            if let Some(first) = bearing.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            out.push_str(&format!("  {bearing}: {}\n", m.nodes[p].headline()));
        }
        if n.raised {
            out.push_str("  The author raises this objection himself, to answer it.\n");
        }
        for &(to, link) in &n.also {
            out.push_str(&format!(
                "  Also {}: {} {}\n",
                link.verb(),
                m.nodes[to].id,
                m.nodes[to].headline()
            ));
        }
        let (support, attack) = m.supporters_and_attackers(self.at);
        let ids = |v: &[NodeIx]| {
            v.iter()
                .map(|&i| m.nodes[i].id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !support.is_empty() {
            out.push_str(&format!("  Supported by: {}\n", ids(&support)));
        }
        if !attack.is_empty() {
            out.push_str(&format!("  Attacked by: {}\n", ids(&attack)));
        }
        if n.conceded {
            out.push_str("  The author concedes it.\n");
        }
        if n.implicit {
            out.push_str("  Implicit: the text leaves it unstated.\n");
        }
        say_scheme(m, self.at, out);
        if !n.tags.is_empty() {
            out.push_str(&format!("  Tags: {}.\n", n.tags.join(", ")));
        }
        if let Some(note) = &n.note {
            out.push_str(&format!(
                "  The mapper's note: {}\n",
                note.replace('\n', " / ")
            ));
        }
        say_citations(n, out);
        if let Some((_, layer)) = &self.layer
            && let Some(s) = layer.node(&n.id)
        {
            if s.understood {
                out.push_str("  You marked it understood.\n");
            }
            if let Some(j) = s.judgement {
                out.push_str(&format!("  Your verdict: {}.\n", j.word(n.kind)));
            }
            if !s.note.is_empty() {
                out.push_str(&format!("  Your note: {}\n", s.note.replace('\n', " / ")));
            }
        }
        out.push_str(&format!("Step {step} of {}.\n", m.walk.len()));
    }

    pub(super) fn save(&mut self, id: &str, field: Field) -> String {
        let changes = crate::study::Changes {
            fields: [(id.to_string(), field)].into(),
            ..Default::default()
        };
        self.save_changes(&changes).0
    }

    /// Saves a note written over `base`, what this session knew of it: another session's note
    /// written meanwhile is kept beside it, and the warning says so.
    pub(super) fn save_note(&mut self, id: &str, base: String) -> (String, Option<String>) {
        let changes = crate::study::Changes {
            fields: [(id.to_string(), Field::Note)].into(),
            note_bases: [(id.to_string(), base)].into(),
            ..Default::default()
        };
        self.save_changes(&changes)
    }

    pub(super) fn save_changes(
        &mut self,
        changes: &crate::study::Changes,
    ) -> (String, Option<String>) {
        let Some((store, layer)) = &mut self.layer else {
            return (
                "Notes and marks are off: there is no folder to keep them in.".into(),
                None,
            );
        };
        // What failed before goes again with this change: nothing acknowledged is dropped.
        let mut all = changes.clone();
        all.absorb(std::mem::take(&mut self.pending));
        match store.save(layer, &all) {
            Ok((merged, warning)) => {
                *layer = merged;
                (String::new(), warning)
            }
            Err(why) => {
                self.pending = all;
                (
                    format!(
                        "Not saved: {why}. It is kept in this session, and saved with your next change (or when you quit).\n"
                    ),
                    None,
                )
            }
        }
    }

    /// On the way out: what could not be saved is tried once more, and if that fails too,
    /// written aside for the next session ([`crate::study::rescue`]). `Some` says what was not
    /// saved, every note whole, and where it was kept.
    pub(super) fn unsaved(&mut self) -> Option<String> {
        if self.pending.is_empty() {
            return None;
        }
        let (why, _) = self.save_changes(&crate::study::Changes::default());
        if self.pending.is_empty() {
            return None;
        }
        let pending = std::mem::take(&mut self.pending);
        let (store, layer) = self.layer.as_ref()?;
        let mut out = format!(
            "argwalk: your changes to {} could not be saved ({}).\n",
            self.map.source.title,
            why.trim_end()
        );
        match store.rescue(layer) {
            Ok(at) => out.push_str(&format!(
                "They are kept at {} and are taken back the next time you open this map.\n",
                crate::map::sanitize::path(&at)
            )),
            Err(e) => out.push_str(&format!("They could not be kept aside either ({e}).\n")),
        }
        for (id, field) in &pending.fields {
            if *field == crate::study::Field::Note
                && let Some(state) = layer.node(id)
            {
                out.push_str(&format!("Your note on {id}: {}\n", state.note));
            }
        }
        Some(out)
    }
}

/// The scheme of node `at`'s step, and each of its critical questions, open or answered.
fn say_scheme(m: &ArgumentMap, at: NodeIx, out: &mut String) {
    if let Some(scheme) = m.scheme_of(at) {
        out.push_str(&format!(
            "  Scheme: {}. Its critical questions:\n",
            scheme.name
        ));
        for (q, by) in m.critical_questions(at) {
            let ids: Vec<&str> = by.iter().map(|&b| m.nodes[b].id.as_str()).collect();
            if ids.is_empty() {
                out.push_str(&format!("    {} Open.\n", q.text));
            } else {
                out.push_str(&format!("    {} Answered by {}.\n", q.text, ids.join(", ")));
            }
        }
    }
}

/// Each citation of node `n`: its paragraph and quote, or the paragraphs it cites whole.
fn say_citations(n: &crate::map::model::Node, out: &mut String) {
    for c in &n.citations {
        match &c.quote {
            Some(q) => out.push_str(&format!(
                "  Cites paragraph {}: \"{}\"\n",
                q.paragraph, q.text
            )),
            None if c.first == c.last => out.push_str(&format!("  Cites paragraph {}\n", c.first)),
            None => out.push_str(&format!("  Cites paragraphs {} to {}\n", c.first, c.last)),
        }
    }
}
