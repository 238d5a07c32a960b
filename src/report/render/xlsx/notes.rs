//! The Notes sheet: the title, the key facts, every heading, paragraph and fact list of
//! the document (tables and charts named by where they stand), and the closing notes.

use rust_xlsxwriter::{Format as XFormat, Worksheet, XlsxError};

use crate::report::doc::{Block, Document, Fact};

/// Title, key facts, every paragraph and fact list of the document, the notes.
pub(super) fn notes_sheet(sheet: &mut Worksheet, doc: &Document) -> Result<(), XlsxError> {
    let bold = XFormat::new().set_bold();
    let wrap = XFormat::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    sheet.set_column_width(0, 32)?;
    sheet.set_column_width(1, 100)?;
    sheet.write_string_with_format(0, 0, &doc.title, &bold.clone().set_font_size(14))?;
    let mut row = 2u32;
    let facts = |sheet: &mut Worksheet, row: &mut u32, list: &[Fact]| {
        for f in list {
            sheet.write_string_with_format(*row, 0, &f.label, &bold)?;
            sheet.write_string_with_format(*row, 1, &f.value, &wrap)?;
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
            row += 1;
        }
    }
    Ok(())
}
