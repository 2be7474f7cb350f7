//! `argwalk export`: the map (and the reader's layer) in the formats other tools read: a prep
//! sheet in Markdown, a Graphviz graph, Argdown, AIF JSON, Anki cards, and a documented JSON.

mod aif;
mod anki;
mod argdown;
mod dot;
mod json;
mod markdown;

pub use anki::count as anki_card_count;

use crate::map::model::ArgumentMap;
use crate::study::Layer;

/// The formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A debater's prep sheet: the case, each objection with its answer, the weak spots and
    /// your notes (plain text reads as well)
    Markdown,
    /// The argument as a Graphviz graph (`dot -Tsvg`)
    Dot,
    /// Argdown, for its VS Code preview and HTML/PDF exports
    Argdown,
    /// AIF JSON (I-nodes, RA and CA nodes), for argument-mining tools (AIFdb, OVA)
    Aif,
    /// Anki cards, tab-separated with import headers
    Anki,
    /// The map as documented, versioned JSON with node ids
    Json,
}

impl Format {
    /// Whether the format prints the reader's notes and verdicts (only then is the layer read).
    pub fn prints_notes(self) -> bool {
        matches!(self, Format::Markdown)
    }
}

/// What an export includes.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The reader's layer, or `None` to leave notes and judgements out.
    pub layer: Option<&'a Layer>,
}

/// The map in `format`.
pub fn render(map: &ArgumentMap, format: Format, options: Options<'_>) -> String {
    match format {
        Format::Markdown => markdown::render(map, options.layer),
        Format::Dot => dot::render(map),
        Format::Argdown => argdown::render(map),
        Format::Aif => aif::render(map),
        Format::Anki => anki::render(map),
        Format::Json => json::render(map),
    }
}

/// The headline of a node: "P1 Label" or "P1 text".
fn name(map: &ArgumentMap, ix: usize) -> String {
    let n = &map.nodes[ix];
    format!("{} {}", n.id, n.headline())
}
