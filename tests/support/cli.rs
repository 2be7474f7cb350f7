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
