//! `--against REFERENCE`: the reader's map compared with a reference map of the same article
//! ([`crate::interchange::compare`]), its differences listed by `D` and walked: Enter goes to the node of
//! the reader's map each one is about. Computed from the map on screen, so a save shows at
//! once what it changed.

use super::App;

impl App {
    /// The comparison with the reference, if there is one.
    pub fn comparison(&self) -> Option<crate::interchange::compare::Comparison> {
        let reference = self.settings.against.as_ref()?;
        Some(crate::interchange::compare::compare(&self.map, reference))
    }

    /// Each difference in words, with the node of the reader's map it is about (none for what
    /// the reader has not mapped: then the paragraph it is at).
    pub fn differences(&self) -> Vec<crate::interchange::compare::Difference> {
        match self.comparison() {
            Some(c) => crate::interchange::compare::differences(&c, &self.map),
            None => Vec::new(),
        }
    }
}
