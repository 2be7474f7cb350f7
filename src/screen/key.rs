//! Keys in argwalk's own terms. The terminal front end converts crossterm's events into these at
//! its edge ([`crate::screen::terminal`]); the key table, the app and the tests know nothing else.

use std::ops::BitOr;

/// A key, without its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    /// Shift-Tab, as terminals report it.
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    /// A function key, F1 to F24.
    F(u8),
}

/// Modifier keys held with a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Mods(u8);

impl Mods {
    pub const NONE: Mods = Mods(0);
    pub const SHIFT: Mods = Mods(1);
    pub const CONTROL: Mods = Mods(2);
    pub const ALT: Mods = Mods(4);

    pub const fn contains(self, other: Mods) -> bool {
        self.0 & other.0 == other.0
    }

    pub const fn intersects(self, other: Mods) -> bool {
        self.0 & other.0 != 0
    }

    pub const fn without(self, other: Mods) -> Mods {
        Mods(self.0 & !other.0)
    }
}

impl BitOr for Mods {
    type Output = Mods;
    fn bitor(self, rhs: Mods) -> Mods {
        Mods(self.0 | rhs.0)
    }
}

/// A key with its modifiers: what one press sends, and what a binding names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: Mods,
}

impl Key {
    pub const fn new(code: KeyCode, mods: Mods) -> Self {
        Self { code, mods }
    }

    /// A key pressed alone.
    pub const fn plain(code: KeyCode) -> Self {
        Self::new(code, Mods::NONE)
    }

    /// A character typed alone.
    pub const fn char(c: char) -> Self {
        Self::plain(KeyCode::Char(c))
    }

    /// A character with Control.
    pub const fn ctrl(c: char) -> Self {
        Self::new(KeyCode::Char(c), Mods::CONTROL)
    }

    /// Whether a press of `pressed` is this key. Terminals report Shift inconsistently for
    /// symbols and capitals ('G', '?', '>'): for character keys only Control and Alt count.
    pub fn matches(&self, pressed: &Key) -> bool {
        if self.code != pressed.code {
            return false;
        }
        let mods = match pressed.code {
            KeyCode::Char(_) => pressed.mods.without(Mods::SHIFT),
            _ => pressed.mods,
        };
        mods == self.mods
    }

    /// How help, the status bar and messages write the key: `j`, `Ctrl-D`, `PgDn`, `Space`.
    pub fn name(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "Up".into(),
            KeyCode::Down => "Down".into(),
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Delete".into(),
            KeyCode::F(n) => format!("F{n}"),
        };
        let mut name = String::new();
        if self.mods.contains(Mods::CONTROL) {
            name.push_str("Ctrl-");
        }
        if self.mods.contains(Mods::ALT) {
            name.push_str("Alt-");
        }
        if self.mods.contains(Mods::SHIFT) && !matches!(self.code, KeyCode::Char(_)) {
            name.push_str("Shift-");
        }
        if self.mods.contains(Mods::CONTROL) {
            name.push_str(&base.to_uppercase());
        } else {
            name.push_str(&base);
        }
        name
    }
}

impl Key {
    /// The key a configuration names, as [`Key::name`] writes it: `n`, `?`, `Ctrl-D`, `Alt-x`,
    /// `Shift-Up`, `Enter`, `PgDn`, `F5`, `Space`. `None` for anything else.
    pub fn parse(text: &str) -> Option<Key> {
        let mut mods = Mods::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.starts_with("ctrl-") && rest.len() > 5 {
                mods = mods | Mods::CONTROL;
                rest = &rest[5..];
            } else if lower.starts_with("alt-") && rest.len() > 4 {
                mods = mods | Mods::ALT;
                rest = &rest[4..];
            } else if lower.starts_with("shift-") && rest.len() > 6 && lower != "shift-tab" {
                mods = mods | Mods::SHIFT;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => {
                // Ctrl-D is written in capitals and means the lower-case letter.
                let c = if mods.contains(Mods::CONTROL) {
                    c.to_ascii_lowercase()
                } else {
                    c
                };
                KeyCode::Char(c)
            }
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "shift-tab" | "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                f if f.starts_with('f') => {
                    KeyCode::F(f[1..].parse().ok().filter(|n| (1..=24).contains(n))?)
                }
                _ => return None,
            },
        };
        Some(Key::new(code, mods))
    }
}

impl Key {
    /// The key as the text area's input (the note editor's, a flow cell's).
    pub fn as_text_input(self) -> Option<ratatui_textarea::Input> {
        let key = self;
        use ratatui_textarea::Key as T;
        let k = match key.code {
            KeyCode::Char(c) => T::Char(c),
            KeyCode::Enter => T::Enter,
            KeyCode::Backspace => T::Backspace,
            KeyCode::Delete => T::Delete,
            KeyCode::Tab => T::Tab,
            KeyCode::Left => T::Left,
            KeyCode::Right => T::Right,
            KeyCode::Up => T::Up,
            KeyCode::Down => T::Down,
            KeyCode::Home => T::Home,
            KeyCode::End => T::End,
            KeyCode::PageUp => T::PageUp,
            KeyCode::PageDown => T::PageDown,
            KeyCode::F(n) => T::F(n),
            KeyCode::Esc | KeyCode::BackTab => return None,
        };
        Some(ratatui_textarea::Input {
            key: k,
            ctrl: key.mods.contains(Mods::CONTROL),
            alt: key.mods.contains(Mods::ALT),
            shift: key.mods.contains(Mods::SHIFT),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_counts_only_off_characters() {
        let g = Key::char('G');
        assert!(g.matches(&Key::new(KeyCode::Char('G'), Mods::SHIFT)));
        assert!(!Key::plain(KeyCode::Up).matches(&Key::new(KeyCode::Up, Mods::SHIFT)));
        assert!(!Key::char('d').matches(&Key::ctrl('d')));
    }

    #[test]
    fn every_name_parses_back() {
        for k in crate::screen::keymap::BINDINGS.iter().flat_map(|b| b.keys) {
            assert_eq!(Key::parse(&k.name()), Some(*k), "{}", k.name());
        }
        assert_eq!(
            Key::parse("Alt-x"),
            Some(Key::new(KeyCode::Char('x'), Mods::ALT))
        );
        assert_eq!(Key::parse("nonsense"), None);
    }

    #[test]
    fn names() {
        assert_eq!(Key::ctrl('d').name(), "Ctrl-D");
        assert_eq!(Key::plain(KeyCode::PageDown).name(), "PgDn");
        assert_eq!(Key::char(' ').name(), "Space");
        assert_eq!(Key::new(KeyCode::Up, Mods::SHIFT).name(), "Shift-Up");
    }
}
