//! Checks of the arrangements alliances use beyond a plain key: relative caps and group
//! limits in the key, opt-outs and constructive abstention, caps on an ally's share of
//! the fund, and a bilateral baseline taken from a per-year history (the mode and the
//! credit rules are in `funding.rs`).

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::super::schema::{RawAlly, RawKey, RawScenario};
use super::super::types::{Ally, KeyGroup, KeyRule, Participation};
use super::Checker;
use crate::money::Money;

/// The ids of the raw allies, for checking names in the key.
fn ids(raw: &[RawAlly]) -> BTreeSet<String> {
    raw.iter().filter_map(|a| a.id.clone()).collect()
}

fn known_ally(c: &mut Checker, known: &BTreeSet<String>, id: Option<&String>, path: &str) -> bool {
    match id {
        None => {
            c.error_hint(path, "no ally named", "write an ally id such as DEU");
            false
        }
        Some(id) if !known.contains(id) => {
            c.error(path, format!("the scenario has no ally `{id}`"));
            false
        }
        Some(_) => true,
    }
}

/// Adds relative caps and group limits to the key rule.
pub(super) fn check_key_limits(
    c: &mut Checker,
    raw: Option<&RawKey>,
    allies: &[RawAlly],
    key: &mut KeyRule,
) {
    let Some(raw) = raw else { return };
    let known = ids(allies);
    for (i, cap) in raw.relative_caps.iter().flatten().enumerate() {
        let path = format!("key.relative_caps[{i}]");
        let a = known_ally(c, &known, cap.ally.as_ref(), &format!("{path}.ally"));
        let b = known_ally(c, &known, cap.at_most.as_ref(), &format!("{path}.at_most"));
        if let (true, true, Some(x), Some(y)) = (a, b, &cap.ally, &cap.at_most) {
            if x == y {
                c.error(&path, format!("{x} cannot be capped at its own share"));
            } else {
                key.relative_caps.push((x.clone(), y.clone()));
            }
        }
    }
    let mut grouped: BTreeSet<String> = BTreeSet::new();
    for (i, group) in raw.groups.iter().flatten().enumerate() {
        let path = format!("key.groups[{i}]");
        let name = group
            .name
            .clone()
            .unwrap_or_else(|| format!("group {}", i + 1));
        let members = group.allies.clone().unwrap_or_default();
        if members.is_empty() {
            c.error(format!("{path}.allies"), "the group names no allies");
        }
        for (k, id) in members.iter().enumerate() {
            let child = format!("{path}.allies[{k}]");
            if known_ally(c, &known, Some(id), &child) && !grouped.insert(id.clone()) {
                c.error(
                    &child,
                    format!("{id} is in two groups: groups must not overlap"),
                );
            }
        }
        let floor = group
            .floor
            .as_ref()
            .and_then(|n| c.fraction(n, &format!("{path}.floor")));
        let ceiling = group
            .ceiling
            .as_ref()
            .and_then(|n| c.fraction(n, &format!("{path}.ceiling")));
        if floor.is_none() && ceiling.is_none() {
            c.error_hint(
                &path,
                "the group has neither a floor nor a ceiling",
                "add `ceiling: 0.01`",
            );
        }
        if let (Some(f), Some(g)) = (floor, ceiling) {
            if f > g {
                c.error(
                    format!("{path}.floor"),
                    format!("the floor {f} is above the ceiling {g}"),
                );
            }
        }
        key.groups.push(KeyGroup {
            name,
            allies: members,
            floor,
            ceiling,
        });
    }
}

/// Sets each ally's participation and turns a cap on its share of the fund into a
/// maximum: `max = min(max, max_fund_share × total)`.
pub(super) fn check_participation(
    c: &mut Checker,
    raw: &[RawAlly],
    allies: &mut [Ally],
    total: Option<Money>,
) {
    for (i, (raw, ally)) in raw.iter().zip(allies.iter_mut()).enumerate() {
        let path = format!("allies[{i}]");
        ally.participation = match raw.participation.as_deref() {
            None | Some("full") => Participation::Full,
            Some("opt_out") => Participation::OptOut,
            Some("abstain") => Participation::Abstain,
            Some(other) => {
                c.error_hint(
                    format!("{path}.participation"),
                    format!("unknown participation `{other}`"),
                    "use full, opt_out or abstain",
                );
                Participation::Full
            }
        };
        if ally.participation == Participation::OptOut {
            let bound =
                ally.min.is_some_and(|m| !m.is_zero()) || ally.pledged.iter().any(|p| !p.is_zero());
            if bound {
                c.error(
                    format!("{path}.participation"),
                    "an ally that opts out pays nothing: it cannot have a minimum or pledges",
                );
            }
            ally.credit = Decimal::ZERO;
        }
        let Some(num) = &raw.max_fund_share else {
            continue;
        };
        let Some(fraction) = c.fraction(num, &format!("{path}.max_fund_share")) else {
            continue;
        };
        if let Some(total) = total {
            let cap = total * fraction;
            ally.max = Some(ally.max.map_or(cap, |m| m.min(cap)));
            if ally.min.is_some_and(|m| m > cap) {
                c.error(
                    format!("{path}.max_fund_share"),
                    format!("a cap of {fraction} of the fund ({cap}) is below the ally's minimum"),
                );
            }
        }
    }
}

/// An ally's bilateral history: year → amount, every entry checked.
fn history(c: &mut Checker, raw: &RawAlly, path: &str) -> Vec<(i32, Decimal)> {
    let mut out = Vec::new();
    for (year, num) in raw.bilateral_history.iter().flatten() {
        let child = format!("{path}.bilateral_history.{year}");
        let Ok(y) = year.trim().parse::<i32>() else {
            c.error(&child, format!("`{year}` is not a year"));
            continue;
        };
        if let Some(v) = c.non_negative(num, &child) {
            out.push((y, v));
        }
    }
    out
}

