//! The real argwalk binary as a command, in a clean environment: never the developer's own
//! configuration, state, colours or locale. Every test that runs the binary starts here.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// A folder of this test process's own, for HOME and the XDG folders.
pub fn home() -> PathBuf {
    std::env::temp_dir().join(format!("argwalk-test-home-{}", std::process::id()))
}

/// `program` (argwalk, or a runner of it) with nothing inherited but PATH: HOME and the XDG
/// folders in [`home`], a UTF-8 locale, and the reader's state in a folder of the test's
/// (`ARGWALK_STATE_DIR`; a test may set its own after).
pub fn command(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let home = home();
    let mut c = Command::new(program);
    c.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LANG", "C.UTF-8")
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("ARGWALK_STATE_DIR", home.join("argwalk-state"));
    c
}

/// argwalk itself, as [`command`] sets it up.
pub fn argwalk() -> Command {
    command(env!("CARGO_BIN_EXE_argwalk"))
}

/// Runs `command` with `input` on its standard input; what it wrote and how it ended.
pub fn run(mut command: Command, input: &str) -> Output {
    use std::io::Write;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(mut stdin) = child.stdin.take() {
        // A program that quits before reading it all closes the pipe: not an error here.
        let _ = stdin.write_all(input.as_bytes());
    }
    child.wait_with_output().expect("the binary ends")
}

/// Anki's own library (tests/peer/anki_import.py) imports each of `files` into a fresh
/// collection; what it read of each: (cards, deck, one JSON list of fields and tags a note).
pub fn anki_import(files: &[PathBuf]) -> Vec<(usize, String, Vec<Vec<String>>)> {
    let python = std::env::var("ARGWALK_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = command(&python)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/peer/anki_import.py"
        ))
        .args(files)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    text.split("\n==\n")
        .map(|block| {
            let mut lines = block.lines();
            let cards = lines
                .next()
                .and_then(|l| l.trim().parse().ok())
                .expect("a card count");
            let deck = lines.next().unwrap_or_default().to_string();
            let notes = lines
                .map(|l| serde_json::from_str(l).expect("a note as JSON"))
                .collect();
            (cards, deck, notes)
        })
        .collect()
}
