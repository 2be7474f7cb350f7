//! A folder of maps as the library and the class read it: its map files, and a file's name as
//! drawn (sanitized). Below both, which each read a folder their way.

use std::path::{Path, PathBuf};

/// The maps (`*.toml` files, not hidden, not motions) in `folder`, by path.
pub fn maps_in(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut maps: Vec<PathBuf> = std::fs::read_dir(folder)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .filter(|p| {
            // Hidden files, and motions (`*.motion.toml`, which draw on maps and are none).
            !p.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.starts_with('.') || n.ends_with(".motion.toml")
            })
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
