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
    use icu_properties::CodePointSetData;
    use icu_properties::props::{BidiControl, DefaultIgnorableCodePoint};
    match c {
        ' ' | '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
            Fate::Space
        }
        // C0 controls (ESC among them) get their Control Pictures glyph: U+2400 + code.
        '\u{00}'..='\u{1F}' => Fate::Show(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')),
        '\u{7F}' => Fate::Show('\u{2421}'),
        '\u{80}'..='\u{9F}' => Fate::Show('\u{FFFD}'),
        // Emoji sequences and some scripts need the joiners and the variation selectors,
        // although Unicode calls them default-ignorable.
        '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' => Fate::Keep,
        // Interlinear annotation marks hide text without being default-ignorable.
        '\u{FFF9}'..='\u{FFFB}' => Fate::Drop,
        c if c.is_ascii() => Fate::Keep,
        // Unicode's own sets, from ICU4X's tables rather than a list typed here: the bidi
        // controls (embeddings, overrides, isolates, marks) and everything Default_Ignorable
        // (soft hyphen, zero-width space, fillers such as U+3164, tags, the BOM, ...).
        c if CodePointSetData::new::<BidiControl>().contains(c)
            || CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c) =>
        {
            Fate::Drop
        }
        c if c.is_whitespace() => Fate::Space,
        _ => Fate::Keep,
    }
}

/// Whether a character typed into a note is kept: printable text, line breaks and tabs. A
/// control, bidi or invisible character typed or pasted is dropped at the key, so what the
/// reader sees in the editor is what is stored and what every export prints.
pub(crate) fn keeps_typed(c: char) -> bool {
    matches!(c, '\n' | '\t') || fate(c) == Fate::Keep || fate(c) == Fate::Space && c == ' '
}

/// Cleans a note (the reader's own text, from the editor or a layer file someone edited):
/// lines kept, tabs made spaces, other controls, bidi and invisible characters dropped.
pub(crate) fn clean_note(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            line.chars()
                .filter_map(|c| match c {
                    '\t' => Some(' '),
                    '\r' => None,
                    c if fate(c) == Fate::Keep => Some(c),
                    c if fate(c) == Fate::Space => Some(' '),
                    _ => None,
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
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

/// A path as it may be shown: its text made safe like any other ([`clean`]); a file name is
/// untrusted text.
pub fn path(p: &std::path::Path) -> String {
    clean(&p.display().to_string())
}

/// Text as Markdown shows it, not as markup: the characters CommonMark and pandoc read as
/// emphasis, code, links, HTML, tables, math, citations or attributes are backslash-escaped
/// (`<script>` prints as text). Letters, digits, quotes and the rest read as they are, on paper
/// too. Every Markdown argwalk writes (the prep sheet, a motion's, a flow's) says untrusted text
/// through it.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // A line break would let the next line start a heading, a list or a rule: the text
        // runs on as one line. `&` is escaped so `&lt;` reads as written, not as `<`.
        if matches!(c, '\n' | '\r' | '\t') {
            out.push(' ');
            continue;
        }
        // pandoc's Markdown reads more than CommonMark: `$` math, `^` superscripts, `@`
        // citations and `{…}` attributes; escaped, both print them as written.
        if "\\`*_[]<>#|~&$^@{}".contains(c) {
            out.push('\\');
        }
        out.push(c);
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

    /// Every Default_Ignorable code point in Unicode's table is dropped, but for the joiners and
    /// variation selectors emoji need; U+3164 HANGUL FILLER among them, which a hand-made list
    /// missed.
    #[test]
    fn every_default_ignorable_is_dropped_but_joiners_and_selectors() {
        use icu_properties::CodePointSetData;
        use icu_properties::props::DefaultIgnorableCodePoint;
        let set = CodePointSetData::new::<DefaultIgnorableCodePoint>();
        let mut checked = 0;
        for range in set.iter_ranges() {
            for cp in range {
                let Some(c) = char::from_u32(cp) else {
                    continue;
                };
                let kept = matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}');
                let text = format!("a{c}b");
                let want = if kept { text.clone() } else { "ab".to_string() };
                assert_eq!(clean(&text), want, "U+{cp:04X}");
                checked += 1;
            }
        }
        assert!(checked > 4000, "{checked}");
        for c in ['\u{3164}', '\u{115F}', '\u{034F}', '\u{1D173}'] {
            assert_eq!(clean(&format!("x{c}y")), "xy", "U+{:04X}", c as u32);
        }
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

    #[test]
    fn a_note_keeps_its_lines_and_loses_controls_and_bidi() {
        let typed = "one\u{9b}31m\u{202e}two\u{1b}[2J\nthree\tfour\u{200d}";
        assert_eq!(super::clean_note(typed), "one31mtwo[2J\nthree four\u{200d}");
        assert!(!super::keeps_typed('\u{9b}') && !super::keeps_typed('\u{202e}'));
        assert!(super::keeps_typed('\n') && super::keeps_typed('é') && super::keeps_typed(' '));
    }
}
