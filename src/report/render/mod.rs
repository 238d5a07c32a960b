//! Rendering a [`Document`]: one trait, one dispatch, one renderer per format. The text
//! formats share how a cell reads ([`cell_text`]); Markdown and LaTeX share the markup
//! skeleton ([`markup::Markup`], a blanket implementation), so each of them is only its
//! syntax. JSON is not rendered from a document: it is each result's serde contract.

mod csv;
mod html;
mod latex;
mod markdown;
mod markup;
mod terminal;
mod xlsx;

use super::doc::{Cell, Document, Kind};
use super::{ExportError, Format, Style};
use crate::money::{group_thousands, Money};

pub use self::terminal::terminal_width;

/// A format that turns a document into bytes.
pub trait Render {
    fn render(&self, doc: &Document, style: Style) -> Result<Vec<u8>, ExportError>;
}

impl Format {
    /// Renders a document in this format; JSON has no document form (each command
    /// writes its serde contract instead) and is refused here.
    pub fn render_document(self, doc: &Document, style: Style) -> Result<Vec<u8>, ExportError> {
        let renderer: &dyn Render = match self {
            Format::Table => &terminal::Terminal,
            Format::Csv => &csv::Csv,
            Format::Markdown => &markdown::Markdown,
            Format::Latex => &latex::Latex,
            Format::Html => &html::Html,
            Format::Xlsx => &xlsx::Xlsx,
            Format::Json => return Err(ExportError::NoDocument),
        };
        renderer.render(doc, style)
    }
}

/// A cell as the text formats show it: money with thousands separators, ratios and
/// percentages with the column's decimals, `–` for a ratio that does not exist.
pub fn cell_text(cell: &Cell, kind: Kind) -> String {
    match (cell, kind) {
        (Cell::Empty, Kind::Ratio { .. } | Kind::Index { .. } | Kind::Percent { .. }) => {
            "–".to_string()
        }
        (Cell::Empty, _) => String::new(),
        (Cell::Text(t), _) => t.clone(),
        (Cell::Coded { words, .. }, _) => words.clone(),
        (Cell::Money(m), Kind::Delta { places }) => signed(rounded(*m, places)),
        (Cell::Money(m), Kind::Money { places }) => group_thousands(rounded(*m, places), ','),
        (Cell::Money(m), _) => group_thousands(*m, ','),
        (Cell::Number(v), Kind::Percent { places }) => fixed(v * 100.0, places),
        (Cell::Number(v), Kind::Ratio { places } | Kind::Index { places }) => fixed(*v, places),
        (Cell::Number(v), Kind::Delta { places: Some(p) }) => signed_fixed(*v, p),
        (Cell::Number(v), Kind::Delta { .. }) if *v > 0.0 => format!("+{v}"),
        (Cell::Number(v), _) => format!("{v}"),
        (Cell::Integer(i), Kind::Delta { .. }) if *i > 0 => format!("+{i}"),
        (Cell::Integer(i), _) => i.to_string(),
    }
}

/// A totals cell: as [`cell_text`], but blank where there is nothing to add up.
pub fn total_text(cell: &Cell, kind: Kind) -> String {
    match cell {
        Cell::Empty => String::new(),
        other => cell_text(other, kind),
    }
}

/// A cell as CSV writes it: exact money, six decimals for ratios and fractions.
pub fn cell_raw(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) => t.clone(),
        Cell::Coded { code, .. } => code.clone(),
        Cell::Money(m) => m.to_string(),
        Cell::Number(v) => format!("{v:.6}"),
        Cell::Integer(i) => i.to_string(),
    }
}

fn rounded(m: Money, places: Option<u32>) -> Money {
    places.map_or(m, |p| m.round_dp(p))
}

fn signed(m: Money) -> String {
    let text = group_thousands(m, ',');
    if m > Money::ZERO {
        format!("+{text}")
    } else {
        text
    }
}

fn fixed(v: f64, places: u32) -> String {
    let text = format!("{v:.p$}", p = places as usize);
    // No "-0.000" for a value that rounds to zero.
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
        _ => text,
    }
}

/// A difference with its sign and `places` decimals; none for what rounds to zero.
fn signed_fixed(v: f64, places: u32) -> String {
    let text = fixed(v, places);
    if v > 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("+{text}")
    } else {
        text
    }
}

/// A column header with its unit where there is room: `Total (EUR million)`.
pub fn header_with_unit(name: &str, unit: Option<&str>) -> String {
    match unit {
        Some(u) => format!("{name} ({u})"),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_their_kind() {
        let m = |s: &str| Cell::Money(Money(s.parse().unwrap()));
        assert_eq!(
            cell_text(&m("1234567.5"), Kind::Money { places: None }),
            "1,234,567.5"
        );
        assert_eq!(
            cell_text(&m("1234.56"), Kind::Money { places: Some(0) }),
            "1,235"
        );
        assert_eq!(
            cell_text(&m("1200"), Kind::Delta { places: None }),
            "+1,200"
        );
        assert_eq!(cell_text(&m("-300"), Kind::Delta { places: None }), "-300");
        assert_eq!(cell_text(&m("0"), Kind::Delta { places: None }), "0");
        let delta = Kind::Delta { places: Some(3) };
        assert_eq!(cell_text(&Cell::Number(0.0184), delta), "+0.018");
        assert_eq!(cell_text(&Cell::Number(-0.1312), delta), "-0.131");
        assert_eq!(cell_text(&Cell::Number(0.0001), delta), "0.000");
        assert_eq!(
            cell_text(&Cell::Number(0.2534), Kind::Percent { places: 1 }),
            "25.3"
        );
        assert_eq!(
            cell_text(&Cell::Number(-0.0001), Kind::Ratio { places: 3 }),
            "0.000"
        );
        assert_eq!(cell_text(&Cell::Empty, Kind::Index { places: 3 }), "–");
        assert_eq!(cell_text(&Cell::Empty, Kind::Money { places: None }), "");
        assert_eq!(cell_raw(&Cell::Number(1.0 / 3.0)), "0.333333");
        assert_eq!(cell_raw(&m("1234.50")), "1234.5");
    }
}
