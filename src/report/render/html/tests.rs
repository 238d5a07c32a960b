//! Tests of the HTML page: its structure, hostile names, self-containment, determinism.

use super::{sample, Html};
use crate::report::doc::{
    Block, Cell, Chart, ChartKind, Column, Document, Fact, Kind, Series, Table,
};
use crate::report::render::Render;
use crate::report::Style;

fn page(doc: &Document) -> String {
    String::from_utf8(Html.render(doc, Style::default()).unwrap()).unwrap()
}

const HOSTILE: &str = "<script>alert(\"x\")</script> \u{202E}evil\u{1b}[31m";

fn hostile_document() -> Document {
    let mut doc = Document::new(HOSTILE, "x");
    doc.facts.push(Fact::new(HOSTILE, HOSTILE));
    doc.blocks.push(Block::Heading(HOSTILE.into()));
    doc.blocks.push(Block::Paragraph(HOSTILE.into()));
    doc.blocks.push(Block::Table(Table {
        family: None,
        id: HOSTILE.into(),
        caption: HOSTILE.into(),
        columns: vec![Column::new("name", HOSTILE, Kind::Text).unit(HOSTILE)],
        rows: vec![vec![Cell::text(HOSTILE)]],
        totals: Some(vec![Cell::text(HOSTILE)]),
    }));
    for kind in [
        ChartKind::Bars,
        ChartKind::Stacked,
        ChartKind::Lines,
        ChartKind::Heatmap,
    ] {
        doc.blocks.push(Block::Chart(Chart {
            title: HOSTILE.into(),
            caption: HOSTILE.into(),
            kind,
            categories: vec![HOSTILE.into(), "b".into()],
            x_label: HOSTILE.into(),
            y_label: HOSTILE.into(),
            series: vec![
                Series::new(HOSTILE, vec![Some(1.0), Some(2.0)]),
                Series::new(format!("{HOSTILE} mark"), vec![Some(1.5), None]).marker(),
            ],
            reference: Some(1.0),
        }));
    }
    doc.notes.push(HOSTILE.into());
    doc
}

#[test]
fn hostile_names_cannot_make_markup_or_reorder_text() {
    let html = page(&hostile_document());
    assert!(!html.contains("<script"), "a name made a script element");
    assert!(!html.contains("alert(\"x\")"), "a quote passed unescaped");
    assert!(!html.contains('\u{202E}') && !html.contains('\u{1b}'));
    assert!(html.contains(
        "<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; \u{FFFD}evil\u{FFFD}[31m</h1>"
    ));
    // Every chart drew the names as escaped SVG text.
    assert_eq!(html.matches("<svg ").count(), 4);
    assert!(html.matches("&lt;script&gt;").count() > 20);
}

#[test]
fn the_page_is_self_contained() {
    let html = page(&sample::document());
    for banned in [
        "<script",
        "<link",
        "@import",
        "url(",
        "src=",
        "@font-face",
        "https://",
    ] {
        assert!(!html.contains(banned), "{banned}");
    }
    assert!(html.contains("@page { size: A4 landscape"));
}

#[test]
fn the_page_follows_the_document() {
    let html = page(&sample::document());
    let order = [
        "<h1>Sample fund of 32 allies</h1>",
        "<dt>Money unit</dt><dd>EUR million</dd>",
        "<section>\n<h2>Plan</h2>",
        "<p>Each ally&#39;s contributions per year.</p>",
        "<dt>Budget</dt>",
        "<div class=\"table\" id=\"table-Plan\">",
        "<caption>Contributions per ally and year (EUR million)</caption>",
        "<th>Ally</th><th class=\"num\">2026</th>",
        "<th class=\"num\">Total (EUR million)</th>",
        "<tfoot>\n<tr><td>Total</td>",
        "</section>\n<section>\n<h2>Charts</h2>",
        "<figcaption>How to read the Fair share against what each ally gives.</figcaption>",
        "<section class=\"notes\">\n<h2>Notes</h2>\n<ol>\n<li>Amounts are exact plan figures.</li>",
    ];
    let mut at = 0;
    for part in order {
        let found = html[at..]
            .find(part)
            .unwrap_or_else(|| panic!("{part} after {at}"));
        at += found;
    }
}

#[test]
fn numbers_are_aligned_and_indices_classed() {
    let html = page(&sample::document());
    // Ally 01: 10 + 0 … over five years; its index 50 / 23 is above 1.
    assert!(
        html.contains("<td class=\"num\">+27</td>"),
        "deltas are signed"
    );
    assert!(html.contains("class=\"num above\">"));
    assert!(html.contains("class=\"num below\">"));
    assert!(html.contains("<td class=\"num\">–</td>") || !html.contains('–'));
    assert!(html.contains("td.above { color:"));
}

#[test]
fn tables_of_one_id_get_two_anchors() {
    let mut doc = Document::new("t", "t");
    let table = Table {
        id: "Plan 1/2".into(),
        ..Table::default()
    };
    doc.blocks.push(Block::Table(table.clone()));
    doc.blocks.push(Block::Table(table));
    let html = page(&doc);
    assert!(html.contains("id=\"table-Plan-1-2\""));
    assert!(html.contains("id=\"table-Plan-1-2-2\""));
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let doc = sample::document();
    assert_eq!(page(&doc), page(&doc));
}
