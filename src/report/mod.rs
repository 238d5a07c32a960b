//! Output formats: one small exporter per format behind one trait returning bytes.

pub mod account;
pub mod compare;
mod csv;
mod json;
mod markdown;
pub mod sweep;
mod table;

use std::path::Path;

use crate::money::{group_thousands, Money};
use crate::plan::Plan;

pub use self::csv::Csv;
pub use self::json::Json;
pub use self::markdown::Markdown;
pub use self::table::Table;

/// A format that turns a plan into bytes.
pub trait Exporter {
    fn render(&self, plan: &Plan) -> Vec<u8>;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Markdown,
}

impl Format {
    pub fn parse(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "table" | "txt" | "text" => Some(Format::Table),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }

    /// The format a file name asks for by its extension.
    pub fn from_path(path: &Path) -> Option<Format> {
        Format::parse(path.extension()?.to_str()?)
    }

    pub fn exporter(self, color: bool) -> Box<dyn Exporter> {
        match self {
            Format::Table => Box::new(Table { color }),
            Format::Csv => Box::new(Csv),
            Format::Json => Box::new(Json),
            Format::Markdown => Box::new(Markdown),
        }
    }
}

/// Money with thousands separators, as tables show it.
pub fn amount(m: Money) -> String {
    group_thousands(m, ',')
}

/// A ratio with a fixed number of decimals.
pub fn ratio(v: Option<f64>, decimals: usize) -> String {
    v.map_or_else(|| "–".to_string(), |v| format!("{v:.decimals$}"))
}

/// A fraction as a percentage.
pub fn percent(v: Option<f64>, decimals: usize) -> String {
    v.map_or_else(|| "–".to_string(), |v| format!("{:.decimals$}", v * 100.0))
}

/// The heading facts every human-readable format states.
pub fn summary_line(plan: &Plan) -> String {
    let money = format!("{} {}", plan.currency, plan.unit)
        .trim()
        .to_string();
    format!(
        "{money} · objective {} · key {} · bilateral credit {} · profile {} · rounding {}{}",
        plan.objective,
        plan.notes.key,
        plan.notes.credit_rate,
        plan.notes.profile,
        plan.notes.rounding,
        plan.notes
            .smoothing
            .as_ref()
            .map_or(String::new(), |s| format!(" · smoothing {s}"))
    )
}
