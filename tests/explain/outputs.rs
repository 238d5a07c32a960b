//! `burden explain`'s documents: the terminal fitted to 80 columns, Markdown and the
//! table carrying the reasons and numbers, an Excel workbook with the explanation's sheets
//! and its tornado charts, LaTeX with its text escaped, HTML with the tornado as SVG.

use calamine::{Data, Reader, Xlsx};

use crate::support::Test;

const NATO: &str = "scenarios/nato-100bn.yaml";

/// A test and the path of `name` in its temporary directory.
fn written(name: &str) -> (Test, std::path::PathBuf) {
    let t = Test::new();
    let path = t.path(name);
    (t, path)
}

#[test]
fn the_terminal_explanation_fits_80_columns_when_piped() {
    let text = Test::new()
        .scenario(NATO)
        .args(["explain"])
        .stdout_contains("USA United States: total 48,220")
        .stdout_contains("Why: pays the common level: 0.925 × 114,629 − 57,777 = 48,219.")
        .stdout_contains("Assumptions")
        .run()
        .stdout_text();
    let long: Vec<&str> = text.lines().filter(|l| l.chars().count() > 80).collect();
    assert!(long.is_empty(), "lines over 80 columns: {long:#?}");
    // Every ally has its section, and the assumptions table its twelve rows.
    assert_eq!(text.matches("'s chain, year by year").count(), 32);
    assert!(text.contains("50 more assumptions move less"), "{text}");
}

#[test]
fn markdown_and_table_carry_the_reasons_and_the_numbers() {
    for format in ["md", "table"] {
        let text = Test::new()
            .scenario(NATO)
            .args(["explain", "--ally", "USA", "--ally", "POL", "-f", format])
            .run()
            .stdout_text();
        for wanted in [
            "USA United States: total 48,220",
            "pays the common level: 0.925 × 114,629 − 57,777 = 48,219",
            "POL Poland: total 0",
            "pays nothing new",
            "λ·F − C = 48,219",
            "9,644",
            "-17,765.94",
            "334,183.4",
            "budget.total +1,000: total +571",
            "USA bilateral aid",
            "12,364.84",
        ] {
            assert!(text.contains(wanted), "{format} lacks {wanted:?}:\n{text}");
        }
    }
}

fn strings(book: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str) -> Vec<String> {
    book.worksheet_range(sheet)
        .unwrap_or_else(|e| panic!("sheet {sheet}: {e}"))
        .cells()
        .filter_map(|(_, _, d)| match d {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_workbook_has_the_explanation_s_sheets_and_its_tornado_charts() {
    let (t, path) = written("explain.xlsx");
    // The output keeps the temporary directory.
    let _out = t
        .scenario(NATO)
        .args(["explain", "--ally", "USA", "--ally", "POL", "-o"])
        .arg(&path)
        .run();
    let mut book: Xlsx<_> = calamine::open_workbook(&path).expect("the workbook opens");
    // One sheet per kind of table, the explained allies' rows one after the other.
    assert_eq!(
        book.sheet_names(),
        [
            "Chains",
            "Sensitivities",
            "Tipping points",
            "Assumptions",
            "Charts",
            "Notes"
        ]
    );
    // The chain's plan column holds the plan's amounts: USA's add up to its total.
    let chain = book.worksheet_range("Chains").expect("chain sheet");
    let header = 3;
    assert_eq!(
        chain.get_value((header, 0)),
        Some(&Data::String("Ally".into()))
    );
    let plan_col = (0..chain.width())
        .find(|&c| chain.get_value((header, c as u32)) == Some(&Data::String("Plan".into())))
        .expect("a Plan column");
    let rows_of = |id: &str| -> Vec<u32> {
        (header + 1..chain.height() as u32)
            .filter(|&r| chain.get_value((r, 0)) == Some(&Data::String(id.into())))
            .collect()
    };
    assert_eq!(rows_of("USA"), (header + 1..header + 6).collect::<Vec<_>>());
    assert_eq!(rows_of("POL").len(), 5, "POL's five years follow USA's");
    let total: f64 = rows_of("USA")
        .into_iter()
        .map(|r| match chain.get_value((r, plan_col as u32)) {
            Some(Data::Float(v)) => *v,
            other => panic!("row {r}: {other:?}"),
        })
        .sum();
    assert_eq!(total, 48220.0);
    let notes = strings(&mut book, "Notes");
    assert!(
        notes.iter().any(|s| s.contains("pays nothing new")),
        "{notes:?}"
    );
    let charts = strings(&mut book, "Charts");
    assert!(charts.iter().any(|s| s == "Tornado: USA"), "{charts:?}");
    assert!(charts.iter().any(|s| s == "Low end"), "{charts:?}");
    // One native chart per explained ally (the zip's directory names them).
    let bytes = std::fs::read(&path).expect("read");
    let has = |name: &str| bytes.windows(name.len()).any(|w| w == name.as_bytes());
    assert!(has("xl/charts/chart1.xml") && has("xl/charts/chart2.xml"));
    assert!(!has("xl/charts/chart3.xml"));
}

#[test]
fn latex_is_a_document_of_tabulars_with_the_text_escaped() {
    let (t, path) = written("explain.tex");
    let _out = t
        .scenario(NATO)
        .args(["explain", "--ally", "USA", "-o"])
        .arg(&path)
        .run();
    let tex = std::fs::read_to_string(&path).expect("the .tex file");
    assert!(tex.starts_with("\\documentclass"), "{tex}");
    assert!(tex.trim_end().ends_with("\\end{document}"), "{tex}");
    assert!(tex.contains("\\begin{longtable}"), "{tex}");
    // `_` and `%` of parameters and headers are escaped; no raw one is left.
    assert!(tex.contains("bilateral\\_credit"), "{tex}");
    assert!(tex.contains("Raw \\%"), "{tex}");
    assert!(!tex.contains(" bilateral_credit"), "{tex}");
    assert!(tex.contains("48,220"), "{tex}");
}

#[test]
fn html_draws_a_tornado_per_explained_ally() {
    let page = Test::new()
        .scenario(NATO)
        .args(["explain", "--ally", "USA", "--ally", "POL", "-f", "html"])
        .run()
        .stdout_text();
    for id in ["USA", "POL"] {
        assert!(
            page.contains(&format!("<svg role=\"img\" aria-label=\"Tornado: {id}\"")),
            "no tornado of {id}"
        );
    }
    assert_eq!(page.matches("<svg").count(), 2);
    assert!(
        page.contains("USA bilateral aid ±50 %"),
        "the bars are named"
    );
    assert!(page.contains("<table"), "the tables are there");
    assert!(page.contains("pays nothing new"), "the reasons are there");
}
