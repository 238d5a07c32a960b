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
use std::process::{Command, Output};

/// The repository root; commands run there so that paths in messages are stable.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture path relative to the root.
pub fn fixture(name: &str) -> String {
    format!("tests/fixtures/accounts/{name}")
}

/// Runs the binary from the repository root.
pub fn burden(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_burden"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("the burden binary runs")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs the binary and expects exit code `code`.
pub fn run(args: &[&str], code: i32) -> Output {
    let out = burden(args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "burden {}\nstdout:\n{}\nstderr:\n{}",
        args.join(" "),
        stdout(&out),
        stderr(&out)
    );
    out
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
