//! The debate round: the formats of debate (speeches, sides, times) as files a coach writes,
//! and a motion whose cases draw on many maps of the library; each checked as maps are, every
//! mistake at its place.

pub mod case;
pub mod clock;
pub mod flow;
pub mod format;
pub mod grid;
pub mod motion;
mod read;
pub mod round_file;
pub mod round_store;
pub mod standing;
pub mod words;

/// A motion's or a flow's line in a library: what it is and how far it went, or why it cannot
/// be read; read from within `root`.
pub fn summary(path: &std::path::Path, root: &std::path::Path) -> String {
    let read = crate::map::loader::read_limited(path)
        .map_err(|e| format!("{e:#}"))
        .and_then(|b| crate::map::loader::utf8_text(&path.display().to_string(), b));
    let text = match read {
        Ok(t) => t,
        Err(e) => return crate::map::sanitize::clean(&format!("(cannot be read: {e})")),
    };
    let dir = path.parent().unwrap_or(root);
    if round_file::is_flow(&text) {
        return match round_file::read(&path.display().to_string(), &text, dir, Some(root)) {
            (Some(f), _) => {
                let drops = standing::drops(&f.round, &f.motion.format).len();
                let speech = f
                    .motion
                    .format
                    .speeches
                    .get(f.round.speech)
                    .map_or("", |s| s.short.as_str());
                format!(
                    "flow: {} · {} · {} arguments · {drops} drops · at the {speech}",
                    if f.round.name.is_empty() {
                        "a round"
                    } else {
                        &f.round.name
                    },
                    f.motion.text,
                    f.round.args.len()
                )
            }
            (None, report) => format!(
                "(a flow with {} errors: argwalk check shows them)",
                report.errors()
            ),
        };
    }
    match motion::read(&path.display().to_string(), &text, dir) {
        (Some(m), _) => format!(
            "motion: {} · {} · {} claims, {} blocks · Enter flows a round",
            m.text,
            m.format.name,
            m.claims.len(),
            m.blocks.len()
        ),
        (None, report) => format!(
            "(a motion with {} errors: argwalk check shows them)",
            report.errors()
        ),
    }
}
