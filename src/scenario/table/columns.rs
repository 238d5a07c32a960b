//! The header row of an allies table: what each column holds (`id`, `name`, a field of
//! an ally, an indicator; for the horizon or one year), and the problems with it.

use super::{at, read, Cell};
use crate::scenario::schema::{suggest, ALLY_KEYS};
use crate::scenario::{InvalidScenario, Problem, Severity};

/// What a column holds, from its header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Column {
    Id,
    Name,
    /// A field of the ally (`min`, `bilateral`…), for the horizon or for one year.
    Field(String, Option<String>),
    /// An indicator (`gdp`, `population`…), for every year or for one.
    Indicator(String, Option<String>),
}

/// Ally fields that a column may not set.
const NOT_COLUMNS: &[&str] = &["indicators", "remove"];

/// Reads the header row: every column's meaning, or every problem with the headers.
pub(super) fn columns(headers: &[Cell]) -> Result<Vec<Column>, InvalidScenario> {
    let mut problems = Vec::new();
    let mut columns: Vec<Column> = Vec::new();
    for (i, header) in headers.iter().enumerate() {
        match column(&header.text) {
            Err((message, hint)) => {
                let mut p = at(&header.origin, "allies_from", message);
                p.hint = hint;
                problems.push(p);
            }
            Ok(col) => {
                if let Some(first) = headers[..i].iter().position(|h| h.text == header.text) {
                    problems.push(at(
                        &header.origin,
                        "allies_from",
                        format!(
                            "column `{}` is given twice (first in column {})",
                            header.text,
                            read::column_letter(first)
                        ),
                    ));
                } else if let Some(clash) = clash(&col, &columns) {
                    problems.push(at(&header.origin, "allies_from", clash));
                }
                columns.push(col);
            }
        }
    }
    if !columns.contains(&Column::Id) && problems.is_empty() {
        let origin = headers.first().map(|h| h.origin.clone());
        let mut p = Problem::new(
            Severity::Error,
            "allies_from",
            "the table has no `id` column",
        );
        p.origin = origin;
        p.hint = Some("the header row names the columns, e.g. id,name,gdp_2025".to_string());
        problems.push(p);
    }
    if problems.is_empty() {
        Ok(columns)
    } else {
        Err(InvalidScenario { problems })
    }
}

/// A column both for the horizon and for one year (`gdp` and `gdp_2025`).
fn clash(col: &Column, before: &[Column]) -> Option<String> {
    let (name, year) = match col {
        Column::Field(n, y) | Column::Indicator(n, y) => (n, y),
        _ => return None,
    };
    before.iter().find_map(|b| match b {
        Column::Field(n, y) | Column::Indicator(n, y)
            if n == name && (y.is_none() != year.is_none()) =>
        {
            Some(format!(
                "`{name}` is given both for the horizon and per year: use `{name}` or `{name}_YEAR` columns, not both"
            ))
        }
        _ => None,
    })
}

type HeaderError = (String, Option<String>);

/// The meaning of one header: `id`, `name`, a field (`min`, `pledged_2025`) or an
/// indicator (`gdp`, `gdp_2025`).
pub(super) fn column(header: &str) -> Result<Column, HeaderError> {
    if header.is_empty() {
        return Err(("a column has no name in the header row".to_string(), None));
    }
    match header {
        "id" => return Ok(Column::Id),
        "name" => return Ok(Column::Name),
        _ => {}
    }
    let (base, year) = match header.rsplit_once('_') {
        Some((base, year)) if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) => {
            (base, Some(year.to_string()))
        }
        _ => (header, None),
    };
    if base.is_empty() || base == "id" || base == "name" || NOT_COLUMNS.contains(&base) {
        return Err((
            format!("`{header}` cannot be a column of the allies table"),
            None,
        ));
    }
    if ALLY_KEYS.contains(&base) {
        return Ok(Column::Field(base.to_string(), year));
    }
    let fields: Vec<&str> = ALLY_KEYS
        .iter()
        .copied()
        .filter(|k| k.len() >= 5 && !NOT_COLUMNS.contains(k))
        .collect();
    if let Some(near) = suggest(base, &fields).filter(|n| edit_distance_one(base, n)) {
        return Err((
            format!("column `{header}` looks like a misspelt `{near}`"),
            Some(format!(
                "did you mean `{}`? (other columns are read as indicators)",
                header.replacen(base, &near, 1)
            )),
        ));
    }
    Ok(Column::Indicator(base.to_string(), year))
}

/// Whether two names differ by one letter changed, added or dropped.
fn edit_distance_one(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 || a == b {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        short[prefix + 1..] == long[prefix + 1..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}
