//! CSV: the document's first table — its machine headers, then the rows and the totals
//! row with exact values (money as written in the plan, ratios with six decimals). Written
//! with the `csv` crate; every text field is first neutralised against formulas
//! ([`escape::csv_text`]). The totals row's first field is `TOTAL` whatever the label
//! shown in the other formats, so a program finds it by one fixed word.

use super::{cell_raw, Render};
use crate::report::doc::{Cell, Document};
use crate::report::{escape, ExportError, Style};

/// The first field of the totals row.
const TOTAL_ID: &str = "TOTAL";

#[derive(Debug)]
pub(super) struct Csv;

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
        for row in &table.rows {
            write(&mut out, row.iter().map(field).collect())?;
        }
        if let Some(totals) = &table.totals {
            let mut fields: Vec<String> = totals.iter().map(field).collect();
            if let Some(first) = fields.first_mut() {
                *first = TOTAL_ID.to_string();
            }
            write(&mut out, fields)?;
        }
        out.into_inner()
            .map_err(|e| ExportError::Csv(e.to_string()))
    }
}

fn field(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) | Cell::Coded { code: t, .. } => escape::csv_text(t),
        other => cell_raw(other),
    }
}
