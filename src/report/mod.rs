//! Output formats: one small exporter per format behind one trait returning bytes.

pub mod account;
pub mod build;
pub mod compare;
mod csv;
pub mod doc;
mod document;
mod escape;
pub mod explain;
mod json;
pub(crate) mod notes;
pub mod render;
pub mod sweep;

use std::path::Path;

use crate::binding::Binding;
use crate::money::{group_thousands, Money};
use crate::plan::Plan;

pub use self::document::{ExportError, Report, ReportExporter, Style};
pub use self::json::Json;
pub use self::render::terminal_width;

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
    Xlsx,
    Html,
    Latex,
}

impl Format {
    pub fn parse(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "table" | "txt" | "text" => Some(Format::Table),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            "xlsx" | "excel" => Some(Format::Xlsx),
            "html" | "htm" => Some(Format::Html),
            "tex" | "latex" => Some(Format::Latex),
            _ => None,
        }
    }

    /// The format a file name asks for by its extension.
    pub fn from_path(path: &Path) -> Option<Format> {
        Format::parse(path.extension()?.to_str()?)
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
        notes::key(&plan.notes),
        notes::credit(&plan.notes),
        notes::profile(&plan.notes),
        plan.notes.rounding,
        notes::smoothing(&plan.notes).map_or(String::new(), |s| format!(" · smoothing {s}"))
    )
}

/// The plan's money unit, e.g. `EUR million`.
pub fn money_unit(plan: &Plan) -> String {
    format!("{} {}", plan.currency, plan.unit)
        .trim()
        .to_string()
}

/// The rounding step with its money, e.g. `EUR 5 million`.
pub fn rounding_unit(plan: &Plan) -> String {
    format!("{} {} {}", plan.currency, plan.notes.rounding, plan.unit)
        .trim()
        .to_string()
}

/// Binding constraints grouped by constraint (in words), each with the labels of the
/// allies it binds, in order of first appearance; `allies` gives each ally's label and
/// binding codes.
pub fn binding_groups<'a>(
    allies: impl IntoIterator<Item = (&'a str, &'a [Binding])>,
) -> Vec<(String, Vec<&'a str>)> {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for (label, codes) in allies {
        for code in codes {
            let words = code.words();
            match groups.iter_mut().find(|(w, _)| *w == words) {
                Some((_, labels)) => labels.push(label),
                None => groups.push((words, vec![label])),
            }
        }
    }
    groups
}
