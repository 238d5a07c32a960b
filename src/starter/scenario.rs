//! The starter scenario of `burden init`: every field of the format with a comment,
//! the optional ones commented out, and three example allies or an allies table.

use std::path::Path;

use super::yaml_text;
use crate::scenario::table::{summary, Summary};
use crate::scenario::InvalidScenario;

/// An allies table for the starter: where the scenario will name it, where it is now,
/// and the sheet of a workbook.
#[derive(Clone, Debug)]
pub struct TableRef<'a> {
    /// The path as the scenario will write it (relative to the scenario's folder).
    pub written: &'a str,
    /// The path to read it from now.
    pub path: &'a Path,
    pub sheet: Option<&'a str>,
}

/// Why no starter could be written around a table.
#[derive(Debug, thiserror::Error)]
pub enum StarterError {
    #[error("{0}")]
    Table(#[from] InvalidScenario),
    #[error("the table {0} has no allies: no row with an id")]
    NoAllies(String),
    #[error("the table {0} has no indicator column (such as gdp or gdp_2026) and no share column to key the contributions on")]
    NoKey(String),
    #[error("the years of the table's columns are not consecutive: {0}")]
    Years(String),
}

const HEAD: &str = "\
# A new burden scenario. Change what you need, then
#   burden validate THIS-FILE
#   burden solve THIS-FILE
# Every amount is in the scenario's currency and unit and is read as an exact decimal.
# Optional fields are commented out; docs/semantics.md gives every default.
#
# For completion and checks in an editor (VS Code with the YAML extension, or any editor
# with yaml-language-server), write the schema next to this file with
#   burden schema -o burden.schema.json
# and uncomment the next line:
# # yaml-language-server: $schema=burden.schema.json

scenario: A new common fund        # the title on every output
currency: EUR
unit: million                      # every amount below is in EUR million
";

const SETTINGS: &str = "\
budget:
  total: 3000                      # over all the years
  profile: even                    # or weights per year such as [1, 1, 1.2], or {YEAR: amount}
  rounding: 1                      # contributions are whole multiples of this
bilateral_credit: 0.5              # the part of bilateral aid that counts toward a fair share
objective: leximin                 # or minimax, l1
# smoothing: 0.25                  # most year-on-year change, as a fraction of the mean year
# indicators:                      # units of indicators (needed by max_gdp_pct)
#   gdp: {currency: EUR, unit: billion}
# fx: {USD: 0.93}                  # value of one USD in the plan currency
";

const ALLIES: &str = "
allies:
  - id: AAA                        # a unique short code (ISO 3166 alpha-3 for countries)
    name: Arcadia
    indicators: {gdp: 1200}        # or per year {gdp: {2026: 1200, 2027: 1250, 2028: 1300}}
    bilateral: 100                 # aid given bilaterally over the years, or per year {2026: 40}
    # credit: 1                    # its own credit rate instead of bilateral_credit
    # min: 100                     # least total contribution
    # max: 1500                    # most total contribution
    # pledged: {2026: 200}         # a minimum already announced for a year
    # max_gdp_pct: 0.1             # per year at most this % of GDP (needs indicators: units)
  - id: BBB
    name: Borealia
    indicators: {gdp: 800}
    bilateral: 0
  - id: CCC
    name: Caldonia
    indicators: {gdp: 400}
    bilateral: 20
";

const DEFAULT_YEARS: [i32; 3] = [2026, 2027, 2028];

/// The text of a starter scenario, around `table` when one is given.
pub fn scenario_starter(table: Option<&TableRef<'_>>) -> Result<String, StarterError> {
    let Some(table) = table else {
        return Ok(format!(
            "{HEAD}{}{}{SETTINGS}{ALLIES}",
            years_line(&DEFAULT_YEARS),
            key_lines(&["gdp".to_string()])
        ));
    };
    let found = summary(table.path, table.sheet)?;
    let name = table.path.display().to_string();
    if found.allies == 0 {
        return Err(StarterError::NoAllies(name));
    }
    let years = years(&found)?;
    let key = match (found.indicators.as_slice(), found.shares) {
        ([], true) => {
            "key:\n  weights: explicit                # each ally's share column\n".to_string()
        }
        ([], false) => return Err(StarterError::NoKey(name)),
        (indicators, _) => key_lines(indicators),
    };
    let source = match table.sheet {
        None => yaml_text(table.written),
        Some(sheet) => format!(
            "{{file: {}, sheet: {}}}",
            yaml_text(table.written),
            yaml_text(sheet)
        ),
    };
    Ok(format!(
        "{HEAD}{}{key}{SETTINGS}
# The {} allies are the rows of this table (relative to this file). Entries under
# `allies:` change single allies of it by id, e.g.
#   allies:
#     - {{id: AAA, max: 1500}}
allies_from: {source}
",
        years_line(&years),
        found.allies
    ))
}

fn years(found: &Summary) -> Result<Vec<i32>, StarterError> {
    if found.years.is_empty() {
        return Ok(DEFAULT_YEARS.to_vec());
    }
    let consecutive = found.years.windows(2).all(|w| w[1] == w[0] + 1);
    if !consecutive {
        let list: Vec<String> = found.years.iter().map(i32::to_string).collect();
        return Err(StarterError::Years(list.join(", ")));
    }
    Ok(found.years.clone())
}

fn years_line(years: &[i32]) -> String {
    let list: Vec<String> = years.iter().map(i32::to_string).collect();
    format!(
        "years: [{}]{:>w$}# consecutive years\n",
        list.join(", "),
        "",
        w = 26usize.saturating_sub(list.join(", ").len()).max(1)
    )
}

/// The key on the first indicator (gdp when there is one), naming the others.
fn key_lines(indicators: &[String]) -> String {
    let first = indicators
        .iter()
        .find(|i| *i == "gdp")
        .or(indicators.first())
        .map_or("gdp", String::as_str);
    let others: Vec<&str> = indicators
        .iter()
        .map(String::as_str)
        .filter(|i| *i != first)
        .collect();
    let blend = match others.first() {
        Some(other) => format!("e.g. {{{first}: 0.8, {other}: 0.2}}"),
        None => "such as {gdp: 0.8, population: 0.2}".to_string(),
    };
    format!(
        "key:\n  weights: {{{}: 1}}{:w$}# or a blend of indicators, {blend}\n  # floor: 0.02                   # least key share of any ally\n  # ceiling: 0.45                 # most key share of any ally\n",
        yaml_text(first),
        "",
        w = 22usize.saturating_sub(yaml_text(first).len()).max(1)
    )
}
