//! Where a reader's layer lives, and how it is written so that it is never lost: one file per
//! map in the user's state folder, written atomically (a temporary file in the same folder,
//! fsync, rename, fsync of the folder), under a lock shared by every session of that reader,
//! merged by node with what another session saved meanwhile, and never overwritten unread: a
//! file that cannot be read is moved aside, under a name the reader is told.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::layer::Layer;

/// The file of one reader's layer over one map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    pub path: PathBuf,
}

/// What opening a layer found.
#[derive(Debug, Clone)]
pub struct Opened {
    pub layer: Layer,
    /// Said to the reader: a damaged file moved aside, and where; or a file that cannot be
    /// read, left alone.
    pub warning: Option<String>,
    /// Whether this session may keep its changes there: not when the file exists but cannot
    /// be read (permissions, a FIFO or a folder in its place), which is never overwritten.
    pub usable: bool,
    /// How the layer was found, when that is worth a word (a moved map).
    pub found: Option<String>,
}

/// Why a layer file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Unread {
    /// Read, but not a layer (cut off, edited wrong, not UTF-8): moved aside, never lost.
    Damaged(String),
    /// Not readable at all (permissions, not a regular file): left exactly as it is.
    Unreadable(String),
}

/// How long a temporary file may sit before a later session takes it for the leftover of a
/// save that was killed: a save takes milliseconds.
const STALE_TEMP: std::time::Duration = std::time::Duration::from_secs(60);

/// The folder layers are kept in: `$ARGWALK_STATE_DIR`, else the user's state folder
/// (`$XDG_STATE_HOME/argwalk`, `~/.local/state/argwalk` by default).
pub fn state_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("ARGWALK_STATE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().ok()?;
    Some(
        base.state_dir()
            .unwrap_or_else(|| base.data_dir())
            .join("argwalk"),
    )
}

/// A short, stable name for a map file: its stem, and a hash of its full path so two maps of
/// the same name in different folders keep apart.
fn file_name_for(map: Option<&Path>) -> String {
    let Some(map) = map else {
        return "built-in-astana.toml".to_string();
    };
    let full = fs::canonicalize(map).unwrap_or_else(|_| map.to_path_buf());
    let mut fnv = crate::map::model::Fnv::default();
    fnv.write(full.as_os_str().as_encoded_bytes());
    format!("{}-{:08x}.toml", stem_of(Some(map)), fnv.0 as u32)
}

/// A layer found for a map, and how.
#[derive(Debug, Clone)]
pub struct Located {
    pub store: Store,
    /// Said to the reader when the layer was found for a map that moved or was copied (it
    /// records where the map was), or whose article changed.
    pub found: Option<String>,
}

/// The stem of a map's file, as layer names use it.
fn stem_of(map: Option<&Path>) -> String {
    let Some(map) = map else {
        return "built-in-astana".to_string();
    };
    map.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect()
}

/// Whether the layer file `path` is of the identity `id`: named `STEM-ID.toml` or
/// `STEM-ID-N.toml`.
fn of_identity(path: &Path, id: &str) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return false;
    };
    let Some(rest) = name.strip_suffix(".toml") else {
        return false;
    };
    let marker = format!("-{id}");
    match rest.rfind(&marker) {
        Some(at) => {
            let after = &rest[at + marker.len()..];
            after.is_empty()
                || after
                    .strip_prefix('-')
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        }
        None => false,
    }
}

/// A map's path as a layer records it: absolute, links resolved.
pub fn recorded(map: &Path) -> String {
    fs::canonicalize(map)
        .unwrap_or_else(|_| map.to_path_buf())
        .display()
        .to_string()
}

