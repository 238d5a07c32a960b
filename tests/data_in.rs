//! Getting data in: allies from a table, starter files, the JSON Schema, standard input
//! and the command-line conventions (quiet, colour, completions, manual page).

use std::path::{Path, PathBuf};

use crate::support::{root, Test};

const NATO: &str = "scenarios/nato-100bn.yaml";
const FROM_TABLE: &str = "scenarios/nato-100bn-from-table.yaml";

#[test]
fn the_plan_from_the_table_is_the_plan_from_yaml() {
    let yaml: serde_json::Value = Test::new()
        .scenario(NATO)
        .args(["solve", "-f", "json"])
        .run()
        .json();
    let table: serde_json::Value = Test::new()
        .scenario(FROM_TABLE)
        .args(["solve", "-f", "json"])
        .run()
        .json();
    assert_eq!(yaml["allies"].as_array().map(Vec::len), Some(32));
    assert_eq!(yaml, table);
}

#[test]
fn an_excel_table_gives_the_same_plan_as_the_csv() {
    let test = Test::new();
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
    book.save(test.path("allies.xlsx")).expect("save");
    let scenario = std::fs::read_to_string(root().join(FROM_TABLE))
        .expect("scenario")
        .replace(
            "allies_from: data/nato-allies.csv",
            "allies_from: {file: allies.xlsx, sheet: Allies}",
        );
    let from_xlsx = test
        .file("x.yaml", scenario)
        .in_temp_dir()
        .args(["solve", "x.yaml", "-f", "json"])
        .run();
    Test::new()
        .scenario(FROM_TABLE)
        .args(["solve", "-f", "json"])
        .stdout(&from_xlsx.stdout)
        .run();
}

#[test]
fn init_writes_a_starter_that_validates_and_solves() {
    let init = Test::new()
        .in_temp_dir()
        .args(["init", "-o", "x.yaml"])
        .run();
    let text = init.read("x.yaml");
    assert!(text.starts_with("# A new burden scenario"), "{text}");
    assert!(text.contains("# yaml-language-server: $schema="));
    init.then().args(["validate", "x.yaml"]).run();
    init.then().args(["solve", "x.yaml"]).run();
    init.then()
        .args(["init", "-o", "x.yaml"])
        .code(2)
        .stderr_contains("--force")
        .run();
}

#[test]
fn init_from_a_table_names_it_relative_to_the_scenario() {
    let test = Test::new();
    let sub = test.path("sub");
    std::fs::create_dir(&sub).expect("folder");
    let table = root().join("scenarios/data/nato-allies.csv");
    let init = test
        .args(["init", "--from"])
        .arg(table)
        .arg("-o")
        .arg(sub.join("fund.yaml"))
        .run();
    let text = init.read("sub/fund.yaml");
    assert!(
        text.contains("years: [2025, 2026, 2027, 2028, 2029]"),
        "{text}"
    );
    assert!(text.contains("weights: {gdp: 1}"), "{text}");
    assert!(
        text.contains("The 32 allies are the rows of this table"),
        "{text}"
    );
    init.then()
        .current_dir(&sub)
        .args(["validate", "fund.yaml"])
        .stderr_contains("ok (32 allies, 5 years)")
        .run();
}

#[test]
fn init_refuses_a_table_with_nothing_to_key_on() {
    Test::new()
        .file("t.csv", "id,name,max\nAAA,A,10\n")
        .in_temp_dir()
        .args(["init", "--from", "t.csv"])
        .code(2)
        .stderr_contains("no indicator column")
        .stdout("")
        .run();
}

#[test]
fn the_actuals_template_loads_as_actuals_in_both_formats() {
    for name in ["a.yaml", "a.csv"] {
        let test = Test::new();
        let target = test.path(name);
        let written = test
            .scenario(NATO)
            .args(["actuals-template", "--years", "2025,2026", "-o"])
            .arg(&target)
            .run();
        let text = written.read(name);
        assert_eq!(text.matches("USA").count(), 2, "{text}");
        written
            .then()
            .scenario(NATO)
            .args(["track", "--actuals"])
            .arg(&target)
            .args(["-f", "csv"])
            .stdout_contains("USA")
            .stdout_contains("2026")
            .run();
    }
    Test::new()
        .scenario(NATO)
        .args(["actuals-template", "--years", "2031"])
        .code(2)
        .stderr_contains("not a year of the scenario")
        .run();
}

#[test]
fn a_scenario_is_read_from_standard_input() {
    let text = std::fs::read(root().join(NATO)).expect("scenario");
    let from_stdin = Test::new()
        .args(["solve", "-", "-f", "json"])
        .stdin(text)
        .run();
    Test::new()
        .scenario(NATO)
        .args(["solve", "-f", "json"])
        .stdout(&from_stdin.stdout)
        .run();
    // `extends` and `allies_from` resolve from the current directory.
    Test::new()
        .args(["validate", "-"])
        .stdin("extends: scenarios/nato-100bn.yaml\nbilateral_credit: 1\n")
        .run();
    Test::new()
        .args(["validate", "-"])
        .stdin("years: [2025]\nbudgt: {}\n")
        .code(2)
        .stderr_contains("<stdin>:2:1")
        .run();
}

#[test]
fn quiet_leaves_only_errors_on_stderr() {
    Test::new()
        .args(["validate", NATO])
        .stderr_contains("ok (32 allies")
        .run();
    Test::new()
        .args(["--quiet", "validate", NATO])
        .stderr("")
        .run();
    Test::new()
        .args(["validate", "-q", "tests/fixtures/bad.yaml"])
        .code(2)
        .stderr_contains("error:")
        .run();
}

#[test]
fn color_always_colours_a_pipe_and_never_does_not() {
    let file = "tests/fixtures/small.yaml";
    Test::new()
        .args(["--color", "always", "solve", file])
        .stdout_contains("\u{1b}")
        .run();
    let never = Test::new().args(["solve", file, "--color", "never"]).run();
    assert!(!never.stdout_text().contains('\u{1b}'));
    Test::new()
        .args(["solve", file])
        .stdout(&never.stdout)
        .run();
    Test::new()
        .args(["--color", "sometimes", "solve", file])
        .code(2)
        .run();
}

#[test]
fn completions_and_manual_pages_are_generated() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef burden"),
        ("fish", "complete -c burden"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        Test::new()
            .args(["completions", shell])
            .stdout_contains(marker)
            .stdout_contains("actuals-template")
            .run();
    }
    let page = Test::new().args(["man"]).run().stdout_text();
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq") || page.contains(".TH burden"),
        "{page}"
    );
    assert!(page.contains("actuals\\-template") || page.contains("actuals-template"));
    Test::new()
        .args(["man", "solve"])
        .stdout_contains(".TH burden-solve")
        .run();
    Test::new().args(["man", "solv"]).code(2).run();
}

#[test]
fn every_command_shows_examples_in_its_help() {
    let help = Test::new().args(["--help"]).run().stdout_text();
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
        Test::new()
            .args([command, "--help"])
            .stdout_contains("Examples:\n  burden ")
            .run();
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
        serde_json::from_str(&Test::new().args(["schema"]).run().stdout_text())
            .expect("the schema is JSON");
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
    let starter = Test::new().args(["init"]).run().stdout_text();
    let yaml: serde_yaml::Value = serde_yaml::from_str(&starter).expect("YAML");
    assert!(validator.is_valid(&yaml_to_json(yaml)));
}
