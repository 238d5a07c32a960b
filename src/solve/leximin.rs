//! Leximin over the full model: level by level, the smallest possible largest burden
//! index, with a sound saturation test before any ally is fixed at a level.
//!
//! An ally is fixed at level t only when a program proves that it cannot go below t while
//! every other free ally stays at or below t: maximising the slack of the candidates must
//! give zero. A solution that merely happens to put an ally at t proves nothing.

use good_lp::Expression;

use crate::model::lp::{own_range, Lp, LpError, Solved, Totals};
use crate::model::Instance;

/// Slack (in burden-index units) below which an ally counts as unable to go lower.
const SATURATED: f64 = 1e-7;

/// The unique leximin totals.
pub fn leximin_totals(inst: &Instance) -> Result<Vec<f64>, LpError> {
    let mut level: Vec<Option<f64>> = vec![None; inst.n];
    let floor_level: Vec<f64> = (0..inst.n)
        .map(|a| (own_range(inst, a).0 + inst.credit_total[a]) / inst.fair[a])
        .collect();
    let mut last: Option<Solved> = None;
    loop {
        let free: Vec<usize> = (0..inst.n)
            .filter(|&a| inst.fair[a] > 0.0 && level[a].is_none())
            .collect();
        if free.is_empty() {
            break;
        }
        let (t, solved) = lowest_level(inst, &level, &free)?;
        last = Some(solved);
        // An ally whose own minimum already puts it at level t cannot go below it: no
        // program is needed to prove that.
        let at_floor: Vec<usize> = free
            .iter()
            .copied()
            .filter(|&a| floor_level[a] >= t - SATURATED * (1.0 + t))
            .collect();
        let saturated = if at_floor.is_empty() {
            saturated_at(inst, &level, &free, t)?
        } else {
            at_floor
        };
        for a in saturated {
            level[a] = Some(t);
        }
    }
    let solved = match last {
        Some(s) => s,
        None => feasible(inst, &level)?,
    };
    Ok(solved.x.iter().map(|row| row.iter().sum()).collect())
}

fn with_tolerance(t: f64) -> f64 {
    t * (1.0 + 1e-9) + 1e-12
}

/// The program with the fixed allies held at their levels and allies without a fair
/// share held at their own minimum.
fn base<'a>(inst: &'a Instance, level: &[Option<f64>]) -> Lp<'a> {
    let mut lp = Lp::new(inst, Totals::Free);
    let s = lp.scale;
    for a in 0..inst.n {
        let total = lp.total(a);
        if inst.fair[a] <= 0.0 {
            lp.add(total.leq(inst.total_lo(a) / s + 1e-12));
        } else if let Some(theta) = level[a] {
            lp.add(total.leq((with_tolerance(theta) * inst.fair[a] - inst.credit_total[a]) / s));
        }
    }
    lp
}

fn lowest_level(
    inst: &Instance,
    level: &[Option<f64>],
    free: &[usize],
) -> Result<(f64, Solved), LpError> {
    let mut lp = base(inst, level);
    let s = lp.scale;
    let t = lp.add_var(0.0, f64::INFINITY);
    for &a in free {
        let effort = lp.total(a) + inst.credit_total[a] / s;
        lp.add(effort.leq(Expression::from(t) * (inst.fair[a] / s)));
    }
    let solved = lp.minimise(t.into(), &[t])?;
    Ok((solved.extra[0], solved))
}

/// The free allies that cannot go below level `t`.
fn saturated_at(
    inst: &Instance,
    level: &[Option<f64>],
    free: &[usize],
    t: f64,
) -> Result<Vec<usize>, LpError> {
    let mut candidates: Vec<usize> = free.to_vec();
    let mut last_slack = vec![0.0; inst.n];
    loop {
        let mut lp = base(inst, level);
        let s = lp.scale;
        let bound = with_tolerance(t);
        let mut slacks = Vec::new();
        for &a in free {
            let mut effort = lp.total(a) + inst.credit_total[a] / s;
            if candidates.contains(&a) {
                let slack = lp.add_var(0.0, 1.0);
                slacks.push((a, slack));
                effort += Expression::from(slack) * (inst.fair[a] / s);
            }
            lp.add(effort.leq(bound * inst.fair[a] / s));
        }
        let vars: Vec<_> = slacks.iter().map(|(_, v)| *v).collect();
        let objective: Expression = vars.iter().map(|v| Expression::from(*v) * -1.0).sum();
        let solved = lp.minimise(objective, &vars)?;
        let loose: Vec<usize> = slacks
            .iter()
            .zip(&solved.extra)
            .filter(|(_, value)| **value > SATURATED)
            .map(|((a, _), _)| *a)
            .collect();
        for ((a, _), value) in slacks.iter().zip(&solved.extra) {
            last_slack[*a] = *value;
        }
        if loose.is_empty() {
            return Ok(candidates);
        }
        candidates.retain(|a| !loose.contains(a));
        if candidates.is_empty() {
            // Rounding in the solver: fix the ally with the least room to move.
            let tightest = free
                .iter()
                .copied()
                .min_by(|&a, &b| last_slack[a].total_cmp(&last_slack[b]).then(a.cmp(&b)));
            return Ok(tightest.into_iter().collect());
        }
    }
}

fn feasible(inst: &Instance, level: &[Option<f64>]) -> Result<Solved, LpError> {
    base(inst, level).minimise(Expression::from(0.0), &[])
}
