//! Tests of the charts: every kind draws, deterministically.

use super::svg;
use crate::report::doc::{Block, Chart};
use crate::report::render::html::sample;

fn charts() -> Vec<Chart> {
    sample::document()
        .blocks
        .into_iter()
        .filter_map(|b| match b {
            Block::Chart(c) => Some(c),
            _ => None,
        })
        .collect()
}

#[test]
fn every_chart_kind_draws_its_marks() {
    for chart in charts() {
        let out = svg(&chart).unwrap();
        assert!(
            out.starts_with("<svg role=\"img\" aria-label="),
            "{:?}",
            chart.kind
        );
        assert!(out.trim_end().ends_with("</svg>"));
        assert!(out.matches("<rect").count() + out.matches("<polyline").count() > 10);
        assert!(
            out.contains("Ally 01") || out.contains("2026"),
            "{:?}",
            chart.kind
        );
    }
}

#[test]
fn the_same_chart_gives_the_same_svg() {
    for chart in charts() {
        assert_eq!(svg(&chart).unwrap(), svg(&chart).unwrap());
    }
}

#[test]
fn a_chart_without_values_still_draws() {
    for mut chart in charts() {
        chart.series.iter_mut().for_each(|s| s.values.fill(None));
        assert!(svg(&chart).unwrap().contains("</svg>"));
    }
}
