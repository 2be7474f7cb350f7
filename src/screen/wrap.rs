//! Word wrapping by display width, returning byte ranges so highlights can be laid over lines.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Display width of a string, by grapheme cluster, as ratatui measures it.
pub fn width(text: &str) -> usize {
    // Sanitized text holds no ASCII controls, so printable ASCII is one column a byte; most
    // article text is ASCII, and grapheme segmentation was the costliest part of the first frame.
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return text.len();
    }
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Greedy word wrap of single-spaced text into lines at most `width` columns wide.
/// Words longer than a line are broken between grapheme clusters. Always at least one line.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line: Option<(usize, usize, usize)> = None; // (start, end, columns)
    let mut offset = 0;
    for word in text.split(' ') {
        let start = offset;
        offset += word.len() + 1;
        if word.is_empty() {
            continue;
        }
        let w = self::width(word);
        let end = start + word.len();
        if let Some((s, _, cols)) = line {
            if cols + 1 + w <= width {
                line = Some((s, end, cols + 1 + w));
                continue;
            }
            lines.push(s..line.map_or(s, |l| l.1));
        }
        if w <= width {
            line = Some((start, end, w));
            continue;
        }
        let mut chunk = start;
        let mut cols = 0;
        for (i, g) in word.grapheme_indices(true) {
            let gw = UnicodeWidthStr::width(g);
            if cols + gw > width && cols > 0 {
                lines.push(chunk..start + i);
                chunk = start + i;
                cols = 0;
            }
            cols += gw;
        }
        line = Some((chunk, end, cols));
    }
    if let Some((s, e, _)) = line {
        lines.push(s..e);
    }
    if lines.is_empty() {
        lines.push(0..0);
    }
    lines
}

/// Cuts `text` to at most `max` columns, ending with `ellipsis` when something was cut.
pub fn truncate(text: &str, max: usize, ellipsis: &str) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    let room = max.saturating_sub(width(ellipsis));
    let mut out = String::new();
    let mut cols = 0;
    for g in text.graphemes(true) {
        let w = UnicodeWidthStr::width(g);
        if cols + w > room {
            break;
        }
        cols += w;
        out.push_str(g);
    }
    if max >= width(ellipsis) {
        out.push_str(ellipsis);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, w: usize) -> Vec<&str> {
        wrap(text, w).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wraps_at_words() {
        assert_eq!(lines("the quick brown fox", 9), ["the quick", "brown fox"]);
        assert_eq!(lines("", 5), [""]);
    }

    #[test]
    fn breaks_long_words_by_width() {
        assert_eq!(lines("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        // CJK characters are two columns wide.
        assert_eq!(lines("日本語の文章", 5), ["日本", "語の", "文章"]);
    }

    #[test]
    fn keeps_emoji_sequences_whole() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        let text = format!("{family}{family}{family}");
        assert_eq!(wrap(&text, 4).len(), 2);
        assert_eq!(width(family), 2);
    }

    #[test]
    fn truncates_with_ellipsis() {
        assert_eq!(truncate("abcdef", 4, "…"), "abc…");
        assert_eq!(truncate("abc", 4, "…"), "abc");
        assert_eq!(truncate("日本語", 4, "..."), "...");
    }
}
