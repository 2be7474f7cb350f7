//! Tooling that is not the product: the agreement study and the synthetic map generator, for tests, benches and examples only.

pub mod agreement;
pub mod synthetic;
