//! The Inputs sheet: every scenario parameter, the source notes, and every per-ally
//! input (indicators, bilateral aid, credit, shares, bounds, caps, pledges) per year.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::{Styles, Widths};
use crate::money::Money;
use crate::report::document::Report;
use crate::report::money_unit;
use crate::scenario::{KeyBasis, Scenario};

/// A parameter's value: text, money or a plain number.
enum Value {
    Text(String),
    Money(Money),
    Number(Decimal),
}

/// A labelled parameter.
fn row(label: impl Into<String>, value: Value) -> (String, Value) {
    (label.into(), value)
}

fn parameters(report: &Report<'_>, s: &Scenario) -> Vec<(String, Value)> {
    use Value::{Money as M, Number, Text};
    let plan = report.plan;
    let unit = money_unit(plan);
    let opt = |d: Option<Decimal>| d.map_or(Text("none".to_string()), Number);
    let years: Vec<String> = s.years.iter().map(i32::to_string).collect();
    let mut out = vec![
        row("Scenario", Text(s.title.clone())),
        row("Name", Text(report.name.to_string())),
        row("Currency", Text(s.currency.clone())),
        row("Unit", Text(s.unit.clone())),
        row("Years", Text(years.join(", "))),
        row(format!("Budget total ({unit})"), M(s.total)),
        row("Budget profile", Text(plan.notes.profile.clone())),
    ];
    for (year, amount) in &plan.budget.annual {
        out.push(row(format!("Annual budget {year} ({unit})"), M(*amount)));
    }
    out.push(row(format!("Rounding ({unit})"), M(s.rounding)));
    out.push(row("Key", Text(plan.notes.key.clone())));
    if let KeyBasis::Blend(weights) = &s.key.basis {
        for (name, weight) in weights {
            out.push(row(format!("Key weight of {name}"), Number(*weight)));
        }
    }
    out.push(row("Key floor (fraction)", opt(s.key.floor)));
    out.push(row("Key ceiling (fraction)", opt(s.key.ceiling)));
    out.push(row(
        "Bilateral credit (fraction)",
        Number(s.bilateral_credit),
    ));
    out.push(row("Smoothing (fraction of mean year)", opt(s.smoothing)));
    out.push(row("Objective", Text(s.objective.name().to_string())));
    if let Some(factor) = s.gdp_to_money {
        out.push(row(
            format!("GDP indicator unit in {unit}"),
            Number(factor.normalize()),
        ));
    }
    out.push(row("Allies", Number(Decimal::from(s.allies.len()))));
    out
}

/// The per-ally table: column headers and, per ally, one optional number per column.
fn ally_table(s: &Scenario) -> (Vec<String>, Vec<Vec<Option<Decimal>>>) {
    let names: std::collections::BTreeSet<&String> =
        s.allies.iter().flat_map(|a| a.indicators.keys()).collect();
    let per_year =
        |label: &str| -> Vec<String> { s.years.iter().map(|y| format!("{label} {y}")).collect() };
    let mut headers: Vec<String> = names.iter().flat_map(|n| per_year(n)).collect();
    headers.extend(per_year("Bilateral"));
    headers.push("Credit".to_string());
    let explicit = s.allies.iter().any(|a| a.share.is_some());
    if explicit {
        headers.extend(per_year("Share"));
    }
    headers.extend(["Min", "Max", "Max % of GDP"].map(String::from));
    let pledges = s
        .allies
        .iter()
        .any(|a| a.pledged.iter().any(|p| !p.is_zero()));
    if pledges {
        headers.extend(per_year("Pledged"));
    }
    let m = s.years.len();
    let rows = s
        .allies
        .iter()
        .map(|a| {
            let mut row: Vec<Option<Decimal>> = Vec::new();
            for name in &names {
                let values = a.indicators.get(*name);
                row.extend((0..m).map(|y| values.and_then(|v| v.get(y)).copied()));
            }
            row.extend(a.bilateral.iter().map(|b| Some(b.0)));
            row.push(Some(a.credit));
            if explicit {
                row.extend((0..m).map(|y| a.share.as_ref().and_then(|v| v.get(y)).copied()));
            }
            row.extend([a.min.map(|v| v.0), a.max.map(|v| v.0), a.max_gdp_pct]);
            if pledges {
                row.extend(a.pledged.iter().map(|p| Some(p.0)));
            }
            row
        })
        .collect();
    (headers, rows)
}

/// Writes the Inputs sheet.
pub(crate) fn inputs_sheet(
    sheet: &mut Worksheet,
    report: &Report<'_>,
    s: &Scenario,
    st: &Styles,
) -> Result<(), XlsxError> {
    let mut w = Widths::default();
    sheet.write_string_with_format(0, 0, format!("{}: inputs", s.title), &st.title)?;
    let note = format!(
        "Every parameter and per-ally input of the scenario; money in {}.",
        money_unit(report.plan)
    );
    sheet.write_string_with_format(1, 0, note, &st.note)?;
    let mut row = 3;
    sheet.write_string_with_format(row, 0, "Parameter", &st.header_left)?;
    sheet.write_string_with_format(row, 1, "Value", &st.header_left)?;
    for (label, value) in parameters(report, s) {
        row += 1;
        sheet.write_string(row, 0, &label)?;
        w.see(0, &label);
        match value {
            Value::Text(t) => sheet.write_string(row, 1, t)?,
            Value::Money(m) => sheet.write_with_format(row, 1, m.0, &st.money)?,
            Value::Number(d) => sheet.write_with_format(row, 1, d, &st.number)?,
        };
    }
    if !report.notes.is_empty() {
        row += 2;
        sheet.write_string_with_format(row, 0, "Source notes", &st.header_left)?;
        for line in report.notes {
            row += 1;
            if !line.trim().is_empty() {
                sheet.write_string(row, 0, line)?;
            }
        }
    }
    row += 2;
    write_allies(sheet, row, s, st, &mut w)?;
    sheet.set_freeze_panes(2, 0)?;
    w.apply(sheet, 36)
}

fn write_allies(
    sheet: &mut Worksheet,
    row: u32,
    s: &Scenario,
    st: &Styles,
    w: &mut Widths,
) -> Result<(), XlsxError> {
    let (headers, values) = ally_table(s);
    sheet.write_string_with_format(row, 0, "Id", &st.header_left)?;
    sheet.write_string_with_format(row, 1, "Name", &st.header_left)?;
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(row, 2 + c as u16, h, &st.header)?;
        w.see(2 + c as u16, h);
    }
    for (i, (ally, cells)) in s.allies.iter().zip(values).enumerate() {
        let r = row + 1 + i as u32;
        sheet.write_string(r, 0, &ally.id)?;
        sheet.write_string(r, 1, &ally.name)?;
        w.see(0, &ally.id);
        w.see(1, &ally.name);
        for (c, value) in cells.into_iter().enumerate() {
            if let Some(v) = value {
                sheet.write_with_format(r, 2 + c as u16, v.normalize(), &st.number)?;
                w.see(2 + c as u16, &v.normalize().to_string());
            }
        }
    }
    Ok(())
}
