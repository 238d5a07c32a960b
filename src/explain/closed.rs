//! Exact marginal effects on the water-filling path. There X_a = λ·F_a − C_a for the
//! free payers S and X_a = b_a (a bound) for the others, with λ from the budget:
//! Σ_S (λ·F_a − C_a) + Σ_¬S b_a = T. Differentiating,
//! dλ = (dT + Σ_S dC_a − λ·Σ_S dF_a − Σ_¬S db_a) / Σ_S F_a and
//! dX_a = dλ·F_a + λ·dF_a − dC_a on S, db_a off S. At a kink (an ally exactly where its
//! bound starts to hold) the free set differs on the two sides; both are computed.

use crate::model::lp::own_range;
use crate::model::Instance;

/// How the allies stand at the optimum: bounds, the free set and the common level.
#[derive(Clone, Debug)]
pub struct Path {
    pub lo: Vec<f64>,
    pub hi: Vec<f64>,
    pub totals: Vec<f64>,
    /// Free payers: strictly between their bounds, with a fair share.
    pub free: Vec<bool>,
    /// Allies at a bound whose level λ·F − C sits on that bound too: a kink.
    pub kink: Vec<bool>,
    /// The common level λ of the free payers (None when nobody is free).
    pub lambda: Option<f64>,
}

/// The direction of a parameter change: what it does to T, F, C and the bounds.
#[derive(Clone, Debug)]
pub struct Direction {
    pub d_total: f64,
    pub d_fair: Vec<f64>,
    pub d_credit: Vec<f64>,
    pub d_bound: Vec<f64>,
}

impl Direction {
    pub fn zero(n: usize) -> Direction {
        Direction {
            d_total: 0.0,
            d_fair: vec![0.0; n],
            d_credit: vec![0.0; n],
            d_bound: vec![0.0; n],
        }
    }
}

/// The tolerance for "at a bound", as the plan's binding codes use it.
pub fn tolerance(inst: &Instance) -> f64 {
    1e-6 * (inst.total / inst.m.max(1) as f64).max(1.0)
}

impl Path {
    /// Classifies the allies of a real plan's totals.
    pub fn new(inst: &Instance, totals: &[f64]) -> Path {
        let tol = tolerance(inst);
        let (lo, hi): (Vec<f64>, Vec<f64>) = (0..inst.n).map(|a| own_range(inst, a)).unzip();
        let free: Vec<bool> = (0..inst.n)
            .map(|a| inst.fair[a] > 0.0 && totals[a] > lo[a] + tol && totals[a] < hi[a] - tol)
            .collect();
        let fair: f64 = (0..inst.n).filter(|&a| free[a]).map(|a| inst.fair[a]).sum();
        let lambda = (fair > 0.0).then(|| {
            let fixed: f64 = (0..inst.n).filter(|&a| !free[a]).map(|a| totals[a]).sum();
            let credit: f64 = (0..inst.n)
                .filter(|&a| free[a])
                .map(|a| inst.credit_total[a])
                .sum();
            (inst.total - fixed + credit) / fair
        });
        let kink = (0..inst.n)
            .map(|a| {
                let Some(l) = lambda.filter(|_| !free[a] && inst.fair[a] > 0.0) else {
                    return false;
                };
                let level = l * inst.fair[a] - inst.credit_total[a];
                (level - totals[a]).abs() <= 10.0 * tol
            })
            .collect();
        Path {
            lo,
            hi,
            totals: totals.to_vec(),
            free,
            kink,
            lambda,
        }
    }

