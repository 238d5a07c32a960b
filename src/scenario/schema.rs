//! Raw scenario types as written in YAML (serde, unknown fields rejected) and the table
//! of known field names used to catch typos and to check `--set` paths.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

use super::tree::{Kind, Node};

/// What a [`Num`] holds when a list was written where a number belongs.
pub const LIST: &str = "\u{0}list";
/// What a [`Num`] holds when a map was written where a number belongs.
pub const MAP: &str = "\u{0}map";

/// A number as written: its exact source text, parsed to a decimal during validation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Num(pub String);

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Num;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Num, E> {
                Ok(Num(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Num, E> {
                Ok(Num(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Num, E> {
                Ok(Num(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Num, E> {
                Ok(Num(v.to_string()))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Num, E> {
                Ok(Num(v.to_string()))
            }
            // A list or map where a number belongs is kept, so that validation reports it
            // with every other problem instead of stopping at it.
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Num, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Num(LIST.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Num, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Num(MAP.to_string()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A value given once for the whole horizon or per year (`{2025: 10, 2026: 12}`).
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum PerYear {
    Map(BTreeMap<String, Num>),
    Scalar(Num),
}

#[derive(Clone, Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub scenario: Option<String>,
    pub currency: Option<String>,
    pub unit: Option<String>,
    pub years: Option<Vec<Num>>,
    pub budget: Option<RawBudget>,
    pub key: Option<RawKey>,
    pub bilateral_credit: Option<Num>,
    pub smoothing: Option<Num>,
    pub objective: Option<String>,
    pub indicators: Option<BTreeMap<String, RawIndicatorUnit>>,
    /// Exchange rates: one per currency, or per year (`{USD: {2025: 0.93, …}}`).
    pub fx: Option<BTreeMap<String, PerYear>>,
    pub allies: Option<Vec<RawAlly>>,
    pub mode: Option<String>,
    pub target: Option<PerYear>,
    pub bilateral_baseline: Option<RawBaseline>,
    pub credit_cap: Option<Num>,
    pub credit_effect: Option<String>,
}

/// How the bilateral baseline is taken from each ally's `bilateral_history`.
#[derive(Clone, Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBaseline {
    /// The years of the history whose average is the aid of every scenario year.
    pub average: Option<Vec<Num>>,
}

#[derive(Clone, Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBudget {
    pub total: Option<Num>,
    pub profile: Option<RawProfile>,
    pub rounding: Option<Num>,
}

#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum RawProfile {
    Word(String),
    Weights(Vec<Num>),
    Amounts(BTreeMap<String, Num>),
}

#[derive(Clone, Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawKey {
    pub weights: Option<RawWeights>,
    pub floor: Option<Num>,
    pub ceiling: Option<Num>,
    pub relative_caps: Option<Vec<RawRelativeCap>>,
    pub groups: Option<Vec<RawGroup>>,
}

/// `{ally: USA, at_most: DEU}`: the first ally's key share at most the second's.
#[derive(Clone, Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRelativeCap {
    pub ally: Option<String>,
    pub at_most: Option<String>,
}

/// A named group of allies with a floor and/or a ceiling on the sum of their shares.
#[derive(Clone, Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    pub name: Option<String>,
    pub allies: Option<Vec<String>>,
    pub floor: Option<Num>,
    pub ceiling: Option<Num>,
}

#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum RawWeights {
    Word(String),
    Blend(BTreeMap<String, Num>),
}

#[derive(Clone, Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawIndicatorUnit {
    pub currency: Option<String>,
    pub unit: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAlly {
    pub id: Option<String>,
    pub name: Option<String>,
    pub indicators: Option<BTreeMap<String, PerYear>>,
    pub bilateral: Option<PerYear>,
    pub credit: Option<Num>,
    pub share: Option<PerYear>,
    pub min: Option<Num>,
    pub max: Option<Num>,
    pub max_gdp_pct: Option<Num>,
    pub pledged: Option<PerYear>,
    pub remove: Option<bool>,
    pub participation: Option<String>,
    pub max_fund_share: Option<Num>,
    pub bilateral_history: Option<BTreeMap<String, Num>>,
}

pub const TOP_KEYS: &[&str] = &[
    "scenario",
    "currency",
    "unit",
    "years",
    "budget",
    "key",
    "bilateral_credit",
    "smoothing",
    "objective",
    "indicators",
    "fx",
    "allies",
    "extends",
    "mode",
    "target",
    "bilateral_baseline",
    "credit_cap",
    "credit_effect",
];
pub const BUDGET_KEYS: &[&str] = &["total", "profile", "rounding"];
pub const KEY_KEYS: &[&str] = &["weights", "floor", "ceiling", "relative_caps", "groups"];
pub const UNIT_KEYS: &[&str] = &["currency", "unit"];
pub const ALLY_KEYS: &[&str] = &[
    "id",
    "name",
    "indicators",
    "bilateral",
    "credit",
    "share",
    "min",
    "max",
    "max_gdp_pct",
    "pledged",
    "remove",
    "participation",
    "max_fund_share",
    "bilateral_history",
];

/// A serde message about a value of the wrong kind, in the words of the format.
pub fn readable(message: &str) -> String {
    if message.contains("untagged enum PerYear") {
        return "expected a number or a map of {year: number}".to_string();
    }
    if message.contains("untagged enum RawProfile") {
        return "expected even, a list of weights, or a map of {year: amount}".to_string();
    }
    if message.contains("untagged enum RawWeights") {
        return "expected a map of {indicator: weight} or the word explicit".to_string();
    }
    // serde says "invalid type: string \"2025\", expected a sequence".
    if let Some((found, expected)) = message
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        let expected = if expected.starts_with("struct ") {
            "a map of fields".to_string()
        } else {
            expected.replace("a sequence", "a list")
        };
        let found = found.replace("sequence", "list").replace("string ", "");
        return format!("expected {expected}, found {found}");
    }
    message.to_string()
}

/// The known field names below a path (`None` where any name is allowed).
pub fn known_keys(path: &[&str]) -> Option<&'static [&'static str]> {
    match path {
        [] => Some(TOP_KEYS),
        ["budget"] => Some(BUDGET_KEYS),
        ["key"] => Some(KEY_KEYS),
        ["indicators", _] => Some(UNIT_KEYS),
        ["allies", _] => Some(ALLY_KEYS),
        _ => None,
    }
}

/// A field name the user may have meant: the known name at the smallest edit distance,
/// counting a swap of two neighbouring letters as one edit (optimal string alignment);
/// ties go to the name of the same length, then to the most similar by Jaro–Winkler.
pub fn suggest(name: &str, known: &[&str]) -> Option<String> {
    let length = name.chars().count();
    known
        .iter()
        .map(|k| {
            let distance = strsim::osa_distance(name, k);
            let gap = length.abs_diff(k.chars().count());
            (distance, gap, strsim::jaro_winkler(name, k), *k)
        })
        .filter(|(d, _, _, k)| *d <= 2.max(k.chars().count() / 3))
        .min_by(|a, b| {
            (a.0, a.1)
                .cmp(&(b.0, b.1))
                .then(b.2.total_cmp(&a.2))
                .then(a.3.cmp(b.3))
        })
        .map(|(_, _, _, k)| k.to_string())
}

/// An unknown field: where it is, its path, and the nearest known name.
#[derive(Debug)]
pub struct UnknownField {
    pub node_origin: super::tree::Origin,
    pub path: String,
    pub name: String,
    pub suggestion: Option<String>,
}

/// Every field name in the document that the format does not know.
pub fn unknown_fields(root: &Node) -> Vec<UnknownField> {
    let mut found = Vec::new();
    walk(root, &mut Vec::new(), String::new(), &mut found);
    found
}

fn walk(node: &Node, shape: &mut Vec<&'static str>, path: String, found: &mut Vec<UnknownField>) {
    match &node.kind {
        Kind::Map(entries) => {
            let known = known_keys(shape);
            for entry in entries {
                let child = join(&path, &entry.key);
                match known {
                    Some(known) if !known.contains(&entry.key.as_str()) => {
                        found.push(UnknownField {
                            node_origin: entry.key_origin.clone(),
                            path: child,
                            name: entry.key.clone(),
                            suggestion: suggest(&entry.key, known),
                        });
                        continue;
                    }
                    _ => {}
                }
                let step = match (shape.as_slice(), entry.key.as_str()) {
                    ([], "budget") => Some("budget"),
                    ([], "key") => Some("key"),
                    ([], "indicators") => Some("indicators"),
                    (["indicators"], _) => Some("*"),
                    ([], "allies") => Some("allies"),
                    _ => None,
                };
                if let Some(step) = step {
                    shape.push(step);
                    walk(&entry.value, shape, child, found);
                    shape.pop();
                }
            }
        }
        Kind::Seq(items) if shape.as_slice() == ["allies"] => {
            for (i, item) in items.iter().enumerate() {
                shape.push("*");
                walk(item, shape, format!("{path}[{i}]"), found);
                shape.pop();
            }
        }
        _ => {}
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_name() {
        assert_eq!(
            suggest("bilateral_credt", TOP_KEYS).as_deref(),
            Some("bilateral_credit")
        );
        assert_eq!(suggest("celing", KEY_KEYS).as_deref(), Some("ceiling"));
        assert_eq!(suggest("zzzzzz", KEY_KEYS), None);
        // A swap of two letters is one edit: `nmae` is `name`, not `max`.
        assert_eq!(suggest("nmae", ALLY_KEYS).as_deref(), Some("name"));
        assert_eq!(suggest("mxa", ALLY_KEYS).as_deref(), Some("max"));
        assert_eq!(suggest("smoothign", TOP_KEYS).as_deref(), Some("smoothing"));
        assert_eq!(suggest("totl", BUDGET_KEYS).as_deref(), Some("total"));
    }
}
