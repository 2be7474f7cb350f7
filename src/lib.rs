//! argwalk: step through the argument structure of an article, beside its cited paragraphs.
//!
//! The library holds everything; `main.rs` only calls [`cli::main`]. Layers, from the file up:
//! [`format`] reads TOML, [`loader`] validates into the [`model`], [`app`] holds the reader's
//! state and its `update`, [`view`] draws it, [`terminal`] owns the real terminal.

pub mod agreement;
pub mod app;
pub mod ascii;
pub mod class;
pub mod cli;
pub mod compare;
pub mod config;
pub mod diagnostic;
pub(crate) mod driver;
pub mod editor;
pub mod event;
pub mod export;
pub(crate) mod format;
pub mod import;
pub mod init;
pub(crate) mod input;
pub mod key;
pub mod keymap;
pub mod layout;
pub mod library;
pub mod lines;
pub mod loader;
pub mod model;
pub mod outline;
pub mod room;
pub(crate) mod sanitize;
pub mod schema;
pub mod schemes;
pub mod search;
pub mod sheet;
pub mod study;
pub(crate) mod syntax;
pub mod synthetic;
pub(crate) mod terminal;
pub mod theme;
pub mod view;
pub(crate) mod watch;
pub mod wire;
pub mod wrap;
