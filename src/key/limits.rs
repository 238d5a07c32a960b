//! Relative caps and group limits, solved with floor and ceiling in one clamp-and-
//! redistribute fixed point: every share is a non-decreasing function of one common
//! redistribution factor μ, and μ is found where the shares sum to one.
//!
//! For a given μ the shares are, in this order:
//! 1. v_a = μ · r_a (r the raw shares of the allies taking part);
//! 2. each group G with a floor f_G or ceiling g_G is scaled pro rata within itself to
//!    clamp(Σ_G v, f_G, g_G);
//! 3. each relative cap `a at_most b` sets v_a = min(v_a, v_b), repeated until nothing
//!    changes (at most n passes: values only fall, and each is always one of the n
//!    values of step 2, so a chain of caps settles in one pass per link);
//! 4. s_a = clamp(v_a, floor, ceiling).
//!
//! Each step is non-decreasing and continuous in μ (for μ > 0), so T(μ) = Σ s_a is too;
//! T reaches its largest value once every v_a is above 1, and bisection on μ (a fixed
//! number of halvings) followed by one linear step finds T(μ) = 1. Shares where T is
//! flat are the same for every such μ (each share is non-decreasing and their sum is
//! constant), so the result is unique. Step 4 keeps the order of step 3, so relative
//! caps always hold; a group limit that a later step breaks (an ally's floor lifting a
//! group above its ceiling) is reported as a conflict, never silently crossed.

use rust_decimal::prelude::ToPrimitive;

use super::KeyError;
use crate::scenario::Scenario;

/// A group limit over allies given by their position among those taking part.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupLimit {
    pub name: String,
    pub members: Vec<usize>,
    pub floor: f64,
    pub ceiling: f64,
}

/// Every limit of a key, over the allies taking part (by position).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Limits {
    pub floor: f64,
    pub ceiling: f64,
    /// `(a, b)`: the share of a is at most the share of b.
    pub caps: Vec<(usize, usize)>,
    pub groups: Vec<GroupLimit>,
}

/// Why no shares came out (the year is added by the caller).
#[derive(Debug, PartialEq)]
pub enum LimitError {
    Unreachable(f64),
    Conflict(String),
}

impl LimitError {
    pub fn in_year(self, year: i32) -> KeyError {
        match self {
            LimitError::Unreachable(reach) => KeyError::LimitsUnreachable { year, reach },
            LimitError::Conflict(what) => KeyError::LimitsConflict { year, what },
        }
    }
}

const TOLERANCE: f64 = 1e-9;

impl Limits {
    /// The limits of a scenario's key over the allies `taking_part` (scenario indices);
    /// caps and group members that do not take part are left out.
    pub fn of(scenario: &Scenario, taking_part: &[usize]) -> Limits {
        let position = |id: &str| {
            taking_part
                .iter()
                .position(|&a| scenario.allies[a].id == id)
        };
        let f = |d: Option<rust_decimal::Decimal>, default: f64| {
            d.and_then(|v| v.to_f64()).unwrap_or(default)
        };
        let key = &scenario.key;
        Limits {
            floor: f(key.floor, 0.0),
            ceiling: f(key.ceiling, 1.0),
            caps: key
                .relative_caps
                .iter()
                .filter_map(|(a, b)| Some((position(a)?, position(b)?)))
                .collect(),
            groups: key
                .groups
                .iter()
                .map(|g| GroupLimit {
                    name: g.name.clone(),
                    members: g.allies.iter().filter_map(|id| position(id)).collect(),
                    floor: f(g.floor, 0.0),
                    ceiling: f(g.ceiling, f64::INFINITY),
                })
                .collect(),
        }
    }

