//! An explanation (`burden explain`) as a document: the common level and the method as
//! key facts, then per explained ally a section with its reason, the chain table year by
//! year, the chain in one line, its sensitivities (a table and in words), its tipping
//! points and a tornado chart of how its total moves with each main assumption; last the
//! assumptions table. The tidy CSV table and the assumptions are in [`explain_data`].
//!
//! [`explain_data`]: super::explain_data

use super::explain_data::{assumption_blocks, real, tornado, value_cell};
use super::track::money_unit;
use crate::explain::words::{money, ratio, sensitivity, year_reason};
use crate::explain::{AllyExplanation, ChainYear, Explanation, Sensitivity};
use crate::money::Money;
use crate::report::amount;
use crate::report::doc::{Block, Cell, Column, Document, Fact, Family, Kind, Table};

pub use super::explain_data::data;

/// The explanation as a document; `name` is the scenario file's stem.
pub fn document(e: &Explanation, name: &str) -> Document {
    let plan = &e.plan;
    let mut doc = Document::new(format!("Explanation: {}", plan.scenario), name);
    let reduces = plan.budget.agreed.is_some();
    let level = e
        .common_level
        .map_or("-".to_string(), |l| format!("{l:.4}"));
    doc.facts = vec![
        Fact::new("Money", money_unit(&plan.currency, &plan.unit)),
        Fact::new("Common level λ", &level),
        Fact::new(
            "Method",
            match (e.water_filling, reduces) {
                (true, false) => "water-filling, sensitivities in closed form",
                (true, true) => "water-filling, sensitivities by re-solves",
                (false, _) => "per-year constraints, sensitivities by re-solves",
            },
        ),
    ];
    doc.blocks.push(Block::Paragraph(format!(
        "Common level λ = {level}: the burden index of every ally that pays and is held by no bound of its own. {}",
        match (e.water_filling, reduces) {
            (true, false) => "The totals follow water-filling (X = λ·F − C within each ally's bounds): sensitivities in closed form.",
            (true, true) => "The totals follow water-filling (X = λ·F − C within each ally's bounds); credit reduces the fund, so a parameter moves the fund and the credit together: sensitivities by exact re-solves at the value ± a small step.",
            (false, _) => "Per-year constraints shape the totals: sensitivities by exact re-solves at the value ± a small step.",
        }
    )));
    for ally in &e.allies {
        doc.blocks.extend(ally_blocks(e, ally));
    }
    doc.blocks.extend(assumption_blocks(e));
    doc.notes = notes();
    doc
}

/// One ally's section.
fn ally_blocks(e: &Explanation, ally: &AllyExplanation) -> Vec<Block> {
    let mut out = vec![
        Block::Heading(format!(
            "{} {}: total {}",
            ally.id,
            ally.name,
            amount(ally.chain.total)
        )),
        Block::Paragraph(format!("Why: {}.", ally.reason)),
        Block::Table(chain_table(ally)),
        Block::Paragraph(chain_line(ally)),
        Block::Table(sensitivity_table(ally)),
    ];
    let said: Vec<String> = ally.sensitivities.iter().map(sensitivity).collect();
    if !said.is_empty() {
        out.push(Block::Paragraph(format!("In words: {}.", said.join("; "))));
    }
    if ally.tipping_points.is_empty() {
        out.push(Block::Paragraph(
            "No tipping point: its standing does not change for a credit rate from 0 to 1, a budget from half to twice the total, or its bilateral aid from 0 to twice its fair share.".into(),
        ));
    } else {
        out.push(Block::Table(tipping_table(ally)));
    }
    out.push(tornado(e, ally).map_or_else(
        || {
            Block::Paragraph(format!(
                "No main assumption moves {}'s total by 0.01 or more (no tornado).",
                ally.id
            ))
        },
        Block::Chart,
    ));
    out
}

