//! The user's configuration: keys rebound by action name, the colours (and a palette that
//! stays readable for the common kinds of colour blindness), and defaults for the display
//! flags. One TOML file in the user's config folder (`--config FILE` names another), checked
//! like a map: every mistake at its line and column, and a non-zero exit.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::map::diagnostic::{Diagnostic, Report, SourceFile};
use crate::screen::key::Key;
use crate::screen::keymap::{self, Binding, Scope};
use crate::screen::theme::Palette;

/// `[keys.SCOPE]` tables: action name to a list of keys, each with where it was written.
type KeyTables =
    BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<Vec<Spanned<String>>>>>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    display: DisplayFile,
    #[serde(default)]
    colors: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    keys: KeyTables,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DisplayFile {
    ascii: Option<bool>,
    no_color: Option<bool>,
    screen_reader: Option<bool>,
    palette: Option<Spanned<String>>,
}

/// What a configuration file sets.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub ascii: bool,
    pub no_color: bool,
    pub screen_reader: bool,
    /// The key table, when the file rebinds keys.
    pub bindings: Option<Vec<Binding>>,
    pub palette: Option<Palette>,
}

/// The configuration file argwalk reads when none is named: `$XDG_CONFIG_HOME/argwalk/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy()
        .ok()
        .map(|b| b.config_dir().join("argwalk").join("config.toml"))
}

/// The name a scope has in the file: `[keys.tree]` (from the scope table).
pub fn scope_name(scope: Scope) -> &'static str {
    scope.config_name()
}

/// Reads and checks the file at `path`. `Ok(None)` when there is no such file; `Err` with every
/// problem of a file that is there.
pub fn load(path: &Path) -> Result<Option<Config>, Report> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            let file = SourceFile::new(path.display().to_string(), "");
            let d = file
                .whole_file(format!("cannot read the configuration: {e}"))
                .done();
            return Err(Report {
                file,
                diagnostics: vec![d],
            });
        }
    };
    parse(&path.display().to_string(), &text).map(Some)
}

/// Checks a configuration's text.
pub fn parse(name: &str, text: &str) -> Result<Config, Report> {
    let file = SourceFile::new(name, text);
    let raw: File = match toml::from_str(text) {
        Ok(f) => f,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let d = file
                .error(span, format!("this configuration is not right: {}", e.message().trim()))
                .label("here")
                .help("`argwalk config --default` prints a configuration with every key, to start from")
                .done();
            return Err(Report {
                file,
                diagnostics: vec![d],
            });
        }
    };
    let mut diags = Vec::new();
    let mut config = Config {
        ascii: raw.display.ascii.unwrap_or(false),
        no_color: raw.display.no_color.unwrap_or(false),
        screen_reader: raw.display.screen_reader.unwrap_or(false),
        ..Config::default()
    };
    let mut palette = Palette::DEFAULT;
    if let Some(p) = &raw.display.palette {
        match p.get_ref().as_str() {
            "default" => {}
            "colorblind" => palette = Palette::COLORBLIND,
            other => diags.push(
                file.error(p.span(), format!("there is no palette `{other}`"))
                    .label("unknown palette")
                    .help("write palette = \"default\" or palette = \"colorblind\" (readable with red-green and blue-yellow colour blindness)")
                    .done(),
            ),
        }
    }
    for (name, value) in &raw.colors {
        let color = value.get_ref().parse::<ratatui::style::Color>();
        match (palette.slot(name.get_ref()), color) {
            (None, _) => diags.push(
                file.error(
                    name.span(),
                    format!("there is no colour `{}` to set", name.get_ref()),
                )
                .label("unknown colour")
                .help(format!("the colours are: {}", Palette::NAMES.join(", ")))
                .done(),
            ),
            (Some(_), Err(_)) => diags.push(
                file.error(
                    value.span(),
                    format!("`{}` is not a colour", value.get_ref()),
                )
                .label("not a colour")
                .help("write a name (red, light_blue, dark_gray…), a number 0–255, or #rrggbb")
                .done(),
            ),
            (Some(slot), Ok(c)) => *slot = c,
        }
    }
    if raw.display.palette.is_some() || !raw.colors.is_empty() {
        config.palette = Some(palette);
    }
    if !raw.keys.is_empty() {
        config.bindings = Some(rebind(&file, &raw.keys, &mut diags));
    }
    if diags.is_empty() {
        Ok(config)
    } else {
        diags.sort_by_key(|d| (d.line, d.column));
        Err(Report {
            file,
            diagnostics: diags,
        })
    }
}

