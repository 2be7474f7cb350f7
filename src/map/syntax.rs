//! TOML syntax errors in an author's words: what went wrong on the line, where, and what to
//! write instead, rather than the parser's wording and a generic hint.
//!
//! The parser reports where it gave up, which is often past the real mistake (the end of a
//! line for a quote inside a string) and often several times for one mistake. So each error is
//! looked at with its line: the mistakes authors make (a `"` inside a string, a string left
//! open, `key: value`, a table given twice) are recognized and placed at their cause, and one
//! line gets one message.

use std::ops::Range;

use crate::map::diagnostic::{Diagnostic, SourceFile};

/// One problem the parser found: its message and where.
pub(crate) struct Raw {
    pub message: String,
    pub span: Range<usize>,
}

/// The line of `text` holding byte `at`: its start and its text (without the newline).
fn line_at(text: &str, at: usize) -> (usize, &str) {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    (start, text[start..end].trim_end_matches('\r'))
}

/// Where a basic string that opens at `open` (the index of its `"` in `line`) closes: the index
/// of the closing quote, or `None` when the line ends first. Escapes are skipped.
fn closing_quote(line: &str, open: usize) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in line[open + 1..].char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(open + 1 + i),
            _ => {}
        }
    }
    None
}

/// The key of a `key = …` or `key: …` line, and the index of the separator.
fn key_of(line: &str) -> Option<(&str, usize, char)> {
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    let end = trimmed
        .find(|c: char| !(c.is_alphanumeric() || "_-.".contains(c)))
        .unwrap_or(trimmed.len());
    if end == 0 {
        return None;
    }
    let rest = &trimmed[end..];
    let gap = rest.len() - rest.trim_start().len();
    let sep = rest.trim_start().chars().next()?;
    matches!(sep, '=' | ':').then(|| (&trimmed[..end], lead + end + gap, sep))
}

/// A table header line's name: `[thesis]` is `thesis`, `[[premise]]` is `premise`.
pub(crate) fn header_name(line: &str) -> Option<(&str, bool)> {
    let t = line.trim();
    let t = t.split('#').next().unwrap_or(t).trim();
    if let Some(inner) = t.strip_prefix("[[").and_then(|r| r.strip_suffix("]]")) {
        return Some((inner.trim(), true));
    }
    t.strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .map(|inner| (inner.trim(), false))
}

