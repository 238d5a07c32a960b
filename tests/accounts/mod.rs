//! Tracking and re-planning: actuals files, `burden track` and `burden replan`.
//!
//! Snapshots live in tests/snapshots/accounts/ and are compared byte for byte through
//! the harness (tests/support); after a deliberate change of an output, rewrite them with
//! `UPDATE_SNAPSHOTS=1 cargo test --test integration accounts` and read the diff.

mod actuals;
mod documents;
mod replan;
mod track;

use std::path::Path;

/// The repository root; commands run there so that paths in messages are stable.
pub fn root() -> &'static Path {
    crate::support::root()
}

/// A fixture path relative to the root.
pub fn fixture(name: &str) -> String {
    format!("tests/fixtures/accounts/{name}")
}
