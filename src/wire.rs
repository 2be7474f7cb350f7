//! Turns ratatui's frame diffs into the fewest bytes a terminal needs: our own ANSI encoder.
//!
//! ratatui's diff names the cells that changed; how they reach the terminal is up to the
//! backend. crossterm's backend spells each colour and attribute as its own sequence
//! (`ESC[1m ESC[38;5;2;49m`), resets everything after each frame and hides the cursor again on
//! every draw. Over a slow SSH link every byte is felt, so this backend:
//!
//! - remembers the terminal's pen (colours and attributes) and changes only what differs, in one
//!   `ESC[…m` with the short codes (`32`, not `38;5;2`), or a reset when that is shorter;
//! - remembers where the cursor is and takes the shortest way to the next changed cell: a few
//!   unchanged cells sent again, `\r\n`, a relative move, or an absolute one;
//! - scrolls: told that a full-width band of rows moved by a few lines, it has the terminal
//!   scroll that band itself and then sends only the cells that still differ.
//!
//! It keeps a copy of the screen for that, and writes a frame with one `write` on flush.

use std::io::Write;
use std::ops::Range;

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier};

use unicode_width::UnicodeWidthStr;

/// Colours and attributes: what the next character is drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Pen {
    fn of(cell: &Cell) -> Self {
        Self {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        }
    }
}

/// SGR parameters for each attribute, in the order of their bits in [`Modifier`].
const ATTRIBUTES: [(Modifier, u8); 9] = [
    (Modifier::BOLD, 1),
    (Modifier::DIM, 2),
    (Modifier::ITALIC, 3),
    (Modifier::UNDERLINED, 4),
    (Modifier::SLOW_BLINK, 5),
    (Modifier::RAPID_BLINK, 6),
    (Modifier::REVERSED, 7),
    (Modifier::HIDDEN, 8),
    (Modifier::CROSSED_OUT, 9),
];

/// The parameter that turns an attribute off; bold and dim share one, as do the blinks.
fn attribute_off(m: Modifier) -> u8 {
    match m {
        Modifier::BOLD | Modifier::DIM => 22,
        Modifier::ITALIC => 23,
        Modifier::UNDERLINED => 24,
        Modifier::SLOW_BLINK | Modifier::RAPID_BLINK => 25,
        Modifier::REVERSED => 27,
        Modifier::HIDDEN => 28,
        _ => 29,
    }
}

/// The attributes that show on a blank. The others (bold, italic, blinking, the foreground
/// colour) change only how characters are drawn, and a space has none to draw.
const SHOWS_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::CROSSED_OUT);

/// True when `cell` is a blank that looks the same drawn with `pen` as with its own style: same
/// background, and neither has an attribute that shows on a blank. Drawing such cells with
/// whatever pen is current spares the pen changes around every space between styled words.
fn blank_under(cell: &Cell, pen: Pen) -> bool {
    cell.symbol() == " "
        && cell.bg == pen.bg
        && !(cell.modifier | pen.modifier).intersects(SHOWS_ON_BLANK)
}

/// True when `new` would look on the terminal exactly as `old` does: a change of style the eye
/// cannot see, which need not be sent.
fn looks_same(old: &Cell, new: &Cell) -> bool {
    blank_under(old, Pen::of(new)) && blank_under(new, Pen::of(new))
}

/// The ANSI palette index of a named colour.
fn palette_index(c: Color) -> Option<u8> {
    Some(match c {
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Indexed(i) => i,
        Color::Reset | Color::Rgb(..) => return None,
    })
}

/// Appends the SGR parameters that select `c`; `base` is 30 for the foreground, 40 for the
/// background and 50 for the underline, which has no short codes.
fn color_params(c: Color, base: u8, params: &mut String) {
    use std::fmt::Write as _;
    if !params.is_empty() {
        params.push(';');
    }
    let _ = match (c, palette_index(c)) {
        (Color::Reset, _) => write!(params, "{}", base + 9),
        (Color::Rgb(r, g, b), _) => write!(params, "{};2;{r};{g};{b}", base + 8),
        (_, Some(i)) if i < 8 && base < 50 => write!(params, "{}", base + i),
        (_, Some(i)) if i < 16 && base < 50 => write!(params, "{}", base + 60 + i - 8),
        (_, Some(i)) => write!(params, "{};5;{i}", base + 8),
        (_, None) => Ok(()),
    };
}

