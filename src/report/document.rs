//! Rich outputs that need more than the plan: the scenario it came from, its source
//! notes, and possibly several scenarios side by side (the Excel workbook, the HTML
//! report). One entry point, [`Format::render`], serves every format.

use super::{Exporter, Format};

/// The width of a table written to a file or a pipe: 80 columns.
pub(super) const DEFAULT_WIDTH: u16 = 80;
use crate::plan::Plan;
use crate::scenario::Scenario;

/// One solved scenario, as the rich formats take it.
#[derive(Clone, Copy, Debug)]
pub struct Report<'a> {
    pub plan: &'a Plan,
    /// The scenario the plan was solved from; the Excel Inputs sheet needs it.
    pub scenario: Option<&'a Scenario>,
    /// A short name for sheet names, legends and headings (e.g. the file stem).
    pub name: &'a str,
    /// Source notes: the comment block at the top of the scenario file, line by line.
    pub notes: &'a [String],
}

impl<'a> Report<'a> {
    /// A report of the plan alone, named after its scenario title.
    pub fn new(plan: &'a Plan) -> Self {
        Report {
            plan,
            scenario: None,
            name: &plan.scenario,
            notes: &[],
        }
    }

    pub fn with_scenario(self, scenario: &'a Scenario) -> Self {
        Report {
            scenario: Some(scenario),
            ..self
        }
    }

    pub fn named(self, name: &'a str) -> Self {
        Report { name, ..self }
    }

    pub fn with_notes(self, notes: &'a [String]) -> Self {
        Report { notes, ..self }
    }
}

/// A format that renders one or several reports into one document.
pub trait ReportExporter {
    fn render(&self, reports: &[Report<'_>]) -> Result<Vec<u8>, ExportError>;
}

/// Why a document could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write the workbook: {0}")]
    Xlsx(String),
    #[error("cannot draw the chart `{0}`: {1}")]
    Chart(String, String),
    #[error("the {0} format writes one plan; use html, xlsx or md for several scenarios")]
    OnePlanOnly(&'static str),
    #[error("nothing to render")]
    Empty,
    #[error("cannot write the CSV: {0}")]
    Csv(String),
    #[error("JSON is written from the result itself, not from a document")]
    NoDocument,
}

impl From<rust_xlsxwriter::XlsxError> for ExportError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        ExportError::Xlsx(e.to_string())
    }
}

/// How the terminal table is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    /// Colour (only on a terminal, never with NO_COLOR: the caller decides).
    pub color: bool,
    /// Columns available: the terminal's width, or [`DEFAULT_WIDTH`] elsewhere.
    pub width: u16,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            width: DEFAULT_WIDTH,
        }
    }
}

impl Format {
    /// Renders the plans of one or several scenarios in this format: one plan document,
    /// or for several the side-by-side document (not in CSV and JSON, which hold one).
    pub fn render(self, reports: &[Report<'_>], style: Style) -> Result<Vec<u8>, ExportError> {
        use super::build::plan::{document, several, Depth};
        let depth = match self {
            Format::Table | Format::Csv => Depth::Table,
            _ => Depth::Document,
        };
        match (self, reports) {
            (_, []) => Err(ExportError::Empty),
            (Format::Json, [one]) => Ok(Exporter::render(&super::Json, one.plan)),
            (Format::Json | Format::Csv, [_, _, ..]) => Err(ExportError::OnePlanOnly(self.name())),
            (_, [one]) => self.render_document(&document(one, depth), style),
            (_, all) => self.render_document(&several(all), style),
        }
    }

    /// The format's short name, as `--format` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Markdown => "md",
            Format::Xlsx => "xlsx",
            Format::Html => "html",
            Format::Latex => "tex",
        }
    }

    /// Whether the format is binary (never written to a terminal).
    pub fn is_binary(self) -> bool {
        self == Format::Xlsx
    }
}
