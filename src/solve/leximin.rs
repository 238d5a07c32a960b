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

/// Room (in scaled money: a share of a mean year's budget) below which an ally counts
/// as unable to go lower, however small its fair share: an ally with a tiny share can
/// show a large slack in burden-index units from solver tolerance alone.
const ROOM: f64 = 1e-9;

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
        let (t, solved) = widening(|| lowest_level(inst, &level, &free))?;
        // An ally whose own minimum already puts it at level t cannot go below it: no
        // program is needed to prove that.
        let at_floor: Vec<usize> = free
            .iter()
            .copied()
            .filter(|&a| floor_level[a] >= t - SATURATED * (1.0 + t))
            .collect();
        let saturated = if at_floor.is_empty() {
            let candidates = complementary(inst, &free, t, &solved);
            widening(|| saturated_at(inst, &level, &free, &candidates, t))?
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
            let cap = with_tolerance(inst, a, floor_level[a].max(tau)) * inst.fair[a]
                - inst.credit_total[a];
            lp.add(lp.total(a).leq(cap / s));
        }
        match lp.for_shortcut().minimise(Expression::from(0.0), &[]) {
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
    match lp.for_shortcut().minimise(Expression::from(0.0), &[]) {
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

/// The bound at which ally `a` is held at level `t`: the level widened by the current
/// tolerance, relative to the level and, in money, to a mean year's budget. The money
/// part is what the solvers' own rounding is measured in; in index units it is larger
/// for an ally with a small fair share.
fn with_tolerance(inst: &Instance, a: usize, t: f64) -> f64 {
    let width = WIDTH.with(|w| w.get());
    let per_unit = inst.total / inst.m.max(1) as f64 / inst.fair[a];
    t * (1.0 + width) + width * per_unit.min(1e6)
}

/// The ally's burden index in a program. Rows of burden indices are written in index
/// units, so that the check of a solution against its constraints holds every ally to
/// the same accuracy in its index, however small its fair share.
fn index(lp: &Lp<'_>, a: usize) -> Expression {
    let inst = lp.inst;
    let per_unit = lp.scale / inst.fair[a];
    (lp.total(a) + inst.credit_total[a] / lp.scale) * per_unit
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
            lp.add(index(&lp, a).leq(with_tolerance(inst, a, theta)));
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
    let t = lp.add_var(0.0, f64::INFINITY);
    let rows: Vec<usize> = free.iter().map(|&a| lp.add(index(&lp, a).leq(t))).collect();
    let solved = lp.minimise_with_duals(t.into(), &[t], &rows)?;
    Ok((solved.extra[0], solved))
}

/// The free allies that may be unable to go below level `t`, read from the program that
/// found `t`. An interior-point solution lies near the centre of the optimal face, where
/// each ally either has room below `t` (a positive slack) or a positive dual (every
/// optimal plan holds it at `t`), not both; an ally whose dual outweighs its slack is a
/// candidate. Without duals (the simplex route) every free ally is. Only a candidate
/// can be fixed, and only once [`saturated_at`] has proven it.
fn complementary(inst: &Instance, free: &[usize], t: f64, solved: &Solved) -> Vec<usize> {
    let Some(duals) = &solved.duals else {
        return free.to_vec();
    };
    let candidates: Vec<usize> = free
        .iter()
        .zip(duals)
        .filter(|(&a, dual)| dual.abs() > (t - inst.beta(a, solved.totals[a])).max(0.0))
        .map(|(&a, _)| a)
        .collect();
    if candidates.is_empty() {
        free.to_vec()
    } else {
        candidates
    }
}

/// The allies among `candidates` that cannot go below level `t` while every other free
/// ally stays at or below it.
fn saturated_at(
    inst: &Instance,
    level: &[Option<f64>],
    free: &[usize],
    candidates: &[usize],
    t: f64,
) -> Result<Vec<usize>, LpError> {
    let mut candidates: Vec<usize> = candidates.to_vec();
    let mut last_slack = vec![0.0; inst.n];
    // The tolerance of every level (fixed, and t for the free allies) frees a little
    // money that one ally could take to show room it does not have.
    let scale = inst.total / inst.m.max(1) as f64;
    let held = (0..inst.n).filter_map(|a| Some((a, level[a]?)));
    let freed: f64 = held
        .chain(free.iter().map(|&a| (a, t)))
        .filter(|&(a, _)| inst.fair[a] > 0.0)
        .map(|(a, theta)| (with_tolerance(inst, a, theta) - theta) * inst.fair[a] / scale)
        .sum();
    let room = ROOM + 2.0 * freed;
    loop {
        let mut lp = base(inst, level);
        let s = lp.scale;
        let mut slacks = Vec::new();
        for &a in free {
            let mut beta = index(&lp, a);
            if candidates.contains(&a) {
                let slack = lp.add_var(0.0, 1.0);
                slacks.push((a, slack));
                beta += slack;
            }
            lp.add(beta.leq(with_tolerance(inst, a, t)));
        }
        let vars: Vec<_> = slacks.iter().map(|(_, v)| *v).collect();
        let objective: Expression = vars.iter().map(|v| Expression::from(*v) * -1.0).sum();
        let solved = lp.minimise(objective, &vars)?;
        let loose: Vec<usize> = slacks
            .iter()
            .zip(&solved.extra)
            .filter(|((a, _), value)| **value > SATURATED && **value * inst.fair[*a] / s > room)
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
