//! What a run did ([`Output`]): its exit status, both streams, and the temporary
//! directory it had, with the files the command wrote there.

use std::path::{Path, PathBuf};
use std::process::ExitStatus;
use std::rc::Rc;

use tempfile::TempDir;

use super::{Cwd, Test};

/// What a run did: exit status, both streams, and the temporary directory it had.
#[derive(Debug)]
pub(crate) struct Output {
    /// The command line, for messages.
    pub(super) line: String,
    pub(crate) status: ExitStatus,
    pub(crate) stdout: Vec<u8>,
    pub(crate) stderr: Vec<u8>,
    pub(super) dir: Rc<TempDir>,
    pub(super) cwd: Cwd,
}

impl Output {
    /// Standard output as text (it must be UTF-8).
    pub(crate) fn stdout_text(&self) -> String {
        String::from_utf8(self.stdout.clone())
            .unwrap_or_else(|e| self.fail(&format!("stdout is not UTF-8: {e}")))
    }

    /// Standard error as text (lossy).
    pub(crate) fn stderr_text(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    /// Standard output read as JSON into `T` (a test struct with `deny_unknown_fields`
    /// or `serde_json::Value`).
    pub(crate) fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.stdout)
            .unwrap_or_else(|e| self.fail(&format!("stdout is not the JSON expected: {e}")))
    }

    /// The temporary directory the command had.
    pub(crate) fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The path of `name` in the temporary directory (to open a written workbook).
    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir().join(name)
    }

    /// The text of `name` in the temporary directory (a file the command wrote).
    pub(crate) fn read(&self, name: &str) -> String {
        String::from_utf8(self.read_bytes(name))
            .unwrap_or_else(|e| self.fail(&format!("{name} is not UTF-8: {e}")))
    }

    /// The bytes of `name` in the temporary directory (a workbook, say).
    pub(crate) fn read_bytes(&self, name: &str) -> Vec<u8> {
        let path = self.path(name);
        std::fs::read(&path)
            .unwrap_or_else(|e| self.fail(&format!("cannot read {}: {e}", path.display())))
    }

    /// The names in the temporary directory, sorted (hidden ones included): what the
    /// command left behind.
    pub(crate) fn files(&self) -> Vec<String> {
        files_in(self.dir())
    }

    /// Fails unless nothing named `name` exists in the temporary directory (a file the
    /// command must not have written).
    pub(crate) fn assert_absent(&self, name: &str) {
        let path = self.path(name);
        if path.symlink_metadata().is_ok() {
            self.fail(&format!("{} exists but should not", path.display()));
        }
    }

    /// A new test in the same temporary directory and working directory, for a
    /// command that reads what this one wrote.
    pub(crate) fn then(&self) -> Test {
        Test::in_dir(Rc::clone(&self.dir), self.cwd.clone())
    }

    /// Fails the test with the command line and both streams.
    pub(super) fn fail(&self, what: &str) -> ! {
        panic!(
            "`{}`: {what}\n--- stdout:\n{}\n--- stderr:\n{}",
            self.line,
            shortened(&self.stdout),
            shortened(&self.stderr)
        )
    }
}

/// A stream for a failure message: its first 4 000 bytes, as text.
fn shortened(bytes: &[u8]) -> String {
    const MAX: usize = 4000;
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(MAX)]).into_owned();
    if bytes.len() > MAX {
        format!("{text}… ({} bytes in all)", bytes.len())
    } else {
        text
    }
}

/// The names in `dir`, sorted.
pub(super) fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| {
            let entry = e.expect("a directory entry");
            entry.file_name().to_string_lossy().into_owned()
        })
        .collect();
    names.sort();
    names
}
