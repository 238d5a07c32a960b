//! JSON: the stable machine-readable plan (money as exact strings, years as keys).

use super::Exporter;
use crate::plan::Plan;

#[derive(Debug)]
pub struct Json;

impl Exporter for Json {
    fn render(&self, plan: &Plan) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(plan).unwrap_or_default();
        out.push(b'\n');
        out
    }
}
