//! Property tests of the planner's promises on random scenarios of the full format.

use std::collections::BTreeMap;

use burden::model::Instance;
use burden::scenario::load_str;
use burden::{plan, Plan, PlanError};
use proptest::prelude::*;

use crate::generate::{scenario, Features, Gen};
use crate::reference;

const ALL: Features = Features {
    per_year: true,
    bounds: true,
};
const TOTALS_ONLY: Features = Features {
    per_year: false,
    bounds: true,
};
const PLAIN: Features = Features {
    per_year: false,
    bounds: false,
};

fn solve(g: &Gen) -> (burden::scenario::Scenario, Result<Plan, PlanError>) {
    let loaded =
        load_str(&g.yaml(), "generated.yaml", &[]).unwrap_or_else(|e| panic!("{e}\n{}", g.yaml()));
    let result = plan(&loaded.scenario);
    (loaded.scenario, result)
}

fn totals(p: &Plan) -> BTreeMap<String, f64> {
    p.allies
        .iter()
        .map(|a| (a.id.clone(), a.total.to_f64()))
        .collect()
}

/// The water-filling oracle of DESIGN.md, by bisection on the common level.
fn water_fill(inst: &Instance) -> Vec<f64> {
    let at = |l: f64| -> Vec<f64> {
        (0..inst.n)
            .map(|a| {
                if inst.fair[a] > 0.0 {
                    (l * inst.fair[a] - inst.credit_total[a]).clamp(inst.lo[a], inst.hi[a])
                } else {
                    inst.lo[a]
                }
            })
            .collect()
    };
    let (mut lo, mut hi) = (0.0, 1e6);
    for _ in 0..200 {
        let mid = (lo + hi) / 2.0;
        if at(mid).iter().sum::<f64>() < inst.total {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    at(hi)
}

fn by_id(s: &burden::scenario::Scenario, values: &[f64]) -> BTreeMap<String, f64> {
    s.allies
        .iter()
        .zip(values)
        .map(|(ally, v)| (ally.id.clone(), *v))
        .collect()
}

fn assert_close(ours: &BTreeMap<String, f64>, theirs: &BTreeMap<String, f64>, yaml: &str) {
    for (id, v) in ours {
        let r = theirs[id];
        assert!(
            (v - r).abs() <= 1.0 + 1e-6 * r.abs(),
            "{id}: plan {v} vs reference {r}\n{yaml}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn leximin_matches_the_reference(g in scenario(7, 4, ALL)) {
        let (s, result) = solve(&g);
        let inst = Instance::new(&s).expect("key shares");
        let reference = reference::leximin(&inst);
        match (result, reference) {
            (Ok(p), Some(r)) => assert_close(&totals(&p), &by_id(&s, &r), &g.yaml()),
            (Err(PlanError::Infeasible(_)), None) => {}
            (ours, theirs) => panic!("plan {:?} vs reference {:?}\n{}", ours.map(|p| totals(&p)), theirs, g.yaml()),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Every program above zero variables goes to the interior-point solver first: the
    /// route that large scenarios take.
    #[test]
    fn leximin_matches_the_reference_on_the_interior_point_route(g in scenario(7, 4, ALL)) {
        let (s, _) = solve(&g);
        let result = burden::model::lp::with_interior_point_above(0, || plan(&s));
        let inst = Instance::new(&s).expect("key shares");
        match (result, reference::leximin(&inst)) {
            (Ok(p), Some(r)) => assert_close(&totals(&p), &by_id(&s, &r), &g.yaml()),
            (Err(PlanError::Infeasible(_)), None) => {}
            (ours, theirs) => panic!("plan {:?} vs reference {:?}\n{}", ours.map(|p| totals(&p)), theirs, g.yaml()),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn the_level_by_level_program_matches_water_filling(g in scenario(12, 5, TOTALS_ONLY)) {
        let (s, _) = solve(&g);
        let inst = Instance::new(&s).expect("key shares");
        if let Ok(totals) = burden::solve::leximin_by_levels(&inst) {
            assert_close(&by_id(&s, &totals), &by_id(&s, &water_fill(&inst)), &g.yaml());
        }
    }

    #[test]
    fn the_level_by_level_program_matches_the_reference(g in scenario(7, 4, ALL)) {
        let (s, _) = solve(&g);
        let inst = Instance::new(&s).expect("key shares");
        match (burden::solve::leximin_by_levels(&inst), reference::leximin(&inst)) {
            (Ok(ours), Some(theirs)) => assert_close(&by_id(&s, &ours), &by_id(&s, &theirs), &g.yaml()),
            (Err(_), None) => {}
            (ours, theirs) => panic!("levels {ours:?} vs reference {theirs:?}\n{}", g.yaml()),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn water_filling_is_the_leximin_without_per_year_constraints(g in scenario(12, 6, TOTALS_ONLY)) {
        let (s, result) = solve(&g);
        if let Ok(p) = result {
            let inst = Instance::new(&s).expect("key shares");
            assert_close(&totals(&p), &by_id(&s, &water_fill(&inst)), &g.yaml());
        }
    }

    #[test]
    fn every_year_sums_exactly_and_every_bound_holds(g in scenario(8, 5, ALL)) {
        let (s, result) = solve(&g);
        let Ok(p) = result else { return Ok(()) };
        for (y, year) in s.years.iter().enumerate() {
            let sum: burden::Money = p.allies.iter().map(|a| a.contributions[year]).sum();
            prop_assert_eq!(sum, p.budget.annual[year]);
            for (a, ally) in p.allies.iter().zip(&s.allies) {
                let x = a.contributions[year];
                prop_assert!(x >= s.allies.iter().find(|b| b.id == a.id).unwrap().pledged[y]);
                if let Some(cap) = s.gdp_cap(ally, y) {
                    prop_assert!(x <= cap.ceil_to(s.rounding), "{} {} above cap {}", a.id, x, cap);
                }
            }
        }
        let grand: burden::Money = p.allies.iter().map(|a| a.total).sum();
        prop_assert_eq!(grand, s.total);
        for (a, ally) in p.allies.iter().zip(&s.allies) {
            prop_assert!(ally.min.is_none_or(|m| a.total >= m));
            prop_assert!(ally.max.is_none_or(|m| a.total <= m));
        }
    }

    #[test]
    fn same_input_same_bytes(g in scenario(8, 5, ALL)) {
        let render = || {
            let (_, result) = solve(&g);
            result.map(|p| burden::report::Exporter::render(&burden::report::Json, &p)).ok()
        };
        prop_assert_eq!(render(), render());
    }

    #[test]
    fn permuting_allies_changes_no_byte(g in scenario(8, 5, ALL)) {
        let (_, a) = solve(&g);
        let (_, b) = solve(&g.reversed());
        match (a, b) {
            (Ok(a), Ok(b)) => {
                // Allies come out by id whatever the file's order, with the same amounts.
                let ids: Vec<&str> = a.allies.iter().map(|x| x.id.as_str()).collect();
                prop_assert!(ids.windows(2).all(|w| w[0] < w[1]), "{:?}", ids);
                let json = |p| burden::report::Exporter::render(&burden::report::Json, p);
                prop_assert_eq!(json(&a), json(&b));
            }
            (Err(_), Err(_)) => {}
            _ => prop_assert!(false, "feasibility depends on the order of allies"),
        }
    }

    #[test]
    fn a_larger_budget_never_lowers_a_total(g in scenario(10, 5, PLAIN), extra in 1u32..5000) {
        let (_, a) = solve(&g);
        let mut bigger = g.clone();
        bigger.total += extra;
        let (_, b) = solve(&bigger);
        let (Ok(a), Ok(b)) = (a, b) else { return Ok(()) };
        for x in &a.allies {
            let y = b.ally(&x.id).unwrap();
            prop_assert!(y.total.to_f64() >= x.total.to_f64() - 1.0, "{}: {} then {}", x.id, x.total, y.total);
        }
    }
}

/// The random scenarios must mostly be feasible, or the properties above test little.
#[test]
fn most_generated_scenarios_are_feasible() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = scenario(7, 4, ALL);
    let mut feasible = 0;
    for _ in 0..100 {
        let g = strategy
            .new_tree(&mut runner)
            .expect("a scenario")
            .current();
        feasible += usize::from(solve(&g).1.is_ok());
    }
    eprintln!("{feasible} of 100 generated scenarios are feasible");
    assert!(
        feasible >= 40,
        "only {feasible} of 100 generated scenarios are feasible"
    );
}
