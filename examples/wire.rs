//! Measures what argwalk costs a terminal: bytes per frame and per key, time to the first frame
//! (against `less` on the same article), idle CPU, and how fast each way out restores the
//! terminal. Run on a release build:
//!
//! `cargo build --release && cargo run --release --example wire`
//!
//! Prints Markdown tables; docs/PERFORMANCE.md holds a copy with the date it was measured.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/support/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pty::{Pty, Session, restored};
use rustix::process::Signal;

/// Runs per program and size for the first-frame timing: its median is steadier than a mean.
const RUNS: usize = 101;
const QUIET: Duration = Duration::from_millis(60);
const MAX: Duration = Duration::from_secs(10);

fn bin() -> PathBuf {
    if let Some(path) = std::env::var_os("ARGWALK_BIN") {
        return PathBuf::from(path);
    }
    let release = Path::new("target/release/argwalk");
    if release.exists() {
        release.to_path_buf()
    } else {
        PathBuf::from("target/debug/argwalk")
    }
}

fn spawn(w: u16, h: u16) -> Pty {
    let p = Pty::spawn(&bin(), &[], &[], w, h, Session::Detached);
    assert!(p.wait_for(MAX, |s| s.contains("step 1/")), "no first frame");
    p.settle(QUIET, MAX);
    p
}

/// Bytes written in answer to `keys`.
fn cost(p: &mut Pty, keys: &[u8]) -> usize {
    let before = p.settle(QUIET, MAX);
    p.send(keys);
    p.settle(QUIET, MAX) - before
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The least bytes any encoder could send, read from the rendered frames themselves.
struct Floor {
    /// Mean per step of the walk.
    step: f64,
    /// Mean per step, by pane: tree, details, source.
    panes: [f64; 3],
    /// Each move between rows citing the same paragraphs.
    same: Vec<usize>,
}

/// A changed cell that is not blank costs at least its character's bytes; runs of blanks can be
/// erased for a few bytes, so they count nothing here. Cursor moves and colours come on top.
fn floor(w: u16, h: u16) -> Floor {
    use argwalk::screen::app::{App, act};
    use argwalk::screen::keymap::Action;
    use argwalk::screen::view::render_buffer;
    use ratatui::layout::Position;
    // The theme the pty runs get: colour and Unicode.
    let theme = argwalk::screen::theme::Theme::FULL;
    let cost = |app: &App, before: &ratatui::buffer::Buffer, now: &ratatui::buffer::Buffer| {
        let areas = app.areas();
        let mut panes = [0usize; 3];
        let mut all = 0;
        for (x, y, cell) in before.diff(now) {
            if cell.symbol() == " " {
                continue;
            }
            all += cell.symbol().len();
            let at = Position::new(x, y);
            for (i, pane) in [areas.tree_inner, areas.details_inner, areas.source_inner]
                .iter()
                .enumerate()
            {
                if pane.contains(at) {
                    panes[i] += cell.symbol().len();
                }
            }
        }
        (all, panes)
    };
    let map = || {
        argwalk::map::loader::load_builtin()
            .map
            .expect("built-in map")
    };
    let mut app = App::new(map(), w, h);
    let steps = app.map().walk.len() - 1;
    let (mut total, mut panes) = (0, [0usize; 3]);
    let mut before = render_buffer(&app, &theme);
    for _ in 0..steps {
        act(&mut app, Action::WalkNext);
        let now = render_buffer(&app, &theme);
        let (all, by_pane) = cost(&app, &before, &now);
        total += all;
        for (sum, n) in panes.iter_mut().zip(by_pane) {
            *sum += n;
        }
        before = now;
    }
    let mut app = App::new(map(), w, h);
    let walk = app.map().walk.clone();
    let mut same = Vec::new();
    let mut before = render_buffer(&app, &theme);
    for pair in walk.windows(2) {
        act(&mut app, Action::MoveDown);
        let now = render_buffer(&app, &theme);
        if app.map().nodes[pair[0]].cited_paragraphs()
            == app.map().nodes[pair[1]].cited_paragraphs()
        {
            same.push(cost(&app, &before, &now).0);
        }
        before = now;
    }
    Floor {
        step: total as f64 / steps as f64,
        panes: panes.map(|n| n as f64 / steps as f64),
        same,
    }
}

fn first_frames() {
    println!("| time to first complete frame (median of {RUNS}) | argwalk | less | ratio |");
    println!("|---|---|---|---|");
    let article = Path::new("argument-maps/astana-talks.txt");
    let less = Path::new("/usr/bin/less");
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        for _ in 0..RUNS {
            ours.push(first_frame(&bin(), &[], w, h).1.as_secs_f64() * 1000.0);
            theirs.push(
                first_frame(less, &[article.to_str().unwrap_or_default()], w, h)
                    .1
                    .as_secs_f64()
                    * 1000.0,
            );
        }
        let (a, b) = (median(ours), median(theirs));
        println!("| {w}x{h} | {a:.1} ms | {b:.1} ms | {:.2}x |", a / b);
    }
}

