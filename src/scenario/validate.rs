//! Raw scenario → trusted `Scenario`: every problem reported at once, each with its path.

use itertools::Itertools;
use rust_decimal::Decimal;

use super::limits::{forbidden_in, parse_number, MAX_SMOOTHING};
use super::schema::{Num, PerYear, RawScenario};
use super::types::{Objective, Scenario};
use super::{Problem, Severity};

mod ally;
mod arrangements;
mod funding;
mod settings;

use settings::{check_budget, check_key, check_units};

/// Collects problems while checking.
pub(crate) struct Checker {
    pub problems: Vec<Problem>,
}

impl Checker {
    pub(super) fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems
            .push(Problem::new(Severity::Error, path, message));
    }

    pub(super) fn error_hint(
        &mut self,
        path: impl Into<String>,
        message: impl Into<String>,
        hint: &str,
    ) {
        let mut problem = Problem::new(Severity::Error, path, message);
        problem.hint = Some(hint.to_string());
        self.problems.push(problem);
    }

    pub(super) fn warning(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems
            .push(Problem::new(Severity::Warning, path, message));
    }

    /// Parses an exact decimal within the limits of [`parse_number`]; anything else is a
    /// problem.
    pub(super) fn number(&mut self, num: &Num, path: &str) -> Option<Decimal> {
        let text = num.0.trim();
        let found = match text {
            super::schema::LIST => Some("a list"),
            super::schema::MAP => Some("a map"),
            _ => None,
        };
        if let Some(found) = found {
            self.error(path, format!("expected a number, found {found}"));
            return None;
        }
        match parse_number(text) {
            Ok(value) => Some(value),
            Err(e) => {
                self.error(path, e.message(text));
                None
            }
        }
    }

    /// Checks a text field for characters that make it display other than it reads:
    /// control characters and bidirectional overrides or isolates.
    pub(super) fn text(&mut self, text: Option<&str>, path: &str) {
        if let Some(code) = text.and_then(forbidden_in) {
            self.error_hint(
                path,
                format!("contains the character {code}, a control character or a bidirectional override"),
                "write the text without control or direction characters",
            );
        }
    }

    pub(super) fn non_negative(&mut self, num: &Num, path: &str) -> Option<Decimal> {
        let value = self.number(num, path)?;
        if value.is_sign_negative() && !value.is_zero() {
            self.error(path, format!("must not be negative, found {value}"));
            return None;
        }
        Some(value)
    }

    pub(super) fn fraction(&mut self, num: &Num, path: &str) -> Option<Decimal> {
        let value = self.non_negative(num, path)?;
        if value > Decimal::ONE {
            self.error_hint(
                path,
                format!("must be a fraction between 0 and 1, found {value}"),
                "write 50 % as 0.5",
            );
            return None;
        }
        Some(value)
    }

    /// Expands a per-year value. A scalar is `scalar(value)` for every year; a map must name
    /// known years only, and years it leaves out get `missing`.
    pub(super) fn per_year(
        &mut self,
        value: &PerYear,
        path: &str,
        years: &[i32],
        scalar: impl Fn(Decimal) -> Decimal,
        missing: Option<Decimal>,
    ) -> Option<Vec<Decimal>> {
        match value {
            PerYear::Scalar(num) => {
                let v = self.non_negative(num, path)?;
                Some(vec![scalar(v); years.len()])
            }
            PerYear::Map(map) => {
                let mut out = vec![missing.unwrap_or_default(); years.len()];
                let mut ok = true;
                for (key, num) in map {
                    let child = format!("{path}.{key}");
                    let index = key
                        .parse::<i32>()
                        .ok()
                        .and_then(|y| years.iter().position(|&k| k == y));
                    let Some(index) = index else {
                        self.error_hint(
                            &child,
                            format!("{key} is not one of the scenario's years"),
                            &format!("the years are {}", list_years(years)),
                        );
                        ok = false;
                        continue;
                    };
                    match self.non_negative(num, &child) {
                        Some(v) => out[index] = v,
                        None => ok = false,
                    }
                }
                if missing.is_none() {
                    let absent: Vec<String> = years
                        .iter()
                        .filter(|y| !map.contains_key(&y.to_string()))
                        .map(i32::to_string)
                        .collect();
                    if !absent.is_empty() {
                        self.error(path, format!("has no value for {}", absent.join(", ")));
                        ok = false;
                    }
                }
                ok.then_some(out)
            }
        }
    }
}

pub(crate) fn list_years(years: &[i32]) -> String {
    match (years.first(), years.last()) {
        (Some(first), Some(last))
            if years.len() > 2 && years.windows(2).all(|w| w[0].checked_add(1) == Some(w[1])) =>
        {
            format!("{first}–{last}")
        }
        _ => years.iter().join(", "),
    }
}

