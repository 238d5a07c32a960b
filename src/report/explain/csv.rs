//! The explanation as tidy CSV: one row per reason, sensitivity, tipping point and
//! assumption × ally, with the same columns throughout.

use crate::explain::words::sensitivity;
use crate::explain::Explanation;
use crate::report::csv::{num, write_rows};

pub(super) fn csv(e: &Explanation) -> Vec<u8> {
    let mut rows: Vec<Vec<String>> = vec![[
        "section",
        "ally",
        "parameter",
        "value",
        "low",
        "high",
        "method",
        "text",
    ]
    .map(String::from)
    .to_vec()];
    let row = |cells: [String; 8]| cells.to_vec();
    for a in &e.allies {
        rows.push(row([
            "reason".into(),
            a.id.clone(),
            String::new(),
            a.chain.total.normalized().to_string(),
            String::new(),
            String::new(),
            String::new(),
            a.reason.clone(),
        ]));
        for s in &a.sensitivities {
            rows.push(row([
                "sensitivity".into(),
                a.id.clone(),
                s.parameter.clone(),
                num(Some(s.value)),
                num(s.down),
                num(s.up),
                s.method.name().into(),
                sensitivity(s),
            ]));
        }
        for t in &a.tipping_points {
            rows.push(row([
                "tipping_point".into(),
                a.id.clone(),
                t.parameter.clone(),
                num(Some(t.value)),
                num(Some(t.below)),
                num(Some(t.above)),
                t.method.name().into(),
                t.effect.clone(),
            ]));
        }
    }
    for t in &e.assumptions {
        for (i, ally) in e.plan.allies.iter().enumerate() {
            let delta = |o: &crate::explain::Outcome| num(o.deltas.as_ref().map(|d| d[i]));
            rows.push(row([
                "assumption".into(),
                ally.id.clone(),
                t.parameter.clone(),
                num(Some(t.value)),
                delta(&t.low),
                delta(&t.high),
                "re-solve".into(),
                format!("{} {}", t.label, t.step),
            ]));
        }
    }
    write_rows(&rows)
}
