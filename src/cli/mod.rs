//! The command line's work: every subcommand (check, outline, init, export, import, compare,
//! class, config, schema, paragraphs, man, completions), and the two readers it starts: the
//! full screen and the line mode. What clap reads is in `args.rs`; `argwalk flow` in
//! `flow.rs`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

mod args;
mod flow;

pub use args::{Cli, Command, Display};
use args::{RoomOf, fail, reader_only_flag, room_of, theme_of, user_state};

use crate::map::loader::{self, Loaded};

pub use crate::exit::{EXIT_IO, EXIT_MAP_ERRORS};

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    // Plain `argwalk` is the common case and has nothing to parse; skipping clap's setup saves
    // a sixth of a millisecond before the first frame.
    if std::env::args_os().len() == 1 {
        return match configure(None, Display::default()) {
            Ok(display) => read(None, display, false),
            Err(code) => code,
        };
    }
    let mut cli = Cli::parse();
    // The display flags and --config go before or after a subcommand alike; the reader's own
    // options have no meaning with one, and a restricted session may run none (no export to
    // a path, no init, no check of a file outside the library).
    // The line mode (`read`) is a reader too, and takes them all.
    if cli.command.is_some()
        && !matches!(
            cli.command,
            Some(Command::Read { .. } | Command::Flow { .. })
        )
        && let Some(flag) = reader_only_flag(&cli)
    {
        return fail(&format!(
            "{flag} is an option of the reader: it takes no subcommand (write `argwalk {flag} ...` alone)"
        ));
    }
    if let Some(Command::Config { default: true }) = cli.command {
        let _ = std::io::stdout().write_all(crate::screen::config::default_text().as_bytes());
        return ExitCode::SUCCESS;
    }
    // The configuration is read before anything is drawn: its keys, colours and defaults. A
    // restricted session reads only one its forced command names: no other file of the account.
    if cli.restricted && cli.config.is_none() {
        return team(&cli);
    }
    match configure(cli.config.as_deref(), cli.display) {
        Ok(display) => cli.display = display,
        Err(code) => return code,
    }
    run(&cli)
}

/// Runs what the command line asks, once its configuration is in force.
fn run(cli: &Cli) -> ExitCode {
    match cli.command {
        Some(Command::Config { .. }) => {
            let _ = writeln!(std::io::stdout(), "The configuration is fine.");
            ExitCode::SUCCESS
        }
        Some(Command::Check { ref maps, all }) => check(maps, all),
        Some(Command::Outline { ref map, json }) => outline(map.as_deref(), json),
        Some(Command::Init {
            ref article,
            ref output,
            ref example,
            ref motion,
        }) => match (example, motion) {
            (Some(dir), _) => init_example(dir),
            (None, Some(name)) => init_motion(name),
            (None, None) => init(article.as_deref(), output.as_deref()),
        },
        Some(Command::Paragraphs { ref file }) => paragraphs(file),
        Some(Command::Import {
            ref input,
            from,
            ref output,
            attach,
        }) => {
            if attach && from != crate::interchange::import::From::Brat {
                return fail(
                    "--attach places brat annotations' unattached premises; the other formats give every relation",
                );
            }
            let options = crate::interchange::import::Options { attach };
            import(input, from, options, output.as_deref())
        }
        Some(Command::Compare {
            ref student,
            ref reference,
            json,
        }) => compare(student, reference, json),
        Some(Command::Class {
            ref library,
            ref class,
            json,
        }) => class_list(library, class, json),
        Some(Command::Export {
            ref map,
            to,
            ref output,
            no_notes,
            force,
        }) => export(map.as_deref(), to, output.as_deref(), no_notes, force),
        Some(Command::Drill { ref map, display }) => {
            read(map.as_deref(), display.or(cli.display), true)
        }
        Some(Command::Read { ref map, ascii }) => read_lines(cli, map.as_deref(), ascii),
        Some(Command::Flow {
            ref file,
            ref round,
            lines,
        }) => flow::flow(cli, file.as_deref(), round.as_deref(), lines),
        Some(Command::Man) => man(),
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "argwalk", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Some(Command::Schema) => {
            let _ = std::io::stdout().write_all(crate::map::schema::text().as_bytes());
            ExitCode::SUCCESS
        }
        None if cli.library.is_some()
            || cli.user.is_some()
            || cli.restricted
            || cli.present.is_some()
            || cli.follow.is_some() =>
        {
            team(cli)
        }
        None if cli.against.is_some() => read_against(cli),
        // A flow file is a round: the flow sheet opens on it.
        None if cli
            .map
            .as_ref()
            .is_some_and(|m| m.to_string_lossy().ends_with(".flow.toml")) =>
        {
            let file = cli.map.clone().unwrap_or_default();
            flow::flow(cli, Some(&file), None, false)
        }
        None => read(cli.map.as_deref(), cli.display, false),
    }
}

