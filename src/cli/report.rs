//! `burden report FILE… -o report.html`: one document for one or several scenarios, an
//! HTML page with charts by default, or an Excel workbook with a Comparison sheet.

use std::io::IsTerminal;
use std::path::PathBuf;

use super::output::format_of_path;
use super::solve::{file_name, load_scenario, plan_failure, style_for, write_checked};
use super::{Failure, ScenarioArgs};
use crate::plan::Plan;
use crate::planner::plan;
use crate::report::{Format, Report};
use crate::scenario::Scenario;

#[derive(Debug, clap::Args)]
pub(super) struct ReportArgs {
    /// Scenario files (YAML); several are compared side by side.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Output format: html, xlsx, md or tex (default: from the -o extension, else html).
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
        None => Some(format_of_path(args.output.as_deref())?.unwrap_or(Format::Html)),
    };
    match format {
        Some(f @ (Format::Html | Format::Xlsx | Format::Markdown | Format::Latex)) => Ok(f),
        _ => Err(Failure::input(
            "error: a report is written as html, xlsx, md or tex\n  hint: use -o report.html, -o report.xlsx, -o report.tex or --format md; `burden solve` writes the other formats",
        )),
    }
}

/// Refuses to pour the HTML page, which no format option asked for, onto a terminal.
fn check_terminal(args: &ReportArgs, format: Format, terminal: bool) -> Result<(), Failure> {
    let stdout = args.output.as_deref().is_none_or(|p| p.as_os_str() == "-");
    if stdout && terminal && format == Format::Html && args.format.is_none() {
        return Err(Failure::input(
            "error: a report is an HTML page and standard output is a terminal\n  hint: write it to a file, e.g. -o report.html; --format md prints a text report, --format html prints the page anyway",
        ));
    }
    Ok(())
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

pub(super) fn run(args: ReportArgs) -> Result<(), Failure> {
    let format = pick(&args)?;
    check_terminal(&args, format, std::io::stdout().is_terminal())?;
    let mut solved = Vec::new();
    for (file, name) in args.files.iter().zip(names(&args.files)) {
        let loaded = load_scenario(file, &args.scenario.sets)?;
        if loaded.scenario.mode == crate::scenario::Mode::Pledge {
            // A pledge has a scorecard, not a plan: alone it is the report; beside plans
            // there is nothing to put it side by side with.
            if args.files.len() > 1 {
                return Err(Failure::input(format!(
                    "error: {}: a pledge scenario (mode: pledge) has a scorecard, not a plan, so it cannot be reported beside plans\n  hint: burden report {} alone writes its scorecard",
                    file.display(),
                    file.display()
                )));
            }
            let output = args.output.as_deref();
            return super::solve::pledge_scorecard(&loaded.scenario, &name, format, output);
        }
        let plan = plan(&loaded.scenario).map_err(|e| plan_failure(file, e))?;
        solved.push(Solved {
            scenario: loaded.scenario,
            plan,
            name,
            notes: loaded.notes,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn args(format: Option<&str>, output: Option<&str>) -> ReportArgs {
        ReportArgs {
            files: vec![PathBuf::from("a.yaml")],
            scenario: ScenarioArgs { sets: Vec::new() },
            format: format.map(String::from),
            output: output.map(PathBuf::from),
        }
    }

    #[test]
    fn the_html_page_goes_to_a_terminal_only_when_asked_for() {
        let page = |a: &ReportArgs, tty| check_terminal(a, pick(a).unwrap(), tty).is_ok();
        assert!(!page(&args(None, None), true));
        assert!(!page(&args(None, Some("-")), true));
        assert!(page(&args(None, None), false));
        assert!(page(&args(Some("html"), None), true));
        assert!(page(&args(Some("md"), None), true));
        assert!(page(&args(None, Some("r.html")), true));
    }

    #[test]
    fn an_unknown_extension_is_refused() {
        let failure = pick(&args(None, Some("report.xls"))).unwrap_err();
        assert_eq!(failure.code, 2);
        assert!(
            failure.message.contains("report.xls"),
            "{}",
            failure.message
        );
        assert_eq!(pick(&args(None, Some("report"))).unwrap(), Format::Html);
    }
}
