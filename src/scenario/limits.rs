//! The limits on what burden reads: the size of numbers (so that exact arithmetic never
//! overflows), the budget in rounding units (so that the optimiser's floating point still
//! plans it exactly), the size of input files and of YAML alias expansion, and the
//! characters an id may hold. `docs/limits.md` states them for users.

use rust_decimal::Decimal;

/// The largest magnitude of any number in a scenario, actuals or sweep: 10^18.
pub const MAX_NUMBER: Decimal = Decimal::from_parts(2_808_348_672, 232_830_643, 0, false, 0);
/// The limit in words, for messages.
pub const MAX_NUMBER_WORDS: &str = "1 000 000 000 000 000 000 (10^18)";
/// Significant digits and decimal places a number may have (what a decimal holds exactly).
pub const MAX_DIGITS: usize = 28;
/// The most rounding units a budget may have: 10^15.
pub const MAX_UNITS: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);
/// The limit in words, for messages.
pub const MAX_UNITS_WORDS: &str = "1 000 000 000 000 000 (10^15)";
/// The smallest rounding unit: 0.00001 (the optimiser's amounts are kept to 6 places).
pub const MIN_ROUNDING: Decimal = Decimal::from_parts(1, 0, 0, false, 5);
/// The largest smoothing: a step of a million mean years (far beyond any that binds).
pub const MAX_SMOOTHING: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
/// The largest input file (scenario, base, actuals, sweep file): 8 MiB.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// The most values that YAML aliases may add to a document when expanded.
pub const MAX_ALIAS_VALUES: usize = 100_000;

/// Why a number was not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    NotANumber,
    NotFinite,
    /// Above [`MAX_NUMBER`] in magnitude.
    TooLarge,
    /// Not zero, but every digit lies beyond the 28th decimal place.
    TooSmall,
    /// More significant digits or decimal places than a decimal holds exactly.
    TooPrecise,
}

impl NumberError {
    /// The message for `text`, in plain words.
    pub fn message(self, text: &str) -> String {
        match self {
            NumberError::NotANumber => format!("`{text}` is not a number"),
            NumberError::NotFinite => format!("`{text}` is not a finite number"),
            NumberError::TooLarge => {
                format!("`{text}` is too large: numbers may be at most {MAX_NUMBER_WORDS}")
            }
            NumberError::TooSmall => format!(
                "`{text}` is too small: numbers have at most {MAX_DIGITS} decimal places, and it would be rounded to 0"
            ),
            NumberError::TooPrecise => format!(
                "`{text}` has more digits than are kept exactly: at most {MAX_DIGITS} significant digits and {MAX_DIGITS} decimal places"
            ),
        }
    }
}

/// A decimal number as written: sign, digits without the point, and where the point goes.
struct Shape {
    negative: bool,
    digits: String,
    point: i64,
}

/// Reads `[+-]digits[.digits][e[+-]digits]` (underscores between digits allowed).
fn shape(text: &str) -> Option<Shape> {
    let (negative, rest) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let clean = |s: &str| -> Option<String> {
        let ok = s.chars().all(|c| c.is_ascii_digit() || c == '_')
            && !s.starts_with('_')
            && !s.ends_with('_');
        ok.then(|| s.replace('_', ""))
    };
    let (int, frac) = (clean(int)?, clean(frac)?);
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let exp: i64 = match exponent {
        None => 0,
        Some(e) => {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || digits.len() > 18 || !digits.chars().all(|c| c.is_ascii_digit())
            {
                return None;
            }
            e.parse().ok()?
        }
    };
    Some(Shape {
        negative,
        point: int.len() as i64 + exp,
        digits: int + &frac,
    })
}

