//! `burden validate FILE…`: every problem of every file at once.

use std::path::PathBuf;

use super::Failure;
use crate::scenario::load;

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Scenario files to check.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

pub fn run(args: ValidateArgs) -> Result<(), Failure> {
    let mut failed = 0;
    for file in &args.files {
        match load(file, &[]) {
            Ok(loaded) => {
                for w in &loaded.warnings {
                    eprintln!("{w}");
                }
                eprintln!(
                    "{}: ok ({} allies, {} years)",
                    file.display(),
                    loaded.scenario.allies.len(),
                    loaded.scenario.years.len()
                );
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
