//! Unit tests of allies tables: columns, CSV details, workbooks, merging and messages.

use rust_decimal::Decimal;

use super::read::column_letter;
use crate::scenario::{load, InvalidScenario, Loaded};

const HEAD: &str = "\
scenario: t
currency: EUR
unit: million
years: [2025, 2026]
budget: {total: 1000, profile: even, rounding: 1}
key: {weights: {gdp: 1}}
bilateral_credit: 0.5
";

/// Writes files into a temporary directory and loads `main.yaml`.
fn load_with(files: &[(&str, &[u8])], yaml: &str) -> Result<Loaded, InvalidScenario> {
    let dir = tempfile::tempdir().expect("temporary directory");
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).expect("write fixture");
    }
    let main = dir.path().join("main.yaml");
    std::fs::write(&main, format!("{HEAD}{yaml}")).expect("write scenario");
    load(&main, &[])
}

fn message(result: Result<Loaded, InvalidScenario>) -> String {
    match result {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

const CSV: &str = "\
# Source: a test
id,name,gdp_2025,gdp_2026,bilateral,max
AAA,\"Arcadia, Republic of\",100,110,10,900
BBB,Borealia,50.25,52,,
";

#[test]
fn columns_become_fields_per_year_maps_and_indicators() {
    let loaded = load_with(&[("a.csv", CSV.as_bytes())], "allies_from: a.csv\n").expect("loads");
    let allies = &loaded.scenario.allies;
    assert_eq!(allies.len(), 2);
    assert_eq!(allies[0].name, "Arcadia, Republic of");
    assert_eq!(allies[0].indicators["gdp"], vec![dec("100"), dec("110")]);
    assert_eq!(allies[1].indicators["gdp"], vec![dec("50.25"), dec("52")]);
    assert_eq!(
        allies[0].bilateral.iter().map(|m| m.0).sum::<Decimal>(),
        dec("10")
    );
    assert_eq!(
        allies[1].bilateral.iter().map(|m| m.0).sum::<Decimal>(),
        Decimal::ZERO
    );
    assert_eq!(allies[0].max.map(|m| m.0), Some(dec("900")));
    assert_eq!(allies[1].max, None);
}

#[test]
fn yaml_entries_merge_over_the_table_by_id() {
    let yaml = "allies_from: a.csv\nallies:\n  - {id: BBB, max: 300}\n  - {id: AAA, remove: true}\n  - {id: CCC, name: Caldonia, indicators: {gdp: 20}}\n";
    let loaded = load_with(&[("a.csv", CSV.as_bytes())], yaml).expect("loads");
    let allies = &loaded.scenario.allies;
    let ids: Vec<&str> = allies.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["BBB", "CCC"]);
    assert_eq!(allies[0].max.map(|m| m.0), Some(dec("300")));
    assert_eq!(allies[0].indicators["gdp"][0], dec("50.25"));
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_read() {
    let text = format!("\u{feff}{}", CSV.replace('\n', "\r\n"));
    let loaded = load_with(&[("a.csv", text.as_bytes())], "allies_from: a.csv\n").expect("loads");
    assert_eq!(loaded.scenario.allies[0].id, "AAA");
}

#[test]
fn a_bad_value_names_file_line_column_and_field() {
    let bad = CSV.replace("50.25", "-5");
    let m = message(load_with(
        &[("a.csv", bad.as_bytes())],
        "allies_from: a.csv\n",
    ));
    assert!(
        m.contains("a.csv:4, column C (gdp_2025): error: allies[1].indicators.gdp.2025"),
        "{m}"
    );
}

#[test]
fn header_problems_are_reported_together() {
    let bad = "id,name,gdp,gdp_2025,bilaterl,name\nAAA,A,1,2,3,B\n";
    let m = message(load_with(
        &[("a.csv", bad.as_bytes())],
        "allies_from: a.csv\n",
    ));
    assert!(
        m.contains("column D: error: allies_from: `gdp` is given both"),
        "{m}"
    );
    assert!(
        m.contains(
            "column E: error: allies_from: column `bilaterl` looks like a misspelt `bilateral`"
        ),
        "{m}"
    );
    assert!(m.contains("did you mean `bilateral`?"), "{m}");
    assert!(
        m.contains(
            "column F: error: allies_from: column `name` is given twice (first in column B)"
        ),
        "{m}"
    );
    let m = message(load_with(
        &[("a.csv", b"name,gdp\nA,1\n")],
        "allies_from: a.csv\n",
    ));
    assert!(m.contains("the table has no `id` column"), "{m}");
}

#[test]
fn a_row_longer_than_the_header_is_an_error() {
    let m = message(load_with(
        &[("a.csv", b"id,gdp\nAAA,1,2\n")],
        "allies_from: a.csv\n",
    ));
    assert!(
        m.contains("a.csv:2, column C: error: allies_from: the row has 3 cells"),
        "{m}"
    );
}

#[test]
fn files_that_cannot_be_tables_are_refused() {
    let m = message(load_with(&[], "allies_from: missing.csv\n"));
    assert!(
        m.contains("main.yaml:8:14: error: allies_from: cannot read the table"),
        "{m}"
    );
    let m = message(load_with(&[("a.txt", b"id\n")], "allies_from: a.txt\n"));
    assert!(m.contains("a table is a .csv or .xlsx file"), "{m}");
    let m = message(load_with(
        &[("a.csv", b"\xff\xfeid\n")],
        "allies_from: a.csv\n",
    ));
    assert!(m.contains("not UTF-8"), "{m}");
    let m = message(load_with(&[], "allies_from: .\n"));
    assert!(
        m.contains("allies_from: cannot tell") || m.contains("not a regular file"),
        "{m}"
    );
    let m = message(load_with(
        &[("a.csv", b"id\nA\n")],
        "allies_from: {file: a.csv, sheat: x}\n",
    ));
    assert!(m.contains("did you mean `sheet`?"), "{m}");
}

/// Writes a workbook with one sheet of rows (numbers where a cell parses as f64).
fn workbook(sheet: &str, rows: &[&[&str]], offset: (u32, u16)) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).expect("sheet name");
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            let (r, c) = (r as u32 + offset.0, c as u16 + offset.1);
            match text.parse::<f64>() {
                Ok(n) => ws.write_number(r, c, n).map(|_| ()),
                Err(_) if text.is_empty() => Ok(()),
                Err(_) => ws.write_string(r, c, *text).map(|_| ()),
            }
            .expect("cell");
        }
    }
    book.save_to_buffer().expect("workbook")
}

