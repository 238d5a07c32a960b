//! `burden track` and `burden replan` through the document model: every terminal table
//! fits 80 columns when piped, `-o x.html` is one self-contained page with the charts,
//! CSV keeps the machine layout (a `TOTAL` row, status codes), LaTeX comes out.

use crate::support::Test;

const SMALL: &str = "tests/fixtures/accounts/small.yaml";
const SMALL_ACTUALS: &str = "tests/fixtures/accounts/small-actuals.yaml";
const NATO: &str = "scenarios/nato-100bn.yaml";
const NATO_ACTUALS: [&str; 2] = [
    "scenarios/nato-100bn-actuals-2025.yaml",
    "scenarios/nato-100bn-actuals-2025.csv",
];

/// Every (scenario, actuals, extra arguments) the width test runs.
fn cases() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    let mut cases = Vec::new();
    for (scenario, actuals) in [
        (SMALL, SMALL_ACTUALS),
        (NATO, NATO_ACTUALS[0]),
        (NATO, NATO_ACTUALS[1]),
    ] {
        cases.push((scenario, actuals, vec!["track"]));
        cases.push((scenario, actuals, vec!["track", "--tolerance", "0"]));
        for policy in ["carry", "forgive"] {
            cases.push((scenario, actuals, vec!["replan", "--policy", policy]));
        }
    }
    cases
}

#[test]
fn every_table_fits_80_columns_when_piped() {
    for (scenario, actuals, args) in cases() {
        let out = Test::new()
            .scenario(scenario)
            .args(&args)
            .args(["--actuals", actuals])
            .run()
            .stdout_text();
        let widest = out.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        assert!(widest <= 80, "{args:?} {scenario}: {widest} columns\n{out}");
        assert!(out.contains("│ Ally"), "{args:?} {scenario}:\n{out}");
        assert!(out.contains("│ Total"), "{args:?} {scenario}:\n{out}");
    }
}

#[test]
fn html_is_one_page_with_the_charts() {
    for (command, charts) in [("track", 2), ("replan", 1)] {
        let t = Test::new();
        let page = t.path("accounts.html");
        let out = t
            .scenario(NATO)
            .args([command, "--actuals", NATO_ACTUALS[0], "-o"])
            .arg(&page)
            .stdout("")
            .run();
        let html = out.read("accounts.html");
        assert!(html.starts_with("<!DOCTYPE html>"), "{command}");
        assert_eq!(html.matches("<svg").count(), charts, "{command}");
        assert!(!html.contains("<script src"), "{command}");
        assert!(!html.contains("<link"), "{command}");
        assert!(html.contains("USA"), "{command}");
    }
}

#[test]
fn csv_keeps_total_and_codes() {
    let track = Test::new()
        .scenario(SMALL)
        .args(["track", "--actuals", SMALL_ACTUALS, "-f", "csv"])
        .run()
        .stdout_text();
    let lines: Vec<&str> = track.lines().collect();
    assert_eq!(
        lines[0],
        "id,name,year,planned,delivered,difference,fulfilment,cumulative_difference,status"
    );
    assert_eq!(lines[3], "BBB,Borealia,2025,30,30,0,1.000000,0,on_track");
    assert_eq!(
        lines.last().copied(),
        Some("TOTAL,All allies,2025–2026,200,193.5,-6.5,0.967500,-6.5,on_track")
    );
    assert!(!track.contains("on track"), "{track}");
    let replan = Test::new()
        .scenario(NATO)
        .args(["replan", "--actuals", NATO_ACTUALS[0], "-f", "csv"])
        .run()
        .stdout_text();
    let last = replan.lines().last().unwrap_or_default();
    assert!(last.starts_with("TOTAL,All allies,"), "{last}");
    assert!(
        replan.contains(",credit_covers_share\n"),
        "binding codes as in the JSON:\n{replan}"
    );
}

#[test]
fn tex_is_a_document() {
    for command in ["track", "replan"] {
        let tex = Test::new()
            .scenario(NATO)
            .args([command, "--actuals", NATO_ACTUALS[1], "-f", "tex"])
            .run()
            .stdout_text();
        assert!(tex.contains("\\begin{document}"), "{command}: {tex}");
        assert!(tex.contains("\\end{document}"), "{command}: {tex}");
        assert!(tex.contains("USA"), "{command}: {tex}");
    }
}

#[test]
fn markdown_names_the_tolerance_and_the_policy() {
    Test::new()
        .scenario(SMALL)
        .args([
            "track",
            "--actuals",
            SMALL_ACTUALS,
            "--tolerance",
            "2.5",
            "-f",
            "md",
        ])
        .stdout_contains("within 2.5 % of the cumulative plan")
        .run();
    Test::new()
        .scenario(SMALL)
        .args([
            "replan",
            "--actuals",
            SMALL_ACTUALS,
            "--policy",
            "forgive",
            "-f",
            "md",
        ])
        .stdout_contains("Policy forgive:")
        .run();
}