impl Store {
    /// The layer of the map read from `map` (`None`: the built-in map) whose identity is
    /// `fingerprint` ([`crate::map::model::ArgumentMap::fingerprint`]: its title and article).
    ///
    /// The identity rule (README, "the identity rule"): a layer belongs to one map file. Two
    /// files of the same title and article (a member's map and the reference, two members'
    /// maps) keep layers of their own, as `STEM-IDENTITY.toml`, `STEM-IDENTITY-2.toml`, …, each
    /// recording the file it is of. A map that was moved or renamed (the file its layer records
    /// is gone) finds its notes. A layer kept by path (an older argwalk's, or one whose article
    /// has since changed) is found by the path it records, and, when `settle`, renamed to the
    /// map's identity.
    pub fn locate(dir: &Path, map: Option<&Path>, fingerprint: &str, settle: bool) -> Located {
        let layers = dir.join("layers");
        let id = &fingerprint[..16.min(fingerprint.len())];
        let here = map.map(recorded);
        let suffix = format!("-{id}.toml");
        let mut same: Vec<PathBuf> = fs::read_dir(&layers)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| of_identity(p, id))
                    .collect()
            })
            .unwrap_or_default();
        // The plain name first, then -2, -3, …: the oldest layer of the identity wins a tie.
        same.sort_by_key(|p| (p.to_string_lossy().len(), p.clone()));
        if !same.is_empty() {
            return Self::of_this_file(&layers, map, &here, &suffix, &same);
        }
        let by_identity = Store {
            path: layers.join(format!("{}{suffix}", stem_of(map))),
        };
        // Kept by path: an older argwalk's name, or a layer recording this path (the article
        // changed, so the identity did).
        let by_path = Store::new(dir, map);
        let old = if by_path.path.exists() {
            Some(by_path.path.clone())
        } else if let (true, Some(here)) = (settle, &here) {
            // Only when a map is opened (not for a list of maps): every layer is read.
            fs::read_dir(&layers).ok().and_then(|entries| {
                entries.flatten().map(|e| e.path()).find(|p| {
                    p.extension().is_some_and(|x| x == "toml")
                        && (Store { path: p.clone() }).peek().0.map == *here
                })
            })
        } else {
            None
        };
        let Some(old) = old else {
            return Located {
                store: by_identity,
                found: None,
            };
        };
        // Renamed only when it reads: a file that cannot be read stays exactly where it is.
        let readable = (Store { path: old.clone() }).peek().1.is_none();
        if settle && readable && fs::rename(&old, &by_identity.path).is_ok() {
            let found = (old != by_path.path)
                .then(|| "The article of this map changed: your notes on it were kept".to_string());
            return Located {
                store: by_identity,
                found,
            };
        }
        Located {
            store: Store { path: old },
            found: None,
        }
    }

    /// Of the layers `same` of one identity, the one of the file `here`: the one recording it;
    /// else one recording nothing (an older argwalk's, the built-in map's, or one that cannot
    /// be read, which opening sets aside); else one whose file is gone (the map moved); else a
    /// new layer beside them: another file of the same title and article.
    fn of_this_file(
        layers: &Path,
        map: Option<&Path>,
        here: &Option<String>,
        suffix: &str,
        same: &[PathBuf],
    ) -> Located {
        let recorded: Vec<String> = same
            .iter()
            .map(|p| (Store { path: p.clone() }).peek().0.map)
            .collect();
        let pick = |k: usize, found: Option<String>| Located {
            store: Store {
                path: same[k].clone(),
            },
            found,
        };
        let here_str = here.as_deref().unwrap_or("");
        if let Some(k) = recorded.iter().position(|r| r == here_str) {
            return pick(k, None);
        }
        if let Some(k) = recorded.iter().position(String::is_empty) {
            return pick(k, None);
        }
        if here.is_some()
            && let Some(k) = recorded.iter().position(|r| !Path::new(r).exists())
        {
            // Said by the file's name only: a member is never shown the server's folders.
            let was = Path::new(&recorded[k])
                .file_name()
                .map(|n| crate::map::sanitize::clean(&n.to_string_lossy()))
                .unwrap_or_default();
            return pick(
                k,
                Some(format!(
                    "Your notes on this map were found: they were kept when it was {was}, somewhere else"
                )),
            );
        }
        let stem = stem_of(map);
        let free = (2..)
            .map(|n| {
                layers.join(format!(
                    "{stem}{}-{n}.toml",
                    suffix.trim_end_matches(".toml")
                ))
            })
            .find(|p| !p.exists() && !same.contains(p))
            .unwrap_or_else(|| layers.join(format!("{stem}{suffix}")));
        Located {
            store: Store { path: free },
            found: None,
        }
    }

    /// The layer file of the map at `map` (`None`: the built-in map) in `dir`, by its path.
    pub fn new(dir: &Path, map: Option<&Path>) -> Self {
        Self {
            path: dir.join("layers").join(file_name_for(map)),
        }
    }

    fn lock_path(&self) -> PathBuf {
        self.path.with_extension("lock")
    }

    /// Holds the lock every session of this reader on this map takes to read and write.
    fn lock(&self) -> std::io::Result<File> {
        if let Some(dir) = self.path.parent() {
            fs::create_dir_all(dir)?;
        }
        let f = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.lock_path())?;
        rustix::fs::flock(&f, rustix::fs::FlockOperation::LockExclusive)?;
        Ok(f)
    }

    /// Reads the layer; a missing file is an empty layer, a damaged one is moved aside, one
    /// that cannot be read is left alone and the session keeps nothing. Leftovers of saves
    /// that were killed are cleaned up first.
    pub fn open(&self) -> Opened {
        let _lock = self.lock();
        clean_stale_temps(&self.path);
        match self.read() {
            Ok(layer) => {
                let mut layer = layer.unwrap_or_default();
                let restored = self.take_rescue(&mut layer);
                let wrong = layer.repair();
                let warning = (!wrong.is_empty()).then(|| {
                    let kept = self.keep_copy().map_or_else(String::new, |p| {
                        format!(
                            " The file as it was is kept at {}.",
                            crate::map::sanitize::path(&p)
                        )
                    });
                    format!(
                        "Your notes file held values no argwalk writes, and those start again: {}.{kept}",
                        crate::map::sanitize::clean(&wrong.join("; "))
                    )
                });
                let warning = match (restored, warning) {
                    (Some(r), Some(w)) => Some(format!("{r} {w}")),
                    (r, w) => r.or(w),
                };
                Opened {
                    layer,
                    warning,
                    usable: true,
                    found: None,
                }
            }
            Err(Unread::Damaged(why)) => Opened {
                layer: Layer::default(),
                warning: Some(self.move_aside(&why)),
                usable: true,
                found: None,
            },
            Err(Unread::Unreadable(why)) => Opened {
                layer: Layer::default(),
                warning: Some(format!(
                    "Your notes file {} cannot be read ({why}). It is left as it is, and nothing from this session will be kept: fix its permissions, or move it away, and open the map again.",
                    crate::map::sanitize::path(&self.path)
                )),
                usable: false,
                found: None,
            },
        }
    }

    /// Takes back what a session could not save ([`super::rescue`]) into `layer`, as read
    /// under the lock, and writes the two together: the rescue goes only once that is done.
    /// Returns what to say.
    fn take_rescue(&self, layer: &mut Layer) -> Option<String> {
        let (rescue, rescued) = super::rescue::find(&self.path)?;
        let notes = super::rescue::merge(layer, &rescued);
        let shown = crate::map::sanitize::path(&rescue);
        match write_atomically(&self.path, layer.to_text().as_bytes()) {
            Ok(()) => {
                let _ = fs::remove_file(&rescue);
                Some(format!(
                    "A session before could not save your work here; it was kept aside and is taken back now ({notes} note{}, with marks and verdicts).",
                    if notes == 1 { "" } else { "s" }
                ))
            }
            Err(e) => Some(format!(
                "A session before could not save your work here, and it still cannot be saved ({e}): it stays kept at {shown}, and is shown now."
            )),
        }
    }

    /// What this session could not save, written aside on its way out ([`super::rescue`]);
    /// where, to say.
    pub fn rescue(&self, layer: &Layer) -> std::io::Result<PathBuf> {
        let path = super::rescue::path_for(&self.path);
        super::rescue::make_folder(&path)?;
        write_atomically(&path, super::rescue::text(&self.path, layer).as_bytes())?;
        Ok(path)
    }

    /// The layer as it is on disk, read only, without the lock and never moving anything (for
    /// a list of maps, an export): what it could not read is said, for the caller to pass on.
    pub fn peek(&self) -> (Layer, Option<String>) {
        match self.read() {
            Ok(layer) => {
                let mut layer = layer.unwrap_or_default();
                layer.repair();
                (layer, None)
            }
            Err(Unread::Damaged(why) | Unread::Unreadable(why)) => (
                Layer::default(),
                Some(format!(
                    "your notes file {} cannot be read ({why}); left as it is, and left out",
                    crate::map::sanitize::path(&self.path)
                )),
            ),
        }
    }

    /// The layer on disk: `None` when there is no file yet. A FIFO or a device in its place
    /// is refused without being opened for long (opened non-blocking, looked at, closed), so
    /// nothing waits on a writer that never comes.
    fn read(&self) -> Result<Option<Layer>, Unread> {
        use std::io::Read;
        let mut file = match open_regular(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Unread::Unreadable(e.to_string())),
        };
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .map_err(|e| Unread::Unreadable(e.to_string()))?;
        let text =
            String::from_utf8(bytes).map_err(|_| Unread::Damaged("not UTF-8 text".into()))?;
        Layer::from_text(&text).map(Some).map_err(Unread::Damaged)
    }

    /// Puts the file under a name of its own beside it ([`set_aside`]).
    fn set_aside(
        &self,
        kind: &str,
        place: impl Fn(&Path, &Path) -> std::io::Result<()>,
    ) -> std::io::Result<PathBuf> {
        set_aside(&self.path, kind, place)
    }

    /// Keeps the file as it is now under a new name (a hard link: nothing is copied); `None`
    /// if it could not.
    fn keep_copy(&self) -> Option<PathBuf> {
        self.set_aside("before-repair", |from, to| fs::hard_link(from, to))
            .ok()
    }

    /// Moves an unreadable file aside, and says where it went; the rename refuses to replace
    /// anything ([`Store::set_aside`]).
    fn move_aside(&self, why: &str) -> String {
        let why = crate::map::sanitize::clean(why.lines().next().unwrap_or(why));
        match self.set_aside("damaged", rename_new) {
            Ok(aside) => format!(
                "Your notes file could not be read ({why}). It was moved to {}, unchanged, and a new one was started.",
                crate::map::sanitize::path(&aside)
            ),
            Err(e) => format!(
                "Your notes file {} could not be read ({why}) nor moved aside ({e}); it is left as it is",
                crate::map::sanitize::path(&self.path),
            ),
        }
    }

    /// Saves this session's changes: under the lock, reads what is there (another session may
    /// have saved), lays `ours` over it for what `changes` names, and writes the result
    /// atomically. Returns the merged layer, which the session then shows. A file that
    /// cannot be read is never written over.
    pub fn save(
        &self,
        ours: &Layer,
        changes: &super::layer::Changes,
    ) -> Result<(Layer, Option<String>), String> {
        let _lock = self
            .lock()
            .map_err(|e| format!("cannot lock {}: {e}", self.lock_path().display()))?;
        let (disk, warning) = match self.read() {
            Ok(layer) => {
                let mut layer = layer.unwrap_or_default();
                layer.repair();
                (layer, None)
            }
            // Never written over unread: the damaged file is kept under another name, and
            // what this session holds (every note it read, and its changes) is written whole,
            // not only the change that found the damage.
            Err(Unread::Damaged(why)) => (ours.clone(), Some(self.move_aside(&why))),
            Err(Unread::Unreadable(why)) => {
                return Err(format!(
                    "cannot read {} ({why}), so it is not written over",
                    self.path.display()
                ));
            }
        };
        let (merged, both) = disk.merged(ours, changes);
        write_atomically(&self.path, merged.to_text().as_bytes())
            .map_err(|e| format!("cannot save your notes to {}: {e}", self.path.display()))?;
        let warning = match (warning, both.is_empty()) {
            (w, true) => w,
            (w, false) => Some(format!(
                "{}Your note on {} was changed in another session while you wrote yours. Neither replaced the other: the note now holds both, theirs first, then yours; edit it to merge them.",
                w.map(|w| w + "\n\n").unwrap_or_default(),
                both.join(", ")
            )),
        };
        Ok((merged, warning))
    }
}