    /// The shares at redistribution factor `mu` (steps 1–4 of the module docs).
    pub fn shares_at(&self, raw: &[f64], mu: f64) -> Vec<f64> {
        let mut v: Vec<f64> = raw.iter().map(|r| mu * r).collect();
        for g in &self.groups {
            let sum: f64 = g.members.iter().map(|&a| v[a]).sum();
            let target = sum.max(g.floor).min(g.ceiling);
            if sum > 0.0 && target != sum {
                let k = target / sum;
                g.members.iter().for_each(|&a| v[a] *= k);
            }
        }
        for _ in 0..=v.len() {
            let mut changed = false;
            for &(a, b) in &self.caps {
                if v[a] > v[b] {
                    v[a] = v[b];
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        v.into_iter()
            .map(|x| x.max(self.floor).min(self.ceiling))
            .collect()
    }

    fn total(&self, raw: &[f64], mu: f64) -> f64 {
        self.shares_at(raw, mu).iter().sum()
    }

    /// Shares summing to one under every limit; `raw` sums to one.
    pub fn solve(&self, raw: &[f64]) -> Result<Vec<f64>, LimitError> {
        let smallest = raw
            .iter()
            .copied()
            .filter(|r| *r > 0.0)
            .fold(f64::INFINITY, f64::min);
        if !smallest.is_finite() {
            return Err(LimitError::Unreachable(self.total(raw, 0.0)));
        }
        // Beyond this factor every v_a exceeds 1 and no share grows any more.
        let saturated = 2.0 / smallest;
        let reach = self.total(raw, saturated);
        if reach < 1.0 - 1e-12 {
            return Err(LimitError::Unreachable(reach));
        }
        let (mut lo, mut hi) = (0.0_f64, saturated);
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if mid <= lo || mid >= hi {
                break;
            }
            if self.total(raw, mid) < 1.0 {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let (t_lo, t_hi) = (self.total(raw, lo), self.total(raw, hi));
        let mu = if lo > 0.0 && t_hi > t_lo {
            lo + (1.0 - t_lo) / (t_hi - t_lo) * (hi - lo)
        } else {
            hi
        };
        let shares = self.shares_at(raw, mu);
        self.check(&shares)?;
        Ok(shares)
    }

    /// Every group limit holds (floor, ceiling and relative caps hold by construction).
    fn check(&self, shares: &[f64]) -> Result<(), LimitError> {
        for g in &self.groups {
            let sum: f64 = g.members.iter().map(|&a| shares[a]).sum();
            if sum > g.ceiling + TOLERANCE {
                return Err(LimitError::Conflict(format!(
                    "group {} holds {sum:.6} of the key, above its ceiling {}, because of the key floor or a relative cap",
                    g.name, g.ceiling
                )));
            }
            if sum < g.floor - TOLERANCE {
                return Err(LimitError::Conflict(format!(
                    "group {} holds {sum:.6} of the key, below its floor {}, because of the key ceiling or a relative cap",
                    g.name, g.floor
                )));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::bound_shares;
    use super::*;

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12)
    }

    fn plain(floor: f64, ceiling: f64) -> Limits {
        Limits {
            floor,
            ceiling,
            ..Limits::default()
        }
    }

    #[test]
    fn a_relative_cap_ties_the_share_to_the_other_and_spreads_the_excess() {
        // By hand: r = (0.5, 0.2, 0.3), the first at most the second. The fixed point
        // has s_0 = s_1 = μ·0.2 and s_2 = μ·0.3, so μ·0.7 = 1: s = (2/7, 2/7, 3/7).
        let limits = Limits {
            caps: vec![(0, 1)],
            ..plain(0.0, 1.0)
        };
        let s = limits.solve(&[0.5, 0.2, 0.3]).unwrap();
        assert!(close(&s, &[2.0 / 7.0, 2.0 / 7.0, 3.0 / 7.0]), "{s:?}");
    }

    #[test]
    fn a_chain_of_caps_settles() {
        // 0 ≤ 1 ≤ 2: all three take the smallest raw share, 0.1 each before scaling;
        // with the fourth at 0.1 too, everyone holds a quarter.
        let limits = Limits {
            caps: vec![(0, 1), (1, 2)],
            ..plain(0.0, 1.0)
        };
        let s = limits.solve(&[0.5, 0.3, 0.1, 0.1]).unwrap();
        assert!(close(&s, &[0.25; 4]), "{s:?}");
    }

    #[test]
    fn a_group_ceiling_scales_the_group_and_redistributes_the_rest() {
        // By hand: group {0, 1} of raw 0.3 + 0.1 capped at 0.2: members 0.15 and 0.05;
        // the others share 0.8 pro rata to 0.4 : 0.2, i.e. 0.5333… and 0.2666….
        let limits = Limits {
            groups: vec![GroupLimit {
                name: "g".into(),
                members: vec![0, 1],
                floor: 0.0,
                ceiling: 0.2,
            }],
            ..plain(0.0, 1.0)
        };
        let s = limits.solve(&[0.3, 0.1, 0.4, 0.2]).unwrap();
        assert!(
            close(&s, &[0.15, 0.05, 0.8 * 2.0 / 3.0, 0.8 / 3.0]),
            "{s:?}"
        );
    }

    #[test]
    fn a_group_floor_lifts_the_group() {
        let limits = Limits {
            groups: vec![GroupLimit {
                name: "g".into(),
                members: vec![2],
                floor: 0.2,
                ceiling: f64::INFINITY,
            }],
            ..plain(0.0, 1.0)
        };
        let s = limits.solve(&[0.6, 0.3, 0.1]).unwrap();
        assert!(close(&s, &[0.8 * 2.0 / 3.0, 0.8 / 3.0, 0.2]), "{s:?}");
    }

    #[test]
    fn floor_and_ceiling_alone_agree_with_the_closed_form() {
        let cases: [(&[f64], f64, f64); 4] = [
            (&[0.6, 0.25, 0.15], 0.0, 0.5),
            (&[0.5, 0.35, 0.1, 0.05], 0.0, 0.3),
            (&[0.9, 0.09, 0.01], 0.05, 1.0),
            (&[0.7, 0.2, 0.06, 0.04], 0.05, 0.4),
        ];
        for (raw, floor, ceiling) in cases {
            let general = plain(floor, ceiling).solve(raw).unwrap();
            let closed = bound_shares(raw, floor, ceiling).unwrap();
            assert!(close(&general, &closed), "{general:?} vs {closed:?}");
        }
    }

    #[test]
    fn unreachable_and_conflicting_limits_are_errors() {
        let limits = Limits {
            groups: vec![GroupLimit {
                name: "all".into(),
                members: vec![0, 1],
                floor: 0.0,
                ceiling: 0.5,
            }],
            ..plain(0.0, 1.0)
        };
        assert!(matches!(
            limits.solve(&[0.5, 0.5]),
            Err(LimitError::Unreachable(_))
        ));
        // A floor of 0.3 each lifts a group capped at 0.4 to 0.6.
        let conflict = Limits {
            groups: vec![GroupLimit {
                name: "pair".into(),
                members: vec![0, 1],
                floor: 0.0,
                ceiling: 0.4,
            }],
            ..plain(0.3, 1.0)
        };
        assert!(matches!(
            conflict.solve(&[0.1, 0.1, 0.8]),
            Err(LimitError::Conflict(_))
        ));
    }
}
