//! The line mode at a terminal: each command line edited by rustyline (a well-kept line editor:
//! Up and Down recall, Ctrl-R searches, Ctrl-A/E/U/W edit), kept in memory only (a restricted
//! session writes no history file), and the terminal's modes put back on every way out.

use std::io::Write;

use rustyline::error::ReadlineError;

use super::Lines;

/// Reads and carries out commands until `quit`, Ctrl-D or Ctrl-C.
pub(super) fn edit(lines: &mut Lines, mut output: impl Write) -> std::io::Result<()> {
    restore_on_signals();
    let config = rustyline::Config::builder()
        .auto_add_history(true)
        .history_ignore_dups(true)
        .map_err(std::io::Error::other)?
        .max_history_size(1000)
        .map_err(std::io::Error::other)?
        .build();
    let mut editor =
        rustyline::DefaultEditor::with_config(config).map_err(std::io::Error::other)?;
    loop {
        match editor.readline("> ") {
            Ok(line) => match lines.command(&line) {
                Some(text) => {
                    output.write_all(text.as_bytes())?;
                    output.flush()?;
                }
                None => return Ok(()),
            },
            Err(ReadlineError::Eof | ReadlineError::Interrupted) => {
                lines.leave_map();
                return Ok(());
            }
            Err(ReadlineError::Io(e)) => return Err(e),
            Err(e) => return Err(std::io::Error::other(e)),
        }
    }
}

/// rustyline holds the terminal raw while a line is typed; a SIGTERM, SIGHUP or SIGINT then
/// would end argwalk with the terminal left raw (no echo in the shell after). A thread of our
/// own catches them, puts back the modes the terminal had when the line mode began, and ends
/// the process as the signal would have (128 + its number). Nothing is lost: the line mode
/// saves each change as it is made.
fn restore_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(modes) = rustix::termios::tcgetattr(std::io::stdin()) else {
        return;
    };
    let Some((mut signals, _unblock)) = crate::screen::driver::register(&[SIGTERM, SIGHUP, SIGINT])
    else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                let _ = rustix::termios::tcsetattr(
                    std::io::stdin(),
                    rustix::termios::OptionalActions::Now,
                    &modes,
                );
                // Straight to the descriptor: the main thread may hold stdout's lock.
                let _ = rustix::io::write(std::io::stdout(), b"\n");
                std::process::exit(128 + sig);
            }
        });
}