/// The key table with the file's keys in place of the defaults of the actions it names; a key
/// bound twice in one scope is an error naming both actions.
fn rebind(file: &SourceFile, tables: &KeyTables, diags: &mut Vec<Diagnostic>) -> Vec<Binding> {
    let mut table: Vec<Binding> = keymap::BINDINGS.to_vec();
    // Where each rebound binding's keys were written, for the clash message.
    let mut written: BTreeMap<usize, std::ops::Range<usize>> = BTreeMap::new();
    for (scope_key, actions) in tables {
        let Some(&scope) = Scope::ALL
            .iter()
            .find(|s| scope_name(**s) == scope_key.get_ref())
        else {
            let names: Vec<&str> = Scope::ALL.iter().map(|s| scope_name(*s)).collect();
            diags.push(
                file.error(
                    scope_key.span(),
                    format!("there is no `[keys.{}]`", scope_key.get_ref()),
                )
                .label("unknown place")
                .help(format!("keys are set per place: {}", names.join(", ")))
                .done(),
            );
            continue;
        };
        for (action_key, keys) in actions {
            let found: Vec<usize> = table
                .iter()
                .enumerate()
                .filter(|(_, b)| {
                    b.scope == scope
                        && keymap::action_name(b.action) == Some(action_key.get_ref().as_str())
                })
                .map(|(i, _)| i)
                .collect();
            if found.is_empty() {
                let names: Vec<&str> = table
                    .iter()
                    .filter(|b| b.scope == scope)
                    .filter_map(|b| keymap::action_name(b.action))
                    .collect();
                diags.push(
                    file.error(
                        action_key.span(),
                        format!(
                            "`{}` is not an action of [keys.{}]",
                            action_key.get_ref(),
                            scope_name(scope)
                        ),
                    )
                    .label("unknown action")
                    .help(
                        match crate::map::format::suggest(
                            action_key.get_ref(),
                            names.iter().copied(),
                        ) {
                            Some(s) => format!("did you mean `{s}`?"),
                            None => format!("the actions here are: {}", names.join(", ")),
                        },
                    )
                    .done(),
                );
                continue;
            }
            let mut parsed = Vec::new();
            for k in keys.get_ref() {
                match Key::parse(k.get_ref()) {
                    Some(key) => parsed.push(key),
                    None => diags.push(
                        file.error(k.span(), format!("`{}` is not a key argwalk knows", k.get_ref()))
                            .label("unknown key")
                            .help("write a character (\"n\", \"?\"), Ctrl-X, Alt-X, or a key name: Enter, Esc, Tab, Shift-Tab, Space, Backspace, Delete, Up, Down, Left, Right, Home, End, PgUp, PgDn, F1…F12")
                            .done(),
                    ),
                }
            }
            if parsed.is_empty() {
                continue;
            }
            let keys_static: &'static [Key] = Box::leak(parsed.into_boxed_slice());
            for i in found {
                table[i].keys = keys_static;
                written.insert(i, keys.span());
            }
        }
    }
    // Clashes: one key, two actions, one scope.
    for i in 0..table.len() {
        for j in i + 1..table.len() {
            let (a, b) = (&table[i], &table[j]);
            if a.scope != b.scope || a.action == b.action {
                continue;
            }
            if let Some(k) = a.keys.iter().find(|k| b.keys.contains(k)) {
                let at = written
                    .get(&j)
                    .or_else(|| written.get(&i))
                    .cloned()
                    .unwrap_or(0..0);
                let name = |x: &Binding| keymap::action_name(x.action).unwrap_or("?");
                diags.push(
                    file.error(
                        at,
                        format!(
                            "`{}` would do two things in [keys.{}]: `{}` and `{}`",
                            k.name(),
                            scope_name(a.scope),
                            name(a),
                            name(b)
                        ),
                    )
                    .label("clashes")
                    .help(format!("give `{}` or `{}` another key", name(a), name(b)))
                    .done(),
                );
            }
        }
    }
    table
}