/// Appends one SGR parameter.
fn param(params: &mut String, p: u8) {
    use std::fmt::Write as _;
    if !params.is_empty() {
        params.push(';');
    }
    let _ = write!(params, "{p}");
}

/// Appends the colour parameters that take `from` to `to`.
fn color_changes(from: Pen, to: Pen, params: &mut String) {
    for (now, was, base) in [
        (to.fg, from.fg, 30),
        (to.bg, from.bg, 40),
        (to.underline, from.underline, 50),
    ] {
        if now != was {
            color_params(now, base, params);
        }
    }
}

/// The SGR parameters (`1;32`) that take the terminal from pen `from` to pen `to`; `None`
/// stands for an unknown pen. Empty when nothing changes.
fn sgr_params(from: Option<Pen>, to: Pen) -> String {
    // From a reset: every attribute and colour of `to`.
    let mut reset = String::from("0");
    for (m, p) in ATTRIBUTES {
        if to.modifier.contains(m) {
            param(&mut reset, p);
        }
    }
    color_changes(Pen::default(), to, &mut reset);
    let Some(from) = from else {
        return reset;
    };
    if from == to {
        return String::new();
    }
    // From `from`: turn off what goes, turn on what comes.
    let mut step = String::new();
    let removed = from.modifier - to.modifier;
    let mut to_add = to.modifier - from.modifier;
    let mut last_off = 0;
    for (m, _) in ATTRIBUTES {
        let off = attribute_off(m);
        if removed.contains(m) && off != last_off {
            param(&mut step, off);
            last_off = off;
            // An off code that turns off a pair also takes the one that stays: add it back.
            for (pair, code) in [
                (Modifier::BOLD | Modifier::DIM, 22),
                (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK, 25),
            ] {
                if off == code {
                    to_add |= to.modifier & pair;
                }
            }
        }
    }
    for (m, p) in ATTRIBUTES {
        if to_add.contains(m) {
            param(&mut step, p);
        }
    }
    color_changes(from, to, &mut step);
    if reset.len() < step.len() {
        reset
    } else {
        step
    }
}

/// The ways to move the cursor, each a few bytes long.
#[derive(Clone, Copy)]
enum Move {
    Home,
    Row(u16),
    To(u16, u16),
    Return,
    NextLine,
    Column(u16),
    Right(u16),
}

/// A ratatui backend writing ANSI escape sequences to `out`, sparing every byte it can.
pub struct Frugal<W: Write> {
    out: W,
    /// The bytes of the frame being drawn, written to `out` on flush.
    pending: Vec<u8>,
    /// What is on the terminal, which is also ratatui's last frame: the two differ only between
    /// a scroll and the draw that follows it, and that draw works on a scrolled copy.
    screen: Buffer,
    /// Bands of rows whose content moved up (positive) or down since the last frame.
    pending_scrolls: Vec<(Range<u16>, i32)>,
    /// Where the terminal's cursor is, when we know.
    cursor: Option<(u16, u16)>,
    /// The terminal's pen, when we know.
    pen: Option<Pen>,
    cursor_shown: Option<bool>,
    /// Send no byte above 0x7F: a last guard behind the ASCII theme and transliterated text.
    ascii: bool,
}

impl<W: Write> Frugal<W> {
    /// A backend for a terminal of the size of `area`, whose screen and pen are unknown.
    pub fn new(out: W, area: Rect) -> Self {
        Self {
            out,
            pending: Vec::with_capacity(1 << 14),
            screen: Buffer::empty(Rect::new(0, 0, area.width, area.height)),
            pending_scrolls: Vec::new(),
            cursor: None,
            pen: None,
            cursor_shown: None,
            ascii: false,
        }
    }

    /// In ASCII mode, a symbol that is not ASCII (a glyph that escaped the ASCII theme) is sent
    /// as one `?` per column it covers, so the terminal's cursor goes where ours thinks it is.
    pub fn ascii_only(mut self, ascii: bool) -> Self {
        self.ascii = ascii;
        self
    }

    /// The writer, for tests that read what was sent.
    pub fn writer(&self) -> &W {
        &self.out
    }

