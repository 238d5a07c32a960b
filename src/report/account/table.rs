//! Terminal tables for tracking and re-planning. Colour only when asked for.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, Color, ContentArrangement, Table as Grid};

use super::{
    alliance_rows, bilateral_line, money_unit, replan_rows, replan_title, status_line, track_rows,
    track_title, AccountExporter, ReplanStyle,
};
use crate::replan::Replan;
use crate::report::escape::plain;
use crate::track::Track;

#[derive(Debug)]
pub struct Table {
    pub color: bool,
}

impl Table {
    /// A grid of the rows (the first is the header); columns are right-aligned except
    /// those in `left`; a `status` column is coloured when colour is on.
    fn grid(&self, rows: Vec<Vec<String>>, left: &[usize], status: Option<usize>) -> Grid {
        let mut grid = Grid::new();
        grid.load_preset(UTF8_FULL_CONDENSED);
        grid.set_content_arrangement(ContentArrangement::Dynamic);
        let mut rows = rows.into_iter();
        let header = rows.next().unwrap_or_default();
        let columns = header.len();
        grid.set_header(header);
        for row in rows {
            let cells = row.into_iter().enumerate().map(|(c, text)| {
                let text = plain(&text).into_owned();
                let colour = match text.as_str() {
                    "behind" => Some(Color::Yellow),
                    "ahead" => Some(Color::Cyan),
                    _ => None,
                };
                match colour.filter(|_| self.color && status == Some(c)) {
                    Some(colour) => Cell::new(text).fg(colour),
                    None => Cell::new(text),
                }
            });
            grid.add_row(cells.collect::<Vec<Cell>>());
        }
        for i in (0..columns).filter(|i| !left.contains(i)) {
            if let Some(col) = grid.column_mut(i) {
                col.set_cell_alignment(CellAlignment::Right);
            }
        }
        grid
    }
}

impl AccountExporter for Table {
    fn track(&self, t: &Track) -> Vec<u8> {
        let allies = self.grid(track_rows(t, |a| a.id.clone()), &[0, 1, 7], Some(7));
        let years = self.grid(alliance_rows(t, "Total"), &[0, 5], Some(5));
        let bilateral = bilateral_line(t).map_or_else(String::new, |l| format!("{l}\n"));
        format!(
            "{}\n{} · difference = delivered − planned\n{allies}\n{}\n{bilateral}The alliance against the annual budgets:\n{years}\n",
            plain(&track_title(t)),
            plain(&money_unit(&t.currency, &t.unit)),
            status_line(t),
        )
        .into_bytes()
    }

    fn replan(&self, r: &Replan) -> Vec<u8> {
        let style = ReplanStyle {
            label: |a| a.id.clone(),
            bold: |s| s,
            binding: true,
        };
        let rows = replan_rows(r, &style);
        let binding = rows[0].len() - 1;
        let table = self.grid(rows, &[0, binding], None);
        let mut out = format!(
            "{}\n{} · objective {}\n{table}\n",
            plain(&replan_title(r)),
            plain(&money_unit(&r.currency, &r.unit)),
            r.objective
        );
        for note in &r.notes {
            out.push_str(&plain(note));
            out.push('\n');
        }
        out.push_str(&format!(
            "β = (horizon total + credited bilateral aid) / fair effort. New β from {:.3} to {:.3}.\n",
            r.metrics.min_burden_index, r.metrics.max_burden_index
        ));
        out.into_bytes()
    }
}
