//! The whole pipeline: scenario → instance → phases 1–2 → controlled rounding → plan →
//! verification. Failures come back as plain-words diagnoses.

use itertools::Itertools;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::binding::Binding;
use crate::diagnose::{counting, diagnose};
use crate::model::lp::LpError;
use crate::model::Instance;
use crate::money::Money;
use crate::plan::{by_year, AgreedBudget, AllyPlan, BudgetOut, Metrics, Plan, PlanNotes};
use crate::rounding::{round_partly_fixed, Repair};
use crate::scenario::{Participation, Scenario};
use crate::solve::{solve_real, RealPlan};
use crate::verify::verify;

/// Why no plan came out.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// No plan satisfies the scenario; each reason is a sentence naming the data.
    #[error("the scenario is infeasible:\n{}", bullet(.0))]
    Infeasible(Vec<String>),
    /// No rounding of the real plan to multiples of the unit keeps every year's budget
    /// and every bound (amounts already given with fractions of the unit can leave an
    /// ally a remainder no whole number of units fills).
    #[error("the plan cannot be rounded to the unit:\n{}", bullet(.0))]
    Unroundable(Vec<String>),
    /// The final plan broke a constraint (a defect, never silent).
    #[error("the plan failed verification:\n{}", bullet(.0))]
    Verification(Vec<String>),
    #[error("the solver failed: {0}")]
    Solver(String),
}

fn bullet(lines: &[String]) -> String {
    lines.iter().map(|l| format!("  - {l}")).join("\n")
}

/// Solves a scenario into a verified plan.
pub fn plan(scenario: &Scenario) -> Result<Plan, PlanError> {
    let inst = Instance::new(scenario).map_err(|e| PlanError::Infeasible(vec![e.to_string()]))?;
    plan_instance(scenario, &inst)
}

/// Solves an instance built from `scenario` (possibly adjusted, e.g. with past years
/// fixed) into a verified plan.
pub fn plan_instance(scenario: &Scenario, inst: &Instance) -> Result<Plan, PlanError> {
    // Bounds whose sums cannot meet a budget are a proof on their own: said before any
    // solver runs (a solver can miss it when fixed cells are fractional).
    if !counting(scenario, inst).is_empty() {
        return Err(PlanError::Infeasible(diagnose(scenario, inst)));
    }
    let real = match solve_real(inst, scenario.objective) {
        Ok(real) => real,
        Err(LpError::Infeasible) => return Err(PlanError::Infeasible(diagnose(scenario, inst))),
        Err(LpError::Solver(e)) => return Err(PlanError::Solver(e)),
    };
    let cells = round(scenario, inst, &real)?;
    let plan = assemble(scenario, inst, &real, &cells);
    let problems = verify(scenario, inst, &cells);
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(PlanError::Verification(problems))
    }
}

/// Phase 3 with the scenario's hard bounds; cells in instance order.
fn round(
    scenario: &Scenario,
    inst: &Instance,
    real: &RealPlan,
) -> Result<Vec<Vec<Money>>, PlanError> {
    let cells: Vec<Vec<Money>> = real
        .x
        .iter()
        .map(|row| row.iter().map(|v| Money::from_f64(v.max(0.0))).collect())
        .collect();
    let reference = inst.reference.as_deref();
    let mut rounded = round_partly_fixed(
        &cells,
        &inst.fixed,
        &inst.annual,
        inst.unit,
        &inst.exact,
        reference,
    )
    .map_err(|e| PlanError::Unroundable(vec![e.to_string()]))?;
    if let Some(delta) = scenario.smoothing {
        let repair = Repair::new(&cells, &inst.fixed, inst.unit, delta, &inst.exact);
        repair.run(&mut rounded);
    }
    Ok(rounded)
}

fn assemble(scenario: &Scenario, inst: &Instance, real: &RealPlan, cells: &[Vec<Money>]) -> Plan {
    let fair_sum: f64 = inst.fair.iter().sum();
    let mut allies: Vec<AllyPlan> = Vec::with_capacity(inst.n);
    for (a, ally) in scenario.allies.iter().enumerate() {
        let total: Money = cells[a].iter().sum();
        let credited: Money = if scenario.credit_cap.is_some() || inst.agreed.is_some() {
            Money::from_f64(inst.credit_total[a]).round_dp(2)
        } else {
            (0..inst.m).map(|y| scenario.credited(ally, y)).sum()
        };
        let fair = inst.fair[a];
        // The burden index of the figures the plan states (the fair effort to cents), so
        // that a reader, or a spreadsheet's formula, gets it from them exactly.
        let stated = Money::from_f64(fair).round_dp(2);
        let divisor = if stated.is_zero() {
            fair
        } else {
            stated.to_f64()
        };
        let burden_index = (fair > 0.0).then(|| (total.to_f64() + credited.to_f64()) / divisor);
        let gdp: Option<Money> = (0..inst.m).map(|y| scenario.gdp_money(ally, y)).sum();
        allies.push(AllyPlan {
            id: ally.id.clone(),
            name: ally.name.clone(),
            key_share: if fair_sum > 0.0 { fair / fair_sum } else { 0.0 },
            fair_effort: stated,
            bilateral: ally.bilateral.iter().sum::<Money>().normalized(),
            credited_bilateral: credited.normalized(),
            contributions: scenario
                .years
                .iter()
                .zip(&cells[a])
                .map(|(y, v)| (*y, v.normalized()))
                .collect(),
            total: total.normalized(),
            burden_index,
            binding: binding(scenario, inst, real, a),
            gdp_pct: gdp
                .filter(|g| !g.is_zero())
                .map(|g| total.to_f64() / g.to_f64() * 100.0),
            credit_rate: ally.credit,
        });
    }
    let indices: Vec<f64> = allies.iter().filter_map(|a| a.burden_index).collect();
    Plan {
        scenario: scenario.title.clone(),
        currency: scenario.currency.clone(),
        unit: scenario.unit.clone(),
        years: scenario.years.clone(),
        objective: scenario.objective.name().to_string(),
        budget: budget_out(scenario, inst),
        allies,
        metrics: Metrics {
            max_burden_index: indices
                .iter()
                .copied()
                .fold(f64::NEG_INFINITY, f64::max)
                .max(0.0),
            min_burden_index: indices
                .iter()
                .copied()
                .fold(f64::INFINITY, f64::min)
                .min(f64::MAX),
            schedule_deviation: real.deviation,
        },
        notes: notes(scenario),
    }
}

