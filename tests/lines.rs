//! `argwalk read`, the line mode for screen readers, braille and pipes: a script of commands in,
//! the whole transcript out, compared as it is; no escape sequence anywhere.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

fn transcript(script: &str, args: &[&str]) -> String {
    // A state folder of each transcript's own: tests run side by side.
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let state = std::env::temp_dir().join(format!(
        "argwalk-lines-{}-{}",
        std::process::id(),
        RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&state);
    let mut read = support::cli::argwalk();
    read.arg("read").args(args).env("ARGWALK_STATE_DIR", &state);
    let out = support::cli::run(read, script);
    assert!(out.status.success());
    let _ = std::fs::remove_dir_all(&state);
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_script_of_commands_reads_the_argument() {
    let text = transcript(
        "n\nnext\nup\nl\nc\ng p2\npara 5\nwho 9\n/elephant\nnote ask about the dates\nmark\nt\np\nh\nG\ng\nu\nbogus\n?\nquit\nn\n",
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

/// Issue 16.6: who argues a claim is said only when known; a claim against the thesis is
/// one the author rejects (or grants), never one "argued by the author".
#[test]
fn who_argues_is_said_only_when_known() {
    use argwalk::loader::{self, Builtin};
    // O1 no longer conceded, and its `by` gone if it had one.
    let text = loader::BUILTIN_MAP.replacen("conceded = true", "conceded = false", 1);
    let map = loader::load_str("m.toml", &text, &Builtin).map.unwrap();
    let mut lines = argwalk::lines::Lines::new(&map, None);
    let say = |l: &mut argwalk::lines::Lines, c: &str| l.command(c).unwrap_or_default();
    let thesis = say(&mut lines, "this");
    assert!(thesis.contains("Argued by: the author"), "{thesis}");
    let o1 = say(&mut lines, "go O1");
    assert!(o1.contains("The author rejects this."), "{o1}");
    assert!(!o1.contains("Argued by: the author"), "{o1}");
    let r1 = say(&mut lines, "go R1");
    assert!(r1.contains("Argued by: the author"), "{r1}");
    let o2 = say(&mut lines, "go O2");
    assert!(o2.contains("The author concedes it."), "{o2}");
    assert!(!o2.contains("rejects"), "{o2}");
}

/// Issue 16.7: the line mode reaches the study layer and the prep views: the mapper's tags and
/// notes, verdicts in the node's words, the side, weak spots, frontlines and the prep sheet.
#[test]
fn the_line_mode_reaches_verdicts_side_and_the_prep_views() {
    // One letter each, as the reader's keys: v verdict, s side, w weak spots, f frontlines,
    // P the sheet.
    let text = transcript("go O1\nv\nv\ns\ns\nw\nf\nP\nq\n", &[]);
    assert!(text.contains("Tags: peace process."), "{text}");
    assert!(text.contains("Your verdict on O1: strong."), "{text}");
    assert!(text.contains("Your verdict on O1: answerable."), "{text}");
    assert!(text.contains("You argue against the thesis."), "{text}");
    assert!(
        text.contains("you judged it answerable"),
        "weak spots: {text}"
    );
    assert!(text.contains("If they say O1"), "frontlines: {text}");
    assert!(text.contains("# "), "the prep sheet: {text}");
    assert!(!text.contains('\u{1b}'), "no escape sequence");
}
