//! Linear programs over the plan cells x[a][y]: the shared constraints (annual sums, ally
//! bounds, pledges, GDP caps, smoothing) and a thin layer over good_lp. Money is scaled
//! by the mean annual budget so that the solver works with numbers near one.

use good_lp::{
    variable, Constraint, DualValues, Expression, IntoAffineExpression, ProblemVariables, Solution,
    SolutionWithDual, SolverModel, Variable,
};

use clarabel::solver::SolverStatus;

use super::Instance;

/// Programs with more variables than this go to the interior-point solver (clarabel);
/// smaller ones to the simplex solver (microlp), which is faster on them.
const LARGE: usize = 400;

fn lp_error(e: good_lp::ResolutionError) -> LpError {
    match e {
        good_lp::ResolutionError::Infeasible => LpError::Infeasible,
        other => LpError::Solver(other.to_string()),
    }
}

/// How the ally totals enter a program.
#[derive(Clone, Copy, Debug)]
pub enum Totals<'a> {
    /// Free, within [lo, hi]; smoothing is relative to the variable total.
    Free,
    /// Fixed to these values (phase 2).
    Fixed(&'a [f64]),
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum LpError {
    #[error("no plan satisfies every constraint")]
    Infeasible,
    #[error("the solver failed: {0}")]
    Solver(String),
}

/// A program under construction.
pub struct Lp<'a> {
    pub inst: &'a Instance,
    pub scale: f64,
    vars: ProblemVariables,
    rows: Vec<Row>,
    /// The pool's yearly amounts (empty without pool members).
    pool: Vec<Variable>,
    constraints: Vec<Constraint>,
    verdict: Verdict,
}

/// Whose "infeasible" a program takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    /// Only the simplex solver's: the answer may be reported to the user.
    Proof,
    /// Either solver's, and any failure of the interior-point solver counts as one:
    /// for a test whose "no" only gives up a shortcut.
    Shortcut,
}

impl std::fmt::Debug for Lp<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lp")
            .field("scale", &self.scale)
            .finish_non_exhaustive()
    }
}

/// The lowest and highest total an ally can have under its own constraints alone
/// (bounds, pledges, GDP caps and smoothing), ignoring the other allies.
pub fn own_range(inst: &Instance, a: usize) -> (f64, f64) {
    let simple = (inst.total_lo(a), inst.total_hi(a));
    let has_cells =
        inst.cell_lo[a].iter().any(|v| *v > 0.0) || inst.cell_hi[a].iter().any(|v| v.is_finite());
    let Some(delta) = inst.smoothing.filter(|_| has_cells && inst.m > 1) else {
        return simple;
    };
    let scale = (inst.total / inst.m as f64).max(1e-12);
    let extreme = |sense: f64| -> Option<f64> {
        let mut vars = ProblemVariables::new();
        let x: Vec<Variable> = (0..inst.m)
            .map(|y| {
                let lo = inst.cell_lo[a][y] / scale;
                vars.add(
                    variable()
                        .min(lo)
                        .max((inst.cell_hi[a][y] / scale).max(lo).min(1e6)),
                )
            })
            .collect();
        let total: Expression = x.iter().copied().map(Expression::from).sum();
        let mut model = vars.minimise(total.clone() * sense).using(good_lp::microlp);
        model.add_constraint(total.clone().geq(inst.lo[a] / scale));
        if inst.hi[a].is_finite() {
            model.add_constraint(total.clone().leq(inst.hi[a] / scale));
        }
        for y in 1..inst.m {
            let change = Expression::from(x[y]) - x[y - 1];
            let bound = total.clone() * (delta / inst.m as f64);
            model.add_constraint(change.clone().leq(bound.clone()));
            model.add_constraint(change.geq(-bound));
        }
        let solution = model.solve().ok()?;
        Some(solution.eval(&total) * scale)
    };
    let lo = extreme(1.0).unwrap_or(simple.0).max(simple.0);
    let hi = if simple.1.is_finite() {
        extreme(-1.0).unwrap_or(simple.1).min(simple.1)
    } else {
        simple.1
    };
    (lo, hi.max(lo))
}

/// Values of a solved program, in money (unscaled).
#[derive(Debug)]
pub struct Solved {
    /// Each ally's total.
    pub totals: Vec<f64>,
    pub extra: Vec<f64>,
    pub objective: f64,
    /// Duals of the requested constraints, when the interior-point solver solved it.
    pub duals: Option<Vec<f64>>,
}

