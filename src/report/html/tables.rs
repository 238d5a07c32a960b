//! The report's tables: the plan (ally × year with fairness figures and a totals row)
//! and, for several scenarios, totals and burden indices side by side.

use super::escape;
use crate::money::Money;
use crate::plan::{AllyPlan, Plan};
use crate::report::document::Report;
use crate::report::{amount, binding_words, percent, ratio};

fn num(text: &str) -> String {
    format!("<td class=\"num\">{}</td>", escape(text))
}

fn beta_cell(beta: Option<f64>) -> String {
    let class = match beta {
        Some(b) if b > 1.0 + 1e-6 => "num above",
        _ => "num",
    };
    format!("<td class=\"{class}\">{}</td>", ratio(beta, 3))
}

/// The plan table.
pub(crate) fn plan_table(plan: &Plan) -> String {
    let mut out = String::from("<table class=\"plan\">\n<thead><tr><th class=\"left\">Ally</th>");
    for year in &plan.years {
        out.push_str(&format!("<th>{year}</th>"));
    }
    out.push_str("<th>Total</th><th>Key share %</th><th>Fair effort</th><th>Credited aid</th><th>Burden index</th><th>% of GDP</th><th class=\"left\">Binding</th></tr></thead>\n<tbody>\n");
    for a in &plan.allies {
        out.push_str(&ally_row(plan, a));
    }
    out.push_str("</tbody>\n<tfoot><tr><td class=\"left\">Total</td>");
    for v in plan.budget.annual.values() {
        out.push_str(&num(&amount(*v)));
    }
    let sum =
        |f: fn(&AllyPlan) -> Money| amount(plan.allies.iter().map(f).sum::<Money>().round_dp(0));
    out.push_str(&num(&amount(plan.budget.total)));
    out.push_str(&num("100.00"));
    out.push_str(&num(&sum(|a| a.fair_effort)));
    out.push_str(&num(&sum(|a| a.credited_bilateral)));
    out.push_str("<td></td><td></td><td></td></tr></tfoot>\n</table>\n");
    out
}

fn ally_row(plan: &Plan, a: &AllyPlan) -> String {
    let mut row = format!(
        "<tr><td class=\"left\">{} <span class=\"id\">{}</span></td>",
        escape(&a.name),
        escape(&a.id)
    );
    for year in &plan.years {
        row.push_str(&num(&a
            .contributions
            .get(year)
            .map_or(String::new(), |v| amount(*v))));
    }
    row.push_str(&num(&amount(a.total)));
    row.push_str(&num(&percent(Some(a.key_share), 2)));
    row.push_str(&num(&amount(a.fair_effort.round_dp(0))));
    row.push_str(&num(&amount(a.credited_bilateral.round_dp(0))));
    row.push_str(&beta_cell(a.burden_index));
    row.push_str(&num(&ratio(a.gdp_pct, 3)));
    let binding: Vec<String> = a.binding.iter().map(|b| binding_words(b)).collect();
    row.push_str(&format!(
        "<td class=\"left\">{}</td></tr>\n",
        escape(&binding.join(", "))
    ));
    row
}

/// Totals and burden indices of every ally in every scenario.
pub(crate) fn comparison_table(reports: &[Report<'_>]) -> String {
    let mut ids: Vec<(&str, &str)> = Vec::new();
    for a in reports.iter().flat_map(|r| &r.plan.allies) {
        if !ids.iter().any(|(id, _)| *id == a.id) {
            ids.push((&a.id, &a.name));
        }
    }
    let mut out =
        String::from("<table class=\"comparison\">\n<thead><tr><th class=\"left\">Ally</th>");
    for r in reports {
        out.push_str(&format!("<th>Total {}</th>", escape(r.name)));
    }
    for r in reports {
        out.push_str(&format!("<th>β {}</th>", escape(r.name)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (id, name) in &ids {
        out.push_str(&format!(
            "<tr><td class=\"left\">{} <span class=\"id\">{}</span></td>",
            escape(name),
            escape(id)
        ));
        let allies: Vec<Option<&AllyPlan>> = reports.iter().map(|r| r.plan.ally(id)).collect();
        for a in &allies {
            out.push_str(&num(&a.map_or(String::new(), |a| amount(a.total))));
        }
        for a in &allies {
            out.push_str(&beta_cell(a.and_then(|a| a.burden_index)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n<tfoot><tr><td class=\"left\">Total</td>");
    for r in reports {
        out.push_str(&num(&amount(r.plan.budget.total)));
    }
    for r in reports {
        out.push_str(&num(&format!("max {:.3}", r.plan.metrics.max_burden_index)));
    }
    out.push_str("</tr></tfoot>\n</table>\n");
    out
}
