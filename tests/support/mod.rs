//! Helpers shared by the integration tests and examples.
pub mod cli;
pub mod drawn;
pub mod library;
pub mod pty;
pub mod screen;