/// The message for one parser error, placed at its cause.
fn explain(file: &SourceFile, raw: &Raw) -> Diagnostic {
    let text = &file.text;
    let (start, line) = line_at(text, raw.span.start);
    let col = raw.span.start.saturating_sub(start);
    let message = raw.message.to_lowercase();
    if message.contains("duplicate") {
        if let Some((name @ ("premise" | "evidence" | "counterpoint"), false)) = header_name(line) {
            let at = start + line.find('[').unwrap_or(0);
            let width = line
                .trim_end()
                .len()
                .saturating_sub(line.find('[').unwrap_or(0));
            return file
                .error(at..at + width, format!("`[{name}]` must be `[[{name}]]`: nodes are written with double brackets"))
                .label("single brackets")
                .help(format!("write [[{name}]]: each {name} under its own double-bracketed header, even when there is only one"))
                .done();
        }
        if let Some((name @ ("premise" | "evidence" | "counterpoint"), true)) = header_name(line) {
            let at = start + line.find('[').unwrap_or(0);
            return file
                .error(
                    at..at + 2 + name.len() + 2,
                    format!("[[{name}]] after a single-bracket [{name}]"),
                )
                .label("conflicts with [{name}] above")
                .help(format!("write every {name} as [[{name}]]"))
                .done();
        }
        if let Some((name, false)) = header_name(line) {
            let at = start + line.find('[').unwrap_or(0);
            let span = at..at
                + line
                    .trim_end()
                    .len()
                    .saturating_sub(line.find('[').unwrap_or(0));
            if name == "thesis" {
                return file
                    .error(span, "a map has one thesis, and this is a second [thesis]")
                    .label("second thesis")
                    .help("keep one thesis: make this claim a [[premise]] that supports it, or a [[counterpoint]], and give it its own id")
                    .done();
            }
            return file
                .error(span, format!("[{name}] is written twice"))
                .label("second table of this name")
                .help(format!("merge the two [{name}] tables into one; nodes that repeat are written [[premise]], [[evidence]] or [[counterpoint]]"))
                .done();
        }
        if let Some((key, _, _)) = key_of(line) {
            let at = start + line.find(key).unwrap_or(0);
            return file
                .error(at..at + key.len(), format!("`{key}` is given twice in this table"))
                .label("second value")
                .help("keep one: a key appears once in a table (a node that needs two links takes a list, as in supports = [\"P1\", \"P2\"])")
                .done();
        }
    }
    if message.contains("invalid date") || message.contains("invalid time") {
        let at = raw.span.start;
        let end = start + line.len();
        return file
            .error(at..end.max(at + 1), "this is not a valid date")
            .label(raw.message.trim().to_string())
            .help("write a date as year-month-day, as in date = 2017-01-25, or as text: date = \"January 2017\"")
            .done();
    }
    if let Some((key, sep_at, ':')) = key_of(line) {
        let at = start + sep_at;
        let value = line[sep_at + 1..].trim();
        return file
            .error(
                at..at + 1,
                "a key and its value are joined with `=`, not `:`",
            )
            .label("write `=` here")
            .help(format!("{key} = {value}"))
            .done();
    }
    if let Some((key, sep_at, '=')) = key_of(line) {
        let value_at =
            sep_at + 1 + (line[sep_at + 1..].len() - line[sep_at + 1..].trim_start().len());
        let value = &line[value_at..];
        if value.starts_with('"') && !value.starts_with("\"\"\"") {
            match closing_quote(line, value_at) {
                None => {
                    let at = start + value_at;
                    return file
                        .error(at..at + 1, "this string is never closed")
                        .label("unterminated string opens here")
                        .help(format!("close it with `\"` at the end of the text on this line; for text over several lines, write {key} = \"\"\"…\"\"\""))
                        .done();
                }
                Some(close) => {
                    let after = line[close + 1..].trim_start();
                    let comment = after.is_empty() || after.starts_with('#');
                    if !comment && line[close + 1..].contains('"') {
                        let at = start + close;
                        return file
                            .error(at..at + 1, "this `\"` ends the string: the text after it is left over")
                            .label("a quote inside a \"…\" string ends it")
                            .help(format!("inside the string write \\\" for each quote, or use a literal string in single quotes: {key} = '{}'", &line[value_at + 1..line.rfind('"').unwrap_or(line.len())]))
                            .done();
                    }
                    if !comment {
                        let at = start + close + 1;
                        return file
                            .error(
                                at..start + line.len(),
                                "text follows the value on this line",
                            )
                            .label("left over")
                            .help("one `key = value` a line; put a comment after `#`")
                            .done();
                    }
                }
            }
        }
        if value.is_empty() {
            let at = start + sep_at;
            return file
                .error(at..at + 1, format!("`{key}` has no value"))
                .label("value missing")
                .help(format!(
                    "write the value after `=`: text in double quotes, as in {key} = \"…\""
                ))
                .done();
        }
        if !value.starts_with(['"', '\'', '[', '{', '-', '+'])
            && !value.starts_with(|c: char| c.is_ascii_digit())
            && !value.starts_with("true")
            && !value.starts_with("false")
            && col >= value_at
        {
            let at = start + value_at;
            return file
                .error(at..start + line.len(), "text must be written in quotes")
                .label("not a number, a date, true/false, a list or a quoted string")
                .help(format!("{key} = \"{}\"", value.trim()))
                .done();
        }
    }
    if header_name(line).is_none() && key_of(line).is_none() && !line.trim().is_empty() {
        let at = start + (line.len() - line.trim_start().len());
        return file
            .error(
                at..start + line.len(),
                "this line is neither `key = value` nor a [table] header",
            )
            .label("not TOML")
            .help("write `key = \"value\"`, a [table] header, or make the line a comment with `#`")
            .done();
    }
    file.error(
        raw.span.clone(),
        format!("this is not valid TOML: {}", raw.message.trim()),
    )
    .label("TOML syntax error here")
    .help("see docs/FORMAT.md for the shape of a map; text goes in double quotes")
    .done()
}

