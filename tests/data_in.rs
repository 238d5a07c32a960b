//! Getting data in: allies from a table, starter files, the JSON Schema, standard input
//! and the command-line conventions (quiet, colour, completions, manual page).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_burden"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().expect("stdin");
        pipe.write_all(bytes).expect("write stdin");
    }
    child.wait_with_output().expect("the binary ends")
}

fn burden(args: &[&str]) -> Output {
    run_in(&root(), args, None)
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn the_plan_from_the_table_is_the_plan_from_yaml() {
    let yaml = ok(&burden(&[
        "solve",
        "scenarios/nato-100bn.yaml",
        "-f",
        "json",
    ]));
    let table = ok(&burden(&[
        "solve",
        "scenarios/nato-100bn-from-table.yaml",
        "-f",
        "json",
    ]));
    let yaml: serde_json::Value = serde_json::from_str(&yaml).expect("JSON");
    let table: serde_json::Value = serde_json::from_str(&table).expect("JSON");
    assert_eq!(yaml["allies"].as_array().map(Vec::len), Some(32));
    assert_eq!(yaml, table);
}

#[test]
fn an_excel_table_gives_the_same_plan_as_the_csv() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let csv = std::fs::read_to_string(root().join("scenarios/data/nato-allies.csv")).expect("csv");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Allies").expect("name");
    let rows = csv.lines().filter(|l| !l.starts_with('#'));
    for (r, line) in rows.enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell.parse::<f64>() {
                Ok(n) => sheet.write_number(r, c, n).map(|_| ()),
                Err(_) => sheet.write_string(r, c, cell).map(|_| ()),
            }
            .expect("cell");
        }
    }
    book.save(dir.path().join("allies.xlsx")).expect("save");
    let scenario = std::fs::read_to_string(root().join("scenarios/nato-100bn-from-table.yaml"))
        .expect("scenario")
        .replace(
            "allies_from: data/nato-allies.csv",
            "allies_from: {file: allies.xlsx, sheet: Allies}",
        );
    std::fs::write(dir.path().join("x.yaml"), scenario).expect("write");
    let from_xlsx = ok(&run_in(
        dir.path(),
        &["solve", "x.yaml", "-f", "json"],
        None,
    ));
    let from_csv = ok(&burden(&[
        "solve",
        "scenarios/nato-100bn-from-table.yaml",
        "-f",
        "json",
    ]));
    assert_eq!(from_xlsx, from_csv);
}

#[test]
fn init_writes_a_starter_that_validates_and_solves() {
    let dir = tempfile::tempdir().expect("temporary directory");
    ok(&run_in(dir.path(), &["init", "-o", "x.yaml"], None));
    let text = std::fs::read_to_string(dir.path().join("x.yaml")).expect("written");
    assert!(text.starts_with("# A new burden scenario"), "{text}");
    assert!(text.contains("# yaml-language-server: $schema="));
    ok(&run_in(dir.path(), &["validate", "x.yaml"], None));
    ok(&run_in(dir.path(), &["solve", "x.yaml"], None));
    let again = run_in(dir.path(), &["init", "-o", "x.yaml"], None);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
}

#[test]
fn init_from_a_table_names_it_relative_to_the_scenario() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let out = dir.path().join("sub");
    std::fs::create_dir(&out).expect("folder");
    let table = root().join("scenarios/data/nato-allies.csv");
    let target = out.join("fund.yaml");
    ok(&burden(&[
        "init",
        "--from",
        table.to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
    ]));
    let text = std::fs::read_to_string(&target).expect("written");
    assert!(
        text.contains("years: [2025, 2026, 2027, 2028, 2029]"),
        "{text}"
    );
    assert!(text.contains("weights: {gdp: 1}"), "{text}");
    assert!(
        text.contains("The 32 allies are the rows of this table"),
        "{text}"
    );
    let validated = run_in(&out, &["validate", "fund.yaml"], None);
    ok(&validated);
    assert!(
        stderr(&validated).contains("ok (32 allies, 5 years)"),
        "{}",
        stderr(&validated)
    );
}

