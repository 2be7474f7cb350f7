//! Problems found in a map file: their position, wording, and rendering with the offending snippet.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::map::sanitize;

/// How bad a problem is: errors fail a load, warnings are reported and the load goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located in the file it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Byte range in the file; `None` for problems of the whole file (too large, unreadable).
    pub span: Option<Range<usize>>,
    /// 1-based line and column (in characters) of the span's start.
    pub line: usize,
    pub column: usize,
    /// What the underline says.
    pub label: String,
    /// What to do about it.
    pub help: Option<String>,
    /// Further context, such as where a duplicate was first defined.
    pub note: Option<String>,
    /// A TOML syntax error: what else is said of its line follows from it, and is left out.
    pub syntax: bool,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A file's text and name, able to turn byte offsets into lines and columns.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    /// Where each line starts. As `u32`: a file argwalk reads is at most 16 MiB, and a large
    /// map has a line for every few dozen bytes.
    line_starts: Vec<u32>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(
                text.match_indices('\n')
                    .map(|(i, _)| u32::try_from(i + 1).unwrap_or(u32::MAX)),
            )
            .collect();
        Self {
            name: sanitize::clean(&name.into()),
            text,
            line_starts,
        }
    }

    /// 1-based line and character column of a byte offset (clamped to the text).
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .line_starts
            .partition_point(|&start| start as usize <= offset);
        let start = (self.line_starts[line.saturating_sub(1)] as usize).min(offset);
        let column = self.text[start..offset].chars().count() + 1;
        (line, column)
    }

    /// Starts a diagnostic at `span`.
    pub fn at(&self, severity: Severity, span: Range<usize>, message: impl Into<String>) -> Draft {
        let (line, column) = self.position(span.start);
        Draft(Diagnostic {
            severity,
            message: message.into(),
            span: Some(span),
            line,
            column,
            label: String::new(),
            help: None,
            note: None,
            syntax: false,
        })
    }

    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> Draft {
        self.at(Severity::Error, span, message)
    }

    pub fn warning(&self, span: Range<usize>, message: impl Into<String>) -> Draft {
        self.at(Severity::Warning, span, message)
    }

    /// A problem of the whole file, with no snippet to show.
    pub fn whole_file(&self, message: impl Into<String>) -> Draft {
        Draft(Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span: None,
            line: 1,
            column: 1,
            label: String::new(),
            help: None,
            note: None,
            syntax: false,
        })
    }
}

/// A diagnostic being built: `file.error(span, "msg").label("..").help("..").done()`.
#[must_use]
pub struct Draft(Diagnostic);

impl Draft {
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.0.label = label.into();
        self
    }
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.0.help = Some(help.into());
        self
    }
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.0.note = Some(note.into());
        self
    }
    /// Marks a TOML syntax error.
    pub fn syntax(mut self) -> Self {
        self.0.syntax = true;
        self
    }
    pub fn done(self) -> Diagnostic {
        self.0
    }
}

/// All the problems of one file, in the order of their position.
#[derive(Debug, Clone)]
pub struct Report {
    pub file: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// Renders every diagnostic with its snippet, then a summary line.
    /// `styled` adds ANSI colour; the text of the file is made safe to echo either way.
    pub fn render(&self, styled: bool) -> String {
        self.render_capped(styled, None)
    }

    /// [`Report::render`], showing at most `per_kind` problems of each kind (the same message
    /// but for names and numbers), then how many more of that kind there are: hundreds of one
    /// mistake read better as three and a count.
    pub fn render_capped(&self, styled: bool, per_kind: Option<usize>) -> String {
        let shown = sanitize::same_length_visible(&self.file.text);
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        }
        .term_width(100);
        let mut out = String::new();
        let mut seen: Vec<(String, usize)> = Vec::new();
        for d in &self.diagnostics {
            let kind = kind_of(&d.message);
            let count = match seen.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    seen.push((kind, 1));
                    1
                }
            };
            if per_kind.is_some_and(|cap| count > cap) {
                continue;
            }
            out.push_str(&render_one(&renderer, &self.file.name, &shown, d));
            out.push_str("\n\n");
        }
        if let Some(cap) = per_kind {
            for (kind, n) in seen.iter().filter(|(_, n)| *n > cap) {
                out.push_str(&format!(
                    "... and {} more like \"{kind}\" (argwalk check --all shows every one)\n",
                    n - cap
                ));
            }
            if seen.iter().any(|(_, n)| *n > cap) {
                out.push('\n');
            }
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    pub fn summary(&self) -> String {
        let (e, w) = (self.errors(), self.warnings());
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        format!(
            "{}: {}, {}",
            self.file.name,
            plural(e, "error"),
            plural(w, "warning")
        )
    }
}

