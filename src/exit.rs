//! The exit statuses every command and both faces end with, below them all so that the
//! drivers and the command line share them without importing each other.

/// Exit code of a map with errors.
pub const EXIT_MAP_ERRORS: u8 = 1;
/// Exit code of a usage or I/O error (clap uses 2 for usage errors too).
pub const EXIT_IO: u8 = 2;
