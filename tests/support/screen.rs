//! Compares what a terminal shows (vt100's reading of the bytes) with the buffer ratatui
//! rendered: text and style, cell by cell.
#![allow(dead_code)]

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

/// vt100's colour as ratatui names it: the sixteen ANSI colours by name, others by index.
pub fn color(c: vt100::Color) -> Color {
    const NAMED: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match c {
        vt100::Color::Default => Color::Reset,
        vt100::Color::Idx(i) => NAMED
            .get(usize::from(i))
            .copied()
            .unwrap_or(Color::Indexed(i)),
        vt100::Color::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

/// The first cell where the screen differs from `want`, described; `None` when all agree.
pub fn difference(screen: &vt100::Screen, want: &Buffer) -> Option<String> {
    let area = want.area;
    for y in 0..area.height {
        for x in 0..area.width {
            let Some(got) = screen.cell(y, x) else {
                return Some(format!("({x}, {y}) is off the screen"));
            };
            if got.is_wide_continuation() {
                continue;
            }
            let cell = &want[(x, y)];
            let contents = got.contents();
            let shown = if contents.is_empty() {
                " "
            } else {
                contents.as_str()
            };
            let m = cell.modifier;
            // A blank shows only its background, reverse video and underline: the encoder may
            // draw it with any other attributes and foreground.
            let plain_blank = shown == " "
                && cell.symbol() == " "
                && !got.inverse()
                && !got.underline()
                && !m.intersects(Modifier::REVERSED | Modifier::UNDERLINED);
            let checks = [
                ("text", shown == cell.symbol()),
                (
                    "bold",
                    plain_blank || got.bold() == m.contains(Modifier::BOLD),
                ),
                ("reverse", got.inverse() == m.contains(Modifier::REVERSED)),
                (
                    "underline",
                    got.underline() == m.contains(Modifier::UNDERLINED),
                ),
                (
                    "italic",
                    plain_blank || got.italic() == m.contains(Modifier::ITALIC),
                ),
                ("foreground", plain_blank || color(got.fgcolor()) == cell.fg),
                ("background", color(got.bgcolor()) == cell.bg),
            ];
            if let Some((what, _)) = checks.iter().find(|(_, ok)| !ok) {
                return Some(format!(
                    "{what} differs at ({x}, {y}): shown {shown:?} {:?}/{:?}, wanted {:?} {:?}/{:?} {:?}",
                    got.fgcolor(),
                    got.bgcolor(),
                    cell.symbol(),
                    cell.fg,
                    cell.bg,
                    cell.modifier
                ));
            }
        }
    }
    None
}

/// The screen's text, then every run of styled cells, row by row: `row col-col style`. A style
/// taken out of the code (a quote's highlight, the search match, the selection) changes it.
pub fn styled(buffer: &Buffer) -> String {
    use std::fmt::Write;
    let mut out = argwalk::screen::view::buffer_text(buffer);
    out.push_str("-- styles --\n");
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let style = buffer[(x, y)].style();
            let start = x;
            while x < area.right() && buffer[(x, y)].style() == style {
                x += 1;
            }
            if style != ratatui::style::Style::default() {
                let mut desc = String::new();
                if let Some(fg) = style.fg.filter(|c| *c != ratatui::style::Color::Reset) {
                    let _ = write!(desc, " fg:{fg}");
                }
                if let Some(bg) = style.bg.filter(|c| *c != ratatui::style::Color::Reset) {
                    let _ = write!(desc, " bg:{bg}");
                }
                if !style.add_modifier.is_empty() {
                    let _ = write!(desc, " +{:?}", style.add_modifier);
                }
                if !desc.is_empty() {
                    let _ = writeln!(out, "{y:>3} {start:>3}-{:<3}{desc}", x - 1);
                }
            }
        }
    }
    out
}
