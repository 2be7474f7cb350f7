//! Where features meet: a reload during a note, a follow, a screen reader's theme; a save that
//! fails as the reader quits; two sessions writing one note; a follower on another map. Each
//! through `handle`, as the terminal drives it, asserting the effects asked of the driver.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use argwalk::map::loader::{self, Builtin};
use argwalk::screen::app::{App, Follow, Overlay, Settings, Start, handle};
use argwalk::screen::event::{Effect, Event, Unsaved};
use argwalk::screen::key::{Key, KeyCode};
use argwalk::study::{Layer, Store};
use argwalk::team::room::Position;

fn map() -> argwalk::map::model::ArgumentMap {
    loader::load_builtin().map.unwrap()
}

fn keys(a: &mut App, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| handle(a, Event::Key(Key::char(c))))
        .collect()
}

fn esc(a: &mut App) -> Vec<Effect> {
    handle(a, Event::Key(Key::plain(KeyCode::Esc)))
}

fn reload(a: &mut App) -> Vec<Effect> {
    let loaded = loader::load_str("m.toml", loader::BUILTIN_MAP, &Builtin);
    handle(a, Event::Reloaded(Box::new(loaded)))
}

/// A session following room "finals" on the built-in map (known by `fingerprint`), in words,
/// from a library if `in_library`.
fn following(fingerprint: Option<String>, in_library: bool) -> App {
    let mut a = App::new(map(), 120, 40);
    let start = Start {
        settings: Settings {
            follow: Some(Follow {
                room: "finals".into(),
                following: true,
                ..Follow::default()
            }),
            theme: argwalk::screen::theme::Theme {
                plain: true,
                ..argwalk::screen::theme::Theme::FULL
            },
            in_library,
            ..Settings::default()
        },
        files: Some(argwalk::screen::app::MapFiles::new("m.toml".into(), None)),
        fingerprint,
        ..Start::with(Layer::default())
    };
    handle(&mut a, start.event());
    a
}

fn follower(fingerprint: Option<String>) -> App {
    following(fingerprint, false)
}

fn position(node: &str, fingerprint: Option<String>, map: &str) -> Position {
    Position {
        presenter: "coach".into(),
        map: map.into(),
        node: node.into(),
        paragraph: 3,
        fingerprint,
        left: false,
    }
}

fn selected(a: &App) -> &str {
    &a.map().nodes[a.selected()].id
}

/// Issue 15.1: a reload keeps the session's settings whole.
#[test]
fn a_reload_keeps_following_presenting_and_the_theme() {
    let fp = map().fingerprint();
    let mut a = follower(Some(fp.clone()));
    handle(
        &mut a,
        Event::Followed(position("P2", Some(fp.clone()), "")),
    );
    assert_eq!(selected(&a), "P2");
    reload(&mut a);
    let follow = a.settings().follow.as_ref().expect("still following");
    assert!(follow.following);
    assert!(
        a.settings().theme.plain,
        "the screen reader's theme is kept"
    );
    handle(&mut a, Event::Followed(position("O1", Some(fp), "")));
    assert_eq!(selected(&a), "O1", "the follower moves after the reload");
}

/// Issue 15.2: a save of the map while the note editor is open keeps the editor and its text.
#[test]
fn a_reload_during_a_note_keeps_what_was_typed() {
    let mut a = App::new(map(), 120, 40);
    handle(&mut a, Start::with(Layer::default()).event());
    keys(&mut a, "n");
    let id = selected(&a).to_string();
    keys(&mut a, "aunfinished thought");
    reload(&mut a);
    assert_eq!(*a.overlay(), Overlay::Note, "the editor stays open");
    // The next keys are text, not commands.
    assert!(keys(&mut a, " mw").is_empty());
    let e = esc(&mut a);
    assert!(matches!(e.as_slice(), [Effect::SaveLayer { .. }]), "{e:?}");
    let note = &a.study().unwrap().layer.node(&id).unwrap().note;
    assert_eq!(note, "unfinished thought mw");
}