/// Checks a raw scenario. Returns the scenario (when there is no error) and all problems.
pub(super) fn validate(raw: &RawScenario) -> (Option<Scenario>, Vec<Problem>) {
    let mut c = Checker {
        problems: Vec::new(),
    };
    let years = check_years(&mut c, raw.years.as_deref());
    let (mode, target) = funding::check_mode(&mut c, raw, &years);
    let budget = raw.budget.clone().unwrap_or_default();
    let pledge_budget = match (mode, &raw.budget) {
        (super::types::Mode::Pledge, None) => funding::pledge_budget(&target),
        _ => None,
    };
    let (total, rounding, profile) = match pledge_budget {
        Some((t, r, p)) => (Some(t), Some(r), Some(p)),
        None => check_budget(&mut c, &budget, &years),
    };
    let mut key = check_key(
        &mut c,
        raw.key.as_ref(),
        raw.allies.as_deref().unwrap_or_default().len(),
    );
    if let Some(key) = key.as_mut() {
        let raw_allies = raw.allies.as_deref().unwrap_or_default();
        arrangements::check_key_limits(&mut c, raw.key.as_ref(), raw_allies, key);
    }
    let credit = raw
        .bilateral_credit
        .as_ref()
        .map_or(Some(Decimal::ZERO), |n| c.fraction(n, "bilateral_credit"));
    let credit_cap = raw
        .credit_cap
        .as_ref()
        .and_then(|n| c.fraction(n, "credit_cap"));
    let credit_effect = funding::check_credit_effect(&mut c, raw);
    let smoothing = raw
        .smoothing
        .as_ref()
        .and_then(|n| c.non_negative(n, "smoothing"))
        .filter(|d| {
            let within = *d <= MAX_SMOOTHING;
            if !within {
                c.error_hint(
                    "smoothing",
                    format!("smoothing {d} is too large: it may be at most {MAX_SMOOTHING}"),
                    "leave smoothing out for no limit on year-on-year changes",
                );
            }
            within
        });
    let objective = match raw.objective.as_deref() {
        None => Some(Objective::Leximin),
        Some(text) => Objective::parse(text).or_else(|| {
            c.error_hint(
                "objective",
                format!("unknown objective `{text}`"),
                "use leximin, minimax or l1",
            );
            None
        }),
    };
    c.text(raw.scenario.as_deref(), "scenario");
    c.text(raw.currency.as_deref(), "currency");
    c.text(raw.unit.as_deref(), "unit");
    let currency = raw.currency.clone().unwrap_or_default();
    let unit = raw.unit.clone().unwrap_or_default();
    let gdp_by_year = check_units(&mut c, raw, &currency, &unit, &years);
    let gdp_to_money = gdp_by_year.as_ref().and_then(|r| r.first().copied());
    let gdp_to_money_by_year = gdp_by_year.filter(|r| r.windows(2).any(|w| w[0] != w[1]));
    let mut allies = match raw.allies.as_deref() {
        None => {
            c.error("allies", "the scenario lists no allies");
            None
        }
        Some(list) => ally::check_allies(
            &mut c,
            list,
            &years,
            credit.unwrap_or_default(),
            key.as_ref().map(|k| &k.basis),
        ),
    };
    if let Some(allies) = allies.as_mut() {
        let raw_allies = raw.allies.as_deref().unwrap_or_default();
        arrangements::check_participation(&mut c, raw_allies, allies, total);
        arrangements::check_baseline(&mut c, raw, allies);
    }
    let scenario = (|| {
        if c.problems.iter().any(|p| p.severity == Severity::Error) {
            return None;
        }
        let mut allies = allies?;
        if allies.iter().any(|a| a.max_gdp_pct.is_some()) && gdp_to_money.is_none() {
            return None;
        }
        // Sorted by id once, here, after every check that names an ally by its place in
        // the file: the order of the file never changes a result, and every later stage
        // (the optimiser, the rounding, the outputs) indexes allies alike.
        allies.sort_by(|a, b| a.id.cmp(&b.id));
        Some(Scenario {
            title: raw
                .scenario
                .clone()
                .unwrap_or_else(|| "untitled scenario".to_string()),
            currency,
            unit,
            years,
            total: total?,
            profile: profile?,
            rounding: rounding?,
            key: key?,
            bilateral_credit: credit?,
            smoothing,
            objective: objective?,
            gdp_to_money,
            gdp_to_money_by_year,
            allies,
            mode,
            target,
            credit_cap,
            credit_effect,
        })
    })();
    let allies_need_gdp = raw
        .allies
        .iter()
        .flatten()
        .position(|a| a.max_gdp_pct.is_some());
    // A rate or unit already reported as wrong is not reported again as missing.
    let units_reported = c
        .problems
        .iter()
        .any(|p| p.path.starts_with("fx.") || p.path.starts_with("indicators."));
    if let (Some(i), None, false) = (allies_need_gdp, gdp_to_money, units_reported) {
        c.error_hint(
            format!("allies[{i}].max_gdp_pct"),
            "a cap in % of GDP needs the unit of the gdp indicator",
            "add `indicators: {gdp: {currency: USD, unit: billion}}` and an `fx` rate",
        );
    }
    (scenario, c.problems)
}

fn check_years(c: &mut Checker, raw: Option<&[Num]>) -> Vec<i32> {
    let Some(raw) = raw else {
        c.error_hint(
            "years",
            "the scenario has no years",
            "add `years: [2025, 2026, 2027]`",
        );
        return Vec::new();
    };
    if raw.is_empty() {
        c.error("years", "the list of years is empty");
    }
    let mut years = Vec::new();
    for (i, num) in raw.iter().enumerate() {
        match num.0.trim().parse::<i32>() {
            Ok(y) => years.push(y),
            Err(_) => c.error(format!("years[{i}]"), format!("`{}` is not a year", num.0)),
        }
    }
    for (i, pair) in years.windows(2).enumerate() {
        if pair[0].checked_add(1) != Some(pair[1]) {
            c.error_hint(
                format!("years[{}]", i + 1),
                format!("years must be consecutive: {} follows {}", pair[1], pair[0]),
                "list every year of the horizon in order",
            );
        }
    }
    years
}

#[cfg(test)]
mod tests {
    use super::list_years;

    #[test]
    fn years_at_the_end_of_the_range_are_listed() {
        assert_eq!(list_years(&[2025, 2026, 2027]), "2025–2027");
        assert_eq!(
            list_years(&[i32::MAX, i32::MIN, 0]),
            "2147483647, -2147483648, 0"
        );
        assert_eq!(
            list_years(&[i32::MAX - 2, i32::MAX - 1, i32::MAX]),
            "2147483645–2147483647"
        );
    }
}
