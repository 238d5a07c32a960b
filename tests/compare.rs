//! `burden compare`: snapshots of every format on a small fixture, infeasible scenarios
//! as columns with their diagnosis, `--set`/`--label` variants of one file, input errors.

use serde::Deserialize;

use crate::support::{Output, Test, WHATIFS};

/// A command in the what-if fixtures (expected to exit 0 unless `.code` says otherwise).
fn burden(args: &[&str]) -> Test {
    Test::new().current_dir(WHATIFS).args(args)
}

const PLEDGE: &str = "allies.AAA.pledged={2026: 5000}";

fn compare(format: &str) -> Test {
    burden(&[
        "compare",
        "base.yaml",
        "full-credit.yaml",
        "base.yaml",
        "--set",
        PLEDGE,
        "--label",
        "big pledge",
        "--format",
        format,
    ])
}

#[test]
fn compare_snapshots() {
    for (format, name) in [
        ("table", "compare.txt"),
        ("csv", "compare.csv"),
        ("json", "compare.json"),
        ("md", "compare.md"),
    ] {
        compare(format).stdout_snapshot(name).run();
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // The fields pin the JSON schema; not all are read.
struct Comparison {
    scenarios: Vec<Column>,
    allies: Vec<AllyRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // The fields pin the JSON schema; not all are read.
struct Column {
    label: String,
    file: String,
    title: String,
    currency: String,
    unit: String,
    budget_total: String,
    status: String,
    summary: Option<Summary>,
    diagnosis: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // The fields pin the JSON schema; not all are read.
struct Summary {
    max_burden_index: f64,
    min_burden_index: f64,
    zero_payers: usize,
    largest_payer: String,
    largest_share: f64,
    schedule_deviation: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // The fields pin the JSON schema; not all are read.
struct AllyRow {
    id: String,
    name: String,
    scenarios: Vec<Option<Cell>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // The fields pin the JSON schema; not all are read.
struct Cell {
    total: String,
    budget_share: f64,
    burden_index: Option<f64>,
    gdp_pct: Option<f64>,
    delta: Option<Delta>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // The fields pin the JSON schema; not all are read.
struct Delta {
    total: String,
    budget_share: f64,
    burden_index: Option<f64>,
    gdp_pct: Option<f64>,
}

fn parse(test: Test) -> Comparison {
    test.run().json()
}

#[test]
fn infeasible_scenarios_stay_in_the_comparison() {
    let out = compare("json")
        .stderr_contains("no plan for 1 of 3 scenarios")
        .run();
    let cmp: Comparison = out.json();
    let pledged = &cmp.scenarios[2];
    assert_eq!(pledged.label, "big pledge");
    assert_eq!(pledged.status, "infeasible");
    assert!(pledged.summary.is_none());
    assert!(
        pledged.diagnosis[0].contains("pledges for 2026"),
        "{pledged:?}"
    );
    assert!(cmp.allies.iter().all(|a| a.scenarios[2].is_none()));
    compare("table")
        .stdout_contains("big pledge is infeasible:")
        .run();
}

#[test]
fn deltas_are_against_the_first_scenario() {
    let cmp = parse(compare("json"));
    assert_eq!(cmp.scenarios[0].status, "ok");
    assert_eq!(cmp.scenarios[1].budget_total, "3000");
    for ally in &cmp.allies {
        let base = ally.scenarios[0].as_ref().expect("planned");
        let full = ally.scenarios[1].as_ref().expect("planned");
        assert!(base.delta.is_none());
        let delta = full.delta.as_ref().expect("a delta");
        let diff: f64 =
            full.total.parse::<f64>().expect("money") - base.total.parse::<f64>().expect("money");
        assert_eq!(
            delta.total.parse::<f64>().expect("money"),
            diff,
            "{}",
            ally.id
        );
        assert!((delta.budget_share - (full.budget_share - base.budget_share)).abs() < 1e-12);
    }
    let totals: f64 = cmp
        .allies
        .iter()
        .filter_map(|a| a.scenarios[1].as_ref())
        .map(|c| c.total.parse::<f64>().expect("money"))
        .sum();
    assert_eq!(totals, 3000.0);
}

#[test]
fn sets_and_labels_follow_their_file() {
    let cmp = parse(burden(&[
        "compare",
        "--set",
        "budget.total=2400",
        "base.yaml",
        "--set",
        "bilateral_credit=1",
        "base.yaml",
        "--label",
        "plain",
        "-f",
        "json",
    ]));
    assert_eq!(cmp.scenarios[0].label, "base [bilateral_credit=1]");
    assert_eq!(cmp.scenarios[1].label, "plain");
    assert!(cmp.scenarios.iter().all(|c| c.budget_total == "2400"));
    let full = parse(burden(&["compare", "full-credit.yaml", "-f", "json"]));
    let set = parse(burden(&[
        "compare",
        "base.yaml",
        "--set",
        "bilateral_credit=1",
        "-f",
        "json",
    ]));
    for (a, b) in full.allies.iter().zip(&set.allies) {
        let total = |r: &AllyRow| r.scenarios[0].as_ref().map(|c| c.total.clone());
        assert_eq!(total(a), total(b), "{}", a.id);
    }
}

#[test]
fn repeated_files_get_distinct_labels() {
    let cmp = parse(burden(&["compare", "base.yaml", "base.yaml", "-f", "json"]));
    let labels: Vec<&str> = cmp.scenarios.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["base", "base (2)"]);
}

#[test]
fn input_errors_stop_with_code_2() {
    burden(&["compare", "--label", "x", "base.yaml"])
        .code(2)
        .stderr_contains("comes before any file")
        .run();
    burden(&["compare", "base.yaml", "--set", "key.celing=0.1"])
        .code(2)
        .stderr_contains("did you mean `ceiling`?")
        .run();
    burden(&["compare", "base.yaml", "missing.yaml"])
        .code(2)
        .stderr_contains("missing.yaml")
        .run();
    burden(&["compare", "base.yaml", "-f", "pdf"]).code(2).run();
}

/// `compare base.yaml full-credit.yaml -o NAME` into a temporary directory, with
/// nothing on standard output.
fn written(name: &str) -> Output {
    let test = burden(&["compare", "base.yaml", "full-credit.yaml", "-o"]);
    let path = test.path(name);
    test.arg(path).stdout("").run()
}

#[test]
fn output_goes_to_a_file_in_the_format_of_its_extension() {
    let out = written("cmp.csv");
    let text = out.read("cmp.csv");
    assert!(text.starts_with("scenario,file,status,ally,"), "{text}");
}

#[test]
fn a_comparison_workbook_has_its_tables_and_a_sheet_per_scenario() {
    use calamine::{Reader, Xlsx};
    let out = written("cmp.xlsx");
    let book: Xlsx<_> = calamine::open_workbook(out.path("cmp.xlsx")).expect("the workbook opens");
    let names = book.sheet_names();
    for sheet in ["Comparison", "Summary", "Plan base", "Plan full-credit"] {
        assert!(names.iter().any(|n| n == sheet), "{names:?}");
    }
}

#[test]
fn a_comparison_page_is_self_contained_with_its_charts() {
    let page = written("cmp.html").read("cmp.html");
    assert!(page.contains("full-credit"), "{page}");
    // Totals and burden indices per ally, one series per scenario.
    assert_eq!(page.matches("<svg").count(), 2, "{page}");
    for outside in ["<script", "src=\"http", "href=\"http", "<link"] {
        assert!(!page.contains(outside), "{outside}");
    }
}

#[test]
fn compare_tables_fit_80_columns_when_piped() {
    let wide = [
        "compare",
        "base.yaml",
        "full-credit.yaml",
        "base.yaml",
        "--set",
        "bilateral_credit=0.2",
        "base.yaml",
        "--set",
        PLEDGE,
    ];
    for args in [&wide[..], &wide[..3]] {
        let text = burden(args).run().stdout_text();
        for line in text.lines() {
            assert!(line.chars().count() <= 80, "{line}\n{text}");
        }
        // Every ally's total difference is shown.
        assert!(text.contains("+231"), "{text}");
    }
}

#[test]
fn compare_writes_latex() {
    let tex = compare("tex").run().stdout_text();
    assert!(tex.contains("\\begin{document}"), "{tex}");
    assert!(tex.contains("full-credit") && tex.contains("+231"), "{tex}");
    assert!(tex.contains("$\\Delta$ full-credit"), "{tex}");
    assert!(!tex.contains('Δ'), "pdfLaTeX reads no Δ: {tex}");
    assert!(tex.contains("\\end{document}"), "{tex}");
}
