//! The Charts sheet: each chart's data (categories down, one column per series) with a
//! native Excel chart beside it; a heatmap as its table with a colour scale.

use rust_xlsxwriter::{
    Chart as XChart, ChartAxisLabelPosition, ChartFormat, ChartLegendPosition, ChartMarker,
    ChartMarkerType, ChartType, ConditionalFormat3ColorScale, Format as XFormat, FormatBorder,
    Worksheet, XlsxError,
};

use super::{printed_across, to_u16, to_u32, WIDEST};
use crate::report::doc::{Chart, ChartKind};

/// Rows a chart takes on the Charts sheet (about 20 rows of 20 pixels).
const CHART_ROWS: u32 = 22;
/// The width of a series column, in Excel's character units.
const NUMBER_WIDTH: f64 = 13.0;

/// Each chart's data (categories down, one column per series) and the chart beside it.
pub(super) fn charts_sheet(
    sheet: &mut Worksheet,
    name: &str,
    charts: &[&Chart],
) -> Result<(), XlsxError> {
    printed_across(sheet);
    let bold = XFormat::new().set_bold();
    let header = bold.clone().set_border_bottom(FormatBorder::Thin);
    let number = XFormat::new().set_num_format("#,##0.###");
    let mut top = 0u32;
    let mut widest = 12usize;
    for chart in charts {
        sheet.write_string_with_format(top, 0, &chart.title, &bold.clone().set_font_size(12))?;
        sheet.write_string_with_format(top + 1, 0, &chart.caption, &XFormat::new().set_italic())?;
        let head = top + 2;
        sheet.write_string_with_format(head, 0, &chart.x_label, &header)?;
        for (s, series) in chart.series.iter().enumerate() {
            sheet.write_string_with_format(head, to_u16(s + 1)?, &series.name, &header)?;
        }
        for (i, category) in chart.categories.iter().enumerate() {
            let row = head + 1 + to_u32(i)?;
            sheet.write_string(row, 0, category)?;
            widest = widest.max(category.chars().count());
            for (s, series) in chart.series.iter().enumerate() {
                if let Some(Some(v)) = series.values.get(i) {
                    sheet.write_number_with_format(row, to_u16(s + 1)?, *v, &number)?;
                }
            }
        }
        let rows = to_u32(chart.categories.len())?;
        let data_end = head + rows;
        let right = to_u16(chart.series.len() + 2)?;
        if chart.kind == ChartKind::Heatmap {
            if rows > 0 && !chart.series.is_empty() {
                let scale = ConditionalFormat3ColorScale::new();
                sheet.add_conditional_format(
                    head + 1,
                    1,
                    data_end,
                    to_u16(chart.series.len())?,
                    &scale,
                )?;
            }
        } else if rows > 0 && !chart.series.is_empty() {
            let native = native_chart(chart, name, head, data_end)?;
            sheet.insert_chart(top, right, &native)?;
        }
        top = (data_end + 3).max(top + CHART_ROWS + 2);
    }
    sheet.set_column_width(0, (widest + 2).min(WIDEST) as f64)?;
    // Room for a number such as -12,364.843 in every series column.
    let series = charts.iter().map(|c| c.series.len()).max().unwrap_or(0);
    for s in 0..series {
        sheet.set_column_width(to_u16(s + 1)?, NUMBER_WIDTH)?;
    }
    Ok(())
}

/// A native chart over the data written at rows `head + 1 ..= end`.
fn native_chart(chart: &Chart, sheet: &str, head: u32, end: u32) -> Result<XChart, XlsxError> {
    let horizontal = chart.categories.len() > 12 || chart.kind == ChartKind::Tornado;
    let kind = match (chart.kind, horizontal) {
        (ChartKind::Stacked, false) => ChartType::ColumnStacked,
        (ChartKind::Stacked, true) => ChartType::BarStacked,
        (ChartKind::Lines, _) => ChartType::Line,
        (_, false) => ChartType::Column,
        (_, true) => ChartType::Bar,
    };
    let mut main = XChart::new(kind);
    // Marks over a stack (a fair share) are drawn as a line of markers, no line.
    let mut marks = XChart::new(ChartType::Line);
    let mut has_marks = false;
    for (s, series) in chart.series.iter().enumerate() {
        let col = to_u16(s + 1)?;
        let target = if series.marker && chart.kind == ChartKind::Stacked && !horizontal {
            has_marks = true;
            &mut marks
        } else {
            &mut main
        };
        let added = target
            .add_series()
            .set_name((sheet, head, col))
            .set_categories((sheet, head + 1, 0, end, 0))
            .set_values((sheet, head + 1, col, end, col));
        if series.marker && chart.kind == ChartKind::Stacked && !horizontal {
            added
                .set_format(ChartFormat::new().set_no_line())
                .set_marker(
                    ChartMarker::new()
                        .set_type(ChartMarkerType::LongDash)
                        .set_size(12),
                );
        }
    }
    if has_marks {
        main.combine(&marks);
    }
    main.title().set_name(&chart.title);
    if horizontal {
        // In a bar chart the x axis is the value axis across, the y axis the categories.
        main.x_axis().set_name(&chart.y_label);
        main.y_axis().set_name(&chart.x_label);
    } else {
        main.x_axis().set_name(&chart.x_label);
        main.y_axis().set_name(&chart.y_label);
    }
    if chart.kind == ChartKind::Tornado {
        // Excel draws a bar chart's first category at the bottom; a tornado reads from
        // the top, its names at the left whichever side of zero the bars go.
        main.y_axis()
            .set_reverse()
            .set_label_position(ChartAxisLabelPosition::Low);
    }
    main.legend().set_position(ChartLegendPosition::Bottom);
    main.set_width(720).set_height(400);
    Ok(main)
}
