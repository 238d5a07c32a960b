//! The re-plan as a document: the key facts (policy, what was delivered and what remains,
//! the new burden indices), one table per ally with the original plan, what was delivered
//! and the new plan per year and the horizon totals — machine headers as the CSV writes
//! them, totals recomputed and summed in a spreadsheet — a chart of the original plan,
//! what was delivered and the new plan per ally, and the notes on the policy.

use super::span;
use super::track::money_unit;
use crate::money::Money;
use crate::replan::{AllyReplan, Policy, Replan};
use crate::report::amount;
use crate::report::doc::{
    Block, Cell, Chart, ChartKind, Column, Document, Fact, Formula, Kind, Series, Table,
};

/// The re-plan as a document; `name` is the scenario file's stem.
pub fn document(r: &Replan, name: &str) -> Document {
    let mut doc = Document::new(title(r), name);
    doc.facts = facts(r);
    doc.blocks = vec![Block::Table(replan_table(r)), Block::Chart(allies_chart(r))];
    doc.notes = r.notes.clone();
    doc.notes.push(format!(
        "β = (horizon total + credited bilateral aid) / fair effort; 1.000 is exactly the fair share. New β from {:.3} to {:.3}.",
        r.metrics.min_burden_index, r.metrics.max_burden_index
    ));
    doc
}

fn title(r: &Replan) -> String {
    format!(
        "{}: re-plan of {} after {} (policy {})",
        r.scenario,
        span(&r.remaining_years),
        span(&r.past_years),
        r.policy.name()
    )
}

fn facts(r: &Replan) -> Vec<Fact> {
    let b = &r.budget;
    let policy = match r.policy {
        Policy::Carry => "carry (shortfalls asked back, surpluses credited)",
        Policy::Forgive => "forgive (the past stands; the rest shared as if starting now)",
    };
    let mut facts = vec![
        Fact::new("Money", money_unit(&r.currency, &r.unit)),
        Fact::new("Policy", policy),
        Fact::new("Objective", &r.objective),
        Fact::new(
            "Delivered",
            format!(
                "{} of {} in {}",
                amount(b.delivered),
                amount(b.total),
                span(&r.past_years)
            ),
        ),
        Fact::new(
            "Remaining",
            format!("{} for {}", amount(b.remaining), span(&r.remaining_years)),
        ),
        Fact::new(
            "New burden index",
            format!(
                "{:.3} to {:.3}",
                r.metrics.min_burden_index, r.metrics.max_burden_index
            ),
        ),
    ];
    let mut moved: Vec<&AllyReplan> = r.allies.iter().filter(|a| !a.change.is_zero()).collect();
    moved.sort_by(|a, b| b.change.abs().cmp(&a.change.abs()).then(a.id.cmp(&b.id)));
    let largest: Vec<String> = moved
        .iter()
        .take(3)
        .map(|a| format!("{} {}", a.id, signed(a.change)))
        .collect();
    facts.push(Fact::new(
        "Largest changes",
        if largest.is_empty() {
            "none: every ally's horizon total stays as planned".to_string()
        } else {
            largest.join(", ")
        },
    ));
    facts
}

fn signed(m: Money) -> String {
    if m > Money::ZERO {
        format!("+{}", amount(m))
    } else {
        amount(m)
    }
}

