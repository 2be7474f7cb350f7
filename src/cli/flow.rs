//! `argwalk flow`: opens a round of a motion (kept in the debater's state folder, one file per
//! round) or a flow file where it is, and hands it to the full screen or the line mode. Under
//! `--restricted` only the library's motions and flows are reached, and only the member's own
//! rounds are written.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::debate::round_store::{Opened, Refused, RoundStore};

use super::args::{Cli, fail, theme_of, user_state};
use crate::exit::EXIT_MAP_ERRORS;

/// Today's date (`2026-12-07`): a round's name when none is given, so a day's practice round
/// is taken up again where it was left.
fn today() -> String {
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

/// Where `file` is: itself, or under `--restricted` the library's file of that name (never a
/// path that leaves the library).
fn locate(cli: &Cli, file: &Path) -> Result<(PathBuf, Option<PathBuf>), ExitCode> {
    if !cli.restricted {
        return Ok((file.to_path_buf(), None));
    }
    let Some(root) = cli.library.as_ref() else {
        return Err(fail("--restricted needs --library"));
    };
    let inside = std::fs::canonicalize(root.join(file))
        .ok()
        .zip(std::fs::canonicalize(root).ok())
        .filter(|(f, r)| f.starts_with(r) && f.is_file());
    match inside {
        Some((f, r)) => Ok((f, Some(r))),
        None => Err(fail(&format!(
            "there is no motion or flow `{}` in the library",
            crate::map::sanitize::path(file)
        ))),
    }
}

/// The text of a motion or a flow at `path`, read within the size limit.
fn read_text(path: &Path) -> Result<String, String> {
    crate::map::loader::read_limited(path)
        .map_err(|e| format!("{e:#}"))
        .and_then(|b| crate::map::loader::utf8_text(&path.display().to_string(), b))
}

/// Opens the debate file at `path` (whose `text` was read): a flow file where it is, written
/// only when the session is not `restricted` (a library's flow is read, not written, by a
/// restricted member: their rounds are their own); else the motion's round `round`, kept in
/// the state folder `state`'s `flows/`.
fn open_text(
    path: &Path,
    text: &str,
    confine: Option<&Path>,
    restricted: bool,
    state: Option<&Path>,
    round: &str,
) -> Result<Opened, Refused> {
    if crate::debate::round_file::is_flow(text) {
        let writable =
            !restricted && std::fs::metadata(path).is_ok_and(|m| !m.permissions().readonly());
        return RoundStore::open_file(path, confine, writable);
    }
    let Some(dir) = state.map(|s| s.join("flows")) else {
        return Err(Refused::Io(
            "no state folder to keep the round in: set ARGWALK_STATE_DIR or XDG_STATE_HOME".into(),
        ));
    };
    RoundStore::open_round(&dir, path, round, confine)
}

/// Opens what `argwalk flow FILE` names: a flow file, or a motion's round.
pub(super) fn open(cli: &Cli, file: &Path, round: Option<&str>) -> Result<Opened, ExitCode> {
    let (path, confine) = locate(cli, file)?;
    let text = read_text(&path).map_err(|e| fail(&crate::map::sanitize::clean(&e)))?;
    if crate::debate::round_file::is_flow(&text) {
        if round.is_some() {
            return Err(fail(
                "--round names a round of a motion; a flow file is one round already",
            ));
        }
    } else if !crate::debate::motion::is_motion(&text) {
        return Err(fail(&format!(
            "{} is neither a motion (a `[motion]` table) nor a flow (a `[round]` table)",
            crate::map::sanitize::path(&path)
        )));
    }
    let state = user_state(cli.user.as_deref())?;
    let name = round.map_or_else(today, str::to_string);
    open_text(
        &path,
        &text,
        confine.as_deref(),
        cli.restricted,
        state.as_deref(),
        &name,
    )
    .map_err(|refused| match refused {
        Refused::Mistakes(report) => {
            let styled = std::io::stderr().is_terminal();
            let _ = write!(std::io::stderr(), "{}", report.render_capped(styled, None));
            ExitCode::from(EXIT_MAP_ERRORS)
        }
        Refused::Io(why) => fail(&crate::map::sanitize::clean(&why)),
    })
}

/// A motion or a flow chosen in a library (`root`): a flow file is read where it is (written
/// only when the session is not restricted); a motion's round is the member's own, in their
/// state folder, today's.
pub(super) fn open_in_library(
    path: &Path,
    root: &Path,
    state: Option<&Path>,
    restricted: bool,
) -> Result<Opened, String> {
    let text = read_text(path)?;
    open_text(path, &text, Some(root), restricted, state, &today()).map_err(|refused| match refused
    {
        Refused::Mistakes(report) => format!(
            "{} errors: argwalk check {} shows them",
            report.errors(),
            crate::team::library::file_name(path)
        ),
        Refused::Io(why) => crate::map::sanitize::clean(&why),
    })
}

/// `argwalk --follow ROOM flow`: the round the room's presenter flows, read-only, as they
/// flow it.
fn follow(cli: &Cli, room: &crate::team::room::Room) -> Result<Opened, ExitCode> {
    let path = room.flow_path();
    if !path.is_file() {
        return Err(fail(&format!(
            "no one presents a flow in the room {} yet",
            room.name
        )));
    }
    let confine = if cli.restricted {
        cli.library
            .as_ref()
            .and_then(|l| std::fs::canonicalize(l).ok())
    } else {
        None
    };
    RoundStore::open_file(&path, confine.as_deref(), false).map_err(|refused| match refused {
        Refused::Mistakes(report) => fail(&format!(
            "the room's flow cannot be read: {} errors",
            report.errors()
        )),
        Refused::Io(why) => fail(&why),
    })
}

/// `argwalk flow FILE`: the flow sheet, full screen or line by line; presented to a room, or
/// the room's followed.
pub(super) fn flow(cli: &Cli, file: Option<&Path>, round: Option<&str>, lines: bool) -> ExitCode {
    let room = match super::args::room_of(cli) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let opened = match (file, &room) {
        (Some(file), _) => open(cli, file, round),
        (None, Some((r, None))) => follow(cli, r),
        (None, _) => Err(fail(
            "name the motion or the flow to open (or --follow ROOM)",
        )),
    };
    let opened = match opened {
        Ok(o) => o,
        Err(code) => return code,
    };
    let mut theme = theme_of(&cli.display);
    if lines {
        theme.ascii =
            (cli.display.ascii || !crate::screen::theme::locale_is_utf8()) && !cli.display.unicode;
        return crate::lines::flow::run(opened, theme.ascii);
    }
    if !std::io::stdout().is_terminal() {
        return fail(
            "the flow sheet needs a terminal: `argwalk flow FILE --lines` flows line by line",
        );
    }
    crate::screen::driver::run_flow(opened, theme, room)
}
