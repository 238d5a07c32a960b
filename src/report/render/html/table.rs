//! An HTML table from a document table: the caption, the headers with their units, the
//! rows (numbers right-aligned in tabular figures, burden indices classed above or below
//! 1 and coloured by the style sheet) and the totals row in `tfoot`.

use crate::report::doc::{Cell, Column, Kind, Table};
use crate::report::escape;
use crate::report::render::{cell_text, header_with_unit};

/// The anchors given so far, so that two tables with one id get two anchors.
#[derive(Debug, Default)]
pub(super) struct Ids(Vec<String>);

impl Ids {
    /// `table-<id>` with anything but letters, digits, `-` and `_` as `-`; a second
    /// table of the same id gets `-2`, a third `-3`, ….
    fn anchor(&mut self, id: &str) -> String {
        let slug: String = id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let base = format!("table-{slug}");
        let mut anchor = base.clone();
        let mut n = 1;
        while self.0.contains(&anchor) {
            n += 1;
            anchor = format!("{base}-{n}");
        }
        self.0.push(anchor.clone());
        anchor
    }
}

/// The table as HTML, in a scrolling box on narrow screens.
pub(super) fn html(table: &Table, ids: &mut Ids) -> String {
    let mut out = format!(
        "<div class=\"table\" id=\"{}\">\n<table>\n",
        ids.anchor(&table.id)
    );
    if !table.caption.is_empty() {
        out.push_str(&format!(
            "<caption>{}</caption>\n",
            escape::html(&table.caption)
        ));
    }
    out.push_str("<thead><tr>");
    for c in &table.columns {
        let header = header_with_unit(&c.name, c.unit.as_deref());
        out.push_str(&format!("<th{}>{}</th>", align(c), escape::html(&header)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str(&tr(&table.columns, row));
    }
    out.push_str("</tbody>\n");
    if let Some(totals) = &table.totals {
        out.push_str("<tfoot>\n");
        out.push_str(&tr(&table.columns, totals));
        out.push_str("</tfoot>\n");
    }
    out.push_str("</table>\n</div>\n");
    out
}

fn align(column: &Column) -> &'static str {
    if column.is_numeric() {
        " class=\"num\""
    } else {
        ""
    }
}

/// One row; a row shorter than the columns is filled with empty cells.
fn tr(columns: &[Column], row: &[Cell]) -> String {
    let mut out = String::from("<tr>");
    for (i, c) in columns.iter().enumerate() {
        let cell = row.get(i).unwrap_or(&Cell::Empty);
        out.push_str(&format!(
            "<td{}>{}</td>",
            class(c, cell),
            escape::html(&cell_text(cell, c.kind))
        ));
    }
    out.push_str("</tr>\n");
    out
}

/// The class of a cell: `num` for numbers; a burden index also `above` or `below` the
/// fair share (1).
fn class(column: &Column, cell: &Cell) -> &'static str {
    match (column.kind, cell) {
        (Kind::Index { .. }, Cell::Number(v)) if *v > 1.0 + 1e-9 => " class=\"num above\"",
        (Kind::Index { .. }, Cell::Number(v)) if *v < 1.0 - 1e-9 => " class=\"num below\"",
        _ => align(column),
    }
}
