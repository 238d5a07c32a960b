//! Smoothing on the rounded plan. Controlled rounding moves each amount by less than one
//! unit, which can push a year-on-year change just past the smoothing bound. This pass
//! repairs such changes by exchanging roundings between allies (a cell rounded up for one
//! ally and down for another, in one year, and the reverse in a second year when the
//! totals require it), so that every year and every total stay as they were rounded.
//! Moves are tried in a fixed order (ally id, then year): the result is deterministic.

use rust_decimal::Decimal;

use super::HardBounds;
use crate::money::Money;

/// The rounding problem the repair works within.
#[derive(Debug)]
pub struct Repair<'a> {
    pub real: &'a [Vec<Money>],
    pub fixed: &'a [Vec<Option<Money>>],
    pub unit: Money,
    pub delta: Decimal,
    pub bounds: &'a HardBounds,
}

impl Repair<'_> {
    /// How far the ally's changes exceed the smoothing bound, summed over its years.
    fn excess(&self, row: &[Money]) -> Decimal {
        let total: Money = row.iter().sum();
        let bound = self.delta * total.0 / Decimal::from(row.len().max(1));
        row.windows(2)
            .map(|w| ((w[1] - w[0]).0.abs() - bound).max(Decimal::ZERO))
            .sum()
    }

    /// Whether cell (a, y) may hold `value`: one of its two roundings, not fixed, and not
    /// crossing a pledge or cap that the current amount keeps.
    fn cell_ok(&self, a: usize, y: usize, now: Money, value: Money) -> bool {
        let v = self.real[a][y];
        let in_range = value == v.floor_to(self.unit) || value == v.ceil_to(self.unit);
        let fixed = self
            .fixed
            .get(a)
            .and_then(|r| r.get(y))
            .copied()
            .flatten()
            .is_some();
        let pledge = self.bounds.cell_min.get(a).map_or(Money::ZERO, |r| r[y]);
        let cap = self.bounds.cell_max.get(a).and_then(|r| r[y]);
        let keeps_pledge = value >= pledge || now < pledge;
        let keeps_cap = cap.is_none_or(|c| value <= c || now > c);
        in_range && !fixed && keeps_pledge && keeps_cap
    }

    /// Whether the ally's rounded total may be `total`.
    fn total_ok(&self, a: usize, total: Money) -> bool {
        let real: Money = self.real[a].iter().sum();
        let rounded = total == real.floor_to(self.unit) || total == real.ceil_to(self.unit);
        let min_ok = self
            .bounds
            .total_min
            .get(a)
            .copied()
            .flatten()
            .is_none_or(|m| total >= m.floor_to(self.unit));
        let max_ok = self
            .bounds
            .total_max
            .get(a)
            .copied()
            .flatten()
            .is_none_or(|m| total <= m.ceil_to(self.unit));
        rounded && min_ok && max_ok
    }

    /// Repairs `cells` in place as far as exchanges allow. Every exchange lowers the
    /// total excess, so this ends; passes are capped all the same.
    pub fn run(&self, cells: &mut [Vec<Money>]) {
        for _ in 0..8 {
            let mut changed = false;
            for a in 0..cells.len() {
                while self.excess(&cells[a]) > Decimal::ZERO && self.improve(cells, a) {
                    changed = true;
                }
            }
            if !changed {
                return;
            }
        }
    }

    /// Tries the exchanges that involve ally `a`; applies the first that lowers the excess
    /// of the two allies involved. A second year is brought in only when the exchange in
    /// one year would move a total out of its range.
    fn improve(&self, cells: &mut [Vec<Money>], a: usize) -> bool {
        let m = cells[a].len();
        for (y, step) in self.narrowing_moves(&cells[a]) {
            {
                if !self.cell_ok(a, y, cells[a][y], cells[a][y] + step) {
                    continue;
                }
                for b in (0..cells.len()).filter(|&b| b != a) {
                    if !self.cell_ok(b, y, cells[b][y], cells[b][y] - step) {
                        continue;
                    }
                    let swap = [(a, y, step), (b, y, -step)];
                    if self.try_moves(cells, a, b, &swap) {
                        return true;
                    }
                    let totals_kept = self.total_ok(a, cells[a].iter().sum::<Money>() + step)
                        && self.total_ok(b, cells[b].iter().sum::<Money>() - step);
                    if totals_kept {
                        continue;
                    }
                    for y2 in (0..m).filter(|&y2| y2 != y) {
                        let cycle = [swap[0], swap[1], (a, y2, -step), (b, y2, step)];
                        if self.try_moves(cells, a, b, &cycle) {
                            return true;
                        }
                    }
                }
            }
        }
        false
    }

    /// The moves of one cell that narrow a change past the bound: the later year toward
    /// the earlier one, or the earlier toward the later.
    fn narrowing_moves(&self, row: &[Money]) -> Vec<(usize, Money)> {
        let total: Money = row.iter().sum();
        let bound = self.delta * total.0 / Decimal::from(row.len().max(1));
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

    fn try_moves(
        &self,
        cells: &mut [Vec<Money>],
        a: usize,
        b: usize,
        moves: &[(usize, usize, Money)],
    ) -> bool {
        let allowed = moves
            .iter()
            .all(|&(who, y, step)| self.cell_ok(who, y, cells[who][y], cells[who][y] + step));
        if !allowed {
            return false;
        }
        let before = self.excess(&cells[a]) + self.excess(&cells[b]);
        for &(who, y, step) in moves {
            cells[who][y] += step;
        }
        let totals_ok = [a, b]
            .iter()
            .all(|&who| self.total_ok(who, cells[who].iter().sum()));
        if totals_ok && self.excess(&cells[a]) + self.excess(&cells[b]) < before {
            return true;
        }
        for &(who, y, step) in moves {
            cells[who][y] -= step;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn m(s: &str) -> Money {
        Money(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn an_exchange_restores_smoothing() {
        // A: real 10.4, 10.6 (bound 0.1 × 21 / 2 = 1.05): rounded 10, 11 is fine; 10, 12
        // would not be. B takes the other side.
        let real = vec![vec![m("10.4"), m("11.6")], vec![m("9.6"), m("8.4")]];
        let mut cells = vec![vec![m("10"), m("12")], vec![m("10"), m("8")]];
        let bounds = HardBounds::default();
        let fixed = vec![vec![None, None], vec![None, None]];
        let repair = Repair {
            real: &real,
            fixed: &fixed,
            unit: m("1"),
            delta: m("0.1").0,
            bounds: &bounds,
        };
        assert!(repair.excess(&cells[0]) > Decimal::ZERO);
        repair.run(&mut cells);
        assert_eq!(repair.excess(&cells[0]), Decimal::ZERO);
        assert_eq!(cells[0][0] + cells[1][0], m("20"));
        assert_eq!(cells[0][1] + cells[1][1], m("20"));
    }
}
