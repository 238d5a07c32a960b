//! Sensitivities: the change of an ally's total per unit of a parameter, on each side.
//! In closed form on the water-filling path (budget, credit rate, bilateral aid, bounds);
//! by exact re-solves at the value ± a small step otherwise (GDP, exchange rates, and
//! every parameter when per-year constraints shape the totals).

use super::closed::{Direction, Path};
use super::probe::{Base, Param, Solved};
use crate::scenario::Profile;

/// How a number was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    ClosedForm,
    Resolve,
    Bisection,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::ClosedForm => "closed form",
            Method::Resolve => "re-solve",
            Method::Bisection => "bisection",
        }
    }
}

/// Both one-sided derivatives of every ally's total (instance order), and of λ.
#[derive(Clone, Debug)]
pub struct Sides {
    pub down: Option<Vec<f64>>,
    pub up: Option<Vec<f64>>,
    pub d_lambda: Option<f64>,
    pub method: Method,
}

/// The context: the base scenario, its real plan and its water-filling classification.
#[derive(Debug)]
pub struct Context<'a> {
    pub base: &'a Base,
    pub solved: &'a Solved,
    /// Some when the plan is on the water-filling path.
    pub path: Option<Path>,
}

impl Context<'_> {
    /// The one-sided derivatives of the totals with respect to `param`.
    pub fn sides(&self, param: &Param) -> Option<Sides> {
        if let (Some(path), Some(dir)) = (&self.path, self.direction(param)) {
            let up = path.effect(&self.solved.inst, &dir, 1.0);
            let down = path.effect(&self.solved.inst, &dir, -1.0);
            if up.is_some() || down.is_some() {
                let d_lambda = up.as_ref().or(down.as_ref()).map(|(l, _)| *l);
                return Some(Sides {
                    down: down.map(|(_, d)| d),
                    up: up.map(|(_, d)| d),
                    d_lambda,
                    method: Method::ClosedForm,
                });
            }
        }
        self.resolve(param)
    }

    /// One-sided differences of exact re-solves at value ± step.
    fn resolve(&self, param: &Param) -> Option<Sides> {
        let s = &self.base.scenario;
        let value = param.value(s)?;
        let relative = if self.path.is_some() { 1e-5 } else { 1e-3 };
        let scale = match param {
            Param::CreditRate | Param::FxFactor => 1.0,
            Param::Gdp(_) => value.abs(),
            _ => value
                .abs()
                .max(s.total.to_f64() / s.year_count().max(1) as f64),
        };
        let h = (relative * scale).max(1e-9);
        let here = &self.solved.real.totals;
        let diff = |v: f64, sign: f64| -> Option<Vec<f64>> {
            if !allowed(param, v) {
                return None;
            }
            let other = self.base.solve(param, v)?;
            Some(
                here.iter()
                    .zip(&other.real.totals)
                    .map(|(a, b)| sign * (b - a) / h)
                    .collect(),
            )
        };
        let up = diff(value + h, 1.0);
        let down = diff(value - h, -1.0);
        (up.is_some() || down.is_some()).then_some(Sides {
            down,
            up,
            d_lambda: None,
            method: Method::Resolve,
        })
    }

    /// The closed-form direction of a parameter; None where it has none.
    fn direction(&self, param: &Param) -> Option<Direction> {
        let inst = &self.solved.inst;
        // When credit reduces the fund, a parameter moves the fund's budget and the
        // capped credit together; the re-solve measures that, no closed form does.
        if inst.agreed.is_some() {
            return None;
        }
        let s = &self.base.scenario;
        let path = self.path.as_ref()?;
        let mut dir = Direction::zero(inst.n);
        let share_dot = |w: &[f64]| -> Vec<f64> {
            inst.shares
                .iter()
                .map(|s| s.iter().zip(w).map(|(s, w)| s * w).sum())
                .collect()
        };
        match param {
            Param::BudgetTotal => {
                if matches!(s.profile, Profile::Amounts(_)) || inst.total <= 0.0 {
                    return None;
                }
                let w: Vec<f64> = inst.annual_f.iter().map(|a| a / inst.total).collect();
                dir.d_total = 1.0;
                dir.d_fair = share_dot(&w);
            }
            Param::CreditRate => {
                let mut d = vec![0.0; inst.m];
                for (a, ally) in s.allies.iter().enumerate() {
                    if self.base.follows_credit[a] {
                        let b = &ally.bilateral;
                        dir.d_credit[a] = b.iter().map(|v| v.to_f64()).sum();
                        for (dy, v) in d.iter_mut().zip(b) {
                            *dy += v.to_f64();
                        }
                    }
                }
                dir.d_fair = share_dot(&d);
            }
            Param::Bilateral(i) => {
                let ally = &s.allies[*i];
                let rate = ally.credit.try_into().unwrap_or(0.0);
                let total: f64 = ally.bilateral.iter().map(|v| v.to_f64()).sum();
                let phi: Vec<f64> = ally
                    .bilateral
                    .iter()
                    .map(|v| {
                        if total > 0.0 {
                            rate * v.to_f64() / total
                        } else {
                            rate / inst.m as f64
                        }
                    })
                    .collect();
                dir.d_credit[*i] = rate;
                dir.d_fair = share_dot(&phi);
            }
            &Param::Max(a) => {
                if path.at_hi(inst, a) && path.hi[a] >= inst.hi[a] - 1e-9 * inst.hi[a].abs() {
                    dir.d_bound[a] = 1.0;
                }
            }
            &Param::Min(a) => {
                if path.at_lo(inst, a)
                    && inst.lo[a] > 0.0
                    && path.lo[a] <= inst.lo[a] * (1.0 + 1e-9)
                {
                    dir.d_bound[a] = 1.0;
                }
            }
            Param::Gdp(_) | Param::FxFactor => return None,
        }
        Some(dir)
    }
}

/// Whether a parameter may take the value (a credit rate stays within 0 and 1).
pub fn allowed(param: &Param, v: f64) -> bool {
    match param {
        Param::CreditRate => (0.0..=1.0).contains(&v),
        Param::BudgetTotal | Param::FxFactor | Param::Gdp(_) => v > 0.0,
        Param::Bilateral(_) | Param::Max(_) | Param::Min(_) => v >= 0.0,
    }
}
