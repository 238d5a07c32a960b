//! Markdown for proposals and briefings: tracking and re-planning tables with a totals row
//! and numbered notes stating what the figures mean.

use crate::report::escape::markdown as md;
use crate::report::markdown::md_table;

use super::{
    alliance_rows, bilateral_line, money_unit, replan_rows, replan_title, status_line, track_rows,
    track_title, AccountExporter, ReplanStyle,
};
use crate::replan::Replan;
use crate::track::Track;

#[derive(Debug)]
pub struct Markdown;

fn numbered(notes: &[String]) -> String {
    let mut out = String::new();
    for (i, note) in notes.iter().enumerate() {
        out.push_str(&format!("{}. {}\n", i + 1, md(note)));
    }
    out
}

impl AccountExporter for Markdown {
    fn track(&self, t: &Track) -> Vec<u8> {
        let mut notes = vec![
            "Difference = delivered − planned: negative is a shortfall, positive a surplus; Cumulative sums it over the years so far.".to_string(),
            "Fulfilment = delivered / planned; – where nothing was planned.".to_string(),
            status_line(t),
        ];
        notes.extend(bilateral_line(t));
        format!(
            "## {}\n\nAmounts in {}.\n\n{}\nThe alliance against the annual budgets:\n\n{}\n{}",
            md(&track_title(t)),
            md(&money_unit(&t.currency, &t.unit)),
            md_table(&track_rows(t, |a| md(&a.name)), &[0, 7]),
            md_table(&alliance_rows(t, "**Total**"), &[0, 5]),
            numbered(&notes)
        )
        .into_bytes()
    }

    fn replan(&self, r: &Replan) -> Vec<u8> {
        let style = ReplanStyle {
            label: |a| md(&a.name),
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
            md(&replan_title(r)),
            md(&money_unit(&r.currency, &r.unit)),
            md_table(&replan_rows(r, &style), &[0]),
            numbered(&notes)
        )
        .into_bytes()
    }
}
