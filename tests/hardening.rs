//! Regression tests of hostile and odd input: numbers beyond the limits, budgets beyond
//! exact planning, alias bombs, devices and huge files, input that used to be accepted
//! silently, and the messages that say what is wrong.

use crate::support::{Output, Test};

/// A command that must be refused: exit 2 with a message that contains every one of
/// `parts`.
fn refused(test: Test, parts: &[&str]) -> Output {
    parts
        .iter()
        .fold(test.code(2), |t, part| t.stderr_contains(part))
        .run()
}

const SMALL: &str = "scenario: t\ncurrency: EUR\nunit: million\nyears: [2026, 2027]\nbudget: {total: 1000}\nbilateral_credit: 0.5\nindicators: {gdp: {currency: EUR, unit: billion}}\nallies:\n  - {id: AAA, indicators: {gdp: 100}, bilateral: 10, max_gdp_pct: 50}\n  - {id: BBB, indicators: {gdp: 50}}\n";

const DEC_MAX: &str = "79228162514264337593543950335";

/// A test in its own temporary directory, where the command runs, holding small.yaml.
fn with_small() -> Test {
    Test::new().in_temp_dir().file("small.yaml", SMALL)
}

#[test]
fn numbers_near_the_decimal_maximum_are_refused_not_a_panic() {
    for set in [
        format!("allies.AAA.indicators.gdp={DEC_MAX}"),
        format!("allies.AAA.max_gdp_pct={DEC_MAX}"),
        format!("smoothing={DEC_MAX}"),
        format!("allies.AAA.bilateral={{2026: {DEC_MAX}, 2027: {DEC_MAX}}}"),
        format!("budget.profile=[{DEC_MAX}, 1]"),
    ] {
        let solve = with_small().args(["solve", "small.yaml", "--set", &set]);
        refused(solve, &["too large", "10^18"]);
    }
    refused(
        with_small().args(["solve", "small.yaml", "--set", "smoothing=2000000"]),
        &["smoothing: smoothing 2000000 is too large", "1000000"],
    );
    with_small()
        .args(["solve", "small.yaml"])
        .args(["--set", "allies.BBB.indicators.gdp=1e18"])
        .run();
}

#[test]
fn huge_actuals_and_ranges_are_refused() {
    let actuals = format!("delivered:\n  2026: {{AAA: {DEC_MAX}, BBB: {DEC_MAX}}}\n");
    refused(
        with_small().file("actuals.yaml", actuals).args([
            "track",
            "small.yaml",
            "--actuals",
            "actuals.yaml",
        ]),
        &["actuals.yaml:2:", "too large"],
    );
    let range = format!("budget.total=0:{DEC_MAX}:1e28");
    refused(
        with_small().args(["sweep", "small.yaml", "--vary", &range]),
        &["--vary", "too large"],
    );
}

#[test]
fn budgets_beyond_exact_planning_are_refused_with_the_limit() {
    for sets in [
        vec!["budget.total=1e17"],
        vec!["budget.total=1e15", "budget.rounding=0.01"],
        vec!["budget.total=1000000000000001"],
    ] {
        let mut solve = with_small().args(["solve", "small.yaml"]);
        for s in &sets {
            solve = solve.args(["--set", s]);
        }
        refused(solve, &["rounding units", "10^15"]);
    }
    refused(
        with_small().args(["solve", "small.yaml", "--set", "budget.total=1e24"]),
        &["too large"],
    );
    // At the limit, the plan is exact.
    with_small()
        .args(["solve", "small.yaml", "--set", "budget.total=1e15"])
        .args(["--set", "allies.AAA.max_gdp_pct=1e15", "-f", "csv"])
        .stdout_contains("TOTAL,All allies,500000000000000,500000000000000,1000000000000000")
        .run();
}

#[test]
fn rounding_units_too_small_or_too_large_say_so() {
    let rounding = |unit: &str| {
        with_small().args([
            "solve",
            "small.yaml",
            "--set",
            &format!("budget.rounding={unit}"),
        ])
    };
    refused(rounding("1e-29"), &["too small"]);
    refused(rounding("1e30"), &["too large"]);
    refused(rounding("0.000001"), &["too small", "at least 0.00001"]);
    rounding("0.00001").run();
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
    refused(
        with_small()
            .file(
                "bomb.yaml",
                format!("{SMALL}scenario_notes:\n{}", bomb("  ")),
            )
            .args(["validate", "bomb.yaml"]),
        &["bomb.yaml:", "aliases", "100000"],
    );
    let study = format!("scenario: small.yaml\nvary:\n  x:\n{}", bomb("    "));
    refused(
        with_small()
            .file("study.yaml", study)
            .args(["sweep", "--sweep", "study.yaml"]),
        &["study.yaml:", "aliases"],
    );
    // A few aliases are fine.
    let aliases = SMALL
        .replace("bilateral: 10,", "bilateral: &b 10,")
        .replace("{gdp: 50}}", "{gdp: 50}, bilateral: *b}");
    with_small()
        .file("aliases.yaml", aliases)
        .args(["validate", "aliases.yaml"])
        .run();
}

