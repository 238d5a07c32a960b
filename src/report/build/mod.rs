//! Builders: each result becomes one [`Document`](super::doc::Document) here, once, and
//! every format renders that document. Formats never look at a result's own types.

pub mod compare;
mod compare_data;
pub mod explain;
mod explain_data;
pub mod inputs;
pub mod plan;
mod plan_facts;
pub mod pledge;
pub mod replan;
pub mod sweep;
pub mod track;

use crate::binding::Binding;
use crate::money::Money;
use crate::report::binding_groups;
use crate::report::doc::{Cell, Series};

/// How many allies a chart names; the rest are added up as "others".
pub const NAMED: usize = 8;

/// The `NAMED` largest of `sizes` (index order kept among equals), largest first.
pub fn largest(sizes: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.sort_by(|&a, &b| sizes[b].total_cmp(&sizes[a]).then(a.cmp(&b)));
    order.truncate(NAMED);
    order
}

/// Series for the named rows, then one "others (n)" series adding up the rest.
pub fn named_and_others(names: &[String], values: &[Vec<f64>], named: &[usize]) -> Vec<Series> {
    let mut series: Vec<Series> = named
        .iter()
        .map(|&i| Series::new(&names[i], values[i].iter().map(|v| Some(*v)).collect()))
        .collect();
    let rest: Vec<&Vec<f64>> = (0..names.len())
        .filter(|i| !named.contains(i))
        .map(|i| &values[i])
        .collect();
    if let Some(first) = rest.first() {
        let sums = (0..first.len())
            .map(|c| Some(rest.iter().map(|r| r[c]).sum()))
            .collect();
        series.push(Series::new(format!("others ({})", rest.len()), sums));
    }
    series
}

/// Money as a chart value.
pub fn value(m: Money) -> Option<f64> {
    Some(m.to_f64())
}

/// "2025–2029", or the one year.
pub fn span(years: &[i32]) -> String {
    match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    }
}

/// An ally's binding codes as one cell: the codes for CSV, the words for people.
pub fn binding_cell(codes: &[Binding]) -> Cell {
    let words: Vec<String> = codes.iter().map(Binding::words).collect();
    Cell::Coded {
        code: crate::binding::codes(codes, " "),
        words: words.join(", "),
    }
}

/// The binding constraints in one sentence, for when a narrow terminal leaves the
/// Binding column out; `none` is said when nothing binds.
pub fn binding_sentence<'a>(
    allies: impl IntoIterator<Item = (&'a str, &'a [Binding])>,
    none: &str,
) -> String {
    let groups: Vec<String> = binding_groups(allies)
        .iter()
        .map(|(words, ids)| format!("{words}: {}", ids.join(", ")))
        .collect();
    if groups.is_empty() {
        none.to_string()
    } else {
        format!("Binding: {}.", groups.join("; "))
    }
}

/// A plan's summary figures, in the order compare and sweep tables give them: largest and
/// smallest burden index, allies paying nothing new, the largest payer and its share,
/// the schedule deviation.
pub fn summary_cells(s: &crate::compare::Summary) -> [Cell; 6] {
    [
        Cell::Number(s.max_burden_index),
        Cell::Number(s.min_burden_index),
        Cell::Integer(i64::try_from(s.zero_payers).unwrap_or(i64::MAX)),
        Cell::text(&s.largest_payer),
        Cell::Number(s.largest_share),
        Cell::Number(s.schedule_deviation),
    ]
}
