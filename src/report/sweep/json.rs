//! A sweep as JSON: the scenario and parameters, then one object per variant in grid
//! order (written as each arrives), then the counts. Money as exact strings.

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::{SweepExporter, SweepHead};
use crate::sweep::{Counts, Row, RowOutcome};

#[derive(Debug)]
pub(super) struct SweepJson {
    pub head: SweepHead,
    pub rows: usize,
}

fn text<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// A variant with its parameters in grid order.
struct Variant<'a> {
    row: &'a Row,
    parameters: &'a [String],
    long: bool,
}

impl Serialize for Variant<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("index", &self.row.index)?;
        map.serialize_entry("values", &Values(self.parameters, &self.row.values))?;
        map.serialize_entry("status", &self.row.status())?;
        match &self.row.outcome {
            RowOutcome::Planned { summary, allies } => {
                map.serialize_entry("summary", summary)?;
                if self.long {
                    map.serialize_entry("allies", allies)?;
                }
            }
            RowOutcome::Unplanned { reasons, .. } => map.serialize_entry("diagnosis", reasons)?,
        }
        map.end()
    }
}

struct Values<'a>(&'a [String], &'a [String]);

impl Serialize for Values<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0.iter().zip(self.1) {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl SweepExporter for SweepJson {
    fn begin(&mut self) -> Vec<u8> {
        let h = &self.head;
        format!(
            "{{\n  \"scenario\": {},\n  \"file\": {},\n  \"currency\": {},\n  \"unit\": {},\n  \"parameters\": {},\n  \"long\": {},\n  \"variants\": [",
            text(&h.title),
            text(&h.file),
            text(&h.currency),
            text(&h.unit),
            text(&h.parameters),
            h.long
        )
        .into_bytes()
    }

    fn row(&mut self, row: &Row) -> Vec<u8> {
        let variant = Variant {
            row,
            parameters: &self.head.parameters,
            long: self.head.long,
        };
        let sep = if self.rows == 0 { "" } else { "," };
        self.rows += 1;
        format!("{sep}\n    {}", text(&variant)).into_bytes()
    }

    fn end(&mut self, counts: &Counts) -> Vec<u8> {
        format!("\n  ],\n  \"counts\": {}\n}}\n", text(counts)).into_bytes()
    }
}
