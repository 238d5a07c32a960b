//! burden: a multi-year burden-sharing planner.
//!
//! A scenario (allies, indicators, bilateral aid, a total budget over several years and
//! rules of fairness) becomes a per-year, per-ally contribution plan that is fair by the
//! stated rule (leximin of burden indices by default), feasible under every constraint,
//! rounded with totals that add up exactly, and verified in exact decimal arithmetic.
//!
//! ```no_run
//! let loaded = burden::scenario::load(std::path::Path::new("scenarios/nato-100bn.yaml"), &[])?;
//! let plan = burden::plan(&loaded.scenario)?;
//! println!("{}", plan.allies[0].total);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

// No unwrap on a path a user's input can reach: errors are values (tests may unwrap).
#![warn(clippy::unwrap_used)]
// What is public is the library's interface; the rest is `pub(crate)` or private.
#![warn(unreachable_pub)]

pub mod actuals;
pub mod binding;
pub mod budget;
pub mod cli;
pub mod compare;
mod diagnose;
pub mod explain;
mod flow;
pub mod key;
pub mod model;
pub mod money;
pub mod plan;
mod planner;
pub mod pledge;
pub mod replan;
pub mod report;
pub mod rounding;
pub mod scenario;
pub mod solve;
pub mod starter;
pub mod sweep;
pub mod track;
mod verify;

pub use money::Money;
pub use plan::Plan;
pub use planner::{plan, plan_instance, PlanError};