/// Puts `path` under a name of its own beside it (`KIND-SECONDS-NANOS-PID-N.toml`) by `place`
/// (a rename, a hard link), which must refuse a name already taken: a name is new every time,
/// so nothing set aside ever lands on what was set aside before.
pub(crate) fn set_aside(
    path: &Path,
    kind: &str,
    place: impl Fn(&Path, &Path) -> std::io::Result<()>,
) -> std::io::Result<PathBuf> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    for n in 0..100u32 {
        let aside = path.with_extension(format!(
            "{kind}-{}-{:09}-{}-{n}.toml",
            now.as_secs(),
            now.subsec_nanos(),
            std::process::id()
        ));
        match place(path, &aside) {
            Ok(()) => return Ok(aside),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("no free name"))
}

/// Moves `from` to `to`, refusing to replace anything there: [`set_aside`]'s rename.
pub(crate) fn rename_new(from: &Path, to: &Path) -> std::io::Result<()> {
    rustix::fs::renameat_with(
        rustix::fs::CWD,
        from,
        rustix::fs::CWD,
        to,
        rustix::fs::RenameFlags::NOREPLACE,
    )
    .map_err(std::io::Error::from)
}

/// Opens `path` for reading without blocking, and only if it is a regular file: a FIFO put
/// where a file of ours goes (the notes, a room) would hold the reader before its first frame.
pub(crate) fn open_regular(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "it is not a regular file (a FIFO, a device or a folder)",
        ));
    }
    Ok(file)
}

