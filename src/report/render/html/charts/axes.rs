//! The two axes of every chart: categories at 0, 1, 2, … with their names, or values with
//! round ticks; and the plotters chart built on them.

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::{Area, Drawn, FONT};
use crate::money::{group_thousands, Money};

/// One axis: its range, where its ticks are and what they say.
#[derive(Clone, Debug)]
pub(super) struct Axis {
    range: Range<f64>,
    ticks: Vec<f64>,
    /// Category names by position (category axes), or None for a value axis.
    names: Option<Vec<String>>,
    decimals: usize,
    /// The axis description (`EUR million`).
    pub desc: String,
}

pub(super) type Plot<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<Ticked, Ticked>>;

/// A linear axis whose ticks are exactly the given positions (labelled by the
/// formatter [`build`] sets).
#[derive(Clone)]
pub(super) struct Ticked {
    inner: RangedCoordf64,
    ticks: Vec<f64>,
}

impl Ranged for Ticked {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.inner.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.inner.range()
    }
}

impl Axis {
    /// `names` at 0, 1, 2, …; every `every`-th one labelled. `names` are in position
    /// order (bottom to top on a vertical axis).
    pub(super) fn categories(names: Vec<String>, every: usize, desc: String) -> Axis {
        let n = names.len().max(1);
        let ticks = (0..n).step_by(every.max(1)).map(|i| i as f64).collect();
        Axis {
            range: -0.5..n as f64 - 0.5,
            ticks,
            names: Some(names),
            decimals: 0,
            desc,
        }
    }

    /// Values from `lo` to `hi` (widened to round ticks, and to include 0).
    pub(super) fn values(values: impl Iterator<Item = f64>, desc: String) -> Axis {
        let (lo, hi) = values
            .filter(|v| v.is_finite())
            .fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let hi = if hi - lo < 1e-12 { lo + 1.0 } else { hi };
        let step = nice_step((hi - lo) / 6.0);
        let (first, last) = ((lo / step).floor(), (hi / step).ceil());
        // At most a dozen ticks: the step is at least a sixth of the span.
        let ticks = (0..=((last - first) as usize))
            .map(|k| (first + k as f64) * step)
            .collect();
        Axis {
            range: first * step..last * step,
            ticks,
            names: None,
            decimals: decimals_of(step),
            desc,
        }
    }

    /// What the tick at `v` says.
    pub(super) fn label(&self, v: f64) -> String {
        match &self.names {
            Some(names) => usize::try_from(v.round() as i64)
                .ok()
                .and_then(|i| names.get(i))
                .cloned()
                .unwrap_or_default(),
            None => number(v, self.decimals),
        }
    }

    pub(super) fn is_categories(&self) -> bool {
        self.names.is_some()
    }

    pub(super) fn start(&self) -> f64 {
        self.range.start
    }

    pub(super) fn end(&self) -> f64 {
        self.range.end
    }

    fn coord(&self) -> Ticked {
        Ticked {
            inner: self.range.clone().into(),
            ticks: self.ticks.clone(),
        }
    }
}

/// Builds a chart with a title and its axes on `area`; `left` and `bottom` are the label
/// areas in pixels.
pub(super) fn build<'a, 'b>(
    area: &'a Area<'b>,
    title: &str,
    (x, y): (&Axis, &Axis),
    (left, bottom): (u32, u32),
) -> Result<Plot<'a, 'b>, String> {
    let mut chart = ChartBuilder::on(area)
        .caption(title, (FONT, 18))
        .margin(12)
        .x_label_area_size(bottom)
        .y_label_area_size(left)
        .build_cartesian_2d(x.coord(), y.coord())
        .drawn()?;
    let grid = RGBColor(0xdd, 0xdd, 0xdd);
    let (x_label, y_label) = (|v: &f64| x.label(*v), |v: &f64| y.label(*v));
    let mut mesh = chart.configure_mesh();
    mesh.light_line_style(TRANSPARENT)
        .bold_line_style(grid)
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .x_desc(x.desc.as_str())
        .y_desc(y.desc.as_str())
        .label_style((FONT, 13))
        .axis_desc_style((FONT, 14));
    if x.is_categories() {
        mesh.disable_x_mesh();
    }
    if y.is_categories() {
        mesh.disable_y_mesh();
    }
    mesh.draw().drawn()?;
    Ok(chart)
}

/// 1, 2 or 5 times a power of ten, at least `raw`.
fn nice_step(raw: f64) -> f64 {
    let raw = if raw.is_finite() && raw > 0.0 {
        raw
    } else {
        1.0
    };
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * magnitude)
}

/// The decimals a tick step (or a value) needs: 0 from 1 up, 1 for 0.1 … 0.9, ….
pub(super) fn decimals_of(step: f64) -> usize {
    if !step.is_finite() || step == 0.0 || step.abs() >= 1.0 {
        return 0;
    }
    let d = -step.abs().log10().floor();
    (d as usize).min(6)
}

/// A number with `decimals`, thousands separated when whole; never `-0`.
pub(super) fn number(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let text = if decimals == 0 {
        group_thousands(Money::from_f64(v.round()), ',')
    } else {
        format!("{v:.decimals$}")
    };
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.' || c == ',') => rest.to_string(),
        _ => text,
    }
}
