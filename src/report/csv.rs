//! CSV: one row per ally with each year, the total and the fairness figures; a totals row.

use itertools::Itertools;

use super::Exporter;
use crate::plan::Plan;

#[derive(Debug)]
pub struct Csv;

/// Rows as CSV text, each field quoted when it needs it.
pub fn write_rows(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = String::new();
    for row in rows {
        out.push_str(&row.iter().map(|f| field(f)).join(","));
        out.push('\n');
    }
    out.into_bytes()
}

/// A ratio for CSV: six decimals, empty when absent.
pub fn num(v: Option<f64>) -> String {
    v.map_or(String::new(), |v| format!("{v:.6}"))
}

/// A field as CSV writes it: neutralised and quoted when it needs it
/// ([`escape::csv`](super::escape::csv)).
pub fn field(text: &str) -> String {
    super::escape::csv(text)
}

impl Exporter for Csv {
    fn render(&self, plan: &Plan) -> Vec<u8> {
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut header = vec!["id".to_string(), "name".to_string()];
        header.extend(plan.years.iter().map(i32::to_string));
        header.extend(
            [
                "total",
                "key_share",
                "fair_effort",
                "bilateral",
                "credited_bilateral",
                "burden_index",
                "gdp_pct",
                "binding",
            ]
            .map(String::from),
        );
        rows.push(header);
        for a in &plan.allies {
            let mut row = vec![a.id.clone(), a.name.clone()];
            row.extend(a.contributions.values().map(ToString::to_string));
            row.push(a.total.to_string());
            row.push(format!("{:.6}", a.key_share));
            row.push(a.fair_effort.to_string());
            row.push(a.bilateral.to_string());
            row.push(a.credited_bilateral.to_string());
            row.push(a.burden_index.map_or(String::new(), |b| format!("{b:.6}")));
            row.push(a.gdp_pct.map_or(String::new(), |g| format!("{g:.6}")));
            row.push(a.binding.join(" "));
            rows.push(row);
        }
        let mut total = vec!["TOTAL".to_string(), "All allies".to_string()];
        total.extend(plan.budget.annual.values().map(ToString::to_string));
        total.push(plan.budget.total.to_string());
        total.extend(std::iter::repeat_n(String::new(), 7));
        rows.push(total);
        write_rows(&rows)
    }
}
