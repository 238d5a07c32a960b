//! Checks of the arrangements alliances use beyond a plain key: relative caps and group
//! limits in the key, opt-outs and constructive abstention, caps on an ally's share of
//! the fund, and pledge mode with its yearly target.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::super::schema::{RawAlly, RawKey, RawScenario};
use super::super::types::{Ally, KeyGroup, KeyRule, Mode, Participation, Profile};
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

/// The mode and, in pledge mode, the yearly target. A pledge-mode scenario needs no
/// budget: it gets the targets as its annual amounts.
pub(super) fn check_mode(c: &mut Checker, raw: &RawScenario, years: &[i32]) -> (Mode, Vec<Money>) {
    let mode = match raw.mode.as_deref() {
        None | Some("fund") => Mode::Fund,
        Some("pledge") => Mode::Pledge,
        Some(other) => {
            c.error_hint(
                "mode",
                format!("unknown mode `{other}`"),
                "use fund or pledge",
            );
            Mode::Fund
        }
    };
    let target = match (&raw.target, mode) {
        (None, Mode::Pledge) => {
            c.error_hint(
                "target",
                "a pledge needs a yearly target",
                "add `target: 40000` (each year) or `target: {2024: 40000}`",
            );
            Vec::new()
        }
        (Some(_), Mode::Fund) => {
            c.error_hint(
                "target",
                "a target belongs to a pledge",
                "add `mode: pledge`",
            );
            Vec::new()
        }
        (Some(value), Mode::Pledge) => c
            .per_year(value, "target", years, |v| v, None)
            .unwrap_or_default()
            .into_iter()
            .map(Money)
            .collect(),
        (None, Mode::Fund) => Vec::new(),
    };
    (mode, target)
}

/// The budget a pledge-mode scenario stands on when it gives none: its targets.
pub(super) fn pledge_budget(target: &[Money]) -> Option<(Money, Money, Profile)> {
    let total: Money = target.iter().sum();
    (total > Money::ZERO).then(|| {
        let unit = Money(Decimal::new(1, total.0.scale()));
        (total, unit, Profile::Amounts(target.to_vec()))
    })
}
