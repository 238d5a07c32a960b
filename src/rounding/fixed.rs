//! Rounding with fixed cells (a re-plan's past years): fixed cells stay as they are, the
//! free cells are rounded against what is left of each year's budget and each ally's
//! bounds, and the fraction of the unit a year may have left goes to one free cell.

use rust_decimal::Decimal;

use super::{loosened, round_within, HardBounds, RoundingError};
use crate::money::Money;

/// Rounds a plan some of whose cells are fixed: fixed cells stay exactly as they are and
/// the other cells are rounded with [`round_plan`] against what is left of each year's
/// budget and each ally's bounds. When what is left of a year is not a multiple of the
/// unit (fixed amounts need not be), its fraction, less than one unit, goes to one free
/// cell of that year: the one it fits best (see [`candidates`]), or, when no rounding
/// exists with that choice, the next, so every year still sums exactly. `reference` is
/// passed on to [`round_near`].
pub fn round_partly_fixed(
    cells: &[Vec<Money>],
    fixed: &[Vec<Option<Money>>],
    annual: &[Money],
    unit: Money,
    bounds: &HardBounds,
    reference: Option<&[Vec<Money>]>,
) -> Result<Vec<Vec<Money>>, RoundingError> {
    let at = |a: usize, y: usize| fixed.get(a).and_then(|r| r.get(y).copied().flatten());
    let (free, rest) = free_part(cells, fixed, bounds);
    let mut budgets = Vec::with_capacity(annual.len());
    let mut fractions = Vec::new();
    for (y, budget) in annual.iter().enumerate() {
        let left = *budget - (0..cells.len()).filter_map(|a| at(a, y)).sum();
        let whole = left.floor_to(unit);
        budgets.push(whole);
        if left == whole {
            continue;
        }
        let open: Vec<usize> = (0..cells.len()).filter(|&a| at(a, y).is_none()).collect();
        let ranked = candidates(&open, &free, &rest, y, left - whole, unit);
        if ranked.is_empty() {
            return Err(RoundingError { unit });
        }
        fractions.push((y, left - whole, ranked));
    }
    // The best cell of every year first, then, one year at a time, the others.
    let mut tries = vec![vec![0; fractions.len()]];
    for (i, (_, _, ranked)) in fractions.iter().enumerate() {
        for c in 1..ranked.len() {
            let mut t = vec![0; fractions.len()];
            t[i] = c;
            tries.push(t);
        }
    }
    let mut last = RoundingError { unit };
    for choice in tries {
        let carried: Vec<(usize, usize, Money)> = fractions
            .iter()
            .zip(&choice)
            .map(|((y, fraction, ranked), c)| (ranked[*c], *y, *fraction))
            .collect();
        let parts = Parts {
            fixed,
            free: &free,
            rest: &rest,
            budgets: &budgets,
            unit,
            bounds,
        };
        match parts.round(&carried, reference) {
            Ok(out) => return Ok(out),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// A partly fixed plan split into its free part and what is left of the bounds.
struct Parts<'a> {
    fixed: &'a [Vec<Option<Money>>],
    free: &'a [Vec<Money>],
    rest: &'a HardBounds,
    budgets: &'a [Money],
    unit: Money,
    bounds: &'a HardBounds,
}

impl Parts<'_> {
    /// The rounding with each `(ally, year, fraction)` of `carried` carried by that cell.
    fn round(
        &self,
        carried: &[(usize, usize, Money)],
        reference: Option<&[Vec<Money>]>,
    ) -> Result<Vec<Vec<Money>>, RoundingError> {
        let mut free = self.free.to_vec();
        let mut rest = self.rest.clone();
        // What each ally holds outside the rounded cells: its fixed cells and fractions.
        let mut held: Vec<Money> = (0..free.len())
            .map(|a| {
                self.fixed
                    .get(a)
                    .map_or(Money::ZERO, |r| r.iter().flatten().sum())
            })
            .collect();
        for &(a, y, fraction) in carried {
            free[a][y] = non_negative(free[a][y] - fraction);
            held[a] += fraction;
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
        }
        let loose = loosened(self.bounds, self.unit, &held);
        let mut out = round_within(&free, self.budgets, self.unit, &rest, &loose, reference)?;
        for &(a, y, fraction) in carried {
            out[a][y] += fraction;
        }
        for (row, fixed) in out.iter_mut().zip(self.fixed) {
            for (cell, v) in row.iter_mut().zip(fixed) {
                if let Some(v) = v {
                    *cell = *v;
                }
            }
        }
        Ok(out)
    }
}

/// The free cells of year `y` that may carry `fraction`, best first: allies with room
/// below their maximum for it (far enough below it, or with a maximum left whose own
/// fraction holds this one, so that it can still reach its maximum) whose cell already
/// holds at least the fraction (so that no ally is asked for an amount out of nothing);
/// then allies with room; then cells holding the fraction; then any free cell. Within
/// each group, the cell whose real amount is nearest to a multiple of the unit plus
/// `fraction` comes first (carrying the fraction there adds the least rounding error);
/// ties go to the larger cell, then to the first ally.
fn candidates(
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
    let distance = |a: usize| {
        let v = free[a][y];
        let off = (v - v.floor_to(unit) - fraction).abs();
        off.min(unit - off)
    };
    let group = |a: usize| (!room(a), free[a][y] < fraction);
    let mut out = open.to_vec();
    out.sort_by(|&p, &q| {
        group(p)
            .cmp(&group(q))
            .then(distance(p).cmp(&distance(q)))
            .then(free[q][y].cmp(&free[p][y]))
            .then(p.cmp(&q))
    });
    out
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
