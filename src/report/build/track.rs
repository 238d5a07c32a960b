//! Tracking as a document: the key facts (tolerance, years delivered, the alliance's
//! fulfilment, the allies off track), the ally × year table whose machine headers are the
//! CSV's (difference and fulfilment recomputed in a spreadsheet, the totals summed), the
//! alliance per year, two charts — planned against delivered per ally, the alliance per
//! year — and the notes saying what difference, fulfilment and the status mean.

use super::{span, value};
use crate::money::Money;
use crate::report::amount;
use crate::report::doc::{
    Block, Cell, Chart, ChartKind, Column, Document, Fact, Formula, Kind, Series, Table,
};
use crate::track::{AllyTrack, Status, Track, YearTotal};

/// The tracking report as a document; `name` is the scenario file's stem.
pub fn document(t: &Track, name: &str) -> Document {
    let mut doc = Document::new(title(t), name);
    doc.facts = facts(t);
    doc.blocks = vec![
        Block::Table(allies_table(t)),
        Block::Heading("The alliance against the annual budgets".into()),
        Block::Table(alliance_table(t)),
        Block::Chart(allies_chart(t)),
        Block::Chart(years_chart(t)),
    ];
    doc.notes = notes(t);
    doc
}

fn title(t: &Track) -> String {
    format!(
        "{}: delivered against the plan, {}",
        t.scenario,
        span(&t.years)
    )
}

/// "EUR million".
pub fn money_unit(currency: &str, unit: &str) -> String {
    format!("{currency} {unit}").trim().to_string()
}

/// The status as its JSON code (CSV) and its words (every other format).
fn status(s: Status) -> Cell {
    let code = match s {
        Status::OnTrack => "on_track",
        Status::Behind => "behind",
        Status::Ahead => "ahead",
    };
    Cell::Coded {
        code: code.into(),
        words: s.to_string(),
    }
}

fn facts(t: &Track) -> Vec<Fact> {
    let total = &t.total;
    let mut facts = vec![
        Fact::new("Money", money_unit(&t.currency, &t.unit)),
        Fact::new(
            "Years delivered",
            format!(
                "{} ({} of the plan)",
                span(&t.years),
                plural(t.years.len(), "year")
            ),
        ),
        Fact::new("Tolerance", format!("{} %", percent_text(t.tolerance))),
        Fact::new(
            "Alliance fulfilment",
            format!(
                "{} ({} delivered of {} planned, {})",
                fulfilment_text(total.fulfilment),
                amount(total.delivered),
                amount(total.budget),
                total.status
            ),
        ),
        Fact::new("Allies", counts(t)),
    ];
    facts.push(Fact::new("Off track", off_track(t)));
    facts
}

/// The allies off track, the largest differences first: "USA behind (-1,234), …".
fn off_track(t: &Track) -> String {
    let mut off: Vec<&AllyTrack> = t
        .allies
        .iter()
        .filter(|a| a.status != Status::OnTrack)
        .collect();
    if off.is_empty() {
        return "none".into();
    }
    off.sort_by(|a, b| {
        b.difference
            .abs()
            .cmp(&a.difference.abs())
            .then(a.id.cmp(&b.id))
    });
    let named: Vec<String> = off
        .iter()
        .take(OFF_TRACK_NAMED)
        .map(|a| format!("{} {} ({})", a.id, a.status, signed(a.difference)))
        .collect();
    match off.len().checked_sub(OFF_TRACK_NAMED) {
        Some(rest) if rest > 0 => format!("{} and {rest} more", named.join(", ")),
        _ => named.join(", "),
    }
}

/// How many allies off track the facts name.
const OFF_TRACK_NAMED: usize = 5;

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// "1 on track, 1 behind, 1 ahead" (the statuses that occur).
fn counts(t: &Track) -> String {
    let parts: Vec<String> = [Status::OnTrack, Status::Behind, Status::Ahead]
        .into_iter()
        .map(|s| (s, t.status_counts.get(&s).copied().unwrap_or(0)))
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {s}"))
        .collect();
    format!("{} ({})", t.allies.len(), parts.join(", "))
}

