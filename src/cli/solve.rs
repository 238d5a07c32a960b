//! `burden solve FILE`: a verified plan in the chosen format.

use std::path::PathBuf;

use super::output::{pick_format, write_output};
use super::{color_stdout, Failure, OutputArgs, ScenarioArgs};
use crate::planner::{plan, PlanError};
use crate::scenario::{load, parse_set, Loaded, Override};

#[derive(Debug, clap::Args)]
pub struct SolveArgs {
    /// The scenario file (YAML).
    pub file: PathBuf,
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Parses `--set` options.
pub fn overrides(sets: &[String]) -> Result<Vec<Override>, Failure> {
    sets.iter()
        .map(|s| parse_set(s).map_err(|e| Failure::input(format!("error: --set {e}"))))
        .collect()
}

/// Loads a scenario for a command, printing warnings to stderr.
pub fn load_scenario(file: &std::path::Path, sets: &[String]) -> Result<Loaded, Failure> {
    let loaded = load(file, &overrides(sets)?).map_err(|e| Failure::input(e.to_string()))?;
    for w in &loaded.warnings {
        eprintln!("{w}");
    }
    Ok(loaded)
}

/// Maps a planning failure to its exit code and message.
pub fn plan_failure(file: &std::path::Path, e: PlanError) -> Failure {
    Failure::infeasible(format!("error: {}: {e}", file.display()))
}

pub fn run(args: SolveArgs) -> Result<(), Failure> {
    let format = pick_format(args.output.format.as_deref(), args.output.output.as_deref())?;
    let loaded = load_scenario(&args.file, &args.scenario.sets)?;
    let plan = plan(&loaded.scenario).map_err(|e| plan_failure(&args.file, e))?;
    let color = args.output.output.is_none() && color_stdout();
    let bytes = format.exporter(color).render(&plan);
    write_output(args.output.output.as_deref(), &bytes)
}
