//! Phases 1 and 2: the allies' totals by the scenario's objective, then the yearly
//! schedule. The only place that picks a solver strategy.

mod leximin;
mod schedule;
pub mod waterfill;

use good_lp::Expression;

use crate::model::lp::{own_range, Lp, LpError, Totals};
use crate::model::Instance;
use crate::scenario::Objective;
pub use schedule::{max_deviation, proportional, Schedule};
use waterfill::{water_fill, Vessel};

/// The real-valued plan before rounding, in instance order.
#[derive(Clone, Debug)]
pub struct RealPlan {
    pub totals: Vec<f64>,
    pub x: Vec<Vec<f64>>,
    pub deviation: f64,
}

/// Phases 1 and 2.
pub fn solve_real(inst: &Instance, objective: Objective) -> Result<RealPlan, LpError> {
    if conflicting_cells(inst) {
        return Err(LpError::Infeasible);
    }
    let totals = match objective {
        Objective::Leximin => return leximin(inst),
        Objective::Minimax => minimax_totals(inst)?,
        Objective::L1 => l1_totals(inst)?,
    };
    finish(inst, totals)
}

/// A cell whose pledge lies above its cap: no plan can exist.
fn conflicting_cells(inst: &Instance) -> bool {
    (0..inst.n).any(|a| {
        (0..inst.m).any(|y| inst.cell_lo[a][y] > inst.cell_hi[a][y] * (1.0 + 1e-12) + 1e-9)
    })
}

/// Leximin totals by the full level-by-level program, without the water-filling
/// shortcut (for tests and benchmarks of that path).
pub fn leximin_by_levels(inst: &Instance) -> Result<Vec<f64>, LpError> {
    if conflicting_cells(inst) {
        return Err(LpError::Infeasible);
    }
    leximin::leximin_totals(inst)
}

fn finish(inst: &Instance, totals: Vec<f64>) -> Result<RealPlan, LpError> {
    let totals = balance(inst, totals);
    let Schedule { x, deviation } = schedule::schedule(inst, &totals)?;
    Ok(RealPlan {
        totals,
        x,
        deviation,
    })
}

/// Scales solver totals so that they sum to the budget exactly (removes solver noise).
fn balance(inst: &Instance, mut totals: Vec<f64>) -> Vec<f64> {
    for t in &mut totals {
        *t = t.max(0.0);
    }
    let sum: f64 = totals.iter().sum();
    if sum > 0.0 {
        let factor = inst.total / sum;
        for t in &mut totals {
            *t *= factor;
        }
    }
    totals
}

/// The water-filling totals with each ally's own range (min, max, pledges, caps,
/// smoothing).
pub fn water_fill_totals(inst: &Instance) -> Option<Vec<f64>> {
    let vessels: Vec<Vessel> = (0..inst.n)
        .map(|a| {
            let (lo, hi) = own_range(inst, a);
            Vessel {
                fair: inst.fair[a],
                credit: inst.credit_total[a],
                lo,
                hi,
            }
        })
        .collect();
    water_fill(&vessels, inst.total)
}

/// Leximin. Water-filling over the allies' own bounds is the optimum of a relaxation;
/// when its totals admit a schedule, it is the optimum. Otherwise the full program.
fn leximin(inst: &Instance) -> Result<RealPlan, LpError> {
    if let Some(totals) = water_fill_totals(inst) {
        match finish(inst, totals) {
            Ok(plan) => return Ok(plan),
            Err(LpError::Infeasible) => {}
            Err(e) => return Err(e),
        }
    }
    let totals = leximin::leximin_totals(inst)?;
    finish(inst, totals)
}

fn minimax_totals(inst: &Instance) -> Result<Vec<f64>, LpError> {
    let mut lp = Lp::new(inst, Totals::Free);
    let s = lp.scale;
    let t = lp.add_var(0.0, f64::INFINITY);
    for a in 0..inst.n {
        let total = lp.total(a);
        if inst.fair[a] > 0.0 {
            let effort = total + inst.credit_total[a] / s;
            lp.add(effort.leq(Expression::from(t) * (inst.fair[a] / s)));
        } else {
            lp.add(total.leq(inst.total_lo(a) / s + 1e-12));
        }
    }
    let solved = lp.minimise(t.into(), &[])?;
    Ok(solved.totals)
}

fn l1_totals(inst: &Instance) -> Result<Vec<f64>, LpError> {
    let mut lp = Lp::new(inst, Totals::Free);
    let s = lp.scale;
    let mut objective = Expression::from(0.0);
    for a in 0..inst.n {
        let over = lp.add_var(0.0, f64::INFINITY);
        let under = lp.add_var(0.0, f64::INFINITY);
        let gap = lp.total(a) + (inst.credit_total[a] - inst.fair[a]) / s;
        lp.add(gap.eq(Expression::from(over) - under));
        objective += Expression::from(over) + under;
    }
    let solved = lp.minimise(objective, &[])?;
    Ok(solved.totals)
}