/// Parses an exact decimal within the limits: at most [`MAX_NUMBER`] in magnitude, at most
/// 28 significant digits and 28 decimal places. Nothing is rounded silently.
pub fn parse_number(text: &str) -> Result<Decimal, NumberError> {
    let text = text.trim();
    let lowered = text.to_ascii_lowercase();
    if lowered.contains("inf") || lowered.contains("nan") {
        return Err(NumberError::NotFinite);
    }
    let Some(Shape {
        negative,
        digits,
        mut point,
    }) = shape(text)
    else {
        return Err(NumberError::NotANumber);
    };
    let leading = digits.len() - digits.trim_start_matches('0').len();
    point -= leading as i64;
    let digits = digits.trim_matches('0');
    if digits.is_empty() {
        return Ok(Decimal::ZERO);
    }
    let decimals = (digits.len() as i64 - point).max(0);
    if point > 19 {
        return Err(NumberError::TooLarge);
    }
    if point <= -(MAX_DIGITS as i64) {
        return Err(NumberError::TooSmall);
    }
    if digits.len() > MAX_DIGITS || decimals > MAX_DIGITS as i64 {
        return Err(NumberError::TooPrecise);
    }
    let mut mantissa: i128 = digits.parse().map_err(|_| NumberError::NotANumber)?;
    for _ in 0..(point - digits.len() as i64).max(0) {
        mantissa *= 10;
    }
    if negative {
        mantissa = -mantissa;
    }
    let value = Decimal::try_from_i128_with_scale(mantissa, decimals as u32)
        .map_err(|_| NumberError::TooLarge)?;
    if value.abs() > MAX_NUMBER {
        return Err(NumberError::TooLarge);
    }
    Ok(value.normalize())
}

/// Whether a character may not appear in an id: a C0 or C1 control character, or a
/// bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069), which can make
/// text display other than it reads.
pub fn forbidden_char(c: char) -> bool {
    c.is_control()
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// The first forbidden character of a text, described for a message (`U+202E`).
pub fn forbidden_in(text: &str) -> Option<String> {
    text.chars()
        .find(|c| forbidden_char(*c))
        .map(|c| format!("U+{:04X}", u32::from(c)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn the_constants_are_what_they_say() {
        assert_eq!(MAX_NUMBER, d("1000000000000000000"));
        assert_eq!(MAX_UNITS, d("1000000000000000"));
        assert_eq!(MIN_ROUNDING, d("0.00001"));
        assert_eq!(MAX_SMOOTHING, d("1000000"));
    }

    #[test]
    fn exact_numbers_within_the_limits() {
        assert_eq!(parse_number("12.50"), Ok(d("12.5")));
        assert_eq!(parse_number("-3"), Ok(d("-3")));
        assert_eq!(parse_number("+.5"), Ok(d("0.5")));
        assert_eq!(parse_number("1e3"), Ok(d("1000")));
        assert_eq!(parse_number("2.5E-3"), Ok(d("0.0025")));
        assert_eq!(parse_number("1_000"), Ok(d("1000")));
        assert_eq!(parse_number("1e18"), Ok(MAX_NUMBER));
        assert_eq!(parse_number("-1e18"), Ok(-MAX_NUMBER));
        assert_eq!(
            parse_number("1e-28"),
            Ok(d("0.0000000000000000000000000001"))
        );
        assert_eq!(parse_number("0.000"), Ok(Decimal::ZERO));
        assert_eq!(parse_number("0e999"), Ok(Decimal::ZERO));
    }

    #[test]
    fn numbers_beyond_the_limits_are_refused() {
        use NumberError::*;
        assert_eq!(parse_number("1000000000000000001"), Err(TooLarge));
        assert_eq!(parse_number("1e30"), Err(TooLarge));
        assert_eq!(parse_number("1e1000000000"), Err(TooLarge));
        assert_eq!(parse_number("1e-1000000000"), Err(TooSmall));
        assert_eq!(parse_number("79228162514264337593543950335"), Err(TooLarge));
        assert_eq!(parse_number("1e-29"), Err(TooSmall));
        assert_eq!(
            parse_number("0.00000000000000000000000000001"),
            Err(TooSmall)
        );
        assert_eq!(
            parse_number("0.12345678901234567890123456789"),
            Err(TooPrecise)
        );
        assert_eq!(parse_number("inf"), Err(NotFinite));
        assert_eq!(parse_number("-.inf"), Err(NotFinite));
        for bad in [
            "",
            "abc",
            "1.2.3",
            "1e",
            "e5",
            "--1",
            "1e1000000000000000000",
            "0x10",
            "_1",
        ] {
            assert_eq!(parse_number(bad), Err(NotANumber), "{bad}");
        }
    }

    #[test]
    fn controls_and_bidi_overrides_are_forbidden() {
        assert_eq!(forbidden_in("USA"), None);
        assert_eq!(forbidden_in("Türkiye"), None);
        assert_eq!(forbidden_in("A\u{1b}[31m").as_deref(), Some("U+001B"));
        assert_eq!(forbidden_in("A\u{202E}B").as_deref(), Some("U+202E"));
        assert_eq!(forbidden_in("A\u{2066}").as_deref(), Some("U+2066"));
        assert_eq!(forbidden_in("A\u{85}").as_deref(), Some("U+0085"));
    }
}