/// `argwalk MAP --against REFERENCE`: the reader, with the differences from the reference.
fn read_against(cli: &Cli) -> ExitCode {
    let theme = theme_of(&cli.display);
    let against = match reference_of(cli, &theme) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let map = cli.map.clone();
    let display = cli.display;
    let load = move || {
        let m = load_clean(map.as_deref())?;
        let state = crate::study::store::state_dir();
        Ok(crate::session::Session {
            screen_reader: display.screen_reader,
            against,
            ..session(m, map.as_deref(), state.as_deref(), &theme)
        })
    };
    crate::screen::driver::run(load, theme)
}

/// `argwalk man`: the manual page, made from the same definitions as `--help`.
fn man() -> ExitCode {
    let mut out = Vec::new();
    match clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut out) {
        Ok(()) => {
            let _ = std::io::stdout().write_all(&out);
            ExitCode::SUCCESS
        }
        Err(e) => fail(&format!("cannot write the manual page: {e}")),
    }
}

/// Reads the user's configuration (`path`, or the default one if it exists) and puts it in
/// force; the display flags given on the command line win over its defaults. A configuration
/// with mistakes is reported like a map (exit 1); a named one that is missing is an error.
fn configure(path: Option<&Path>, mut display: Display) -> Result<Display, ExitCode> {
    let named = path.map(Path::to_path_buf);
    let Some(file) = named.clone().or_else(crate::screen::config::default_path) else {
        return Ok(display);
    };
    match crate::screen::config::load(&file) {
        Ok(None) if named.is_some() => Err(fail(&format!(
            "there is no configuration {}",
            file.display()
        ))),
        Ok(None) => Ok(display),
        Ok(Some(config)) => {
            if let Some(table) = config.bindings {
                crate::screen::keymap::install(table);
            }
            if let Some(palette) = config.palette {
                crate::screen::theme::install_palette(palette);
            }
            display.ascii |= config.ascii && !display.unicode;
            display.no_color |= config.no_color;
            display.screen_reader |= config.screen_reader;
            Ok(display)
        }
        Err(report) => {
            let _ = write!(std::io::stderr(), "{}", report.render(styled_stderr()));
            Err(ExitCode::from(EXIT_MAP_ERRORS))
        }
    }
}

fn styled_stderr() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Loads a map, or says why it cannot be read at all (exit 2).
fn load(map: Option<&Path>) -> Result<Loaded, ExitCode> {
    match map {
        None => Ok(loader::load_builtin()),
        Some(path) => match read_file(path)? {
            // A motion reads as the map of its two cases.
            Ok(text) if crate::debate::motion::is_motion(&text) => crate::debate::case::load(path)
                .map_err(|report| {
                    let _ = write!(std::io::stderr(), "{}", report.render(styled_stderr()));
                    ExitCode::from(EXIT_MAP_ERRORS)
                }),
            read => Ok(loader::load_read(path, read)),
        },
    }
}

/// The file at `path` as the loader reads it (its text, or its bytes if not UTF-8); said and
/// `EXIT_IO` when it cannot be read at all (missing, a folder, too large).
fn read_file(path: &Path) -> Result<Result<String, Vec<u8>>, ExitCode> {
    loader::read_file(path).map_err(|e| {
        let _ = writeln!(
            std::io::stderr(),
            "argwalk: {}",
            crate::map::sanitize::clean(&format!("{e:#}"))
        );
        ExitCode::from(EXIT_IO)
    })
}

/// Problems of one kind shown by `check` before the rest are counted.
const PER_KIND: usize = 5;

fn check(maps: &[PathBuf], all: bool) -> ExitCode {
    let styled = styled_stderr();
    let mut worst = 0;
    let mut out = std::io::stdout().lock();
    for path in maps {
        let Ok(read) = read_file(path) else {
            worst = worst.max(EXIT_IO);
            continue;
        };
        // A motion or a format of debate is checked as a map is.
        let report = match &read {
            Ok(text) => debate_report(path, text),
            Err(_) => None,
        }
        .unwrap_or_else(|| loader::load_read(path, read).report);
        let _ = write!(
            out,
            "{}",
            report.render_capped(
                styled && std::io::stdout().is_terminal(),
                (!all).then_some(PER_KIND)
            )
        );
        if report.errors() > 0 {
            worst = worst.max(EXIT_MAP_ERRORS);
        }
    }
    let _ = out.flush();
    ExitCode::from(worst)
}

/// Loads a map for `outline` or the reader; on errors prints them to stderr and exits 1.
fn load_clean(map: Option<&Path>) -> Result<crate::map::model::ArgumentMap, ExitCode> {
    clean(load(map)?)
}

