//! Tipping points: the values of a parameter where an ally's standing changes (it starts
//! or stops paying anything new, a bound starts or stops holding). The range is scanned
//! on a grid of exact re-solves; each change of standing between two neighbours is
//! narrowed by bisection, so the number of solves is bounded.

use std::collections::BTreeSet;

use super::probe::{Base, Param};
use super::sens::{allowed, Method};
use crate::binding::Binding;

/// One tipping point of one ally.
#[derive(Clone, Debug, PartialEq)]
pub struct TippingPoint {
    /// The `--set` path of the parameter.
    pub parameter: String,
    pub value: f64,
    /// The bracket the bisection ended with: just below and just above the value.
    pub below: f64,
    pub above: f64,
    /// What changes as the parameter rises past the value, in words.
    pub effect: String,
    pub method: Method,
}

/// How finely to search: grid points and bisection steps.
#[derive(Clone, Copy, Debug)]
pub struct Search {
    pub grid: usize,
    pub steps: usize,
}

type Standing = BTreeSet<Binding>;

/// The ally's standing (its binding codes, without key floor and ceiling) at a value.
fn standing(base: &Base, param: &Param, i: usize, value: f64) -> Option<Standing> {
    let solved = base.solve(param, value)?;
    let codes = solved.binding(&base.scenario, i);
    Some(codes.into_iter().filter(|c| !c.is_key()).collect())
}

/// Tipping points of ally `i` (scenario order) for `param` over [lo, hi].
pub fn tipping_points(
    base: &Base,
    param: &Param,
    i: usize,
    range: (f64, f64),
    search: Search,
) -> Vec<TippingPoint> {
    let (lo, hi) = range;
    if hi.is_nan() || lo.is_nan() || hi <= lo || search.grid < 2 {
        return Vec::new();
    }
    let points: Vec<f64> = (0..search.grid)
        .map(|k| lo + (hi - lo) * k as f64 / (search.grid - 1) as f64)
        .filter(|v| allowed(param, *v))
        .collect();
    let states: Vec<(f64, Option<Standing>)> = points
        .iter()
        .map(|&v| (v, standing(base, param, i, v)))
        .collect();
    let mut out = Vec::new();
    for pair in states.windows(2) {
        let ((a, Some(sa)), (b, Some(sb))) = (&pair[0], &pair[1]) else {
            continue;
        };
        if sa == sb {
            continue;
        }
        let (mut left, mut right) = (*a, *b);
        let mut right_state = sb.clone();
        for _ in 0..search.steps {
            let mid = 0.5 * (left + right);
            match standing(base, param, i, mid) {
                Some(s) if &s == sa => left = mid,
                Some(s) => {
                    right = mid;
                    right_state = s;
                }
                None => break,
            }
        }
        out.push(TippingPoint {
            parameter: param.path(&base.scenario),
            value: 0.5 * (left + right),
            below: left,
            above: right,
            effect: effect(sa, &right_state),
            method: Method::Bisection,
        });
    }
    out
}

/// What changes from `below` to `above`, in words.
fn effect(below: &Standing, above: &Standing) -> String {
    let mut parts: Vec<String> = Vec::new();
    for code in above.difference(below) {
        parts.push(match code {
            Binding::CreditCoversShare => {
                "it stops paying anything new (its credited aid covers its share)".into()
            }
            c => format!("its {} starts to hold", c.words()),
        });
    }
    for code in below.difference(above) {
        parts.push(match code {
            Binding::CreditCoversShare => "it starts paying new money".into(),
            c => format!("its {} stops holding", c.words()),
        });
    }
    format!("above this value {}", parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn effect_names_both_directions() {
        let none = Standing::new();
        let zero: Standing = [Binding::CreditCoversShare].into();
        assert_eq!(
            effect(&zero, &none),
            "above this value it starts paying new money"
        );
        let max: Standing = [Binding::Max].into();
        assert_eq!(
            effect(&none, &max),
            "above this value its maximum starts to hold"
        );
    }
}