/// The chain year by year: indicators, key shares, pot, fair part, credited aid, the
/// plan's amount, the proportional amount and, where some year differs from it, why.
fn chain_table(ally: &AllyExplanation) -> Table {
    let c = &ally.chain;
    let names: Vec<String> = c
        .years
        .first()
        .map(|y| y.indicators.keys().cloned().collect())
        .unwrap_or_default();
    let share = Kind::Percent { places: 3 };
    let amounts = |pick: fn(&ChainYear) -> f64| whole_from(100.0, c.years.iter().map(pick));
    let mut columns = vec![Column::new("year", "Year", Kind::Text).repeated()];
    columns.extend(names.iter().map(|k| {
        let values = c.years.iter().filter_map(|y| y.indicators.get(k).copied());
        Column::new(k, k, whole_from(100.0, values))
    }));
    columns.extend([
        Column::new("raw_share", "Raw %", share),
        Column::new("share", "Key %", share),
        Column::new("pot", "Pot P", amounts(|y| y.pot)),
        Column::new("fair", "s·P", amounts(|y| y.fair)),
        Column::new("credited", "Credited", amounts(|y| y.credited)),
        Column::new("amount", "Plan", Kind::Money { places: None }),
        Column::new("proportional", "Prop.", amounts(|y| y.proportional)),
    ]);
    let differs: Vec<String> = c
        .years
        .iter()
        .filter(|y| !y.why.is_empty())
        .map(|y| format!("{} {}", y.year, year_reason(&y.why)))
        .collect();
    let why = !differs.is_empty();
    if why {
        columns.push(
            Column::new("why", "Why", Kind::Text)
                .optional(1)
                .when_dropped(format!(
                    "Why a year differs from the proportional amount: {}.",
                    differs.join("; ")
                )),
        );
    }
    let rows = c
        .years
        .iter()
        .map(|y| {
            let mut row = vec![Cell::text(y.year.to_string())];
            row.extend(
                names
                    .iter()
                    .map(|k| y.indicators.get(k).map_or(Cell::Empty, |v| real(*v))),
            );
            row.extend([
                Cell::Number(y.raw_share),
                Cell::Number(y.share),
                real(y.pot),
                real(y.fair),
                real(y.credited),
                Cell::Money(y.amount),
                real(y.proportional),
            ]);
            if why {
                row.push(Cell::Coded {
                    code: y.why.join(" "),
                    words: year_reason(&y.why),
                });
            }
            row
        })
        .collect();
    Table {
        family: Some(family("Chains", "Each ally's chain, year by year", ally)),
        id: format!("{} chain", ally.id),
        caption: format!("{}'s chain, year by year", ally.id),
        columns,
        rows,
        totals: None,
    }
}

/// F, C, λ·F − C, the range and the total in one line.
fn chain_line(ally: &AllyExplanation) -> String {
    let c = &ally.chain;
    let range = if c.hi.is_finite() {
        format!("[{}, {}]", money(c.lo), money(c.hi))
    } else {
        format!("[{}, no limit]", money(c.lo))
    };
    format!(
        "F = Σ s·P = {}; C = {} × {} = {}; λ·F − C = {}; own range {range}; real total {} (plan {}); β = (X + C) / F = {}. Binding: {}.",
        money(c.fair_effort),
        c.credit_rate,
        money(c.bilateral),
        money(c.credited),
        c.level_amount.map_or("-".to_string(), money),
        money(c.real_total),
        amount(c.total),
        c.burden_index.map_or("-".to_string(), ratio),
        if ally.binding.is_empty() {
            "nothing".to_string()
        } else {
            crate::binding::codes(&ally.binding, ", ")
        }
    )
}

/// Money shown whole when every value is at least `from` in size (the cells keep 0.01, or
/// six decimals), else with the decimals the cells have.
fn whole_from(from: f64, values: impl Iterator<Item = f64>) -> Kind {
    let mut values = values.filter(|v| v.is_finite()).peekable();
    let any = values.peek().is_some();
    let whole = any && values.all(|v| v.abs() >= from);
    Kind::Money {
        places: whole.then_some(0),
    }
}

