//! The harness's own tests: each expectation fails when it should, the scenario goes
//! after the command, files and standard input reach the command, snapshots show the
//! first differing line; written files are read and listed, spawned commands watched.

use super::snapshot::first_difference;
use super::{snapshot, Test, WHATIFS};

const SMALL: &str = "tests/fixtures/small.yaml";

#[test]
fn a_passing_run_returns_its_output() {
    let out = Test::new()
        .scenario(SMALL)
        .args(["solve", "-f", "csv"])
        .code(0)
        .stdout_contains("id,name,2025")
        .stderr("")
        .run();
    assert!(out.stdout_text().starts_with("id,name"));
    assert!(out.stderr_text().is_empty());
}

#[test]
#[should_panic(expected = "exit code Some(0), expected 2")]
fn a_wrong_exit_code_fails() {
    Test::new().args(["validate", SMALL]).code(2).run();
}

#[test]
#[should_panic(expected = "stderr lacks `no such words`")]
fn missing_text_fails() {
    Test::new()
        .args(["validate", SMALL])
        .stderr_contains("no such words")
        .run();
}

#[test]
#[should_panic(expected = "stdout is not as expected")]
fn other_output_fails() {
    Test::new().args(["solve", SMALL]).stdout("").run();
}

#[test]
fn files_standard_input_and_environment_reach_the_command() {
    let scenario = std::fs::read(super::root().join(SMALL)).expect("the fixture");
    let from_file = Test::new()
        .file("sub/s.yaml", &scenario)
        .in_temp_dir()
        .scenario("sub/s.yaml")
        .args(["solve", "-f", "json"])
        .run();
    assert!(from_file.dir().join("sub/s.yaml").is_file());
    Test::new()
        .args(["solve", "-", "-f", "json"])
        .stdin(&scenario)
        .env("BURDEN_UNUSED", "1")
        .stdout(&from_file.stdout)
        .run();
    let written = from_file
        .then()
        .args(["solve", "sub/s.yaml", "-o", "plan.csv"])
        .run();
    assert!(written.read("plan.csv").starts_with("id,name"));
    let t = Test::new();
    assert_eq!(t.path("x"), t.dir().join("x"));
    let command = t.current_dir(WHATIFS).args(["validate"]).command();
    assert!(command
        .get_current_dir()
        .is_some_and(|d| d.ends_with(WHATIFS)));
}

#[test]
#[should_panic(expected = "put global options after it")]
fn a_scenario_before_a_global_option_is_refused() {
    Test::new().scenario(SMALL).args(["-q", "validate"]).run();
}

#[test]
fn snapshots_compare_and_name_the_first_different_line() {
    let expected =
        std::fs::read(super::root().join("tests/snapshots/proposal.csv")).expect("a snapshot");
    snapshot("proposal.csv", &expected);
    assert_eq!(first_difference(b"a\nb\n", b"a\nb\n"), None);
    let diff = first_difference(b"a\nb\nc\n", b"a\nB\nc\n").expect("a difference");
    assert!(diff.contains("line 2"), "{diff}");
    assert!(diff.contains("- \"b\\n\"\n+ \"B\\n\""), "{diff}");
    let shorter = first_difference(b"a\nb\n", b"a\n").expect("a difference");
    assert!(shorter.contains("+ (end of output)"), "{shorter}");
    assert!(first_difference(b"\xff", b"\xfe").is_some());
}

#[test]
#[should_panic(expected = "first difference at line")]
fn a_different_snapshot_fails() {
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        panic!("first difference at line (not compared while snapshots are rewritten)");
    }
    Test::new()
        .args(["solve", "tests/fixtures/proposal.yaml", "-f", "md"])
        .stdout_snapshot("proposal.csv")
        .run();
}

#[test]
fn written_files_are_read_listed_and_checked_for_absence() {
    let test = Test::new();
    let csv = test.path("plan.csv");
    let out = test.scenario(SMALL).args(["solve", "-o"]).arg(csv).run();
    assert_eq!(out.files(), ["plan.csv"]);
    assert_eq!(out.read_bytes("plan.csv"), out.read("plan.csv").as_bytes());
    assert_eq!(out.path("plan.csv"), out.dir().join("plan.csv"));
    out.assert_absent("plan.xlsx");
    let failed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        out.assert_absent("plan.csv")
    }));
    assert!(failed.is_err(), "a file that exists is not absent");
    super::shell(out.dir(), "cp plan.csv copy.csv");
    assert_eq!(out.files(), ["copy.csv", "plan.csv"]);
}

#[test]
fn a_spawned_command_is_checked_when_it_ends() {
    let mut running = Test::new()
        .args(["solve", "-", "-f", "csv"])
        .stdin(std::fs::read(super::root().join(SMALL)).expect("the fixture"))
        .stdout_contains("id,name,2025")
        .spawn();
    assert!(running.files().is_empty());
    running.wait_until("nothing", std::time::Duration::from_secs(5), |_| true);
    let out = running.wait();
    assert!(out.status.success());
}

#[test]
#[should_panic(expected = "a file appears: the command ended first")]
fn waiting_for_what_never_comes_fails() {
    let mut running = Test::new().args(["validate", SMALL]).spawn();
    running.wait_until(
        "a file appears",
        std::time::Duration::from_secs(60),
        |dir| dir.join("never").exists(),
    );
}
