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
        let ok = !name.is_empty()
            && name.len() <= 64
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !ok {
            return Err("a room is named with letters, digits, - and _ (at most 64)".into());
        }
        Ok(Self {
            name: name.to_string(),
            path: state.join("rooms").join(format!("{name}.json")),
        })
    }

    /// Writes where the presenter is, atomically: a follower never reads half a file.
    pub fn publish(&self, position: &Position) -> std::io::Result<()> {
        let text = serde_json::to_string(position).unwrap_or_default();
        crate::study::store::write_atomically(&self.path, text.as_bytes())
    }

    /// Where the presenter is now, if anyone presents.
    pub fn read(&self) -> Option<Position> {
        let text = std::fs::read_to_string(&self.path).ok()?;
        serde_json::from_str(&text).ok()
    }
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
        room.publish(&p).unwrap();
        assert_eq!(room.read(), Some(p));
        assert!(Room::new(&dir, "../etc").is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