    /// Rings the terminal's bell with the next frame (BEL, plain ASCII; a terminal without a
    /// bell ignores it).
    pub fn bell(&mut self) {
        self.pending.push(0x07);
    }

    /// The terminal changed size: what it shows is no longer known.
    pub fn set_size(&mut self, width: u16, height: u16) {
        self.screen = Buffer::empty(Rect::new(0, 0, width, height));
        self.pending_scrolls.clear();
        self.cursor = None;
    }

    /// Says that, in the next frame, the content of `rows` (full-width rows) is the content of
    /// the last frame moved up by `by` lines (down if negative).
    pub fn scroll_hint(&mut self, rows: Range<u16>, by: i32) {
        let height = i32::from(rows.end.saturating_sub(rows.start));
        let overlaps = self
            .pending_scrolls
            .iter()
            .any(|(r, _)| r.start < rows.end && rows.start < r.end);
        if by != 0 && by.abs() < height && rows.end <= self.screen.area.height && !overlaps {
            self.pending_scrolls.push((rows, by));
        }
    }

    fn csi(&mut self, body: std::fmt::Arguments) {
        let _ = write!(self.pending, "\x1b[{body}");
    }

    fn set_pen(&mut self, to: Pen) {
        if self.pen == Some(to) {
            return;
        }
        let params = sgr_params(self.pen, to);
        if params.is_empty() {
            return;
        }
        if params == "0" {
            self.pending.extend_from_slice(b"\x1b[m");
        } else {
            self.csi(format_args!("{params}m"));
        }
        self.pen = Some(to);
    }

    /// The pen erasing and scrolling fill with: the default background.
    fn plain_pen(&mut self) {
        if self.pen.is_none_or(|p| p.bg != Color::Reset) {
            self.set_pen(Pen::default());
        }
    }

    /// Moves the cursor to (x, y) the cheapest way, sending again the unchanged cells between
    /// when that costs less than a move.
    fn move_to(&mut self, x: u16, y: u16) {
        if self.cursor == Some((x, y)) {
            return;
        }
        let digits = |n: u16| match n + 1 {
            0..10 => 1,
            10..100 => 2,
            100..1000 => 3,
            1000..10000 => 4,
            _ => 5,
        };
        let mut best = match (x, y) {
            (0, 0) => (Move::Home, 3),
            (0, y) => (Move::Row(y), 3 + digits(y)),
            (x, y) => (Move::To(x, y), 4 + digits(y) + digits(x)),
        };
        if let Some((cx, cy)) = self.cursor {
            let mut consider = |m: Move, len: usize| {
                if len < best.1 {
                    best = (m, len);
                }
            };
            if cy == y {
                if x == 0 {
                    consider(Move::Return, 1);
                }
                consider(Move::Column(x), 3 + digits(x));
                if x > cx {
                    let n = x - cx;
                    consider(Move::Right(n), if n == 1 { 3 } else { 3 + digits(n - 1) });
                }
            } else if y == cy + 1 && x == 0 {
                consider(Move::NextLine, 2);
            }
            if cy == y && x > cx && self.bridge(cx, x, y, best.1) {
                for bx in cx..x {
                    let symbol = self.screen[(bx, y)].symbol();
                    self.pending.extend_from_slice(symbol.as_bytes());
                }
                self.cursor = Some((x, y));
                return;
            }
        }
        let _ = match best.0 {
            Move::Home => write!(self.pending, "\x1b[H"),
            Move::Row(y) => write!(self.pending, "\x1b[{}H", y + 1),
            Move::To(x, y) => write!(self.pending, "\x1b[{};{}H", y + 1, x + 1),
            Move::Return => write!(self.pending, "\r"),
            // With output processing on, \n alone could also return; \r\n is right either way.
            Move::NextLine => write!(self.pending, "\r\n"),
            Move::Column(x) => write!(self.pending, "\x1b[{}G", x + 1),
            Move::Right(1) => write!(self.pending, "\x1b[C"),
            Move::Right(n) => write!(self.pending, "\x1b[{n}C"),
        };
        self.cursor = Some((x, y));
    }

