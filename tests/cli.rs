//! The binary as users run it: outputs, exit codes, error messages, files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde::Deserialize;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

fn burden(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_burden"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
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
struct BudgetJson {
    total: String,
    annual: BTreeMap<String, String>,
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

fn solve_json(path: &Path) -> PlanJson {
    let out = burden(&["solve", path.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("JSON of the documented shape")
}

fn int(s: &str) -> i64 {
    s.parse()
        .unwrap_or_else(|_| panic!("{s} is a whole number"))
}

#[test]
fn nato_plan_sums_to_twenty_thousand_a_year() {
    let plan = solve_json(&root().join("scenarios/nato-100bn.yaml"));
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
        let out = burden(&["validate", file.to_str().unwrap()]);
        assert!(out.status.success(), "{}: {}", file.display(), stderr(&out));
        let plan = solve_json(file);
        assert!(!plan.allies.is_empty());
    }
}

#[test]
fn validate_reports_every_problem_with_its_place() {
    let out = burden(&["validate", fixture("bad.yaml").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    // The unknown field is reported first, with its position and a suggestion.
    assert!(err.contains("bad.yaml:6:34"), "{err}");
    assert!(err.contains("did you mean `ceiling`"), "{err}");
}

#[test]
fn validate_reports_all_semantic_problems_at_once() {
    let text = std::fs::read_to_string(fixture("bad.yaml"))
        .unwrap()
        .replace(", celing: 0.5", "");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad2.yaml");
    std::fs::write(&path, text).unwrap();
    let out = burden(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
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
        assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
    }
}

#[test]
fn unknown_fields_are_all_reported() {
    let out = burden(&["validate", fixture("typo.yaml").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("typo.yaml:4:1: error: bilateral_credt: unknown field"),
        "{err}"
    );
    assert!(err.contains("did you mean `bilateral_credit`"), "{err}");
    assert!(err.contains("allies[0].maximum: unknown field"), "{err}");
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
        let out = burden(&["solve", fixture(file).to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{file}");
        let err = stderr(&out);
        assert!(err.contains(words), "{file}: expected `{words}` in:\n{err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn failures_leave_no_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("plan.json");
    let out = burden(&[
        "solve",
        fixture("maxima.yaml").to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!out_path.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no temporary file either"
    );
}

#[test]
fn output_format_follows_the_file_extension() {
    let dir = tempfile::tempdir().unwrap();
    let small = fixture("small.yaml");
    for (name, start) in [
        ("plan.csv", "id,name,2025"),
        ("plan.json", "{"),
        ("plan.md", "## Small fund"),
    ] {
        let path = dir.path().join(name);
        let out = burden(&[
            "solve",
            small.to_str().unwrap(),
            "-o",
            path.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(start), "{name}: {text}");
    }
}

#[test]
fn same_input_gives_identical_bytes() {
    let nato = root().join("scenarios/nato-100bn-us-capped.yaml");
    for format in ["json", "csv", "md", "table"] {
        let a = burden(&["solve", nato.to_str().unwrap(), "-f", format]);
        let b = burden(&["solve", nato.to_str().unwrap(), "-f", format]);
        assert!(a.status.success());
        assert_eq!(a.stdout, b.stdout, "{format}");
    }
}

#[test]
fn set_overrides_a_field() {
    let small = fixture("small.yaml");
    let out = burden(&[
        "solve",
        small.to_str().unwrap(),
        "-f",
        "json",
        "--set",
        "allies.BBB.max=500",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let plan: PlanJson = serde_json::from_slice(&out.stdout).unwrap();
    let bbb = plan.allies.iter().find(|a| a.id == "BBB").unwrap();
    assert_eq!(bbb.total, "500");
    assert!(bbb.binding.contains(&"max".to_string()));
    let bad = burden(&["solve", small.to_str().unwrap(), "--set", "key.celing=0.5"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("did you mean `ceiling`"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn usage_errors_exit_with_two() {
    assert_eq!(burden(&["solve"]).status.code(), Some(2));
    assert_eq!(burden(&["frobnicate"]).status.code(), Some(2));
    let missing = burden(&["solve", "no/such/file.yaml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("cannot read the scenario"));
}

#[test]
fn amounts_are_read_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("exact.yaml");
    std::fs::write(
        &path,
        "years: [2025]\nbudget: {total: 0.3, rounding: 0.1}\nallies:\n  - {id: A, indicators: {gdp: 1}}\n  - {id: B, indicators: {gdp: 2}}\n",
    )
    .unwrap();
    let plan = solve_json(&path);
    assert_eq!(plan.budget.total, "0.3");
    let a = &plan.allies[0].contributions["2025"];
    let b = &plan.allies[1].contributions["2025"];
    assert_eq!((a.as_str(), b.as_str()), ("0.1", "0.2"));
}

#[test]
fn wrong_kinds_of_values_are_reported_together() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kinds.yaml");
    std::fs::write(
        &path,
        "years: [2025]\nbudget: {total: abc}\nallies:\n  - {id: A, indicators: {gdp: [1, 2]}, min: x}\n",
    )
    .unwrap();
    let out = burden(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    for expected in [
        "kinds.yaml:2:17: error: budget.total: `abc` is not a number",
        "kinds.yaml:4:31: error: allies[0].indicators.gdp: expected a number, found a list",
        "kinds.yaml:4:45: error: allies[0].min: `x` is not a number",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
    }
}
