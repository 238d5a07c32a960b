//! The JSON Schema of the scenario format, generated from the raw serde types (so it
//! follows the format), with the fields read before them (`extends`, `allies_from`) and
//! a description of every field, for editors that complete and check scenarios.

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::{json, Map, Value};

use super::schema::{Num, RawScenario};

/// The title of the schema.
pub(super) const TITLE: &str = "burden scenario";

impl JsonSchema for Num {
    fn schema_name() -> Cow<'static, str> {
        "Number".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An exact decimal number, written as a number or as text",
            "type": ["number", "string"]
        })
    }
}

/// Descriptions of the top-level fields.
const TOP: &[(&str, &str)] = &[
    ("scenario", "Title of the scenario"),
    ("currency", "Currency every amount is in, e.g. EUR"),
    ("unit", "Unit of every amount, e.g. million"),
    (
        "years",
        "Consecutive years of the plan, e.g. [2025, 2026, 2027]",
    ),
    (
        "budget",
        "The budget: total, profile over the years, rounding unit",
    ),
    (
        "key",
        "The key: indicator weights, floor and ceiling of key shares",
    ),
    (
        "bilateral_credit",
        "Fraction of bilateral aid that counts toward the fair share",
    ),
    (
        "smoothing",
        "Most year-on-year change, as a fraction of the ally's mean year",
    ),
    ("objective", "leximin (default), minimax or l1"),
    (
        "indicators",
        "Units of indicators, e.g. {gdp: {currency: USD, unit: billion}}",
    ),
    (
        "fx",
        "Value of one unit of another currency in the plan currency, e.g. {USD: 0.93}",
    ),
    (
        "allies",
        "The allies; in a derived scenario or over a table, entries merge by id",
    ),
    (
        "mode",
        "fund (default) plans a fund; pledge scores each ally's effort against a yearly target",
    ),
    (
        "target",
        "With mode: pledge, the yearly target of total effort (a scalar is every year)",
    ),
    (
        "bilateral_baseline",
        "How bilateral aid comes from each ally's bilateral_history, e.g. {average: [2022, 2023]}",
    ),
    (
        "credit_cap",
        "Credited bilateral aid counts at most up to this fraction of the ally's fair effort",
    ),
    (
        "credit_effect",
        "enlarges_pot (default): credit adds to the pot; reduces_fund: credit lowers the ally's payment and the fund shrinks by it",
    ),
];

/// Descriptions of an ally's fields.
const ALLY: &[(&str, &str)] = &[
    ("id", "A unique short code (ISO 3166 alpha-3 for countries)"),
    ("name", "The ally's name"),
    (
        "indicators",
        "Indicators, e.g. {gdp: 27360} or per year {gdp: {2025: 27360}}",
    ),
    (
        "bilateral",
        "Bilateral aid: a horizon total, or per year {2025: 12000}",
    ),
    ("credit", "The ally's own credit rate for bilateral aid"),
    ("share", "Its key share, with key: {weights: explicit}"),
    ("min", "Least total contribution"),
    ("max", "Most total contribution"),
    ("max_gdp_pct", "Per year at most this % of that year's GDP"),
    (
        "pledged",
        "Per-year minimum already announced, e.g. {2025: 3000}",
    ),
    (
        "remove",
        "In a derived scenario: drop this ally of the base",
    ),
    (
        "participation",
        "full (default), opt_out (pays nothing, its share spread over the others) or abstain (pays into a separate envelope)",
    ),
    (
        "max_fund_share",
        "Most new contribution, as a fraction of the fund's total (a cap after credit)",
    ),
    (
        "bilateral_history",
        "Bilateral aid per past year, e.g. {2023: 1200, 2024: 1500}, for bilateral_baseline",
    ),
];

/// The JSON Schema (draft 7, which editors read most widely) of a scenario file.
pub fn scenario_schema() -> Value {
    let generator = SchemaSettings::draft07().into_generator();
    let mut value = generator.into_root_schema_for::<RawScenario>().to_value();
    if let Some(root) = value.as_object_mut() {
        root.insert("title".into(), json!(TITLE));
        root.insert(
            "description".into(),
            json!("A burden scenario: allies, a budget over years, and the rules of fairness"),
        );
        if let Some(Value::Object(props)) = root.get_mut("properties") {
            describe(props, TOP);
            props.insert(
                "extends".into(),
                json!({"type": "string", "description": "A base scenario this one derives from, relative to this file"}),
            );
            props.insert("allies_from".into(), allies_from());
        }
    }
    if let Some(Value::Object(ally)) = value.pointer_mut("/definitions/RawAlly/properties") {
        describe(ally, ALLY);
    }
    value
}

fn allies_from() -> Value {
    json!({
        "description": "A CSV or Excel table of the allies (one a row; columns id, name, gdp or gdp_2025…, bilateral_2025…, min, max…), relative to this file; entries under allies merge over it by id",
        "anyOf": [
            {"type": "string"},
            {
                "type": "object",
                "properties": {
                    "file": {"type": "string", "description": "The table file (.csv or .xlsx)"},
                    "sheet": {"type": "string", "description": "The sheet of a workbook (default: the first)"}
                },
                "required": ["file"],
                "additionalProperties": false
            }
        ]
    })
}

fn describe(props: &mut Map<String, Value>, descriptions: &[(&str, &str)]) {
    for (name, text) in descriptions {
        if let Some(Value::Object(field)) = props.get_mut(*name) {
            field.insert("description".into(), json!(text));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_knows_every_field_of_the_format() {
        let schema = scenario_schema();
        let top = schema["properties"].as_object().expect("properties");
        for key in super::super::schema::TOP_KEYS {
            assert!(top.contains_key(*key), "{key}");
        }
        assert!(top.contains_key("allies_from"));
        assert_eq!(schema["additionalProperties"], json!(false));
        let ally = schema
            .pointer("/definitions/RawAlly/properties")
            .and_then(Value::as_object)
            .expect("ally properties");
        for key in super::super::schema::ALLY_KEYS {
            assert!(ally.contains_key(*key), "{key}");
            assert!(ally[*key].get("description").is_some(), "{key}");
        }
    }
}
