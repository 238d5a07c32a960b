//! Several scenarios: each ally's total, one bar per scenario side by side; the largest
//! allies named, the rest "others".

use plotters::prelude::*;

use super::{segment_name, svg, swatch, thousands, Drawn, Series, FONT, NAMED, PALETTE, WIDTH};
use crate::report::document::{ExportError, Report};
use crate::report::money_unit;

/// The allies with the largest total in any scenario, largest first.
fn largest_ids(reports: &[Report<'_>]) -> Vec<String> {
    let mut ids: Vec<(String, f64)> = Vec::new();
    for a in reports.iter().flat_map(|r| &r.plan.allies) {
        match ids.iter_mut().find(|(id, _)| *id == a.id) {
            Some((_, max)) => *max = max.max(a.total.to_f64()),
            None => ids.push((a.id.clone(), a.total.to_f64())),
        }
    }
    ids.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ids.into_iter().take(NAMED).map(|(id, _)| id).collect()
}

/// One series per scenario: the named allies' totals, then the others added up.
fn series(reports: &[Report<'_>], ids: &[String]) -> Vec<Series> {
    reports
        .iter()
        .enumerate()
        .map(|(s, r)| {
            let total = |id: &String| r.plan.ally(id).map_or(0.0, |a| a.total.to_f64());
            let mut values: Vec<f64> = ids.iter().map(total).collect();
            let others = r.plan.allies.iter().filter(|a| !ids.contains(&a.id));
            values.push(others.map(|a| a.total.to_f64()).sum());
            Series {
                label: r.name.to_string(),
                color: PALETTE[s % PALETTE.len()],
                values,
            }
        })
        .collect()
}

/// The chart as inline SVG.
pub(crate) fn totals_side_by_side(reports: &[Report<'_>]) -> Result<String, ExportError> {
    let first = reports.first().ok_or(ExportError::Empty)?;
    let mut groups = largest_ids(reports);
    let series = series(reports, &groups);
    groups.push("others".to_string());
    let unit = money_unit(first.plan);
    let values = series.iter().flat_map(|s| &s.values).copied();
    let top = values.fold(1.0, f64::max) * 1.1;
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
            .drawn()?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .x_labels(groups.len() + 1)
            .x_label_formatter(&|v| segment_name(&groups, v))
            .y_label_formatter(&|v| thousands(*v))
            .x_desc("Ally (largest by total; the rest as others)")
            .y_desc(unit.as_str())
            .label_style((FONT, 14))
            .axis_desc_style((FONT, 14))
            .draw()
            .drawn()?;
        let group_px = chart.plotting_area().dim_in_pixel().0 / groups.len() as u32;
        let pad = group_px / 8;
        let bar_px = group_px.saturating_sub(2 * pad) / series.len().max(1) as u32;
        for (s, ser) in series.iter().enumerate() {
            let left = pad + s as u32 * bar_px;
            let right = group_px.saturating_sub(left + bar_px);
            let bars = ser.values.iter().enumerate().map(|(i, v)| {
                let i = i as i32;
                let corners = [
                    (SegmentValue::Exact(i), 0.0),
                    (SegmentValue::Exact(i + 1), *v),
                ];
                let mut bar = Rectangle::new(corners, ser.color.filled());
                bar.set_margin(0, 0, left, right);
                bar
            });
            chart
                .draw_series(bars)
                .drawn()?
                .label(ser.label.as_str())
                .legend(swatch(ser.color));
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK.mix(0.4))
            .label_font((FONT, 14))
            .draw()
            .drawn()
    })
}
