//! The encoder: a terminal fed Frugal's bytes shows exactly the frame ratatui rendered, text and
//! style, after plain changes, restyling, wide and combining characters and region scrolls;
//! and it spends few bytes doing so.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::ops::Range;

use argwalk::wire::Frugal;
use ratatui::Terminal;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

type Draw = Box<dyn Fn(&mut ratatui::Frame)>;
/// A frame to draw, and the band of rows that scrolled (and by how much) since the last one.
type Step = (Draw, Option<(Range<u16>, i32)>);

/// Draws each frame through Frugal, feeds its bytes to vt100 and requires vt100's screen to
/// equal the frame ratatui rendered. Returns the bytes each frame sent.
fn same_screens(w: u16, h: u16, frames: &[Step]) -> Vec<Vec<u8>> {
    let mut frugal = Terminal::new(Frugal::new(Vec::new(), Rect::new(0, 0, w, h))).unwrap();
    let mut vt = vt100::Parser::new(h, w, 0);
    let mut sent = Vec::new();
    for (i, (draw, hint)) in frames.iter().enumerate() {
        if let Some((rows, by)) = hint {
            frugal.backend_mut().scroll_hint(rows.clone(), *by);
        }
        let before = frugal.backend().writer().len();
        let want = frugal.draw(|f| draw(f)).unwrap().buffer.clone();
        let bytes = &frugal.backend().writer()[before..];
        vt.process(bytes);
        sent.push(bytes.to_vec());
        if let Some(diff) = support::screen::difference(vt.screen(), &want) {
            panic!("frame {i}: {diff}");
        }
    }
    sent
}

/// How many styles [`style`] knows.
const STYLES: usize = 12;

/// Style `i`: attributes alone and combined, named, indexed and RGB colours, and none.
fn style(i: usize) -> Style {
    [
        Style::new(),
        Style::new().bold().green(),
        Style::new().dim(),
        Style::new().bold().dim().on_blue(),
        Style::new().reversed(),
        Style::new().italic().underlined().light_red(),
        Style::new().fg(Color::Indexed(200)).bg(Color::Rgb(1, 2, 3)),
        Style::new().dark_gray().on_white(),
        Style::new().dim().green(),
        Style::new().on_blue().white(),
        Style::new().fg(Color::Indexed(208)),
        Style::new().bold().dim().on_dark_gray(),
    ][i]
}

fn text(t: &'static str) -> Draw {
    Box::new(move |f| f.render_widget(Paragraph::new(t), f.area()))
}

#[test]
fn frames_come_out_the_same() {
    let frames: Vec<_> = [
        "the quick brown fox",
        "the quack brown fix",
        "a different line\nand more",
        "",
    ]
    .into_iter()
    .map(|t| (text(t), None))
    .collect();
    same_screens(30, 3, &frames);
}

#[test]
fn styles_come_out_the_same() {
    let styled = |shift: usize| -> Draw {
        Box::new(move |f| {
            let spans: Vec<Span> = (0..16)
                .map(|i| Span::styled(format!("w{i} "), style((i + shift) % STYLES)))
                .collect();
            let wrap = Wrap { trim: false };
            f.render_widget(Paragraph::new(Line::from(spans)).wrap(wrap), f.area());
        })
    };
    let frames: Vec<_> = [0, 1, 5, 0, 3]
        .into_iter()
        .map(|s| (styled(s), None))
        .collect();
    same_screens(24, 4, &frames);
}

#[test]
fn wide_and_combining_characters_come_out_the_same() {
    // vt100 does not join ZWJ sequences, so the emoji here is a single code point; the pty
    // tests cover joined emoji on a real path.
    let frames = vec![
        (text("漢字 e\u{301}t\u{e9} 😀 ok\nplain row"), None),
        (text("漢x e\u{301}t\u{e9} 😀 on\nplain rows"), None),
        (text("漢字 e\u{301}t\u{e9} 😀 ok\nplain row"), None),
    ];
    same_screens(20, 2, &frames);
}

