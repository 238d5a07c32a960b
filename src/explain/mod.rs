//! Explanations of a plan: for each ally the chain of its numbers in words, exact
//! sensitivities to the main parameters and the shadow prices of binding bounds, the
//! tipping points of its standing, and the assumptions table (tornado).

pub mod chain;
pub mod closed;
pub mod probe;
pub mod sens;
pub mod tipping;
pub mod tornado;
pub mod words;

use std::collections::BTreeMap;

use crate::budget::annual_budgets;
use crate::plan::Plan;
use crate::planner::PlanError;
use crate::scenario::{Objective, Scenario};
use crate::solve::water_fill_totals;
pub use chain::{Chain, ChainYear};
use closed::Path;
pub use probe::{Base, Param, Solved};
pub use sens::Method;
use sens::{Context, Sides};
pub use tipping::TippingPoint;
use tipping::{tipping_points, Search};
pub use tornado::{Assumption, Outcome};

/// Why no explanation came out.
#[derive(Debug, thiserror::Error)]
pub enum ExplainError {
    #[error(transparent)]
    Plan(#[from] PlanError),
    #[error("no ally has id `{id}`\n  hint: the ids are {ids}")]
    UnknownAlly { id: String, ids: String },
}

/// The explanation of a scenario's plan.
#[derive(Clone, Debug)]
pub struct Explanation {
    pub plan: Plan,
    /// The burden index λ shared by the free payers (those no bound holds).
    pub common_level: Option<f64>,
    /// Whether the plan is on the water-filling path (closed forms) or not (re-solves).
    pub water_filling: bool,
    pub allies: Vec<AllyExplanation>,
    /// The assumptions table, largest swing first.
    pub assumptions: Vec<Assumption>,
}

/// The explanation of one ally.
#[derive(Clone, Debug)]
pub struct AllyExplanation {
    pub id: String,
    pub name: String,
    /// The ally's index in the scenario.
    pub index: usize,
    pub chain: Chain,
    pub reason: String,
    pub binding: Vec<crate::binding::Binding>,
    pub sensitivities: Vec<Sensitivity>,
    pub tipping_points: Vec<TippingPoint>,
}

/// The change of the ally's total per unit of one parameter, on each side.
#[derive(Clone, Debug)]
pub struct Sensitivity {
    /// The `--set` path of the parameter, and its value now.
    pub parameter: String,
    pub value: f64,
    pub down: Option<f64>,
    pub up: Option<f64>,
    /// The change of the common level λ per unit (closed form only).
    pub d_lambda: Option<f64>,
    pub method: Method,
}

impl Sensitivity {
    /// Whether the two sides differ (a kink of the solution path).
    pub fn kink(&self) -> bool {
        match (self.down, self.up) {
            (Some(d), Some(u)) => {
                let tol = match self.method {
                    Method::ClosedForm => 1e-9,
                    _ => 1e-3,
                };
                (d - u).abs() > tol * d.abs().max(u.abs()).max(1e-3)
            }
            _ => false,
        }
    }

    /// The number the JSON states: the effect of a rise (of a fall where it cannot rise).
    pub fn number(&self) -> Option<f64> {
        self.up.or(self.down)
    }
}

/// What to explain.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Ids of the allies to explain; all when empty.
    pub allies: Vec<String>,
    /// Whether each ally (scenario order) takes the scenario's `bilateral_credit`;
    /// when None, those whose rate equals it.
    pub follows_credit: Option<Vec<bool>>,
}

/// Explains the plan of a scenario.
pub fn explain(scenario: &Scenario, options: &Options) -> Result<Explanation, ExplainError> {
    let selected = select(scenario, &options.allies)?;
    let plan = crate::plan(scenario)?;
    let follows_credit = options.follows_credit.clone().unwrap_or_else(|| {
        scenario
            .allies
            .iter()
            .map(|a| a.credit == scenario.bilateral_credit)
            .collect()
    });
    let base = Base {
        scenario: scenario.clone(),
        follows_credit,
    };
    let solved = probe::solve_scenario(scenario, annual_budgets(scenario)).ok_or_else(|| {
        PlanError::Solver("the real-valued plan could not be solved again".into())
    })?;
    let path = Path::new(&solved.inst, &solved.real.totals);
    let water_filling = on_water_filling_path(scenario, &solved);
    let ctx = Context {
        base: &base,
        solved: &solved,
        path: water_filling.then(|| path.clone()),
    };
    let raw = chain::raw_shares(scenario, &solved);
    let mut cache: BTreeMap<String, Option<Sides>> = BTreeMap::new();
    let mut allies = Vec::new();
    for i in selected {
        let ally = &scenario.allies[i];
        let planned = &plan.allies[i];
        let chain = chain::chain(scenario, &solved, &path, &raw, i, planned);
        let reason = words::reason(&chain, &planned.binding, path.lambda);
        let sensitivities = sensitivities(&ctx, &plan, i, &mut cache);
        let tipping_points = tipping(&base, &chain, i, water_filling);
        allies.push(AllyExplanation {
            id: ally.id.clone(),
            name: ally.name.clone(),
            index: i,
            chain,
            reason,
            binding: planned.binding.clone(),
            sensitivities,
            tipping_points,
        });
    }
    let here = tornado::figures(&solved);
    Ok(Explanation {
        common_level: path.lambda,
        water_filling,
        allies,
        assumptions: tornado::tornado(&base, &here),
        plan,
    })
}

