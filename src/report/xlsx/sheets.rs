//! The Plan sheet (ally × year with live SUM formulas) and the Fairness sheet (key
//! share, fair effort, credited aid, burden index as a formula on the Plan's totals).

use rust_xlsxwriter::utility::{quote_sheet_name, row_col_to_cell};
use rust_xlsxwriter::{Formula, Worksheet, XlsxError};

use super::{Styles, Widths};
use crate::money::Money;
use crate::plan::{AllyPlan, Plan};
use crate::report::document::Report;
use crate::report::{binding_words, money_unit};

/// Row of the column headers; allies follow it.
pub(crate) const HEADER: u32 = 3;
const FIRST: u32 = HEADER + 1;

/// Where a plan sheet put things, for formulas on other sheets.
#[derive(Debug)]
pub(crate) struct PlanLayout {
    pub sheet: String,
    pub total_col: u16,
}

impl PlanLayout {
    /// Reference to an ally's total (ally index in plan order).
    pub fn total_of(&self, ally: usize) -> String {
        let row = FIRST + u32::try_from(ally).unwrap_or(u32::MAX - FIRST);
        format!(
            "{}!{}",
            quote_sheet_name(&self.sheet),
            row_col_to_cell(row, self.total_col)
        )
    }
}

/// A formula with its cached value.
fn formula(text: String, cached: impl ToString) -> Formula {
    Formula::new(text).set_result(cached.to_string())
}

/// `=SUM(A1:B2)` of a rectangle of cells.
fn sum(r0: u32, c0: u16, r1: u32, c1: u16) -> String {
    format!(
        "=SUM({}:{})",
        row_col_to_cell(r0, c0),
        row_col_to_cell(r1, c1)
    )
}

/// Writes the title, a note line and the header row.
pub(crate) fn heading(
    sheet: &mut Worksheet,
    title: &str,
    note: &str,
    headers: &[String],
    st: &Styles,
    w: &mut Widths,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(0, 0, title, &st.title)?;
    sheet.write_string_with_format(1, 0, note, &st.note)?;
    for (c, h) in headers.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        let format = if c < 2 { &st.header_left } else { &st.header };
        sheet.write_string_with_format(HEADER, c, h, format)?;
        w.see(c, h);
    }
    Ok(())
}

/// The Plan sheet of one report (sheet named `name`).
pub(crate) fn plan_sheet(
    sheet: &mut Worksheet,
    report: &Report<'_>,
    st: &Styles,
) -> Result<PlanLayout, XlsxError> {
    let plan = report.plan;
    let mut w = Widths::default();
    let years = u16::try_from(plan.years.len()).unwrap_or(u16::MAX);
    let total_col = 2 + years;
    let mut headers = vec!["Id".to_string(), "Ally".to_string()];
    headers.extend(plan.years.iter().map(i32::to_string));
    headers.push(format!("Total ({})", money_unit(plan)));
    let note = format!(
        "Contributions per year in {}. Totals are live formulas: edit an amount and they recompute.",
        money_unit(plan)
    );
    heading(sheet, &plan.scenario, &note, &headers, st, &mut w)?;
    plan_rows(sheet, plan, total_col, st, &mut w)?;
    let last = FIRST + plan.allies.len() as u32 - u32::from(!plan.allies.is_empty());
    let total_row = FIRST + plan.allies.len() as u32;
    sheet.write_string_with_format(total_row, 0, "TOTAL", &st.label_total)?;
    sheet.write_string_with_format(total_row, 1, "All allies", &st.label_total)?;
    let budgets: Vec<Money> = plan
        .years
        .iter()
        .map(|y| plan.budget.annual.get(y).copied().unwrap_or(Money::ZERO))
        .collect();
    for (j, cached) in budgets.iter().chain([&plan.budget.total]).enumerate() {
        let col = 2 + j as u16;
        sheet.write_formula_with_format(
            total_row,
            col,
            formula(sum(FIRST, col, last, col), cached),
            &st.money_total,
        )?;
        w.see_money(col, *cached);
    }
    budget_check(sheet, plan, total_row, &budgets, st)?;
    sheet.set_freeze_panes(FIRST, 2)?;
    w.apply(sheet, 40)?;
    Ok(PlanLayout {
        sheet: sheet.name(),
        total_col,
    })
}

/// One row per ally: its amounts per year and its total as a SUM.
fn plan_rows(
    sheet: &mut Worksheet,
    plan: &Plan,
    total_col: u16,
    st: &Styles,
    w: &mut Widths,
) -> Result<(), XlsxError> {
    for (i, ally) in plan.allies.iter().enumerate() {
        let row = FIRST + i as u32;
        sheet.write_string(row, 0, &ally.id)?;
        sheet.write_string(row, 1, &ally.name)?;
        w.see(0, &ally.id);
        w.see(1, &ally.name);
        for (j, year) in plan.years.iter().enumerate() {
            let value = ally.contributions.get(year).copied().unwrap_or(Money::ZERO);
            sheet.write_with_format(row, 2 + j as u16, value.0, &st.money)?;
            w.see_money(2 + j as u16, value);
        }
        let f = formula(sum(row, 2, row, total_col - 1), ally.total);
        sheet.write_formula_with_format(row, total_col, f, &st.money)?;
        w.see_money(total_col, ally.total);
    }
    Ok(())
}

