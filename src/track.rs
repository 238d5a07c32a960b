//! Tracking: what each ally delivered in the past years against what the plan asked of
//! it, year by year and cumulatively, with a status per ally; and per year, what the
//! alliance delivered against the annual budget; and per ally and year, the bilateral
//! aid the plan assumed against what the actuals say it gave. All arithmetic is exact.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::actuals::Actuals;
use crate::money::Money;
use crate::plan::Plan;
use crate::scenario::Scenario;

/// Where an ally stands: cumulative delivery within the tolerance of the cumulative plan,
/// below it or above it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    OnTrack,
    Behind,
    Ahead,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::OnTrack => "on track",
            Status::Behind => "behind",
            Status::Ahead => "ahead",
        })
    }
}

/// The tracking report.
#[derive(Clone, Debug, Serialize)]
pub struct Track {
    pub scenario: String,
    pub currency: String,
    pub unit: String,
    /// The past years the actuals cover.
    pub years: Vec<i32>,
    /// Tolerance as a fraction of the cumulative plan.
    pub tolerance: f64,
    /// Allies in scenario order.
    pub allies: Vec<AllyTrack>,
    /// The alliance per year: budget against delivered.
    pub annual: BTreeMap<i32, YearTotal>,
    /// The alliance over all past years.
    pub total: YearTotal,
    /// How many allies are on track, behind and ahead.
    pub status_counts: BTreeMap<Status, usize>,
}

/// One ally over the past years.
#[derive(Clone, Debug, Serialize)]
pub struct AllyTrack {
    pub id: String,
    pub name: String,
    pub years: BTreeMap<i32, YearLine>,
    pub planned: Money,
    pub delivered: Money,
    /// Delivered minus planned: negative is a shortfall, positive a surplus.
    pub difference: Money,
    /// Delivered / planned; None when nothing was planned.
    pub fulfilment: Option<f64>,
    pub status: Status,
    /// The bilateral aid the scenario assumes, per past year.
    pub bilateral_planned: BTreeMap<i32, Money>,
    /// The bilateral aid actually given, per past year (null where the actuals do not
    /// say).
    pub bilateral_delivered: BTreeMap<i32, Option<Money>>,
}

/// One ally in one past year.
#[derive(Clone, Debug, Serialize)]
pub struct YearLine {
    pub planned: Money,
    pub delivered: Money,
    pub difference: Money,
    pub fulfilment: Option<f64>,
    /// Cumulative difference up to and including this year.
    pub cumulative_difference: Money,
    /// Status on the cumulative figures up to this year.
    pub status: Status,
}

/// The alliance in one year (or over all past years): budget against delivered.
#[derive(Clone, Debug, Serialize)]
pub struct YearTotal {
    pub budget: Money,
    pub delivered: Money,
    pub difference: Money,
    pub fulfilment: Option<f64>,
    pub status: Status,
}

impl Track {
    /// Whether the actuals state any bilateral aid actually given.
    pub fn has_bilateral(&self) -> bool {
        self.allies
            .iter()
            .any(|a| a.bilateral_delivered.values().any(Option::is_some))
    }
}

impl YearTotal {
    fn new(budget: Money, delivered: Money, tolerance: Decimal) -> YearTotal {
        YearTotal {
            budget: budget.normalized(),
            delivered: delivered.normalized(),
            difference: (delivered - budget).normalized(),
            fulfilment: ratio(delivered, budget),
            status: status(budget, delivered, tolerance),
        }
    }
}

fn ratio(delivered: Money, planned: Money) -> Option<f64> {
    (!planned.is_zero()).then(|| delivered.to_f64() / planned.to_f64())
}

/// The status of cumulative figures under a tolerance (a fraction of the plan).
pub fn status(planned: Money, delivered: Money, tolerance: Decimal) -> Status {
    let difference = delivered - planned;
    let allowed = planned.abs() * tolerance;
    if difference.abs() <= allowed {
        Status::OnTrack
    } else if difference < Money::ZERO {
        Status::Behind
    } else {
        Status::Ahead
    }
}

