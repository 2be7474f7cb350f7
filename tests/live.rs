//! The author's loop, end to end in a pty: a save shows in the reader at once, a broken save
//! keeps the last good map with its problems a key away, and `e` lends the terminal to the
//! editor at the node's line and reads the map again when it returns.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use support::pty::{Pty, Session, restored};

const BIN: &str = env!("CARGO_BIN_EXE_argwalk");
const LONG: Duration = Duration::from_secs(10);

/// A folder with a copy of the Astana map and its article.
fn workspace(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("argwalk-live-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("astana-talks.toml"),
        argwalk::map::loader::BUILTIN_MAP,
    )
    .unwrap();
    std::fs::write(
        dir.join("astana-talks.txt"),
        argwalk::map::loader::BUILTIN_TEXT,
    )
    .unwrap();
    dir
}

/// Saves as editors do: a new file renamed over the old one.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("tmp~");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

fn open(map: &Path, envs: &[(&str, &str)]) -> Pty {
    let p = Pty::spawn(
        Path::new(BIN),
        &[map.to_str().unwrap()],
        envs,
        120,
        40,
        Session::Detached,
    );
    p.see(&["step 1/37"], LONG);
    p
}

#[test]
fn a_save_shows_at_once_and_a_broken_one_keeps_the_last_good_map() {
    let dir = workspace("save");
    let map = dir.join("astana-talks.toml");
    let mut p = open(&map, &[]);
    // Walk to P2, then rename its label: the selection stays on P2.
    p.press_and_see(b"nnnnnnn", &["step 8/37", "T › P2 "], LONG);
    let text = argwalk::map::loader::BUILTIN_MAP.replace(
        "Pledges on paper, offensives on the ground",
        "Pledges renamed on save",
    );
    let saved = Instant::now();
    save(&map, &text);
    assert!(
        p.wait_for(LONG, |s| s.contains("Pledges renamed on save")
            && s.contains("T › P2")),
        "{}",
        p.screen()
    );
    eprintln!("save to new frame: {:?}", saved.elapsed());
    // A broken save: the last good map stays, the status line counts the errors.
    let broken = text.replacen("supports = \"T\"", "supports = \"P9\"", 1);
    save(&map, &broken);
    assert!(
        p.wait_for(LONG, |s| s.contains("1 error in")
            && s.contains("Pledges renamed on save")),
        "{}",
        p.screen()
    );
    // `!` shows the problem with its line and column, as `check` does.
    p.press_and_see(b"!", &["no node has that id", "astana-talks.toml:"], LONG);
    p.send(b"\x1b");
    // The window is closed before the next save (a key there would close it instead).
    assert!(
        p.wait_for(LONG, |s| !s.contains("problems in")),
        "{}",
        p.screen()
    );
    // The article changes too: its paragraphs are read again.
    save(&map, &text);
    // "clean again", or "Reloaded" when a late event of the same save reads it once more.
    assert!(
        p.wait_for(LONG, |s| s.contains("clean again")
            || s.contains("Reloaded")),
        "{}",
        p.screen()
    );
    p.press_and_see(b"!", &["The map on screen has no problems"], LONG);
    let article = argwalk::map::loader::BUILTIN_TEXT.replacen(
        "The recent trilateral",
        "The EDITED trilateral",
        1,
    );
    save(&dir.join("astana-talks.txt"), &article);
    p.see(&["The EDITED trilateral"], LONG);
    p.send(b"q");
    let (status, _) = p.wait(LONG).expect("exit");
    assert_eq!(status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A stand-in editor: records how it was called, and changes the map as a person would.
fn fake_editor(dir: &Path) -> PathBuf {
    let script = dir.join("vi");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"$@\" > {log}\nstty -a > {stty}\nsed -i 's/Iran is the spoiler/Edited in the editor/' \"$2\"\n",
            log = dir.join("args").display(),
            stty = dir.join("stty").display()
        ),
    )
    .unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .unwrap();
    script
}

