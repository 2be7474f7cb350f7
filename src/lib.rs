//! argwalk: step through the argument structure of an article, beside its cited paragraphs.
//!
//! The library holds everything; `main.rs` only calls [`cli::main`]. Its folders, from the
//! bottom up: [`map`] (the format, the loader and the model), [`study`] (the reader's own
//! layer, drills and prep), [`interchange`] (import, export, compare), [`team`] (library,
//! class, rooms), and the two faces over them: [`screen`], the full-screen terminal reader,
//! and [`lines`], the line mode. [`wire`] is the screen's encoder of changed cells.

pub mod cli;
#[doc(hidden)]
pub mod debate;
pub mod dev;
pub mod exit;
pub mod interchange;
pub mod lines;
pub mod map;
pub mod screen;
pub mod session;
pub mod study;
pub mod team;
pub mod wire;
