//! The explanation as a sequence of headings, paragraphs and tables, which the text and
//! Markdown formats both write.

use crate::explain::words::{money, per_unit, ratio, sensitivity, signed, year_reason};
use crate::explain::{AllyExplanation, Assumption, Explanation, Outcome};
use crate::report::amount;

/// One piece of the document.
#[derive(Clone, Debug)]
pub(super) enum Block {
    Heading(String),
    Para(String),
    /// Rows (the first is the header) and the columns aligned left.
    Table(Vec<Vec<String>>, Vec<usize>),
}

/// Rows of the assumptions table shown in text and Markdown (JSON and CSV have all).
pub(super) const SHOWN_ASSUMPTIONS: usize = 12;

/// The whole explanation.
pub(super) fn blocks(e: &Explanation) -> Vec<Block> {
    let plan = &e.plan;
    let mut out = vec![
        Block::Heading(format!("Explanation: {}", plan.scenario)),
        Block::Para(format!(
            "Amounts in {} {}. Common level λ = {} (the burden index of every ally that pays and is held by no bound of its own). {}",
            plan.currency,
            plan.unit,
            e.common_level.map_or("-".to_string(), |l| format!("{l:.4}")),
            if e.water_filling {
                "The totals follow water-filling (X = λ·F − C within each ally's bounds): sensitivities in closed form."
            } else {
                "Per-year constraints shape the totals: sensitivities by exact re-solves at the value ± a small step."
            }
        )),
    ];
    for ally in &e.allies {
        out.extend(ally_blocks(ally, plan.years.len()));
    }
    out.extend(assumption_blocks(e));
    out
}

fn ally_blocks(ally: &AllyExplanation, _m: usize) -> Vec<Block> {
    let c = &ally.chain;
    let mut header = vec!["Year".to_string()];
    let names: Vec<String> = c
        .years
        .first()
        .map(|y| y.indicators.keys().cloned().collect())
        .unwrap_or_default();
    header.extend(names.iter().cloned());
    header.extend(
        [
            "Raw %", "Key %", "Pot P", "s·P", "Credited", "Plan", "Prop.", "Why",
        ]
        .map(String::from),
    );
    let mut rows = vec![header];
    for y in &c.years {
        let mut row = vec![y.year.to_string()];
        row.extend(
            names
                .iter()
                .map(|k| y.indicators.get(k).map_or(String::new(), |v| money(*v))),
        );
        row.extend([
            format!("{:.3}", y.raw_share * 100.0),
            format!("{:.3}", y.share * 100.0),
            money(y.pot),
            money(y.fair),
            money(y.credited),
            amount(y.amount),
            money(y.proportional),
            year_reason(&y.why),
        ]);
        rows.push(row);
    }
    let why_col = rows[0].len() - 1;
    let mut out = vec![
        Block::Heading(format!(
            "{} {}: total {}",
            ally.id,
            ally.name,
            amount(c.total)
        )),
        Block::Para(format!("Why: {}.", ally.reason)),
        Block::Table(rows, vec![0, why_col]),
        Block::Para(chain_line(ally)),
    ];
    out.push(Block::Table(sensitivity_rows(ally), vec![0, 5]));
    let said: Vec<String> = ally.sensitivities.iter().map(sensitivity).collect();
    if !said.is_empty() {
        out.push(Block::Para(format!("In words: {}.", said.join("; "))));
    }
    if ally.tipping_points.is_empty() {
        out.push(Block::Para(
            "No tipping point: its standing does not change for a credit rate from 0 to 1, a budget from half to twice the total, or its bilateral aid from 0 to twice its fair share.".into(),
        ));
    } else {
        let mut rows = vec![["Parameter", "Tipping point", "Method", "Effect"]
            .map(String::from)
            .to_vec()];
        for t in &ally.tipping_points {
            rows.push(vec![
                t.parameter.clone(),
                value_text(&t.parameter, t.value),
                t.method.name().to_string(),
                t.effect.clone(),
            ]);
        }
        out.push(Block::Table(rows, vec![0, 2, 3]));
    }
    out
}

