//! File snapshots: an output compared byte for byte with tests/snapshots/NAME. After a
//! deliberate change of an output, `UPDATE_SNAPSHOTS=1 cargo test` rewrites the files
//! that differ (and writes missing ones); review them with `git diff`.

use std::path::PathBuf;

/// The environment variable that rewrites snapshots instead of comparing.
const UPDATE: &str = "UPDATE_SNAPSHOTS";

fn path_of(name: &str) -> PathBuf {
    super::root().join("tests/snapshots").join(name)
}

/// Asserts that `actual` is the snapshot `name` (a path under tests/snapshots/, such as
/// `proposal.csv` or `accounts/track.txt`), or rewrites it with `UPDATE_SNAPSHOTS=1`.
pub(crate) fn snapshot(name: &str, actual: impl AsRef<[u8]>) {
    if let Err(message) = check(name, actual.as_ref()) {
        panic!("{message}");
    }
}

/// Compares (or, with `UPDATE_SNAPSHOTS` set, writes); the error is the message.
pub(super) fn check(name: &str, actual: &[u8]) -> Result<(), String> {
    let path = path_of(name);
    let expected = std::fs::read(&path);
    if std::env::var_os(UPDATE).is_some() {
        if expected.as_deref().ok() != Some(actual) {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("the snapshot folder");
            }
            std::fs::write(&path, actual).expect("the snapshot is written");
        }
        return Ok(());
    }
    let expected = expected.map_err(|e| {
        format!(
            "no snapshot {}: {e} (run with {UPDATE}=1 to write it)",
            path.display()
        )
    })?;
    match first_difference(&expected, actual) {
        None => Ok(()),
        Some(diff) => Err(format!(
            "output differs from the snapshot {}\n{diff}\n\
             (after a deliberate change, {UPDATE}=1 cargo test rewrites it)",
            path.display()
        )),
    }
}

/// The first line where `actual` differs from `expected`, as a short diff; `None` when
/// the bytes are equal.
pub(super) fn first_difference(expected: &[u8], actual: &[u8]) -> Option<String> {
    if expected == actual {
        return None;
    }
    let (old, new) = (
        String::from_utf8_lossy(expected),
        String::from_utf8_lossy(actual),
    );
    let mut old_lines = old.split_inclusive('\n');
    let mut new_lines = new.split_inclusive('\n');
    let mut number = 1;
    loop {
        match (old_lines.next(), new_lines.next()) {
            (Some(a), Some(b)) if a == b => number += 1,
            (None, None) => return Some("the bytes differ where they are not UTF-8".into()),
            (a, b) => {
                let show =
                    |l: Option<&str>| l.map_or("(end of output)".to_string(), |l| format!("{l:?}"));
                return Some(format!(
                    "first difference at line {number} ({} lines expected, {} found):\n\
                     - {}\n+ {}",
                    old.lines().count(),
                    new.lines().count(),
                    show(a),
                    show(b)
                ));
            }
        }
    }
}
