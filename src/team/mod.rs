//! The team server: the library of maps, the teacher's class, and rooms to present and follow in.

pub mod class;
pub(crate) mod folder;
pub mod library;
pub mod room;
