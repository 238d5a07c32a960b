//! Checks of what a scenario funds and how credit acts on it: the mode (a fund, or a
//! pledge scored against a yearly target, which ignores every fund-only field with a
//! warning) and the credit effect (credit that enlarges the pot or reduces the fund).

use rust_decimal::Decimal;

use super::super::schema::RawScenario;
use super::super::types::{CreditEffect, Mode, Profile};
use super::Checker;
use crate::money::Money;

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
    if mode == Mode::Pledge {
        fund_only_fields(c, raw);
    }
    (mode, target)
}

/// `credit_effect`: whether credited aid enlarges the pot (the default) or reduces the fund.
/// A fund that credit reduces has a size known only once the key is: a cap on an ally's
/// share of it cannot be turned into money at validation, so it is refused.
pub(super) fn check_credit_effect(c: &mut Checker, raw: &RawScenario) -> CreditEffect {
    let effect = match raw.credit_effect.as_deref() {
        None | Some("enlarges_pot") => CreditEffect::EnlargesPot,
        Some("reduces_fund") => CreditEffect::ReducesFund,
        Some(other) => {
            c.error_hint(
                "credit_effect",
                format!("unknown credit effect `{other}`"),
                "use enlarges_pot or reduces_fund",
            );
            CreditEffect::EnlargesPot
        }
    };
    if effect == CreditEffect::ReducesFund && raw.mode.as_deref() != Some("pledge") {
        for (i, ally) in raw.allies.iter().flatten().enumerate() {
            if ally.max_fund_share.is_some() {
                c.error_hint(
                    format!("allies[{i}].max_fund_share"),
                    "with `credit_effect: reduces_fund` the fund's size follows the credit, so a share of it is not a fixed amount",
                    "give the ally a `max` in money instead",
                );
            }
        }
    }
    effect
}

/// A pledge has no fund: the fields that shape a fund's plan are ignored in one, each
/// said at its place, so that nobody reads a scorecard believing them applied.
fn fund_only_fields(c: &mut Checker, raw: &RawScenario) {
    if raw.credit_cap.is_some() {
        // A pledge counts support alone: capping its credit against new money would
        // keep every ally below its share, so the cap is ignored, and said so.
        c.warning(
            "credit_cap",
            "a pledge has no fund: the credit cap limits credit against new money in a fund and is ignored in a pledge",
        );
    }
    let top = [
        (
            "smoothing",
            raw.smoothing.is_some(),
            "smoothing shapes a fund's yearly payments",
        ),
        (
            "credit_effect",
            raw.credit_effect.is_some(),
            "the credit effect says whether credit enlarges or reduces a fund",
        ),
        (
            "objective",
            raw.objective.is_some(),
            "the objective chooses how a fund is shared",
        ),
        (
            "budget",
            raw.budget.is_some(),
            "the yearly `target` is what a pledge measures against",
        ),
    ];
    for (field, given, why) in top {
        if given {
            c.warning(
                field,
                format!("a pledge has no fund: {why}; ignored in a pledge"),
            );
        }
    }
    for (i, ally) in raw.allies.iter().flatten().enumerate() {
        let fields = [
            ("min", ally.min.is_some()),
            ("max", ally.max.is_some()),
            ("pledged", ally.pledged.is_some()),
            ("max_gdp_pct", ally.max_gdp_pct.is_some()),
            ("max_fund_share", ally.max_fund_share.is_some()),
        ];
        for (field, _) in fields.iter().filter(|(_, given)| *given) {
            c.warning(
                format!("allies[{i}].{field}"),
                format!("a pledge has no fund: `{field}` bounds a payment into a fund and is ignored in a pledge"),
            );
        }
    }
}

/// The budget a pledge-mode scenario stands on when it gives none: its targets.
pub(super) fn pledge_budget(target: &[Money]) -> Option<(Money, Money, Profile)> {
    let total: Money = target.iter().sum();
    (total > Money::ZERO).then(|| {
        let unit = Money(Decimal::new(1, total.0.scale()));
        (total, unit, Profile::Amounts(target.to_vec()))
    })
}
