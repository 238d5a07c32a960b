//! A slow, simple reference for leximin: level by level, every free ally is tested on
//! its own ("can this ally's burden index go below the level?"), one program per ally.
//! Built directly on good_lp, independent of the planner's own model code.

use burden::model::Instance;
use good_lp::{microlp, variable, Expression, ProblemVariables, Solution, SolverModel, Variable};

struct Model {
    vars: ProblemVariables,
    x: Vec<Vec<Variable>>,
    rows: Vec<good_lp::Constraint>,
}

fn model(inst: &Instance, levels: &[Option<f64>]) -> Model {
    let mut vars = ProblemVariables::new();
    let x: Vec<Vec<Variable>> = (0..inst.n)
        .map(|a| {
            (0..inst.m)
                .map(|y| {
                    vars.add(
                        variable()
                            .min(inst.cell_lo[a][y])
                            .max(inst.cell_hi[a][y].max(inst.cell_lo[a][y])),
                    )
                })
                .collect()
        })
        .collect();
    let mut rows = Vec::new();
    for y in 0..inst.m {
        let sum: Expression = (0..inst.n).map(|a| Expression::from(x[a][y])).sum();
        rows.push(sum.eq(inst.annual_f[y]));
    }
    for a in 0..inst.n {
        let total: Expression = x[a].iter().map(|v| Expression::from(*v)).sum();
        rows.push(total.clone().geq(inst.lo[a]));
        if inst.hi[a].is_finite() {
            rows.push(total.clone().leq(inst.hi[a]));
        }
        if let Some(d) = inst.smoothing {
            for y in 1..inst.m {
                let change = Expression::from(x[a][y]) - x[a][y - 1];
                rows.push(change.clone().leq(total.clone() * (d / inst.m as f64)));
                rows.push((-change).leq(total.clone() * (d / inst.m as f64)));
            }
        }
        if inst.fair[a] <= 0.0 {
            rows.push(total.leq(inst.total_lo(a) + 1e-9));
        } else if let Some(t) = levels[a] {
            rows.push(total.leq(t * inst.fair[a] - inst.credit_total[a] + 1e-7));
        }
    }
    Model { vars, x, rows }
}

fn total_expr(x: &[Variable]) -> Expression {
    x.iter().map(|v| Expression::from(*v)).sum()
}

/// The leximin totals, or None when infeasible.
pub fn leximin(inst: &Instance) -> Option<Vec<f64>> {
    let conflict =
        (0..inst.n).any(|a| (0..inst.m).any(|y| inst.cell_lo[a][y] > inst.cell_hi[a][y] + 1e-9));
    if conflict {
        return None;
    }
    let mut levels: Vec<Option<f64>> = vec![None; inst.n];
    let mut totals = vec![0.0; inst.n];
    loop {
        let free: Vec<usize> = (0..inst.n)
            .filter(|&a| inst.fair[a] > 0.0 && levels[a].is_none())
            .collect();
        // The lowest common level of the free allies.
        let mut m = model(inst, &levels);
        let t = m.vars.add(variable().min(0.0));
        for &a in &free {
            let effort = total_expr(&m.x[a]) + inst.credit_total[a];
            m.rows.push(effort.leq(Expression::from(t) * inst.fair[a]));
        }
        let mut p = m.vars.minimise(t).using(microlp);
        for r in m.rows {
            p.add_constraint(r);
        }
        let s = p.solve().ok()?;
        for a in 0..inst.n {
            totals[a] = m.x[a].iter().map(|v| s.value(*v)).sum();
        }
        if free.is_empty() {
            return Some(totals);
        }
        let level = s.value(t);
        let mut fixed_any = false;
        for &a in &free {
            // Can ally a go below the level while the others stay at or below it?
            let mut m = model(inst, &levels);
            for &b in &free {
                let effort = total_expr(&m.x[b]) + inst.credit_total[b];
                m.rows.push(effort.leq(level * inst.fair[b] + 1e-7));
            }
            let own = total_expr(&m.x[a]);
            let mut p = m.vars.minimise(own.clone()).using(microlp);
            for r in m.rows {
                p.add_constraint(r);
            }
            let s = p.solve().ok()?;
            let lowest = (s.eval(&own) + inst.credit_total[a]) / inst.fair[a];
            if lowest >= level - 1e-7 {
                levels[a] = Some(level);
                fixed_any = true;
            }
        }
        if !fixed_any {
            return None;
        }
    }
}
