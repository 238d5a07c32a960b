//! Unit tests of derived scenarios: `extends` merge semantics, chains and cycles,
//! `--set` errors, and the file and line that validation errors point at.

use std::path::Path;

use rust_decimal::Decimal;

use super::{load, parse_set, InvalidScenario, Loaded, Override};

const BASE: &str = "\
scenario: base
currency: EUR
unit: million
years: [2025, 2026]
budget: {total: 1000, profile: even, rounding: 1}
key:
  weights: {gdp: 1}
  floor: 0.01
bilateral_credit: 0.5
allies:
  - {id: AAA, name: Arcadia, indicators: {gdp: 100}, bilateral: 10, max: 900}
  - {id: BBB, name: Borealia, indicators: {gdp: 50}, bilateral: 0}
  - id: CCC
    name: Caldonia
    indicators: {gdp: 25}
    bilateral: 4
";

/// Writes files into a temporary directory and loads `main` with overrides.
fn load_files(
    files: &[(&str, &str)],
    main: &str,
    sets: &[&str],
) -> Result<Loaded, InvalidScenario> {
    let dir = tempfile::tempdir().expect("temporary directory");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write fixture");
    }
    let overrides: Vec<Override> = sets
        .iter()
        .map(|s| parse_set(s).expect("PATH=VALUE"))
        .collect();
    load(&dir.path().join(main), &overrides)
}

