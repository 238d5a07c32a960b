//! The result: a rounded per-year, per-ally plan with its fairness figures, as written to
//! every output format (the JSON shape is the stable contract).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::binding::Binding;
use crate::money::Money;
use crate::scenario::{CreditEffect, KeyRule, Profile};

#[derive(Clone, Debug, Serialize)]
pub struct Plan {
    pub scenario: String,
    pub currency: String,
    pub unit: String,
    pub years: Vec<i32>,
    pub objective: String,
    pub budget: BudgetOut,
    pub allies: Vec<AllyPlan>,
    pub metrics: Metrics,
    /// Facts for the tables that are not part of the JSON contract.
    #[serde(skip)]
    pub notes: PlanNotes,
}

#[derive(Clone, Debug, Serialize)]
pub struct BudgetOut {
    /// What the allies pay into the fund, over the horizon and per year.
    pub total: Money,
    pub annual: BTreeMap<i32, Money>,
    /// With `credit_effect: reduces_fund`: the budget agreed before credit reduced it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreed: Option<AgreedBudget>,
}

/// The agreed budget of a fund that credit reduces, and by how much it was reduced.
#[derive(Clone, Debug, Serialize)]
pub struct AgreedBudget {
    pub total: Money,
    pub annual: BTreeMap<i32, Money>,
    /// The agreed total less the fund's: the credit that reduced it.
    pub credit: Money,
}

#[derive(Clone, Debug, Serialize)]
pub struct AllyPlan {
    pub id: String,
    pub name: String,
    /// The ally's share of the pot over the horizon: F_a / Σ_b F_b.
    pub key_share: f64,
    pub fair_effort: Money,
    pub bilateral: Money,
    pub credited_bilateral: Money,
    pub contributions: BTreeMap<i32, Money>,
    pub total: Money,
    /// (total + credited) / fair effort; None when the ally has no fair share.
    pub burden_index: Option<f64>,
    pub binding: Vec<Binding>,
    #[serde(skip)]
    pub gdp_pct: Option<f64>,
    /// The rate its bilateral aid is credited at (its own, or the scenario's).
    #[serde(skip)]
    pub credit_rate: Decimal,
}

#[derive(Clone, Debug, Serialize)]
pub struct Metrics {
    pub max_burden_index: f64,
    pub min_burden_index: f64,
    pub schedule_deviation: f64,
}

/// Scenario settings the tables and footnotes state, as raw values; `report/` puts
/// them in words.
#[derive(Clone, Debug)]
pub struct PlanNotes {
    /// The scenario's credit rate (an ally may have its own: [`AllyPlan::credit_rate`]).
    pub credit_rate: Decimal,
    pub credit_cap: Option<Decimal>,
    pub credit_effect: CreditEffect,
    pub key: KeyRule,
    pub profile: Profile,
    pub rounding: Money,
    pub smoothing: Option<Decimal>,
}

/// Amounts by year (normalised), as the outputs key per-year series.
pub(crate) fn by_year(years: &[i32], values: &[Money]) -> BTreeMap<i32, Money> {
    years
        .iter()
        .zip(values)
        .map(|(y, v)| (*y, v.normalized()))
        .collect()
}

impl Plan {
    /// Allies paying nothing new.
    pub fn zero_payers(&self) -> usize {
        self.allies.iter().filter(|a| a.total.is_zero()).count()
    }

    /// The largest payer's share of the budget.
    pub fn largest_share(&self) -> f64 {
        let total = self.budget.total.to_f64();
        let largest = self
            .allies
            .iter()
            .map(|a| a.total.to_f64())
            .fold(0.0, f64::max);
        if total > 0.0 {
            largest / total
        } else {
            0.0
        }
    }

    pub fn ally(&self, id: &str) -> Option<&AllyPlan> {
        self.allies.iter().find(|a| a.id == id)
    }
}
