//! The Notes sheet: the title, the key facts, every heading, paragraph and fact list of
//! the document (tables and charts named by where they stand), and the closing notes.
//! A wrapped text gets a row as tall as its lines, since spreadsheets keep the default
//! height of a row written by a program and would let the next row cover it.

use rust_xlsxwriter::{Format as XFormat, Worksheet, XlsxError};

use crate::report::doc::{Block, Document, Fact};

/// Title, key facts, every paragraph and fact list of the document, the notes.
pub(super) fn notes_sheet(sheet: &mut Worksheet, doc: &Document) -> Result<(), XlsxError> {
    let bold = XFormat::new().set_bold();
    let wrap = XFormat::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    sheet.set_column_width(0, 32)?;
    sheet.set_column_width(1, f64::from(TEXT_WIDTH))?;
    sheet.write_string_with_format(0, 0, &doc.title, &bold.clone().set_font_size(14))?;
    let mut row = 2u32;
    let facts = |sheet: &mut Worksheet, row: &mut u32, list: &[Fact]| {
        for f in list {
            sheet.write_string_with_format(*row, 0, &f.label, &bold)?;
            sheet.write_string_with_format(*row, 1, &f.value, &wrap)?;
            fit(sheet, *row, &f.value)?;
            *row += 1;
        }
        *row += 1;
        Ok::<(), XlsxError>(())
    };
    facts(sheet, &mut row, &doc.facts)?;
    for block in doc.blocks.iter().chain(&doc.appendix) {
        match block {
            Block::Heading(h) => {
                sheet.write_string_with_format(row, 0, h, &bold.clone().set_font_size(12))?;
                row += 1;
            }
            Block::Paragraph(p) => {
                sheet.write_string_with_format(row, 1, p, &wrap)?;
                fit(sheet, row, p)?;
                row += 2;
            }
            Block::Facts(list) => facts(sheet, &mut row, list)?,
            Block::Table(t) => {
                let line = format!("Table on sheet “{}”", t.id);
                sheet.write_string_with_format(row, 1, &line, &XFormat::new().set_italic())?;
                row += 2;
            }
            Block::Chart(c) => {
                let line = format!("Chart “{}” on the Charts sheet", c.title);
                sheet.write_string_with_format(row, 1, &line, &XFormat::new().set_italic())?;
                row += 2;
            }
        }
    }
    if !doc.notes.is_empty() {
        sheet.write_string_with_format(row, 0, "Notes", &bold.clone().set_font_size(12))?;
        row += 1;
        for note in &doc.notes {
            sheet.write_string_with_format(row, 1, note, &wrap)?;
            fit(sheet, row, note)?;
            row += 1;
        }
    }
    Ok(())
}

/// The width of the text column, in characters of the default font.
const TEXT_WIDTH: u16 = 100;

/// The height of one line of the default font, in points.
const LINE_HEIGHT: f64 = 15.0;

/// Makes the row as tall as the text's lines in the text column (a row of one line
/// keeps the default height).
fn fit(sheet: &mut Worksheet, row: u32, text: &str) -> Result<(), XlsxError> {
    let lines = wrapped_lines(text, usize::from(TEXT_WIDTH) - 5);
    if lines > 1 {
        sheet.set_row_height(row, LINE_HEIGHT * lines as f64)?;
    }
    Ok(())
}

/// How many lines a text takes wrapped at `width` characters: its own line breaks, and
/// each of its lines broken between words.
fn wrapped_lines(text: &str, width: usize) -> usize {
    text.lines()
        .map(|line| {
            let mut lines = 1;
            let mut used = 0;
            for word in line.split(' ') {
                let len = word.chars().count();
                if used > 0 && used + 1 + len > width {
                    lines += 1;
                    used = len;
                } else {
                    used += len + usize::from(used > 0);
                }
            }
            lines
        })
        .sum::<usize>()
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::wrapped_lines;

    #[test]
    fn lines_of_a_wrapped_text() {
        assert_eq!(wrapped_lines("", 10), 1);
        assert_eq!(wrapped_lines("one two", 10), 1);
        assert_eq!(wrapped_lines("one two three", 10), 2);
        assert_eq!(wrapped_lines("a\nb\nc", 10), 3);
        assert_eq!(wrapped_lines(&"word ".repeat(40), 95), 3);
    }
}
