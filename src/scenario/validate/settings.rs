//! Checks of the scenario-wide settings: budget and profile, key, units and exchange rates.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::super::limits::{MAX_UNITS, MAX_UNITS_WORDS, MIN_ROUNDING};
use super::super::schema::{PerYear, RawBudget, RawKey, RawProfile, RawScenario, RawWeights};
use super::super::types::{unit_factor, KeyBasis, KeyRule, Profile};
use super::Checker;
use crate::money::{checked_sum, Money};

pub(super) fn check_budget(
    c: &mut Checker,
    budget: &RawBudget,
    years: &[i32],
) -> (Option<Money>, Option<Money>, Option<Profile>) {
    let total = match &budget.total {
        None => {
            c.error("budget.total", "the budget has no total");
            None
        }
        Some(n) => c.non_negative(n, "budget.total").filter(|t| {
            let positive = *t > Decimal::ZERO;
            if !positive {
                c.error("budget.total", "the total budget must be positive");
            }
            positive
        }),
    };
    let rounding = match &budget.rounding {
        None => Some(Decimal::ONE),
        Some(n) => c.non_negative(n, "budget.rounding").filter(|r| {
            let positive = *r > Decimal::ZERO;
            if !positive {
                c.error("budget.rounding", "the rounding unit must be positive");
            }
            positive
        }),
    };
    let rounding = rounding.filter(|r| {
        let fine_enough = *r >= MIN_ROUNDING;
        if !fine_enough {
            c.error_hint(
                "budget.rounding",
                format!("the rounding unit {r} is too small: it must be at least {MIN_ROUNDING}"),
                "the optimiser's amounts are exact to six decimal places; use a smaller money unit (`unit:`) for finer amounts",
            );
        }
        fine_enough
    });
    if let (Some(t), Some(r)) = (total, rounding) {
        let units = t.checked_div(r).unwrap_or(Decimal::MAX);
        if units > MAX_UNITS {
            c.error_hint(
                "budget.total",
                format!(
                    "the total {t} is {} rounding units of {r}: burden plans at most {MAX_UNITS_WORDS} units exactly",
                    units.round()
                ),
                "use a larger rounding unit, or a larger money unit (`unit:`)",
            );
        } else if !t.checked_rem(r).is_some_and(|rest| rest.is_zero()) {
            c.error_hint(
                "budget.rounding",
                format!("the rounding unit {r} does not divide the total {t}"),
                "choose a unit that divides the total, such as 1 or 10",
            );
        }
    }
    let profile = check_profile(c, budget.profile.as_ref(), years, total);
    (total.map(Money), rounding.map(Money), profile)
}

fn check_profile(
    c: &mut Checker,
    raw: Option<&RawProfile>,
    years: &[i32],
    total: Option<Decimal>,
) -> Option<Profile> {
    const PATH: &str = "budget.profile";
    match raw {
        None => Some(Profile::Even),
        Some(RawProfile::Word(w)) if w == "even" => Some(Profile::Even),
        Some(RawProfile::Word(w)) => {
            c.error_hint(
                PATH,
                format!("unknown profile `{w}`"),
                "use even, a list of weights, or {year: amount}",
            );
            None
        }
        Some(RawProfile::Weights(list)) => {
            if list.len() != years.len() {
                c.error(
                    PATH,
                    format!(
                        "has {} weights but the scenario has {} years",
                        list.len(),
                        years.len()
                    ),
                );
                return None;
            }
            let weights: Option<Vec<Decimal>> = list
                .iter()
                .enumerate()
                .map(|(i, n)| c.non_negative(n, &format!("{PATH}[{i}]")))
                .collect::<Vec<_>>()
                .into_iter()
                .collect();
            let weights = weights?;
            if weights.iter().all(Decimal::is_zero) {
                c.error(PATH, "the profile weights are all zero");
                return None;
            }
            Some(Profile::Weights(weights))
        }
        Some(RawProfile::Amounts(map)) => {
            let amounts = PerYear::Map(map.clone());
            let amounts = c.per_year(&amounts, PATH, years, |v| v, None)?;
            let sum = checked_sum(&amounts);
            if let (Some(t), Some(sum)) = (total, sum) {
                if sum != t {
                    c.error(
                        PATH,
                        format!("the annual amounts sum to {sum} but the total is {t}"),
                    );
                    return None;
                }
            }
            Some(Profile::Amounts(amounts.into_iter().map(Money).collect()))
        }
    }
}

