//! `burden track SCENARIO --actuals FILE`: what each ally delivered against the plan.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use rust_decimal::Decimal;

use super::output::pick_format;
use super::solve::{file_name, load_scenario, plan_failure, style_for, write_checked};
use super::{Failure, OutputArgs, ScenarioArgs};
use crate::actuals::{self, Actuals};
use crate::plan::Plan;
use crate::planner::plan;
use crate::report::account::track_json;
use crate::report::build;
use crate::report::doc::Document;
use crate::report::Format;
use crate::scenario::Scenario;
use crate::track::track;

#[derive(Debug, clap::Args)]
pub(super) struct TrackArgs {
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
pub(super) fn load_accounts(
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

pub(super) fn run(args: TrackArgs) -> Result<(), Failure> {
    let format = pick_format(args.output.format.as_deref(), args.output.output.as_deref())?;
    let tolerance = tolerance(&args.tolerance)?;
    let (scenario, plan, actuals) = load_accounts(&args.file, &args.scenario.sets, &args.actuals)?;
    let result = track(&scenario, &plan, &actuals, tolerance);
    let output = args.output.output.as_deref();
    let bytes = match format {
        Format::Json => track_json(&result),
        _ => {
            let doc = build::track::document(&result, &file_name(&args.file));
            render(format, &doc, output)?
        }
    };
    write_checked(format, output, &bytes)
}

/// A tracking or re-plan document in a human format (every format but JSON).
pub(super) fn render(
    format: Format,
    doc: &Document,
    output: Option<&Path>,
) -> Result<Vec<u8>, Failure> {
    format
        .render_document(doc, style_for(output))
        .map_err(|e| Failure::input(format!("error: {e}")))
}