/// A configuration with every setting at its default, commented: what `argwalk config --default`
/// prints, built from the key table so it always lists every action.
pub fn default_text() -> String {
    let mut out = String::from(
        "# argwalk configuration. Put it in ~/.config/argwalk/config.toml (or name it with\n\
         # --config FILE). Every line below is the default: change what you want, delete the rest.\n\n\
         [display]\n\
         ascii = false          # draw and write with ASCII only (also: --ascii)\n\
         no_color = false       # no colour: reverse video, bold, underline (also: --no-color, NO_COLOR)\n\
         screen_reader = false  # show the cursor on what has focus (also: --screen-reader)\n\
         palette = \"default\"    # or \"colorblind\": readable with red-green and blue-yellow colour blindness\n\n\
         # Colours: a name (red, light_blue, dark_gray...), a number 0-255, or \"#rrggbb\".\n\
         [colors]\n",
    );
    for (name, color) in Palette::DEFAULT.named() {
        out.push_str(&format!("{name} = \"{color}\"\n"));
    }
    out.push_str("\n# Keys, by place and action: a character (\"n\", \"?\"), Ctrl-X, Alt-X, Enter, Esc, Tab,\n# Shift-Tab, Space, Backspace, Delete, Up, Down, Left, Right, Home, End, PgUp, PgDn, F1-F12.\n");
    for &scope in Scope::ALL {
        let bindings: Vec<&Binding> = keymap::BINDINGS
            .iter()
            .filter(|b| b.scope == scope && keymap::action_name(b.action).is_some())
            .collect();
        if bindings.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n[keys.{}]  # {}\n",
            scope_name(scope),
            scope.title()
        ));
        for b in bindings {
            let keys: Vec<String> = b
                .keys
                .iter()
                .map(|k| {
                    format!(
                        "\"{}\"",
                        k.name().replace('\\', "\\\\").replace('"', "\\\"")
                    )
                })
                .collect();
            out.push_str(&format!(
                "{} = [{}]  # {}\n",
                keymap::action_name(b.action).unwrap_or("?"),
                keys.join(", "),
                b.description
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_text_is_a_valid_configuration_that_changes_nothing() {
        let c = parse("default.toml", &default_text())
            .unwrap_or_else(|r| panic!("{}", r.render(false)));
        let table = c.bindings.unwrap();
        assert_eq!(table.len(), keymap::BINDINGS.len());
        for (a, b) in table.iter().zip(keymap::BINDINGS) {
            assert_eq!(a.keys, b.keys, "{:?}", b.action);
        }
        assert_eq!(c.palette, Some(Palette::DEFAULT));
    }

    #[test]
    fn a_clash_names_both_actions() {
        let r = parse("c.toml", "[keys.anywhere]\nwalk_next = [\"p\"]\n").unwrap_err();
        let d = &r.diagnostics[0];
        assert!(
            d.message.contains("`walk_next` and `walk_prev`")
                || d.message.contains("`walk_prev` and `walk_next`"),
            "{}",
            d.message
        );
        assert_eq!((d.line, d.column), (2, 13));
    }

    #[test]
    fn mistakes_are_placed() {
        let r = parse("c.toml", "[display]\npalette = \"pastel\"\n[colors]\nthesis = \"mauve-ish\"\n[keys.tree]\nmove_dwn = [\"x\"]\n").unwrap_err();
        let at: Vec<(usize, usize)> = r.diagnostics.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(at, [(2, 11), (4, 10), (6, 1)]);
        assert!(
            r.diagnostics[2]
                .help
                .as_deref()
                .unwrap()
                .contains("move_down")
        );
        let r = parse("c.toml", "[display]\nascii = \"yes\"\n").unwrap_err();
        assert_eq!((r.diagnostics[0].line, r.diagnostics[0].column), (2, 9));
    }
}
