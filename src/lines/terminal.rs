//! The line mode at a terminal: a small line editor of our own over crossterm's key events.
//!
//! Why our own: rustyline read the terminal in chunks and dropped what it had read past the
//! first line, so a paste of five commands ran one, typed-ahead commands were lost, and a note
//! typed after a lost `go P2` landed on the wrong node. Here every key is an event taken in
//! order from crossterm's queue, so every line is answered, in order, however the keys arrive
//! (a paste, a braille display's burst, a line split across packets). Owning the loop also lets
//! a followed presenter's moves be said as they happen, the line being typed put back after,
//! and a half-typed note be kept on a signal or a hang-up. Kept: Left/Right, Home/End, Ctrl-A/E,
//! Backspace/Delete, Ctrl-U/K/W, Up/Down through the commands typed before (in memory only: a
//! restricted session writes no history file), Ctrl-L to redraw, Ctrl-D and Ctrl-C to leave.

use std::io::Write;
use std::sync::Mutex;
use std::time::Duration;

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use unicode_width::UnicodeWidthChar;

/// What the line editor drives: a session that answers each line typed. The line mode's
/// session is one (`Lines`); the editor knows nothing else of it.
pub(super) trait Conversation {
    /// The answer to `line`; `None` to leave.
    fn command(&mut self, line: &str) -> Option<String>;
    /// Whether `line` writes a note (a half-typed one is kept on a signal).
    fn is_note(&self, line: &str) -> bool;
    /// Keeps where the reader is, for the next session.
    fn leave_map(&mut self);
    /// Whether it follows a presenter, whose moves come while nothing is typed.
    fn follows(&self) -> bool;
    /// What the presenter did since last asked, to say.
    fn news(&mut self) -> String;
    /// What could not be saved, to print on the way out.
    fn unsaved_report(&self) -> Option<String>;
}

const PROMPT: &str = "> ";

/// How often a follower looks at the room while waiting for a key: a presenter's move is said
/// within this, and a reader who follows no one waits for keys without waking at all.
const FOLLOW_POLL: Duration = Duration::from_millis(250);

/// The line being typed, and where the cursor is in it (in characters).
#[derive(Debug, Default)]
struct Typing {
    text: Vec<char>,
    cursor: usize,
    /// The row of the cursor below the prompt's row, as last drawn (a long line wraps).
    row: usize,
}

/// What the signal thread needs: the reader, and the line being typed.
struct Shared<'a, C> {
    lines: &'a mut C,
    typed: String,
}

/// Reads and carries out commands until `quit`, Ctrl-D or Ctrl-C, or the terminal goes away.
pub(super) fn edit<C: Conversation + Send>(
    lines: &mut C,
    mut output: impl Write,
) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let modes = rustix::termios::tcgetattr(std::io::stdin()).ok();
    crossterm::terminal::enable_raw_mode()?;
    let shared = Mutex::new(Shared {
        lines,
        typed: String::new(),
    });
    let registered = crate::session::register(&[SIGTERM, SIGHUP, SIGINT]);
    let result = std::thread::scope(|scope| {
        let mut closer = None;
        if let Some((mut signals, unblock)) = registered {
            closer = Some(signals.handle());
            let shared = &shared;
            let modes = modes.clone();
            let _ = std::thread::Builder::new()
                .name("signals".into())
                .spawn_scoped(scope, move || {
                    if let Some(sig) = signals.forever().next() {
                        // The main thread holds the reader only while it answers a line: the
                        // half-typed note is saved once that answer is done.
                        let mut report = None;
                        if let Ok(mut s) = shared.lock() {
                            keep_half_typed(&mut s);
                            report = s.lines.unsaved_report();
                        }
                        restore(modes.as_ref());
                        if let Some(report) = report {
                            let _ = rustix::io::write(std::io::stderr(), report.as_bytes());
                        }
                        // Straight to the descriptor: the main thread may hold stdout's lock.
                        let _ = rustix::io::write(std::io::stdout(), b"\r\n");
                        std::process::exit(128 + sig);
                    }
                });
            drop(unblock);
        }
        let result = keys(&shared, &mut output);
        if let Some(closer) = closer {
            closer.close();
        }
        result
    });
    restore(modes.as_ref());
    let _ = crossterm::terminal::disable_raw_mode();
    result
}

/// Puts back the terminal's modes as they were when the line mode began.
fn restore(modes: Option<&rustix::termios::Termios>) {
    if let Some(modes) = modes {
        let _ = rustix::termios::tcsetattr(
            std::io::stdin(),
            rustix::termios::OptionalActions::Now,
            modes,
        );
    }
}

/// A half-typed `note TEXT` is kept, as the full screen keeps a note being typed; any other
/// half-typed command is not carried out (Enter was never pressed). Where the reader is is kept
/// for the next session.
fn keep_half_typed<C: Conversation>(s: &mut Shared<'_, C>) {
    let typed = std::mem::take(&mut s.typed);
    if s.lines.is_note(&typed) {
        let _ = s.lines.command(&typed);
    }
    s.lines.leave_map();
}

