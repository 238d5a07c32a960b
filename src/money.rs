//! Exact money: a `Decimal` newtype, the one rounding rule, and the f64 boundary of the LP.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Mul, Neg, Sub, SubAssign};

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Digits kept when a real value from the optimiser becomes money again.
const LP_DIGITS: u32 = 6;

/// An amount of money in the scenario's own unit, exact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(pub Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    pub fn new(value: Decimal) -> Self {
        Money(value.normalize())
    }

    /// Converts to f64 for the optimiser; the only way money leaves exact arithmetic.
    pub fn to_f64(self) -> f64 {
        self.0.to_f64().unwrap_or(0.0)
    }

    /// Brings a real value back from the optimiser, kept to a fixed number of digits.
    pub fn from_f64(value: f64) -> Self {
        let d = Decimal::from_f64(value).unwrap_or(Decimal::ZERO);
        Money(d.round_dp_with_strategy(LP_DIGITS, RoundingStrategy::MidpointNearestEven))
    }

    /// Largest multiple of `unit` not above `self`.
    pub fn floor_to(self, unit: Money) -> Money {
        Money((self.0 / unit.0).floor() * unit.0)
    }

    /// Smallest multiple of `unit` not below `self`.
    pub fn ceil_to(self, unit: Money) -> Money {
        Money((self.0 / unit.0).ceil() * unit.0)
    }

    /// Whether `self` is an exact multiple of `unit`.
    pub fn is_multiple_of(self, unit: Money) -> bool {
        unit.0 != Decimal::ZERO && (self.0 % unit.0).is_zero()
    }

    /// The display form: the exact value, no trailing zeros.
    pub fn normalized(self) -> Money {
        Money(self.0.normalize())
    }

    /// Rounds to `dp` decimal places, half to even (the one rounding rule for display).
    pub fn round_dp(self, dp: u32) -> Money {
        Money(
            self.0
                .round_dp_with_strategy(dp, RoundingStrategy::MidpointNearestEven)
                .normalize(),
        )
    }

    /// The exact sum, or None when it would overflow.
    pub fn checked_add(self, rhs: Money) -> Option<Money> {
        self.0.checked_add(rhs.0).map(Money)
    }

    /// The exact product, or None when it would overflow.
    pub fn checked_mul(self, rhs: Decimal) -> Option<Money> {
        self.0.checked_mul(rhs).map(Money)
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub fn abs(self) -> Money {
        Money(self.0.abs())
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.normalize(), f)
    }
}

/// The exact sum of decimals, or None when it would overflow.
pub fn checked_sum(values: &[Decimal]) -> Option<Decimal> {
    values
        .iter()
        .try_fold(Decimal::ZERO, |sum, v| sum.checked_add(*v))
}

/// Formats with thousands separators, e.g. `12 345.5` with `sep = ' '`.
pub fn group_thousands(value: Money, sep: char) -> String {
    let text = value.normalized().0.to_string();
    let (sign, body) = text
        .strip_prefix('-')
        .map_or(("", text.as_str()), |b| ("-", b));
    let (int, frac) = body
        .split_once('.')
        .map_or((body, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(sep);
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        self.0 -= rhs.0;
    }
}

impl Mul<Decimal> for Money {
    type Output = Money;
    fn mul(self, rhs: Decimal) -> Money {
        Money(self.0 * rhs)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse::<Decimal>()
            .map(Money::new)
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn m(s: &str) -> Money {
        Money(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn floor_and_ceil_to_a_unit() {
        assert_eq!(m("12.7").floor_to(m("5")), m("10"));
        assert_eq!(m("12.7").ceil_to(m("5")), m("15"));
        assert_eq!(m("10").ceil_to(m("5")), m("10"));
        assert_eq!(m("0.35").floor_to(m("0.1")), m("0.3"));
    }

    #[test]
    fn exact_decimal_sums() {
        assert_eq!(m("0.1") + m("0.2"), m("0.3"));
    }

    #[test]
    fn checked_operations_report_overflow() {
        let max = Money(Decimal::MAX);
        assert_eq!(max.checked_add(m("1")), None);
        assert_eq!(max.checked_mul(m("2").0), None);
        assert_eq!(m("1.5").checked_add(m("2")), Some(m("3.5")));
        assert_eq!(checked_sum(&[Decimal::MAX, Decimal::ONE]), None);
        assert_eq!(checked_sum(&[m("0.1").0, m("0.2").0]), Some(m("0.3").0));
    }

    #[test]
    fn from_f64_keeps_six_digits() {
        assert_eq!(Money::from_f64(1.0 / 3.0), m("0.333333"));
        assert_eq!(Money::from_f64(20000.000000001), m("20000"));
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands(m("1234567.5"), ','), "1,234,567.5");
        assert_eq!(group_thousands(m("-999"), ','), "-999");
        assert_eq!(group_thousands(m("100000"), ' '), "100 000");
    }

    #[test]
    fn serialises_as_string() {
        assert_eq!(serde_json::to_string(&m("12.50")).unwrap(), "\"12.5\"");
    }
}
