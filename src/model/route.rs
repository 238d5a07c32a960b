//! Which solver sees a program, and which of its answers are taken: the interior-point
//! solver (clarabel) for large programs, the simplex solver (microlp) for small ones and
//! whenever the interior-point answer is not taken; every answer checked against its
//! own constraints; "infeasible" only from the simplex solver, except for shortcut tests.

use clarabel::solver::SolverStatus;
use good_lp::{
    Constraint, DualValues, Expression, IntoAffineExpression, ProblemVariables, Solution,
    SolutionWithDual, SolverModel, Variable,
};

use super::lp::LpError;

/// Programs with more variables than this go to the interior-point solver (clarabel);
/// smaller ones to the simplex solver (microlp), which is faster on them.
const LARGE: usize = 400;

fn lp_error(e: good_lp::ResolutionError) -> LpError {
    match e {
        good_lp::ResolutionError::Infeasible => LpError::Infeasible,
        other => LpError::Solver(other.to_string()),
    }
}

/// Whose "infeasible" a program takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Verdict {
    /// Only the simplex solver's: the answer may be reported to the user.
    Proof,
    /// Either solver's, and any failure of the interior-point solver counts as one:
    /// for a test whose "no" only gives up a shortcut.
    Shortcut,
}

/// What a solved program gives back: values of wanted variables, the objective, values
/// of expressions and, when the interior-point solver solved it, the duals of the
/// requested constraints.
#[derive(Debug)]
pub(super) struct Outcome {
    pub(super) values: Vec<f64>,
    pub(super) objective: f64,
    pub(super) exprs: Vec<f64>,
    pub(super) duals: Option<Vec<f64>>,
}

/// Solves a program and returns the values of `wanted` and the objective.
pub fn run(
    vars: ProblemVariables,
    objective: Expression,
    constraints: Vec<Constraint>,
    wanted: &[Variable],
) -> Result<(Vec<f64>, f64), LpError> {
    run_with(
        vars,
        objective,
        constraints,
        wanted,
        &[],
        &[],
        Verdict::Proof,
    )
    .map(|o| (o.values, o.objective))
}

/// How far a solver's answer may break one of its constraints (written in money scaled
/// by a mean year's budget, or in burden-index units) before it is not taken: above
/// either solver's own tolerance, far below a unit of money.
const BROKEN: f64 = 1e-7;

/// The largest amount by which a solution breaks one of the constraints, each measured
/// against the size of its row (its largest coefficient, at least one), as a solver's
/// own tolerances are.
fn violation<S: Solution>(solution: &S, constraints: &[Constraint]) -> f64 {
    constraints
        .iter()
        .map(|c| {
            let expression = c.expression();
            let v = expression.eval_with(solution);
            let broken = if c.is_equality() { v.abs() } else { v.max(0.0) };
            let size = expression
                .linear_coefficients()
                .map(|(_, k)| k.abs())
                .fold(1.0, f64::max);
            broken / size
        })
        .fold(0.0, f64::max)
}

/// The values of a solution: of the wanted variables, the objective and the expressions.
fn read<S: Solution>(s: &S, w: &[Variable], o: &Expression, e: &[Expression]) -> Outcome {
    Outcome {
        values: w.iter().map(|v| s.value(*v)).collect(),
        objective: s.eval(o),
        exprs: e.iter().map(|e| s.eval(e)).collect(),
        duals: None,
    }
}

