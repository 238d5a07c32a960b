//! Temporary output files that must not outlive an interrupted run: while one exists, an
//! interrupt, termination or hang-up (SIGINT, SIGTERM, SIGHUP) removes it and ends the
//! process with the conventional code 128 + signal number.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The temporary files that exist now.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn live() -> MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A temporary file path, removed on drop (when still there) and on the signals above.
#[derive(Debug)]
pub(super) struct TempFile {
    path: PathBuf,
}

impl TempFile {
    /// Creates the file at `path`, registered under the same lock as the signal watcher
    /// takes, so that a signal either finds the file registered or ends the run before
    /// it exists.
    pub(super) fn create(path: PathBuf) -> std::io::Result<(TempFile, std::fs::File)> {
        watch_signals();
        let mut live = live();
        let file = std::fs::File::create(&path)?;
        live.push(path.clone());
        Ok((TempFile { path }, file))
    }

    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    /// The file has been renamed into place: nothing to remove any more.
    pub(super) fn keep(self) {
        forget(&self.path);
        std::mem::forget(self);
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        forget(&self.path);
    }
}

fn forget(path: &Path) {
    live().retain(|p| p != path);
}

/// Removes every live temporary file and ends the run, holding the lock to the end so
/// that no new temporary file appears meanwhile.
#[cfg(unix)]
fn remove_all_and_exit(code: i32) -> ! {
    let mut live = live();
    for path in live.drain(..) {
        let _ = std::fs::remove_file(path);
    }
    std::process::exit(code)
}

#[cfg(unix)]
fn watch_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // Without the watcher the signals keep their default action: the run ends, and
        // only the temporary file may stay behind.
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    remove_all_and_exit(128 + signal);
                }
            });
    });
}

#[cfg(not(unix))]
fn watch_signals() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dropped_temporary_file_is_removed_and_a_kept_one_stays() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone.tmp");
        let (temp, _) = TempFile::create(gone.clone()).unwrap();
        assert!(gone.exists());
        drop(temp);
        assert!(!gone.exists());
        let kept = dir.path().join("kept.tmp");
        let (temp, _) = TempFile::create(kept.clone()).unwrap();
        temp.keep();
        assert!(kept.exists());
        assert!(!live().contains(&kept));
    }
}
