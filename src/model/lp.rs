//! Linear programs over the plan cells x[a][y]: the shared constraints (annual sums, ally
//! bounds, pledges, GDP caps, smoothing), built with good_lp; `route` decides which
//! solver sees them. Money is scaled by the mean annual budget so that the solver works
//! with numbers near one.

use good_lp::{
    variable, Constraint, Expression, ProblemVariables, Solution, SolverModel, Variable,
};

pub use super::route::{goes_to_interior_point, run, with_interior_point_above};
use super::route::{run_with, Verdict};
use super::Instance;

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
    // Where the bound without smoothing admits a schedule, it is the extreme: no program.
    let schedules = |total: f64| {
        (inst.lo[a]..=inst.hi[a]).contains(&total)
            && super::envelope::admits(
                &inst.cell_lo[a],
                &inst.cell_hi[a],
                delta * total / inst.m as f64,
                total,
            )
    };
    let lo = if schedules(simple.0) {
        simple.0
    } else {
        extreme(1.0).unwrap_or(simple.0).max(simple.0)
    };
    let hi = if !simple.1.is_finite() || schedules(simple.1) {
        simple.1
    } else {
        extreme(-1.0).unwrap_or(simple.1).min(simple.1)
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
