//! The command line as clap reads it (the options, the subcommands, the display flags), and
//! what both the readers and the subcommands take from it: the theme, a member's state
//! folder, the room, and how a failure is said.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::exit::EXIT_IO;

#[derive(Debug, Parser)]
#[command(
    name = "argwalk",
    version,
    about = "Step through the argument structure of an article, beside its cited paragraphs",
    long_about = "Step through the argument structure of an article, beside its cited paragraphs.\n\n\
        With no MAP, the built-in map of an opinion piece on the Astana talks on Syria opens.\n\
        Inside the reader, press ? for every key; n and p step through the argument.",
    after_help = "Maps are TOML files; docs/FORMAT.md describes the format."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The argument map to read (TOML); without one, the built-in Astana map
    pub map: Option<PathBuf>,

    #[command(flatten)]
    pub display: Display,

    /// Offer the maps of DIR in a list; q from a map comes back to it
    #[arg(long, value_name = "DIR")]
    pub library: Option<PathBuf>,

    /// Keep notes, marks and drills as the team member NAME (under the state folder's users/)
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,

    /// A shared server's session: the library only (no map path), no editor, no file written
    /// but the member's own notes; for an SSH forced command (docs/TEAM.md)
    #[arg(long, requires = "library")]
    pub restricted: bool,

    /// Present: publish where you are to ROOM, for the team to follow
    #[arg(long, value_name = "ROOM", conflicts_with = "follow")]
    pub present: Option<String>,

    /// Follow ROOM's presenter: your reader moves with theirs (any move of yours steps away)
    #[arg(long, value_name = "ROOM")]
    pub follow: Option<String>,

    /// Compare the map with a reference map of the same article: D lists the differences
    #[arg(long, value_name = "REFERENCE")]
    pub against: Option<PathBuf>,

    /// A class: each member's own maps in DIR/NAME/, compared with the library's map of the
    /// same article; a member (--user NAME) sees their own maps, never another's
    #[arg(long, value_name = "DIR", requires = "library")]
    pub class: Option<PathBuf>,

    /// The class's teacher: c in the library lists every member's maps with their scores
    #[arg(long, requires = "class")]
    pub teacher: bool,

    /// Read this configuration instead of ~/.config/argwalk/config.toml
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate maps: print every error and warning; exit 1 if any map has errors
    Check {
        /// Map files to check (motions, NAME.motion.toml, and formats of debate too)
        #[arg(required = true)]
        maps: Vec<PathBuf>,
        /// Show every problem (by default at most 5 of each kind, then a count of the rest)
        #[arg(long)]
        all: bool,
    },
    /// Start a map from an article: writes MAP.toml beside it, with the paragraphs numbered
    Init {
        /// The article, as plain text (paragraphs separated by blank lines)
        #[arg(required_unless_present_any = ["example", "motion"])]
        article: Option<PathBuf>,
        /// The map to write (default: the article's name with .toml); never overwritten
        #[arg(short, long, value_name = "MAP")]
        output: Option<PathBuf>,
        /// Instead, write the built-in Astana map and its article into DIR, to edit
        #[arg(long, value_name = "DIR", conflicts_with_all = ["article", "output"])]
        example: Option<PathBuf>,
        /// Instead, start a motion (NAME.motion.toml) drawing on the maps beside it
        #[arg(long, value_name = "NAME", conflicts_with_all = ["article", "output", "example"])]
        motion: Option<PathBuf>,
    },
    /// Compare a student's map with a reference map of the same article: what was found,
    /// missed and added, kinds and links, with scores
    Compare {
        /// The student's map
        student: PathBuf,
        /// The reference map
        reference: PathBuf,
        /// The comparison as JSON, for a teacher's scripts
        #[arg(long)]
        json: bool,
    },
    /// The class list: every member's maps in CLASS (CLASS/NAME/*.toml), each compared with
    /// the map of LIBRARY of the same article, with scores
    Class {
        /// The library: the references, one map per article
        library: PathBuf,
        /// The class folder: one folder per member, named as --user names them
        class: PathBuf,
        /// The class list as JSON, for a teacher's scripts
        #[arg(long)]
        json: bool,
    },
    /// Import maps from microtext XML, brat standoff, AIF JSON or Argdown: a file, or a folder
    /// of them into a library
    Import {
        /// A file to import, or a folder of them (then -o names the library folder)
        input: PathBuf,
        /// The format of the input
        #[arg(long, value_enum)]
        from: crate::interchange::import::From,
        /// The map to write (a file), or the library folder (a folder); never overwritten
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// brat: place each premise no relation leads from under its paragraph's claim (and
        /// each claim without a stance for the major claim), marking those links as inferred
        #[arg(long)]
        attach: bool,
    },
    /// Print the numbered paragraphs of an article, or of a map's article (even a broken map's)
    Paragraphs {
        /// An article (.txt) or a map (.toml)
        file: PathBuf,
    },
    /// Drill the cards of a map that are due (spaced over days), in the reader
    Drill {
        /// The map; without one, the built-in Astana map
        map: Option<PathBuf>,
        #[command(flatten)]
        display: Display,
    },
    /// Read a map line by line, by typed commands: for screen readers, braille, pipes
    Read {
        /// The map; without one, the built-in Astana map
        map: Option<PathBuf>,
        /// Transliterate to ASCII (automatic when the locale is not UTF-8)
        #[arg(long)]
        ascii: bool,
    },
    /// Print the JSON Schema of the map format, for TOML editors (`#:schema` in a map)
    Schema,
    /// Your configuration: print a commented default one, or check yours
    Config {
        /// Print the default configuration, every key and colour with what it does
        #[arg(long)]
        default: bool,
    },
    /// Print the manual page (roff): argwalk man > ~/.local/share/man/man1/argwalk.1
    Man,
    /// Print shell completions: argwalk completions bash > ~/.local/share/bash-completion/completions/argwalk
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Export the map (with your notes and verdicts) for printing or for other tools
    Export {
        /// The map; without one, the built-in Astana map
        map: Option<PathBuf>,
        /// What to write
        #[arg(long = "to", value_enum, value_name = "FORMAT")]
        to: crate::interchange::export::Target,
        /// Write to FILE instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Leave your notes, verdicts and side out of the prep sheet
        #[arg(long)]
        no_notes: bool,
        /// Replace FILE if it exists (never through a link)
        #[arg(long)]
        force: bool,
    },
    /// Flow a round of a motion: a sheet per side, a column per speech, drops found and clocks
    /// kept; saved as it is typed
    Flow {
        /// The motion (NAME.motion.toml), whose round is kept in your state folder; or a flow
        /// file (NAME.flow.toml) to open where it is; none with --follow (the room's flow)
        file: Option<PathBuf>,
        /// The round of the motion to open or begin (default: today's date)
        #[arg(long, value_name = "NAME")]
        round: Option<String>,
        /// Flow by typed commands, line by line: for screen readers, braille, pipes
        #[arg(long)]
        lines: bool,
    },
    /// Print a map as a Markdown outline, in reading order, with citations and quotes
    Outline {
        /// The map; without one, the built-in Astana map
        map: Option<PathBuf>,
        /// Print the map as JSON instead (the same as `export --to json`)
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
    /// Show the terminal's cursor on what has focus, for screen readers and braille displays
    #[arg(long)]
    pub screen_reader: bool,
}