/// With `bilateral_baseline: {average: [years]}`, every ally that has a
/// `bilateral_history` gets, in every scenario year, the average of its history over
/// those years (a year its history leaves out counts as 0), rounded to 0.0001 of the
/// money unit. Allies without a history keep their `bilateral`.
pub(super) fn check_baseline(c: &mut Checker, raw: &RawScenario, allies: &mut [Ally]) {
    let raw_allies = raw.allies.as_deref().unwrap_or_default();
    let histories: Vec<Vec<(i32, Decimal)>> = raw_allies
        .iter()
        .enumerate()
        .map(|(i, a)| history(c, a, &format!("allies[{i}]")))
        .collect();
    let Some(baseline) = &raw.bilateral_baseline else {
        return;
    };
    let mut years = Vec::new();
    for (i, num) in baseline.average.iter().flatten().enumerate() {
        match num.0.trim().parse::<i32>() {
            Ok(y) => years.push(y),
            Err(_) => c.error(
                format!("bilateral_baseline.average[{i}]"),
                format!("`{}` is not a year", num.0),
            ),
        }
    }
    if years.is_empty() {
        c.error_hint(
            "bilateral_baseline.average",
            "the baseline names no years to average",
            "write `bilateral_baseline: {average: [2023, 2024]}`",
        );
        return;
    }
    if raw_allies.iter().all(|a| a.bilateral_history.is_none()) {
        c.error_hint(
            "bilateral_baseline",
            "no ally has a bilateral_history to take the baseline from",
            "add `bilateral_history: {2023: 1200, 2024: 1500}` to the allies",
        );
        return;
    }
    let count = Decimal::from(years.len());
    let pairs = raw_allies.iter().zip(allies.iter_mut()).zip(&histories);
    for (i, ((raw_ally, ally), history)) in pairs.enumerate() {
        if raw_ally.bilateral_history.is_none() {
            continue;
        }
        let sum = years
            .iter()
            .filter_map(|y| history.iter().find(|(k, _)| k == y).map(|(_, v)| *v))
            .try_fold(Decimal::ZERO, |acc, v| acc.checked_add(v));
        let Some(sum) = sum else {
            let path = format!("allies[{i}].bilateral_history");
            c.error(path, "the history is too large to add up");
            continue;
        };
        let mean = Money((sum / count).round_dp(4).normalize());
        ally.bilateral = vec![mean; ally.bilateral.len()];
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use rust_decimal::Decimal;

    use crate::money::Money;
    use crate::scenario::{load_str, Participation};

    const HEAD: &str =
        "scenario: t\ncurrency: EUR\nunit: million\nyears: [2025, 2026]\nbudget: {total: 100}\n";

    fn m(s: &str) -> Money {
        Money(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn an_average_baseline_replaces_the_bilateral_of_allies_with_a_history() {
        let text = format!("{HEAD}bilateral_baseline: {{average: [2022, 2023, 2024]}}\nallies:\n  - {{id: A, indicators: {{gdp: 1}}, bilateral: 50, bilateral_history: {{2022: 10, 2024: 20}}}}\n  - {{id: B, indicators: {{gdp: 1}}, bilateral: {{2025: 7}}}}\n");
        let s = load_str(&text, "t.yaml", &[]).unwrap().scenario;
        // (10 + 0 + 20) / 3 = 10 in each year; B keeps its own figures.
        assert_eq!(s.allies[0].bilateral, vec![m("10"), m("10")]);
        assert_eq!(s.allies[1].bilateral, vec![m("7"), m("0")]);
    }

    #[test]
    fn per_year_exchange_rates_convert_each_year() {
        let text = format!("{HEAD}indicators: {{gdp: {{currency: USD, unit: billion}}}}\nfx: {{USD: {{2025: 0.9, 2026: 0.8}}}}\nallies:\n  - {{id: A, indicators: {{gdp: 10}}, max_gdp_pct: 1}}\n  - {{id: B, indicators: {{gdp: 10}}}}\n");
        let s = load_str(&text, "t.yaml", &[]).unwrap().scenario;
        // 10 USD bn = 9 000 and 8 000 EUR million.
        assert_eq!(s.gdp_money(&s.allies[0], 0), Some(m("9000")));
        assert_eq!(s.gdp_money(&s.allies[0], 1), Some(m("8000")));
        let missing = format!("{HEAD}indicators: {{gdp: {{currency: USD, unit: billion}}}}\nfx: {{USD: {{2025: 0.9}}}}\nallies:\n  - {{id: A, indicators: {{gdp: 10}}, max_gdp_pct: 1}}\n");
        let err = load_str(&missing, "t.yaml", &[]).unwrap_err().to_string();
        assert!(err.contains("fx.USD: has no value for 2026"), "{err}");
        assert_eq!(err.matches("error").count(), 1, "{err}");
    }

    #[test]
    fn participation_and_fund_share_are_read() {
        let text = format!("{HEAD}allies:\n  - {{id: A, indicators: {{gdp: 1}}, participation: opt_out, credit: 1}}\n  - {{id: B, indicators: {{gdp: 1}}, max_fund_share: 0.25, max: 40}}\n");
        let s = load_str(&text, "t.yaml", &[]).unwrap().scenario;
        assert_eq!(s.allies[0].participation, Participation::OptOut);
        assert_eq!(s.allies[0].credit, Decimal::ZERO);
        assert_eq!(s.allies[1].max, Some(m("25")));
    }
}
