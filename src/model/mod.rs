//! The optimisation model: the scenario's numbers in solver form (`Instance`) and the
//! linear programs built on them (good_lp).

mod envelope;
mod instance;
pub mod lp;
mod route;

pub use instance::Instance;