fn derive(over: &str) -> Loaded {
    load_files(
        &[("base.yaml", BASE), ("over.yaml", over)],
        "over.yaml",
        &[],
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn error_text(result: Result<Loaded, InvalidScenario>) -> String {
    match result {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

fn dec(text: &str) -> Decimal {
    text.parse().expect("decimal")
}

fn ids(loaded: &Loaded) -> Vec<&str> {
    loaded
        .scenario
        .allies
        .iter()
        .map(|a| a.id.as_str())
        .collect()
}

#[test]
fn maps_merge_deeply() {
    let loaded = derive("extends: base.yaml\nkey: {ceiling: 0.6}\nbudget: {total: 1200}\n");
    let s = &loaded.scenario;
    assert_eq!(s.key.ceiling, Some(dec("0.6")));
    assert_eq!(s.key.floor, Some(dec("0.01")), "the base's floor stays");
    assert_eq!(s.total.0, dec("1200"));
    assert_eq!(s.rounding.0, dec("1"), "the base's rounding stays");
    assert_eq!(s.title, "base");
}

#[test]
fn lists_replace() {
    let loaded = derive("extends: base.yaml\nyears: [2025, 2026, 2027]\n");
    assert_eq!(loaded.scenario.years, vec![2025, 2026, 2027]);
}

#[test]
fn allies_merge_by_id() {
    let over =
        "extends: base.yaml\nallies:\n  - {id: BBB, max: 300}\n  - {id: AAA, bilateral: 0}\n";
    let loaded = derive(over);
    let s = &loaded.scenario;
    assert_eq!(ids(&loaded), ["AAA", "BBB", "CCC"], "base order is kept");
    let b = &s.allies[1];
    assert_eq!(b.max.map(|m| m.0), Some(dec("300")));
    assert_eq!(b.name, "Borealia", "fields not named stay");
    let a = &s.allies[0];
    assert!(a.bilateral.iter().all(|m| m.is_zero()));
    assert_eq!(a.max.map(|m| m.0), Some(dec("900")));
}

#[test]
fn new_ids_add_allies_and_remove_drops_them() {
    let over = "extends: base.yaml\nallies:\n  - {id: CCC, remove: true}\n  - {id: DDD, name: Dunmarra, indicators: {gdp: 10}, bilateral: 0}\n";
    let loaded = derive(over);
    assert_eq!(ids(&loaded), ["AAA", "BBB", "DDD"]);
}

#[test]
fn removing_an_unknown_ally_is_an_error() {
    let over = "extends: base.yaml\nallies:\n  - {id: ZZZ, remove: true}\n";
    let text = error_text(load_files(
        &[("base.yaml", BASE), ("over.yaml", over)],
        "over.yaml",
        &[],
    ));
    assert!(text.contains("over.yaml:3:5"), "{text}");
    assert!(text.contains("cannot remove ally ZZZ"), "{text}");
}

#[test]
fn an_ally_override_needs_an_id() {
    let over = "extends: base.yaml\nallies:\n  - {max: 3}\n";
    let text = error_text(load_files(
        &[("base.yaml", BASE), ("over.yaml", over)],
        "over.yaml",
        &[],
    ));
    assert!(text.contains("needs an `id`"), "{text}");
}

#[test]
fn remove_outside_a_derived_scenario_is_an_error() {
    let text = error_text(load_files(
        &[("base.yaml", &BASE.replace("max: 900", "remove: true"))],
        "base.yaml",
        &[],
    ));
    assert!(text.contains("allies[0].remove"), "{text}");
}

#[test]
fn chains_of_extends_work() {
    let middle = "extends: base.yaml\nbilateral_credit: 1\nkey: {ceiling: 0.6}\n";
    let top = "extends: middle.yaml\nbilateral_credit: 0.25\nscenario: top\n";
    let loaded = load_files(
        &[
            ("base.yaml", BASE),
            ("middle.yaml", middle),
            ("top.yaml", top),
        ],
        "top.yaml",
        &[],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let s = &loaded.scenario;
    assert_eq!(s.title, "top");
    assert_eq!(s.bilateral_credit, dec("0.25"));
    assert_eq!(s.key.ceiling, Some(dec("0.6")));
    assert_eq!(s.key.floor, Some(dec("0.01")));
}

#[test]
fn extends_is_relative_to_the_file() {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::create_dir(dir.path().join("variants")).expect("mkdir");
    std::fs::write(dir.path().join("base.yaml"), BASE).expect("write");
    let over = "extends: ../base.yaml\nbilateral_credit: 1\n";
    std::fs::write(dir.path().join("variants/v.yaml"), over).expect("write");
    let loaded = load(&dir.path().join("variants/v.yaml"), &[]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.scenario.bilateral_credit, Decimal::ONE);
}

#[test]
fn a_cycle_is_an_error_naming_the_files() {
    let text = error_text(load_files(
        &[
            ("a.yaml", "extends: b.yaml\n"),
            ("b.yaml", "extends: c.yaml\n"),
            ("c.yaml", "extends: a.yaml\n"),
        ],
        "a.yaml",
        &[],
    ));
    assert!(text.contains("cycle"), "{text}");
    for name in ["a.yaml", "b.yaml", "c.yaml"] {
        assert!(text.contains(name), "{name} missing in: {text}");
    }
}

#[test]
fn a_missing_base_is_reported_at_the_extends_line() {
    let text = error_text(load_files(
        &[("over.yaml", "scenario: x\nextends: nowhere.yaml\n")],
        "over.yaml",
        &[],
    ));
    assert!(text.contains("over.yaml:2:10"), "{text}");
    assert!(text.contains("nowhere.yaml"), "{text}");
}

#[test]
fn errors_point_at_the_override_file_and_line() {
    let over =
        "extends: base.yaml\n# comment\nbilateral_credit: 1.5\nallies:\n  - id: BBB\n    max: -3\n";
    let text = error_text(load_files(
        &[("base.yaml", BASE), ("over.yaml", over)],
        "over.yaml",
        &[],
    ));
    assert!(
        text.contains("over.yaml:3:19: error: bilateral_credit"),
        "{text}"
    );
    assert!(
        text.contains("over.yaml:6:10: error: allies[1].max"),
        "{text}"
    );
}

#[test]
fn errors_in_the_base_point_at_the_base_file() {
    let base = BASE.replace("bilateral: 4", "bilateral: lots");
    let over = "extends: base.yaml\nbilateral_credit: 1\n";
    let text = error_text(load_files(
        &[("base.yaml", &base), ("over.yaml", over)],
        "over.yaml",
        &[],
    ));
    assert!(
        text.contains("base.yaml:16:16: error: allies[2].bilateral"),
        "{text}"
    );
}

#[test]
fn errors_from_a_set_name_the_set() {
    let text = error_text(load_files(
        &[("base.yaml", BASE)],
        "base.yaml",
        &["key.ceiling=2"],
    ));
    assert!(
        text.starts_with("--set key.ceiling=2: error: key.ceiling"),
        "{text}"
    );
}

#[test]
fn set_changes_values() {
    let loaded = load_files(
        &[("base.yaml", BASE)],
        "base.yaml",
        &[
            "bilateral_credit=1",
            "budget.total=1200",
            "allies.BBB.max=300",
            "allies[2].min=5",
            "key.ceiling=0.6",
            "smoothing=0.5",
        ],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let s = &loaded.scenario;
    assert_eq!(s.bilateral_credit, Decimal::ONE);
    assert_eq!(s.total.0, dec("1200"));
    assert_eq!(s.allies[1].max.map(|m| m.0), Some(dec("300")));
    assert_eq!(s.allies[2].min.map(|m| m.0), Some(dec("5")));
    assert_eq!(s.key.ceiling, Some(dec("0.6")));
    assert_eq!(s.smoothing, Some(dec("0.5")));
}

fn set_error(set: &str) -> String {
    error_text(load_files(&[("base.yaml", BASE)], "base.yaml", &[set]))
}

#[test]
fn set_names_the_unknown_part_and_the_nearest_name() {
    let text = set_error("key.celing=0.1");
    assert!(text.contains("`celing` is not a field of `key`"), "{text}");
    assert!(text.contains("hint: did you mean `ceiling`?"), "{text}");
    let text = set_error("bilateral_credt=1");
    assert!(
        text.contains("`bilateral_credt` is not a field of a scenario"),
        "{text}"
    );
    assert!(text.contains("did you mean `bilateral_credit`?"), "{text}");
    let text = set_error("allies.AAA.maxx=1");
    assert!(text.contains("`maxx` is not a field of an ally"), "{text}");
    assert!(text.contains("did you mean `max`?"), "{text}");
    let text = set_error("budget.totl=1");
    assert!(text.contains("did you mean `total`?"), "{text}");
}

#[test]
fn set_on_an_unknown_ally_says_so() {
    let text = set_error("allies.XXX.max=1");
    assert!(text.contains("no ally has id `XXX`"), "{text}");
    assert!(text.contains("the ids are AAA, BBB, CCC"), "{text}");
    let text = set_error("allies.AA.max=1");
    assert!(text.contains("did you mean `AAA`?"), "{text}");
    let text = set_error("allies[7].max=1");
    assert!(text.contains("no ally number 7"), "{text}");
}

#[test]
fn set_rejects_other_bad_paths() {
    assert!(set_error("budget.total.x=1").contains("`budget.total` is a single value"));
    assert!(set_error("allies.AAA=1").contains("name a field of the ally"));
    assert!(set_error("extends=base.yaml").contains("cannot be set"));
    assert!(set_error("budget.total=[1").contains("--set budget.total=[1"));
}

#[test]
fn set_is_of_the_form_path_equals_value() {
    assert!(parse_set("bilateral_credit").is_err());
    assert!(parse_set("=1").is_err());
    let o = parse_set("a.b=c=d").expect("valid");
    assert_eq!((o.path.as_str(), o.value.as_str()), ("a.b", "c=d"));
}

#[test]
fn a_document_resolves_many_variants() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("base.yaml");
    std::fs::write(&path, BASE).expect("write");
    let doc = super::Document::read(Path::new(&path)).unwrap_or_else(|e| panic!("{e}"));
    for credit in ["0", "0.5", "1"] {
        let o = parse_set(&format!("bilateral_credit={credit}")).expect("valid");
        let loaded = doc.resolve(&[o]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(loaded.scenario.bilateral_credit, dec(credit));
    }
    let bad = parse_set("bilateral_credt=1").expect("valid");
    assert!(doc.check_override(&bad).is_err());
}
