//! Output formats on a small fixture: file snapshots (csv, md, json, table, the HTML
//! report), the Excel workbook read back cell by cell, determinism and format choice.
//! `UPDATE_SNAPSHOTS=1 cargo test` rewrites the snapshots.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{Data, Reader, Xlsx};

const FIXTURE: &str = "tests/fixtures/proposal.yaml";

fn burden(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_burden"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("the burden binary runs")
}

fn ok(args: &[&str]) -> Vec<u8> {
    let out = burden(args);
    assert!(
        out.status.success(),
        "burden {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Compares with tests/snapshots/NAME, or writes it with UPDATE_SNAPSHOTS=1.
fn snapshot(name: &str, actual: &[u8]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).expect("snapshot written");
        return;
    }
    let expected =
        std::fs::read(&path).unwrap_or_else(|_| panic!("missing snapshot {}", path.display()));
    assert!(
        expected == actual,
        "{name} differs from its snapshot (UPDATE_SNAPSHOTS=1 to accept):\n{}",
        String::from_utf8_lossy(actual)
    );
}

#[test]
fn csv_snapshot() {
    snapshot("proposal.csv", &ok(&["solve", FIXTURE, "--format", "csv"]));
}

#[test]
fn markdown_snapshot() {
    snapshot("proposal.md", &ok(&["solve", FIXTURE, "--format", "md"]));
}

#[test]
fn json_snapshot() {
    snapshot(
        "proposal.json",
        &ok(&["solve", FIXTURE, "--format", "json"]),
    );
}

#[test]
fn table_snapshot_fits_80_columns() {
    let table = ok(&["solve", FIXTURE]);
    let text = String::from_utf8(table.clone()).expect("utf-8");
    for line in text.lines() {
        assert!(
            line.chars().count() <= 80,
            "line wider than 80 columns: {line}"
        );
    }
    assert!(!text.contains('\u{1b}'), "no colour when not a terminal");
    snapshot("proposal.txt", &table);
}

#[test]
fn html_report_snapshot() {
    let html = ok(&["report", FIXTURE]);
    let text = String::from_utf8(html.clone()).expect("utf-8");
    assert_eq!(
        text.matches("<svg").count(),
        2,
        "two charts for one scenario"
    );
    assert!(!text.contains("<script"), "no scripts");
    for external in ["src=\"http", "href=\"http", "url(", "@import", "@font-face"] {
        assert!(!text.contains(external), "self-contained: found {external}");
    }
    snapshot("proposal.html", &html);
}

#[test]
fn solve_writes_html_too() {
    let from_solve = ok(&["solve", FIXTURE, "--format", "html"]);
    assert_eq!(from_solve, ok(&["report", FIXTURE]));
}

#[test]
fn report_of_several_scenarios_compares_them() {
    let html =
        String::from_utf8(ok(&["report", FIXTURE, "scenarios/example.yaml"])).expect("utf-8");
    assert!(html.contains("Comparison of 2 scenarios"));
    assert_eq!(
        html.matches("<svg").count(),
        5,
        "side by side plus two per scenario"
    );
    let csv = burden(&["report", FIXTURE, "--format", "csv"]);
    assert_eq!(csv.status.code(), Some(2), "a report is html, xlsx or md");
}

fn temp_xlsx(args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plan.xlsx");
    let out = path.to_str().expect("utf-8 path").to_string();
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["-o", &out]);
    ok(&all);
    (dir, path)
}

fn number(data: Option<&Data>) -> f64 {
    match data {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("expected a number, found {other:?}"),
    }
}

fn text(data: Option<&Data>) -> String {
    match data {
        Some(Data::String(s)) => s.clone(),
        other => panic!("expected text, found {other:?}"),
    }
}

