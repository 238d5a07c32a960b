//! The comparison as JSON: scenarios with their status, summary and diagnosis, and
//! every ally's figures per scenario (money as exact strings, ratios as numbers).

use super::CompareExporter;
use crate::compare::Comparison;

#[derive(Debug)]
pub struct CompareJson;

impl CompareExporter for CompareJson {
    fn render(&self, cmp: &Comparison) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(cmp).unwrap_or_default();
        out.push(b'\n');
        out
    }
}
