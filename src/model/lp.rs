//! Linear programs over the plan cells x[a][y]: the shared constraints (annual sums, ally
//! bounds, pledges, GDP caps, smoothing) and a thin layer over good_lp. Money is scaled
//! by the mean annual budget so that the solver works with numbers near one.

use good_lp::{
    variable, Constraint, Expression, ProblemVariables, Solution, SolverModel, Variable,
};

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
    pub x: Vec<Vec<Variable>>,
    constraints: Vec<Constraint>,
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
    pub x: Vec<Vec<f64>>,
    pub extra: Vec<f64>,
    pub objective: f64,
}

impl<'a> Lp<'a> {
    /// The cells with their bounds and every shared constraint.
    pub fn new(inst: &'a Instance, totals: Totals<'_>) -> Lp<'a> {
        let scale = (inst.total / inst.m.max(1) as f64).max(1e-12);
        let mut vars = ProblemVariables::new();
        let mut x = Vec::with_capacity(inst.n);
        for a in 0..inst.n {
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
            x.push(row);
        }
        let mut lp = Lp {
            inst,
            scale,
            vars,
            x,
            constraints: Vec::new(),
        };
        lp.shared_constraints(totals);
        lp
    }

    /// Σ_y x[a][y], in scaled money.
    pub fn total(&self, a: usize) -> Expression {
        self.x[a].iter().copied().map(Expression::from).sum()
    }

    pub fn add_var(&mut self, lo: f64, hi: f64) -> Variable {
        self.vars.add(variable().min(lo).max(hi))
    }

    pub fn add(&mut self, constraint: Constraint) {
        self.constraints.push(constraint);
    }

    fn shared_constraints(&mut self, totals: Totals<'_>) {
        let inst = self.inst;
        let s = self.scale;
        for y in 0..inst.m {
            let sum: Expression = (0..inst.n).map(|a| Expression::from(self.x[a][y])).sum();
            self.add(sum.eq(inst.annual_f[y] / s));
        }
        for a in 0..inst.n {
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
                Totals::Fixed(t) => self.add(total.clone().eq(t[a] / s)),
            }
            let Some(delta) = inst.smoothing else {
                continue;
            };
            let bound: Expression = match totals {
                Totals::Free => total * (delta / inst.m as f64),
                Totals::Fixed(t) => Expression::from(t[a] / s * delta / inst.m as f64),
            };
            for y in 1..inst.m {
                let change = Expression::from(self.x[a][y]) - self.x[a][y - 1];
                self.add(change.clone().leq(bound.clone()));
                self.add(change.geq(-bound.clone()));
            }
        }
    }

    /// Minimises `objective` (scaled) and returns cells in money and `extra` variables.
    pub fn minimise(self, objective: Expression, extra: &[Variable]) -> Result<Solved, LpError> {
        let Lp {
            scale,
            vars,
            x,
            constraints,
            ..
        } = self;
        let wanted: Vec<Variable> = x.iter().flatten().chain(extra).copied().collect();
        let (values, objective) = run(vars, objective, constraints, &wanted)?;
        let m = x.first().map_or(0, Vec::len);
        let cells = x.len() * m;
        Ok(Solved {
            x: values[..cells]
                .chunks(m.max(1))
                .map(|row| row.iter().map(|v| v * scale).collect())
                .collect(),
            extra: values[cells..].to_vec(),
            objective,
        })
    }
}

/// Solves a program: the interior-point solver for large ones (the simplex solver
/// decides when it reports numerical trouble), the simplex solver for small ones.
/// Returns the values of `wanted` and the objective.
pub fn run(
    vars: ProblemVariables,
    objective: Expression,
    constraints: Vec<Constraint>,
    wanted: &[Variable],
) -> Result<(Vec<f64>, f64), LpError> {
    fn read<S: Solution>(s: &S, wanted: &[Variable], objective: &Expression) -> (Vec<f64>, f64) {
        (
            wanted.iter().map(|v| s.value(*v)).collect(),
            s.eval(objective),
        )
    }
    if vars.len() > LARGE {
        let mut model = vars
            .clone()
            .minimise(objective.clone())
            .using(good_lp::clarabel);
        for c in constraints.iter().cloned() {
            model.add_constraint(c);
        }
        match model.solve().map_err(lp_error) {
            Err(LpError::Solver(_)) => {}
            result => return result.map(|s| read(&s, wanted, &objective)),
        }
    }
    let mut model = vars.minimise(objective.clone()).using(good_lp::microlp);
    for c in constraints {
        model.add_constraint(c);
    }
    model
        .solve()
        .map(|s| read(&s, wanted, &objective))
        .map_err(lp_error)
}
