//! Whether one ally's cells can add up to a given total under their own bounds and
//! smoothing, without a program: with every year-on-year change at most `b`, the
//! highest sequence the caps allow is u_y = min_k (hi_k + b·|y − k|) and the lowest
//! l_y = max_k (lo_k − b·|y − k|). Both keep the changes within `b`; when l ≤ u they are
//! schedules themselves, every schedule lies between them, and (the schedules being a
//! convex set) every sum from Σ l to Σ u is reached. Written by hand: two passes over
//! the years, the planner's own arithmetic.

/// Whether cells within `[lo_y, hi_y]`, changing by at most `b` from year to year, can
/// sum to `total` (compared exactly: a sum of the caps as the caller adds them up is
/// admitted when smoothing leaves the caps as they are).
pub(super) fn admits(lo: &[f64], hi: &[f64], b: f64, total: f64) -> bool {
    let m = lo.len();
    if m == 0 || hi.len() != m || b.is_nan() || b < 0.0 || !total.is_finite() {
        return false;
    }
    let upper = envelope(hi, b, f64::min);
    let lower = envelope(lo, -b, f64::max);
    let meet = lower.iter().zip(&upper).all(|(l, u)| l <= u);
    let (least, most): (f64, f64) = (lower.iter().sum(), upper.iter().sum());
    meet && least <= total && total <= most
}

/// The envelope of `bounds` with slope `step`: forward then backward, each year the
/// tighter (by `pick`) of its own bound and its neighbour's moved by `step`.
fn envelope(bounds: &[f64], step: f64, pick: fn(f64, f64) -> f64) -> Vec<f64> {
    let mut out = bounds.to_vec();
    for y in 1..out.len() {
        out[y] = pick(out[y], out[y - 1] + step);
    }
    for y in (0..out.len().saturating_sub(1)).rev() {
        out[y] = pick(out[y], out[y + 1] + step);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use good_lp::{variable, Expression, ProblemVariables, Solution, SolverModel};
    use proptest::prelude::*;

    /// The lowest and highest sum by a program, or None when no schedule exists.
    fn by_program(lo: &[f64], hi: &[f64], b: f64) -> Option<(f64, f64)> {
        let extreme = |sense: f64| -> Option<f64> {
            let mut vars = ProblemVariables::new();
            let x: Vec<_> = lo
                .iter()
                .zip(hi)
                .map(|(l, h)| vars.add(variable().min(*l).max(*h)))
                .collect();
            let sum: Expression = x.iter().copied().map(Expression::from).sum();
            let mut model = vars.minimise(sum.clone() * sense).using(good_lp::microlp);
            for y in 1..x.len() {
                let change = Expression::from(x[y]) - x[y - 1];
                model.add_constraint(change.clone().leq(b));
                model.add_constraint(change.geq(-b));
            }
            model.solve().ok().map(|s| s.eval(&sum))
        };
        Some((extreme(1.0)?, extreme(-1.0)?))
    }

    proptest! {
        /// Against a program: a total well inside the programme's range is admitted, one
        /// outside it is not.
        #[test]
        fn the_envelopes_give_the_program_s_range(
            cells in prop::collection::vec((0u32..50, 0u32..50), 1..7),
            b in 0u32..30,
            pick in 0u32..=100,
        ) {
            let lo: Vec<f64> = cells.iter().map(|(l, _)| f64::from(*l)).collect();
            let hi: Vec<f64> = cells.iter().map(|(l, w)| f64::from(l + w)).collect();
            let b = f64::from(b);
            match by_program(&lo, &hi, b) {
                None => prop_assert!(!admits(&lo, &hi, b, lo.iter().sum())),
                Some((least, most)) => {
                    let inside = least + (most - least) * f64::from(pick) / 100.0;
                    if most - least > 1e-6 && (1..100).contains(&pick) {
                        prop_assert!(admits(&lo, &hi, b, inside), "{inside} in [{least}, {most}]");
                    }
                    prop_assert!(!admits(&lo, &hi, b, least - 0.5));
                    prop_assert!(!admits(&lo, &hi, b, most + 0.5));
                }
            }
        }
    }

    #[test]
    fn smoothing_narrows_what_caps_allow() {
        // Caps 0 and 100 with changes of at most 10: the second year reaches 10 at most.
        assert!(admits(&[0.0, 0.0], &[0.0, 100.0], 10.0, 9.0));
        assert!(!admits(&[0.0, 0.0], &[0.0, 100.0], 10.0, 11.0));
        // A pledge of 50 in the first year forces at least 40 in the second.
        assert!(!admits(&[50.0, 0.0], &[100.0, 100.0], 10.0, 85.0));
        assert!(admits(&[50.0, 0.0], &[100.0, 100.0], 10.0, 95.0));
        assert!(admits(
            &[0.0, 0.0],
            &[f64::INFINITY, f64::INFINITY],
            1.0,
            1e9
        ));
    }
}
