//! CSV: the document's first table — its machine headers, then the rows and the totals
//! row with exact values (money as written in the plan, ratios with six decimals). Written
//! with the `csv` crate; every text field is first neutralised against formulas
//! ([`escape::csv_text`]).

use super::{cell_raw, Render};
use crate::report::doc::{Cell, Document};
use crate::report::{escape, ExportError, Style};

#[derive(Debug)]
pub struct Csv;

impl Render for Csv {
    fn render(&self, doc: &Document, _style: Style) -> Result<Vec<u8>, ExportError> {
        let table = doc.tables().next().ok_or(ExportError::Empty)?;
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        let write = |out: &mut csv::Writer<Vec<u8>>, fields: Vec<String>| {
            out.write_record(fields)
                .map_err(|e| ExportError::Csv(e.to_string()))
        };
        write(
            &mut out,
            table
                .columns
                .iter()
                .map(|c| escape::csv_text(&c.key))
                .collect(),
        )?;
        for row in table.rows.iter().chain(table.totals.as_ref()) {
            write(&mut out, row.iter().map(field).collect())?;
        }
        out.into_inner()
            .map_err(|e| ExportError::Csv(e.to_string()))
    }
}

fn field(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => escape::csv_text(t),
        other => cell_raw(other),
    }
}
