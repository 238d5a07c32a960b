//! CSV helpers for the writer that streams rows (sweep): one record at a time through the
//! `csv` crate, every field first neutralised against formulas, ratios with six decimals.

/// A ratio for CSV: six decimals, empty when absent.
pub(super) fn num(v: Option<f64>) -> String {
    v.map_or(String::new(), |v| format!("{v:.6}"))
}

/// One record as CSV text: each field neutralised ([`escape::csv_text`](super::escape::csv_text))
/// and quoted by the `csv` writer where it needs it, ended by a line feed.
pub(super) fn record(fields: &[String]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let safe = fields.iter().map(|f| super::escape::csv_text(f));
    // Writing into memory cannot fail; an empty record would be the only outcome of it.
    let bytes = writer
        .write_record(safe)
        .ok()
        .and_then(|()| writer.into_inner().ok())
        .unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
