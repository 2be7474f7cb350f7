//! `argwalk init`: a starting map written from an article, so an author begins with the
//! numbering in front of them and one thing left to write, the thesis.
//!
//! The guesses (the title, which short lines are outside the argument) are written as TOML the
//! author can see and change, each with a comment saying why it was guessed.

use std::fmt::Write;

use crate::map::loader;

/// Words of a paragraph's start shown in the map's index of paragraphs.
const INDEX_WORDS: usize = 10;

/// Why a paragraph looks like it is not part of the argument, or `None` when it looks like text.
fn outside_reason(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    let words = text.split_whitespace().count();
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| lower.starts_with(p));
    if starts(&["by ", "written by", "posted by", "author:"]) && words <= 12 {
        return Some("a byline");
    }
    if starts(&[
        "photo",
        "image",
        "picture",
        "caption",
        "credit",
        "file photo",
        "(photo",
    ]) || lower.contains("/ getty")
        || lower.contains("(ap photo")
        || lower.contains("(reuters)") && words <= 20
    {
        return Some("a photo caption or credit");
    }
    if starts(&[
        "sign up",
        "subscribe",
        "follow us",
        "follow @",
        "read more",
        "related:",
        "advertisement",
        "share this",
        "click here",
    ]) {
        return Some("a sign-up, sharing or advertising line");
    }
    if starts(&[
        "disclaimer",
        "the views expressed",
        "views expressed",
        "the opinions expressed",
        "this article",
        "editor's note",
        "copyright",
    ]) || lower.contains('©')
    {
        return Some("a disclaimer or editor's note");
    }
    // Very short lines without a sentence's end: captions, datelines, section labels.
    let ends_sentence = text
        .trim_end()
        .ends_with(['.', '?', '!', '"', '”', '’', ':']);
    if words <= 6 && !ends_sentence {
        return Some("a short line without a sentence (a caption, dateline or label?)");
    }
    None
}

