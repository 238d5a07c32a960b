//! Reading a scenario named on the command line: a file, or `-` for standard input
//! (read once, whole; `extends` and `allies_from` paths then resolve from the current
//! directory).

use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

use super::Failure;
use crate::scenario::{Document, InvalidScenario, Loaded, Override};

/// How standard input is named in messages.
pub(super) const STDIN_NAME: &str = "<stdin>";

static STDIN: OnceLock<Result<String, String>> = OnceLock::new();

/// Whether a scenario argument means standard input.
pub(super) fn is_stdin(file: &Path) -> bool {
    file.as_os_str() == "-"
}

/// Standard input, read whole the first time it is asked for.
pub(super) fn stdin_text() -> Result<&'static str, Failure> {
    let read = STDIN.get_or_init(|| {
        let limit = crate::scenario::limits::MAX_FILE_BYTES;
        let mut text = String::new();
        std::io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_string(&mut text)
            .map_err(|e| format!("error: cannot read the scenario from standard input: {e}"))?;
        if text.len() as u64 > limit {
            return Err(format!(
                "error: the scenario on standard input is larger than {} MiB, the limit on input files",
                limit / (1024 * 1024)
            ));
        }
        Ok(text)
    });
    read.as_deref().map_err(|m| Failure::input(m.clone()))
}

/// Reads a scenario file (or standard input for `-`) with the files it extends.
pub(super) fn document(file: &Path) -> Result<Document, Failure> {
    let doc = if is_stdin(file) {
        Document::parse(stdin_text()?, STDIN_NAME)
    } else {
        Document::read(file)
    };
    doc.map_err(|e| Failure::input(e.to_string()))
}

/// Loads and validates a scenario (or standard input for `-`); an unreadable input is a
/// failure, an invalid scenario its problems.
pub(super) fn load(
    file: &Path,
    overrides: &[Override],
) -> Result<Result<Loaded, InvalidScenario>, Failure> {
    if is_stdin(file) {
        let doc = Document::parse(stdin_text()?, STDIN_NAME);
        return Ok(doc.and_then(|d| d.resolve(overrides)));
    }
    Ok(crate::scenario::load(file, overrides))
}
