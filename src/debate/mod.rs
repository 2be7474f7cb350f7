//! The debate round: the formats of debate (speeches, sides, times) as files a coach writes,
//! and a motion whose cases draw on many maps of the library; each checked as maps are, every
//! mistake at its place.

pub mod clock;
pub mod flow;
pub mod format;
pub mod motion;
mod read;
pub mod round_file;
pub mod round_store;
pub mod standing;
