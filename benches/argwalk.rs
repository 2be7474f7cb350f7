//! `cargo bench`: loading, drawing a frame, and one step of the walk, on the Astana map and on a
//! generated map of 10,000 nodes and 2,000 paragraphs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use argwalk::map::loader::{self, Builtin};
use argwalk::map::model::ArgumentMap;
use argwalk::screen::app::{App, act};
use argwalk::screen::keymap::Action;
use argwalk::screen::theme::Theme;
use argwalk::screen::view;
use argwalk::wire::Frugal;
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const THEME: Theme = Theme::FULL;

fn main() {
    divan::main();
}

fn big_text() -> String {
    argwalk::dev::synthetic::map_text(10_000, 2_000)
}

fn astana() -> ArgumentMap {
    loader::load_builtin().map.expect("astana loads")
}

fn big() -> ArgumentMap {
    loader::load_str("big.toml", &big_text(), &Builtin)
        .map
        .expect("big map loads")
}

#[divan::bench]
fn load_astana() -> Option<ArgumentMap> {
    loader::load_str(
        loader::BUILTIN_MAP_NAME,
        divan::black_box(loader::BUILTIN_MAP),
        &Builtin,
    )
    .map
}

#[divan::bench(sample_count = 20)]
fn load_10k_nodes(bencher: Bencher) {
    let text = big_text();
    bencher.bench(|| loader::load_str("big.toml", divan::black_box(&text), &Builtin).map);
}

/// Issue 24.7: `check` of a 16 MiB map, a chain of 144,718 premises (the hostile hand-in's
/// shape): read a table at a time. Its memory is measured with `/usr/bin/time` (docs/PERFORMANCE.md).
#[divan::bench(sample_count = 5)]
fn load_16mib_chain(bencher: Bencher) {
    let text = argwalk::dev::synthetic::chain_text(144_718);
    bencher.bench(|| loader::load_str("chain.toml", divan::black_box(&text), &Builtin).map);
}

#[divan::bench(args = [(80, 24), (120, 40), (200, 60)])]
fn render_frame_astana(bencher: Bencher, (w, h): (u16, u16)) {
    let mut app = App::new(astana(), w, h);
    for _ in 0..10 {
        act(&mut app, Action::WalkNext);
    }
    bencher.bench_local(|| view::render_buffer(divan::black_box(&app), &THEME));
}

/// One step of the walk as the issue defines it: update, render, and diff against the last
/// frame (applied to an off-screen buffer).
fn step(bencher: Bencher, map: ArgumentMap, w: u16, h: u16) {
    let terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    walk(bencher, map, terminal);
}

/// The same step as the terminal really takes it: the changes are also encoded as escape
/// sequences (to a sink instead of a tty). Encoding costs by the cells that change, so a map
/// whose every step changes the whole source pane costs more per step than one whose nodes
/// share paragraphs, whatever their sizes.
fn encoded_step(bencher: Bencher, map: ArgumentMap, w: u16, h: u16) {
    let area = ratatui::layout::Rect::new(0, 0, w, h);
    let terminal = Terminal::new(Frugal::new(std::io::sink(), area)).expect("encoder");
    walk(bencher, map, terminal);
}

fn walk<B: ratatui::backend::Backend>(
    bencher: Bencher,
    map: ArgumentMap,
    mut terminal: Terminal<B>,
) {
    let area = terminal.get_frame().area();
    let mut app = App::new(map, area.width, area.height);
    let last = *app.map().walk.last().expect("a walk");
    bencher.bench_local(|| {
        if app.tree().selected == last {
            act(&mut app, Action::First);
        }
        act(&mut app, Action::WalkNext);
        let _ = terminal.draw(|f| view::render(f, &app, &THEME));
    });
}

#[divan::bench(args = [(80, 24), (200, 60)])]
fn walk_step_astana(bencher: Bencher, (w, h): (u16, u16)) {
    step(bencher, astana(), w, h);
}

#[divan::bench(args = [(80, 24), (200, 60)])]
fn walk_step_10k_nodes(bencher: Bencher, (w, h): (u16, u16)) {
    step(bencher, big(), w, h);
}

