//! `burden sweep`: snapshots of every format on a small fixture (with infeasible and
//! invalid variants), the same output whatever the number of threads, sweep files, the
//! cap on variants, and a property: a one-point sweep is `solve` of the same variant.

use proptest::prelude::*;
use serde::Deserialize;
use serde_json::Value;

use crate::support::{snapshot, Output, Test, WHATIFS};

const GRID: [&str; 6] = [
    "--vary",
    "bilateral_credit=0,1,1.5",
    "--vary",
    "allies.AAA.pledged={2026: 0},{2026: 5000}",
    "--vary",
    "budget.total=2000:4000:1000",
];

/// A command in the what-if fixtures (expected to exit 0 unless `.code` says otherwise).
fn burden(args: &[&str]) -> Test {
    Test::new().current_dir(WHATIFS).args(args)
}

/// The sweep of base.yaml over the grid, with `extra` arguments.
fn sweep(extra: &[&str]) -> Test {
    burden(&["sweep", "base.yaml"]).args(GRID).args(extra)
}

#[test]
fn sweep_snapshots() {
    for (args, name) in [
        (&["-f", "table"][..], "sweep.txt"),
        (&["-f", "csv"][..], "sweep.csv"),
        (&["-f", "json"][..], "sweep.json"),
        (&["-f", "md"][..], "sweep.md"),
        (&["-f", "csv", "--long"][..], "sweep-long.csv"),
        (&["-f", "table", "--long"][..], "sweep-long.txt"),
    ] {
        sweep(args).stdout_snapshot(name).run();
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // The fields pin the JSON schema; not all are read.
struct SweepJson {
    scenario: String,
    file: String,
    currency: String,
    unit: String,
    parameters: Vec<String>,
    long: bool,
    variants: Vec<Variant>,
    counts: Counts,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // The fields pin the JSON schema; not all are read.
struct Variant {
    index: usize,
    values: serde_json::Map<String, Value>,
    status: String,
    summary: Option<Value>,
    allies: Option<Vec<Value>>,
    diagnosis: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // The fields pin the JSON schema; not all are read.
struct Counts {
    variants: usize,
    ok: usize,
    infeasible: usize,
    invalid: usize,
    failed: usize,
}

#[test]
fn rows_come_in_grid_order_and_failures_are_rows() {
    let json: SweepJson = sweep(&["-f", "json"])
        .stderr_contains("note: 18 variants: 6 ok, 6 infeasible, 6 invalid")
        .run()
        .json();
    assert_eq!(
        json.parameters,
        ["bilateral_credit", "allies.AAA.pledged", "budget.total"]
    );
    assert_eq!(json.variants.len(), 18);
    let indices: Vec<usize> = json.variants.iter().map(|v| v.index).collect();
    assert_eq!(indices, (1..=18).collect::<Vec<_>>());
    let v = &json.variants[4];
    assert_eq!(v.values["bilateral_credit"], "0");
    assert_eq!(v.values["allies.AAA.pledged"], "{2026: 5000}");
    assert_eq!(v.values["budget.total"], "3000");
    assert_eq!(v.status, "infeasible");
    assert!(v.diagnosis.as_ref().expect("diagnosis")[0].contains("pledges for 2026"));
    let last = &json.variants[17];
    assert_eq!(last.status, "invalid");
    assert!(last.diagnosis.as_ref().expect("diagnosis")[0].contains("bilateral_credit"));
    let c = &json.counts;
    assert_eq!(
        (c.variants, c.ok, c.infeasible, c.invalid, c.failed),
        (18, 6, 6, 6, 0)
    );
}

#[test]
fn output_is_the_same_with_one_or_two_threads() {
    let run = |jobs: &str| {
        burden(&[
            "sweep",
            "base.yaml",
            "--vary",
            "bilateral_credit=0:1:0.05",
            "--vary",
            "budget.total=2000:4000:250",
            "--long",
            "-f",
            "csv",
            "--jobs",
            jobs,
        ])
        .run()
        .stdout
    };
    let one = run("1");
    assert_eq!(one.iter().filter(|b| **b == b'\n').count(), 1 + 21 * 9 * 4);
    assert!(one == run("2"), "--jobs 1 and --jobs 2 differ");
}

#[test]
fn a_sweep_file_gives_the_grid_of_the_command_line() {
    let from_file = burden(&["sweep", "--sweep", "study.yaml", "-f", "csv"])
        .run()
        .stdout_text();
    burden(&[
        "sweep",
        "base.yaml",
        "--set",
        "allies.CCC.max=700",
        "--vary",
        "bilateral_credit=0,0.5,1",
        "--vary",
        "budget.total=2400,3600",
        "-f",
        "csv",
    ])
    .stdout(&from_file)
    .run();
    assert_eq!(from_file.lines().count(), 7);
}

#[test]
fn input_errors_stop_with_code_2() {
    sweep(&["--vary", "bilateral_credt=0,1"])
        .code(2)
        .stderr_contains("did you mean `bilateral_credit`?")
        .run();
    burden(&["sweep", "base.yaml", "--vary", "budget.total=0:100000:1"])
        .code(2)
        .stderr_contains("more than the cap of 10000")
        .run();
    burden(&[
        "sweep",
        "base.yaml",
        "--vary",
        "budget.total=1000:3000:1000",
        "--vary",
        "bilateral_credit=0:1:0.5",
        "--max-variants",
        "8",
    ])
    .code(2)
    .stderr_contains("9 variants (budget.total 3 × bilateral_credit 3)")
    .run();
    burden(&["sweep", "base.yaml", "--vary", "smoothing=1:0:0.1"])
        .code(2)
        .run();
    burden(&["sweep", "base.yaml", "--jobs", "0"]).code(2).run();
    burden(&["sweep", "--vary", "smoothing=0.1"])
        .code(2)
        .stderr_contains("no scenario to sweep")
        .run();
}

#[test]
fn quiet_on_stderr_when_it_is_not_a_terminal() {
    burden(&["sweep", "base.yaml", "--vary", "bilateral_credit=0:1:0.1"])
        .stderr("")
        .run();
}

/// Runs `test` with `-o NAME` in its temporary directory, with nothing on standard
/// output.
fn written(test: Test, name: &str) -> Output {
    let path = test.path(name);
    test.arg("-o").arg(path).stdout("").run()
}

#[test]
fn output_to_a_file_is_written_whole() {
    let out = written(sweep(&[]), "grid.json");
    let json: SweepJson = serde_json::from_str(&out.read("grid.json")).expect("json");
    assert_eq!(json.variants.len(), 18);
    assert_eq!(
        out.files(),
        ["grid.json"],
        "no temporary file is left behind"
    );
}

#[test]
fn sweep_tables_fit_80_columns_when_piped() {
    for extra in [&[][..], &["--long"][..]] {
        let text = sweep(extra).run().stdout_text();
        for line in text.lines() {
            assert!(line.chars().count() <= 80, "{line}\n{text}");
        }
        // The varied values repeat in every part of a split table.
        assert!(text.matches("┆ bilateral_credit").count() >= 2, "{text}");
        assert!(text.contains("1,257") || text.contains("1.106"), "{text}");
    }
    let text = burden(&[
        "sweep",
        "base.yaml",
        "--vary",
        "bilateral_credit=0,0.5,1",
        "--vary",
        "budget.total=2000:4000:1000",
    ])
    .run()
    .stdout_text();
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    assert_eq!(text.matches("┆ bilateral_credit").count(), 1, "{text}");
}

#[test]
fn a_sweep_page_is_self_contained_with_its_charts() {
    let two = burden(&[
        "sweep",
        "base.yaml",
        "--vary",
        "bilateral_credit=0,0.5,1",
        "--vary",
        "budget.total=2000:4000:1000",
    ]);
    let page = written(two, "two.html").read("two.html");
    // Four metrics as lines, and the heatmap of two parameters.
    assert_eq!(page.matches("<svg").count(), 5, "{page}");
    for outside in ["<script", "src=\"http", "href=\"http", "<link"] {
        assert!(!page.contains(outside), "{outside}");
    }
    let page = written(sweep(&[]), "three.html").read("three.html");
    assert_eq!(
        page.matches("<svg").count(),
        4,
        "no heatmap for three: {page}"
    );
    assert!(page.contains("Held at: budget.total = 2000"), "{page}");
}

#[test]
fn sweep_writes_latex() {
    let tex = sweep(&["-f", "tex"]).run().stdout_text();
    assert!(tex.contains("\\begin{document}"), "{tex}");
    assert!(tex.contains("1.106") && tex.contains("infeasible"), "{tex}");
}

#[test]
fn csv_is_streamed_unchanged_to_a_file_too() {
    let written = written(sweep(&[]), "grid.csv").read("grid.csv");
    assert_eq!(written, sweep(&["-f", "csv"]).run().stdout_text());
    snapshot("sweep.csv", &written);
}

fn solve_json(credit: &str, total: &str) -> Value {
    burden(&[
        "solve",
        "base.yaml",
        "--set",
        &format!("bilateral_credit={credit}"),
        "--set",
        &format!("budget.total={total}"),
        "-f",
        "json",
    ])
    .run()
    .json()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn a_one_point_sweep_is_solve(credit in 0u32..=20, total in 10u32..=45) {
        let credit = format!("{}", f64::from(credit) / 20.0);
        let total = (total * 100).to_string();
        let sweep: SweepJson = burden(&[
            "sweep", "base.yaml",
            "--vary", &format!("bilateral_credit={credit}"),
            "--vary", &format!("budget.total={total}"),
            "--long", "-f", "json",
        ]).run().json();
        prop_assert_eq!(sweep.variants.len(), 1);
        let variant = &sweep.variants[0];
        let plan = solve_json(&credit, &total);
        let summary = variant.summary.as_ref().expect("a plan");
        for key in ["max_burden_index", "min_burden_index", "schedule_deviation"] {
            prop_assert_eq!(&summary[key], &plan["metrics"][key]);
        }
        let allies = variant.allies.as_ref().expect("the long table");
        let planned = plan["allies"].as_array().expect("allies");
        prop_assert_eq!(allies.len(), planned.len());
        for (a, p) in allies.iter().zip(planned) {
            prop_assert_eq!(&a["id"], &p["id"]);
            prop_assert_eq!(&a["total"], &p["total"]);
            prop_assert_eq!(&a["burden_index"], &p["burden_index"]);
        }
    }
}
