//! Regression tests of hostile and odd input: numbers beyond the limits, budgets beyond
//! exact planning, alias bombs, devices and huge files, input that used to be accepted
//! silently, and the messages that say what is wrong.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn burden(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_burden"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Exit 2 with a message that contains every one of `parts`.
fn refused(o: &Output, parts: &[&str]) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    for part in parts {
        assert!(err.contains(part), "`{part}` not in: {err}");
    }
}

const SMALL: &str = "scenario: t\ncurrency: EUR\nunit: million\nyears: [2026, 2027]\nbudget: {total: 1000}\nbilateral_credit: 0.5\nindicators: {gdp: {currency: EUR, unit: billion}}\nallies:\n  - {id: AAA, indicators: {gdp: 100}, bilateral: 10, max_gdp_pct: 50}\n  - {id: BBB, indicators: {gdp: 50}}\n";

const DEC_MAX: &str = "79228162514264337593543950335";

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.display().to_string()
}

fn small(dir: &Path) -> String {
    write(dir, "small.yaml", SMALL)
}

#[test]
fn numbers_near_the_decimal_maximum_are_refused_not_a_panic() {
    let dir = tempfile::tempdir().expect("dir");
    let file = small(dir.path());
    for set in [
        format!("allies.AAA.indicators.gdp={DEC_MAX}"),
        format!("allies.AAA.max_gdp_pct={DEC_MAX}"),
        format!("smoothing={DEC_MAX}"),
        format!("allies.AAA.bilateral={{2026: {DEC_MAX}, 2027: {DEC_MAX}}}"),
        format!("budget.profile=[{DEC_MAX}, 1]"),
    ] {
        let o = burden(&["solve", &file, "--set", &set]);
        refused(&o, &["too large", "10^18"]);
    }
    let o = burden(&["solve", &file, "--set", "smoothing=2000000"]);
    refused(
        &o,
        &["smoothing: smoothing 2000000 is too large", "1000000"],
    );
    let at_limit = burden(&["solve", &file, "--set", "allies.BBB.indicators.gdp=1e18"]);
    assert_eq!(at_limit.status.code(), Some(0), "{}", stderr(&at_limit));
}

#[test]
fn huge_actuals_and_ranges_are_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let file = small(dir.path());
    let actuals = write(
        dir.path(),
        "actuals.yaml",
        &format!("delivered:\n  2026: {{AAA: {DEC_MAX}, BBB: {DEC_MAX}}}\n"),
    );
    let o = burden(&["track", &file, "--actuals", &actuals]);
    refused(&o, &["actuals.yaml:2:", "too large"]);
    let o = burden(&[
        "sweep",
        &file,
        "--vary",
        &format!("budget.total=0:{DEC_MAX}:1e28"),
    ]);
    refused(&o, &["--vary", "too large"]);
}