#[test]
fn devices_directories_and_huge_files_are_not_read() {
    for device in ["/dev/zero", "/dev/urandom"] {
        refused(
            with_small()
                .file("derived.yaml", format!("extends: {device}\n"))
                .args(["validate", "derived.yaml"]),
            &["derived.yaml:1:10:", "not a regular file"],
        );
    }
    refused(
        Test::new().args(["validate", "/dev/zero"]),
        &["not a regular file"],
    );
    refused(
        with_small().args(["track", "small.yaml", "--actuals", "/dev/zero"]),
        &["not a regular file"],
    );
    refused(
        Test::new().args(["sweep", "--sweep", "/dev/zero"]),
        &["not a regular file"],
    );
    refused(
        with_small()
            .file("big.yaml", "#".repeat(9 * 1024 * 1024))
            .args(["validate", "big.yaml"]),
        &["larger than 8 MiB"],
    );
}

#[test]
fn a_missing_file_has_no_made_up_position() {
    let o = refused(
        Test::new().args(["validate", "no-such-scenario.yaml"]),
        &["no-such-scenario.yaml: error: cannot read"],
    );
    assert!(!o.stderr_text().contains(":1:1:"), "{}", o.stderr_text());
}

#[test]
fn input_once_accepted_silently_is_an_error_or_a_warning() {
    refused(
        with_small()
            .file("two.yaml", format!("{SMALL}---\nscenario: other\n"))
            .args(["validate", "two.yaml"]),
        &["two.yaml:11:1:", "second YAML document"],
    );
    let validate = |set: &str| with_small().args(["validate", "small.yaml", "--set", set]);
    refused(
        validate("unit=gazillion"),
        &["unit: unknown unit `gazillion`"],
    );
    refused(validate("budget..total=1"), &["empty part"]);
    refused(
        validate("allies.AAA.indicators.gdp=1.00000000000000000000000000001"),
        &["more digits than are kept exactly"],
    );
    with_small()
        .file(
            "shares.yaml",
            SMALL.replace("bilateral: 10,", "bilateral: 10, share: 0.5,"),
        )
        .args(["validate", "shares.yaml"])
        .stderr_contains("shares.yaml:9:61: warning: allies[0].share")
        .stderr_contains("weights: explicit")
        .run();
}

#[test]
fn messages_name_the_right_thing() {
    refused(
        with_small()
            .file(
                "typo.yaml",
                SMALL.replace("{id: BBB,", "{id: BBB, nmae: B,"),
            )
            .args(["validate", "typo.yaml"]),
        &["unknown field `nmae`", "did you mean `name`?"],
    );
    let o = refused(
        with_small().args(["sweep", "small.yaml", "--vary", "key.celing=0.1,0.2"]),
        &["--vary key.celing=0.1", "did you mean `ceiling`?"],
    );
    assert!(!o.stderr_text().contains("--set"), "{}", o.stderr_text());
    let mut lines: Vec<&str> = SMALL.lines().collect();
    lines[3] = "years: [2026, 2027";
    refused(
        with_small()
            .file("unclosed.yaml", lines.join("\n") + "\n\n\n# end\n")
            .args(["validate", "unclosed.yaml"]),
        &["unclosed.yaml:4:8:", "`[` here is never closed"],
    );
    lines[3] = "years: [2026, 2027}";
    refused(
        with_small()
            .file("mismatched.yaml", lines.join("\n") + "\n")
            .args(["validate", "mismatched.yaml"]),
        &[
            "mismatched.yaml:4:19:",
            "this `}` does not close the `[` opened at 4:8",
        ],
    );
}

#[test]
fn validate_recognises_actuals_files() {
    let o = Test::new()
        .args([
            "validate",
            "scenarios/nato-100bn.yaml",
            "scenarios/nato-100bn-actuals-2025.yaml",
            "scenarios/nato-100bn-actuals-2025.csv",
        ])
        .stderr_contains("nato-100bn-actuals-2025.yaml: note: an actuals file")
        .run();
    let err = o.stderr_text();
    assert!(!err.contains("unknown field"), "{err}");
}