    /// True when the unchanged cells from `from` up to `to` on row `y` need no pen change, are
    /// plain single-column characters and cost less than `limit` bytes to send again.
    fn bridge(&self, from: u16, to: u16, y: u16, limit: usize) -> bool {
        let Some(pen) = self.pen else {
            return false;
        };
        let mut bytes = 0;
        for x in from..to {
            let cell = &self.screen[(x, y)];
            let symbol = cell.symbol();
            bytes += symbol.len();
            let same_pen = Pen::of(cell) == pen || blank_under(cell, pen);
            let sendable = !self.ascii || symbol.is_ascii();
            if bytes >= limit || !same_pen || !Self::steady(symbol) || !sendable {
                return false;
            }
        }
        true
    }

    /// A symbol every terminal advances over by exactly one column: one character of width
    /// one. Emoji and combining sequences are drawn with widths terminals disagree on.
    fn steady(symbol: &str) -> bool {
        let mut chars = symbol.chars();
        matches!((chars.next(), chars.next()), (Some(_), None)) && columns_of(symbol) == 1
    }

    /// Sends the cell at (x, y) of the screen copy.
    fn put(&mut self, x: u16, y: u16) {
        self.move_to(x, y);
        let cell = &self.screen[(x, y)];
        if !self.pen.is_some_and(|pen| blank_under(cell, pen)) {
            self.set_pen(Pen::of(cell));
        }
        let symbol = match self.screen[(x, y)].symbol() {
            "" => " ",
            s => s,
        };
        if self.ascii && !symbol.is_ascii() {
            let columns = columns_of(symbol).max(1);
            self.pending.extend(std::iter::repeat_n(b'?', columns));
            self.cursor = Some((x.saturating_add(columns as u16), y))
                .filter(|(nx, _)| *nx < self.screen.area.width);
            return;
        }
        self.pending.extend_from_slice(symbol.as_bytes());
        let mut chars = symbol.chars();
        // Past the last column the terminal waits to wrap; a sequence of several characters
        // (emoji with joiners or selectors) leaves the cursor where terminals disagree. Either
        // way, the next move is absolute.
        self.cursor = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                let advance = if c.is_ascii() {
                    1
                } else {
                    columns_of(symbol).max(1) as u16
                };
                Some((x.saturating_add(advance), y)).filter(|(nx, _)| *nx < self.screen.area.width)
            }
            _ => None,
        };
    }

    /// When the changed cells at the start of `changed` are blanks in a run long enough, erases
    /// them (to the end of the line, or a count of them) instead of sending spaces, and says how
    /// many changed cells that took care of.
    fn erase(&mut self, changed: &[(u16, u16)]) -> Option<usize> {
        let &(x, y) = changed.first()?;
        let width = self.screen.area.width;
        let blank = |cell: &Cell| blank_under(cell, Pen::default());
        let end = (x..width)
            .find(|&bx| !blank(&self.screen[(bx, y)]))
            .unwrap_or(width);
        if end == x {
            return None;
        }
        let covered = changed
            .iter()
            .take_while(|(cx, cy)| *cy == y && *cx < end)
            .count();
        let last = changed[covered - 1].0 + 1;
        let count = last - x;
        // Erasing leaves the cursor where it was, so the next cell may need a move: allow for it.
        let code = if end == width {
            "K".to_string()
        } else {
            format!("{count}X")
        };
        if usize::from(count) < code.len() + 2 + 4 {
            return None;
        }
        self.move_to(x, y);
        // Erased cells take the pen's background: it must be the default.
        self.set_pen(Pen::default());
        self.csi(format_args!("{code}"));
        Some(covered)
    }

    /// Has the terminal scroll the band. Setting margins homes the cursor on most terminals,
    /// but not all: the next move is absolute.
    fn emit_scroll(&mut self, rows: Range<u16>, by: i32) {
        self.plain_pen();
        let amount = by.unsigned_abs();
        let verb = if by > 0 { 'S' } else { 'T' };
        self.csi(format_args!("{};{}r", rows.start + 1, rows.end));
        match amount {
            1 => self.csi(format_args!("{verb}")),
            n => self.csi(format_args!("{n}{verb}")),
        }
        self.pending.extend_from_slice(b"\x1b[r");
        self.cursor = None;
    }
}

