//! Reading a table file whole into cells: CSV with the `csv` crate (quoted fields, a
//! UTF-8 byte-order mark, `#` comment lines), Excel and OpenDocument with calamine.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};

use super::{cell_origin, fail, Cell, Row, Table};
use crate::scenario::tree::Origin;
use crate::scenario::InvalidScenario;

/// The largest table file read (bytes).
pub const MAX_TABLE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads the table at `path` (`sheet` for a workbook); `named_at` is where the scenario
/// names it.
pub(super) fn read(
    path: &Path,
    sheet: Option<&str>,
    named_at: &Origin,
) -> Result<Table, InvalidScenario> {
    let problem = |message: String| fail(named_at, "allies_from", message);
    let meta = std::fs::metadata(path)
        .map_err(|e| problem(format!("cannot read the table {}: {e}", path.display())))?;
    if !meta.is_file() {
        return Err(problem(format!("{} is not a regular file", path.display())));
    }
    if meta.len() > MAX_TABLE_BYTES {
        return Err(problem(format!(
            "the table {} has {} bytes, more than the {MAX_TABLE_BYTES} a table may have",
            path.display(),
            meta.len()
        )));
    }
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "csv" => {
            if sheet.is_some() {
                return Err(problem(
                    "a CSV file has no sheets: leave out `sheet`".to_string(),
                ));
            }
            let bytes = std::fs::read(path)
                .map_err(|e| problem(format!("cannot read the table {}: {e}", path.display())))?;
            read_csv(&bytes, &path.display().to_string())
        }
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => read_workbook(path, sheet, named_at),
        _ => Err(problem(format!(
            "cannot tell the format of {}: a table is a .csv or .xlsx file",
            path.display()
        ))),
    }
}

/// The column letter of a 0-based column index: A, B, …, Z, AA, AB, …
pub(super) fn column_letter(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Reads CSV text: the first record that is not a `#` comment is the header row. A
/// UTF-8 byte-order mark (as Excel writes in "CSV UTF-8") is skipped.
pub(super) fn read_csv(bytes: &[u8], file: &str) -> Result<Table, InvalidScenario> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let whole = cell_origin(file.to_string());
    let mut headers: Option<Vec<Cell>> = None;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(file, &e))?;
        let line = record.position().map_or(0, csv::Position::line);
        let place = |i: usize| format!("{file}:{line}, column {}", column_letter(i));
        let Some(header) = &headers else {
            headers = Some(
                record
                    .iter()
                    .enumerate()
                    .map(|(i, text)| Cell {
                        text: text.to_string(),
                        origin: cell_origin(place(i)),
                    })
                    .collect(),
            );
            continue;
        };
        if record.len() > header.len() {
            return Err(fail(
                &cell_origin(place(header.len())),
                "allies_from",
                format!(
                    "the row has {} cells but the header row names {} columns",
                    record.len(),
                    header.len()
                ),
            ));
        }
        let cells = record
            .iter()
            .enumerate()
            .map(|(i, text)| {
                (!text.is_empty()).then(|| Cell {
                    text: text.to_string(),
                    origin: cell_origin(format!("{} ({})", place(i), header[i].text)),
                })
            })
            .collect();
        rows.push(Row {
            origin: cell_origin(format!("{file}:{line}")),
            cells,
        });
    }
    let headers = headers.ok_or_else(|| {
        fail(
            &whole,
            "allies_from",
            "the table is empty: it has no header row",
        )
    })?;
    Ok(Table {
        origin: whole,
        headers,
        rows,
    })
}

fn csv_error(file: &str, e: &csv::Error) -> InvalidScenario {
    let (line, message) = match e.kind() {
        csv::ErrorKind::Utf8 { pos, .. } => (
            pos.as_ref().map(csv::Position::line),
            "the table is not UTF-8 text (save it as CSV UTF-8)".to_string(),
        ),
        _ => (e.position().map(csv::Position::line), e.to_string()),
    };
    let place = match line {
        Some(line) => format!("{file}:{line}"),
        None => file.to_string(),
    };
    fail(&cell_origin(place), "allies_from", message)
}