#[test]
fn scrolled_frames_come_out_the_same() {
    let lines: Vec<String> = (0..40).map(|i| format!("line {i} of the text")).collect();
    let draw = |top: i32| -> Draw {
        let lines = lines.clone();
        Box::new(move |f| {
            let area = f.area();
            f.render_widget(
                Paragraph::new("header".on_blue()),
                Rect::new(0, 0, area.width, 1),
            );
            let body: Vec<Line> = lines
                .iter()
                .skip(top as usize)
                .take(6)
                .map(|l| Line::from(l.clone()))
                .collect();
            f.render_widget(Paragraph::new(body), Rect::new(0, 1, area.width, 6));
            let status = Paragraph::new(format!("status {top}").reversed());
            f.render_widget(status, Rect::new(0, 7, area.width, 1));
        })
    };
    let mut top = 0;
    let mut frames = vec![(draw(0), None)];
    for by in [1, 1, 3, -2, 5, -1, -6, 2] {
        top += by;
        frames.push((draw(top), Some((1..7, by))));
    }
    let sent = same_screens(30, 8, &frames);
    // Scrolling one line sends one new line and the status, not the whole band.
    assert!(
        sent[1].len() < 60,
        "a one-line scroll took {} bytes",
        sent[1].len()
    );
}

#[test]
fn an_unchanged_frame_costs_nothing() {
    let a = || -> Draw {
        Box::new(|f| f.render_widget(Paragraph::new("same".bold().green()), f.area()))
    };
    let sent = same_screens(20, 1, &[(a(), None), (a(), None)]);
    assert!(sent[1].is_empty());
}

#[test]
fn blanks_restyled_invisibly_cost_nothing() {
    // Only the foreground and boldness of the spaces change: nothing the eye can see.
    let styled = |gap: Style| -> Draw {
        Box::new(move |f| {
            let line = Line::from(vec!["a".green(), Span::styled("   ", gap), "b".green()]);
            f.render_widget(Paragraph::new(line), f.area());
        })
    };
    let sent = same_screens(
        10,
        1,
        &[
            (styled(Style::new()), None),
            (styled(Style::new().bold().yellow()), None),
            // A background does show: those spaces must be sent.
            (styled(Style::new().on_blue()), None),
        ],
    );
    assert!(sent[1].is_empty());
    assert!(!sent[2].is_empty());
}

#[test]
fn spaces_between_styled_words_keep_the_pen() {
    let frames = vec![(
        Box::new(|f: &mut ratatui::Frame| {
            let line = Line::from(vec!["one".bold(), " ".into(), "two".bold()]);
            f.render_widget(Paragraph::new(line), f.area());
        }) as Draw,
        None,
    )];
    let sent = String::from_utf8_lossy(&same_screens(7, 1, &frames)[0]).into_owned();
    assert!(
        sent.contains("one two"),
        "the pen changed around the space: {sent:?}"
    );
}

