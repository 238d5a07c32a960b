//! The grid of a sweep: axes of values (lists, or `start:stop:step` ranges in exact
//! decimals), their product in input order (the last axis varies fastest), and the cap
//! on the number of variants.

use rust_decimal::Decimal;

use crate::scenario::limits::{parse_number, NumberError};
use crate::scenario::Override;

/// The number of variants a sweep runs unless told otherwise.
pub const DEFAULT_CAP: usize = 10_000;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum GridError {
    #[error("`{0}` is not of the form PATH=VALUES, e.g. bilateral_credit=0,0.5,1 or budget.total=60000:150000:10000")]
    Form(String),
    #[error("{path}: `{text}` is not a number in the range {range}")]
    Number {
        path: String,
        range: String,
        text: String,
    },
    #[error("{path}: {message}")]
    Limit { path: String, message: String },
    #[error("{path}: the step of {range} is zero")]
    ZeroStep { path: String, range: String },
    #[error("{path}: the step of {range} goes away from the stop")]
    Direction { path: String, range: String },
    #[error("{path}: an empty value in `{values}`")]
    Empty { path: String, values: String },
    #[error("{path} is varied twice")]
    Twice { path: String },
    #[error("the grid has {count} variants ({sizes}), more than the cap of {cap}\n  hint: use fewer values or coarser steps, or raise the cap with --max-variants")]
    TooMany {
        count: String,
        sizes: String,
        cap: usize,
    },
}

/// One varied field and its values, as YAML scalars in the order given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Axis {
    pub path: String,
    pub values: Vec<String>,
}

impl Axis {
    /// Parses `PATH=v1,v2,…` or `PATH=start:stop:step`; a range may not exceed `cap` values.
    pub fn parse(text: &str, cap: usize) -> Result<Axis, GridError> {
        let (path, values) = text
            .split_once('=')
            .filter(|(p, _)| !p.trim().is_empty())
            .ok_or_else(|| GridError::Form(text.to_string()))?;
        Axis::new(path.trim(), values.trim(), cap)
    }

    /// An axis from a path and its values text (a list or a range).
    pub fn new(path: &str, values: &str, cap: usize) -> Result<Axis, GridError> {
        let parts: Vec<&str> = values.split(':').collect();
        let plain = !values.contains([',', '[', '{']);
        let values = match parts.as_slice() {
            [start, stop, step] if plain => range(path, values, [start, stop, step], cap)?,
            _ => list(path, values)?,
        };
        Ok(Axis {
            path: path.to_string(),
            values,
        })
    }
}

/// Splits a list on the commas outside brackets and braces, so that flow values such as
/// `[2025, 2026]` stay whole.
fn list(path: &str, text: &str) -> Result<Vec<String>, GridError> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '[' | '{' => depth += 1,
            ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    out.push(current);
    let out: Vec<String> = out.into_iter().map(|v| v.trim().to_string()).collect();
    if out.iter().any(String::is_empty) {
        return Err(GridError::Empty {
            path: path.to_string(),
            values: text.to_string(),
        });
    }
    Ok(out)
}

/// `start:stop:step` in exact decimals: start, start + step, … up to stop (included when
/// it falls on the grid). Never drifts: the k-th value is start + k·step.
fn range(path: &str, text: &str, parts: [&&str; 3], cap: usize) -> Result<Vec<String>, GridError> {
    let number = |t: &str| {
        let t = t.trim();
        parse_number(t).map_err(|e| match e {
            NumberError::NotANumber | NumberError::NotFinite => GridError::Number {
                path: path.to_string(),
                range: text.to_string(),
                text: t.to_string(),
            },
            other => GridError::Limit {
                path: path.to_string(),
                message: other.message(t),
            },
        })
    };
    let (start, stop, step) = (number(parts[0])?, number(parts[1])?, number(parts[2])?);
    let err_range = (path.to_string(), text.to_string());
    if step.is_zero() {
        let (path, range) = err_range;
        return Err(GridError::ZeroStep { path, range });
    }
    let span = stop
        .checked_sub(start)
        .and_then(|d| d.checked_div(step))
        .unwrap_or(Decimal::MAX);
    if span.is_sign_negative() && !span.is_zero() {
        let (path, range) = err_range;
        return Err(GridError::Direction { path, range });
    }
    let steps = span.floor();
    if steps >= Decimal::from(cap) {
        return Err(too_many(&(steps + Decimal::ONE).to_string(), text, cap));
    }
    let count = u64::try_from(steps).unwrap_or(0) + 1;
    (0..count)
        .map(|k| {
            step.checked_mul(Decimal::from(k))
                .and_then(|d| start.checked_add(d))
                .map(|v| v.normalize().to_string())
                .ok_or_else(|| GridError::Limit {
                    path: path.to_string(),
                    message: format!("the values of {text} are too large to compute"),
                })
        })
        .collect()
}

fn too_many(count: &str, sizes: &str, cap: usize) -> GridError {
    GridError::TooMany {
        count: count.to_string(),
        sizes: sizes.to_string(),
        cap,
    }
}

/// The product of the axes, in input order: the first axis varies slowest.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grid {
    pub axes: Vec<Axis>,
}

