//! The budgets and scenarios a re-plan solves: past years at what was delivered, the
//! remaining budget spread over the remaining years, and (for `forgive`) the scenario
//! cut down to the remaining years.

use rust_decimal::Decimal;

use crate::actuals::Actuals;
use crate::budget::apportion;
use crate::money::Money;
use crate::scenario::{Profile, Scenario};

/// Annual budgets after the past: each past year is what the allies delivered in total;
/// the remaining budget (total minus everything delivered) is spread over the remaining
/// years in proportion to their planned budgets, apportioned to the rounding unit by
/// largest remainder. When deliveries leave a remaining budget that is not a multiple of
/// the unit, its fraction goes to the first remaining year.
pub(super) fn annual_budgets(
    scenario: &Scenario,
    total: Money,
    planned: &[Money],
    actuals: &Actuals,
) -> Vec<Money> {
    let k = actuals.past();
    let mut annual: Vec<Money> = (0..k)
        .map(|y| actuals.delivered.iter().map(|row| row[y]).sum())
        .collect();
    let delivered: Money = annual.iter().sum();
    let remaining = total - delivered;
    let whole = remaining.floor_to(scenario.rounding);
    let mut weights: Vec<Decimal> = planned[k..].iter().map(|m| m.0).collect();
    if weights.iter().all(Decimal::is_zero) {
        weights = vec![Decimal::ONE; weights.len()];
    }
    let mut rest = apportion(whole, scenario.rounding, &weights);
    if let Some(first) = rest.first_mut() {
        *first += remaining - whole;
    }
    annual.extend(rest);
    annual
}

/// The scenario a re-plan solves over the whole horizon: an ally that delivered more than
/// its maximum has the maximum raised to what it delivered (the past cannot be undone),
/// and the past years credit the bilateral aid actually given, where the actuals say.
pub(super) fn effective(scenario: &Scenario, actuals: &Actuals) -> Scenario {
    let mut out = scenario.clone();
    for (i, ally) in out.allies.iter_mut().enumerate() {
        for (k, aid) in ally.bilateral.iter_mut().enumerate().take(actuals.past()) {
            if let Some(given) = actuals.bilateral_given(i, k) {
                *aid = given;
            }
        }
        let delivered = actuals.total(i);
        if let Some(max) = ally.max.as_mut() {
            if *max < delivered {
                *max = delivered;
            }
        }
    }
    out
}

/// Allies whose delivery and pledges for the remaining years together exceed their
/// (effective) maximum: no re-plan can keep both, whatever the policy. As in every plan,
/// a pledge is met at its amount rounded down to the unit and a maximum may be reached
/// rounded up to it.
pub(super) fn pledges_over_max(scenario: &Scenario, actuals: &Actuals) -> Vec<String> {
    let k = actuals.past();
    let unit = scenario.rounding;
    let mut out = Vec::new();
    for (i, ally) in scenario.allies.iter().enumerate() {
        let Some(max) = ally.max else { continue };
        let pledged: Money = ally.pledged.iter().skip(k).sum();
        let least: Money = ally.pledged.iter().skip(k).map(|p| p.floor_to(unit)).sum();
        let delivered = actuals.total(i);
        if !pledged.is_zero() && delivered + least > max.ceil_to(unit) {
            out.push(format!(
                "{} delivered {} and pledged {} for {}, more than its maximum of {} together",
                ally.id,
                super::show(delivered),
                super::show(pledged),
                super::span(&scenario.years[k..]),
                super::show(max)
            ));
        }
    }
    out
}

/// The scenario of the remaining years only, as if the plan started now: per-year data
/// cut to those years, the total reduced to what remains, and each ally's minimum and
/// maximum reduced by what it delivered.
pub(super) fn remaining(scenario: &Scenario, actuals: &Actuals, total: Money) -> Scenario {
    let k = actuals.past();
    let mut out = scenario.clone();
    out.years = scenario.years[k..].to_vec();
    out.total = total;
    out.profile = match &scenario.profile {
        Profile::Even => Profile::Even,
        Profile::Weights(w) => Profile::Weights(w[k..].to_vec()),
        Profile::Amounts(a) => Profile::Amounts(a[k..].to_vec()),
    };
    let less = |bound: Money, delivered: Money| Money((bound - delivered).0.max(Decimal::ZERO));
    for (i, ally) in out.allies.iter_mut().enumerate() {
        let delivered = actuals.total(i);
        for series in ally.indicators.values_mut() {
            series.drain(..k);
        }
        ally.bilateral.drain(..k);
        ally.pledged.drain(..k);
        if let Some(share) = ally.share.as_mut() {
            share.drain(..k);
        }
        ally.min = ally
            .min
            .map(|b| less(b, delivered))
            .filter(|b| !b.is_zero());
        // The remaining plan may reach its maximum rounded up to the unit (as any plan
        // may a maximum that is not a multiple); so that the horizon total still keeps
        // the ally's own limit, what is left is rounded down to the unit.
        ally.max = ally
            .max
            .map(|b| less(b.ceil_to(scenario.rounding), delivered).floor_to(scenario.rounding));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn m(s: &str) -> Money {
        Money(Decimal::from_str(s).unwrap())
    }

    fn scenario() -> Scenario {
        let text = "scenario: t\ncurrency: EUR\nunit: million\nyears: [2025, 2026, 2027]\nbudget: {total: 300, profile: [1, 1, 2], rounding: 5}\nkey: {weights: {gdp: 1}}\nallies:\n  - {id: AAA, name: A, indicators: {gdp: 1}, max: 50}\n  - {id: BBB, name: B, indicators: {gdp: 1}}\n";
        crate::scenario::load_str(text, "t.yaml", &[])
            .unwrap()
            .scenario
    }

    #[test]
    fn the_remaining_budget_follows_the_planned_profile_and_keeps_the_fraction() {
        let s = scenario();
        let planned = vec![m("75"), m("75"), m("150")];
        let actuals = Actuals {
            years: vec![2025],
            delivered: vec![vec![m("40.5")], vec![m("20")]],
            bilateral: Vec::new(),
        };
        let annual = annual_budgets(&s, s.total, &planned, &actuals);
        // 300 − 60.5 = 239.5: 235 split 1 : 2 in fives, the 4.5 left to 2026.
        assert_eq!(annual, vec![m("60.5"), m("84.5"), m("155")]);
        assert_eq!(annual.iter().copied().sum::<Money>(), m("300"));
    }

    #[test]
    fn forgive_cuts_the_scenario_to_the_remaining_years() {
        let s = scenario();
        let actuals = Actuals {
            years: vec![2025],
            delivered: vec![vec![m("60")], vec![m("0")]],
            bilateral: Vec::new(),
        };
        let raised = effective(&s, &actuals);
        assert_eq!(raised.allies[0].max, Some(m("60")));
        let rest = remaining(&raised, &actuals, m("240"));
        assert_eq!(rest.years, vec![2026, 2027]);
        assert_eq!(
            rest.profile,
            Profile::Weights(vec![Decimal::ONE, Decimal::TWO])
        );
        assert_eq!(rest.allies[0].max, Some(m("0")));
        assert_eq!(rest.allies[1].bilateral.len(), 2);
    }
}