/// Whether an ally can join the pool of a phase-1 program: nothing acts on its single
/// years but smoothing (no pledge, no GDP cap, no fixed cell, no reference plan).
pub fn poolable(inst: &Instance, a: usize) -> bool {
    inst.reference.is_none()
        && (0..inst.m).all(|y| {
            inst.cell_lo[a][y] <= 0.0
                && inst.cell_hi[a][y] == f64::INFINITY
                && inst.fixed[a][y].is_none()
        })
}

/// How an ally enters a program: its own cells, or only its total (a pool member).
#[derive(Clone, Debug)]
enum Row {
    Cells(Vec<Variable>),
    Pooled(Variable),
}

impl<'a> Lp<'a> {
    /// The cells with their bounds and every shared constraint. With free totals, the
    /// allies that [`poolable`] admits share one row of yearly amounts (the pool) and
    /// enter with their totals alone: any plan can give each of them the pool's shape
    /// without breaking a constraint, so the program allows exactly the same totals.
    pub fn new(inst: &'a Instance, totals: Totals<'_>) -> Lp<'a> {
        let scale = (inst.total / inst.m.max(1) as f64).max(1e-12);
        let mut vars = ProblemVariables::new();
        let free = matches!(totals, Totals::Free);
        let mut rows = Vec::with_capacity(inst.n);
        for a in 0..inst.n {
            if free && poolable(inst, a) {
                let hi = if inst.hi[a].is_finite() {
                    inst.hi[a] / scale
                } else {
                    f64::INFINITY
                };
                rows.push(Row::Pooled(
                    vars.add(variable().min(inst.lo[a] / scale).max(hi)),
                ));
                continue;
            }
            let fixed_zero = matches!(totals, Totals::Fixed(t) if t[a] <= 0.0);
            let row = (0..inst.m)
                .map(|y| {
                    let lo = inst.cell_lo[a][y] / scale;
                    let hi = (inst.cell_hi[a][y].min(inst.hi[a]) / scale).max(lo);
                    let hi = if fixed_zero || inst.annual_f[y] <= 0.0 {
                        lo
                    } else {
                        hi
                    };
                    vars.add(variable().min(lo).max(hi))
                })
                .collect();
            rows.push(Row::Cells(row));
        }
        let pooled = rows.iter().any(|r| matches!(r, Row::Pooled(_)));
        let pool = if pooled {
            (0..inst.m)
                .map(|y| {
                    let hi = if inst.annual_f[y] <= 0.0 {
                        0.0
                    } else {
                        f64::INFINITY
                    };
                    vars.add(variable().min(0.0).max(hi))
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut lp = Lp {
            inst,
            scale,
            vars,
            rows,
            pool,
            constraints: Vec::new(),
            verdict: Verdict::Proof,
        };
        lp.shared_constraints(totals);
        lp.pool_constraints();
        lp
    }

    /// Takes "infeasible" (or any trouble) from the interior-point solver without the
    /// simplex solver's confirmation. Only for a test whose "no" merely gives up a
    /// shortcut and can never become a verdict on the scenario.
    pub fn for_shortcut(mut self) -> Self {
        self.verdict = Verdict::Shortcut;
        self
    }

    /// The number of variables so far.
    pub fn size(&self) -> usize {
        self.vars.len()
    }

    /// The ally's total, in scaled money.
    pub fn total(&self, a: usize) -> Expression {
        match &self.rows[a] {
            Row::Cells(cells) => cells.iter().copied().map(Expression::from).sum(),
            Row::Pooled(total) => Expression::from(*total),
        }
    }

    pub fn add_var(&mut self, lo: f64, hi: f64) -> Variable {
        self.vars.add(variable().min(lo).max(hi))
    }

    /// Adds a constraint and returns its number (for [`Lp::minimise_with_duals`]).
    pub fn add(&mut self, constraint: Constraint) -> usize {
        self.constraints.push(constraint);
        self.constraints.len() - 1
    }

    fn shared_constraints(&mut self, totals: Totals<'_>) {
        let inst = self.inst;
        let s = self.scale;
        for y in 0..inst.m {
            let mut sum: Expression = self
                .pool
                .get(y)
                .copied()
                .map_or(0.0.into(), Expression::from);
            for row in &self.rows {
                if let Row::Cells(cells) = row {
                    sum += cells[y];
                }
            }
            self.add(sum.eq(inst.annual_f[y] / s));
        }
        for a in 0..inst.n {
            let Row::Cells(cells) = self.rows[a].clone() else {
                continue;
            };
            let total = self.total(a);
            match totals {
                Totals::Free => {
                    if inst.lo[a] > 0.0 {
                        self.add(total.clone().geq(inst.lo[a] / s));
                    }
                    if inst.hi[a].is_finite() {
                        self.add(total.clone().leq(inst.hi[a] / s));
                    }
                }
                Totals::Fixed(t) => {
                    self.add(total.clone().eq(t[a] / s));
                }
            }
            let Some(delta) = inst.smoothing else {
                continue;
            };
            let bound: Expression = match totals {
                Totals::Free => total * (delta / inst.m as f64),
                Totals::Fixed(t) => Expression::from(t[a] / s * delta / inst.m as f64),
            };
            self.smooth(&cells, &bound);
        }
    }

    /// The pool's row sums to its members' totals and is smooth relative to that sum.
    fn pool_constraints(&mut self) {
        if self.pool.is_empty() {
            return;
        }
        let members: Expression = (0..self.inst.n)
            .filter(|&a| matches!(self.rows[a], Row::Pooled(_)))
            .map(|a| self.total(a))
            .sum();
        let row: Expression = self.pool.iter().copied().map(Expression::from).sum();
        self.add(row.eq(members.clone()));
        if let Some(delta) = self.inst.smoothing {
            let pool = self.pool.clone();
            self.smooth(&pool, &(members * (delta / self.inst.m as f64)));
        }
    }

    fn smooth(&mut self, cells: &[Variable], bound: &Expression) {
        for y in 1..cells.len() {
            let change = Expression::from(cells[y]) - cells[y - 1];
            self.add(change.clone().leq(bound.clone()));
            self.add(change.geq(-bound.clone()));
        }
    }

    /// Minimises `objective` (scaled) and returns the allies' totals in money and the
    /// values of `extra` variables.
    pub fn minimise(self, objective: Expression, extra: &[Variable]) -> Result<Solved, LpError> {
        self.minimise_with_duals(objective, extra, &[])
    }

    /// As [`Lp::minimise`], and the duals of the constraints numbered `rows` (as
    /// [`Lp::add`] returned them) when the interior-point solver solved the program.
    pub fn minimise_with_duals(
        self,
        objective: Expression,
        extra: &[Variable],
        rows: &[usize],
    ) -> Result<Solved, LpError> {
        let totals: Vec<Expression> = (0..self.inst.n).map(|a| self.total(a)).collect();
        let Lp {
            scale,
            vars,
            constraints,
            verdict,
            ..
        } = self;
        let outcome = run_with(vars, objective, constraints, extra, &totals, rows, verdict)?;
        Ok(Solved {
            totals: outcome.exprs.iter().map(|t| t * scale).collect(),
            extra: outcome.values,
            objective: outcome.objective,
            duals: outcome.duals,
        })
    }
}

/// What a solved program gives back: values of wanted variables, the objective, values
/// of expressions and, when the interior-point solver solved it, the duals of the
/// requested constraints.
#[derive(Debug)]
struct Outcome {
    values: Vec<f64>,
    objective: f64,
    exprs: Vec<f64>,
    duals: Option<Vec<f64>>,
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

/// Solves a program: the interior-point solver for large ones, the simplex solver for
/// small ones. Only the simplex solver's verdict of infeasibility is taken: when the
/// interior-point solver reports infeasibility, numerical trouble, a solution short of
/// full accuracy or one that breaks a constraint, the simplex solver solves the same
/// program again and decides. A simplex answer that breaks a constraint is a solver
/// failure, never a plan.
fn run_with(
    vars: ProblemVariables,
    objective: Expression,
    constraints: Vec<Constraint>,
    wanted: &[Variable],
    exprs: &[Expression],
    dual_rows: &[usize],
    verdict: Verdict,
) -> Result<Outcome, LpError> {
    fn read<S: Solution>(s: &S, w: &[Variable], o: &Expression, e: &[Expression]) -> Outcome {
        Outcome {
            values: w.iter().map(|v| s.value(*v)).collect(),
            objective: s.eval(o),
            exprs: e.iter().map(|e| s.eval(e)).collect(),
            duals: None,
        }
    }
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
    let mut model = vars.minimise(objective.clone()).using(good_lp::microlp);
    for c in constraints.iter().cloned() {
        model.add_constraint(c);
    }
    let solution = model.solve().map_err(lp_error)?;
    if violation(&solution, &constraints) > BROKEN {
        return Err(LpError::Solver(
            "the simplex solver's answer breaks one of its own constraints".into(),
        ));
    }
    Ok(read(&solution, wanted, &objective, exprs))
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