/// Solves a program: the interior-point solver for large ones, the simplex solver for
/// small ones. Only the simplex solver's verdict of infeasibility is taken: when the
/// interior-point solver reports infeasibility, numerical trouble, a solution short of
/// full accuracy or one that breaks a constraint, the simplex solver solves the same
/// program again and decides. A simplex answer that breaks a constraint is a solver
/// failure, never a plan.
pub(super) fn run_with(
    vars: ProblemVariables,
    objective: Expression,
    constraints: Vec<Constraint>,
    wanted: &[Variable],
    exprs: &[Expression],
    dual_rows: &[usize],
    verdict: Verdict,
) -> Result<Outcome, LpError> {
    if vars.len() > large() {
        let mut model = vars
            .clone()
            .minimise(objective.clone())
            .using(good_lp::clarabel);
        model
            .settings()
            .tol_gap_abs(1e-9)
            .tol_gap_rel(1e-9)
            .tol_feas(1e-9)
            .reduced_tol_gap_abs(1e-7)
            .reduced_tol_gap_rel(1e-7)
            .reduced_tol_feas(1e-7)
            .max_iter(400);
        let refs: Vec<_> = constraints
            .iter()
            .cloned()
            .map(|c| model.add_constraint(c))
            .collect();
        let r = model.solve();
        if verdict == Verdict::Shortcut && r.is_err() {
            return Err(LpError::Infeasible);
        }
        if let Ok(mut solution) = r {
            let accurate = matches!(
                solution.inner().status,
                SolverStatus::Solved | SolverStatus::AlmostSolved
            );
            if accurate && violation(&solution, &constraints) <= BROKEN {
                let mut outcome = read(&solution, wanted, &objective, exprs);
                let duals = solution.compute_dual();
                outcome.duals = Some(
                    dual_rows
                        .iter()
                        .map(|&r| duals.dual(refs[r].clone()))
                        .collect(),
                );
                return Ok(outcome);
            }
        }
    }
    let mut model = vars
        .clone()
        .minimise(objective.clone())
        .using(good_lp::microlp);
    for c in constraints.iter().cloned() {
        model.add_constraint(c);
    }
    let solution = match model.solve() {
        Ok(solution) => solution,
        Err(good_lp::ResolutionError::Infeasible) => return Err(LpError::Infeasible),
        Err(e) => return after_simplex_failure(vars, &objective, &constraints, wanted, exprs, e),
    };
    if violation(&solution, &constraints) > BROKEN {
        return Err(LpError::Solver(
            "the simplex solver's answer breaks one of its own constraints".into(),
        ));
    }
    Ok(read(&solution, wanted, &objective, exprs))
}

/// The simplex solver stopped without a verdict (a singular basis): whether the
/// program is feasible at all is asked of it again with no objective, a simpler program
/// it settles. "Infeasible" there is a simplex proof; a feasible program is then solved
/// by the interior-point solver, whose answer is taken only when it is accurate and
/// keeps every constraint. Otherwise the failure stands.
fn after_simplex_failure(
    vars: ProblemVariables,
    objective: &Expression,
    constraints: &[Constraint],
    wanted: &[Variable],
    exprs: &[Expression],
    failure: good_lp::ResolutionError,
) -> Result<Outcome, LpError> {
    let mut feasibility = vars
        .clone()
        .minimise(Expression::from(0.0))
        .using(good_lp::microlp);
    for c in constraints.iter().cloned() {
        feasibility.add_constraint(c);
    }
    match feasibility.solve() {
        Err(good_lp::ResolutionError::Infeasible) => return Err(LpError::Infeasible),
        Err(_) => return Err(lp_error(failure)),
        Ok(_) => {}
    }
    let mut model = vars.minimise(objective.clone()).using(good_lp::clarabel);
    for c in constraints.iter().cloned() {
        model.add_constraint(c);
    }
    match model.solve() {
        Ok(solution)
            if solution.inner().status == SolverStatus::Solved
                && violation(&solution, constraints) <= BROKEN =>
        {
            Ok(read(&solution, wanted, objective, exprs))
        }
        _ => Err(lp_error(failure)),
    }
}

thread_local! {
    static SWITCH: std::cell::Cell<usize> = const { std::cell::Cell::new(LARGE) };
}

/// Whether a program of `size` variables goes to the interior-point solver first.
pub fn goes_to_interior_point(size: usize) -> bool {
    size > large()
}

/// The size above which programs go to the interior-point solver, on this thread.
fn large() -> usize {
    SWITCH.with(std::cell::Cell::get)
}

/// Runs `f` with programs of more than `size` variables sent to the interior-point
/// solver on this thread (instead of more than 400), so that tests reach that route
/// with small scenarios. Routing changes no result beyond solver tolerance.
#[doc(hidden)]
pub fn with_interior_point_above<R>(size: usize, f: impl FnOnce() -> R) -> R {
    struct Restore(usize);
    impl Drop for Restore {
        fn drop(&mut self) {
            SWITCH.with(|s| s.set(self.0));
        }
    }
    let _restore = Restore(SWITCH.with(|s| s.replace(size)));
    f()
}
