//! Scenarios side by side: each ally's figures in every scenario with the deltas against
//! the first, and a summary of each scenario's fairness. Infeasible scenarios stay in
//! the comparison with their diagnosis.

use serde::Serialize;

use crate::money::Money;
use crate::plan::{AllyPlan, Plan};
use crate::planner::PlanError;
use crate::scenario::Scenario;

/// What planning one scenario gave.
#[derive(Clone, Debug)]
pub enum Outcome {
    Planned(Box<Plan>),
    /// No plan satisfies the scenario; the reasons in plain words.
    Infeasible(Vec<String>),
    /// The planner failed (verification or solver); a defect, reported as such.
    Failed(String),
}

impl Outcome {
    pub fn of(result: Result<Plan, PlanError>) -> Outcome {
        match result {
            Ok(plan) => Outcome::Planned(Box::new(plan)),
            Err(PlanError::Infeasible(reasons)) => Outcome::Infeasible(reasons),
            Err(e) => Outcome::Failed(e.to_string()),
        }
    }

    pub fn status(&self) -> Status {
        match self {
            Outcome::Planned(_) => Status::Ok,
            Outcome::Infeasible(_) => Status::Infeasible,
            Outcome::Failed(_) => Status::Failed,
        }
    }

    pub fn plan(&self) -> Option<&Plan> {
        match self {
            Outcome::Planned(plan) => Some(plan),
            _ => None,
        }
    }

    /// The diagnosis of a scenario without a plan (empty for a plan).
    pub fn diagnosis(&self) -> Vec<String> {
        match self {
            Outcome::Planned(_) => Vec::new(),
            Outcome::Infeasible(reasons) => reasons.clone(),
            Outcome::Failed(message) => vec![message.clone()],
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Infeasible,
    /// The scenario variant did not validate (sweeps only).
    Invalid,
    Failed,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Infeasible => "infeasible",
            Status::Invalid => "invalid",
            Status::Failed => "failed",
        }
    }
}

/// The fairness of a plan in a few numbers, as compare and sweep show them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    pub max_burden_index: f64,
    pub min_burden_index: f64,
    /// Allies paying nothing new.
    pub zero_payers: usize,
    pub largest_payer: String,
    /// The largest payer's share of the budget.
    pub largest_share: f64,
    pub schedule_deviation: f64,
    /// What the fund receives, when credit reduces it (its size then varies).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fund: Option<Money>,
}

impl Summary {
    pub fn of(plan: &Plan) -> Summary {
        let largest = plan
            .allies
            .iter()
            .fold(None::<&AllyPlan>, |best, a| match best {
                Some(b) if b.total >= a.total => Some(b),
                _ => Some(a),
            });
        Summary {
            max_burden_index: plan.metrics.max_burden_index,
            min_burden_index: plan.metrics.min_burden_index,
            zero_payers: plan.zero_payers(),
            largest_payer: largest.map(|a| a.id.clone()).unwrap_or_default(),
            largest_share: plan.largest_share(),
            schedule_deviation: plan.metrics.schedule_deviation,
            fund: plan.budget.agreed.as_ref().map(|_| plan.budget.total),
        }
    }
}

/// One ally's figures in one plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figures {
    pub total: Money,
    /// Share of the scenario's budget.
    pub budget_share: f64,
    pub burden_index: Option<f64>,
    /// New contribution in % of the ally's GDP over the horizon.
    pub gdp_pct: Option<f64>,
}

impl Figures {
    pub fn of(plan: &Plan, ally: &AllyPlan) -> Figures {
        let budget = plan.budget.total.to_f64();
        Figures {
            total: ally.total,
            budget_share: if budget > 0.0 {
                ally.total.to_f64() / budget
            } else {
                0.0
            },
            burden_index: ally.burden_index,
            gdp_pct: ally.gdp_pct,
        }
    }
}

/// A scenario's figures minus the first scenario's.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Delta {
    pub total: Money,
    pub budget_share: f64,
    pub burden_index: Option<f64>,
    pub gdp_pct: Option<f64>,
}

