//! Markdown for proposals: an aligned table with a totals row, then footnotes stating
//! the assumptions behind the numbers.

use super::{amount, percent, ratio, Exporter};
use crate::plan::Plan;

#[derive(Debug)]
pub struct Markdown;

impl Exporter for Markdown {
    fn render(&self, plan: &Plan) -> Vec<u8> {
        let money = format!("{} {}", plan.currency, plan.unit)
            .trim()
            .to_string();
        let mut header = vec!["Ally".to_string()];
        header.extend(plan.years.iter().map(i32::to_string));
        header.extend(
            [
                "Total",
                "Key share %",
                "Fair effort",
                "Credited aid",
                "Burden index",
                "Binding",
            ]
            .map(String::from),
        );
        let mut rows = vec![header];
        for a in &plan.allies {
            let mut row = vec![a.name.clone()];
            row.extend(a.contributions.values().map(|v| amount(*v)));
            row.push(amount(a.total));
            row.push(percent(Some(a.key_share), 2));
            row.push(amount(a.fair_effort.round_dp(0)));
            row.push(amount(a.credited_bilateral.round_dp(0)));
            row.push(ratio(a.burden_index, 3));
            row.push(a.binding.join(", "));
            rows.push(row);
        }
        let mut total = vec!["**Total**".to_string()];
        total.extend(
            plan.budget
                .annual
                .values()
                .map(|v| format!("**{}**", amount(*v))),
        );
        total.push(format!("**{}**", amount(plan.budget.total)));
        total.extend(["100.00", "", "", "", ""].map(String::from));
        rows.push(total);
        let columns = rows[0].len();
        let widths: Vec<usize> = (0..columns)
            .map(|c| {
                rows.iter()
                    .map(|r| r[c].chars().count())
                    .max()
                    .unwrap_or(3)
                    .max(3)
            })
            .collect();
        let left = |c: usize| c == 0 || c + 1 == columns;
        let mut out = format!("## {}\n\nAmounts in {money}.\n\n", plan.scenario);
        for (i, row) in rows.iter().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(c, text)| {
                    if left(c) {
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
                        if left(c) {
                            format!(":{dashes}")
                        } else {
                            format!("{dashes}:")
                        }
                    })
                    .collect();
                out.push_str(&format!("| {} |\n", rule.join(" | ")));
            }
        }
        out.push_str(&footnotes(plan));
        out.into_bytes()
    }
}

fn footnotes(plan: &Plan) -> String {
    let n = &plan.notes;
    let mut notes = vec![
        format!("Key: {}; each ally's fair effort is its key share of the annual budget plus all credited bilateral aid, year by year.", n.key),
        format!("Bilateral aid is credited at {} unless an ally's own rate is stated.", n.credit_rate),
        format!("Budget profile: {}; amounts are rounded to multiples of {} with every year and the total exact.", n.profile, n.rounding),
        format!(
            "Objective: {}. Burden index = (new contribution + credited aid) / fair effort; 1.000 is exactly the fair share. Range {:.3}–{:.3}.",
            plan.objective, plan.metrics.min_burden_index, plan.metrics.max_burden_index
        ),
    ];
    if let Some(s) = &n.smoothing {
        notes.push(format!("Smoothing: no ally's contribution changes by more than {s} of its mean year from one year to the next."));
    }
    let binding: Vec<String> = plan
        .allies
        .iter()
        .filter(|a| !a.binding.is_empty())
        .map(|a| format!("{} ({})", a.id, a.binding.join(", ")))
        .collect();
    if !binding.is_empty() {
        notes.push(format!("Binding constraints: {}.", binding.join("; ")));
    }
    let mut out = String::from("\n");
    for (i, note) in notes.iter().enumerate() {
        out.push_str(&format!("{}. {note}\n", i + 1));
    }
    out
}
