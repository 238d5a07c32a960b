//! Excel: one sheet per table (named by the table's id), with the document's title above
//! the first, a frozen header, an autofilter over the rows, number formats from each
//! column's kind, live formulas where the document declares them (with their values
//! cached, so a reader that does not recompute still sees the numbers), `SUM`s in the
//! totals row; a Charts sheet holding each chart's data next to a native Excel chart; a
//! Notes sheet with the key facts, the paragraphs and the notes. The creation date is
//! fixed, so the same document gives the same bytes. Written with `rust_xlsxwriter`.

use rust_xlsxwriter::{
    utility::row_col_to_cell, DocProperties, ExcelDateTime, Format as XFormat, FormatBorder,
    Formula as XFormula, Workbook, Worksheet, XlsxError,
};

mod charts;
mod family;
mod notes;

use super::{cell_text, header_with_unit, Render};
use crate::report::doc::{Cell, Chart, Column, Document, Formula, Kind, Table};
use crate::report::{ExportError, Style};

/// Written as every workbook's creation date (no clock in outputs).
const CREATED: (u16, u8, u8) = (2025, 1, 1);
/// The row of a table sheet's header (0-based); the title and a caption come first.
const HEADER: u32 = 3;
/// The widest a column gets, in Excel's character units; longer text wraps.
const WIDEST: usize = 60;
/// The longest sheet name Excel accepts.
const SHEET_NAME: usize = 31;

#[derive(Debug)]
pub(super) struct Xlsx;

impl Render for Xlsx {
    fn render(&self, doc: &Document, _style: Style) -> Result<Vec<u8>, ExportError> {
        let mut workbook = Workbook::new();
        let (y, m, d) = CREATED;
        let properties = DocProperties::new()
            .set_title(&doc.title)
            .set_author("burden")
            .set_creation_datetime(&ExcelDateTime::from_ymd(y, m, d)?);
        workbook.set_properties(&properties);
        let mut names = SheetNames::default();
        for (i, table) in family::sheets(doc).iter().enumerate() {
            let sheet = workbook.add_worksheet();
            sheet.set_name(names.take(&table.id, "Table"))?;
            let (title, line) = if i == 0 {
                (doc.title.clone(), facts_line(doc))
            } else {
                (table.id.clone(), table.caption.clone())
            };
            table_sheet(sheet, table, &title, &line)?;
        }
        let charts: Vec<&Chart> = doc.charts().collect();
        if !charts.is_empty() {
            let name = names.take("Charts", "Charts");
            let sheet = workbook.add_worksheet();
            sheet.set_name(&name)?;
            charts::charts_sheet(sheet, &name, &charts)?;
        }
        let sheet = workbook.add_worksheet();
        sheet.set_name(names.take("Notes", "Notes"))?;
        notes::notes_sheet(sheet, doc)?;
        Ok(workbook.save_to_buffer()?)
    }
}

