//! A format of debate as data: its two sides, its speeches in order (who gives each, how long,
//! which sheets it is flowed on) and each side's preparation time. Six are shipped as files
//! (`argument-maps/formats/`); a coach writes their league's in the same form, and
//! `argwalk check` checks it as it checks a map.

use crate::map::diagnostic::{Report, SourceFile};

use super::read::Reader;

/// The formats shipped, by the name a motion gives (`format = "public-forum"`).
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "policy",
        include_str!("../../argument-maps/formats/policy.toml"),
    ),
    (
        "public-forum",
        include_str!("../../argument-maps/formats/public-forum.toml"),
    ),
    (
        "lincoln-douglas",
        include_str!("../../argument-maps/formats/lincoln-douglas.toml"),
    ),
    (
        "world-schools",
        include_str!("../../argument-maps/formats/world-schools.toml"),
    ),
    (
        "british-parliamentary",
        include_str!("../../argument-maps/formats/british-parliamentary.toml"),
    ),
    (
        "american-parliamentary",
        include_str!("../../argument-maps/formats/american-parliamentary.toml"),
    ),
];

/// One speech of a round.
#[derive(Debug, Clone, PartialEq)]
pub struct Speech {
    pub name: String,
    /// What a flow's column is headed with ("1AC").
    pub short: String,
    /// 0 for the first side, 1 for the second.
    pub side: usize,
    pub minutes: u32,
    /// Whether it is flowed at all (a cross-examination is not).
    pub flowed: bool,
    /// The sheets it is flowed on: 0 the first side's case, 1 the second's.
    pub sheets: Vec<usize>,
}

/// A format of debate.
#[derive(Debug, Clone, PartialEq)]
pub struct Format {
    pub name: String,
    pub sides: [String; 2],
    /// Minutes of preparation time each side has during the round.
    pub prep: u32,
    pub speeches: Vec<Speech>,
}

const FORMAT_KEYS: &[&str] = &["name", "sides", "prep"];
const SPEECH_KEYS: &[&str] = &["name", "short", "side", "minutes", "flowed", "sheets"];

/// Reads a format file's text: the format, or every mistake in the report.
pub fn read(name: &str, text: &str) -> (Option<Format>, Report) {
    let file = SourceFile::new(name, text);
    let (doc, errors) = toml::de::DeTable::parse_recoverable(&file.text);
    let mut r = Reader::new(&file);
    r.syntax(&errors);
    let doc = doc.get_ref();
    r.unknown_keys(doc, &["format", "speech"], "a format of debate");
    let mut format = None;
    match r.table(doc, "format", "[format]") {
        None => {
            let d = file
                .error(0..0, "a format file has no [format] table")
                .help("begin with `[format]`, its `name`, `sides = [\"Affirmative\", \"Negative\"]` and `prep` minutes")
                .done();
            r.diags.push(d);
        }
        Some((t, at)) => {
            r.unknown_keys(t, FORMAT_KEYS, "[format]");
            let title = r.string(t, &at, "name", true, "\"Public Forum\"");
            let sides = r.strings(t, "sides", "[\"Pro\", \"Con\"]");
            if sides.len() != 2 {
                let span = crate::map::format::span_of_header(&file.text, at.clone());
                r.error(
                    span,
                    "a format names its two sides".into(),
                    "write `sides = [\"Affirmative\", \"Negative\"]`".into(),
                );
            }
            let prep = r.number(t, &at, "prep", 0..=60, true);
            if let (Some(title), [a, b], Some(prep)) = (title, &sides[..], prep) {
                format = Some(Format {
                    name: title.value,
                    sides: [a.value.clone(), b.value.clone()],
                    prep: u32::try_from(prep.value).unwrap_or(0),
                    speeches: Vec::new(),
                });
            }
        }
    }
    let mut speeches = Vec::new();
    for (t, at) in r.tables(doc, "speech") {
        r.unknown_keys(t, SPEECH_KEYS, "[[speech]]");
        let name = r.string(t, &at, "name", true, "\"First Affirmative Constructive\"");
        let short = r.string(t, &at, "short", true, "\"1AC\"");
        let side = r.number(t, &at, "side", 1..=2, true);
        let minutes = r.number(t, &at, "minutes", 1..=60, true);
        let flowed = r.boolean(t, "flowed").unwrap_or(true);
        let sheets = r.numbers(t, "sheets", 1..=2);
        if let (Some(name), Some(short), Some(side), Some(minutes)) = (name, short, side, minutes) {
            let side = usize::try_from(side.value - 1).unwrap_or(0);
            speeches.push(Speech {
                name: name.value,
                short: short.value,
                side,
                minutes: u32::try_from(minutes.value).unwrap_or(1),
                flowed,
                sheets: sheets
                    .unwrap_or_else(|| vec![1, 2])
                    .into_iter()
                    .filter_map(|s| usize::try_from(s - 1).ok())
                    .collect(),
            });
        }
    }
    if speeches.is_empty() && r.diags.is_empty() {
        let d = file
            .error(0..0, "a format has no speeches")
            .help("add a `[[speech]]` for each speech, in the order they are given")
            .done();
        r.diags.push(d);
    }
    let diagnostics = std::mem::take(&mut r.diags);
    let errors = diagnostics.iter().any(|d| d.is_error());
    let format = format.filter(|_| !errors).map(|f| Format { speeches, ..f });
    (format, Report { file, diagnostics })
}