/// What a save costs the reader once the file is written: read the map and its article again,
/// validate, put it in place of the old one (selection and folds kept by id) and draw the
/// frame. The file watcher's settling time (30 ms) comes on top: see docs/PERFORMANCE.md.
#[divan::bench]
fn reload_astana_120x40(bencher: Bencher) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    let mut app = App::new(astana(), 120, 40);
    let start = argwalk::screen::app::Start {
        files: Some(argwalk::screen::app::MapFiles::new(
            "astana.toml".into(),
            None,
        )),
        ..Default::default()
    };
    argwalk::screen::app::handle(&mut app, start.event());
    for _ in 0..7 {
        act(&mut app, Action::WalkNext);
    }
    bencher.bench_local(|| {
        let loaded = loader::load_str(loader::BUILTIN_MAP_NAME, loader::BUILTIN_MAP, &Builtin);
        argwalk::screen::app::handle(
            &mut app,
            argwalk::screen::event::Event::Reloaded(Box::new(loaded)),
        );
        let _ = terminal.draw(|f| view::render(f, &app, &THEME));
    });
}

/// Saving the reader's layer of a 1,000-node map with notes on every node: lock, read what is
/// there, merge, write a temporary file, fsync, rename, fsync the folder.
#[divan::bench(sample_count = 50)]
fn save_layer_1000_nodes_with_notes(bencher: Bencher) {
    let text = argwalk::dev::synthetic::map_text(1_000, 200);
    let map = loader::load_str("m.toml", &text, &Builtin)
        .map
        .expect("loads");
    let layer = argwalk::dev::synthetic::full_layer(&map);
    let dir = std::env::temp_dir().join(format!("argwalk-bench-layer-{}", std::process::id()));
    let store = argwalk::study::Store::new(&dir, Some(std::path::Path::new("/bench/m.toml")));
    let changed = argwalk::study::Changes {
        fields: [("N1".to_string(), argwalk::study::Field::Note)].into(),
        ..Default::default()
    };
    store.save(&layer, &changed).expect("first save");
    bencher.bench_local(|| store.save(&layer, &changed).expect("save"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The weak spots of the 10,000-node map, with a verdict on every node.
#[divan::bench(sample_count = 20)]
fn weak_spots_10k_nodes(bencher: Bencher) {
    let map = big();
    let layer = argwalk::dev::synthetic::full_layer(&map);
    bencher.bench_local(|| argwalk::study::prep::weak_spots(&map, Some(&layer)));
}

/// Every export of the 10,000-node map, and of one of 5,000 to see it grow linearly.
fn format_named(name: &str) -> argwalk::interchange::export::Format {
    use argwalk::interchange::export::Format;
    match name {
        "markdown" => Format::Markdown,
        "dot" => Format::Dot,
        "argdown" => Format::Argdown,
        "aif" => Format::Aif,
        "anki" => Format::Anki,
        _ => Format::Json,
    }
}

fn export(bencher: Bencher, map: &ArgumentMap, name: &str) {
    let format = format_named(name);
    let layer = argwalk::dev::synthetic::full_layer(map);
    let options = argwalk::interchange::export::Options {
        layer: Some(&layer),
    };
    bencher.bench_local(|| argwalk::interchange::export::render(map, format, options));
}

#[divan::bench(args = ["markdown", "dot", "argdown", "aif", "anki", "json"], sample_count = 10)]
fn export_10k_nodes(bencher: Bencher, name: &str) {
    export(bencher, &big(), name);
}

/// The same on half the map, to see the exports grow linearly.
#[divan::bench(args = ["markdown", "dot", "argdown", "aif", "anki", "json"], sample_count = 10)]
fn export_5k_nodes(bencher: Bencher, name: &str) {
    let text = argwalk::dev::synthetic::map_text(5_000, 1_000);
    let map = loader::load_str("m.toml", &text, &Builtin)
        .map
        .expect("loads");
    export(bencher, &map, name);
}

/// A chain of premises `depth` deep, stepped at its far end: a frame must cost what is visible,
/// so the two depths should cost about the same.
#[divan::bench(args = [1_000, 50_000], sample_count = 30)]
fn walk_step_deep_chain_120x40(bencher: Bencher, depth: usize) {
    let text = argwalk::dev::synthetic::chain_text(depth);
    let map = loader::load_str("chain.toml", &text, &Builtin)
        .map
        .expect("chain loads");
    let terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    let mut app = App::new(map, 120, 40);
    act(&mut app, Action::Last);
    let mut terminal = terminal;
    let mut up = true;
    bencher.bench_local(|| {
        // Up and down the last rows, all of them thousands of levels deep.
        act(&mut app, if up { Action::MoveUp } else { Action::MoveDown });
        up = !up;
        let _ = terminal.draw(|f| view::render(f, &app, &THEME));
    });
}

#[divan::bench]
fn encoded_step_astana_200x60(bencher: Bencher) {
    encoded_step(bencher, astana(), 200, 60);
}

/// A generated map the size of the Astana one: same kind of text as the 10,000-node map.
#[divan::bench]
fn encoded_step_40_generated_nodes_200x60(bencher: Bencher) {
    let text = argwalk::dev::synthetic::map_text(40, 8);
    let map = loader::load_str("small.toml", &text, &Builtin)
        .map
        .expect("small map loads");
    encoded_step(bencher, map, 200, 60);
}

#[divan::bench]
fn encoded_step_10k_nodes_200x60(bencher: Bencher) {
    encoded_step(bencher, big(), 200, 60);
}

/// Issue 17.11: one key in an overlay of the 10,000-node map (a scroll step, or the next weak
/// spot), update and frame together, with a verdict and a note on every node.
#[divan::bench(args = ["frontlines", "weak", "sheet", "help"], sample_count = 20)]
fn overlay_key_10k_nodes(bencher: Bencher, overlay: &str) {
    let map = big();
    let mut app = App::new(map, 120, 40);
    let layer = argwalk::dev::synthetic::full_layer(app.map());
    argwalk::screen::app::handle(&mut app, argwalk::screen::app::Start::with(layer).event());
    let open = match overlay {
        "frontlines" => Action::Frontlines,
        "weak" => Action::WeakSpots,
        "sheet" => Action::PrepSheet,
        _ => Action::Help,
    };
    act(&mut app, open);
    down_and_up(bencher, app);
}

/// A library of 1,000 generated maps of 40 nodes each (inline articles of 12 paragraphs), each
/// with a word of its own in its title, made once in a temporary folder.
fn library_1000() -> &'static std::path::Path {
    static DIR: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir =
            std::env::temp_dir().join(format!("argwalk-bench-library-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("library folder");
        let text = argwalk::dev::synthetic::map_text(40, 12);
        for i in 0..1_000 {
            let own = text.replacen("title = \"", &format!("title = \"Map{i:04}x "), 1);
            std::fs::write(dir.join(format!("map{i:04}.toml")), own).expect("a map");
        }
        dir
    })
}

/// Issue 17.10: the picker's first frame on a library of 1,000 maps: the folder listed, the
/// rows in view read (title, nodes, progress), drawn at 120x40.
#[divan::bench(sample_count = 20)]
fn library_first_frame_1000_maps(bencher: Bencher) {
    let dir = library_1000();
    let backend = TestBackend::new(120, 40);
    let mut terminal = Terminal::new(backend).expect("test backend");
    bencher.bench_local(|| {
        let mut library = argwalk::screen::library::Picker::new(
            argwalk::team::library::Library::open(dir, None).expect("opens"),
        );
        library.read_visible(argwalk::screen::library::Picker::rows(40));
        let _ = terminal.draw(|f| library.render(f, &THEME));
    });
}

/// Issue 17.10: a search of every map's text in the library of 1,000: the first (each map read
/// from disk) and one more word once they are read.
#[divan::bench(args = ["first", "next"], sample_count = 20)]
fn library_search_1000_maps(bencher: Bencher, which: &str) {
    let dir = library_1000();
    let mut library = argwalk::team::library::Library::open(dir, None).expect("opens");
    if which == "first" {
        bencher.bench_local(|| {
            let mut fresh = argwalk::team::library::Library::open(dir, None).expect("opens");
            assert_eq!(fresh.matching("Map0777x").len(), 1);
        });
    } else {
        library.matching("ceasefire");
        bencher.bench_local(|| {
            assert_eq!(library.matching("Map0777x ceasefire").len(), 1);
        });
    }
}

/// Issue 17.10: opening a map of the library of 1,000 (the last): read and check it within the
/// library, make the session and draw its first frame.
#[divan::bench(sample_count = 20)]
fn library_open_a_map_of_1000(bencher: Bencher) {
    let dir = library_1000();
    let path = dir.join("map0999.toml");
    bencher.bench_local(|| {
        let loaded = loader::load_path_within(&path, dir).expect("reads");
        let app = App::new(loaded.map.expect("checks"), 120, 40);
        view::render_buffer(&app, &THEME)
    });
}

/// Issue 23: a key in the differences window (`D`) of a map of `nodes` against a reference of
/// the same article with a tenth fewer nodes: the comparison is made when the window opens,
/// not for each key (it was 1.4 s a key at 2,000 nodes).
#[divan::bench(args = [2_000, 10_000], sample_count = 20)]
fn differences_key(bencher: Bencher, nodes: usize) {
    let paragraphs = (nodes / 5).max(12);
    let load = |n: usize| {
        loader::load_str(
            "m.toml",
            &argwalk::dev::synthetic::map_text(n, paragraphs),
            &Builtin,
        )
        .map
        .expect("the generated map loads")
    };
    let reference = std::sync::Arc::new(load(nodes - nodes / 10));
    let mut app = App::new(load(nodes), 80, 24);
    let start = argwalk::screen::app::Start {
        settings: argwalk::screen::app::Settings {
            against: Some(reference),
            ..Default::default()
        },
        ..argwalk::screen::app::Start::default()
    };
    argwalk::screen::app::handle(&mut app, start.event());
    act(&mut app, Action::Differences);
    down_and_up(bencher, app);
}

/// Issue 24.12: imports are linear in their input. A microtext of `units` units in a support
/// chain, and brat annotations of as many spans in a chain (the shapes that were quadratic:
/// 3,000 units took 3.1 s, 20,000 spans 18 s), each imported into a fresh file.
#[divan::bench(args = ["microtext", "brat"], sample_count = 5)]
fn import_10k_units(bencher: Bencher, format: &str) {
    use argwalk::interchange::import::{From, import};
    let units = 10_000;
    let dir = std::env::temp_dir().join(format!("argwalk-bench-import-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let (input, from) = if format == "microtext" {
        let mut xml = String::from("<arggraph id=\"chain\" topic_id=\"t\" stance=\"pro\">\n");
        for i in 1..=units {
            xml.push_str(&format!(
                "<edu id=\"e{i}\"><![CDATA[Claim {i} of the chain.]]></edu>\n"
            ));
        }
        for i in 1..=units {
            xml.push_str(&format!("<adu id=\"a{i}\" type=\"pro\"/>\n"));
            xml.push_str(&format!(
                "<edge id=\"s{i}\" src=\"e{i}\" trg=\"a{i}\" type=\"seg\"/>\n"
            ));
        }
        for i in 2..=units {
            xml.push_str(&format!(
                "<edge id=\"c{i}\" src=\"a{i}\" trg=\"a{}\" type=\"sup\"/>\n",
                i - 1
            ));
        }
        xml.push_str("</arggraph>\n");
        let path = dir.join("chain.xml");
        std::fs::write(&path, xml).expect("written");
        (path, From::Microtext)
    } else {
        let mut txt = String::from("A chain\n\n");
        let mut ann = String::new();
        for i in 0..units {
            if i > 0 {
                txt.push_str(if i % 20 == 0 { "\n\n" } else { " " });
            }
            let s = format!("Claim number {i} of the chain.");
            let start = txt.chars().count();
            txt.push_str(&s);
            let kind = if i == 0 { "MajorClaim" } else { "Premise" };
            ann.push_str(&format!(
                "T{}\t{kind} {start} {}\t{s}\n",
                i + 1,
                start + s.len()
            ));
            if i > 0 {
                ann.push_str(&format!("R{i}\tsupports Arg1:T{} Arg2:T{i}\t\n", i + 1));
            }
        }
        txt.push('\n');
        std::fs::write(dir.join("chain.txt"), txt).expect("written");
        let path = dir.join("chain.ann");
        std::fs::write(&path, ann).expect("written");
        (path, From::Brat)
    };
    let mut n = 0;
    bencher.bench_local(|| {
        n += 1;
        let out = dir.join(format!("out-{n}.toml"));
        import(&input, from, Some(&out)).expect("it imports")
    });
    let _ = std::fs::remove_dir_all(&dir);
}

/// A key in the window open in `app`, and the frame it draws: down a hundred steps, then up
/// again, so that every key moves.
fn down_and_up(bencher: Bencher, mut app: App) {
    let mut down = true;
    let mut n = 0;
    bencher.bench_local(|| {
        n += 1;
        if n % 100 == 0 {
            down = !down;
        }
        act(
            &mut app,
            if down {
                Action::OverlayDown
            } else {
                Action::OverlayUp
            },
        );
        view::render_buffer(&app, &THEME)
    });
}

/// A folder for a bench of its own, with `maps` generated maps of 40 nodes beside a motion
/// whose claims draw on each map's thesis and first premise, in a format of `speeches`
/// speeches (alternating sides) of its own.
fn debate_folder(name: &str, maps: usize, speeches: usize) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("argwalk-bench-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a folder");
    let map = argwalk::dev::synthetic::map_text(40, 20);
    let mut motion = String::from(
        "[motion]\ntext = \"This house would measure\"\nformat = \"bench.format.toml\"\n",
    );
    for i in 0..maps {
        std::fs::write(dir.join(format!("m{i}.toml")), &map).expect("written");
        motion.push_str(&format!(
            "\n[[claim]]\nid = \"C{i}\"\nside = \"{}\"\nfrom = \"m{i}.toml#T\"\n",
            if i % 2 == 0 { "for" } else { "against" }
        ));
    }
    std::fs::write(dir.join("bench.motion.toml"), motion).expect("written");
    let mut format =
        String::from("[format]\nname = \"Bench\"\nsides = [\"Aff\", \"Neg\"]\nprep = 5\n");
    for s in 0..speeches {
        format.push_str(&format!(
            "\n[[speech]]\nname = \"Speech {n}\"\nshort = \"S{n}\"\nside = {}\nminutes = 5\n",
            s % 2 + 1,
            n = s + 1
        ));
    }
    std::fs::write(dir.join("bench.format.toml"), format).expect("written");
    dir
}

/// Issue 26: a motion drawing on 50 maps opens, checked (every reference read) and as the
/// reader's map of its cases.
#[divan::bench(sample_count = 20)]
fn motion_50_maps_opens(bencher: Bencher) {
    let dir = debate_folder("motion", 50, 12);
    let path = dir.join("bench.motion.toml");
    bencher.bench_local(|| argwalk::debate::case::load(&path).expect("it loads"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 26: a key on a flow of 500 arguments over 12 speeches, and the frame it draws: the
/// selection down a column and back, and across the speeches.
#[divan::bench(args = [(80, 24), (120, 40), (200, 60)])]
fn flow_key_500_arguments(bencher: Bencher, (w, h): (u16, u16)) {
    use argwalk::debate::flow::{Arg, Round};
    let dir = debate_folder(&format!("flow{w}"), 2, 12);
    let (motion, _) =
        argwalk::debate::motion::load(&dir.join("bench.motion.toml")).expect("the motion reads");
    let motion = motion.expect("the motion checks");
    let format = motion.format.clone();
    let mut round = Round::new("bench.motion.toml".into(), "bench".into(), &format);
    // Chains of answers across the twelve speeches: each a root in the first speeches of a
    // side, answered speech after speech.
    let mut id = 0u32;
    while id < 500 {
        let root = id + 1;
        for s in 0..12u32 {
            id += 1;
            if id > 500 {
                break;
            }
            round.args.push(Arg {
                id,
                speech: s as usize,
                sheet: 0,
                text: format!("Argument {id}: the words a debater writes in a cell, a line or two"),
                answers: (s > 0).then_some(id - 1),
                extends: None,
                applies: None,
                from: None,
                mark: None,
            });
        }
        let _ = root;
    }
    round.speech = 11;
    let flow = dir.join("bench.flow.toml");
    std::fs::write(&flow, argwalk::debate::round_file::write(&round, &format)).expect("written");
    let opened = argwalk::debate::round_store::RoundStore::open_file(&flow, None, false)
        .unwrap_or_else(|_| panic!("the flow opens"));
    let mut screen = argwalk::screen::flow::FlowScreen::new(opened, w, h);
    screen.update(Action::First, 0);
    let keys = [
        Action::MoveDown,
        Action::FlowRight,
        Action::MoveDown,
        Action::FlowLeft,
    ];
    let mut n = 0usize;
    bencher.bench_local(|| {
        n += 1;
        let key = if n % 400 < 200 {
            keys[n % keys.len()]
        } else {
            Action::MoveUp
        };
        screen.update(key, 0);
        argwalk::screen::flow::render_buffer(&screen, &THEME, 0)
    });
    let _ = std::fs::remove_dir_all(&dir);
}
