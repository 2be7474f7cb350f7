//! The reader's files through the real binary: a layer that cannot be read is said and left
//! alone; an export reads no layer it does not print, takes no lock, moves nothing, and writes
//! a bare file name in the current folder.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Output;

mod support;

const BIN: &str = env!("CARGO_BIN_EXE_argwalk");

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("argwalk-files-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// argwalk in a clean environment (tests/support/cli.rs), its state in `state`.
fn argwalk(state: &Path, cwd: &Path, args: &[&str], input: &str) -> Output {
    let mut c = support::cli::argwalk();
    c.args(args)
        .current_dir(cwd)
        .env("ARGWALK_STATE_DIR", state);
    support::cli::run(c, input)
}

fn layer_files(state: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(state.join("layers"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Issue 15.15: `export -o bare.md` writes in the current folder and exits 0; formats that
/// print no notes leave nothing in the state folder, not even a lock.
#[test]
fn an_export_to_a_bare_name_works_and_leaves_no_lock() {
    let dir = temp("bare");
    let state = dir.join("state");
    for (format, file) in [
        ("dot", "bare.dot"),
        ("json", "bare.json"),
        ("anki", "b.txt"),
    ] {
        let out = argwalk(&state, &dir, &["export", "--to", format, "-o", file], "");
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(dir.join(file).is_file());
    }
    assert!(layer_files(&state).is_empty(), "{:?}", layer_files(&state));
    let out = argwalk(
        &state,
        &dir,
        &["export", "--to", "markdown", "-o", "bare.md"],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(layer_files(&state).is_empty(), "no lock even for the sheet");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 15.10: an export of a map whose notes file is damaged says so and moves nothing.
#[test]
fn an_export_says_when_the_notes_file_is_damaged_and_leaves_it() {
    let dir = temp("damaged");
    let state = dir.join("state");
    std::fs::create_dir_all(state.join("layers")).unwrap();
    let file = state.join("layers/built-in-astana.toml");
    std::fs::write(&file, "[nodes.P1]\nnote = \"cut").unwrap();
    let out = argwalk(&state, &dir, &["export", "--to", "markdown"], "");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot be read") && err.contains("left out"),
        "{err}"
    );
    assert_eq!(layer_files(&state), ["built-in-astana.toml"]);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "[nodes.P1]\nnote = \"cut"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 15.11: a notes file the reader may not read is said to be unreadable, is not moved
/// or written over, and the session keeps nothing. As root, the session runs as `nobody`
/// (root reads every file); otherwise the file's mode says no.
#[test]
fn an_unreadable_notes_file_is_said_and_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp("unreadable");
    let state = dir.join("state");
    std::fs::create_dir_all(state.join("layers")).unwrap();
    let file = state.join("layers/built-in-astana.toml");
    std::fs::write(&file, "[nodes.T]\nnote = \"mine\"\n").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
    let root = rustix::process::geteuid().is_root();
    let out = if root {
        // The folders open to all, the file to root alone.
        for d in [&dir, &state, &state.join("layers")] {
            std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o777)).unwrap();
        }
        // A copy `nobody` can run: the build folder may sit under a home only root enters.
        let bin = dir.join("argwalk");
        std::fs::copy(BIN, &bin).unwrap();
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
        let mut nobody = support::cli::command("setpriv");
        nobody
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin)
            .arg("read")
            .current_dir(&dir)
            .env("ARGWALK_STATE_DIR", &state);
        support::cli::run(nobody, "note overwritten?\nquit\n")
    } else {
        argwalk(&state, &dir, &["read"], "note overwritten?\nquit\n")
    };
    let err = String::from_utf8_lossy(&out.stderr);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(err.contains("cannot be read"), "{err}");
    assert!(err.contains("left as it is"), "{err}");
    assert!(said.contains("Notes are off"), "{said}");
    assert!(
        !layer_files(&state).iter().any(|f| f.contains("damaged")),
        "nothing moved aside: {:?}",
        layer_files(&state)
    );
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "[nodes.T]\nnote = \"mine\"\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 15.18: C1 controls and bidi characters in a note (a layer file edited by hand, or
/// written by an older argwalk) leave through no output raw: not the prep sheet, not `read`.
#[test]
fn a_notes_controls_never_leave_raw() {
    let dir = temp("c1");
    let state = dir.join("state");
    std::fs::create_dir_all(state.join("layers")).unwrap();
    std::fs::write(
        state.join("layers/built-in-astana.toml"),
        "[nodes.T]\nnote = \"before\\u009b31m\\u202eafter\\u001b[2J end\"\n",
    )
    .unwrap();
    let raw = ['\u{9b}', '\u{202e}', '\u{1b}'];
    let sheet = argwalk(&state, &dir, &["export", "--to", "markdown"], "");
    let sheet = String::from_utf8(sheet.stdout).unwrap();
    // (Markdown escapes the bracket.)
    assert!(sheet.contains("before31mafter\\[2J end"), "{sheet}");
    assert!(!sheet.contains(raw), "raw control in the sheet");
    let read = argwalk(&state, &dir, &["read"], "note\nquit\n");
    let read = String::from_utf8(read.stdout).unwrap();
    assert!(read.contains("before31mafter[2J end"), "{read}");
    assert!(!read.contains(raw), "raw control in read");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 16.15: the layer follows the map, not its path: a map moved and renamed finds its
/// notes, with a word; a layer kept by path (an older argwalk's) is taken over; a map whose
/// article changed finds its notes by the path they recorded.
#[test]
fn notes_follow_a_moved_renamed_or_edited_map() {
    use argwalk::study::{Layer, Store};
    let dir = temp("identity");
    let state = dir.join("state");
    let (a, b) = (dir.join("a"), dir.join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let map = argwalk::map::loader::load_builtin().map.unwrap();
    let fp = map.fingerprint();
    let first = a.join("essay.toml");
    std::fs::write(&first, "").unwrap();
    // An older argwalk's layer, named by the map's path: taken over, renamed to the identity.
    let legacy = Store::new(&state, Some(&first));
    std::fs::create_dir_all(legacy.path.parent().unwrap()).unwrap();
    let mut layer = Layer::default();
    layer.node_mut("P1").note = "mine".into();
    layer.map = argwalk::study::store::recorded(&first);
    std::fs::write(&legacy.path, layer.to_text()).unwrap();
    let found = Store::locate(&state, Some(&first), &fp, true);
    assert_ne!(found.store.path, legacy.path);
    assert!(found.found.is_none());
    assert_eq!(found.store.open().layer.node("P1").unwrap().note, "mine");
    // Moved to another folder under another name: found, and said.
    let second = b.join("renamed.toml");
    std::fs::rename(&first, &second).unwrap();
    let moved = Store::locate(&state, Some(&second), &fp, true);
    assert_eq!(moved.store.path, found.store.path);
    let said = moved.found.expect("a word");
    assert!(
        said.contains("were found") && said.contains("essay.toml"),
        "{said}"
    );
    // The article changed (another identity): found by the path the layer records.
    let edited = Store::locate(&state, Some(&first), "0000000000000000", true);
    assert!(
        edited.found.unwrap_or_default().contains("article"),
        "found by path"
    );
    assert_eq!(edited.store.open().layer.node("P1").unwrap().note, "mine");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 25.5: each map its own notes. Two files of the same title and article (a member's
/// map and the reference, or two members' maps, in the teacher's state) keep layers of their
/// own; each finds its own again; one of them moved finds its own, said by its name only.
#[test]
fn two_files_of_one_article_keep_their_own_notes() {
    let dir = temp("own-notes");
    let state = dir.join("state");
    for folder in ["lib", "class/alice", "class/bob"] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
    }
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("argument-maps");
    for folder in ["lib", "class/alice", "class/bob"] {
        for f in ["mill-on-liberty-ch2.toml", "mill-on-liberty-ch2.txt"] {
            std::fs::copy(shipped.join(f), dir.join(folder).join(f)).unwrap();
        }
    }
    let note = |map: &str, words: &str| {
        let out = argwalk(
            &state,
            &dir,
            &["read", map],
            &format!("go P1\nnote {words}\nq\n"),
        );
        assert!(out.status.success(), "{out:?}");
    };
    let said = |map: &str| {
        let out = argwalk(&state, &dir, &["read", map], "go P1\nq\n");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    note(
        "class/alice/mill-on-liberty-ch2.toml",
        "alice misreads this",
    );
    note("class/bob/mill-on-liberty-ch2.toml", "bob has it right");
    let alice = said("class/alice/mill-on-liberty-ch2.toml");
    assert!(alice.contains("alice misreads this"), "{alice}");
    assert!(!alice.contains("bob has it"), "{alice}");
    let bob = said("class/bob/mill-on-liberty-ch2.toml");
    assert!(
        bob.contains("bob has it right") && !bob.contains("alice"),
        "{bob}"
    );
    let reference = said("lib/mill-on-liberty-ch2.toml");
    assert!(
        !reference.contains("alice") && !reference.contains("bob"),
        "{reference}"
    );
    // One layer a file: alice's, bob's and the reference's (where each reader left it).
    let layers: Vec<String> = layer_files(&state)
        .into_iter()
        .filter(|n| n.ends_with(".toml"))
        .collect();
    assert_eq!(layers.len(), 3, "{layers:?}");
    // Bob's map moved and renamed: his notes follow it, said without the folders.
    std::fs::rename(
        dir.join("class/bob/mill-on-liberty-ch2.toml"),
        dir.join("class/bob/mill.toml"),
    )
    .unwrap();
    let out = argwalk(&state, &dir, &["read", "class/bob/mill.toml"], "go P1\nq\n");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("bob has it right"), "{text}");
    // Said on stderr, as what opening a layer finds is.
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("were found") && said.contains("mill-on-liberty-ch2.toml"),
        "{said}"
    );
    assert!(!said.contains(&dir.display().to_string()), "{said}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 24.14: `export -o` never replaces a file unasked (`--force` does), and never writes
/// through a link, forced or not; the file linked to is untouched.
#[test]
fn export_never_overwrites_unasked_nor_through_a_link() {
    let dir = temp("overwrite");
    let state = dir.join("state");
    std::fs::write(dir.join("mine.md"), "my own notes").unwrap();
    let out = argwalk(
        &state,
        &dir,
        &["export", "--to", "markdown", "-o", "mine.md"],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("mine.md exists already") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("mine.md")).unwrap(),
        "my own notes"
    );
    let out = argwalk(
        &state,
        &dir,
        &["export", "--to", "markdown", "-o", "mine.md", "--force"],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::read_to_string(dir.join("mine.md"))
            .unwrap()
            .starts_with("# Prep sheet")
    );
    std::fs::write(dir.join("target.txt"), "untouched").unwrap();
    std::os::unix::fs::symlink(dir.join("target.txt"), dir.join("link.md")).unwrap();
    for extra in [&[][..], &["--force"][..]] {
        let mut args = vec!["export", "--to", "markdown", "-o", "link.md"];
        args.extend_from_slice(extra);
        let out = argwalk(&state, &dir, &args, "");
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("is a link"));
        assert_eq!(
            std::fs::read_to_string(dir.join("target.txt")).unwrap(),
            "untouched"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
