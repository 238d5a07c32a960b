//! The plan as a document: its key facts, the plan table (ally × year with the fairness
//! figures and a totals row, live sums and burden indices in a spreadsheet), the charts a
//! planner expects — each ally's fair effort as credited bilateral aid plus new
//! contribution against its fair share, the burden indices, and the years stacked when
//! the years differ — and the notes; the documents add the reasons, the inputs and the
//! source notes. Several scenarios (`burden report A B`) get a side-by-side section first.

use super::plan_facts::{beta_note, facts};
use super::{binding_cell, binding_sentence, largest, named_and_others, value};
use crate::compare::{Comparison, Input};
use crate::money::Money;
use crate::plan::{AllyPlan, Plan};
use crate::report::doc::{
    Block, Cell, Chart, ChartKind, Column, Document, Formula, Kind, Series, Table,
};
use crate::report::{money_unit, Report};

/// What the documents (not the terminal and CSV) add: reasons, inputs, sources. Finding
/// each ally's reason solves the scenario again, so the terminal does without.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Depth {
    Table,
    Document,
}

/// One scenario's plan as a document.
pub fn document(report: &Report<'_>, depth: Depth) -> Document {
    let plan = report.plan;
    let mut doc = Document::new(&plan.scenario, report.name);
    doc.facts = facts(plan);
    doc.blocks = scenario_blocks(report, false);
    doc.notes = vec![beta_note(plan)];
    if depth == Depth::Document {
        doc.appendix = appendix(report);
    }
    doc
}

