//! The map core: the TOML format, the loader and its checks, the model, the messages, schemes,
//! search and the outline, and the map's files on disk.

pub mod diagnostic;
pub mod files;
pub(crate) mod format;
pub mod init;
pub mod loader;
pub mod model;
pub mod outline;
pub(crate) mod sanitize;
pub mod schema;
pub mod schemes;
pub mod search;
pub(crate) mod syntax;