impl Display {
    /// Each switch on if it is on in either: flags given after `drill` and those given before
    /// it (or by the configuration).
    pub(super) fn or(self, other: Display) -> Display {
        let ascii = self.ascii || (other.ascii && !self.unicode);
        Display {
            ascii,
            unicode: !ascii && (self.unicode || other.unicode),
            no_color: self.no_color || other.no_color,
            screen_reader: self.screen_reader || other.screen_reader,
        }
    }
}

/// The first option given that only the full-screen reader takes, as written on the command
/// line.
pub(super) fn reader_only_flag(cli: &Cli) -> Option<&'static str> {
    [
        (cli.restricted, "--restricted"),
        (cli.library.is_some(), "--library"),
        (cli.user.is_some(), "--user"),
        (cli.present.is_some(), "--present"),
        (cli.follow.is_some(), "--follow"),
        (cli.against.is_some(), "--against"),
        (cli.class.is_some(), "--class"),
        (cli.teacher, "--teacher"),
    ]
    .into_iter()
    .find_map(|(given, flag)| given.then_some(flag))
}

/// Says a command-line failure on stderr (sanitized: it may hold a file name) and gives exit 2.
pub(super) fn fail(message: &str) -> ExitCode {
    let _ = writeln!(
        std::io::stderr(),
        "argwalk: {}",
        crate::map::sanitize::clean(message)
    );
    ExitCode::from(EXIT_IO)
}

/// The theme the display flags ask for.
pub(super) fn theme_of(display: &Display) -> crate::screen::theme::Theme {
    let mut theme =
        crate::screen::theme::Theme::detect(display.no_color, display.ascii, display.unicode);
    theme.plain = display.screen_reader;
    theme
}

/// A member's state folder: `users/NAME` under the state folder, NAME checked so it names one
/// folder and nothing else.
pub(super) fn user_state(user: Option<&str>) -> Result<Option<PathBuf>, ExitCode> {
    let root = crate::study::store::state_dir();
    match user {
        None => Ok(root),
        Some(name) => {
            if !crate::team::class::is_member_name(name) {
                return Err(fail(
                    "--user takes a name of letters, digits, - and _ (at most 64)",
                ));
            }
            Ok(root.map(|r| r.join("users").join(name)))
        }
    }
}

/// The room `--present` or `--follow` names, and who presents (`None`: this session follows).
pub(super) type RoomOf = Option<(crate::team::room::Room, Option<String>)>;

pub(crate) fn room_of(cli: &Cli) -> Result<RoomOf, ExitCode> {
    // Rooms live in the team's state folder (not a member's), so all sessions share them.
    match (&cli.present, &cli.follow) {
        (Some(name), _) | (None, Some(name)) => {
            let Some(root) = crate::study::store::state_dir() else {
                return Err(fail(
                    "follow mode needs a state folder: set ARGWALK_STATE_DIR",
                ));
            };
            match crate::team::room::Room::new(&root, name) {
                Ok(r) => {
                    let presenter = cli
                        .present
                        .as_ref()
                        .map(|_| cli.user.clone().unwrap_or_else(|| "the presenter".into()));
                    Ok(Some((r, presenter)))
                }
                Err(why) => Err(fail(&why)),
            }
        }
        (None, None) => Ok(None),
    }
}
