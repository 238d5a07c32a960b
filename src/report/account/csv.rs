//! CSV: tracking as one row per ally and past year (then the alliance's rows), and the
//! re-plan as one row per ally with the original, delivered and new amounts per year.

use super::AccountExporter;
use crate::money::Money;
use crate::replan::Replan;
use crate::report::csv::write_rows;
use crate::track::Track;

#[derive(Debug)]
pub struct Csv;

fn ratio(v: Option<f64>) -> String {
    v.map_or(String::new(), |v| format!("{v:.6}"))
}

fn write(rows: Vec<Vec<String>>) -> Vec<u8> {
    write_rows(&rows)
}

impl AccountExporter for Csv {
    fn track(&self, track: &Track) -> Vec<u8> {
        let header = [
            "id",
            "name",
            "year",
            "planned",
            "delivered",
            "difference",
            "fulfilment",
            "cumulative_difference",
            "status",
        ];
        let bilateral = track.has_bilateral();
        let mut rows = vec![header.map(String::from).to_vec()];
        if bilateral {
            rows[0].extend(["bilateral_planned", "bilateral_delivered"].map(String::from));
        }
        for a in &track.allies {
            for (year, l) in &a.years {
                let mut row = vec![
                    a.id.clone(),
                    a.name.clone(),
                    year.to_string(),
                    l.planned.to_string(),
                    l.delivered.to_string(),
                    l.difference.to_string(),
                    ratio(l.fulfilment),
                    l.cumulative_difference.to_string(),
                    l.status.to_string(),
                ];
                if bilateral {
                    let (planned, given) = super::bilateral_cells(a, *year);
                    row.extend([
                        planned.to_string(),
                        given.map(|g| g.to_string()).unwrap_or_default(),
                    ]);
                }
                rows.push(row);
            }
        }
        let mut cumulative = Money::ZERO;
        for (year, t) in &track.annual {
            cumulative += t.difference;
            rows.push(vec![
                "TOTAL".to_string(),
                "All allies".to_string(),
                year.to_string(),
                t.budget.to_string(),
                t.delivered.to_string(),
                t.difference.to_string(),
                ratio(t.fulfilment),
                cumulative.to_string(),
                t.status.to_string(),
            ]);
            if bilateral {
                let last = rows.len() - 1;
                rows[last].extend([String::new(), String::new()]);
            }
        }
        write(rows)
    }

    fn replan(&self, r: &Replan) -> Vec<u8> {
        let mut header = vec!["id".to_string(), "name".to_string()];
        header.extend(r.years.iter().map(|y| format!("planned_{y}")));
        header.extend(r.past_years.iter().map(|y| format!("delivered_{y}")));
        header.extend(r.remaining_years.iter().map(|y| format!("new_{y}")));
        header.extend(
            [
                "planned_total",
                "delivered_total",
                "past_difference",
                "remaining_total",
                "total",
                "change",
                "burden_index_planned",
                "burden_index",
                "binding",
            ]
            .map(String::from),
        );
        let mut rows = vec![header];
        for a in &r.allies {
            let mut row = vec![a.id.clone(), a.name.clone()];
            row.extend(a.planned.values().map(ToString::to_string));
            row.extend(a.delivered.values().map(ToString::to_string));
            row.extend(a.replanned.values().map(ToString::to_string));
            row.extend([
                a.planned_total.to_string(),
                a.delivered_total.to_string(),
                a.past_difference.to_string(),
                a.remaining_total.to_string(),
                a.total.to_string(),
                a.change.to_string(),
                ratio(a.burden_index_planned),
                ratio(a.burden_index),
                a.binding.join(" "),
            ]);
            rows.push(row);
        }
        rows.push(total_row(r));
        write(rows)
    }
}

fn total_row(r: &Replan) -> Vec<String> {
    let b = &r.budget;
    let at = |y: &i32| b.annual.get(y).copied().unwrap_or_default();
    let mut row = vec!["TOTAL".to_string(), "All allies".to_string()];
    row.extend(b.planned_annual.values().map(ToString::to_string));
    row.extend(r.past_years.iter().map(|y| at(y).to_string()));
    row.extend(r.remaining_years.iter().map(|y| at(y).to_string()));
    let past_planned: Money = r
        .past_years
        .iter()
        .filter_map(|y| b.planned_annual.get(y))
        .sum();
    row.extend([
        b.total.to_string(),
        b.delivered.to_string(),
        (b.delivered - past_planned).normalized().to_string(),
        b.remaining.to_string(),
        b.total.to_string(),
        "0".to_string(),
    ]);
    row.extend(std::iter::repeat_n(String::new(), 3));
    row
}
