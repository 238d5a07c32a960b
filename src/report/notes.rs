//! The plan's settings in words, for the key facts and notes of every human format: the
//! key rule, the credit rule, the budget profile and the smoothing limit. The plan holds
//! them as raw values ([`PlanNotes`]); only here do they become sentences.

use itertools::Itertools;
use rust_decimal::Decimal;

use crate::plan::PlanNotes;
use crate::scenario::{CreditEffect, KeyBasis, Profile};

/// A fraction as a percentage: `0.5` → `50 %`.
pub(crate) fn pct(d: Decimal) -> String {
    format!("{} %", (d * Decimal::ONE_HUNDRED).normalize())
}

/// The credit rule: `50 %`, `50 %, at most 50 % of the fair effort`, or with credit
/// that reduces the fund `50 %, reducing the fund (at most 100 % of the fair share each
/// year)`.
pub(crate) fn credit(n: &PlanNotes) -> String {
    let rate = pct(n.credit_rate);
    match (n.credit_cap, n.credit_effect) {
        (Some(cap), CreditEffect::EnlargesPot) => {
            format!("{rate}, at most {} of the fair effort", pct(cap))
        }
        (None, CreditEffect::EnlargesPot) => rate,
        (cap, CreditEffect::ReducesFund) => format!(
            "{rate}, reducing the fund (at most {} of the fair share each year)",
            pct(cap.unwrap_or(Decimal::ONE))
        ),
    }
}

/// The key: `share of gdp`, `blend of 50 % gdp, 50 % population`, `explicit shares`,
/// with its floor and ceiling.
pub(crate) fn key(n: &PlanNotes) -> String {
    let key = &n.key;
    let basis = match &key.basis {
        KeyBasis::Explicit => "explicit shares".to_string(),
        KeyBasis::Blend(w) if w.len() == 1 => format!("share of {}", w[0].0),
        KeyBasis::Blend(w) => {
            let sum: Decimal = w.iter().map(|(_, v)| *v).sum();
            let parts: Vec<String> = w
                .iter()
                .map(|(k, v)| format!("{} {k}", pct(*v / sum)))
                .collect();
            format!("blend of {}", parts.join(", "))
        }
    };
    let bounds: Vec<String> = [
        key.floor.map(|f| format!("floor {}", pct(f))),
        key.ceiling.map(|c| format!("ceiling {}", pct(c))),
    ]
    .into_iter()
    .flatten()
    .collect();
    if bounds.is_empty() {
        basis
    } else {
        format!("{basis} ({})", bounds.join(", "))
    }
}

/// The budget profile: `even`, `weights 1 : 2 : 3`, `annual amounts as given`.
pub(crate) fn profile(n: &PlanNotes) -> String {
    match &n.profile {
        Profile::Even => "even".to_string(),
        Profile::Weights(w) => format!("weights {}", w.iter().map(|d| d.normalize()).join(" : ")),
        Profile::Amounts(_) => "annual amounts as given".to_string(),
    }
}

/// The smoothing limit as a percentage, when there is one.
pub(crate) fn smoothing(n: &PlanNotes) -> Option<String> {
    n.smoothing.map(pct)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Money;
    use crate::scenario::KeyRule;

    fn notes() -> PlanNotes {
        PlanNotes {
            credit_rate: Decimal::new(5, 1),
            credit_cap: None,
            credit_effect: CreditEffect::EnlargesPot,
            key: KeyRule {
                basis: KeyBasis::Blend(vec![
                    ("gdp".into(), Decimal::new(3, 0)),
                    ("population".into(), Decimal::ONE),
                ]),
                floor: Some(Decimal::new(1, 3)),
                ceiling: None,
                relative_caps: Vec::new(),
                groups: Vec::new(),
            },
            profile: Profile::Weights(vec![Decimal::ONE, Decimal::TWO]),
            rounding: Money(Decimal::ONE),
            smoothing: Some(Decimal::new(25, 2)),
        }
    }

    #[test]
    fn every_setting_in_words() {
        let mut n = notes();
        assert_eq!(key(&n), "blend of 75 % gdp, 25 % population (floor 0.1 %)");
        assert_eq!(profile(&n), "weights 1 : 2");
        assert_eq!(smoothing(&n).as_deref(), Some("25 %"));
        assert_eq!(credit(&n), "50 %");
        n.credit_cap = Some(Decimal::new(5, 1));
        assert_eq!(credit(&n), "50 %, at most 50 % of the fair effort");
        n.credit_effect = CreditEffect::ReducesFund;
        assert_eq!(
            credit(&n),
            "50 %, reducing the fund (at most 50 % of the fair share each year)"
        );
    }
}
