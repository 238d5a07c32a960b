//! Pledge scorecard (`mode: pledge`): no fund, a yearly target of total effort shared by
//! the key. Per ally and year: its fair share of the target (key share × target), its
//! effort (its support at its credit rate), the gap (fair share − effort) and both in %
//! of GDP. Amounts are exact except the fair share, a key share (a real number) times
//! the target, rounded to 0.01 of the money unit.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::key::{key_shares, KeyError};
use crate::money::Money;
use crate::scenario::{Ally, Scenario};

/// The scorecard of a pledge.
#[derive(Clone, Debug, Serialize)]
pub struct Scorecard {
    pub scenario: String,
    pub currency: String,
    pub unit: String,
    pub years: Vec<i32>,
    /// The yearly target of total effort.
    pub target: BTreeMap<i32, Money>,
    /// Allies in scenario order.
    pub allies: Vec<AllyScore>,
    /// The alliance per year.
    pub annual: BTreeMap<i32, YearScore>,
}

/// One ally: per-year maps and its totals over the years.
#[derive(Clone, Debug, Serialize)]
pub struct AllyScore {
    pub id: String,
    pub name: String,
    pub key_share: BTreeMap<i32, f64>,
    pub fair_share: BTreeMap<i32, Money>,
    pub effort: BTreeMap<i32, Money>,
    /// Fair share − effort: positive is a shortfall, negative more than the share.
    pub gap: BTreeMap<i32, Money>,
    /// Effort / fair share; None without a fair share.
    pub fulfilment: BTreeMap<i32, Option<f64>>,
    /// Effort in % of that year's GDP, when GDP and its unit are known.
    pub effort_gdp_pct: BTreeMap<i32, Option<f64>>,
    /// Fair share in % of that year's GDP, when known.
    pub fair_share_gdp_pct: BTreeMap<i32, Option<f64>>,
    pub total: Totals,
}

/// Sums over the years.
#[derive(Clone, Debug, Serialize)]
pub struct Totals {
    pub fair_share: Money,
    pub effort: Money,
    pub gap: Money,
    pub fulfilment: Option<f64>,
}

/// The alliance in one year.
#[derive(Clone, Debug, Serialize)]
pub struct YearScore {
    pub target: Money,
    pub effort: Money,
    /// Target − effort of all allies: positive is a shortfall.
    pub gap: Money,
    /// How many allies reach their fair share that year.
    pub allies_meeting_share: usize,
}

fn ratio(effort: Money, fair: Money) -> Option<f64> {
    (fair > Money::ZERO).then(|| effort.to_f64() / fair.to_f64())
}

fn pct(part: Money, whole: Option<Money>) -> Option<f64> {
    whole
        .filter(|w| *w > Money::ZERO)
        .map(|w| part.to_f64() / w.to_f64() * 100.0)
}

/// The scorecard of a pledge-mode scenario.
pub fn scorecard(scenario: &Scenario) -> Result<Scorecard, KeyError> {
    let shares = key_shares(scenario)?;
    let years = &scenario.years;
    let allies: Vec<AllyScore> = scenario
        .allies
        .iter()
        .zip(&shares)
        .map(|(ally, s)| ally_score(scenario, ally, s))
        .collect();
    let annual = years
        .iter()
        .enumerate()
        .map(|(y, &year)| (year, year_score(scenario, &allies, y, year)))
        .collect();
    Ok(Scorecard {
        scenario: scenario.title.clone(),
        currency: scenario.currency.clone(),
        unit: scenario.unit.clone(),
        years: years.clone(),
        target: years
            .iter()
            .zip(&scenario.target)
            .map(|(y, t)| (*y, t.normalized()))
            .collect(),
        allies,
        annual,
    })
}

/// One ally's figures per year (`s` its key shares) and over the years.
fn ally_score(scenario: &Scenario, ally: &Ally, s: &[f64]) -> AllyScore {
    let mut score = AllyScore {
        id: ally.id.clone(),
        name: ally.name.clone(),
        key_share: BTreeMap::new(),
        fair_share: BTreeMap::new(),
        effort: BTreeMap::new(),
        gap: BTreeMap::new(),
        fulfilment: BTreeMap::new(),
        effort_gdp_pct: BTreeMap::new(),
        fair_share_gdp_pct: BTreeMap::new(),
        total: Totals {
            fair_share: Money::ZERO,
            effort: Money::ZERO,
            gap: Money::ZERO,
            fulfilment: None,
        },
    };
    for (y, &year) in scenario.years.iter().enumerate() {
        let target = scenario.target.get(y).copied().unwrap_or_default();
        let fair = Money::from_f64(s[y] * target.to_f64())
            .round_dp(2)
            .normalized();
        let effort = scenario.credited(ally, y).normalized();
        let gdp = scenario.gdp_money(ally, y);
        score.key_share.insert(year, s[y]);
        score.fair_share.insert(year, fair);
        score.effort.insert(year, effort);
        score.gap.insert(year, (fair - effort).normalized());
        score.fulfilment.insert(year, ratio(effort, fair));
        score.effort_gdp_pct.insert(year, pct(effort, gdp));
        score.fair_share_gdp_pct.insert(year, pct(fair, gdp));
    }
    let fair: Money = score.fair_share.values().sum();
    let effort: Money = score.effort.values().sum();
    score.total = Totals {
        fair_share: fair.normalized(),
        effort: effort.normalized(),
        gap: (fair - effort).normalized(),
        fulfilment: ratio(effort, fair),
    };
    score
}

/// The alliance in year `y`.
fn year_score(scenario: &Scenario, allies: &[AllyScore], y: usize, year: i32) -> YearScore {
    let target = scenario.target.get(y).copied().unwrap_or_default();
    let effort: Money = allies.iter().filter_map(|a| a.effort.get(&year)).sum();
    let meeting = allies
        .iter()
        .filter(|a| a.gap.get(&year).is_some_and(|g| *g <= Money::ZERO))
        .count();
    YearScore {
        target: target.normalized(),
        effort: effort.normalized(),
        gap: (target - effort).normalized(),
        allies_meeting_share: meeting,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fair_share_effort_and_gap_by_hand() {
        // GDP 3 : 1, target 100 a year: fair shares 75 and 25. A gives 60 in full,
        // B gives 40 at half credit (20): gaps 15 and 5; the alliance is 20 short.
        let text = "scenario: t\ncurrency: EUR\nunit: million\nyears: [2024]\nmode: pledge\ntarget: 100\nbilateral_credit: 1\nallies:\n  - {id: A, indicators: {gdp: 3}, bilateral: {2024: 60}}\n  - {id: B, indicators: {gdp: 1}, bilateral: {2024: 40}, credit: 0.5}\n";
        let scenario = crate::scenario::load_str(text, "t.yaml", &[])
            .unwrap()
            .scenario;
        let card = scorecard(&scenario).unwrap();
        let m = |v: i64| Money(rust_decimal::Decimal::from(v));
        assert_eq!(card.allies[0].fair_share[&2024], m(75));
        assert_eq!(card.allies[0].gap[&2024], m(15));
        assert_eq!(card.allies[1].effort[&2024], m(20));
        assert_eq!(card.allies[1].gap[&2024], m(5));
        assert_eq!(card.annual[&2024].gap, m(20));
        assert_eq!(card.annual[&2024].allies_meeting_share, 0);
    }
}
