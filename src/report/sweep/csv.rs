//! A sweep as CSV: one row per variant with its parameters and metrics, or with the
//! long table one row per variant and ally. A variant without a plan is one row with
//! its status and diagnosis.

use super::{SweepExporter, SweepHead};
use crate::report::csv::{num, record};
use crate::sweep::{Counts, Row, RowOutcome};

#[derive(Debug)]
pub(super) struct SweepCsv {
    pub head: SweepHead,
}

const SUMMARY: [&str; 7] = [
    "max_burden_index",
    "min_burden_index",
    "zero_payers",
    "largest_payer",
    "largest_share",
    "schedule_deviation",
    "diagnosis",
];
const LONG: [&str; 6] = [
    "ally",
    "total",
    "budget_share",
    "burden_index",
    "gdp_pct",
    "diagnosis",
];

impl SweepCsv {
    /// A `fund` column before the diagnosis, in the summary table of a sweep whose
    /// variants may reduce the fund.
    fn fund_column(&self) -> bool {
        self.head.fund && !self.head.long
    }
}

impl SweepExporter for SweepCsv {
    fn begin(&mut self) -> Vec<u8> {
        let mut header = vec!["index".to_string()];
        header.extend(self.head.parameters.iter().cloned());
        header.push("status".to_string());
        let rest: &[&str] = if self.head.long { &LONG } else { &SUMMARY };
        header.extend(rest.iter().map(|h| h.to_string()));
        if self.fund_column() {
            header.insert(header.len() - 1, "fund".to_string());
        }
        record(&header).into_bytes()
    }

    fn row(&mut self, row: &Row) -> Vec<u8> {
        let mut lead = vec![row.index.to_string()];
        lead.extend(row.values.iter().cloned());
        lead.push(row.status().name().to_string());
        let width = if self.head.long {
            LONG.len()
        } else {
            SUMMARY.len() + usize::from(self.fund_column())
        };
        match &row.outcome {
            RowOutcome::Unplanned { reasons, .. } => {
                let mut fields = lead;
                fields.extend(vec![String::new(); width - 1]);
                fields.push(reasons.join("; "));
                record(&fields).into_bytes()
            }
            RowOutcome::Planned { summary: s, .. } if !self.head.long => {
                let mut fields = lead;
                fields.extend([
                    num(Some(s.max_burden_index)),
                    num(Some(s.min_burden_index)),
                    s.zero_payers.to_string(),
                    s.largest_payer.clone(),
                    num(Some(s.largest_share)),
                    num(Some(s.schedule_deviation)),
                ]);
                if self.fund_column() {
                    fields.push(s.fund.map(|f| f.to_string()).unwrap_or_default());
                }
                fields.push(String::new());
                record(&fields).into_bytes()
            }
            RowOutcome::Planned { allies, .. } => {
                let mut out = String::new();
                for a in allies {
                    let f = &a.figures;
                    let mut fields = lead.clone();
                    fields.extend([
                        a.id.clone(),
                        f.total.to_string(),
                        num(Some(f.budget_share)),
                        num(f.burden_index),
                        num(f.gdp_pct),
                        String::new(),
                    ]);
                    out.push_str(&record(&fields));
                }
                out.into_bytes()
            }
        }
    }

    fn end(&mut self, _counts: &Counts) -> Vec<u8> {
        Vec::new()
    }
}
