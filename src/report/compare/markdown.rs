//! The comparison in Markdown for proposals: the scenarios, the ally table, the summary
//! table and the diagnosis of every scenario without a plan.

use super::{
    ally_rows, diagnoses, legend, money_unit, summary_rows, CompareExporter, ALLY_HEADER,
    SUMMARY_HEADER,
};
use crate::compare::Comparison;
use crate::report::escape::markdown as md;

#[derive(Debug)]
pub struct CompareMarkdown;

impl CompareExporter for CompareMarkdown {
    fn render(&self, cmp: &Comparison) -> Vec<u8> {
        let reference = md(cmp.scenarios.first().map_or("", |c| c.label.as_str()));
        let mut out = format!("## Comparison of {} scenarios\n\n", cmp.scenarios.len());
        let unit = md(&money_unit(cmp));
        let mut unit_chars = unit.chars();
        let unit: String = unit_chars
            .next()
            .map(|c| c.to_uppercase().chain(unit_chars).collect())
            .unwrap_or_default();
        out.push_str(&format!(
            "{unit}. Deltas (Δ) are against {reference}; Δ pp is the change in percentage points of the budget.\n\n"
        ));
        for line in legend(cmp) {
            out.push_str(&format!("- {}\n", md(&line)));
        }
        out.push_str("\n### Allies\n\n");
        out.push_str(&table(&ALLY_HEADER, &ally_rows(cmp), 2));
        out.push_str("\n### Summary\n\n");
        out.push_str(&table(&SUMMARY_HEADER, &summary_rows(cmp), 2));
        out.push_str("\nβ = (new contribution + credited bilateral aid) / fair effort; 1.000 is exactly the fair share.\n");
        for (label, status, reasons) in diagnoses(cmp) {
            out.push_str(&format!("\n**{}** is {}:\n\n", md(&label), status.name()));
            for r in reasons {
                out.push_str(&format!("- {}\n", md(&r)));
            }
        }
        out.into_bytes()
    }
}

/// An aligned Markdown table; columns from `first_number` on are right-aligned.
pub fn table(header: &[&str], rows: &[Vec<String>], first_number: usize) -> String {
    let mut all: Vec<Vec<String>> = vec![header.iter().map(|h| md(h)).collect()];
    all.extend(rows.iter().map(|r| r.iter().map(|t| md(t)).collect()));
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            all.iter()
                .map(|r| r.get(c).map_or(0, |t| t.chars().count()))
                .max()
                .unwrap_or(3)
                .max(3)
        })
        .collect();
    let right = |c: usize| c >= first_number;
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    let mut out = String::new();
    for (i, row) in all.iter().enumerate() {
        let cells = (0..header.len())
            .map(|c| {
                let text = row.get(c).map_or("", String::as_str);
                if right(c) {
                    format!("{text:>w$}", w = widths[c])
                } else {
                    format!("{text:<w$}", w = widths[c])
                }
            })
            .collect();
        out.push_str(&line(cells));
        if i == 0 {
            let rule = (0..header.len())
                .map(|c| {
                    let dashes = "-".repeat(widths[c] - 1);
                    if right(c) {
                        format!("{dashes}:")
                    } else {
                        format!(":{dashes}")
                    }
                })
                .collect();
            out.push_str(&line(rule));
        }
    }
    out
}
