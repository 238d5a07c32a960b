//! Re-planning: the past years fixed at what was delivered, the remaining years planned
//! again so that the total budget is still reached exactly.
//!
//! - `carry` (default): the whole horizon is solved again with the past cells fixed, so
//!   fairness is measured over the whole horizon: an ally that fell short is asked for
//!   more in the remaining years, within its constraints, and what it cannot carry is
//!   spread fairly over the others; an ally that delivered more is asked for less.
//! - `forgive`: the past stands as delivered, and the remaining budget is shared fairly
//!   over the remaining years only, as if the plan started now.

mod diagnose;
mod horizon;
mod result;

use crate::actuals::Actuals;
use crate::model::Instance;
use crate::money::{group_thousands, Money};
use crate::plan::Plan;
use crate::planner::{plan_instance, PlanError};
use crate::scenario::{CreditEffect, Scenario};

pub use result::{AllyReplan, Replan, ReplanBudget, ReplanMetrics};

/// How the past enters the re-plan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Policy {
    #[default]
    Carry,
    Forgive,
}

impl Policy {
    pub fn parse(text: &str) -> Option<Policy> {
        match text {
            "carry" => Some(Policy::Carry),
            "forgive" => Some(Policy::Forgive),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Policy::Carry => "carry",
            Policy::Forgive => "forgive",
        }
    }
}

/// Why no re-plan came out.
#[derive(Debug, thiserror::Error)]
pub enum ReplanError {
    /// The actuals cover every year: there is nothing left to plan.
    #[error(
        "the actuals cover every year of the scenario (through {0}): nothing is left to re-plan"
    )]
    NothingLeft(i32),
    /// No re-plan satisfies the constraints; each reason is a sentence naming the data.
    #[error("the re-plan is infeasible:\n{}", bullet(.0))]
    Infeasible(Vec<String>),
    /// The planner failed on the re-plan's program: its verification caught a broken
    /// constraint (a defect, never silent) or the solver failed.
    #[error(transparent)]
    Plan(PlanError),
}

fn bullet(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| format!("  - {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn show(m: Money) -> String {
    group_thousands(m.round_dp(2), ' ')
}

/// Re-plans the remaining years of `scenario` after `actuals`; `plan` is the original
/// plan of the scenario (allies in scenario order).
pub fn replan(
    scenario: &Scenario,
    plan: &Plan,
    actuals: &Actuals,
    policy: Policy,
) -> Result<Replan, ReplanError> {
    let k = actuals.past();
    if k >= scenario.year_count() {
        return Err(ReplanError::NothingLeft(
            scenario.years[scenario.year_count() - 1],
        ));
    }
    let key = |e: crate::key::KeyError| ReplanError::Infeasible(vec![e.to_string()]);
    let effective = horizon::effective(scenario, actuals);
    // The budget the allies fill: the scenario's, or, when credit reduces the fund, the
    // agreed budget less the credit of the aid actually given where the actuals say.
    let agreed = crate::budget::annual_budgets(&effective);
    let fund_total: Money = match scenario.credit_effect {
        CreditEffect::EnlargesPot => scenario.total,
        CreditEffect::ReducesFund => Instance::with_annual(&effective, agreed.clone())
            .map_err(key)?
            .annual
            .iter()
            .sum(),
    };
    let delivered: Money = (0..scenario.allies.len()).map(|i| actuals.total(i)).sum();
    if delivered > fund_total {
        return Err(ReplanError::Infeasible(vec![format!(
            "the allies delivered {} in {}, more than the whole budget of {}",
            show(delivered),
            span(&actuals.years),
            show(fund_total)
        )]));
    }
    let planned: Vec<Money> = plan.budget.annual.values().copied().collect();
    let over = horizon::pledges_over_max(&effective, actuals);
    if !over.is_empty() {
        return Err(ReplanError::Infeasible(over));
    }
    let on_plan = policy == Policy::Carry
        && delivered_as_planned(plan, actuals)
        && fund_total == plan.budget.total;
    let annual = if on_plan {
        planned.clone()
    } else {
        horizon::annual_budgets(scenario, fund_total, &planned, actuals)
    };
    let infeasible = |e: PlanError| match e {
        PlanError::Infeasible(reasons) => ReplanError::Infeasible(diagnose::explain(
            &effective, plan, &annual, actuals, policy, reasons,
        )),
        PlanError::Unroundable(mut reasons) => {
            reasons.extend(diagnose::whole_units(&effective, actuals));
            ReplanError::Plan(PlanError::Unroundable(reasons))
        }
        other => ReplanError::Plan(other),
    };
    let whole =
        Instance::with_budgets(&effective, agreed.clone(), Some(annual.clone())).map_err(key)?;
    let new_plan = match policy {
        // Nothing changed: the plan stands, cell for cell (solving again could round a
        // cell the other way where the real optimum is not unique).
        Policy::Carry if on_plan => Ok(plan.clone()),
        Policy::Carry => plan_instance(&effective, &carried(&whole, plan, actuals)),
        Policy::Forgive => {
            let rest = horizon::remaining(&effective, actuals, fund_total - delivered);
            let inst =
                Instance::with_budgets(&rest, agreed[k..].to_vec(), Some(annual[k..].to_vec()))
                    .map_err(key)?;
            plan_instance(&rest, &inst)
        }
    }
    .map_err(infeasible)?;
    Ok(result::assemble(
        scenario, plan, actuals, policy, &annual, &whole, &new_plan,
    ))
}

/// Whether every ally delivered exactly its planned amount in every past year.
fn delivered_as_planned(plan: &Plan, actuals: &Actuals) -> bool {
    plan.allies.iter().zip(&actuals.delivered).all(|(a, row)| {
        a.contributions
            .values()
            .zip(row)
            .all(|(planned, delivered)| planned == delivered)
    })
}

/// The whole horizon with the past cells fixed at what was delivered and the original
/// plan as the reference the new plan stays close to.
fn carried(whole: &Instance, plan: &Plan, actuals: &Actuals) -> Instance {
    let mut fixed = whole.clone();
    let mut reference = Vec::with_capacity(whole.n);
    for (a, (delivered, planned)) in actuals.delivered.iter().zip(&plan.allies).enumerate() {
        for (y, amount) in delivered.iter().enumerate() {
            fixed.fix(a, y, *amount);
        }
        reference.push(planned.contributions.values().copied().collect());
    }
    fixed.reference = Some(reference);
    fixed
}

/// "2025" or "2025–2027".
pub fn span(years: &[i32]) -> String {
    match years {
        [] => String::new(),
        [one] => one.to_string(),
        [first, .., last] => format!("{first}–{last}"),
    }
}