/// The key facts on one line, under the title of the first sheet.
fn facts_line(doc: &Document) -> String {
    doc.facts
        .iter()
        .map(|f| format!("{}: {}", f.label, f.value))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Sheet names Excel accepts (at most 31 characters, none of `[]:*?/\`), each once.
#[derive(Debug, Default)]
struct SheetNames(Vec<String>);

impl SheetNames {
    fn take(&mut self, wanted: &str, fallback: &str) -> String {
        let clean: String = wanted
            .chars()
            .map(|c| match c {
                '[' | ']' | ':' | '*' | '?' | '/' | '\\' => ' ',
                c if c.is_control() => ' ',
                c => c,
            })
            .collect();
        let clean = clean.trim().trim_matches('\'').trim();
        let base = if clean.is_empty() { fallback } else { clean };
        let base: String = base.chars().take(SHEET_NAME).collect();
        let mut name = base.clone();
        let mut n = 2;
        while self.0.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
            let suffix = format!(" ({n})");
            let keep = SHEET_NAME.saturating_sub(suffix.chars().count());
            name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
            n += 1;
        }
        self.0.push(name.clone());
        name
    }
}

/// The formats of one table's columns: for rows and for the totals row.
struct ColumnFormats {
    cell: XFormat,
    total: XFormat,
}

fn column_formats(table: &Table, col: usize, column: &Column) -> ColumnFormats {
    let number = match column.kind {
        Kind::Text => None,
        Kind::Money { places } => Some(money_format(
            places.unwrap_or_else(|| decimals(table, col)),
            false,
        )),
        Kind::Delta { places } => Some(money_format(
            places.unwrap_or_else(|| decimals(table, col)),
            true,
        )),
        Kind::Ratio { places } | Kind::Index { places } => Some(fixed_format(places, "")),
        Kind::Percent { places } => Some(fixed_format(places, "%")),
        Kind::Integer => Some("0".to_string()),
    };
    let long = column.kind == Kind::Text && width(table, col, column) > WIDEST;
    let mut cell = XFormat::new();
    let mut total = XFormat::new().set_bold().set_border_top(FormatBorder::Thin);
    if let Some(n) = number {
        cell = cell.set_num_format(&n);
        total = total.set_num_format(&n);
    }
    if long {
        cell = cell.set_text_wrap();
    }
    ColumnFormats { cell, total }
}

/// `#,##0.00`, with a sign for changes (`+#,##0;-#,##0;0`).
fn money_format(places: u32, signed: bool) -> String {
    let body = if places == 0 {
        "#,##0".to_string()
    } else {
        format!("#,##0.{}", "0".repeat(places as usize))
    };
    if signed {
        format!(
            "+{body};-{body};{}",
            body.replace('#', "").trim_start_matches(',')
        )
    } else {
        body
    }
}

/// `0.000`, or `0.0%` for a percentage.
fn fixed_format(places: u32, suffix: &str) -> String {
    if places == 0 {
        format!("0{suffix}")
    } else {
        format!("0.{}{suffix}", "0".repeat(places as usize))
    }
}

/// Decimals a money column needs to show every amount exactly (at most six).
fn decimals(table: &Table, col: usize) -> u32 {
    table
        .rows
        .iter()
        .chain(table.totals.as_ref())
        .filter_map(|row| match row.get(col) {
            Some(Cell::Money(m)) => Some(m.normalized().0.scale()),
            _ => None,
        })
        .max()
        .unwrap_or(0)
        .min(6)
}

/// The width a column's text needs, in characters.
fn width(table: &Table, col: usize, column: &Column) -> usize {
    let header = header_with_unit(&column.name, column.unit.as_deref());
    table
        .rows
        .iter()
        .chain(table.totals.as_ref())
        .filter_map(|row| row.get(col))
        .map(|cell| cell_text(cell, column.kind).chars().count())
        .chain([header.chars().count()])
        .max()
        .unwrap_or(0)
}

fn to_u16(n: usize) -> Result<u16, XlsxError> {
    u16::try_from(n).map_err(|_| XlsxError::ParameterError(format!("{n} columns")))
}

fn to_u32(n: usize) -> Result<u32, XlsxError> {
    u32::try_from(n).map_err(|_| XlsxError::ParameterError(format!("{n} rows")))
}

/// A table on its own sheet: title, a line under it, header, rows, totals.
fn table_sheet(
    sheet: &mut Worksheet,
    table: &Table,
    title: &str,
    line: &str,
) -> Result<(), XlsxError> {
    printed_across(sheet);
    // An empty cached value (a ratio over zero) is cached as the empty text the formula
    // gives, not as rust_xlsxwriter's default 0.
    sheet.set_formula_result_default("");
    sheet.write_string_with_format(0, 0, title, &XFormat::new().set_bold().set_font_size(14))?;
    if !line.is_empty() {
        // Wrapped across the table's width, so it neither runs past the table on screen
        // nor widens the printed page.
        let italic = XFormat::new()
            .set_italic()
            .set_text_wrap()
            .set_align(rust_xlsxwriter::FormatAlign::Top);
        let last = table.columns.len().saturating_sub(1);
        let across: usize = (0..table.columns.len())
            .map(|c| (width(table, c, &table.columns[c]) + 2).clamp(6, WIDEST))
            .sum();
        let lines = line.chars().count() / across.max(1) + 1;
        if last > 0 {
            sheet.merge_range(1, 0, 1, to_u16(last)?, line, &italic)?;
        } else {
            sheet.write_string_with_format(1, 0, line, &italic)?;
        }
        sheet.set_row_height(1, 15.0 * lines as f64)?;
    }
    let header = XFormat::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin);
    let formats: Vec<ColumnFormats> = table
        .columns
        .iter()
        .enumerate()
        .map(|(c, column)| column_formats(table, c, column))
        .collect();
    for (c, column) in table.columns.iter().enumerate() {
        let col = to_u16(c)?;
        let format = if column.is_numeric() {
            header
                .clone()
                .set_align(rust_xlsxwriter::FormatAlign::Right)
        } else {
            header.clone()
        };
        let text = header_with_unit(&column.name, column.unit.as_deref());
        sheet.write_string_with_format(HEADER, col, &text, &format)?;
        let w = (width(table, c, column) + 2).clamp(6, WIDEST);
        sheet.set_column_width(col, w as f64)?;
    }
    let first = HEADER + 1;
    for (r, row) in table.rows.iter().enumerate() {
        let at = first + to_u32(r)?;
        for (c, (cell, column)) in row.iter().zip(&table.columns).enumerate() {
            let col = to_u16(c)?;
            match &column.formula {
                Some(f) => formula(sheet, at, col, &row_formula(f, at)?, cell, &formats[c].cell)?,
                None => value(sheet, at, col, cell, &formats[c].cell)?,
            }
        }
    }
    let last = first + to_u32(table.rows.len())?;
    if let Some(totals) = &table.totals {
        for (c, (cell, column)) in totals.iter().zip(&table.columns).enumerate() {
            let col = to_u16(c)?;
            let fmt = &formats[c].total;
            if column.summed && !table.rows.is_empty() {
                let sum = format!(
                    "=SUM({}:{})",
                    row_col_to_cell(first, col),
                    row_col_to_cell(last - 1, col)
                );
                formula(sheet, last, col, &sum, cell, fmt)?;
            } else if let (Some(f), false) = (&column.formula, matches!(cell, Cell::Empty)) {
                formula(sheet, last, col, &row_formula(f, last)?, cell, fmt)?;
            } else {
                value(sheet, last, col, cell, fmt)?;
            }
        }
    }
    let repeated = table.columns.iter().take_while(|c| c.repeat).count();
    sheet.set_freeze_panes(first, to_u16(repeated)?)?;
    if table.rows.len() > 1 && !table.columns.is_empty() {
        sheet.autofilter(HEADER, 0, last - 1, to_u16(table.columns.len() - 1)?)?;
    }
    Ok(())
}

/// Printed in landscape, as wide as one page.
fn printed_across(sheet: &mut Worksheet) {
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
}

/// The formula of a row (0-based sheet row `row`) as Excel writes it.
fn row_formula(f: &Formula, row: u32) -> Result<String, XlsxError> {
    let cell = |c: usize| to_u16(c).map(|c| row_col_to_cell(row, c));
    Ok(match f {
        Formula::Sum(cols) => {
            let contiguous = cols.windows(2).all(|w| w[1] == w[0] + 1);
            match (cols.first(), cols.last()) {
                (Some(&a), Some(&b)) if contiguous => format!("=SUM({}:{})", cell(a)?, cell(b)?),
                _ => format!(
                    "=SUM({})",
                    cols.iter()
                        .map(|&c| cell(c))
                        .collect::<Result<Vec<_>, _>>()?
                        .join(",")
                ),
            }
        }
        Formula::Difference(a, b) => format!("={}-{}", cell(*a)?, cell(*b)?),
        Formula::Ratio(a, b) => {
            let (a, b) = (cell(*a)?, cell(*b)?);
            format!("=IF({b}=0,\"\",{a}/{b})")
        }
    })
}

/// A formula with the document's value cached as its result.
fn formula(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    cached: &Cell,
    format: &XFormat,
) -> Result<(), XlsxError> {
    let result = match cached {
        Cell::Money(m) => m.0.normalize().to_string(),
        Cell::Number(v) => format!("{v}"),
        Cell::Integer(i) => i.to_string(),
        Cell::Empty => String::new(),
        Cell::Text(t) | Cell::Coded { words: t, .. } => t.clone(),
    };
    sheet.write_formula_with_format(row, col, XFormula::new(text).set_result(result), format)?;
    Ok(())
}

/// A plain cell: numbers as numbers, text always as text (never a formula).
fn value(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    format: &XFormat,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => sheet.write_blank(row, col, format)?,
        Cell::Text(t) | Cell::Coded { words: t, .. } => {
            sheet.write_string_with_format(row, col, t, format)?
        }
        Cell::Money(m) => sheet.write_number_with_format(row, col, m.to_f64(), format)?,
        Cell::Number(v) => sheet.write_number_with_format(row, col, *v, format)?,
        Cell::Integer(i) => sheet.write_number_with_format(row, col, *i as f64, format)?,
    };
    Ok(())
}

#[cfg(test)]
mod tests;
