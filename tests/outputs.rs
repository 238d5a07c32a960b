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
        3,
        "fair effort, burden index and the differing years"
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
        7,
        "side by side plus three for the fixture and three for the example"
    );
    let csv = burden(&["report", FIXTURE, "--format", "csv"]);
    assert_eq!(csv.status.code(), Some(2), "a report is html, xlsx or md");
}

/// The report of several scenarios carries the differences `burden compare` shows:
/// Hungary's opt-out moves its 885 onto the others.
#[test]
fn report_of_several_scenarios_shows_the_differences() {
    let md = String::from_utf8(ok(&[
        "report",
        "scenarios/nato-100bn.yaml",
        "scenarios/nato-100bn-hun-opt-out.yaml",
        "-f",
        "md",
    ]))
    .expect("utf-8");
    assert!(md.contains("## Differences against nato-100bn"), "{md}");
    let hungary = md
        .lines()
        .find(|l| l.starts_with("| HUN"))
        .expect("a row for Hungary");
    assert!(
        hungary.contains("885") && hungary.contains("-885"),
        "{hungary}"
    );
    let germany = md
        .lines()
        .find(|l| l.starts_with("| DEU"))
        .expect("Germany");
    assert!(germany.contains("6,104") && germany.contains("6,183") && germany.contains("+79"));
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
fn xlsx_plan_has_live_formulas_with_cached_values() {
    let (_dir, path) = temp_xlsx(&["solve", FIXTURE]);
    let mut book: Xlsx<_> = calamine::open_workbook(&path).expect("the workbook opens");
    assert_eq!(
        book.sheet_names(),
        [
            "Plan",
            "Reasons proposal",
            "Inputs proposal",
            "Charts",
            "Notes"
        ]
    );
    let plan = book.worksheet_range("Plan").expect("Plan sheet");
    // Row 4 (0-based 3) is the header; allies follow in scenario order; then the totals.
    assert_eq!(
        text(plan.get_value((0, 0))),
        "Small fund of four fictional allies"
    );
    assert!(text(plan.get_value((1, 0))).starts_with("Money: EUR million"));
    assert_eq!(text(plan.get_value((3, 2))), "2026");
    assert_eq!(text(plan.get_value((3, 5))), "Total (EUR million)");
    assert_eq!(text(plan.get_value((4, 0))), "AAA");
    assert_eq!(
        number(plan.get_value((4, 5))),
        5000.0,
        "AAA's total, cached"
    );
    assert_eq!(text(plan.get_value((4, 13))), "maximum", "binding in words");
    assert!(
        (number(plan.get_value((7, 11))) - 5.203).abs() < 1e-3,
        "DDD's burden index, cached"
    );
    assert_eq!(text(plan.get_value((8, 0))), "Total");
    assert_eq!(number(plan.get_value((8, 4))), 6000.0, "2028 total, cached");
    assert_eq!(number(plan.get_value((8, 5))), 12000.0);
    let formulas = book.worksheet_formula("Plan").expect("Plan formulas");
    let formula = |r: u32, c: u32| formulas.get_value((r, c)).map(String::as_str);
    assert_eq!(formula(4, 5), Some("SUM(C5:E5)"), "an ally's total");
    assert_eq!(
        formula(4, 10),
        Some("SUM(F5,J5)"),
        "effort = total + credited"
    );
    assert_eq!(
        formula(7, 11),
        Some("IF(H8=0,\"\",K8/H8)"),
        "β = effort / fair"
    );
    assert_eq!(formula(8, 2), Some("SUM(C5:C8)"));
    assert_eq!(formula(8, 5), Some("SUM(F5:F8)"));
}

#[test]
fn xlsx_inputs_notes_and_charts() {
    let (_dir, path) = temp_xlsx(&["solve", FIXTURE]);
    let bytes = std::fs::read(&path).expect("read");
    let mut book: Xlsx<_> = calamine::open_workbook(&path).expect("the workbook opens");
    let strings = |book: &mut Xlsx<_>, sheet: &str| -> Vec<String> {
        book.worksheet_range(sheet)
            .expect("sheet")
            .cells()
            .filter_map(|(_, _, d)| match d {
                Data::String(s) => Some(s.clone()),
                _ => None,
            })
            .collect()
    };
    let inputs = strings(&mut book, "Inputs proposal");
    for wanted in ["gdp 2026", "Pledged 2026", "Borealia & Co", "Max % of GDP"] {
        assert!(inputs.iter().any(|c| c == wanted), "Inputs lacks {wanted}");
    }
    let notes = strings(&mut book, "Notes");
    for wanted in ["Bilateral credit (fraction)", "Assumptions", "Inputs"] {
        assert!(notes.iter().any(|c| c == wanted), "Notes lacks {wanted}");
    }
    assert!(notes
        .iter()
        .any(|c| c.starts_with("Sources: made up for the tests")));
    let charts = strings(&mut book, "Charts");
    assert!(
        charts.iter().any(|c| c.starts_with("Fair effort")),
        "{charts:?}"
    );
    // Three native charts: fair effort, burden index, and the years (they differ here).
    let has = |name: &str| bytes.windows(name.len()).any(|w| w == name.as_bytes());
    assert!(has("xl/charts/chart3.xml") && !has("xl/charts/chart4.xml"));
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
fn xlsx_report_of_several_scenarios() {
    let (_dir, path) = temp_xlsx(&["report", FIXTURE, "scenarios/example.yaml"]);
    let mut book: Xlsx<_> = calamine::open_workbook(&path).expect("the workbook opens");
    let names = book.sheet_names();
    assert_eq!(
        names[..3],
        ["Comparison", "Summary", "Plan proposal"],
        "{names:?}"
    );
    assert!(names.contains(&"Plan example".to_string()), "{names:?}");
    let comparison = book.worksheet_range("Comparison").expect("sheet");
    assert_eq!(
        text(comparison.get_value((0, 0))),
        "Comparison of 2 scenarios"
    );
    let first = book.worksheet_range("Plan proposal").expect("sheet");
    assert_eq!(text(first.get_value((0, 0))), "Plan proposal");
    assert_eq!(
        number(first.get_value((4, 5))),
        5000.0,
        "AAA in the proposal"
    );
    let example = book.worksheet_range("Plan example").expect("sheet");
    assert_eq!(text(example.get_value((4, 0))), "AAA");
    assert_eq!(
        number(example.get_value((4, 5))),
        1350.0,
        "AAA in the example"
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
