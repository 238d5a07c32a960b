//! The HTML report: one self-contained page (inline CSS and SVG, no scripts, no
//! network, no fonts) with each scenario's summary, charts, plan table and notes, and
//! for several scenarios their totals side by side. It prints well (A4 landscape).

mod charts;
mod tables;

use super::build::inputs::assumptions as assumption_notes;
use super::document::{ExportError, Report, ReportExporter};
use super::{amount, money_unit, rounding_unit, Exporter};
use crate::plan::Plan;

/// The HTML report.
#[derive(Debug)]
pub struct Html;

const STYLE: &str = include_str!("report.css");

const SIDES: &str = "Each ally's total new contribution in each scenario; the largest allies are \
    named, the rest are added up as others.";
const STACKED: &str = "New contributions per year, stacked by ally: the largest payers are named, \
    the rest are added up as others. Each bar is that year's budget.";
const BETA: &str = "Burden index per ally: what it pays plus its credited bilateral aid, over its \
    fair effort. The line at 1.0 is exactly the fair share.";

impl ReportExporter for Html {
    fn render(&self, reports: &[Report<'_>]) -> Result<Vec<u8>, ExportError> {
        let title = match reports {
            [] => return Err(ExportError::Empty),
            [one] => one.plan.scenario.clone(),
            several => format!("Comparison of {} scenarios", several.len()),
        };
        let mut body = String::new();
        if reports.len() > 1 {
            body.push_str(&comparison(reports)?);
        }
        for report in reports {
            body.push_str(&scenario_section(report, reports.len() > 1)?);
        }
        let page = format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{t}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{t}</h1>\n<p class=\"meta\">Contribution plan{s} made with burden: fair by a stated rule, rounded with exact totals, verified.</p>\n</header>\n{body}<footer>\n<p>All amounts are exact plan figures; charts show the same numbers as the tables.</p>\n</footer>\n</body>\n</html>\n",
            t = escape(&title),
            s = if reports.len() > 1 { "s" } else { "" },
        );
        Ok(page.into_bytes())
    }
}

impl Exporter for Html {
    fn render(&self, plan: &Plan) -> Vec<u8> {
        ReportExporter::render(self, &[Report::new(plan)]).unwrap_or_default()
    }
}

/// Escapes text for HTML content and attributes ([`escape::html`](super::escape::html)).
pub(crate) fn escape(text: &str) -> String {
    super::escape::html(text)
}

/// A chart with its caption; `class` is empty or e.g. `tall` (scaled to a page in print).
fn figure(svg: &str, caption: &str, class: &str) -> String {
    let class = if class.is_empty() {
        String::new()
    } else {
        format!(" class=\"{class}\"")
    };
    format!(
        "<figure{class}>\n{svg}\n<figcaption>{}</figcaption>\n</figure>\n",
        escape(caption)
    )
}

/// Several scenarios: totals per ally side by side.
fn comparison(reports: &[Report<'_>]) -> Result<String, ExportError> {
    let chart = charts::totals_side_by_side(reports)?;
    let names: Vec<String> = reports
        .iter()
        .map(|r| format!("{} ({})", r.name, r.plan.scenario))
        .collect();
    Ok(format!(
        "<section class=\"comparison\">\n<h2>Side by side</h2>\n<p>Scenarios: {}.</p>\n{}{}</section>\n",
        escape(&names.join("; ")),
        figure(&chart, SIDES, ""),
        tables::comparison_table(reports)
    ))
}

/// One scenario: summary, charts, plan table, notes and sources.
fn scenario_section(report: &Report<'_>, several: bool) -> Result<String, ExportError> {
    let plan = report.plan;
    let mut out = String::from("<section class=\"scenario\">\n");
    if several {
        out.push_str(&format!(
            "<h2>{}: {}</h2>\n",
            escape(report.name),
            escape(&plan.scenario)
        ));
    } else {
        out.push_str("<h2>Summary</h2>\n");
    }
    out.push_str(&facts(plan));
    out.push_str(&figure(&charts::stacked_years(plan)?, STACKED, ""));
    out.push_str(&figure(&charts::burden_indices(plan)?, BETA, "tall"));
    out.push_str(&format!("<h3>Plan ({})</h3>\n", escape(&money_unit(plan))));
    out.push_str(&tables::plan_table(plan));
    out.push_str("<h3>Notes</h3>\n<ol class=\"notes\">\n");
    for note in assumption_notes(plan) {
        out.push_str(&format!("<li>{}</li>\n", escape(&note)));
    }
    out.push_str("</ol>\n");
    out.push_str(&super::explain::notes::html(report, escape));
    if !report.notes.is_empty() {
        let text = report.notes.join("\n");
        out.push_str(&format!("<h3>Sources and assumptions (from the scenario file)</h3>\n<div class=\"sources\">{}</div>\n", escape(&text)));
    }
    out.push_str("</section>\n");
    Ok(out)
}

/// The scenario's key facts as a definition list.
fn facts(plan: &Plan) -> String {
    let (n, m) = (&plan.notes, &plan.metrics);
    let years = match (plan.years.first(), plan.years.last()) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => String::new(),
    };
    let budget = format!(
        "{} {} {}",
        plan.currency,
        amount(plan.budget.total),
        plan.unit
    );
    let annual: Vec<String> = (plan.budget.annual.iter())
        .map(|(y, v)| format!("{y}: {}", amount(*v)))
        .collect();
    let allies = format!(
        "{} ({} paying nothing new; the largest payer carries {:.1} % of the budget)",
        plan.allies.len(),
        plan.zero_payers(),
        plan.largest_share() * 100.0
    );
    let mut rows = vec![
        (
            "Budget",
            format!("{budget} over {years} ({} years)", plan.years.len()),
        ),
        (
            "Annual budgets",
            format!("{} ({})", annual.join(" · "), money_unit(plan)),
        ),
        ("Key", n.key.clone()),
        ("Bilateral credit", n.credit_rate.clone()),
        (
            "Profile and rounding",
            format!("{}; multiples of {}", n.profile, rounding_unit(plan)),
        ),
        ("Objective", plan.objective.clone()),
        (
            "Burden index",
            format!(
                "from {:.3} to {:.3}",
                m.min_burden_index, m.max_burden_index
            ),
        ),
        ("Allies", allies),
    ];
    if let Some(s) = &n.smoothing {
        let text = format!("at most {s} of an ally's mean year from one year to the next");
        rows.insert(5, ("Smoothing", text));
    }
    definition_list(&rows)
}

fn definition_list(rows: &[(&str, String)]) -> String {
    let mut out = String::from("<dl class=\"facts\">\n");
    for (term, value) in rows {
        out.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>\n",
            escape(term),
            escape(value)
        ));
    }
    out.push_str("</dl>\n");
    out
}
