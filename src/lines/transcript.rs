//! How both line faces talk when not at a terminal: each line of the input answered in a
//! transcript, and output in ASCII when asked.

use std::io::{BufRead, Write};

/// Says `opening`, then answers each line of `input` with `answer` until it says `None` (the
/// reader quit) or the input ends: each line echoed before its answer, so a script's output
/// reads as a transcript. `true` when the input ended rather than the reader quitting.
pub(crate) fn converse(
    opening: &str,
    mut input: impl BufRead,
    output: &mut impl Write,
    mut answer: impl FnMut(&str) -> Option<String>,
) -> std::io::Result<bool> {
    output.write_all(opening.as_bytes())?;
    let mut line = String::new();
    loop {
        output.flush()?;
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(true);
        }
        output.write_all(format!("> {}\n", crate::map::sanitize::clean(line.trim())).as_bytes())?;
        match answer(&line) {
            Some(text) => output.write_all(text.as_bytes())?,
            None => return Ok(false),
        }
    }
}

/// Output in ASCII: what the line mode prints of its own (¶, quotes) transliterated too.
pub(crate) struct AsciiOut<W: Write>(pub(crate) W);

impl<W: Write> Write for AsciiOut<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        let ascii: String = text
            .split('\n')
            .map(crate::screen::ascii::transliterate)
            .collect::<Vec<_>>()
            .join("\n");
        self.0.write_all(ascii.as_bytes())?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}
