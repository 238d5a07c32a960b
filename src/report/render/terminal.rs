//! The terminal table: what a planner reads first, fitted to the width it is given (the
//! terminal's, or 80 columns when the output is not a terminal). A table that is too wide
//! first leaves out its optional columns, least important first; if the rest is still too
//! wide it is split into parts that each repeat the row names, so a number is never
//! broken across lines. Only text columns wrap. Colour only when asked for.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{
    Attribute, Cell as GridCell, CellAlignment, Color, ColumnConstraint, ContentArrangement,
    Table as Grid, Width,
};

use super::{cell_text, total_text, Render};
use crate::report::doc::{Block, Cell, Column, Document, Kind, Table};
use crate::report::{escape, ExportError, Style};

#[derive(Debug)]
pub(super) struct Terminal;

/// The widest a text column is counted when fitting (it wraps beyond).
const TEXT_CAP: usize = 24;

/// The terminal's width when standard output is a terminal.
pub fn terminal_width() -> Option<u16> {
    Grid::new().width().filter(|w| *w >= 20)
}

impl Render for Terminal {
    fn render(&self, doc: &Document, style: Style) -> Result<Vec<u8>, ExportError> {
        let width = usize::from(style.width.max(20));
        let mut out = wrap(&doc.title, width);
        if !doc.facts.is_empty() {
            let facts: Vec<String> = doc
                .facts
                .iter()
                .map(|f| format!("{} {}", f.label, f.value))
                .collect();
            out.push_str(&wrap(&facts.join(" · "), width));
        }
        for block in &doc.blocks {
            match block {
                Block::Heading(h) => {
                    out.push('\n');
                    out.push_str(&heading(h, style.color, width));
                }
                Block::Paragraph(p) => out.push_str(&wrap(p, width)),
                Block::Facts(facts) => {
                    for f in facts {
                        out.push_str(&wrap(&format!("{}: {}", f.label, f.value), width));
                    }
                }
                Block::Table(t) => out.push_str(&table(t, style.color, width)),
                Block::Chart(_) => {}
            }
        }
        for note in &doc.notes {
            out.push_str(&wrap(note, width));
        }
        Ok(out.into_bytes())
    }
}

fn heading(text: &str, color: bool, width: usize) -> String {
    let text = wrap(text, width);
    if color {
        format!("\x1b[1m{}\x1b[0m\n", text.trim_end())
    } else {
        text
    }
}

/// A column's cells as text, header first and the totals cell last.
struct Laid<'a> {
    column: &'a Column,
    index: usize,
    width: usize,
}

fn laid<'a>(t: &'a Table, texts: &[Vec<String>]) -> Vec<Laid<'a>> {
    t.columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let widest = texts
                .iter()
                .map(|row| row[i].chars().count())
                .max()
                .unwrap_or(0)
                .max(column.name.chars().count());
            let width = match column.kind {
                Kind::Text if !column.repeat => widest.min(TEXT_CAP.max(column.name.len())),
                _ => widest,
            };
            Laid {
                column,
                index: i,
                width,
            }
        })
        .collect()
}

/// Width of a grid whose columns are this wide (borders and padding included).
fn grid_width<'a>(columns: impl Iterator<Item = &'a Laid<'a>>) -> usize {
    1 + columns.map(|c| c.width + 3).sum::<usize>()
}

fn table(t: &Table, color: bool, width: usize) -> String {
    let line = |show: fn(&Cell, Kind) -> String, row: &Vec<Cell>| -> Vec<String> {
        row.iter()
            .zip(&t.columns)
            .map(|(c, col)| escape::plain(&show(c, col.kind)).into_owned())
            .collect()
    };
    let texts: Vec<Vec<String>> = (t.rows.iter().map(|r| line(cell_text, r)))
        .chain(t.totals.iter().map(|r| line(total_text, r)))
        .collect();
    let mut columns = laid(t, &texts);
    let mut dropped: Vec<&Column> = Vec::new();
    while grid_width(columns.iter()) > width {
        let worst = columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.column.drop.map(|rank| (rank, i)))
            .max();
        let Some((_, i)) = worst else { break };
        dropped.push(columns.remove(i).column);
    }
    let mut out = String::new();
    if !t.caption.is_empty() {
        out.push_str(&wrap(&t.caption, width));
    }
    for part in parts(&columns, width) {
        out.push_str(&grid(t, &texts, &part, color, width).to_string());
        out.push('\n');
    }
    out.push_str(&dropped_note(&dropped, width));
    out
}

/// Splits the columns into parts that fit, each led by the repeated columns (the first
/// column when none is marked).
fn parts<'a>(columns: &'a [Laid<'a>], width: usize) -> Vec<Vec<&'a Laid<'a>>> {
    if grid_width(columns.iter()) <= width {
        return vec![columns.iter().collect()];
    }
    let marked = columns.iter().any(|c| c.column.repeat);
    let is_lead = |i: usize, c: &Laid<'_>| if marked { c.column.repeat } else { i == 0 };
    let pick = |lead: bool| -> Vec<&Laid<'a>> {
        columns
            .iter()
            .enumerate()
            .filter(|(i, c)| is_lead(*i, c) == lead)
            .map(|(_, c)| c)
            .collect()
    };
    let (lead, rest) = (pick(true), pick(false));
    let lead_width = grid_width(lead.iter().copied());
    let mut parts: Vec<Vec<&Laid>> = Vec::new();
    let mut current = lead.clone();
    let mut used = lead_width;
    for c in rest {
        if used + c.width + 3 > width && current.len() > lead.len() {
            parts.push(std::mem::replace(&mut current, lead.clone()));
            used = lead_width;
        }
        current.push(c);
        used += c.width + 3;
    }
    parts.push(current);
    parts
}