#[test]
fn sweep_help_lists_only_the_formats_it_writes() {
    Test::new()
        .args(["sweep", "--help"])
        .stdout_contains("table, csv, json, md, tex, html or xlsx")
        .run();
}

#[test]
fn control_and_bidi_characters_in_text_are_refused_where_written() {
    let text = SMALL
        .replace("{id: AAA,", "{id: \"A\\e[31m\",")
        .replace("{id: BBB,", "{id: BBB, name: \"B\\u202Eevil\",")
        .replace("scenario: t", "scenario: \"t\\u2066\"");
    refused(
        with_small()
            .file("odd.yaml", text)
            .args(["validate", "odd.yaml"]),
        &[
            "odd.yaml:1:11: error: scenario: contains the character U+2066",
            "odd.yaml:9:10: error: allies[0].id: contains the character U+001B",
            "allies[1].name: contains the character U+202E",
        ],
    );
    // Names may hold any other Unicode.
    with_small()
        .file(
            "names.yaml",
            SMALL.replace("{id: BBB,", "{id: BBB, name: Türkiye — 土耳其,"),
        )
        .args(["validate", "names.yaml"])
        .run();
}

#[test]
fn the_last_representable_year_is_no_overflow() {
    let text = SMALL.replace(
        "years: [2026, 2027]",
        "years: [2147483645, 2147483646, 2147483647]",
    );
    refused(
        with_small().file("late.yaml", text).args([
            "solve",
            "late.yaml",
            "--set",
            "allies.AAA.bilateral={2026: 1}",
        ]),
        &[
            "2026 is not one of the scenario's years",
            "2147483645–2147483647",
        ],
    );
}

#[test]
fn carry_with_fractional_deliveries_and_pledges_beyond_the_year_is_diagnosed() {
    let scenario = "scenario: Pledge beyond what is left\nyears: [2025, 2026, 2027]\n\
         budget: {total: 3000, rounding: 10}\nallies:\n\
         \x20 - {id: A, indicators: {gdp: 3}, max: 1500}\n\
         \x20 - {id: B, indicators: {gdp: 1}, pledged: {2026: 800, 2027: 300}}\n\
         \x20 - {id: C, indicators: {gdp: 2}}\n";
    for (delivered, budget) in [("C: 1000.5", "659.5"), ("C: 955.5", "674.5")] {
        let actuals = format!("delivered:\n  2025: {{A: 700, B: 0, {delivered}}}\n");
        for policy in ["carry", "forgive"] {
            let o = Test::new()
                .in_temp_dir()
                .file("s.yaml", scenario)
                .file("a.yaml", &actuals)
                .args([
                    "replan",
                    "s.yaml",
                    "--actuals",
                    "a.yaml",
                    "--policy",
                    policy,
                ])
                .code(1)
                .stderr_contains("re-plan is infeasible")
                .stderr_contains("pledges for 2026 sum to 800 but the 2026 budget is")
                .run();
            let text = o.stderr_text();
            assert!(
                policy == "forgive" || text.contains(budget),
                "{policy}: {text}"
            );
            assert!(!text.contains("verification"), "{policy}: {text}");
        }
    }
}

#[test]
fn a_scenario_without_allies_gets_one_error_not_two() {
    let o = refused(
        Test::new()
            .in_temp_dir()
            .file(
                "s.yaml",
                "scenario: x\nyears: [2025]\nbudget: {total: 100}\n",
            )
            .args(["validate", "s.yaml"]),
        &["the scenario lists no allies"],
    );
    let err = o.stderr_text();
    assert_eq!(err.matches("error:").count(), 1, "{err}");
}

#[test]
fn every_command_s_help_lists_the_formats_it_writes() {
    for (command, formats) in [
        ("solve", "table, csv, json, md, tex, xlsx or html"),
        ("compare", "table, csv, json, md, tex, xlsx or html"),
        ("track", "table, csv, json, md, tex, xlsx or html"),
        ("replan", "table, csv, json, md, tex, xlsx or html"),
        ("explain", "table, csv, json, md, tex, xlsx or html"),
        ("sweep", "table, csv, json, md, tex, html or xlsx"),
        ("report", "html, xlsx, md or tex"),
    ] {
        Test::new()
            .args([command, "--help"])
            .stdout_contains(formats)
            .run();
    }
}
