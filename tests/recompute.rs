//! The workbooks recompute: headless LibreOffice, made to recalculate every formula on
//! load, reads the xlsx files burden writes (a plan, a tracking report, the pledge
//! scorecard) and saves them again; every formula cell must keep its formula and come
//! out with the value burden cached in it (numbers within 1e-9 relative, text exactly).
//! A control workbook with wrong cached values proves that LibreOffice does recompute.
//! Without LibreOffice (`soffice` or `libreoffice` on PATH, or the file named by
//! `SOFFICE`) the tests print `SKIPPED …` and pass, except where the `CI` environment
//! variable is set: there they fail (`.ci/run` installs `libreoffice-calc-nogui`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use calamine::{Data, Reader, Xlsx};

use crate::support::{in_ci, rerun_test, Test};

/// How far a recomputed number may be from the cached one, relative to the larger.
const TOLERANCE: f64 = 1e-9;

/// How long LibreOffice may take to convert the workbooks of one test.
const LIMIT: Duration = Duration::from_secs(180);

/// LibreOffice's setting "recalculation on file load" for Excel 2007 and newer files:
/// 0 is "always" (its default leaves the cached values as they are).
const ALWAYS_RECALCULATE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#;

/// LibreOffice's program: `SOFFICE`, or `soffice` or `libreoffice` on PATH.
fn find_soffice() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("SOFFICE").map(PathBuf::from) {
        return path.is_file().then_some(path);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["soffice", "libreoffice"].map(|p| dir.join(p)))
        .find(|p| p.is_file())
}

/// LibreOffice, or `None` after saying SKIPPED (outside CI; in CI a missing LibreOffice
/// fails the test).
fn soffice_or_skip(test: &str) -> Option<PathBuf> {
    let found = find_soffice();
    if found.is_none() {
        let missing = "no LibreOffice found (looked for soffice and libreoffice on PATH, or the \
                       file named by SOFFICE); install Debian's `libreoffice-calc-nogui` to run it";
        assert!(!in_ci(), "{test}: {missing}");
        eprintln!("SKIPPED {test}: {missing}");
    }
    found
}

