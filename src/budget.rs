//! Annual budgets: the total split by the profile, apportioned to whole rounding units by
//! largest remainder so that the years sum to the total exactly.

use rust_decimal::Decimal;

use crate::money::{checked_sum, Money};
use crate::scenario::{Profile, Scenario};

/// The annual budgets A_y, multiples of the rounding unit summing exactly to the total.
pub fn annual_budgets(scenario: &Scenario) -> Vec<Money> {
    let m = scenario.year_count();
    let weights: Vec<Decimal> = match &scenario.profile {
        Profile::Even => vec![Decimal::ONE; m],
        Profile::Weights(w) => w.clone(),
        Profile::Amounts(a) => a.iter().map(|x| x.0).collect(),
    };
    apportion(scenario.total, scenario.rounding, &weights)
}

/// Splits `total` (a multiple of `unit`) in proportion to `weights` into multiples of
/// `unit`, largest remainder first, ties to the earlier position.
pub fn apportion(total: Money, unit: Money, weights: &[Decimal]) -> Vec<Money> {
    let sum = checked_sum(weights).unwrap_or(Decimal::MAX);
    let units = (total.0 / unit.0).round();
    let quota = |w: Decimal| match units.checked_mul(w) {
        Some(product) => product / sum,
        // Large weights: the same quota with the share taken first.
        None => units * (w / sum),
    };
    let quotas: Vec<Decimal> = weights.iter().map(|w| quota(*w)).collect();
    let mut whole: Vec<Decimal> = quotas.iter().map(|q| q.floor()).collect();
    let given: Decimal = whole.iter().sum();
    let mut left = (units - given).to_string().parse::<usize>().unwrap_or(0);
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| {
        (quotas[b] - whole[b])
            .cmp(&(quotas[a] - whole[a]))
            .then(a.cmp(&b))
    });
    for &i in order.iter().cycle().take(weights.len() * 2) {
        if left == 0 {
            break;
        }
        whole[i] += Decimal::ONE;
        left -= 1;
    }
    whole.into_iter().map(|u| Money(u * unit.0)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(v: i64) -> Decimal {
        Decimal::from(v)
    }

    #[test]
    fn even_split_gives_remainders_to_earlier_years() {
        let out = apportion(Money(d(100)), Money(d(1)), &[d(1), d(1), d(1)]);
        assert_eq!(out, vec![Money(d(34)), Money(d(33)), Money(d(33))]);
    }

    #[test]
    fn weights_and_units() {
        let out = apportion(Money(d(1000)), Money(d(10)), &[d(1), d(2), d(3)]);
        let total: Money = out.iter().sum();
        assert_eq!(total, Money(d(1000)));
        assert!(out.iter().all(|x| x.is_multiple_of(Money(d(10)))));
        assert_eq!(out, vec![Money(d(170)), Money(d(330)), Money(d(500))]);
    }

    #[test]
    fn huge_weights_do_not_overflow() {
        let big = Decimal::from_str_exact("1000000000000000000").unwrap();
        let out = apportion(Money(d(1_000_000_000_000_000)), Money(d(1)), &[big, big]);
        assert_eq!(out, vec![Money(d(500_000_000_000_000)); 2]);
    }

    #[test]
    fn exact_amounts_stay() {
        let out = apportion(Money(d(60)), Money(d(5)), &[d(10), d(20), d(30)]);
        assert_eq!(out, vec![Money(d(10)), Money(d(20)), Money(d(30))]);
    }
}
