//! The re-plan as written to every output format: per ally the original plan, what was
//! delivered and the new plan for the remaining years, with horizon totals and burden
//! indices; the budget still reached exactly.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{show, span, Policy};
use crate::actuals::Actuals;
use crate::model::Instance;
use crate::money::Money;
use crate::plan::Plan;
use crate::scenario::Scenario;

#[derive(Clone, Debug, Serialize)]
pub struct Replan {
    pub scenario: String,
    pub currency: String,
    pub unit: String,
    pub years: Vec<i32>,
    pub past_years: Vec<i32>,
    pub remaining_years: Vec<i32>,
    pub policy: Policy,
    pub objective: String,
    pub budget: ReplanBudget,
    /// Allies in scenario order.
    pub allies: Vec<AllyReplan>,
    pub metrics: ReplanMetrics,
    /// Sentences for the human-readable formats: what the policy did, rounding facts.
    #[serde(skip)]
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReplanBudget {
    pub total: Money,
    /// Delivered in the past years, all allies.
    pub delivered: Money,
    /// What remains for the remaining years: total − delivered.
    pub remaining: Money,
    /// The original annual budgets.
    pub planned_annual: BTreeMap<i32, Money>,
    /// Past years: what was delivered; remaining years: the new annual budgets.
    pub annual: BTreeMap<i32, Money>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AllyReplan {
    pub id: String,
    pub name: String,
    /// The original plan, every year.
    pub planned: BTreeMap<i32, Money>,
    /// Past years.
    pub delivered: BTreeMap<i32, Money>,
    /// The new plan, remaining years.
    pub replanned: BTreeMap<i32, Money>,
    pub planned_total: Money,
    pub delivered_total: Money,
    /// Delivered minus planned in the past years.
    pub past_difference: Money,
    /// The new plan over the remaining years.
    pub remaining_total: Money,
    /// Delivered plus the new plan: the ally's horizon total.
    pub total: Money,
    /// Horizon total minus the original plan's.
    pub change: Money,
    pub burden_index_planned: Option<f64>,
    /// (horizon total + credited aid) / fair effort, fair effort over the re-planned
    /// annual budgets (the same for both policies, so they compare).
    pub burden_index: Option<f64>,
    pub binding: Vec<crate::binding::Binding>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReplanMetrics {
    pub max_burden_index: f64,
    pub min_burden_index: f64,
}

/// Builds the result from the original plan, the actuals and the new plan (whole horizon
/// for carry, remaining years for forgive). `whole` gives fair efforts over the horizon.
pub(super) fn assemble(
    scenario: &Scenario,
    plan: &Plan,
    actuals: &Actuals,
    policy: Policy,
    annual: &[Money],
    whole: &Instance,
    new_plan: &Plan,
) -> Replan {
    let k = actuals.past();
    let allies: Vec<AllyReplan> = plan
        .allies
        .iter()
        .enumerate()
        .map(|(a, original)| {
            let fair = whole.fair[a];
            let mut ally = ally(original, actuals, a, &scenario.years[k..], new_plan);
            ally.burden_index =
                (fair > 0.0).then(|| (ally.total.to_f64() + whole.credit_total[a]) / fair);
            ally
        })
        .collect();
    let indices: Vec<f64> = allies.iter().filter_map(|a| a.burden_index).collect();
    let mut out = Replan {
        scenario: scenario.title.clone(),
        currency: scenario.currency.clone(),
        unit: scenario.unit.clone(),
        years: scenario.years.clone(),
        past_years: actuals.years.clone(),
        remaining_years: scenario.years[k..].to_vec(),
        policy,
        objective: plan.objective.clone(),
        budget: budget(scenario, plan, annual, k),
        allies,
        metrics: ReplanMetrics {
            max_burden_index: indices.iter().copied().fold(0.0, f64::max),
            min_burden_index: indices.iter().copied().reduce(f64::min).unwrap_or(0.0),
        },
        notes: Vec::new(),
    };
    out.notes = notes(scenario, actuals, &out);
    out
}

fn budget(scenario: &Scenario, plan: &Plan, annual: &[Money], k: usize) -> ReplanBudget {
    let delivered: Money = annual[..k].iter().sum();
    let per_year = |values: &[Money]| crate::plan::by_year(&scenario.years, values);
    let planned: Vec<Money> = plan.budget.annual.values().copied().collect();
    let total: Money = annual.iter().sum();
    ReplanBudget {
        total: total.normalized(),
        delivered: delivered.normalized(),
        remaining: (total - delivered).normalized(),
        planned_annual: per_year(&planned),
        annual: per_year(annual),
    }
}

fn ally(
    original: &crate::plan::AllyPlan,
    actuals: &Actuals,
    i: usize,
    remaining: &[i32],
    new_plan: &Plan,
) -> AllyReplan {
    let delivered: BTreeMap<i32, Money> = actuals
        .years
        .iter()
        .zip(&actuals.delivered[i])
        .map(|(y, v)| (*y, v.normalized()))
        .collect();
    let new = &new_plan.allies[i];
    let replanned: BTreeMap<i32, Money> = remaining
        .iter()
        .map(|y| (*y, new.contributions.get(y).copied().unwrap_or_default()))
        .collect();
    let delivered_total: Money = delivered.values().sum();
    let past_planned: Money = actuals
        .years
        .iter()
        .filter_map(|y| original.contributions.get(y))
        .sum();
    let remaining_total: Money = replanned.values().sum();
    let total = delivered_total + remaining_total;
    AllyReplan {
        id: original.id.clone(),
        name: original.name.clone(),
        planned: original.contributions.clone(),
        delivered,
        replanned,
        planned_total: original.total,
        delivered_total: delivered_total.normalized(),
        past_difference: (delivered_total - past_planned).normalized(),
        remaining_total: remaining_total.normalized(),
        total: total.normalized(),
        change: (total - original.total).normalized(),
        burden_index_planned: original.burden_index,
        burden_index: None,
        binding: new.binding.clone(),
    }
}

fn notes(scenario: &Scenario, actuals: &Actuals, r: &Replan) -> Vec<String> {
    let past = span(&actuals.years);
    let rest = span(&r.remaining_years);
    let mut notes = vec![match r.policy {
        Policy::Carry => format!(
            "Policy carry: {past} is fixed at what was delivered and the whole horizon is solved again, so fairness is measured over {}: shortfalls are asked back in {rest}, surpluses are credited.",
            span(&r.years)
        ),
        Policy::Forgive => format!(
            "Policy forgive: {past} stands as delivered and the remaining budget is shared fairly over {rest} only, as if the plan started now."
        ),
    }];
    notes.push(format!(
        "Delivered in {past}: {} of the total {}; {} remains for {rest}, spread over the years in proportion to their planned budgets.",
        show(r.budget.delivered),
        show(r.budget.total),
        show(r.budget.remaining)
    ));
    let planned: Money = r.budget.planned_annual.values().sum();
    if planned != r.budget.total {
        notes.push(format!(
            "Credit reduces the fund: with the bilateral aid actually given in {past} credited instead of the assumed baseline, the fund is {} instead of the planned {}.",
            show(r.budget.total),
            show(planned)
        ));
    }
    let unit = scenario.rounding;
    if !r.budget.remaining.is_multiple_of(unit) {
        let fraction = r.budget.remaining - r.budget.remaining.floor_to(unit);
        let first = r.remaining_years[0];
        let carrier = r.allies.iter().find(|a| {
            a.replanned
                .get(&first)
                .is_some_and(|v| !v.is_multiple_of(unit))
        });
        notes.push(format!(
            "Delivered amounts are not all multiples of {unit}, so the remaining budget is not either: its fraction {fraction} is carried by {}, where it adds the least rounding error; every other new amount is a multiple of {unit}.",
            carrier.map_or(format!("a {first} contribution"), |a| format!("{}'s {first} contribution", a.id))
        ));
    }
    for (i, ally) in scenario.allies.iter().enumerate() {
        if ally.max.is_some_and(|max| max < actuals.total(i)) {
            notes.push(format!(
                "{} delivered {}, above its maximum: its maximum is taken as what it delivered.",
                ally.id,
                show(actuals.total(i))
            ));
        }
    }
    notes
}
