//! Line charts: one line per series across the categories (years, parameter values), a
//! dot at each value, broken where a value is missing; marker series as dots only.

use plotters::element::DashedPathElement;
use plotters::prelude::*;

use super::axes::{build, Axis, Plot};
use super::{
    label, legend, legend_px, reference_key, render, text, Drawn, Key, MARKS, PALETTE, WIDTH,
};
use crate::report::doc::{Chart, Series};
use crate::report::ExportError;

/// At most this many category labels; beyond, every second, third, … is labelled.
const LABELS: usize = 14;

/// The chart as inline SVG.
pub(super) fn draw(chart: &Chart) -> Result<String, ExportError> {
    let keys = keys(chart);
    let legend_w = legend_px(&keys);
    let names: Vec<String> = chart.categories.iter().map(|c| label(c)).collect();
    let every = names.len().div_ceil(LABELS).max(1);
    let x = Axis::categories(names, every, text(&chart.x_label));
    let values = chart.series.iter().flat_map(|s| s.values.iter().flatten());
    let y = Axis::values(values.copied().chain(chart.reference), text(&chart.y_label));
    render(&chart.title, (WIDTH, 440), |root| {
        let (area, strip) = root.split_horizontally(WIDTH - legend_w);
        let mut plot = build(&area, &text(&chart.title), (&x, &y), (84, 60))?;
        let (mut line, mut mark) = (0, 0);
        for s in &chart.series {
            if s.marker {
                dots(&mut plot, s, MARKS[mark % MARKS.len()])?;
                mark += 1;
            } else {
                let color = PALETTE[line % PALETTE.len()];
                path(&mut plot, s, color)?;
                dots(&mut plot, s, color)?;
                line += 1;
            }
        }
        if let Some(r) = chart.reference.filter(|r| r.is_finite()) {
            let ends = [(x.start(), r), (x.end(), r)];
            plot.draw_series([DashedPathElement::new(ends, 6, 4, BLACK.stroke_width(2))])
                .drawn()?;
        }
        legend(&strip, &keys)
    })
}

fn keys(chart: &Chart) -> Vec<(String, Key)> {
    let (mut line, mut mark) = (0, 0);
    let mut keys: Vec<(String, Key)> = Vec::new();
    for s in &chart.series {
        let key = if s.marker {
            mark += 1;
            Key::Mark(MARKS[(mark - 1) % MARKS.len()])
        } else {
            line += 1;
            Key::Line(PALETTE[(line - 1) % PALETTE.len()])
        };
        keys.push((label(&s.name), key));
    }
    keys.extend(reference_key(chart));
    keys
}

/// The series' line, one piece per run of values without a gap.
fn path(plot: &mut Plot<'_, '_>, s: &Series, color: RGBColor) -> Result<(), String> {
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for (i, v) in s.values.iter().enumerate() {
        match v.filter(|v| v.is_finite()) {
            Some(v) => runs.last_mut().map_or((), |r| r.push((i as f64, v))),
            None => runs.push(Vec::new()),
        }
    }
    let pieces = runs.into_iter().filter(|r| r.len() > 1);
    plot.draw_series(pieces.map(|r| PathElement::new(r, color.stroke_width(2))))
        .drawn()?;
    Ok(())
}

fn dots(plot: &mut Plot<'_, '_>, s: &Series, color: RGBColor) -> Result<(), String> {
    let points = s.values.iter().enumerate().filter_map(|(i, v)| {
        let v = v.filter(|v| v.is_finite())?;
        Some(Circle::new((i as f64, v), 3, color.filled()))
    });
    plot.draw_series(points).drawn()?;
    Ok(())
}
