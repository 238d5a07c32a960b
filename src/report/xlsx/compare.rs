//! Several scenarios in one workbook: a Comparison sheet (totals linked to each
//! scenario's sheet, burden indices, differences against the first scenario, summary
//! metrics) followed by one plan sheet per scenario.

use rust_xlsxwriter::utility::{check_sheet_name, row_col_to_cell};
use rust_xlsxwriter::{Formula, Workbook, Worksheet, XlsxError};

use super::sheets::{heading, plan_sheet, PlanLayout, HEADER};
use super::{Styles, Widths};
use crate::money::Money;
use crate::report::document::Report;
use crate::report::money_unit;

/// Writes the Comparison sheet and one plan sheet per report.
pub(crate) fn comparison(
    workbook: &mut Workbook,
    reports: &[Report<'_>],
    st: &Styles,
) -> Result<(), XlsxError> {
    let names = sheet_names(reports);
    let mut layouts = Vec::new();
    let mut sheets = Vec::new();
    for (report, name) in reports.iter().zip(&names) {
        let mut sheet = Worksheet::new();
        sheet.set_name(name)?;
        layouts.push(plan_sheet(&mut sheet, report, st)?);
        sheets.push(sheet);
    }
    let mut sheet = Worksheet::new();
    sheet.set_name("Comparison")?;
    write_comparison(&mut sheet, reports, &layouts, st)?;
    workbook.push_worksheet(sheet);
    for sheet in sheets {
        workbook.push_worksheet(sheet);
    }
    Ok(())
}

/// Valid, unique sheet names from the reports' names.
fn sheet_names(reports: &[Report<'_>]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (i, report) in reports.iter().enumerate() {
        let clean: String = report
            .name
            .chars()
            .filter(|c| !"[]:*?/\\'".contains(*c))
            .take(28)
            .collect();
        let mut name = clean.trim().to_string();
        if check_sheet_name(&name).is_err() || name.eq_ignore_ascii_case("Comparison") {
            name = format!("Scenario {}", i + 1);
        }
        let base = name.clone();
        let mut k = 2;
        while names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            name = format!("{base} {k}");
            k += 1;
        }
        names.push(name);
    }
    names
}

/// Allies of every report, in order of first appearance: (id, name).
fn all_allies(reports: &[Report<'_>]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for a in reports.iter().flat_map(|r| &r.plan.allies) {
        if !out.iter().any(|(id, _)| *id == a.id) {
            out.push((a.id.clone(), a.name.clone()));
        }
    }
    out
}

fn write_comparison(
    sheet: &mut Worksheet,
    reports: &[Report<'_>],
    layouts: &[PlanLayout],
    st: &Styles,
) -> Result<(), XlsxError> {
    let mut w = Widths::default();
    let k = reports.len() as u16;
    let unit = money_unit(reports[0].plan);
    let title = format!("Comparison of {k} scenarios");
    let note = format!(
        "Totals per ally in {unit}, linked to each scenario's sheet; differences against {}.",
        reports[0].name
    );
    let mut headers = vec!["Id".to_string(), "Ally".to_string()];
    headers.extend(reports.iter().map(|r| format!("Total {}", r.name)));
    headers.extend(reports.iter().map(|r| format!("β {}", r.name)));
    headers.extend(reports.iter().skip(1).map(|r| format!("Δ {}", r.name)));
    heading(sheet, &title, &note, &headers, st, &mut w)?;
    let allies = all_allies(reports);
    for (i, (id, name)) in allies.iter().enumerate() {
        let row = HEADER + 1 + i as u32;
        sheet.write_string(row, 0, id)?;
        sheet.write_string(row, 1, name)?;
        w.see(0, id);
        w.see(1, name);
        let found: Vec<Option<usize>> = reports
            .iter()
            .map(|r| r.plan.allies.iter().position(|a| a.id == *id))
            .collect();
        for (s, (report, at)) in reports.iter().zip(&found).enumerate() {
            let Some(at) = *at else { continue };
            let ally = &report.plan.allies[at];
            let total = Formula::new(format!("={}", layouts[s].total_of(at)))
                .set_result(ally.total.to_string());
            sheet.write_formula_with_format(row, 2 + s as u16, total, &st.money)?;
            w.see_money(2 + s as u16, ally.total);
            if let Some(beta) = ally.burden_index {
                sheet.write_with_format(row, 2 + k + s as u16, beta, &st.ratio)?;
            }
        }
        write_deltas(sheet, row, reports, &found, st)?;
    }
    let last = HEADER + allies.len() as u32;
    write_metrics(sheet, last + 1, reports, st)?;
    sheet.set_freeze_panes(HEADER + 1, 2)?;
    w.apply(sheet, 30)
}

fn write_deltas(
    sheet: &mut Worksheet,
    row: u32,
    reports: &[Report<'_>],
    found: &[Option<usize>],
    st: &Styles,
) -> Result<(), XlsxError> {
    let k = reports.len() as u16;
    let Some(base) = found[0] else { return Ok(()) };
    let base_total = reports[0].plan.allies[base].total;
    for s in 1..reports.len() {
        let Some(at) = found[s] else { continue };
        let diff = reports[s].plan.allies[at].total - base_total;
        let text = format!(
            "={}-{}",
            row_col_to_cell(row, 2 + s as u16),
            row_col_to_cell(row, 2)
        );
        let f = Formula::new(text).set_result(diff.to_string());
        sheet.write_formula_with_format(row, 2 + 2 * k + s as u16 - 1, f, &st.money)?;
    }
    Ok(())
}

/// The totals row and the summary metrics of each scenario under its Total column.
fn write_metrics(
    sheet: &mut Worksheet,
    row: u32,
    reports: &[Report<'_>],
    st: &Styles,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(row, 0, "TOTAL", &st.label_total)?;
    sheet.write_string_with_format(row, 1, "All allies", &st.label_total)?;
    let labels = [
        "Max burden index",
        "Min burden index",
        "Allies paying nothing",
        "Largest payer's share of the budget",
    ];
    for (i, label) in labels.iter().enumerate() {
        sheet.write_string_with_format(row + 2 + i as u32, 1, *label, &st.bold)?;
    }
    for (s, report) in reports.iter().enumerate() {
        let col = 2 + s as u16;
        let plan = report.plan;
        let sum = format!(
            "=SUM({}:{})",
            row_col_to_cell(HEADER + 1, col),
            row_col_to_cell(row - 1, col)
        );
        let cached: Money = plan.allies.iter().map(|a| a.total).sum();
        sheet.write_formula_with_format(
            row,
            col,
            Formula::new(sum).set_result(cached.to_string()),
            &st.money_total,
        )?;
        sheet.write_with_format(row + 2, col, plan.metrics.max_burden_index, &st.ratio)?;
        sheet.write_with_format(row + 3, col, plan.metrics.min_burden_index, &st.ratio)?;
        sheet.write(row + 4, col, plan.zero_payers() as u32)?;
        sheet.write_with_format(row + 5, col, plan.largest_share(), &st.share)?;
    }
    Ok(())
}