/// The map loaded, or its errors on stderr and `EXIT_MAP_ERRORS`.
fn clean(loaded: Loaded) -> Result<crate::map::model::ArgumentMap, ExitCode> {
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

/// The report of the motion or format of debate `text` (read from `path`); `None` when it is
/// neither (a map).
fn debate_report(path: &Path, text: &str) -> Option<crate::map::diagnostic::Report> {
    let name = path.display().to_string();
    if text.lines().any(|l| l.trim() == "[format]") {
        Some(crate::debate::format::read(&name, text).1)
    } else if crate::debate::motion::is_motion(text) {
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Some(crate::debate::motion::read(&name, text, &dir).1)
    } else if crate::debate::round_file::is_flow(text) {
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Some(crate::debate::round_file::read(&name, text, &dir, None).1)
    } else {
        None
    }
}

fn outline(map: Option<&Path>, json: bool) -> ExitCode {
    // A map's file, read once: a motion's outline is its prep sheet (both cases and the blocks,
    // each claim with its source).
    let read = match map.map(read_file) {
        Some(Err(code)) => return code,
        Some(Ok(read)) => Some(read),
        None => None,
    };
    if let (Some(path), Some(Ok(text))) = (map, &read)
        && crate::debate::motion::is_motion(text)
    {
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        return match crate::debate::motion::read(&path.display().to_string(), text, &dir) {
            (Some(m), _) => {
                let _ = std::io::stdout().write_all(crate::debate::motion::sheet(&m).as_bytes());
                ExitCode::SUCCESS
            }
            (None, report) => {
                let _ = write!(std::io::stderr(), "{}", report.render(styled_stderr()));
                ExitCode::from(EXIT_MAP_ERRORS)
            }
        };
    }
    if json {
        return export(
            map,
            crate::interchange::export::Target::Json,
            None,
            true,
            false,
        );
    }
    let loaded = match (map, read) {
        (Some(path), Some(read)) => loader::load_read(path, read),
        _ => loader::load_builtin(),
    };
    match clean(loaded) {
        Ok(m) => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(crate::map::outline::render(&m).as_bytes());
            let _ = out.flush();
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

fn export(
    map: Option<&Path>,
    target: crate::interchange::export::Target,
    output: Option<&Path>,
    no_notes: bool,
    force: bool,
) -> ExitCode {
    // What is there is never replaced unasked, and never written through: a link may point at
    // any file of the account.
    if let Some(path) = output
        && let Ok(there) = std::fs::symlink_metadata(path)
    {
        if there.file_type().is_symlink() {
            return fail(&format!(
                "{} is a link; export never writes through one: name the file itself",
                path.display()
            ));
        }
        if !force {
            return fail(&format!(
                "{} exists already; export never replaces a file unasked: add --force to replace it",
                path.display()
            ));
        }
    }
    // A flow file is exported as a round; a map in a map's formats.
    let text = match map.map(read_file) {
        Some(Err(code)) => return code,
        Some(Ok(Ok(text))) if crate::debate::round_file::is_flow(&text) => {
            let path = map.unwrap_or(Path::new("."));
            let opened = match crate::debate::round_store::RoundStore::open_file(path, None, false)
            {
                Ok(o) => o,
                Err(crate::debate::round_store::Refused::Mistakes(report)) => {
                    let _ = write!(
                        std::io::stderr(),
                        "{}",
                        report.render_capped(styled_stderr(), None)
                    );
                    return ExitCode::from(EXIT_MAP_ERRORS);
                }
                Err(crate::debate::round_store::Refused::Io(why)) => return fail(&why),
            };
            match crate::interchange::export::render_flow(
                &opened.flowed.round,
                &opened.flowed.motion,
                target,
            ) {
                Some(text) => text,
                None => {
                    return fail(&format!(
                        "a flow exports to markdown, csv, json or text (the printable sheet), not {}",
                        clap::ValueEnum::to_possible_value(&target)
                            .map_or_else(String::new, |v| v.get_name().to_string())
                    ));
                }
            }
        }
        _ => {
            let Some(format) = target.map_format() else {
                return fail(
                    "csv and text are a flow's exports (a NAME.flow.toml); a map exports to markdown, dot, argdown, aif, anki or json",
                );
            };
            match export_map(map, format, no_notes) {
                Ok(text) => text,
                Err(code) => return code,
            }
        }
    };
    match output {
        Some(path) => match crate::study::store::write_atomically(path, text.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&format!("cannot write {}: {e}", path.display())),
        },
        None => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
            ExitCode::SUCCESS
        }
    }
}

/// A map exported in `format`, with the reader's notes when it prints them and they are
/// wanted.
fn export_map(
    map: Option<&Path>,
    format: crate::interchange::export::Format,
    no_notes: bool,
) -> Result<String, ExitCode> {
    let m = load_clean(map)?;
    // The reader's layer, read only and only for a format that prints notes: an export never
    // changes it, takes no lock, and moves nothing aside; what it cannot read, it says.
    let layer = (!no_notes && format.prints_notes())
        .then(crate::study::store::state_dir)
        .flatten()
        .map(|dir| {
            let located = crate::study::Store::locate(&dir, map, &m.fingerprint(), false);
            let (layer, warning) = located.store.peek();
            if let Some(w) = warning {
                let _ = writeln!(std::io::stderr(), "argwalk: {w}");
            }
            layer
        });
    Ok(crate::interchange::export::render(
        &m,
        format,
        crate::interchange::export::Options {
            layer: layer.as_ref(),
        },
    ))
}

/// How a library's map is opened, for the reader and the line mode alike: read from within the
/// library only, with the member's layer; a restricted session watches no file.
fn library_opener(
    cli: &Cli,
    root: &Path,
    state: Option<PathBuf>,
    theme: crate::screen::theme::Theme,
    room: RoomOf,
) -> impl Fn(&Path, crate::session::Intent) -> Result<crate::session::Opening, String> + 'static {
    let library = root.to_path_buf();
    let restricted = cli.restricted;
    let screen_reader = cli.display.screen_reader;
    let class = cli.class.clone();
    // The member folders this session may open maps from: the teacher's, every one; a
    // member's, their own.
    let member = cli.user.clone().filter(|_| !cli.teacher);
    let teacher = cli.teacher;
    move |path: &Path, intent: crate::session::Intent| -> Result<crate::session::Opening, String> {
        // A flow, or a motion's round: flowed, the member's own. A motion read is its cases.
        let motion = path.to_string_lossy().ends_with(".motion.toml");
        if crate::team::library::is_debate(path)
            && (intent == crate::session::Intent::Flow || !motion)
        {
            return flow::open_in_library(path, &library, state.as_deref(), restricted)
                .map(|o| crate::session::Opening::Round(Box::new(o), room.clone()));
        }
        let folder = class.as_deref().and_then(|c| member_folder(c, path));
        let confine = match (&folder, &member) {
            (None, _) => library.clone(),
            (Some((_, f)), _) if teacher => f.clone(),
            (Some((name, f)), Some(me)) if name == me => f.clone(),
            (Some(_), _) => return Err("that map is another member's".into()),
        };
        let loaded = if motion {
            crate::debate::case::load(path).map_err(|r| {
                format!(
                    "{} errors in this motion: argwalk check shows them",
                    r.errors()
                )
            })?
        } else {
            crate::map::loader::load_path_within(path, &confine)
                .map_err(|e| crate::map::sanitize::clean(&format!("{e:#}")))?
        };
        let Some(m) = loaded.map else {
            return Err(format!(
                "{} errors in this map: it cannot be opened",
                loaded.report.errors()
            ));
        };
        // A member's map is compared with the library's map of its article.
        let against = folder
            .is_some()
            .then(|| crate::team::class::reference_of(&m, path, &library))
            .flatten()
            .map(|r| std::sync::Arc::new(transliterated(r, &theme)));
        let mut opened = session(m, Some(path), state.as_deref(), &theme);
        // A restricted session watches no file and opens no editor on one.
        if restricted {
            opened.files = None;
        }
        Ok(crate::session::Opening::Map(Box::new(
            crate::session::Session {
                screen_reader,
                restricted,
                in_library: true,
                confine: Some(confine),
                room: room.clone(),
                against,
                ..opened
            },
        )))
    }
}