    /// dλ and dX of every ally on the side `sign` (+1: the parameter rises, −1: it
    /// falls), per unit of the parameter. None when no payer is free.
    pub fn effect(&self, inst: &Instance, dir: &Direction, sign: f64) -> Option<(f64, Vec<f64>)> {
        let lambda = self.lambda?;
        let mut free = self.free.clone();
        for _ in 0..=inst.n {
            let d_lambda = self.d_lambda(inst, dir, &free, lambda)?;
            let unclamped =
                |a: usize| d_lambda * inst.fair[a] + lambda * dir.d_fair[a] - dir.d_credit[a];
            let mut changed = false;
            let candidates: Vec<usize> =
                (0..inst.n).filter(|&a| self.kink[a] && !free[a]).collect();
            for a in candidates {
                let rel = sign * (unclamped(a) - dir.d_bound[a]);
                let at_lo = self.totals[a] <= self.lo[a] + tolerance(inst);
                if (at_lo && rel > 0.0) || (!at_lo && rel < 0.0) {
                    free[a] = true;
                    changed = true;
                }
            }
            if !changed {
                let dx = (0..inst.n)
                    .map(|a| {
                        if free[a] {
                            unclamped(a)
                        } else {
                            dir.d_bound[a]
                        }
                    })
                    .collect();
                return Some((d_lambda, dx));
            }
        }
        None
    }

    fn d_lambda(
        &self,
        inst: &Instance,
        dir: &Direction,
        free: &[bool],
        lambda: f64,
    ) -> Option<f64> {
        let mut fair = 0.0;
        let mut top = dir.d_total;
        for a in 0..inst.n {
            if free[a] {
                fair += inst.fair[a];
                top += dir.d_credit[a] - lambda * dir.d_fair[a];
            } else {
                top -= dir.d_bound[a];
            }
        }
        (fair > 0.0).then(|| top / fair)
    }

    /// Whether an ally is held at its upper bound.
    pub fn at_hi(&self, inst: &Instance, a: usize) -> bool {
        !self.free[a] && self.hi[a].is_finite() && self.totals[a] >= self.hi[a] - tolerance(inst)
    }

    /// Whether an ally is held at its lower bound.
    pub fn at_lo(&self, inst: &Instance, a: usize) -> bool {
        !self.free[a] && self.totals[a] <= self.lo[a] + tolerance(inst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::probe::solve_scenario;
    use crate::scenario::load_str;

    fn inst(extra: &str) -> (Instance, Vec<f64>) {
        let text = format!(
            "scenario: t\ncurrency: EUR\nunit: million\nyears: [2025]\nbudget: {{total: 100}}\n\
             key: {{weights: {{gdp: 1}}}}\nbilateral_credit: 1\nallies:\n  \
             - {{id: A, name: A, indicators: {{gdp: 50}}, bilateral: 0{extra}}}\n  \
             - {{id: B, name: B, indicators: {{gdp: 30}}, bilateral: 0}}\n  \
             - {{id: C, name: C, indicators: {{gdp: 20}}, bilateral: 40}}\n"
        );
        let s = load_str(&text, "t.yaml", &[]).unwrap().scenario;
        let solved = solve_scenario(&s, crate::budget::annual_budgets(&s)).unwrap();
        (solved.inst, solved.real.totals)
    }

    #[test]
    fn budget_effect_of_free_payers_sums_to_one() {
        let (inst, totals) = inst("");
        let path = Path::new(&inst, &totals);
        assert!(path.free[0] && path.free[1] && !path.free[2]);
        let mut dir = Direction::zero(3);
        dir.d_total = 1.0;
        // The pot is T + 40: F = s·(T + 40), so dF = s.
        dir.d_fair = vec![0.5, 0.3, 0.2];
        let (_, d) = path.effect(&inst, &dir, 1.0).unwrap();
        assert!((d.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((d[0] - 0.625).abs() < 1e-12 && d[2] == 0.0);
    }

    #[test]
    fn lifting_a_binding_maximum_lowers_the_others() {
        let (inst, totals) = inst(", max: 40");
        let path = Path::new(&inst, &totals);
        assert!(path.at_hi(&inst, 0));
        let mut dir = Direction::zero(3);
        dir.d_bound[0] = 1.0;
        let (_, d) = path.effect(&inst, &dir, 1.0).unwrap();
        assert!((d[0] - 1.0).abs() < 1e-12 && (d[1] + 1.0).abs() < 1e-12);
    }
}
