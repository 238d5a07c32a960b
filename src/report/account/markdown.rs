//! Markdown for proposals and briefings: tracking and re-planning tables with a totals row
//! and numbered notes stating what the figures mean.

use super::{
    fulfilment, money_unit, past_label, past_planned, replan_title, signed, status_line,
    track_title, AccountExporter,
};
use crate::replan::Replan;
use crate::report::{amount, ratio};
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
        let header = [
            "Ally",
            "Year",
            "Planned",
            "Delivered",
            "Difference",
            "Fulfilment %",
            "Cumulative",
            "Status",
        ];
        let mut rows = vec![header.map(String::from).to_vec()];
        for a in &t.allies {
            for (year, l) in &a.years {
                rows.push(vec![
                    a.name.clone(),
                    year.to_string(),
                    amount(l.planned),
                    amount(l.delivered),
                    signed(l.difference),
                    fulfilment(l.fulfilment),
                    signed(l.cumulative_difference),
                    l.status.to_string(),
                ]);
            }
        }
        let header = [
            "Year",
            "Budget",
            "Delivered",
            "Difference",
            "Fulfilment %",
            "Status",
        ];
        let mut years = vec![header.map(String::from).to_vec()];
        let total = (t.annual.len() > 1).then(|| ("**Total**".to_string(), &t.total));
        for (label, v) in t
            .annual
            .iter()
            .map(|(y, v)| (y.to_string(), v))
            .chain(total)
        {
            years.push(vec![
                label,
                amount(v.budget),
                amount(v.delivered),
                signed(v.difference),
                fulfilment(v.fulfilment),
                v.status.to_string(),
            ]);
        }
        let notes = [
            "Difference = delivered − planned: negative is a shortfall, positive a surplus; Cumulative sums it over the years so far.".to_string(),
            "Fulfilment = delivered / planned; – where nothing was planned.".to_string(),
            status_line(t),
        ];
        format!(
            "## {}\n\nAmounts in {}.\n\n{}\nThe alliance against the annual budgets:\n\n{}\n{}",
            track_title(t),
            money_unit(&t.currency, &t.unit),
            md_table(&rows, &[0, 7]),
            md_table(&years, &[0, 5]),
            numbered(&notes)
        )
        .into_bytes()
    }

    fn replan(&self, r: &Replan) -> Vec<u8> {
        let past = past_label(r);
        let mut header = vec![
            "Ally".to_string(),
            format!("Plan {past}"),
            format!("Delivered {past}"),
        ];
        header.extend(r.remaining_years.iter().map(|y| format!("New {y}")));
        header.extend(["New total", "Plan total", "Change", "β plan", "β new"].map(String::from));
        let mut rows = vec![header];
        for a in &r.allies {
            let mut row = vec![
                a.name.clone(),
                amount(past_planned(r, a)),
                amount(a.delivered_total),
            ];
            row.extend(a.replanned.values().map(|v| amount(*v)));
            row.extend([
                amount(a.total),
                amount(a.planned_total),
                signed(a.change),
                ratio(a.burden_index_planned, 3),
                ratio(a.burden_index, 3),
            ]);
            rows.push(row);
        }
        let b = &r.budget;
        let bold = |m| format!("**{}**", amount(m));
        let planned_past = r
            .past_years
            .iter()
            .filter_map(|y| b.planned_annual.get(y))
            .sum();
        let mut total = vec![
            "**Total**".to_string(),
            bold(planned_past),
            bold(b.delivered),
        ];
        total.extend(
            r.remaining_years
                .iter()
                .map(|y| bold(b.annual.get(y).copied().unwrap_or_default())),
        );
        total.extend([bold(b.total), bold(b.total), "0".to_string()]);
        rows.push(total);
        let mut notes = r.notes.clone();
        notes.push(format!(
            "β = (horizon total + credited bilateral aid) / fair effort; 1.000 is exactly the fair share. New β from {:.3} to {:.3}.",
            r.metrics.min_burden_index, r.metrics.max_burden_index
        ));
        format!(
            "## {}\n\nAmounts in {}.\n\n{}\n{}",
            replan_title(r),
            money_unit(&r.currency, &r.unit),
            md_table(&rows, &[0]),
            numbered(&notes)
        )
        .into_bytes()
    }
}
