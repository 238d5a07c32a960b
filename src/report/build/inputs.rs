//! The plan documents' appendix: the assumptions behind the numbers in full sentences,
//! why each ally pays what it pays (from the explanation), and the inputs — every
//! scenario parameter and every per-ally input (indicators, bilateral aid, credit,
//! shares, bounds, caps, pledges) per year.

use rust_decimal::Decimal;

use crate::explain::words::money;
use crate::explain::{summary, Assumption};
use crate::money::Money;
use crate::plan::Plan;
use crate::report::doc::{Block, Cell, Column, Fact, Kind, Table};
use crate::report::{amount, binding_groups, money_unit, notes, rounding_unit, Report};
use crate::scenario::{CreditEffect, KeyBasis, Scenario};

/// The assumptions behind a plan's numbers, one sentence each: key, credit rate,
/// profile and rounding, objective, smoothing, binding constraints.
pub fn assumptions(plan: &Plan) -> Vec<String> {
    let n = &plan.notes;
    let mut out = vec![
        match n.credit_effect {
            CreditEffect::EnlargesPot => format!("Key: {}. Each ally's fair effort is its key share of each year's budget plus all credited bilateral aid of that year, summed over the years.", notes::key(n)),
            CreditEffect::ReducesFund => format!("Key: {}. Each ally's fair effort is its key share of each year's agreed budget, summed over the years; its credit lowers what it pays and the fund shrinks by it.", notes::key(n)),
        },
        credit_note(plan),
        format!("Budget profile: {}. Amounts are rounded to multiples of {}; every year and the total add up exactly.", notes::profile(n), rounding_unit(plan)),
        format!(
            "Objective: {}. Burden index = (new contribution + credited aid) / fair effort; 1.000 is exactly the fair share. Range {:.3} to {:.3}.",
            plan.objective, plan.metrics.min_burden_index, plan.metrics.max_burden_index
        ),
    ];
    if let Some(s) = notes::smoothing(n) {
        out.push(format!("Smoothing: no ally's contribution changes by more than {s} of its mean year from one year to the next."));
    }
    let binding: Vec<String> = binding_groups(
        plan.allies
            .iter()
            .map(|a| (a.name.as_str(), a.binding.as_slice())),
    )
    .iter()
    .map(|(words, allies)| format!("{words} for {}", allies.join(", ")))
    .collect();
    out.push(if binding.is_empty() {
        "Binding constraints: none; every ally's number follows from the key and the objective alone.".to_string()
    } else {
        format!("Binding constraints: {}.", binding.join("; "))
    });
    out
}

/// The credit rate, naming the allies whose own rate differs from it.
fn credit_note(plan: &Plan) -> String {
    let base = notes::credit(&plan.notes);
    let own: Vec<String> = plan
        .allies
        .iter()
        .filter(|a| !a.bilateral.is_zero() && a.credit_rate != plan.notes.credit_rate)
        .map(|a| format!("{} {}", a.name, notes::pct(a.credit_rate)))
        .collect();
    if own.is_empty() {
        format!("Bilateral aid is credited at {base}.")
    } else {
        format!(
            "Bilateral aid is credited at {base}, except: {}.",
            own.join(", ")
        )
    }
}

/// Why each ally pays what it pays, and the assumptions the plan is most sensitive to
/// (nothing when the scenario is not at hand or cannot be solved again).
pub fn reasons(report: &Report<'_>) -> Vec<Block> {
    let Some(summary) = report.scenario.and_then(|s| summary(s, report.plan)) else {
        return Vec::new();
    };
    let mut blocks = vec![Block::Heading("Why each ally pays what it pays".into())];
    if let Some(line) = most_sensitive(&summary.assumptions) {
        blocks.push(Block::Paragraph(line));
    }
    blocks.push(Block::Table(Table {
        family: None,
        id: format!("Reasons {}", report.name),
        caption: String::new(),
        columns: vec![
            Column::new("id", "Ally", Kind::Text).repeated(),
            Column::new("reason", "Reason", Kind::Text),
        ],
        rows: summary
            .reasons
            .iter()
            .map(|(id, reason)| vec![Cell::text(id), Cell::text(reason)])
            .collect(),
        totals: None,
    }));
    blocks
}

/// "USA bilateral aid (a step of … moves up to 12,667 of contributions) and …".
pub fn most_sensitive(assumptions: &[Assumption]) -> Option<String> {
    let top: Vec<String> = assumptions
        .iter()
        .filter(|a| a.swing() > 0.0)
        .take(2)
        .map(|a| {
            format!(
                "{} (a step of {} moves up to {} of contributions)",
                a.label,
                a.step,
                money(a.swing())
            )
        })
        .collect();
    (!top.is_empty()).then(|| {
        format!(
            "The plan is most sensitive to {}; `burden explain` gives every assumption, sensitivity and tipping point.",
            top.join(" and ")
        )
    })
}

/// Every parameter and per-ally input of the scenario (nothing without the scenario).
pub fn inputs(report: &Report<'_>) -> Vec<Block> {
    let Some(s) = report.scenario else {
        return Vec::new();
    };
    vec![
        Block::Heading("Inputs".into()),
        Block::Facts(parameters(report.plan, s)),
        Block::Table(ally_inputs(s, report.name)),
    ]
}

