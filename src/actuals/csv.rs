//! Actuals in CSV: a header naming the columns `ally`, `year` and `delivered` (in any
//! order; `name` and `note` columns are allowed and ignored), one row per ally and year;
//! an optional `bilateral` column gives the bilateral aid actually given (empty: not
//! stated).
//! Blank lines and lines starting with `#` are skipped, and so is the byte-order mark
//! that Excel's "CSV UTF-8" writes. Each line's fields are read by the `csv` crate; only
//! the column where each field starts is found here, for the places of errors, which
//! the crate does not report.

use std::path::PathBuf;
use std::sync::Arc;

use super::{problem, Entry, Read};
use crate::scenario::schema::suggest;
use crate::scenario::Origin;

const REQUIRED: &[&str] = &["ally", "year", "delivered"];
const KNOWN: &[&str] = &["ally", "year", "delivered", "name", "note", "bilateral"];

/// A field of a row with the 1-based column where it starts.
type Field = (String, usize);

pub(super) fn read(text: &str, file: &Arc<PathBuf>) -> Read {
    let mut read = Read::default();
    let at = |line: usize, column: usize| Origin {
        file: file.clone(),
        line,
        column,
    };
    // Excel's "CSV UTF-8" starts with a byte-order mark: it is no part of the header.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(records) = records(text, &at, &mut read) else {
        return read;
    };
    let mut rows = records.into_iter();
    let Some((header_line, header)) = rows.next() else {
        read.problems.push(problem(
            &at(1, 1),
            "",
            "the actuals file is empty: expected a header `ally,year,delivered`",
        ));
        return read;
    };
    let Some(columns) = columns(&header, header_line, &at, &mut read) else {
        return read;
    };
    for (line, fields) in rows {
        if fields.len() != columns.width {
            read.problems.push(problem(
                &at(line, 1),
                "",
                format!(
                    "{} fields where the header has {}",
                    fields.len(),
                    columns.width
                ),
            ));
            continue;
        }
        let cell = |c: usize| (fields[c].0.trim().to_string(), at(line, fields[c].1));
        let ally = cell(columns.ally);
        let year = cell(columns.year);
        let path = format!("{}.{}", year.0, ally.0);
        if let Some(b) = columns.bilateral.map(cell).filter(|(t, _)| !t.is_empty()) {
            read.bilateral.push(Entry {
                path: format!("{path}.bilateral"),
                year: year.clone(),
                ally: ally.clone(),
                amount: b,
            });
        }
        read.entries.push(Entry {
            path,
            year,
            ally,
            amount: cell(columns.delivered),
        });
    }
    read
}

/// Positions of the columns used.
struct Columns {
    ally: usize,
    year: usize,
    delivered: usize,
    bilateral: Option<usize>,
    width: usize,
}

fn columns(
    header: &[Field],
    line: usize,
    at: &impl Fn(usize, usize) -> Origin,
    read: &mut Read,
) -> Option<Columns> {
    let names: Vec<String> = header
        .iter()
        .map(|(n, _)| n.trim().to_ascii_lowercase())
        .collect();
    for (name, (_, column)) in names.iter().zip(header) {
        if !KNOWN.contains(&name.as_str()) {
            let mut p = problem(&at(line, *column), "", format!("unknown column `{name}`"));
            p.hint = suggest(name, KNOWN).map(|s| format!("did you mean `{s}`?"));
            read.problems.push(p);
        }
    }
    let find = |wanted: &str| names.iter().position(|n| n == wanted);
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|c| find(c).is_none())
        .collect();
    if !missing.is_empty() {
        read.problems.push(problem(
            &at(line, 1),
            "",
            format!("the header lacks the column(s) {}", missing.join(", ")),
        ));
    }
    if !read.problems.is_empty() {
        return None;
    }
    Some(Columns {
        ally: find("ally")?,
        year: find("year")?,
        delivered: find("delivered")?,
        bilateral: find("bilateral"),
        width: names.len(),
    })
}

/// The records of the file, each line read by the `csv` crate (quoted fields, `""` for
/// a quote), with its line and the column where each field starts; blank lines and `#`
/// comment lines are left out. None, with the problem said, when a line is not CSV.
fn records(
    text: &str,
    at: &impl Fn(usize, usize) -> Origin,
    read: &mut Read,
) -> Option<Vec<(usize, Vec<Field>)>> {
    let mut out = Vec::new();
    let mut builder = csv::ReaderBuilder::new();
    builder.has_headers(false).flexible(true);
    let lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
    for (line, row) in
        lines.filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
    {
        let mut reader = builder.from_reader(row.as_bytes());
        let mut record = csv::StringRecord::new();
        if let Err(e) = reader.read_record(&mut record) {
            read.problems
                .push(problem(&at(line, 1), "", format!("not valid CSV: {e}")));
            return None;
        }
        let starts = field_starts(row);
        let fields = record
            .iter()
            .enumerate()
            .map(|(i, f)| (f.to_string(), starts.get(i).copied().unwrap_or(1)))
            .collect();
        out.push((line, fields));
    }
    Some(out)
}

/// The 1-based column where each field of a line starts, for the places of errors
/// (the fields themselves come from the `csv` reader): a comma outside double quotes
/// ends a field.
fn field_starts(line: &str) -> Vec<usize> {
    let mut starts = vec![1];
    let mut quoted = false;
    for (i, c) in line.chars().enumerate() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => starts.push(i + 2),
            _ => {}
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quoted_fields_with_their_columns_and_a_byte_order_mark() {
        let file = Arc::new(PathBuf::from("a.csv"));
        let text = "\u{feff}ally,year,delivered,note\n# a comment\n\nUSA,2025,\"1,5\",\"say \"\"hi\"\"\"\n";
        let read = read(text, &file);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let [entry] = &read.entries[..] else {
            panic!("{:?}", read.entries)
        };
        assert_eq!((entry.ally.0.as_str(), entry.ally.1.line), ("USA", 4));
        assert_eq!(
            (entry.amount.0.as_str(), entry.amount.1.column),
            ("1,5", 10)
        );
        assert_eq!(field_starts("USA,2025,\"1,5\",x"), [1, 5, 10, 16]);
    }
}