/// The key loop.
fn keys<C: Conversation>(
    shared: &Mutex<Shared<'_, C>>,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let mut typing = Typing::default();
    let mut history: Vec<String> = Vec::new();
    // Where Up and Down are in the history; `history.len()` is the line being typed.
    let mut back = 0;
    let mut draft = String::new();
    write_raw(out, PROMPT)?;
    let following = shared.lock().is_ok_and(|s| s.lines.follows());
    loop {
        if following && !event::poll(FOLLOW_POLL)? {
            let news = shared
                .lock()
                .map(|mut s| s.lines.news())
                .unwrap_or_default();
            if !news.is_empty() {
                clear(out, &typing)?;
                write_raw(out, &news)?;
                redraw(out, &mut typing)?;
            }
            continue;
        }
        let key = match event::read() {
            Ok(Event::Key(key)) if key.kind != KeyEventKind::Release => key,
            Ok(Event::Resize(..)) => {
                redraw(out, &mut typing)?;
                continue;
            }
            Ok(_) => continue,
            // The terminal went away (a hang-up, a closed pty): as a signal would end it.
            Err(_) => {
                if let Ok(mut s) = shared.lock() {
                    keep_half_typed(&mut s);
                }
                return Ok(());
            }
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        // A line feed (pasted text, a braille display, a script through a pty) ends a line as
        // Enter does: in raw mode it arrives as Ctrl-J.
        let enter = key.code == KeyCode::Enter || (ctrl && key.code == KeyCode::Char('j'));
        match key.code {
            _ if enter => {
                let line: String = typing.text.iter().collect();
                end_of_line(out, &typing)?;
                write_raw(out, "\n")?;
                typing = Typing::default();
                if !line.trim().is_empty() && history.last() != Some(&line) {
                    history.push(line.clone());
                    if history.len() > 1000 {
                        history.remove(0);
                    }
                }
                back = history.len();
                let Ok(mut s) = shared.lock() else {
                    return Ok(());
                };
                s.typed.clear();
                match s.lines.command(&line) {
                    Some(text) => write_raw(out, &text)?,
                    None => return Ok(()),
                }
                drop(s);
                write_raw(out, PROMPT)?;
                continue;
            }
            KeyCode::Char('c') if ctrl => {
                end_of_line(out, &typing)?;
                write_raw(out, "\n")?;
                if let Ok(mut s) = shared.lock() {
                    keep_half_typed(&mut s);
                }
                return Ok(());
            }
            KeyCode::Char('d') if ctrl && typing.text.is_empty() => {
                write_raw(out, "\n")?;
                if let Ok(mut s) = shared.lock() {
                    s.lines.leave_map();
                }
                return Ok(());
            }
            KeyCode::Up | KeyCode::Down => {
                let up = key.code == KeyCode::Up;
                if up && back > 0 {
                    if back == history.len() {
                        draft = typing.text.iter().collect();
                    }
                    back -= 1;
                } else if !up && back < history.len() {
                    back += 1;
                } else {
                    continue;
                }
                let recalled = history.get(back).unwrap_or(&draft);
                typing.text = recalled.chars().collect();
                typing.cursor = typing.text.len();
                redraw(out, &mut typing)?;
            }
            _ => {
                let appended = edit_key(&mut typing, key);
                match appended {
                    Some(c) => write_raw(out, &c.to_string())?,
                    None => redraw(out, &mut typing)?,
                }
            }
        }
        if let Ok(mut s) = shared.lock() {
            s.typed = typing.text.iter().collect();
        }
    }
}

/// Applies an editing key to the line. Returns the character when it was typed at the end
/// (echoed as it is, no redraw), else `None` (the line is drawn again).
fn edit_key(t: &mut Typing, key: KeyEvent) -> Option<char> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('a') if ctrl => t.cursor = 0,
        KeyCode::Char('e') if ctrl => t.cursor = t.text.len(),
        KeyCode::Char('b') if ctrl => t.cursor = t.cursor.saturating_sub(1),
        KeyCode::Char('f') if ctrl => t.cursor = (t.cursor + 1).min(t.text.len()),
        KeyCode::Char('u') if ctrl => {
            t.text.drain(..t.cursor);
            t.cursor = 0;
        }
        KeyCode::Char('k') if ctrl => t.text.truncate(t.cursor),
        KeyCode::Char('w') if ctrl => {
            let mut from = t.cursor;
            while from > 0 && t.text[from - 1] == ' ' {
                from -= 1;
            }
            while from > 0 && t.text[from - 1] != ' ' {
                from -= 1;
            }
            t.text.drain(from..t.cursor);
            t.cursor = from;
        }
        KeyCode::Char('d') if ctrl && t.cursor < t.text.len() => {
            t.text.remove(t.cursor);
        }
        // Ctrl-L, and any other control key: the line drawn again.
        KeyCode::Char(_) if ctrl => {}
        KeyCode::Char(c) => {
            // Control characters never reach the line (a pasted escape sequence included).
            if c.is_control() {
                return None;
            }
            t.text.insert(t.cursor, c);
            t.cursor += 1;
            if t.cursor == t.text.len() {
                return Some(c);
            }
        }
        KeyCode::Tab => {
            t.text.insert(t.cursor, ' ');
            t.cursor += 1;
        }
        KeyCode::Backspace if t.cursor > 0 => {
            t.cursor -= 1;
            t.text.remove(t.cursor);
        }
        KeyCode::Delete if t.cursor < t.text.len() => {
            t.text.remove(t.cursor);
        }
        KeyCode::Left => t.cursor = t.cursor.saturating_sub(1),
        KeyCode::Right => t.cursor = (t.cursor + 1).min(t.text.len()),
        KeyCode::Home => t.cursor = 0,
        KeyCode::End => t.cursor = t.text.len(),
        _ => {}
    }
    None
}

