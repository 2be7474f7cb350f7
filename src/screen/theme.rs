//! How things look: colours or their NO_COLOR stand-ins, and Unicode or ASCII glyphs.
//!
//! Meaning never rides on colour alone: every kind has a letter badge, cited paragraphs a
//! gutter mark, quotes reverse video, outside paragraphs a bracketed number.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

use crate::map::model::Role;

/// The reader's look, chosen once at start-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
    /// For screen readers (`--screen-reader`): no box drawing, no tree guides, no gutter bars:
    /// only text and spaces, so what is read aloud is words.
    pub plain: bool,
}

/// The colours of the theme, by what they mean. The user's configuration can change each, or
/// choose the colour-blind palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub thesis: Color,
    pub premise: Color,
    pub evidence: Color,
    pub objection: Color,
    pub rebuttal: Color,
    /// The background of a quoted passage.
    pub quote: Color,
    /// The background of a search match, and of the current one.
    pub matched: Color,
    pub current: Color,
    /// The border of the pane with focus.
    pub focus: Color,
    /// The gutter mark of a cited paragraph.
    pub cited: Color,
    /// Dimmed text: paragraphs outside the argument, context rows.
    pub dim: Color,
}

impl Palette {
    pub const DEFAULT: Palette = Palette {
        thesis: Color::Magenta,
        premise: Color::Blue,
        evidence: Color::Green,
        objection: Color::Red,
        rebuttal: Color::Yellow,
        quote: Color::Yellow,
        matched: Color::Cyan,
        current: Color::LightMagenta,
        focus: Color::Cyan,
        cited: Color::Yellow,
        dim: Color::DarkGray,
    };

    /// Okabe and Ito's palette, told apart with red-green (deuteranopia, protanopia) and
    /// blue-yellow (tritanopia) colour blindness; the roles also have their letter badges.
    pub const COLORBLIND: Palette = Palette {
        thesis: Color::Rgb(0xCC, 0x79, 0xA7),
        premise: Color::Rgb(0x00, 0x72, 0xB2),
        evidence: Color::Rgb(0x00, 0x9E, 0x73),
        objection: Color::Rgb(0xD5, 0x5E, 0x00),
        rebuttal: Color::Rgb(0xE6, 0x9F, 0x00),
        quote: Color::Rgb(0xF0, 0xE4, 0x42),
        matched: Color::Rgb(0x56, 0xB4, 0xE9),
        current: Color::Rgb(0xE6, 0x9F, 0x00),
        focus: Color::Rgb(0x56, 0xB4, 0xE9),
        cited: Color::Rgb(0xF0, 0xE4, 0x42),
        dim: Color::Gray,
    };

    /// The names the configuration's `[colors]` uses.
    pub const NAMES: [&'static str; 11] = [
        "thesis",
        "premise",
        "evidence",
        "objection",
        "rebuttal",
        "quote",
        "match",
        "current_match",
        "focus",
        "cited",
        "dim",
    ];

    /// The colour named `name`, to set.
    pub fn slot(&mut self, name: &str) -> Option<&mut Color> {
        Some(match name {
            "thesis" => &mut self.thesis,
            "premise" => &mut self.premise,
            "evidence" => &mut self.evidence,
            "objection" => &mut self.objection,
            "rebuttal" => &mut self.rebuttal,
            "quote" => &mut self.quote,
            "match" => &mut self.matched,
            "current_match" => &mut self.current,
            "focus" => &mut self.focus,
            "cited" => &mut self.cited,
            "dim" => &mut self.dim,
            _ => return None,
        })
    }

    /// Each colour with its name, in the configuration's order.
    pub fn named(mut self) -> Vec<(&'static str, Color)> {
        Self::NAMES
            .iter()
            .filter_map(|n| self.slot(n).map(|c| (*n, *c)))
            .collect()
    }
}

static PALETTE: std::sync::OnceLock<Palette> = std::sync::OnceLock::new();

/// Puts the user's palette in force, once, before anything is drawn.
pub fn install_palette(palette: Palette) {
    let _ = PALETTE.set(palette);
}

fn palette() -> &'static Palette {
    PALETTE.get().unwrap_or(&Palette::DEFAULT)
}

impl Theme {
    /// Colour and Unicode: what a modern terminal gets, and what tests and tools draw with.
    pub const FULL: Theme = Theme {
        color: true,
        ascii: false,
        plain: false,
    };
}

