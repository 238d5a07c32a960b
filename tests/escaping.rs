//! Hostile names and titles in every text output: CSV formulas neutralised (numbers left
//! alone), Markdown and HTML escaped, in solve, compare, sweep, track and replan. Control
//! and bidirectional-override characters are refused in a scenario's text; where text
//! comes from elsewhere (a comparison's labels) they are replaced.

use crate::support::Test;

const SMALL: &str = "tests/fixtures/accounts/small.yaml";
const ACTUALS: &str = "tests/fixtures/accounts/small-actuals.csv";

/// Names and a title as an attacker would write them (control characters are refused
/// at validation, see below).
const SETS: [&str; 4] = [
    r#"allies.AAA.name='=HYPERLINK("http://x","click")'"#,
    r#"allies.BBB.name="@SUM(1+1)""#,
    r#"allies.CCC.name="-2+3 evil""#,
    r#"scenario="<script>alert(1)</script> | *x*""#,
];

/// Runs `args` with the hostile names set; expects exit 0 and returns standard output,
/// which must be UTF-8.
fn burden(args: &[&str]) -> String {
    // Right after the command, so that compare applies them to every file.
    let mut test = Test::new().arg(args[0]);
    for set in SETS {
        test = test.args(["--set", set]);
    }
    test.args(&args[1..]).run().stdout_text()
}

/// The commands that write each format, with the hostile names in them.
fn outputs(format: &str) -> Vec<(String, String)> {
    let runs: Vec<Vec<&str>> = vec![
        vec!["solve", SMALL],
        vec!["compare", SMALL, SMALL],
        vec!["sweep", SMALL, "--vary", "bilateral_credit=0,1", "--long"],
        vec!["track", SMALL, "--actuals", ACTUALS],
        vec!["replan", SMALL, "--actuals", ACTUALS],
    ];
    runs.into_iter()
        .map(|mut args| {
            args.extend(["-f", format]);
            (args[0].to_string(), burden(&args))
        })
        .collect()
}

fn no_unsafe_characters(name: &str, out: &str) {
    let bad = |c: char| (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}');
    assert!(!out.chars().any(bad), "{name}: {out:?}");
}

#[test]
fn csv_fields_never_start_a_formula() {
    for (command, out) in outputs("csv") {
        no_unsafe_characters(&command, &out);
        for line in out.lines() {
            let starts = std::iter::once(0).chain(line.match_indices(',').map(|(i, _)| i + 1));
            for start in starts {
                let field = &line[start..];
                let field = field.strip_prefix('"').unwrap_or(field);
                let formula = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
                let number = field[1.min(field.len())..].starts_with(|c: char| c.is_ascii_digit());
                assert!(!formula || number, "{command}: {line}");
            }
        }
        if command != "sweep" {
            for neutral in ["'=HYPERLINK", "'@SUM", "'-2+3"] {
                assert!(out.contains(neutral), "{command}: {out}");
            }
        }
    }
}

#[test]
fn negative_numbers_stay_numbers_in_csv() {
    let out = burden(&["replan", SMALL, "--actuals", ACTUALS, "-f", "csv"]);
    let negative = |f: &str| {
        f.strip_prefix('-')
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    };
    assert!(out.lines().any(|l| l.split(',').any(negative)), "{out}");
    assert!(!out.contains("'-1"), "{out}");
}

#[test]
fn markdown_escapes_titles_and_names() {
    for (command, out) in outputs("md") {
        no_unsafe_characters(&command, &out);
        assert!(!out.contains("<script>"), "{command}: {out}");
        assert!(!out.contains(" | *x*"), "{command}: {out}");
    }
}

#[test]
fn control_characters_in_a_scenario_are_refused() {
    for set in [
        r#"allies.BBB.name="x\e[31m\a""#,
        r#"allies.CCC.name="\u202Eevil""#,
    ] {
        Test::new()
            .args(["solve", SMALL, "--set", set])
            .code(2)
            .stdout("")
            .run();
    }
}

#[test]
fn the_terminal_table_shows_no_control_characters() {
    for (command, out) in outputs("table") {
        no_unsafe_characters(&command, &out);
    }
    let out = Test::new()
        .args(["compare", SMALL, "--label", "a\u{1b}[2J\u{7}", SMALL])
        .args(["--label", "b\u{202e}x"])
        .run()
        .stdout_text();
    no_unsafe_characters("compare --label", &out);
    assert!(out.contains('\u{fffd}'), "{out}");
}

#[test]
fn html_escapes_everywhere_including_the_charts() {
    for args in [
        vec!["solve", SMALL, "-f", "html"],
        vec!["report", SMALL, SMALL, "-f", "html"],
    ] {
        let out = burden(&args);
        no_unsafe_characters("html", &out);
        assert!(!out.contains("<script>"), "{out}");
        assert!(out.contains("&lt;script&gt;"));
    }
}
