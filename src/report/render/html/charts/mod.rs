//! A document's charts as inline SVG, drawn from the [`Chart`] spec with plotters' SVG
//! backend (no font files: texts stay `<text>` for the browser to set) in the Okabe–Ito
//! colour-blind-safe palette. Both axes are plain numbers with the tick positions chosen
//! here, so the same chart always gives the same SVG: categories sit at 0, 1, 2, … and the
//! value axis gets round ticks (1, 2 or 5 times a power of ten).

mod axes;
mod bars;
mod heatmap;
mod lines;

use std::fmt::Display;

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

use crate::report::doc::{Chart, ChartKind};
use crate::report::{escape, ExportError};

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
/// The colours of marker series (a fair share over its stack).
const MARKS: [RGBColor; 2] = [RGBColor(0x1a, 0x1a, 0x1a), RGBColor(0x80, 0x80, 0x80)];
const WIDTH: u32 = 960;
const FONT: &str = "sans-serif";
/// The longest label drawn in full; longer ones end in `…`.
const LABEL_CHARS: usize = 28;
/// Roughly how wide a character of a 13 px label is, for sizing label areas.
const CHAR_PX: u32 = 7;

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

/// The chart as inline SVG.
pub(super) fn svg(chart: &Chart) -> Result<String, ExportError> {
    match chart.kind {
        ChartKind::Bars | ChartKind::Stacked | ChartKind::Tornado => bars::draw(chart),
        ChartKind::Lines => lines::draw(chart),
        ChartKind::Heatmap => heatmap::draw(chart),
    }
}

/// Draws into an SVG string; `title` labels the image and names it in errors.
fn render(
    title: &str,
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
            .map_err(|e| ExportError::Chart(text(title), e))?;
    }
    // Plotters escapes the markup of every text; what it lets through of control and
    // bidirectional characters is replaced here as well (the texts were cleaned before).
    let out = escape::markup(&out);
    Ok(out.replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{}\" ", escape::html(title)),
        1,
    ))
}

/// A text as it goes into a chart: on one line, nothing unsafe, at most
/// [`LABEL_CHARS`] characters (plotters escapes the markup).
fn label(text: &str) -> String {
    let text = escape::plain(text);
    if text.chars().count() <= LABEL_CHARS {
        return text.into_owned();
    }
    let mut short: String = text.chars().take(LABEL_CHARS - 1).collect();
    short.push('…');
    short
}

/// A title or axis description: cleaned like [`label`] but not shortened.
fn text(text: &str) -> String {
    escape::plain(text).into_owned()
}

/// The pixels a label area needs for these labels.
fn label_px(labels: &[String], least: u32, most: u32) -> u32 {
    let chars = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    (u32::try_from(chars)
        .unwrap_or(u32::MAX)
        .saturating_mul(CHAR_PX)
        + 24)
        .clamp(least, most)
}

/// How a legend entry is drawn.
#[derive(Clone, Copy, Debug)]
enum Key {
    Swatch(RGBColor),
    Line(RGBColor),
    Mark(RGBColor),
    Dashed,
}

/// A legend in its own strip (at the right of the chart).
fn legend(area: &Area<'_>, entries: &[(String, Key)]) -> Result<(), String> {
    let font = (FONT, 13).into_font();
    for (i, (name, key)) in entries.iter().enumerate() {
        let y = 56 + 22 * i32::try_from(i).unwrap_or(i32::MAX / 32);
        match *key {
            Key::Swatch(c) => area
                .draw(&Rectangle::new([(8, y - 6), (22, y + 6)], c.filled()))
                .drawn()?,
            Key::Line(c) => area
                .draw(&PathElement::new([(6, y), (24, y)], c.stroke_width(2)))
                .drawn()?,
            Key::Mark(c) => {
                area.draw(&PathElement::new([(8, y), (22, y)], c.stroke_width(3)))
                    .drawn()?;
                area.draw(&Circle::new((15, y), 3, c.filled())).drawn()?;
            }
            Key::Dashed => area
                .draw(&DashedPathElement::new(
                    [(6, y), (24, y)],
                    4,
                    3,
                    BLACK.stroke_width(2),
                ))
                .drawn()?,
        }
        let style = font.clone().into_text_style(area);
        area.draw(&Text::new(name.clone(), (30, y - 7), style))
            .drawn()?;
    }
    Ok(())
}

/// The width of the legend strip for these entries.
fn legend_px(entries: &[(String, Key)]) -> u32 {
    let names: Vec<String> = entries.iter().map(|e| e.0.clone()).collect();
    label_px(&names, 90, 240) + 16
}

/// The legend entry of the reference line, if the chart has one.
fn reference_key(chart: &Chart) -> Option<(String, Key)> {
    chart.reference.map(|r| {
        let value = axes::number(r, axes::decimals_of(r));
        (format!("reference ({value})"), Key::Dashed)
    })
}

#[cfg(test)]
mod tests;
