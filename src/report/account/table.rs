//! Terminal tables for tracking and re-planning. Colour only when asked for.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, Color, ContentArrangement, Table as Grid};

use super::{
    fulfilment, money_unit, past_label, past_planned, replan_title, signed, status_line,
    track_title, AccountExporter,
};
use crate::replan::Replan;
use crate::report::{amount, ratio};
use crate::track::{Status, Track};

#[derive(Debug)]
pub struct Table {
    pub color: bool,
}

/// A grid whose columns are right-aligned except those in `left`.
fn grid(header: Vec<String>, left: &[usize]) -> Grid {
    let mut grid = Grid::new();
    grid.load_preset(UTF8_FULL_CONDENSED);
    grid.set_content_arrangement(ContentArrangement::Dynamic);
    let columns = header.len();
    grid.set_header(header);
    for i in (0..columns).filter(|i| !left.contains(i)) {
        if let Some(col) = grid.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    grid
}

impl Table {
    fn status(&self, status: Status) -> Cell {
        let cell = Cell::new(status.to_string());
        match (self.color, status) {
            (true, Status::Behind) => cell.fg(Color::Yellow),
            (true, Status::Ahead) => cell.fg(Color::Cyan),
            _ => cell,
        }
    }
}

impl AccountExporter for Table {
    fn track(&self, t: &Track) -> Vec<u8> {
        let header = [
            "Ally",
            "Year",
            "Planned",
            "Delivered",
            "Difference",
            "Fulfilment %",
            "Cumulative",
            "Status",
        ];
        let mut allies = grid(header.map(String::from).to_vec(), &[0, 1, 7]);
        for a in &t.allies {
            for (year, l) in &a.years {
                allies.add_row(vec![
                    Cell::new(&a.id),
                    Cell::new(year),
                    Cell::new(amount(l.planned)),
                    Cell::new(amount(l.delivered)),
                    Cell::new(signed(l.difference)),
                    Cell::new(fulfilment(l.fulfilment)),
                    Cell::new(signed(l.cumulative_difference)),
                    self.status(l.status),
                ]);
            }
        }
        let header = [
            "Year",
            "Budget",
            "Delivered",
            "Difference",
            "Fulfilment %",
            "Status",
        ];
        let mut years = grid(header.map(String::from).to_vec(), &[0, 5]);
        let rows = t.annual.iter().map(|(y, v)| (y.to_string(), v));
        let total = (t.annual.len() > 1).then(|| ("Total".to_string(), &t.total));
        for (label, v) in rows.chain(total) {
            years.add_row(vec![
                Cell::new(label),
                Cell::new(amount(v.budget)),
                Cell::new(amount(v.delivered)),
                Cell::new(signed(v.difference)),
                Cell::new(fulfilment(v.fulfilment)),
                self.status(v.status),
            ]);
        }
        format!(
            "{}\n{} · difference = delivered − planned\n{allies}\n{}\nThe alliance against the annual budgets:\n{years}\n",
            track_title(t),
            money_unit(&t.currency, &t.unit),
            status_line(t),
        )
        .into_bytes()
    }

    fn replan(&self, r: &Replan) -> Vec<u8> {
        let past = past_label(r);
        let mut header = vec![
            "Ally".to_string(),
            format!("Plan {past}"),
            format!("Delivered {past}"),
        ];
        header.extend(r.remaining_years.iter().map(|y| format!("New {y}")));
        header.extend(
            [
                "New total",
                "Plan total",
                "Change",
                "β plan",
                "β new",
                "Binding",
            ]
            .map(String::from),
        );
        let binding = header.len() - 1;
        let mut table = grid(header, &[0, binding]);
        for a in &r.allies {
            let mut row = vec![
                Cell::new(&a.id),
                Cell::new(amount(past_planned(r, a))),
                Cell::new(amount(a.delivered_total)),
            ];
            row.extend(a.replanned.values().map(|v| Cell::new(amount(*v))));
            row.extend([
                Cell::new(amount(a.total)),
                Cell::new(amount(a.planned_total)),
                Cell::new(signed(a.change)),
                Cell::new(ratio(a.burden_index_planned, 3)),
                Cell::new(ratio(a.burden_index, 3)),
                Cell::new(a.binding.join(" ")),
            ]);
            table.add_row(row);
        }
        let b = &r.budget;
        let at = |y: &i32| b.annual.get(y).copied().unwrap_or_default();
        let planned_past = r
            .past_years
            .iter()
            .filter_map(|y| b.planned_annual.get(y))
            .sum();
        let mut total = vec![
            Cell::new("Total"),
            Cell::new(amount(planned_past)),
            Cell::new(amount(b.delivered)),
        ];
        total.extend(r.remaining_years.iter().map(|y| Cell::new(amount(at(y)))));
        total.extend([
            Cell::new(amount(b.total)),
            Cell::new(amount(b.total)),
            Cell::new("0"),
        ]);
        table.add_row(total);
        let mut out = format!(
            "{}\n{} · objective {}\n{table}\n",
            replan_title(r),
            money_unit(&r.currency, &r.unit),
            r.objective
        );
        for note in &r.notes {
            out.push_str(note);
            out.push('\n');
        }
        out.push_str(&format!(
            "β = (horizon total + credited bilateral aid) / fair effort. New β from {:.3} to {:.3}.\n",
            r.metrics.min_burden_index, r.metrics.max_burden_index
        ));
        out.into_bytes()
    }
}
