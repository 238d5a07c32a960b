//! The explanation in words: why an ally's total is what it is, and what a sensitivity
//! means in money.

use super::chain::Chain;
use super::Sensitivity;
use crate::binding::Binding;
use crate::money::{group_thousands, Money};

/// An amount for a sentence: whole units from 100 up, else two decimals.
pub fn money(v: f64) -> String {
    let dp = if v.abs() >= 100.0 { 0 } else { 2 };
    group_thousands(Money::from_f64(v).round_dp(dp), ',')
}

/// A signed amount for a sentence, e.g. `+482` or `−1 204`.
pub fn signed(v: f64) -> String {
    let text = money(v.abs());
    if text.chars().all(|c| c == '0' || c == '.' || c == ',') {
        text
    } else if v < 0.0 {
        format!("-{text}")
    } else {
        format!("+{text}")
    }
}

/// A rate of change: grouped with two decimals from 100 up, else six decimals.
pub fn per_unit(v: f64) -> String {
    if v.abs() < 1e-9 {
        "0".to_string()
    } else if v.abs() >= 100.0 {
        group_thousands(Money::from_f64(v).round_dp(2), ',')
    } else {
        format!("{v:.6}")
    }
}

/// A ratio with three decimals.
pub fn ratio(v: f64) -> String {
    format!("{v:.3}")
}

/// Why the ally's total is what it is, in one or two sentences.
pub fn reason(chain: &Chain, codes: &[Binding], lambda: Option<f64>) -> String {
    let has = |c: Binding| codes.contains(&c);
    let any = |kind: &str| codes.iter().any(|c| c.year().is_some() && c.kind() == kind);
    let at_level = lambda.map(|l| {
        format!(
            "at the common level it would pay {} × {} − {} = {}",
            ratio(l),
            money(chain.fair_effort),
            money(chain.credited),
            money(l * chain.fair_effort - chain.credited)
        )
    });
    let with_level = |head: String| match &at_level {
        Some(level) => format!("{head}: {level}"),
        None => head,
    };
    let mut text = if chain.fair_effort <= 0.0 {
        "it has no fair share (a zero key share): it pays only what its minimum and pledges require"
            .to_string()
    } else if has(Binding::Max) {
        with_level(format!("held at its maximum of {}", money(chain.hi)))
    } else if has(Binding::Min) {
        with_level(format!("held at its minimum of {}", money(chain.lo)))
    } else if has(Binding::CreditCoversShare) {
        match lambda {
            Some(l) => format!(
                "its credited aid alone ({}) exceeds its fair share at the common level ({} × {} = {}): it pays nothing new",
                money(chain.credited),
                ratio(l),
                money(chain.fair_effort),
                money(l * chain.fair_effort)
            ),
            None => "its credited aid alone covers its fair share: it pays nothing new".to_string(),
        }
    } else if near(chain.real_total, chain.lo) && any("pledged") {
        let and = if any("smoothing") {
            " and smoothing"
        } else {
            ""
        };
        with_level(format!(
            "held at the least its pledges{and} allow, {} in all",
            money(chain.lo)
        ))
    } else if near(chain.real_total, chain.hi) && any("gdp_cap") {
        with_level(format!("held at its GDP caps, {} in all", money(chain.hi)))
    } else if let Some(l) =
        lambda.filter(|l| chain.burden_index.is_some_and(|b| (b - l).abs() < 1e-6))
    {
        format!(
            "pays the common level: {} × {} − {} = {}",
            ratio(l),
            money(chain.fair_effort),
            money(chain.credited),
            money(chain.real_total)
        )
    } else {
        let held: Vec<String> = codes.iter().map(Binding::words).collect();
        let by = if held.is_empty() {
            "the per-year constraints of other allies".to_string()
        } else {
            held.join(", ")
        };
        format!(
            "its burden index {} is set by {by}, not by the common level",
            chain.burden_index.map_or("-".to_string(), ratio)
        )
    };
    let years: Vec<String> = codes
        .iter()
        .filter_map(|c| {
            let year = c.year()?;
            Some(format!(
                "in {year} its {} holds",
                year_reason(&[c.kind().to_string()]).trim_start_matches("its ")
            ))
        })
        .collect();
    if !years.is_empty() {
        text.push_str(&format!("; {}", years.join(", ")));
    }
    if has(Binding::KeyFloor) || has(Binding::KeyCeiling) {
        let which = if has(Binding::KeyFloor) {
            "floor"
        } else {
            "ceiling"
        };
        text.push_str(&format!(
            "; its key share is held at the key {which} in some year"
        ));
    }
    text
}

fn near(a: f64, b: f64) -> bool {
    b.is_finite() && (a - b).abs() <= 1e-6 * b.abs().max(1.0)
}

/// Why a year's amount differs from the proportional schedule, in words.
pub fn year_reason(why: &[String]) -> String {
    why.iter()
        .map(|w| match w.as_str() {
            "pledged" => "its pledge",
            "gdp_cap" => "its GDP cap",
            "smoothing" => "smoothing",
            "credit_covers_year" => "its credit at the fair share",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The step a sensitivity is stated for: 0.01 of a rate or factor, else 1 % of the value
/// (at least one unit).
pub fn step(parameter: &str, value: f64) -> f64 {
    if parameter == "bilateral_credit" || parameter == "fx" {
        0.01
    } else {
        let raw = (value.abs() * 0.01).max(1.0);
        let magnitude = 10f64.powf(raw.log10().floor());
        (raw / magnitude).round() * magnitude
    }
}

/// A sensitivity in words, e.g. "budget.total +1 000: total +482".
pub fn sensitivity(s: &Sensitivity) -> String {
    let h = step(&s.parameter, s.value);
    let step_text = if h < 1.0 { format!("{h}") } else { money(h) };
    let mut text = match (s.down, s.up) {
        (Some(d), Some(u)) if s.kink() => format!(
            "{p} +{step_text}: total {}; {p} -{step_text}: total {} (a kink: the two sides differ)",
            signed(u * h),
            signed(-d * h),
            p = s.parameter
        ),
        (_, Some(u)) => format!("{} +{step_text}: total {}", s.parameter, signed(u * h)),
        (Some(d), None) => format!("{} -{step_text}: total {}", s.parameter, signed(-d * h)),
        (None, None) => format!("{}: no plan on either side", s.parameter),
    };
    if let (Some(dl), true) = (
        s.d_lambda,
        s.parameter.ends_with(".max") || s.parameter.ends_with(".min"),
    ) {
        text.push_str(&format!("; every free payer's index {:+.4}", dl * h));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_amounts() {
        assert_eq!(signed(-1204.4), "-1,204");
        assert!(!signed(0.001).starts_with(['+', '-']));
        assert_eq!(signed(48.216), "+48.22");
    }

    #[test]
    fn steps_are_round() {
        assert_eq!(step("budget.total", 100000.0), 1000.0);
        assert_eq!(step("allies.POL.bilateral", 15770.0), 200.0);
        assert_eq!(step("bilateral_credit", 0.5), 0.01);
    }
}
