//! The terminal face: the reader's state and its update, the views, the key table, the terminal and its driver.

pub mod app;
pub mod ascii;
pub mod class_list;
pub mod command;
pub mod config;
pub(crate) mod draw;
pub(crate) mod driver;
pub mod editor;
pub mod event;
pub mod flow;
pub(crate) mod input;
pub mod key;
pub mod keymap;
pub mod layout;
pub mod library;
pub mod scrollable;
pub mod search;
pub mod sheet;
pub mod start;
pub(crate) mod terminal;
pub mod theme;
pub mod view;
pub(crate) mod watch;
pub mod wrap;