impl Delta {
    fn between(base: &Figures, other: &Figures) -> Delta {
        let diff = |a: Option<f64>, b: Option<f64>| Some(b? - a?);
        Delta {
            total: (other.total - base.total).normalized(),
            budget_share: other.budget_share - base.budget_share,
            burden_index: diff(base.burden_index, other.burden_index),
            gdp_pct: diff(base.gdp_pct, other.gdp_pct),
        }
    }
}

/// A scenario as the comparison lists it.
#[derive(Clone, Debug, Serialize)]
pub struct Column {
    pub label: String,
    pub file: String,
    pub title: String,
    pub currency: String,
    pub unit: String,
    pub budget_total: Money,
    pub status: Status,
    pub summary: Option<Summary>,
    pub diagnosis: Vec<String>,
}

/// An ally's figures in one scenario, with the delta against the first scenario.
#[derive(Clone, Debug, Serialize)]
pub struct Cell {
    #[serde(flatten)]
    pub figures: Figures,
    pub delta: Option<Delta>,
}

/// One ally across the scenarios; a cell is None where the scenario has no plan or
/// no such ally.
#[derive(Clone, Debug, Serialize)]
pub struct AllyRow {
    pub id: String,
    pub name: String,
    pub scenarios: Vec<Option<Cell>>,
}

/// The comparison of several scenarios; the first is the reference for the deltas.
#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    pub scenarios: Vec<Column>,
    pub allies: Vec<AllyRow>,
}

/// A scenario to compare: its label, its file, and what planning it gave.
#[derive(Clone, Debug)]
pub struct Input {
    pub label: String,
    pub file: String,
    pub title: String,
    pub currency: String,
    pub unit: String,
    pub budget_total: Money,
    pub outcome: Outcome,
}

impl Input {
    /// A plan already made, for the comparison; its label doubles as its file name.
    pub fn planned(label: &str, plan: &Plan) -> Input {
        Input {
            label: label.to_string(),
            file: label.to_string(),
            title: plan.scenario.clone(),
            currency: plan.currency.clone(),
            unit: plan.unit.clone(),
            budget_total: plan.budget.total,
            outcome: Outcome::Planned(Box::new(plan.clone())),
        }
    }

    /// Plans a scenario for the comparison.
    pub fn plan(label: String, file: String, scenario: &Scenario) -> Input {
        Input {
            label,
            file,
            title: scenario.title.clone(),
            currency: scenario.currency.clone(),
            unit: scenario.unit.clone(),
            budget_total: scenario.total.normalized(),
            outcome: Outcome::of(crate::planner::plan(scenario)),
        }
    }
}

impl Comparison {
    pub fn new(inputs: &[Input]) -> Comparison {
        let scenarios = inputs.iter().map(column).collect();
        let mut allies: Vec<AllyRow> = Vec::new();
        for input in inputs {
            for a in input.outcome.plan().map_or(&[][..], |p| &p.allies) {
                if !allies.iter().any(|r| r.id == a.id) {
                    allies.push(AllyRow {
                        id: a.id.clone(),
                        name: a.name.clone(),
                        scenarios: Vec::new(),
                    });
                }
            }
        }
        for row in &mut allies {
            let figures: Vec<Option<Figures>> = inputs
                .iter()
                .map(|i| {
                    let plan = i.outcome.plan()?;
                    Some(Figures::of(plan, plan.ally(&row.id)?))
                })
                .collect();
            let first = figures.first().cloned().flatten();
            row.scenarios = figures
                .into_iter()
                .enumerate()
                .map(|(k, f)| {
                    let figures = f?;
                    let delta = match (&first, k) {
                        (Some(base), 1..) => Some(Delta::between(base, &figures)),
                        _ => None,
                    };
                    Some(Cell { figures, delta })
                })
                .collect();
        }
        Comparison { scenarios, allies }
    }

    /// Whether any scenario's planner failed (not merely infeasible).
    pub fn any_failed(&self) -> bool {
        self.scenarios.iter().any(|c| c.status == Status::Failed)
    }
}

fn column(input: &Input) -> Column {
    Column {
        label: input.label.clone(),
        file: input.file.clone(),
        title: input.title.clone(),
        currency: input.currency.clone(),
        unit: input.unit.clone(),
        budget_total: input.budget_total,
        status: input.outcome.status(),
        summary: input.outcome.plan().map(Summary::of),
        diagnosis: input.outcome.diagnosis(),
    }
}