/// Writes `text` in raw mode: each line break as a carriage return and a line feed.
fn write_raw(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    out.write_all(text.replace('\n', "\r\n").as_bytes())?;
    out.flush()
}

/// The terminal's width in columns (80 when it cannot say).
fn columns() -> usize {
    crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w.max(1)))
}

/// The columns `chars` take.
fn width(chars: &[char]) -> usize {
    chars.iter().map(|c| c.width().unwrap_or(0)).sum()
}

/// Moves to the prompt's row and clears from there down: the line being typed is gone.
fn clear(out: &mut impl Write, t: &Typing) -> std::io::Result<()> {
    let up = if t.row > 0 {
        format!("\x1b[{}A", t.row)
    } else {
        String::new()
    };
    out.write_all(format!("{up}\r\x1b[J").as_bytes())?;
    out.flush()
}

/// Moves the cursor past the end of the line, so what follows starts below it.
fn end_of_line(out: &mut impl Write, t: &Typing) -> std::io::Result<()> {
    let cols = columns();
    let end_row = (PROMPT.len() + width(&t.text)) / cols;
    if end_row > t.row {
        out.write_all(format!("\x1b[{}B", end_row - t.row).as_bytes())?;
    }
    Ok(())
}

/// Draws the prompt and the line again, and puts the cursor where it is in the line, over as
/// many rows as the line wraps to.
fn redraw(out: &mut impl Write, t: &mut Typing) -> std::io::Result<()> {
    clear(out, t)?;
    let cols = columns();
    let line: String = t.text.iter().collect();
    let total = PROMPT.len() + width(&t.text);
    let mut bytes = format!("{PROMPT}{line}");
    // At an exact multiple of the width the terminal waits to wrap: make it wrap now, so the
    // rows below are counted as drawn.
    if total > 0 && total.is_multiple_of(cols) {
        bytes.push_str("\r\n");
    }
    let end_row = total / cols;
    let at = PROMPT.len() + width(&t.text[..t.cursor]);
    let (row, col) = (at / cols, at % cols);
    if end_row > row {
        bytes.push_str(&format!("\x1b[{}A", end_row - row));
    }
    bytes.push('\r');
    if col > 0 {
        bytes.push_str(&format!("\x1b[{col}C"));
    }
    out.write_all(bytes.as_bytes())?;
    t.row = row;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(keys: &[KeyEvent]) -> String {
        let mut t = Typing::default();
        for &k in keys {
            edit_key(&mut t, k);
        }
        t.text.iter().collect()
    }

    fn ch(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn code(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn editing_keys_edit_the_line() {
        let word = |s: &str| s.chars().map(ch).collect::<Vec<_>>();
        let mut keys = word("go P2");
        keys.extend([code(KeyCode::Home), ch('x'), code(KeyCode::End), ch('!')]);
        assert_eq!(typed(&keys), "xgo P2!");
        let mut keys = word("note one two");
        keys.push(ctrl('w'));
        assert_eq!(typed(&keys), "note one ");
        let mut keys = word("abc");
        keys.extend([code(KeyCode::Left), ctrl('k')]);
        assert_eq!(typed(&keys), "ab");
        let mut keys = word("abc");
        keys.extend([code(KeyCode::Left), ctrl('u')]);
        assert_eq!(typed(&keys), "c");
        let mut keys = word("abc");
        keys.extend([
            code(KeyCode::Left),
            code(KeyCode::Backspace),
            code(KeyCode::Delete),
        ]);
        assert_eq!(typed(&keys), "a");
        // A control character (as from a pasted escape sequence) never enters the line.
        assert_eq!(typed(&[ch('a'), ch('\u{1b}'), ch('b')]), "ab");
    }
}
