//! A folder of maps as the library and the class read it: its map files, and a file's name as
//! drawn (sanitized). Below both, which each read a folder their way.

use std::path::{Path, PathBuf};

/// Whether `name` is a name a room or a member may have: letters, digits, `-` and `_`, at
/// most 64, so it names one folder and nothing else.
pub fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Whether `path` names a file of the debate round (a motion or a flow), not a map.
pub fn is_debate(path: &Path) -> bool {
    path.file_name().is_some_and(|n| {
        let n = n.to_string_lossy();
        n.ends_with(".motion.toml") || n.ends_with(".flow.toml")
    })
}

/// The motions and flows (`*.motion.toml`, `*.flow.toml`, not hidden) in `folder`, by path.
pub fn debates_in(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| is_debate(p) && p.is_file())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    found.sort();
    Ok(found)
}

/// The maps (`*.toml` files, not hidden, not motions nor flows) in `folder`, by path.
pub fn maps_in(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut maps: Vec<PathBuf> = std::fs::read_dir(folder)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .filter(|p| {
            // Hidden files, and motions and flows (which draw on maps and are none).
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                && !is_debate(p)
        })
        .collect();
    maps.sort();
    Ok(maps)
}

/// A file's name as drawn: sanitized, since a name made of escape sequences must not reach
/// the terminal.
pub fn file_name(path: &Path) -> String {
    crate::map::sanitize::clean(
        &path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    )
}
