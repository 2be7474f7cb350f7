//! Follow mode: a coach presents (`--present ROOM`), the team follows (`--follow ROOM`). The
//! presenter's position (the map, the selected node, the paragraph marked) is a small file in
//! the state folder's `rooms/`, written atomically at each move; followers watch the folder and
//! move with it. No network service: it works between the SSH sessions of one server.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Where the presenter is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// Who presents (their `--user` name, or "the presenter").
    pub presenter: String,
    /// The map's title, so a follower on another map knows it.
    pub map: String,
    pub node: String,
    pub paragraph: usize,
    /// The map's identity ([`crate::map::model::ArgumentMap::fingerprint`]): a follower on another
    /// map with the same title does not follow ids into the wrong argument.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// The presenter quit: followers are told, and stay where they are.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub left: bool,
}

/// A room's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Room {
    pub name: String,
    pub path: PathBuf,
}

impl Room {
    /// The room `name` under `state` (a name of letters, digits, `-` and `_`).
    pub fn new(state: &Path, name: &str) -> Result<Self, String> {
        if !super::folder::is_name(name) {
            return Err("a room is named with letters, digits, - and _ (at most 64)".into());
        }
        Ok(Self {
            name: name.to_string(),
            path: state.join("rooms").join(format!("{name}.json")),
        })
    }

    /// The round a presenter flows, copied here at each change for the followers to read
    /// (`rooms/NAME.flow.toml`): in the room, which every session of the team may read, not
    /// in the presenter's own state.
    pub fn flow_path(&self) -> PathBuf {
        self.path.with_extension("flow.toml")
    }

    /// Writes where the presenter is, atomically: a follower never reads half a file.
    pub fn publish(&self, position: &Position) -> std::io::Result<()> {
        let text = serde_json::to_string(position).unwrap_or_default();
        crate::study::store::write_atomically(&self.path, text.as_bytes())
    }

    /// The room's lock: held by its presenter for as long as their session lives.
    fn lock_path(&self) -> PathBuf {
        self.path.with_extension("lock")
    }

    /// Holds the room for a presenter: an exclusive lock on its lock file, which the system
    /// lets go of however the session ends (a kill -9, a lost connection), so followers know a
    /// presenter who crashed is gone. `None` when it cannot be held (another presents).
    pub fn hold(&self) -> Option<Presence> {
        std::fs::create_dir_all(self.path.parent()?).ok()?;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.lock_path())
            .ok()?;
        rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive).ok()?;
        Some(Presence { _file: file })
    }

    /// Whether a presenter holds the room now (a session alive, not one that crashed).
    pub fn presenting(&self) -> bool {
        let Ok(file) = std::fs::File::open(self.lock_path()) else {
            return false;
        };
        // A shared lock is had only when no presenter holds it; it goes with the file.
        rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockShared).is_err()
    }

    /// Waits, asleep, until the presenter holding the room lets go of it (quits or crashes).
    pub fn wait_until_free(&self) {
        if let Ok(file) = std::fs::File::open(self.lock_path()) {
            let _ = rustix::fs::flock(&file, rustix::fs::FlockOperation::LockShared);
        }
    }

    /// What the room's file says, as written: the last position published.
    pub fn written(&self) -> Option<Position> {
        use std::io::Read;
        // Without blocking, and only a regular file: a FIFO there holds no follower.
        let file = crate::study::store::open_regular(&self.path).ok()?;
        let mut text = String::new();
        file.take(64 * 1024).read_to_string(&mut text).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Where the presenter is now, if anyone presents: a position whose presenter no longer
    /// holds the room (their session crashed) reads as left.
    pub fn read(&self) -> Option<Position> {
        let mut now = self.written()?;
        if !now.left && !self.presenting() {
            now.left = true;
        }
        Some(now)
    }
}

/// A presenter's hold on a room ([`Room::hold`]): let go when dropped, or by the system when
/// the process ends however it ends.
#[derive(Debug)]
pub struct Presence {
    _file: std::fs::File,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_position_goes_through_the_file() {
        let dir = std::env::temp_dir().join(format!("argwalk-room-{}", std::process::id()));
        let room = Room::new(&dir, "finals").unwrap();
        assert!(room.read().is_none());
        let p = Position {
            presenter: "coach".into(),
            map: "Astana".into(),
            node: "P2".into(),
            paragraph: 5,
            fingerprint: Some("abc".into()),
            left: false,
        };
        // Without a presenter holding the room, a position reads as left (a crash); held,
        // as written.
        room.publish(&p).unwrap();
        assert_eq!(room.read().map(|r| r.left), Some(true));
        let held = room.hold().unwrap();
        assert!(room.presenting());
        assert!(room.hold().is_none(), "one presenter at a time");
        assert_eq!(room.read(), Some(p));
        drop(held);
        assert!(!room.presenting());
        assert!(Room::new(&dir, "../etc").is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
