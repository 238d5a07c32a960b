//! Smoothing on the rounded plan. Controlled rounding moves each amount by less than one
//! unit, which can push a year-on-year change just past the smoothing bound. This pass
//! repairs such changes by exchanging roundings between allies (a cell rounded up for one
//! ally and down for another, in one year, and the reverse in a second year when the
//! totals require it), so that every year and every total stay as they were rounded.
//! Moves are tried in a fixed order (ally id, then year): the result is deterministic.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::HardBounds;
use crate::money::Money;

#[cfg(test)]
mod reference;

/// The rounding problem the repair works within, with what every check needs of it
/// computed once: each cell's and each total's two roundings, and the totals' bounds on
/// the unit grid.
#[derive(Debug)]
pub struct Repair<'a> {
    unit: Money,
    delta: Decimal,
    bounds: &'a HardBounds,
    /// Whether each cell is fixed (a past year when re-planning).
    fixed: Vec<Vec<bool>>,
    /// Each cell's real amount rounded down and up to the unit.
    cell_floor: Vec<Vec<Money>>,
    cell_ceil: Vec<Vec<Money>>,
    /// Each ally's real total rounded down and up.
    total_floor: Vec<Money>,
    total_ceil: Vec<Money>,
    /// Each ally's minimum rounded down and maximum rounded up.
    least: Vec<Option<Money>>,
    most: Vec<Option<Money>>,
}

impl<'a> Repair<'a> {
    pub fn new(
        real: &'a [Vec<Money>],
        fixed: &'a [Vec<Option<Money>>],
        unit: Money,
        delta: Decimal,
        bounds: &'a HardBounds,
    ) -> Self {
        let on_grid = |f: fn(Money, Money) -> Money| -> Vec<Vec<Money>> {
            real.iter()
                .map(|row| row.iter().map(|v| f(*v, unit)).collect())
                .collect()
        };
        let totals: Vec<Money> = real.iter().map(|row| row.iter().sum()).collect();
        let bound = |b: &[Option<Money>], f: fn(Money, Money) -> Money| -> Vec<Option<Money>> {
            (0..real.len())
                .map(|a| b.get(a).copied().flatten().map(|m| f(m, unit)))
                .collect()
        };
        Repair {
            unit,
            delta,
            bounds,
            fixed: real
                .iter()
                .enumerate()
                .map(|(a, row)| {
                    let given = fixed.get(a);
                    (0..row.len())
                        .map(|y| given.and_then(|r| r.get(y)).is_some_and(Option::is_some))
                        .collect()
                })
                .collect(),
            cell_floor: on_grid(Money::floor_to),
            cell_ceil: on_grid(Money::ceil_to),
            total_floor: totals.iter().map(|t| t.floor_to(unit)).collect(),
            total_ceil: totals.iter().map(|t| t.ceil_to(unit)).collect(),
            least: bound(&bounds.total_min, Money::floor_to),
            most: bound(&bounds.total_max, Money::ceil_to),
        }
    }

    /// How far the ally's changes exceed the smoothing bound, summed over its years.
    fn excess(&self, row: &[Money]) -> Decimal {
        let bound = self.bound(row);
        row.windows(2).map(|w| over(w[0], w[1], bound)).sum()
    }

    /// The smoothing bound of a row: δ times its total over its years.
    fn bound(&self, row: &[Money]) -> Decimal {
        let total: Money = row.iter().sum();
        self.delta * total.0 / Decimal::from(row.len().max(1))
    }

    /// Whether cell (a, y) may hold `value`: one of its two roundings, not fixed, and not
    /// crossing a pledge or cap that the current amount keeps.
    fn cell_ok(&self, a: usize, y: usize, now: Money, value: Money) -> bool {
        let in_range = value == self.cell_floor[a][y] || value == self.cell_ceil[a][y];
        if !in_range || self.fixed[a][y] {
            return false;
        }
        let pledge = self.bounds.cell_min.get(a).map_or(Money::ZERO, |r| r[y]);
        let cap = self.bounds.cell_max.get(a).and_then(|r| r[y]);
        let keeps_pledge = value >= pledge || now < pledge;
        let keeps_cap = cap.is_none_or(|c| value <= c || now > c);
        keeps_pledge && keeps_cap
    }

    /// Whether the ally's rounded total may be `total`.
    fn total_ok(&self, a: usize, total: Money) -> bool {
        let rounded = total == self.total_floor[a] || total == self.total_ceil[a];
        let min_ok = self.least[a].is_none_or(|m| total >= m);
        let max_ok = self.most[a].is_none_or(|m| total <= m);
        rounded && min_ok && max_ok
    }

