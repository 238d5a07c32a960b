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

/// Relative tolerance of a fixed level, and the most it is widened to when rounding in
/// the solver makes the programs with fixed levels infeasible.
const TOLERANCE: f64 = 1e-9;
const WIDEST: f64 = 1e-6;

thread_local! {
    static WIDTH: std::cell::Cell<f64> = const { std::cell::Cell::new(TOLERANCE) };
}

/// The unique leximin totals. Infeasible only when the program without any fixed level
/// is (the solver routing confirms that verdict); a later program that comes back
/// infeasible can only be rounding in the solver, so the fixed levels are widened a
/// little and the step is tried again.
pub(super) fn leximin_totals(inst: &Instance) -> Result<Vec<f64>, LpError> {
    WIDTH.with(|w| w.set(TOLERANCE));
    let none: Vec<Option<f64>> = vec![None; inst.n];
    feasible(inst, &none)?;
    let result = levels(inst);
    WIDTH.with(|w| w.set(TOLERANCE));
    match result {
        Err(LpError::Infeasible) => Err(LpError::Solver(
            "rounding in the solver: the leximin levels could not be fixed".into(),
        )),
        other => other,
    }
}

/// Runs a step, widening the tolerance of the fixed levels while it comes back
/// infeasible.
fn widening<T>(mut step: impl FnMut() -> Result<T, LpError>) -> Result<T, LpError> {
    loop {
        match step() {
            Err(LpError::Infeasible) if WIDTH.with(|w| w.get()) < WIDEST => {
                WIDTH.with(|w| w.set(w.get() * 10.0));
            }
            other => return other,
        }
    }
}

fn levels(inst: &Instance) -> Result<Vec<f64>, LpError> {
    let mut level: Vec<Option<f64>> = vec![None; inst.n];
    let ranges: Vec<(f64, f64)> = (0..inst.n).map(|a| own_range(inst, a)).collect();
    let index = |a: usize, total: f64| (total + inst.credit_total[a]) / inst.fair[a];
    let floor_level: Vec<f64> = (0..inst.n).map(|a| index(a, ranges[a].0)).collect();
    let ceiling_level: Vec<f64> = (0..inst.n).map(|a| index(a, ranges[a].1)).collect();
    fix_forced_floors(inst, &mut level, &floor_level)?;
    loop {
        let free = free_allies(inst, &level);
        if free.is_empty() {
            break;
        }
        let (t, _) = widening(|| lowest_level(inst, &level, &free))?;
        // An ally whose own minimum already puts it at level t cannot go below it: no
        // program is needed to prove that.
        let at_floor: Vec<usize> = free
            .iter()
            .copied()
            .filter(|&a| floor_level[a] >= t - SATURATED * (1.0 + t))
            .collect();
        let saturated = if at_floor.is_empty() {
            widening(|| saturated_at(inst, &level, &free, t))?
        } else {
            at_floor
        };
        for a in saturated {
            level[a] = Some(t);
        }
        fix_forced_ceilings(inst, &mut level, &ranges, &ceiling_level, t)?;
    }
    let solved = widening(|| feasible(inst, &level))?;
    Ok(solved.totals)
}

fn free_allies(inst: &Instance, level: &[Option<f64>]) -> Vec<usize> {
    (0..inst.n)
        .filter(|&a| inst.fair[a] > 0.0 && level[a].is_none())
        .collect()
}

/// The top of the leximin vector in one step. Every plan has β_a ≥ φ_a, the ally's index
/// at its own minimum. If a plan keeps every free ally at or below max(φ_a, τ), the
/// indices above τ are exactly the φ_a above τ, each ally at its own minimum. The
/// smallest such τ among the φ values is found by bisection.
fn fix_forced_floors(
    inst: &Instance,
    level: &mut [Option<f64>],
    floor_level: &[f64],
) -> Result<(), LpError> {
    let free = free_allies(inst, level);
    let mut taus: Vec<f64> = free
        .iter()
        .map(|&a| floor_level[a])
        .filter(|f| f.is_finite())
        .collect();
    taus.sort_by(|a, b| b.total_cmp(a));
    taus.dedup_by(|a, b| (*a - *b).abs() <= SATURATED * (1.0 + b.abs()));
    if taus.len() < 3 {
        return Ok(());
    }
    let fits = |tau: f64| -> Result<bool, LpError> {
        let mut lp = base(inst, level);
        let s = lp.scale;
        for &a in &free {
            let cap = with_tolerance(floor_level[a].max(tau)) * inst.fair[a] - inst.credit_total[a];
            lp.add(lp.total(a).leq(cap / s));
        }
        match lp.minimise(Expression::from(0.0), &[]) {
            Ok(_) => Ok(true),
            Err(LpError::Infeasible) => Ok(false),
            Err(e) => Err(e),
        }
    };
    if !fits(taus[0])? {
        return Ok(());
    }
    // fits(taus[lo]) holds; find the last index where it does.
    let (mut lo, mut hi) = (0, taus.len());
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        if fits(taus[mid])? {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let tau = taus[lo];
    for &a in &free {
        if floor_level[a] > tau + SATURATED * (1.0 + tau) {
            level[a] = Some(floor_level[a]);
        }
    }
    Ok(())
}

/// The bottom of the vector in one step: when every free ally's own maximum keeps it
/// below the level just fixed, the fixed allies cannot move, so the free allies' sum is
/// forced; if they can all sit at their own maxima, that is where they are.
fn fix_forced_ceilings(
    inst: &Instance,
    level: &mut [Option<f64>],
    ranges: &[(f64, f64)],
    ceiling_level: &[f64],
    t: f64,
) -> Result<(), LpError> {
    let free = free_allies(inst, level);
    let below = free
        .iter()
        .all(|&a| ceiling_level[a] < t - SATURATED * (1.0 + t));
    if free.len() < 2 || !below {
        return Ok(());
    }
    let mut lp = base(inst, level);
    let s = lp.scale;
    for &a in &free {
        lp.add(lp.total(a).geq(ranges[a].1 * (1.0 - 1e-9) / s - 1e-12));
    }
    match lp.minimise(Expression::from(0.0), &[]) {
        Ok(_) => {
            for &a in &free {
                level[a] = Some(ceiling_level[a]);
            }
            Ok(())
        }
        Err(LpError::Infeasible) => Ok(()),
        Err(e) => Err(e),
    }
}

fn with_tolerance(t: f64) -> f64 {
    let width = WIDTH.with(|w| w.get());
    t * (1.0 + width) + width * 1e-3
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