/// Both programs run as they would from a shell: session leaders with the pty as their terminal.
fn first_frame(program: &Path, args: &[&str], w: u16, h: u16) -> (usize, Duration) {
    first_frame_with(program, args, &[], w, h)
}

fn first_frame_with(
    program: &Path,
    args: &[&str],
    envs: &[(&str, &str)],
    w: u16,
    h: u16,
) -> (usize, Duration) {
    let p = Pty::spawn(program, args, envs, w, h, Session::Controlling);
    let len = p.settle(Duration::from_millis(300), MAX);
    (len, p.time_at(len).unwrap_or(MAX))
}

/// The first frame of a 1,000-node map opened with a reader's layer that has a note, a verdict
/// and a mark on every node, against the same map with no layer.
fn first_frames_with_layer() {
    let dir = std::env::temp_dir().join(format!("argwalk-wire-layer-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let map_path = dir.join("m.toml");
    let text = argwalk::dev::synthetic::map_text(1_000, 200);
    std::fs::write(&map_path, &text).expect("map");
    let map = argwalk::map::loader::load_str("m.toml", &text, &argwalk::map::loader::Builtin)
        .map
        .expect("loads");
    let layer = argwalk::dev::synthetic::full_layer(&map);
    let full = dir.join("full");
    let store = argwalk::study::Store::new(&full, Some(&map_path));
    let changed = argwalk::study::Changes {
        fields: [("N1".to_string(), argwalk::study::Field::Note)].into(),
        ..Default::default()
    };
    store.save(&layer, &changed).expect("save");
    let empty = dir.join("empty");
    let args = [map_path.to_str().unwrap_or_default()];
    let mut with = Vec::new();
    let mut without = Vec::new();
    for _ in 0..41 {
        let env = [("ARGWALK_STATE_DIR", full.to_str().unwrap_or_default())];
        with.push(
            first_frame_with(&bin(), &args, &env, 120, 40)
                .1
                .as_secs_f64()
                * 1000.0,
        );
        let env = [("ARGWALK_STATE_DIR", empty.to_str().unwrap_or_default())];
        without.push(
            first_frame_with(&bin(), &args, &env, 120, 40)
                .1
                .as_secs_f64()
                * 1000.0,
        );
    }
    let (a, b) = (median(with), median(without));
    println!(
        "| first frame, 1,000-node map, 120x40 (median of 41) | with a full layer | without | ratio |"
    );
    println!("|---|---|---|---|");
    println!("| | {a:.1} ms | {b:.1} ms | {:.2}x |", a / b);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The library picker's first frame over a folder of 1,000 maps: only the rows on screen are
/// read, so it costs what ten maps would.
fn library_first_frame() {
    let dir = std::env::temp_dir().join(format!("argwalk-wire-library-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let text = argwalk::dev::synthetic::map_text(40, 8);
    for i in 0..1000 {
        std::fs::write(dir.join(format!("map-{i:04}.toml")), &text).expect("map");
    }
    let state = dir.join("state");
    let args = ["--library", dir.to_str().unwrap_or_default()];
    let env = [("ARGWALK_STATE_DIR", state.to_str().unwrap_or_default())];
    let mut times = Vec::new();
    for _ in 0..21 {
        let p = Pty::spawn(&bin(), &args, &env, 120, 40, Session::Controlling);
        assert!(p.wait_for(MAX, |s| s.contains("map-0037")), "no list");
        let len = p.settle(Duration::from_millis(200), MAX);
        times.push(p.time_at(len).unwrap_or(MAX).as_secs_f64() * 1000.0);
    }
    println!(
        "| library of 1,000 maps, first frame at 120x40 (median of 21) | {:.1} ms |",
        median(times)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Follow mode: from the presenter's key to each follower's frame, with `n` followers.
fn follow_latency(n: usize) {
    let state =
        std::env::temp_dir().join(format!("argwalk-wire-follow-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&state);
    let env = [("ARGWALK_STATE_DIR", state.to_str().unwrap_or_default())];
    let mut coach = Pty::spawn(
        &bin(),
        &["--present", "wire", "--user", "coach"],
        &env,
        120,
        40,
        Session::Detached,
    );
    assert!(coach.wait_for(MAX, |s| s.contains("presenting")));
    let followers: Vec<Pty> = (0..n)
        .map(|_| {
            Pty::spawn(
                &bin(),
                &["--follow", "wire"],
                &env,
                80,
                24,
                Session::Detached,
            )
        })
        .collect();
    for f in &followers {
        assert!(f.wait_for(MAX, |s| s.contains("following coach")));
    }
    let mut worst = Vec::new();
    for step in 2..=11 {
        let before: Vec<usize> = followers.iter().map(Pty::len).collect();
        let start = std::time::Instant::now();
        coach.send(b"n");
        let want = format!("step {step}/37");
        let mut slowest = Duration::ZERO;
        for (f, b) in followers.iter().zip(&before) {
            assert!(
                f.wait_for(MAX, |s| s.contains(&want)),
                "a follower did not follow"
            );
            let at = f.time_at(f.len()).unwrap_or(MAX);
            let _ = b;
            slowest = slowest.max(at.saturating_sub(start.duration_since(f.started)));
        }
        worst.push(slowest.as_secs_f64() * 1000.0);
    }
    println!(
        "| follow mode, {n} followers: presenter's key to the slowest follower's frame (median of 10 steps) | {:.1} ms |",
        median(worst)
    );
    drop(followers);
    drop(coach);
    let _ = std::fs::remove_dir_all(&state);
}

/// The line mode: bytes per step of `next`, and time per command over a script of a thousand.
fn line_mode() {
    use std::io::Write;
    let mut script = String::new();
    for i in 0..1000 {
        script.push_str(if i % 37 == 36 { "g T\n" } else { "n\n" });
    }
    let start = std::time::Instant::now();
    let mut child = std::process::Command::new(bin())
        .arg("read")
        .env(
            "ARGWALK_STATE_DIR",
            std::env::temp_dir().join("argwalk-wire-lines"),
        )
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("argwalk read");
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(script.as_bytes());
    }
    let out = child.wait_with_output().expect("output");
    let took = start.elapsed();
    println!(
        "| line mode: 1,000 commands (n, and g T at each end) | {} bytes a step, {:.3} ms a command (the whole run: {:.0} ms) |",
        out.stdout.len() / 1000,
        took.as_secs_f64() * 1000.0 / 1000.0,
        took.as_secs_f64() * 1000.0
    );
}

fn main() {
    if std::env::args().any(|a| a == "team") {
        line_mode();
        library_first_frame();
        follow_latency(2);
        follow_latency(20);
        return;
    }
    if std::env::args().any(|a| a == "first-frame-layer") {
        first_frames_with_layer();
        return;
    }
    // `-- first-frame` measures only the time to the first frame, which is the noisiest figure.
    if std::env::args().any(|a| a == "first-frame") {
        first_frames();
        return;
    }
    let map = argwalk::map::loader::load_builtin()
        .map
        .expect("built-in map");
    let steps = map.walk.len();
    println!("binary: {}\n", bin().display());
    println!(
        "| size | first frame | mean per walk step | max per walk step | mean / first frame | no-op key | source scroll 1 line | same-paragraph moves |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    let mut firsts = Vec::new();
    let mut cursor_moves = Vec::new();
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut p = spawn(w, h);
        let first = p.len();
        let mut per_step = Vec::new();
        for _ in 1..steps {
            per_step.push(cost(&mut p, b"n"));
        }
        let mean = per_step.iter().sum::<usize>() as f64 / per_step.len() as f64;
        let max_step = per_step.iter().max().copied().unwrap_or(0);
        let noop = cost(&mut p, b"x");
        // Moves between tree rows whose citations name the same paragraphs.
        let mut p2 = spawn(w, h);
        let mut same = Vec::new();
        for pair in map.walk.windows(2) {
            let moved = cost(&mut p2, b"j");
            if map.nodes[pair[0]].cited_paragraphs() == map.nodes[pair[1]].cited_paragraphs() {
                same.push(moved);
            }
        }
        // The other selection that leaves the cited paragraphs alone: the paragraph cursor
        // moving among the thesis's cited paragraphs with ] and [ in the source pane.
        let mut p3 = spawn(w, h);
        cost(&mut p3, b"\t");
        let cursor: Vec<usize> = [b"]", b"]", b"]", b"[", b"[", b"["]
            .iter()
            .map(|k| cost(&mut p3, *k))
            .collect();
        cursor_moves.push(((w, h), cursor));
        cost(&mut p, b"\t");
        let scroll = cost(&mut p, b"j");
        println!(
            "| {w}x{h} | {first} B | {mean:.0} B | {max_step} B | {:.1}% | {noop} B | {scroll} B | {}–{} B over {} moves |",
            100.0 * mean / first as f64,
            same.iter().min().copied().unwrap_or(0),
            same.iter().max().copied().unwrap_or(0),
            same.len()
        );
        firsts.push(first);
        p.send(b"q");
    }

    println!(
        "\n| size | paragraph cursor moves among the thesis's cited paragraphs (`]` ×3, `[` ×3, source focused) |"
    );
    println!("|---|---|");
    for ((w, h), bytes) in cursor_moves {
        let bytes: Vec<String> = bytes.iter().map(|b| format!("{b} B")).collect();
        println!("| {w}x{h} | {} |", bytes.join(", "));
    }

    println!(
        "\n| least any encoder could send (changed cells that are not blank) | walk step, mean | tree / details / source | mean / first frame | same-paragraph move |"
    );
    println!("|---|---|---|---|---|");
    for ((w, h), first) in [(80u16, 24u16), (120, 40)].into_iter().zip(firsts) {
        let floor = floor(w, h);
        let [tree, details, source] = floor.panes;
        println!(
            "| {w}x{h} | {:.0} B | {tree:.0} / {details:.0} / {source:.0} | {:.1}% | {}–{} B |",
            floor.step,
            100.0 * floor.step / first as f64,
            floor.same.iter().min().copied().unwrap_or(0),
            floor.same.iter().max().copied().unwrap_or(0),
        );
    }

    println!();
    first_frames();

    let p = spawn(80, 24);
    let before = p.cpu_ticks();
    std::thread::sleep(Duration::from_secs(5));
    let idle = p.cpu_ticks() - before;
    println!(
        "\nCPU used over 5 idle seconds: {idle} clock ticks ({} ms)",
        idle * 10
    );

    println!("\n| way out | exit status | time to exit | terminal restored |");
    println!("|---|---|---|---|");
    type Out = (&'static str, Box<dyn Fn(&mut Pty)>);
    let outs: Vec<Out> = vec![
        ("q", Box::new(|p: &mut Pty| p.send(b"q"))),
        ("Ctrl-C", Box::new(|p: &mut Pty| p.send(b"\x03"))),
        ("SIGTERM", Box::new(|p: &mut Pty| p.signal(Signal::TERM))),
        ("SIGINT", Box::new(|p: &mut Pty| p.signal(Signal::INT))),
        ("SIGHUP", Box::new(|p: &mut Pty| p.signal(Signal::HUP))),
    ];
    for (name, out) in outs {
        let mut p = spawn(80, 24);
        let t = Instant::now();
        out(&mut p);
        let (status, _) = p.wait(MAX).expect("exit");
        let took = t.elapsed();
        std::thread::sleep(Duration::from_millis(100));
        let ok = restored(&p.bytes()) && p.cooked();
        println!(
            "| {name} | {:?} | {:.1} ms | {ok} |",
            status.code(),
            took.as_secs_f64() * 1000.0
        );
    }
    let mut p = Pty::spawn(
        &bin(),
        &[],
        &[("ARGWALK_TEST_PANIC", "1")],
        80,
        24,
        Session::Detached,
    );
    let (status, took) = p.wait(MAX).expect("exit");
    std::thread::sleep(Duration::from_millis(50));
    println!(
        "| panic | {:?} | {:.1} ms after spawn | {} |",
        status.code(),
        took.as_secs_f64() * 1000.0,
        restored(&p.bytes()) && p.cooked()
    );
    let mut p = Pty::spawn(&bin(), &[], &[], 80, 24, Session::Detached);
    assert!(p.wait_for(MAX, |s| s.contains("step 1/")));
    let pid = p.child.id();
    let t = Instant::now();
    p.close_master();
    let (status, _) = p.wait(MAX).expect("exit after the pty closed");
    println!(
        "| pty closed, no SIGHUP (pid {pid}) | {:?} | {:.1} ms | (terminal gone) |",
        status.code(),
        t.elapsed().as_secs_f64() * 1000.0
    );
}
