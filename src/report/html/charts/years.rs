//! Contributions per year, stacked by ally: the largest allies named, the rest "others".

use plotters::prelude::*;

use super::{largest, side_legend, svg, thousands, Drawn, Series, FONT, GREY, PALETTE, WIDTH};
use crate::plan::{AllyPlan, Plan};
use crate::report::document::ExportError;
use crate::report::money_unit;

/// The stacks, bottom first: the largest allies, then the others added up.
fn stacks(plan: &Plan) -> Vec<Series> {
    let named = largest(plan, |a| plan.allies[a].total.to_f64());
    let per_year = |a: &AllyPlan| -> Vec<f64> {
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
    series
}

/// The chart as inline SVG.
pub(crate) fn stacked_years(plan: &Plan) -> Result<String, ExportError> {
    let series = stacks(plan);
    let unit = money_unit(plan);
    let annual = plan.budget.annual.values().map(|v| v.to_f64());
    let top = annual.fold(1.0, f64::max) * 1.08;
    let first = plan.years.first().copied().unwrap_or(0);
    let last = plan.years.last().copied().unwrap_or(first);
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
                .drawn()?;
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
                .drawn()?;
            let gap = (area.dim_in_pixel().0 / (plan.years.len().max(1) as u32 * 8)).max(2);
            let mut base = vec![0.0; plan.years.len()];
            for s in &series {
                let bars = plan.years.iter().enumerate().map(|(j, y)| {
                    let corners = [
                        (SegmentValue::Exact(*y), base[j]),
                        (SegmentValue::Exact(y + 1), base[j] + s.values[j]),
                    ];
                    let mut bar = Rectangle::new(corners, s.color.filled());
                    bar.set_margin(0, 0, gap, gap);
                    bar
                });
                chart.draw_series(bars).drawn()?;
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
