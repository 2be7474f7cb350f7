//! Where a flowed round is kept, and how it is saved as it is typed: each change written whole
//! and atomically (the notes' guarantee: a temporary file, fsync, rename, fsync of the folder),
//! never over a file another session changed unread (its round is read and the change laid
//! over it), and a damaged round of ours moved aside under a name the debater is told.

use std::path::{Path, PathBuf};

use crate::map::diagnostic::Report;

use super::flow::{Done, Op, Round};
use super::round_file::{self, Flowed};

/// How a file stood when last read or written: changed by someone else when it differs.
type FileStamp = Option<(u64, u64, std::time::SystemTime)>;

fn stamp_of(path: &Path) -> FileStamp {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    Some((m.ino(), m.len(), m.modified().ok()?))
}

/// A round's file, and what this session knows of it.
pub struct RoundStore {
    pub path: PathBuf,
    /// The folder the motion must be in (a restricted session's library).
    confine: Option<PathBuf>,
    stamp: FileStamp,
    /// Whether this session may write it (not a follower, not a library file under
    /// `--restricted`).
    pub writable: bool,
    /// Why the last save failed; cleared by the next that succeeds. Shown until then.
    pub unsaved: Option<String>,
}

/// The folder new rounds are kept in: `flows/` in the state folder.
pub fn rounds_dir() -> Option<PathBuf> {
    crate::study::store::state_dir().map(|d| d.join("flows"))
}

/// The file of the round `name` on the motion at `motion`: `STEM.NAME.flow.toml` in `dir`.
pub fn round_path(dir: &Path, motion: &Path, name: &str) -> PathBuf {
    let stem = motion
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = stem
        .strip_suffix(".motion.toml")
        .unwrap_or(&stem)
        .to_string();
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    dir.join(format!("{stem}.{slug}.flow.toml"))
}

/// What opening a round found.
pub struct Opened {
    pub flowed: Flowed,
    pub store: RoundStore,
    /// Said to the debater: a damaged round moved aside, a new round begun.
    pub warning: Option<String>,
}

/// Why a round could not be opened.
pub enum Refused {
    /// The flow file has mistakes: each at its place.
    Mistakes(Box<Report>),
    /// It cannot be read or written at all.
    Io(String),
}

fn read(path: &Path, confine: Option<&Path>) -> Result<(Option<Flowed>, Report), String> {
    let bytes = crate::study::store::open_regular(path)
        .map_err(|e| e.to_string())
        .and_then(|_| crate::map::loader::read_limited(path).map_err(|e| format!("{e:#}")))?;
    let text = crate::map::loader::utf8_text(&path.display().to_string(), bytes)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    Ok(round_file::read(
        &path.display().to_string(),
        &text,
        dir,
        confine,
    ))
}

impl RoundStore {
    /// The store of the round at `path`, as it stands on disk now.
    fn at(path: PathBuf, confine: Option<&Path>, writable: bool) -> Self {
        RoundStore {
            stamp: stamp_of(&path),
            path,
            confine: confine.map(Path::to_path_buf),
            writable,
            unsaved: None,
        }
    }

    /// Opens the flow file at `path`, a hand-written or shipped one: its mistakes are said,
    /// never repaired. Read-only unless `writable`.
    pub fn open_file(
        path: &Path,
        confine: Option<&Path>,
        writable: bool,
    ) -> Result<Opened, Refused> {
        crate::study::store::clean_stale_temps(path);
        let (flowed, report) = read(path, confine).map_err(Refused::Io)?;
        let Some(flowed) = flowed else {
            return Err(Refused::Mistakes(Box::new(report)));
        };
        Ok(Opened {
            flowed,
            store: RoundStore::at(path.to_path_buf(), confine, writable),
            warning: None,
        })
    }

