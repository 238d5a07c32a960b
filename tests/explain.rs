//! `burden explain`: sensitivities against finite differences of two solves, tipping
//! points solved just below and just above, reasons of each kind of binding, the chain
//! against the plan, and the command's outputs (its documents in [`outputs`]).

use std::path::{Path, PathBuf};

use burden::explain::{explain, Explanation, Options};
use burden::model::Instance;
use burden::scenario::{load, load_str, Override, Scenario};
use burden::solve::solve_real;
use proptest::prelude::*;

mod outputs;

use crate::generate::{scenario, Features};
use crate::support::Test;

fn nato() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios/nato-100bn.yaml")
}

fn set(path: &str, value: f64) -> Override {
    Override {
        path: path.into(),
        value: format!("{value}"),
        option: "--set",
    }
}

/// The real-valued total of ally `id` of a scenario file with overrides, solved
/// independently of the explanation's own machinery.
fn real_total(file: &Path, overrides: &[Override], id: &str) -> f64 {
    let s = load(file, overrides).expect("the variant loads").scenario;
    total_of(&s, id)
}

fn total_of(s: &Scenario, id: &str) -> f64 {
    let inst = Instance::new(s).expect("an instance");
    let real = solve_real(&inst, s.objective).expect("a plan");
    let a = s
        .allies
        .iter()
        .position(|ally| ally.id == id)
        .expect("the ally");
    real.totals[a]
}

fn explained(s: &Scenario, ids: &[&str]) -> Explanation {
    let options = Options {
        allies: ids.iter().map(|s| s.to_string()).collect(),
        follows_credit: None,
    };
    explain(s, &options).expect("an explanation")
}

fn sensitivity(e: &Explanation, id: &str, path: &str) -> f64 {
    let ally = e.allies.iter().find(|a| a.id == id).expect("the ally");
    let s = ally
        .sensitivities
        .iter()
        .find(|s| s.parameter == path)
        .unwrap_or_else(|| panic!("{id} has no sensitivity to {path}"));
    s.number().expect("a number")
}

#[test]
fn nato_sensitivities_match_finite_differences() {
    let s = load(&nato(), &[]).unwrap().scenario;
    let e = explained(&s, &["USA", "POL"]);
    let here = total_of(&s, "USA");
    for (path, h, base) in [
        ("budget.total", 10.0, 100000.0),
        ("bilateral_credit", 0.001, 0.5),
    ] {
        let up = real_total(&nato(), &[set(path, base + h)], "USA");
        let down = real_total(&nato(), &[set(path, base - h)], "USA");
        let exact = sensitivity(&e, "USA", path);
        for fd in [(up - here) / h, (here - down) / h] {
            assert!(
                (fd - exact).abs() <= 1e-3 * exact.abs(),
                "{path}: closed form {exact}, finite difference {fd}"
            );
        }
    }
    let own = sensitivity(&e, "USA", "allies.USA.bilateral");
    let bilateral: f64 = s
        .allies
        .iter()
        .find(|a| a.id == "USA")
        .unwrap()
        .bilateral
        .iter()
        .map(|b| b.to_f64())
        .sum();
    let mut more = s.clone();
    let usa = more.allies.iter_mut().find(|a| a.id == "USA").unwrap();
    for b in &mut usa.bilateral {
        *b = burden::Money(b.0 * rust_decimal::Decimal::new(1001, 3));
    }
    let fd = (total_of(&more, "USA") - here) / (bilateral * 0.001);
    assert!(
        (fd - own).abs() <= 1e-3 * own.abs(),
        "own bilateral: {own} against {fd}"
    );
}

#[test]
fn poland_credit_rate_tipping_point_holds_on_both_sides() {
    let s = load(&nato(), &[]).unwrap().scenario;
    let e = explained(&s, &["POL"]);
    let pol = &e.allies[0];
    let tip = pol
        .tipping_points
        .iter()
        .find(|t| t.parameter == "bilateral_credit")
        .expect("a credit-rate tipping point");
    assert!(tip.value > 0.0 && tip.value < 0.5, "{tip:?}");
    let below = real_total(&nato(), &[set("bilateral_credit", tip.value - 1e-4)], "POL");
    let above = real_total(&nato(), &[set("bilateral_credit", tip.value + 1e-4)], "POL");
    assert!(
        below > 0.01,
        "below the tipping point Poland pays ({below})"
    );
    assert!(
        above.abs() < 1e-6,
        "above it Poland pays nothing new ({above})"
    );
    assert!(tip.effect.contains("stops paying"), "{}", tip.effect);
    let budget = pol
        .tipping_points
        .iter()
        .find(|t| t.parameter == "budget.total")
        .expect("a budget tipping point");
    let below = real_total(
        &nato(),
        &[set("budget.total", (budget.value - 50.0).floor())],
        "POL",
    );
    let above = real_total(
        &nato(),
        &[set("budget.total", (budget.value + 50.0).ceil())],
        "POL",
    );
    assert!(below.abs() < 1e-6 && above > 0.01, "{below} {above}");
}

