//! The pledge scorecard as a document: per ally and year its fair share of the target, its
//! effort and the gap; the alliance per year against the target; a chart of each ally's
//! effort against its fair share over the whole period.

use std::collections::BTreeMap;

use super::{largest, span, value};
use crate::money::Money;
use crate::pledge::{AllyScore, Scorecard};
use crate::report::doc::{
    Block, Cell, Chart, ChartKind, Column, Document, Fact, Formula, Kind, Series, Table,
};
use crate::report::{amount, Style};

const NOTE: &str = "Fair share = key share × the year's target; effort = support at the credit rate; gap = fair share − effort (positive: short of the fair share).";

/// The scorecard of a pledge-mode scenario; `name` is the file's stem.
pub fn document(card: &Scorecard, name: &str) -> Document {
    let mut doc = Document::new(format!("{}: pledge scorecard", card.scenario), name);
    doc.facts = facts(card);
    doc.blocks = vec![
        Block::Table(ally_table(card)),
        Block::Heading("The alliance against the target".into()),
        Block::Table(alliance_table(card)),
        Block::Chart(effort_chart(card)),
    ];
    doc.notes = vec![NOTE.to_string()];
    doc
}

fn unit(card: &Scorecard) -> String {
    format!("{} {}", card.currency, card.unit)
        .trim()
        .to_string()
}

fn facts(card: &Scorecard) -> Vec<Fact> {
    let money = unit(card);
    let mut facts: Vec<Fact> = (!money.is_empty())
        .then(|| Fact::new("Money", money))
        .into_iter()
        .collect();
    let targets: Vec<String> = card
        .target
        .iter()
        .map(|(y, t)| format!("{y}: {}", amount(*t)))
        .collect();
    facts.push(Fact::new("Years", span(&card.years)));
    facts.push(Fact::new("Target", targets.join(" · ")));
    let meeting: Vec<String> = card
        .annual
        .iter()
        .map(|(y, s)| format!("{y}: {} of {}", s.allies_meeting_share, card.allies.len()))
        .collect();
    facts.push(Fact::new("Allies at their share", meeting.join(" · ")));
    let gap: Money = card.annual.values().map(|s| s.gap).sum();
    let word = if gap > Money::ZERO { "short" } else { "beyond" };
    facts.push(Fact::new(
        "The alliance",
        format!(
            "{} {word} of the target over {}",
            amount(gap.abs()),
            span(&card.years)
        ),
    ));
    facts
}

fn get(m: &BTreeMap<i32, Money>, year: i32) -> Money {
    m.get(&year).copied().unwrap_or_default()
}

/// One row per ally and year, with the machine headers of the scorecard's CSV.
fn ally_table(card: &Scorecard) -> Table {
    let money = Kind::Money { places: Some(0) };
    let (fair, effort) = (4, 5);
    let columns = vec![
        Column::new("ally", "Ally", Kind::Text).repeated(),
        Column::new("name", "Name", Kind::Text).optional(4),
        Column::new("year", "Year", Kind::Integer).repeated(),
        Column::new("key_share", "Key %", Kind::Percent { places: 2 }),
        Column::new("fair_share", "Fair share", money).unit(unit(card)),
        Column::new("effort", "Effort", money),
        Column::new("gap", "Gap", Kind::Delta { places: Some(0) })
            .formula(Formula::Difference(fair, effort)),
        Column::new("fulfilment", "Effort/fair", Kind::Percent { places: 1 })
            .unit("%")
            .formula(Formula::Ratio(effort, fair)),
        Column::new("effort_gdp_pct", "Effort % GDP", Kind::Ratio { places: 3 }).optional(2),
        Column::new(
            "fair_share_gdp_pct",
            "Fair % GDP",
            Kind::Ratio { places: 3 },
        )
        .optional(3),
    ];
    let rows = card
        .allies
        .iter()
        .flat_map(|a| card.years.iter().map(move |&y| ally_row(a, y)))
        .collect();
    Table {
        family: None,
        id: "Scorecard".into(),
        caption: String::new(),
        columns,
        rows,
        totals: None,
    }
}

