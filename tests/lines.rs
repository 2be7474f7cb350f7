//! `argwalk read`, the line mode for screen readers, braille and pipes: a script of commands in,
//! the whole transcript out, compared as it is; no escape sequence anywhere.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_argwalk");

fn transcript(script: &str, args: &[&str]) -> String {
    let state = std::env::temp_dir().join(format!(
        "argwalk-lines-{}-{}",
        std::process::id(),
        args.len()
    ));
    let _ = std::fs::remove_dir_all(&state);
    let mut child = Command::new(BIN)
        .arg("read")
        .args(args)
        .env("ARGWALK_STATE_DIR", &state)
        .env("LANG", "C.UTF-8")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let _ = std::fs::remove_dir_all(&state);
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_script_of_commands_reads_the_argument() {
    let text = transcript(
        "n\nnext\nup\nc\ng p2\npara 5\nwho 9\ns elephant\nnote ask about the dates\nmark\nt\np\nbogus\nh\nquit\nn\n",
        &[],
    );
    assert!(!text.contains('\u{1b}'), "no escape sequences");
    insta::assert_snapshot!(text);
}

#[test]
fn ascii_mode_reads_in_ascii() {
    let text = transcript("g E2b\npara 5\nq\n", &["--ascii"]);
    assert!(text.is_ascii(), "{text}");
    assert!(text.contains("'Shiafication'"), "{text}");
}
