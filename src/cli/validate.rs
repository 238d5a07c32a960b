//! `burden validate FILE…`: every problem of every file at once.

use std::path::{Path, PathBuf};

use super::globals::note;
use super::solve::overrides;
use super::{Failure, ScenarioArgs};
use crate::scenario::read_tree;

#[derive(Debug, clap::Args)]
pub(super) struct ValidateArgs {
    /// Scenario files to check ("-" for standard input).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub scenario: ScenarioArgs,
}

pub(super) fn run(args: ValidateArgs) -> Result<(), Failure> {
    let sets = overrides(&args.scenario.sets)?;
    let mut failed = 0;
    for file in &args.files {
        if !super::input::is_stdin(file) && is_actuals(file) {
            eprintln!(
                "{}: note: an actuals file, not a scenario: it is checked against its scenario by `burden track SCENARIO --actuals {}`",
                file.display(),
                file.display()
            );
            continue;
        }
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

/// Whether a file is an actuals file (a CSV table, or YAML with `delivered:` and neither
/// `years:` nor `allies:`), which needs its scenario to be checked.
fn is_actuals(file: &Path) -> bool {
    let csv = file
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    csv || read_tree(file).is_ok_and(|tree| {
        tree.get("delivered").is_some()
            && tree.get("years").is_none()
            && tree.get("allies").is_none()
    })
}
