//! The constraints that hold with equality in a plan ("binding"), as one type: the
//! planner finds them, the plan carries them, and every output names them — by their
//! code in JSON and CSV (`max`, `pledged:2025`), in words for people (`maximum`,
//! `pledge 2025`).

use std::cmp::Ordering;
use std::fmt;

use serde::{Serialize, Serializer};

/// One binding constraint of an ally.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Binding {
    /// Its minimum total.
    Min,
    /// Its maximum total (also a cap on its share of the fund).
    Max,
    /// Its pledge of a year.
    Pledged(i32),
    /// Its GDP cap of a year.
    GdpCap(i32),
    /// The smoothing limit on its step into a year.
    Smoothing(i32),
    /// Its credited aid covers its fair share: it pays nothing new.
    CreditCoversShare,
    /// Credit that reduces the fund was cut at its fair share of a year.
    CreditCoversYear(i32),
    /// Its key share is at the key's floor or ceiling.
    KeyFloor,
    KeyCeiling,
    /// The credit cap cut its credit.
    CreditCap,
    /// It opts out and pays nothing.
    OptOut,
    /// It abstains: its amount goes into a separate envelope.
    SeparateEnvelope,
}

impl Binding {
    /// The constraint's kind, as the code names it before any year: `pledged`.
    pub fn kind(&self) -> &'static str {
        match self {
            Binding::Min => "min",
            Binding::Max => "max",
            Binding::Pledged(_) => "pledged",
            Binding::GdpCap(_) => "gdp_cap",
            Binding::Smoothing(_) => "smoothing",
            Binding::CreditCoversShare => "credit_covers_share",
            Binding::CreditCoversYear(_) => "credit_covers_year",
            Binding::KeyFloor => "key_floor",
            Binding::KeyCeiling => "key_ceiling",
            Binding::CreditCap => "credit_cap",
            Binding::OptOut => "opt_out",
            Binding::SeparateEnvelope => "separate_envelope",
        }
    }

    /// The year of a per-year constraint.
    pub fn year(&self) -> Option<i32> {
        match self {
            Binding::Pledged(y)
            | Binding::GdpCap(y)
            | Binding::Smoothing(y)
            | Binding::CreditCoversYear(y) => Some(*y),
            _ => None,
        }
    }

    /// Whether it is a limit of the key (floor or ceiling) rather than of the plan.
    pub fn is_key(&self) -> bool {
        matches!(self, Binding::KeyFloor | Binding::KeyCeiling)
    }

    /// The machine code: `max`, `pledged:2025`.
    pub fn code(&self) -> String {
        match self.year() {
            Some(y) => format!("{}:{y}", self.kind()),
            None => self.kind().to_string(),
        }
    }

    /// In plain words: `maximum`, `pledge 2025`.
    pub fn words(&self) -> String {
        let words = match self {
            Binding::Min => "minimum",
            Binding::Max => "maximum",
            Binding::Pledged(_) => "pledge",
            Binding::GdpCap(_) => "GDP cap",
            Binding::Smoothing(_) => "smoothing",
            Binding::CreditCoversShare => "credited aid covers the fair share",
            Binding::CreditCoversYear(_) => "credit at the fair share",
            Binding::KeyFloor => "key floor",
            Binding::KeyCeiling => "key ceiling",
            Binding::CreditCap => "credit cap",
            Binding::OptOut => "opts out",
            Binding::SeparateEnvelope => "pays into a separate envelope",
        };
        match self.year() {
            Some(y) => format!("{words} {y}"),
            None => words.to_string(),
        }
    }
}

impl fmt::Display for Binding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

/// Ordered by code, as sets of them are listed.
impl Ord for Binding {
    fn cmp(&self, other: &Self) -> Ordering {
        self.code().cmp(&other.code())
    }
}

impl PartialOrd for Binding {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for Binding {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.code())
    }
}

/// The codes of a list, separated by `sep`.
pub fn codes(bindings: &[Binding], sep: &str) -> String {
    bindings
        .iter()
        .map(Binding::code)
        .collect::<Vec<_>>()
        .join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_words() {
        assert_eq!(Binding::Pledged(2025).code(), "pledged:2025");
        assert_eq!(Binding::Pledged(2025).words(), "pledge 2025");
        assert_eq!(Binding::Max.words(), "maximum");
        assert_eq!(
            serde_json::to_string(&vec![Binding::GdpCap(2026), Binding::OptOut]).unwrap(),
            r#"["gdp_cap:2026","opt_out"]"#
        );
        assert!(Binding::KeyFloor.is_key() && !Binding::Min.is_key());
        let mut sorted = vec![Binding::Smoothing(2025), Binding::CreditCap, Binding::Max];
        sorted.sort();
        assert_eq!(codes(&sorted, " "), "credit_cap max smoothing:2025");
    }
}
