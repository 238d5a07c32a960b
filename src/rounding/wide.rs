//! The widened controlled rounding, for when the ordinary one has no solution: an ally
//! total may leave its real total rounded down or up, and a cell may move by more than
//! one unit, each at a cost that only a necessity pays. The hard limits are the ones the
//! verification checks: every year exact, every total within the ally's minimum rounded
//! down and its maximum rounded up (less what it already holds), every cell within its
//! pledge rounded down and its GDP cap rounded up.
//!
//! Why it is needed: when fixed past deliveries hold fractions of the unit, an ally at
//! its maximum can end only on multiples of the unit shifted by that fraction, so it
//! lands up to a unit below its real total. With several such allies, the others must
//! absorb more than one unit each, which no rounding "down or up" of their totals allows.
//!
//! Costs, from the heaviest: a total below its hard minimum (never, when possible); a
//! total outside its real total rounded down or up, per unit; a total crossing a minimum
//! or maximum that is not a multiple of the unit, per unit; then, per cell, the costs of
//! [`super::cell`], and per unit a cell moves beyond its two roundings the cost of one
//! unit of rounding error and of leaving the reference. Solved exactly as a min-cost
//! flow ([`super::mcf`]): the least such cost, deterministic in its ties.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::cell::{Cell, Choice, PREFER};
use super::mcf::Network;
use super::{HardBounds, RoundingError};
use crate::money::Money;

/// Per unit below an ally's hard minimum (filled first when it can be).
const BIG: i128 = 10i128.pow(36);
/// Per unit of an ally total outside its real total rounded down or up.
const OUTSIDE: i128 = 10i128.pow(33);
/// Per unit of an ally total across a minimum or maximum that is not a multiple.
const ACROSS: i128 = 10i128.pow(30);

/// The rounding problem in one place.
pub(super) struct Wide<'a> {
    pub cells: &'a [Vec<Money>],
    pub annual: &'a [Money],
    pub unit: Money,
    /// Pledges, caps and the preferred (strict) ally bounds.
    pub bounds: &'a HardBounds,
    /// The ally bounds the verification checks (only `total_min` and `total_max`).
    pub loose: &'a HardBounds,
    pub reference: Option<&'a [Vec<Money>]>,
    pub scale: Decimal,
}

/// The arcs of one cell and the lowest amount it may take.
struct CellArcs {
    base: Money,
    arcs: Vec<usize>,
}

