//! The parts of an explanation's document that read the assumptions (the tornado): the
//! assumptions table, each ally's tornado chart, and the tidy table CSV writes (one row
//! per reason, sensitivity, tipping point and assumption × ally, the same columns
//! throughout).

use crate::explain::words::sensitivity;
use crate::explain::{AllyExplanation, Assumption, Explanation, Outcome};
use crate::money::Money;
use crate::report::doc::{Block, Cell, Chart, ChartKind, Column, Document, Kind, Series, Table};

/// Rows of the assumptions table in the document (CSV and JSON have all).
const SHOWN_ASSUMPTIONS: usize = 12;
/// Allies whose changes the assumptions table shows (the first explained).
const SHOWN_ALLIES: usize = 3;
/// Bars of a tornado chart: the assumptions that move the ally's total most.
const BARS: usize = 10;

/// A real-valued amount as a cell, to 0.01 (as JSON states it).
pub(super) fn real(v: f64) -> Cell {
    if v.is_finite() {
        Cell::Money(Money::from_f64(v).round_dp(2))
    } else {
        Cell::Empty
    }
}

/// A parameter's value: a rate with six decimals, an exchange-rate factor, or an amount.
pub(super) fn value_cell(parameter: &str, v: f64) -> Cell {
    match parameter {
        "bilateral_credit" => Cell::Money(Money::from_f64(v)),
        "fx" => Cell::text(format!("×{v}")),
        _ => real(v),
    }
}

/// The assumptions section: how it was made, the table, and how many rows it leaves out.
pub(super) fn assumption_blocks(e: &Explanation) -> Vec<Block> {
    let mut out = vec![
        Block::Heading("Assumptions".into()),
        Block::Paragraph("Each main assumption moved down and up by its step (low / high), the plan solved again exactly (real-valued totals before rounding). Moved: half the sum of all allies' changes, the money that changes hands. Largest first.".into()),
        Block::Table(assumptions_table(e)),
    ];
    let rest = e.assumptions.len().saturating_sub(SHOWN_ASSUMPTIONS);
    if rest > 0 {
        out.push(Block::Paragraph(format!(
            "{rest} more assumptions move less; --format json or csv lists them all."
        )));
    }
    out
}

fn assumptions_table(e: &Explanation) -> Table {
    let shown: Vec<&AllyExplanation> = e.allies.iter().take(SHOWN_ALLIES).collect();
    let delta = Kind::Delta { places: None };
    let mut columns = vec![
        Column::new("assumption", "Assumption", Kind::Text).repeated(),
        Column::new("step", "Step", Kind::Text),
        Column::new("low", "Low", Kind::Money { places: None }),
        Column::new("high", "High", Kind::Money { places: None }),
    ];
    for a in &shown {
        columns.push(Column::new(
            format!("{}_low", a.id),
            format!("Δ {} low", a.id),
            delta,
        ));
        columns.push(Column::new(
            format!("{}_high", a.id),
            format!("Δ {} high", a.id),
            delta,
        ));
    }
    let beta = Kind::Delta { places: Some(3) };
    columns.extend([
        Column::new("moved_low", "Moved low", Kind::Money { places: None }),
        Column::new("moved_high", "Moved high", Kind::Money { places: None }),
        Column::new("max_beta_low", "Δ max β low", beta),
        Column::new("max_beta_high", "Δ max β high", beta),
    ]);
    let rows = e
        .assumptions
        .iter()
        .take(SHOWN_ASSUMPTIONS)
        .map(|row| assumption_row(row, &shown))
        .collect();
    Table {
        family: None,
        id: "Assumptions".into(),
        caption: String::new(),
        columns,
        rows,
        totals: None,
    }
}

fn assumption_row(row: &Assumption, shown: &[&AllyExplanation]) -> Vec<Cell> {
    let delta = |o: &Outcome, i: usize| {
        o.deltas
            .as_ref()
            .map_or(Cell::text("no plan"), |d| real(d[i]))
    };
    let mut cells = vec![
        Cell::text(&row.label),
        Cell::text(&row.step),
        value_cell(&row.parameter, row.low.value),
        value_cell(&row.parameter, row.high.value),
    ];
    for a in shown {
        cells.push(delta(&row.low, a.index));
        cells.push(delta(&row.high, a.index));
    }
    let moved = |o: &Outcome| o.moved().map_or(Cell::Empty, real);
    cells.extend([
        moved(&row.low),
        moved(&row.high),
        Cell::number(row.low.d_max_beta),
        Cell::number(row.high.d_max_beta),
    ]);
    cells
}

/// A change to 0.01, as the tables show it (no bar of rounding noise).
fn cents(v: f64) -> f64 {
    Money::from_f64(v).round_dp(2).to_f64()
}

/// The assumptions that move the ally's total most, its change at the low and the high
/// end of each (to 0.01); None when none moves it or no variant has a plan.
pub(super) fn tornado(e: &Explanation, ally: &AllyExplanation) -> Option<Chart> {
    let mut rows: Vec<(String, f64, f64)> = e
        .assumptions
        .iter()
        .filter_map(|a| {
            let low = cents(a.low.deltas.as_ref()?[ally.index]);
            let high = cents(a.high.deltas.as_ref()?[ally.index]);
            Some((format!("{} {}", a.label, a.step), low, high))
        })
        .filter(|(_, low, high)| *low != 0.0 || *high != 0.0)
        .collect();
    rows.sort_by(|a, b| {
        let swing = |r: &(String, f64, f64)| r.1.abs().max(r.2.abs());
        swing(b).total_cmp(&swing(a)).then_with(|| a.0.cmp(&b.0))
    });
    rows.truncate(BARS);
    if rows.is_empty() {
        return None;
    }
    let series = |name: &str, pick: fn(&(String, f64, f64)) -> f64| {
        Series::new(name, rows.iter().map(|r| Some(pick(r))).collect())
    };
    Some(Chart {
        title: format!("Tornado: {}", ally.id),
        caption: format!(
            "The change of {}'s total when each main assumption is moved to the low and to the high end of its step; the {} that move it most, largest first.",
            ally.id,
            rows.len()
        ),
        kind: ChartKind::Tornado,
        categories: rows.iter().map(|r| r.0.clone()).collect(),
        x_label: "Assumption".into(),
        y_label: format!(
            "Change of {}'s total ({} {})",
            ally.id, e.plan.currency, e.plan.unit
        ),
        series: vec![
            series("Low end", |r| r.1),
            series("High end", |r| r.2),
        ],
        reference: None,
    })
}

