//! Linear programs over the plan cells x[a][y]: the shared constraints (annual sums, ally
//! bounds, pledges, GDP caps, smoothing) and a thin layer over good_lp. Money is scaled
//! by the mean annual budget so that the solver works with numbers near one.

use good_lp::{
    variable, Constraint, Expression, ProblemVariables, Solution, SolverModel, Variable,
};

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
        let mut model = vars.minimise(objective.clone()).using(good_lp::microlp);
        for c in constraints {
            model.add_constraint(c);
        }
        let solution = model.solve().map_err(|e| match e {
            good_lp::ResolutionError::Infeasible => LpError::Infeasible,
            other => LpError::Solver(other.to_string()),
        })?;
        Ok(Solved {
            x: x.iter()
                .map(|row| row.iter().map(|v| solution.value(*v) * scale).collect())
                .collect(),
            extra: extra.iter().map(|v| solution.value(*v)).collect(),
            objective: solution.eval(&objective),
        })
    }
}
