//! Checks of the allies list: ids, indicators, aid, bounds, pledges and caps.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::super::schema::{PerYear, RawAlly};
use super::super::types::{Ally, KeyBasis};
use super::Checker;
use crate::money::Money;

pub(super) fn check_allies(
    c: &mut Checker,
    raw: &[RawAlly],
    years: &[i32],
    default_credit: Decimal,
    basis: Option<&KeyBasis>,
) -> Option<Vec<Ally>> {
    if raw.is_empty() {
        c.error("allies", "the list of allies is empty");
        return None;
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut allies = Vec::new();
    let mut ok = true;
    for (i, raw_ally) in raw.iter().enumerate() {
        let path = format!("allies[{i}]");
        let id = raw_ally.id.clone().unwrap_or_default();
        if id.trim().is_empty() {
            c.error_hint(
                format!("{path}.id"),
                "the ally has no id",
                "give a short code such as DEU",
            );
            ok = false;
        } else if let Some(first) = seen.insert(id.clone(), i) {
            c.error(
                format!("{path}.id"),
                format!("duplicate id {id}: allies[{first}] has it too"),
            );
            ok = false;
        }
        c.text(raw_ally.id.as_deref(), &format!("{path}.id"));
        c.text(raw_ally.name.as_deref(), &format!("{path}.name"));
        if raw_ally.remove == Some(true) {
            c.error(
                format!("{path}.remove"),
                "`remove` only applies in a scenario that extends another",
            );
            ok = false;
        }
        match check_ally(c, raw_ally, &path, id, years, default_credit) {
            Some(ally) => allies.push(ally),
            None => ok = false,
        }
    }
    check_key_inputs(c, raw, &allies, basis, years);
    ok.then_some(allies)
}

fn check_ally(
    c: &mut Checker,
    raw: &RawAlly,
    path: &str,
    id: String,
    years: &[i32],
    default_credit: Decimal,
) -> Option<Ally> {
    let errors_before = c.problems.len();
    let mut indicators = BTreeMap::new();
    for (name, value) in raw.indicators.iter().flatten() {
        let child = format!("{path}.indicators.{name}");
        if let Some(series) = c.per_year(value, &child, years, |v| v, None) {
            indicators.insert(name.clone(), series);
        }
    }
    let bilateral = match &raw.bilateral {
        None => vec![Decimal::ZERO; years.len()],
        Some(PerYear::Scalar(num)) => c
            .non_negative(num, &format!("{path}.bilateral"))
            .map_or_else(Vec::new, |total| spread(total, years.len())),
        Some(value) => c
            .per_year(
                value,
                &format!("{path}.bilateral"),
                years,
                |v| v,
                Some(Decimal::ZERO),
            )
            .unwrap_or_default(),
    };
    let credit = raw.credit.as_ref().map_or(Some(default_credit), |n| {
        c.fraction(n, &format!("{path}.credit"))
    });
    let share = raw
        .share
        .as_ref()
        .and_then(|value| c.per_year(value, &format!("{path}.share"), years, |v| v, None));
    let min = raw
        .min
        .as_ref()
        .and_then(|n| c.non_negative(n, &format!("{path}.min")));
    let max = raw
        .max
        .as_ref()
        .and_then(|n| c.non_negative(n, &format!("{path}.max")));
    if let (Some(lo), Some(hi)) = (min, max) {
        if lo > hi {
            c.error(
                format!("{path}.min"),
                format!("the minimum {lo} is above the maximum {hi}"),
            );
        }
    }
    let max_gdp_pct = raw.max_gdp_pct.as_ref().and_then(|n| {
        let pct = c.non_negative(n, &format!("{path}.max_gdp_pct"))?;
        if !raw.indicators.iter().flatten().any(|(k, _)| k == "gdp") {
            c.error(
                format!("{path}.max_gdp_pct"),
                "a cap in % of GDP needs the ally's gdp indicator",
            );
        }
        Some(pct)
    });
    let pledged = match &raw.pledged {
        None => vec![Decimal::ZERO; years.len()],
        Some(PerYear::Scalar(_)) => {
            c.error_hint(
                format!("{path}.pledged"),
                "pledges are per year",
                "write them as a map such as {2025: 3000}",
            );
            Vec::new()
        }
        Some(value) => c
            .per_year(
                value,
                &format!("{path}.pledged"),
                years,
                |v| v,
                Some(Decimal::ZERO),
            )
            .unwrap_or_default(),
    };
    let pledged_total: Decimal = pledged.iter().sum();
    if let Some(hi) = max {
        if pledged_total > hi {
            c.error(
                format!("{path}.pledged"),
                format!("the pledges sum to {pledged_total}, above the ally's maximum {hi}"),
            );
        }
    }
    if c.problems.len() > errors_before && c.problems[errors_before..].iter().any(|p| p.is_error())
    {
        return None;
    }
    Some(Ally {
        name: raw.name.clone().unwrap_or_else(|| id.clone()),
        id,
        indicators,
        bilateral: bilateral.into_iter().map(Money).collect(),
        credit: credit?,
        share,
        min: min.map(Money),
        max: max.map(Money),
        max_gdp_pct,
        pledged: pledged.into_iter().map(Money).collect(),
        participation: Default::default(),
    })
}

/// Every ally has each weighted indicator (or its explicit share), and explicit shares
/// sum to one in every year.
fn check_key_inputs(
    c: &mut Checker,
    raw: &[RawAlly],
    allies: &[Ally],
    basis: Option<&KeyBasis>,
    years: &[i32],
) {
    match basis {
        Some(KeyBasis::Blend(weights)) => {
            let with_share: Vec<usize> =
                (0..raw.len()).filter(|&i| raw[i].share.is_some()).collect();
            if let Some(&first) = with_share.first() {
                c.warning(
                    format!("allies[{first}].share"),
                    format!(
                        "{} of the allies give a `share`, which is ignored: the key is a blend of indicators",
                        with_share.len()
                    ),
                );
                if let Some(p) = c.problems.last_mut() {
                    p.hint = Some("shares apply with `key: {weights: explicit}`".to_string());
                }
            }
            for (name, _) in weights {
                let missing: Vec<usize> = raw
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| !a.indicators.iter().flatten().any(|(k, _)| k == name))
                    .map(|(i, _)| i)
                    .collect();
                for i in &missing {
                    c.error_hint(
                        format!("allies[{i}].indicators"),
                        format!(
                            "the key weighs indicator `{name}` but this ally has no value for it"
                        ),
                        &format!(
                            "add `{name}` to the ally's indicators or drop it from key.weights"
                        ),
                    );
                }
                let totals_zero = years.iter().enumerate().find(|(y, _)| {
                    allies.len() == raw.len()
                        && allies
                            .iter()
                            .all(|a| a.indicators.get(name).is_some_and(|s| s[*y].is_zero()))
                });
                if let Some((_, year)) = totals_zero {
                    c.error(
                        "key.weights",
                        format!("indicator `{name}` is zero for every ally in {year}"),
                    );
                }
            }
        }
        Some(KeyBasis::Explicit) => {
            for (i, a) in raw.iter().enumerate() {
                if a.share.is_none() {
                    c.error_hint(
                        format!("allies[{i}].share"),
                        "an explicit key needs every ally's share",
                        "add `share: 0.05`",
                    );
                }
            }
            if allies.len() != raw.len() || allies.iter().any(|a| a.share.is_none()) {
                return;
            }
            for (y, year) in years.iter().enumerate() {
                let sum: Decimal = allies
                    .iter()
                    .filter_map(|a| a.share.as_ref())
                    .map(|s| s[y])
                    .sum();
                if sum.is_zero() {
                    c.error(
                        "key.weights",
                        format!("the explicit shares for {year} are all zero"),
                    );
                } else if (sum - Decimal::ONE).abs() > Decimal::new(1, 9) {
                    c.warning(
                        "key.weights",
                        format!("the explicit shares for {year} sum to {sum}, not 1: they are normalised"),
                    );
                }
            }
        }
        None => {}
    }
}

/// A horizon total spread evenly over `years`; the last year takes what the division left,
/// so that the years add up to the total exactly.
fn spread(total: Decimal, years: usize) -> Vec<Decimal> {
    if years == 0 {
        return Vec::new();
    }
    let share = (total / Decimal::from(years)).round_dp(20);
    let mut out = vec![share; years];
    out[years - 1] = total - share * Decimal::from(years - 1);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spread_total_adds_up_exactly() {
        let parts = spread(Decimal::from(25), 3);
        assert_eq!(parts.iter().sum::<Decimal>(), Decimal::from(25));
        assert_eq!(spread(Decimal::from(10), 5), vec![Decimal::from(2); 5]);
    }
}