/// Compares the actuals with the plan of `scenario` (allies of the plan in scenario
/// order, as `plan` returns them). `tolerance` is a fraction of the cumulative plan.
pub fn track(scenario: &Scenario, plan: &Plan, actuals: &Actuals, tolerance: Decimal) -> Track {
    let allies: Vec<AllyTrack> = plan
        .allies
        .iter()
        .zip(&actuals.delivered)
        .enumerate()
        .map(|(i, (ally, delivered))| {
            let planned: Vec<Money> = actuals
                .years
                .iter()
                .map(|y| ally.contributions.get(y).copied().unwrap_or_default())
                .collect();
            let mut line = ally_track(
                &ally.id,
                &ally.name,
                &actuals.years,
                &planned,
                delivered,
                tolerance,
            );
            for (k, year) in actuals.years.iter().enumerate() {
                let assumed = scenario.allies.get(i).and_then(|a| a.bilateral.get(k));
                let given = actuals.bilateral_given(i, k).map(Money::normalized);
                line.bilateral_planned
                    .insert(*year, assumed.copied().unwrap_or_default().normalized());
                line.bilateral_delivered.insert(*year, given);
            }
            line
        })
        .collect();
    let mut annual = BTreeMap::new();
    for (k, year) in actuals.years.iter().enumerate() {
        let budget = plan.budget.annual.get(year).copied().unwrap_or_default();
        let delivered: Money = actuals.delivered.iter().map(|row| row[k]).sum();
        annual.insert(*year, YearTotal::new(budget, delivered, tolerance));
    }
    let total = YearTotal::new(
        annual.values().map(|t: &YearTotal| t.budget).sum(),
        annual.values().map(|t| t.delivered).sum(),
        tolerance,
    );
    let mut status_counts: BTreeMap<Status, usize> =
        [Status::OnTrack, Status::Behind, Status::Ahead]
            .map(|s| (s, 0))
            .into();
    for a in &allies {
        *status_counts.entry(a.status).or_default() += 1;
    }
    Track {
        scenario: plan.scenario.clone(),
        currency: plan.currency.clone(),
        unit: plan.unit.clone(),
        years: actuals.years.clone(),
        tolerance: Money(tolerance).to_f64(),
        allies,
        annual,
        total,
        status_counts,
    }
}

fn ally_track(
    id: &str,
    name: &str,
    years: &[i32],
    planned: &[Money],
    delivered: &[Money],
    tolerance: Decimal,
) -> AllyTrack {
    let (mut sum_planned, mut sum_delivered) = (Money::ZERO, Money::ZERO);
    let mut lines = BTreeMap::new();
    for (k, year) in years.iter().enumerate() {
        sum_planned += planned[k];
        sum_delivered += delivered[k];
        lines.insert(
            *year,
            YearLine {
                planned: planned[k].normalized(),
                delivered: delivered[k].normalized(),
                difference: (delivered[k] - planned[k]).normalized(),
                fulfilment: ratio(delivered[k], planned[k]),
                cumulative_difference: (sum_delivered - sum_planned).normalized(),
                status: status(sum_planned, sum_delivered, tolerance),
            },
        );
    }
    AllyTrack {
        id: id.to_string(),
        name: name.to_string(),
        years: lines,
        planned: sum_planned.normalized(),
        delivered: sum_delivered.normalized(),
        difference: (sum_delivered - sum_planned).normalized(),
        fulfilment: ratio(sum_delivered, sum_planned),
        status: status(sum_planned, sum_delivered, tolerance),
        bilateral_planned: BTreeMap::new(),
        bilateral_delivered: BTreeMap::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(v: i64) -> Money {
        Money(Decimal::from(v))
    }

    #[test]
    fn status_follows_the_tolerance() {
        let five = Decimal::new(5, 2);
        assert_eq!(status(m(100), m(95), five), Status::OnTrack);
        assert_eq!(status(m(100), m(94), five), Status::Behind);
        assert_eq!(status(m(100), m(106), five), Status::Ahead);
        assert_eq!(status(m(0), m(0), five), Status::OnTrack);
        assert_eq!(status(m(0), m(1), five), Status::Ahead);
    }

    #[test]
    fn cumulative_difference_runs_over_the_years() {
        let line = ally_track(
            "A",
            "A",
            &[2025, 2026],
            &[m(100), m(100)],
            &[m(80), m(130)],
            Decimal::ZERO,
        );
        assert_eq!(line.years[&2025].cumulative_difference, m(-20));
        assert_eq!(line.years[&2025].status, Status::Behind);
        assert_eq!(line.years[&2026].cumulative_difference, m(10));
        assert_eq!(line.status, Status::Ahead);
        assert_eq!(line.fulfilment, Some(1.05));
    }
}
