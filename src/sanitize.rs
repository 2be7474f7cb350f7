//! Cleans untrusted text from maps and articles before it reaches the model, the screen or stderr.
//!
//! A map or an article may carry escape sequences, bidi overrides or invisible characters,
//! by accident or on purpose. None of them may reach a terminal raw: controls are made visible,
//! bidi and invisible format characters are dropped, and runs of white space become one space.
//! ZWJ, ZWNJ and variation selectors stay, since emoji sequences and some scripts need them.

/// What becomes of one character of untrusted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Keep,
    /// White space of any kind (tab, newline, line separator): folded into one space.
    Space,
    /// Invisible or direction-changing: removed.
    Drop,
    /// A control character: replaced by a visible stand-in.
    Show(char),
}

fn fate(c: char) -> Fate {
    match c {
        '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
            Fate::Space
        }
        // C0 controls (ESC among them) get their Control Pictures glyph: U+2400 + code.
        '\u{00}'..='\u{1F}' => Fate::Show(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')),
        '\u{7F}' => Fate::Show('\u{2421}'),
        '\u{80}'..='\u{9F}' => Fate::Show('\u{FFFD}'),
        // Bidi embeddings, overrides, isolates and marks.
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}' => Fate::Drop,
        // Invisible format characters (ZWJ U+200D and ZWNJ U+200C are kept on purpose).
        '\u{00AD}'
        | '\u{180E}'
        | '\u{200B}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}' => Fate::Drop,
        '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}' => Fate::Drop,
        c if c.is_whitespace() => Fate::Space,
        _ => Fate::Keep,
    }
}

/// Cleans one piece of untrusted text for display: controls made visible, bidi and invisible
/// characters dropped, white space folded to single spaces, ends trimmed.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut rest = text;
    while !rest.is_empty() {
        // Most text is runs of printable ASCII between spaces: copy each run whole.
        let run = rest
            .bytes()
            .position(|b| !b.is_ascii_graphic())
            .unwrap_or(rest.len());
        if run > 0 {
            emit(&mut out, &mut pending_space, &rest[..run]);
            rest = &rest[run..];
            continue;
        }
        let Some(c) = rest.chars().next() else {
            break;
        };
        rest = &rest[c.len_utf8()..];
        match fate(c) {
            Fate::Keep => emit(&mut out, &mut pending_space, c.encode_utf8(&mut [0; 4])),
            Fate::Show(shown) => emit(&mut out, &mut pending_space, shown.encode_utf8(&mut [0; 4])),
            Fate::Space => pending_space = true,
            Fate::Drop => {}
        }
    }
    out
}

/// Appends a visible piece, after the one space that stands for any white space before it.
fn emit(out: &mut String, pending_space: &mut bool, piece: &str) {
    if *pending_space && !out.is_empty() {
        out.push(' ');
    }
    *pending_space = false;
    out.push_str(piece);
}

/// True when `text` holds nothing that [`clean`] would change.
pub fn is_clean(text: &str) -> bool {
    clean(text) == text
}

/// Makes raw file text safe to echo in a diagnostic while keeping every byte offset valid:
/// each unsafe character is replaced by visible characters of the same UTF-8 length,
/// so spans computed on the original still point at the same places.
pub fn same_length_visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let unsafe_char = match fate(c) {
            Fate::Keep => false,
            // Line structure must survive; a lone CR would move the cursor to the line start.
            Fate::Space => match c {
                '\n' | '\t' | ' ' => false,
                '\r' => chars.peek() != Some(&'\n'),
                _ => true,
            },
            Fate::Drop | Fate::Show(_) => true,
        };
        if !unsafe_char {
            out.push(c);
            continue;
        }
        match c.len_utf8() {
            1 => out.push('?'),
            2 => out.push('\u{BF}'),
            3 => out.push('\u{FFFD}'),
            _ => out.push_str("????"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition, one character at a time, that the run-copying `clean` must agree with.
    fn clean_slowly(text: &str) -> String {
        let mut out = String::new();
        let mut pending_space = false;
        for c in text.chars() {
            match fate(c) {
                Fate::Keep => emit(&mut out, &mut pending_space, &c.to_string()),
                Fate::Show(shown) => emit(&mut out, &mut pending_space, &shown.to_string()),
                Fate::Space => pending_space = true,
                Fate::Drop => {}
            }
        }
        out
    }

    proptest! {
        #[test]
        fn runs_are_copied_as_characters_would_be(
            text in "[ -~\t\n\r\u{1b}\u{7f}\u{9b}\u{202e}\u{200b}\u{2028}\u{a0}é漢👩\u{200d}]{0,60}",
            any_text in any::<String>(),
        ) {
            prop_assert_eq!(clean(&text), clean_slowly(&text));
            prop_assert_eq!(clean(&any_text), clean_slowly(&any_text));
        }
    }

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(clean("a\u{1b}[31mred"), "a\u{241b}[31mred");
        assert_eq!(clean("bell\u{7}"), "bell\u{2407}");
        assert_eq!(clean("del\u{7f}"), "del\u{2421}");
        assert_eq!(clean("c1\u{9b}2J"), "c1\u{FFFD}2J");
    }

    #[test]
    fn bidi_and_invisible_characters_are_dropped() {
        assert_eq!(
            clean("a\u{202E}b\u{2066}c\u{2069}d\u{200F}e\u{061C}"),
            "abcde"
        );
        assert_eq!(
            clean("zero\u{200B}width\u{2060}\u{FEFF}\u{AD}"),
            "zerowidth"
        );
        assert_eq!(clean("tag\u{E0041}\u{E007F}"), "tag");
    }

    #[test]
    fn emoji_joiners_and_selectors_survive() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        assert_eq!(clean(family), family);
        assert_eq!(clean("\u{2764}\u{FE0F}"), "\u{2764}\u{FE0F}");
    }

    #[test]
    fn white_space_folds_and_trims() {
        assert_eq!(clean("  one\n\ttwo\u{2028}three  "), "one two three");
        assert_eq!(clean("\n\n"), "");
    }

    #[test]
    fn same_length_keeps_offsets() {
        let raw = "id = \"a\u{1b}b\u{202E}c\u{E0041}\"\r\nnext\rx";
        let shown = same_length_visible(raw);
        assert_eq!(shown.len(), raw.len());
        assert!(!shown.contains('\u{1b}'));
        assert!(!shown.contains('\u{202E}'));
        assert!(shown.contains("\r\n"));
        assert!(!shown.contains("\rx"));
    }
}