/// Reads a sheet of a workbook (the first when none is named).
fn read_workbook(
    path: &Path,
    sheet: Option<&str>,
    named_at: &Origin,
) -> Result<Table, InvalidScenario> {
    let file = path.display().to_string();
    let problem = |message: String| fail(named_at, "allies_from", message);
    let mut book = open_workbook_auto(path)
        .map_err(|e| problem(format!("cannot read the workbook {file}: {e}")))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) if names.iter().any(|n| n == s) => s.to_string(),
        Some(s) => {
            return Err(problem(format!(
                "the workbook {file} has no sheet `{s}`; its sheets: {}",
                names.join(", ")
            )))
        }
        None => names
            .first()
            .cloned()
            .ok_or_else(|| problem(format!("the workbook {file} has no sheets")))?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| problem(format!("cannot read sheet `{name}` of {file}: {e}")))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let place = |row: usize, col: usize| {
        format!(
            "{file}, sheet {name}, cell {}{}",
            column_letter(left as usize + col),
            top as usize + row + 1
        )
    };
    let whole = cell_origin(format!("{file}, sheet {name}"));
    let mut headers: Option<Vec<Cell>> = None;
    let mut rows = Vec::new();
    for (r, row) in range.rows().enumerate() {
        if is_comment(row) || (headers.is_none() && row.iter().all(|c| *c == Data::Empty)) {
            continue;
        }
        let mut cells = Vec::with_capacity(row.len());
        for (c, data) in row.iter().enumerate() {
            let label = match &headers {
                Some(h) => match h.get(c) {
                    Some(head) => format!("{} ({})", place(r, c), head.text),
                    None => place(r, c),
                },
                None => place(r, c),
            };
            let origin = cell_origin(label);
            let text = cell_text(data).map_err(|m| fail(&origin, "allies_from", m))?;
            cells.push(text.map(|text| Cell { text, origin }));
        }
        match &headers {
            None => {
                headers = Some(header_cells(cells, |c| cell_origin(place(r, c))));
            }
            Some(h) => {
                if let Some(extra) = cells.iter().skip(h.len()).flatten().next() {
                    return Err(fail(
                        &extra.origin,
                        "allies_from",
                        "a value in a column that the header row does not name",
                    ));
                }
                rows.push(Row {
                    origin: cell_origin(place(r, 0)),
                    cells,
                });
            }
        }
    }
    let mut headers = headers.ok_or_else(|| {
        fail(
            &whole,
            "allies_from",
            "the sheet is empty: it has no header row",
        )
    })?;
    while headers.last().is_some_and(|h| h.text.is_empty()) {
        headers.pop();
    }
    Ok(Table {
        origin: whole,
        headers,
        rows,
    })
}

fn header_cells(cells: Vec<Option<Cell>>, origin: impl Fn(usize) -> Origin) -> Vec<Cell> {
    cells
        .into_iter()
        .enumerate()
        .map(|(c, cell)| {
            cell.unwrap_or_else(|| Cell {
                text: String::new(),
                origin: origin(c),
            })
        })
        .collect()
}

/// A row whose first cell is text starting with `#` (a note, as in CSV).
fn is_comment(row: &[Data]) -> bool {
    matches!(row.first(), Some(Data::String(s)) if s.trim_start().starts_with('#'))
}

/// The text of a workbook cell: text as written (trimmed), whole numbers in digits, other
/// numbers as the shortest decimal that reads back as the same binary number.
fn cell_text(data: &Data) -> Result<Option<String>, String> {
    let text = match data {
        Data::Empty => return Ok(None),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.is_finite() => format!("{f}"),
        Data::Float(_) => return Err("the cell holds a number that is not finite".to_string()),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
            return Err(
                "the cell holds a date or time; format it as a number or as text".to_string(),
            )
        }
        Data::Error(e) => return Err(format!("the cell holds the Excel error {e}")),
    };
    Ok((!text.is_empty()).then_some(text))
}