    /// Repairs `cells` in place as far as exchanges allow. Every exchange lowers the
    /// total excess, so this ends; passes are capped all the same. An ally whose
    /// exchanges all failed is tried again only after some exchange changed the plan.
    pub fn run(&self, cells: &mut [Vec<Money>]) {
        let mut index = Index::new(self, cells);
        let mut exchanges = 0usize;
        let mut stuck_at = vec![usize::MAX; cells.len()];
        for _ in 0..8 {
            let mut changed = false;
            for a in 0..cells.len() {
                if stuck_at[a] == exchanges {
                    continue;
                }
                while self.excess(&cells[a]) > Decimal::ZERO {
                    let Some(b) = self.improve(cells, &index, a) else {
                        stuck_at[a] = exchanges;
                        break;
                    };
                    index.refresh(self, cells, a);
                    index.refresh(self, cells, b);
                    exchanges += 1;
                    changed = true;
                }
            }
            if !changed {
                return;
            }
        }
    }

    /// Tries the exchanges that involve ally `a` and applies the first, by partner id,
    /// that lowers the excess of the two allies involved; returns the partner. A second
    /// year is brought in only when the exchange in one year would move a total out of
    /// its range. Partners come from the index: only allies whose cell can move the
    /// other way, and only allies with an excess of their own when the exchange does
    /// not lower `a`'s (a partner without excess cannot lower the sum then).
    fn improve(&self, cells: &mut [Vec<Money>], index: &Index, a: usize) -> Option<usize> {
        let m = cells[a].len();
        for (y, step) in self.narrowing_moves(&cells[a]) {
            if !self.cell_ok(a, y, cells[a][y], cells[a][y] + step) {
                continue;
            }
            let row_a = index.rows[a];
            let sum_a = row_a.0;
            let single_ok = self.total_ok(a, sum_a + step);
            // How each exchange changes a's own excess: the same whoever the partner.
            let single = self.change(&cells[a], row_a.1, &[(y, step)]);
            let single_helps = single_ok && single < Decimal::ZERO;
            let cycles: Vec<(usize, Decimal)> = (0..m)
                .filter(|&y2| y2 != y && self.cell_ok(a, y2, cells[a][y2], cells[a][y2] - step))
                .map(|y2| {
                    (
                        y2,
                        self.change(&cells[a], row_a.1, &[(y, step), (y2, -step)]),
                    )
                })
                .collect();
            let any = single_helps || cycles.iter().any(|c| c.1 < Decimal::ZERO);
            let partners = index.partners(y, -step, any);
            for b in partners.filter(|&b| b != a) {
                let b_excess = index.excessive.contains(&b);
                let swap = [(a, y, step), (b, y, -step)];
                if single_ok
                    && (single_helps || b_excess)
                    && self.try_moves(cells, [row_a, index.rows[b]], &swap, single)
                {
                    return Some(b);
                }
                if single_ok && self.total_ok(b, index.rows[b].0 - step) {
                    continue;
                }
                for &(y2, change) in &cycles {
                    let helps = change < Decimal::ZERO;
                    if !(helps || b_excess) || !index.can_move(b, y2, step) {
                        continue;
                    }
                    let cycle = [swap[0], swap[1], (a, y2, -step), (b, y2, step)];
                    if self.try_moves(cells, [row_a, index.rows[b]], &cycle, change) {
                        return Some(b);
                    }
                }
            }
        }
        None
    }

    /// How moving cells of `row` (whose smoothing bound is `bound`) by `(year, step)`
    /// changes the row's own excess.
    /// Moves that keep the row's total keep its bound, so only the changes next to a
    /// moved year are compared (exact: every other term is the same on both sides).
    fn change(&self, row: &[Money], bound: Decimal, moves: &[(usize, Money)]) -> Decimal {
        let shift: Money = moves.iter().map(|m| m.1).sum();
        if !shift.is_zero() {
            let mut after = row.to_vec();
            for &(y, step) in moves {
                after[y] += step;
            }
            return self.excess(&after) - self.excess(row);
        }
        let moved = |y: usize| -> Money {
            row[y]
                + moves
                    .iter()
                    .filter(|m| m.0 == y)
                    .map(|m| m.1)
                    .sum::<Money>()
        };
        // The changes (w, w + 1) that touch a moved year.
        (0..row.len().saturating_sub(1))
            .filter(|&w| moves.iter().any(|m| m.0 == w || m.0 == w + 1))
            .map(|w| over(moved(w), moved(w + 1), bound) - over(row[w], row[w + 1], bound))
            .sum()
    }