/// Without a credit cap in the scenario, no tipping point speaks of one, and the United
/// States' only tipping point is where its own aid covers its share, far above today's.
#[test]
fn no_tipping_point_of_a_credit_cap_the_scenario_does_not_have() {
    let s = load(&nato(), &[]).unwrap().scenario;
    let e = explained(&s, &["USA", "POL"]);
    for ally in &e.allies {
        for tip in &ally.tipping_points {
            assert!(!tip.effect.contains("credit cap"), "{}: {tip:?}", ally.id);
        }
    }
    let usa = &e.allies[0];
    assert_eq!(usa.tipping_points.len(), 1, "{:?}", usa.tipping_points);
    let tip = &usa.tipping_points[0];
    assert_eq!(tip.parameter, "allies.USA.bilateral");
    let below = real_total(
        &nato(),
        &[set("allies.USA.bilateral", tip.value * 0.99)],
        "USA",
    );
    let above = real_total(
        &nato(),
        &[set("allies.USA.bilateral", tip.value * 1.01)],
        "USA",
    );
    assert!(below > 0.01 && above.abs() < 1e-6, "{below} {above}");
}

fn small(allies: &str, extra: &str) -> Scenario {
    let key = if extra.contains("key:") {
        ""
    } else {
        "key: {weights: {gdp: 1}}\n"
    };
    let text = format!(
        "scenario: t\ncurrency: EUR\nunit: million\nyears: [2025, 2026]\n\
         budget: {{total: 1000}}\n{key}bilateral_credit: 1\n{extra}\
         indicators: {{gdp: {{currency: EUR, unit: million}}}}\nallies:\n{allies}"
    );
    load_str(&text, "t.yaml", &[])
        .unwrap_or_else(|e| panic!("{e}"))
        .scenario
}

fn reason(s: &Scenario, id: &str) -> (String, Vec<String>) {
    let e = explained(s, &[id]);
    let codes = e.allies[0].binding.iter().map(|b| b.code()).collect();
    (e.allies[0].reason.clone(), codes)
}

#[test]
fn reasons_name_each_kind_of_binding() {
    let base = "  - {id: B, name: B, indicators: {gdp: 3000}, bilateral: 0}\n  \
                - {id: C, name: C, indicators: {gdp: 2000}, bilateral: 0}\n";
    let cases: [(&str, &str, &str); 5] = [
        ("  - {id: A, name: A, indicators: {gdp: 5000}, bilateral: 0, max: 300}\n", "", "held at its maximum of 300"),
        ("  - {id: A, name: A, indicators: {gdp: 100}, bilateral: 0, min: 400}\n", "", "held at its minimum of 400"),
        ("  - {id: A, name: A, indicators: {gdp: 2000}, bilateral: 900}\n", "", "its credited aid alone"),
        ("  - {id: A, name: A, indicators: {gdp: 100}, bilateral: 0, pledged: {2025: 150, 2026: 150}}\n", "", "held at the least its pledges allow"),
        ("  - {id: A, name: A, indicators: {gdp: 5000}, bilateral: 0, max_gdp_pct: 2}\n", "", "held at its GDP caps"),
    ];
    for (ally, extra, words) in cases {
        let s = small(&format!("{ally}{base}"), extra);
        let (text, codes) = reason(&s, "A");
        assert!(text.contains(words), "{codes:?}: {text}");
    }
    let s = small(base, "");
    assert!(reason(&s, "B").0.starts_with("pays the common level"));
    let floor = small(
        &format!("  - {{id: A, name: A, indicators: {{gdp: 1}}, bilateral: 0}}\n{base}"),
        "key: {weights: {gdp: 1}, floor: 0.1}\n",
    );
    let (text, codes) = reason(&floor, "A");
    assert!(
        codes.contains(&"key_floor".to_string()) && text.contains("key floor"),
        "{text}"
    );
}