#[test]
fn e_opens_the_editor_at_the_node_and_reads_the_map_again() {
    let dir = workspace("edit");
    let map = dir.join("astana-talks.toml");
    let editor = fake_editor(&dir);
    let mut p = open(&map, &[("EDITOR", editor.to_str().unwrap())]);
    p.press_and_see(b"nnnnnnn", &["step 8/37", "T › P2 "], LONG);
    p.send(b"e");
    p.see(&["Edited in the editor"], LONG);
    let args = std::fs::read_to_string(dir.join("args")).unwrap();
    let line = argwalk::map::loader::BUILTIN_MAP
        .lines()
        .position(|l| l.contains("id = \"P2\""))
        .unwrap(); // the header is the line above the id: its 1-based number is `position`
    assert_eq!(args.trim(), format!("+{line} {}", map.display()));
    // The editor had the terminal in cooked mode; argwalk took it back after.
    let stty = std::fs::read_to_string(dir.join("stty")).unwrap();
    assert!(stty.contains(" icanon") && stty.contains(" echo"), "{stty}");
    assert!(
        p.wait_for(LONG, |s| s.contains("T › P2 ")),
        "the selection is kept:\n{}",
        p.screen()
    );
    // From the source pane, the article at the marked paragraph's line.
    p.send(b"\te");
    assert!(p.wait_for(LONG, |_| {
        std::fs::read_to_string(dir.join("args")).is_ok_and(|a| a.contains("astana-talks.txt"))
    }));
    p.send(b"q");
    let (status, _) = p.wait(LONG).expect("exit");
    assert_eq!(status.code(), Some(0));
    assert!(restored(&p.bytes()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn e_without_an_editor_or_on_the_built_in_map_says_what_to_do() {
    let dir = workspace("noeditor");
    let mut p = open(&dir.join("astana-talks.toml"), &[]);
    p.press_and_see(b"e", &["No editor set: set VISUAL or EDITOR"], LONG);
    p.send(b"q");
    p.wait(LONG).expect("exit");
    let mut p = Pty::spawn(
        Path::new(BIN),
        &[],
        &[("EDITOR", "vi")],
        120,
        40,
        Session::Detached,
    );
    assert!(p.wait_for(LONG, |s| s.contains("step 1/37")));
    p.press_and_see(b"e", &["Built-in map", "init --example"], LONG);
    p.send(b"q");
    p.wait(LONG).expect("exit");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 15.8: SIGTERM or SIGHUP while `e`'s editor runs is passed on to the editor, and
/// argwalk ends at once with the terminal as it was, not when the editor would have exited.
#[test]
fn a_signal_while_the_editor_runs_ends_both_at_once() {
    use rustix::process::Signal;
    for (sig, code) in [(Signal::TERM, 143), (Signal::HUP, 129)] {
        let dir = workspace(&format!("editor-signal-{}", code));
        let map = dir.join("astana-talks.toml");
        let editor = dir.join("slow-editor");
        let marker = dir.join("editor-pid");
        std::fs::write(
            &editor,
            format!("#!/bin/sh\necho $$ > {}\nexec sleep 30\n", marker.display()),
        )
        .unwrap();
        std::process::Command::new("chmod")
            .arg("+x")
            .arg(&editor)
            .status()
            .unwrap();
        let mut p = open(&map, &[("EDITOR", editor.to_str().unwrap())]);
        p.send(b"e");
        let start = Instant::now();
        while !marker.exists() && start.elapsed() < LONG {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(100));
        let editor_pid: i32 = std::fs::read_to_string(&marker)
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        p.signal(sig);
        let (status, took) = p.wait(LONG).expect("argwalk waited for the editor");
        eprintln!("{sig:?} while the editor runs: argwalk ended after {took:?}");
        assert_eq!(status.code(), Some(code));
        assert!(
            took < Duration::from_secs(2),
            "{took:?}: it waited for the editor"
        );
        assert!(p.cooked(), "raw mode left on");
        // The editor was told too.
        std::thread::sleep(Duration::from_millis(100));
        assert!(
            !Path::new(&format!("/proc/{editor_pid}")).exists()
                || std::fs::read_to_string(format!("/proc/{editor_pid}/stat"))
                    .unwrap_or_default()
                    .contains(") Z"),
            "the editor still runs"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// Issue 15.8: a file-size limit reached while saving the notes is a failed save (said, kept),
/// not a death by SIGXFSZ with the terminal left raw.
#[test]
fn a_file_size_limit_is_a_failed_save() {
    let dir = workspace("xfsz");
    let state = dir.join("state");
    let mut p = Pty::spawn(
        Path::new("/bin/sh"),
        &["-c", &format!("ulimit -f 0; exec {BIN}")],
        &[("ARGWALK_STATE_DIR", state.to_str().unwrap())],
        120,
        40,
        Session::Detached,
    );
    p.see(&["step 1/37"], LONG);
    p.send(b"m");
    p.see(&["cannot save your notes"], LONG);
    p.send(b"q");
    p.see(&["could not be saved"], LONG);
    p.send(b"qq");
    let (status, _) = p.wait(LONG).expect("no exit");
    // Issue 24.2: not a clean end: the changes were not kept where they live.
    assert_eq!(status.code(), Some(1), "{status:?}");
    assert!(p.cooked() && restored(&p.bytes()));
    let text = String::from_utf8_lossy(&p.bytes()).into_owned();
    assert!(
        text.contains("could not be saved"),
        "the unsaved changes are said"
    );
    let leftovers: Vec<_> = std::fs::read_dir(state.join("layers"))
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(
        leftovers
            .iter()
            .all(|n| !n.to_string_lossy().contains(".tmp-")),
        "{leftovers:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