fn signed(m: Money) -> String {
    if m > Money::ZERO {
        format!("+{}", amount(m))
    } else {
        amount(m)
    }
}

fn fulfilment_text(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), |v| format!("{:.1} %", v * 100.0))
}

fn percent_text(fraction: f64) -> String {
    let text = format!("{:.4}", fraction * 100.0);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// One row per ally and past year; the totals row is the alliance over all past years.
fn allies_table(t: &Track) -> Table {
    let unit = money_unit(&t.currency, &t.unit);
    let exact = Kind::Money { places: None };
    let delta = Kind::Delta { places: None };
    let fulfilment = Kind::Percent { places: 1 };
    // id, name, year, planned, delivered, difference, fulfilment, cumulative, status.
    let (planned, delivered) = (3, 4);
    let mut columns = vec![
        Column::new("id", "Ally", Kind::Text).repeated(),
        Column::new("name", "Name", Kind::Text).optional(9),
        Column::new("year", "Year", Kind::Text),
        Column::new("planned", "Planned", exact)
            .unit(&unit)
            .summed(),
        Column::new("delivered", "Delivered", exact)
            .unit(&unit)
            .summed(),
        Column::new("difference", "Difference", delta)
            .unit(&unit)
            .summed()
            .formula(Formula::Difference(delivered, planned)),
        Column::new("fulfilment", "Fulfilment %", fulfilment)
            .optional(3)
            .formula(Formula::Ratio(delivered, planned)),
        Column::new("cumulative_difference", "Cumulative", delta)
            .unit(&unit)
            .optional(2),
        Column::new("status", "Status", Kind::Text),
    ];
    let bilateral = t.has_bilateral();
    if bilateral {
        columns.extend([
            Column::new("bilateral_planned", "Bilateral assumed", exact)
                .unit(&unit)
                .optional(8)
                .summed(),
            Column::new("bilateral_delivered", "Bilateral given", exact)
                .unit(&unit)
                .optional(7),
        ]);
    }
    let rows = t
        .allies
        .iter()
        .flat_map(|a| a.years.keys().map(move |y| ally_row(a, *y, bilateral)))
        .collect();
    let total = &t.total;
    let mut totals = vec![
        Cell::text("Total"),
        Cell::text("All allies"),
        Cell::text(span(&t.years)),
        Cell::Money(total.budget),
        Cell::Money(total.delivered),
        Cell::Money(total.difference),
        Cell::number(total.fulfilment),
        Cell::Money(total.difference),
        status(total.status),
    ];
    if bilateral {
        let assumed = t.allies.iter().flat_map(|a| a.bilateral_planned.values());
        totals.extend([Cell::Money(assumed.sum()), Cell::Empty]);
    }
    Table {
        family: None,
        id: "Track".into(),
        caption: String::new(),
        columns,
        rows,
        totals: Some(totals),
    }
}

fn ally_row(a: &AllyTrack, year: i32, bilateral: bool) -> Vec<Cell> {
    let Some(l) = a.years.get(&year) else {
        return Vec::new();
    };
    let mut row = vec![
        Cell::text(&a.id),
        Cell::text(&a.name),
        Cell::text(year.to_string()),
        Cell::Money(l.planned),
        Cell::Money(l.delivered),
        Cell::Money(l.difference),
        Cell::number(l.fulfilment),
        Cell::Money(l.cumulative_difference),
        status(l.status),
    ];
    if bilateral {
        let assumed = a.bilateral_planned.get(&year).copied().unwrap_or_default();
        let given = a.bilateral_delivered.get(&year).copied().flatten();
        row.extend([Cell::Money(assumed), given.map_or(Cell::Empty, Cell::Money)]);
    }
    row
}

/// The alliance per year against the annual budgets, with a totals row when there are
/// several years.
fn alliance_table(t: &Track) -> Table {
    let unit = money_unit(&t.currency, &t.unit);
    let exact = Kind::Money { places: None };
    let (budget, delivered) = (1, 2);
    let columns = vec![
        Column::new("year", "Year", Kind::Text).repeated(),
        Column::new("budget", "Budget", exact).unit(&unit).summed(),
        Column::new("delivered", "Delivered", exact)
            .unit(&unit)
            .summed(),
        Column::new("difference", "Difference", Kind::Delta { places: None })
            .unit(&unit)
            .summed()
            .formula(Formula::Difference(delivered, budget)),
        Column::new("fulfilment", "Fulfilment %", Kind::Percent { places: 1 })
            .formula(Formula::Ratio(delivered, budget)),
        Column::new("status", "Status", Kind::Text),
    ];
    let row = |label: String, v: &YearTotal| {
        vec![
            Cell::text(label),
            Cell::Money(v.budget),
            Cell::Money(v.delivered),
            Cell::Money(v.difference),
            Cell::number(v.fulfilment),
            status(v.status),
        ]
    };
    Table {
        family: None,
        id: "Alliance".into(),
        caption: String::new(),
        columns,
        rows: t
            .annual
            .iter()
            .map(|(y, v)| row(y.to_string(), v))
            .collect(),
        totals: (t.annual.len() > 1).then(|| row("Total".into(), &t.total)),
    }
}

fn allies_chart(t: &Track) -> Chart {
    let series = |name: &str, f: fn(&AllyTrack) -> Money| {
        Series::new(name, t.allies.iter().map(|a| value(f(a))).collect())
    };
    Chart {
        title: "Planned and delivered per ally".into(),
        caption: format!(
            "What the plan asked of each ally in {} and what it delivered. A delivered bar short of the planned one is a shortfall.",
            span(&t.years)
        ),
        kind: ChartKind::Bars,
        categories: t.allies.iter().map(|a| a.id.clone()).collect(),
        x_label: "Ally".into(),
        y_label: money_unit(&t.currency, &t.unit),
        series: vec![
            series("Planned", |a| a.planned),
            series("Delivered", |a| a.delivered),
        ],
        reference: None,
    }
}

fn years_chart(t: &Track) -> Chart {
    let series = |name: &str, f: fn(&YearTotal) -> Money| {
        Series::new(name, t.annual.values().map(|v| value(f(v))).collect())
    };
    Chart {
        title: "The alliance per year".into(),
        caption: "Each year's budget against what all allies delivered in it.".into(),
        kind: ChartKind::Bars,
        categories: t.annual.keys().map(i32::to_string).collect(),
        x_label: "Year".into(),
        y_label: money_unit(&t.currency, &t.unit),
        series: vec![
            series("Budget", |v| v.budget),
            series("Delivered", |v| v.delivered),
        ],
        reference: None,
    }
}

fn notes(t: &Track) -> Vec<String> {
    let mut notes = vec![
        "Difference = delivered − planned: negative is a shortfall, positive a surplus; Cumulative sums it over the years so far.".to_string(),
        "Fulfilment = delivered / planned; – where nothing was planned.".to_string(),
        format!(
            "Status: on track when the cumulative delivery is within {} % of the cumulative plan (the tolerance, --tolerance), behind below it, ahead above it. The totals row is the alliance over {}.",
            percent_text(t.tolerance),
            span(&t.years)
        ),
    ];
    notes.extend(bilateral_note(t));
    notes
}

/// "Bilateral aid short of the assumption (given of assumed): DNK 2025 2,536.9 of 3,963",
/// when any is.
fn bilateral_note(t: &Track) -> Option<String> {
    let short: Vec<String> = t
        .allies
        .iter()
        .flat_map(|a| {
            a.bilateral_delivered
                .iter()
                .filter_map(move |(year, given)| {
                    let planned = a.bilateral_planned.get(year).copied().unwrap_or_default();
                    let given = (*given)?;
                    (given < planned).then(|| {
                        format!("{} {year} {} of {}", a.id, amount(given), amount(planned))
                    })
                })
        })
        .collect();
    (!short.is_empty()).then(|| {
        format!(
            "Bilateral aid short of the assumption (given of assumed): {}.",
            short.join("; ")
        )
    })
}
