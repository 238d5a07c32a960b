//! HTML: one self-contained page (inline CSS and SVG, no scripts, no network, no web
//! fonts) that prints well on A4 landscape. The title is the `h1` with the key facts as a
//! definition list under it; each heading opens a section (`h2`); paragraphs, fact lists,
//! tables ([`table`]) and charts (SVG drawn from the chart's spec, [`charts`]) follow in
//! reading order; the notes follow under their own heading, then what only the documents
//! carry (the reasons, the inputs, the sources). Every text goes
//! through [`escape::html`]; the same document gives the same bytes.

mod charts;
#[cfg(test)]
pub(crate) mod sample;
mod table;

use super::Render;
use crate::report::doc::{Block, Chart, Document, Fact};
use crate::report::{escape, ExportError, Style};

#[derive(Debug)]
pub(super) struct Html;

const CSS: &str = include_str!("page.css");

impl Render for Html {
    fn render(&self, doc: &Document, _style: Style) -> Result<Vec<u8>, ExportError> {
        let title = if doc.title.is_empty() {
            &doc.name
        } else {
            &doc.title
        };
        let mut out = String::new();
        out.push_str(&format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{t}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<header>\n<h1>{t}</h1>\n",
            t = escape::html(title)
        ));
        out.push_str(&facts(&doc.facts));
        out.push_str("</header>\n");
        let mut ids = table::Ids::default();
        out.push_str(&blocks(&doc.blocks, &mut ids)?);
        out.push_str(&notes(&doc.notes));
        out.push_str(&blocks(&doc.appendix, &mut ids)?);
        out.push_str("</body>\n</html>\n");
        Ok(out.into_bytes())
    }
}

/// The blocks in order; each heading opens a section that lasts to the next one. `ids`
/// keeps table anchors unique over the whole page.
fn blocks(blocks: &[Block], ids: &mut table::Ids) -> Result<String, ExportError> {
    let mut out = String::new();
    let mut open = false;
    for block in blocks {
        match block {
            Block::Heading(h) => {
                if open {
                    out.push_str("</section>\n");
                }
                out.push_str(&format!("<section>\n<h2>{}</h2>\n", escape::html(h)));
                open = true;
            }
            Block::Paragraph(p) => out.push_str(&format!("<p>{}</p>\n", escape::html(p))),
            Block::Facts(f) => out.push_str(&facts(f)),
            Block::Table(t) => out.push_str(&table::html(t, ids)),
            Block::Chart(c) => out.push_str(&figure(c)?),
        }
    }
    if open {
        out.push_str("</section>\n");
    }
    Ok(out)
}

/// Facts as a definition list (nothing when there are none).
fn facts(facts: &[Fact]) -> String {
    if facts.is_empty() {
        return String::new();
    }
    let mut out = String::from("<dl class=\"facts\">\n");
    for f in facts {
        out.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>\n",
            escape::html(&f.label),
            escape::html(&f.value)
        ));
    }
    out.push_str("</dl>\n");
    out
}

/// A chart as a figure: the SVG, then its caption.
fn figure(chart: &Chart) -> Result<String, ExportError> {
    let svg = charts::svg(chart)?;
    let caption = if chart.caption.is_empty() {
        String::new()
    } else {
        format!(
            "<figcaption>{}</figcaption>\n",
            escape::html(&chart.caption)
        )
    };
    Ok(format!(
        "<figure class=\"chart\">\n{}\n{caption}</figure>\n",
        svg.trim_end()
    ))
}

/// The closing notes, numbered, under a "Notes" heading.
fn notes(notes: &[String]) -> String {
    if notes.is_empty() {
        return String::new();
    }
    let mut out = String::from("<section class=\"notes\">\n<h2>Notes</h2>\n<ol>\n");
    for note in notes {
        out.push_str(&format!("<li>{}</li>\n", escape::html(note)));
    }
    out.push_str("</ol>\n</section>\n");
    out
}

#[cfg(test)]
mod tests;
