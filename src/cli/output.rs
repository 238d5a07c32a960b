//! Writing results: standard output, or a file written whole (temporary file, then
//! rename) so that a failure never leaves a partial file behind.

use std::io::Write;
use std::path::Path;

use super::Failure;
use crate::report::Format;

/// The format from --format, else from the output's extension, else the table.
pub fn pick_format(format: Option<&str>, output: Option<&Path>) -> Result<Format, Failure> {
    match format {
        Some(name) => Format::parse(name).ok_or_else(|| {
            Failure::input(format!(
                "error: unknown format `{name}`\n  hint: use table, csv, json, md, xlsx or html"
            ))
        }),
        None => Ok(output
            .filter(|p| p.as_os_str() != "-")
            .and_then(Format::from_path)
            .unwrap_or(Format::Table)),
    }
}

/// Writes bytes to `output` (or stdout for None and "-"), a file whole or not at all.
pub fn write_output(output: Option<&Path>, bytes: &[u8]) -> Result<(), Failure> {
    stream_output(output, |w: &mut dyn Write| {
        w.write_all(bytes)
            .map_err(|e| Failure::input(format!("error: cannot write the output: {e}")))
    })
}

/// Streams output to `output` (or stdout for None and "-") through `write`. A file is
/// written to a temporary file first and renamed when complete, never left partial.
pub fn stream_output<T>(
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
    let temp = temp_path(path);
    let file = std::fs::File::create(&temp).map_err(fail)?;
    let mut writer = std::io::BufWriter::new(file);
    let done = write(&mut writer).and_then(|value| {
        let file = writer.into_inner().map_err(|e| fail(e.into_error()))?;
        file.sync_all()
            .and_then(|()| std::fs::rename(&temp, path))
            .map_err(fail)?;
        Ok(value)
    });
    if done.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    done
}

fn temp_path(path: &Path) -> std::path::PathBuf {
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

/// The error for a format that a command's results do not come in.
pub fn unsupported(format: Format) -> Failure {
    Failure::input(format!(
        "error: this command writes table, csv, json or md, not {}\n  hint: `burden solve` and `burden report` write xlsx and html",
        format.name()
    ))
}
