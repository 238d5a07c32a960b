//! A comparison as CSV reads it (DESIGN.md's tidy table): a document of one table, a
//! row per scenario and ally.

use crate::compare::Comparison;
use crate::report::doc::{Block, Cell, Column, Document, Kind, Table};

/// The comparison as CSV reads it: one tidy table, a row per scenario and ally with the
/// ally's figures, the deltas against the first scenario and the scenario's summary; a
/// scenario without a plan is one row with its status and diagnosis.
pub fn data(cmp: &Comparison) -> Document {
    let text = |key: &str| Column::new(key, key, Kind::Text);
    let number = |key: &str| Column::new(key, key, Kind::Ratio { places: 6 });
    let money = |key: &str| Column::new(key, key, Kind::Money { places: None });
    let columns = vec![
        text("scenario"),
        text("file"),
        text("status"),
        text("ally"),
        text("name"),
        money("total"),
        number("budget_share"),
        number("burden_index"),
        number("gdp_pct"),
        money("delta_total"),
        number("delta_budget_share"),
        number("delta_burden_index"),
        number("delta_gdp_pct"),
        number("max_burden_index"),
        number("min_burden_index"),
        Column::new("zero_payers", "zero_payers", Kind::Integer),
        text("largest_payer"),
        number("largest_share"),
        number("schedule_deviation"),
        text("diagnosis"),
    ];
    let mut rows = Vec::new();
    for (k, c) in cmp.scenarios.iter().enumerate() {
        let lead = vec![
            Cell::text(&c.label),
            Cell::text(&c.file),
            Cell::text(c.status.name()),
        ];
        let summary: Vec<Cell> = match &c.summary {
            Some(s) => {
                let mut cells = super::summary_cells(s).to_vec();
                cells.push(Cell::Empty);
                cells
            }
            None => {
                let mut blank = vec![Cell::Empty; 6];
                blank.push(Cell::text(c.diagnosis.join("; ")));
                blank
            }
        };
        if c.summary.is_none() {
            let mut row = lead;
            row.extend(vec![Cell::Empty; 10]);
            row.extend(summary);
            rows.push(row);
            continue;
        }
        for ally in &cmp.allies {
            let Some(cell) = &ally.scenarios[k] else {
                continue;
            };
            let (f, d) = (&cell.figures, cell.delta.as_ref());
            let mut row = lead.clone();
            row.extend([
                Cell::text(&ally.id),
                Cell::text(&ally.name),
                Cell::Money(f.total),
                Cell::Number(f.budget_share),
                Cell::number(f.burden_index),
                Cell::number(f.gdp_pct),
                d.map_or(Cell::Empty, |d| Cell::Money(d.total)),
                Cell::number(d.map(|d| d.budget_share)),
                Cell::number(d.and_then(|d| d.burden_index)),
                Cell::number(d.and_then(|d| d.gdp_pct)),
            ]);
            row.extend(summary.iter().cloned());
            rows.push(row);
        }
    }
    let mut doc = Document::new("Comparison", "comparison");
    doc.blocks.push(Block::Table(Table {
        family: None,
        id: "Comparison".into(),
        caption: String::new(),
        columns,
        rows,
        totals: None,
    }));
    doc
}
