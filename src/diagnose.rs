//! Infeasibility in plain words: which data conflict, with the numbers. Simple counting
//! arguments first; then the constraint families are relaxed one at a time to find the
//! one whose removal makes a plan possible.

use good_lp::Expression;
use rust_decimal::Decimal;

use crate::model::lp::{Lp, Totals};
use crate::model::Instance;
use crate::money::{group_thousands, Money};
use crate::scenario::Scenario;

fn show(v: f64) -> String {
    group_thousands(Money::from_f64(v).round_dp(2), ' ')
}

fn pct(d: Decimal) -> String {
    format!("{:.2}", d)
        .trim_end_matches('0')
        .trim_end_matches('.')
        .to_string()
}

/// Reasons why the scenario has no plan; never empty.
pub(crate) fn diagnose(scenario: &Scenario, inst: &Instance) -> Vec<String> {
    let mut out = counting(scenario, inst);
    smoothing(scenario, inst, &mut out);
    if out.is_empty() {
        out = relaxations(scenario, inst);
    }
    out
}

/// The counting arguments alone: sums of bounds that cannot meet a budget. Each is a
/// proof that no plan exists (no solver involved), so the planner checks them before it
/// solves anything; empty when none applies.
pub(crate) fn counting(scenario: &Scenario, inst: &Instance) -> Vec<String> {
    let mut out = Vec::new();
    let name = |a: usize| scenario.allies[a].id.clone();
    let any_caps = inst.cell_hi.iter().flatten().any(|c| c.is_finite());
    let any_pledges = inst.cell_lo.iter().flatten().any(|c| *c > 0.0);
    for (y, year) in scenario.years.iter().enumerate() {
        let budget = inst.annual_f[y];
        let pledged: f64 = (0..inst.n).map(|a| inst.cell_lo[a][y]).sum();
        if pledged > budget * (1.0 + 1e-12) {
            out.push(format!(
                "pledges for {year} sum to {} but the {year} budget is {}",
                show(pledged),
                show(budget)
            ));
        }
        let room: f64 = (0..inst.n)
            .map(|a| inst.cell_hi[a][y].min(inst.hi[a]))
            .sum();
        if room < budget * (1.0 - 1e-12) {
            out.push(format!(
                "GDP caps and maxima allow at most {} in {year} but the {year} budget is {}",
                show(room),
                show(budget)
            ));
        }
    }
    for a in 0..inst.n {
        for (y, year) in scenario.years.iter().enumerate() {
            if inst.cell_lo[a][y] > inst.cell_hi[a][y] {
                out.push(format!(
                    "{}'s pledge for {year} ({}) is above its GDP cap for {year} ({})",
                    name(a),
                    show(inst.cell_lo[a][y]),
                    show(inst.cell_hi[a][y])
                ));
            }
        }
        let (lo, hi) = (inst.total_lo(a), inst.total_hi(a));
        if lo > hi * (1.0 + 1e-12) {
            // Whichever is lower bounds the total: the sum of the GDP caps or the maximum
            // (a re-plan's maximum left after the deliveries).
            let caps: f64 = inst.cell_hi[a].iter().sum();
            let what = if caps < inst.hi[a] {
                "its GDP caps allow"
            } else {
                "its maximum allows"
            };
            out.push(format!(
                "{}'s minimum and pledges need {} but {what} at most {}",
                name(a),
                show(lo),
                show(hi)
            ));
        }
    }
    let max_sum: f64 = (0..inst.n).map(|a| inst.total_hi(a)).sum();
    if max_sum < inst.total * (1.0 - 1e-12) {
        let what = if any_caps {
            "maxima and GDP caps allow at most"
        } else {
            "maxima sum to"
        };
        out.push(format!(
            "the allies' {what} {} but the budget is {}",
            show(max_sum),
            show(inst.total)
        ));
    }
    let min_sum: f64 = (0..inst.n).map(|a| inst.total_lo(a)).sum();
    if min_sum > inst.total * (1.0 + 1e-12) {
        let what = if any_pledges {
            "minima and pledges"
        } else {
            "minima"
        };
        out.push(format!(
            "the allies' {what} sum to {} but the budget is {}",
            show(min_sum),
            show(inst.total)
        ));
    }
    out
}

/// A step limit tighter than the budget profile's own steps.
fn smoothing(scenario: &Scenario, inst: &Instance, out: &mut Vec<String>) {
    if let Some(delta) = scenario.smoothing {
        let fund: Money = inst.annual.iter().sum();
        let mean = fund.0 / Decimal::from(inst.m);
        for y in 1..inst.m {
            let change = (inst.annual[y].0 - inst.annual[y - 1].0).abs();
            if change > delta * mean {
                out.push(format!(
                    "smoothing {} is tighter than the budget profile itself ({}→{} changes by {} % of the mean year)",
                    delta.normalize(),
                    scenario.years[y - 1],
                    scenario.years[y],
                    pct(change / mean * Decimal::ONE_HUNDRED)
                ));
            }
        }
    }
}

/// Names the constraint family whose removal makes the scenario feasible.
fn relaxations(scenario: &Scenario, inst: &Instance) -> Vec<String> {
    let feasible = |i: &Instance| {
        Lp::new(i, Totals::Free)
            .minimise(Expression::from(0.0), &[])
            .is_ok()
    };
    let mut tries: Vec<(String, Instance)> = Vec::new();
    if let Some(delta) = scenario.smoothing {
        let mut i = inst.clone();
        i.smoothing = None;
        tries.push((format!("smoothing {}", delta.normalize()), i));
    }
    let mut i = inst.clone();
    i.cell_lo = vec![vec![0.0; inst.m]; inst.n];
    tries.push(("the pledges".into(), i));
    let mut i = inst.clone();
    i.cell_hi = vec![vec![f64::INFINITY; inst.m]; inst.n];
    tries.push(("the GDP caps".into(), i));
    let mut i = inst.clone();
    i.lo = vec![0.0; inst.n];
    i.hi = vec![f64::INFINITY; inst.n];
    tries.push(("the allies' minima and maxima".into(), i));
    let culprits: Vec<&str> = tries
        .iter()
        .filter(|(_, i)| feasible(i))
        .map(|(n, _)| n.as_str())
        .collect();
    let zero_fair: Vec<String> = (0..inst.n)
        .filter(|&a| inst.fair[a] <= 0.0)
        .map(|a| scenario.allies[a].id.clone())
        .collect();
    let mut out = Vec::new();
    match culprits.as_slice() {
        [] => out.push("no plan meets the constraints together, and no single family of constraints (smoothing, pledges, GDP caps, minima and maxima) is to blame alone".to_string()),
        [one] => out.push(format!("{one} cannot be met together with the other constraints; without {one} a plan exists")),
        many => out.push(format!("the constraints conflict; dropping any one of {} would make a plan possible", many.join(", "))),
    }
    if !zero_fair.is_empty() {
        out.push(format!(
            "allies with no fair share pay only their minimum and pledges: {}",
            zero_fair.join(", ")
        ));
    }
    out
}
