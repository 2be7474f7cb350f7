//! Search: finding text the way a reader means it (case folded unless asked, typography
//! folded). The full screen's search state (prompt, stops) is `screen::app::find`'s.
//!
//! Articles are typeset (curly quotes, en and em dashes, ellipses, accented names) while a
//! reader types on a keyboard: `can't` must find "can’t" and `Erdogan` "Erdoğan". Both the
//! query and the text are folded the same way, character by character, and each match is
//! reported as a byte range of the original text, so the view can highlight it where it is.

use std::ops::Range;

/// The characters a keyboard types for `c`, appended to `out`: typographic quotes, dashes,
/// spaces and the ellipsis become their ASCII forms, Latin letters lose their accents, and
/// everything is lower-cased unless the search is case-sensitive.
fn fold_into(c: char, case_sensitive: bool, out: &mut Vec<char>) {
    let plain = match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}'
        | '\u{00B4}' | '\u{0060}' | '\u{FF07}' => Some("'"),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' | '\u{FF02}' => Some("\""),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => Some("-"),
        '\u{2026}' => Some("..."),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Some(" "),
        // Latin letters with diacritics, ligatures included (æ, œ, ß): what a keyboard types.
        '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => {
            deunicode::deunicode_char(c).filter(|s| s.bytes().all(|b| b.is_ascii_alphabetic()))
        }
        _ => None,
    };
    match plain {
        Some(s) => {
            for p in s.chars() {
                push_case(p, case_sensitive, out);
            }
        }
        None => push_case(c, case_sensitive, out),
    }
}

fn push_case(c: char, case_sensitive: bool, out: &mut Vec<char>) {
    if case_sensitive {
        out.push(c);
    } else {
        out.extend(c.to_lowercase());
    }
}

/// The folded form of a query.
pub(crate) fn fold(text: &str, case_sensitive: bool) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        fold_into(c, case_sensitive, &mut out);
    }
    out
}

/// Upper case in the query makes the search case-sensitive ("smart case").
pub fn is_case_sensitive(query: &str) -> bool {
    query.chars().any(char::is_uppercase)
}

/// All byte ranges where `needle` occurs in `hay`, both folded as [`fold`] does; matches do not
/// overlap, and each starts and ends on a whole character of `hay`.
pub fn find_all(hay: &str, needle: &str, case_sensitive: bool) -> Vec<Range<usize>> {
    let want = fold(needle, case_sensitive);
    if want.is_empty() {
        return Vec::new();
    }
    // The folded text, each folded character with the byte range of the character it came
    // from, and whether it starts that character (a match may not begin inside an expansion).
    let mut folded = Vec::with_capacity(hay.len());
    let mut from = Vec::with_capacity(hay.len());
    let mut scratch = Vec::with_capacity(4);
    for (at, c) in hay.char_indices() {
        scratch.clear();
        fold_into(c, case_sensitive, &mut scratch);
        let range = at..at + c.len_utf8();
        for (i, &f) in scratch.iter().enumerate() {
            folded.push(f);
            from.push((range.clone(), i == 0, i + 1 == scratch.len()));
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i + want.len() <= folded.len() {
        let end = i + want.len() - 1;
        if from[i].1 && from[end].2 && folded[i..=end] == want[..] {
            out.push(from[i].0.start..from[end].0.end);
            i = end + 1;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(hay: &'a str, needle: &str) -> Vec<&'a str> {
        find_all(hay, needle, is_case_sensitive(needle))
            .into_iter()
            .map(|r| &hay[r])
            .collect()
    }

    #[test]
    fn straight_quotes_find_curly_ones() {
        assert_eq!(found("we can’t go", "can't"), ["can’t"]);
        assert_eq!(found("he said “no” twice", "\"no\""), ["“no”"]);
        assert_eq!(found("the ‘talks’", "'talks'"), ["‘talks’"]);
        assert_eq!(found("5′ tall", "5'"), ["5′"]);
    }

    #[test]
    fn hyphens_find_dashes_and_dots_the_ellipsis() {
        assert_eq!(found("1990–2000 and 3—4", "-"), ["–", "—"]);
        assert_eq!(found("wait… what", "wait..."), ["wait…"]);
        assert!(found("wait… what", "wait.").is_empty(), "half an ellipsis");
    }

    #[test]
    fn accents_and_case_fold_unless_upper_case_is_typed() {
        assert_eq!(found("President Erdoğan said", "erdogan"), ["Erdoğan"]);
        assert_eq!(found("Ærø and Straße", "strasse"), ["Straße"]);
        assert_eq!(found("Reuters and reuters", "Reuters"), ["Reuters"]);
        assert_eq!(
            found("Reuters and reuters", "reuters"),
            ["Reuters", "reuters"]
        );
        assert!(
            found("漢字", "han").is_empty(),
            "only Latin letters lose accents"
        );
    }

    #[test]
    fn every_occurrence_is_found_without_overlap() {
        assert_eq!(found("aaaa", "aa"), ["aa", "aa"]);
        assert_eq!(found("İstanbul", "istanbul"), ["İstanbul"]);
        assert!(found("abc", "").is_empty());
    }
}