/// A shipped format by its name.
pub fn shipped(name: &str) -> Option<Format> {
    let (_, text) = SHIPPED.iter().find(|(n, _)| *n == name)?;
    read(&format!("{name}.toml"), text).0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every shipped format reads clean, and is what its league runs.
    #[test]
    fn the_shipped_formats_read_clean() {
        for (name, text) in SHIPPED {
            let (format, report) = read(name, text);
            assert_eq!(report.diagnostics.len(), 0, "{}", report.render(false));
            let f = format.unwrap_or_else(|| panic!("{name}"));
            assert!(
                f.speeches.iter().filter(|s| s.flowed).count() >= 5,
                "{name}"
            );
            assert!(
                f.speeches.iter().any(|s| s.side == 0) && f.speeches.iter().any(|s| s.side == 1)
            );
        }
        let policy = shipped("policy").unwrap();
        let flowed: Vec<&str> = policy
            .speeches
            .iter()
            .filter(|s| s.flowed)
            .map(|s| s.short.as_str())
            .collect();
        assert_eq!(
            flowed,
            ["1AC", "1NC", "2AC", "2NC", "1NR", "1AR", "2NR", "2AR"]
        );
        assert_eq!(policy.prep, 8);
        assert_eq!(
            shipped("public-forum").unwrap().sides,
            ["Pro".to_string(), "Con".to_string()]
        );
    }

    /// Each mistake of a format file at its place, with what to write.
    #[test]
    fn a_format_with_mistakes_says_each_at_its_place() {
        let text = "[format]\nname = \"Ours\"\nsides = [\"A\"]\nprep = 99\n\n[[speech]]\nname = \"One\"\nshort = \"1\"\nside = 3\nminutes = 5\nminuets = 4\n";
        let (format, report) = read("ours.toml", text);
        assert!(format.is_none());
        let said: Vec<(usize, usize, String)> = report
            .diagnostics
            .iter()
            .map(|d| (d.line, d.column, d.message.clone()))
            .collect();
        assert!(
            said.contains(&(1, 1, "a format names its two sides".into())),
            "{said:?}"
        );
        assert!(
            said.contains(&(4, 8, "`prep` must be a whole number from 0 to 60".into())),
            "{said:?}"
        );
        assert!(
            said.contains(&(9, 8, "`side` must be a whole number from 1 to 2".into())),
            "{said:?}"
        );
        assert!(
            said.contains(&(11, 1, "unknown key `minuets` in [[speech]]".into())),
            "{said:?}"
        );
        let rendered = report.render(false);
        assert!(rendered.contains("write `minutes`"), "{rendered}");
    }
}
