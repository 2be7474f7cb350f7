//! Where a reader's layer lives, and how it is written so that it is never lost: one file per
//! map in the user's state folder, written atomically (a temporary file in the same folder,
//! fsync, rename, fsync of the folder), under a lock shared by every session of that reader,
//! merged by node with what another session saved meanwhile, and never overwritten unread: a
//! file that cannot be read is moved aside, under a name the reader is told.

use std::collections::BTreeSet;
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
    /// Said to the reader: a damaged file moved aside, and where.
    pub warning: Option<String>,
}

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
    // FNV-1a: stable across runs and versions, unlike std's hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in full.as_os_str().as_encoded_bytes() {
        hash = (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
    }
    let stem: String = map
        .file_stem()
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
        .collect();
    format!("{stem}-{:08x}.toml", hash as u32)
}

impl Store {
    /// The layer file of the map at `map` (`None`: the built-in map) in `dir`.
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

    /// Reads the layer; a missing file is an empty layer, a damaged one is moved aside.
    pub fn open(&self) -> Opened {
        let _lock = self.lock();
        match self.read() {
            Ok(layer) => Opened {
                layer: layer.unwrap_or_default(),
                warning: None,
            },
            Err(why) => Opened {
                layer: Layer::default(),
                warning: Some(self.move_aside(&why)),
            },
        }
    }

    /// The layer as it is on disk, read only (for a list of maps): an unreadable file counts
    /// as empty here, and is left for the session that opens the map to move aside.
    pub fn peek(&self) -> Layer {
        self.read().ok().flatten().unwrap_or_default()
    }

    /// The layer on disk: `None` when there is no file yet, `Err` when it cannot be read.
    fn read(&self) -> Result<Option<Layer>, String> {
        let bytes = match fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e.to_string()),
        };
        let text = String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())?;
        Layer::from_text(&text).map(Some)
    }

    /// Moves an unreadable file aside, and says where it went.
    fn move_aside(&self, why: &str) -> String {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let aside = self.path.with_extension(format!("damaged-{stamp}.toml"));
        let why = crate::sanitize::clean(why.lines().next().unwrap_or(why));
        match fs::rename(&self.path, &aside) {
            Ok(()) => format!(
                "Your notes file could not be read ({why}). It was moved to {}, unchanged, and a new one was started.",
                aside.display()
            ),
            Err(e) => format!(
                "Your notes file {} could not be read ({why}) nor moved aside ({e}); it is left as it is",
                self.path.display()
            ),
        }
    }

    /// Saves this session's changes: under the lock, reads what is there (another session may
    /// have saved), lays `ours` over it for the nodes in `changed`, and writes the result
    /// atomically. Returns the merged layer, which the session then shows.
    pub fn save(
        &self,
        ours: &Layer,
        changed: &BTreeSet<(String, super::Field)>,
        side_changed: bool,
    ) -> Result<(Layer, Option<String>), String> {
        let _lock = self
            .lock()
            .map_err(|e| format!("cannot lock {}: {e}", self.lock_path().display()))?;
        let (disk, warning) = match self.read() {
            Ok(layer) => (layer.unwrap_or_default(), None),
            // Never written over unread: the damaged file is kept under another name.
            Err(why) => (Layer::default(), Some(self.move_aside(&why))),
        };
        let merged = disk.merged(ours, changed, side_changed);
        write_atomically(&self.path, merged.to_text().as_bytes())
            .map_err(|e| format!("cannot save your notes to {}: {e}", self.path.display()))?;
        Ok((merged, warning))
    }
}

/// Writes `bytes` to `path` so that a crash at any moment leaves the old file or the new one,
/// whole: a temporary file in the same folder, fsync, rename over `path`, fsync of the folder.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
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
        use super::super::Field;
        store
            .save(&a, &[("P1".to_string(), Field::Note)].into(), false)
            .unwrap();
        let (merged, _) = store
            .save(&b, &[("P2".to_string(), Field::Note)].into(), false)
            .unwrap();
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
}