/// The member whose folder of `class` holds `path`, and that folder.
fn member_folder(class: &Path, path: &Path) -> Option<(String, PathBuf)> {
    let rest = path.strip_prefix(class).ok()?;
    let name = rest.components().next()?.as_os_str().to_str()?.to_string();
    crate::team::class::is_member_name(&name).then(|| (name.clone(), class.join(name)))
}

/// A map as the theme draws it: transliterated in ASCII.
fn transliterated(
    map: crate::map::model::ArgumentMap,
    theme: &crate::screen::theme::Theme,
) -> crate::map::model::ArgumentMap {
    if theme.ascii {
        crate::screen::ascii::map(map)
    } else {
        map
    }
}

/// The reference map `--against` names, loaded and drawn as the theme draws; refused in a
/// library, where a class (`--class`) gives each member's map its own.
fn reference_of(
    cli: &Cli,
    theme: &crate::screen::theme::Theme,
) -> Result<Option<std::sync::Arc<crate::map::model::ArgumentMap>>, ExitCode> {
    let Some(path) = cli.against.as_deref() else {
        return Ok(None);
    };
    if cli.library.is_some() {
        return Err(fail(
            "--against compares one map; in a library, --class compares each member's map with the library's map of its article",
        ));
    }
    let reference = load_clean(Some(path))?;
    Ok(Some(std::sync::Arc::new(transliterated(reference, theme))))
}

/// The library of a session, with a class's maps: the teacher's class list, or a member's
/// own maps.
fn library_of(
    cli: &Cli,
    root: &Path,
    state: Option<PathBuf>,
) -> Result<crate::team::library::Library, ExitCode> {
    let library = crate::team::library::Library::open(root, state)
        .map_err(|e| fail(&format!("cannot read the library {}: {e}", root.display())))?;
    Ok(match (&cli.class, cli.teacher, &cli.user) {
        (None, ..) => library,
        (Some(class), true, _) => library.with_class(class),
        (Some(class), false, Some(me)) => library.with_own(&class.join(me)),
        (Some(_), false, None) => {
            return Err(fail(
                "--class needs --user NAME (a member, who sees their own maps) or --teacher (the class list)",
            ));
        }
    })
}

