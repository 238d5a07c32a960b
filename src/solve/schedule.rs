//! Phase 2: with each ally's total fixed, the yearly schedule closest to the proportional
//! one (X_a·A_y/T): first the largest relative deviation, then the sum of deviations.

use good_lp::Expression;

use crate::model::lp::{Lp, LpError, Totals};
use crate::model::Instance;

/// Relative tolerance for accepting the proportional schedule as it is.
const TOL: f64 = 1e-9;

/// A schedule and its largest relative deviation from the proportional schedule.
#[derive(Clone, Debug)]
pub struct Schedule {
    pub x: Vec<Vec<f64>>,
    pub deviation: f64,
}

/// The proportional target X_a·A_y/T. Fixed cells are their own target, and the rest
/// of the ally's total is spread over its other years in proportion to their budgets
/// (on top of the reference plan, when the instance has one).
pub fn proportional(inst: &Instance, totals: &[f64]) -> Vec<Vec<f64>> {
    totals
        .iter()
        .enumerate()
        .map(|(a, t)| {
            let fixed = &inst.fixed[a];
            if fixed.iter().all(Option::is_none) && inst.reference.is_none() {
                return inst.annual_f.iter().map(|y| t * y / inst.total).collect();
            }
            let base = |y: usize| inst.reference.as_ref().map_or(0.0, |r| r[a][y].to_f64());
            let free_years = || (0..inst.m).filter(|&y| fixed[y].is_none());
            let free: f64 = free_years().map(|y| inst.annual_f[y]).sum();
            let rest = t - inst.fixed_total(a).to_f64() - free_years().map(base).sum::<f64>();
            (0..inst.m)
                .map(|y| match fixed[y] {
                    Some(v) => v.to_f64(),
                    None if free > 0.0 => (base(y) + rest * inst.annual_f[y] / free).max(0.0),
                    None => 0.0,
                })
                .collect()
        })
        .collect()
}

/// Whether cells satisfy pledges, caps and smoothing (within tolerance).
fn fits(inst: &Instance, x: &[Vec<f64>], totals: &[f64]) -> bool {
    (0..inst.n).all(|a| {
        let tol = TOL * inst.total.max(1.0);
        let cells_ok = (0..inst.m)
            .all(|y| x[a][y] >= inst.cell_lo[a][y] - tol && x[a][y] <= inst.cell_hi[a][y] + tol);
        let smooth_ok = inst.smoothing.is_none_or(|d| {
            let bound = d * totals[a] / inst.m as f64 + tol;
            x[a].windows(2).all(|w| (w[1] - w[0]).abs() <= bound)
        });
        cells_ok && smooth_ok
    })
}

/// The schedule for fixed totals (which must sum to the budget).
pub fn schedule(inst: &Instance, totals: &[f64]) -> Result<Schedule, LpError> {
    let target = proportional(inst, totals);
    if fits(inst, &target, totals) {
        return Ok(Schedule {
            x: target,
            deviation: 0.0,
        });
    }
    let (z, _) = solve(inst, totals, &target, None)?;
    let (_, x) = solve(inst, totals, &target, Some(z))?;
    let deviation = max_deviation(&x, &target);
    Ok(Schedule { x, deviation })
}

/// Largest |x − p| / p over cells with p > 0.
pub fn max_deviation(x: &[Vec<f64>], target: &[Vec<f64>]) -> f64 {
    x.iter()
        .flatten()
        .zip(target.iter().flatten())
        .filter(|(_, p)| **p > 0.0)
        .map(|(v, p)| (v - p).abs() / p)
        .fold(0.0, f64::max)
}

/// Minimises the largest deviation (when `cap` is None) or, with the largest held at
/// `cap`, the sum of deviations.
fn solve(
    inst: &Instance,
    totals: &[f64],
    target: &[Vec<f64>],
    cap: Option<f64>,
) -> Result<(f64, Vec<Vec<f64>>), LpError> {
    let mut lp = Lp::new(inst, Totals::Fixed(totals));
    let s = lp.scale;
    let z_hi = cap.map_or(f64::INFINITY, |z| z * (1.0 + 1e-7) + 1e-9);
    let z = lp.add_var(0.0, z_hi);
    let mut deviations = Vec::new();
    for a in 0..inst.n {
        for y in 0..inst.m {
            let p = target[a][y] / s;
            if p <= 0.0 {
                continue;
            }
            let d = lp.add_var(0.0, f64::INFINITY);
            let gap = Expression::from(lp.x[a][y]) - p;
            lp.add((gap.clone() * (1.0 / p)).leq(d));
            lp.add((gap * (-1.0 / p)).leq(d));
            lp.add(Expression::from(d).leq(z));
            deviations.push(d);
        }
    }
    let objective: Expression = match cap {
        None => z.into(),
        Some(_) => deviations.iter().map(|d| Expression::from(*d)).sum(),
    };
    let solved = lp.minimise(objective, &[z])?;
    Ok((solved.extra[0], solved.x))
}
