//! Large programs: the coupled scenarios that were once reported infeasible, a large
//! infeasible scenario whose verdict must be confirmed, and the interior-point route.

mod coupled;

use burden::model::lp::with_interior_point_above;
use burden::model::Instance;
use burden::scenario::{load_str, Objective};
use burden::solve::solve_real;
use burden::PlanError;

pub use coupled::{coupled, coupled_yaml};

/// The largest burden index of the real-valued plan.
fn largest_index(inst: &Instance, objective: Objective) -> f64 {
    let real = solve_real(inst, objective).unwrap_or_else(|e| panic!("{objective:?}: {e}"));
    real.totals
        .iter()
        .enumerate()
        .filter(|(a, _)| inst.fair[*a] > 0.0)
        .map(|(a, t)| inst.beta(a, *t))
        .fold(f64::NEG_INFINITY, f64::max)
}

/// Issue 8: feasible coupled scenarios above the solver switch were reported infeasible.
#[test]
fn the_coupled_construction_solves_at_100_allies_10_years() {
    solves_like_minimax(100);
}

/// At 200 allies the proof of each level used to drop one ally per program until the
/// solver gave up; the level's candidates now come from the duals.
#[test]
fn the_coupled_construction_solves_at_200_allies_10_years() {
    solves_like_minimax(200);
}

/// Leximin's largest burden index is the minimax program's, and a verified plan of
/// every ally comes out.
fn solves_like_minimax(n: usize) {
    let scenario = coupled(n, 10, 1);
    let inst = Instance::new(&scenario).expect("key shares");
    let leximin = largest_index(&inst, Objective::Leximin);
    let minimax = largest_index(&inst, Objective::Minimax);
    assert!(
        (leximin - minimax).abs() <= 1e-5 * minimax,
        "leximin {leximin} vs minimax {minimax}"
    );
    let plan = burden::plan(&scenario).expect("a verified plan");
    assert_eq!(plan.allies.len(), n);
}

/// A large infeasible scenario: smoothing tighter than the profile. The verdict stands
/// whichever solver sees the program first.
#[test]
fn an_infeasible_verdict_on_a_large_program_is_confirmed() {
    let yaml = coupled_yaml(60, 10, 2).replace("smoothing: 0.25", "smoothing: 0.15");
    let scenario = load_str(&yaml, "coupled.yaml", &[])
        .expect("valid")
        .scenario;
    let inst = Instance::new(&scenario).expect("key shares");
    for switch in [0, usize::MAX] {
        let verdict = with_interior_point_above(switch, || burden::plan(&scenario));
        match verdict {
            Err(PlanError::Infeasible(reasons)) => {
                assert!(
                    reasons.iter().any(|r| r.contains("smoothing 0.15")),
                    "{reasons:?}"
                );
            }
            other => panic!("switch {switch}: {:?}", other.map(|p| p.metrics)),
        }
    }
    assert!(inst.n * inst.m > 400);
}