/// The number in the next temporary file's name (with the process id, unique in the process).
static TEMP_COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The prefix of the temporary files [`write_atomically`] makes for `path`.
fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.tmp-")
}

/// Removes what killed saves of `path` left: temporary files of ours (by name), regular files
/// (never a link), whose process is gone or which are older than any save takes.
pub(crate) fn clean_stale_temps(path: &Path) {
    let dir = path.parent().unwrap_or(Path::new("."));
    let prefix = temp_prefix(path);
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(&prefix) else {
            continue;
        };
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let pid = rest
            .split('-')
            .next()
            .and_then(|p| p.parse::<i32>().ok())
            .and_then(rustix::process::Pid::from_raw);
        let gone = pid.is_none_or(|pid| {
            pid != rustix::process::getpid()
                && rustix::process::test_kill_process(pid) == Err(rustix::io::Errno::SRCH)
        });
        let old = meta
            .modified()
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMP);
        if gone || old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Writes `bytes` to `path` so that a crash at any moment leaves the old file or the new one,
/// whole: a temporary file in the same folder, fsync, rename over `path`, fsync of the folder.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_through_temp(path, bytes, true)
}

/// Writes `bytes` to `path` as [`write_atomically`] does, but only where nothing is: the final
/// rename refuses to replace a file (AlreadyExists), so nothing is ever overwritten, even by
/// a file that appeared meanwhile.
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_through_temp(path, bytes, false)
}

