//! Command line: clap types, turned into settings in one step; nothing below `cli/` sees
//! clap. Exit codes: 0 success, 1 infeasible or verification failure, 2 bad input or usage.

mod compare;
mod examples;
mod explain;
mod globals;
mod input;
mod meta;
mod output;
mod replan;
mod report;
mod solve;
mod starter;
mod sweep;
mod temp;
mod track;
mod validate;

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser, Subcommand};

/// The exit code and message of a failed command.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn input(message: impl Into<String>) -> Self {
        Failure {
            code: 2,
            message: message.into(),
        }
    }

    pub fn infeasible(message: impl Into<String>) -> Self {
        Failure {
            code: 1,
            message: message.into(),
        }
    }
}

#[derive(Debug, Parser)]
#[command(
    name = "burden",
    version,
    about = "Fair, exact, verified multi-year contribution plans for a common fund"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print no warnings, notes or progress on stderr (errors still are).
    #[arg(long, short = 'q', global = true)]
    quiet: bool,
    /// When to colour the output (auto: on a terminal, unless NO_COLOR is set).
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t)]
    color: globals::ColorWhen,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Solve a scenario into a per-year, per-ally plan.
    #[command(after_help = examples::SOLVE)]
    Solve(solve::SolveArgs),
    /// Check scenarios and report every problem at once.
    #[command(after_help = examples::VALIDATE)]
    Validate(validate::ValidateArgs),
    /// Compare what allies delivered with the plan, year by year.
    #[command(after_help = examples::TRACK)]
    Track(track::TrackArgs),
    /// Plan the remaining years again after what was delivered.
    #[command(after_help = examples::REPLAN)]
    Replan(replan::ReplanArgs),
    /// Compare scenarios side by side: each ally's figures, deltas and a summary.
    #[command(after_help = examples::COMPARE)]
    Compare(compare::CompareArgs),
    /// Solve a grid of variants of one scenario in parallel: one row per variant.
    #[command(after_help = examples::SWEEP)]
    Sweep(sweep::SweepArgs),
    /// A self-contained HTML report (or an Excel workbook) of one or more scenarios.
    #[command(after_help = examples::REPORT)]
    Report(report::ReportArgs),
    /// Write a commented starter scenario (around an allies table with --from).
    #[command(after_help = examples::INIT)]
    Init(starter::InitArgs),
    /// Write an actuals file listing every ally of a scenario with 0, to fill in.
    #[command(after_help = examples::ACTUALS_TEMPLATE)]
    ActualsTemplate(starter::ActualsTemplateArgs),
    /// Print the JSON Schema of the scenario format, for editors.
    #[command(after_help = examples::SCHEMA)]
    Schema(meta::SchemaArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell).
    #[command(after_help = examples::COMPLETIONS)]
    Completions(meta::CompletionsArgs),
    /// Print the manual page (roff).
    #[command(after_help = examples::MAN)]
    Man(meta::ManArgs),
    /// Why each ally pays what it pays: reasons, sensitivities, tipping points.
    #[command(after_help = examples::EXPLAIN)]
    Explain(explain::ExplainArgs),
}

/// Common options of commands that read a scenario.
#[derive(Debug, clap::Args)]
pub struct ScenarioArgs {
    /// Override a field, e.g. --set bilateral_credit=1 or --set allies.USA.max=20000.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
}

/// Output options shared by commands that write results.
#[derive(Debug, clap::Args)]
pub struct OutputArgs {
    /// Output format: table, csv, json, md, tex, xlsx or html (default: from the -o extension, else table).
    #[arg(long, short = 'f')]
    pub format: Option<String>,
    /// Write to this file instead of standard output ("-" for standard output).
    #[arg(long, short = 'o', value_name = "OUT")]
    pub output: Option<PathBuf>,
}

/// Runs the command line and returns the process exit code.
pub fn run<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let (cli, matches) = match parse(args) {
        Ok(parsed) => parsed,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    globals::set_globals(cli.quiet, cli.color);
    let result = match cli.command {
        Command::Solve(args) => solve::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Track(args) => track::run(args),
        Command::Replan(args) => replan::run(args),
        Command::Compare(args) => compare::run(args, matches.subcommand_matches("compare")),
        Command::Sweep(args) => sweep::run(args),
        Command::Report(args) => report::run(args),
        Command::Init(args) => starter::init(args),
        Command::ActualsTemplate(args) => starter::actuals(args),
        Command::Schema(args) => meta::schema(args),
        Command::Completions(args) => meta::completions(args),
        Command::Man(args) => meta::man(args),
        Command::Explain(args) => explain::run(args),
    };
    match result {
        Ok(()) => 0,
        Err(failure) => {
            eprintln!("{}", failure.message);
            failure.code
        }
    }
}

/// Parses the command line, keeping the matches for commands that read option positions.
fn parse<I, T>(args: I) -> Result<(Cli, ArgMatches), clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let matches = Cli::command().try_get_matches_from(args)?;
    let cli = Cli::from_arg_matches(&matches)?;
    Ok((cli, matches))
}

pub use globals::color_stdout;
