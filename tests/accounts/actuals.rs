//! Actuals files: YAML and CSV read the same, and every kind of bad input is an error
//! with its file, line and column (exit 2).

use std::path::Path;

use super::{fixture, root};
use crate::support::Test;

fn load_scenario(name: &str) -> burden::scenario::Scenario {
    burden::scenario::load(&root().join(name), &[])
        .expect("the scenario loads")
        .scenario
}

#[test]
fn yaml_and_csv_actuals_read_the_same() {
    let pairs = [
        (
            "tests/fixtures/accounts/small.yaml",
            "tests/fixtures/accounts/small-actuals",
        ),
        (
            "scenarios/nato-100bn.yaml",
            "scenarios/nato-100bn-actuals-2025",
        ),
    ];
    for (scenario, actuals) in pairs {
        let scenario = load_scenario(scenario);
        let load = |ext: &str| {
            let path = root().join(format!("{actuals}.{ext}"));
            burden::actuals::load(Path::new(&path), &scenario).expect("the actuals load")
        };
        assert_eq!(load("yaml"), load("csv"), "{actuals}");
    }
}

#[test]
fn the_real_actuals_cover_every_ally_in_2025() {
    let scenario = load_scenario("scenarios/nato-100bn.yaml");
    let path = root().join("scenarios/nato-100bn-actuals-2025.yaml");
    let actuals = burden::actuals::load(&path, &scenario).expect("the actuals load");
    assert_eq!(actuals.years, vec![2025]);
    assert_eq!(actuals.delivered.len(), 32);
}

/// Runs `track` on the small scenario with actuals `text` and returns stderr.
fn rejected(name: &str, text: &str) -> String {
    let test = Test::new().file(name, text);
    let path = test.path(name);
    let out = test
        .args(["track", &fixture("small.yaml"), "--actuals"])
        .arg(&path)
        .code(2)
        .run();
    out.stderr_text()
        .replace(path.to_str().expect("a UTF-8 path"), "ACTUALS")
}

#[test]
fn unknown_ally_is_located_and_a_near_id_suggested() {
    let err = rejected(
        "a.yaml",
        "delivered:\n  2025: {AAA: 40, BBX: 30, CCC: 20}\n",
    );
    assert!(
        err.contains("ACTUALS:2:19: error: delivered.2025.BBX: the scenario has no ally `BBX`"),
        "{err}"
    );
    assert!(err.contains("hint: did you mean `BBB`?"), "{err}");
}

#[test]
fn unknown_year_is_an_error() {
    let err = rejected(
        "a.yaml",
        "delivered:\n  2024: {AAA: 40, BBB: 30, CCC: 20}\n",
    );
    assert!(err.contains("ACTUALS:2:3:"), "{err}");
    assert!(
        err.contains("2024 is not a year of the scenario (2025–2027)"),
        "{err}"
    );
}

#[test]
fn negative_and_non_numeric_amounts_are_errors_reported_together() {
    let err = rejected(
        "a.yaml",
        "delivered:\n  2025:\n    AAA: -5\n    BBB: lots\n    CCC: 20\n",
    );
    assert!(err.contains("ACTUALS:3:10: error: delivered.2025.AAA: a delivered amount cannot be negative, found -5"), "{err}");
    assert!(
        err.contains("ACTUALS:4:10: error: delivered.2025.BBB: `lots` is not an amount"),
        "{err}"
    );
}

#[test]
fn duplicates_are_errors_in_yaml_and_csv() {
    let err = rejected("a.yaml", "delivered:\n  2025:\n    AAA: 40\n    AAA: 41\n");
    assert!(err.contains("ACTUALS:4:5:"), "{err}");
    assert!(err.contains("given twice (first at line 3)"), "{err}");
    let csv = "ally,year,delivered\nAAA,2025,40\nBBB,2025,30\nCCC,2025,20\nAAA,2025,41\n";
    let err = rejected("a.csv", csv);
    assert!(
        err.contains("ACTUALS:5:1: error: 2025.AAA: AAA in 2025 is given twice (first at line 2)"),
        "{err}"
    );
}

#[test]
fn every_ally_needs_an_amount_and_years_cannot_skip() {
    let err = rejected("a.yaml", "delivered:\n  2025: {AAA: 40, BBB: 30}\n");
    assert!(err.contains("no amount for CCC in 2025"), "{err}");
    assert!(
        err.contains("hint: write 0 for an ally that delivered nothing"),
        "{err}"
    );
    let err = rejected(
        "a.yaml",
        "delivered:\n  2026: {AAA: 40, BBB: 30, CCC: 20}\n",
    );
    assert!(err.contains("the actuals skip 2025"), "{err}");
}

#[test]
fn wrong_money_unknown_fields_and_columns_are_errors() {
    let err = rejected("a.yaml", "currency: USD\ndelivred: {}\n");
    assert!(err.contains("ACTUALS:1:11: error: currency: the actuals are in currency `USD` but the scenario's is `EUR`"), "{err}");
    assert!(err.contains("unknown field `delivred`"), "{err}");
    assert!(err.contains("did you mean `delivered`?"), "{err}");
    let err = rejected("a.csv", "ally,year,amount\nAAA,2025,40\n");
    assert!(
        err.contains("ACTUALS:1:11: error: unknown column `amount`"),
        "{err}"
    );
    assert!(
        err.contains("the header lacks the column(s) delivered"),
        "{err}"
    );
}

#[test]
fn a_missing_or_empty_file_is_an_error() {
    let err = rejected("a.yaml", "");
    assert!(err.contains("the actuals file is empty"), "{err}");
    Test::new()
        .scenario(fixture("small.yaml"))
        .args(["track", "--actuals", "no/such/file.yaml"])
        .code(2)
        .stderr_contains("cannot read the actuals")
        .run();
}

#[test]
fn an_excel_csv_with_a_byte_order_mark_reads_as_the_same_actuals() {
    let csv = std::fs::read(root().join("scenarios/nato-100bn-actuals-2025.csv"))
        .expect("the shipped CSV actuals");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(&csv);
    let track = |file: &str| {
        [
            "track",
            "scenarios/nato-100bn.yaml",
            "--actuals",
            file,
            "-f",
            "json",
        ]
        .map(str::to_string)
    };
    let plain = Test::new()
        .args(track("scenarios/nato-100bn-actuals-2025.csv"))
        .run()
        .stdout_text();
    let test = Test::new().file("excel.csv", bom);
    let path = test.path("excel.csv").display().to_string();
    let excel = test.args(track(&path)).run().stdout_text();
    assert_eq!(excel, plain);
}