/// F, C, λ·F − C, the range and the total in one line.
fn chain_line(ally: &AllyExplanation) -> String {
    let c = &ally.chain;
    let range = if c.hi.is_finite() {
        format!("[{}, {}]", money(c.lo), money(c.hi))
    } else {
        format!("[{}, no limit]", money(c.lo))
    };
    format!(
        "F = Σ s·P = {}; C = {} × {} = {}; λ·F − C = {}; own range {range}; real total {} (plan {}); β = (X + C) / F = {}. Binding: {}.",
        money(c.fair_effort),
        c.credit_rate,
        money(c.bilateral),
        money(c.credited),
        c.level_amount.map_or("-".to_string(), money),
        money(c.real_total),
        amount(c.total),
        c.burden_index.map_or("-".to_string(), ratio),
        if ally.binding.is_empty() {
            "nothing".to_string()
        } else {
            ally.binding.join(", ")
        }
    )
}

fn sensitivity_rows(ally: &AllyExplanation) -> Vec<Vec<String>> {
    let mut rows = vec![[
        "Parameter",
        "Now",
        "Per unit",
        "Falling",
        "Rising",
        "Method",
    ]
    .map(String::from)
    .to_vec()];
    let num = |v: Option<f64>| v.map_or("-".to_string(), per_unit);
    for s in &ally.sensitivities {
        rows.push(vec![
            s.parameter.clone(),
            value_text(&s.parameter, s.value),
            num(s.number()),
            num(s.down),
            num(s.up),
            s.method.name().to_string(),
        ]);
    }
    rows
}

/// A parameter value: a rate with six decimals, a factor, or an amount.
pub(super) fn value_text(parameter: &str, v: f64) -> String {
    if parameter == "bilateral_credit" {
        format!("{v:.6}")
    } else if parameter == "fx" {
        format!("×{v}")
    } else {
        money(v)
    }
}

fn assumption_blocks(e: &Explanation) -> Vec<Block> {
    let shown: Vec<&AllyExplanation> = e.allies.iter().take(3).collect();
    let mut header = vec!["Assumption".to_string(), "Step".into(), "Low / high".into()];
    for a in &shown {
        header.push(format!("Δ {}", a.id));
    }
    header.extend(["Moved", "Δ max β"].map(String::from));
    let mut rows = vec![header];
    for row in e.assumptions.iter().take(SHOWN_ASSUMPTIONS) {
        rows.push(assumption_row(row, &shown));
    }
    let rest = e.assumptions.len().saturating_sub(SHOWN_ASSUMPTIONS);
    let mut out = vec![
        Block::Heading("Assumptions".into()),
        Block::Para("Each main assumption moved down and up by its step (low / high), the plan solved again exactly (real-valued totals before rounding). Moved: half the sum of all allies' changes, the money that changes hands. Largest first.".into()),
        Block::Table(rows, vec![0, 1]),
    ];
    if rest > 0 {
        out.push(Block::Para(format!(
            "{rest} more assumptions move less; --format json or csv lists them all."
        )));
    }
    out
}

fn assumption_row(row: &Assumption, shown: &[&AllyExplanation]) -> Vec<String> {
    let delta = |o: &Outcome, i: usize| {
        o.deltas
            .as_ref()
            .map_or("no plan".to_string(), |d| signed(d[i]))
    };
    let beta = |o: &Outcome| o.d_max_beta.map_or("-".to_string(), |d| format!("{d:+.3}"));
    let pair = |f: &dyn Fn(&Outcome) -> String| format!("{} / {}", f(&row.low), f(&row.high));
    let mut cells = vec![
        row.label.clone(),
        row.step.clone(),
        pair(&|o| value_text(&row.parameter, o.value)),
    ];
    for a in shown {
        cells.push(pair(&|o| delta(o, a.index)));
    }
    cells.push(pair(&|o| o.moved().map_or("-".into(), money)));
    cells.push(pair(&beta));
    cells
}
