//! A sweep as an aligned text table or a Markdown table. Column widths come from the
//! grid itself (its values are known before any variant runs), so rows are written as
//! they arrive, never held back to measure them.

use super::{counts_line, SweepExporter, SweepHead};
use crate::report::{amount, escape, percent, ratio};
use crate::sweep::{Counts, Row, RowOutcome};

#[derive(Debug)]
pub struct SweepText {
    pub head: SweepHead,
    /// Markdown pipes instead of plain spaces.
    pub pipes: bool,
}

/// A column: its header, its width, and whether it is a right-aligned number.
struct Col {
    name: String,
    width: usize,
    number: bool,
}

fn col(name: &str, width: usize, number: bool) -> Col {
    Col {
        name: name.to_string(),
        width: width.max(name.chars().count()),
        number,
    }
}

impl SweepText {
    fn columns(&self) -> Vec<Col> {
        let h = &self.head;
        let mut cols = vec![col("#", h.variants.to_string().len(), true)];
        for (p, w) in h.parameters.iter().zip(&h.value_widths) {
            cols.push(col(p, *w, false));
        }
        cols.push(col("status", 10, false));
        let id = h.id_width.max(4);
        let rest: Vec<Col> = if h.long {
            vec![
                col("ally", id, false),
                col("total", 11, true),
                col("budget %", 8, true),
                col("β", 6, true),
                col("% GDP", 6, true),
            ]
        } else {
            vec![
                col("max β", 6, true),
                col("min β", 6, true),
                col("pay nothing", 11, true),
                col("largest", id, false),
                col("share %", 7, true),
                col("sched. dev.", 11, true),
            ]
        };
        cols.extend(rest);
        cols.push(col("note", 0, false));
        if self.pipes {
            cols.iter_mut().for_each(|c| c.width = c.width.max(3));
        }
        cols
    }

    fn line(&self, cells: &[String]) -> String {
        let cols = self.columns();
        let last = cols.len() - 1;
        let escaped: Vec<String> = cells.iter().map(|t| self.escape(t)).collect();
        let texts: Vec<String> = cols
            .iter()
            .zip(&escaped)
            .enumerate()
            .map(
                |(i, (c, text))| match (c.number, i == last && !self.pipes) {
                    (_, true) => text.clone(),
                    (true, _) => format!("{text:>w$}", w = c.width),
                    (false, _) => format!("{text:<w$}", w = c.width),
                },
            )
            .collect();
        if self.pipes {
            format!("| {} |\n", texts.join(" | "))
        } else {
            format!("{}\n", texts.join("  ").trim_end())
        }
    }

    /// A text for this table: Markdown-escaped, or plain.
    fn escape(&self, text: &str) -> String {
        if self.pipes {
            escape::markdown(text)
        } else {
            escape::plain(text).into_owned()
        }
    }

    fn lead(&self, row: &Row) -> Vec<String> {
        let mut cells = vec![row.index.to_string()];
        cells.extend(row.values.iter().cloned());
        cells.push(row.status().name().to_string());
        cells
    }
}

impl SweepExporter for SweepText {
    fn begin(&mut self) -> Vec<u8> {
        let h = &self.head;
        let money = self.escape(format!("{} {}", h.currency, h.unit).trim());
        let s = if h.variants == 1 { "" } else { "s" };
        let facts = format!(
            "{} variant{s} of {} · amounts in {money}",
            h.variants,
            self.escape(&h.file)
        );
        let cols = self.columns();
        let names: Vec<String> = cols.iter().map(|c| c.name.clone()).collect();
        let mut out = if self.pipes {
            format!("## Sweep: {}\n\n{facts}.\n\n", self.escape(&h.title))
        } else {
            format!("{}\n{facts}\n", self.escape(&h.title))
        };
        out.push_str(&self.line(&names));
        if self.pipes {
            let rule: Vec<String> = cols
                .iter()
                .map(|c| {
                    let dashes = "-".repeat(c.width - 1);
                    if c.number {
                        format!("{dashes}:")
                    } else {
                        format!(":{dashes}")
                    }
                })
                .collect();
            out.push_str(&format!("| {} |\n", rule.join(" | ")));
        }
        out.into_bytes()
    }

    fn row(&mut self, row: &Row) -> Vec<u8> {
        let blanks = if self.head.long { 5 } else { 6 };
        match &row.outcome {
            RowOutcome::Unplanned { reasons, .. } => {
                let mut cells = self.lead(row);
                cells.extend(vec![String::new(); blanks]);
                let reason = reasons
                    .first()
                    .map_or(String::new(), |r| r.replace('\n', " "));
                cells.push(reason);
                self.line(&cells).into_bytes()
            }
            RowOutcome::Planned { summary: s, .. } if !self.head.long => {
                let mut cells = self.lead(row);
                cells.extend([
                    format!("{:.3}", s.max_burden_index),
                    format!("{:.3}", s.min_burden_index),
                    s.zero_payers.to_string(),
                    s.largest_payer.clone(),
                    percent(Some(s.largest_share), 2),
                    format!("{:.3}", s.schedule_deviation),
                    String::new(),
                ]);
                self.line(&cells).into_bytes()
            }
            RowOutcome::Planned { allies, .. } => {
                let mut out = String::new();
                for a in allies {
                    let f = &a.figures;
                    let mut cells = self.lead(row);
                    cells.extend([
                        a.id.clone(),
                        amount(f.total),
                        percent(Some(f.budget_share), 2),
                        ratio(f.burden_index, 3),
                        ratio(f.gdp_pct, 3),
                        String::new(),
                    ]);
                    out.push_str(&self.line(&cells));
                }
                out.into_bytes()
            }
        }
    }

    fn end(&mut self, counts: &Counts) -> Vec<u8> {
        let counts = counts_line(counts);
        let beta = "β = (new contribution + credited bilateral aid) / fair effort; 1.000 is exactly the fair share.";
        if self.pipes {
            format!("\n{counts}. {beta}\n").into_bytes()
        } else {
            format!("{counts}. {beta}\n").into_bytes()
        }
    }
}
