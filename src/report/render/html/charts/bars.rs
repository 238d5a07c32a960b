//! Bar charts: grouped (one bar per series in each category) or stacked (positive values
//! up, negative down); series with a marker are drawn as a tick and dot over the bars (a
//! fair share against what makes it up). Many categories (allies) lie along a vertical
//! axis, one row each, so every name stays readable; few (years) stand side by side. A
//! tornado is grouped bars that always lie along the vertical axis.

use plotters::element::DashedPathElement;
use plotters::prelude::*;

use super::axes::{build, Axis, Plot};
use super::{
    label, label_px, legend, legend_px, reference_key, render, text, Drawn, Key, MARKS, PALETTE,
    WIDTH,
};
use crate::report::doc::{Chart, ChartKind};
use crate::report::ExportError;

/// More categories than this lie along a vertical axis.
const UPRIGHT_MAX: usize = 12;
/// The share of a category's room its bars take.
const FILL: f64 = 0.8;

/// Which way the bars go, and how a (category position, value) becomes a point.
#[derive(Clone, Copy, Debug)]
struct Orient {
    horizontal: bool,
    /// The number of categories (the first is drawn at the top when horizontal).
    n: usize,
}

impl Orient {
    fn at(self, category: f64, value: f64) -> (f64, f64) {
        if self.horizontal {
            (value, (self.n as f64 - 1.0) - category)
        } else {
            (category, value)
        }
    }
}

/// The chart as inline SVG.
pub(super) fn draw(chart: &Chart) -> Result<String, ExportError> {
    let n = chart.categories.len();
    let o = Orient {
        horizontal: n > UPRIGHT_MAX || chart.kind == ChartKind::Tornado,
        n,
    };
    let keys = keys(chart);
    let legend_w = legend_px(&keys);
    let bars = chart.series.iter().filter(|s| !s.marker).count().max(1);
    let per = match chart.kind {
        ChartKind::Stacked => 22,
        _ => 10 + 8 * u32::try_from(bars).unwrap_or(u32::MAX / 16),
    };
    let rows = u32::try_from(n).unwrap_or(u32::MAX / 64);
    let height = if o.horizontal {
        140u32.saturating_add(per.saturating_mul(rows))
    } else {
        440
    };
    let (x, y, left) = axes(chart, o);
    render(&chart.title, (WIDTH, height), |root| {
        let (area, strip) = root.split_horizontally(WIDTH - legend_w);
        let mut plot = build(&area, &text(&chart.title), (&x, &y), (left, 60))?;
        match chart.kind {
            ChartKind::Stacked => stacked(&mut plot, chart, o)?,
            _ => grouped(&mut plot, chart, o)?,
        }
        marks(&mut plot, chart, o)?;
        reference(&mut plot, chart, o)?;
        legend(&strip, &keys)
    })
}

/// The axes (x, y) and the width of the left label area.
fn axes(chart: &Chart, o: Orient) -> (Axis, Axis, u32) {
    let mut names: Vec<String> = chart.categories.iter().map(|c| label(c)).collect();
    let values = Axis::values(extent(chart).into_iter(), text(&chart.y_label));
    if o.horizontal {
        let left = label_px(&names, 60, 240);
        names.reverse();
        let cats = Axis::categories(names, 1, text(&chart.x_label));
        (values, cats, left)
    } else {
        (Axis::categories(names, 1, text(&chart.x_label)), values, 84)
    }
}

/// Every value the value axis must show: the bars (stacked: each stack's ends), the
/// marks and the reference line.
fn extent(chart: &Chart) -> Vec<f64> {
    let mut out: Vec<f64> = chart.reference.into_iter().collect();
    for s in &chart.series {
        if s.marker || chart.kind != ChartKind::Stacked {
            out.extend(s.values.iter().flatten());
        }
    }
    if chart.kind == ChartKind::Stacked {
        for i in 0..chart.categories.len() {
            let (up, down) = stack_ends(chart, i);
            out.extend([up, down]);
        }
    }
    out
}

/// The top and bottom of category `i`'s stack.
fn stack_ends(chart: &Chart, i: usize) -> (f64, f64) {
    let values = chart.series.iter().filter(|s| !s.marker);
    values
        .filter_map(|s| s.values.get(i).copied().flatten())
        .filter(|v| v.is_finite())
        .fold((0.0, 0.0), |(up, down), v| {
            if v >= 0.0 {
                (up + v, down)
            } else {
                (up, down + v)
            }
        })
}

