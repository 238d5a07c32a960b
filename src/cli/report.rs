//! `burden report FILE… -o report.html`: one document for one or several scenarios, an
//! HTML page with charts by default, or an Excel workbook with a Comparison sheet.

use std::path::PathBuf;

use super::solve::{file_name, load_scenario, plan_failure, read_notes, style_for, write_checked};
use super::{Failure, ScenarioArgs};
use crate::plan::Plan;
use crate::planner::plan;
use crate::report::{Format, Report};
use crate::scenario::Scenario;

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Scenario files (YAML); several are compared side by side.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Output format: html, xlsx or md (default: from the -o extension, else html).
    #[arg(long, short = 'f')]
    pub format: Option<String>,
    /// Write to this file instead of standard output ("-" for standard output).
    #[arg(long, short = 'o', value_name = "OUT")]
    pub output: Option<PathBuf>,
}

/// One solved file.
struct Solved {
    scenario: Scenario,
    plan: Plan,
    name: String,
    notes: Vec<String>,
}

fn pick(args: &ReportArgs) -> Result<Format, Failure> {
    let format = match &args.format {
        Some(name) => Format::parse(name),
        None => Some(
            args.output
                .as_deref()
                .filter(|p| p.as_os_str() != "-")
                .and_then(Format::from_path)
                .unwrap_or(Format::Html),
        ),
    };
    match format {
        Some(f @ (Format::Html | Format::Xlsx | Format::Markdown)) => Ok(f),
        _ => Err(Failure::input(
            "error: a report is written as html, xlsx or md\n  hint: use -o report.html, -o report.xlsx or --format md; `burden solve` writes the other formats",
        )),
    }
}

/// Unique short names: the file stems, numbered when two files share one.
fn names(files: &[PathBuf]) -> Vec<String> {
    let stems: Vec<String> = files.iter().map(|f| file_name(f)).collect();
    stems
        .iter()
        .enumerate()
        .map(|(i, s)| match stems.iter().filter(|t| *t == s).count() {
            1 => s.clone(),
            _ => format!("{s} ({})", i + 1),
        })
        .collect()
}

pub fn run(args: ReportArgs) -> Result<(), Failure> {
    let format = pick(&args)?;
    let mut solved = Vec::new();
    for (file, name) in args.files.iter().zip(names(&args.files)) {
        let loaded = load_scenario(file, &args.scenario.sets)?;
        let plan = plan(&loaded.scenario).map_err(|e| plan_failure(file, e))?;
        solved.push(Solved {
            scenario: loaded.scenario,
            plan,
            name,
            notes: read_notes(file),
        });
    }
    let reports: Vec<Report<'_>> = solved
        .iter()
        .map(|s| {
            Report::new(&s.plan)
                .with_scenario(&s.scenario)
                .named(&s.name)
                .with_notes(&s.notes)
        })
        .collect();
    let output = args.output.as_deref();
    let bytes = format
        .render(&reports, style_for(output))
        .map_err(|e| Failure::input(format!("error: {e}")))?;
    write_checked(format, output, &bytes)
}