/// The reader with `--library`, `--user` or `--restricted`.
fn team(cli: &Cli) -> ExitCode {
    if let Some(Command::Read { map, ascii }) = &cli.command {
        return read_lines(cli, map.as_deref(), *ascii);
    }
    if let Some(Command::Flow { file, round, lines }) = &cli.command {
        return flow::flow(cli, file.as_deref(), round.as_deref(), *lines);
    }
    let theme = theme_of(&cli.display);
    let state = match user_state(cli.user.as_deref()) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if cli.restricted && cli.map.is_some() {
        return fail("a restricted session opens maps from its library only: no map path");
    }
    let restricted = cli.restricted;
    let screen_reader = cli.display.screen_reader;
    let room = match room_of(cli) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let Some(root) = cli.library.clone() else {
        // --user alone: the one map (or the built-in one), with that member's notes.
        let against = match reference_of(cli, &theme) {
            Ok(r) => r,
            Err(code) => return code,
        };
        let map = cli.map.clone();
        let load = move || {
            let m = load_clean(map.as_deref())?;
            Ok(crate::session::Session {
                screen_reader,
                restricted,
                room,
                against,
                ..session(m, map.as_deref(), state.as_deref(), &theme)
            })
        };
        return crate::screen::driver::run(load, theme);
    };
    if let Err(code) = reference_of(cli, &theme) {
        return code;
    }
    let library = match library_of(cli, &root, state.clone()) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let open = library_opener(cli, &root, state, theme, room);
    crate::screen::driver::run_library(library, open, theme)
}

/// `argwalk read`: the line mode, on standard input and output, whatever they are; with every
/// option of the reader (a library, a member's layer, a room, restricted).
fn read_lines(cli: &Cli, map: Option<&Path>, ascii: bool) -> ExitCode {
    let mut theme = theme_of(&cli.display);
    theme.ascii = (ascii || cli.display.ascii || !crate::screen::theme::locale_is_utf8())
        && !cli.display.unicode;
    let ascii = theme.ascii;
    let state = match user_state(cli.user.as_deref()) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if cli.restricted && map.is_some() {
        return fail("a restricted session opens maps from its library only: no map path");
    }
    let room = match room_of(cli) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let against = match reference_of(cli, &theme) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let (lines, said) = match &cli.library {
        Some(root) => {
            let library = match library_of(cli, root, state.clone()) {
                Ok(l) => l,
                Err(code) => return code,
            };
            let open = library_opener(cli, root, state, theme, room.clone());
            let lines = crate::lines::Lines::library(crate::lines::Shelf {
                library,
                open: Box::new(open),
                class_rows: Vec::new(),
            });
            let lines = match room {
                Some((r, presenter)) => lines.room(r, presenter),
                None => lines,
            };
            (lines, Vec::new())
        }
        None => {
            let m = match load_clean(map) {
                Ok(m) => m,
                Err(code) => return code,
            };
            crate::lines::Lines::session(crate::session::Session {
                room,
                restricted: cli.restricted,
                against,
                ..session(m, map, state.as_deref(), &theme)
            })
        }
    };
    // What opening the reader's layer has to say (a damaged file set aside, notes found for a
    // map that moved) is a diagnostic: stderr, apart from the transcript.
    for s in said {
        let _ = writeln!(std::io::stderr(), "argwalk: {s}");
    }
    let mut lines = lines.ascii(ascii);
    let out = std::io::stdout();
    let result = match (std::io::stdin().is_terminal(), ascii) {
        (true, true) => lines.run_terminal(crate::lines::AsciiOut(out)),
        (true, false) => lines.run_terminal(out),
        (false, true) => lines.run(std::io::stdin().lock(), crate::lines::AsciiOut(out.lock())),
        (false, false) => lines.run(std::io::stdin().lock(), out.lock()),
    };
    // What could not be saved is said, every note whole, and the session ends non-zero: a
    // script or a shell sees that something was not kept where it lives.
    if let Some(report) = lines.unsaved_report() {
        let _ = std::io::stderr().write_all(report.as_bytes());
        return ExitCode::from(EXIT_MAP_ERRORS);
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe is the reader leaving.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(&format!("{e}")),
    }
}

/// Reads an article: UTF-8 text, or a message that places the first bad byte by line and
/// column.
fn read_article(path: &Path) -> Result<String, ExitCode> {
    let bytes = loader::read_limited(path).map_err(|e| fail(&format!("{e:#}")))?;
    loader::utf8_text(&path.display().to_string(), bytes).map_err(|e| fail(&e))
}

