//! Markdown for proposals: an aligned table with a totals row, then footnotes stating
//! the assumptions behind the numbers.

use super::escape::markdown as md;
use super::{amount, binding_words, money_unit, percent, ratio, Exporter};
use crate::money::Money;
use crate::plan::Plan;

#[derive(Debug)]
pub struct Markdown;

impl Exporter for Markdown {
    fn render(&self, plan: &Plan) -> Vec<u8> {
        let money = money_unit(plan);
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
            let mut row = vec![md(&a.name)];
            row.extend(a.contributions.values().map(|v| amount(*v)));
            row.push(amount(a.total));
            row.push(percent(Some(a.key_share), 2));
            row.push(amount(a.fair_effort.round_dp(0)));
            row.push(amount(a.credited_bilateral.round_dp(0)));
            row.push(ratio(a.burden_index, 3));
            row.push(md(&binding_text(&a.binding)));
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
        let sum = |f: fn(&crate::plan::AllyPlan) -> Money| {
            format!(
                "**{}**",
                amount(plan.allies.iter().map(f).sum::<Money>().round_dp(0))
            )
        };
        total.push("**100.00**".to_string());
        total.push(sum(|a| a.fair_effort));
        total.push(sum(|a| a.credited_bilateral));
        total.extend(["", ""].map(String::from));
        rows.push(total);
        let columns = rows[0].len();
        let left: Vec<usize> = vec![0, columns - 1];
        let mut out = format!(
            "## {}\n\nAmounts in {}, {} to {}.\n\n",
            md(&plan.scenario),
            md(&money),
            plan.years.first().map_or(String::new(), i32::to_string),
            plan.years.last().map_or(String::new(), i32::to_string)
        );
        out.push_str(&md_table(&rows, &left));
        out.push_str(&footnotes(plan));
        out.into_bytes()
    }
}

/// Binding constraints in words, for the table's last column.
fn binding_text(codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| binding_words(c))
        .collect::<Vec<_>>()
        .join(", ")
}

fn footnotes(plan: &Plan) -> String {
    let mut out = String::from("\nNotes:\n\n");
    for (i, note) in super::build::inputs::assumptions(plan).iter().enumerate() {
        out.push_str(&format!("{}. {}\n", i + 1, md(note)));
    }
    out
}

/// An aligned Markdown table; columns in `left` are left-aligned, the rest right-aligned.
pub fn md_table(rows: &[Vec<String>], left: &[usize]) -> String {
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
