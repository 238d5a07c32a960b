//! CSV helpers for the writers that stream rows (sweep) or have not moved to the document
//! model yet: fields neutralised and quoted, ratios with six decimals.

use itertools::Itertools;

/// Rows as CSV text, each field quoted when it needs it.
pub(super) fn write_rows(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = String::new();
    for row in rows {
        out.push_str(&row.iter().map(|f| field(f)).join(","));
        out.push('\n');
    }
    out.into_bytes()
}

/// A ratio for CSV: six decimals, empty when absent.
pub(super) fn num(v: Option<f64>) -> String {
    v.map_or(String::new(), |v| format!("{v:.6}"))
}

/// A field as CSV writes it: neutralised and quoted when it needs it
/// ([`escape::csv`](super::escape::csv)).
pub(super) fn field(text: &str) -> String {
    super::escape::csv(text)
}
