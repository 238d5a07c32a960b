//! The binary as users run it: outputs, exit codes, error messages, files.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use crate::support::{root, Test};

fn fixture(name: &str) -> String {
    format!("tests/fixtures/{name}")
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanJson {
    scenario: String,
    currency: String,
    unit: String,
    years: Vec<i32>,
    objective: String,
    budget: BudgetJson,
    allies: Vec<AllyJson>,
    metrics: MetricsJson,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct BudgetJson {
    total: String,
    annual: BTreeMap<String, String>,
    /// Only with `credit_effect: reduces_fund`.
    agreed: Option<AgreedJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct AgreedJson {
    total: String,
    annual: BTreeMap<String, String>,
    credit: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct AllyJson {
    id: String,
    name: String,
    key_share: f64,
    fair_effort: String,
    bilateral: String,
    credited_bilateral: String,
    contributions: BTreeMap<String, String>,
    total: String,
    burden_index: Option<f64>,
    binding: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MetricsJson {
    max_burden_index: f64,
    min_burden_index: f64,
    schedule_deviation: f64,
}

fn solve_json(test: Test) -> PlanJson {
    test.args(["solve", "--format", "json"]).run().json()
}

fn int(s: &str) -> i64 {
    s.parse()
        .unwrap_or_else(|_| panic!("{s} is a whole number"))
}

#[test]
fn nato_plan_sums_to_twenty_thousand_a_year() {
    let plan = solve_json(Test::new().scenario("scenarios/nato-100bn.yaml"));
    assert_eq!(plan.allies.len(), 32);
    assert_eq!(plan.years, vec![2025, 2026, 2027, 2028, 2029]);
    assert_eq!(
        (
            plan.currency.as_str(),
            plan.unit.as_str(),
            plan.objective.as_str()
        ),
        ("EUR", "million", "leximin")
    );
    assert_eq!(plan.budget.total, "100000");
    for year in &plan.years {
        let key = year.to_string();
        let sum: i64 = plan
            .allies
            .iter()
            .map(|a| int(&a.contributions[&key]))
            .sum();
        assert_eq!(sum, 20_000, "{year}");
        assert_eq!(plan.budget.annual[&key], "20000");
    }
    let total: i64 = plan.allies.iter().map(|a| int(&a.total)).sum();
    assert_eq!(total, 100_000);
    assert!(plan.metrics.min_burden_index <= plan.metrics.max_burden_index);
    assert_eq!(plan.metrics.schedule_deviation, 0.0);
    assert!(plan.scenario.contains("NATO"));
}

#[test]
fn every_shipped_scenario_validates_and_solves() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            // Actuals are no scenarios; a pledge scorecard is no plan (tests/arrangements.rs).
            p.extension().is_some_and(|e| e == "yaml")
                && !p.to_string_lossy().contains("actuals")
                && !p.to_string_lossy().contains("pledge")
        })
        .collect();
    files.sort();
    assert!(files.len() >= 5);
    for file in &files {
        Test::new().scenario(file).args(["validate"]).run();
        let plan = solve_json(Test::new().scenario(file));
        assert!(!plan.allies.is_empty());
    }
}

#[test]
fn validate_reports_every_problem_with_its_place() {
    // The unknown field is reported first, with its position and a suggestion.
    Test::new()
        .scenario(fixture("bad.yaml"))
        .args(["validate"])
        .code(2)
        .stderr_contains("bad.yaml:6:34")
        .stderr_contains("did you mean `ceiling`")
        .run();
}

#[test]
fn validate_reports_all_semantic_problems_at_once() {
    let text = std::fs::read_to_string(root().join(fixture("bad.yaml")))
        .unwrap()
        .replace(", celing: 0.5", "");
    let mut test = Test::new()
        .file("bad2.yaml", text)
        .in_temp_dir()
        .scenario("bad2.yaml")
        .args(["validate"])
        .code(2);
    for expected in [
        "bad2.yaml:4:21: error: years[2]: years must be consecutive",
        "budget.rounding: the rounding unit 3 does not divide the total 1000",
        "bilateral_credit: must be a fraction between 0 and 1",
        "bad2.yaml:11:23: error: allies[0].bilateral.2025: must not be negative",
        "allies[0].bilateral.2031: 2031 is not one of the scenario's years",
        "allies[1].id: duplicate id AAA",
        "allies[1].min: the minimum 300 is above the maximum 200",
        "allies[1].indicators: the key weighs indicator `gni`",
    ] {
        test = test.stderr_contains(expected);
    }
    test.run();
}

#[test]
fn unknown_fields_are_all_reported() {
    Test::new()
        .scenario(fixture("typo.yaml"))
        .args(["validate"])
        .code(2)
        .stderr_contains("typo.yaml:4:1: error: bilateral_credt: unknown field")
        .stderr_contains("did you mean `bilateral_credit`")
        .stderr_contains("allies[0].maximum: unknown field")
        .run();
}

#[test]
fn infeasible_scenarios_are_explained() {
    for (file, words) in [
        (
            "maxima.yaml",
            "the allies' maxima sum to 950 but the budget is 1 000",
        ),
        (
            "pledges.yaml",
            "pledges for 2025 sum to 600 but the 2025 budget is 500",
        ),
        (
            "smoothing.yaml",
            "smoothing 0.1 is tighter than the budget profile itself (2025→2026 changes by 40 %",
        ),
        (
            "caps.yaml",
            "GDP caps and maxima allow at most 360 in 2025 but the 2025 budget is 500",
        ),
    ] {
        Test::new()
            .scenario(fixture(file))
            .args(["solve"])
            .code(1)
            .stderr_contains(words)
            .stdout("")
            .run();
    }
}

#[test]
fn failures_leave_no_output_file() {
    let test = Test::new();
    let out_path = test.path("plan.json");
    let out = test
        .scenario(fixture("maxima.yaml"))
        .args(["solve", "-o"])
        .arg(&out_path)
        .code(1)
        .run();
    assert!(!out_path.exists());
    assert_eq!(
        std::fs::read_dir(out.dir()).unwrap().count(),
        0,
        "no temporary file either"
    );
}

#[test]
fn output_format_follows_the_file_extension() {
    for (name, start) in [
        ("plan.csv", "id,name,2025"),
        ("plan.json", "{"),
        ("plan.md", "# Small fund"),
    ] {
        let test = Test::new();
        let path = test.path(name);
        let out = test
            .scenario(fixture("small.yaml"))
            .args(["solve", "-o"])
            .arg(path)
            .run();
        let text = out.read(name);
        assert!(text.starts_with(start), "{name}: {text}");
    }
}

#[test]
fn same_input_gives_identical_bytes() {
    let nato = "scenarios/nato-100bn-us-capped.yaml";
    for format in ["json", "csv", "md", "table"] {
        let first = Test::new()
            .scenario(nato)
            .args(["solve", "-f", format])
            .run();
        Test::new()
            .scenario(nato)
            .args(["solve", "-f", format])
            .stdout(&first.stdout)
            .run();
    }
}

#[test]
fn set_overrides_a_field() {
    let small = fixture("small.yaml");
    let plan: PlanJson = Test::new()
        .scenario(&small)
        .args(["solve", "-f", "json", "--set", "allies.BBB.max=500"])
        .run()
        .json();
    let bbb = plan.allies.iter().find(|a| a.id == "BBB").unwrap();
    assert_eq!(bbb.total, "500");
    assert!(bbb.binding.contains(&"max".to_string()));
    Test::new()
        .scenario(&small)
        .args(["solve", "--set", "key.celing=0.5"])
        .code(2)
        .stderr_contains("did you mean `ceiling`")
        .run();
}

#[test]
fn usage_errors_exit_with_two() {
    Test::new().args(["solve"]).code(2).run();
    Test::new().args(["frobnicate"]).code(2).run();
    Test::new()
        .args(["solve", "no/such/file.yaml"])
        .code(2)
        .stderr_contains("cannot read the scenario")
        .run();
}

#[test]
fn amounts_are_read_exactly() {
    let text = "years: [2025]\nbudget: {total: 0.3, rounding: 0.1}\nallies:\n  - {id: A, indicators: {gdp: 1}}\n  - {id: B, indicators: {gdp: 2}}\n";
    let plan = solve_json(
        Test::new()
            .file("exact.yaml", text)
            .in_temp_dir()
            .scenario("exact.yaml"),
    );
    assert_eq!(plan.budget.total, "0.3");
    let a = &plan.allies[0].contributions["2025"];
    let b = &plan.allies[1].contributions["2025"];
    assert_eq!((a.as_str(), b.as_str()), ("0.1", "0.2"));
}

#[test]
fn wrong_kinds_of_values_are_reported_together() {
    let text = "years: [2025]\nbudget: {total: abc}\nallies:\n  - {id: A, indicators: {gdp: [1, 2]}, min: x}\n";
    Test::new()
        .file("kinds.yaml", text)
        .in_temp_dir()
        .scenario("kinds.yaml")
        .args(["validate"])
        .code(2)
        .stderr_contains("kinds.yaml:2:17: error: budget.total: `abc` is not a number")
        .stderr_contains(
            "kinds.yaml:4:31: error: allies[0].indicators.gdp: expected a number, found a list",
        )
        .stderr_contains("kinds.yaml:4:45: error: allies[0].min: `x` is not a number")
        .run();
}
