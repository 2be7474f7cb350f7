//! Issue 18.5: `argwalk compare` on two hand-made maps with known differences, every score
//! computed by hand below.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use argwalk::interchange::compare::{Relation, compare, report};
use argwalk::map::loader::{self, Builtin};
use argwalk::map::model::ArgumentMap;

mod support;

const ARTICLE: &str = r#"[source]
title = "Bikes on the bridge"
paragraphs = [
  "The bridge should have a lane for bikes.",
  "Cyclists now ride in traffic and are hurt every month.",
  "A lane costs little next to the bridge's upkeep.",
  "Drivers say the lane would slow their commute.",
  "But the lane takes no space from the cars.",
  "The mayor rides a bike to work on most days.",
]
"#;

/// The reference: T, two premises, an objection to P1 and its rebuttal. Five nodes, four
/// links (P1 and P2 support T, O1 attacks P1, R1 attacks O1).
const REFERENCE: &str = r#"
[thesis]
id = "T"
text = "The bridge should have a bike lane."
cite = [{ para = 1, quote = "The bridge should have a lane for bikes." }]

[[premise]]
id = "P1"
supports = "T"
text = "Cyclists riding in traffic are hurt every month."
cite = [{ para = 2, quote = "Cyclists now ride in traffic and are hurt every month." }]

[[premise]]
id = "P2"
supports = "T"
text = "The lane is cheap."
cite = [{ para = 3, quote = "A lane costs little next to the bridge's upkeep." }]

[[counterpoint]]
id = "O1"
attacks = "P1"
text = "The lane would slow drivers."
cite = [{ para = 4, quote = "Drivers say the lane would slow their commute." }]

[[counterpoint]]
id = "R1"
attacks = "O1"
text = "The lane takes no space from cars."
cite = [{ para = 5, quote = "But the lane takes no space from the cars." }]
"#;

/// The student's: the thesis and P1 as the reference has them; the drivers' objection mapped
/// as a premise of the thesis (wrong kind, wrong link); an extra claim about the mayor; P2 and
/// R1 missing.
const STUDENT: &str = r#"
[thesis]
id = "T"
text = "A bike lane on the bridge."
cite = [{ para = 1, quote = "The bridge should have a lane for bikes." }]

[[premise]]
id = "A"
supports = "T"
text = "Cyclists get hurt in traffic."
cite = [{ para = 2, quote = "Cyclists now ride in traffic and are hurt every month." }]

[[premise]]
id = "B"
supports = "T"
text = "Drivers' commute."
cite = [{ para = 4, quote = "Drivers say the lane would slow their commute." }]

[[evidence]]
id = "C"
supports = "T"
text = "The mayor cycles."
cite = [6]
"#;

