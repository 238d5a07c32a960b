//! A sweep as a document: the base scenario, the parameters varied and how the variants
//! ended as key facts; one table with a row per variant (or per variant and ally with
//! `--long`) whose machine headers are the sweep CSV's; each metric charted against the
//! first parameter, a line per value of the second; and a heatmap of the largest burden
//! index when exactly two parameters vary. CSV and JSON do not come through here: they
//! stream row by row as the variants finish.

use crate::report::doc::{
    Block, Cell, Chart, ChartKind, Column, Document, Fact, Kind, Series, Table,
};
use crate::report::sweep::{counts_line, SweepHead};
use crate::sweep::{Counts, Row, RowOutcome};

const BETA_NOTE: &str =
    "β = (new contribution + credited bilateral aid) / fair effort; 1.000 is exactly the fair share.";

/// The whole sweep, its rows in grid order.
pub fn document(head: &SweepHead, rows: &[Row], counts: &Counts) -> Document {
    let mut doc = Document::new(format!("Sweep: {}", head.title), "sweep");
    doc.facts = facts(head, counts);
    doc.blocks.push(Block::Table(table(head, rows)));
    doc.blocks
        .extend(charts(head, rows).into_iter().map(Block::Chart));
    doc.notes = vec![BETA_NOTE.to_string()];
    doc
}

fn facts(head: &SweepHead, counts: &Counts) -> Vec<Fact> {
    let mut facts = vec![Fact::new(
        "Base scenario",
        format!("{} ({})", head.file, head.title),
    )];
    let money = format!("{} {}", head.currency, head.unit)
        .trim()
        .to_string();
    if !money.is_empty() {
        facts.push(Fact::new("Money", money));
    }
    let varied: Vec<String> = head
        .parameters
        .iter()
        .zip(&head.values)
        .map(|(p, v)| format!("{p} = {}", v.join(", ")))
        .collect();
    facts.push(Fact::new("Varied", varied.join("; ")));
    let line = counts_line(counts);
    let outcomes = line.split_once(": ").map_or(line.as_str(), |(_, o)| o);
    facts.push(Fact::new(
        "Variants",
        format!("{} ({outcomes})", counts.variants),
    ));
    facts
}

/// The lead of every row: its number, its values (repeated when the table splits) and
/// its status.
fn lead_columns(head: &SweepHead) -> Vec<Column> {
    let mut columns = vec![Column::new("index", "#", Kind::Integer).repeated()];
    columns.extend(
        head.parameters
            .iter()
            .map(|p| Column::new(p, p, Kind::Text).repeated()),
    );
    columns.push(Column::new("status", "Status", Kind::Text));
    columns
}

fn lead(row: &Row) -> Vec<Cell> {
    let mut cells = vec![Cell::Integer(i64::try_from(row.index).unwrap_or(i64::MAX))];
    cells.extend(row.values.iter().map(Cell::text));
    cells.push(Cell::text(row.status().name()));
    cells
}

fn table(head: &SweepHead, rows: &[Row]) -> Table {
    let index = Kind::Index { places: 3 };
    let mut columns = lead_columns(head);
    if head.long {
        columns.extend([
            Column::new("ally", "Ally", Kind::Text),
            Column::new("total", "Total", Kind::Money { places: None }).unit(unit(head)),
            Column::new("budget_share", "Budget %", Kind::Percent { places: 2 }).optional(3),
            Column::new("burden_index", "β", index).optional(1),
            Column::new("gdp_pct", "% GDP", Kind::Ratio { places: 3 }).optional(2),
        ]);
    } else {
        columns.extend([
            Column::new("max_burden_index", "Max β", index),
            Column::new("min_burden_index", "Min β", index).optional(2),
            Column::new("zero_payers", "Pay nothing", Kind::Integer).optional(5),
            Column::new("largest_payer", "Largest", Kind::Text).optional(4),
            Column::new("largest_share", "Share %", Kind::Percent { places: 2 }).optional(3),
            Column::new(
                "schedule_deviation",
                "Sched. dev.",
                Kind::Ratio { places: 3 },
            )
            .optional(6),
        ]);
        if head.fund {
            columns
                .push(Column::new("fund", "Fund", Kind::Money { places: None }).unit(unit(head)));
        }
    }
    columns.push(
        Column::new("diagnosis", "Note", Kind::Text)
            .optional(9)
            .when_dropped(diagnosis_sentence(rows)),
    );
    let width = columns.len();
    let mut cells = Vec::new();
    for row in rows {
        match &row.outcome {
            RowOutcome::Unplanned { reasons, .. } => {
                let mut r = lead(row);
                r.resize(width - 1, Cell::Empty);
                r.push(Cell::text(reasons.join("; ")));
                cells.push(r);
            }
            RowOutcome::Planned { summary: s, .. } if !head.long => {
                let mut r = lead(row);
                r.extend(super::summary_cells(s));
                if head.fund {
                    r.push(s.fund.map_or(Cell::Empty, Cell::Money));
                }
                r.push(Cell::Empty);
                cells.push(r);
            }
            RowOutcome::Planned { allies, .. } => {
                for a in allies {
                    let f = &a.figures;
                    let mut r = lead(row);
                    r.extend([
                        Cell::text(&a.id),
                        Cell::Money(f.total),
                        Cell::Number(f.budget_share),
                        Cell::number(f.burden_index),
                        Cell::number(f.gdp_pct),
                        Cell::Empty,
                    ]);
                    cells.push(r);
                }
            }
        }
    }
    Table {
        family: None,
        id: "Sweep".into(),
        caption: String::new(),
        columns,
        rows: cells,
        totals: None,
    }
}

