//! Heatmaps: the series are the rows (first at the top), the categories the columns; each
//! value is a shade with the value printed in its cell. With a reference (β = 1) the
//! shades part there: blue below, vermillion above, white at the reference; without one
//! they run from white (the least) to blue (the most).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axes::{build, number, Axis, Plot};
use super::{label, label_px, legend, legend_px, render, text, Drawn, Key, FONT, WIDTH};
use crate::report::doc::Chart;
use crate::report::ExportError;

const LOW: RGBColor = RGBColor(0x00, 0x72, 0xB2);
const HIGH: RGBColor = RGBColor(0xD5, 0x5E, 0x00);

/// How values become shades.
#[derive(Clone, Copy, Debug)]
struct Shade {
    min: f64,
    max: f64,
    reference: Option<f64>,
}

impl Shade {
    fn of(chart: &Chart) -> Shade {
        let values = chart.series.iter().flat_map(|s| s.values.iter().flatten());
        let (min, max) = values
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(*v), hi.max(*v))
            });
        let (min, max) = if min <= max { (min, max) } else { (0.0, 0.0) };
        let reference = chart.reference.filter(|r| r.is_finite());
        Shade {
            min,
            max,
            reference,
        }
    }

    /// The colour of `v`, and whether it is dark (so its value is written in white).
    fn color(self, v: f64) -> (RGBColor, bool) {
        let part = |from: f64, to: f64| {
            if (to - from).abs() < 1e-12 {
                0.0
            } else {
                ((v - from) / (to - from)).clamp(0.0, 1.0)
            }
        };
        let (toward, t) = match self.reference {
            Some(r) if v < r => (LOW, part(r, self.min)),
            Some(r) => (HIGH, part(r, self.max)),
            None => (LOW, part(self.min, self.max)),
        };
        (mix(toward, t), t > 0.6)
    }

    /// Decimals of the printed values: fewer for larger numbers.
    fn decimals(self) -> usize {
        match self.min.abs().max(self.max.abs()) {
            m if m >= 100.0 => 0,
            m if m >= 10.0 => 1,
            _ => 2,
        }
    }
}

/// White mixed with `color`, `t` of the way.
fn mix(color: RGBColor, t: f64) -> RGBColor {
    let channel = |c: u8| {
        (255.0 - (255.0 - f64::from(c)) * t)
            .round()
            .clamp(0.0, 255.0) as u8
    };
    RGBColor(channel(color.0), channel(color.1), channel(color.2))
}

/// The chart as inline SVG.
pub(super) fn draw(chart: &Chart) -> Result<String, ExportError> {
    let shade = Shade::of(chart);
    let keys = keys(shade);
    let legend_w = legend_px(&keys);
    let mut rows: Vec<String> = chart.series.iter().map(|s| label(&s.name)).collect();
    let left = label_px(&rows, 60, 240);
    rows.reverse();
    let n = u32::try_from(rows.len()).unwrap_or(u32::MAX / 64);
    let height = 140u32.saturating_add(n.saturating_mul(26));
    let columns: Vec<String> = chart.categories.iter().map(|c| label(c)).collect();
    let x = Axis::categories(columns, 1, text(&chart.x_label));
    let y = Axis::categories(rows, 1, text(&chart.y_label));
    render(&chart.title, (WIDTH, height), |root| {
        let (area, strip) = root.split_horizontally(WIDTH - legend_w);
        let mut plot = build(&area, &text(&chart.title), (&x, &y), (left, 60))?;
        cells(&mut plot, chart, shade)?;
        legend(&strip, &keys)
    })
}

/// The legend: the shades of the least value, the reference and the most.
fn keys(shade: Shade) -> Vec<(String, Key)> {
    let d = shade.decimals();
    let mut keys = vec![(
        format!("{} (least)", number(shade.min, d)),
        Key::Swatch(shade.color(shade.min).0),
    )];
    if let Some(r) = shade.reference {
        keys.push((
            format!("{} (reference)", number(r, d)),
            Key::Swatch(shade.color(r).0),
        ));
    }
    keys.push((
        format!("{} (most)", number(shade.max, d)),
        Key::Swatch(shade.color(shade.max).0),
    ));
    keys
}

/// One shaded rectangle per value, with the value written in it.
fn cells(plot: &mut Plot<'_, '_>, chart: &Chart, shade: Shade) -> Result<(), String> {
    let top = chart.series.len() as f64 - 1.0;
    let d = shade.decimals();
    let centre = Pos::new(HPos::Center, VPos::Center);
    for (r, s) in chart.series.iter().enumerate() {
        let y = top - r as f64;
        for (c, v) in s.values.iter().enumerate().take(chart.categories.len()) {
            let Some(v) = v.filter(|v| v.is_finite()) else {
                continue;
            };
            let (color, dark) = shade.color(v);
            let x = c as f64;
            let corners = [(x - 0.5, y - 0.5), (x + 0.5, y + 0.5)];
            let mut cell = Rectangle::new(corners, color.filled());
            cell.set_margin(1, 1, 1, 1);
            plot.draw_series([cell]).drawn()?;
            let ink = if dark { WHITE } else { BLACK };
            let style = TextStyle::from((FONT, 12).into_font())
                .color(&ink)
                .pos(centre);
            plot.draw_series([Text::new(number(v, d), (x, y), style)])
                .drawn()?;
        }
    }
    Ok(())
}
