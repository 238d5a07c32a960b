//! A scenario as numbers for the optimiser: key shares, fair efforts, credits and every
//! bound in f64, allies in the scenario's order (by id, as validation sorted them).

use rust_decimal::prelude::ToPrimitive;

use crate::budget::{annual_budgets, apportion};
use crate::key::{key_shares, KeyError};
use crate::money::Money;
use crate::rounding::HardBounds;
use crate::scenario::{CreditEffect, Scenario};

/// Solver view of a scenario. Index `a` is the ally's index in the scenario, whose
/// allies validation sorted by id.
#[derive(Clone, Debug)]
pub struct Instance {
    pub n: usize,
    pub m: usize,
    /// Annual budgets A_y of the fund, exact: what the allies pay in together.
    pub annual: Vec<Money>,
    /// With `credit_effect: reduces_fund`, the agreed budgets before the credit reduced
    /// them (the pot the fair efforts are measured on); None when credit enlarges the pot.
    pub agreed: Option<Vec<Money>>,
    pub annual_f: Vec<f64>,
    pub total: f64,
    /// Key shares s[a][y].
    pub shares: Vec<Vec<f64>>,
    /// Credited bilateral aid c[a][y].
    pub credited: Vec<Vec<f64>>,
    /// Fair effort F_a.
    pub fair: Vec<f64>,
    /// Credited aid over the horizon C_a.
    pub credit_total: Vec<f64>,
    /// The credit before any cap, κ_a·B_ay per year: more than c_ay where a cap cut it.
    pub credit_uncapped: Vec<Vec<f64>>,
    /// Bounds on the ally's total contribution.
    pub lo: Vec<f64>,
    pub hi: Vec<f64>,
    /// Bounds on single cells: pledges below, GDP caps above.
    pub cell_lo: Vec<Vec<f64>>,
    pub cell_hi: Vec<Vec<f64>>,
    pub smoothing: Option<f64>,
    /// The same bounds exact, as the rounding keeps them: pledges and GDP caps per cell,
    /// minimum and maximum per ally.
    pub exact: HardBounds,
    /// The rounding unit: every free amount is a multiple of it.
    pub unit: Money,
    /// Cells fixed to exact amounts (past years as delivered, when re-planning): the
    /// solver, the rounding and the verification keep them as they are. None everywhere
    /// for a fresh scenario; set with [`Instance::fix`].
    pub fixed: Vec<Vec<Option<Money>>>,
    /// A previous plan the schedule should stay close to (when re-planning): the target
    /// of an ally's free cells is this plan plus the change in its free amount, spread
    /// over its free years in proportion to their budgets. None: the proportional
    /// schedule.
    pub reference: Option<Vec<Vec<Money>>>,
}

fn f(m: Money) -> f64 {
    m.to_f64()
}

impl Instance {
    pub fn new(scenario: &Scenario) -> Result<Instance, KeyError> {
        Instance::with_annual(scenario, annual_budgets(scenario))
    }

    /// The instance with given annual budgets instead of the scenario's profile (they
    /// must sum to the scenario's total); fair efforts follow these budgets. When credit
    /// reduces the fund these are the agreed budgets, and the fund's follow from them.
    pub fn with_annual(scenario: &Scenario, annual: Vec<Money>) -> Result<Instance, KeyError> {
        Instance::with_budgets(scenario, annual, None)
    }

    /// The instance with agreed budgets and, when credit reduces the fund, possibly the
    /// fund's own budgets (a re-plan's, whose past years are what was delivered); without
    /// them the fund's budgets are the agreed ones less the credit, rounded to the unit.
    /// When credit enlarges the pot, `fund` (if given) is what the allies pay in.
    pub fn with_budgets(
        scenario: &Scenario,
        agreed: Vec<Money>,
        fund: Option<Vec<Money>>,
    ) -> Result<Instance, KeyError> {
        Instance::build(scenario, agreed, fund, Some(scenario.rounding))
    }

    /// The instance for a real-valued plan only (an explanation's probes): when credit
    /// reduces the fund, the fund's budgets are exact, not rounded to the unit, so that
    /// a small change of a parameter moves them smoothly.
    pub fn unrounded(scenario: &Scenario, agreed: Vec<Money>) -> Result<Instance, KeyError> {
        Instance::build(scenario, agreed, None, None)
    }