fn load(body: &str) -> ArgumentMap {
    let text = format!("{ARTICLE}{body}");
    let l = loader::load_str("m.toml", &text, &Builtin);
    l.map
        .unwrap_or_else(|| panic!("{}", l.report.render(false)))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn a_comparison_computed_by_hand() {
    let (student, reference) = (load(STUDENT), load(REFERENCE));
    let c = compare(&student, &reference);
    // Aligned: T-T (the theses always), A-P1 and B-O1 (the same quoted span each).
    let pairs: Vec<(&str, &str)> = c
        .pairs
        .iter()
        .map(|p| (p.student.as_str(), p.reference.as_str()))
        .collect();
    assert_eq!(pairs, [("T", "T"), ("A", "P1"), ("B", "O1")]);
    // Components: 3 aligned of the student's 4 and the reference's 5.
    // P = 3/4, R = 3/5, F1 = 2 * 0.75 * 0.6 / 1.35 = 2/3.
    assert!(close(c.components.precision, 0.75));
    assert!(close(c.components.recall, 0.6));
    assert!(close(c.components.f1, 2.0 / 3.0));
    let missed: Vec<&str> = c.missed.iter().map(|m| m.id.as_str()).collect();
    // In the reference's reading order: R1 (under O1, under P1), then P2.
    assert_eq!(missed, ["R1", "P2"]);
    assert_eq!(c.extra.len(), 1);
    assert_eq!(c.extra[0].id, "C");
    // Kinds: T and A agree; B is a premise where the reference has an objection: 2/3.
    assert!(close(c.kinds, 2.0 / 3.0));
    // Links: the student's A->T (P1->T, agreed), B->T (O1->T, not the reference's O1->P1),
    // C->T (C unaligned). Agreed 1 of the student's 3 and the reference's 4:
    // P = 1/3, R = 1/4, F1 = 2 * (1/12) / (7/12) = 2/7.
    assert_eq!(c.links_agreed.len(), 1);
    assert_eq!(
        (
            c.links_agreed[0].from.as_str(),
            c.links_agreed[0].to.as_str()
        ),
        ("P1", "T")
    );
    assert_eq!(c.links_agreed[0].relation, Relation::Supports);
    assert!(close(c.links.precision, 1.0 / 3.0));
    assert!(close(c.links.recall, 0.25));
    assert!(close(c.links.f1, 2.0 / 7.0));
    // Overall: 0.4 * 2/3 + 0.2 * 2/3 + 0.4 * 2/7 = 0.4 + 4/35 = 18/35.
    assert!(close(c.overall, 18.0 / 35.0), "{}", c.overall);
    // For the student: the scores, then what to look at again, with paragraphs.
    let text = report(&c, &reference);
    // Issue 25.2: the thesis first.
    assert!(
        text.starts_with(
            "Thesis: yours is the reference's.\nYour map against the reference: 51% overall."
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "Not mapped: the reference's premise P2 (¶3), which supports T: The lane is cheap."
        ),
        "{text}"
    );
    // Issue 25.3: a node not mapped is one item with its links, not one more per link.
    assert!(
        text.contains("Not mapped: the reference's rebuttal R1 (¶5), which attacks O1: The lane takes no space from cars."),
        "{text}"
    );
    assert!(!text.contains("R1 attacks O1"), "{text}");
    assert!(
        text.contains("Your B is a premise; the reference makes it an objection (O1)."),
        "{text}"
    );
    assert!(
        text.contains(
            "In the reference, O1 attacks P1 (your B and A): your map does not link them so."
        ),
        "{text}"
    );
    assert!(
        text.contains("Your C (¶6) has no counterpart in the reference"),
        "{text}"
    );
}

#[test]
fn a_map_compared_with_itself_scores_full() {
    let reference = load(REFERENCE);
    let c = compare(&reference, &reference);
    assert!(close(c.overall, 1.0));
    assert!(c.missed.is_empty() && c.extra.is_empty() && c.links_missed.is_empty());
    assert!(report(&c, &reference).contains("Nothing to look at again"));
}

/// The command line: the report for the student, `--json` for a teacher's scripts.
#[test]
fn compare_on_the_command_line_in_words_and_json() {
    let dir = std::env::temp_dir().join(format!("argwalk-compare-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("student.toml"), format!("{ARTICLE}{STUDENT}")).unwrap();
    std::fs::write(dir.join("reference.toml"), format!("{ARTICLE}{REFERENCE}")).unwrap();
    let mut cmd = support::cli::argwalk();
    cmd.arg("compare")
        .arg(dir.join("student.toml"))
        .arg(dir.join("reference.toml"));
    let out = support::cli::run(cmd, "");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("51% overall"));
    let mut cmd = support::cli::argwalk();
    cmd.args(["compare", "--json"])
        .arg(dir.join("student.toml"))
        .arg(dir.join("reference.toml"));
    let out = support::cli::run(cmd, "");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["format"], "argwalk-compare");
    assert_eq!(json["comparison"]["missed"][1]["id"], "P2");
    assert!((json["comparison"]["overall"].as_f64().unwrap() - 18.0 / 35.0).abs() < 1e-9);
    // A broken map: its errors, exit 1.
    std::fs::write(dir.join("broken.toml"), "[thesis]\nid = 3\n").unwrap();
    let mut cmd = support::cli::argwalk();
    cmd.arg("compare")
        .arg(dir.join("broken.toml"))
        .arg(dir.join("reference.toml"));
    let out = support::cli::run(cmd, "");
    assert_eq!(out.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 18.7: the reader opened `--against` the reference lists the differences (`D`) and
/// walks them: Enter goes to the node of the student's map each is about; a save of the map
/// shows at once what it changed.
#[test]
fn the_reader_walks_the_differences_from_the_reference() {
    use argwalk::screen::app::{App, Overlay, Settings, Start, act, handle};
    use argwalk::screen::keymap::Action;
    let (student, reference) = (load(STUDENT), load(REFERENCE));
    let mut app = App::new(student, 120, 40);
    let start = Start {
        settings: Settings {
            against: Some(std::sync::Arc::new(reference)),
            ..Settings::default()
        },
        ..Start::default()
    };
    handle(&mut app, start.event());
    act(&mut app, Action::Differences);
    assert!(
        matches!(app.overlay(), Overlay::Differences { list } if list.selected == 0),
        "{:?}",
        app.overlay()
    );
    let screen = argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(
        &app,
        &argwalk::screen::theme::Theme::FULL,
    ));
    assert!(
        screen.contains("Against the reference: 51% overall"),
        "{screen}"
    );
    assert!(
        screen.contains("Not mapped: the reference's rebuttal R1"),
        "{screen}"
    );
    // A link of the reference is said with the student's own ids beside the reference's.
    assert!(
        app.differences().iter().any(|d| d.text
            == "In the reference, O1 attacks P1 (your B and A): your map does not link them so"),
        "{:?}",
        app.differences()
    );
    // The third difference is about the student's B (a premise the reference makes an
    // objection): Enter goes there.
    let items = app.differences();
    let at = items
        .iter()
        .position(|d| d.text.starts_with("Your B is a premise"))
        .unwrap();
    for _ in 0..at {
        act(&mut app, Action::OverlayDown);
    }
    assert!(
        matches!(app.overlay(), Overlay::Differences { list } if list.selected == at),
        "{items:?}"
    );
    act(&mut app, Action::OverlayChoose);
    assert_eq!(*app.overlay(), Overlay::None);
    assert_eq!(app.map().nodes[app.tree().selected].id, "B");
    // The student saves B made an objection of P1 (A), as the reference has it: that
    // difference is gone, and the score rises.
    let fixed = format!("{ARTICLE}{STUDENT}").replace(
        "[[premise]]\nid = \"B\"\nsupports = \"T\"",
        "[[counterpoint]]\nid = \"B\"\nattacks = \"A\"",
    );
    let loaded = loader::load_str("m.toml", &fixed, &Builtin);
    handle(
        &mut app,
        argwalk::screen::event::Event::Reloaded(Box::new(loaded)),
    );
    assert!(
        !app.differences()
            .iter()
            .any(|d| d.text.starts_with("Your B"))
    );
    assert!(app.comparison().unwrap().overall > 18.0 / 35.0);
    // Without a reference, D says how to get one.
    let mut plain = App::new(load(STUDENT), 120, 40);
    act(&mut plain, Action::Differences);
    assert_eq!(*plain.overlay(), Overlay::None);
    assert!(plain.message().unwrap().contains("--against"));
}

/// A class folder beside a library, for issue 18.8: the reference (the bikes map) in the
/// library; alice's map of the same article (the student's, 18/35); bob's broken map; carol
/// with none; dave's map of an article the library has no map of; a folder not named as a
/// member is; and, in alice's folder, a link to bob's map, as a member who can upload could
/// make one.
fn class_folders(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("argwalk-class-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for folder in [
        "lib",
        "class/alice",
        "class/bob",
        "class/carol",
        "class/dave",
        "class/Eve Adams",
    ] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
    }
    std::fs::write(dir.join("lib/bikes.toml"), format!("{ARTICLE}{REFERENCE}")).unwrap();
    std::fs::write(
        dir.join("class/alice/bikes.toml"),
        format!("{ARTICLE}{STUDENT}"),
    )
    .unwrap();
    std::fs::write(
        dir.join("class/bob/secret.toml"),
        format!("{ARTICLE}{REFERENCE}").replace("id = \"P2\"", "id = 7"),
    )
    .unwrap();
    std::fs::write(
        dir.join("class/dave/other.toml"),
        "[source]\ntitle = \"Another piece\"\nparagraphs = [\"Trains are late.\"]\n\n[thesis]\nid = \"T\"\ntext = \"Trains are late.\"\ncite = [1]\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        dir.join("class/bob/secret.toml"),
        dir.join("class/alice/stolen.toml"),
    )
    .unwrap();
    dir
}

/// Issue 18.8: `argwalk class` lists every member's maps, each against the library's map of
/// its article, with the scores `compare` gives; as words, and as JSON for scripts.
#[test]
fn the_class_list_scores_each_members_map_against_its_reference() {
    let dir = class_folders("list");
    let mut cmd = support::cli::argwalk();
    cmd.args(["class", "--json"])
        .arg(dir.join("lib"))
        .arg(dir.join("class"));
    let out = support::cli::run(cmd, "");
    assert!(out.status.success(), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["format"], "argwalk-class");
    let rows = json["rows"].as_array().unwrap();
    let row = |member: &str, file: &str| {
        rows.iter()
            .find(|r| {
                r["member"] == member
                    && r["map"]
                        .as_str()
                        .is_some_and(|m| m.ends_with(&format!("/{file}")))
            })
            .unwrap_or_else(|| panic!("no row for {member} {file}: {rows:?}"))
    };
    let alice = row("alice", "bikes.toml");
    assert_eq!(alice["status"], "scored");
    assert!(
        alice["reference"]
            .as_str()
            .unwrap()
            .ends_with("lib/bikes.toml")
    );
    let overall = alice["comparison"]["overall"].as_f64().unwrap();
    assert!((overall - 18.0 / 35.0).abs() < 1e-9, "{overall}");
    // The link to bob's map is not read from alice's folder: it lies outside it.
    let stolen = row("alice", "stolen.toml");
    assert_eq!(stolen["status"], "broken");
    assert!(
        stolen["why"].as_str().unwrap().contains("outside"),
        "{stolen}"
    );
    assert_eq!(row("bob", "secret.toml")["status"], "broken");
    assert_eq!(row("dave", "other.toml")["status"], "no reference");
    let carol = rows.iter().find(|r| r["member"] == "carol").unwrap();
    assert_eq!(carol["status"], "no map");
    assert_eq!(json["misnamed"], serde_json::json!(["Eve Adams"]));
    // In words: a line a map, and the tally.
    let mut cmd = support::cli::argwalk();
    cmd.arg("class").arg(dir.join("lib")).arg(dir.join("class"));
    let out = support::cli::run(cmd, "");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("alice  bikes.toml    51% overall · components 67% · kinds 67% · links 29% · 2 missed, 1 extra · against bikes.toml"),
        "{text}"
    );
    assert!(
        text.contains("carol  (no map yet)  has handed in no map"),
        "{text}"
    );
    assert!(
        text.contains("no library map is of its article, so no score"),
        "{text}"
    );
    assert!(
        text.ends_with("4 members, 1 map scored, 51% overall on average.\nNot listed: the folder `Eve Adams`: a member's folder is named as --user names a member (letters, digits, - and _), and is a folder of its own, not a link.\n"),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 18.8: a member (`--class DIR --user NAME`) sees their own maps first, each against
/// its reference, and never another member's: not listed, not opened, not through a link.
#[test]
fn a_member_sees_their_own_maps_and_no_one_elses() {
    let dir = class_folders("member");
    let mut cmd = support::cli::argwalk();
    cmd.arg("--library")
        .arg(dir.join("lib"))
        .arg("--class")
        .arg(dir.join("class"))
        .args(["--user", "alice", "--restricted", "read"]);
    let out = support::cli::run(
        cmd,
        "maps\nopen yours/stolen\nopen secret\nclass\nopen yours/bikes\ndifferences\ndifferences 3\nq\n",
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("1. yours/bikes.toml: Bikes on the bridge"),
        "{text}"
    );
    assert!(
        text.contains("3. bikes.toml: Bikes on the bridge"),
        "{text}"
    );
    assert!(!text.contains("secret.toml"), "{text}");
    // The link in alice's folder is listed (it is a file there) but leads outside it.
    assert!(text.contains("This map cannot be opened:"), "{text}");
    assert!(text.contains("is outside the library"), "{text}");
    // Issue 24.14: said without the server's folders.
    assert!(
        !text.contains(&dir.display().to_string()),
        "a server path in a member's messages: {text}"
    );
    assert!(
        !text.contains("Attacked by: O1\n  Cites paragraph 3"),
        "{text}"
    );
    // No name opens what is not listed.
    assert!(text.contains("Say which map, from 1 to 3"), "{text}");
    assert!(text.contains("The class list is the teacher's"), "{text}");
    // Her own map opens against the library's map of its article.
    assert!(
        text.contains("Against the reference: 51% overall (components 67%, kinds 67%, links 29%)."),
        "{text}"
    );
    assert!(
        text.contains("  1. Thesis: yours is the reference's.\n  2. Not mapped: the reference's rebuttal R1 (paragraph 5)"),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 18.8: the teacher's class list in the line mode (`class`, `class N`, then
/// `differences`) and in the full-screen library (`c`, Enter opens the map chosen).
#[test]
fn the_teacher_reads_each_members_map_against_its_reference() {
    let dir = class_folders("teacher");
    let mut cmd = support::cli::argwalk();
    cmd.arg("--library")
        .arg(dir.join("lib"))
        .arg("--class")
        .arg(dir.join("class"))
        .args(["--teacher", "--user", "coach", "--restricted", "read"]);
    let out = support::cli::run(cmd, "help\nclass\nclass 1\ndifferences\nclass 9\nq\n");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("The teacher's class"), "{text}");
    assert!(
        text.contains("  1. alice bikes.toml: 51% overall"),
        "{text}"
    );
    assert!(text.contains("4 members, 1 map scored"), "{text}");
    assert!(text.contains("Bikes on the bridge\n4 nodes."), "{text}");
    assert!(
        text.contains("Against the reference: 51% overall"),
        "{text}"
    );
    assert!(text.contains("Say which map, from 1 to 5"), "{text}");

    // The full screen: c shows the class list, Enter gives the map to open, c goes back.
    use argwalk::screen::keymap::Action;
    let mut library = argwalk::screen::library::Picker::new(
        argwalk::team::library::Library::open(&dir.join("lib"), None)
            .unwrap()
            .with_class(&dir.join("class")),
    );
    library.update(Action::ClassList, 20);
    library.class().unwrap().finish();
    assert!(library.showing_class());
    let backend = ratatui::backend::TestBackend::new(120, 12);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal
        .draw(|f| library.render(f, &argwalk::screen::theme::Theme::FULL))
        .unwrap();
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .chunks(120)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>() + "\n")
        .collect();
    assert!(screen.contains("Class: 4 members"), "{screen}");
    assert!(screen.contains("alice   bikes.toml"), "{screen}");
    assert!(screen.contains("51% overall"), "{screen}");
    assert!(screen.contains("has handed in no map"), "{screen}");
    let chosen = library.update(Action::OverlayChoose, 20).unwrap();
    assert!(chosen.ends_with("class/alice/bikes.toml"), "{chosen:?}");
    library.update(Action::ClassList, 20);
    assert!(!library.showing_class());
    // A member's library has no class list.
    let mut member = argwalk::screen::library::Picker::new(
        argwalk::team::library::Library::open(&dir.join("lib"), None)
            .unwrap()
            .with_own(&dir.join("class/alice")),
    );
    member.update(Action::ClassList, 20);
    assert!(!member.showing_class());
    assert!(member.message.as_deref().unwrap().contains("teacher"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 24.4: the class list is scored on a thread of its own: while a member's map is being
/// scored the picker answers keys and draws "scoring k of n", rows appearing as they are
/// scored; the driver is told of each. (The scoring thread is held after its first row by the
/// notification, so the moment is the same on every run.)
#[test]
fn the_class_list_is_scored_off_the_drawing_thread_with_progress() {
    use argwalk::screen::keymap::Action;
    use std::sync::{Arc, Mutex, mpsc};
    let dir = class_folders("thread");
    let mut library = argwalk::screen::library::Picker::new(
        argwalk::team::library::Library::open(&dir.join("lib"), None)
            .unwrap()
            .with_class(&dir.join("class")),
    );
    let (told_tx, told) = mpsc::channel::<()>();
    let (gate, held) = mpsc::channel::<()>();
    let held = Mutex::new(held);
    let told_tx = Mutex::new(told_tx);
    library.on_scored(Arc::new(move || {
        let _ = told_tx.lock().unwrap().send(());
        let _ = held.lock().unwrap().recv();
    }));
    library.update(Action::ClassList, 20);
    told.recv_timeout(std::time::Duration::from_secs(30))
        .expect("the driver is told of the first row");
    let draw = |library: &argwalk::screen::library::Picker| {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 12)).unwrap();
        terminal
            .draw(|f| library.render(f, &argwalk::screen::theme::Theme::FULL))
            .unwrap();
        argwalk::screen::view::buffer_text(terminal.backend().buffer())
    };
    library.read_visible(10);
    assert!(library.class().unwrap().scoring());
    let screen = draw(&library);
    assert!(
        screen.contains("Class: 1 member, scoring 2 of 5"),
        "{screen}"
    );
    assert!(screen.contains("alice"), "{screen}");
    // Keys are answered while the rest is scored.
    library.update(Action::MoveDown, 20);
    library.update(Action::Last, 20);
    assert_eq!(library.class().unwrap().selected(), 0);
    for _ in 0..10 {
        let _ = gate.send(());
    }
    library.class().unwrap().finish();
    let screen = draw(&library);
    assert!(screen.contains("Class: 4 members ("), "{screen}");
    assert!(!screen.contains("scoring"), "{screen}");
    assert_eq!(library.class().unwrap().rows.len(), 5);
    // Leaving the list stops a scoring under way; coming back scores afresh.
    library.update(Action::ClassList, 20);
    assert!(!library.showing_class());
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--against` goes with `--user` and the line mode too; in a library it is refused, by name.
#[test]
fn against_goes_with_a_member_and_the_line_mode() {
    let dir = class_folders("against");
    let mut cmd = support::cli::argwalk();
    cmd.args(["--user", "zed", "--against"])
        .arg(dir.join("lib/bikes.toml"))
        .arg("read")
        .arg(dir.join("class/alice/bikes.toml"));
    let out = support::cli::run(cmd, "D\nD 4\nq\n");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Against the reference: 51% overall"),
        "{text}"
    );
    assert!(text.contains("Premise B: "), "{text}");
    let mut cmd = support::cli::argwalk();
    cmd.arg("read").arg(dir.join("class/alice/bikes.toml"));
    let out = support::cli::run(cmd, "differences\nq\n");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("No reference to compare with"),
        "{out:?}"
    );
    let mut cmd = support::cli::argwalk();
    cmd.arg("--library")
        .arg(dir.join("lib"))
        .arg("--against")
        .arg(dir.join("lib/bikes.toml"));
    let out = support::cli::run(cmd, "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--against compares one map"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The teacher's class list as drawn, text and styles, at 120x40 and 80x24: a row a member's
/// map, the selected one reversed, the heading bold.
#[test]
fn the_class_list_as_drawn() {
    use argwalk::screen::keymap::Action;
    let dir = class_folders("drawn");
    let mut library = argwalk::screen::library::Picker::new(
        argwalk::team::library::Library::open(&dir.join("lib"), None)
            .unwrap()
            .with_class(&dir.join("class")),
    );
    library.update(Action::ClassList, 38);
    library.class().unwrap().finish();
    library.update(Action::MoveDown, 38);
    for (w, h) in [(120, 40), (80, 24)] {
        let backend = ratatui::backend::TestBackend::new(w, h);
        let mut terminal = ratatui::Terminal::new(backend).unwrap();
        terminal
            .draw(|f| library.render(f, &argwalk::screen::theme::Theme::FULL))
            .unwrap();
        insta::assert_snapshot!(
            format!("class_list_{w}x{h}"),
            support::screen::styled(terminal.backend().buffer())
        );
    }
    // In ASCII, nothing above 0x7F: the separators are commas.
    let ascii = argwalk::screen::theme::Theme {
        color: false,
        ascii: true,
        plain: false,
    };
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 12)).unwrap();
    terminal.draw(|f| library.render(f, &ascii)).unwrap();
    let text = argwalk::screen::view::buffer_text(terminal.backend().buffer());
    assert!(text.is_ascii(), "{text}");
    assert!(text.contains("51% overall, components 67%"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 24.11 and 24.14: hostile hand-ins. A map over the class's limits (bytes, nodes) is
/// listed with why and not read or scored; a member folder that is a link to another member's
/// is not listed as a member (it would show bob's map as dave's), and is said.
#[test]
fn the_class_list_is_bounded_against_hostile_hand_ins() {
    let dir = class_folders("hostile");
    // Over the byte limit: a valid map padded with comments to 2 MiB.
    let mut big = format!("{ARTICLE}{STUDENT}");
    while big.len() < 2 * 1024 * 1024 {
        big.push_str("# padding padding padding padding padding padding padding padding\n");
    }
    std::fs::write(dir.join("class/carol/big.toml"), big).unwrap();
    // Over the node limit, under the byte limit: a chain of 2,500 premises.
    let chain = argwalk::dev::synthetic::chain_text(2_500);
    assert!(chain.len() < 1024 * 1024, "{}", chain.len());
    std::fs::write(dir.join("class/carol/chain.toml"), chain).unwrap();
    std::os::unix::fs::symlink(dir.join("class/bob"), dir.join("class/mallory")).unwrap();
    // A file name with a C1 control and a bidi override: never printed raw.
    std::fs::write(
        dir.join("class/carol/evil\u{9b}31m\u{202e}lmth.toml"),
        format!("{ARTICLE}{STUDENT}"),
    )
    .unwrap();
    let mut cmd = support::cli::argwalk();
    cmd.args(["class", "--json"])
        .arg(dir.join("lib"))
        .arg(dir.join("class"));
    let out = support::cli::run(cmd, "");
    assert!(out.status.success(), "{out:?}");
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        !printed.contains('\u{9b}') && !printed.contains('\u{202e}'),
        "raw control or bidi characters in {printed}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = json["rows"].as_array().unwrap();
    let why = |file: &str| {
        rows.iter()
            .find(|r| r["map"].as_str().is_some_and(|m| m.ends_with(file)))
            .map(|r| {
                (
                    r["status"].clone(),
                    r["why"].as_str().unwrap_or("").to_string(),
                )
            })
            .unwrap_or_else(|| panic!("no row for {file}: {rows:?}"))
    };
    let (status, text) = why("big.toml");
    assert_eq!(status, "broken");
    assert!(
        text.contains("not scored: 2.0 MiB, over the class's limit of 1 MiB"),
        "{text}"
    );
    let (status, text) = why("chain.toml");
    assert_eq!(status, "broken");
    assert!(
        text.contains("not scored: 2500 nodes, over the class's limit of 2000"),
        "{text}"
    );
    assert!(!rows.iter().any(|r| r["member"] == "mallory"), "{rows:?}");
    assert_eq!(
        json["misnamed"],
        serde_json::json!(["Eve Adams", "mallory (a link)"])
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 25.3: `compare --json` and `class --json` follow the schemas documented in docs/ (a
/// change to either output that the schema does not allow fails here).
#[test]
fn the_json_outputs_follow_their_documented_schemas() {
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    for name in ["compare.schema.json", "class.schema.json"] {
        let text = std::fs::read_to_string(std::path::Path::new("docs").join(name)).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let id = value["$id"].as_str().unwrap().to_string();
        compiler.add_resource(&id, value).unwrap();
    }
    let compare_schema = compiler
        .compile(
            "https://github.com/argwalk/argwalk/docs/compare.schema.json",
            &mut schemas,
        )
        .unwrap();
    let class_schema = compiler
        .compile(
            "https://github.com/argwalk/argwalk/docs/class.schema.json",
            &mut schemas,
        )
        .unwrap();
    let dir = class_folders("schema");
    let mut cmd = support::cli::argwalk();
    cmd.args(["class", "--json"])
        .arg(dir.join("lib"))
        .arg(dir.join("class"));
    let out = support::cli::run(cmd, "");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let statuses: std::collections::BTreeSet<&str> = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses.len(), 4, "every kind of row: {statuses:?}");
    if let Err(e) = schemas.validate(&json, class_schema) {
        panic!("{e:#}\n{json:#}");
    }
    // A row is a line of its own: a script may read them as they come.
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        text.lines()
            .filter(|l| l.trim_start().starts_with("{\""))
            .count(),
        json["rows"].as_array().unwrap().len()
    );
    for (student, reference) in [
        ("class/alice/bikes.toml", "lib/bikes.toml"),
        ("lib/bikes.toml", "lib/bikes.toml"),
        ("class/dave/other.toml", "lib/bikes.toml"),
    ] {
        let mut cmd = support::cli::argwalk();
        cmd.args(["compare", "--json"])
            .arg(dir.join(student))
            .arg(dir.join(reference));
        let out = support::cli::run(cmd, "");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        if let Err(e) = schemas.validate(&json, compare_schema) {
            panic!("{student}: {e:#}\n{json:#}");
        }
    }
    // And the schema does refuse what is not the format.
    let wrong = serde_json::json!({"format": "argwalk-compare", "version": 2});
    assert!(schemas.validate(&wrong, compare_schema).is_err());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 25.3: at 80x24 every difference can be selected and is on screen when selected, the
/// last ("extra") ones too; Enter on one the student has not mapped shows its paragraph.
#[test]
fn every_difference_is_reachable_at_80x24() {
    use argwalk::screen::app::{App, Overlay, Settings, Start, act, handle};
    use argwalk::screen::keymap::Action;
    let path = std::path::Path::new("argument-maps/astana-talks.toml");
    let reference = loader::load_path(path).unwrap().map.unwrap();
    // A student's map of the same article: the thesis, and three premises of their own.
    let text = std::fs::read_to_string(path).unwrap();
    let cut = text.find("[[premise]]").unwrap();
    let student_text = format!(
        "{}{}",
        &text[..cut],
        (1..=3)
            .map(|i| format!("[[premise]]\nid = \"X{i}\"\nsupports = \"T\"\ntext = \"A claim of my own, number {i}, about the weather.\"\ncite = [{}]\n\n", i + 1))
            .collect::<String>()
    );
    let student = loader::load_str(
        "student.toml",
        &student_text,
        &loader::Beside(std::path::PathBuf::from("argument-maps")),
    )
    .map
    .unwrap();
    let mut app = App::new(student, 80, 24);
    handle(
        &mut app,
        Start {
            settings: Settings {
                against: Some(std::sync::Arc::new(reference)),
                ..Default::default()
            },
            ..Default::default()
        }
        .event(),
    );
    act(&mut app, Action::Differences);
    let items = app.differences();
    assert!(items.len() > 20, "{}", items.len());
    assert!(items.last().unwrap().text.contains("Your X3"));
    for (k, item) in items.iter().enumerate() {
        assert!(
            matches!(app.overlay(), Overlay::Differences { list } if list.selected == k),
            "{:?}",
            app.overlay()
        );
        let screen = argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(
            &app,
            &argwalk::screen::theme::Theme::FULL,
        ));
        let start: String = item.text.chars().take(20).collect();
        assert!(
            screen.contains(&start),
            "item {k} {start:?} not on\n{screen}"
        );
        // The selected item is whole: its mark pushes no word off its first line.
        let window: Vec<String> = screen
            .lines()
            .filter_map(|l| {
                let inner: Vec<&str> = l.split('│').collect();
                (inner.len() >= 3).then(|| inner[inner.len() - 2].trim().to_string())
            })
            .collect();
        let joined = window.join(" ");
        let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words(&joined).contains(&format!("› {}", words(&item.text))),
            "item {k} cut:\n{screen}"
        );
        assert!(
            screen.contains(&format!("{}/{}", k + 1, items.len())),
            "{screen}"
        );
        act(&mut app, Action::OverlayDown);
    }
    // Enter on the first thing not mapped: its paragraph, said.
    let missed = items
        .iter()
        .position(|d| d.node.is_none() && d.paragraph.is_some())
        .unwrap();
    for _ in 0..items.len() {
        act(&mut app, Action::OverlayUp);
    }
    for _ in 0..missed {
        act(&mut app, Action::OverlayDown);
    }
    act(&mut app, Action::OverlayChoose);
    assert_eq!(*app.overlay(), Overlay::None);
    assert!(
        app.message()
            .unwrap()
            .contains("your map has no node for it yet"),
        "{:?}",
        app.message()
    );
}
