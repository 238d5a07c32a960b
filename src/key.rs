//! Key shares: the blend of indicator shares (or explicit shares) per year, then the
//! floor and ceiling with the excess redistributed pro rata, together with relative
//! caps and group limits when the key has them (see `limits`). Allies that opt out hold
//! no share; their raw shares go to the others pro rata.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::scenario::{KeyBasis, Participation, Scenario};

mod limits;

pub use limits::{GroupLimit, Limits};

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum KeyError {
    #[error("the key ceiling {ceiling} cannot be met in {year}: the allies with a positive share can hold at most {reach:.4} of the key")]
    CeilingUnreachable { year: i32, ceiling: f64, reach: f64 },
    #[error("the key's ceilings and caps cannot be met in {year}: together they leave at most {reach:.4} of the key to share out")]
    LimitsUnreachable { year: i32, reach: f64 },
    #[error("the key's limits conflict in {year}: {what}")]
    LimitsConflict { year: i32, what: String },
    #[error("every ally opts out: nobody holds a key share")]
    NobodyTakesPart,
}

/// Key shares s[a][y] for the scenario's allies (in scenario order), each year summing to 1.
pub fn key_shares(scenario: &Scenario) -> Result<Vec<Vec<f64>>, KeyError> {
    let n = scenario.allies.len();
    let m = scenario.year_count();
    let mut shares = vec![vec![0.0; m]; n];
    let taking_part: Vec<usize> = (0..n)
        .filter(|&a| scenario.allies[a].participation != Participation::OptOut)
        .collect();
    if taking_part.is_empty() {
        return Err(KeyError::NobodyTakesPart);
    }
    if taking_part.len() < n || scenario.key.has_arrangements() {
        return arranged_shares(scenario, &taking_part);
    }
    for y in 0..m {
        let raw = raw_shares(scenario, y);
        let floor = scenario.key.floor.and_then(|f| f.to_f64()).unwrap_or(0.0);
        let ceiling = scenario.key.ceiling.and_then(|c| c.to_f64()).unwrap_or(1.0);
        let bounded = if floor > 0.0 || ceiling < 1.0 {
            bound_shares(&raw, floor, ceiling).map_err(|reach| KeyError::CeilingUnreachable {
                year: scenario.years[y],
                ceiling,
                reach,
            })?
        } else {
            raw
        };
        for (a, s) in bounded.into_iter().enumerate() {
            shares[a][y] = s;
        }
    }
    Ok(shares)
}

/// Key shares when some allies opt out or the key has relative caps or group limits:
/// the allies taking part share the whole key through [`Limits::solve`]; the others
/// hold nothing.
fn arranged_shares(scenario: &Scenario, taking_part: &[usize]) -> Result<Vec<Vec<f64>>, KeyError> {
    let n = scenario.allies.len();
    let m = scenario.year_count();
    let limits = Limits::of(scenario, taking_part);
    let mut shares = vec![vec![0.0; m]; n];
    for (y, &year) in scenario.years.iter().enumerate() {
        let all = raw_shares(scenario, y);
        let raw = normalise(taking_part.iter().map(|&a| all[a]).collect());
        let bounded = limits.solve(&raw).map_err(|e| e.in_year(year))?;
        for (k, &a) in taking_part.iter().enumerate() {
            shares[a][y] = bounded[k];
        }
    }
    Ok(shares)
}

fn to_f64(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// Unbounded shares of year `y`: the normalised blend, or normalised explicit shares.
fn raw_shares(scenario: &Scenario, y: usize) -> Vec<f64> {
    let allies = &scenario.allies;
    match &scenario.key.basis {
        KeyBasis::Explicit => {
            let values: Vec<f64> = allies
                .iter()
                .map(|a| a.share.as_ref().map_or(0.0, |s| to_f64(s[y])))
                .collect();
            normalise(values)
        }
        KeyBasis::Blend(weights) => {
            let weight_sum: f64 = weights.iter().map(|(_, w)| to_f64(*w)).sum();
            let mut out = vec![0.0; allies.len()];
            for (name, weight) in weights {
                let values: Vec<f64> = allies
                    .iter()
                    .map(|a| a.indicators.get(name).map_or(0.0, |s| to_f64(s[y])))
                    .collect();
                let w = to_f64(*weight) / weight_sum;
                for (o, s) in out.iter_mut().zip(normalise(values)) {
                    *o += w * s;
                }
            }
            out
        }
    }
}

fn normalise(values: Vec<f64>) -> Vec<f64> {
    let sum: f64 = values.iter().sum();
    if sum > 0.0 {
        values.into_iter().map(|v| v / sum).collect()
    } else {
        values
    }
}

/// s_a = min(ceiling, max(floor, μ·s_a)) with μ such that the shares sum to 1. The sum
/// is piecewise linear and non-decreasing in μ, so μ is found between two breakpoints.
/// Err carries the largest reachable sum when the ceiling cannot be met.
pub fn bound_shares(raw: &[f64], floor: f64, ceiling: f64) -> Result<Vec<f64>, f64> {
    let total = |mu: f64| -> f64 { raw.iter().map(|s| (mu * s).clamp(floor, ceiling)).sum() };
    let mut breaks: Vec<f64> = raw
        .iter()
        .filter(|s| **s > 0.0)
        .flat_map(|s| [floor / s, ceiling / s])
        .collect();
    breaks.push(0.0);
    breaks.sort_by(f64::total_cmp);
    breaks.dedup();
    let reach = total(breaks.last().copied().unwrap_or(0.0));
    if reach < 1.0 - 1e-12 {
        return Err(reach);
    }
    let mut mu = 0.0;
    if total(0.0) < 1.0 {
        for pair in breaks.windows(2) {
            let (lo, hi) = (total(pair[0]), total(pair[1]));
            if hi >= 1.0 {
                mu = if hi > lo {
                    pair[0] + (1.0 - lo) / (hi - lo) * (pair[1] - pair[0])
                } else {
                    pair[1]
                };
                break;
            }
        }
    }
    Ok(raw.iter().map(|s| (mu * s).clamp(floor, ceiling)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12)
    }

    #[test]
    fn ceiling_redistributes_pro_rata() {
        let out = bound_shares(&[0.6, 0.25, 0.15], 0.0, 0.5).unwrap();
        assert!(close(&out, &[0.5, 0.3125, 0.1875]), "{out:?}");
    }

    #[test]
    fn repeated_redistribution_converges() {
        // After capping the first, the second exceeds the ceiling too.
        let out = bound_shares(&[0.5, 0.35, 0.1, 0.05], 0.0, 0.3).unwrap();
        assert!(
            close(&out, &[0.3, 0.3, 0.4 * 2.0 / 3.0, 0.4 / 3.0]),
            "{out:?}"
        );
    }

    #[test]
    fn floor_lifts_the_smallest() {
        let out = bound_shares(&[0.9, 0.09, 0.01], 0.05, 1.0).unwrap();
        assert!((out.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((out[2] - 0.05).abs() < 1e-12);
        assert!((out[0] / out[1] - 10.0).abs() < 1e-9);
    }

    #[test]
    fn unreachable_ceiling_is_reported() {
        assert!(bound_shares(&[1.0, 0.0], 0.0, 0.5).is_err());
    }
}
