//! Writing results: standard output, a regular file written whole (temporary file, then
//! rename) so that a failure or an interrupt never leaves a partial file behind, or a
//! device or named pipe written straight into. Also the format an output path asks for.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::temp::TempFile;
use super::Failure;
use crate::report::Format;

/// The format from --format, else from the output's extension, else the table.
pub(super) fn pick_format(format: Option<&str>, output: Option<&Path>) -> Result<Format, Failure> {
    match format {
        Some(name) => Format::parse(name).ok_or_else(|| {
            Failure::input(format!(
                "error: unknown format `{name}`\n  hint: use table, csv, json, md, xlsx or html"
            ))
        }),
        None => Ok(format_of_path(output)?.unwrap_or(Format::Table)),
    }
}

/// The format the output's extension names: none for standard output and for a name
/// without an extension (such as `/dev/null`), refused for an extension of no format.
pub(super) fn format_of_path(output: Option<&Path>) -> Result<Option<Format>, Failure> {
    let Some(path) = output.filter(|p| p.as_os_str() != "-") else {
        return Ok(None);
    };
    let Some(extension) = path.extension() else {
        return Ok(None);
    };
    Format::from_path(path).map(Some).ok_or_else(|| {
        Failure::input(format!(
            "error: {} names no format burden writes (.{})\n  hint: end the name in .txt, .csv, .json, .md, .tex, .xlsx or .html, or give --format",
            path.display(),
            extension.to_string_lossy()
        ))
    })
}

/// Writes bytes to `output` (or stdout for None and "-"), a file whole or not at all.
pub(super) fn write_output(output: Option<&Path>, bytes: &[u8]) -> Result<(), Failure> {
    stream_output(output, |w: &mut dyn Write| {
        w.write_all(bytes)
            .map_err(|e| Failure::input(format!("error: cannot write the output: {e}")))
    })
}

/// Where an output path's bytes go.
enum Target {
    /// A regular file (or none yet): written beside it and renamed over it when complete.
    /// The path is the file itself, through any symbolic link.
    Replace(PathBuf),
    /// A device, a named pipe or a socket: written straight into, never replaced.
    Direct,
}

impl Target {
    fn of(path: &Path) -> Result<Target, Failure> {
        let Ok(meta) = std::fs::metadata(path) else {
            return Ok(Target::Replace(path.to_path_buf()));
        };
        if meta.is_dir() {
            return Err(Failure::input(format!(
                "error: cannot write {}: it is a directory\n  hint: name a file in it, e.g. {}",
                path.display(),
                path.join("plan.txt").display()
            )));
        }
        if !meta.is_file() {
            return Ok(Target::Direct);
        }
        let linked = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        Ok(Target::Replace(if linked {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        } else {
            path.to_path_buf()
        }))
    }
}

/// Streams output to `output` (or stdout for None and "-") through `write`. A regular
/// file is written to a temporary file first and renamed when complete, never left
/// partial; anything else (a device such as /dev/null, a named pipe) is written into.
pub(super) fn stream_output<T>(
    output: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let Some(path) = output.filter(|p| p.as_os_str() != "-") else {
        let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
        let value = write(&mut stdout)?;
        stdout
            .flush()
            .map_err(|e| Failure::input(format!("error: cannot write the output: {e}")))?;
        return Ok(value);
    };
    let fail =
        |e: std::io::Error| Failure::input(format!("error: cannot write {}: {e}", path.display()));
    match Target::of(path)? {
        Target::Direct => {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(fail)?;
            let mut writer = std::io::BufWriter::new(file);
            let value = write(&mut writer)?;
            writer.flush().map_err(fail)?;
            Ok(value)
        }
        Target::Replace(file) => replace(&file, write).map_err(|f| match f {
            Written::Io(e) => fail(e),
            Written::Failed(f) => f,
        }),
    }
}

enum Written {
    Io(std::io::Error),
    Failed(Failure),
}

/// Writes a temporary file beside `path` and renames it over `path` when complete; the
/// temporary file is removed on any failure and on an interrupt.
fn replace<T>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<T, Failure>,
) -> Result<T, Written> {
    let (temp, file) = TempFile::create(temp_path(path)).map_err(Written::Io)?;
    let mut writer = std::io::BufWriter::new(file);
    let value = write(&mut writer).map_err(Written::Failed)?;
    let file = writer
        .into_inner()
        .map_err(|e| Written::Io(e.into_error()))?;
    file.sync_all()
        .and_then(|()| std::fs::rename(temp.path(), path))
        .map_err(Written::Io)?;
    temp.keep();
    Ok(value)
}

fn temp_path(path: &Path) -> PathBuf {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}.{}.tmp", std::process::id()))
}