#[test]
fn xlsx_plan_has_live_sums_with_cached_values() {
    let (_dir, path) = temp_xlsx(&["solve", FIXTURE]);
    let mut book: Xlsx<_> = calamine::open_workbook(&path).expect("the workbook opens");
    assert_eq!(book.sheet_names(), ["Plan", "Fairness", "Inputs"]);
    let plan = book.worksheet_range("Plan").expect("Plan sheet");
    // Row 4 (0-based 3) is the header; allies follow in scenario order; then TOTAL.
    assert_eq!(
        text(plan.get_value((0, 0))),
        "Small fund of four fictional allies"
    );
    assert_eq!(text(plan.get_value((3, 2))), "2026");
    assert_eq!(text(plan.get_value((4, 0))), "AAA");
    assert_eq!(
        number(plan.get_value((4, 5))),
        5000.0,
        "AAA's total, cached"
    );
    assert_eq!(text(plan.get_value((8, 0))), "TOTAL");
    assert_eq!(number(plan.get_value((8, 4))), 6000.0, "2028 total, cached");
    assert_eq!(number(plan.get_value((8, 5))), 12000.0);
    let formulas = book.worksheet_formula("Plan").expect("Plan formulas");
    assert_eq!(
        formulas.get_value((4, 5)).map(String::as_str),
        Some("SUM(C5:E5)")
    );
    assert_eq!(
        formulas.get_value((8, 2)).map(String::as_str),
        Some("SUM(C5:C8)")
    );
    assert_eq!(
        formulas.get_value((8, 5)).map(String::as_str),
        Some("SUM(F5:F8)")
    );
}

#[test]
fn xlsx_fairness_and_inputs() {
    let (_dir, path) = temp_xlsx(&["solve", FIXTURE]);
    let mut book: Xlsx<_> = calamine::open_workbook(&path).expect("the workbook opens");
    let fair = book.worksheet_range("Fairness").expect("Fairness sheet");
    assert_eq!(text(fair.get_value((7, 0))), "DDD");
    assert!(
        (number(fair.get_value((7, 7))) - 5.203).abs() < 1e-3,
        "DDD's burden index"
    );
    assert_eq!(number(fair.get_value((7, 5))), 3000.0, "DDD's credited aid");
    assert_eq!(text(fair.get_value((4, 9))), "maximum");
    let formulas = book
        .worksheet_formula("Fairness")
        .expect("Fairness formulas");
    assert_eq!(
        formulas.get_value((4, 6)).map(String::as_str),
        Some("Plan!F5")
    );
    let inputs = book.worksheet_range("Inputs").expect("Inputs sheet");
    let cells: Vec<String> = inputs
        .cells()
        .filter_map(|(_, _, d)| match d {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    for wanted in [
        "Bilateral credit (fraction)",
        "gdp 2026",
        "Pledged 2028",
        "Source notes",
        "Borealia & Co",
    ] {
        assert!(cells.iter().any(|c| c == wanted), "Inputs lacks {wanted}");
    }
    assert!(cells
        .iter()
        .any(|c| c.starts_with("Sources: made up for the tests")));
}

#[test]
fn xlsx_is_byte_identical_across_runs() {
    let (_a, first) = temp_xlsx(&["solve", FIXTURE]);
    let (_b, second) = temp_xlsx(&["solve", FIXTURE]);
    assert_eq!(
        std::fs::read(first).expect("read"),
        std::fs::read(second).expect("read")
    );
}

#[test]
fn xlsx_comparison_of_several_scenarios() {
    let (_dir, path) = temp_xlsx(&["report", FIXTURE, "scenarios/example.yaml"]);
    let mut book: Xlsx<_> = calamine::open_workbook(&path).expect("the workbook opens");
    assert_eq!(book.sheet_names(), ["Comparison", "proposal", "example"]);
    let cmp = book
        .worksheet_range("Comparison")
        .expect("Comparison sheet");
    assert_eq!(text(cmp.get_value((4, 0))), "AAA");
    assert_eq!(
        number(cmp.get_value((4, 2))),
        5000.0,
        "AAA in the proposal fixture"
    );
    assert_eq!(number(cmp.get_value((4, 3))), 1350.0, "AAA in the example");
    assert_eq!(number(cmp.get_value((4, 6))), -3650.0, "difference");
    let formulas = book.worksheet_formula("Comparison").expect("formulas");
    assert_eq!(
        formulas.get_value((4, 2)).map(String::as_str),
        Some("proposal!F5")
    );
}

#[test]
fn binary_format_never_goes_to_a_terminal_and_formats_follow_the_extension() {
    assert_eq!(
        burden(&["solve", FIXTURE, "--format", "nope"])
            .status
            .code(),
        Some(2)
    );
    let (_dir, path) = temp_xlsx(&["solve", FIXTURE]);
    let bytes = std::fs::read(path).expect("read");
    assert_eq!(&bytes[..2], b"PK", "-o plan.xlsx writes a workbook");
}
