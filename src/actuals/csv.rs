//! Actuals in CSV: a header naming the columns `ally`, `year` and `delivered` (in any
//! order; `name` and `note` columns are allowed and ignored), one row per ally and year;
//! an optional `bilateral` column gives the bilateral aid actually given (empty: not
//! stated).
//! Blank lines and lines starting with `#` are skipped.

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
    let mut rows = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    let Some((header_line, header)) = rows.next() else {
        read.problems.push(problem(
            &at(1, 1),
            "",
            "the actuals file is empty: expected a header `ally,year,delivered`",
        ));
        return read;
    };
    let Some(columns) = columns(&split(header), header_line, &at, &mut read) else {
        return read;
    };
    for (line, row) in rows {
        let fields = split(row);
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

/// Splits a CSV line into fields (double quotes protect commas; `""` is a quote).
fn split(line: &str) -> Vec<Field> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut start = 1;
    let mut quoted = false;
    let mut chars = line.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek().is_some_and(|(_, n)| *n == '"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => {
                fields.push((std::mem::take(&mut field), start));
                start = i + 2;
            }
            _ => field.push(c),
        }
    }
    fields.push((field, start));
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_quoted_fields() {
        let fields = split("USA,2025,\"1,5\",\"say \"\"hi\"\"\"");
        let texts: Vec<&str> = fields.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["USA", "2025", "1,5", "say \"hi\""]);
        let columns: Vec<usize> = fields.iter().map(|(_, c)| *c).collect();
        assert_eq!(columns, [1, 5, 10, 16]);
    }
}
