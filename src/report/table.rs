//! The terminal table: what a planner reads first. It fits the width it is given (the
//! terminal's, or 80 columns when the output is not a terminal) by leaving out the least
//! important columns first, then wrapping; colour only when asked for.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table as Grid};

use super::{amount, binding_groups, escape, percent, ratio, summary_line, Exporter};
use crate::plan::{AllyPlan, Plan};

#[derive(Debug)]
pub struct Table {
    pub color: bool,
    /// Columns available for the table and the lines around it.
    pub width: u16,
}

impl Table {
    /// The width used when the output is not a terminal.
    pub const DEFAULT_WIDTH: u16 = 80;
}

/// The terminal's width when standard output is a terminal.
pub fn terminal_width() -> Option<u16> {
    Grid::new().width().filter(|w| *w >= 20)
}

/// One column: header, one text per ally, the totals cell, and how much it matters
/// (0 is always shown; higher numbers are left out first).
struct Column {
    header: String,
    cells: Vec<String>,
    total: String,
    drop_rank: u8,
}

impl Column {
    fn new(
        header: impl Into<String>,
        drop_rank: u8,
        plan: &Plan,
        f: impl Fn(&AllyPlan) -> String,
    ) -> Self {
        Column {
            header: header.into(),
            cells: plan
                .allies
                .iter()
                .map(|a| escape::plain(&f(a)).into_owned())
                .collect(),
            total: String::new(),
            drop_rank,
        }
    }

    fn width(&self) -> usize {
        self.cells
            .iter()
            .chain([&self.total])
            .map(|c| c.chars().count())
            .chain([self.header.chars().count()])
            .max()
            .unwrap_or(0)
    }
}

fn columns(plan: &Plan) -> Vec<Column> {
    let mut key = Column::new("Key %", 2, plan, |a| percent(Some(a.key_share), 2));
    key.total = "100.00".to_string();
    let mut fair = Column::new("Fair effort", 4, plan, |a| {
        amount(a.fair_effort.round_dp(0))
    });
    fair.total = amount(
        plan.allies
            .iter()
            .map(|a| a.fair_effort)
            .sum::<crate::Money>()
            .round_dp(0),
    );
    let mut credited = Column::new("Credited", 3, plan, |a| {
        amount(a.credited_bilateral.round_dp(0))
    });
    credited.total = amount(
        plan.allies
            .iter()
            .map(|a| a.credited_bilateral)
            .sum::<crate::Money>()
            .round_dp(0),
    );
    vec![
        key,
        fair,
        credited,
        Column::new("β", 1, plan, |a| ratio(a.burden_index, 3)),
        Column::new("% GDP", 5, plan, |a| ratio(a.gdp_pct, 3)),
        Column::new("Binding", 6, plan, |a| a.binding.join(" ")),
    ]
}

/// Width of a table whose columns have these content widths (borders and padding).
fn table_width(widths: impl Iterator<Item = usize>) -> usize {
    1 + widths.map(|w| w + 3).sum::<usize>()
}

/// Leaves out optional columns, least important first, until the table fits `width`.
fn fit(fixed: usize, mut optional: Vec<Column>, width: usize) -> (Vec<Column>, Vec<String>) {
    let mut dropped = Vec::new();
    loop {
        let total = fixed + optional.iter().map(|c| c.width() + 3).sum::<usize>();
        let worst = optional.iter().enumerate().max_by_key(|(_, c)| c.drop_rank);
        match worst {
            Some((i, _)) if total > width => dropped.push(optional.remove(i).header),
            _ => return (optional, dropped),
        }
    }
}

