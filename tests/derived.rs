//! Derived scenarios through the binary: errors name the file and line where the value
//! was written (base, override or `--set`), and `--set` works on every command that
//! reads a scenario.

use crate::support::{Test, WHATIFS};

fn whatif() -> Test {
    Test::new().current_dir(WHATIFS)
}

#[test]
fn errors_in_a_derived_scenario_name_file_and_line() {
    whatif()
        .args(["validate", "bad-derived.yaml"])
        .code(2)
        .stderr_contains("bad-derived.yaml:3:19: error: bilateral_credit")
        .stderr_contains("bad-derived.yaml:6:10: error: allies[2].max")
        .run();
}

#[test]
fn set_errors_name_the_set() {
    let out = whatif()
        .args(["solve", "base.yaml", "--set", "key.celing=0.1"])
        .code(2)
        .stderr_contains("hint: did you mean `ceiling`?")
        .run();
    let err = out.stderr_text();
    assert!(
        err.starts_with(
            "--set key.celing=0.1: error: key.celing: `celing` is not a field of `key`"
        ),
        "{err}"
    );
    whatif()
        .args(["solve", "base.yaml", "--set", "allies.XXX.max=1"])
        .code(2)
        .stderr_contains("no ally has id `XXX`")
        .run();
}

#[test]
fn validate_takes_set_too() {
    whatif()
        .args(["validate", "base.yaml", "--set", "bilateral_credit=2"])
        .code(2)
        .stderr_contains("--set bilateral_credit=2: error")
        .run();
    whatif()
        .args(["validate", "bad-derived.yaml"])
        .args(["--set", "bilateral_credit=1", "--set", "allies.CCC.max=10"])
        .run();
}