/// The fund's budget; with credit that reduces the fund, also the agreed budget before it.
fn budget_out(scenario: &Scenario, inst: &Instance) -> BudgetOut {
    let by_year = |values: &[Money]| by_year(&scenario.years, values);
    let total: Money = inst.annual.iter().sum();
    BudgetOut {
        total: total.normalized(),
        annual: by_year(&inst.annual),
        agreed: inst.agreed.as_ref().map(|agreed| {
            let sum: Money = agreed.iter().sum();
            AgreedBudget {
                total: sum.normalized(),
                annual: by_year(agreed),
                credit: (sum - total).normalized(),
            }
        }),
    }
}

fn notes(scenario: &Scenario) -> PlanNotes {
    PlanNotes {
        credit_rate: scenario.bilateral_credit,
        credit_cap: scenario.credit_cap,
        credit_effect: scenario.credit_effect,
        key: scenario.key.clone(),
        profile: scenario.profile.clone(),
        rounding: scenario.rounding.normalized(),
        smoothing: scenario.smoothing,
    }
}

/// The constraints that hold with equality in the real plan, for the explanation column.
pub(crate) fn binding(
    scenario: &Scenario,
    inst: &Instance,
    real: &RealPlan,
    a: usize,
) -> Vec<Binding> {
    let tol = 1e-6 * (inst.total / inst.m.max(1) as f64).max(1.0);
    let total = real.totals[a];
    let mut out = Vec::new();
    if inst.lo[a] > 0.0 && total <= inst.lo[a] + tol {
        out.push(Binding::Min);
    }
    if inst.hi[a].is_finite() && total >= inst.hi[a] - tol {
        out.push(Binding::Max);
    }
    for (y, &year) in scenario.years.iter().enumerate() {
        let x = real.x[a][y];
        let free = inst.fixed[a][y].is_none();
        if free && inst.cell_lo[a][y] > 0.0 && x <= inst.cell_lo[a][y] + tol {
            out.push(Binding::Pledged(year));
        }
        if free && inst.cell_hi[a][y].is_finite() && x >= inst.cell_hi[a][y] - tol {
            out.push(Binding::GdpCap(year));
        }
        if let (Some(d), true) = (inst.smoothing, y > 0) {
            let bound = d * total / inst.m as f64;
            if total > tol && (x - real.x[a][y - 1]).abs() >= bound - tol {
                out.push(Binding::Smoothing(year));
            }
        }
    }
    if inst.fair[a] > 0.0 && total <= tol && inst.credit_total[a] > 0.0 {
        out.push(Binding::CreditCoversShare);
    }
    let share_at = |bound: Option<Decimal>| {
        bound
            .and_then(|b| b.to_f64())
            .is_some_and(|b| inst.shares[a].iter().any(|s| (s - b).abs() < 1e-12))
    };
    if share_at(scenario.key.floor) {
        out.push(Binding::KeyFloor);
    }
    if share_at(scenario.key.ceiling) {
        out.push(Binding::KeyCeiling);
    }
    let uncapped: f64 = inst.credit_uncapped[a].iter().sum();
    if inst.credit_total[a] < uncapped - tol {
        if scenario.credit_cap.is_some() {
            out.push(Binding::CreditCap);
        } else if inst.agreed.is_some() && total > tol {
            // Credit that reduces the fund counts each year at most up to the fair share
            // of that year: an ally paying nothing has its whole share covered (said
            // above); another has it covered in the years where the credit was cut.
            for (y, &year) in scenario.years.iter().enumerate() {
                if inst.credited[a][y] < inst.credit_uncapped[a][y] - tol {
                    out.push(Binding::CreditCoversYear(year));
                }
            }
        }
    }
    match scenario.allies[a].participation {
        Participation::OptOut => out.push(Binding::OptOut),
        Participation::Abstain => out.push(Binding::SeparateEnvelope),
        Participation::Full => {}
    }
    out
}