fn write_through_temp(path: &Path, bytes: &[u8], replace: bool) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    // A link at `path` stays a link: the file it names is the one replaced (a reader who keeps
    // their notes in a synced folder and links them here keeps that).
    let target = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let path = target.as_path();
    let dir = match path.parent() {
        // A bare file name has an empty parent: the current folder.
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    // A name no one else uses, created only if nothing is there (O_EXCL, which also refuses a
    // link planted at that name) and never through a link (O_NOFOLLOW).
    let (tmp, mut f) = loop {
        let n = TEMP_COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = dir.join(format!("{}{}-{n}", temp_prefix(path), std::process::id()));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
            .open(&tmp)
        {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1_000_000 => continue,
            Err(e) => return Err(e),
        }
    };
    let result = (|| {
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        if replace {
            fs::rename(&tmp, path)?;
        } else {
            rustix::fs::renameat_with(
                rustix::fs::CWD,
                &tmp,
                rustix::fs::CWD,
                path,
                rustix::fs::RenameFlags::NOREPLACE,
            )
            .map_err(std::io::Error::from)?;
        }
        File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("argwalk-store-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn a_damaged_file_is_moved_aside_and_named() {
        let d = dir("damaged");
        let store = Store::new(&d, None);
        fs::create_dir_all(store.path.parent().unwrap()).unwrap();
        fs::write(&store.path, "[nodes.P1]\nnote = \"cut off").unwrap();
        let opened = store.open();
        let warning = opened.warning.unwrap();
        assert!(
            warning.contains("moved to") && warning.contains("damaged-"),
            "{warning}"
        );
        assert!(!store.path.exists());
        let aside: Vec<_> = fs::read_dir(store.path.parent().unwrap())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("damaged-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(
            fs::read_to_string(aside[0].path()).unwrap(),
            "[nodes.P1]\nnote = \"cut off"
        );
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn two_sessions_keep_each_others_notes() {
        let d = dir("two");
        let store = Store::new(&d, Some(Path::new("/maps/m.toml")));
        let mut a = store.open().layer;
        let mut b = store.open().layer;
        a.node_mut("P1").note = "from a".into();
        b.node_mut("P2").note = "from b".into();
        use crate::study::layer::Field;
        let note = |id: &str| super::super::Changes {
            fields: [(id.to_string(), Field::Note)].into(),
            ..Default::default()
        };
        store.save(&a, &note("P1")).unwrap();
        let (merged, _) = store.save(&b, &note("P2")).unwrap();
        assert_eq!(merged.node("P1").unwrap().note, "from a");
        assert_eq!(merged.node("P2").unwrap().note, "from b");
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn names_differ_by_folder() {
        let a = file_name_for(Some(Path::new("/x/map.toml")));
        let b = file_name_for(Some(Path::new("/y/map.toml")));
        assert!(a.starts_with("map-") && b.starts_with("map-") && a != b);
    }

    /// Issue 15.10: two damaged files in the same second both keep their bytes.
    #[test]
    fn two_damaged_files_in_one_second_keep_both() {
        let d = dir("damaged-twice");
        let store = Store::new(&d, None);
        fs::create_dir_all(store.path.parent().unwrap()).unwrap();
        for text in ["first = \"cut", "second = \"cut"] {
            fs::write(&store.path, text).unwrap();
            assert!(store.open().warning.unwrap().contains("moved to"));
        }
        let mut kept: Vec<String> = fs::read_dir(store.path.parent().unwrap())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("damaged-"))
            .map(|e| fs::read_to_string(e.path()).unwrap())
            .collect();
        kept.sort();
        assert_eq!(kept, ["first = \"cut", "second = \"cut"]);
        let _ = fs::remove_dir_all(&d);
    }

    /// Issue 15.12: a FIFO at the layer's path is refused at once, left alone, never waited on.
    #[test]
    fn a_fifo_in_place_of_the_layer_is_refused_at_once() {
        use std::os::unix::fs::FileTypeExt as _;
        let d = dir("fifo");
        let store = Store::new(&d, None);
        fs::create_dir_all(store.path.parent().unwrap()).unwrap();
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &store.path,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
            0,
        )
        .unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let s = store.clone();
        std::thread::spawn(move || tx.send(s.open()).unwrap());
        let opened = rx
            .recv_timeout(std::time::Duration::from_secs(5))
            .expect("opening hung on a FIFO");
        assert!(!opened.usable);
        assert!(
            opened.warning.unwrap().contains("not a regular file"),
            "said why"
        );
        assert!(
            fs::symlink_metadata(&store.path)
                .unwrap()
                .file_type()
                .is_fifo()
        );
        let mut layer = Layer::default();
        layer.node_mut("P1").note = "x".into();
        let changes = super::super::Changes {
            fields: [("P1".to_string(), super::super::Field::Note)].into(),
            ..Default::default()
        };
        assert!(store.save(&layer, &changes).is_err(), "never written over");
        let _ = fs::remove_dir_all(&d);
    }

    /// Issue 15.13: leftovers of killed saves are cleaned up; a link planted at a temporary
    /// name is never followed; a linked layer stays a link.
    #[test]
    fn stale_temps_go_planted_links_are_not_followed_and_links_stay() {
        let d = dir("temps");
        let store = Store::new(&d, None);
        let layers = store.path.parent().unwrap().to_path_buf();
        fs::create_dir_all(&layers).unwrap();
        // A process that is gone: its leftovers go; a live one's (ours) stay.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let prefix = temp_prefix(&store.path);
        let stale = layers.join(format!("{prefix}{dead}-0"));
        let live = layers.join(format!("{prefix}{}-999999999", std::process::id()));
        fs::write(&stale, "old").unwrap();
        fs::write(&live, "in progress").unwrap();
        store.open();
        assert!(!stale.exists(), "a dead save's leftover is removed");
        assert!(live.exists(), "a live save's file is left");
        fs::remove_file(&live).unwrap();
        // Links planted at the temporary names this process would use next.
        let victim = d.join("victim");
        fs::write(&victim, "precious").unwrap();
        let next = TEMP_COUNTER.load(std::sync::atomic::Ordering::Relaxed);
        for n in 0..2_000 {
            let _ = std::os::unix::fs::symlink(
                &victim,
                layers.join(format!("{prefix}{}-{}", std::process::id(), next + n)),
            );
        }
        write_atomically(&store.path, b"title = \"ok\"\n").unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(fs::read_to_string(&store.path).unwrap(), "title = \"ok\"\n");
        // A layer that is a link stays one; the file it names gets the save.
        let elsewhere = d.join("synced.toml");
        fs::rename(&store.path, &elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, &store.path).unwrap();
        write_atomically(&store.path, b"title = \"again\"\n").unwrap();
        assert!(
            fs::symlink_metadata(&store.path)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            fs::read_to_string(&elsewhere).unwrap(),
            "title = \"again\"\n"
        );
        let _ = fs::remove_dir_all(&d);
    }

    /// Issue 15.15: a bare file name is written in the current folder.
    #[test]
    fn a_bare_name_is_written_in_the_current_folder() {
        let name = format!("argwalk-bare-{}.md", std::process::id());
        write_atomically(Path::new(&name), b"x").unwrap();
        assert_eq!(fs::read_to_string(&name).unwrap(), "x");
        fs::remove_file(&name).unwrap();
    }
}