/// Opens every workbook in `dir` named in `names` with LibreOffice, which recalculates
/// it, and saves it as xlsx into `dir/recomputed/`; returns the new paths in order.
fn recompute(soffice: &Path, dir: &Path, names: &[&str]) -> Vec<PathBuf> {
    let profile = dir.join("profile");
    std::fs::create_dir_all(profile.join("user")).expect("a LibreOffice profile");
    std::fs::write(
        profile.join("user/registrymodifications.xcu"),
        ALWAYS_RECALCULATE,
    )
    .expect("the profile's settings");
    let out = dir.join("recomputed");
    let mut command = std::process::Command::new(soffice);
    command
        .arg("--headless")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--convert-to", "xlsx", "--outdir"])
        .arg(&out)
        .args(names.iter().map(|n| dir.join(n)))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().expect("LibreOffice starts");
    let start = std::time::Instant::now();
    while child.try_wait().expect("LibreOffice's status").is_none() {
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            panic!("LibreOffice did not finish within {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let done = child.wait_with_output().expect("LibreOffice ends");
    let paths: Vec<PathBuf> = names.iter().map(|n| out.join(n)).collect();
    for path in &paths {
        assert!(
            path.is_file(),
            "LibreOffice wrote no {} ({}): {}{}",
            path.display(),
            done.status,
            String::from_utf8_lossy(&done.stdout),
            String::from_utf8_lossy(&done.stderr)
        );
    }
    paths
}

fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    calamine::open_workbook(path)
        .unwrap_or_else(|e| panic!("{}: the workbook opens: {e}", path.display()))
}

/// A value as a number, or `None` for text, blanks and errors.
fn number(data: &Data) -> Option<f64> {
    match data {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

/// A value that is not a number, as text (a blank is empty text, as Excel sees it).
fn text(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        other => format!("{other:?}"),
    }
}

fn same(cached: &Data, recomputed: &Data) -> bool {
    match (number(cached), number(recomputed)) {
        (Some(a), Some(b)) => (a - b).abs() <= TOLERANCE * a.abs().max(b.abs()),
        (None, None) => text(cached) == text(recomputed),
        _ => false,
    }
}

/// Every formula cell of `original` whose value in `recomputed` differs from the value
/// cached in `original`, or whose formula is gone, as `sheet!A1: …` lines; and how many
/// formula cells were compared.
fn differences(original: &Path, recomputed: &Path) -> (Vec<String>, usize) {
    let (mut book, mut again) = (open(original), open(recomputed));
    let (mut found, mut compared) = (Vec::new(), 0);
    for sheet in book.sheet_names() {
        let formulas = book.worksheet_formula(&sheet).expect("the formulas");
        let cached = book.worksheet_range(&sheet).expect("the cached values");
        let new_formulas = again
            .worksheet_formula(&sheet)
            .expect("the sheet recomputed");
        let values = again
            .worksheet_range(&sheet)
            .expect("the recomputed values");
        let (row0, col0) = formulas.start().unwrap_or_default();
        for (r, c, formula) in formulas.used_cells() {
            let at = (row0 + r as u32, col0 + c as u32);
            let name = format!("{sheet}!{}", cell_name(at));
            compared += 1;
            if new_formulas.get_value(at).is_none_or(String::is_empty) {
                found.push(format!("{name}: the formula ={formula} is gone"));
                continue;
            }
            let (old, new) = (
                cached.get_value(at).unwrap_or(&Data::Empty),
                values.get_value(at).unwrap_or(&Data::Empty),
            );
            if !same(old, new) {
                found.push(format!(
                    "{name}: ={formula} cached {old:?}, recomputed {new:?}"
                ));
            }
        }
    }
    (found, compared)
}

/// `A1` for a 0-based (row, column).
fn cell_name((row, col): (u32, u32)) -> String {
    let mut letters = String::new();
    let mut c = col + 1;
    while c > 0 {
        letters.insert(0, char::from(b'A' + ((c - 1) % 26) as u8));
        c = (c - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// Writes each workbook with burden (`args` then `-o NAME`), recomputes them all in one
/// LibreOffice run and fails on any difference.
fn workbooks_recompute(test: &str, runs: &[(&[&str], &str)]) {
    let Some(soffice) = soffice_or_skip(test) else {
        return;
    };
    let temp = tempfile::tempdir().expect("a temporary directory");
    let dir = temp.path();
    for (args, name) in runs {
        Test::new().args(*args).arg("-o").arg(dir.join(name)).run();
    }
    let names: Vec<&str> = runs.iter().map(|(_, n)| *n).collect();
    let recomputed = recompute(&soffice, dir, &names);
    for (name, again) in names.iter().zip(&recomputed) {
        let (found, compared) = differences(&dir.join(name), again);
        assert!(compared > 0, "{name} holds no formula");
        assert!(
            found.is_empty(),
            "{name}: {} of {compared} formula cells recompute to another value:\n{}",
            found.len(),
            found.join("\n")
        );
        eprintln!("{name}: {compared} formula cells recompute to their cached values");
    }
}

#[test]
fn the_plan_workbooks_recompute() {
    let (nato, opt_out) = (
        "scenarios/nato-100bn.yaml",
        "scenarios/nato-100bn-hun-opt-out.yaml",
    );
    workbooks_recompute(
        "recompute::the_plan_workbooks_recompute",
        &[
            (&["solve", nato], "plan.xlsx"),
            (&["compare", nato, opt_out], "compare.xlsx"),
            (&["report", nato, "scenarios/example.yaml"], "report.xlsx"),
        ],
    );
}

#[test]
fn the_tracking_and_scorecard_workbooks_recompute() {
    let actuals = [
        "scenarios/nato-100bn.yaml",
        "--actuals",
        "scenarios/nato-100bn-actuals-2025.yaml",
    ];
    let [scenario, flag, file] = actuals;
    workbooks_recompute(
        "recompute::the_tracking_and_scorecard_workbooks_recompute",
        &[
            (&["track", scenario, flag, file], "t.xlsx"),
            (&["replan", scenario, flag, file], "replan.xlsx"),
            (&["solve", "scenarios/nato-40bn-pledge.yaml"], "card.xlsx"),
        ],
    );
}

/// A workbook whose cached values are wrong comes back with the right ones: LibreOffice
/// recomputes, and the comparison sees it.
#[test]
fn wrong_cached_values_are_found() {
    let test = "recompute::wrong_cached_values_are_found";
    let Some(soffice) = soffice_or_skip(test) else {
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Plan").expect("a sheet name");
    sheet.write_number(0, 0, 2.0).expect("A1");
    sheet.write_number(1, 0, 3.0).expect("A2");
    let sum = rust_xlsxwriter::Formula::new("=SUM(A1:A2)").set_result("7");
    sheet.write_formula(2, 0, sum).expect("A3");
    let ratio = rust_xlsxwriter::Formula::new("=IF(A1=0,\"\",A2/A1)").set_result("1.5");
    sheet.write_formula(3, 0, ratio).expect("A4");
    book.save(dir.path().join("control.xlsx"))
        .expect("the control workbook");
    let recomputed = recompute(&soffice, dir.path(), &["control.xlsx"]);
    let (found, compared) = differences(&dir.path().join("control.xlsx"), &recomputed[0]);
    assert_eq!(compared, 2);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("Plan!A3: =SUM(A1:A2) cached Float(7.0), recomputed Float(5.0)"),
        "{found:?}"
    );
}

/// Where `CI` is set, a missing LibreOffice fails the tests; elsewhere they skip.
#[test]
fn a_missing_libreoffice_fails_in_ci() {
    let test = "recompute::wrong_cached_values_are_found";
    let absent = ("SOFFICE", Some("/no/such/soffice"));
    let out = rerun_test(test, &[("CI", Some("true")), absent]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("no LibreOffice found"), "{err}");
    let out = rerun_test(test, &[("CI", None), absent]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains(&format!("SKIPPED {test}")), "{err}");
}