    fn build(
        scenario: &Scenario,
        agreed: Vec<Money>,
        fund: Option<Vec<Money>>,
        unit: Option<Money>,
    ) -> Result<Instance, KeyError> {
        let n = scenario.allies.len();
        let m = scenario.year_count();
        debug_assert!(
            scenario.allies.windows(2).all(|w| w[0].id < w[1].id),
            "validation sorts allies by id"
        );
        let shares = key_shares(scenario)?;
        let credit_uncapped: Vec<Vec<f64>> = scenario
            .allies
            .iter()
            .map(|ally| (0..m).map(|y| f(scenario.credited(ally, y))).collect())
            .collect();
        let mut credited = credit_uncapped.clone();
        let money_f = |values: &[Money]| -> Vec<f64> { values.iter().map(|a| f(*a)).collect() };
        // The budgets the allies fill, the pot fair efforts are measured on, and (when
        // credit reduces the fund) the agreed budgets.
        let (annual, pot, agreed_out) = match scenario.credit_effect {
            CreditEffect::ReducesFund => {
                let phi = scenario.credit_cap.unwrap_or(rust_decimal::Decimal::ONE);
                let cut = credit_within_share(scenario, &shares, &agreed, phi);
                credited = cut.iter().map(|row| money_f(row)).collect();
                let annual = fund.unwrap_or_else(|| reduced_budgets(&agreed, &cut, unit));
                (annual, money_f(&agreed), Some(agreed))
            }
            CreditEffect::EnlargesPot => {
                let annual = fund.unwrap_or(agreed);
                let annual_f = money_f(&annual);
                if let Some(cap) = scenario.credit_cap.and_then(|d| d.to_f64()) {
                    cap_credit(&shares, &mut credited, &annual_f, cap);
                }
                let pot = (0..m)
                    .map(|y| annual_f[y] + credited.iter().map(|c| c[y]).sum::<f64>())
                    .collect();
                (annual, pot, None)
            }
        };
        let annual_f = money_f(&annual);
        let fair = shares
            .iter()
            .map(|s| s.iter().zip(&pot).map(|(s, p)| s * p).sum())
            .collect();
        let credit_total = credited.iter().map(|c| c.iter().sum()).collect();
        let allies = &scenario.allies;
        let exact = HardBounds {
            cell_min: allies.iter().map(|a| a.pledged.clone()).collect(),
            cell_max: allies
                .iter()
                .map(|a| (0..m).map(|y| scenario.gdp_cap(a, y)).collect())
                .collect(),
            total_min: allies.iter().map(|a| a.min).collect(),
            total_max: allies.iter().map(|a| a.max).collect(),
        };
        let lo = exact.total_min.iter().map(|b| b.map_or(0.0, f)).collect();
        let hi = exact
            .total_max
            .iter()
            .map(|b| b.map_or(f64::INFINITY, f))
            .collect();
        let cell_lo = exact
            .cell_min
            .iter()
            .map(|row| row.iter().map(|p| f(*p)).collect())
            .collect();
        let cell_hi = exact
            .cell_max
            .iter()
            .map(|row| row.iter().map(|c| c.map_or(f64::INFINITY, f)).collect())
            .collect();
        Ok(Instance {
            n,
            m,
            total: f(annual.iter().sum()),
            annual,
            annual_f,
            agreed: agreed_out,
            shares,
            credited,
            fair,
            credit_total,
            credit_uncapped,
            lo,
            hi,
            cell_lo,
            cell_hi,
            smoothing: scenario.smoothing.and_then(|d| d.to_f64()),
            exact,
            unit: scenario.rounding,
            fixed: vec![vec![None; m]; n],
            reference: None,
        })
    }

    /// Fixes cell (a, y) to an exact amount: it is no longer a decision.
    pub fn fix(&mut self, a: usize, y: usize, amount: Money) {
        self.fixed[a][y] = Some(amount);
        self.cell_lo[a][y] = f(amount);
        self.cell_hi[a][y] = f(amount);
    }

    /// Whether any cell is fixed.
    pub fn has_fixed(&self) -> bool {
        self.fixed.iter().flatten().any(Option::is_some)
    }

    /// The sum of the ally's fixed cells.
    pub fn fixed_total(&self, a: usize) -> Money {
        self.fixed[a].iter().flatten().sum()
    }

    /// Whether any constraint acts on single years.
    pub fn has_cell_constraints(&self) -> bool {
        self.smoothing.is_some()
            || self.cell_lo.iter().flatten().any(|v| *v > 0.0)
            || self.cell_hi.iter().flatten().any(|v| v.is_finite())
    }

    /// The lowest total the ally can have on its own: its min and the sum of its pledges.
    pub fn total_lo(&self, a: usize) -> f64 {
        self.lo[a].max(self.cell_lo[a].iter().sum())
    }

    /// The highest total the ally can have on its own: its max and the sum of its caps.
    pub fn total_hi(&self, a: usize) -> f64 {
        self.hi[a].min(self.cell_hi[a].iter().sum())
    }

    /// The pot of year y that fair efforts are measured on: the budget plus all credited
    /// aid, or the agreed budget when credit reduces the fund.
    pub fn pot(&self, y: usize) -> f64 {
        match &self.agreed {
            Some(agreed) => f(agreed[y]),
            None => self.annual_f[y] + self.credited.iter().map(|c| c[y]).sum::<f64>(),
        }
    }

    /// Burden index of a total.
    pub fn beta(&self, a: usize, total: f64) -> f64 {
        (total + self.credit_total[a]) / self.fair[a]
    }
}

