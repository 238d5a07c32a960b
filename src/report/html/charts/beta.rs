//! Burden index per ally, largest at the top, against the 1.0 line of the fair share.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use plotters::coord::ranged1d::SegmentedCoord;
use plotters::coord::types::{RangedCoordf64, RangedCoordi32};

use super::{segment_name, svg, swatch, Area, Drawn, ABOVE, FONT, PALETTE, WIDTH};
use crate::plan::Plan;
use crate::report::document::ExportError;

/// The chart as inline SVG.
pub(crate) fn burden_indices(plan: &Plan) -> Result<String, ExportError> {
    let mut rows: Vec<(&str, f64)> = plan
        .allies
        .iter()
        .filter_map(|a| a.burden_index.map(|b| (a.id.as_str(), b)))
        .collect();
    rows.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(a.0)));
    let names: Vec<String> = rows.iter().map(|r| r.0.to_string()).collect();
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
            .drawn()?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(TRANSPARENT)
            .y_labels(rows.len() + 1)
            .y_label_formatter(&|v| segment_name(&names, v))
            .x_desc("Burden index: (new contribution + credited aid) / fair effort")
            .y_desc("Ally")
            .label_style((FONT, 13))
            .axis_desc_style((FONT, 14))
            .draw()
            .drawn()?;
        bars(&mut chart, &rows, right, root)?;
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK.mix(0.4))
            .label_font((FONT, 14))
            .draw()
            .drawn()
    })
}

type Chart<'a, 'b> =
    ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, SegmentedCoord<RangedCoordi32>>>;

/// The bars (coloured by side of the fair share), their values and the 1.0 line.
fn bars(
    chart: &mut Chart<'_, '_>,
    rows: &[(&str, f64)],
    right: f64,
    root: &Area<'_>,
) -> Result<(), String> {
    let groups = [
        ("above fair share (> 1.0)", ABOVE, true),
        ("at or below fair share", PALETTE[0], false),
    ];
    for (label, color, above) in groups {
        let bars = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| (r.1 > 1.0 + 1e-6) == above)
            .map(|(i, r)| {
                let i = i as i32;
                let corners = [
                    (0.0, SegmentValue::Exact(i)),
                    (r.1, SegmentValue::Exact(i + 1)),
                ];
                let mut bar = Rectangle::new(corners, color.filled());
                bar.set_margin(3, 3, 0, 0);
                bar
            });
        chart
            .draw_series(bars)
            .drawn()?
            .label(label)
            .legend(swatch(color));
    }
    let style = (FONT, 12).into_font().into_text_style(root);
    let style = style.pos(Pos::new(HPos::Left, VPos::Center));
    let values = rows.iter().enumerate().map(|(i, r)| {
        let at = (
            r.1.max(1.0) + right * 0.01,
            SegmentValue::CenterOf(i as i32),
        );
        Text::new(format!("{:.3}", r.1), at, style.clone())
    });
    chart.draw_series(values).drawn()?;
    let line = [
        (1.0, SegmentValue::Exact(0)),
        (1.0, SegmentValue::Exact(rows.len() as i32)),
    ];
    chart
        .draw_series(std::iter::once(PathElement::new(
            line,
            BLACK.stroke_width(2),
        )))
        .drawn()?
        .label("fair share (1.0)")
        .legend(|(x, y)| PathElement::new([(x, y), (x + 14, y)], BLACK.stroke_width(2)));
    Ok(())
}