/// Issue 15.2: a signal or a hang-up while a note is being typed saves the note first.
#[test]
fn a_signal_during_a_note_saves_it_then_quits() {
    for (event, code) in [
        (Event::Signal(15), 143),
        (Event::Signal(1), 129),
        (Event::HangUp, 129),
    ] {
        let mut a = App::new(map(), 120, 40);
        handle(&mut a, Start::with(Layer::default()).event());
        keys(&mut a, "adraft");
        let e = handle(&mut a, event);
        let [Effect::SaveLayer { layer, .. }] = e.as_slice() else {
            panic!("{e:?}")
        };
        assert_eq!(layer.node("T").unwrap().note, "draft");
        let e = handle(&mut a, Event::LayerSaved(Ok((layer.clone(), None))));
        assert_eq!(e, vec![Effect::Quit(code)]);
    }
}

/// Issue 15.4: a save that fails as the reader quits is said, and the reader asked; a second
/// failure quits with the unsaved note printed.
#[test]
fn a_failed_save_on_quit_asks_and_then_prints_what_was_lost() {
    let mut a = App::new(map(), 120, 40);
    handle(&mut a, Start::with(Layer::default()).event());
    keys(&mut a, "amy only copy");
    let Effect::SaveLayer { changes, .. } = esc(&mut a).remove(0) else {
        panic!()
    };
    let fail = |changes| {
        Event::LayerSaved(Err(Unsaved {
            why: "No space left on device".into(),
            changes,
        }))
    };
    assert!(handle(&mut a, fail(changes)).is_empty());
    let e = keys(&mut a, "q");
    let [Effect::SaveLayer { changes, .. }] = e.as_slice() else {
        panic!("q tries to save first: {e:?}")
    };
    assert!(handle(&mut a, fail(changes.clone())).is_empty(), "no quit");
    let Overlay::Notice { text } = a.overlay() else {
        panic!("{:?}", a.overlay())
    };
    assert!(text.contains("No space left on device"), "{text}");
    assert!(text.contains("press q again"), "{text}");
    keys(&mut a, "q"); // closes the notice
    let e = keys(&mut a, "q");
    let [Effect::SaveLayer { changes, .. }] = e.as_slice() else {
        panic!("{e:?}")
    };
    let e = handle(&mut a, fail(changes.clone()));
    // Kept aside for the next session, said whole, and a non-zero end (issue 24.2).
    let [
        Effect::Rescue(layer),
        Effect::Farewell(text),
        Effect::Quit(1),
    ] = e.as_slice()
    else {
        panic!("{e:?}")
    };
    assert_eq!(layer.node("T").unwrap().note, "my only copy");
    assert!(
        text.contains("Your note on T, not saved:\nmy only copy"),
        "{text}"
    );
}

