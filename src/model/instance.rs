//! A scenario as numbers for the optimiser: allies sorted by id (so that the file order
//! never changes a result), key shares, fair efforts, credits and every bound in f64.

use rust_decimal::prelude::ToPrimitive;

use crate::budget::annual_budgets;
use crate::key::{key_shares, KeyError};
use crate::money::Money;
use crate::scenario::Scenario;

/// Solver view of a scenario. Index `a` runs over allies sorted by id; `order[a]` is the
/// ally's index in the scenario.
#[derive(Clone, Debug)]
pub struct Instance {
    pub n: usize,
    pub m: usize,
    pub order: Vec<usize>,
    /// Annual budgets A_y, exact.
    pub annual: Vec<Money>,
    pub annual_f: Vec<f64>,
    pub total: f64,
    /// Key shares s[a][y].
    pub shares: Vec<Vec<f64>>,
    /// Credited bilateral aid c[a][y].
    pub credited: Vec<Vec<f64>>,
    /// Fair effort F_a.
    pub fair: Vec<f64>,
    /// Credited aid over the horizon C_a.
    pub credit_total: Vec<f64>,
    /// Bounds on the ally's total contribution.
    pub lo: Vec<f64>,
    pub hi: Vec<f64>,
    /// Bounds on single cells: pledges below, GDP caps above.
    pub cell_lo: Vec<Vec<f64>>,
    pub cell_hi: Vec<Vec<f64>>,
    pub smoothing: Option<f64>,
    /// Cells fixed to exact amounts (past years as delivered, when re-planning): the
    /// solver, the rounding and the verification keep them as they are. None everywhere
    /// for a fresh scenario; set with [`Instance::fix`].
    pub fixed: Vec<Vec<Option<Money>>>,
    /// A previous plan the schedule should stay close to (when re-planning): the target
    /// of an ally's free cells is this plan plus the change in its free amount, spread
    /// over its free years in proportion to their budgets. None: the proportional
    /// schedule.
    pub reference: Option<Vec<Vec<Money>>>,
}

fn f(m: Money) -> f64 {
    m.to_f64()
}

impl Instance {
    pub fn new(scenario: &Scenario) -> Result<Instance, KeyError> {
        Instance::with_annual(scenario, annual_budgets(scenario))
    }

    /// The instance with given annual budgets instead of the scenario's profile (they
    /// must sum to the scenario's total); fair efforts follow these budgets.
    pub fn with_annual(scenario: &Scenario, annual: Vec<Money>) -> Result<Instance, KeyError> {
        let n = scenario.allies.len();
        let m = scenario.year_count();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| scenario.allies[a].id.cmp(&scenario.allies[b].id));
        let annual_f: Vec<f64> = annual.iter().map(|a| f(*a)).collect();
        // Key shares computed over the allies in id order, so that sums of floats (and
        // with them every result) do not depend on the order of the file.
        let mut sorted = scenario.clone();
        sorted.allies = order.iter().map(|&i| scenario.allies[i].clone()).collect();
        let shares = key_shares(&sorted)?;
        let mut credited: Vec<Vec<f64>> = order
            .iter()
            .map(|&i| {
                (0..m)
                    .map(|y| f(scenario.credited(&scenario.allies[i], y)))
                    .collect()
            })
            .collect();
        if let Some(cap) = scenario.credit_cap.and_then(|d| d.to_f64()) {
            cap_credit(&shares, &mut credited, &annual_f, cap);
        }
        let pot: Vec<f64> = (0..m)
            .map(|y| annual_f[y] + credited.iter().map(|c| c[y]).sum::<f64>())
            .collect();
        let fair = shares
            .iter()
            .map(|s| s.iter().zip(&pot).map(|(s, p)| s * p).sum())
            .collect();
        let credit_total = credited.iter().map(|c| c.iter().sum()).collect();
        let mut lo = Vec::with_capacity(n);
        let mut hi = Vec::with_capacity(n);
        let mut cell_lo = Vec::with_capacity(n);
        let mut cell_hi = Vec::with_capacity(n);
        for &i in &order {
            let ally = &scenario.allies[i];
            lo.push(ally.min.map_or(0.0, f));
            hi.push(ally.max.map_or(f64::INFINITY, f));
            cell_lo.push(ally.pledged.iter().map(|p| f(*p)).collect());
            cell_hi.push(
                (0..m)
                    .map(|y| scenario.gdp_cap(ally, y).map_or(f64::INFINITY, f))
                    .collect(),
            );
        }
        Ok(Instance {
            n,
            m,
            order,
            annual,
            annual_f,
            total: f(scenario.total),
            shares,
            credited,
            fair,
            credit_total,
            lo,
            hi,
            cell_lo,
            cell_hi,
            smoothing: scenario.smoothing.and_then(|d| d.to_f64()),
            fixed: vec![vec![None; m]; n],
            reference: None,
        })
    }

    /// Fixes cell (a, y) to an exact amount: it is no longer a decision.
    pub fn fix(&mut self, a: usize, y: usize, amount: Money) {
        self.fixed[a][y] = Some(amount);
        self.cell_lo[a][y] = f(amount);
        self.cell_hi[a][y] = f(amount);
    }

    /// Whether any cell is fixed.
    pub fn has_fixed(&self) -> bool {
        self.fixed.iter().flatten().any(Option::is_some)
    }

    /// The sum of the ally's fixed cells.
    pub fn fixed_total(&self, a: usize) -> Money {
        self.fixed[a].iter().flatten().sum()
    }

    /// Whether any constraint acts on single years.
    pub fn has_cell_constraints(&self) -> bool {
        self.smoothing.is_some()
            || self.cell_lo.iter().flatten().any(|v| *v > 0.0)
            || self.cell_hi.iter().flatten().any(|v| v.is_finite())
    }

    /// The lowest total the ally can have on its own: its min and the sum of its pledges.
    pub fn total_lo(&self, a: usize) -> f64 {
        self.lo[a].max(self.cell_lo[a].iter().sum())
    }

    /// The highest total the ally can have on its own: its max and the sum of its caps.
    pub fn total_hi(&self, a: usize) -> f64 {
        self.hi[a].min(self.cell_hi[a].iter().sum())
    }

    /// Burden index of a total.
    pub fn beta(&self, a: usize, total: f64) -> f64 {
        (total + self.credit_total[a]) / self.fair[a]
    }
}

