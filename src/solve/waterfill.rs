//! The water-filling rule: X_a = clamp(λ·F_a − C_a, lo_a, hi_a) with one common λ. It is
//! the leximin optimum when the only constraints are bounds on each ally's total.

/// One ally's data for water-filling.
#[derive(Clone, Copy, Debug)]
pub struct Vessel {
    pub fair: f64,
    pub credit: f64,
    pub lo: f64,
    pub hi: f64,
}

impl Vessel {
    fn fill(&self, lambda: f64) -> f64 {
        if self.fair > 0.0 {
            (lambda * self.fair - self.credit).clamp(self.lo, self.hi)
        } else {
            self.lo
        }
    }
}

/// Totals summing to `budget`, or None when the bounds cannot reach it.
pub fn water_fill(vessels: &[Vessel], budget: f64) -> Option<Vec<f64>> {
    let at = |lambda: f64| -> f64 { vessels.iter().map(|v| v.fill(lambda)).sum() };
    let low: f64 = vessels.iter().map(|v| v.lo).sum();
    let high: f64 = vessels
        .iter()
        .map(|v| if v.fair > 0.0 { v.hi } else { v.lo })
        .sum();
    let slack = 1e-9 * budget.abs().max(1.0);
    if budget < low - slack || budget > high + slack {
        return None;
    }
    let mut breaks: Vec<f64> = vessels
        .iter()
        .filter(|v| v.fair > 0.0)
        .flat_map(|v| [(v.lo + v.credit) / v.fair, (v.hi + v.credit) / v.fair])
        .filter(|b| b.is_finite())
        .collect();
    breaks.push(0.0);
    breaks.sort_by(f64::total_cmp);
    breaks.dedup();
    let mut lambda = breaks[0];
    if at(lambda) < budget {
        lambda = beyond_last(vessels, &breaks, budget, at);
        for pair in breaks.windows(2) {
            let (lo, hi) = (at(pair[0]), at(pair[1]));
            if hi >= budget {
                lambda = if hi > lo {
                    pair[0] + (budget - lo) / (hi - lo) * (pair[1] - pair[0])
                } else {
                    pair[1]
                };
                break;
            }
        }
    }
    Some(vessels.iter().map(|v| v.fill(lambda)).collect())
}

/// The level past the last breakpoint, where the fill grows linearly with the fair
/// efforts of the allies without an upper bound.
fn beyond_last(vessels: &[Vessel], breaks: &[f64], budget: f64, at: impl Fn(f64) -> f64) -> f64 {
    let last = breaks.last().copied().unwrap_or(0.0);
    let slope: f64 = vessels
        .iter()
        .filter(|v| v.fair > 0.0 && v.hi.is_infinite())
        .map(|v| v.fair)
        .sum();
    let short = budget - at(last);
    if short > 0.0 && slope > 0.0 {
        last + short / slope
    } else {
        last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(fair: f64, credit: f64) -> Vessel {
        Vessel {
            fair,
            credit,
            lo: 0.0,
            hi: f64::INFINITY,
        }
    }

    #[test]
    fn equal_burden_when_nothing_binds() {
        let x = water_fill(&[v(60.0, 0.0), v(40.0, 0.0)], 100.0).unwrap();
        assert!((x[0] - 60.0).abs() < 1e-9 && (x[1] - 40.0).abs() < 1e-9);
    }

    #[test]
    fn credit_above_fair_share_pays_nothing_new() {
        // Both end on the same burden index while neither bound binds.
        let x = water_fill(&[v(78.0, 0.0), v(52.0, 30.0)], 100.0).unwrap();
        assert!((x[0] + x[1] - 100.0).abs() < 1e-9);
        assert!(((x[0]) / 78.0 - (x[1] + 30.0) / 52.0).abs() < 1e-9);
        // Credit 80 on a fair effort of 50 still leaves room: both at index 1.8.
        let y = water_fill(&[v(50.0, 0.0), v(50.0, 80.0)], 100.0).unwrap();
        assert!((y[0] - 90.0).abs() < 1e-9 && (y[1] - 10.0).abs() < 1e-9);
        // Credit 120 does not: at index 2.0 for the first, the second pays nothing.
        let z = water_fill(&[v(50.0, 0.0), v(50.0, 120.0)], 100.0).unwrap();
        assert!((z[0] - 100.0).abs() < 1e-9 && z[1].abs() < 1e-12);
    }

    #[test]
    fn maxima_push_the_rest_up() {
        let mut capped = v(50.0, 0.0);
        capped.hi = 20.0;
        let x = water_fill(&[capped, v(50.0, 0.0)], 100.0).unwrap();
        assert!((x[0] - 20.0).abs() < 1e-9 && (x[1] - 80.0).abs() < 1e-9);
    }

    #[test]
    fn unreachable_budget() {
        let mut capped = v(50.0, 0.0);
        capped.hi = 20.0;
        assert!(water_fill(&[capped], 100.0).is_none());
    }
}
