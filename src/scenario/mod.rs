//! Scenarios: the YAML format, its loading (with `extends` and `--set`) and validation.

use std::fmt;

use itertools::Itertools;

mod input;
mod json_schema;
pub mod limits;
mod load;
pub mod schema;
mod set;
pub mod table;
pub mod tree;
pub mod types;
mod validate;
mod yaml;

#[cfg(test)]
mod derived_tests;

pub use json_schema::scenario_schema;
pub use load::{load, load_str, read_input, read_tree, source_notes, Document};
pub use set::{parse_set, Override};
pub use tree::Origin;
pub use types::{
    unit_factor, Ally, CreditEffect, KeyBasis, KeyGroup, KeyRule, Mode, Objective, Participation,
    Profile, Scenario,
};
pub use yaml::parse_yaml;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem with a scenario: where, which field, what, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub origin: Option<Origin>,
    pub path: String,
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    pub fn new(severity: Severity, path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            severity,
            origin: None,
            path: path.into(),
            message: message.into(),
            hint: None,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(origin) = &self.origin {
            write!(f, "{origin}: ")?;
        }
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: ")?;
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        write!(f, "{}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Input that could not be read — a scenario, a table of allies, an actuals file: every
/// problem found, errors first. One type for every input, so each is reported alike.
#[derive(Debug, thiserror::Error)]
pub struct InvalidInput {
    pub problems: Vec<Problem>,
}

/// A scenario that could not be read.
pub type InvalidScenario = InvalidInput;

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.problems.iter().join("\n"))
    }
}

/// A loaded scenario with the warnings found while checking it.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub scenario: Scenario,
    pub warnings: Vec<Problem>,
    /// The source notes: the comment block at the top of the scenario file.
    pub notes: Vec<String>,
}
