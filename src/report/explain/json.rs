//! The explanation as JSON (the documented contract): `common_level`, and per ally `id`,
//! `total`, `reason`, `binding`, `sensitivity` keyed by `--set` path and
//! `tipping_points`; with the chain, both sides of each sensitivity and the assumptions.

use serde_json::{json, Map, Value};

use crate::explain::words::sensitivity;
use crate::explain::{AllyExplanation, Assumption, Chain, Explanation, Outcome};
use crate::money::Money;

/// A real-valued amount as a decimal string with two places.
fn real(v: f64) -> Value {
    if v.is_finite() {
        Value::String(Money::from_f64(v).round_dp(2).normalized().to_string())
    } else {
        Value::Null
    }
}

pub fn json(e: &Explanation) -> Vec<u8> {
    let plan = &e.plan;
    let value = json!({
        "scenario": plan.scenario,
        "currency": plan.currency,
        "unit": plan.unit,
        "years": plan.years,
        "common_level": e.common_level,
        "method": if e.water_filling { "water-filling" } else { "re-solve" },
        "allies": e.allies.iter().map(ally).collect::<Vec<_>>(),
        "assumptions": e.assumptions.iter().map(|a| assumption(a, e)).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text.into_bytes()
}

fn ally(a: &AllyExplanation) -> Value {
    let mut numbers = Map::new();
    let mut detail = Map::new();
    for s in &a.sensitivities {
        numbers.insert(s.parameter.clone(), json!(s.number()));
        detail.insert(
            s.parameter.clone(),
            json!({
                "value": s.value,
                "down": s.down,
                "up": s.up,
                "kink": s.kink(),
                "common_level_change": s.d_lambda,
                "method": s.method.name(),
                "words": sensitivity(s),
            }),
        );
    }
    let tipping: Vec<Value> = a
        .tipping_points
        .iter()
        .map(|t| {
            json!({
                "parameter": t.parameter,
                "value": t.value,
                "below": t.below,
                "above": t.above,
                "effect": t.effect,
                "method": t.method.name(),
            })
        })
        .collect();
    json!({
        "id": a.id,
        "name": a.name,
        "total": a.chain.total.normalized().to_string(),
        "reason": a.reason,
        "binding": a.binding,
        "chain": chain(&a.chain),
        "sensitivity": numbers,
        "sensitivity_detail": detail,
        "tipping_points": tipping,
    })
}

fn chain(c: &Chain) -> Value {
    let years: Map<String, Value> = c
        .years
        .iter()
        .map(|y| {
            (
                y.year.to_string(),
                json!({
                    "indicators": y.indicators,
                    "raw_share": y.raw_share,
                    "share": y.share,
                    "pot": real(y.pot),
                    "fair": real(y.fair),
                    "credited": real(y.credited),
                    "amount": y.amount.normalized().to_string(),
                    "proportional": real(y.proportional),
                    "why": y.why,
                }),
            )
        })
        .collect();
    json!({
        "fair_effort": real(c.fair_effort),
        "bilateral": real(c.bilateral),
        "credit_rate": c.credit_rate,
        "credited": real(c.credited),
        "level_amount": c.level_amount.map(real),
        "min": real(c.lo),
        "max": real(c.hi),
        "real_total": real(c.real_total),
        "burden_index": c.burden_index,
        "years": years,
    })
}

fn assumption(a: &Assumption, e: &Explanation) -> Value {
    let side = |o: &Outcome| {
        let changes: Option<Map<String, Value>> = o.deltas.as_ref().map(|d| {
            e.plan
                .allies
                .iter()
                .zip(d)
                .map(|(ally, v)| (ally.id.clone(), real(*v)))
                .collect()
        });
        json!({
            "value": o.value,
            "total_change": changes,
            "moved": o.moved().map(real),
            "max_burden_index_change": o.d_max_beta,
            "zero_payers": o.zero_payers,
        })
    };
    json!({
        "label": a.label,
        "parameter": a.parameter,
        "step": a.step,
        "value": a.value,
        "low": side(&a.low),
        "high": side(&a.high),
    })
}
