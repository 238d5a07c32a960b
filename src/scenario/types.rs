//! The trusted scenario: every value checked, every per-year series expanded.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::limits::MAX_NUMBER;
use crate::money::Money;

/// A validated scenario. Per-year vectors are indexed like `years`.
#[derive(Clone, Debug)]
pub struct Scenario {
    pub title: String,
    pub currency: String,
    pub unit: String,
    pub years: Vec<i32>,
    pub total: Money,
    pub profile: Profile,
    pub rounding: Money,
    pub key: KeyRule,
    pub bilateral_credit: Decimal,
    pub smoothing: Option<Decimal>,
    pub objective: Objective,
    /// Plan money per unit of the `gdp` indicator, when units and fx make it known.
    pub gdp_to_money: Option<Decimal>,
    /// The same per year, when exchange rates are given per year and differ.
    pub gdp_to_money_by_year: Option<Vec<Decimal>>,
    pub allies: Vec<Ally>,
    /// `fund` (a common fund shared out) or `pledge` (a yearly effort target, scored).
    pub mode: Mode,
    /// In pledge mode, the total effort target of each year.
    pub target: Vec<Money>,
    /// Credited aid counts at most up to this fraction of the ally's fair effort.
    pub credit_cap: Option<Decimal>,
    /// Whether credited aid enlarges the pot or reduces the fund.
    pub credit_effect: CreditEffect,
}

/// What credited bilateral aid does to the fund.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CreditEffect {
    /// The pot is the budget plus all credited aid; the budget is raised in full.
    #[default]
    EnlargesPot,
    /// The pot is the budget; each ally's credit (at most its fair share of each year)
    /// lowers what it pays, and the fund shrinks by it, nobody making it up.
    ReducesFund,
}

/// What a scenario plans: a common fund, or a scorecard against a yearly pledge.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Fund,
    Pledge,
}

/// Whether an ally takes part in the fund.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Participation {
    /// Takes part in full.
    #[default]
    Full,
    /// Does not take part: pays nothing, holds no key share, its aid is not credited.
    OptOut,
    /// Constructive abstention: planned like everyone else, but its contribution goes
    /// into a separate envelope instead of the common fund.
    Abstain,
}

/// A share ceiling or floor for a named group of allies (the sum of their key shares).
#[derive(Clone, Debug, PartialEq)]
pub struct KeyGroup {
    pub name: String,
    pub allies: Vec<String>,
    pub floor: Option<Decimal>,
    pub ceiling: Option<Decimal>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Profile {
    Even,
    Weights(Vec<Decimal>),
    Amounts(Vec<Money>),
}

#[derive(Clone, Debug)]
pub struct KeyRule {
    pub basis: KeyBasis,
    pub floor: Option<Decimal>,
    pub ceiling: Option<Decimal>,
    /// `(ally, at_most)`: the first ally's key share is at most the second's, every year.
    pub relative_caps: Vec<(String, String)>,
    /// Share limits for named groups of allies.
    pub groups: Vec<KeyGroup>,
}

impl KeyRule {
    /// Whether the key has relative caps or group limits (beyond floor and ceiling).
    pub fn has_arrangements(&self) -> bool {
        !self.relative_caps.is_empty() || !self.groups.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum KeyBasis {
    /// Indicator names and weights, normalised to sum 1 when shares are computed.
    Blend(Vec<(String, Decimal)>),
    /// Each ally's `share`.
    Explicit,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Objective {
    #[default]
    Leximin,
    Minimax,
    L1,
}

impl Objective {
    pub fn name(self) -> &'static str {
        match self {
            Objective::Leximin => "leximin",
            Objective::Minimax => "minimax",
            Objective::L1 => "l1",
        }
    }

    pub fn parse(text: &str) -> Option<Objective> {
        match text {
            "leximin" => Some(Objective::Leximin),
            "minimax" => Some(Objective::Minimax),
            "l1" => Some(Objective::L1),
            _ => None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Ally {
    pub id: String,
    pub name: String,
    /// Indicator values per year.
    pub indicators: BTreeMap<String, Vec<Decimal>>,
    /// Bilateral aid per year (a horizon total is spread evenly).
    pub bilateral: Vec<Money>,
    /// Fraction of bilateral aid credited.
    pub credit: Decimal,
    /// Explicit key share per year.
    pub share: Option<Vec<Decimal>>,
    pub min: Option<Money>,
    pub max: Option<Money>,
    pub max_gdp_pct: Option<Decimal>,
    /// Announced minimum per year (zero where none).
    pub pledged: Vec<Money>,
    /// Whether it takes part (opt-out and constructive abstention).
    pub participation: Participation,
}

impl Scenario {
    pub fn year_count(&self) -> usize {
        self.years.len()
    }

    /// GDP of an ally in a year, in plan money, when known (and not beyond the limit on
    /// numbers, [`MAX_NUMBER`]).
    pub fn gdp_money(&self, ally: &Ally, year: usize) -> Option<Money> {
        let gdp = ally.indicators.get("gdp")?.get(year)?;
        gdp.checked_mul(self.gdp_rate(year)?)
            .filter(|g| g.abs() <= MAX_NUMBER)
            .map(Money)
    }

    /// The value of one unit of the `gdp` indicator in plan money in a year, when known.
    fn gdp_rate(&self, year: usize) -> Option<Decimal> {
        match &self.gdp_to_money_by_year {
            Some(by_year) => by_year.get(year).copied(),
            None => self.gdp_to_money,
        }
    }

    /// The per-year cap from `max_gdp_pct`, when the ally has one. A cap above the limit
    /// on numbers is none: no amount of a plan can reach it.
    pub fn gdp_cap(&self, ally: &Ally, year: usize) -> Option<Money> {
        let pct = ally.max_gdp_pct? / Decimal::ONE_HUNDRED;
        let gdp = *ally.indicators.get("gdp")?.get(year)?;
        let rate = self.gdp_rate(year)?;
        let cap = gdp
            .checked_mul(rate)
            .and_then(|g| g.checked_mul(pct))
            .or_else(|| {
                // The same product in another order: a tiny factor first.
                let mut factors = [gdp, rate, pct];
                factors.sort_by_key(|f| f.abs());
                factors[0].checked_mul(factors[2])?.checked_mul(factors[1])
            })?;
        (cap.abs() <= MAX_NUMBER).then_some(Money(cap))
    }

    pub fn credited(&self, ally: &Ally, year: usize) -> Money {
        ally.bilateral[year] * ally.credit
    }

    /// Whether any constraint acts on single years (caps, pledges, smoothing).
    pub fn has_per_year_constraints(&self) -> bool {
        self.smoothing.is_some()
            || self
                .allies
                .iter()
                .any(|a| a.max_gdp_pct.is_some() || a.pledged.iter().any(|p| !p.is_zero()))
    }
}

/// Size of a unit word in ones, for converting between money units.
pub fn unit_factor(unit: &str) -> Option<Decimal> {
    let zeros = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "one" | "ones" | "unit" | "units" => 0,
        "thousand" | "thousands" | "k" => 3,
        "million" | "millions" | "mn" | "m" => 6,
        "billion" | "billions" | "bn" | "b" => 9,
        "trillion" | "trillions" | "tn" => 12,
        _ => return None,
    };
    Some(Decimal::from_i128_with_scale(10i128.pow(zeros), 0))
}
