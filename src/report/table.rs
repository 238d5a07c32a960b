//! The terminal table: what a planner reads first. Colour only when asked for.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, Color, ContentArrangement, Table as Grid};

use super::{amount, percent, ratio, summary_line, Exporter};
use crate::plan::Plan;

#[derive(Debug)]
pub struct Table {
    pub color: bool,
}

impl Exporter for Table {
    fn render(&self, plan: &Plan) -> Vec<u8> {
        let mut grid = Grid::new();
        grid.load_preset(UTF8_FULL_CONDENSED);
        grid.set_content_arrangement(ContentArrangement::Dynamic);
        let mut header = vec!["Ally".to_string()];
        header.extend(plan.years.iter().map(i32::to_string));
        header.extend(
            [
                "Total",
                "Key %",
                "Fair effort",
                "Credited",
                "β",
                "% GDP",
                "Binding",
            ]
            .map(String::from),
        );
        grid.set_header(header);
        for a in &plan.allies {
            let mut row: Vec<Cell> = vec![Cell::new(&a.id)];
            row.extend(a.contributions.values().map(|v| Cell::new(amount(*v))));
            row.push(Cell::new(amount(a.total)));
            row.push(Cell::new(percent(Some(a.key_share), 2)));
            row.push(Cell::new(amount(a.fair_effort.round_dp(0))));
            row.push(Cell::new(amount(a.credited_bilateral.round_dp(0))));
            let beta = Cell::new(ratio(a.burden_index, 3));
            let beta = match (self.color, a.burden_index) {
                (true, Some(b)) if b > 1.0 + 1e-6 => beta.fg(Color::Yellow),
                (true, Some(b)) if b < 1.0 - 1e-6 => beta.fg(Color::Cyan),
                _ => beta,
            };
            row.push(beta);
            row.push(Cell::new(ratio(a.gdp_pct, 3)));
            row.push(Cell::new(a.binding.join(" ")));
            grid.add_row(row);
        }
        let mut total: Vec<Cell> = vec![Cell::new("Total")];
        total.extend(plan.budget.annual.values().map(|v| Cell::new(amount(*v))));
        total.push(Cell::new(amount(plan.budget.total)));
        total.push(Cell::new("100.00"));
        grid.add_row(total);
        let columns = plan.years.len() + 7;
        for i in 1..columns {
            if let Some(col) = grid.column_mut(i) {
                col.set_cell_alignment(CellAlignment::Right);
            }
        }
        let mut out = format!("{}\n{}\n", plan.scenario, summary_line(plan));
        out.push_str(&grid.to_string());
        out.push('\n');
        out.push_str(&format!(
            "β = (new contribution + credited bilateral aid) / fair effort; 1.000 is exactly the fair share. Max β {:.3}, min β {:.3}.\n",
            plan.metrics.max_burden_index, plan.metrics.min_burden_index
        ));
        out.into_bytes()
    }
}
