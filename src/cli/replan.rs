//! `burden replan SCENARIO --actuals FILE [--policy carry|forgive]`: the remaining years
//! planned again after what was delivered, the budget still reached exactly.

use std::path::PathBuf;

use super::output::pick_format;
use super::solve::{file_name, write_checked};
use super::track::{load_accounts, render};
use super::{Failure, OutputArgs, ScenarioArgs};
use crate::replan::{replan, Policy, ReplanError};
use crate::report::account::replan_json;
use crate::report::{build, Format};

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(super) enum PolicyArg {
    /// Fairness over the whole horizon: shortfalls are asked back, surpluses credited.
    Carry,
    /// The past stands; the remaining budget is shared as if the plan started now.
    Forgive,
}

#[derive(Debug, clap::Args)]
pub(super) struct ReplanArgs {
    /// The scenario file (YAML) whose plan is re-planned.
    pub file: PathBuf,
    /// Amounts delivered per ally and past year (YAML, or CSV with a .csv name).
    #[arg(long, value_name = "FILE")]
    pub actuals: PathBuf,
    /// How the past enters the new plan.
    #[arg(long, value_enum, default_value = "carry")]
    pub policy: PolicyArg,
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub(super) fn run(args: ReplanArgs) -> Result<(), Failure> {
    let format = pick_format(args.output.format.as_deref(), args.output.output.as_deref())?;
    let (scenario, plan, actuals) = load_accounts(&args.file, &args.scenario.sets, &args.actuals)?;
    let policy = match args.policy {
        PolicyArg::Carry => Policy::Carry,
        PolicyArg::Forgive => Policy::Forgive,
    };
    let result = replan(&scenario, &plan, &actuals, policy).map_err(|e| {
        let message = format!("error: {}: {e}", args.file.display());
        match e {
            ReplanError::NothingLeft(_) => Failure::input(message),
            _ => Failure::infeasible(message),
        }
    })?;
    let output = args.output.output.as_deref();
    let bytes = match format {
        Format::Json => replan_json(&result),
        _ => {
            let doc = build::replan::document(&result, &file_name(&args.file));
            render(format, &doc, output)?
        }
    };
    write_checked(format, output, &bytes)
}