/// The cells that writing `cell` at (x, y) leaves orphaned: where it covers part of a wide
/// character of `old`, the terminal blanks the rest of that character with whatever pen is
/// current, while ratatui, which keeps a plain space behind every wide character, sees no
/// change there. Those cells must be sent again.
fn orphans(old: &Buffer, x: u16, y: u16, cell: &Cell) -> Vec<(u16, u16)> {
    let width = old.area.width;
    let end = x.saturating_add(columns_of(cell.symbol()).max(1) as u16);
    let mut out = Vec::new();
    for p in x..end.min(width) {
        let covers = columns_of(old[(p, y)].symbol()) as u16;
        out.extend(
            (end.max(p + 1)..p.saturating_add(covers))
                .filter(|q| *q < width)
                .map(|q| (q, y)),
        );
    }
    out
}

/// Moves the rows of `screen` in `rows` up by `by` lines (down if negative), as a terminal
/// scrolls a region: lines that come in are blank.
fn scroll_copy(screen: &mut Buffer, rows: Range<u16>, by: i32) {
    let amount = by.unsigned_abs() as u16;
    let width = screen.area.width;
    let blank = Cell::default();
    let order: Vec<u16> = if by > 0 {
        rows.clone().collect()
    } else {
        rows.clone().rev().collect()
    };
    for y in order {
        let from = if by > 0 {
            y.checked_add(amount).filter(|f| *f < rows.end)
        } else {
            y.checked_sub(amount).filter(|f| *f >= rows.start)
        };
        for x in 0..width {
            screen[(x, y)] = match from {
                Some(f) => screen[(x, f)].clone(),
                None => blank.clone(),
            };
        }
    }
}

