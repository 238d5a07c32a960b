//! The assumptions table (tornado): each main assumption moved down and up by a stated
//! step, every ally's total and the headline figures re-solved exactly.

use rayon::prelude::*;

use super::probe::{Base, Param, Solved};
use super::sens::allowed;

/// One assumption moved by its step.
#[derive(Clone, Debug)]
pub struct Assumption {
    /// The assumption in words, e.g. "credit rate".
    pub label: String,
    /// Its `--set` path.
    pub parameter: String,
    /// The step in words, e.g. "±0.25" or "±20 %".
    pub step: String,
    pub value: f64,
    pub low: Outcome,
    pub high: Outcome,
}

/// The plan at one end of a step.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    pub value: f64,
    /// Change of each ally's total (scenario order); None when no plan exists there.
    pub deltas: Option<Vec<f64>>,
    /// Change of the largest burden index.
    pub d_max_beta: Option<f64>,
    /// Allies paying nothing new there.
    pub zero_payers: Option<usize>,
}

impl Outcome {
    /// Money that moves between allies: half the sum of the changes.
    pub fn moved(&self) -> Option<f64> {
        self.deltas
            .as_ref()
            .map(|d| 0.5 * d.iter().map(|v| v.abs()).sum::<f64>())
    }
}

impl Assumption {
    /// The larger money moved of the two ends (0 when neither has a plan).
    pub fn swing(&self) -> f64 {
        self.low
            .moved()
            .unwrap_or(0.0)
            .max(self.high.moved().unwrap_or(0.0))
    }

    /// The larger change of ally `i`'s total of the two ends.
    pub fn swing_of(&self, i: usize) -> f64 {
        let of = |o: &Outcome| o.deltas.as_ref().map_or(0.0, |d| d[i].abs());
        of(&self.low).max(of(&self.high))
    }
}

/// Totals and figures of a real plan in scenario order.
#[derive(Debug)]
pub struct Figures {
    pub totals: Vec<f64>,
    pub max_beta: f64,
    pub zero_payers: usize,
}

/// The figures of a solved variant.
pub fn figures(solved: &Solved) -> Figures {
    let inst = &solved.inst;
    let tol = super::closed::tolerance(inst);
    let totals = solved.real.totals.clone();
    let max_beta = (0..inst.n)
        .filter(|&a| inst.fair[a] > 0.0)
        .map(|a| inst.beta(a, totals[a]))
        .fold(f64::NEG_INFINITY, f64::max);
    let zero_payers = totals.iter().filter(|t| **t <= tol).count();
    Figures {
        totals,
        max_beta,
        zero_payers,
    }
}

/// The assumptions with their steps: (label, parameter, step words, low, high).
fn steps(base: &Base) -> Vec<(String, Param, String, f64, f64)> {
    let s = &base.scenario;
    let mut out = Vec::new();
    if let Some(k) = Param::CreditRate.value(s) {
        out.push((
            "credit rate".into(),
            Param::CreditRate,
            "±0.25".into(),
            k - 0.25,
            k + 0.25,
        ));
    }
    if let Some(t) = Param::BudgetTotal.value(s) {
        out.push((
            "budget total".into(),
            Param::BudgetTotal,
            "±20 %".into(),
            t * 0.8,
            t * 1.2,
        ));
    }
    if Param::FxFactor.value(s).is_some() {
        out.push((
            "exchange rates".into(),
            Param::FxFactor,
            "±10 %".into(),
            0.9,
            1.1,
        ));
    }
    for (i, ally) in s.allies.iter().enumerate() {
        let b = Param::Bilateral(i);
        if let Some(v) = b.value(s).filter(|v| *v > 0.0) {
            out.push((
                format!("{} bilateral aid", ally.id),
                b,
                "±50 %".into(),
                v * 0.5,
                v * 1.5,
            ));
        }
    }
    for (i, ally) in s.allies.iter().enumerate() {
        let g = Param::Gdp(i);
        if let Some(v) = g.value(s).filter(|v| *v > 0.0) {
            out.push((
                format!("{} GDP", ally.id),
                g,
                "±5 %".into(),
                v * 0.95,
                v * 1.05,
            ));
        }
    }
    out
}

/// Every assumption moved down and up, sorted by the money it moves (largest first,
/// then by parameter path).
pub fn tornado(base: &Base, here: &Figures) -> Vec<Assumption> {
    let outcome = |param: &Param, value: f64| -> Outcome {
        let value = match param {
            Param::CreditRate => value.clamp(0.0, 1.0),
            _ => value,
        };
        let solved = allowed(param, value)
            .then(|| base.solve(param, value))
            .flatten();
        let Some(f) = solved.as_ref().map(figures) else {
            return Outcome {
                value,
                ..Outcome::default()
            };
        };
        Outcome {
            value,
            deltas: Some(
                f.totals
                    .iter()
                    .zip(&here.totals)
                    .map(|(a, b)| a - b)
                    .collect(),
            ),
            d_max_beta: Some(f.max_beta - here.max_beta),
            zero_payers: Some(f.zero_payers),
        }
    };
    let mut rows: Vec<Assumption> = steps(base)
        .into_par_iter()
        .map(|(label, param, step, low, high)| Assumption {
            label,
            parameter: param.path(&base.scenario),
            step,
            value: param.value(&base.scenario).unwrap_or(0.0),
            low: outcome(&param, low),
            high: outcome(&param, high),
        })
        .collect();
    rows.sort_by(|a, b| {
        b.swing()
            .total_cmp(&a.swing())
            .then_with(|| a.parameter.cmp(&b.parameter))
    });
    rows
}