/// The toml parser's `errors` of `file`, each explained at its place ([`explain_all`]).
pub(crate) fn explain_parse(file: &SourceFile, errors: &[toml::de::Error]) -> Vec<Diagnostic> {
    let raws: Vec<Raw> = errors
        .iter()
        .map(|e| Raw {
            message: e.message().to_string(),
            span: e.span().unwrap_or(0..0),
        })
        .collect();
    explain_all(file, &raws)
}

/// Every parser error explained, one per line: the first on a line is the one that says why.
pub(crate) fn explain_all(file: &SourceFile, errors: &[Raw]) -> Vec<Diagnostic> {
    let mut out = explain_each(file, errors);
    for d in &mut out {
        d.syntax = true;
    }
    out
}

fn explain_each(file: &SourceFile, errors: &[Raw]) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::new();
    // A second [thesis] (or any repeated table) makes every key under it a duplicate too: those
    // follow from the first message and are not repeated.
    let mut quiet_until: Option<usize> = None;
    for raw in errors {
        let d = explain(file, raw);
        if quiet_until.is_some_and(|end| raw.span.start < end) {
            continue;
        }
        if out.iter().any(|o| o.line == d.line) {
            continue;
        }
        // After `[premise]` for `[[premise]]`, every later `[[premise]]` conflicts with it:
        // the one fix is already said.
        if d.message.contains("after a single-bracket")
            && out.iter().any(|o| o.message.contains("must be `[["))
        {
            continue;
        }
        if d.message.contains("is written twice") || d.message.contains("second [thesis]") {
            let after = raw.span.start.min(file.text.len());
            let next = next_header(&file.text, after);
            quiet_until = Some(next);
        }
        out.push(d);
    }
    out
}

/// The byte where the next table header after `after`'s line starts, or the end of the text.
pub(crate) fn next_header(text: &str, after: usize) -> usize {
    let from = text[after..]
        .find('\n')
        .map_or(text.len(), |i| after + i + 1);
    let mut at = from;
    for line in text[from..].split_inclusive('\n') {
        if header_name(line).is_some() {
            return at;
        }
        at += line.len();
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str, message: &str, start: usize) -> Diagnostic {
        let file = SourceFile::new("m.toml", text);
        explain(
            &file,
            &Raw {
                message: message.into(),
                span: start..start,
            },
        )
    }

    #[test]
    fn an_inner_quote_is_placed_at_itself() {
        let text = "quote = \"he said \"no\" twice\"\n";
        let d = one(text, "expected newline", 18);
        assert_eq!((d.line, d.column), (1, 18));
        assert!(d.message.contains("ends the string"), "{}", d.message);
        assert!(d.help.unwrap().contains("\\\""));
    }

    #[test]
    fn an_open_string_is_placed_at_its_opening_quote() {
        let d = one("label = \"never closed\n", "invalid basic string", 21);
        assert_eq!((d.line, d.column), (1, 9));
        assert!(d.message.contains("never closed"));
        assert!(d.help.unwrap().contains("\"\"\""));
    }

    #[test]
    fn a_colon_for_equals() {
        let d = one("supports: \"P2\"\n", "invalid unquoted key", 8);
        assert_eq!((d.line, d.column), (1, 9));
        assert_eq!(d.help.as_deref(), Some("supports = \"P2\""));
    }

    #[test]
    fn a_second_thesis_quiets_its_keys() {
        let text = "[thesis]\nid = \"T\"\n\n[thesis]\nid = \"T2\"\ntext = \"x\"\n";
        let file = SourceFile::new("m.toml", text);
        let at = |s: &str| text.rfind(s).unwrap();
        let raws: Vec<Raw> = [at("[thesis]") + 1, at("id = \"T2"), at("text")]
            .into_iter()
            .map(|s| Raw {
                message: "duplicate key".into(),
                span: s..s,
            })
            .collect();
        let ds = explain_all(&file, &raws);
        assert_eq!(ds.len(), 1, "{ds:?}");
        assert_eq!(ds[0].line, 4);
    }
}
