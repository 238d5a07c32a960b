//! Excel workbook: sheets Plan (live SUM formulas with cached values), Fairness and
//! Inputs for one scenario; a Comparison sheet and one plan sheet per scenario for
//! several. Thousands separators, frozen headers, fitted columns and a fixed creation
//! date, so the same input gives the same bytes.

mod compare;
mod inputs;
mod sheets;

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format as XFormat, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::document::{ExportError, Report, ReportExporter};
use super::Exporter;
use crate::money::Money;
use crate::plan::Plan;

/// Written as every workbook's creation date (no clock in outputs).
const CREATED: (u16, u8, u8) = (2025, 1, 1);

/// The Excel workbook.
#[derive(Debug)]
pub struct Xlsx;

impl ReportExporter for Xlsx {
    fn render(&self, reports: &[Report<'_>]) -> Result<Vec<u8>, ExportError> {
        let first = reports.first().ok_or(ExportError::Empty)?;
        let mut workbook = Workbook::new();
        let (y, m, d) = CREATED;
        let properties = DocProperties::new()
            .set_title(title(reports))
            .set_author("burden")
            .set_creation_datetime(&ExcelDateTime::from_ymd(y, m, d)?);
        workbook.set_properties(&properties);
        let styles = Styles::new(reports.iter().map(|r| r.plan));
        if let [one] = reports {
            let plan = sheets::plan_sheet(named(&mut workbook, "Plan")?, one, &styles)?;
            sheets::fairness_sheet(named(&mut workbook, "Fairness")?, one, &styles, &plan)?;
            if let Some(scenario) = one.scenario {
                inputs::inputs_sheet(named(&mut workbook, "Inputs")?, first, scenario, &styles)?;
            }
        } else {
            compare::comparison(&mut workbook, reports, &styles)?;
        }
        Ok(workbook.save_to_buffer()?)
    }
}

impl Exporter for Xlsx {
    /// The workbook of a plan alone (no Inputs sheet: that needs the scenario).
    fn render(&self, plan: &Plan) -> Vec<u8> {
        ReportExporter::render(self, &[Report::new(plan)]).unwrap_or_default()
    }
}

fn title(reports: &[Report<'_>]) -> String {
    match reports {
        [one] => one.plan.scenario.clone(),
        several => format!("Comparison of {} scenarios", several.len()),
    }
}

/// Adds a worksheet with a name.
fn named<'a>(workbook: &'a mut Workbook, name: &str) -> Result<&'a mut Worksheet, XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(name)?;
    Ok(sheet)
}

/// The cell formats of a workbook.
#[derive(Debug)]
pub(crate) struct Styles {
    pub title: XFormat,
    pub note: XFormat,
    pub header: XFormat,
    pub header_left: XFormat,
    pub money: XFormat,
    pub money_total: XFormat,
    pub label_total: XFormat,
    pub share: XFormat,
    pub share_total: XFormat,
    pub ratio: XFormat,
    pub gdp_pct: XFormat,
    pub number: XFormat,
    pub bold: XFormat,
}

impl Styles {
    fn new<'a>(plans: impl Iterator<Item = &'a Plan>) -> Self {
        let decimals = plans.map(money_decimals).max().unwrap_or(0);
        let money = if decimals == 0 {
            "#,##0".to_string()
        } else {
            format!("#,##0.{}", "0".repeat(decimals as usize))
        };
        let header = XFormat::new()
            .set_bold()
            .set_border_bottom(FormatBorder::Thin)
            .set_align(rust_xlsxwriter::FormatAlign::Right);
        let total = XFormat::new().set_bold().set_border_top(FormatBorder::Thin);
        Styles {
            title: XFormat::new().set_bold().set_font_size(14),
            note: XFormat::new().set_italic(),
            header_left: XFormat::new()
                .set_bold()
                .set_border_bottom(FormatBorder::Thin),
            header,
            money: XFormat::new().set_num_format(&money),
            money_total: total.clone().set_num_format(&money),
            label_total: total.clone(),
            share: XFormat::new().set_num_format("0.00%"),
            share_total: total.set_num_format("0.00%"),
            ratio: XFormat::new().set_num_format("0.000"),
            gdp_pct: XFormat::new().set_num_format("0.000%"),
            number: XFormat::new().set_num_format("#,##0.####"),
            bold: XFormat::new().set_bold(),
        }
    }
}

/// Decimals the plan's amounts need (0 for whole units).
fn money_decimals(plan: &Plan) -> u32 {
    plan.allies
        .iter()
        .flat_map(|a| a.contributions.values())
        .chain(plan.budget.annual.values())
        .chain([&plan.notes.rounding])
        .map(|m| m.normalized().0.scale())
        .max()
        .unwrap_or(0)
}

/// Column widths that fit what was written, in Excel's character units.
#[derive(Debug, Default)]
pub(crate) struct Widths(Vec<usize>);

impl Widths {
    pub fn see(&mut self, col: u16, text: &str) {
        let col = usize::from(col);
        if self.0.len() <= col {
            self.0.resize(col + 1, 0);
        }
        self.0[col] = self.0[col].max(text.chars().count());
    }

    pub fn see_money(&mut self, col: u16, value: Money) {
        self.see(col, &super::amount(value));
    }

    pub fn apply(&self, sheet: &mut Worksheet, max: usize) -> Result<(), XlsxError> {
        for (col, width) in self.0.iter().enumerate() {
            let width = (width + 2).clamp(6, max);
            sheet.set_column_width(u16::try_from(col).unwrap_or(u16::MAX), width as f64)?;
        }
        Ok(())
    }
}
