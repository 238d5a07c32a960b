//! The report's charts, drawn with plotters' SVG backend (no font files: text stays
//! `<text>` for the browser to set) in the Okabe–Ito colour-blind-safe palette.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::money::{group_thousands, Money};
use crate::plan::Plan;
use crate::report::document::{ExportError, Report};
use crate::report::money_unit;

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
/// The colour of "others".
const GREY: RGBColor = RGBColor(0x99, 0x99, 0x99);
/// Allies named in the stacked and side-by-side charts; the rest are "others".
const NAMED: usize = 7;
const WIDTH: u32 = 900;
const FONT: &str = "sans-serif";

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Draws into an SVG string; `what` names the chart in error messages.
fn svg(
    what: &str,
    size: (u32, u32),
    draw: impl FnOnce(&Area<'_>) -> Result<(), String>,
) -> Result<String, ExportError> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        root.fill(&WHITE)
            .map_err(|e| e.to_string())
            .and_then(|()| draw(&root))
            .and_then(|()| root.present().map_err(|e| e.to_string()))
            .map_err(|e| ExportError::Chart(what.to_string(), e))?;
    }
    let label = what.replace('"', "'");
    Ok(out.replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{label}\" "),
        1,
    ))
}

/// An axis number with thousands separators.
fn thousands(v: f64) -> String {
    group_thousands(Money::from_f64(v.round()), ',')
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

/// Contributions per year, stacked by ally: the largest allies named, the rest "others".
pub(crate) fn stacked_years(plan: &Plan) -> Result<String, ExportError> {
    let named = largest(plan, |a| plan.allies[a].total.to_f64());
    let per_year = |a: &crate::plan::AllyPlan| -> Vec<f64> {
        plan.years
            .iter()
            .map(|y| a.contributions.get(y).map_or(0.0, |v| v.to_f64()))
            .collect()
    };
    let mut series: Vec<Series> = named
        .iter()
        .enumerate()
        .map(|(i, &a)| Series {
            label: plan.allies[a].id.clone(),
            color: PALETTE[i % PALETTE.len()],
            values: per_year(&plan.allies[a]),
        })
        .collect();
    let rest: Vec<Vec<f64>> = (0..plan.allies.len())
        .filter(|a| !named.contains(a))
        .map(|a| per_year(&plan.allies[a]))
        .collect();
    if !rest.is_empty() {
        let values = (0..plan.years.len())
            .map(|y| rest.iter().map(|r| r[y]).sum())
            .collect();
        series.push(Series {
            label: format!("others ({})", rest.len()),
            color: GREY,
            values,
        });
    }
    let unit = money_unit(plan);
    let top = plan
        .budget
        .annual
        .values()
        .map(|v| v.to_f64())
        .fold(1.0, f64::max)
        * 1.08;
    let (first, last) = (
        plan.years.first().copied().unwrap_or(0),
        plan.years.last().copied().unwrap_or(0),
    );
    svg(
        "Contributions per year, stacked by ally",
        (WIDTH, 440),
        |root| {
            let (area, legend) = root.split_horizontally(WIDTH - 170);
            let mut chart = ChartBuilder::on(&area)
                .caption(format!("Contributions per year ({unit})"), (FONT, 20))
                .margin(12)
                .x_label_area_size(48)
                .y_label_area_size(84)
                .build_cartesian_2d((first..last).into_segmented(), 0f64..top)
                .map_err(|e| e.to_string())?;
            chart
                .configure_mesh()
                .disable_x_mesh()
                .light_line_style(TRANSPARENT)
                .y_desc(unit.as_str())
                .x_desc("Year")
                .y_label_formatter(&|v| thousands(*v))
                .x_label_formatter(&|v| match v {
                    SegmentValue::CenterOf(y) | SegmentValue::Exact(y) => y.to_string(),
                    SegmentValue::Last => String::new(),
                })
                .label_style((FONT, 14))
                .axis_desc_style((FONT, 14))
                .draw()
                .map_err(|e| e.to_string())?;
            let gap = (area.dim_in_pixel().0 / (plan.years.len().max(1) as u32 * 8)).max(2);
            let mut base = vec![0.0; plan.years.len()];
            for s in &series {
                let bars = plan.years.iter().enumerate().map(|(j, y)| {
                    let (lo, hi) = (base[j], base[j] + s.values[j]);
                    let mut bar = Rectangle::new(
                        [
                            (SegmentValue::Exact(*y), lo),
                            (SegmentValue::Exact(y + 1), hi),
                        ],
                        s.color.filled(),
                    );
                    bar.set_margin(0, 0, gap, gap);
                    bar
                });
                chart.draw_series(bars).map_err(|e| e.to_string())?;
                base.iter_mut().zip(&s.values).for_each(|(b, v)| *b += v);
            }
            let entries: Vec<(&str, RGBColor)> = series
                .iter()
                .rev()
                .map(|s| (s.label.as_str(), s.color))
                .collect();
            side_legend(&legend, "Ally", &entries)
        },
    )
}

/// A legend in its own area to the right of a chart.
fn side_legend(area: &Area<'_>, title: &str, entries: &[(&str, RGBColor)]) -> Result<(), String> {
    let font = (FONT, 14).into_font();
    area.draw(&Text::new(
        title.to_string(),
        (8, 48),
        (FONT, 14).into_font().style(FontStyle::Bold),
    ))
    .map_err(|e| e.to_string())?;
    for (i, (label, color)) in entries.iter().enumerate() {
        let y = 72 + 22 * i as i32;
        area.draw(&Rectangle::new([(8, y), (22, y + 14)], color.filled()))
            .map_err(|e| e.to_string())?;
        area.draw(&Text::new(label.to_string(), (30, y + 1), font.clone()))
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Burden index per ally, largest first, against the 1.0 line of the fair share.
pub(crate) fn burden_indices(plan: &Plan) -> Result<String, ExportError> {
    let mut rows: Vec<(&str, f64)> = plan
        .allies
        .iter()
        .filter_map(|a| a.burden_index.map(|b| (a.id.as_str(), b)))
        .collect();
    rows.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(a.0)));
    let n = rows.len() as i32;
    let right = rows.iter().map(|r| r.1).fold(1.2, f64::max) * 1.12;
    let height = 130 + 22 * rows.len() as u32;
    svg("Burden index per ally", (WIDTH, height), |root| {
        let mut chart = ChartBuilder::on(root)
            .caption("Burden index per ally (1.0 = fair share)", (FONT, 20))
            .margin(12)
            .x_label_area_size(48)
            .y_label_area_size(64)
            .build_cartesian_2d(0f64..right, (0..(n - 1).max(0)).into_segmented())
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(TRANSPARENT)
            .y_labels(rows.len() + 1)
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => rows
                    .get(*i as usize)
                    .map_or(String::new(), |r| r.0.to_string()),
                SegmentValue::Last => String::new(),
            })
            .x_desc("Burden index: (new contribution + credited aid) / fair effort")
            .y_desc("Ally")
            .label_style((FONT, 13))
            .axis_desc_style((FONT, 14))
            .draw()
            .map_err(|e| e.to_string())?;
        let above = RGBColor(0xD5, 0x5E, 0x00);
        let below = PALETTE[0];
        for (label, color, pick) in [
            ("above fair share (> 1.0)", above, true),
            ("at or below fair share", below, false),
        ] {
            let bars = rows
                .iter()
                .enumerate()
                .filter(|(_, r)| (r.1 > 1.0 + 1e-6) == pick)
                .map(|(i, r)| {
                    let mut bar = Rectangle::new(
                        [
                            (0.0, SegmentValue::Exact(i as i32)),
                            (r.1, SegmentValue::Exact(i as i32 + 1)),
                        ],
                        color.filled(),
                    );
                    bar.set_margin(3, 3, 0, 0);
                    bar
                });
            chart
                .draw_series(bars)
                .map_err(|e| e.to_string())?
                .label(label)
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 6), (x + 14, y + 6)], color.filled())
                });
        }
        let values = rows.iter().enumerate().map(|(i, r)| {
            Text::new(
                format!("{:.3}", r.1),
                (
                    r.1.max(1.0) + right * 0.01,
                    SegmentValue::CenterOf(i as i32),
                ),
                (FONT, 12)
                    .into_font()
                    .into_text_style(root)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            )
        });
        chart.draw_series(values).map_err(|e| e.to_string())?;
        let line = PathElement::new(
            vec![(1.0, SegmentValue::Exact(0)), (1.0, SegmentValue::Exact(n))],
            BLACK.stroke_width(2),
        );
        chart
            .draw_series(std::iter::once(line))
            .map_err(|e| e.to_string())?
            .label("fair share (1.0)")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], BLACK.stroke_width(2)));
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK.mix(0.4))
            .label_font((FONT, 14))
            .draw()
            .map_err(|e| e.to_string())
    })
}

