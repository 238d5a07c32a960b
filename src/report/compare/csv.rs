//! The comparison as CSV, one tidy table: a row per scenario and ally with the ally's
//! figures, the deltas against the first scenario and the scenario's summary. A scenario
//! without a plan is one row with its status and diagnosis.

use super::CompareExporter;
use crate::compare::{Cell, Column, Comparison};
use crate::report::csv::{num, write_rows};

#[derive(Debug)]
pub struct CompareCsv;

const HEADER: [&str; 20] = [
    "scenario",
    "file",
    "status",
    "ally",
    "name",
    "total",
    "budget_share",
    "burden_index",
    "gdp_pct",
    "delta_total",
    "delta_budget_share",
    "delta_burden_index",
    "delta_gdp_pct",
    "max_burden_index",
    "min_burden_index",
    "zero_payers",
    "largest_payer",
    "largest_share",
    "schedule_deviation",
    "diagnosis",
];

fn scenario_fields(c: &Column) -> Vec<String> {
    vec![c.label.clone(), c.file.clone(), c.status.name().to_string()]
}

fn summary_fields(c: &Column) -> Vec<String> {
    let Some(s) = &c.summary else {
        let mut out = vec![String::new(); 6];
        out.push(c.diagnosis.join("; "));
        return out;
    };
    vec![
        num(Some(s.max_burden_index)),
        num(Some(s.min_burden_index)),
        s.zero_payers.to_string(),
        s.largest_payer.clone(),
        num(Some(s.largest_share)),
        num(Some(s.schedule_deviation)),
        String::new(),
    ]
}

fn cell_fields(cell: &Cell) -> Vec<String> {
    let f = &cell.figures;
    let d = cell.delta.as_ref();
    vec![
        f.total.to_string(),
        num(Some(f.budget_share)),
        num(f.burden_index),
        num(f.gdp_pct),
        d.map_or(String::new(), |d| d.total.to_string()),
        num(d.map(|d| d.budget_share)),
        num(d.and_then(|d| d.burden_index)),
        num(d.and_then(|d| d.gdp_pct)),
    ]
}

impl CompareExporter for CompareCsv {
    fn render(&self, cmp: &Comparison) -> Vec<u8> {
        let mut rows: Vec<Vec<String>> = vec![HEADER.iter().map(|h| h.to_string()).collect()];
        for (k, column) in cmp.scenarios.iter().enumerate() {
            if column.summary.is_none() {
                let mut row = scenario_fields(column);
                row.extend(vec![String::new(); 10]);
                row.extend(summary_fields(column));
                rows.push(row);
                continue;
            }
            for ally in &cmp.allies {
                let Some(cell) = &ally.scenarios[k] else {
                    continue;
                };
                let mut row = scenario_fields(column);
                row.extend([ally.id.clone(), ally.name.clone()]);
                row.extend(cell_fields(cell));
                row.extend(summary_fields(column));
                rows.push(row);
            }
        }
        write_rows(&rows)
    }
}