/// Credit that reduces the fund: each year the ally's credited aid
/// counts at most up to φ times its fair share of that year's agreed budget,
/// c'_ay = min(κ_a·B_ay, φ·s_ay·A_y), so that no year's fund can fall below zero and
/// nobody else makes up a credit beyond an ally's share.
fn credit_within_share(
    scenario: &Scenario,
    shares: &[Vec<f64>],
    agreed: &[Money],
    phi: rust_decimal::Decimal,
) -> Vec<Vec<Money>> {
    scenario
        .allies
        .iter()
        .zip(shares)
        .map(|(ally, s)| {
            agreed
                .iter()
                .enumerate()
                .map(|(y, a)| {
                    let share = Money::from_f64(s[y] * f(*a)) * phi;
                    scenario.credited(ally, y).min(share)
                })
                .collect()
        })
        .collect()
}

/// The fund's budgets when credit reduces it: each year's agreed budget less the credit
/// of that year, the total rounded down to the unit (so that no ally pays for the
/// rounding) and apportioned over the years by largest remainder, so that every year is
/// a multiple of the unit and none is negative (exact, without a unit).
fn reduced_budgets(agreed: &[Money], credit: &[Vec<Money>], unit: Option<Money>) -> Vec<Money> {
    let exact: Vec<rust_decimal::Decimal> = agreed
        .iter()
        .enumerate()
        .map(|(y, a)| {
            let given: Money = credit.iter().map(|row| row[y]).sum();
            (*a - given).0.max(rust_decimal::Decimal::ZERO)
        })
        .collect();
    let Some(unit) = unit else {
        return exact.into_iter().map(Money).collect();
    };
    let sum: rust_decimal::Decimal = exact.iter().sum();
    let total = Money(sum).floor_to(unit);
    if total.is_zero() {
        return vec![Money::ZERO; agreed.len()];
    }
    apportion(total, unit, &exact)
}

/// Credited aid under a credit cap φ: C'_a = min(C_a, φ·F_a), where F_a is measured on
/// the pot of the capped credit, each year's credit scaled alike. Iterated from the
/// uncapped credit: the pot, the fair efforts and the credit only fall from one round
/// to the next (a monotone sequence bounded below by zero), and a change of the pot
/// moves the credit by at most φ times as much, so it settles quickly.
fn cap_credit(shares: &[Vec<f64>], credited: &mut [Vec<f64>], annual: &[f64], cap: f64) {
    let full: Vec<f64> = credited.iter().map(|c| c.iter().sum()).collect();
    let mut scale = vec![1.0; credited.len()];
    for _ in 0..500 {
        let pot: Vec<f64> = (0..annual.len())
            .map(|y| {
                let credit: f64 = credited.iter().zip(&scale).map(|(c, k)| c[y] * k).sum();
                annual[y] + credit
            })
            .collect();
        let next: Vec<f64> = shares
            .iter()
            .zip(&full)
            .map(|(s, c)| {
                let fair: f64 = s.iter().zip(&pot).map(|(s, p)| s * p).sum();
                if *c > 0.0 {
                    (cap * fair / c).min(1.0)
                } else {
                    1.0
                }
            })
            .collect();
        let moved = next
            .iter()
            .zip(&scale)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        scale = next;
        if moved < 1e-15 {
            break;
        }
    }
    for (row, k) in credited.iter_mut().zip(&scale) {
        row.iter_mut().for_each(|c| *c *= k);
    }
}

#[cfg(test)]
mod tests {
    use super::{cap_credit, reduced_budgets};
    use crate::money::Money;
    use rust_decimal::Decimal;

    fn m(v: &str) -> Money {
        Money(Decimal::from_str_exact(v).unwrap())
    }

    #[test]
    fn a_reduced_fund_by_hand() {
        // Budgets 50 and 50; credits 10.4 + 2.3 in the first year and 20.2 in the
        // second leave 37.3 and 29.8, 67.1 in all: rounded down to 67 and apportioned
        // by largest remainder (quotas 37.24… and 29.76…: the second year gets the unit).
        let credit = vec![vec![m("10.4"), m("20.2")], vec![m("2.3"), m("0")]];
        let out = reduced_budgets(&[m("50"), m("50")], &credit, Some(m("1")));
        assert_eq!(out, vec![m("37"), m("30")]);
        let exact = reduced_budgets(&[m("50"), m("50")], &credit, None);
        assert_eq!(exact, vec![m("37.3"), m("29.8")]);
        // Credit covering everything leaves an empty fund, never a negative one.
        let all = vec![vec![m("50")], vec![m("0.5")]];
        assert_eq!(
            reduced_budgets(&[m("50")], &all, Some(m("1"))),
            vec![m("0")]
        );
    }

    #[test]
    fn a_credit_cap_by_hand() {
        // Two allies of equal share, budget 100, A's aid 100. Uncapped, the pot is 200
        // and A's fair effort 100. Capped at half of its fair effort: C = 0.5·F and
        // F = 0.5·(100 + C), so C = 100/3 and F = 200/3.
        let shares = vec![vec![0.5], vec![0.5]];
        let mut credited = vec![vec![100.0], vec![0.0]];
        cap_credit(&shares, &mut credited, &[100.0], 0.5);
        assert!((credited[0][0] - 100.0 / 3.0).abs() < 1e-9, "{credited:?}");
        assert_eq!(credited[1][0], 0.0);
    }
}
