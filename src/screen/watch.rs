//! Watches files for changes made by others (an author's save, a presenter's move), and only
//! those: reading a file is not a change.
//!
//! notify's inotify backend reports opens and read-closes too. A debouncer that forgets the
//! kind of each event (notify-debouncer-mini) turns our own read of a file into another
//! "changed": a follower that reads the room file on each change then wakes itself for ever
//! (measured: 6.5% of a core, ~120 reads a second, idle). So the kinds are kept, reads are
//! dropped, and a burst of writes (temporary file, rename, touch) settles into one call.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher as _, event::AccessKind};

/// A watch on some files (through their folders: editors save by writing a new file and
/// renaming it over the old, which a watch on the file itself would lose). Dropping it stops.
pub(crate) struct Watch {
    _watcher: notify::RecommendedWatcher,
}

/// Whether an event is a change, not a read: opens and read-closes are not.
fn changes(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(notify::event::AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

pub(crate) fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

impl Watch {
    /// Calls `changed` once the files in `files` have changed and `settle` has passed with no
    /// further change. `None` if no folder could be watched.
    pub(crate) fn new(
        files: &[PathBuf],
        settle: Duration,
        changed: impl Fn() + Send + 'static,
    ) -> Option<Self> {
        let wanted: Vec<PathBuf> = files.iter().map(|p| absolute(p)).collect();
        let (tx, rx) = mpsc::channel::<()>();
        let names = wanted.clone();
        let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            if let Ok(event) = res
                && changes(&event.kind)
                && event.paths.iter().any(|p| names.contains(&absolute(p)))
            {
                let _ = tx.send(());
            }
        })
        .ok()?;
        let mut dirs: Vec<PathBuf> = wanted
            .iter()
            .filter_map(|p| p.parent().map(Path::to_path_buf))
            .collect();
        dirs.sort();
        dirs.dedup();
        let mut any = false;
        for dir in dirs {
            any |= watcher.watch(&dir, RecursiveMode::NonRecursive).is_ok();
        }
        if !any {
            return None;
        }
        // The settling thread ends when the watcher (and so the sender) is dropped.
        let _ = std::thread::Builder::new()
            .name("watch".into())
            .spawn(move || {
                while rx.recv().is_ok() {
                    loop {
                        match rx.recv_timeout(settle) {
                            Ok(()) => continue,
                            Err(mpsc::RecvTimeoutError::Timeout) => break,
                            Err(mpsc::RecvTimeoutError::Disconnected) => return,
                        }
                    }
                    changed();
                }
            });
        Some(Self { _watcher: watcher })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_a_watched_file_is_not_a_change_writing_it_is() {
        let dir = std::env::temp_dir().join(format!("argwalk-watch-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("room.json");
        std::fs::write(&file, "{}").unwrap();
        let (tx, rx) = mpsc::channel();
        let _watch = Watch::new(
            std::slice::from_ref(&file),
            Duration::from_millis(10),
            move || {
                let _ = tx.send(());
            },
        )
        .unwrap();
        for _ in 0..20 {
            let _ = std::fs::read(&file).unwrap();
        }
        assert!(
            rx.recv_timeout(Duration::from_millis(300)).is_err(),
            "a read woke the watcher"
        );
        crate::study::store::write_atomically(&file, b"{\"x\":1}").unwrap();
        assert!(
            rx.recv_timeout(Duration::from_secs(5)).is_ok(),
            "a write was missed"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