/// `argwalk compare`: the report for the student, or JSON for a teacher's scripts.
fn compare(student: &Path, reference: &Path, json: bool) -> ExitCode {
    let (s, r) = match (load_clean(Some(student)), load_clean(Some(reference))) {
        (Ok(s), Ok(r)) => (s, r),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let c = crate::interchange::compare::compare(&s, &r);
    let text = if json {
        let doc = serde_json::json!({
            "format": "argwalk-compare",
            "version": 2,
            "student": student.display().to_string(),
            "reference": reference.display().to_string(),
            "comparison": c,
        });
        serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
    } else {
        crate::interchange::compare::report(&c, &r)
    };
    let _ = std::io::stdout().write_all(text.as_bytes());
    ExitCode::SUCCESS
}

/// `argwalk class`: the class list, as text or JSON.
fn class_list(library: &Path, class: &Path, json: bool) -> ExitCode {
    for (dir, what) in [(library, "library"), (class, "class")] {
        if !dir.is_dir() {
            return fail(&format!(
                "the {what} {} is not a folder",
                crate::map::sanitize::path(dir)
            ));
        }
    }
    if json {
        // Streamed: each row written as it is scored, so the list is never held whole.
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        return match crate::team::class::write_json(library, class, &mut out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => fail(&format!("the class list could not be written: {e}")),
        };
    }
    let rows = crate::team::class::list(library, class);
    let mut text = crate::team::class::report(&rows);
    if let Some(line) = crate::team::class::misnamed_line(class) {
        text.push_str(&line);
        text.push('\n');
    }
    let _ = std::io::stdout().write_all(text.as_bytes());
    ExitCode::SUCCESS
}

/// `argwalk import`: one file, or a folder into a library, saying what was written, what could
/// not be carried (by its place in the input), and for a folder a summary.
fn import(
    input: &Path,
    from: crate::interchange::import::From,
    options: crate::interchange::import::Options,
    output: Option<&Path>,
) -> ExitCode {
    if input.is_dir() {
        return import_folder(input, from, options, output);
    }
    let (clean, say) = (crate::map::sanitize::path, say_lost);
    match crate::interchange::import::import_with(input, from, options, output) {
        Ok(done) => {
            let mut o = std::io::stdout().lock();
            for m in &done.maps {
                let _ = writeln!(
                    o,
                    "Wrote {} and its article {}.",
                    clean(m),
                    clean(&m.with_extension("txt"))
                );
            }
            say(&mut o, "note", input, &done.notes);
            say(&mut o, "not carried", input, &done.lost);
            if done.warnings > 0 {
                let _ = writeln!(
                    o,
                    "argwalk check gives {} warning{}: run it to see {}.",
                    done.warnings,
                    if done.warnings == 1 { "" } else { "s" },
                    if done.warnings == 1 { "it" } else { "them" }
                );
            }
            if let Some(m) = done.maps.first() {
                let _ = writeln!(o, "Open it with: argwalk {}", clean(m));
            }
            ExitCode::SUCCESS
        }
        Err(why) => fail(&why),
    }
}

/// Says each of `lost` (what was not carried, or a note) with its file and place.
fn say_lost(
    out: &mut dyn Write,
    what: &str,
    file: &Path,
    lost: &[crate::interchange::import::Lost],
) {
    for l in lost {
        let _ = writeln!(
            out,
            "  {what}: {}: {}: {}",
            crate::map::sanitize::path(file),
            crate::map::sanitize::clean(&l.place),
            crate::map::sanitize::clean(&l.what)
        );
    }
}

/// `argwalk import DIR --from FORMAT -o LIBRARY`: every input of the folder, with a progress
/// line on a terminal and a summary.
fn import_folder(
    input: &Path,
    from: crate::interchange::import::From,
    options: crate::interchange::import::Options,
    output: Option<&Path>,
) -> ExitCode {
    let (clean, say) = (crate::map::sanitize::path, say_lost);
    let Some(out) = output else {
        return fail(
            "importing a folder writes a library: name its folder with -o (argwalk import DIR --from microtext -o LIBRARY)",
        );
    };
    let terminal = std::io::stderr().is_terminal();
    let progress = |i: usize, n: usize, file: &Path| {
        if terminal {
            // One line, rewritten: the count and the file.
            let name = file
                .file_name()
                .map(|f| crate::map::sanitize::clean(&f.to_string_lossy()))
                .unwrap_or_default();
            let _ = write!(std::io::stderr(), "\r\x1b[2KImporting {i} of {n}: {name}");
        }
    };
    let summary =
        match crate::interchange::import::import_folder(input, from, options, out, progress) {
            Ok(s) => s,
            Err(why) => return fail(&why),
        };
    if terminal {
        let _ = write!(std::io::stderr(), "\r\x1b[2K");
    }
    let mut o = std::io::stdout().lock();
    for (file, notes) in &summary.notes {
        say(&mut o, "note", file, notes);
    }
    for (file, lost) in &summary.lost {
        say(&mut o, "not carried", file, lost);
    }
    for (file, why) in &summary.refused {
        let _ = writeln!(
            o,
            "  refused: {}: {}",
            clean(file),
            crate::map::sanitize::clean(why)
        );
    }
    let _ = writeln!(
        o,
        "{} imported as {} {} ({} with something not carried or a warning), {} refused. Open them with: argwalk --library {}",
        summary.imported,
        summary.maps,
        if summary.maps == 1 { "map" } else { "maps" },
        summary.with_warnings,
        summary.refused.len(),
        clean(out)
    );
    if summary.refused.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Creates `path` with `text`, refusing to overwrite anything.
fn create_new(path: &Path, text: &str) -> Result<(), ExitCode> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => fail(&format!(
                "{} exists already; argwalk never overwrites a map: choose another name with -o",
                path.display()
            )),
            _ => fail(&format!("cannot write {}: {e}", path.display())),
        })?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| fail(&format!("cannot write {}: {e}", path.display())))
}

