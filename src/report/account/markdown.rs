//! Markdown for proposals and briefings: tracking and re-planning tables with a totals row
//! and numbered notes stating what the figures mean.

use super::{
    alliance_rows, money_unit, replan_rows, replan_title, status_line, track_rows, track_title,
    AccountExporter, ReplanStyle,
};
use crate::replan::Replan;
use crate::track::Track;

#[derive(Debug)]
pub struct Markdown;

/// An aligned Markdown table; columns in `left` are left-aligned, the rest right-aligned.
fn md_table(rows: &[Vec<String>], left: &[usize]) -> String {
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .map(|r| r.get(c).map_or(0, |t| t.chars().count()))
                .max()
                .unwrap_or(3)
                .max(3)
        })
        .collect();
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = (0..columns)
            .map(|c| {
                let text = row.get(c).map_or("", String::as_str);
                if left.contains(&c) {
                    format!("{text:<w$}", w = widths[c])
                } else {
                    format!("{text:>w$}", w = widths[c])
                }
            })
            .collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
        if i == 0 {
            let rule: Vec<String> = (0..columns)
                .map(|c| {
                    let dashes = "-".repeat(widths[c] - 1);
                    if left.contains(&c) {
                        format!(":{dashes}")
                    } else {
                        format!("{dashes}:")
                    }
                })
                .collect();
            out.push_str(&format!("| {} |\n", rule.join(" | ")));
        }
    }
    out
}

fn numbered(notes: &[String]) -> String {
    let mut out = String::new();
    for (i, note) in notes.iter().enumerate() {
        out.push_str(&format!("{}. {note}\n", i + 1));
    }
    out
}

impl AccountExporter for Markdown {
    fn track(&self, t: &Track) -> Vec<u8> {
        let notes = [
            "Difference = delivered − planned: negative is a shortfall, positive a surplus; Cumulative sums it over the years so far.".to_string(),
            "Fulfilment = delivered / planned; – where nothing was planned.".to_string(),
            status_line(t),
        ];
        format!(
            "## {}\n\nAmounts in {}.\n\n{}\nThe alliance against the annual budgets:\n\n{}\n{}",
            track_title(t),
            money_unit(&t.currency, &t.unit),
            md_table(&track_rows(t, |a| a.name.clone()), &[0, 7]),
            md_table(&alliance_rows(t, "**Total**"), &[0, 5]),
            numbered(&notes)
        )
        .into_bytes()
    }

    fn replan(&self, r: &Replan) -> Vec<u8> {
        let style = ReplanStyle {
            label: |a| a.name.clone(),
            bold: |s| format!("**{s}**"),
            binding: false,
        };
        let mut notes = r.notes.clone();
        notes.push(format!(
            "β = (horizon total + credited bilateral aid) / fair effort; 1.000 is exactly the fair share. New β from {:.3} to {:.3}.",
            r.metrics.min_burden_index, r.metrics.max_burden_index
        ));
        format!(
            "## {}\n\nAmounts in {}.\n\n{}\n{}",
            replan_title(r),
            money_unit(&r.currency, &r.unit),
            md_table(&replan_rows(r, &style), &[0]),
            numbered(&notes)
        )
        .into_bytes()
    }
}
