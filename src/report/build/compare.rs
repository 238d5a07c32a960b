//! A comparison of scenarios as a document: the scenarios as key facts; the allies'
//! table with a column per scenario for each figure and the differences against the
//! first scenario (Kind::Delta); a summary row per scenario; the diagnosis of each
//! scenario without a plan; bars per ally with a series per scenario; and, in the
//! documents, each scenario's plan table. CSV keeps its tidy table (a row per scenario
//! and ally, the headers of DESIGN.md), a document of its own ([`data`], in
//! `compare_data.rs`).

pub use super::compare_data::data;
use super::{largest, NAMED};
use crate::compare::{Cell as Figures, Column as Scenario, Comparison, Status};
use crate::plan::Plan;
use crate::report::compare::money_unit;
use crate::report::doc::{
    Block, Cell, Chart, ChartKind, Column, Document, Fact, Kind, Series, Table,
};

const BETA_NOTE: &str =
    "β = (new contribution + credited bilateral aid) / fair effort; 1.000 is exactly the fair share.";

/// The comparison for people; `plans` are the planned scenarios' plans with their
/// labels, for the documents' appendix.
pub fn document(cmp: &Comparison, plans: &[(&str, &Plan)]) -> Document {
    let title = format!("Comparison of {} scenarios", cmp.scenarios.len());
    let mut doc = Document::new(title, "comparison");
    doc.facts = facts(cmp);
    doc.blocks.push(Block::Table(allies_table(cmp)));
    doc.blocks.push(Block::Table(summary_table(cmp)));
    for c in cmp.scenarios.iter().filter(|c| c.status != Status::Ok) {
        doc.blocks.push(Block::Paragraph(format!(
            "{} is {}: {}",
            c.label,
            c.status.name(),
            c.diagnosis.join("; ")
        )));
    }
    if cmp.scenarios.iter().any(|c| c.summary.is_some()) {
        doc.blocks.push(Block::Chart(chart(cmp, Metric::Total)));
        doc.blocks.push(Block::Chart(chart(cmp, Metric::Beta)));
    }
    let reference = cmp.scenarios.first().map_or("", |c| c.label.as_str());
    doc.notes = vec![format!(
        "Δ is against {reference}; Δ pp is the change in percentage points of the budget. {BETA_NOTE}"
    )];
    for (label, plan) in plans {
        doc.appendix
            .push(Block::Heading(format!("{label}: {}", plan.scenario)));
        doc.appendix
            .push(Block::Table(super::plan::plan_table(plan, Some(label))));
    }
    doc
}

fn facts(cmp: &Comparison) -> Vec<Fact> {
    let unit = money_unit(cmp);
    let mut facts = vec![Fact::new(
        "Money",
        unit.strip_prefix("amounts in ").unwrap_or(&unit),
    )];
    facts.extend(
        cmp.scenarios
            .iter()
            .map(|c| Fact::new(&c.label, format!("{} ({})", c.title, c.file))),
    );
    facts
}

/// One figure of an ally in every scenario: its columns, and its cells.
struct Group {
    key: &'static str,
    name: &'static str,
    kind: Kind,
    delta: Kind,
    drop: Option<u8>,
    value: fn(&Figures) -> Cell,
    change: fn(&Figures) -> Cell,
}

const GROUPS: [Group; 4] = [
    Group {
        key: "total",
        name: "",
        kind: Kind::Money { places: None },
        delta: Kind::Delta { places: None },
        drop: None,
        value: |c| Cell::Money(c.figures.total),
        change: |c| {
            c.delta
                .as_ref()
                .map_or(Cell::Empty, |d| Cell::Money(d.total))
        },
    },
    Group {
        key: "burden_index",
        name: "β ",
        kind: Kind::Index { places: 3 },
        delta: Kind::Delta { places: Some(3) },
        drop: Some(2),
        value: |c| Cell::number(c.figures.burden_index),
        change: |c| Cell::number(c.delta.as_ref().and_then(|d| d.burden_index)),
    },
    Group {
        key: "budget_share",
        name: "% ",
        kind: Kind::Percent { places: 2 },
        delta: Kind::Delta { places: Some(2) },
        drop: Some(4),
        value: |c| Cell::Number(c.figures.budget_share),
        change: |c| Cell::number(c.delta.as_ref().map(|d| d.budget_share * 100.0)),
    },
    Group {
        key: "gdp_pct",
        name: "GDP ",
        kind: Kind::Ratio { places: 3 },
        delta: Kind::Delta { places: Some(3) },
        drop: Some(6),
        value: |c| Cell::number(c.figures.gdp_pct),
        change: |c| Cell::number(c.delta.as_ref().and_then(|d| d.gdp_pct)),
    },
];

