//! The reader's own layer over a map (marks, notes, judgements, the side argued) and its
//! safe keeping; the map itself is the author's and is never changed.

pub mod drill;
pub mod layer;
pub mod prep;
pub mod questions;
pub mod rescue;
pub mod store;

pub use layer::{Changes, Field, Judgement, Layer, NodeState, Side};
pub use store::Store;
