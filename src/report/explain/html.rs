//! The explanation as a self-contained HTML page: the same blocks as the text, and a
//! tornado chart per explained ally (plotters' SVG backend).

use plotters::prelude::*;

use super::blocks::{blocks, Block};
use crate::explain::{AllyExplanation, Explanation};
use crate::report::ExportError;

const WIDTH: u32 = 900;
const ROW: i32 = 26;
const LABEL: i32 = 230;
const BARS: usize = 10;
/// Okabe–Ito blue and orange: the low and the high end of a step.
const LOW: RGBColor = RGBColor(0x00, 0x72, 0xB2);
const HIGH: RGBColor = RGBColor(0xE6, 0x9F, 0x00);

pub(super) fn html(e: &Explanation) -> Result<Vec<u8>, ExportError> {
    let mut body = String::new();
    let mut first = true;
    for block in blocks(e) {
        match block {
            Block::Heading(h) => {
                let tag = if first { "h1" } else { "h2" };
                first = false;
                body.push_str(&format!("<{tag}>{}</{tag}>\n", escape(&h)));
            }
            Block::Para(p) => body.push_str(&format!("<p>{}</p>\n", escape(&p))),
            Block::Table(rows, left) => body.push_str(&table(&rows, &left)),
        }
    }
    for ally in &e.allies {
        body.push_str(&format!("<h2>Tornado: {}</h2>\n", escape(&ally.id)));
        body.push_str(&tornado(e, ally)?);
        body.push('\n');
    }
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\nbody {{ font-family: sans-serif; margin: 2em; }}\ntable {{ border-collapse: collapse; margin: 1em 0; }}\ntd, th {{ border: 1px solid #ccc; padding: 2px 6px; }}\ntd.n {{ text-align: right; }}\n</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(&format!("Explanation: {}", e.plan.scenario))
    );
    Ok(page.into_bytes())
}

/// Text safe inside HTML elements and attributes.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn table(rows: &[Vec<String>], left: &[usize]) -> String {
    let mut out = String::from("<table>\n");
    for (r, row) in rows.iter().enumerate() {
        out.push_str("<tr>");
        for (c, cell) in row.iter().enumerate() {
            let (tag, class) = match (r, left.contains(&c)) {
                (0, _) => ("th", ""),
                (_, true) => ("td", ""),
                _ => ("td", " class=\"n\""),
            };
            out.push_str(&format!("<{tag}{class}>{}</{tag}>", escape(cell)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
    out
}

/// The ten assumptions that move the ally's total most, as bars left (fall) and right
/// (rise) of its planned total.
fn tornado(e: &Explanation, ally: &AllyExplanation) -> Result<String, ExportError> {
    let mut rows: Vec<(String, f64, f64)> = e
        .assumptions
        .iter()
        .filter_map(|a| {
            let low = a.low.deltas.as_ref()?[ally.index];
            let high = a.high.deltas.as_ref()?[ally.index];
            Some((format!("{} {}", a.label, a.step), low, high))
        })
        .collect();
    rows.sort_by(|a, b| {
        let swing = |r: &(String, f64, f64)| r.1.abs().max(r.2.abs());
        swing(b).total_cmp(&swing(a)).then_with(|| a.0.cmp(&b.0))
    });
    rows.truncate(BARS);
    let reach = rows
        .iter()
        .map(|r| r.1.abs().max(r.2.abs()))
        .fold(0.0, f64::max)
        .max(1e-9);
    let height = (ROW * (rows.len() as i32 + 2) + 20) as u32;
    let what = format!("tornado of {}", ally.id);
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (WIDTH, height)).into_drawing_area();
        let draw = || -> Result<(), String> {
            root.fill(&WHITE).map_err(|e| e.to_string())?;
            let centre = LABEL + (WIDTH as i32 - LABEL - 20) / 2;
            let half = f64::from((WIDTH as i32 - LABEL - 40) / 2);
            let x = |v: f64| centre + (v / reach * half).round() as i32;
            let font = ("sans-serif", 13).into_font();
            for (k, (label, low, high)) in rows.iter().enumerate() {
                let y = ROW * (k as i32 + 1);
                root.draw(&Text::new(label.clone(), (8, y + 6), font.clone()))
                    .map_err(|e| e.to_string())?;
                for (v, color) in [(*low, LOW), (*high, HIGH)] {
                    let (a, b) = (x(0.0).min(x(v)), x(0.0).max(x(v)));
                    root.draw(&Rectangle::new(
                        [(a, y + 2), (b.max(a + 1), y + ROW - 4)],
                        color.filled(),
                    ))
                    .map_err(|e| e.to_string())?;
                }
            }
            let bottom = ROW * (rows.len() as i32 + 1);
            root.draw(&PathElement::new(
                vec![(centre, ROW - 4), (centre, bottom)],
                BLACK,
            ))
            .map_err(|e| e.to_string())?;
            let legend = format!(
                "change of {}'s total ({} at the low end, {} at the high end of each step; widest bar {})",
                ally.id, "blue", "orange", crate::explain::words::money(reach)
            );
            root.draw(&Text::new(legend, (8, bottom + 8), font))
                .map_err(|e| e.to_string())?;
            root.present().map_err(|e| e.to_string())
        };
        draw().map_err(|e| ExportError::Chart(what.clone(), e))?;
    }
    Ok(out.replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{}\" ", escape(&what)),
        1,
    ))
}