/// The allies: for each figure a column per scenario, and after each later scenario
/// its difference from the first. A scenario without a plan keeps one column, its
/// status.
pub(crate) fn allies_table(cmp: &Comparison) -> Table {
    let mut columns = vec![
        Column::new("ally", "Ally", Kind::Text).repeated(),
        Column::new("name", "Name", Kind::Text).optional(9),
    ];
    // Where each cell comes from: the scenario, the group, and whether a difference.
    let mut sources: Vec<(usize, usize, bool)> = Vec::new();
    let planned = |k: usize| cmp.scenarios[k].summary.is_some();
    let has_delta = |k: usize| k > 0 && planned(0) && planned(k);
    for (g, group) in GROUPS.iter().enumerate() {
        for (k, c) in cmp.scenarios.iter().enumerate() {
            if g > 0 && !planned(k) {
                continue;
            }
            let mut column = Column::new(
                format!("{}.{}", group.key, c.label),
                format!("{}{}", group.name, c.label),
                group.kind,
            );
            if let Some(rank) = group.drop {
                column = column.optional(rank);
            }
            if g == 0 {
                column = column.unit(money_unit(cmp).replace("amounts in ", ""));
            }
            columns.push(column);
            sources.push((k, g, false));
            if has_delta(k) {
                let name = match g {
                    2 => format!("Δ pp {}", c.label),
                    _ => format!("Δ {}{}", group.name, c.label),
                };
                let mut delta = Column::new(
                    format!("delta_{}.{}", group.key, c.label),
                    name,
                    group.delta,
                );
                // The change of a total is always shown; other changes go after their
                // figures.
                if let Some(rank) = group.drop {
                    delta = delta.optional(rank + 1);
                }
                columns.push(delta);
                sources.push((k, g, true));
            }
        }
    }
    let rows = cmp
        .allies
        .iter()
        .map(|ally| {
            let mut row = vec![Cell::text(&ally.id), Cell::text(&ally.name)];
            row.extend(sources.iter().map(|&(k, g, delta)| {
                let group = &GROUPS[g];
                match (&ally.scenarios[k], cmp.scenarios[k].status) {
                    (Some(cell), _) if delta => (group.change)(cell),
                    (Some(cell), _) => (group.value)(cell),
                    (None, Status::Ok) => Cell::Empty,
                    (None, status) => Cell::text(status.name()),
                }
            }));
            row
        })
        .collect();
    Table {
        family: None,
        id: "Comparison".into(),
        caption: String::new(),
        columns,
        rows,
        totals: None,
    }
}

/// One row per scenario: its status, budget and fairness.
pub(crate) fn summary_table(cmp: &Comparison) -> Table {
    let index = Kind::Index { places: 3 };
    let columns = vec![
        Column::new("scenario", "Scenario", Kind::Text).repeated(),
        Column::new("status", "Status", Kind::Text),
        Column::new("budget_total", "Budget", Kind::Money { places: None }),
        Column::new("max_burden_index", "Max β", index),
        Column::new("min_burden_index", "Min β", index),
        Column::new("zero_payers", "Pay nothing", Kind::Integer).optional(3),
        Column::new("largest_payer", "Largest payer", Kind::Text).optional(2),
        Column::new(
            "schedule_deviation",
            "Sched. dev.",
            Kind::Ratio { places: 3 },
        )
        .optional(4),
    ];
    let rows = cmp.scenarios.iter().map(summary_row).collect();
    Table {
        family: None,
        id: "Summary".into(),
        caption: String::new(),
        columns,
        rows,
        totals: None,
    }
}

fn summary_row(c: &Scenario) -> Vec<Cell> {
    let mut row = vec![
        Cell::text(&c.label),
        Cell::text(c.status.name()),
        Cell::Money(c.budget_total),
    ];
    match &c.summary {
        Some(s) => row.extend([
            Cell::Number(s.max_burden_index),
            Cell::Number(s.min_burden_index),
            Cell::Integer(i64::try_from(s.zero_payers).unwrap_or(i64::MAX)),
            Cell::text(format!(
                "{} {:.2} %",
                s.largest_payer,
                s.largest_share * 100.0
            )),
            Cell::Number(s.schedule_deviation),
        ]),
        None => row.extend([
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ]),
    }
    row
}

#[derive(Clone, Copy)]
enum Metric {
    Total,
    Beta,
}

/// Bars per ally (the largest payers of any scenario), a series per planned scenario.
fn chart(cmp: &Comparison, metric: Metric) -> Chart {
    let mut picked: Vec<usize> = Vec::new();
    for k in 0..cmp.scenarios.len() {
        let sizes: Vec<f64> = cmp
            .allies
            .iter()
            .map(|a| {
                a.scenarios[k]
                    .as_ref()
                    .map_or(0.0, |c| c.figures.total.to_f64())
            })
            .collect();
        for i in largest(&sizes) {
            if !picked.contains(&i) {
                picked.push(i);
            }
        }
    }
    picked.truncate(NAMED + 2);
    picked.sort_unstable();
    let series = cmp
        .scenarios
        .iter()
        .enumerate()
        .filter(|(_, c)| c.summary.is_some())
        .map(|(k, c)| {
            let values = picked
                .iter()
                .map(|&i| {
                    let cell = cmp.allies[i].scenarios[k].as_ref()?;
                    match metric {
                        Metric::Total => Some(cell.figures.total.to_f64()),
                        Metric::Beta => cell.figures.burden_index,
                    }
                })
                .collect();
            Series::new(&c.label, values)
        })
        .collect();
    let unit = money_unit(cmp);
    let (title, caption, y_label, reference) = match metric {
        Metric::Total => (
            "Totals per ally in each scenario",
            "Each ally's total new contribution, one bar per scenario, for the largest payers.",
            unit.strip_prefix("amounts in ").unwrap_or(&unit).to_string(),
            None,
        ),
        Metric::Beta => (
            "Burden index per ally in each scenario",
            "Each ally's burden index, one bar per scenario; the line at 1.0 is exactly the fair share.",
            "Burden index".to_string(),
            Some(1.0),
        ),
    };
    Chart {
        title: title.into(),
        caption: caption.into(),
        kind: ChartKind::Bars,
        categories: picked.iter().map(|&i| cmp.allies[i].id.clone()).collect(),
        x_label: "Ally".into(),
        y_label,
        series,
        reference,
    }
}