#[test]
fn budgets_beyond_exact_planning_are_refused_with_the_limit() {
    let dir = tempfile::tempdir().expect("dir");
    let file = small(dir.path());
    for sets in [
        vec!["budget.total=1e17"],
        vec!["budget.total=1e15", "budget.rounding=0.01"],
        vec!["budget.total=1000000000000001"],
    ] {
        let mut args = vec!["solve", &file];
        for s in &sets {
            args.extend(["--set", s]);
        }
        refused(&burden(&args), &["rounding units", "10^15"]);
    }
    refused(
        &burden(&["solve", &file, "--set", "budget.total=1e24"]),
        &["too large"],
    );
    // At the limit, the plan is exact.
    let o = burden(&[
        "solve",
        &file,
        "--set",
        "budget.total=1e15",
        "--set",
        "allies.AAA.max_gdp_pct=1e15",
        "-f",
        "csv",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = String::from_utf8_lossy(&o.stdout);
    assert!(
        csv.contains("TOTAL,All allies,500000000000000,500000000000000,1000000000000000"),
        "{csv}"
    );
}

#[test]
fn rounding_units_too_small_or_too_large_say_so() {
    let dir = tempfile::tempdir().expect("dir");
    let file = small(dir.path());
    let o = burden(&["solve", &file, "--set", "budget.rounding=1e-29"]);
    refused(&o, &["too small"]);
    let o = burden(&["solve", &file, "--set", "budget.rounding=1e30"]);
    refused(&o, &["too large"]);
    let o = burden(&["solve", &file, "--set", "budget.rounding=0.000001"]);
    refused(&o, &["too small", "at least 0.00001"]);
    let o = burden(&["solve", &file, "--set", "budget.rounding=0.00001"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

fn bomb(indent: &str) -> String {
    let mut text = format!("{indent}a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        text.push_str(&format!("{indent}a{i}: &a{i} [{refs}]\n"));
    }
    text
}

#[test]
fn alias_bombs_are_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let file = write(
        dir.path(),
        "bomb.yaml",
        &format!("{SMALL}scenario_notes:\n{}", bomb("  ")),
    );
    refused(
        &burden(&["validate", &file]),
        &["bomb.yaml:", "aliases", "100000"],
    );
    small(dir.path());
    let sweep = write(
        dir.path(),
        "study.yaml",
        &format!("scenario: small.yaml\nvary:\n  x:\n{}", bomb("    ")),
    );
    refused(
        &burden(&["sweep", "--sweep", &sweep]),
        &["study.yaml:", "aliases"],
    );
    // A few aliases are fine.
    let ok = write(
        dir.path(),
        "aliases.yaml",
        &SMALL
            .replace("bilateral: 10,", "bilateral: &b 10,")
            .replace("{gdp: 50}}", "{gdp: 50}, bilateral: *b}"),
    );
    let o = burden(&["validate", &ok]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn devices_directories_and_huge_files_are_not_read() {
    let dir = tempfile::tempdir().expect("dir");
    for device in ["/dev/zero", "/dev/urandom"] {
        let file = write(dir.path(), "derived.yaml", &format!("extends: {device}\n"));
        refused(
            &burden(&["validate", &file]),
            &["derived.yaml:1:10:", "not a regular file"],
        );
    }
    refused(&burden(&["validate", "/dev/zero"]), &["not a regular file"]);
    let file = small(dir.path());
    let o = burden(&["track", &file, "--actuals", "/dev/zero"]);
    refused(&o, &["not a regular file"]);
    let o = burden(&["sweep", "--sweep", "/dev/zero"]);
    refused(&o, &["not a regular file"]);
    let big = write(dir.path(), "big.yaml", &"#".repeat(9 * 1024 * 1024));
    refused(&burden(&["validate", &big]), &["larger than 8 MiB"]);
}

#[test]
fn a_missing_file_has_no_made_up_position() {
    let o = burden(&["validate", "no-such-scenario.yaml"]);
    refused(&o, &["no-such-scenario.yaml: error: cannot read"]);
    assert!(!stderr(&o).contains(":1:1:"), "{}", stderr(&o));
}

#[test]
fn input_once_accepted_silently_is_an_error_or_a_warning() {
    let dir = tempfile::tempdir().expect("dir");
    let two = write(
        dir.path(),
        "two.yaml",
        &format!("{SMALL}---\nscenario: other\n"),
    );
    refused(
        &burden(&["validate", &two]),
        &["two.yaml:11:1:", "second YAML document"],
    );
    let file = small(dir.path());
    let o = burden(&["validate", &file, "--set", "unit=gazillion"]);
    refused(&o, &["unit: unknown unit `gazillion`"]);
    let o = burden(&["validate", &file, "--set", "budget..total=1"]);
    refused(&o, &["empty part"]);
    let o = burden(&[
        "validate",
        &file,
        "--set",
        "allies.AAA.indicators.gdp=1.00000000000000000000000000001",
    ]);
    refused(&o, &["more digits than are kept exactly"]);
    let shares = write(
        dir.path(),
        "shares.yaml",
        &SMALL.replace("bilateral: 10,", "bilateral: 10, share: 0.5,"),
    );
    let o = burden(&["validate", &shares]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("shares.yaml:9:61: warning: allies[0].share"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("weights: explicit"), "{}", stderr(&o));
}

#[test]
fn messages_name_the_right_thing() {
    let dir = tempfile::tempdir().expect("dir");
    let file = small(dir.path());
    let typo = write(
        dir.path(),
        "typo.yaml",
        &SMALL.replace("{id: BBB,", "{id: BBB, nmae: B,"),
    );
    refused(
        &burden(&["validate", &typo]),
        &["unknown field `nmae`", "did you mean `name`?"],
    );
    let o = burden(&["sweep", &file, "--vary", "key.celing=0.1,0.2"]);
    refused(&o, &["--vary key.celing=0.1", "did you mean `ceiling`?"]);
    assert!(!stderr(&o).contains("--set"), "{}", stderr(&o));
    let mut lines: Vec<&str> = SMALL.lines().collect();
    lines[3] = "years: [2026, 2027";
    let text = lines.join("\n") + "\n\n\n# end\n";
    let unclosed = write(dir.path(), "unclosed.yaml", &text);
    refused(
        &burden(&["validate", &unclosed]),
        &["unclosed.yaml:4:8:", "`[` here is never closed"],
    );
    lines[3] = "years: [2026, 2027}";
    let mismatched = write(dir.path(), "mismatched.yaml", &(lines.join("\n") + "\n"));
    refused(
        &burden(&["validate", &mismatched]),
        &[
            "mismatched.yaml:4:19:",
            "this `}` does not close the `[` opened at 4:8",
        ],
    );
}

#[test]
fn validate_recognises_actuals_files() {
    let o = burden(&[
        "validate",
        "scenarios/nato-100bn.yaml",
        "scenarios/nato-100bn-actuals-2025.yaml",
        "scenarios/nato-100bn-actuals-2025.csv",
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("nato-100bn-actuals-2025.yaml: note: an actuals file"),
        "{err}"
    );
    assert!(!err.contains("unknown field"), "{err}");
}

#[test]
fn sweep_help_lists_only_the_formats_it_writes() {
    let o = burden(&["sweep", "--help"]);
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(
        help.contains("table, csv, json, md, tex, html or xlsx"),
        "{help}"
    );
}

#[test]
fn control_and_bidi_characters_in_text_are_refused_where_written() {
    let dir = tempfile::tempdir().expect("dir");
    let text = SMALL
        .replace("{id: AAA,", "{id: \"A\\e[31m\",")
        .replace("{id: BBB,", "{id: BBB, name: \"B\\u202Eevil\",")
        .replace("scenario: t", "scenario: \"t\\u2066\"");
    let file = write(dir.path(), "odd.yaml", &text);
    refused(
        &burden(&["validate", &file]),
        &[
            "odd.yaml:1:11: error: scenario: contains the character U+2066",
            "odd.yaml:9:10: error: allies[0].id: contains the character U+001B",
            "allies[1].name: contains the character U+202E",
        ],
    );
    // Names may hold any other Unicode.
    let ok = write(
        dir.path(),
        "names.yaml",
        &SMALL.replace("{id: BBB,", "{id: BBB, name: Türkiye — 土耳其,"),
    );
    let o = burden(&["validate", &ok]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn the_last_representable_year_is_no_overflow() {
    let dir = tempfile::tempdir().expect("dir");
    let text = SMALL.replace(
        "years: [2026, 2027]",
        "years: [2147483645, 2147483646, 2147483647]",
    );
    let file = write(dir.path(), "late.yaml", &text);
    let o = burden(&["solve", &file, "--set", "allies.AAA.bilateral={2026: 1}"]);
    refused(
        &o,
        &[
            "2026 is not one of the scenario's years",
            "2147483645–2147483647",
        ],
    );
}

#[test]
fn carry_with_fractional_deliveries_and_pledges_beyond_the_year_is_diagnosed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let scenario = write(
        dir.path(),
        "s.yaml",
        "scenario: Pledge beyond what is left\nyears: [2025, 2026, 2027]\n\
         budget: {total: 3000, rounding: 10}\nallies:\n\
         \x20 - {id: A, indicators: {gdp: 3}, max: 1500}\n\
         \x20 - {id: B, indicators: {gdp: 1}, pledged: {2026: 800, 2027: 300}}\n\
         \x20 - {id: C, indicators: {gdp: 2}}\n",
    );
    for (delivered, budget) in [("C: 1000.5", "659.5"), ("C: 955.5", "674.5")] {
        let actuals = write(
            dir.path(),
            "a.yaml",
            &format!("delivered:\n  2025: {{A: 700, B: 0, {delivered}}}\n"),
        );
        for policy in ["carry", "forgive"] {
            let o = burden(&[
                "replan",
                &scenario,
                "--actuals",
                &actuals,
                "--policy",
                policy,
            ]);
            assert_eq!(o.status.code(), Some(1), "{policy}: {}", stderr(&o));
            let text = stderr(&o);
            assert!(text.contains("re-plan is infeasible"), "{policy}: {text}");
            assert!(
                text.contains("pledges for 2026 sum to 800 but the 2026 budget is")
                    && (policy == "forgive" || text.contains(budget)),
                "{policy}: {text}"
            );
            assert!(!text.contains("verification"), "{policy}: {text}");
        }
    }
}

#[test]
fn a_scenario_without_allies_gets_one_error_not_two() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(
        dir.path(),
        "s.yaml",
        "scenario: x\nyears: [2025]\nbudget: {total: 100}\n",
    );
    let o = burden(&["validate", &file]);
    refused(&o, &["the scenario lists no allies"]);
    assert_eq!(stderr(&o).matches("error:").count(), 1, "{}", stderr(&o));
}

#[test]
fn every_command_s_help_lists_the_formats_it_writes() {
    for (command, formats) in [
        ("solve", "table, csv, json, md, tex, xlsx or html"),
        ("compare", "table, csv, json, md, tex, xlsx or html"),
        ("track", "table, csv, json, md, tex, xlsx or html"),
        ("replan", "table, csv, json, md, tex, xlsx or html"),
        ("explain", "table, csv, json, md or html"),
        ("report", "html, xlsx, md or tex"),
    ] {
        let o = burden(&[command, "--help"]);
        let help = String::from_utf8_lossy(&o.stdout);
        assert!(help.contains(formats), "{command}: {help}");
    }
}