/// A message with its particulars (what is in backticks, numbers) taken out: problems of one
/// kind share it.
fn kind_of(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut in_ticks = false;
    for c in message.chars() {
        match c {
            '`' => {
                in_ticks = !in_ticks;
                if in_ticks {
                    out.push_str("`…`");
                }
            }
            _ if in_ticks => {}
            c if c.is_ascii_digit() => {
                if !out.ends_with('#') {
                    out.push('#');
                }
            }
            c => out.push(c),
        }
    }
    out
}

fn render_one(renderer: &Renderer, name: &str, shown: &str, d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut groups = Vec::new();
    let title = level.primary_title(d.message.as_str());
    let main = match &d.span {
        Some(span) => {
            let mut span = span.start.min(shown.len())..span.end.min(shown.len());
            if span.is_empty() {
                // An empty span would draw no underline; mark the character after it instead.
                let next = shown[span.start..].chars().next().map_or(0, char::len_utf8);
                span.end = span.start + next;
            }
            // Hand the renderer only the lines the span covers, so rendering a report costs
            // what it shows, not the size of the file times the number of problems.
            let first = shown[..span.start].rfind('\n').map_or(0, |i| i + 1);
            let last = shown[span.end..]
                .find('\n')
                .map_or(shown.len(), |i| span.end + i);
            title.element(
                Snippet::source(&shown[first..last])
                    .line_start(d.line)
                    .path(name)
                    .fold(true)
                    .annotation(
                        AnnotationKind::Primary
                            .span(span.start - first..span.end - first)
                            .label(d.label.as_str()),
                    ),
            )
        }
        None => title.element(annotate_snippets::Origin::path(name)),
    };
    groups.push(main);
    if let Some(note) = &d.note {
        groups.push(Group::with_title(
            Level::NOTE.secondary_title(note.as_str()),
        ));
    }
    if let Some(help) = &d.help {
        groups.push(Group::with_title(
            Level::HELP.secondary_title(help.as_str()),
        ));
    }
    renderer.render(&groups).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_from_one() {
        let f = SourceFile::new("m.toml", "ab\nçd = 1\n");
        assert_eq!(f.position(0), (1, 1));
        assert_eq!(f.position(3), (2, 1));
        assert_eq!(f.position(5), (2, 2));
        assert_eq!(f.position(999), (3, 1));
    }

    #[test]
    fn render_names_file_line_and_column() {
        let f = SourceFile::new("m.toml", "a = 1\nevidance = 2\n");
        let d = f
            .error(6..14, "unknown key `evidance`")
            .label("not a key")
            .help("did you mean `evidence`?")
            .done();
        let report = Report {
            file: f,
            diagnostics: vec![d],
        };
        let text = report.render(false);
        assert!(text.contains("m.toml:2:1"), "{text}");
        assert!(text.contains("did you mean `evidence`?"), "{text}");
        assert!(text.contains("1 error, 0 warnings"), "{text}");
    }

    #[test]
    fn render_never_echoes_escape_sequences() {
        let f = SourceFile::new("m\u{1b}.toml", "x = \"\u{1b}]0;pwned\u{7}\"\n");
        let d = f.error(4..13, "bad").done();
        let text = Report {
            file: f,
            diagnostics: vec![d],
        }
        .render(false);
        assert!(!text.contains('\u{1b}'), "{text:?}");
        assert!(!text.contains('\u{7}'), "{text:?}");
    }
}
