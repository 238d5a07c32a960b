//! Verification of the final plan in exact decimal arithmetic: every constraint of the
//! scenario, re-checked on the rounded amounts. Any violation is reported, never hidden.

use rust_decimal::Decimal;

use crate::model::Instance;
use crate::money::{group_thousands, Money};
use crate::scenario::Scenario;

fn show(m: Money) -> String {
    group_thousands(m, ' ')
}

/// Every violated constraint, in words. `cells` are in instance order.
pub(crate) fn verify(scenario: &Scenario, inst: &Instance, cells: &[Vec<Money>]) -> Vec<String> {
    let mut out = Vec::new();
    let unit = scenario.rounding;
    for (y, year) in scenario.years.iter().enumerate() {
        let sum: Money = cells.iter().map(|row| row[y]).sum();
        if sum != inst.annual[y] {
            out.push(format!(
                "{year} sums to {} instead of its budget {}",
                show(sum),
                show(inst.annual[y])
            ));
        }
    }
    let grand: Money = cells.iter().flatten().sum();
    let fund: Money = inst.annual.iter().sum();
    let expected = if inst.agreed.is_some() {
        fund
    } else {
        scenario.total
    };
    if grand != expected {
        out.push(format!(
            "the plan sums to {} instead of the total {}",
            show(grand),
            show(expected)
        ));
    }
    let m = Decimal::from(inst.m);
    let fractions = allowed_fractions(inst, cells, unit);
    for (a, ally) in scenario.allies.iter().enumerate() {
        let id = &ally.id;
        let total: Money = cells[a].iter().sum();
        if ally.min.is_some_and(|min| total < min.floor_to(unit)) {
            out.push(format!(
                "{id} pays {} in total, below its minimum",
                show(total)
            ));
        }
        if ally.max.is_some_and(|max| total > max.ceil_to(unit)) {
            out.push(format!(
                "{id} pays {} in total, above its maximum",
                show(total)
            ));
        }
        for (y, year) in scenario.years.iter().enumerate() {
            let x = cells[a][y];
            if let Some(v) = inst.fixed[a][y] {
                if x != v {
                    out.push(format!("{id}'s {year} amount {x} is not its fixed {v}"));
                }
                continue;
            }
            if x < Money::ZERO {
                out.push(format!("{id} has a negative amount in {year}"));
            }
            if !x.is_multiple_of(unit) && !fractions.contains(&(a, y)) {
                out.push(format!(
                    "{id}'s {year} amount {x} is not a multiple of {unit}"
                ));
            }
            if x < ally.pledged[y].floor_to(unit) {
                out.push(format!(
                    "{id} pays {} in {year}, below its pledge of {}",
                    show(x),
                    show(ally.pledged[y])
                ));
            }
            if let Some(cap) = scenario.gdp_cap(ally, y) {
                if x > cap.ceil_to(unit) {
                    out.push(format!(
                        "{id} pays {} in {year}, above its GDP cap of {}",
                        show(x),
                        show(cap.round_dp(2))
                    ));
                }
            }
            if let (Some(delta), true) = (scenario.smoothing, y > 0) {
                // Rounding moves each of the two amounts by less than one unit.
                let bound = Money(delta * total.0 / m) + unit + unit;
                if (x - cells[a][y - 1]).abs() > bound {
                    out.push(format!(
                        "{id} changes by {} into {year}, more than smoothing allows",
                        show((x - cells[a][y - 1]).abs())
                    ));
                }
            }
        }
    }
    out
}

/// The cells allowed off the unit: in a year whose budget left after fixed cells is not a
/// multiple of the unit, the one free cell that carries exactly that fraction.
fn allowed_fractions(inst: &Instance, cells: &[Vec<Money>], unit: Money) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for y in 0..inst.m {
        let fixed: Money = inst.fixed.iter().filter_map(|r| r[y]).sum();
        let left = inst.annual[y] - fixed;
        let fraction = left - left.floor_to(unit);
        let off: Vec<usize> = (0..inst.n)
            .filter(|&a| inst.fixed[a][y].is_none() && !cells[a][y].is_multiple_of(unit))
            .collect();
        if let [a] = off[..] {
            let x = cells[a][y];
            if !fraction.is_zero() && x - x.floor_to(unit) == fraction {
                out.push((a, y));
            }
        }
    }
    out
}