impl Grid {
    /// A grid of the axes, or an error when a path repeats or the product exceeds `cap`.
    pub fn new(axes: Vec<Axis>, cap: usize) -> Result<Grid, GridError> {
        for (i, a) in axes.iter().enumerate() {
            if axes[..i].iter().any(|b| b.path == a.path) {
                return Err(GridError::Twice {
                    path: a.path.clone(),
                });
            }
        }
        let count = axes
            .iter()
            .try_fold(1usize, |n, a| n.checked_mul(a.values.len()));
        if count.is_none_or(|c| c > cap) {
            let sizes: Vec<String> = axes
                .iter()
                .map(|a| format!("{} {}", a.path, a.values.len()))
                .collect();
            let count = count.map_or_else(|| "too many".to_string(), |c| c.to_string());
            return Err(too_many(&count, &sizes.join(" × "), cap));
        }
        Ok(Grid { axes })
    }

    /// The number of variants (1 for a grid without axes: the scenario itself).
    pub fn len(&self) -> usize {
        self.axes.iter().map(|a| a.values.len()).product()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn paths(&self) -> Vec<String> {
        self.axes.iter().map(|a| a.path.clone()).collect()
    }

    /// The values of variant `index` (0-based), one per axis.
    pub fn point(&self, index: usize) -> Vec<&str> {
        let mut rest = index;
        let mut out = vec![""; self.axes.len()];
        for (i, axis) in self.axes.iter().enumerate().rev() {
            let n = axis.values.len().max(1);
            out[i] = axis.values.get(rest % n).map_or("", String::as_str);
            rest /= n;
        }
        out
    }

    /// The overrides of variant `index`.
    pub fn overrides(&self, index: usize) -> Vec<Override> {
        self.axes
            .iter()
            .zip(self.point(index))
            .map(|(axis, value)| Override {
                path: axis.path.clone(),
                value: value.to_string(),
                option: "--vary",
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<String> {
        Axis::parse(text, DEFAULT_CAP).expect("valid axis").values
    }

    #[test]
    fn lists_keep_their_order_and_flow_values() {
        assert_eq!(values("bilateral_credit=1, 0,0.5"), ["1", "0", "0.5"]);
        assert_eq!(
            values("years=[2025, 2026],[2025]"),
            ["[2025, 2026]", "[2025]"]
        );
        assert_eq!(values("objective=leximin"), ["leximin"]);
        assert_eq!(
            values("allies.AAA.pledged={2026: 0},{2026: 50}"),
            ["{2026: 0}", "{2026: 50}"]
        );
    }

    #[test]
    fn decimal_ranges_do_not_drift() {
        let v = values("bilateral_credit=0:1:0.1");
        assert_eq!(v.len(), 11);
        assert_eq!(v[3], "0.3");
        assert_eq!(v[10], "1");
        assert_eq!(values("budget.total=60000:150000:10000").len(), 10);
        assert_eq!(values("x=0:1:0.3"), ["0", "0.3", "0.6", "0.9"]);
        assert_eq!(values("x=1:0:-0.5"), ["1", "0.5", "0"]);
        assert_eq!(values("x=5:5:1"), ["5"]);
    }

    #[test]
    fn bad_ranges_say_why() {
        let err = |t: &str| Axis::parse(t, DEFAULT_CAP).expect_err("invalid");
        assert!(matches!(err("x=0:1:0"), GridError::ZeroStep { .. }));
        assert!(matches!(err("x=1:0:0.1"), GridError::Direction { .. }));
        assert!(matches!(err("x=0:a:1"), GridError::Number { .. }));
        assert!(matches!(err("x=1,,2"), GridError::Empty { .. }));
        assert!(matches!(err("x"), GridError::Form(_)));
        assert!(matches!(err("x=0:1:0.000001"), GridError::TooMany { .. }));
        assert!(matches!(err("x=0:1e18:0.5"), GridError::TooMany { .. }));
        assert!(matches!(err("x=0:1e-40:1"), GridError::Limit { .. }));
        assert_eq!(
            values("x=1e18:-1e18:-1e18"),
            ["1000000000000000000", "0", "-1000000000000000000"]
        );
        let big = err("x=0:79228162514264337593543950335:1e28").to_string();
        assert!(big.contains("too large"), "{big}");
        let tiny = Axis::parse("x=0:1:1e-28", usize::MAX).expect_err("too many");
        assert!(matches!(tiny, GridError::TooMany { .. }));
        assert_eq!(values("x=0:2e4:1e4"), ["0", "10000", "20000"]);
    }

    #[test]
    fn the_last_axis_varies_fastest() {
        let grid = Grid::new(
            vec![
                Axis::parse("a=1,2", 100).expect("axis"),
                Axis::parse("b=x,y,z", 100).expect("axis"),
            ],
            100,
        )
        .expect("grid");
        assert_eq!(grid.len(), 6);
        assert_eq!(grid.point(0), ["1", "x"]);
        assert_eq!(grid.point(2), ["1", "z"]);
        assert_eq!(grid.point(3), ["2", "x"]);
        assert_eq!(grid.overrides(5)[1].value, "z");
        assert_eq!(Grid::default().len(), 1);
    }

    #[test]
    fn the_cap_is_checked_on_the_product() {
        let axes = vec![
            Axis::parse("a=0:99:1", 1000).expect("axis"),
            Axis::parse("b=0:10:1", 1000).expect("axis"),
        ];
        let err = Grid::new(axes, 1000).expect_err("too many");
        let text = err.to_string();
        assert!(text.contains("1100 variants (a 100 × b 11)"), "{text}");
        assert!(text.contains("cap of 1000"), "{text}");
        assert!(matches!(
            Grid::new(vec![Axis::parse("a=1", 9).expect("axis"); 2], 9),
            Err(GridError::Twice { .. })
        ));
    }
}