#[test]
fn a_workbook_sheet_reads_numbers_as_their_shortest_decimal() {
    let rows: &[&[&str]] = &[
        &["# Source: a test"],
        &["id", "name", "gdp", "bilateral_2025", "bilateral_2026"],
        &["AAA", "Arcadia", "0.1", "1", "2.5"],
        &["BBB", "Borealia", "1234567.89", "", "0.30000000000000004"],
    ];
    let bytes = workbook("Allies", rows, (2, 1));
    let yaml = "allies_from: {file: a.xlsx, sheet: Allies}\n";
    let loaded = load_with(&[("a.xlsx", &bytes)], yaml).expect("loads");
    let allies = &loaded.scenario.allies;
    assert_eq!(allies[0].indicators["gdp"][0], dec("0.1"));
    assert_eq!(allies[1].indicators["gdp"][1], dec("1234567.89"));
    let bilateral: Vec<Decimal> = allies[0].bilateral.iter().map(|m| m.0).collect();
    assert_eq!(bilateral, vec![dec("1"), dec("2.5")]);
    assert_eq!(allies[1].bilateral[1].0, dec("0.30000000000000004"));
}

#[test]
fn workbook_errors_name_the_sheet_and_cell() {
    let rows: &[&[&str]] = &[&["id", "gdp"], &["AAA", "1"], &["BBB", "x"]];
    let bytes = workbook("Allies", rows, (0, 0));
    let m = message(load_with(&[("a.xlsx", &bytes)], "allies_from: a.xlsx\n"));
    assert!(
        m.contains("a.xlsx, sheet Allies, cell B3 (gdp): error: allies[1].indicators.gdp"),
        "{m}"
    );
    let m = message(load_with(
        &[("a.xlsx", &bytes)],
        "allies_from: {file: a.xlsx, sheet: Other}\n",
    ));
    assert!(
        m.contains("has no sheet `Other`; its sheets: Allies"),
        "{m}"
    );
}

#[test]
fn column_letters_count_like_a_spreadsheet() {
    let letters: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
        .iter()
        .map(|&i| column_letter(i))
        .collect();
    assert_eq!(
        letters,
        ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]
    );
}

#[test]
fn near_names_are_typos_only_at_one_edit_of_a_long_field() {
    use super::columns::{column, Column};
    assert_eq!(column("gni"), Ok(Column::Indicator("gni".into(), None)));
    assert_eq!(
        column("population_2026"),
        Ok(Column::Indicator("population".into(), Some("2026".into())))
    );
    assert_eq!(
        column("pledged_2025"),
        Ok(Column::Field("pledged".into(), Some("2025".into())))
    );
    assert!(column("credits").is_err());
    assert!(column("remove").is_err());
    assert!(column("").is_err());
}
