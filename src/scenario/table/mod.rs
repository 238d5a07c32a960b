//! Allies from a table: `allies_from:` a CSV file or an Excel sheet, one ally a row,
//! turned into the same node tree as `allies:` in YAML (each cell remembers its place),
//! with the scenario's own `allies:` entries merged over it by id.

mod columns;
mod read;

use std::path::Path;
use std::sync::Arc;

use super::schema::suggest;
use super::tree::{merge, take_key, Entry, Kind, Node, Origin};
use super::{InvalidScenario, Problem, Severity};
use columns::{columns, Column};

pub use read::MAX_TABLE_BYTES;

/// One cell of a table: its text as written and where it is.
#[derive(Clone, Debug)]
pub struct Cell {
    pub text: String,
    pub origin: Origin,
}

/// A table as read: the header row, then one row per ally (`None` for an empty cell).
#[derive(Clone, Debug)]
pub struct Table {
    pub origin: Origin,
    pub headers: Vec<Cell>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug)]
pub struct Row {
    pub origin: Origin,
    pub cells: Vec<Option<Cell>>,
}

/// Replaces `allies_from:` in a scenario tree by the allies of the table it names
/// (relative to `scenario`'s folder), with the tree's own `allies:` merged over them.
pub fn apply(tree: &mut Node, scenario: &Path) -> Result<(), InvalidScenario> {
    let Some(spec) = take_key(tree, "allies_from") else {
        return Ok(());
    };
    let (file, sheet) = source(&spec)?;
    let path = scenario.parent().unwrap_or(Path::new("")).join(file);
    let table = read::read(&path, sheet.as_deref(), &spec.origin)?;
    let allies = allies(&table)?;
    let mut base = Node {
        origin: tree.origin.clone(),
        kind: Kind::Map(vec![Entry {
            key: "allies".to_string(),
            key_origin: table.origin.clone(),
            value: allies,
        }]),
    };
    let over = std::mem::replace(tree, base.clone());
    let mut problems = Vec::new();
    merge(&mut base, over, &mut problems);
    if !problems.is_empty() {
        return Err(InvalidScenario {
            problems: problems
                .into_iter()
                .map(|(origin, message)| at(&origin, "allies", message))
                .collect(),
        });
    }
    *tree = base;
    Ok(())
}

/// What a table holds, for writing a scenario around it (`burden init --from`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Rows with an id.
    pub allies: usize,
    /// Indicator names, in column order.
    pub indicators: Vec<String>,
    /// Years of per-year columns, sorted.
    pub years: Vec<i32>,
    /// Whether the table has a `share` column (a key given directly).
    pub shares: bool,
}

/// Reads a table and says what it holds.
pub fn summary(path: &Path, sheet: Option<&str>) -> Result<Summary, InvalidScenario> {
    let named = cell_origin(path.display().to_string());
    let table = read::read(path, sheet, &named)?;
    let columns = columns(&table.headers)?;
    let mut summary = Summary::default();
    let id = columns.iter().position(|c| *c == Column::Id);
    summary.allies = table
        .rows
        .iter()
        .filter(|r| id.is_some_and(|i| matches!(r.cells.get(i), Some(Some(_)))))
        .count();
    for col in &columns {
        let (name, year) = match col {
            Column::Indicator(name, year) => {
                if !summary.indicators.contains(name) {
                    summary.indicators.push(name.clone());
                }
                (name, year)
            }
            Column::Field(name, year) => (name, year),
            _ => continue,
        };
        summary.shares |= name == "share";
        if let Some(y) = year.as_deref().and_then(|y| y.parse().ok()) {
            if !summary.years.contains(&y) {
                summary.years.push(y);
            }
        }
    }
    summary.years.sort_unstable();
    Ok(summary)
}

/// An error at a place.
pub(crate) fn at(origin: &Origin, path: &str, message: impl Into<String>) -> Problem {
    let mut p = Problem::new(Severity::Error, path, message);
    p.origin = Some(origin.clone());
    p
}

fn fail(origin: &Origin, path: &str, message: impl Into<String>) -> InvalidScenario {
    InvalidScenario {
        problems: vec![at(origin, path, message)],
    }
}

