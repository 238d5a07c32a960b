//! Phase 3, controlled rounding: every cell goes down or up to a multiple of the unit,
//! every year keeps its exact budget, every ally total is its real total rounded down or
//! up, and the total absolute rounding error is least. Solved as a min-cost flow
//! (years → allies, see [`crate::flow`]), which always has an integral optimum.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::flow::{self, Row, Table};

mod cell;
mod fixed;
mod mcf;
#[cfg(test)]
mod reference;
mod smooth;
mod wide;
use crate::money::Money;
use cell::{Cell, Choice};
pub use fixed::round_partly_fixed;
pub use smooth::Repair;

/// Bounds that the rounded plan must keep: pledges and caps per cell, min and max per ally.
#[derive(Clone, Debug, Default)]
pub struct HardBounds {
    pub cell_min: Vec<Vec<Money>>,
    pub cell_max: Vec<Vec<Option<Money>>>,
    pub total_min: Vec<Option<Money>>,
    pub total_max: Vec<Option<Money>>,
}

#[derive(Clone, Debug, thiserror::Error, PartialEq)]
#[error("no rounding to multiples of {unit} keeps every year's budget and every bound")]
pub struct RoundingError {
    pub unit: Money,
}

/// Rounds `cells[a][y]` (allies in id order) to multiples of `unit`.
pub fn round_plan(
    cells: &[Vec<Money>],
    annual: &[Money],
    unit: Money,
    bounds: &HardBounds,
) -> Result<Vec<Vec<Money>>, RoundingError> {
    round_near(cells, annual, unit, bounds, None)
}

/// [`round_plan`], preferring first, where `reference` is given, the reference amount of
/// each cell whenever it is one of the cell's two roundings (a re-plan keeps what it
/// can of the previous plan), then the least rounding error.
pub fn round_near(
    cells: &[Vec<Money>],
    annual: &[Money],
    unit: Money,
    bounds: &HardBounds,
    reference: Option<&[Vec<Money>]>,
) -> Result<Vec<Vec<Money>>, RoundingError> {
    let loose = loosened(bounds, unit, &vec![Money::ZERO; cells.len()]);
    round_within(cells, annual, unit, bounds, &loose, reference)
}

/// The ordinary controlled rounding within the strict `bounds`; when it has none, the
/// widened one ([`wide`]) within the `loose` ally bounds, which the verification checks.
fn round_within(
    cells: &[Vec<Money>],
    annual: &[Money],
    unit: Money,
    bounds: &HardBounds,
    loose: &HardBounds,
    reference: Option<&[Vec<Money>]>,
) -> Result<Vec<Vec<Money>>, RoundingError> {
    // The ordinary rounding may cross a bound left that is not a multiple of the unit by
    // less than one (the general rule); where what an ally already holds has a fraction,
    // that can cross the bound the verification checks, and the widened rounding, which
    // keeps those limits, decides.
    let ordinary = round_bounded(cells, annual, unit, bounds, reference)
        .ok()
        .filter(|out| within(out, loose));
    ordinary.map(Ok).unwrap_or_else(|| {
        wide::Wide {
            cells,
            annual,
            unit,
            bounds,
            loose,
            reference,
            scale: cost_scale(cells, unit),
        }
        .solve()
    })
}

/// Whether every ally's rounded cells add up to a total within `loose`.
fn within(out: &[Vec<Money>], loose: &HardBounds) -> bool {
    out.iter().enumerate().all(|(a, row)| {
        let total: Money = row.iter().sum();
        let least = loose.total_min.get(a).copied().flatten();
        let most = loose.total_max.get(a).copied().flatten();
        least.is_none_or(|m| total >= m) && most.is_none_or(|m| total <= m)
    })
}

/// The ally bounds the verification checks (the minimum rounded down and the maximum
/// rounded up to the unit), less what each ally already holds outside the cells.
fn loosened(bounds: &HardBounds, unit: Money, held: &[Money]) -> HardBounds {
    let less = |b: &Option<Money>, h: &Money, up: bool| {
        b.map(|v| if up { v.ceil_to(unit) } else { v.floor_to(unit) } - *h)
    };
    HardBounds {
        cell_min: Vec::new(),
        cell_max: Vec::new(),
        total_min: bounds
            .total_min
            .iter()
            .zip(held)
            .map(|(b, h)| less(b, h, false))
            .collect(),
        total_max: bounds
            .total_max
            .iter()
            .zip(held)
            .map(|(b, h)| less(b, h, true))
            .collect(),
    }
}

