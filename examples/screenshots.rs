//! Regenerates screenshots/*.png from the real render path:
//! `cargo run --example screenshots` (needs `rsvg-convert`, Debian's librsvg2-bin, and the
//! DejaVu Sans Mono font, Debian's fonts-dejavu-core).
//!
//! Each screen is drawn by `view::render_buffer`, the code the terminal uses, written as SVG
//! cell by cell, then rasterized.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use argwalk::map::loader;
use argwalk::screen::app::{App, act};
use argwalk::screen::keymap::Action;
use argwalk::screen::theme::Theme;
use argwalk::screen::view;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

const CELL_W: f32 = 8.43;
const CELL_H: f32 = 17.0;
const FONT: f32 = 14.0;
const BG: &str = "#1d1f21";
const FG: &str = "#d8dee9";

fn color(c: Color, default: &'static str) -> String {
    match c {
        Color::Reset => default.into(),
        Color::Black => "#1d1f21".into(),
        Color::Red => "#e06c75".into(),
        Color::Green => "#98c379".into(),
        Color::Yellow => "#e5c07b".into(),
        Color::Blue => "#61afef".into(),
        Color::Magenta => "#c678dd".into(),
        Color::Cyan => "#56b6c2".into(),
        Color::Gray => "#abb2bf".into(),
        Color::DarkGray => "#6b7280".into(),
        Color::White => "#ffffff".into(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        _ => default.into(),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn svg(buffer: &Buffer) -> String {
    let area = buffer.area;
    // Rounded up, so that the last column is not clipped by a fraction of a pixel.
    let (w, h) = (
        (f32::from(area.width) * CELL_W).ceil(),
        (f32::from(area.height) * CELL_H).ceil(),
    );
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w} {h}\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"{BG}\"/>\n\
         <g font-family=\"DejaVu Sans Mono\" font-size=\"{FONT}\" xml:space=\"preserve\">\n"
    );
    for y in 0..area.height {
        let mut skip = 0;
        for x in 0..area.width {
            let cell = &buffer[(x, y)];
            let mut fg = color(cell.fg, FG);
            let mut bg = color(cell.bg, BG);
            if cell.modifier.contains(Modifier::REVERSED) {
                std::mem::swap(&mut fg, &mut bg);
            }
            let (px, py) = (f32::from(x) * CELL_W, f32::from(y) * CELL_H);
            let width = argwalk::screen::wrap::width(cell.symbol()).max(1) as f32;
            if bg != BG && skip == 0 {
                let _ = writeln!(
                    out,
                    "<rect x=\"{px:.2}\" y=\"{py:.2}\" width=\"{:.2}\" height=\"{CELL_H}\" fill=\"{bg}\"/>",
                    CELL_W * width + 0.4
                );
            }
            if skip > 0 {
                skip -= 1;
                continue;
            }
            skip = width as usize - 1;
            let symbol = cell.symbol();
            if symbol.trim().is_empty() {
                continue;
            }
            let mut attrs = String::new();
            if cell.modifier.contains(Modifier::BOLD) {
                attrs.push_str(" font-weight=\"bold\"");
            }
            if cell.modifier.contains(Modifier::ITALIC) {
                attrs.push_str(" font-style=\"italic\"");
            }
            if cell.modifier.contains(Modifier::DIM) {
                attrs.push_str(" opacity=\"0.6\"");
            }
            if cell.modifier.contains(Modifier::UNDERLINED) {
                attrs.push_str(" text-decoration=\"underline\"");
            }
            let _ = writeln!(
                out,
                "<text x=\"{px:.2}\" y=\"{:.2}\" fill=\"{fg}\"{attrs}>{}</text>",
                py + CELL_H * 0.78,
                escape(symbol)
            );
        }
    }
    out.push_str("</g>\n</svg>\n");
    out
}

fn app(w: u16, h: u16) -> App {
    App::new(loader::load_builtin().map.expect("built-in map"), w, h)
}

fn walk_to(app: &mut App, id: &str) {
    while app.map().nodes[app.tree().selected].id != id {
        act(app, Action::WalkNext);
    }
}

fn main() -> anyhow::Result<()> {
    let color = Theme::FULL;
    let mut shots: Vec<(&str, App, Theme)> = Vec::new();

    let mut a = app(120, 40);
    walk_to(&mut a, "E2b");
    shots.push(("main-mid-walk", a, color));

    let mut a = app(120, 40);
    walk_to(&mut a, "R3");
    shots.push(("counterpoint-quote", a, color));

    let mut a = app(120, 40);
    act(&mut a, Action::StartSearch);
    for c in "geneva".chars() {
        act(&mut a, Action::SearchInput(c));
    }
    act(&mut a, Action::SearchConfirm);
    act(&mut a, Action::NextMatch);
    shots.push(("search", a, color));

    let mut a = app(120, 40);
    act(&mut a, Action::Help);
    shots.push(("help", a, color));

    let mut a = app(80, 24);
    walk_to(&mut a, "O3");
    shots.push(("narrow-80x24", a, color));

    let mut a = app(80, 24);
    walk_to(&mut a, "O2");
    shots.push((
        "no-color-80x24",
        a,
        Theme {
            color: false,
            ascii: false,
            plain: false,
        },
    ));

    // A broken save while mapping: the last good map stays, the status line counts the errors,
    // and `!` lists them with their line and column.
    let broken = |a: &mut App| {
        let start = argwalk::screen::app::Start {
            files: Some(argwalk::screen::app::MapFiles::new(
                "my-article.toml".into(),
                Some("my-article.txt"),
            )),
            ..Default::default()
        };
        argwalk::screen::app::handle(a, start.event());
        let text = argwalk::map::loader::BUILTIN_MAP
            .replacen("supports = \"T\"", "supports: \"T\"", 1)
            .replacen(
                "label = \"Iran is the spoiler\"",
                "label = \"Iran is \"the\" spoiler\"",
                1,
            );
        let loaded = argwalk::map::loader::load_str(
            "my-article.toml",
            &text,
            &argwalk::map::loader::Builtin,
        );
        argwalk::screen::app::handle(a, argwalk::screen::event::Event::Reloaded(Box::new(loaded)));
    };
    let mut a = app(120, 40);
    walk_to(&mut a, "P1");
    broken(&mut a);
    shots.push(("broken-save", a, color));
    let mut a = app(120, 40);
    walk_to(&mut a, "P1");
    broken(&mut a);
    act(&mut a, Action::ShowProblems);
    shots.push(("broken-save-problems", a, color));

    // Study and prep: marks, a note being written, weak spots, frontlines, the prep sheet, a
    // drill card.
    let studied = || {
        let mut a = app(120, 40);
        let mut study = argwalk::screen::app::Start::default();
        let layer = study.layer.insert(argwalk::study::Layer::default());
        for (id, understood, verdict, note) in [
            ("T", true, None, ""),
            ("O1", true, Some(argwalk::study::Judgement::Fails), ""),
            (
                "P1",
                true,
                Some(argwalk::study::Judgement::Holds),
                "Strongest premise: the IRGC presence is documented.",
            ),
            (
                "P2",
                false,
                Some(argwalk::study::Judgement::Doubtful),
                "Ask: which offensives, and when?",
            ),
            (
                "E2b",
                false,
                None,
                "'Shiafication' is a loaded word: check the source.",
            ),
        ] {
            let s = layer.node_mut(id);
            s.understood = understood;
            s.judgement = verdict;
            s.note = note.to_string();
        }
        layer.side = Some(argwalk::study::Side::Against);
        argwalk::screen::app::handle(&mut a, study.event());
        a
    };
    let mut a = studied();
    walk_to(&mut a, "P2");
    shots.push(("study-marks", a, color));
    let mut a = studied();
    walk_to(&mut a, "E2b");
    act(&mut a, Action::EditNote);
    for c in " Who reports it?".chars() {
        act(
            &mut a,
            Action::NoteInput(argwalk::screen::key::Key::char(c)),
        );
    }
    shots.push(("study-note", a, color));
    let mut a = studied();
    act(&mut a, Action::WeakSpots);
    shots.push(("prep-weak-spots", a, color));
    let mut a = studied();
    act(&mut a, Action::Frontlines);
    shots.push(("prep-frontlines", a, color));
    let mut a = studied();
    act(&mut a, Action::PrepSheet);
    shots.push(("prep-sheet", a, color));
    let mut a = studied();
    act(&mut a, Action::Drill);
    act(&mut a, Action::DrillReveal);
    shots.push(("study-drill", a, color));

    // The relations of issue 17 on a shipped public-domain map: linked premises (+), an undercut
    // (⤳) and an objection Mill raises himself (↺), the undercut selected.
    let mill =
        argwalk::map::loader::load_path(Path::new("argument-maps/mill-on-liberty-ch2.toml"))?
            .map
            .ok_or_else(|| anyhow::anyhow!("the Mill map checks"))?;
    let mut a = App::new(mill, 120, 40);
    walk_to(&mut a, "U1");
    shots.push(("relations-mill", a, color));

    let mut buffers: Vec<(&str, Buffer)> = shots
        .iter()
        .map(|(name, app, theme)| (*name, view::render_buffer(app, theme)))
        .collect();

    // Issue 18: a student's map of Mill against the shipped one (P5 left out, O1 made to
    // attack P4): `D`, the differences; and the teacher's class list of a class of three.
    let text = std::fs::read_to_string("argument-maps/mill-on-liberty-ch2.toml")?;
    let start = text.find("[[premise]]\nid = \"P5\"").unwrap();
    let end = text.find("[[counterpoint]]\nid = \"O1\"").unwrap();
    let student = format!("{}{}", &text[..start], &text[end..])
        .replace("attacks = \"P5\"", "attacks = \"P4\"");
    let class = std::env::temp_dir().join(format!("argwalk-shots-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&class);
    for (member, map) in [("alice", student.as_str()), ("bob", text.as_str())] {
        let folder = class.join("class").join(member);
        std::fs::create_dir_all(&folder)?;
        std::fs::write(folder.join("mill.toml"), map)?;
        std::fs::copy(
            "argument-maps/mill-on-liberty-ch2.txt",
            folder.join("mill-on-liberty-ch2.txt"),
        )?;
    }
    std::fs::create_dir_all(class.join("class").join("carol"))?;
    let student_map = argwalk::map::loader::load_path(&class.join("class/alice/mill.toml"))?
        .map
        .ok_or_else(|| anyhow::anyhow!("the student's Mill map checks"))?;
    let reference =
        argwalk::map::loader::load_path(Path::new("argument-maps/mill-on-liberty-ch2.toml"))?
            .map
            .ok_or_else(|| anyhow::anyhow!("the Mill map checks"))?;
    let mut a = App::new(student_map, 120, 40);
    let start = argwalk::screen::app::Start {
        settings: argwalk::screen::app::Settings {
            against: Some(std::sync::Arc::new(reference)),
            ..Default::default()
        },
        ..Default::default()
    };
    argwalk::screen::app::handle(&mut a, start.event());
    act(&mut a, Action::Differences);
    buffers.push(("against-differences", view::render_buffer(&a, &color)));
    let mut library = argwalk::screen::library::Picker::new(
        argwalk::team::library::Library::open(Path::new("argument-maps"), None)?
            .with_class(&class.join("class")),
    );
    library.update(Action::ClassList, 38);
    if let Some(c) = library.class() {
        c.finish();
    }
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40))?;
    terminal.draw(|f| library.render(f, &color))?;
    buffers.push(("class-list", terminal.backend().buffer().clone()));
    let _ = std::fs::remove_dir_all(&class);

    // The flow sheet: the shipped practice round (a copy, so nothing shipped is written), at
    // 120x40 with the drops listed, and at 80x24.
    let rounds = std::env::temp_dir().join(format!("argwalk-shots-flow-{}", std::process::id()));
    std::fs::create_dir_all(&rounds)?;
    for f in [
        "dissent.motion.toml",
        "dissent.practice.flow.toml",
        "mill-on-liberty-ch2.toml",
        "mill-on-liberty-ch2.txt",
        "thoreau-civil-disobedience.toml",
        "thoreau-civil-disobedience.txt",
    ] {
        std::fs::copy(Path::new("argument-maps").join(f), rounds.join(f))?;
    }
    let open_round = |w: u16, h: u16| -> anyhow::Result<argwalk::screen::flow::FlowScreen> {
        let opened = argwalk::debate::round_store::RoundStore::open_file(
            &rounds.join("dissent.practice.flow.toml"),
            None,
            true,
        )
        .map_err(|_| anyhow::anyhow!("the practice round opens"))?;
        Ok(argwalk::screen::flow::FlowScreen::new(opened, w, h))
    };
    let now = 0;
    let mut flow = open_round(120, 40)?;
    flow.update(Action::First, now);
    flow.update(Action::MoveDown, now);
    buffers.push((
        "flow",
        argwalk::screen::flow::render_buffer(&flow, &color, now),
    ));
    flow.update(Action::FlowDrops, now);
    buffers.push((
        "flow-drops",
        argwalk::screen::flow::render_buffer(&flow, &color, now),
    ));
    let mut flow = open_round(80, 24)?;
    flow.update(Action::First, now);
    buffers.push((
        "flow-80x24",
        argwalk::screen::flow::render_buffer(&flow, &color, now),
    ));
    let _ = std::fs::remove_dir_all(&rounds);
    // A motion read as the map of its two cases.
    let case = argwalk::debate::case::load(Path::new("argument-maps/dissent.motion.toml"))
        .map_err(|_| anyhow::anyhow!("the motion checks"))?
        .map
        .ok_or_else(|| anyhow::anyhow!("the case map loads"))?;
    let mut a = App::new(case, 120, 40);
    walk_to(&mut a, "B1");
    buffers.push(("motion-cases", view::render_buffer(&a, &color)));

    let dir = Path::new("screenshots");
    std::fs::create_dir_all(dir)?;
    for (name, buffer) in &buffers {
        let svg_path = dir.join(format!("{name}.svg"));
        let png_path = dir.join(format!("{name}.png"));
        std::fs::write(&svg_path, svg(buffer))?;
        let status = Command::new("rsvg-convert")
            .arg("-o")
            .arg(&png_path)
            .arg(&svg_path)
            .status()
            .map_err(|e| anyhow::anyhow!("rsvg-convert: {e} (apt-get install librsvg2-bin)"))?;
        anyhow::ensure!(
            status.success(),
            "rsvg-convert failed on {}",
            svg_path.display()
        );
        if std::env::var_os("KEEP_SVG").is_none() {
            std::fs::remove_file(&svg_path)?;
        }
        println!("{}", png_path.display());
    }
    Ok(())
}
