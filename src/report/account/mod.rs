//! Output formats for accountability results (tracking and re-planning): one small
//! exporter per format behind one trait returning bytes, next to the plan's `Exporter`.

mod csv;
mod json;
mod markdown;
mod table;

use super::{amount, ratio, Format};
use crate::money::Money;
use crate::replan::{span, AllyReplan, Replan};
use crate::track::{AllyTrack, Status, Track};

/// A format that turns tracking and re-planning results into bytes.
pub trait AccountExporter {
    fn track(&self, track: &Track) -> Vec<u8>;
    fn replan(&self, replan: &Replan) -> Vec<u8>;
}

/// The exporter of a format for tracking and re-planning results (none for the Excel
/// and HTML documents, which are made for plans).
pub fn account_exporter(format: Format, color: bool) -> Option<Box<dyn AccountExporter>> {
    Some(match format {
        Format::Table => Box::new(table::Table { color }),
        Format::Csv => Box::new(csv::Csv),
        Format::Json => Box::new(json::Json),
        Format::Markdown => Box::new(markdown::Markdown),
        Format::Xlsx | Format::Html | Format::Latex => return None,
    })
}

/// A signed amount: `+1,200` or `-300`, `0` for zero.
fn signed(m: Money) -> String {
    if m > Money::ZERO {
        format!("+{}", amount(m))
    } else {
        amount(m)
    }
}

/// A fulfilment ratio as a percentage with one decimal, `–` when nothing was planned.
fn fulfilment(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), |v| format!("{:.1}", v * 100.0))
}

/// "EUR million".
fn money_unit(currency: &str, unit: &str) -> String {
    format!("{currency} {unit}").trim().to_string()
}

/// "26 ahead, 4 behind, 2 on track" (tolerance stated).
fn status_line(track: &Track) -> String {
    let count = |s: Status| track.status_counts.get(&s).copied().unwrap_or(0);
    let allies = |n: usize| if n == 1 { "ally" } else { "allies" };
    let parts: Vec<String> = [Status::OnTrack, Status::Behind, Status::Ahead]
        .into_iter()
        .map(|s| (s, count(s)))
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {} {s}", allies(n)))
        .collect();
    format!(
        "{} (on track = cumulative delivery within {} % of the cumulative plan).",
        parts.join(", "),
        percent_text(track.tolerance)
    )
}

fn percent_text(fraction: f64) -> String {
    let text = format!("{:.4}", fraction * 100.0);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Track heading facts.
fn track_title(track: &Track) -> String {
    format!(
        "{}: delivered against the plan, {}",
        track.scenario,
        span(&track.years)
    )
}

/// Replan heading facts.
fn replan_title(r: &Replan) -> String {
    format!(
        "{}: re-plan of {} after {} (policy {})",
        r.scenario,
        span(&r.remaining_years),
        span(&r.past_years),
        r.policy.name()
    )
}

/// Header and rows of the allies of a tracking report (`label` names the ally).
fn track_rows(t: &Track, label: impl Fn(&AllyTrack) -> String) -> Vec<Vec<String>> {
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
    let bilateral = t.has_bilateral();
    let mut rows = vec![header.map(String::from).to_vec()];
    if bilateral {
        rows[0].extend(["Bilateral assumed", "Bilateral given"].map(String::from));
    }
    for a in &t.allies {
        for (year, l) in &a.years {
            let mut row = vec![
                label(a),
                year.to_string(),
                amount(l.planned),
                amount(l.delivered),
                signed(l.difference),
                fulfilment(l.fulfilment),
                signed(l.cumulative_difference),
                l.status.to_string(),
            ];
            if bilateral {
                let (planned, given) = bilateral_cells(a, *year);
                row.extend([
                    amount(planned),
                    given.map_or_else(|| "–".to_string(), amount),
                ]);
            }
            rows.push(row);
        }
    }
    rows
}

/// "Bilateral aid short of the assumption: DNK 2025 2,536.9 of 3,963; …", when any is.
fn bilateral_line(t: &Track) -> Option<String> {
    let short: Vec<String> = t
        .allies
        .iter()
        .flat_map(|a| {
            a.bilateral_delivered
                .iter()
                .filter_map(move |(year, given)| {
                    let planned = a.bilateral_planned.get(year).copied().unwrap_or_default();
                    let given = (*given)?;
                    (given < planned).then(|| {
                        format!("{} {year} {} of {}", a.id, amount(given), amount(planned))
                    })
                })
        })
        .collect();
    (!short.is_empty()).then(|| {
        format!(
            "Bilateral aid short of the assumption (given of assumed): {}.",
            short.join("; ")
        )
    })
}

/// The bilateral aid assumed and actually given (when stated) of an ally in a year.
fn bilateral_cells(a: &AllyTrack, year: i32) -> (Money, Option<Money>) {
    (
        a.bilateral_planned.get(&year).copied().unwrap_or_default(),
        a.bilateral_delivered.get(&year).copied().flatten(),
    )
}

/// Header and rows of the alliance per year, with a total row when there are several.
fn alliance_rows(t: &Track, total: &str) -> Vec<Vec<String>> {
    let header = [
        "Year",
        "Budget",
        "Delivered",
        "Difference",
        "Fulfilment %",
        "Status",
    ];
    let mut rows = vec![header.map(String::from).to_vec()];
    let sum = (t.annual.len() > 1).then(|| (total.to_string(), &t.total));
    for (label, v) in t.annual.iter().map(|(y, v)| (y.to_string(), v)).chain(sum) {
        rows.push(vec![
            label,
            amount(v.budget),
            amount(v.delivered),
            signed(v.difference),
            fulfilment(v.fulfilment),
            v.status.to_string(),
        ]);
    }
    rows
}

/// How the re-plan tables write names and totals.
struct ReplanStyle {
    label: fn(&AllyReplan) -> String,
    bold: fn(String) -> String,
    binding: bool,
}

/// Header, ally rows and total row of a re-plan table.
fn replan_rows(r: &Replan, style: &ReplanStyle) -> Vec<Vec<String>> {
    let past = span(&r.past_years);
    let mut header = vec![
        "Ally".to_string(),
        format!("Plan {past}"),
        format!("Delivered {past}"),
    ];
    header.extend(r.remaining_years.iter().map(|y| format!("New {y}")));
    header.extend(["New total", "Plan total", "Change", "β plan", "β new"].map(String::from));
    if style.binding {
        header.push("Binding".to_string());
    }
    let mut rows = vec![header];
    for a in &r.allies {
        let mut row = vec![
            (style.label)(a),
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
        if style.binding {
            row.push(a.binding.join(" "));
        }
        rows.push(row);
    }
    let b = &r.budget;
    let bold = |m: Money| (style.bold)(amount(m));
    let planned_past = r
        .past_years
        .iter()
        .filter_map(|y| b.planned_annual.get(y))
        .sum();
    let mut total = vec![
        (style.bold)("Total".to_string()),
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
    rows
}

/// Planned amount of an ally over the past years.
fn past_planned(r: &Replan, a: &AllyReplan) -> Money {
    r.past_years.iter().filter_map(|y| a.planned.get(y)).sum()
}