impl<W: Write> Backend for Frugal<W> {
    type Error = std::io::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let area = self.screen.area;
        let scrolled = if self.pending_scrolls.is_empty() {
            None
        } else {
            let mut scrolled = self.screen.clone();
            for (rows, by) in std::mem::take(&mut self.pending_scrolls) {
                self.emit_scroll(rows.clone(), by);
                scroll_copy(&mut scrolled, rows, by);
            }
            Some(scrolled)
        };
        // From here on `screen` holds the new frame. A cell the diff leaves alone is the same on
        // the terminal, so bridging may send it again.
        let mut changed = Vec::new();
        let mut halves = Vec::new();
        for (x, y, cell) in content {
            if x < area.width && y < area.height {
                halves.extend(orphans(&self.screen, x, y, cell));
                if !looks_same(&self.screen[(x, y)], cell) {
                    changed.push((x, y));
                }
                self.screen[(x, y)] = cell.clone();
                // A wide character covers the cells after it; ratatui holds blanks there and
                // leaves them out of the diff, so the copy must blank them itself.
                let covered = columns_of(cell.symbol()) as u16;
                for cx in (x + 1..x.saturating_add(covered)).filter(|cx| *cx < area.width) {
                    self.screen[(cx, y)] = Cell::default();
                }
            }
        }
        if let Some(scrolled) = scrolled {
            // After a scroll the terminal holds neither the old frame nor the new one: send
            // what differs between the scrolled screen and the new frame, nothing more.
            halves.clear();
            changed = scrolled
                .diff(&self.screen)
                .into_iter()
                .filter(|&(x, y, cell)| !looks_same(&scrolled[(x, y)], cell))
                .map(|(x, y, cell)| {
                    halves.extend(orphans(&scrolled, x, y, cell));
                    (x, y)
                })
                .collect();
        }
        if !halves.is_empty() {
            changed.extend(halves);
            changed.sort_unstable_by_key(|&(x, y)| (y, x));
            changed.dedup();
        }
        let mut i = 0;
        while i < changed.len() {
            i += self.erase(&changed[i..]).unwrap_or_else(|| {
                let (x, y) = changed[i];
                self.put(x, y);
                1
            });
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        if self.cursor_shown != Some(false) {
            self.pending.extend_from_slice(b"\x1b[?25l");
            self.cursor_shown = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        if self.cursor_shown != Some(true) {
            self.pending.extend_from_slice(b"\x1b[?25h");
            self.cursor_shown = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        let (x, y) = self.cursor.unwrap_or_default();
        Ok(Position::new(x, y))
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        let p = position.into();
        self.move_to(p.x, p.y);
        Ok(())
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.plain_pen();
        let area = self.screen.area;
        let blank = Cell::default();
        // Cells are counted in u32: a terminal of 400x200 already has more than u16 can hold.
        let (width, height) = (u32::from(area.width), u32::from(area.height));
        let at = self.cursor.map(|(x, y)| {
            (
                u32::from(x),
                u32::from(y),
                width * u32::from(y) + u32::from(x),
            )
        });
        // Which cells go blank, as indexes into the screen copy.
        let (code, cells): (&str, Range<u32>) = match (clear_type, at) {
            (ClearType::AfterCursor, Some((_, _, i))) => ("J", i..width * height),
            (ClearType::BeforeCursor, Some((_, _, i))) => ("1J", 0..i + 1),
            (ClearType::CurrentLine, Some((_, y, _))) => ("2K", width * y..width * (y + 1)),
            (ClearType::UntilNewLine, Some((_, y, i))) => ("K", i..width * (y + 1)),
            // A partial clear from an unknown place is done as a whole one.
            _ => ("2J", 0..width * height),
        };
        self.csi(format_args!("{code}"));
        for i in cells {
            let (x, y) = (i % width.max(1), i / width.max(1));
            if let (Ok(x), Ok(y)) = (u16::try_from(x), u16::try_from(y))
                && y < area.height
            {
                self.screen[(x, y)] = blank.clone();
            }
        }
        self.pending_scrolls.clear();
        Ok(())
    }

    fn size(&self) -> Result<Size, Self::Error> {
        Ok(self.screen.area.as_size())
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        Ok(WindowSize {
            columns_rows: self.screen.area.as_size(),
            pixels: Size::default(),
        })
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        if !self.pending.is_empty() {
            let result = self.out.write_all(&self.pending);
            self.pending.clear();
            result?;
        }
        self.out.flush()
    }

    fn scroll_region_up(&mut self, region: Range<u16>, amount: u16) -> Result<(), Self::Error> {
        self.emit_scroll(region.clone(), i32::from(amount));
        scroll_copy(&mut self.screen, region, i32::from(amount));
        Ok(())
    }

    fn scroll_region_down(&mut self, region: Range<u16>, amount: u16) -> Result<(), Self::Error> {
        self.emit_scroll(region.clone(), -i32::from(amount));
        scroll_copy(&mut self.screen, region, -i32::from(amount));
        Ok(())
    }
}

/// The columns a cell's symbol covers. A cell holds one grapheme cluster, so its width is the
/// cluster's, as ratatui measured it when it filled the cell.
fn columns_of(symbol: &str) -> usize {
    UnicodeWidthStr::width(symbol)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_is_not_repeated() {
        let mut b = Frugal::new(Vec::new(), Rect::new(0, 0, 20, 1));
        b.set_pen(Pen::default());
        b.set_pen(Pen {
            fg: Color::Green,
            modifier: Modifier::BOLD,
            ..Pen::default()
        });
        b.set_pen(Pen {
            fg: Color::Green,
            modifier: Modifier::BOLD,
            ..Pen::default()
        });
        b.flush().unwrap();
        assert_eq!(b.writer(), b"\x1b[m\x1b[1;32m");
    }

    #[test]
    fn sgr_transitions_are_minimal() {
        let bold = Pen {
            modifier: Modifier::BOLD,
            ..Pen::default()
        };
        let bold_dim = Pen {
            modifier: Modifier::BOLD | Modifier::DIM,
            ..Pen::default()
        };
        // "0;1" is shorter than "22;1": a reset wins when it costs less.
        assert_eq!(sgr_params(Some(bold_dim), bold), "0;1");
        let dim_red = Pen {
            fg: Color::Red,
            modifier: Modifier::BOLD | Modifier::DIM,
            ..Pen::default()
        };
        let bold_red = Pen {
            fg: Color::Red,
            modifier: Modifier::BOLD,
            ..Pen::default()
        };
        assert_eq!(sgr_params(Some(dim_red), bold_red), "22;1");
        assert_eq!(sgr_params(Some(Pen::default()), bold), "1");
        assert_eq!(sgr_params(Some(bold), Pen::default()), "0");
        let red = Pen {
            fg: Color::Red,
            ..Pen::default()
        };
        assert_eq!(sgr_params(Some(Pen::default()), red), "31");
        assert_eq!(sgr_params(None, red), "0;31");
        let grey_bg = Pen {
            bg: Color::DarkGray,
            ..Pen::default()
        };
        assert_eq!(sgr_params(Some(red), grey_bg), "0;100");
    }
}
