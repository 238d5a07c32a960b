//! Writing an explanation (`burden explain`): text and Markdown from one sequence of
//! blocks, JSON as the documented contract, CSV as tidy rows, HTML with a tornado chart.

mod blocks;
mod csv;
mod html;
mod json;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement, Table as Grid};

use super::markdown::md_table;
use super::{ExportError, Format, Style};
use crate::explain::Explanation;
use blocks::Block;

/// The explanation in a format; None for a format it does not come in (xlsx).
pub fn render(
    e: &Explanation,
    format: Format,
    style: Style,
) -> Option<Result<Vec<u8>, ExportError>> {
    let bytes = match format {
        Format::Table => Ok(text(&blocks::blocks(e), style.width).into_bytes()),
        Format::Markdown => Ok(markdown(&blocks::blocks(e)).into_bytes()),
        Format::Json => Ok(json::json(e)),
        Format::Csv => Ok(csv::csv(e)),
        Format::Html => html::html(e),
        Format::Xlsx | Format::Latex => return None,
    };
    Some(bytes)
}

fn text(blocks: &[Block], width: u16) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Heading(h) => out.push_str(&format!("\n{h}\n")),
            Block::Para(p) => out.push_str(&format!("{}\n", wrap(p, width as usize))),
            Block::Table(rows, left) => {
                let mut grid = Grid::new();
                grid.load_preset(UTF8_FULL_CONDENSED)
                    .set_content_arrangement(ContentArrangement::Dynamic)
                    .set_width(width);
                if let Some((head, body)) = rows.split_first() {
                    grid.set_header(head.clone());
                    for row in body {
                        grid.add_row(row.clone());
                    }
                }
                for (c, column) in grid.column_iter_mut().enumerate() {
                    if !left.contains(&c) {
                        column.set_cell_alignment(CellAlignment::Right);
                    }
                }
                out.push_str(&format!("{grid}\n"));
            }
        }
    }
    out.trim_start().to_string()
}

/// Words wrapped at `width` columns.
fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines.join("\n")
}

fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut first = true;
    for block in blocks {
        match block {
            Block::Heading(h) => {
                let level = if first { "#" } else { "##" };
                first = false;
                out.push_str(&format!("{level} {}\n\n", md_escape(h)));
            }
            Block::Para(p) => out.push_str(&format!("{}\n\n", md_escape(p))),
            Block::Table(rows, left) => {
                let escaped: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| r.iter().map(|c| md_escape(c).replace('|', "\\|")).collect())
                    .collect();
                out.push_str(&md_table(&escaped, left));
                out.push('\n');
            }
        }
    }
    out
}

/// Markdown text with the characters that would start markup escaped.
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '_' | '`' | '<' | '>' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
