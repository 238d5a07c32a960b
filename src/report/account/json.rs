//! JSON: tracking and re-planning results, machine-readable (money as exact strings,
//! ratios as numbers, years as keys).

use super::AccountExporter;
use crate::replan::Replan;
use crate::track::Track;

#[derive(Debug)]
pub struct Json;

fn pretty<T: serde::Serialize>(value: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(value).unwrap_or_default();
    out.push(b'\n');
    out
}

impl AccountExporter for Json {
    fn track(&self, track: &Track) -> Vec<u8> {
        pretty(track)
    }

    fn replan(&self, replan: &Replan) -> Vec<u8> {
        pretty(replan)
    }
}
