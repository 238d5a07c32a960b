//! A document like a real plan's (32 allies over five years, with every kind of column
//! and chart), built by hand for the rich renderers' tests.

use crate::money::Money;
use crate::report::doc::{
    Block, Cell, Chart, ChartKind, Column, Document, Fact, Formula, Kind, Series, Table,
};

pub(crate) const ALLIES: usize = 32;
pub(crate) const YEARS: [i32; 5] = [2026, 2027, 2028, 2029, 2030];

fn money(v: i64) -> Cell {
    Cell::Money(Money::new(v.into()))
}

/// Ally `i`'s contribution in year `y` (whole EUR million), made up but varied.
fn amount(i: usize, y: usize) -> i64 {
    let i = i as i64;
    (i * 37 % 23 + 1) * 10 + (y as i64) * (i % 5) * 3
}

fn plan_table() -> Table {
    let mut columns = vec![Column::new("ally", "Ally", Kind::Text).repeated()];
    for y in YEARS {
        columns.push(
            Column::new(
                y.to_string(),
                y.to_string(),
                Kind::Money { places: Some(0) },
            )
            .summed(),
        );
    }
    let money0 = Kind::Money { places: Some(0) };
    columns.extend([
        Column::new("total", "Total", money0)
            .unit("EUR million")
            .formula(Formula::Sum(vec![1, 2, 3, 4, 5]))
            .summed(),
        Column::new("fair", "Fair effort", money0).summed(),
        Column::new("gap", "Total less fair", Kind::Delta { places: Some(0) })
            .formula(Formula::Difference(6, 7))
            .summed(),
        Column::new("fulfil", "Fulfilment", Kind::Percent { places: 1 })
            .unit("%")
            .formula(Formula::Ratio(6, 7)),
        Column::new("beta", "Burden index", Kind::Index { places: 3 }),
        Column::new("binding", "Binding", Kind::Integer),
    ]);
    let mut rows = Vec::new();
    let mut totals = [0i64; 8];
    for i in 0..ALLIES {
        let years: Vec<i64> = (0..YEARS.len()).map(|y| amount(i, y)).collect();
        let total: i64 = years.iter().sum();
        let fair = total + (i as i64 % 7) * 9 - 27;
        let mut row = vec![Cell::text(format!("Ally {:02}", i + 1))];
        row.extend(years.iter().map(|v| money(*v)));
        row.extend([money(total), money(fair), money(total - fair)]);
        let ratio = total as f64 / fair as f64;
        row.extend([
            Cell::Number(ratio),
            Cell::Number(ratio),
            Cell::Integer(i as i64 % 3),
        ]);
        for (k, v) in years.iter().chain([&total, &fair]).enumerate() {
            totals[k] += v;
        }
        rows.push(row);
    }
    let mut total_row = vec![Cell::text("Total")];
    total_row.extend(totals[..7].iter().map(|v| money(*v)));
    let fulfilment = totals[5] as f64 / totals[6] as f64;
    total_row.extend([money(totals[5] - totals[6]), Cell::Number(fulfilment)]);
    total_row.extend([Cell::Empty, Cell::Empty]);
    Table {
        family: None,
        id: "Plan".into(),
        caption: "Contributions per ally and year (EUR million)".into(),
        columns,
        rows,
        totals: Some(total_row),
    }
}

fn chart(kind: ChartKind, title: &str, categories: Vec<String>, series: Vec<Series>) -> Chart {
    Chart {
        title: title.into(),
        caption: format!("How to read the {title}."),
        kind,
        categories,
        x_label: "Ally".into(),
        y_label: "EUR million".into(),
        series,
        reference: None,
    }
}

fn allies() -> Vec<String> {
    (0..ALLIES).map(|i| format!("Ally {:02}", i + 1)).collect()
}

fn charts() -> Vec<Chart> {
    let years: Vec<String> = YEARS.iter().map(i32::to_string).collect();
    let per_ally = |f: &dyn Fn(usize) -> f64| (0..ALLIES).map(|i| Some(f(i))).collect();
    let total = |i: usize| (0..YEARS.len()).map(|y| amount(i, y) as f64).sum::<f64>();
    let stacked = chart(
        ChartKind::Stacked,
        "Fair share against what each ally gives",
        allies(),
        vec![
            Series::new("Credited aid", per_ally(&|i| (i % 4) as f64 * 20.0)),
            Series::new("New contribution", per_ally(&total)),
            Series::new("Fair share", per_ally(&|i| total(i) + 30.0)).marker(),
        ],
    );
    let year_series = |k: usize| (0..YEARS.len()).map(move |y| Some((amount(k, y) * 10) as f64));
    let mut bars = chart(
        ChartKind::Bars,
        "Budget per year",
        years.clone(),
        vec![
            Series::new("Planned", year_series(3).collect()),
            Series::new("Delivered", year_series(4).collect()),
        ],
    );
    bars.x_label = "Year".into();
    let mut lines = bars.clone();
    lines.kind = ChartKind::Lines;
    lines.title = "Budget per year as lines".into();
    lines.series[1].values[2] = None;
    let beta = |i: usize, y: usize| Some(0.7 + ((i * 7 + y * 3) % 11) as f64 * 0.06);
    let mut heat = chart(
        ChartKind::Heatmap,
        "Burden index per ally and year",
        years,
        (0..ALLIES)
            .map(|i| {
                Series::new(
                    format!("Ally {:02}", i + 1),
                    (0..5).map(|y| beta(i, y)).collect(),
                )
            })
            .collect(),
    );
    heat.reference = Some(1.0);
    heat.x_label = "Year".into();
    heat.y_label = "Ally".into();
    vec![stacked, bars, lines, heat]
}

/// The sample document.
pub(crate) fn document() -> Document {
    let mut doc = Document::new("Sample fund of 32 allies", "sample");
    doc.facts = vec![
        Fact::new("Money unit", "EUR million"),
        Fact::new("Objective", "leximin"),
    ];
    doc.blocks.push(Block::Heading("Plan".into()));
    doc.blocks.push(Block::Paragraph(
        "Each ally's contributions per year.".into(),
    ));
    doc.blocks.push(Block::Facts(vec![Fact::new(
        "Budget",
        "EUR 12,000 million",
    )]));
    doc.blocks.push(Block::Table(plan_table()));
    doc.blocks.push(Block::Heading("Charts".into()));
    doc.blocks.extend(charts().into_iter().map(Block::Chart));
    doc.notes = vec![
        "Amounts are exact plan figures.".into(),
        "β = 1 is exactly fair.".into(),
    ];
    doc
}
