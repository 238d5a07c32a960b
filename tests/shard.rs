//! `burden sweep --shard I/N`: shards solve interleaved slices of the grid with the
//! whole grid's variant numbers, and their CSV outputs merge, as docs/scale.md says,
//! into the unsharded CSV byte for byte; bad shards are usage errors.

use std::path::Path;

use crate::support::{shell, Output, Test, WHATIFS};

const GRID: [&str; 8] = [
    "sweep",
    "base.yaml",
    "--vary",
    "bilateral_credit=0,1,1.5",
    "--vary",
    "allies.AAA.pledged={2026: 0},{2026: 5000}",
    "--vary",
    "budget.total=2000:4000:1000",
];

/// The merge recipe of docs/scale.md, run by the shell in `dir`.
const MERGE: &str = "{ head -n 1 part-1.csv; for f in part-*.csv; do tail -n +2 \"$f\"; done \
                     | LC_ALL=C sort -s -t, -k1,1n; } > sweep.csv";

/// The grid's sweep with `extra` arguments, in the what-if fixtures.
fn grid(extra: &[&str]) -> Test {
    Test::new().current_dir(WHATIFS).args(GRID).args(extra)
}

/// Runs the grid's sweep and expects exit 0.
fn run(extra: &[&str]) -> Output {
    grid(extra).run()
}

/// Runs `count` shards into `dir`, merges them and returns the merged bytes.
fn merged(dir: &Path, count: usize, extra: &[&str]) -> Vec<u8> {
    for i in 1..=count {
        let out_file = dir.join(format!("part-{i}.csv"));
        let shard = format!("{i}/{count}");
        grid(&["-f", "csv", "--shard", &shard, "-o"])
            .arg(out_file)
            .args(extra)
            .run();
    }
    shell(dir, MERGE);
    std::fs::read(dir.join("sweep.csv")).expect("the merged file")
}

#[test]
fn merged_csv_shards_are_the_whole_sweep_byte_for_byte() {
    for extra in [&[][..], &["--long"][..]] {
        let mut args = vec!["-f", "csv"];
        args.extend(extra);
        let whole = run(&args);
        // 3 shards of 18 variants, 4 that do not divide it, 20 with empty shards.
        for count in [1, 3, 4, 20] {
            let dir = tempfile::tempdir().expect("temporary directory");
            let bytes = merged(dir.path(), count, extra);
            assert_eq!(
                String::from_utf8_lossy(&bytes),
                whole.stdout_text(),
                "{count} shards {extra:?}"
            );
        }
    }
}

#[test]
fn a_shard_keeps_the_grid_numbers() {
    let out = run(&["-f", "csv", "--shard", "2/5"]);
    let shard = out.stdout_text();
    let indices: Vec<String> = shard
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(indices, ["2", "7", "12", "17"]);
    let whole = run(&["-f", "csv"]).stdout_text();
    let wanted: Vec<&str> = whole.lines().skip(1).skip(1).step_by(5).collect();
    let got: Vec<&str> = shard.lines().skip(1).collect();
    assert_eq!(got, wanted);
}

#[test]
fn bad_shards_are_usage_errors() {
    for (shard, says) in [
        ("0/3", "shard 0 of 3 does not exist"),
        ("4/3", "shard 4 of 3 does not exist"),
        ("1/0", "at least 1"),
        ("two/3", "not a shard"),
        ("2", "not a shard"),
    ] {
        grid(&["-f", "csv", "--shard", shard])
            .code(2)
            .stderr_contains(says)
            .stdout("")
            .run();
    }
}

#[test]
fn an_empty_shard_is_a_header_and_a_note() {
    let out = grid(&["-f", "csv", "--shard", "19/20"])
        .stderr_contains("shard 19/20 holds no variant (the grid has 18)")
        .run();
    assert_eq!(out.stdout_text().lines().count(), 1);
    let value: serde_json::Value = run(&["-f", "json", "--shard", "2/3"]).json();
    assert_eq!(value["counts"]["variants"], 6);
}
