//! `burden sweep --shard I/N`: shards solve interleaved slices of the grid with the
//! whole grid's variant numbers, and their CSV outputs merge, as docs/scale.md says,
//! into the unsharded CSV byte for byte; bad shards are usage errors.

use std::path::Path;

use crate::compare::{burden, stderr, stdout};

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

fn run(extra: &[&str]) -> std::process::Output {
    let mut args = GRID.to_vec();
    args.extend(extra);
    burden(&args)
}

/// Runs `count` shards into `dir`, merges them and returns the merged bytes.
fn merged(dir: &Path, count: usize, extra: &[&str]) -> Vec<u8> {
    for i in 1..=count {
        let out_file = dir.join(format!("part-{i}.csv"));
        let shard = format!("{i}/{count}");
        let mut args = vec!["-f", "csv", "--shard", &shard, "-o"];
        let out_path = out_file.to_str().expect("a UTF-8 path");
        args.push(out_path);
        args.extend(extra);
        let out = run(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let status = std::process::Command::new("sh")
        .args(["-c", MERGE])
        .current_dir(dir)
        .status()
        .expect("the shell runs");
    assert!(status.success());
    std::fs::read(dir.join("sweep.csv")).expect("the merged file")
}

#[test]
fn merged_csv_shards_are_the_whole_sweep_byte_for_byte() {
    for extra in [&[][..], &["--long"][..]] {
        let mut args = vec!["-f", "csv"];
        args.extend(extra);
        let whole = run(&args);
        assert_eq!(whole.status.code(), Some(0), "{}", stderr(&whole));
        // 3 shards of 18 variants, 4 that do not divide it, 20 with empty shards.
        for count in [1, 3, 4, 20] {
            let dir = tempfile::tempdir().expect("temporary directory");
            let bytes = merged(dir.path(), count, extra);
            assert_eq!(
                String::from_utf8_lossy(&bytes),
                stdout(&whole),
                "{count} shards {extra:?}"
            );
        }
    }
}

#[test]
fn a_shard_keeps_the_grid_numbers() {
    let out = run(&["-f", "csv", "--shard", "2/5"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let indices: Vec<String> = stdout(&out)
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(indices, ["2", "7", "12", "17"]);
    let whole = stdout(&run(&["-f", "csv"]));
    let wanted: Vec<&str> = whole.lines().skip(1).skip(1).step_by(5).collect();
    let shard = stdout(&out);
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
        let out = run(&["-f", "csv", "--shard", shard]);
        assert_eq!(out.status.code(), Some(2), "{shard}");
        assert!(stderr(&out).contains(says), "{shard}: {}", stderr(&out));
        assert!(stdout(&out).is_empty());
    }
}

#[test]
fn an_empty_shard_is_a_header_and_a_note() {
    let out = run(&["-f", "csv", "--shard", "19/20"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 1);
    assert!(stderr(&out).contains("shard 19/20 holds no variant (the grid has 18)"));
    let json = stdout(&run(&["-f", "json", "--shard", "2/3"]));
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(value["counts"]["variants"], 6);
}
