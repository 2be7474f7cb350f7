//! Helpers shared by the integration tests and examples.
pub mod pty;
pub mod screen;