/// Scenario indices of the allies asked for (all when none), in the order asked.
fn select(scenario: &Scenario, ids: &[String]) -> Result<Vec<usize>, ExplainError> {
    if ids.is_empty() {
        return Ok((0..scenario.allies.len()).collect());
    }
    ids.iter()
        .map(|id| {
            scenario
                .allies
                .iter()
                .position(|a| &a.id == id)
                .ok_or_else(|| ExplainError::UnknownAlly {
                    id: id.clone(),
                    ids: scenario
                        .allies
                        .iter()
                        .map(|a| a.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                })
        })
        .collect()
}

/// Whether the leximin totals are the water-filling ones (then closed forms hold).
fn on_water_filling_path(scenario: &Scenario, solved: &Solved) -> bool {
    if scenario.objective != Objective::Leximin {
        return false;
    }
    let Some(totals) = water_fill_totals(&solved.inst) else {
        return false;
    };
    let tol = closed::tolerance(&solved.inst);
    totals
        .iter()
        .zip(&solved.real.totals)
        .all(|(w, r)| (w - r).abs() <= tol)
}

/// The parameters an ally's total is explained by: the budget, the credit rate, its
/// own bilateral aid and GDP, and every binding minimum and maximum.
fn parameters(scenario: &Scenario, plan: &Plan, i: usize) -> Vec<Param> {
    let mut out = vec![Param::BudgetTotal, Param::CreditRate, Param::Bilateral(i)];
    if scenario.allies[i].indicators.contains_key("gdp") {
        out.push(Param::Gdp(i));
    }
    for (b, ally) in scenario.allies.iter().enumerate() {
        let codes = plan
            .ally(&ally.id)
            .map(|p| p.binding.clone())
            .unwrap_or_default();
        if codes.contains(&crate::binding::Binding::Max) {
            out.push(Param::Max(b));
        }
        if codes.contains(&crate::binding::Binding::Min) {
            out.push(Param::Min(b));
        }
    }
    out
}

fn sensitivities(
    ctx: &Context<'_>,
    plan: &Plan,
    a: usize,
    cache: &mut BTreeMap<String, Option<Sides>>,
) -> Vec<Sensitivity> {
    let scenario = &ctx.base.scenario;
    parameters(scenario, plan, a)
        .into_iter()
        .filter_map(|param| {
            let path = param.path(scenario);
            let sides = cache
                .entry(path.clone())
                .or_insert_with(|| ctx.sides(&param))
                .clone()?;
            Some(Sensitivity {
                parameter: path,
                value: param.value(scenario)?,
                down: sides.down.map(|d| d[a]),
                up: sides.up.map(|d| d[a]),
                d_lambda: sides.d_lambda,
                method: sides.method,
            })
        })
        .collect()
}

fn tipping(base: &Base, chain: &Chain, i: usize, water_filling: bool) -> Vec<TippingPoint> {
    let search = if water_filling {
        Search {
            grid: 41,
            steps: 40,
        }
    } else {
        Search {
            grid: 11,
            steps: 16,
        }
    };
    let total = base.scenario.total.to_f64();
    let mut ranges = vec![
        (Param::CreditRate, (0.0, 1.0)),
        (Param::BudgetTotal, (0.5 * total, 2.0 * total)),
    ];
    if chain.credit_rate > 0.0 {
        let top = (2.0 * chain.bilateral).max(2.0 * chain.fair_effort / chain.credit_rate);
        ranges.push((Param::Bilateral(i), (0.0, top)));
    }
    ranges
        .into_iter()
        .flat_map(|(param, range)| tipping_points(base, &param, i, range, search))
        .collect()
}

/// The reasons of a plan and the assumptions it is most sensitive to, for the notes of
/// `solve`'s documents.
#[derive(Clone, Debug)]
pub struct Summary {
    /// The reason in words of every ally, in the plan's order.
    pub reasons: Vec<(String, String)>,
    /// The assumptions table, largest swing first.
    pub assumptions: Vec<Assumption>,
}

/// The reason of every ally of `plan` (solved from `scenario`) and the assumptions
/// table; None when the real-valued plan cannot be solved again.
pub fn summary(scenario: &Scenario, plan: &Plan) -> Option<Summary> {
    let solved = probe::solve_scenario(scenario, annual_budgets(scenario))?;
    let path = Path::new(&solved.inst, &solved.real.totals);
    let raw = chain::raw_shares(scenario, &solved);
    let reasons = plan
        .allies
        .iter()
        .enumerate()
        .map(|(a, planned)| {
            let chain = chain::chain(scenario, &solved, &path, &raw, a, planned);
            (
                planned.id.clone(),
                words::reason(&chain, &planned.binding, path.lambda),
            )
        })
        .collect();
    let base = Base {
        scenario: scenario.clone(),
        follows_credit: scenario
            .allies
            .iter()
            .map(|a| a.credit == scenario.bilateral_credit)
            .collect(),
    };
    let here = tornado::figures(&solved);
    Some(Summary {
        reasons,
        assumptions: tornado::tornado(&base, &here),
    })
}
