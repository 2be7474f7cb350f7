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

/// What `export --to` names: a map's formats, and a flow's (Markdown, JSON, CSV, the printable
/// sheet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Target {
    /// A map: a debater's prep sheet (the case, each objection with its answer, the weak spots
    /// and your notes); a flow: speech by speech, each argument with what became of it
    Markdown,
    /// A map: the argument as a Graphviz graph (`dot -Tsvg`)
    Dot,
    /// A map: Argdown, for its VS Code preview and HTML/PDF exports
    Argdown,
    /// A map: AIF JSON (I-nodes, RA and CA nodes), for argument-mining tools (AIFdb, OVA)
    Aif,
    /// A map: Anki cards, tab-separated with import headers
    Anki,
    /// A map or a flow as documented, versioned JSON
    Json,
    /// A flow: its arguments, a row each, for a spreadsheet
    Csv,
    /// A flow: a printable sheet, the speeches side by side in plain text
    Text,
}

impl Target {
    /// The map format it names; `None` for a flow's only.
    pub fn map_format(self) -> Option<Format> {
        Some(match self {
            Target::Markdown => Format::Markdown,
            Target::Dot => Format::Dot,
            Target::Argdown => Format::Argdown,
            Target::Aif => Format::Aif,
            Target::Anki => Format::Anki,
            Target::Json => Format::Json,
            Target::Csv | Target::Text => return None,
        })
    }
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

/// A flowed round in `format`: Markdown, JSON, CSV or the printable sheet; `None` for a format
/// only a map is written in.
pub fn render_flow(
    round: &crate::debate::flow::Round,
    motion: &crate::debate::motion::Motion,
    target: Target,
) -> Option<String> {
    use crate::interchange::flow;
    Some(match target {
        Target::Markdown => flow::markdown(round, motion),
        Target::Json => flow::json(round, motion),
        Target::Csv => flow::csv(round, motion),
        Target::Text => flow::sheet(round, motion),
        Target::Dot | Target::Argdown | Target::Aif | Target::Anki => return None,
    })
}

/// The headline of a node: "P1 Label" or "P1 text".
fn name(map: &ArgumentMap, ix: usize) -> String {
    let n = &map.nodes[ix];
    format!("{} {}", n.id, n.headline())
}