fn parameters(plan: &Plan, s: &Scenario) -> Vec<Fact> {
    let unit = money_unit(plan);
    let opt = |d: Option<Decimal>| d.map_or("none".to_string(), |d| d.normalize().to_string());
    let years: Vec<String> = s.years.iter().map(i32::to_string).collect();
    let mut out = vec![
        Fact::new("Currency and unit", &unit),
        Fact::new("Years", years.join(", ")),
        Fact::new("Budget total", amount(s.total)),
        Fact::new("Budget profile", notes::profile(&plan.notes)),
    ];
    let annual: Vec<String> = (plan.budget.annual.iter())
        .map(|(y, v)| format!("{y}: {}", amount(*v)))
        .collect();
    out.push(Fact::new("Annual budgets", annual.join(" · ")));
    out.push(Fact::new("Rounding", amount(s.rounding)));
    out.push(Fact::new("Key", notes::key(&plan.notes)));
    if let KeyBasis::Blend(weights) = &s.key.basis {
        for (name, weight) in weights {
            out.push(Fact::new(
                format!("Key weight of {name}"),
                weight.to_string(),
            ));
        }
    }
    out.push(Fact::new("Key floor (fraction)", opt(s.key.floor)));
    out.push(Fact::new("Key ceiling (fraction)", opt(s.key.ceiling)));
    out.push(Fact::new(
        "Bilateral credit (fraction)",
        s.bilateral_credit.normalize().to_string(),
    ));
    out.push(Fact::new(
        "Smoothing (fraction of mean year)",
        opt(s.smoothing),
    ));
    out.push(Fact::new("Objective", s.objective.name()));
    if let Some(factor) = s.gdp_to_money {
        out.push(Fact::new(
            format!("GDP indicator unit in {unit}"),
            factor.normalize().to_string(),
        ));
    }
    out.push(Fact::new("Allies", s.allies.len().to_string()));
    out
}

/// The per-ally inputs: indicators, bilateral aid and pledges per year, credit, shares,
/// bounds and caps; only the columns some ally fills.
fn ally_inputs(s: &Scenario, name: &str) -> Table {
    let number = Kind::Ratio { places: 4 };
    let exact = Kind::Money { places: None };
    let mut columns = vec![
        Column::new("id", "Ally", Kind::Text).repeated(),
        Column::new("name", "Name", Kind::Text),
    ];
    let mut rows: Vec<Vec<Cell>> = s
        .allies
        .iter()
        .map(|a| vec![Cell::text(&a.id), Cell::text(&a.name)])
        .collect();
    let mut add = |key: String, kind: Kind, cells: Vec<Cell>| {
        if cells.iter().any(|c| *c != Cell::Empty) {
            columns.push(Column::new(&key, &key, kind));
            for (row, cell) in rows.iter_mut().zip(cells) {
                row.push(cell);
            }
        }
    };
    let indicators: std::collections::BTreeSet<&String> =
        s.allies.iter().flat_map(|a| a.indicators.keys()).collect();
    let decimal = |d: Option<&Decimal>| d.map_or(Cell::Empty, |d| Cell::Money(Money(*d)));
    for (y, year) in s.years.iter().enumerate() {
        for name in &indicators {
            let cells = s
                .allies
                .iter()
                .map(|a| decimal(a.indicators.get(*name).and_then(|v| v.get(y))))
                .collect();
            add(format!("{name} {year}"), exact, cells);
        }
    }
    for (y, year) in s.years.iter().enumerate() {
        let cells = s
            .allies
            .iter()
            .map(|a| Cell::Money(a.bilateral[y]))
            .collect();
        add(format!("Bilateral {year}"), exact, cells);
    }
    let cells = s.allies.iter().map(|a| decimal(Some(&a.credit))).collect();
    add("Credit".into(), exact, cells);
    for (y, year) in s.years.iter().enumerate() {
        let cells = s
            .allies
            .iter()
            .map(|a| decimal(a.share.as_ref().and_then(|v| v.get(y))))
            .collect();
        add(format!("Share {year}"), number, cells);
    }
    let bound = |f: fn(&crate::scenario::Ally) -> Option<Money>| -> Vec<Cell> {
        s.allies
            .iter()
            .map(|a| f(a).map_or(Cell::Empty, Cell::Money))
            .collect()
    };
    add("Min".into(), exact, bound(|a| a.min));
    add("Max".into(), exact, bound(|a| a.max));
    let caps = s
        .allies
        .iter()
        .map(|a| decimal(a.max_gdp_pct.as_ref()))
        .collect();
    add("Max % of GDP".into(), exact, caps);
    for (y, year) in s.years.iter().enumerate() {
        let cells = s
            .allies
            .iter()
            .map(|a| Cell::Money(a.pledged[y]))
            .map(|c| {
                if c == Cell::Money(Money::ZERO) {
                    Cell::Empty
                } else {
                    c
                }
            })
            .collect();
        add(format!("Pledged {year}"), exact, cells);
    }
    Table {
        family: None,
        id: format!("Inputs {name}"),
        caption: "Every per-ally input of the scenario".into(),
        columns,
        rows,
        totals: None,
    }
}
