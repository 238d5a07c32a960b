//! The skeleton shared by the markup formats (Markdown, LaTeX): a document is a title,
//! its facts as a list, its blocks in order and its notes, and a table is a header, rows
//! and a totals row. A format implements [`Markup`] — only its syntax and its escaping —
//! and gets [`Render`] from the blanket implementation here.

use super::{cell_text, header_with_unit, total_text, Render};
use crate::report::doc::{Block, Cell, Document, Fact, Kind, Table};
use crate::report::{ExportError, Style};

/// A table ready for markup: escaped texts, and which columns are numbers.
#[derive(Debug)]
pub struct Grid {
    pub caption: String,
    pub header: Vec<String>,
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
    pub totals: Option<Vec<String>>,
}

/// The syntax of one markup format. Every text reaching these methods is escaped already.
pub trait Markup {
    /// Text made safe for the format.
    fn escape(&self, text: &str) -> String;
    /// The start of the document, with its title.
    fn begin(&self, title: &str) -> String;
    fn end(&self) -> String;
    fn heading(&self, text: &str) -> String;
    fn paragraph(&self, text: &str) -> String;
    /// A list of `label: value` facts.
    fn facts(&self, facts: &[(String, String)]) -> String;
    fn table(&self, grid: &Grid) -> String;
}

impl<T: Markup> Render for T {
    fn render(&self, doc: &Document, _style: Style) -> Result<Vec<u8>, ExportError> {
        let mut out = self.begin(&self.escape(&doc.title));
        if !doc.facts.is_empty() {
            out.push_str(&self.facts(&escaped(self, &doc.facts)));
        }
        out.push_str(&blocks(self, &doc.blocks));
        if !doc.notes.is_empty() {
            out.push_str(&self.heading("Notes"));
            for note in doc.notes.iter().filter(|n| !n.trim().is_empty()) {
                out.push_str(&self.paragraph(&self.escape(note)));
            }
        }
        out.push_str(&blocks(self, &doc.appendix));
        out.push_str(&self.end());
        Ok(out.into_bytes())
    }
}

fn blocks<M: Markup + ?Sized>(m: &M, blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        let text = match block {
            Block::Heading(h) => m.heading(&m.escape(h)),
            Block::Paragraph(p) => m.paragraph(&m.escape(p)),
            Block::Facts(f) => m.facts(&escaped(m, f)),
            Block::Table(t) => m.table(&grid(m, t)),
            Block::Chart(_) => continue,
        };
        out.push_str(&text);
    }
    out
}

fn escaped<M: Markup + ?Sized>(m: &M, facts: &[Fact]) -> Vec<(String, String)> {
    facts
        .iter()
        .map(|f| (m.escape(&f.label), m.escape(&f.value)))
        .collect()
}

fn grid<M: Markup + ?Sized>(m: &M, t: &Table) -> Grid {
    let texts = |show: fn(&Cell, Kind) -> String, row: &Vec<Cell>| -> Vec<String> {
        row.iter()
            .zip(&t.columns)
            .map(|(c, col)| m.escape(&show(c, col.kind)))
            .collect()
    };
    Grid {
        caption: m.escape(&t.caption),
        header: t
            .columns
            .iter()
            .map(|c| m.escape(&header_with_unit(&c.name, c.unit.as_deref())))
            .collect(),
        numeric: t.columns.iter().map(|c| c.is_numeric()).collect(),
        rows: t.rows.iter().map(|r| texts(cell_text, r)).collect(),
        totals: t.totals.as_ref().map(|r| texts(total_text, r)),
    }
}
