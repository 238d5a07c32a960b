//! Outputs of a comparison that are not a document: the JSON contract, and the money
//! unit the document states. Every other format renders
//! [`crate::report::build::compare`].

mod json;

use crate::compare::Comparison;

pub use self::json::render as json;

/// The money unit of the planned scenarios, with a note when they differ.
pub fn money_unit(cmp: &Comparison) -> String {
    let mut units: Vec<String> = cmp
        .scenarios
        .iter()
        .map(|c| format!("{} {}", c.currency, c.unit).trim().to_string())
        .collect();
    units.dedup();
    match units.len() {
        0 | 1 => format!("amounts in {}", units.concat()),
        _ => format!("amounts in different units: {}", units.join(", ")),
    }
}
