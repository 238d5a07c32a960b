//! The comparison as JSON: scenarios with their status, summary and diagnosis, and
//! every ally's figures per scenario (money as exact strings, ratios as numbers).

use crate::compare::Comparison;

/// The JSON contract of DESIGN.md, pretty-printed, with a final newline.
pub fn render(cmp: &Comparison) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(cmp).unwrap_or_default();
    out.push(b'\n');
    out
}
