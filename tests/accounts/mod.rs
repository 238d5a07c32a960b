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

use crate::support::{Output, Test};

/// The repository root; commands run there so that paths in messages are stable.
pub fn root() -> &'static Path {
    crate::support::root()
}

/// A fixture path relative to the root.
pub fn fixture(name: &str) -> String {
    format!("tests/fixtures/accounts/{name}")
}

// The three helpers below are shorthands over the harness for tests/arrangements.rs;
// the tests of this module use `Test` directly.

/// Runs the binary from the repository root through the harness and expects exit
/// code `code`.
pub fn run(args: &[&str], code: i32) -> Output {
    Test::new().args(args).code(code).run()
}

/// Standard output as text (lossy).
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Standard error as text (lossy).
pub fn stderr(out: &Output) -> String {
    out.stderr_text()
}

/// Writes a temporary file with the given name and text; returns the directory guard
/// and the file's path.
pub fn temp_file(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("the file is written");
    let path = path.to_string_lossy().into_owned();
    (dir, path)
}
