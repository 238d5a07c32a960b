//! Reading input text safely: only regular files of bounded size, and the helpers the
//! YAML reader uses to bound alias expansion and to place an unclosed bracket.

use std::io::Read;
use std::path::Path;

use super::limits::MAX_FILE_BYTES;
use super::tree::{Kind, Node, Origin};

/// Reads an input file whole as text: only a regular file (not a device, pipe or
/// directory, which may never end), of at most [`MAX_FILE_BYTES`]. Err says why.
pub fn read_input(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("it is not a regular file (burden reads inputs only from regular files, not from devices, pipes or directories)".to_string());
    }
    let too_large = || {
        format!(
            "it is larger than {} MiB, the limit on input files",
            MAX_FILE_BYTES / (1024 * 1024)
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_string(&mut text))
        .map_err(|e| e.to_string())?;
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(text)
}

/// The innermost flow collection (`[` or `{`) still open when the parser failed on a
/// missing `]` or `}`, or on a later line: where the user forgot to close it.
pub(super) fn unclosed(
    text: &str,
    opened: &[(usize, Origin)],
    info: &str,
    at: &Origin,
) -> Option<(char, Origin)> {
    let missing_close = info.contains("']'") || info.contains("'}'");
    let (c, origin) = opened.iter().rev().find_map(|(index, origin)| {
        let c = text.chars().nth(*index)?;
        matches!(c, '[' | '{').then(|| (c, origin.clone()))
    })?;
    (missing_close || origin.line < at.line).then_some((c, origin))
}

/// The number of values in a node (itself and everything below it).
pub(super) fn size(node: &Node) -> usize {
    match &node.kind {
        Kind::Scalar { .. } => 1,
        Kind::Seq(items) => 1 + items.iter().map(size).sum::<usize>(),
        Kind::Map(entries) => 1 + entries.iter().map(|e| size(&e.value)).sum::<usize>(),
    }
}
