//! `burden solve FILE`: a verified plan in the chosen format.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::output::{pick_format, write_output};
use super::{color_stdout, Failure, OutputArgs, ScenarioArgs};
use crate::planner::{plan, PlanError};
use crate::report::{terminal_width, Format, Report, Style};
use crate::scenario::{parse_set, Loaded, Override};

#[derive(Debug, clap::Args)]
pub(super) struct SolveArgs {
    /// The scenario file (YAML; "-" for standard input).
    pub file: PathBuf,
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Parses `--set` options.
pub(super) fn overrides(sets: &[String]) -> Result<Vec<Override>, Failure> {
    sets.iter()
        .map(|s| parse_set(s).map_err(|e| Failure::input(format!("error: --set {e}"))))
        .collect()
}

/// Loads a scenario for a command, printing warnings to stderr.
pub(super) fn load_scenario(file: &std::path::Path, sets: &[String]) -> Result<Loaded, Failure> {
    let loaded =
        super::input::load(file, &overrides(sets)?)?.map_err(|e| Failure::input(e.to_string()))?;
    for w in &loaded.warnings {
        super::globals::note(w);
    }
    Ok(loaded)
}

/// Refuses a pledge-mode scenario where a command plans funds (compare, sweep): a
/// pledge has a scorecard, not a plan, and planning it as a fund would give numbers
/// that mean nothing.
pub(super) fn refuse_pledge(
    file: &std::path::Path,
    loaded: &Loaded,
    command: &str,
) -> Result<(), Failure> {
    if loaded.scenario.mode == crate::scenario::Mode::Pledge {
        return Err(Failure::input(format!(
            "error: {}: a pledge scenario (mode: pledge) has a scorecard, not a plan; `burden {command}` plans funds\n  hint: burden solve {} writes its scorecard",
            file.display(),
            file.display()
        )));
    }
    Ok(())
}

/// Maps a planning failure to its exit code and message.
pub(super) fn plan_failure(file: &std::path::Path, e: PlanError) -> Failure {
    Failure::infeasible(format!("error: {}: {e}", file.display()))
}

pub(super) fn run(args: SolveArgs) -> Result<(), Failure> {
    let format = pick_format(args.output.format.as_deref(), args.output.output.as_deref())?;
    let loaded = load_scenario(&args.file, &args.scenario.sets)?;
    if loaded.scenario.mode == crate::scenario::Mode::Pledge {
        let name = file_name(&args.file);
        return pledge_scorecard(
            &loaded.scenario,
            &name,
            format,
            args.output.output.as_deref(),
        );
    }
    let plan = plan(&loaded.scenario).map_err(|e| plan_failure(&args.file, e))?;
    let name = file_name(&args.file);
    let report = Report::new(&plan)
        .with_scenario(&loaded.scenario)
        .named(&name)
        .with_notes(&loaded.notes);
    let output = args.output.output.as_deref();
    let bytes = format
        .render(&[report], style_for(output))
        .map_err(|e| Failure::input(format!("error: {e}")))?;
    write_checked(format, output, &bytes)
}

/// A pledge-mode scenario: its scorecard instead of a plan, in any format.
pub(super) fn pledge_scorecard(
    scenario: &crate::scenario::Scenario,
    name: &str,
    format: Format,
    output: Option<&Path>,
) -> Result<(), Failure> {
    let card = crate::pledge::scorecard(scenario)
        .map_err(|e| Failure::infeasible(format!("error: {e}")))?;
    let bytes = crate::report::build::pledge::render(&card, name, format, style_for(output))
        .map_err(|e| Failure::input(format!("error: {e}")))?;
    write_checked(format, output, &bytes)
}

/// Colour and width of the table for this output: the terminal's, or plain 80 columns.
pub(super) fn style_for(output: Option<&Path>) -> Style {
    let stdout = output.is_none_or(|p| p.as_os_str() == "-");
    Style {
        color: output.is_none() && color_stdout(),
        width: if stdout { terminal_width() } else { None }.unwrap_or(Style::default().width),
    }
}

/// Writes the output, refusing to send a binary format to a terminal.
pub(super) fn write_checked(
    format: Format,
    output: Option<&Path>,
    bytes: &[u8],
) -> Result<(), Failure> {
    let stdout = output.is_none_or(|p| p.as_os_str() == "-");
    if stdout && format.is_binary() && std::io::stdout().is_terminal() {
        return Err(Failure::input(format!(
            "error: the {} format is binary and standard output is a terminal\n  hint: write it to a file, e.g. -o plan.{}",
            format.name(),
            format.name()
        )));
    }
    write_output(output, bytes)
}

/// A short name for a scenario file: its stem.
pub(super) fn file_name(file: &Path) -> String {
    file.file_stem().map_or_else(
        || file.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}
