//! Output formats for accountability results (tracking and re-planning): one small
//! exporter per format behind one trait returning bytes, next to the plan's `Exporter`.

mod csv;
mod json;
mod markdown;
mod table;

use super::{amount, Format};
use crate::money::Money;
use crate::replan::{span, Replan};
use crate::track::{Status, Track};

/// A format that turns tracking and re-planning results into bytes.
pub trait AccountExporter {
    fn track(&self, track: &Track) -> Vec<u8>;
    fn replan(&self, replan: &Replan) -> Vec<u8>;
}

/// The exporter of a format for tracking and re-planning results.
pub fn account_exporter(format: Format, color: bool) -> Box<dyn AccountExporter> {
    match format {
        Format::Table => Box::new(table::Table { color }),
        Format::Csv => Box::new(csv::Csv),
        Format::Json => Box::new(json::Json),
        Format::Markdown => Box::new(markdown::Markdown),
    }
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

/// The column label of the past years: "2025" or "2025–2026".
fn past_label(r: &Replan) -> String {
    span(&r.past_years)
}

/// Planned amount of an ally over the past years.
fn past_planned(r: &Replan, a: &crate::replan::AllyReplan) -> Money {
    r.past_years.iter().filter_map(|y| a.planned.get(y)).sum()
}