impl Exporter for Table {
    fn render(&self, plan: &Plan) -> Vec<u8> {
        let width = usize::from(self.width.max(20));
        let mut id = Column::new("Ally", 0, plan, |a| a.id.clone());
        id.total = "Total".to_string();
        let mut fixed = vec![id];
        for year in &plan.years {
            let mut col = Column::new(year.to_string(), 0, plan, |a| {
                a.contributions
                    .get(year)
                    .map_or(String::new(), |v| amount(*v))
            });
            col.total = plan
                .budget
                .annual
                .get(year)
                .map_or(String::new(), |v| amount(*v));
            fixed.push(col);
        }
        let mut total = Column::new("Total", 0, plan, |a| amount(a.total));
        total.total = amount(plan.budget.total);
        fixed.push(total);
        let fixed_width = table_width(fixed.iter().map(Column::width));
        let (optional, dropped) = fit(fixed_width, columns(plan), width);
        let mut out = wrap(&plan.scenario, width);
        out.push_str(&wrap(&summary_line(plan), width));
        out.push_str(&self.grid(plan, &fixed, &optional, width).to_string());
        out.push('\n');
        out.push_str(&wrap(
            &format!(
                "β = (new contribution + credited bilateral aid) / fair effort; 1.000 is exactly the fair share. Max β {:.3}, min β {:.3}.",
                plan.metrics.max_burden_index, plan.metrics.min_burden_index
            ),
            width,
        ));
        out.push_str(&dropped_note(plan, &dropped, width));
        out.into_bytes()
    }
}

impl Table {
    fn grid(&self, plan: &Plan, fixed: &[Column], optional: &[Column], width: usize) -> Grid {
        let mut grid = Grid::new();
        grid.load_preset(UTF8_FULL_CONDENSED);
        if self.color {
            // The caller decided (e.g. --color always into a pipe).
            grid.enforce_styling();
        }
        grid.set_content_arrangement(ContentArrangement::Dynamic);
        grid.set_width(u16::try_from(width).unwrap_or(u16::MAX));
        let columns: Vec<&Column> = fixed.iter().chain(optional).collect();
        let header: Vec<Cell> = columns
            .iter()
            .map(|c| c.header.clone())
            .map(|h| {
                if self.color {
                    Cell::new(h).add_attribute(Attribute::Bold)
                } else {
                    Cell::new(h)
                }
            })
            .collect();
        grid.set_header(header);
        for (r, ally) in plan.allies.iter().enumerate() {
            grid.add_row(columns.iter().map(|c| self.cell(c, r, ally)));
        }
        grid.add_row(columns.iter().map(|c| Cell::new(&c.total)));
        for (i, c) in columns.iter().enumerate() {
            let left = i == 0 || c.header == "Binding";
            if let (false, Some(col)) = (left, grid.column_mut(i)) {
                col.set_cell_alignment(CellAlignment::Right);
            }
        }
        grid
    }

    fn cell(&self, column: &Column, row: usize, ally: &AllyPlan) -> Cell {
        let cell = Cell::new(&column.cells[row]);
        match (self.color && column.header == "β", ally.burden_index) {
            (true, Some(b)) if b > 1.0 + 1e-6 => cell.fg(Color::Yellow),
            (true, Some(b)) if b < 1.0 - 1e-6 => cell.fg(Color::Cyan),
            _ => cell,
        }
    }
}

/// What the narrow table left out: the binding constraints in words, and the columns.
fn dropped_note(plan: &Plan, dropped: &[String], width: usize) -> String {
    let mut out = String::new();
    if dropped.iter().any(|d| d == "Binding") {
        let binding: Vec<String> = binding_groups(plan, |a| &a.id)
            .iter()
            .map(|(words, ids)| format!("{words}: {}", ids.join(", ")))
            .collect();
        if !binding.is_empty() {
            out.push_str(&wrap(&format!("Binding: {}.", binding.join("; ")), width));
        }
    }
    let hidden: Vec<&str> = dropped
        .iter()
        .map(String::as_str)
        .filter(|d| *d != "Binding")
        .collect();
    if !hidden.is_empty() {
        out.push_str(&wrap(
            &format!(
                "Not shown at {width} columns: {}. A wider terminal, --format md or -o plan.xlsx shows every column.",
                hidden.join(", ")
            ),
            width,
        ));
    }
    out
}

/// Word-wraps a paragraph to `width` columns, each line ending in a newline.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    let text = escape::plain(text);
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_between_words() {
        assert_eq!(wrap("aa bb cc", 5), "aa bb\ncc\n");
        assert_eq!(wrap("averyverylongword x", 4), "averyverylongword\nx\n");
    }
}
