//! Starter files: a commented scenario to begin from (around an allies table when one is
//! given) and an actuals file that lists every ally of a scenario with 0 delivered.

mod actuals;
mod scenario;

pub use actuals::{actuals_template, ActualsFormat};
pub use scenario::{scenario_starter, StarterError, TableRef};

/// A YAML scalar for text: plain when it cannot be mistaken for anything else.
fn yaml_text(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-' | '.' | '/' | '(' | ')'))
        && !text.starts_with([' ', '-', '.'])
        && !text.ends_with(' ')
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
        )
        && text.parse::<f64>().is_err();
    if plain {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| format!("{text:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::yaml_text;

    #[test]
    fn text_is_quoted_only_where_yaml_would_read_it_otherwise() {
        assert_eq!(yaml_text("North Macedonia"), "North Macedonia");
        assert_eq!(yaml_text("Türkiye"), "Türkiye");
        assert_eq!(yaml_text("NO"), "\"NO\"");
        assert_eq!(yaml_text("2025"), "\"2025\"");
        assert_eq!(yaml_text("a: b # c"), "\"a: b # c\"");
        assert_eq!(yaml_text(""), "\"\"");
    }
}
