//! What a session could not save, kept on another filesystem: when a reader's notes cannot
//! be written where they live (a full disk, a folder gone read-only), the store writes the
//! session's whole layer on its way out to the runtime folder (`$XDG_RUNTIME_DIR`, else the
//! temporary folder), and the next session of that reader on that map takes it back in,
//! merged with what is on disk, before anything else. Where, what, and how to merge: here.

use std::path::{Path, PathBuf};

use super::layer::Layer;

/// The folder rescues are kept in: the runtime folder (a tmpfs, another filesystem than the
/// state folder's, so a full disk there does not stop it), else the temporary folder.
fn folder() -> PathBuf {
    std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|d| d.is_dir())
        .unwrap_or_else(std::env::temp_dir)
        .join("argwalk-rescue")
}

/// The rescue file of the layer file at `layer_path`: one per reader and map, named by the
/// stable hash layer files are named by.
pub fn path_for(layer_path: &Path) -> PathBuf {
    let mut hash = crate::map::model::Fnv::default();
    hash.write(layer_path.as_os_str().as_encoded_bytes());
    folder().join(format!("{:016x}.toml", hash.0))
}

/// The text of the rescue of `layer`, kept for the layer file at `layer_path` (the store
/// writes it, as it writes every layer).
pub fn text(layer_path: &Path, layer: &Layer) -> String {
    format!(
        "# argwalk: notes a session could not save to {}; the next session takes them back.\n{}",
        layer_path.display(),
        layer.to_text()
    )
}

/// Makes the folder rescues are kept in, readable by the reader alone (their own words).
pub fn make_folder(rescue: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    match rescue.parent() {
        Some(dir) => std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir),
        None => Ok(()),
    }
}

/// The rescue of the layer file at `layer_path`, if there is one that reads.
pub fn find(layer_path: &Path) -> Option<(PathBuf, Layer)> {
    let path = path_for(layer_path);
    let text = std::fs::read_to_string(&path).ok()?;
    Layer::from_text(&text).ok().map(|l| (path, l))
}

/// `rescued` laid over `disk`: every note, mark, verdict, side, answer and drill card the
/// rescue holds is kept; a note that differs from the one on disk (written meanwhile by
/// another session) is kept beside it, the disk's first. Returns how many notes came back.
pub fn merge(disk: &mut Layer, rescued: &Layer) -> usize {
    let mut notes = 0;
    for (id, theirs) in &rescued.nodes {
        let ours = disk.node_mut(id);
        if !theirs.note.is_empty() && ours.note != theirs.note {
            notes += 1;
            ours.note = if ours.note.is_empty() {
                theirs.note.clone()
            } else {
                format!("{}\n\n(rescued) {}", ours.note, theirs.note)
            };
        }
        ours.understood |= theirs.understood;
        ours.visited |= theirs.visited;
        if theirs.judgement.is_some() {
            ours.judgement = theirs.judgement;
        }
    }
    if rescued.side.is_some() {
        disk.side = rescued.side;
    }
    for (k, card) in &rescued.drills {
        disk.drills.insert(k.clone(), card.clone());
    }
    for (k, answer) in &rescued.questions {
        disk.questions.insert(k.clone(), *answer);
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rescue_keeps_both_notes_when_the_disk_changed() {
        let mut disk = Layer::default();
        disk.node_mut("P1").note = "written meanwhile".into();
        let mut rescued = Layer::default();
        rescued.node_mut("P1").note = "mine".into();
        rescued.node_mut("P2").note = "only here".into();
        rescued.node_mut("P2").understood = true;
        assert_eq!(merge(&mut disk, &rescued), 2);
        assert_eq!(
            disk.node("P1").unwrap().note,
            "written meanwhile\n\n(rescued) mine"
        );
        assert_eq!(disk.node("P2").unwrap().note, "only here");
        assert!(disk.node("P2").unwrap().understood);
        // Stable names: the same layer file, the same rescue.
        assert_eq!(
            path_for(Path::new("/a/b.toml")),
            path_for(Path::new("/a/b.toml"))
        );
        assert_ne!(
            path_for(Path::new("/a/b.toml")),
            path_for(Path::new("/a/c.toml"))
        );
    }
}