impl Wide<'_> {
    fn units(&self, x: Money) -> i64 {
        (x.0 / self.unit.0).round().to_i64().unwrap_or(0)
    }

    /// The cost of one unit of movement beyond a cell's two roundings: more than any
    /// cost [`Cell::choice`] gives a single move.
    fn step(&self) -> i128 {
        let spread = (self.cells.len() * self.annual.len() + 1) as i128;
        let error = (self.unit.0 * self.scale)
            .round()
            .to_i128()
            .unwrap_or(PREFER);
        PREFER
            .saturating_add(error.saturating_mul(spread))
            .saturating_add(2 * spread)
    }

    /// Rounds every cell to a multiple of the unit within the hard limits, or says that
    /// no such rounding exists.
    pub(super) fn solve(&self) -> Result<Vec<Vec<Money>>, RoundingError> {
        let err = RoundingError { unit: self.unit };
        let (n, m) = (self.cells.len(), self.annual.len());
        let (s, t) = (0, 1 + m + n);
        let mut g = Network::new(t + 1);
        let mut need: Vec<i64> = self.annual.iter().map(|b| self.units(*b)).collect();
        let mut grid = Vec::with_capacity(n);
        let mut rows = Vec::with_capacity(n);
        for a in 0..n {
            let row: Vec<CellArcs> = (0..m).map(|y| self.cell(&mut g, a, y)).collect();
            for (y, c) in row.iter().enumerate() {
                need[y] -= self.units(c.base);
            }
            rows.push(self.row(&mut g, a, &row, t).ok_or_else(|| err.clone())?);
            grid.push(row);
        }
        if need.iter().any(|k| *k < 0) {
            return Err(err);
        }
        for (y, k) in need.iter().enumerate() {
            g.arc(s, 1 + y, *k, 0);
        }
        let want: i64 = need.iter().sum();
        if g.min_cost_flow(s, t, want) < want {
            return Err(err);
        }
        let mut out = Vec::with_capacity(n);
        for (row, (floor, arcs)) in grid.iter().zip(&rows) {
            let took: i64 = arcs.iter().map(|k| g.flow(*k)).sum();
            if took < *floor {
                return Err(err);
            }
            let amounts = row.iter().map(|c| {
                let moved: i64 = c.arcs.iter().map(|k| g.flow(*k)).sum();
                c.base + Money(self.unit.0 * Decimal::from(moved))
            });
            out.push(amounts.collect());
        }
        Ok(out)
    }

    /// The arcs year → ally of cell (a, y): back up to its lower rounding from below,
    /// its own choice between the two roundings, and beyond the upper one.
    fn cell(&self, g: &mut Network, a: usize, y: usize) -> CellArcs {
        let (n, m) = (self.cells.len(), self.annual.len());
        let spread = (n * m + 1) as i128;
        let unit = self.unit;
        let cell = Cell {
            real: self.cells[a][y],
            pledge: self.bounds.cell_min.get(a).map_or(Money::ZERO, |r| r[y]),
            cap: self.bounds.cell_max.get(a).and_then(|r| r[y]),
            preferred: self.reference.and_then(|r| r.get(a)?.get(y).copied()),
            rank: (a * m + y) as i128,
        };
        let down = cell.real.floor_to(unit);
        let (lo, hi, choice) = match cell.choice(unit, self.scale, spread) {
            Choice::Stays => (down, down, None),
            Choice::Up => (down + unit, down + unit, None),
            Choice::Free(cost) => (down, down + unit, Some(cost)),
        };
        // Beyond the two roundings the strict pledge and cap hold.
        let lowest = cell.pledge.ceil_to(unit).max(Money::ZERO);
        let highest = match cell.cap {
            Some(cap) => cap.floor_to(unit).min(self.annual[y]),
            None => self.annual[y],
        };
        let below = if lowest < lo {
            self.units(lo - lowest)
        } else {
            0
        };
        let above = if highest > hi {
            self.units(highest - hi)
        } else {
            0
        };
        let step = self.step() + cell.rank;
        let (from, to) = (1 + y, 1 + m + a);
        let mut arcs = Vec::new();
        if below > 0 {
            arcs.push(g.arc(from, to, below, -step));
        }
        if let Some(cost) = choice {
            arcs.push(g.arc(from, to, 1, cost));
        }
        if above > 0 {
            arcs.push(g.arc(from, to, above, step));
        }
        CellArcs {
            base: lo - Money(unit.0 * Decimal::from(below)),
            arcs,
        }
    }

    /// The arcs ally → sink of ally `a`: its units above the cells' lowest amounts, in
    /// segments of equal cost. Returns the hard minimum of those units and the arcs, or
    /// None when the hard limits leave no room.
    fn row(
        &self,
        g: &mut Network,
        a: usize,
        row: &[CellArcs],
        t: usize,
    ) -> Option<(i64, Vec<usize>)> {
        let m = self.annual.len();
        let base: i64 = row.iter().map(|c| self.units(c.base)).sum();
        let room = self.capacity(g, row);
        let at = |x: Option<Money>, up: bool| {
            x.map(|v| {
                let v = if up {
                    v.ceil_to(self.unit)
                } else {
                    v.floor_to(self.unit)
                };
                self.units(v) - base
            })
        };
        let real: Money = self.cells[a].iter().sum();
        let floor = at(self.loose.total_min.get(a).copied().flatten(), true).unwrap_or(0);
        let top =
            at(self.loose.total_max.get(a).copied().flatten(), false).map_or(room, |h| h.min(room));
        if floor > top || top < 0 {
            return None;
        }
        let marks = Marks {
            floor,
            down: at(Some(real), false).unwrap_or(0),
            up: at(Some(real), true).unwrap_or(0),
            min: at(self.bounds.total_min.get(a).copied().flatten(), true),
            max: at(self.bounds.total_max.get(a).copied().flatten(), false),
        };
        let mut points = vec![0, top];
        points.extend([marks.floor, marks.down, marks.up]);
        points.extend(marks.min.into_iter().chain(marks.max));
        points.retain(|p| (0..=top).contains(p));
        points.sort_unstable();
        points.dedup();
        let arcs = points
            .windows(2)
            .map(|w| g.arc(1 + m + a, t, w[1] - w[0], marks.cost(w[0])))
            .collect();
        Some((floor.max(0), arcs))
    }

    /// How many units the cells' arcs can carry in all.
    fn capacity(&self, g: &Network, row: &[CellArcs]) -> i64 {
        row.iter()
            .flat_map(|c| &c.arcs)
            .map(|k| g.capacity(*k))
            .sum()
    }
}

/// The points where the cost of one more unit of an ally total changes, in units above
/// its cells' lowest amounts.
struct Marks {
    floor: i64,
    down: i64,
    up: i64,
    min: Option<i64>,
    max: Option<i64>,
}

impl Marks {
    /// The cost of the unit from `f` to `f + 1`; it never falls as `f` grows.
    fn cost(&self, f: i64) -> i128 {
        let mut c = 0;
        if f < self.floor {
            c -= BIG;
        }
        if f < self.down {
            c -= OUTSIDE;
        }
        if f >= self.up {
            c += OUTSIDE;
        }
        if self.min.is_some_and(|v| f < v) {
            c -= ACROSS;
        }
        if self.max.is_some_and(|v| f >= v) {
            c += ACROSS;
        }
        c
    }
}