fn round_bounded(
    cells: &[Vec<Money>],
    annual: &[Money],
    unit: Money,
    bounds: &HardBounds,
    reference: Option<&[Vec<Money>]>,
) -> Result<Vec<Vec<Money>>, RoundingError> {
    let (mut out, table) = problem(cells, annual, unit, bounds, reference)?;
    let ups = flow::solve(&table).ok_or(RoundingError { unit })?;
    apply(&mut out, &ups, unit);
    Ok(out)
}

/// Adds one unit to every cell chosen to round up.
fn apply(out: &mut [Vec<Money>], ups: &[Vec<bool>], unit: Money) {
    for (row, up) in out.iter_mut().zip(ups) {
        for (cell, up) in row.iter_mut().zip(up) {
            if *up {
                *cell += unit;
            }
        }
    }
}

/// The cells rounded down (forced ones up) and the choice left: which of the other
/// cells round up, as a [`Table`] of costs, year needs and per-ally ranges.
fn problem(
    cells: &[Vec<Money>],
    annual: &[Money],
    unit: Money,
    bounds: &HardBounds,
    reference: Option<&[Vec<Money>]>,
) -> Result<(Vec<Vec<Money>>, Table), RoundingError> {
    let n = cells.len();
    let m = annual.len();
    let mut out: Vec<Vec<Money>> = cells
        .iter()
        .map(|row| row.iter().map(|v| v.floor_to(unit)).collect())
        .collect();
    // Up-moves still needed per year, and the allowed number of up-moves per ally.
    let units = |x: Money| -> i64 { (x.0 / unit.0).round().to_i64().unwrap_or(0) };
    let mut need: Vec<i64> = (0..m)
        .map(|y| units(annual[y]) - (0..n).map(|a| units(out[a][y])).sum::<i64>())
        .collect();
    let scale = cost_scale(cells, unit);
    let mut rows = Vec::with_capacity(n);
    for a in 0..n {
        let real: Money = cells[a].iter().sum();
        let mut lo = units(real.floor_to(unit));
        let mut hi = units(real.ceil_to(unit));
        if let Some(min) = bounds.total_min.get(a).copied().flatten() {
            lo = lo.max(units(min.ceil_to(unit)).min(hi));
        }
        if let Some(max) = bounds.total_max.get(a).copied().flatten() {
            hi = hi.min(units(max.floor_to(unit)).max(lo));
        }
        let base: i64 = out[a].iter().map(|v| units(*v)).sum();
        let mut forced = 0;
        let mut costs = vec![None; m];
        for y in 0..m {
            let cell = Cell {
                real: cells[a][y],
                pledge: bounds.cell_min.get(a).map_or(Money::ZERO, |r| r[y]),
                cap: bounds.cell_max.get(a).and_then(|r| r[y]),
                preferred: reference
                    .and_then(|r| r.get(a))
                    .and_then(|r| r.get(y))
                    .copied(),
                rank: (a * m + y) as i128,
            };
            match cell.choice(unit, scale, (n * m + 1) as i128) {
                Choice::Stays => {}
                Choice::Up => {
                    out[a][y] += unit;
                    need[y] -= 1;
                    forced += 1;
                }
                Choice::Free(cost) => costs[y] = Some(cost),
            }
        }
        let (lo, hi) = (lo - base - forced, hi - base - forced);
        if hi < 0 || lo > hi {
            return Err(RoundingError { unit });
        }
        rows.push(Row {
            costs,
            lo: lo.max(0),
            hi,
        });
    }
    if need.iter().any(|k| *k < 0) {
        return Err(RoundingError { unit });
    }
    Ok((out, Table { need, rows }))
}

/// A power of ten that makes every fractional part an integer.
fn cost_scale(cells: &[Vec<Money>], unit: Money) -> Decimal {
    let digits = cells
        .iter()
        .flatten()
        .map(|v| v.0.scale())
        .chain([unit.0.scale()])
        .max()
        .unwrap_or(0);
    Decimal::from_i128_with_scale(10i128.pow(digits.min(12)), 0)
}

#[cfg(test)]
mod tests;
