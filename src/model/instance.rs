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
}

fn f(m: Money) -> f64 {
    m.to_f64()
}

impl Instance {
    pub fn new(scenario: &Scenario) -> Result<Instance, KeyError> {
        let n = scenario.allies.len();
        let m = scenario.year_count();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| scenario.allies[a].id.cmp(&scenario.allies[b].id));
        let annual = annual_budgets(scenario);
        let annual_f: Vec<f64> = annual.iter().map(|a| f(*a)).collect();
        let key = key_shares(scenario)?;
        let shares: Vec<Vec<f64>> = order.iter().map(|&i| key[i].clone()).collect();
        let credited: Vec<Vec<f64>> = order
            .iter()
            .map(|&i| {
                (0..m)
                    .map(|y| f(scenario.credited(&scenario.allies[i], y)))
                    .collect()
            })
            .collect();
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
        })
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