/// A rate of change as a cell: two decimals from 100 up, else six (JSON and CSV keep
/// every digit).
fn per_unit(v: Option<f64>) -> Cell {
    v.map_or(Cell::Empty, |v| {
        let places = if v.abs() >= 100.0 { 2 } else { 6 };
        Cell::Money(Money::from_f64(v).round_dp(places))
    })
}

fn sensitivity_table(ally: &AllyExplanation) -> Table {
    let s = &ally.sensitivities;
    let rate = Kind::Delta { places: None };
    let columns = vec![
        Column::new("parameter", "Parameter", Kind::Text).repeated(),
        Column::new("value", "Now", Kind::Money { places: None }),
        Column::new("per_unit", "Per unit", rate)
            .optional(2)
            .when_dropped(
                "Per unit: the rising side (the falling side where the parameter cannot rise).",
            ),
        Column::new("down", "Falling", rate),
        Column::new("up", "Rising", rate),
        Column::new("method", "Method", Kind::Text)
            .optional(1)
            .when_dropped(methods(s)),
    ];
    let rows = ally
        .sensitivities
        .iter()
        .map(|s| {
            vec![
                Cell::text(&s.parameter),
                value_cell(&s.parameter, s.value),
                per_unit(s.number()),
                per_unit(s.down),
                per_unit(s.up),
                Cell::text(s.method.name()),
            ]
        })
        .collect();
    Table {
        family: Some(family(
            "Sensitivities",
            "Change of each ally's total per unit of each parameter (falling and rising side)",
            ally,
        )),
        id: format!("{} sensitivities", ally.id),
        caption: format!(
            "Change of {}'s total per unit of each parameter (falling and rising side)",
            ally.id
        ),
        columns,
        rows,
        totals: None,
    }
}

/// The methods in one sentence: "Method: closed form for budget.total, …; re-solve for …".
fn methods(s: &[Sensitivity]) -> String {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for x in s {
        let name = x.method.name();
        match groups.iter_mut().find(|(m, _)| *m == name) {
            Some((_, paths)) => paths.push(&x.parameter),
            None => groups.push((name, vec![&x.parameter])),
        }
    }
    let said: Vec<String> = groups
        .iter()
        .map(|(m, paths)| format!("{m} for {}", paths.join(", ")))
        .collect();
    format!("Method: {}.", said.join("; "))
}

fn tipping_table(ally: &AllyExplanation) -> Table {
    let columns = vec![
        Column::new("parameter", "Parameter", Kind::Text).repeated(),
        Column::new("value", "Tipping point", Kind::Money { places: None }),
        Column::new("method", "Method", Kind::Text),
        Column::new("effect", "Effect", Kind::Text),
    ];
    let rows = ally
        .tipping_points
        .iter()
        .map(|t| {
            vec![
                Cell::text(&t.parameter),
                value_cell(&t.parameter, t.value),
                Cell::text(t.method.name()),
                Cell::text(&t.effect),
            ]
        })
        .collect();
    Table {
        family: Some(family(
            "Tipping points",
            "Where each ally's standing changes",
            ally,
        )),
        id: format!("{} tipping points", ally.id),
        caption: format!("Where {}'s standing changes", ally.id),
        columns,
        rows,
        totals: None,
    }
}

fn notes() -> Vec<String> {
    vec![
        "Chain: Raw % is the key share before the floor and ceiling, Key % after; P is the pot (the annual budget plus all credited aid), s·P the ally's fair part of it; Prop. the proportional amount X·A/T that phase 2 aims at; Why names the constraint that holds in a year that differs from it.".into(),
        "Sensitivities and tipping points are computed on the real-valued plan (before rounding to whole units); the plan's rounded totals are shown next to them.".into(),
    ]
}

/// The family of an ally's tables of one kind: one sheet in a workbook, named by `sheet`.
fn family(sheet: &str, caption: &str, ally: &AllyExplanation) -> Family {
    Family {
        sheet: sheet.to_string(),
        caption: caption.to_string(),
        label: "Ally".to_string(),
        member: ally.id.clone(),
    }
}