/// The file and sheet of `allies_from: FILE` or `allies_from: {file: FILE, sheet: NAME}`.
fn source(spec: &Node) -> Result<(String, Option<String>), InvalidScenario> {
    if let Some(file) = spec.scalar() {
        return Ok((file.to_string(), None));
    }
    let expected = "expected the path of a table, or {file: PATH, sheet: NAME}";
    let Some(entries) = spec.map() else {
        return Err(fail(&spec.origin, "allies_from", expected));
    };
    for e in entries {
        if e.key != "file" && e.key != "sheet" {
            let mut p = at(
                &e.key_origin,
                &format!("allies_from.{}", e.key),
                format!("unknown field `{}`", e.key),
            );
            p.hint = suggest(&e.key, &["file", "sheet"]).map(|s| format!("did you mean `{s}`?"));
            return Err(InvalidScenario { problems: vec![p] });
        }
    }
    let text = |key: &str| -> Result<Option<String>, InvalidScenario> {
        match spec.get(key) {
            None => Ok(None),
            Some(node) => match node.scalar() {
                Some(s) if !s.is_empty() => Ok(Some(s.to_string())),
                _ => Err(fail(
                    &node.origin,
                    &format!("allies_from.{key}"),
                    "expected text",
                )),
            },
        }
    };
    let file = text("file")?.ok_or_else(|| fail(&spec.origin, "allies_from.file", expected))?;
    Ok((file, text("sheet")?))
}

/// The allies list of a table.
fn allies(table: &Table) -> Result<Node, InvalidScenario> {
    let columns = columns(&table.headers)?;
    let items = table
        .rows
        .iter()
        .filter(|row| row.cells.iter().any(Option::is_some))
        .map(|row| ally(row, &columns, &table.headers))
        .collect();
    Ok(Node {
        origin: table.origin.clone(),
        kind: Kind::Seq(items),
    })
}

/// One row as an ally's node tree.
fn ally(row: &Row, columns: &[Column], headers: &[Cell]) -> Node {
    let mut entries: Vec<Entry> = Vec::new();
    let mut indicators: Vec<Entry> = Vec::new();
    for (i, col) in columns.iter().enumerate() {
        let Some(Some(cell)) = row.cells.get(i) else {
            continue;
        };
        let header = &headers[i];
        match col {
            Column::Id => entries.push(entry("id", header, text(cell, true))),
            Column::Name => entries.push(entry("name", header, text(cell, true))),
            Column::Field(name, year) => put(&mut entries, name, year.as_deref(), header, cell),
            Column::Indicator(name, year) => {
                put(&mut indicators, name, year.as_deref(), header, cell)
            }
        }
    }
    if !indicators.is_empty() {
        let origin = row.origin.clone();
        entries.push(Entry {
            key: "indicators".to_string(),
            key_origin: origin.clone(),
            value: Node {
                origin,
                kind: Kind::Map(indicators),
            },
        });
    }
    Node {
        origin: row.origin.clone(),
        kind: Kind::Map(entries),
    }
}

fn text(cell: &Cell, quoted: bool) -> Node {
    Node {
        origin: cell.origin.clone(),
        kind: Kind::Scalar {
            text: cell.text.clone(),
            quoted,
        },
    }
}

fn entry(key: &str, header: &Cell, value: Node) -> Entry {
    Entry {
        key: key.to_string(),
        key_origin: header.origin.clone(),
        value,
    }
}

/// Sets `name` to the cell, or its `year` in the per-year map `name`.
fn put(entries: &mut Vec<Entry>, name: &str, year: Option<&str>, header: &Cell, cell: &Cell) {
    let Some(year) = year else {
        entries.push(entry(name, header, text(cell, false)));
        return;
    };
    let year_entry = entry(year, header, text(cell, false));
    if let Some(Entry {
        value: Node {
            kind: Kind::Map(years),
            ..
        },
        ..
    }) = entries.iter_mut().find(|e| e.key == name)
    {
        years.push(year_entry);
        return;
    }
    let origin = cell.origin.clone();
    entries.push(entry(
        name,
        header,
        Node {
            origin,
            kind: Kind::Map(vec![year_entry]),
        },
    ));
}

/// Where a table's cell is, for messages.
pub(crate) fn cell_origin(label: String) -> Origin {
    Origin {
        file: Arc::new(label.into()),
        line: 0,
        column: 0,
    }
}

#[cfg(test)]
mod tests;
