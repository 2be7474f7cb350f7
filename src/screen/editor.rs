//! The user's editor: which one (`$VISUAL`, then `$EDITOR`), and how to tell it the line.
//!
//! Editors disagree on how a line is given: vi and its kin, nano, emacs, micro and kak take
//! `+LINE` before the file; helix, Sublime Text and Zed take `FILE:LINE`; VS Code takes
//! `-g FILE:LINE`. Any other editor gets the file alone.

use std::path::Path;

/// How an editor is told to open a file at a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineStyle {
    /// `+LINE FILE`
    Plus,
    /// `FILE:LINE`
    Colon,
    /// `-g FILE:LINE`
    Goto,
    /// `FILE`
    None,
}

fn style_of(program: &str) -> LineStyle {
    let name = Path::new(program)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(program);
    match name {
        "vi" | "vim" | "nvim" | "gvim" | "view" | "vim.basic" | "vim.tiny" | "nano" | "pico"
        | "emacs" | "emacsclient" | "micro" | "kak" | "joe" | "jed" | "ne" | "mg" => {
            LineStyle::Plus
        }
        "hx" | "helix" | "subl" | "sublime_text" | "zed" | "zeditor" => LineStyle::Colon,
        "code" | "codium" | "code-insiders" | "vscodium" => LineStyle::Goto,
        _ => LineStyle::None,
    }
}

/// The command line to edit `file` at `line` with `editor` (the value of `$VISUAL` or
/// `$EDITOR`, which may carry its own arguments, such as `code -w` or `emacsclient -t`).
/// `None` when `editor` is empty.
pub fn command(editor: &str, file: &Path, line: usize) -> Option<(String, Vec<String>)> {
    let mut words = editor.split_whitespace().map(str::to_string);
    let program = words.next()?;
    let mut args: Vec<String> = words.collect();
    let file = file.display().to_string();
    match style_of(&program) {
        LineStyle::Plus => args.extend([format!("+{line}"), file]),
        LineStyle::Colon => args.push(format!("{file}:{line}")),
        LineStyle::Goto => args.extend(["-g".to_string(), format!("{file}:{line}")]),
        LineStyle::None => args.push(file),
    }
    Some((program, args))
}

/// The editor the user chose: `$VISUAL`, else `$EDITOR`, ignoring empty values.
pub fn chosen() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().trim().to_string())
        .find(|v| !v.is_empty())
}

/// What to tell a user who has no editor set.
pub const NONE_SET: &str = "No editor set: set VISUAL or EDITOR (e.g. `export EDITOR=nano`)";

#[cfg(test)]
mod tests {
    use super::*;

    fn line(editor: &str) -> Vec<String> {
        let (program, args) = command(editor, Path::new("maps/m.toml"), 42).unwrap();
        std::iter::once(program).chain(args).collect()
    }

    #[test]
    fn each_family_gets_the_line_its_way() {
        for vi in [
            "vi",
            "vim",
            "nvim",
            "nano",
            "emacs",
            "micro",
            "kak",
            "/usr/bin/vim",
        ] {
            assert_eq!(line(vi)[1..], ["+42", "maps/m.toml"], "{vi}");
        }
        for colon in ["hx", "subl", "zed"] {
            assert_eq!(line(colon)[1..], ["maps/m.toml:42"], "{colon}");
        }
        assert_eq!(line("code -w"), ["code", "-w", "-g", "maps/m.toml:42"]);
        assert_eq!(
            line("emacsclient -t"),
            ["emacsclient", "-t", "+42", "maps/m.toml"]
        );
        assert_eq!(line("ed"), ["ed", "maps/m.toml"]);
        assert!(command("  ", Path::new("x"), 1).is_none());
    }
}
