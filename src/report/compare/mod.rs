//! Output formats of a comparison: one small exporter per format behind one trait, and
//! the rows that the table and Markdown formats share.

mod csv;
mod json;
mod markdown;
mod table;

use super::{amount, percent, ratio, Format};
use crate::compare::{Cell, Comparison, Status};
use crate::money::Money;

/// A format that turns a comparison into bytes.
pub trait CompareExporter {
    fn render(&self, cmp: &Comparison) -> Vec<u8>;
}

impl Format {
    /// The comparison exporter of this format; None for xlsx and html, which
    /// `burden report` writes for several scenarios.
    pub fn compare_exporter(self, color: bool) -> Option<Box<dyn CompareExporter>> {
        Some(match self {
            Format::Table => Box::new(table::CompareTable { color }),
            Format::Csv => Box::new(csv::CompareCsv),
            Format::Json => Box::new(json::CompareJson),
            Format::Markdown => Box::new(markdown::CompareMarkdown),
            Format::Xlsx | Format::Html | Format::Latex => return None,
        })
    }
}

/// A money difference with its sign, e.g. `+1,250` or `-300`.
pub fn signed_amount(m: Money) -> String {
    if m.0.is_sign_positive() && !m.is_zero() {
        format!("+{}", amount(m))
    } else {
        amount(m)
    }
}

/// A difference with its sign and a fixed number of decimals.
pub fn signed(v: Option<f64>, decimals: usize) -> String {
    let Some(v) = v else {
        return "–".to_string();
    };
    let text = format!("{v:+.decimals$}");
    if text[1..].chars().all(|c| c == '0' || c == '.') {
        text[1..].to_string()
    } else {
        text
    }
}

/// The money unit of the planned scenarios, with a note when they differ.
pub fn money_unit(cmp: &Comparison) -> String {
    let mut units: Vec<String> = cmp
        .scenarios
        .iter()
        .map(|c| format!("{} {}", c.currency, c.unit).trim().to_string())
        .collect();
    units.dedup();
    match units.len() {
        0 | 1 => format!("amounts in {}", units.concat()),
        _ => format!("amounts in different units: {}", units.join(", ")),
    }
}

pub const ALLY_HEADER: [&str; 9] = [
    "Ally", "Scenario", "Total", "Δ total", "Budget %", "Δ pp", "β", "Δ β", "% GDP",
];

/// The ally table: one group of rows per ally, one row per scenario.
pub fn ally_rows(cmp: &Comparison) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for ally in &cmp.allies {
        for (k, (cell, column)) in ally.scenarios.iter().zip(&cmp.scenarios).enumerate() {
            let id = if k == 0 {
                ally.id.clone()
            } else {
                String::new()
            };
            let mut row = vec![id, column.label.clone()];
            row.extend(cell_texts(cell.as_ref(), column.status));
            rows.push(row);
        }
    }
    rows
}

fn cell_texts(cell: Option<&Cell>, status: Status) -> Vec<String> {
    let Some(cell) = cell else {
        let what = match status {
            Status::Ok => "–",
            other => other.name(),
        };
        let mut out = vec![what.to_string()];
        out.extend(std::iter::repeat_n(String::new(), 6));
        return out;
    };
    let f = &cell.figures;
    let d = cell.delta.as_ref();
    vec![
        amount(f.total),
        d.map_or(String::new(), |d| signed_amount(d.total)),
        percent(Some(f.budget_share), 2),
        d.map_or(String::new(), |d| signed(Some(d.budget_share * 100.0), 2)),
        ratio(f.burden_index, 3),
        d.map_or(String::new(), |d| signed(d.burden_index, 3)),
        ratio(f.gdp_pct, 3),
    ]
}

pub const SUMMARY_HEADER: [&str; 8] = [
    "Scenario",
    "Status",
    "Budget",
    "Max β",
    "Min β",
    "Paying nothing new",
    "Largest payer",
    "Schedule deviation",
];

/// The summary table: one row per scenario.
pub fn summary_rows(cmp: &Comparison) -> Vec<Vec<String>> {
    cmp.scenarios
        .iter()
        .map(|c| {
            let mut row = vec![c.label.clone(), c.status.name().to_string()];
            match &c.summary {
                Some(s) => row.extend([
                    amount(c.budget_total),
                    format!("{:.3}", s.max_burden_index),
                    format!("{:.3}", s.min_burden_index),
                    s.zero_payers.to_string(),
                    format!(
                        "{} {} %",
                        s.largest_payer,
                        percent(Some(s.largest_share), 2)
                    ),
                    format!("{:.3}", s.schedule_deviation),
                ]),
                None => {
                    row.push(amount(c.budget_total));
                    row.extend(std::iter::repeat_n(String::new(), 5));
                }
            }
            row
        })
        .collect()
}

/// The scenarios with their files and titles, one line each.
pub fn legend(cmp: &Comparison) -> Vec<String> {
    cmp.scenarios
        .iter()
        .map(|c| format!("{}: {} ({})", c.label, c.title, c.file))
        .collect()
}

/// The diagnosis of each scenario without a plan.
pub fn diagnoses(cmp: &Comparison) -> Vec<(String, Status, Vec<String>)> {
    cmp.scenarios
        .iter()
        .filter(|c| c.status != Status::Ok)
        .map(|c| (c.label.clone(), c.status, c.diagnosis.clone()))
        .collect()
}