pub(super) fn check_key(c: &mut Checker, raw: Option<&RawKey>, allies: usize) -> Option<KeyRule> {
    let default = RawKey::default();
    let raw = raw.unwrap_or(&default);
    let basis = match &raw.weights {
        None => Some(KeyBasis::Blend(vec![("gdp".to_string(), Decimal::ONE)])),
        Some(RawWeights::Word(w)) if w == "explicit" => Some(KeyBasis::Explicit),
        Some(RawWeights::Word(w)) => {
            c.error_hint(
                "key.weights",
                format!("unknown key `{w}`"),
                "use {gdp: 1} or explicit",
            );
            None
        }
        Some(RawWeights::Blend(map)) => {
            let mut blend = Vec::new();
            for (name, num) in map {
                if let Some(w) = c.non_negative(num, &format!("key.weights.{name}")) {
                    if !w.is_zero() {
                        blend.push((name.clone(), w));
                    }
                }
            }
            if blend.is_empty() {
                c.error(
                    "key.weights",
                    "the key needs at least one indicator with a positive weight",
                );
                None
            } else {
                Some(KeyBasis::Blend(blend))
            }
        }
    };
    let floor = raw.floor.as_ref().and_then(|n| c.fraction(n, "key.floor"));
    let ceiling = raw
        .ceiling
        .as_ref()
        .and_then(|n| c.fraction(n, "key.ceiling"));
    let n = Decimal::from(allies);
    if let Some(f) = floor {
        if f * n > Decimal::ONE {
            c.error(
                "key.floor",
                format!(
                    "a floor of {f} for {allies} allies needs {}, more than the whole key",
                    f * n
                ),
            );
        }
    }
    if let Some(ce) = ceiling {
        if allies > 0 && ce * n < Decimal::ONE {
            c.error(
                "key.ceiling",
                format!(
                    "a ceiling of {ce} for {allies} allies covers only {} of the key",
                    ce * n
                ),
            );
        }
    }
    if let (Some(f), Some(ce)) = (floor, ceiling) {
        if f > ce {
            c.error(
                "key.floor",
                format!("the floor {f} is above the ceiling {ce}"),
            );
        }
    }
    Some(KeyRule {
        basis: basis?,
        floor,
        ceiling,
        relative_caps: Vec::new(),
        groups: Vec::new(),
    })
}

pub(super) fn check_units(
    c: &mut Checker,
    raw: &RawScenario,
    currency: &str,
    unit: &str,
    years: &[i32],
) -> Option<Vec<Decimal>> {
    let fx = check_fx(c, raw, years);
    if unit_factor(unit).is_none() {
        c.error_hint(
            "unit",
            format!("unknown unit `{unit}`"),
            "use one, thousand, million, billion or trillion",
        );
    }
    let mut gdp = None;
    for (name, spec) in raw.indicators.iter().flatten() {
        let path = format!("indicators.{name}");
        let from = spec.unit.as_deref().unwrap_or("");
        let Some(from_factor) = unit_factor(from) else {
            c.error_hint(
                format!("{path}.unit"),
                format!("unknown unit `{from}`"),
                "use one, thousand, million, billion or trillion",
            );
            continue;
        };
        let rate = match spec.currency.as_deref() {
            None => None,
            Some(cur) if cur == currency => Some(vec![Decimal::ONE; years.len()]),
            // A rate written but invalid is reported where it was written.
            Some(cur) if raw.fx.iter().flatten().any(|(code, _)| code == cur) => {
                fx.get(cur).cloned()
            }
            Some(cur) => fx.get(cur).cloned().or_else(|| {
                c.error_hint(
                    format!("{path}.currency"),
                    format!("no exchange rate from {cur} to {currency}"),
                    &format!("add `fx: {{{cur}: …}}`, the value of one {cur} in {currency}"),
                );
                None
            }),
        };
        if name == "gdp" {
            let known = rate.is_some();
            gdp = rate.zip(unit_factor(unit)).and_then(|(r, to)| {
                r.iter()
                    .map(|r| r.checked_mul(from_factor)?.checked_div(to))
                    .collect::<Option<Vec<Decimal>>>()
            });
            if known && unit_factor(unit).is_some() && gdp.is_none() {
                c.error(
                    format!("{path}.unit"),
                    format!(
                        "one {from} of the indicator is too large to convert into the plan's money"
                    ),
                );
            }
        }
    }
    gdp
}

/// Exchange rates per currency and year: one rate for every year, or a rate per year
/// (`{USD: {2025: 0.93, 2026: 0.92}}`, every year given).
fn check_fx(c: &mut Checker, raw: &RawScenario, years: &[i32]) -> BTreeMap<String, Vec<Decimal>> {
    let mut fx: BTreeMap<String, Vec<Decimal>> = BTreeMap::new();
    for (code, value) in raw.fx.iter().flatten() {
        let path = format!("fx.{code}");
        let rates = match value {
            PerYear::Scalar(num) => c.non_negative(num, &path).map(|r| vec![r; years.len()]),
            PerYear::Map(_) => c.per_year(value, &path, years, |v| v, None),
        };
        let Some(rates) = rates else { continue };
        if rates.iter().any(Decimal::is_zero) {
            c.error(&path, "an exchange rate must be positive");
        } else {
            fx.insert(code.clone(), rates);
        }
    }
    fx
}