/// Totals per ally, one bar per scenario side by side; the largest allies named.
pub(crate) fn totals_side_by_side(reports: &[Report<'_>]) -> Result<String, ExportError> {
    let Some(first) = reports.first() else {
        return Err(ExportError::Empty);
    };
    let ids: Vec<String> = {
        let mut ids: Vec<(String, f64)> = Vec::new();
        for a in reports.iter().flat_map(|r| &r.plan.allies) {
            match ids.iter_mut().find(|(id, _)| *id == a.id) {
                Some((_, max)) => *max = max.max(a.total.to_f64()),
                None => ids.push((a.id.clone(), a.total.to_f64())),
            }
        }
        ids.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        ids.into_iter().take(NAMED).map(|(id, _)| id).collect()
    };
    let mut groups: Vec<String> = ids.clone();
    groups.push("others".to_string());
    let series: Vec<Series> = reports
        .iter()
        .enumerate()
        .map(|(s, r)| {
            let mut values: Vec<f64> = ids
                .iter()
                .map(|id| r.plan.ally(id).map_or(0.0, |a| a.total.to_f64()))
                .collect();
            values.push(
                r.plan
                    .allies
                    .iter()
                    .filter(|a| !ids.contains(&a.id))
                    .map(|a| a.total.to_f64())
                    .sum(),
            );
            Series {
                label: r.name.to_string(),
                color: PALETTE[s % PALETTE.len()],
                values,
            }
        })
        .collect();
    let unit = money_unit(first.plan);
    let top = series
        .iter()
        .flat_map(|s| &s.values)
        .copied()
        .fold(1.0, f64::max)
        * 1.1;
    let g = groups.len() as i32;
    svg("Totals per ally by scenario", (WIDTH, 460), |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(
                format!("Total contribution per ally by scenario ({unit})"),
                (FONT, 20),
            )
            .margin(12)
            .x_label_area_size(48)
            .y_label_area_size(84)
            .build_cartesian_2d((0..g - 1).into_segmented(), 0f64..top)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .x_labels(groups.len() + 1)
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => {
                    groups.get(*i as usize).cloned().unwrap_or_default()
                }
                SegmentValue::Last => String::new(),
            })
            .y_label_formatter(&|v| thousands(*v))
            .x_desc("Ally (largest by total; the rest as others)")
            .y_desc(unit.as_str())
            .label_style((FONT, 14))
            .axis_desc_style((FONT, 14))
            .draw()
            .map_err(|e| e.to_string())?;
        let group_px = chart.plotting_area().dim_in_pixel().0 / groups.len() as u32;
        let pad = group_px / 8;
        let bar_px = (group_px - 2 * pad) / series.len().max(1) as u32;
        for (s, ser) in series.iter().enumerate() {
            let (l, r) = (
                pad + s as u32 * bar_px,
                group_px.saturating_sub(pad + (s as u32 + 1) * bar_px),
            );
            let color = ser.color;
            let bars = ser.values.iter().enumerate().map(|(i, v)| {
                let mut bar = Rectangle::new(
                    [
                        (SegmentValue::Exact(i as i32), 0.0),
                        (SegmentValue::Exact(i as i32 + 1), *v),
                    ],
                    color.filled(),
                );
                bar.set_margin(0, 0, l, r);
                bar
            });
            chart
                .draw_series(bars)
                .map_err(|e| e.to_string())?
                .label(ser.label.as_str())
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 6), (x + 14, y + 6)], color.filled())
                });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK.mix(0.4))
            .label_font((FONT, 14))
            .draw()
            .map_err(|e| e.to_string())
    })
}
