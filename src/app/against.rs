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
        let yours = |reference_id: &str| {
            c.pairs
                .iter()
                .find(|p| p.reference == reference_id)
                .and_then(|p| self.map.find(&p.student))
        };
        let mut out = Vec::new();
        for m in &c.missed {
            let paragraphs: Vec<String> = m.paragraphs.iter().map(|p| format!("¶{p}")).collect();
            out.push((
                format!(
                    "Not mapped: the reference's {} {} ({}): {}",
                    m.role.name().to_lowercase(),
                    m.id,
                    paragraphs.join(", "),
                    m.text
                ),
                None,
            ));
        }
        for p in &c.pairs {
            if let Some((mine, theirs)) = p.kind_differs {
                out.push((
                    format!(
                        "Your {} is {}; the reference makes it {} ({})",
                        p.student,
                        crate::compare::a(&mine.name().to_lowercase()),
                        crate::compare::a(&theirs.name().to_lowercase()),
                        p.reference
                    ),
                    self.map.find(&p.student),
                ));
            }
        }
        for l in &c.links_missed {
            let verb = match l.relation {
                crate::compare::Relation::Supports => "supports",
                crate::compare::Relation::Attacks => "attacks",
                crate::compare::Relation::Undercuts => "undercuts the step from",
            };
            out.push((
                format!(
                    "In the reference, {} {verb} {}: your map does not link them so",
                    l.from, l.to
                ),
                yours(&l.from).or_else(|| yours(&l.to)),
            ));
        }
        for e in &c.extra {
            out.push((
                format!("Your {} has no counterpart in the reference", e.id),
                self.map.find(&e.id),
            ));
        }
        out
    }
}
