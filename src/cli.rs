//! The command line: parsing, the `check` and `outline` commands, and exit codes.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::loader::{self, Loaded};

/// Exit code of a map with errors.
pub const EXIT_MAP_ERRORS: u8 = 1;
/// Exit code of a usage or I/O error (clap uses 2 for usage errors too).
pub const EXIT_IO: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "argwalk",
    version,
    about = "Step through the argument structure of an article, beside its cited paragraphs",
    long_about = "Step through the argument structure of an article, beside its cited paragraphs.\n\n\
        With no MAP, the built-in map of an opinion piece on the Astana talks on Syria opens.\n\
        Inside the reader, press ? for every key; n and p step through the argument.",
    args_conflicts_with_subcommands = true,
    after_help = "Maps are TOML files; docs/FORMAT.md describes the format."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The argument map to read (TOML); without one, the built-in Astana map
    pub map: Option<PathBuf>,

    #[command(flatten)]
    pub display: Display,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate maps: print every error and warning; exit 1 if any map has errors
    Check {
        /// Map files to check
        #[arg(required = true)]
        maps: Vec<PathBuf>,
    },
    /// Print a map as a Markdown outline, in reading order, with citations and quotes
    Outline {
        /// The map; without one, the built-in Astana map
        map: Option<PathBuf>,
        /// Print the validated tree as JSON instead (nodes, walk order, who cites each paragraph)
        #[arg(long)]
        json: bool,
    },
}

/// How the reader draws.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct Display {
    /// Draw with ASCII only (automatic when the locale is not UTF-8)
    #[arg(long, conflicts_with = "unicode")]
    pub ascii: bool,
    /// Draw with Unicode even when the locale does not say UTF-8
    #[arg(long)]
    pub unicode: bool,
    /// No colour: reverse video, bold and text markers only (also set by NO_COLOR)
    #[arg(long)]
    pub no_color: bool,
}

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    // Plain `argwalk` is the common case and has nothing to parse; skipping clap's setup saves
    // a sixth of a millisecond before the first frame.
    if std::env::args_os().len() == 1 {
        return read(None, Display::default());
    }
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { maps }) => check(&maps),
        Some(Command::Outline { map, json }) => outline(map.as_deref(), json),
        None => read(cli.map.as_deref(), cli.display),
    }
}

fn styled_stderr() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Loads a map, or says why it cannot be read at all (exit 2).
fn load(map: Option<&Path>) -> Result<Loaded, ExitCode> {
    match map {
        None => Ok(loader::load_builtin()),
        Some(path) => loader::load_path(path).map_err(|e| {
            let _ = writeln!(
                std::io::stderr(),
                "argwalk: {}",
                crate::sanitize::clean(&format!("{e:#}"))
            );
            ExitCode::from(EXIT_IO)
        }),
    }
}

fn check(maps: &[PathBuf]) -> ExitCode {
    let styled = styled_stderr();
    let mut worst = 0;
    let mut out = std::io::stdout().lock();
    for path in maps {
        match load(Some(path)) {
            Ok(loaded) => {
                let _ = write!(
                    out,
                    "{}",
                    loaded
                        .report
                        .render(styled && std::io::stdout().is_terminal())
                );
                if loaded.report.errors() > 0 {
                    worst = worst.max(EXIT_MAP_ERRORS);
                }
            }
            Err(_) => worst = worst.max(EXIT_IO),
        }
    }
    let _ = out.flush();
    ExitCode::from(worst)
}

/// Loads a map for `outline` or the reader; on errors prints them to stderr and exits 1.
fn load_clean(map: Option<&Path>) -> Result<crate::model::ArgumentMap, ExitCode> {
    let loaded = load(map)?;
    match loaded.map {
        Some(m) => Ok(m),
        None => {
            let _ = write!(
                std::io::stderr(),
                "{}",
                loaded.report.render(styled_stderr())
            );
            Err(ExitCode::from(EXIT_MAP_ERRORS))
        }
    }
}

fn outline(map: Option<&Path>, json: bool) -> ExitCode {
    match load_clean(map) {
        Ok(m) => {
            let text = if json {
                match serde_json::to_string_pretty(&m) {
                    Ok(text) => text + "\n",
                    Err(e) => {
                        let _ = writeln!(std::io::stderr(), "argwalk: cannot write JSON: {e}");
                        return ExitCode::from(EXIT_IO);
                    }
                }
            } else {
                crate::outline::render(&m)
            };
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

fn read(map: Option<&Path>, display: Display) -> ExitCode {
    let theme = crate::theme::Theme::detect(display.no_color, display.ascii, display.unicode);
    let load = || {
        let m = load_clean(map)?;
        let files =
            map.map(|p| crate::app::MapFiles::new(p.to_path_buf(), m.source.text_file.as_deref()));
        // In ASCII mode the text is transliterated once, before anything is wrapped or drawn.
        let m = if theme.ascii { crate::ascii::map(m) } else { m };
        Ok(crate::driver::Session { map: m, files })
    };
    crate::driver::run(load, theme)
}
