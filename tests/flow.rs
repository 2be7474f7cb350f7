//! The flow sheet through its keys: every binding of the flow's scopes pressed through the key
//! table, what each did checked in the round and on the screen; snapshots at 120x40 and 80x24;
//! random keys at sizes from 1x1 to 1000x300.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use argwalk::debate::flow::Mark;
use argwalk::debate::round_store::{Opened, RoundStore};
use argwalk::screen::flow::{FlowScreen, render_buffer};
use argwalk::screen::key::{Key, KeyCode};
use argwalk::screen::keymap::{self, Action, Scope};
use argwalk::screen::theme::Theme;

mod support;

const NO_COLOR: Theme = Theme {
    color: false,
    ascii: false,
    plain: false,
};

/// A policy motion of the team's own words, so the round has prep time and two sheets.
const POLICY: &str = r#"
[motion]
text = "The United States federal government should substantially increase its investment in high-speed rail"
format = "policy"

[[claim]]
id = "A1"
side = "for"
text = "Rail cuts emissions from short flights."

[[claim]]
id = "N1"
side = "against"
text = "The money is better spent on buses."

[[block]]
side = "for"
if = "N1"
answer = ["A1"]
"#;

/// The round being flowed, and the clock the tests move by hand.
struct Rig {
    screen: FlowScreen,
    now: u64,
    _dir: Scratch,
}

struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn library(name: &str) -> (Scratch, PathBuf) {
    let dir = std::env::temp_dir().join(format!("argwalk-flow-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let lib = dir.join("lib");
    std::fs::create_dir_all(&lib).unwrap();
    support::library::dissent(&lib);
    std::fs::write(lib.join("rail.motion.toml"), POLICY).unwrap();
    (Scratch(dir), lib)
}

fn opened(lib: &Path, motion: &str) -> Opened {
    let state = lib.parent().unwrap().join("state");
    match RoundStore::open_round(&state, &lib.join(motion), "test", None) {
        Ok(o) => o,
        Err(_) => panic!("the round opens"),
    }
}

impl Rig {
    fn new(name: &str, motion: &str, w: u16, h: u16) -> Rig {
        let (dir, lib) = library(name);
        Rig {
            screen: FlowScreen::new(opened(&lib, motion), w, h),
            now: 1_000_000,
            _dir: dir,
        }
    }

    /// Presses `keys`: characters, and `<Enter>`, `<Esc>`, `<Tab>`, `<Del>`, `<Down>`,
    /// `<Up>`, `<Left>`, `<Right>`, `<Home>`, `<End>`, `<C-c>`. The exit code, if one ends it.
    fn keys(&mut self, keys: &str) -> Option<i32> {
        let mut rest = keys;
        while let Some(c) = rest.chars().next() {
            let (key, len) = if c == '<'
                && let Some(end) = rest.find('>')
            {
                let name = &rest[1..end];
                let key = match name {
                    "Enter" => Key::plain(KeyCode::Enter),
                    "Esc" => Key::plain(KeyCode::Esc),
                    "Tab" => Key::plain(KeyCode::Tab),
                    "Del" => Key::plain(KeyCode::Delete),
                    "Down" => Key::plain(KeyCode::Down),
                    "Up" => Key::plain(KeyCode::Up),
                    "Left" => Key::plain(KeyCode::Left),
                    "Right" => Key::plain(KeyCode::Right),
                    "Home" => Key::plain(KeyCode::Home),
                    "End" => Key::plain(KeyCode::End),
                    "C-c" => Key::ctrl('c'),
                    _ => panic!("no key <{name}>"),
                };
                (key, end + 1)
            } else {
                (Key::char(c), c.len_utf8())
            };
            rest = &rest[len..];
            if let Some(action) = keymap::resolve(&self.screen.scopes(), &key)
                && let Some(code) = self.screen.update(action, self.now)
            {
                return Some(code);
            }
        }
        None
    }

    fn screen(&self) -> String {
        support::screen::styled(&render_buffer(&self.screen, &NO_COLOR, self.now))
    }

    fn text(&self) -> String {
        argwalk::screen::view::buffer_text(&render_buffer(&self.screen, &NO_COLOR, self.now))
    }

    fn texts(&self) -> Vec<String> {
        self.screen
            .flowed
            .round
            .args
            .iter()
            .map(|a| a.text.clone())
            .collect()
    }

    fn speech(&self) -> String {
        let r = &self.screen.flowed.round;
        self.screen.flowed.motion.format.speeches[r.speech]
            .short
            .clone()
    }
}

#[test]
fn every_key_of_the_flow_does_what_its_help_says() {
    let mut r = Rig::new("keys", "rail.motion.toml", 120, 40);
    let mut used: Vec<Action> = Vec::new();
    let mut note = |a: Action| used.push(a);
    assert_eq!(r.speech(), "1AC");
    // a: a cell, typed, Enter flows it; the file has it at once.
    r.keys("aHigh-speed rail cuts emissions<Enter>");
    note(Action::FlowAdd);
    note(Action::NoteSave);
    assert_eq!(r.texts(), ["High-speed rail cuts emissions"]);
    let saved = std::fs::read_to_string(&r.screen.store.path).unwrap();
    assert!(saved.contains("High-speed rail cuts emissions"), "{saved}");
    // Flowed, the cell is no longer kept as unfinished: it would come back twice.
    assert!(r.screen.flowed.round.draft.is_none());
    assert!(!saved.contains("[draft]"), "{saved}");
    // Esc leaves a cell unwritten.
    r.keys("aNever mind<Esc>");
    note(Action::NoteCancel);
    assert_eq!(r.texts().len(), 1);
    assert!(r.screen.flowed.round.draft.is_none());
    // p pulls the side's claim, with its source.
    r.keys("p");
    note(Action::FlowPull);
    assert_eq!(r.screen.scopes(), vec![Scope::FlowList]);
    r.keys("<Enter>");
    note(Action::OverlayChoose);
    let pulled = r.screen.flowed.round.args.last().unwrap();
    assert_eq!(pulled.from.as_deref(), Some("A1"));
    assert!(r.text().contains("case: Rail cuts"), "{}", r.text());
    // o opens where it came from: the team's own analysis here.
    r.keys("o");
    note(Action::FlowOpen);
    assert!(r.text().contains("our analysis"), "{}", r.text());
    r.keys("<Esc>");
    note(Action::OverlayClose);
    // n: the 1NC (the cross-examination is not flowed).
    r.keys("n");
    note(Action::FlowNextSpeech);
    assert_eq!(r.speech(), "1NC");
    // k, j: up and down the 1AC's column; r answers the one selected.
    r.keys("k");
    note(Action::MoveUp);
    assert_eq!(r.screen.selected, Some(1));
    r.keys("j");
    note(Action::MoveDown);
    assert_eq!(r.screen.selected, Some(2));
    r.keys("kr");
    note(Action::FlowAnswer);
    r.keys("No link to emissions<Enter>");
    let answer = r.screen.flowed.round.args.last().unwrap().clone();
    assert_eq!((answer.answers, answer.id), (Some(1), 3));
    // h and l: across the speeches, to the nearest argument.
    r.keys("h");
    note(Action::FlowLeft);
    assert_eq!(r.screen.selected, Some(1));
    r.keys("l");
    note(Action::FlowRight);
    assert_eq!(r.screen.selected, Some(3));
    // T marks the answer a turn; C marks an argument conceded.
    r.keys("T");
    note(Action::FlowTurn);
    assert_eq!(
        r.screen.flowed.round.get(3).unwrap().mark,
        Some(Mark::Turned)
    );
    r.keys("hjC");
    note(Action::FlowConcede);
    assert_eq!(
        r.screen.flowed.round.get(2).unwrap().mark,
        Some(Mark::Conceded)
    );
    r.keys("C");
    assert_eq!(r.screen.flowed.round.get(2).unwrap().mark, None);
    // Tab: the negative's own sheet; a there adds an off-case argument of the 1NC.
    r.keys("<Tab>");
    note(Action::FlowSheet);
    assert_eq!(r.screen.sheet, 1);
    r.keys("aPolitics disadvantage<Enter>");
    assert_eq!(r.screen.flowed.round.get(4).unwrap().sheet, 1);
    // e edits the words of the selected argument (Enter does the same).
    r.keys("e");
    note(Action::FlowEdit);
    r.keys(" DA<Enter>");
    assert_eq!(
        r.screen.flowed.round.get(4).unwrap().text,
        "Politics disadvantage DA"
    );
    // Space starts the 1NC's clock; 31 seconds before its end the warning shows and rings once.
    r.keys(" ");
    note(Action::FlowClock);
    r.now += 8 * 60_000 - 29_000;
    assert!(r.screen.ring(r.now), "the bell rings as the warning begins");
    assert!(!r.screen.ring(r.now + 500), "and once");
    assert!(r.text().contains("NEARLY OVER"), "{}", r.text());
    r.now += 30_000;
    assert!(r.screen.ring(r.now), "and once more as time runs out");
    assert!(r.text().contains("TIME UP"), "{}", r.text());
    r.keys(" ");
    // P: the prep clock of the side to speak.
    r.keys("P");
    note(Action::FlowPrep);
    assert!(matches!(
        r.screen.flowed.round.clock.running,
        Some((argwalk::debate::clock::Timer::Prep(1), _))
    ));
    r.keys("P");
    // n to the 2AC: the 2AC answers nothing, then N back, n on.
    r.keys("n");
    assert_eq!(r.speech(), "2AC");
    r.keys("N");
    note(Action::FlowPrevSpeech);
    assert_eq!(r.speech(), "1NC");
    r.keys("n");
    // x extends the 1AC's second argument into the 2AC.
    r.keys("<Tab>g");
    note(Action::First);
    assert_eq!(r.screen.selected, Some(1));
    r.keys("G");
    note(Action::Last);
    assert_eq!(r.screen.selected, Some(2));
    let second = r.screen.selected.unwrap();
    assert_eq!(r.screen.flowed.round.get(second).unwrap().speech, 0);
    r.keys("x<Enter>");
    note(Action::FlowExtend);
    let ext = r.screen.flowed.round.args.last().unwrap().clone();
    assert_eq!(ext.extends, Some(second));
    // y, then y on what it answers: the 1AC's harms cross-applied against the disadvantage.
    r.keys("<Tab>");
    let da = r.screen.selected.unwrap();
    r.keys("<Tab>g");
    let harms = r.screen.selected.unwrap();
    r.keys("y");
    note(Action::FlowCrossApply);
    assert!(r.text().contains("applying"), "{}", r.text());
    r.keys("<Tab>");
    assert_eq!(r.screen.selected, Some(da));
    r.keys("y");
    let x = r.screen.flowed.round.args.last().unwrap().clone();
    assert_eq!((x.applies, x.answers), (Some(harms), Some(da)));
    // d lists the drops once the 2NC is over; Enter goes to one.
    r.keys("nnn");
    r.keys("d");
    note(Action::FlowDrops);
    assert!(r.text().contains("Drops:"), "{}", r.text());
    r.keys("j");
    note(Action::OverlayDown);
    r.keys("k");
    note(Action::OverlayUp);
    r.keys("<Enter>");
    assert_eq!(r.screen.scopes(), vec![Scope::Flow]);
    // Delete removes an argument nothing answers; one that is answered stays.
    r.keys("<Tab>g");
    let answered = r.screen.selected.unwrap();
    r.keys("<Del>");
    note(Action::FlowRemove);
    assert!(r.screen.flowed.round.get(answered).is_some());
    assert!(
        r.screen
            .message
            .as_deref()
            .unwrap_or("")
            .contains("remove it first")
    );
    let before = r.screen.flowed.round.args.len();
    let x_id = x.id;
    while r.screen.selected != Some(x_id) {
        r.keys("l");
        if r.screen.selected != Some(x_id) {
            r.keys("<Tab>");
        }
    }
    r.keys("X");
    assert_eq!(r.screen.flowed.round.args.len(), before - 1);
    // ? shows every key of the flow.
    r.keys("?");
    note(Action::Help);
    assert!(r.text().contains("Cross-apply"), "{}", r.text());
    r.keys("<Esc>");
    // Ctrl-C and q leave.
    note(Action::Interrupt);
    note(Action::Quit);
    assert_eq!(r.keys("<C-c>"), Some(130));
    assert_eq!(r.keys("q"), Some(0));
    // Every action the flow binds was pressed above.
    for scope in [Scope::Flow, Scope::FlowCell, Scope::FlowList] {
        for b in keymap::in_scope(scope) {
            let pressed = used.contains(&b.action)
                || matches!(b.action, Action::OverlayPageDown | Action::OverlayPageUp);
            assert!(pressed, "{:?} in {:?} not pressed", b.action, scope);
        }
    }
}

#[test]
fn an_unfinished_cell_comes_back_when_the_round_is_opened_again() {
    let (_dir, lib) = library("draft");
    let mut first = FlowScreen::new(opened(&lib, "dissent.motion.toml"), 80, 24);
    for key in "aHalf typed".chars() {
        let action = keymap::resolve(&first.scopes(), &Key::char(key)).unwrap();
        first.update(action, 0);
    }
    drop(first);
    let again = FlowScreen::new(opened(&lib, "dissent.motion.toml"), 80, 24);
    assert_eq!(again.scopes(), vec![Scope::FlowCell]);
    assert_eq!(
        again.flowed.round.draft.as_ref().map(|d| d.text.as_str()),
        Some("Half typed")
    );
    assert!(
        again
            .message
            .unwrap_or_default()
            .contains("unfinished cell is back")
    );
}

/// A short round on the dissent motion: each kind of cell once.
fn practice(w: u16, h: u16) -> Rig {
    let mut r = Rig::new(&format!("snap{w}"), "dissent.motion.toml", w, h);
    r.keys("aSilencing robs the human race of the truth<Enter>p<Down><Enter>");
    r.keys("n");
    r.keys("kkrMajority rule is legitimate<Enter>");
    r.keys("<Tab>aLaws need obedience or they are no laws<Enter>");
    r.keys("n<Tab>");
    r.keys("gxThe majority can err<Enter>");
    r.keys("n");
    r
}

#[test]
fn the_flow_at_120x40() {
    let r = practice(120, 40);
    insta::assert_snapshot!(r.screen());
}

#[test]
fn the_flow_at_80x24_shows_the_speech_now_and_the_one_it_answers() {
    let r = practice(80, 24);
    let text = r.text();
    assert!(text.contains("O2"), "{text}");
    assert!(text.contains("P2"), "{text}");
    insta::assert_snapshot!(r.screen());
}

#[test]
fn at_200_columns_every_speech_of_a_side_shows() {
    let r = practice(200, 40);
    let text = r.text();
    let header = text.lines().nth(1).unwrap();
    for short in ["P1", "O1", "P2", "O2", "P3", "O3", "OR", "PR"] {
        assert!(header.contains(short), "{short} not in {header}");
    }
}

#[test]
fn random_keys_at_every_size_never_panic_and_keep_the_flow_readable() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let (_dir, lib) = library("props");
    let keys: Vec<Key> = "arxypCTeXnNdo hjklgG?P"
        .chars()
        .map(Key::char)
        .chain(
            [
                KeyCode::Enter,
                KeyCode::Esc,
                KeyCode::Tab,
                KeyCode::Delete,
                KeyCode::Down,
                KeyCode::Up,
                KeyCode::Backspace,
            ]
            .map(Key::plain),
        )
        .collect();
    let sizes = prop_oneof![
        Just((1u16, 1u16)),
        Just((2, 3)),
        Just((80, 24)),
        Just((1000, 300)),
        (1u16..300, 1u16..120),
    ];
    let mut runner = TestRunner::new(Config {
        cases: 48,
        failure_persistence: None,
        ..Config::default()
    });
    let n = keys.len();
    runner
        .run(
            &(sizes, proptest::collection::vec(0..n, 0..60)),
            |((w, h), presses)| {
                let state = lib.parent().unwrap().join("state");
                let _ = std::fs::remove_dir_all(&state);
                let mut s = FlowScreen::new(opened(&lib, "dissent.motion.toml"), w, h);
                let mut now = 0;
                for i in presses {
                    now += 7_000;
                    if let Some(a) = keymap::resolve(&s.scopes(), &keys[i])
                        && a != Action::Quit
                        && a != Action::Interrupt
                    {
                        s.update(a, now);
                    }
                    let _ = render_buffer(&s, &NO_COLOR, now);
                    let _ = argwalk::screen::flow::cursor(&s);
                }
                // What was saved reads back as the round the screen holds.
                let again = opened(&lib, "dissent.motion.toml");
                prop_assert_eq!(&again.flowed.round.args, &s.flowed.round.args);
                Ok(())
            },
        )
        .unwrap();
}
