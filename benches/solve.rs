//! Solve times: the shipped NATO scenario, large scenarios with per-year constraints,
//! the coupled construction that needs the level-by-level leximin, and very large ones.
//! Each large case is timed twice: the whole plan, and phases 1–2 alone (`real_…`), so
//! that the rounding's share is the difference. Run with `cargo bench --bench solve`.

#[path = "../tests/scale/coupled.rs"]
#[allow(dead_code)]
mod coupled;

use burden::model::Instance;
use burden::scenario::{load, load_str, Objective, Scenario};

fn main() {
    divan::main();
}

/// A small deterministic generator (no randomness in benchmarks).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

/// `allies` × `years`, with GDP caps, pledges and smoothing when `constrained`.
pub fn synthetic(allies: usize, years: usize, constrained: bool) -> Scenario {
    let mut rng = Lcg(allies as u64 * 31 + years as u64);
    let year_list: Vec<String> = (0..years).map(|y| (2030 + y).to_string()).collect();
    let mut text = format!(
        "scenario: synthetic\ncurrency: EUR\nunit: million\nyears: [{}]\nbudget: {{total: {}, profile: even}}\nbilateral_credit: 0.5\nindicators: {{gdp: {{currency: EUR, unit: billion}}}}\n",
        year_list.join(", "),
        allies * years * 100
    );
    if constrained {
        text += "smoothing: 0.3\n";
    }
    text += "allies:\n";
    for a in 0..allies {
        let base = 10 + rng.next(3000);
        let gdp: Vec<String> = year_list
            .iter()
            .enumerate()
            .map(|(i, y)| format!("{y}: {}", base + base * i as u64 / 40))
            .collect();
        text += &format!(
            "  - id: X{a:04}\n    indicators: {{gdp: {{{}}}}}\n    bilateral: {}\n",
            gdp.join(", "),
            rng.next(2) * rng.next(base * 10)
        );
        if constrained && a % 5 == 0 {
            text += "    max_gdp_pct: 0.08\n";
        }
        if constrained && a % 7 == 0 {
            text += &format!("    pledged: {{{}: {}}}\n", year_list[0], base / 10 + 1);
        }
    }
    load_str(&text, "synthetic.yaml", &[])
        .expect("valid synthetic scenario")
        .scenario
}

#[divan::bench]
fn nato_32_allies_5_years(bencher: divan::Bencher) {
    let scenario = load(std::path::Path::new("scenarios/nato-100bn.yaml"), &[])
        .expect("shipped scenario")
        .scenario;
    whole(bencher, &scenario);
}

#[divan::bench]
fn nato_including_reading_the_file() {
    let loaded =
        load(std::path::Path::new("scenarios/nato-100bn.yaml"), &[]).expect("shipped scenario");
    burden::plan(&loaded.scenario).expect("feasible");
}

#[divan::bench(sample_count = 20)]
fn allies_200_years_10_with_caps_pledges_smoothing(bencher: divan::Bencher) {
    whole(bencher, &synthetic(200, 10, true));
}

#[divan::bench(sample_count = 5)]
fn allies_1000_years_5(bencher: divan::Bencher) {
    whole(bencher, &synthetic(1000, 5, false));
}

/// The level-by-level leximin program on its own (what runs when water-filling's totals
/// admit no schedule), on 35 allies × 7 years with caps, pledges and smoothing.
#[divan::bench(sample_count = 10)]
fn level_by_level_35_allies_7_years(bencher: divan::Bencher) {
    let scenario = synthetic(35, 7, true);
    let inst = burden::model::Instance::new(&scenario).expect("key shares");
    bencher.bench(|| burden::solve::leximin_by_levels(divan::black_box(&inst)).expect("feasible"));
}

/// The whole plan of a scenario: phases 1–3 and verification.
fn whole(bencher: divan::Bencher, scenario: &Scenario) {
    bencher.bench(|| burden::plan(divan::black_box(scenario)).expect("feasible"));
}

/// Phases 1–2 (totals and schedule, before rounding) of a scenario.
fn real(bencher: divan::Bencher, scenario: &Scenario) {
    let inst = Instance::new(scenario).expect("key shares");
    bencher.bench(|| {
        burden::solve::solve_real(divan::black_box(&inst), Objective::Leximin).expect("feasible")
    });
}

#[divan::bench(sample_count = 20)]
fn real_allies_200_years_10_with_caps_pledges_smoothing(bencher: divan::Bencher) {
    real(bencher, &synthetic(200, 10, true));
}

#[divan::bench(sample_count = 5)]
fn allies_1000_years_10_with_caps_pledges_smoothing(bencher: divan::Bencher) {
    whole(bencher, &synthetic(1000, 10, true));
}

#[divan::bench(sample_count = 5)]
fn real_allies_1000_years_10_with_caps_pledges_smoothing(bencher: divan::Bencher) {
    real(bencher, &synthetic(1000, 10, true));
}

#[divan::bench(sample_count = 1)]
fn allies_10000_years_10_with_caps_pledges_smoothing(bencher: divan::Bencher) {
    whole(bencher, &synthetic(10000, 10, true));
}

#[divan::bench(sample_count = 1)]
fn real_allies_10000_years_10_with_caps_pledges_smoothing(bencher: divan::Bencher) {
    real(bencher, &synthetic(10000, 10, true));
}

/// The coupled construction (issue 8): caps below the proportional share on the largest
/// allies, pledges, smoothing against a steep profile; water-filling's totals admit no
/// schedule, so the level-by-level program runs.
#[divan::bench(sample_count = 3)]
fn coupled_allies_100_years_10(bencher: divan::Bencher) {
    whole(bencher, &coupled::coupled(100, 10, 1));
}

#[divan::bench(sample_count = 3)]
fn real_coupled_allies_100_years_10(bencher: divan::Bencher) {
    real(bencher, &coupled::coupled(100, 10, 1));
}

#[divan::bench(sample_count = 3)]
fn coupled_allies_200_years_10(bencher: divan::Bencher) {
    whole(bencher, &coupled::coupled(200, 10, 1));
}

#[divan::bench(sample_count = 3)]
fn allies_10000_years_5(bencher: divan::Bencher) {
    whole(bencher, &synthetic(10000, 5, false));
}
