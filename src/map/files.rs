//! A map's files on disk (the map and the article it names), and how they stand, to tell a save
//! from a read: the reader and the line mode both read a map again when it is saved.

use std::path::{Path, PathBuf};

/// Where the map being read came from, for reading it again and for the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapFiles {
    pub map: PathBuf,
    /// The article's text file, when the map names one.
    pub article: Option<PathBuf>,
}

impl MapFiles {
    /// The files of the map at `path`, whose source names `text_file` (relative to its folder).
    pub fn new(path: PathBuf, text_file: Option<&str>) -> Self {
        let article = text_file.map(|name| {
            path.parent()
                .map_or_else(|| PathBuf::from(name), |dir| dir.join(name))
        });
        Self { map: path, article }
    }
}

/// The files' inode, size and time of change: a save (even a rename within one tick of the
/// clock) changes it; reading does not. A save comes in several file events (a temporary file,
/// a rename, a touch): what was just read need not be read again.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stamp(Vec<Option<(u64, u64, std::time::SystemTime)>>);

impl Stamp {
    /// How `files` stand now (a file that is gone stands as `None`).
    pub fn of(files: &MapFiles) -> Self {
        use std::os::unix::fs::MetadataExt;
        let stamp = |p: &Path| {
            std::fs::metadata(p)
                .ok()
                .and_then(|m| Some((m.ino(), m.len(), m.modified().ok()?)))
        };
        Self(
            std::iter::once(&files.map)
                .chain(files.article.as_ref())
                .map(|p| stamp(p))
                .collect(),
        )
    }
}

/// Reads the map of `files` again if they changed since `last` (which becomes how they stand
/// now), from within `confine` when given: the map, checked, or why it cannot be read at all
/// (gone, a folder in its place, past the size limit), said to the reader. `None`: unchanged.
pub fn reread(
    files: &MapFiles,
    last: &mut Stamp,
    confine: Option<&Path>,
) -> Option<Result<super::loader::Loaded, String>> {
    let now = Stamp::of(files);
    if now == *last {
        return None;
    }
    *last = now;
    let loaded = match confine {
        Some(root) => super::loader::load_path_within(&files.map, root),
        None => super::loader::load_path(&files.map),
    };
    Some(loaded.map_err(|e| {
        crate::map::sanitize::clean(&format!(
            "Cannot read the map: {e:#}; the last good map stays"
        ))
    }))
}
