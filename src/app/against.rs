//! `--against REFERENCE`: the reader's map compared with a reference map of the same article
//! ([`crate::compare`]), its differences listed by `D` and walked: Enter goes to the node of
//! the reader's map each one is about. Computed from the map on screen, so a save shows at
//! once what it changed.

use crate::model::NodeIx;

use super::App;

impl App {
    /// The comparison with the reference, if there is one.
    pub fn comparison(&self) -> Option<crate::compare::Comparison> {
        let reference = self.settings.against.as_ref()?;
        Some(crate::compare::compare(&self.map, reference))
    }

    /// Each difference in words, with the node of the reader's map it is about (none for what
    /// the reader has not mapped).
    pub fn differences(&self) -> Vec<(String, Option<NodeIx>)> {
        let Some(c) = self.comparison() else {
            return Vec::new();
        };
        use crate::compare::{Look, a, verb};
        let node = |id: Option<&str>| id.and_then(|id| self.map.find(id));
        c.to_look_at()
            .into_iter()
            .map(|item| match item {
                Look::Missed(m) => {
                    let paragraphs: Vec<String> =
                        m.paragraphs.iter().map(|p| format!("¶{p}")).collect();
                    (
                        format!(
                            "Not mapped: the reference's {} {} ({}): {}",
                            m.role.name().to_lowercase(),
                            m.id,
                            paragraphs.join(", "),
                            m.text
                        ),
                        None,
                    )
                }
                Look::Kind(p, mine, theirs) => (
                    format!(
                        "Your {} is {}; the reference makes it {} ({})",
                        p.student,
                        a(&mine.name().to_lowercase()),
                        a(&theirs.name().to_lowercase()),
                        p.reference
                    ),
                    node(Some(&p.student)),
                ),
                Look::Link(l) => (
                    format!(
                        "In the reference, {} {} {}: your map does not link them so",
                        l.from,
                        verb(l.relation),
                        l.to
                    ),
                    node(c.student_of(&l.from)).or_else(|| node(c.student_of(&l.to))),
                ),
                Look::Extra(e) => (
                    format!("Your {} has no counterpart in the reference", e.id),
                    node(Some(&e.id)),
                ),
            })
            .collect()
    }
}
