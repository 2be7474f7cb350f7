//! Interchange with the field's formats and tools: import, export, and compare with a reference.

pub mod compare;
pub mod export;
pub mod flow;
pub mod import;
