//! The chain of one ally's numbers: indicators → key share per year (before and after
//! floor and ceiling) → pot → fair effort F = Σ s·P → credited aid C → the common level
//! λ → the total λ·F − C or the bound that holds it, and the schedule year by year.

use std::collections::BTreeMap;

use rust_decimal::prelude::ToPrimitive;

use super::closed::Path;
use super::probe::Solved;
use crate::key::key_shares;
use crate::money::Money;
use crate::plan::AllyPlan;
use crate::scenario::{KeyBasis, Scenario};

/// One year of the chain.
#[derive(Clone, Debug)]
pub struct ChainYear {
    pub year: i32,
    /// The key's indicators of the ally in that year (none with explicit shares).
    pub indicators: BTreeMap<String, f64>,
    /// Key share before floor and ceiling, and after.
    pub raw_share: f64,
    pub share: f64,
    /// The pot P_y (A_y + Σ credited aid, or the agreed budget when credit reduces the
    /// fund), and the ally's part of it s·P.
    pub pot: f64,
    pub fair: f64,
    pub credited: f64,
    /// The plan's amount, the proportional amount X·A_y/T, and what makes them differ.
    pub amount: Money,
    pub proportional: f64,
    pub why: Vec<String>,
}

/// The whole chain of one ally.
#[derive(Clone, Debug)]
pub struct Chain {
    pub years: Vec<ChainYear>,
    pub fair_effort: f64,
    pub bilateral: f64,
    pub credit_rate: f64,
    pub credited: f64,
    /// λ·F − C: what the common level asks of it before its bounds.
    pub level_amount: Option<f64>,
    /// Its own range of totals (min, pledges; max, caps).
    pub lo: f64,
    pub hi: f64,
    /// The real-valued total before rounding, and the plan's (rounded) total.
    pub real_total: f64,
    pub total: Money,
    pub burden_index: Option<f64>,
}

/// Key shares before floor and ceiling.
pub fn raw_shares(scenario: &Scenario, solved: &Solved) -> Vec<Vec<f64>> {
    let mut open = scenario.clone();
    open.key.floor = None;
    open.key.ceiling = None;
    key_shares(&open).unwrap_or_else(|_| solved.inst.shares.clone())
}

/// The chain of the ally at index `a`.
pub fn chain(
    scenario: &Scenario,
    solved: &Solved,
    path: &Path,
    raw: &[Vec<f64>],
    a: usize,
    planned: &AllyPlan,
) -> Chain {
    let inst = &solved.inst;
    let ally = &scenario.allies[a];
    let real = solved.real.totals[a];
    let names: Vec<&str> = match &scenario.key.basis {
        KeyBasis::Blend(w) => w.iter().map(|(k, _)| k.as_str()).collect(),
        KeyBasis::Explicit => Vec::new(),
    };
    let codes = solved.binding(scenario, a);
    let years = (0..inst.m)
        .map(|y| {
            let pot = inst.pot(y);
            let year = scenario.years[y];
            ChainYear {
                year,
                indicators: names
                    .iter()
                    .filter_map(|k| {
                        let v = ally.indicators.get(*k)?.get(y)?.to_f64()?;
                        Some((k.to_string(), v))
                    })
                    .collect(),
                raw_share: raw[a][y],
                share: inst.shares[a][y],
                pot,
                fair: inst.shares[a][y] * pot,
                credited: inst.credited[a][y],
                amount: planned
                    .contributions
                    .get(&year)
                    .copied()
                    .unwrap_or_default(),
                proportional: real * inst.annual_f[y] / inst.total.max(f64::MIN_POSITIVE),
                why: codes
                    .iter()
                    .filter(|c| c.year() == Some(year))
                    .map(|c| c.kind().to_string())
                    .collect(),
            }
        })
        .collect();
    Chain {
        years,
        fair_effort: inst.fair[a],
        bilateral: ally.bilateral.iter().map(|b| b.to_f64()).sum(),
        credit_rate: ally.credit.to_f64().unwrap_or(0.0),
        credited: inst.credit_total[a],
        level_amount: path.lambda.map(|l| l * inst.fair[a] - inst.credit_total[a]),
        lo: path.lo[a],
        hi: path.hi[a],
        real_total: real,
        total: planned.total,
        burden_index: (inst.fair[a] > 0.0).then(|| inst.beta(a, real)),
    }
}
