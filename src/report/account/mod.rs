//! Accountability results (tracking and re-planning) in JSON: each result's serde
//! contract. Every other format renders the result's document (`report::build::track`
//! and `report::build::replan`).

mod json;

pub use json::{replan_json, track_json};