#[test]
fn smoothing_years_say_why_they_differ() {
    let s = small(
        "  - {id: A, name: A, indicators: {gdp: 5000}, bilateral: 0, pledged: {2025: 400}}\n  \
         - {id: B, name: B, indicators: {gdp: 5000}, bilateral: 0}\n",
        "smoothing: 0.5\n",
    );
    let e = explained(&s, &["A", "B"]);
    let why = |k: usize| -> Vec<String> {
        e.allies[k]
            .chain
            .years
            .iter()
            .flat_map(|y| y.why.clone())
            .collect()
    };
    assert!(why(0).contains(&"pledged".to_string()), "{:?}", why(0));
    // A's pledge front-loads the first year; B's schedule then moves as far as
    // smoothing lets it.
    assert!(why(1).contains(&"smoothing".to_string()), "{:?}", why(1));
    assert!(
        e.allies[1].reason.contains("smoothing"),
        "{}",
        e.allies[1].reason
    );
    assert!(!e.water_filling);
}

#[test]
fn shadow_price_of_a_maximum_matches_a_re_solve() {
    let s = small(
        "  - {id: A, name: A, indicators: {gdp: 5000}, bilateral: 0, max: 300}\n  \
         - {id: B, name: B, indicators: {gdp: 3000}, bilateral: 0}\n  \
         - {id: C, name: C, indicators: {gdp: 2000}, bilateral: 0}\n",
        "",
    );
    let e = explained(&s, &["B"]);
    let price = sensitivity(&e, "B", "allies.A.max");
    let mut lifted = s.clone();
    lifted.allies[0].max = Some(burden::Money(rust_decimal::Decimal::from(310)));
    let fd = (total_of(&lifted, "B") - total_of(&s, "B")) / 10.0;
    assert!(
        (fd - price).abs() < 1e-6 && price < 0.0,
        "{price} against {fd}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn the_chain_is_the_plan(g in scenario(5, 3, Features { per_year: false, bounds: true })) {
        let s = load_str(&g.yaml(), "generated.yaml", &[]).unwrap().scenario;
        let Ok(e) = explain(&s, &Options::default()) else { return Ok(()); };
        for (ally, planned) in e.allies.iter().zip(&e.plan.allies) {
            let c = &ally.chain;
            prop_assert_eq!(&ally.id, &planned.id);
            prop_assert_eq!(c.total, planned.total);
            prop_assert!((c.fair_effort - planned.fair_effort.to_f64()).abs() <= 0.006);
            prop_assert!((c.credited - planned.credited_bilateral.to_f64()).abs() <= 1e-6);
            let f: f64 = c.years.iter().map(|y| y.fair).sum();
            prop_assert!((f - c.fair_effort).abs() <= 1e-6 * f.abs().max(1.0));
            let free = ally.binding.is_empty() && c.fair_effort > 0.0;
            if let (true, Some(l)) = (free && e.water_filling, e.common_level) {
                let x = l * c.fair_effort - c.credited;
                prop_assert!((x - c.real_total).abs() <= 1e-6 * s.total.to_f64(), "{} {}", x, c.real_total);
            }
        }
    }
}

#[test]
fn explain_json_has_the_contract_fields() {
    let v: serde_json::Value = Test::new()
        .scenario("scenarios/nato-100bn.yaml")
        .args(["explain", "--ally", "USA", "--ally", "POL", "-f", "json"])
        .run()
        .json();
    assert!(v["common_level"].as_f64().unwrap() > 0.9);
    let allies = v["allies"].as_array().unwrap();
    assert_eq!(allies[0]["id"], "USA");
    assert_eq!(allies[0]["total"], "48220");
    assert!(allies[0]["sensitivity"]["budget.total"].as_f64().unwrap() > 0.0);
    assert!(
        allies[0]["sensitivity"]["bilateral_credit"]
            .as_f64()
            .unwrap()
            < 0.0
    );
    assert_eq!(allies[1]["binding"][0], "credit_covers_share");
    let tip = &allies[1]["tipping_points"][0];
    assert_eq!(tip["parameter"], "bilateral_credit");
    assert!(tip["value"].as_f64().is_some() && tip["effect"].is_string());
    assert!(allies[1]["reason"]
        .as_str()
        .unwrap()
        .contains("pays nothing new"));
}

#[test]
fn explain_writes_every_text_format_and_refuses_bad_input() {
    let example = "scenarios/example.yaml";
    for format in ["table", "md", "csv", "html", "tex"] {
        Test::new()
            .scenario(example)
            .args(["explain", "--ally", "AAA", "-f", format])
            .stdout_contains("AAA")
            .run();
    }
    Test::new()
        .scenario(example)
        .args(["explain", "--ally", "ZZZ"])
        .code(2)
        .stderr_contains("no ally has id `ZZZ`")
        .run();
    Test::new()
        .scenario(example)
        .args(["explain", "-f", "pdf"])
        .code(2)
        .stderr_contains("unknown format `pdf`")
        .run();
}
