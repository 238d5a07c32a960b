//! Derived scenarios through the binary: errors name the file and line where the value
//! was written (base, override or `--set`), and `--set` works on every command that
//! reads a scenario.

use crate::compare::{burden, stderr};

#[test]
fn errors_in_a_derived_scenario_name_file_and_line() {
    let out = burden(&["validate", "bad-derived.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("bad-derived.yaml:3:19: error: bilateral_credit"),
        "{err}"
    );
    assert!(
        err.contains("bad-derived.yaml:6:10: error: allies[2].max"),
        "{err}"
    );
}

#[test]
fn set_errors_name_the_set() {
    let out = burden(&["solve", "base.yaml", "--set", "key.celing=0.1"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with(
            "--set key.celing=0.1: error: key.celing: `celing` is not a field of `key`"
        ),
        "{err}"
    );
    assert!(err.contains("hint: did you mean `ceiling`?"), "{err}");
    let out = burden(&["solve", "base.yaml", "--set", "allies.XXX.max=1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no ally has id `XXX`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn validate_takes_set_too() {
    let out = burden(&["validate", "base.yaml", "--set", "bilateral_credit=2"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--set bilateral_credit=2: error"),
        "{}",
        stderr(&out)
    );
    let out = burden(&[
        "validate",
        "bad-derived.yaml",
        "--set",
        "bilateral_credit=1",
        "--set",
        "allies.CCC.max=10",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
