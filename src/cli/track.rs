//! `burden track SCENARIO --actuals FILE`: what each ally delivered against the plan.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use rust_decimal::Decimal;

use super::output::{pick_format, unsupported, write_output};
use super::solve::{load_scenario, plan_failure};
use super::{color_stdout, Failure, OutputArgs, ScenarioArgs};
use crate::actuals::{self, Actuals};
use crate::plan::Plan;
use crate::planner::plan;
use crate::report::account::account_exporter;
use crate::scenario::Scenario;
use crate::track::track;

#[derive(Debug, clap::Args)]
pub struct TrackArgs {
    /// The scenario file (YAML) whose plan is tracked.
    pub file: PathBuf,
    /// Amounts delivered per ally and past year (YAML, or CSV with a .csv name).
    #[arg(long, value_name = "FILE")]
    pub actuals: PathBuf,
    /// On track = cumulative delivery within this percentage of the cumulative plan.
    #[arg(long, value_name = "PCT", default_value = "5")]
    pub tolerance: String,
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// The scenario, its original plan and the checked actuals.
pub fn load_accounts(
    file: &Path,
    sets: &[String],
    actuals_file: &Path,
) -> Result<(Scenario, Plan, Actuals), Failure> {
    let loaded = load_scenario(file, sets)?;
    let actuals =
        actuals::load(actuals_file, &loaded.scenario).map_err(|e| Failure::input(e.to_string()))?;
    let plan = plan(&loaded.scenario).map_err(|e| plan_failure(file, e))?;
    Ok((loaded.scenario, plan, actuals))
}

fn tolerance(text: &str) -> Result<Decimal, Failure> {
    let bad = || {
        Failure::input(format!(
            "error: --tolerance `{text}` is not a percentage between 0 and 100\n  hint: write 5 % as --tolerance 5"
        ))
    };
    let pct = Decimal::from_str(text.trim().trim_end_matches('%').trim()).map_err(|_| bad())?;
    if pct < Decimal::ZERO || pct > Decimal::ONE_HUNDRED {
        return Err(bad());
    }
    Ok(pct / Decimal::ONE_HUNDRED)
}

pub fn run(args: TrackArgs) -> Result<(), Failure> {
    let format = pick_format(args.output.format.as_deref(), args.output.output.as_deref())?;
    let tolerance = tolerance(&args.tolerance)?;
    let (scenario, plan, actuals) = load_accounts(&args.file, &args.scenario.sets, &args.actuals)?;
    let result = track(&scenario, &plan, &actuals, tolerance);
    let color = args.output.output.is_none() && color_stdout();
    let bytes = account_exporter(format, color)
        .ok_or_else(|| unsupported(format))?
        .track(&result);
    write_output(args.output.output.as_deref(), &bytes)
}
