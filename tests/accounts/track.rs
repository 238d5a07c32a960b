//! `burden track`: arithmetic on a small fixture (snapshots of every format), statuses
//! under the tolerance, the alliance per year, and the shipped example.

use serde_json::Value;

use super::fixture;
use crate::support::Test;

/// `track` of the small fixture with its actuals and `extra` arguments.
fn track(extra: &[&str]) -> Test {
    Test::new()
        .scenario(fixture("small.yaml"))
        .args(["track", "--actuals", &fixture("small-actuals.yaml")])
        .args(extra)
}

#[test]
fn every_format_matches_its_snapshot() {
    for (format, file) in [
        ("table", "track.txt"),
        ("csv", "track.csv"),
        ("json", "track.json"),
        ("md", "track.md"),
        ("tex", "track.tex"),
    ] {
        track(&["--format", format])
            .stdout_snapshot(&format!("accounts/{file}"))
            .run();
    }
}

#[test]
fn arithmetic_by_hand() {
    let json: Value = track(&["-f", "json"]).run().json();
    let ally = |id: &str| {
        json["allies"]
            .as_array()
            .and_then(|a| a.iter().find(|x| x["id"] == id))
            .cloned()
            .expect("ally")
    };
    let aaa = ally("AAA");
    assert_eq!(aaa["years"]["2025"]["difference"], "-10");
    assert_eq!(aaa["years"]["2026"]["cumulative_difference"], "-15");
    assert_eq!(aaa["fulfilment"], 0.85);
    assert_eq!(aaa["status"], "behind");
    // 63 delivered against 60 planned: exactly at the 5 % tolerance.
    let bbb = ally("BBB");
    assert_eq!(bbb["difference"], "3");
    assert_eq!(bbb["status"], "on_track");
    let ccc = ally("CCC");
    assert_eq!(ccc["years"]["2025"]["fulfilment"], 1.275);
    assert_eq!(ccc["years"]["2026"]["status"], "ahead");
    assert_eq!(json["annual"]["2025"]["delivered"], "95.5");
    assert_eq!(json["annual"]["2026"]["difference"], "-2");
    assert_eq!(json["total"]["delivered"], "193.5");
    assert_eq!(json["total"]["budget"], "200");
    assert_eq!(json["status_counts"]["behind"], 1);
}

#[test]
fn tolerance_decides_the_status() {
    let json: Value = track(&["-f", "json", "--tolerance", "0"]).run().json();
    assert_eq!(json["allies"][1]["status"], "ahead");
    assert_eq!(json["tolerance"], 0.0);
    let json: Value = track(&["-f", "json", "--tolerance", "20%"]).run().json();
    assert_eq!(json["status_counts"]["on_track"], 3);
    track(&["--tolerance", "five"])
        .code(2)
        .stderr_contains("--tolerance `five`")
        .run();
}

#[test]
fn output_file_takes_its_format_from_the_extension() {
    let test = track(&["-o"]);
    let path = test.path("track.csv");
    let written = test.arg(path).run().read_bytes("track.csv");
    assert!(written.starts_with(b"id,name,year,planned,delivered"));
}

#[test]
fn the_shipped_example_tracks() {
    let json: Value = Test::new()
        .scenario("scenarios/nato-100bn.yaml")
        .args([
            "track",
            "--actuals",
            "scenarios/nato-100bn-actuals-2025.yaml",
        ])
        .args(["-f", "json"])
        .run()
        .json();
    assert_eq!(json["allies"].as_array().map(Vec::len), Some(32));
    assert_eq!(json["annual"]["2025"]["budget"], "20000");
    assert_eq!(json["annual"]["2025"]["delivered"], "17503.8");
    let usa = &json["allies"][31];
    assert_eq!(usa["id"], "USA");
    assert_eq!(usa["status"], "behind");
    Test::new()
        .scenario("scenarios/nato-100bn.yaml")
        .args([
            "track",
            "--actuals",
            "scenarios/nato-100bn-actuals-2025.csv",
        ])
        .stdout_contains("│ 2025 ┆ 20,000 ┆  17,503.8 ┆")
        .run();
}
