//! Phase 3, controlled rounding: every cell goes down or up to a multiple of the unit,
//! every year keeps its exact budget, every ally total is its real total rounded down or
//! up, and the total absolute rounding error is least. Solved as a min-cost flow
//! (years → allies, see [`crate::flow`]), which always has an integral optimum.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::flow::{self, Row, Table};

mod cell;
#[cfg(test)]
mod reference;
mod smooth;
use crate::money::Money;
use cell::{Cell, Choice};
pub use smooth::Repair;

/// Bounds that the rounded plan must keep: pledges and caps per cell, min and max per ally.
#[derive(Clone, Debug, Default)]
pub struct HardBounds {
    pub cell_min: Vec<Vec<Money>>,
    pub cell_max: Vec<Vec<Option<Money>>>,
    pub total_min: Vec<Option<Money>>,
    pub total_max: Vec<Option<Money>>,
}

#[derive(Debug, thiserror::Error, PartialEq)]
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
    // Without bounds a controlled rounding always exists; verification then judges it.
    round_bounded(cells, annual, unit, bounds, reference)
        .or_else(|_| round_bounded(cells, annual, unit, &HardBounds::default(), reference))
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

/// Rounds a plan some of whose cells are fixed: fixed cells stay exactly as they are and
/// the other cells are rounded with [`round_plan`] against what is left of each year's
/// budget and each ally's bounds. When what is left of a year is not a multiple of the
/// unit (fixed amounts need not be), its fraction, less than one unit, goes to the free
/// cell of that year it fits best (the one nearest to a multiple of the unit plus the
/// fraction), so every year still sums exactly. `reference` is passed on to
/// [`round_near`].
pub fn round_partly_fixed(
    cells: &[Vec<Money>],
    fixed: &[Vec<Option<Money>>],
    annual: &[Money],
    unit: Money,
    bounds: &HardBounds,
    reference: Option<&[Vec<Money>]>,
) -> Result<Vec<Vec<Money>>, RoundingError> {
    let at = |a: usize, y: usize| fixed.get(a).and_then(|r| r.get(y).copied().flatten());
    let (mut free, mut rest) = free_part(cells, fixed, bounds);
    let mut budgets = Vec::with_capacity(annual.len());
    let mut fractions = Vec::new();
    for (y, budget) in annual.iter().enumerate() {
        let left = *budget - (0..cells.len()).filter_map(|a| at(a, y)).sum();
        let whole = left.floor_to(unit);
        let fraction = left - whole;
        budgets.push(whole);
        if fraction.is_zero() {
            continue;
        }
        let open: Vec<usize> = (0..cells.len()).filter(|&a| at(a, y).is_none()).collect();
        let pool = fraction_pool(&open, &free, &rest, y, fraction, unit);
        let Some(a) = fits_best(pool.into_iter(), |a| free[a][y], fraction, unit) else {
            return Err(RoundingError { unit });
        };
        free[a][y] = non_negative(free[a][y] - fraction);
        // What the ally may still pay on top of the fraction.
        if let Some(Some(max)) = rest.total_max.get_mut(a) {
            *max = non_negative(*max - fraction);
        }
        if let Some(Some(min)) = rest.total_min.get_mut(a) {
            *min = non_negative(*min - fraction);
        }
        if let Some(min) = rest.cell_min.get_mut(a).and_then(|r| r.get_mut(y)) {
            *min = non_negative(*min - fraction);
        }
        if let Some(Some(max)) = rest.cell_max.get_mut(a).and_then(|r| r.get_mut(y)) {
            *max -= fraction;
        }
        fractions.push((a, y, fraction));
    }
    let mut out = round_near(&free, &budgets, unit, &rest, reference)?;
    for (a, y, fraction) in fractions {
        out[a][y] += fraction;
    }
    for (a, row) in out.iter_mut().enumerate() {
        for (y, cell) in row.iter_mut().enumerate() {
            if let Some(v) = at(a, y) {
                *cell = v;
            }
        }
    }
    Ok(out)
}

/// The free cells of year `y` that may carry `fraction`, best first: allies with room
/// below their maximum for it (far enough below it, or with a maximum left whose own
/// fraction holds this one, so that it can still reach its maximum) whose cell already
/// holds at least the fraction (so that no ally is asked for an amount out of nothing);
/// then allies with room; then cells holding the fraction; then any free cell.
fn fraction_pool(
    open: &[usize],
    free: &[Vec<Money>],
    rest: &HardBounds,
    y: usize,
    fraction: Money,
    unit: Money,
) -> Vec<usize> {
    let room = |a: usize| {
        let max = rest.total_max.get(a).copied().flatten();
        max.is_none_or(|max| {
            max - max.floor_to(unit) >= fraction
                || free[a].iter().sum::<Money>().ceil_to(unit) + fraction <= max
        })
    };
    [(true, true), (true, false), (false, true), (false, false)]
        .into_iter()
        .map(|(need_room, need_holding)| {
            let keep =
                |a: &usize| (room(*a) || !need_room) && (free[*a][y] >= fraction || !need_holding);
            open.iter().copied().filter(keep).collect::<Vec<_>>()
        })
        .find(|pool| !pool.is_empty())
        .unwrap_or_default()
}

/// The cell whose real amount is nearest to a multiple of the unit plus `fraction`, so
/// that carrying the fraction adds the least rounding error; ties go to the larger cell,
/// then to the first ally.
fn fits_best(
    cells: impl Iterator<Item = usize>,
    value: impl Fn(usize) -> Money,
    fraction: Money,
    unit: Money,
) -> Option<usize> {
    let distance = |a: usize| {
        let v = value(a);
        let off = (v - v.floor_to(unit) - fraction).abs();
        off.min(unit - off)
    };
    cells.min_by(|&p, &q| {
        distance(p)
            .cmp(&distance(q))
            .then(value(q).cmp(&value(p)))
            .then(p.cmp(&q))
    })
}

fn non_negative(m: Money) -> Money {
    Money(m.0.max(Decimal::ZERO))
}

/// The free cells (fixed ones at zero) and the bounds left for them.
fn free_part(
    cells: &[Vec<Money>],
    fixed: &[Vec<Option<Money>>],
    bounds: &HardBounds,
) -> (Vec<Vec<Money>>, HardBounds) {
    let mut free = cells.to_vec();
    let mut rest = bounds.clone();
    for (a, row) in fixed.iter().enumerate() {
        let held: Money = row.iter().flatten().sum();
        if let Some(min) = rest.total_min.get_mut(a) {
            *min = min.map(|b| non_negative(b - held)).filter(|b| !b.is_zero());
        }
        if let Some(max) = rest.total_max.get_mut(a) {
            *max = max.map(|b| non_negative(b - held));
        }
        for (y, v) in row.iter().enumerate() {
            if v.is_none() {
                continue;
            }
            free[a][y] = Money::ZERO;
            if let Some(min) = rest.cell_min.get_mut(a).and_then(|r| r.get_mut(y)) {
                *min = Money::ZERO;
            }
            if let Some(max) = rest.cell_max.get_mut(a).and_then(|r| r.get_mut(y)) {
                *max = None;
            }
        }
    }
    (free, rest)
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