    /// Opens (or begins) the round `name` on the motion at `motion`, kept in `dir`, the
    /// debater's own: a damaged file there is moved aside and a new round begun.
    pub fn open_round(
        dir: &Path,
        motion: &Path,
        name: &str,
        confine: Option<&Path>,
    ) -> Result<Opened, Refused> {
        let path = round_path(dir, motion, name);
        let motion_abs = std::fs::canonicalize(motion).map_err(|e| Refused::Io(e.to_string()))?;
        let mut warning = None;
        if path.exists() {
            crate::study::store::clean_stale_temps(&path);
            match read(&path, confine) {
                Ok((Some(flowed), _)) => {
                    return Ok(Opened {
                        flowed,
                        store: RoundStore::at(path, confine, true),
                        warning: None,
                    });
                }
                Ok((None, report)) => {
                    let first = report
                        .diagnostics
                        .first()
                        .map(|d| format!("line {}: {}", d.line, d.message))
                        .unwrap_or_default();
                    warning = Some(move_aside(&path, &first).map_err(Refused::Io)?);
                }
                Err(why) if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) => {
                    warning = Some(move_aside(&path, &why).map_err(Refused::Io)?);
                }
                Err(why) => {
                    return Err(Refused::Io(format!(
                        "the round's file {} cannot be read ({why}); it is left as it is",
                        path.display()
                    )));
                }
            }
        }
        let (m, report) =
            super::motion::load(&motion_abs).map_err(|e| Refused::Io(format!("{e:#}")))?;
        let Some(m) = m else {
            return Err(Refused::Mistakes(Box::new(report)));
        };
        let round = Round::new(
            motion_abs.display().to_string(),
            name.to_string(),
            &m.format,
        );
        let text = round_file::write(&round, &m.format);
        crate::study::store::write_new(&path, text.as_bytes())
            .map_err(|e| Refused::Io(format!("cannot begin {}: {e}", path.display())))?;
        Ok(Opened {
            flowed: Flowed {
                round,
                motion: m,
                motion_path: motion_abs,
            },
            store: RoundStore::at(path, confine, true),
            warning,
        })
    }

    /// Reads the round again if its file changed since this session last read or wrote it
    /// (another session's save, the motion's maps do not count): `Some(Ok)` when it was read,
    /// `Some(Err(why))` when it changed but cannot be read now, `None` when unchanged.
    pub fn reread(&mut self, flowed: &mut Flowed) -> Option<Result<(), String>> {
        let now = stamp_of(&self.path);
        if now == self.stamp {
            return None;
        }
        self.stamp = now;
        Some(match read(&self.path, self.confine.as_deref()) {
            Ok((Some(theirs), _)) => {
                *flowed = theirs;
                Ok(())
            }
            Ok((None, report)) => Err(format!(
                "The flow file was changed elsewhere and now has {} errors: argwalk check {} shows them",
                report.errors(),
                self.path.display()
            )),
            Err(why) => Err(why),
        })
    }

    /// Makes a change: on the round as saved (another session's save is read first, and the
    /// change laid over it), then saved. The change stays in the session even when the save
    /// fails; `unsaved` says why until a save succeeds.
    pub fn commit(&mut self, flowed: &mut Flowed, op: Op, now: u64) -> Result<Done, String> {
        if !self.writable {
            return Err("This flow is read-only here".into());
        }
        let _ = self.reread(flowed);
        let done = flowed.round.apply(&flowed.motion.format, op, now)?;
        self.save(&flowed.round, &flowed.motion.format);
        Ok(done)
    }

    fn save(&mut self, round: &Round, format: &super::format::Format) {
        let text = round_file::write(round, format);
        match crate::study::store::write_atomically(&self.path, text.as_bytes()) {
            Ok(()) => {
                self.stamp = stamp_of(&self.path);
                self.unsaved = None;
            }
            Err(e) => self.unsaved = Some(format!("NOT SAVED: {e}")),
        }
    }
}

/// Moves a damaged round aside (`NAME.flow.damaged-….toml`, as the notes' store names what it
/// sets aside, never over another file), and says where.
fn move_aside(path: &Path, why: &str) -> Result<String, String> {
    let aside = crate::study::store::set_aside(path, "damaged", crate::study::store::rename_new)
        .map_err(|e| format!("cannot move {} aside: {e}", path.display()))?;
    Ok(format!(
        "The round's file could not be read ({}). It was moved to {}, unchanged, and a new round was begun.",
        crate::map::sanitize::clean(why),
        crate::map::sanitize::path(&aside)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder of its own for the test, removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn library(name: &str) -> (Scratch, PathBuf) {
        let tmp = Scratch(
            std::env::temp_dir().join(format!("argwalk-rounds-{name}-{}", std::process::id())),
        );
        let _ = std::fs::remove_dir_all(tmp.path());
        let lib = tmp.path().join("lib");
        std::fs::create_dir_all(&lib).unwrap();
        let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("argument-maps");
        for f in [
            "dissent.motion.toml",
            "mill-on-liberty-ch2.toml",
            "mill-on-liberty-ch2.txt",
            "thoreau-civil-disobedience.toml",
            "thoreau-civil-disobedience.txt",
        ] {
            std::fs::copy(shipped.join(f), lib.join(f)).unwrap();
        }
        (tmp, lib)
    }

    fn begun(lib: &Path, state: &Path) -> Opened {
        match RoundStore::open_round(state, &lib.join("dissent.motion.toml"), "round 1", None) {
            Ok(o) => o,
            Err(_) => panic!("not opened"),
        }
    }

    #[test]
    fn each_change_is_on_disk_and_a_second_session_is_never_overwritten_unread() {
        let (tmp, lib) = library("two");
        let state = tmp.path().join("state");
        let mut a = begun(&lib, &state);
        assert_eq!(
            a.store.path.file_name().unwrap().to_string_lossy(),
            "dissent.round-1.flow.toml"
        );
        let add = |text: &str| Op::Add {
            sheet: 0,
            text: text.into(),
            from: None,
        };
        a.store.commit(&mut a.flowed, add("first"), 0).unwrap();
        // A second session on the same round adds its own.
        let mut b = begun(&lib, &state);
        assert_eq!(b.flowed.round.args.len(), 1);
        std::thread::sleep(std::time::Duration::from_millis(20));
        b.store.commit(&mut b.flowed, add("second"), 0).unwrap();
        // The first session's next change is laid over the second's, not over its own old copy.
        a.store.commit(&mut a.flowed, add("third"), 0).unwrap();
        let c = begun(&lib, &state);
        let texts: Vec<&str> = c
            .flowed
            .round
            .args
            .iter()
            .map(|x| x.text.as_str())
            .collect();
        assert_eq!(texts, ["first", "second", "third"]);
    }

    #[test]
    fn a_damaged_round_is_moved_aside_and_named() {
        let (tmp, lib) = library("damaged");
        let state = tmp.path().join("state");
        let first = begun(&lib, &state);
        std::fs::write(&first.store.path, "[round]\nmotion = \n").unwrap();
        let again = begun(&lib, &state);
        let warning = again.warning.unwrap();
        assert!(warning.contains("moved to"), "{warning}");
        let aside: Vec<_> = std::fs::read_dir(&state)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("damaged"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(
            std::fs::read_to_string(aside[0].path()).unwrap(),
            "[round]\nmotion = \n"
        );
    }
}