/// The article's title: its first paragraph when that is short and not a sentence, else the
/// file's name in words.
fn guess_title(paragraphs: &[(usize, String)], file_name: &str) -> (String, bool) {
    if let Some((_, first)) = paragraphs.first() {
        let words = first.split_whitespace().count();
        if words <= 16 && !first.trim_end().ends_with('.') {
            return (first.clone(), true);
        }
    }
    let stem = std::path::Path::new(file_name).file_stem().map_or_else(
        || file_name.to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let words: Vec<String> = stem
        .split(['-', '_', ' ', '.'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect();
    (words.join(" "), false)
}

/// A TOML basic string holding `text`.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The first words of a paragraph, for the index.
fn opening(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = words[..words.len().min(INDEX_WORDS)].join(" ");
    if words.len() > INDEX_WORDS {
        out.push_str(" …");
    }
    out
}

/// The text of a starting map for the article `text`, read from `file_name` (as the map will
/// name it: relative to the map's folder), whose schema is at `schema` (relative too).
pub fn starting_map(text: &str, file_name: &str, schema: &str) -> String {
    let paragraphs = loader::split_paragraphs_with_lines(text);
    let (title, title_is_first) = guess_title(&paragraphs, file_name);
    let mut out = String::new();
    let _ = writeln!(out, "#:schema {schema}");
    let _ = writeln!(
        out,
        "# An argument map of {file_name}, started by `argwalk init`."
    );
    let _ = writeln!(
        out,
        "# Write the thesis below, save, and watch it in the reader: `argwalk THIS-FILE`."
    );
    let _ = writeln!(
        out,
        "# `argwalk check THIS-FILE` says what is left; docs/FORMAT.md has every key."
    );
    out.push('\n');
    out.push_str("[source]\n");
    if title_is_first {
        let _ = writeln!(
            out,
            "title = {}   # guessed: the article's first line",
            toml_string(&title)
        );
    } else {
        let _ = writeln!(
            out,
            "title = {}   # guessed from the file's name",
            toml_string(&title)
        );
    }
    let _ = writeln!(out, "text_file = {}", toml_string(file_name));
    let outside: Vec<(usize, &str)> = paragraphs
        .iter()
        .enumerate()
        .filter(|(i, _)| !(title_is_first && *i == 0))
        .filter_map(|(i, (_, p))| outside_reason(p).map(|why| (i + 1, why)))
        .collect();
    let mut numbers: Vec<usize> = outside.iter().map(|(n, _)| *n).collect();
    if title_is_first {
        numbers.insert(0, 1);
    }
    if numbers.is_empty() {
        out.push_str(
            "# outside = []   # paragraphs that are not part of the argument (captions, bylines)\n",
        );
    } else {
        let list: Vec<String> = numbers.iter().map(usize::to_string).collect();
        let _ = writeln!(
            out,
            "# Guessed to be outside the argument (check them; remove any that is not):"
        );
        if title_is_first {
            out.push_str("#   1: the headline\n");
        }
        for (n, why) in &outside {
            let _ = writeln!(out, "#   {n}: {why}");
        }
        let _ = writeln!(out, "outside = [{}]", list.join(", "));
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "# The article's {} paragraphs, to cite by number (`argwalk paragraphs` prints them whole):",
        paragraphs.len()
    );
    let width = paragraphs.len().to_string().len();
    for (i, (_, p)) in paragraphs.iter().enumerate() {
        let n = i + 1;
        let mark = if numbers.contains(&n) {
            "  (outside)"
        } else {
            ""
        };
        let _ = writeln!(out, "#   {n:>width$}  {}{mark}", opening(p));
    }
    out.push('\n');
    out.push_str("[thesis]\n");
    out.push_str("id = \"T\"\n");
    out.push_str(
        "# What does the article argue? One sentence, in the author's words or yours; then\n",
    );
    out.push_str(
        "# cite where it says so, e.g. cite = [2, { para = 9, quote = \"exact words\" }].\n",
    );
    out.push_str("text = \"\"\n");
    out.push_str(
        "\n# Then add [[premise]], [[evidence]] and [[counterpoint]] tables: see docs/FORMAT.md.\n",
    );
    out.push_str(concat!(
        "# A premise supports a claim (supports = \"T\"), alone or together with others\n",
        "# (with = [\"P2\"]: one linked inference). A counterpoint attacks a claim\n",
        "# (attacks = \"P1\") or the step from a claim to what it supports (undercuts = \"P1\");\n",
        "# raised = true when the author raises the objection himself, to answer it.\n",
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "Why the bridge must be built\n\nBy A. Writer\n\nThe old bridge \
        can no longer carry the traffic. Queues have doubled since 2015.\n\nPhoto: the bridge \
        at dawn (AP Photo)\n\nThe city should build it this year, before it fails.\n\nSign up for \
        our newsletter\n";

    #[test]
    fn guesses_title_and_outside_lines_with_reasons() {
        let map = starting_map(ARTICLE, "bridge.txt", "argwalk.schema.json");
        assert!(map.starts_with("#:schema argwalk.schema.json\n"));
        assert!(map.contains(
            "title = \"Why the bridge must be built\"   # guessed: the article's first line"
        ));
        assert!(map.contains("#   2: a byline"), "{map}");
        assert!(map.contains("#   4: a photo caption or credit"), "{map}");
        assert!(
            map.contains("#   6: a sign-up, sharing or advertising line"),
            "{map}"
        );
        assert!(map.contains("outside = [1, 2, 4, 6]"), "{map}");
        assert!(
            map.contains("#   3  The old bridge can no longer carry the traffic. Queues …"),
            "{map}"
        );
        assert!(map.contains("text_file = \"bridge.txt\""));
    }

    #[test]
    fn a_title_from_the_file_name_when_the_first_line_is_a_sentence() {
        let map = starting_map(
            "A long first sentence that is plainly text.\n",
            "iran-talks_2017.txt",
            "s.json",
        );
        assert!(map.contains("title = \"Iran Talks 2017\""), "{map}");
        assert!(map.contains("# outside = []"));
    }
}
