//! Infeasible re-plans in plain words: what the past left to the remaining years, whether
//! the remaining years' caps and maxima can hold it, and the planner's own diagnosis.

use super::{show, span, Policy};
use crate::actuals::Actuals;
use crate::money::Money;
use crate::plan::Plan;
use crate::scenario::Scenario;

/// Reasons for an infeasible re-plan: the replan-specific ones first, then `core`.
pub(super) fn explain(
    scenario: &Scenario,
    plan: &Plan,
    annual: &[Money],
    actuals: &Actuals,
    policy: Policy,
    core: Vec<String>,
) -> Vec<String> {
    let k = actuals.past();
    let planned: Vec<Money> = plan.budget.annual.values().copied().collect();
    let mut out = Vec::new();
    for (y, year) in actuals.years.iter().enumerate() {
        let gap = annual[y] - planned[y];
        let word = if gap < Money::ZERO {
            "shortfall"
        } else {
            "surplus"
        };
        out.push(format!(
            "in {year} the allies delivered {} against a budget of {} (a {word} of {})",
            show(annual[y]),
            show(planned[y]),
            show(gap.abs())
        ));
    }
    let rest = span(&scenario.years[k..]);
    let remaining: Money = annual[k..].iter().sum();
    out.push(format!("{} remains for {rest}", show(remaining)));
    if policy == Policy::Carry {
        let before = out.len();
        room(scenario, annual, actuals, &mut out);
        if out.len() > before {
            // The planner's own counts say the same with the past mixed in.
            return out;
        }
        let blames_smoothing = core.iter().any(|r| r.contains("smoothing"));
        if let (Some(delta), true) = (scenario.smoothing, blames_smoothing) {
            out.push(smoothing(plan, actuals, delta));
        }
    }
    out.extend(core);
    out
}

/// What ally `i` can still pay in `years` under its GDP caps and what its maximum leaves
/// after its deliveries; None when nothing limits it.
fn ally_room(
    scenario: &Scenario,
    actuals: &Actuals,
    i: usize,
    years: std::ops::Range<usize>,
) -> Option<Money> {
    let ally = &scenario.allies[i];
    let caps: Option<Money> = years.map(|y| scenario.gdp_cap(ally, y)).sum();
    let headroom = ally
        .max
        .map(|max| Money((max - actuals.total(i)).0.max(rust_decimal::Decimal::ZERO)));
    match (caps, headroom) {
        (Some(c), Some(h)) => Some(c.min(h)),
        (c, h) => c.or(h),
    }
}

/// Whether caps and maxima leave room for the remaining budgets, year by year and in all.
fn room(scenario: &Scenario, annual: &[Money], actuals: &Actuals, out: &mut Vec<String>) {
    let k = actuals.past();
    let m = scenario.year_count();
    let allies = 0..scenario.allies.len();
    for (y, budget) in annual.iter().enumerate().skip(k) {
        let room: Option<Money> = allies
            .clone()
            .map(|i| ally_room(scenario, actuals, i, y..y + 1))
            .sum();
        if let Some(room) = room.filter(|r| r < budget) {
            out.push(format!(
                "GDP caps and the maxima left after the deliveries allow at most {} in {year} but {year} now needs {}: the remaining years cannot absorb the shortfall",
                show(room),
                show(*budget),
                year = scenario.years[y],
            ));
        }
    }
    let room: Option<Money> = allies.map(|i| ally_room(scenario, actuals, i, k..m)).sum();
    let remaining: Money = annual[k..].iter().sum();
    if let Some(room) = room.filter(|r| *r < remaining) {
        out.push(format!(
            "over {} the allies' GDP caps and remaining maxima allow at most {} but {} remains to be raised",
            span(&scenario.years[k..]),
            show(room),
            show(remaining)
        ));
    }
}

/// The step limit explained with the allies whose last past year is furthest from plan.
fn smoothing(plan: &Plan, actuals: &Actuals, delta: rust_decimal::Decimal) -> String {
    let last = actuals.past() - 1;
    let year = actuals.years[last];
    let mut gaps: Vec<(&str, Money)> = plan
        .allies
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let planned = a.contributions.get(&year).copied().unwrap_or_default();
            (a.id.as_str(), actuals.delivered[i][last] - planned)
        })
        .filter(|(_, gap)| !gap.is_zero())
        .collect();
    gaps.sort_by(|a, b| b.1.abs().cmp(&a.1.abs()).then(a.0.cmp(b.0)));
    let largest: Vec<String> = gaps
        .iter()
        .take(3)
        .map(|(id, gap)| {
            format!(
                "{id} {}{}",
                if *gap > Money::ZERO { "+" } else { "" },
                show(*gap)
            )
        })
        .collect();
    format!(
        "smoothing {} limits each ally's step from what it delivered in {year} to its next contribution; the allies furthest from their {year} plan: {}",
        delta.normalize(),
        largest.join(", ")
    )
}

/// Allies whose deliveries hold a fraction of the unit and whose minimum and maximum
/// leave for the remaining years a range that no whole number of units meets.
pub(super) fn whole_units(scenario: &Scenario, actuals: &Actuals) -> Vec<String> {
    let unit = scenario.rounding;
    scenario
        .allies
        .iter()
        .zip(&actuals.delivered)
        .filter_map(|(ally, delivered)| {
            let (min, max) = (ally.min?, ally.max?);
            let held: Money = delivered.iter().sum();
            let least = min.floor_to(unit) - held;
            let most = max.ceil_to(unit) - held;
            (least.ceil_to(unit) > most).then(|| {
                format!(
                    "{} has given {}: its minimum {} and maximum {} leave {} to {} for the \
                     remaining years, and new contributions come in whole units of {}",
                    ally.id,
                    show(held),
                    show(min),
                    show(max),
                    show(least),
                    show(most),
                    show(unit)
                )
            })
        })
        .collect()
}
