//! Builders: each result becomes one [`Document`](super::doc::Document) here, once, and
//! every format renders that document. Formats never look at a result's own types.

pub mod compare;
pub mod inputs;
pub mod plan;
pub mod pledge;
pub mod replan;
pub mod sweep;
pub mod track;

use crate::money::Money;
use crate::report::doc::Series;

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