fn ally_row(a: &AllyScore, year: i32) -> Vec<Cell> {
    let flat = |m: &BTreeMap<i32, Option<f64>>| Cell::number(m.get(&year).copied().flatten());
    vec![
        Cell::text(&a.id),
        Cell::text(&a.name),
        Cell::Integer(i64::from(year)),
        Cell::number(a.key_share.get(&year).copied()),
        Cell::Money(get(&a.fair_share, year)),
        Cell::Money(get(&a.effort, year)),
        Cell::Money(get(&a.gap, year)),
        flat(&a.fulfilment),
        flat(&a.effort_gdp_pct),
        flat(&a.fair_share_gdp_pct),
    ]
}

/// The alliance per year: target, effort, gap, allies at their share.
fn alliance_table(card: &Scorecard) -> Table {
    let money = Kind::Money { places: Some(0) };
    let columns = vec![
        Column::new("year", "Year", Kind::Integer).repeated(),
        Column::new("target", "Target", money)
            .unit(unit(card))
            .summed(),
        Column::new("effort", "Effort", money).summed(),
        Column::new("gap", "Gap", Kind::Delta { places: Some(0) })
            .formula(Formula::Difference(1, 2))
            .summed(),
        Column::new("allies_at_share", "Allies at their share", Kind::Integer),
    ];
    let rows: Vec<Vec<Cell>> = card
        .annual
        .iter()
        .map(|(y, s)| {
            vec![
                Cell::Integer(i64::from(*y)),
                Cell::Money(s.target),
                Cell::Money(s.effort),
                Cell::Money(s.gap),
                Cell::Integer(s.allies_meeting_share as i64),
            ]
        })
        .collect();
    let sum = |f: fn(&crate::pledge::YearScore) -> Money| card.annual.values().map(f).sum();
    let totals = vec![
        Cell::text("Total"),
        Cell::Money(sum(|s| s.target)),
        Cell::Money(sum(|s| s.effort)),
        Cell::Money(sum(|s| s.gap)),
        Cell::Empty,
    ];
    Table {
        family: None,
        id: "Alliance".into(),
        caption: String::new(),
        columns,
        rows,
        totals: Some(totals),
    }
}

/// Each of the largest allies' effort over the period against its fair share (a mark).
fn effort_chart(card: &Scorecard) -> Chart {
    let fair: Vec<f64> = card
        .allies
        .iter()
        .map(|a| a.total.fair_share.to_f64())
        .collect();
    let named = largest(&fair);
    let pick = |f: fn(&AllyScore) -> Money| -> Vec<Option<f64>> {
        named.iter().map(|&i| value(f(&card.allies[i]))).collect()
    };
    Chart {
        title: "Effort against the fair share".into(),
        caption: format!(
            "The {} allies with the largest fair shares, over {}: bars are what they gave (at the credit rate), marks their fair share of the target.",
            named.len(),
            span(&card.years)
        ),
        kind: ChartKind::Stacked,
        categories: named.iter().map(|&i| card.allies[i].id.clone()).collect(),
        x_label: "Ally".into(),
        y_label: unit(card),
        series: vec![
            Series::new("Effort", pick(|a| a.total.effort)),
            Series::new("Fair share", pick(|a| a.total.fair_share)).marker(),
        ],
        reference: None,
    }
}

/// The scorecard in a format: JSON is its serde form, every other format its document.
pub fn render(
    card: &Scorecard,
    name: &str,
    format: crate::report::Format,
    style: Style,
) -> Result<Vec<u8>, crate::report::ExportError> {
    if format == crate::report::Format::Json {
        let mut out = serde_json::to_vec_pretty(card).unwrap_or_default();
        out.push(b'\n');
        return Ok(out);
    }
    format.render_document(&document(card, name), style)
}
