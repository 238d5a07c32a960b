//! The streaming outputs of a sweep, CSV and JSON: rows arrive one by one in grid order
//! and are written as they come (memory stays flat), so each exporter renders a head,
//! rows and an end. The other formats collect the rows into a document
//! ([`crate::report::build::sweep`]).

mod csv;
mod json;

use super::Format;
use crate::sweep::{Counts, Row};

/// What every sweep output states before the rows.
#[derive(Clone, Debug, Default)]
pub struct SweepHead {
    pub title: String,
    pub file: String,
    pub currency: String,
    pub unit: String,
    /// The varied paths, in grid order.
    pub parameters: Vec<String>,
    /// The values of each parameter, in grid order.
    pub values: Vec<Vec<String>>,
    pub variants: usize,
    /// One row per variant and ally instead of one per variant.
    pub long: bool,
    /// Whether credit may reduce the fund in a variant (the base scenario says so, or
    /// `credit_effect` is varied): the summary then states what each fund receives.
    pub fund: bool,
}

/// A format that turns a stream of sweep rows into bytes.
pub trait SweepExporter {
    fn begin(&mut self) -> Vec<u8>;
    fn row(&mut self, row: &Row) -> Vec<u8>;
    fn end(&mut self, counts: &Counts) -> Vec<u8>;
}

impl Format {
    /// The streaming sweep exporter of this format: CSV and JSON; None for the formats
    /// rendered from a document.
    pub fn sweep_exporter(self, head: SweepHead) -> Option<Box<dyn SweepExporter>> {
        Some(match self {
            Format::Csv => Box::new(csv::SweepCsv { head }),
            Format::Json => Box::new(json::SweepJson { head, rows: 0 }),
            Format::Table | Format::Markdown | Format::Xlsx | Format::Html | Format::Latex => {
                return None
            }
        })
    }
}

/// One line per kind of outcome, e.g. `1000 variants: 990 ok, 10 infeasible`.
pub fn counts_line(c: &Counts) -> String {
    let parts: Vec<String> = [
        (c.ok, "ok"),
        (c.infeasible, "infeasible"),
        (c.invalid, "invalid"),
        (c.failed, "failed"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    let s = if c.variants == 1 { "" } else { "s" };
    format!("{} variant{s}: {}", c.variants, parts.join(", "))
}