fn grid(t: &Table, texts: &[Vec<String>], part: &[&Laid<'_>], color: bool, width: usize) -> Grid {
    let mut grid = Grid::new();
    grid.load_preset(UTF8_FULL_CONDENSED);
    if color {
        // The caller decided (e.g. --color always into a pipe).
        grid.enforce_styling();
    }
    grid.set_content_arrangement(ContentArrangement::Dynamic);
    grid.set_width(u16::try_from(width).unwrap_or(u16::MAX));
    grid.set_header(part.iter().map(|c| {
        let cell = GridCell::new(escape::plain(&c.column.name));
        if color {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        }
    }));
    let cells = t.rows.iter().chain(t.totals.as_ref());
    for (row, raw) in texts.iter().zip(cells) {
        grid.add_row(part.iter().map(|c| {
            let cell = GridCell::new(&row[c.index]);
            match (color, c.column.kind, &raw[c.index]) {
                (true, Kind::Index { .. }, Cell::Number(b)) => tint(cell, *b),
                _ => cell,
            }
        }));
    }
    for (i, c) in part.iter().enumerate() {
        if let Some(col) = grid.column_mut(i) {
            if c.column.is_numeric() {
                col.set_cell_alignment(CellAlignment::Right);
            }
            if c.column.is_numeric() || c.column.repeat {
                col.set_constraint(ColumnConstraint::ContentWidth);
            } else {
                let cap = u16::try_from(c.width + 2).unwrap_or(u16::MAX);
                col.set_constraint(ColumnConstraint::UpperBoundary(Width::Fixed(cap)));
            }
        }
    }
    grid
}

/// A burden index above 1 in yellow, below 1 in cyan.
fn tint(cell: GridCell, index: f64) -> GridCell {
    if index > 1.0 + 1e-6 {
        cell.fg(Color::Yellow)
    } else if index < 1.0 - 1e-6 {
        cell.fg(Color::Cyan)
    } else {
        cell
    }
}

/// What the narrow table left out: each dropped column's sentence, then the names of the
/// columns that have none.
fn dropped_note(dropped: &[&Column], width: usize) -> String {
    let mut out = String::new();
    for sentence in dropped.iter().filter_map(|c| c.when_dropped.as_deref()) {
        out.push_str(&wrap(sentence, width));
    }
    let hidden: Vec<&str> = dropped
        .iter()
        .filter(|c| c.when_dropped.is_none())
        .map(|c| c.name.as_str())
        .collect();
    if !hidden.is_empty() {
        out.push_str(&wrap(
            &format!(
                "Not shown at {width} columns: {}. A wider terminal, --format md or -o FILE.xlsx shows every column.",
                hidden.join(", ")
            ),
            width,
        ));
    }
    out
}

/// Word-wraps a paragraph to `width` columns, each line ending in a newline.
fn wrap(text: &str, width: usize) -> String {
    let text = escape::plain(text);
    let options = textwrap::Options::new(width).break_words(false);
    let mut out = textwrap::wrap(&text, options).join("\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::doc::Column;

    fn wide_table(years: usize) -> Table {
        let mut columns = vec![Column::new("id", "Ally", Kind::Text).repeated()];
        columns.extend((0..years).map(|y| {
            Column::new(
                format!("{}", 2025 + y),
                format!("{}", 2025 + y),
                Kind::Integer,
            )
        }));
        columns.push(Column::new("note", "Note", Kind::Text).optional(1));
        let row = |id: &str| {
            let mut r = vec![Cell::text(id)];
            r.extend((0..years).map(|y| Cell::Integer(1_000_000 + y as i64)));
            r.push(Cell::text("a long note that is not needed"));
            r
        };
        Table {
            id: "T".into(),
            columns,
            rows: vec![row("AAA"), row("BBB")],
            ..Table::default()
        }
    }

    #[test]
    fn wide_tables_drop_optional_columns_then_split_with_row_names_repeated() {
        let text = table(&wide_table(10), false, 80);
        assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
        assert!(text.contains("Not shown at 80 columns: Note."), "{text}");
        assert_eq!(text.matches("│ Ally").count(), 2, "{text}");
        for y in 0..10 {
            assert!(text.contains(&format!("{}", 1_000_000 + y)), "{text}");
        }
    }

    #[test]
    fn narrow_enough_tables_stay_whole() {
        let text = table(&wide_table(2), false, 80);
        assert_eq!(text.matches("│ Ally").count(), 1, "{text}");
        assert!(text.contains("a long note"), "{text}");
    }

    #[test]
    fn wrap_breaks_between_words() {
        assert_eq!(wrap("aa bb cc", 5), "aa bb\ncc\n");
        assert_eq!(wrap("averyverylongword x", 4), "averyverylongword\nx\n");
    }
}