/// The explanation as CSV reads it: one tidy table.
pub fn data(e: &Explanation) -> Document {
    let text = |key: &str| Column::new(key, key, Kind::Text);
    let number = |key: &str| Column::new(key, key, Kind::Ratio { places: 6 });
    let columns = vec![
        text("section"),
        text("ally"),
        text("parameter"),
        number("value"),
        number("low"),
        number("high"),
        text("method"),
        text("text"),
    ];
    let mut rows = Vec::new();
    for a in &e.allies {
        rows.push(vec![
            Cell::text("reason"),
            Cell::text(&a.id),
            Cell::Empty,
            Cell::Money(a.chain.total),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::text(&a.reason),
        ]);
        for s in &a.sensitivities {
            rows.push(vec![
                Cell::text("sensitivity"),
                Cell::text(&a.id),
                Cell::text(&s.parameter),
                Cell::Number(s.value),
                Cell::number(s.down),
                Cell::number(s.up),
                Cell::text(s.method.name()),
                Cell::text(sensitivity(s)),
            ]);
        }
        for t in &a.tipping_points {
            rows.push(vec![
                Cell::text("tipping_point"),
                Cell::text(&a.id),
                Cell::text(&t.parameter),
                Cell::Number(t.value),
                Cell::Number(t.below),
                Cell::Number(t.above),
                Cell::text(t.method.name()),
                Cell::text(&t.effect),
            ]);
        }
    }
    for t in &e.assumptions {
        for (i, ally) in e.plan.allies.iter().enumerate() {
            let delta = |o: &Outcome| Cell::number(o.deltas.as_ref().map(|d| d[i]));
            rows.push(vec![
                Cell::text("assumption"),
                Cell::text(&ally.id),
                Cell::text(&t.parameter),
                Cell::Number(t.value),
                delta(&t.low),
                delta(&t.high),
                Cell::text("re-solve"),
                Cell::text(format!("{} {}", t.label, t.step)),
            ]);
        }
    }
    let mut doc = Document::new(format!("Explanation: {}", e.plan.scenario), "explain");
    doc.blocks.push(Block::Table(Table {
        family: None,
        id: "Explanation".into(),
        caption: String::new(),
        columns,
        rows,
        totals: None,
    }));
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::{explain, Options};
    use crate::scenario::load_str;

    fn explained() -> Explanation {
        let text = "scenario: t\nyears: [2025, 2026]\nbudget: {total: 1000}\nbilateral_credit: 0.5\nallies:\n  - {id: A, name: A, indicators: {gdp: 3}, bilateral: 300}\n  - {id: B, name: B, indicators: {gdp: 2}, bilateral: 20}\n  - {id: C, name: C, indicators: {gdp: 1}, bilateral: 0, max: 100}\n";
        let s = load_str(text, "t.yaml", &[]).unwrap().scenario;
        explain(&s, &Options::default()).unwrap()
    }

    #[test]
    fn a_tornado_has_the_largest_swings_first_and_the_ally_s_own_changes() {
        let e = explained();
        let charts = e.allies.iter().filter_map(|a| Some((a, tornado(&e, a)?)));
        assert!(charts.clone().count() > 0);
        for (ally, chart) in charts {
            assert_eq!(chart.kind, ChartKind::Tornado);
            assert!(chart.categories.len() <= BARS);
            // No bar of a change that rounds to zero.
            assert!(chart
                .series
                .iter()
                .all(|s| s.values.len() == chart.categories.len()));
            assert!((0..chart.categories.len())
                .all(|i| chart.series.iter().any(|s| s.values[i] != Some(0.0))));
            let (low, high) = (&chart.series[0].values, &chart.series[1].values);
            let swing = |i: usize| low[i].unwrap().abs().max(high[i].unwrap().abs());
            for i in 1..chart.categories.len() {
                assert!(swing(i - 1) >= swing(i), "{:?}", chart.categories);
            }
            let top = &chart.categories[0];
            let row = e
                .assumptions
                .iter()
                .find(|a| &format!("{} {}", a.label, a.step) == top)
                .unwrap();
            let own = |o: &Outcome| cents(o.deltas.as_ref().unwrap()[ally.index]);
            assert_eq!(low[0], Some(own(&row.low)));
            assert_eq!(high[0], Some(own(&row.high)));
        }
    }

    #[test]
    fn the_tidy_table_has_a_row_per_reason_sensitivity_tipping_point_and_assumption() {
        let e = explained();
        let doc = data(&e);
        let table = doc.tables().next().unwrap();
        let per_ally: usize = e
            .allies
            .iter()
            .map(|a| 1 + a.sensitivities.len() + a.tipping_points.len())
            .sum();
        let expected = per_ally + e.assumptions.len() * e.plan.allies.len();
        assert_eq!(table.rows.len(), expected);
        assert!(table.rows.iter().all(|r| r.len() == table.columns.len()));
    }
}