    /// The moves of one cell that narrow a change past the bound: the later year toward
    /// the earlier one, or the earlier toward the later.
    fn narrowing_moves(&self, row: &[Money]) -> Vec<(usize, Money)> {
        let bound = self.bound(row);
        let mut moves = Vec::new();
        for y in 1..row.len() {
            let change = (row[y] - row[y - 1]).0;
            if change > bound {
                moves.extend([(y, -self.unit), (y - 1, self.unit)]);
            } else if -change > bound {
                moves.extend([(y, self.unit), (y - 1, -self.unit)]);
            }
        }
        moves
    }

    /// Applies `moves` — of ally `moves[0].0` and of ally `moves[1].0`, whose totals are
    /// now `rows` (each with its smoothing bound) — when every cell keeps its range, both totals theirs, and the two
    /// allies' excess falls (`a_change`, the first ally's part, is computed once for
    /// every partner).
    fn try_moves(
        &self,
        cells: &mut [Vec<Money>],
        rows: [(Money, Decimal); 2],
        moves: &[(usize, usize, Money)],
        a_change: Decimal,
    ) -> bool {
        // The totals after the moves are checked first: most candidate exchanges fail
        // there, and the cells and the excess cost more to check.
        let (a, b) = (moves[0].0, moves[1].0);
        let totals_ok = [a, b].iter().zip(rows).all(|(&who, (sum, _))| {
            let shift: Money = moves.iter().filter(|m| m.0 == who).map(|m| m.2).sum();
            self.total_ok(who, sum + shift)
        });
        let allowed = || {
            moves
                .iter()
                .all(|&(who, y, step)| self.cell_ok(who, y, cells[who][y], cells[who][y] + step))
        };
        if !totals_ok || !allowed() {
            return false;
        }
        // The two allies' excess falls when a's change and b's add up to less than zero.
        let b_moves: Vec<(usize, Money)> = moves
            .iter()
            .filter(|m| m.0 == b)
            .map(|m| (m.1, m.2))
            .collect();
        if a_change + self.change(&cells[b], rows[1].1, &b_moves) >= Decimal::ZERO {
            return false;
        }
        for &(who, y, step) in moves {
            cells[who][y] += step;
        }
        true
    }
}

/// How far the change from `from` to `to` exceeds `bound` (zero within it).
fn over(from: Money, to: Money, bound: Decimal) -> Decimal {
    ((to - from).0.abs() - bound).max(Decimal::ZERO)
}

/// Which cells can move which way, and which allies exceed the bound: partners are
/// looked up here instead of scanning every ally.
#[derive(Debug)]
struct Index {
    /// `movable[y][0]`: allies whose cell in year y may go up one unit; `[1]`: down.
    movable: Vec<[BTreeSet<usize>; 2]>,
    excessive: BTreeSet<usize>,
    /// Each ally's total as the cells now stand, and its smoothing bound.
    rows: Vec<(Money, Decimal)>,
}

impl Index {
    fn new(repair: &Repair, cells: &[Vec<Money>]) -> Index {
        let m = cells.first().map_or(0, Vec::len);
        let mut index = Index {
            movable: vec![[BTreeSet::new(), BTreeSet::new()]; m],
            excessive: BTreeSet::new(),
            rows: vec![(Money::ZERO, Decimal::ZERO); cells.len()],
        };
        for a in 0..cells.len() {
            index.refresh(repair, cells, a);
        }
        index
    }

    /// Brings ally `a`'s entries up to date with its cells.
    fn refresh(&mut self, repair: &Repair, cells: &[Vec<Money>], a: usize) {
        self.rows[a] = (cells[a].iter().sum(), repair.bound(&cells[a]));
        let unit = repair.unit;
        for (y, sets) in self.movable.iter_mut().enumerate() {
            let now = cells[a][y];
            for (set, value) in sets.iter_mut().zip([now + unit, now - unit]) {
                if repair.cell_ok(a, y, now, value) {
                    set.insert(a);
                } else {
                    set.remove(&a);
                }
            }
        }
        if repair.excess(&cells[a]) > Decimal::ZERO {
            self.excessive.insert(a);
        } else {
            self.excessive.remove(&a);
        }
    }

    fn direction(step: Money) -> usize {
        usize::from(step.0.is_sign_negative())
    }

    fn can_move(&self, b: usize, y: usize, step: Money) -> bool {
        self.movable[y][Self::direction(step)].contains(&b)
    }

    /// The allies, by id, whose cell in year `y` can move by `step`; only those with an
    /// excess unless `any` is set.
    fn partners(&self, y: usize, step: Money, any: bool) -> Box<dyn Iterator<Item = usize> + '_> {
        let set = &self.movable[y][Self::direction(step)];
        if any {
            Box::new(set.iter().copied())
        } else {
            Box::new(self.excessive.iter().copied().filter(|b| set.contains(b)))
        }
    }
}

#[cfg(test)]
mod tests;
