//! The report's charts, drawn with plotters' SVG backend (no font files: text stays
//! `<text>` for the browser to set) in the Okabe–Ito colour-blind-safe palette.

mod beta;
mod sides;
mod years;

use std::fmt::Display;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::money::{group_thousands, Money};
use crate::plan::Plan;
use crate::report::document::ExportError;

pub(crate) use beta::burden_indices;
pub(crate) use sides::totals_side_by_side;
pub(crate) use years::stacked_years;

/// Okabe–Ito colours (black left out), in the order series get them.
const PALETTE: [RGBColor; 7] = [
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0xCC, 0x79, 0xA7), // reddish purple
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0xF0, 0xE4, 0x42), // yellow
];
/// Okabe–Ito vermillion, for burden indices above the fair share.
const ABOVE: RGBColor = PALETTE[5];
/// The colour of "others".
const GREY: RGBColor = RGBColor(0x99, 0x99, 0x99);
/// Allies named in the stacked and side-by-side charts; the rest are "others".
const NAMED: usize = 7;
const WIDTH: u32 = 900;
const FONT: &str = "sans-serif";

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Plotters' errors as plain text.
trait Drawn<T> {
    fn drawn(self) -> Result<T, String>;
}

impl<T, E: Display> Drawn<T> for Result<T, E> {
    fn drawn(self) -> Result<T, String> {
        self.map_err(|e| e.to_string())
    }
}

/// Draws into an SVG string; `what` labels the image and names it in errors.
fn svg(
    what: &str,
    size: (u32, u32),
    draw: impl FnOnce(&Area<'_>) -> Result<(), String>,
) -> Result<String, ExportError> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        root.fill(&WHITE)
            .drawn()
            .and_then(|()| draw(&root))
            .and_then(|()| root.present().drawn())
            .map_err(|e| ExportError::Chart(what.to_string(), e))?;
    }
    // The charts' texts are escaped by the SVG backend; control characters in names
    // are replaced here.
    let out = crate::report::escape::markup(&out);
    Ok(out.replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{}\" ", super::escape(what)),
        1,
    ))
}

/// An axis number with thousands separators.
fn thousands(v: f64) -> String {
    group_thousands(Money::from_f64(v.round()), ',')
}

/// The label of a segment: `names[i]` at its centre.
fn segment_name(names: &[String], v: &SegmentValue<i32>) -> String {
    match v {
        SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => usize::try_from(*i)
            .ok()
            .and_then(|i| names.get(i))
            .cloned()
            .unwrap_or_default(),
        SegmentValue::Last => String::new(),
    }
}

/// A small filled square for legends.
fn swatch(color: RGBColor) -> impl Fn((i32, i32)) -> Rectangle<(i32, i32)> {
    move |(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], color.filled())
}

/// One named series of values, one per position.
struct Series {
    label: String,
    color: RGBColor,
    values: Vec<f64>,
}

/// Indices of the largest allies by `size`, largest first (ties by id), at most `NAMED`.
fn largest(plan: &Plan, size: impl Fn(usize) -> f64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..plan.allies.len()).collect();
    order.sort_by(|&a, &b| {
        size(b)
            .total_cmp(&size(a))
            .then_with(|| plan.allies[a].id.cmp(&plan.allies[b].id))
    });
    order.truncate(NAMED);
    order
}

/// A legend in its own area to the right of a chart.
fn side_legend(area: &Area<'_>, title: &str, entries: &[(&str, RGBColor)]) -> Result<(), String> {
    let font = (FONT, 14).into_font();
    let bold = (FONT, 14).into_font().style(FontStyle::Bold);
    area.draw(&Text::new(title.to_string(), (8, 48), bold))
        .drawn()?;
    for (i, (label, color)) in entries.iter().enumerate() {
        let y = 72 + 22 * i as i32;
        area.draw(&Rectangle::new([(8, y), (22, y + 14)], color.filled()))
            .drawn()?;
        area.draw(&Text::new(label.to_string(), (30, y + 1), font.clone()))
            .drawn()?;
    }
    Ok(())
}
