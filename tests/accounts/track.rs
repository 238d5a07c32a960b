//! `burden track`: arithmetic on a small fixture (snapshots of every format), statuses
//! under the tolerance, the alliance per year, and the shipped example.

use serde_json::Value;

use super::{fixture, run, stderr, stdout, temp_file};
use crate::support::Test;

fn track(extra: &[&str]) -> std::process::Output {
    let scenario = fixture("small.yaml");
    let actuals = fixture("small-actuals.yaml");
    let mut args = vec!["track", scenario.as_str(), "--actuals", actuals.as_str()];
    args.extend(extra);
    run(&args, 0)
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
        Test::new()
            .scenario(fixture("small.yaml"))
            .args(["track", "--actuals", &fixture("small-actuals.yaml")])
            .args(["--format", format])
            .stdout_snapshot(&format!("accounts/{file}"))
            .run();
    }
}

#[test]
fn arithmetic_by_hand() {
    let json: Value = serde_json::from_slice(&track(&["-f", "json"]).stdout).expect("json");
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
    let json: Value =
        serde_json::from_slice(&track(&["-f", "json", "--tolerance", "0"]).stdout).expect("json");
    assert_eq!(json["allies"][1]["status"], "ahead");
    assert_eq!(json["tolerance"], 0.0);
    let json: Value =
        serde_json::from_slice(&track(&["-f", "json", "--tolerance", "20%"]).stdout).expect("json");
    assert_eq!(json["status_counts"]["on_track"], 3);
    let out = run(
        &[
            "track",
            &fixture("small.yaml"),
            "--actuals",
            &fixture("small-actuals.yaml"),
            "--tolerance",
            "five",
        ],
        2,
    );
    assert!(
        stderr(&out).contains("--tolerance `five`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn output_file_takes_its_format_from_the_extension() {
    let (dir, _) = temp_file("unused", "");
    let path = dir.path().join("track.csv");
    let path = path.to_string_lossy().into_owned();
    track(&["-o", &path]);
    let written = std::fs::read(&path).expect("the file is written");
    assert!(written.starts_with(b"id,name,year,planned,delivered"));
}

#[test]
fn the_shipped_example_tracks() {
    let out = run(
        &[
            "track",
            "scenarios/nato-100bn.yaml",
            "--actuals",
            "scenarios/nato-100bn-actuals-2025.yaml",
            "-f",
            "json",
        ],
        0,
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["allies"].as_array().map(Vec::len), Some(32));
    assert_eq!(json["annual"]["2025"]["budget"], "20000");
    assert_eq!(json["annual"]["2025"]["delivered"], "17503.8");
    let usa = &json["allies"][31];
    assert_eq!(usa["id"], "USA");
    assert_eq!(usa["status"], "behind");
    let table = run(
        &[
            "track",
            "scenarios/nato-100bn.yaml",
            "--actuals",
            "scenarios/nato-100bn-actuals-2025.csv",
        ],
        0,
    );
    assert!(
        stdout(&table).contains("│ 2025 ┆ 20,000 ┆  17,503.8 ┆"),
        "{}",
        stdout(&table)
    );
}