/// The legend: bar series, then marks, then the reference line.
fn keys(chart: &Chart) -> Vec<(String, Key)> {
    let bars = chart.series.iter().filter(|s| !s.marker);
    let marks = chart.series.iter().filter(|s| s.marker);
    let mut keys: Vec<(String, Key)> = bars
        .enumerate()
        .map(|(k, s)| (label(&s.name), Key::Swatch(PALETTE[k % PALETTE.len()])))
        .collect();
    keys.extend(
        marks
            .enumerate()
            .map(|(k, s)| (label(&s.name), Key::Mark(MARKS[k % MARKS.len()]))),
    );
    keys.extend(reference_key(chart));
    keys
}

fn bar(
    o: Orient,
    (c0, c1): (f64, f64),
    (v0, v1): (f64, f64),
    color: RGBColor,
) -> Rectangle<(f64, f64)> {
    Rectangle::new([o.at(c0, v0), o.at(c1, v1)], color.filled())
}

/// Bars side by side within each category.
fn grouped(plot: &mut Plot<'_, '_>, chart: &Chart, o: Orient) -> Result<(), String> {
    let series: Vec<_> = chart.series.iter().filter(|s| !s.marker).collect();
    let width = FILL / series.len().max(1) as f64;
    for (k, s) in series.iter().enumerate() {
        let color = PALETTE[k % PALETTE.len()];
        let rects = s.values.iter().enumerate().filter_map(|(i, v)| {
            let v = v.filter(|v| v.is_finite())?;
            let c0 = i as f64 - FILL / 2.0 + k as f64 * width;
            Some(bar(o, (c0, c0 + width), (0.0, v), color))
        });
        plot.draw_series(rects).drawn()?;
    }
    Ok(())
}

/// Bars stacked within each category: positive values up from 0, negative ones down.
fn stacked(plot: &mut Plot<'_, '_>, chart: &Chart, o: Orient) -> Result<(), String> {
    let n = chart.categories.len();
    let (mut up, mut down) = (vec![0.0; n], vec![0.0; n]);
    let series = chart.series.iter().filter(|s| !s.marker);
    for (k, s) in series.enumerate() {
        let color = PALETTE[k % PALETTE.len()];
        let mut rects = Vec::new();
        for (i, v) in s.values.iter().enumerate().take(n) {
            let Some(v) = v.filter(|v| v.is_finite()) else {
                continue;
            };
            let base = if v >= 0.0 { &mut up[i] } else { &mut down[i] };
            let c = (i as f64 - FILL / 2.0, i as f64 + FILL / 2.0);
            rects.push(bar(o, c, (*base, *base + v), color));
            *base += v;
        }
        plot.draw_series(rects).drawn()?;
    }
    Ok(())
}

/// Marker series: a tick across the category's bars and a dot at its middle.
fn marks(plot: &mut Plot<'_, '_>, chart: &Chart, o: Orient) -> Result<(), String> {
    let series = chart.series.iter().filter(|s| s.marker);
    for (k, s) in series.enumerate() {
        let color = MARKS[k % MARKS.len()];
        for (i, v) in s.values.iter().enumerate() {
            let Some(v) = v.filter(|v| v.is_finite()) else {
                continue;
            };
            let c = i as f64;
            let tick = [o.at(c - FILL / 2.0, v), o.at(c + FILL / 2.0, v)];
            plot.draw_series([PathElement::new(tick, color.stroke_width(3))])
                .drawn()?;
            plot.draw_series([Circle::new(o.at(c, v), 3, color.filled())])
                .drawn()?;
        }
    }
    Ok(())
}

/// The reference line (β = 1), dashed across the chart.
fn reference(plot: &mut Plot<'_, '_>, chart: &Chart, o: Orient) -> Result<(), String> {
    let Some(r) = chart.reference.filter(|r| r.is_finite()) else {
        return Ok(());
    };
    let ends = [o.at(-0.5, r), o.at(o.n.max(1) as f64 - 0.5, r)];
    plot.draw_series([DashedPathElement::new(ends, 6, 4, BLACK.stroke_width(2))])
        .drawn()?;
    Ok(())
}