/// One row per ally; the columns and their keys are the CSV's.
fn replan_table(r: &Replan) -> Table {
    let unit = money_unit(&r.currency, &r.unit);
    let exact = Kind::Money { places: None };
    let delta = Kind::Delta { places: None };
    let index = Kind::Index { places: 3 };
    let (n, p, m) = (r.years.len(), r.past_years.len(), r.remaining_years.len());
    let mut columns = vec![
        Column::new("id", "Ally", Kind::Text).repeated(),
        Column::new("name", "Name", Kind::Text).optional(10),
    ];
    columns.extend(r.years.iter().map(|y| {
        Column::new(format!("planned_{y}"), format!("Plan {y}"), exact)
            .optional(9)
            .summed()
    }));
    columns.extend(r.past_years.iter().map(|y| {
        Column::new(format!("delivered_{y}"), format!("Actual {y}"), exact)
            .optional(2)
            .summed()
    }));
    columns.extend(
        r.remaining_years
            .iter()
            .map(|y| Column::new(format!("new_{y}"), format!("New {y}"), exact).summed()),
    );
    let (planned, delivered, new) = (2, 2 + n, 2 + n + p);
    let end = new + m;
    let (planned_total, delivered_total, remaining_total, total) = (end, end + 1, end + 3, end + 4);
    columns.extend([
        Column::new("planned_total", "Plan total", exact)
            .unit(&unit)
            .optional(3)
            .summed()
            .formula(Formula::Sum((planned..planned + n).collect())),
        Column::new("delivered_total", "Delivered", exact)
            .unit(&unit)
            .optional(4)
            .summed()
            .formula(Formula::Sum((delivered..delivered + p).collect())),
        Column::new("past_difference", "Past difference", delta)
            .unit(&unit)
            .optional(8)
            .summed(),
        Column::new("remaining_total", "New remaining", exact)
            .unit(&unit)
            .optional(7)
            .summed()
            .formula(Formula::Sum((new..new + m).collect())),
        Column::new("total", "New total", exact)
            .unit(&unit)
            .summed()
            .formula(Formula::Sum(vec![delivered_total, remaining_total])),
        Column::new("change", "Change", delta)
            .unit(&unit)
            .summed()
            .formula(Formula::Difference(total, planned_total)),
        Column::new("burden_index_planned", "β plan", index).optional(6),
        Column::new("burden_index", "β new", index).optional(1),
        Column::new("binding", "Binding", Kind::Text)
            .optional(5)
            .when_dropped(super::binding_sentence(
                r.allies
                    .iter()
                    .map(|a| (a.id.as_str(), a.binding.as_slice())),
                "Binding: none; every ally's new amount follows from the key and the objective.",
            )),
    ]);
    Table {
        family: None,
        id: "Replan".into(),
        caption: String::new(),
        columns,
        rows: r.allies.iter().map(ally_row).collect(),
        totals: Some(totals_row(r)),
    }
}

fn ally_row(a: &AllyReplan) -> Vec<Cell> {
    let mut row = vec![Cell::text(&a.id), Cell::text(&a.name)];
    row.extend(a.planned.values().map(|v| Cell::Money(*v)));
    row.extend(a.delivered.values().map(|v| Cell::Money(*v)));
    row.extend(a.replanned.values().map(|v| Cell::Money(*v)));
    row.extend([
        Cell::Money(a.planned_total),
        Cell::Money(a.delivered_total),
        Cell::Money(a.past_difference),
        Cell::Money(a.remaining_total),
        Cell::Money(a.total),
        Cell::Money(a.change),
        Cell::number(a.burden_index_planned),
        Cell::number(a.burden_index),
        super::binding_cell(&a.binding),
    ]);
    row
}

fn totals_row(r: &Replan) -> Vec<Cell> {
    let b = &r.budget;
    let at = |y: &i32| Cell::Money(b.annual.get(y).copied().unwrap_or_default());
    let mut row = vec![Cell::text("Total"), Cell::text("All allies")];
    row.extend(b.planned_annual.values().map(|v| Cell::Money(*v)));
    row.extend(r.past_years.iter().map(at));
    row.extend(r.remaining_years.iter().map(at));
    let past_planned: Money = r
        .past_years
        .iter()
        .filter_map(|y| b.planned_annual.get(y))
        .sum();
    // The planned and the new totals differ only when credit reduces the fund and the
    // aid actually given changed the credit.
    let planned_total: Money = b.planned_annual.values().sum();
    row.extend([
        Cell::Money(planned_total.normalized()),
        Cell::Money(b.delivered),
        Cell::Money((b.delivered - past_planned).normalized()),
        Cell::Money(b.remaining),
        Cell::Money(b.total),
        Cell::Money((b.total - planned_total).normalized()),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
    ]);
    row
}

/// Per ally: the original plan over the horizon, what it delivered so far, and the new
/// plan over the horizon (delivered plus the re-planned years).
fn allies_chart(r: &Replan) -> Chart {
    let series = |name: &str, f: fn(&AllyReplan) -> Money| {
        Series::new(name, r.allies.iter().map(|a| super::value(f(a))).collect())
    };
    Chart {
        title: "Original plan, delivered and the new plan per ally".into(),
        caption: format!(
            "Each ally's original plan over {}, what it delivered in {}, and its new horizon total (delivered plus the new {}).",
            span(&r.years),
            span(&r.past_years),
            span(&r.remaining_years)
        ),
        kind: ChartKind::Bars,
        categories: r.allies.iter().map(|a| a.id.clone()).collect(),
        x_label: "Ally".into(),
        y_label: money_unit(&r.currency, &r.unit),
        series: vec![
            series("Original plan", |a| a.planned_total),
            series("Delivered", |a| a.delivered_total),
            series("New plan", |a| a.total),
        ],
        reference: None,
    }
}
