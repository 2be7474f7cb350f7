//! The debate round: the formats of debate (speeches, sides, times) as files a coach writes,
//! checked as maps are, each mistake at its place.

pub mod format;
mod read;
