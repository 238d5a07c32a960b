//! CSV helpers for the writer that streams rows (sweep): fields neutralised and quoted,
//! ratios with six decimals.

/// A ratio for CSV: six decimals, empty when absent.
pub(super) fn num(v: Option<f64>) -> String {
    v.map_or(String::new(), |v| format!("{v:.6}"))
}

/// A field as CSV writes it: neutralised and quoted when it needs it
/// ([`escape::csv`](super::escape::csv)).
pub(super) fn field(text: &str) -> String {
    super::escape::csv(text)
}
