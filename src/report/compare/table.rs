//! The comparison as terminal tables: the allies grouped, then one summary row per
//! scenario, then the diagnosis of every scenario without a plan.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, Color, ContentArrangement, Table as Grid};

use super::{
    ally_rows, diagnoses, legend, money_unit, summary_rows, CompareExporter, ALLY_HEADER,
    SUMMARY_HEADER,
};
use crate::compare::Comparison;
use crate::report::escape::plain;

#[derive(Debug)]
pub struct CompareTable {
    pub color: bool,
}

impl CompareExporter for CompareTable {
    fn render(&self, cmp: &Comparison) -> Vec<u8> {
        let reference = plain(cmp.scenarios.first().map_or("", |c| c.label.as_str()));
        let mut out = format!(
            "Comparison of {} scenarios ({}; Δ against {reference})\n",
            cmp.scenarios.len(),
            plain(&money_unit(cmp))
        );
        for line in legend(cmp) {
            out.push_str(&format!("  {}\n", plain(&line)));
        }
        out.push_str(&grid(&ALLY_HEADER, ally_rows(cmp), 2, self.color));
        out.push_str(&grid(&SUMMARY_HEADER, summary_rows(cmp), 2, self.color));
        out.push_str("β = (new contribution + credited bilateral aid) / fair effort; Δ pp = change in percentage points of the budget.\n");
        for (label, status, reasons) in diagnoses(cmp) {
            out.push_str(&format!("{} is {}:\n", plain(&label), status.name()));
            for r in reasons {
                out.push_str(&format!("  - {}\n", plain(&r)));
            }
        }
        out.into_bytes()
    }
}

/// A table whose columns from `first_number` on are right-aligned numbers.
fn grid(header: &[&str], rows: Vec<Vec<String>>, first_number: usize, color: bool) -> String {
    let mut grid = Grid::new();
    grid.load_preset(UTF8_FULL_CONDENSED);
    grid.set_content_arrangement(ContentArrangement::Dynamic);
    grid.set_header(header.to_vec());
    for row in rows {
        grid.add_row(
            row.into_iter()
                .map(|text| tint(plain(&text).into_owned(), color)),
        );
    }
    for i in first_number..header.len() {
        if let Some(col) = grid.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    format!("{grid}\n")
}

/// Colours the words that matter at a glance, when colour is on.
fn tint(text: String, color: bool) -> Cell {
    let paint = match text.as_str() {
        "infeasible" | "invalid" | "failed" if color => Some(Color::Red),
        t if color && t.starts_with('+') => Some(Color::Yellow),
        t if color && t.starts_with('-') && t.len() > 1 => Some(Color::Cyan),
        _ => None,
    };
    match paint {
        Some(c) => Cell::new(text).fg(c),
        None => Cell::new(text),
    }
}
