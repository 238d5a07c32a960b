//! One cell of controlled rounding: whether it may move, and the cost of rounding it up
//! rather than down, which carries every preference of phase 3 in one integer.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::money::Money;

/// Per cell, dominates every sum of rounding errors but not an ally's minimum
/// ([`crate::flow::FLOOR`]).
pub(super) const PREFER: i128 = 10i128.pow(20);

/// Per cell, the cost of crossing a pledge or cap that is not a multiple of the unit
/// (allowed within one unit when nothing else works): dominates every sum of `PREFER`.
const CROSS: i128 = 10i128.pow(25);

/// What one cell of the plan can do.
#[derive(Debug)]
pub(super) enum Choice {
    /// It keeps its amount: a multiple of the unit, or rounding up would cross a cap.
    Stays,
    /// It must round up: rounding down would cross a pledge by a whole unit.
    Up,
    /// Either, with this cost of rounding up rather than down.
    Free(i128),
}

/// One cell with what bears on its rounding.
#[derive(Debug)]
pub(super) struct Cell {
    pub real: Money,
    pub pledge: Money,
    pub cap: Option<Money>,
    pub preferred: Option<Money>,
    pub rank: i128,
}

impl Cell {
    /// The cost of rounding up is, in order of weight: crossing a pledge or cap that is
    /// not a multiple of the unit, leaving the reference amount, the change in absolute
    /// rounding error (scaled to an integer, times `spread`), and the rank of the cell
    /// (ally id, then year: earlier cells round up first).
    pub(super) fn choice(&self, unit: Money, scale: Decimal, spread: i128) -> Choice {
        let v = self.real;
        let down = v.floor_to(unit);
        if v == down {
            return Choice::Stays;
        }
        let up = down + unit;
        let down_ok = down >= self.pledge.floor_to(unit);
        let up_ok = self.cap.is_none_or(|cap| up <= cap.ceil_to(unit));
        if !up_ok {
            return Choice::Stays;
        }
        if !down_ok {
            return Choice::Up;
        }
        let crossing = match (down < self.pledge, self.cap.is_some_and(|cap| up > cap)) {
            (true, false) => -CROSS,
            (false, true) => CROSS,
            _ => 0,
        };
        let frac = v - down;
        let primary = ((unit - frac - frac).0 * scale)
            .round()
            .to_i128()
            .unwrap_or(0);
        let bias = match self.preferred {
            Some(r) if r == up => -PREFER,
            Some(r) if r == down => PREFER,
            _ => 0,
        };
        Choice::Free(primary * spread + self.rank + bias + crossing)
    }
}
