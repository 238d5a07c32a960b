//! Output formats on a small fixture: file snapshots (csv, md, json, table, the HTML
//! report), the Excel workbook read back cell by cell, determinism and format choice.
//! `UPDATE_SNAPSHOTS=1 cargo test` rewrites the snapshots.

use calamine::{Data, Reader, Xlsx};

use crate::support::{Output, Test};

const FIXTURE: &str = "tests/fixtures/proposal.yaml";

/// Runs `args` in the repository root, expects exit 0 and returns standard output.
fn ok(args: &[&str]) -> Vec<u8> {
    Test::new().args(args).run().stdout
}

/// The fixture's `solve` in `format` must be the snapshot `name`.
fn solve_snapshot(format: &str, name: &str) -> Output {
    Test::new()
        .scenario(FIXTURE)
        .args(["solve", "--format", format])
        .stdout_snapshot(name)
        .run()
}

#[test]
fn csv_snapshot() {
    solve_snapshot("csv", "proposal.csv");
}

#[test]
fn markdown_snapshot() {
    solve_snapshot("md", "proposal.md");
}

#[test]
fn json_snapshot() {
    solve_snapshot("json", "proposal.json");
}

#[test]
fn table_snapshot_fits_80_columns() {
    let text = Test::new()
        .scenario(FIXTURE)
        .arg("solve")
        .stdout_snapshot("proposal.txt")
        .run()
        .stdout_text();
    for line in text.lines() {
        assert!(
            line.chars().count() <= 80,
            "line wider than 80 columns: {line}"
        );
    }
    assert!(!text.contains('\u{1b}'), "no colour when not a terminal");
}

#[test]
fn html_report_snapshot() {
    let text = Test::new()
        .scenario(FIXTURE)
        .arg("report")
        .stdout_snapshot("proposal.html")
        .run()
        .stdout_text();
    assert_eq!(
        text.matches("<svg").count(),
        3,
        "fair effort, burden index and the differing years"
    );
    assert!(!text.contains("<script"), "no scripts");
    // The page carries what only the documents carry, after the notes, as Markdown does.
    let notes = text.find("<h2>Notes</h2>").expect("notes");
    for section in [
        "<h2>Inputs</h2>",
        "<h2>Sources and assumptions (from the scenario file)</h2>",
    ] {
        assert!(text.find(section).is_some_and(|at| at > notes), "{section}");
    }
    for external in ["src=\"http", "href=\"http", "url(", "@import", "@font-face"] {
        assert!(!text.contains(external), "self-contained: found {external}");
    }
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
    // A report is html, xlsx or md.
    Test::new()
        .args(["report", FIXTURE, "--format", "csv"])
        .code(2)
        .run();
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

/// Runs `args` with `-o plan.xlsx` in a temporary directory; the workbook is
/// `plan.xlsx` there, for as long as the output is kept.
fn temp_xlsx(args: &[&str]) -> Output {
    let test = Test::new();
    let path = test.path("plan.xlsx");
    test.args(args).arg("-o").arg(path).stdout("").run()
}

fn open(out: &Output) -> Xlsx<std::io::BufReader<std::fs::File>> {
    calamine::open_workbook(out.path("plan.xlsx")).expect("the workbook opens")
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
    let out = temp_xlsx(&["solve", FIXTURE]);
    let mut book = open(&out);
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
    let out = temp_xlsx(&["solve", FIXTURE]);
    let bytes = out.read_bytes("plan.xlsx");
    let mut book = open(&out);
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
    let first = temp_xlsx(&["solve", FIXTURE]);
    let second = temp_xlsx(&["solve", FIXTURE]);
    assert_ne!(first.dir(), second.dir());
    assert_eq!(
        first.read_bytes("plan.xlsx"),
        second.read_bytes("plan.xlsx")
    );
}

#[test]
fn xlsx_report_of_several_scenarios() {
    let out = temp_xlsx(&["report", FIXTURE, "scenarios/example.yaml"]);
    let mut book = open(&out);
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
    Test::new()
        .args(["solve", FIXTURE, "--format", "nope"])
        .code(2)
        .run();
    let bytes = temp_xlsx(&["solve", FIXTURE]).read_bytes("plan.xlsx");
    assert_eq!(&bytes[..2], b"PK", "-o plan.xlsx writes a workbook");
}
