//! Output formats of the pledge scorecard: terminal table, CSV, JSON and Markdown.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement, Table as Grid};

use super::markdown::md_table;
use super::{amount, Format};
use crate::money::Money;
use crate::pledge::Scorecard;

/// The scorecard in a format; None for the formats made for plans (xlsx, html).
pub fn render_scorecard(card: &Scorecard, format: Format) -> Option<Vec<u8>> {
    Some(match format {
        Format::Table => table(card),
        Format::Csv => csv(card),
        Format::Json => {
            let mut out = serde_json::to_vec_pretty(card).unwrap_or_default();
            out.push(b'\n');
            out
        }
        Format::Markdown => markdown(card),
        Format::Xlsx | Format::Html | Format::Latex => return None,
    })
}

fn signed(m: Money) -> String {
    if m > Money::ZERO {
        format!("+{}", amount(m))
    } else {
        amount(m)
    }
}

fn percent(v: Option<f64>, digits: usize) -> String {
    v.map_or_else(|| "–".to_string(), |v| format!("{v:.digits$}"))
}

/// Header and one row per ally and year.
fn rows(card: &Scorecard, label: impl Fn(&crate::pledge::AllyScore) -> String) -> Vec<Vec<String>> {
    let header = [
        "Ally",
        "Year",
        "Key %",
        "Fair share",
        "Effort",
        "Gap",
        "Effort/fair %",
        "Effort % GDP",
        "Fair % GDP",
    ];
    let mut out = vec![header.map(String::from).to_vec()];
    for a in &card.allies {
        for year in &card.years {
            let get = |m: &std::collections::BTreeMap<i32, Money>| {
                m.get(year).copied().unwrap_or_default()
            };
            out.push(vec![
                label(a),
                year.to_string(),
                format!(
                    "{:.2}",
                    a.key_share.get(year).copied().unwrap_or(0.0) * 100.0
                ),
                amount(get(&a.fair_share)),
                amount(get(&a.effort)),
                signed(get(&a.gap)),
                percent(
                    a.fulfilment.get(year).copied().flatten().map(|v| v * 100.0),
                    1,
                ),
                percent(a.effort_gdp_pct.get(year).copied().flatten(), 3),
                percent(a.fair_share_gdp_pct.get(year).copied().flatten(), 3),
            ]);
        }
    }
    out
}

/// Header and one row per year for the alliance.
fn alliance(card: &Scorecard) -> Vec<Vec<String>> {
    let mut out = vec![["Year", "Target", "Effort", "Gap", "Allies at their share"]
        .map(String::from)
        .to_vec()];
    for (year, y) in &card.annual {
        out.push(vec![
            year.to_string(),
            amount(y.target),
            amount(y.effort),
            signed(y.gap),
            format!("{} of {}", y.allies_meeting_share, card.allies.len()),
        ]);
    }
    out
}

const NOTE: &str = "Fair share = key share × the year's target; effort = support at the credit rate; gap = fair share − effort (positive: short of the fair share).";

fn unit(card: &Scorecard) -> String {
    format!("{} {}", card.currency, card.unit)
        .trim()
        .to_string()
}

fn grid(rows: Vec<Vec<String>>, left: &[usize]) -> Grid {
    let mut grid = Grid::new();
    grid.load_preset(UTF8_FULL_CONDENSED);
    grid.set_content_arrangement(ContentArrangement::Dynamic);
    let mut rows = rows.into_iter();
    let header = rows.next().unwrap_or_default();
    let columns = header.len();
    grid.set_header(header);
    for row in rows {
        grid.add_row(row);
    }
    for i in (0..columns).filter(|i| !left.contains(i)) {
        if let Some(col) = grid.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    grid
}

fn table(card: &Scorecard) -> Vec<u8> {
    format!(
        "{}: pledge scorecard\n{} · {NOTE}\n{}\nThe alliance against the target:\n{}\n",
        card.scenario,
        unit(card),
        grid(rows(card, |a| a.id.clone()), &[0, 1]),
        grid(alliance(card), &[0, 4]),
    )
    .into_bytes()
}

fn markdown(card: &Scorecard) -> Vec<u8> {
    format!(
        "## {}: pledge scorecard\n\nAmounts in {}. {NOTE}\n\n{}\nThe alliance against the target:\n\n{}",
        card.scenario,
        unit(card),
        md_table(&rows(card, |a| a.name.clone()), &[0, 1]),
        md_table(&alliance(card), &[0, 4]),
    )
    .into_bytes()
}

fn csv(card: &Scorecard) -> Vec<u8> {
    let mut out = String::from(
        "ally,name,year,key_share,fair_share,effort,gap,fulfilment,effort_gdp_pct,fair_share_gdp_pct\n",
    );
    let opt = |v: Option<f64>| v.map_or_else(String::new, |v| format!("{v:.6}"));
    for a in &card.allies {
        for year in &card.years {
            let get = |m: &std::collections::BTreeMap<i32, Money>| {
                m.get(year).copied().unwrap_or_default()
            };
            let name = if a.name.contains([',', '"']) {
                format!("\"{}\"", a.name.replace('"', "\"\""))
            } else {
                a.name.clone()
            };
            out.push_str(&format!(
                "{},{name},{year},{:.6},{},{},{},{},{},{}\n",
                a.id,
                a.key_share.get(year).copied().unwrap_or(0.0),
                get(&a.fair_share),
                get(&a.effort),
                get(&a.gap),
                opt(a.fulfilment.get(year).copied().flatten()),
                opt(a.effort_gdp_pct.get(year).copied().flatten()),
                opt(a.fair_share_gdp_pct.get(year).copied().flatten()),
            ));
        }
    }
    out.into_bytes()
}