/// The schema's file name beside a map started by `init`, named by its `#:schema` line.
const SCHEMA_FILE: &str = "argwalk.schema.json";

fn init(article: Option<&Path>, output: Option<&Path>) -> ExitCode {
    let Some(article) = article else {
        return fail("init needs an article: argwalk init ARTICLE.txt");
    };
    let text = match read_article(article) {
        Ok(t) => t,
        Err(code) => return code,
    };
    if loader::split_paragraphs(&text).is_empty() {
        return fail(&format!(
            "{} has no paragraphs: it is empty",
            article.display()
        ));
    }
    let map = output.map_or_else(|| article.with_extension("toml"), Path::to_path_buf);
    let map_dir = map
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // The map names its article relative to its own folder.
    let name = relative(article, map_dir);
    let body = crate::map::init::starting_map(&text, &name, SCHEMA_FILE);
    if let Err(code) = create_new(&map, &body) {
        return code;
    }
    // The schema beside the map, for the `#:schema` line; an existing one is left alone.
    let schema = map_dir.join(SCHEMA_FILE);
    let _ = create_new_quietly(&schema, &crate::map::schema::text());
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "Wrote {} ({} paragraphs numbered). Next:\n  argwalk {}          # the reader, live: it follows every save\n  $EDITOR {}           # write the thesis; `e` in the reader opens it too\n  argwalk check {}    # what is left to write",
        map.display(),
        loader::split_paragraphs(&text).len(),
        map.display(),
        map.display(),
        map.display()
    );
    ExitCode::SUCCESS
}

fn create_new_quietly(path: &Path, text: &str) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(text.as_bytes())
}

/// `path` as seen from `dir`: its file name when it lies in `dir`, else as given.
fn relative(path: &Path, dir: &Path) -> String {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    match abs(path).strip_prefix(abs(dir)) {
        Ok(rel) => rel.display().to_string(),
        Err(_) => abs(path).display().to_string(),
    }
}

/// `argwalk init --motion NAME`: a motion to fill in, listing the maps beside it to draw on;
/// never over a file.
fn init_motion(name: &Path) -> ExitCode {
    let stem = name
        .to_string_lossy()
        .trim_end_matches(".toml")
        .trim_end_matches(".motion")
        .to_string();
    let path = PathBuf::from(format!("{stem}.motion.toml"));
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let maps: Vec<String> = crate::team::folder::maps_in(dir)
        .unwrap_or_default()
        .iter()
        .map(|p| crate::team::folder::file_name(p))
        .collect();
    let listed = if maps.is_empty() {
        "#   (none yet: put the maps of the motion's articles beside this file)\n".to_string()
    } else {
        maps.iter().map(|m| format!("#   {m}\n")).collect()
    };
    let text = format!(
        "# A motion, started by `argwalk init --motion`: its cases draw on the maps beside it.\n\
         # `argwalk check {name}` says what is left; `argwalk outline {name}` prints its prep sheet.\n\
         # docs/FORMAT.md (\"Motions\") has every key.\n\
         #\n\
         # The maps beside it, to draw claims from as `from = \"MAP.toml#ID\"`:\n\
         {listed}\n\
         [motion]\n\
         text = \"This house would …\"\n\
         # policy, public-forum, lincoln-douglas, world-schools, british-parliamentary,\n\
         # american-parliamentary, or a format file of your own beside this one.\n\
         format = \"public-forum\"\n\
         # sides = [\"Pro\", \"Con\"]   # the format's names, unless you give others\n\
         \n\
         # A claim of a side's case (`side = \"for\"` or `\"against\"`): drawn from a map, its words,\n\
         # quotes and paragraph following the map; or written as your own analysis.\n\
         #\n\
         # [[claim]]\n\
         # id = \"A1\"\n\
         # side = \"for\"\n\
         # from = \"MAP.toml#P2\"\n\
         #\n\
         # [[claim]]\n\
         # id = \"A2\"\n\
         # side = \"for\"\n\
         # text = \"Our own analysis, in a sentence.\"\n\
         #\n\
         # If they say X, we answer Y, Z:\n\
         #\n\
         # [[block]]\n\
         # side = \"for\"\n\
         # if = \"MAP.toml#O1\"\n\
         # answer = [\"A1\", \"MAP.toml#R1\"]\n",
        name = crate::map::sanitize::path(&path)
    );
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.sync_all()))
    {
        Ok(()) => {
            println!(
                "Wrote {}. Write the motion, then `argwalk check` it.",
                crate::map::sanitize::path(&path)
            );
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => fail(&format!(
            "{} exists already; argwalk never overwrites: choose another name",
            crate::map::sanitize::path(&path)
        )),
        Err(e) => fail(&format!("cannot write it: {e}")),
    }
}

