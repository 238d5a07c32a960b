//! The parameters an explanation moves (each named by its `--set` path) and the exact
//! re-solve of the real-valued plan at a changed value.

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;

use crate::model::Instance;
use crate::money::Money;
use crate::planner::binding;
use crate::scenario::{Profile, Scenario};
use crate::solve::{solve_real, RealPlan};

/// A parameter of the scenario, as a `--set` path names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Param {
    /// `budget.total`: the annual budgets scale with it.
    BudgetTotal,
    /// `bilateral_credit`: the credit rate of every ally without a rate of its own.
    CreditRate,
    /// `allies.ID.bilateral`: the ally's bilateral aid over the horizon (its years keep
    /// their proportions).
    Bilateral(usize),
    /// `allies.ID.indicators.gdp`: the ally's mean yearly GDP (its years keep their
    /// proportions).
    Gdp(usize),
    /// `allies.ID.max`, `allies.ID.min`.
    Max(usize),
    Min(usize),
    /// `fx`: every exchange rate at once, as a factor (1 = as written).
    FxFactor,
}

/// The scenario with the data an explanation needs about it.
#[derive(Clone, Debug)]
pub struct Base {
    pub scenario: Scenario,
    /// Whether each ally (scenario order) takes the scenario's `bilateral_credit`.
    pub follows_credit: Vec<bool>,
}

/// A real-valued plan of a variant, in instance order (allies sorted by id).
#[derive(Clone, Debug)]
pub struct Solved {
    pub inst: Instance,
    pub real: RealPlan,
}

impl Solved {
    /// The ally's binding codes, as the plan states them.
    pub fn binding(&self, scenario: &Scenario, a: usize) -> Vec<crate::binding::Binding> {
        binding(scenario, &self.inst, &self.real, a)
    }
}

fn dec(v: f64) -> Decimal {
    Decimal::from_f64(v).unwrap_or_default()
}

impl Param {
    /// The `--set` path of the parameter.
    pub fn path(&self, scenario: &Scenario) -> String {
        let id = |i: usize| scenario.allies[i].id.clone();
        match self {
            Param::BudgetTotal => "budget.total".into(),
            Param::CreditRate => "bilateral_credit".into(),
            Param::Bilateral(i) => format!("allies.{}.bilateral", id(*i)),
            Param::Gdp(i) => format!("allies.{}.indicators.gdp", id(*i)),
            Param::Max(i) => format!("allies.{}.max", id(*i)),
            Param::Min(i) => format!("allies.{}.min", id(*i)),
            Param::FxFactor => "fx".into(),
        }
    }

    /// The parameter's value in the scenario (None where it has none, e.g. no max).
    pub fn value(&self, scenario: &Scenario) -> Option<f64> {
        let ally = |i: usize| &scenario.allies[i];
        match self {
            Param::BudgetTotal => Some(scenario.total.to_f64()),
            Param::CreditRate => scenario.bilateral_credit.to_f64(),
            Param::Bilateral(i) => Some(ally(*i).bilateral.iter().map(|b| b.to_f64()).sum()),
            Param::Gdp(i) => {
                let gdp = ally(*i).indicators.get("gdp")?;
                let sum: f64 = gdp.iter().filter_map(|g| g.to_f64()).sum();
                Some(sum / gdp.len().max(1) as f64)
            }
            Param::Max(i) => ally(*i).max.map(Money::to_f64),
            Param::Min(i) => Some(ally(*i).min.map_or(0.0, Money::to_f64)),
            Param::FxFactor => scenario.gdp_to_money.map(|_| 1.0),
        }
    }
}