#[test]
fn short_gaps_are_bridged_long_ones_jumped() {
    let frames = vec![
        (text("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), None),
        (text("baabaaaaaaaaaaaaaaaaaaaaaaaaab"), None),
    ];
    let sent = same_screens(40, 1, &frames);
    // Back to column 0, "b", "aa" sent again (cheaper than ESC[2C), "b", a jump to the end.
    assert_eq!(sent[1].len(), "\rbaab\x1b[25Cb".len());
}

#[test]
fn a_resize_starts_from_a_blank_screen() {
    let mut frugal = Terminal::new(Frugal::new(Vec::new(), Rect::new(0, 0, 10, 2))).unwrap();
    frugal
        .draw(|f| f.render_widget(Paragraph::new("0123456789"), f.area()))
        .unwrap();
    frugal.backend_mut().set_size(6, 3);
    frugal.resize(Rect::new(0, 0, 6, 3)).unwrap();
    frugal
        .draw(|f| f.render_widget(Paragraph::new("abc"), f.area()))
        .unwrap();
    let mut vt = vt100::Parser::new(3, 6, 0);
    vt.process(frugal.backend().writer());
    assert_eq!(vt.screen().contents(), "abc");
}

/// Past 65,535 cells (400x200 already) the encoder's cell arithmetic must not wrap: a resize
/// clears the screen from the cursor, and every cell of a big frame must arrive where it belongs.
#[test]
fn big_terminals_come_out_the_same() {
    for (w, h) in [(400, 200), (1000, 300), (65535, 2), (2, 1000)] {
        let mut frugal = Terminal::new(Frugal::new(Vec::new(), Rect::new(0, 0, 10, 2))).unwrap();
        frugal
            .draw(|f| f.render_widget(Paragraph::new("small"), f.area()))
            .unwrap();
        frugal.backend_mut().set_size(w, h);
        frugal.resize(Rect::new(0, 0, w, h)).unwrap();
        let start = frugal.backend().writer().len();
        let want = frugal
            .draw(|f| {
                let a = f.area();
                f.render_widget(Paragraph::new("top left".on_blue()), a);
                let corner =
                    Rect::new(a.width.saturating_sub(12), a.height - 1, 12.min(a.width), 1);
                f.render_widget(Paragraph::new("bottom right".bold()), corner);
            })
            .unwrap()
            .buffer
            .clone();
        let mut vt = vt100::Parser::new(h, w, 0);
        vt.process(&frugal.backend().writer()[start..]);
        if let Some(diff) = support::screen::difference(vt.screen(), &want) {
            panic!("{w}x{h}: {diff}");
        }
    }
}

mod random {
    use super::*;
    use proptest::prelude::*;

    /// A styled word: text from a mix of scripts and widths, and one of a few styles.
    fn word() -> impl Strategy<Value = (String, usize)> {
        (
            "[a-z ]{0,6}|[é漢😀]{0,2}|e\u{301}|[ ]{0,12}",
            0usize..STYLES,
        )
    }

    fn frame(rows: Vec<Vec<(String, usize)>>) -> Draw {
        Box::new(move |f| {
            let lines: Vec<Line> = rows
                .iter()
                .map(|row| {
                    Line::from(
                        row.iter()
                            .map(|(t, s)| Span::styled(t.clone(), style(*s)))
                            .collect::<Vec<_>>(),
                    )
                })
                .collect();
            f.render_widget(Paragraph::new(lines), f.area());
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Whatever the frames, and whatever scrolls are hinted between them, the terminal ends
        /// up showing exactly what ratatui rendered.
        #[test]
        fn any_frames_come_out_the_same(
            frames in prop::collection::vec(
                (
                    prop::collection::vec(prop::collection::vec(word(), 0..6), 6),
                    prop::option::of((0u16..3, 3u16..6, -2i32..3)),
                ),
                1..6,
            ),
        ) {
            let steps: Vec<Step> = frames
                .into_iter()
                .map(|(rows, hint)| {
                    let hint = hint.map(|(top, bottom, by)| (top..bottom, by));
                    (frame(rows), hint)
                })
                .collect();
            same_screens(24, 6, &steps);
        }

        /// The same at any size up to 1000x300: the six drawn rows land anywhere on the screen.
        #[test]
        fn any_size_comes_out_the_same(
            w in 1u16..=1000,
            h in 6u16..=300,
            frames in prop::collection::vec(prop::collection::vec(prop::collection::vec(word(), 0..6), 6), 1..3),
        ) {
            let steps: Vec<Step> = frames
                .into_iter()
                .map(|rows| -> Step {
                    let inner = frame(rows);
                    (Box::new(move |f: &mut ratatui::Frame| {
                        let a = f.area();
                        let y = a.height - 6;
                        let far = Rect::new(a.width / 2, y, a.width - a.width / 2, 6);
                        inner(f);
                        f.render_widget(Paragraph::new("x".repeat(usize::from(far.width))), far);
                    }), None)
                })
                .collect();
            same_screens(w, h, &steps);
        }
    }
}