/// Credited aid under a credit cap φ: C'_a = min(C_a, φ·F_a), where F_a is measured on
/// the pot of the capped credit, each year's credit scaled alike. Iterated from the
/// uncapped credit: the pot, the fair efforts and the credit only fall from one round
/// to the next (a monotone sequence bounded below by zero), and a change of the pot
/// moves the credit by at most φ times as much, so it settles quickly.
fn cap_credit(shares: &[Vec<f64>], credited: &mut [Vec<f64>], annual: &[f64], cap: f64) {
    let full: Vec<f64> = credited.iter().map(|c| c.iter().sum()).collect();
    let mut scale = vec![1.0; credited.len()];
    for _ in 0..500 {
        let pot: Vec<f64> = (0..annual.len())
            .map(|y| {
                let credit: f64 = credited.iter().zip(&scale).map(|(c, k)| c[y] * k).sum();
                annual[y] + credit
            })
            .collect();
        let next: Vec<f64> = shares
            .iter()
            .zip(&full)
            .map(|(s, c)| {
                let fair: f64 = s.iter().zip(&pot).map(|(s, p)| s * p).sum();
                if *c > 0.0 {
                    (cap * fair / c).min(1.0)
                } else {
                    1.0
                }
            })
            .collect();
        let moved = next
            .iter()
            .zip(&scale)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        scale = next;
        if moved < 1e-15 {
            break;
        }
    }
    for (row, k) in credited.iter_mut().zip(&scale) {
        row.iter_mut().for_each(|c| *c *= k);
    }
}

#[cfg(test)]
mod tests {
    use super::cap_credit;

    #[test]
    fn a_credit_cap_by_hand() {
        // Two allies of equal share, budget 100, A's aid 100. Uncapped, the pot is 200
        // and A's fair effort 100. Capped at half of its fair effort: C = 0.5·F and
        // F = 0.5·(100 + C), so C = 100/3 and F = 200/3.
        let shares = vec![vec![0.5], vec![0.5]];
        let mut credited = vec![vec![100.0], vec![0.0]];
        cap_credit(&shares, &mut credited, &[100.0], 0.5);
        assert!((credited[0][0] - 100.0 / 3.0).abs() < 1e-9, "{credited:?}");
        assert_eq!(credited[1][0], 0.0);
    }
}
