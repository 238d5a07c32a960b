//! The plan's key facts, stated under its title in every human format: money, budget
//! (with the agreed budget when credit reduces the fund), objective, key, credit,
//! profile, rounding, smoothing, the separate envelope of abstaining allies, the burden
//! index range and who pays nothing — and the note that defines β.

use super::span;
use crate::binding::Binding;
use crate::money::Money;
use crate::plan::Plan;
use crate::report::doc::Fact;
use crate::report::{amount, money_unit, notes, rounding_unit};

pub(super) fn facts(plan: &Plan) -> Vec<Fact> {
    let (n, m) = (&plan.notes, &plan.metrics);
    let years = match plan.years.len() {
        1 => "1 year".to_string(),
        n => format!("{n} years"),
    };
    let money = money_unit(plan);
    // A scenario without currency or unit has nothing to say under "Money".
    let mut facts: Vec<Fact> = (!money.is_empty())
        .then(|| Fact::new("Money", money))
        .into_iter()
        .collect();
    facts.extend([
        Fact::new(
            "Budget",
            match &plan.budget.agreed {
                None => format!(
                    "{} over {} ({years})",
                    amount(plan.budget.total),
                    span(&plan.years),
                ),
                Some(agreed) => format!(
                    "{} over {} ({years}): the agreed {} less {} of credited aid",
                    amount(plan.budget.total),
                    span(&plan.years),
                    amount(agreed.total),
                    amount(agreed.credit),
                ),
            },
        ),
        Fact::new("Objective", &plan.objective),
        Fact::new("Key", notes::key(n)),
        Fact::new("Bilateral credit", notes::credit(n)),
        Fact::new("Profile", notes::profile(n)),
        Fact::new("Rounding", rounding_unit(plan)),
    ]);
    if let Some(s) = notes::smoothing(n) {
        facts.push(Fact::new("Smoothing", s));
    }
    if let Some(envelope) = envelope_fact(plan) {
        facts.push(envelope);
    }
    facts.push(Fact::new(
        "Burden index",
        format!("{:.3} to {:.3}", m.min_burden_index, m.max_burden_index),
    ));
    facts.push(Fact::new(
        "Allies",
        format!(
            "{} ({} paying nothing new; the largest payer {:.1} % of the budget)",
            plan.allies.len(),
            plan.zero_payers(),
            plan.largest_share() * 100.0
        ),
    ));
    facts
}

/// What the allies that abstain pay into a separate envelope, and what is left for the
/// common fund itself; None when every ally takes part.
fn envelope_fact(plan: &Plan) -> Option<Fact> {
    let abstaining: Vec<_> = plan
        .allies
        .iter()
        .filter(|a| a.binding.contains(&Binding::SeparateEnvelope))
        .collect();
    if abstaining.is_empty() {
        return None;
    }
    let outside: Money = abstaining.iter().map(|a| a.total).sum();
    let each: Vec<String> = abstaining
        .iter()
        .map(|a| format!("{} {}", a.id, amount(a.total)))
        .collect();
    let paid = match each.as_slice() {
        [one] => one.clone(),
        all => format!("{} ({})", amount(outside), all.join(", ")),
    };
    Some(Fact::new(
        "Separate envelope",
        format!(
            "{paid}; the common fund itself receives {}",
            amount(plan.budget.total - outside)
        ),
    ))
}

pub(super) fn beta_note(plan: &Plan) -> String {
    format!(
        "β = (new contribution + credited bilateral aid) / fair effort; 1.000 is exactly the fair share. Max β {:.3}, min β {:.3}.",
        plan.metrics.max_burden_index, plan.metrics.min_burden_index
    )
}