/// Several scenarios in one document: their totals side by side, the differences
/// against the first (the tables of `burden compare`), then each one.
pub fn several(reports: &[Report<'_>]) -> Document {
    let names: Vec<String> = reports
        .iter()
        .map(|r| format!("{} ({})", r.name, r.plan.scenario))
        .collect();
    let title = format!("Comparison of {} scenarios", reports.len());
    let mut doc = Document::new(title, "comparison");
    doc.blocks.push(Block::Heading("Side by side".into()));
    doc.blocks.push(Block::Paragraph(format!(
        "Scenarios: {}.",
        names.join("; ")
    )));
    doc.blocks.push(Block::Chart(side_by_side(reports)));
    let inputs: Vec<Input> = reports
        .iter()
        .map(|r| Input::planned(r.name, r.plan))
        .collect();
    let cmp = Comparison::new(&inputs);
    doc.blocks.push(Block::Heading(format!(
        "Differences against {}",
        reports[0].name
    )));
    doc.blocks
        .push(Block::Table(super::compare::allies_table(&cmp)));
    doc.blocks
        .push(Block::Table(super::compare::summary_table(&cmp)));
    for report in reports {
        let heading = format!("{}: {}", report.name, report.plan.scenario);
        doc.blocks.push(Block::Heading(heading));
        doc.blocks.push(Block::Facts(facts(report.plan)));
        doc.blocks.extend(scenario_blocks(report, true));
        doc.blocks.push(Block::Paragraph(beta_note(report.plan)));
        doc.blocks.extend(appendix(report));
    }
    doc
}

fn scenario_blocks(report: &Report<'_>, several: bool) -> Vec<Block> {
    let plan = report.plan;
    let mut blocks = vec![Block::Table(plan_table(
        plan,
        several.then_some(report.name),
    ))];
    blocks.push(Block::Chart(fair_effort_chart(plan)));
    blocks.push(Block::Chart(beta_chart(plan)));
    let annual: Vec<Money> = plan.budget.annual.values().copied().collect();
    if annual.windows(2).any(|w| w[0] != w[1]) {
        blocks.push(Block::Chart(years_chart(plan)));
    }
    blocks
}

/// The plan table; `name` tells the scenario apart when several share a document.
pub fn plan_table(plan: &Plan, name: Option<&str>) -> Table {
    let unit = money_unit(plan);
    let m = plan.years.len();
    let exact = Kind::Money { places: None };
    let whole = Kind::Money { places: Some(0) };
    let mut columns = vec![
        Column::new("id", "Ally", Kind::Text).repeated(),
        Column::new("name", "Name", Kind::Text).optional(8),
    ];
    columns.extend(
        plan.years
            .iter()
            .map(|y| Column::new(y.to_string(), y.to_string(), exact).summed()),
    );
    let (total, credited, effort, fair) = (2 + m, 6 + m, 7 + m, 4 + m);
    columns.extend([
        Column::new("total", "Total", exact)
            .unit(&unit)
            .summed()
            .formula(Formula::Sum((2..2 + m).collect())),
        Column::new("key_share", "Key %", Kind::Percent { places: 2 }).optional(2),
        Column::new("fair_effort", "Fair effort", whole)
            .optional(4)
            .summed(),
        Column::new("bilateral", "Bilateral", whole)
            .optional(7)
            .summed(),
        Column::new("credited_bilateral", "Credited", whole)
            .optional(3)
            .summed(),
        Column::new("effort", "Effort", whole)
            .optional(9)
            .summed()
            .formula(Formula::Sum(vec![total, credited])),
        Column::new("burden_index", "β", Kind::Index { places: 3 })
            .optional(1)
            .formula(Formula::Ratio(effort, fair)),
        Column::new("gdp_pct", "% GDP", Kind::Ratio { places: 3 }).optional(5),
        Column::new("binding", "Binding", Kind::Text)
            .optional(6)
            .when_dropped(binding_sentence(
                plan.allies
                    .iter()
                    .map(|a| (a.id.as_str(), a.binding.as_slice())),
                "Binding: none; every ally's number follows from the key and the objective.",
            )),
    ]);
    Table {
        family: None,
        id: name.map_or_else(|| "Plan".to_string(), |n| format!("Plan {n}")),
        caption: String::new(),
        columns,
        rows: plan.allies.iter().map(|a| ally_row(plan, a)).collect(),
        totals: Some(totals_row(plan)),
    }
}

fn ally_row(plan: &Plan, a: &AllyPlan) -> Vec<Cell> {
    let mut row = vec![Cell::text(&a.id), Cell::text(&a.name)];
    row.extend(plan.years.iter().map(|y| {
        a.contributions
            .get(y)
            .map_or(Cell::Empty, |v| Cell::Money(*v))
    }));
    row.extend([
        Cell::Money(a.total),
        Cell::Number(a.key_share),
        Cell::Money(a.fair_effort),
        Cell::Money(a.bilateral),
        Cell::Money(a.credited_bilateral),
        Cell::Money(a.total + a.credited_bilateral),
        Cell::number(a.burden_index),
        Cell::number(a.gdp_pct),
        binding_cell(&a.binding),
    ]);
    row
}

fn totals_row(plan: &Plan) -> Vec<Cell> {
    let sum = |f: fn(&AllyPlan) -> Money| Cell::Money(plan.allies.iter().map(f).sum());
    let mut row = vec![Cell::text("Total"), Cell::text("All allies")];
    row.extend(plan.budget.annual.values().map(|v| Cell::Money(*v)));
    row.extend([
        Cell::Money(plan.budget.total),
        Cell::Number(plan.allies.iter().map(|a| a.key_share).sum()),
        sum(|a| a.fair_effort),
        sum(|a| a.bilateral),
        sum(|a| a.credited_bilateral),
        sum(|a| a.total + a.credited_bilateral),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
    ]);
    row
}

/// Each ally's fair effort split into credited bilateral aid and new contribution, with
/// its fair share marked: the picture of bilateral aid not crowded out.
fn fair_effort_chart(plan: &Plan) -> Chart {
    let series = |name: &str, f: fn(&AllyPlan) -> Money| {
        Series::new(name, plan.allies.iter().map(|a| value(f(a))).collect())
    };
    Chart {
        title: "Fair effort: credited bilateral aid and new contribution".into(),
        caption: "Each ally's credited bilateral aid and its new contribution to the fund, stacked; the mark is its fair share (key share of the pot). A stack above the mark is an ally paying more than its share.".into(),
        kind: ChartKind::Stacked,
        categories: plan.allies.iter().map(|a| a.id.clone()).collect(),
        x_label: "Ally".into(),
        y_label: money_unit(plan),
        series: vec![
            series("Credited bilateral aid", |a| a.credited_bilateral),
            series("New contribution", |a| a.total),
            series("Fair share", |a| a.fair_effort).marker(),
        ],
        reference: None,
    }
}

fn beta_chart(plan: &Plan) -> Chart {
    Chart {
        title: "Burden index per ally".into(),
        caption: "What each ally pays plus its credited bilateral aid, over its fair effort. The line at 1.0 is exactly the fair share.".into(),
        kind: ChartKind::Bars,
        categories: plan.allies.iter().map(|a| a.id.clone()).collect(),
        x_label: "Ally".into(),
        y_label: "Burden index".into(),
        series: vec![Series::new(
            "Burden index",
            plan.allies.iter().map(|a| a.burden_index).collect(),
        )],
        reference: Some(1.0),
    }
}

/// Contributions per year stacked by ally (the largest named), when the years differ.
fn years_chart(plan: &Plan) -> Chart {
    let names: Vec<String> = plan.allies.iter().map(|a| a.id.clone()).collect();
    let values: Vec<Vec<f64>> = plan
        .allies
        .iter()
        .map(|a| {
            plan.years
                .iter()
                .map(|y| a.contributions.get(y).map_or(0.0, |v| v.to_f64()))
                .collect()
        })
        .collect();
    let sizes: Vec<f64> = plan.allies.iter().map(|a| a.total.to_f64()).collect();
    Chart {
        title: "Contributions per year, stacked by ally".into(),
        caption: "New contributions per year, stacked by ally: the largest payers are named, the rest are added up as others. Each bar is that year's budget.".into(),
        kind: ChartKind::Stacked,
        categories: plan.years.iter().map(i32::to_string).collect(),
        x_label: "Year".into(),
        y_label: money_unit(plan),
        series: named_and_others(&names, &values, &largest(&sizes)),
        reference: None,
    }
}

/// Several scenarios: each ally's total per scenario (the largest named).
fn side_by_side(reports: &[Report<'_>]) -> Chart {
    let first = reports[0].plan;
    let mut ids: Vec<String> = Vec::new();
    for r in reports {
        let sizes: Vec<f64> = r.plan.allies.iter().map(|a| a.total.to_f64()).collect();
        for i in largest(&sizes) {
            let id = &r.plan.allies[i].id;
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
    }
    ids.truncate(super::NAMED + 2);
    let series = reports
        .iter()
        .map(|r| {
            let values = ids
                .iter()
                .map(|id| r.plan.ally(id).map(|a| a.total.to_f64()))
                .collect();
            Series::new(r.name, values)
        })
        .collect();
    Chart {
        title: "Totals side by side".into(),
        caption: "Each ally's total new contribution in each scenario, for the largest payers."
            .into(),
        kind: ChartKind::Bars,
        categories: ids,
        x_label: "Ally".into(),
        y_label: money_unit(first),
        series,
        reference: None,
    }
}

/// The documents' appendix: the assumptions in full, why each ally pays what it pays,
/// the inputs, and the scenario file's own notes on sources.
fn appendix(report: &Report<'_>) -> Vec<Block> {
    let mut blocks = vec![Block::Heading("Assumptions".into())];
    blocks.extend(
        super::inputs::assumptions(report.plan)
            .into_iter()
            .map(Block::Paragraph),
    );
    blocks.extend(super::inputs::reasons(report));
    blocks.extend(super::inputs::inputs(report));
    if !report.notes.is_empty() {
        blocks.push(Block::Heading(
            "Sources and assumptions (from the scenario file)".into(),
        ));
        for paragraph in report.notes.split(|l| l.trim().is_empty()) {
            if !paragraph.is_empty() {
                blocks.push(Block::Paragraph(paragraph.join(" ")));
            }
        }
    }
    blocks
}
