//! ASCII mode for text: a map transliterated, so that a terminal that is not UTF-8 is sent no
//! byte above 0x7F and still reads "Erdogan", "can't" and "--" rather than question marks.
//!
//! Transliteration is done once, on the loaded map, before anything is wrapped or drawn: the
//! widths the layout computes are then the widths the terminal shows. Quote ranges, which are
//! byte offsets into paragraphs, are carried over to the new text.

use crate::map::model::ArgumentMap;

/// The ASCII a character is written as: itself if ASCII, else deunicode's transliteration
/// (`’` is `'`, `—` is `--`, `ğ` is `g`, `東` is `Dong`), else `?`. Never a control character.
fn ascii_of(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(if c.is_ascii_control() { '?' } else { c });
        return;
    }
    match deunicode::deunicode_char(c) {
        Some(s) if !s.is_empty() => {
            out.extend(s.chars().map(|t| {
                if t.is_ascii() && !t.is_ascii_control() {
                    t
                } else {
                    '?'
                }
            }));
        }
        // Combining marks and the like transliterate to nothing: they are dropped.
        Some(_) => {}
        None => out.push('?'),
    }
}

/// `text` in ASCII.
pub fn transliterate(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        ascii_of(c, &mut out);
    }
    // Transliterations of adjacent symbols can leave doubled spaces ("Dong Jing "): one is
    // enough, and none at the ends.
    let mut tidy = String::with_capacity(out.len());
    for word in out.split(' ').filter(|w| !w.is_empty()) {
        if !tidy.is_empty() {
            tidy.push(' ');
        }
        tidy.push_str(word);
    }
    tidy
}

/// `text` in ASCII with each byte range in `ranges` moved to the same characters of the new
/// text. A quote is transliterated with the text around it, so it still matches its paragraph.
fn transliterate_with(text: &str, ranges: &mut [&mut std::ops::Range<usize>]) -> String {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for r in ranges.iter() {
        cuts.extend([r.start.min(text.len()), r.end.min(text.len())]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len());
    let mut moved = Vec::with_capacity(cuts.len());
    for w in cuts.windows(2) {
        moved.push((w[0], out.len()));
        if let Some(piece) = text.get(w[0]..w[1]) {
            for c in piece.chars() {
                ascii_of(c, &mut out);
            }
        }
    }
    moved.push((text.len(), out.len()));
    let at = |old: usize| {
        moved
            .iter()
            .find(|(o, _)| *o == old)
            .map_or(out.len(), |(_, n)| *n)
    };
    for r in ranges.iter_mut() {
        let (start, end) = (at(r.start), at(r.end));
        **r = start..end.max(start);
    }
    out
}

/// The whole map in ASCII: source, paragraphs, every node's id, label, text, tags and note,
/// and every quote (its text and its place in the paragraph).
pub fn map(mut map: ArgumentMap) -> ArgumentMap {
    let s = &mut map.source;
    s.title = transliterate(&s.title);
    for f in [&mut s.author, &mut s.publisher, &mut s.date, &mut s.url]
        .into_iter()
        .flatten()
    {
        *f = transliterate(f);
    }
    // Quotes per paragraph, so each paragraph is rewritten once with all its quotes moved.
    let mut quotes: Vec<Vec<(usize, usize)>> = vec![Vec::new(); map.source.paragraphs.len()];
    for (ix, n) in map.nodes.iter().enumerate() {
        for (ci, c) in n.citations.iter().enumerate() {
            if let Some(q) = &c.quote
                && let Some(list) = quotes.get_mut(q.paragraph.wrapping_sub(1))
            {
                list.push((ix, ci));
            }
        }
    }
    for (pi, list) in quotes.iter().enumerate() {
        let mut ranges: Vec<std::ops::Range<usize>> = list
            .iter()
            .filter_map(|&(ix, ci)| map.nodes[ix].citations[ci].quote.as_ref())
            .map(|q| q.range.clone())
            .collect();
        let p = &mut map.source.paragraphs[pi];
        let mut refs: Vec<&mut std::ops::Range<usize>> = ranges.iter_mut().collect();
        p.text = transliterate_with(&p.text, &mut refs);
        for (&(ix, ci), range) in list.iter().zip(ranges) {
            if let Some(q) = map.nodes[ix].citations[ci].quote.as_mut() {
                q.text = p.text.get(range.clone()).unwrap_or_default().to_string();
                q.range = range;
            }
        }
    }
    for n in &mut map.nodes {
        n.id = transliterate(&n.id);
        n.text = transliterate(&n.text);
        if let Some(l) = n.label.as_mut() {
            *l = transliterate(l);
        }
        if let Some(note) = n.note.as_mut() {
            *note = transliterate(note);
        }
        for t in &mut n.tags {
            *t = transliterate(t);
        }
    }
    // Ids were transliterated too: found by their new spelling.
    map.reindex();
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typography_and_accents_become_ascii() {
        assert_eq!(
            transliterate("can’t — “yes” … Erdoğan"),
            "can't -- \"yes\" ... Erdogan"
        );
        assert_eq!(transliterate("plain"), "plain");
        assert!(transliterate("東京 👨‍👩‍👧 مقالة ␛").is_ascii());
    }

    #[test]
    fn quote_ranges_follow_the_text() {
        let text = "Él dijo “basta” y se fue";
        let start = text.find('b').unwrap();
        let mut r = start..start + "basta".len();
        let out = transliterate_with(text, &mut [&mut r]);
        assert!(out.is_ascii());
        assert_eq!(&out[r], "basta");
    }
}
