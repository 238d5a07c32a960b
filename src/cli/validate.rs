//! `burden validate FILE…`: every problem of every file at once.

use std::path::PathBuf;

use super::globals::note;
use super::solve::overrides;
use super::{Failure, ScenarioArgs};

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Scenario files to check ("-" for standard input).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub scenario: ScenarioArgs,
}

pub fn run(args: ValidateArgs) -> Result<(), Failure> {
    let sets = overrides(&args.scenario.sets)?;
    let mut failed = 0;
    for file in &args.files {
        match super::input::load(file, &sets)? {
            Ok(loaded) => {
                for w in &loaded.warnings {
                    note(w);
                }
                note(format!(
                    "{}: ok ({} allies, {} years)",
                    file.display(),
                    loaded.scenario.allies.len(),
                    loaded.scenario.years.len()
                ));
            }
            Err(invalid) => {
                failed += 1;
                eprintln!("{invalid}");
            }
        }
    }
    if failed > 0 {
        let s = if failed == 1 { "" } else { "s" };
        return Err(Failure::input(format!(
            "{failed} scenario{s} with problems"
        )));
    }
    Ok(())
}