/// Below the totals: the annual budgets and the difference, which stays zero while the
/// plan adds up.
fn budget_check(
    sheet: &mut Worksheet,
    plan: &Plan,
    total_row: u32,
    budgets: &[Money],
    st: &Styles,
) -> Result<(), XlsxError> {
    let budget_row = total_row + 2;
    sheet.write_string_with_format(budget_row, 0, "Budget", &st.bold)?;
    sheet.write_string(budget_row, 1, "Annual budget")?;
    sheet.write_string_with_format(budget_row + 1, 0, "Check", &st.bold)?;
    sheet.write_string(
        budget_row + 1,
        1,
        "Total minus budget (0 when the plan adds up)",
    )?;
    for (j, value) in budgets.iter().chain([&plan.budget.total]).enumerate() {
        let col = 2 + j as u16;
        sheet.write_with_format(budget_row, col, value.0, &st.money)?;
        let diff = format!(
            "={}-{}",
            row_col_to_cell(total_row, col),
            row_col_to_cell(budget_row, col)
        );
        sheet.write_formula_with_format(budget_row + 1, col, formula(diff, 0), &st.money)?;
    }
    Ok(())
}

/// The Fairness sheet: the burden index recomputes from the Plan sheet's totals.
pub(crate) fn fairness_sheet(
    sheet: &mut Worksheet,
    report: &Report<'_>,
    st: &Styles,
    layout: &PlanLayout,
) -> Result<(), XlsxError> {
    let plan = report.plan;
    let mut w = Widths::default();
    let unit = money_unit(plan);
    let money = [
        "Fair effort",
        "Bilateral aid",
        "Credited aid",
        "New contribution",
    ];
    let mut headers: Vec<String> = ["Id", "Ally", "Key share"].map(String::from).into();
    headers.extend(money.map(|h| format!("{h} ({unit})")));
    headers.extend(["Burden index", "% of GDP", "Binding constraints"].map(String::from));
    let reasons = crate::report::explain::notes::of(report).map(|s| s.reasons);
    if reasons.is_some() {
        headers.push("Reason".to_string());
    }
    let note = format!(
        "Burden index = (new contribution + credited aid) / fair effort; 1.000 is exactly the fair share. Key: {}; bilateral credit {}.",
        plan.notes.key, plan.notes.credit_rate
    );
    let title = format!("{}: fairness", plan.scenario);
    heading(sheet, &title, &note, &headers, st, &mut w)?;
    for (i, ally) in plan.allies.iter().enumerate() {
        fairness_row(
            sheet,
            FIRST + i as u32,
            ally,
            &layout.total_of(i),
            st,
            &mut w,
        )?;
        if let Some((_, reason)) = reasons.as_ref().and_then(|r| r.get(i)) {
            sheet.write_string(FIRST + i as u32, 10, reason)?;
            w.see(10, reason);
        }
    }
    fairness_totals(sheet, plan, st)?;
    sheet.set_freeze_panes(FIRST, 2)?;
    w.apply(sheet, 60)
}

/// One ally's fairness figures; `total` refers to its total on the Plan sheet.
fn fairness_row(
    sheet: &mut Worksheet,
    row: u32,
    ally: &AllyPlan,
    total: &str,
    st: &Styles,
    w: &mut Widths,
) -> Result<(), XlsxError> {
    sheet.write_string(row, 0, &ally.id)?;
    sheet.write_string(row, 1, &ally.name)?;
    sheet.write_with_format(row, 2, ally.key_share, &st.share)?;
    let amounts = [
        (3, ally.fair_effort),
        (4, ally.bilateral),
        (5, ally.credited_bilateral),
    ];
    for (col, value) in amounts {
        sheet.write_with_format(row, col, value.0, &st.money)?;
        w.see_money(col, value.round_dp(0));
    }
    let new = formula(format!("={total}"), ally.total);
    sheet.write_formula_with_format(row, 6, new, &st.money)?;
    let cell = |c: u16| row_col_to_cell(row, c);
    let (d, f, g) = (cell(3), cell(5), cell(6));
    let beta = format!("=IF({d}>0,({g}+{f})/{d},\"\")");
    let cached = ally.burden_index.map_or(String::new(), |b| b.to_string());
    sheet.write_formula_with_format(row, 7, formula(beta, cached), &st.ratio)?;
    if let Some(pct) = ally.gdp_pct {
        sheet.write_with_format(row, 8, pct / 100.0, &st.gdp_pct)?;
    }
    let binding: Vec<String> = ally.binding.iter().map(|b| binding_words(b)).collect();
    sheet.write_string(row, 9, binding.join(", "))?;
    w.see(0, &ally.id);
    w.see(1, &ally.name);
    w.see(9, &binding.join(", "));
    Ok(())
}

fn fairness_totals(sheet: &mut Worksheet, plan: &Plan, st: &Styles) -> Result<(), XlsxError> {
    let n = plan.allies.len() as u32;
    let (row, last) = (FIRST + n, FIRST + n.saturating_sub(1));
    sheet.write_string_with_format(row, 0, "TOTAL", &st.label_total)?;
    sheet.write_string_with_format(row, 1, "All allies", &st.label_total)?;
    let key: f64 = plan.allies.iter().map(|a| a.key_share).sum();
    sheet.write_formula_with_format(
        row,
        2,
        formula(sum(FIRST, 2, last, 2), key),
        &st.share_total,
    )?;
    let sums: [fn(&crate::plan::AllyPlan) -> Money; 4] = [
        |a| a.fair_effort,
        |a| a.bilateral,
        |a| a.credited_bilateral,
        |a| a.total,
    ];
    for (k, pick) in sums.iter().enumerate() {
        let col = 3 + k as u16;
        let cached: Money = plan.allies.iter().map(pick).sum();
        sheet.write_formula_with_format(
            row,
            col,
            formula(sum(FIRST, col, last, col), cached),
            &st.money_total,
        )?;
    }
    Ok(())
}