/// Glyphs that have an ASCII fallback.
#[derive(Debug, Clone, Copy)]
pub struct Glyphs {
    pub open: &'static str,
    pub closed: &'static str,
    pub leaf: &'static str,
    pub branch: &'static str,
    pub last: &'static str,
    pub pipe: &'static str,
    pub cursor: &'static str,
    pub cited: &'static str,
    pub pilcrow: &'static str,
    pub ellipsis: &'static str,
    pub dash: &'static str,
    pub path_sep: &'static str,
    /// Between the fields of the details pane's first line.
    pub dot: &'static str,
    /// Between a node's label and its text.
    pub em_dash: &'static str,
    /// In the gutter, before the number of a paragraph that began above the pane.
    pub began_above: &'static str,
    /// In a tree row, after the id: a counterpoint the author concedes.
    pub conceded: &'static str,
    /// In a tree row, after the id: a premise the text leaves unstated.
    pub implicit: &'static str,
    /// In a tree row, before the ids a node also supports or attacks (its cross-links).
    pub also: &'static str,
    /// In a tree row, before the ids a premise supports its claim together with (linked).
    pub linked: &'static str,
    /// In a tree row, after the id: a counterpoint that undercuts (attacks the step).
    pub undercut: &'static str,
    /// In a tree row, after the id: an objection the author raises himself.
    pub raised: &'static str,
    /// The reader's marks in a tree row: understood, has a note, and the verdict
    /// (holds / doubtful / fails; drawn in words, with the word for the node's kind, by the
    /// plain theme).
    pub understood: &'static str,
    pub noted: &'static str,
    pub verdicts: [&'static str; 3],
}

const UNICODE: Glyphs = Glyphs {
    open: "▾",
    closed: "▸",
    leaf: " ",
    branch: "├─",
    last: "└─",
    pipe: "│ ",
    cursor: "›",
    cited: "▌",
    pilcrow: "¶",
    ellipsis: "…",
    dash: "–",
    path_sep: " › ",
    dot: " · ",
    em_dash: " — ",
    began_above: "↑",
    conceded: "⚐",
    implicit: "⋯",
    also: "⇢",
    linked: "+",
    undercut: "↛",
    raised: "↺",
    understood: "✓",
    noted: "✎",
    verdicts: ["=", "?", "✗"],
};

const ASCII: Glyphs = Glyphs {
    open: "-",
    closed: "+",
    leaf: " ",
    branch: "|-",
    last: "`-",
    pipe: "| ",
    cursor: ">",
    cited: "*",
    pilcrow: "#",
    ellipsis: "...",
    dash: "-",
    path_sep: " > ",
    dot: ", ",
    em_dash: " - ",
    began_above: "^",
    conceded: "(c)",
    implicit: "(i)",
    also: "->",
    linked: "&",
    undercut: "~>",
    raised: "(r)",
    understood: "+",
    noted: "n",
    verdicts: ["=", "?", "x"],
};

/// Words only, for screen readers: the tree indents with spaces, marks are words or letters.
const PLAIN: Glyphs = Glyphs {
    open: " ",
    closed: "+",
    leaf: " ",
    branch: "  ",
    last: "  ",
    pipe: "  ",
    cursor: ">",
    cited: " ",
    pilcrow: "paragraph ",
    ellipsis: "...",
    dash: " to ",
    path_sep: ", ",
    dot: ". ",
    em_dash: ": ",
    began_above: "^",
    conceded: "(conceded)",
    implicit: "(implicit)",
    also: "also ",
    linked: "with ",
    undercut: "(undercut)",
    raised: "(raised by the author)",
    understood: "(understood)",
    noted: "(note)",
    verdicts: ["(holds)", "(doubtful)", "(fails)"],
};

/// Borders drawn as spaces: the panes keep their places and titles, with no lines to read.
const BLANK_BORDER: border::Set = border::Set {
    top_left: " ",
    top_right: " ",
    bottom_left: " ",
    bottom_right: " ",
    vertical_left: " ",
    vertical_right: " ",
    horizontal_top: " ",
    horizontal_bottom: " ",
};

const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Theme {
    /// Colour unless NO_COLOR is set (to anything non-empty) or `no_color`; ASCII when asked,
    /// or when the locale is not UTF-8 and Unicode was not forced.
    pub fn detect(no_color: bool, ascii: bool, unicode: bool) -> Self {
        let env_no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self {
            color: !(no_color || env_no_color),
            ascii: ascii || (!unicode && !locale_is_utf8()),
            plain: false,
        }
    }

    pub fn glyphs(&self) -> &'static Glyphs {
        match (self.plain, self.ascii) {
            (true, _) => &PLAIN,
            (false, true) => &ASCII,
            (false, false) => &UNICODE,
        }
    }

    pub fn border(&self) -> border::Set<'static> {
        if self.plain {
            BLANK_BORDER
        } else if self.ascii {
            ASCII_BORDER
        } else {
            border::PLAIN
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// The one-letter badge of a role, and its style.
    pub fn badge(&self, role: Role) -> (&'static str, Style) {
        let p = palette();
        let (letter, color) = match role {
            Role::Thesis => ("T", p.thesis),
            Role::Premise => ("P", p.premise),
            Role::Evidence => ("E", p.evidence),
            Role::Objection => ("O", p.objection),
            Role::Rebuttal => ("R", p.rebuttal),
        };
        (letter, self.fg(color).add_modifier(Modifier::BOLD))
    }

    /// The selected tree row: reverse video works with and without colour.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// A paragraph the selected node cites.
    pub fn cited(&self) -> Style {
        if self.color {
            Style::new().fg(Color::White).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// The gutter mark of a cited paragraph.
    pub fn cited_mark(&self) -> Style {
        self.fg(palette().cited).add_modifier(Modifier::BOLD)
    }

    /// A quoted passage within a cited paragraph.
    pub fn quote(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(palette().quote)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// A search match.
    pub fn search_match(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(palette().matched)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    /// The match `>` and `<` are at: told apart from the others by weight and underline as
    /// well as colour, so that it stands out without colour, and inside a highlighted quote.
    pub fn search_current(&self) -> Style {
        let marked = Modifier::UNDERLINED | Modifier::BOLD;
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(palette().current)
                .add_modifier(marked)
        } else {
            Style::new().add_modifier(marked | Modifier::REVERSED)
        }
    }

    /// Paragraphs outside the argument, and context rows under the counterpoint filter.
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(palette().dim)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn border_style(&self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new()
                .fg(palette().focus)
                .add_modifier(Modifier::BOLD),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, _) => self.dim(),
        }
    }

    pub fn status(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// A dropped argument on the flow, a clock near its end: bold (and red where there is
    /// colour), always beside a word that says it.
    pub fn alarm(&self) -> Style {
        self.fg(palette().objection).add_modifier(Modifier::BOLD)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
}

/// True when LC_ALL, else LC_CTYPE, else LANG names a UTF-8 locale.
pub fn locale_is_utf8() -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("utf-8") || v.contains("utf8")
        })
}