fn init_example(dir: &Path) -> ExitCode {
    if let Err(e) = std::fs::create_dir_all(dir) {
        return fail(&format!("cannot create {}: {e}", dir.display()));
    }
    let map = dir.join("astana-talks.toml");
    let files = [
        (map.clone(), loader::BUILTIN_MAP.to_string()),
        (
            dir.join(loader::BUILTIN_TEXT_NAME),
            loader::BUILTIN_TEXT.to_string(),
        ),
    ];
    for (path, text) in &files {
        if path.exists() {
            return fail(&format!(
                "{} exists already; argwalk never overwrites it: choose another folder",
                path.display()
            ));
        }
        let _ = text;
    }
    for (path, text) in &files {
        if let Err(code) = create_new(path, text) {
            return code;
        }
    }
    let _ = writeln!(
        std::io::stdout(),
        "Wrote {} and its article. Open it with: argwalk {}",
        map.display(),
        map.display()
    );
    ExitCode::SUCCESS
}

/// `argwalk paragraphs`: the numbering authors cite by, wrapped to the terminal.
fn paragraphs(file: &Path) -> ExitCode {
    let is_map = file.extension().is_some_and(|e| e == "toml");
    let list: Vec<(usize, String, bool)> = if is_map {
        match loader::load_source(file) {
            Ok(Ok(source)) => source
                .paragraphs
                .into_iter()
                .map(|p| (p.number, p.text, p.outside))
                .collect(),
            Ok(Err(report)) => {
                let _ = write!(std::io::stderr(), "{}", report.render(styled_stderr()));
                return ExitCode::from(EXIT_MAP_ERRORS);
            }
            Err(e) => return fail(&format!("{e:#}")),
        }
    } else {
        match read_article(file) {
            Ok(text) => loader::split_paragraphs(&text)
                .into_iter()
                .enumerate()
                .map(|(i, p)| (i + 1, p, false))
                .collect(),
            Err(code) => return code,
        }
    };
    let width = crossterm::terminal::size()
        .ok()
        .filter(|_| std::io::stdout().is_terminal())
        .map_or(80, |(w, _)| usize::from(w).clamp(30, 120));
    let digits = list.len().to_string().len();
    let mut out = String::new();
    for (n, text, outside) in &list {
        let number = if *outside {
            format!("({n})")
        } else {
            format!(" {n} ")
        };
        let indent = digits + 3;
        let text = if *outside {
            format!("{text} [outside the argument]")
        } else {
            text.clone()
        };
        for (i, r) in crate::screen::wrap::wrap(&text, width.saturating_sub(indent + 1))
            .into_iter()
            .enumerate()
        {
            if i == 0 {
                out.push_str(&format!("{number:>w$} ", w = digits + 2));
            } else {
                out.push_str(&" ".repeat(indent));
            }
            out.push_str(&text[r]);
            out.push('\n');
        }
        out.push('\n');
    }
    let _ = std::io::stdout().write_all(out.as_bytes());
    ExitCode::SUCCESS
}

/// A plain session on map `m` read from `path` (`None`: the built-in map): its files to watch,
/// the reader's layer from the state folder `state`, and no drill, room or restriction.
fn session(
    m: crate::map::model::ArgumentMap,
    path: Option<&Path>,
    state: Option<&Path>,
    theme: &crate::screen::theme::Theme,
) -> crate::session::Session {
    // A motion's case map is made, not read: its file is not a map to read again on a save.
    let files = path
        .filter(|p| !p.to_string_lossy().ends_with(".motion.toml"))
        .map(|p| crate::screen::app::MapFiles::new(p.to_path_buf(), m.source.text_file.as_deref()));
    // The reader's own layer: opened before the terminal is taken, so a damaged file is moved
    // aside and said on the first frame.
    let fingerprint = m.fingerprint();
    let study = state.map(|dir| {
        let located = crate::study::Store::locate(dir, path, &fingerprint, true);
        let mut opened = located.store.open();
        opened.layer.title.clone_from(&m.source.title);
        opened.layer.map = path.map(crate::study::store::recorded).unwrap_or_default();
        opened.found = located.found;
        (located.store, opened)
    });
    // In ASCII mode the text is transliterated once, before anything is wrapped or drawn.
    let map = transliterated(m, theme);
    crate::session::Session {
        map,
        fingerprint,
        in_library: false,
        files,
        study,
        drill: false,
        screen_reader: false,
        restricted: false,
        confine: None,
        room: None,
        against: None,
    }
}

fn read(map: Option<&Path>, display: Display, drill: bool) -> ExitCode {
    let theme = theme_of(&display);
    let load = || {
        let m = load_clean(map)?;
        let state = crate::study::store::state_dir();
        Ok(crate::session::Session {
            drill,
            screen_reader: display.screen_reader,
            ..session(m, map, state.as_deref(), &theme)
        })
    };
    crate::screen::driver::run(load, theme)
}
