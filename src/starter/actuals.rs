//! An actuals file to fill in: every ally of a scenario with 0 delivered in the given
//! years, as YAML (`delivered: {year: {ally: amount}}`) or CSV (`ally,year,delivered,name`),
//! the two formats `burden track` and `burden replan` read.

use super::yaml_text;
use crate::scenario::Scenario;

/// The format of an actuals file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActualsFormat {
    Yaml,
    Csv,
}

/// The text of an actuals file listing every ally with 0 for each of `years`.
pub fn actuals_template(scenario: &Scenario, years: &[i32], format: ActualsFormat) -> String {
    let list: Vec<String> = years.iter().map(i32::to_string).collect();
    let mut out = format!(
        "# What the allies delivered in {}, for the scenario: {}\n\
         # Amounts in {} {}; replace each 0 by what the ally delivered, then run\n\
         #   burden track SCENARIO --actuals THIS-FILE\n",
        list.join(", "),
        scenario.title,
        scenario.currency,
        scenario.unit
    );
    match format {
        ActualsFormat::Yaml => yaml(&mut out, scenario, years),
        ActualsFormat::Csv => csv(&mut out, scenario, years),
    }
    out
}

fn yaml(out: &mut String, scenario: &Scenario, years: &[i32]) {
    out.push_str(&format!(
        "currency: {}\nunit: {}\ndelivered:\n",
        yaml_text(&scenario.currency),
        yaml_text(&scenario.unit)
    ));
    let width = scenario
        .allies
        .iter()
        .map(|a| yaml_text(&a.id).chars().count())
        .max()
        .unwrap_or(0);
    for year in years {
        out.push_str(&format!("  {year}:\n"));
        for ally in &scenario.allies {
            let id = yaml_text(&ally.id);
            let name = ally.name.replace('\n', " ");
            out.push_str(&format!(
                "    {id}: 0{:pad$}   # {name}\n",
                "",
                pad = width - id.chars().count()
            ));
        }
    }
}

fn csv(out: &mut String, scenario: &Scenario, years: &[i32]) {
    out.push_str("ally,year,delivered,name\n");
    for year in years {
        for ally in &scenario.allies {
            out.push_str(&format!(
                "{},{year},0,{}\n",
                csv_field(&ally.id),
                csv_field(&ally.name)
            ));
        }
    }
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) || text.trim() != text {
        format!(
            "\"{}\"",
            text.replace('"', "\"\"").replace(['\n', '\r'], " ")
        )
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_when_they_must_be() {
        assert_eq!(csv_field("Arcadia"), "Arcadia");
        assert_eq!(csv_field("Korea, Republic of"), "\"Korea, Republic of\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