#[test]
fn init_refuses_a_table_with_nothing_to_key_on() {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::write(dir.path().join("t.csv"), "id,name,max\nAAA,A,10\n").expect("table");
    let out = run_in(dir.path(), &["init", "--from", "t.csv"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no indicator column"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn the_actuals_template_loads_as_actuals_in_both_formats() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let scenario = root().join("scenarios/nato-100bn.yaml");
    let scenario = scenario.to_str().unwrap();
    for name in ["a.yaml", "a.csv"] {
        let target = dir.path().join(name);
        let target = target.to_str().unwrap();
        ok(&burden(&[
            "actuals-template",
            scenario,
            "--years",
            "2025,2026",
            "-o",
            target,
        ]));
        let text = std::fs::read_to_string(target).expect("written");
        assert_eq!(text.matches("USA").count(), 2, "{text}");
        let tracked = ok(&burden(&[
            "track",
            scenario,
            "--actuals",
            target,
            "-f",
            "csv",
        ]));
        assert!(tracked.contains("USA"), "{tracked}");
        assert!(tracked.contains("2026"), "{tracked}");
    }
    let bad = burden(&["actuals-template", scenario, "--years", "2031"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("not a year of the scenario"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn a_scenario_is_read_from_standard_input() {
    let text = std::fs::read(root().join("scenarios/nato-100bn.yaml")).expect("scenario");
    let from_stdin = ok(&run_in(&root(), &["solve", "-", "-f", "json"], Some(&text)));
    let from_file = ok(&burden(&[
        "solve",
        "scenarios/nato-100bn.yaml",
        "-f",
        "json",
    ]));
    assert_eq!(from_stdin, from_file);
    // `extends` and `allies_from` resolve from the current directory.
    let derived = b"extends: scenarios/nato-100bn.yaml\nbilateral_credit: 1\n";
    ok(&run_in(&root(), &["validate", "-"], Some(derived)));
    let bad = run_in(
        &root(),
        &["validate", "-"],
        Some(b"years: [2025]\nbudgt: {}\n"),
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("<stdin>:2:1"), "{}", stderr(&bad));
}

#[test]
fn quiet_leaves_only_errors_on_stderr() {
    let loud = burden(&["validate", "scenarios/nato-100bn.yaml"]);
    assert!(stderr(&loud).contains("ok (32 allies"));
    let quiet = burden(&["--quiet", "validate", "scenarios/nato-100bn.yaml"]);
    ok(&quiet);
    assert_eq!(stderr(&quiet), "");
    let failing = burden(&["validate", "-q", "tests/fixtures/bad.yaml"]);
    assert_eq!(failing.status.code(), Some(2));
    assert!(stderr(&failing).contains("error:"));
}

#[test]
fn color_always_colours_a_pipe_and_never_does_not() {
    let file = "tests/fixtures/small.yaml";
    let always = ok(&burden(&["--color", "always", "solve", file]));
    let never = ok(&burden(&["solve", file, "--color", "never"]));
    let auto = ok(&burden(&["solve", file]));
    assert!(always.contains('\u{1b}'), "{always}");
    assert!(!never.contains('\u{1b}'));
    assert_eq!(auto, never);
    let bad = burden(&["--color", "sometimes", "solve", file]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn completions_and_manual_pages_are_generated() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef burden"),
        ("fish", "complete -c burden"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let script = ok(&burden(&["completions", shell]));
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(script.contains("actuals-template"), "{shell}");
    }
    let page = ok(&burden(&["man"]));
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq") || page.contains(".TH burden"),
        "{page}"
    );
    assert!(page.contains("actuals\\-template") || page.contains("actuals-template"));
    let solve = ok(&burden(&["man", "solve"]));
    assert!(solve.contains(".TH burden-solve"), "{solve}");
    assert_eq!(burden(&["man", "solv"]).status.code(), Some(2));
}

#[test]
fn every_command_shows_examples_in_its_help() {
    let help = ok(&burden(&["--help"]));
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() >= 12, "{commands:?}");
    for command in commands {
        let text = ok(&burden(&[command, "--help"]));
        assert!(text.contains("Examples:\n  burden "), "{command}: {text}");
    }
}

/// A YAML document as an editor's schema checker sees it: JSON with text keys.
fn yaml_to_json(value: serde_yaml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    use serde_yaml::Value as Y;
    let key = |k: Y| match k {
        Y::String(s) => s,
        Y::Number(n) => n.to_string(),
        Y::Bool(b) => b.to_string(),
        other => format!("{other:?}"),
    };
    match value {
        Y::Null => J::Null,
        Y::Bool(b) => J::Bool(b),
        Y::Number(n) => serde_json::from_str(&n.to_string()).unwrap_or(J::Null),
        Y::String(s) => J::String(s),
        Y::Sequence(items) => J::Array(items.into_iter().map(yaml_to_json).collect()),
        Y::Mapping(map) => J::Object(
            map.into_iter()
                .map(|(k, v)| (key(k), yaml_to_json(v)))
                .collect(),
        ),
        Y::Tagged(tagged) => yaml_to_json(tagged.value),
    }
}

fn schema_errors(validator: &jsonschema::Validator, file: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(file).expect("scenario");
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).expect("YAML");
    let json = yaml_to_json(yaml);
    validator
        .iter_errors(&json)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn every_shipped_scenario_validates_against_the_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&ok(&burden(&["schema"]))).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("scenarios"))
        .expect("scenarios")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "yaml") && !p.to_string_lossy().contains("actuals")
        })
        .collect();
    files.sort();
    assert!(files.len() >= 6);
    for file in &files {
        let errors = schema_errors(&validator, file);
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
    }
    // A scenario with a misspelt field does not.
    let errors = schema_errors(&validator, &root().join("tests/fixtures/typo.yaml"));
    assert!(!errors.is_empty());
    let starter = ok(&burden(&["init"]));
    let yaml: serde_yaml::Value = serde_yaml::from_str(&starter).expect("YAML");
    assert!(validator.is_valid(&yaml_to_json(yaml)));
}
