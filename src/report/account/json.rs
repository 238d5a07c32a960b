//! JSON: tracking and re-planning results, machine-readable (money as exact strings,
//! ratios as numbers, years as keys).

use crate::replan::Replan;
use crate::track::Track;

fn pretty<T: serde::Serialize>(value: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(value).unwrap_or_default();
    out.push(b'\n');
    out
}

/// The tracking result as JSON.
pub fn track_json(track: &Track) -> Vec<u8> {
    pretty(track)
}

/// The re-plan as JSON.
pub fn replan_json(replan: &Replan) -> Vec<u8> {
    pretty(replan)
}