impl Base {
    /// The scenario with the parameter set to `value`, and the annual budgets to use.
    pub fn variant(&self, param: &Param, value: f64) -> Option<(Scenario, Vec<Money>)> {
        let mut s = self.scenario.clone();
        let base_annual = crate::budget::annual_budgets(&self.scenario);
        let mut annual = base_annual.clone();
        match param {
            Param::BudgetTotal => {
                if matches!(s.profile, Profile::Amounts(_)) || value.is_nan() || value <= 0.0 {
                    return None;
                }
                let factor = dec(value) / self.scenario.total.0;
                annual = base_annual.iter().map(|a| Money(a.0 * factor)).collect();
                s.total = annual.iter().sum();
            }
            Param::CreditRate => {
                let rate = dec(value);
                s.bilateral_credit = rate;
                for (ally, follows) in s.allies.iter_mut().zip(&self.follows_credit) {
                    if *follows {
                        ally.credit = rate;
                    }
                }
            }
            Param::Bilateral(i) => scale_bilateral(&mut s, *i, value),
            Param::Gdp(i) => {
                let now = param.value(&self.scenario)?;
                let gdp = s.allies[*i].indicators.get_mut("gdp")?;
                for g in gdp.iter_mut() {
                    *g = if now > 0.0 {
                        *g * dec(value / now)
                    } else {
                        dec(value)
                    };
                }
            }
            Param::Max(i) => s.allies[*i].max = Some(Money(dec(value))),
            Param::Min(i) => s.allies[*i].min = Some(Money(dec(value))),
            Param::FxFactor => s.gdp_to_money = s.gdp_to_money.map(|g| g * dec(value)),
        }
        Some((s, annual))
    }

    /// The real-valued plan of the variant; None when it has none (infeasible).
    pub fn solve(&self, param: &Param, value: f64) -> Option<Solved> {
        let (scenario, annual) = self.variant(param, value)?;
        solve_scenario(&scenario, annual)
    }
}

/// The real-valued plan of a scenario with given annual budgets.
pub fn solve_scenario(scenario: &Scenario, annual: Vec<Money>) -> Option<Solved> {
    let inst = Instance::unrounded(scenario, annual).ok()?;
    let real = solve_real(&inst, scenario.objective).ok()?;
    Some(Solved { inst, real })
}

/// Sets the ally's bilateral aid over the horizon to `value`, keeping the years'
/// proportions (evenly when it had none).
fn scale_bilateral(s: &mut Scenario, i: usize, value: f64) {
    let bilateral = &mut s.allies[i].bilateral;
    let now: Decimal = bilateral.iter().map(|b| b.0).sum();
    let m = bilateral.len().max(1);
    let target = dec(value.max(0.0));
    for b in bilateral.iter_mut() {
        *b = if now.is_zero() {
            Money(target / Decimal::from(m))
        } else {
            Money(b.0 * target / now)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load_str;

    fn base() -> Base {
        let text = "scenario: t\ncurrency: EUR\nunit: million\nyears: [2025, 2026]\n\
            budget: {total: 100}\nkey: {weights: {gdp: 1}}\nbilateral_credit: 0.5\n\
            allies:\n  - {id: A, name: A, indicators: {gdp: 60}, bilateral: 10}\n  \
            - {id: B, name: B, indicators: {gdp: 40}, bilateral: {2025: 30, 2026: 10}, credit: 1}\n";
        let scenario = load_str(text, "t.yaml", &[]).unwrap().scenario;
        Base {
            follows_credit: vec![true, false],
            scenario,
        }
    }

    #[test]
    fn credit_rate_moves_only_the_allies_that_follow_it() {
        let b = base();
        let (s, _) = b.variant(&Param::CreditRate, 0.25).unwrap();
        assert_eq!(s.allies[0].credit, dec(0.25));
        assert_eq!(s.allies[1].credit, Decimal::ONE);
    }

    #[test]
    fn bilateral_keeps_the_shape_of_the_years() {
        let b = base();
        let (s, _) = b.variant(&Param::Bilateral(1), 80.0).unwrap();
        assert_eq!(
            s.allies[1].bilateral,
            vec![Money(dec(60.0)), Money(dec(20.0))]
        );
    }

    #[test]
    fn budget_scales_the_annual_budgets() {
        let b = base();
        let (s, annual) = b.variant(&Param::BudgetTotal, 150.0).unwrap();
        assert_eq!(annual, vec![Money(dec(75.0)), Money(dec(75.0))]);
        assert_eq!(s.total, Money(dec(150.0)));
        assert!(b.variant(&Param::BudgetTotal, -1.0).is_none());
    }
}