fn unit(head: &SweepHead) -> String {
    format!("{} {}", head.currency, head.unit)
        .trim()
        .to_string()
}

/// The variants without a plan, grouped by their first reason, for a terminal too narrow
/// for the Note column.
fn diagnosis_sentence(rows: &[Row]) -> String {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for row in rows {
        let RowOutcome::Unplanned { status, reasons } = &row.outcome else {
            continue;
        };
        let reason = format!(
            "{}: {}",
            status.name(),
            reasons.first().map_or("", String::as_str)
        );
        let index = row.index.to_string();
        match groups.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, indices)) => indices.push(index),
            None => groups.push((reason, vec![index])),
        }
    }
    if groups.is_empty() {
        return "Every variant has a plan.".into();
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|(reason, indices)| format!("#{} {reason}", indices.join(", #")))
        .collect();
    format!("Without a plan: {}.", parts.join("; "))
}

/// A metric of a variant's summary, for the charts.
struct Metric {
    title: &'static str,
    axis: &'static str,
    value: fn(&crate::compare::Summary) -> f64,
    reference: Option<f64>,
}

const METRICS: [Metric; 4] = [
    Metric {
        title: "Largest burden index",
        axis: "Max β",
        value: |s| s.max_burden_index,
        reference: Some(1.0),
    },
    Metric {
        title: "Smallest burden index",
        axis: "Min β",
        value: |s| s.min_burden_index,
        reference: Some(1.0),
    },
    Metric {
        title: "Share of the largest payer",
        axis: "% of the budget",
        value: |s| s.largest_share * 100.0,
        reference: None,
    },
    Metric {
        title: "Allies paying nothing new",
        axis: "Allies",
        value: |s| s.zero_payers as f64,
        reference: None,
    },
];

/// Each metric against the first parameter, one line per value of the second; the
/// further parameters held at their first value. A heatmap of the largest burden index
/// when exactly two parameters vary.
fn charts(head: &SweepHead, rows: &[Row]) -> Vec<Chart> {
    let Some(first) = head.values.first() else {
        return Vec::new();
    };
    let second = head.values.get(1);
    let lines: Vec<Option<&String>> = match second {
        Some(values) => values.iter().map(Some).collect(),
        None => vec![None],
    };
    // The variant at (first value i, second value j), the rest at their first value.
    let at = |i: usize, j: Option<&String>| -> Option<&crate::compare::Summary> {
        rows.iter()
            .find(|r| {
                r.values.first() == first.get(i)
                    && (j.is_none() || r.values.get(1) == j)
                    && r.values
                        .iter()
                        .zip(&head.values)
                        .skip(2)
                        .all(|(v, axis)| axis.first() == Some(v))
            })
            .and_then(|r| match &r.outcome {
                RowOutcome::Planned { summary, .. } => Some(summary),
                RowOutcome::Unplanned { .. } => None,
            })
    };
    let held = held(head);
    let mut charts: Vec<Chart> = METRICS
        .iter()
        .map(|m| {
            let series = lines
                .iter()
                .map(|j| {
                    let name = match (j, head.parameters.get(1)) {
                        (Some(v), Some(p)) => format!("{p} = {v}"),
                        _ => m.axis.to_string(),
                    };
                    let values = (0..first.len())
                        .map(|i| at(i, *j).map(|s| (m.value)(s)))
                        .collect();
                    Series::new(name, values)
                })
                .collect();
            Chart {
                title: format!("{} by {}", m.title, head.parameters[0]),
                caption: format!(
                    "{} in each variant, against {}{}; a gap is a variant without a plan.{held}",
                    m.title,
                    head.parameters[0],
                    head.parameters
                        .get(1)
                        .map_or(String::new(), |p| format!(", one line per value of {p}")),
                ),
                kind: ChartKind::Lines,
                categories: first.clone(),
                x_label: head.parameters[0].clone(),
                y_label: m.axis.into(),
                series,
                reference: m.reference,
            }
        })
        .collect();
    if let (2, Some(second)) = (head.values.len(), second) {
        let m = &METRICS[0];
        charts.push(Chart {
            title: format!(
                "Largest burden index by {} and {}",
                head.parameters[0], head.parameters[1]
            ),
            caption: format!(
                "Each cell is one variant's largest burden index: {} across, {} down; a blank cell is a variant without a plan.",
                head.parameters[0], head.parameters[1]
            ),
            kind: ChartKind::Heatmap,
            categories: first.clone(),
            x_label: head.parameters[0].clone(),
            y_label: head.parameters[1].clone(),
            series: second
                .iter()
                .map(|j| {
                    let values = (0..first.len())
                        .map(|i| at(i, Some(j)).map(|s| (m.value)(s)))
                        .collect();
                    Series::new(j, values)
                })
                .collect(),
            reference: None,
        });
    }
    charts
}

/// The caption's words on parameters beyond the second, held at their first value.
fn held(head: &SweepHead) -> String {
    let rest: Vec<String> = head
        .parameters
        .iter()
        .zip(&head.values)
        .skip(2)
        .filter_map(|(p, v)| v.first().map(|v| format!("{p} = {v}")))
        .collect();
    if rest.is_empty() {
        String::new()
    } else {
        format!(" Held at: {}.", rest.join(", "))
    }
}