/// Issue 15.3: two sessions writing the same node's note: neither replaces the other unseen.
#[test]
fn two_sessions_writing_one_note_keep_both_and_say_so() {
    let dir = std::env::temp_dir().join(format!("argwalk-meet-note-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = Store::new(&dir, Some(std::path::Path::new("/maps/m.toml")));
    let session = || {
        let mut a = App::new(map(), 120, 40);
        handle(&mut a, Start::with(store.open().layer).event());
        a
    };
    let (mut first, mut second) = (session(), session());
    let save = |a: &mut App, e: Vec<Effect>| {
        let [Effect::SaveLayer { layer, changes }] = e.as_slice() else {
            panic!("{e:?}")
        };
        let saved = store.save(layer, changes);
        handle(a, Event::LayerSaved(saved.map_err(|_| unreachable!())));
    };
    keys(&mut first, "afirst thoughts");
    keys(&mut second, "asecond thoughts");
    let e = esc(&mut first);
    save(&mut first, e);
    let e = esc(&mut second);
    save(&mut second, e);
    let on_disk = store.open().layer;
    assert_eq!(
        on_disk.node("T").unwrap().note,
        "first thoughts\n\nsecond thoughts"
    );
    let Overlay::Notice { text } = second.overlay() else {
        panic!("the second session is told: {:?}", second.overlay())
    };
    assert!(text.contains("changed in another session"), "{text}");
    assert_eq!(
        second.study().unwrap().layer.node("T").unwrap().note,
        on_disk.node("T").unwrap().note,
        "the second session shows what is kept"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 15.20: a follower on another map does not follow ids into the wrong argument; it is
/// told which map the presenter is on, and when the presenter leaves.
#[test]
fn a_follower_on_another_map_is_told_not_moved() {
    let mut a = follower(Some(map().fingerprint()));
    let before = selected(&a).to_string();
    handle(
        &mut a,
        Event::Followed(position(
            "P2",
            Some("0123456789abcdef".into()),
            "Another essay",
        )),
    );
    assert_eq!(selected(&a), before, "not moved");
    let follow = a.settings().follow.as_ref().unwrap();
    assert_eq!(follow.elsewhere.as_deref(), Some("Another essay"));
    assert!(a.message().unwrap().contains("Another essay"));
    let text = argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(
        &{
            let mut small = a.clone();
            handle(&mut small, Event::Resize(80, 24));
            small
        },
        &argwalk::screen::theme::Theme::FULL,
    ));
    assert!(
        text.contains("on another map"),
        "follow status at 80 columns:\n{text}"
    );
    handle(&mut a, Event::PresenterLeft);
    assert!(a.message().unwrap().contains("stopped presenting"));
}

/// Issue 15.20: in a library, the follower on another map is offered the presenter's; the key
/// that follows again opens it, once what is pending here is saved.
#[test]
fn in_a_library_the_follow_key_opens_the_presenters_map() {
    let mut a = following(Some(map().fingerprint()), true);
    keys(&mut a, "m"); // a change, saved below
    let other = "0123456789abcdef".to_string();
    handle(
        &mut a,
        Event::Followed(position("P2", Some(other.clone()), "Another essay")),
    );
    assert!(
        a.message().unwrap().contains("F opens it"),
        "{:?}",
        a.message()
    );
    // Something pending: it is saved first, then the other map opens.
    keys(&mut a, "n"); // a visit, pending
    let e = keys(&mut a, "F");
    let [Effect::SaveLayer { layer, .. }] = e.as_slice() else {
        panic!("{e:?}")
    };
    let e = handle(&mut a, Event::LayerSaved(Ok((layer.clone(), None))));
    assert_eq!(e, vec![Effect::OpenMap(other.clone())]);
    // Nothing pending: it opens at once.
    let e = keys(&mut a, "F");
    assert_eq!(e, vec![Effect::OpenMap(other)]);
}

/// Issue 15.19: a note holds at most `NOTE_MAX_CHARS` characters; past that, what is typed or
/// pasted is refused with a word, and the note is saved whole up to the cap.
#[test]
fn a_note_is_capped_with_a_word() {
    let max = argwalk::screen::app::NOTE_MAX_CHARS;
    let mut a = App::new(map(), 120, 40);
    handle(&mut a, Start::with(Layer::default()).event());
    keys(&mut a, "a");
    let line = "é".repeat(99) + "\n";
    for _ in 0..max / 100 {
        keys(&mut a, &line);
    }
    keys(&mut a, "xyz");
    assert!(
        a.message().unwrap().contains("at most 20000 characters"),
        "{:?}",
        a.message()
    );
    esc(&mut a);
    let note = &a.study().unwrap().layer.node("T").unwrap().note;
    // Saved without its trailing line break: one short of the cap.
    assert_eq!(note.chars().count(), max - 1);
}

/// Issue 16.15: where the reader was is kept between sessions: saved on the way out, and the
/// next session starts there, with a word.
#[test]
fn the_next_session_starts_where_the_last_one_left() {
    let mut a = App::new(map(), 120, 40);
    handle(&mut a, Start::with(Layer::default()).event());
    keys(&mut a, "nnnn");
    let here = selected(&a).to_string();
    let e = keys(&mut a, "q");
    let [Effect::SaveLayer { layer, changes }] = e.as_slice() else {
        panic!("{e:?}")
    };
    assert!(changes.position);
    assert_eq!(layer.at.as_deref(), Some(here.as_str()));
    let mut b = App::new(map(), 120, 40);
    handle(&mut b, Start::with(layer.clone()).event());
    assert_eq!(selected(&b), here);
    assert!(b.message().unwrap().contains(&format!("Back at {here}")));
}

/// Issue 17.11: an overlay's text is kept while the reader scrolls it, and built again when
/// what it shows changes: a save of the map during the frontlines, the prep sheet and the weak
/// spots shows the new text at once; a resize wraps it again.
#[test]
fn a_kept_overlay_text_follows_a_save_and_a_resize() {
    use argwalk::screen::keymap::Action;
    for (open, shows, old, new) in [
        (
            Action::Frontlines,
            "If they say O1",
            "Astana's outcome was commendable",
            "Astana was a triumph",
        ),
        (
            Action::PrepSheet,
            "# Prep sheet",
            "Iran is the spoiler",
            "Iran is the villain",
        ),
        (
            Action::WeakSpots,
            "Weak spots",
            "No settlement while foreign militias stay",
            "No peace while militias stay",
        ),
    ] {
        let mut a = App::new(map(), 120, 40);
        argwalk::screen::app::act(&mut a, open);
        argwalk::screen::app::act(&mut a, Action::OverlayDown);
        let before = argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(
            &a,
            &a.settings().theme,
        ));
        assert!(!before.contains(new), "{before}");
        // The author saves a label changed.
        let text = loader::BUILTIN_MAP.replacen(old, new, 1);
        let loaded = loader::load_str("m.toml", &text, &Builtin);
        handle(&mut a, Event::Reloaded(Box::new(loaded)));
        argwalk::screen::app::act(&mut a, Action::OverlayUp);
        argwalk::screen::app::act(&mut a, Action::OverlayUp);
        let after = argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(
            &a,
            &a.settings().theme,
        ));
        assert!(after.contains(shows), "{after}");
        assert!(after.contains(new), "{open:?} after the save:\n{after}");
        // Narrower: wrapped again to the new width, nothing past the edge.
        handle(&mut a, Event::Resize(80, 24));
        let narrow = argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(
            &a,
            &a.settings().theme,
        ));
        assert!(narrow.lines().all(|l| l.chars().count() <= 80), "{narrow}");
    }
}

/// The kept text of the weak spots follows the reader's layer as another session saves it.
#[test]
fn a_kept_weak_spots_text_follows_a_layer_saved_elsewhere() {
    use argwalk::screen::keymap::Action;
    let mut a = App::new(map(), 120, 40);
    handle(&mut a, Start::with(Layer::default()).event());
    argwalk::screen::app::act(&mut a, Action::WeakSpots);
    argwalk::screen::app::act(&mut a, Action::OverlayDown);
    let screen = |a: &App| {
        argwalk::screen::view::buffer_text(&argwalk::screen::view::render_buffer(
            a,
            &a.settings().theme,
        ))
    };
    assert!(!screen(&a).contains("you judged it to fail"));
    let mut theirs = Layer::default();
    theirs.node_mut("P1").judgement = Some(argwalk::study::Judgement::Fails);
    handle(&mut a, Event::LayerSaved(Ok((theirs, None))));
    argwalk::screen::app::act(&mut a, Action::OverlayUp);
    assert!(
        screen(&a).contains("you judged it to fail"),
        "{}",
        screen(&a)
    );
}
