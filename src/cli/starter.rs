//! `burden init` (a commented starter scenario, around an allies table when given) and
//! `burden actuals-template` (an actuals file listing every ally with 0).

use std::path::{Component, Path, PathBuf};

use super::globals::note;
use super::input::{self, is_stdin};
use super::output::write_output;
use super::solve::overrides;
use super::{Failure, ScenarioArgs};
use crate::scenario::load_str;
use crate::starter::{actuals_template, scenario_starter, ActualsFormat, TableRef};

#[derive(Debug, clap::Args)]
pub(super) struct InitArgs {
    /// An allies table (CSV or Excel) to build the scenario around.
    #[arg(long, value_name = "TABLE")]
    pub from: Option<PathBuf>,
    /// The sheet of an Excel table (default: the first).
    #[arg(long, requires = "from")]
    pub sheet: Option<String>,
    /// Write the scenario to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite the output file when it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub(super) struct ActualsTemplateArgs {
    /// The scenario file ("-" for standard input).
    pub file: PathBuf,
    /// The years to list, e.g. --years 2025 or --years 2025,2026.
    #[arg(long, required = true, value_delimiter = ',', value_name = "YEARS")]
    pub years: Vec<i32>,
    /// Write to this file (CSV when it ends in .csv) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite the output file when it exists.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub scenario: ScenarioArgs,
}

/// The output file, refused when it exists and --force is not given.
fn target(output: Option<&Path>, force: bool) -> Result<Option<&Path>, Failure> {
    let output = output.filter(|p| p.as_os_str() != "-");
    if let Some(path) = output {
        if path.exists() && !force {
            return Err(Failure::input(format!(
                "error: {} exists\n  hint: pass --force to overwrite it",
                path.display()
            )));
        }
    }
    Ok(output)
}

pub(super) fn init(args: InitArgs) -> Result<(), Failure> {
    let output = target(args.output.as_deref(), args.force)?;
    let written = match (&args.from, output) {
        (Some(table), Some(out)) => Some(relative(table, out.parent().unwrap_or(Path::new("")))),
        (Some(table), None) => Some(table.display().to_string()),
        (None, _) => None,
    };
    let table = args
        .from
        .as_deref()
        .zip(written.as_deref())
        .map(|(path, written)| TableRef {
            written,
            path,
            sheet: args.sheet.as_deref(),
        });
    let text =
        scenario_starter(table.as_ref()).map_err(|e| Failure::input(format!("error: {e}")))?;
    // The starter must validate where it is written (paths in it are relative to it).
    let name = output.map_or_else(|| "starter.yaml".to_string(), |p| p.display().to_string());
    if let Err(invalid) = load_str(&text, &name, &[]) {
        return Err(Failure::input(format!(
            "{invalid}\nerror: the starter scenario around this table does not validate"
        )));
    }
    write_output(output, text.as_bytes())?;
    if let Some(path) = output {
        note(format!(
            "wrote {}; next: burden validate {0}",
            path.display()
        ));
    }
    Ok(())
}

pub(super) fn actuals(args: ActualsTemplateArgs) -> Result<(), Failure> {
    let output = target(args.output.as_deref(), args.force)?;
    let loaded = input::load(&args.file, &overrides(&args.scenario.sets)?)?
        .map_err(|e| Failure::input(e.to_string()))?;
    for w in &loaded.warnings {
        note(w);
    }
    let scenario = &loaded.scenario;
    for year in &args.years {
        if !scenario.years.contains(year) {
            let list: Vec<String> = scenario.years.iter().map(i32::to_string).collect();
            return Err(Failure::input(format!(
                "error: --years {year}: not a year of the scenario ({})",
                list.join(", ")
            )));
        }
    }
    let mut years = args.years.clone();
    years.sort_unstable();
    years.dedup();
    let csv = output
        .and_then(Path::extension)
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let format = if csv {
        ActualsFormat::Csv
    } else {
        ActualsFormat::Yaml
    };
    let text = actuals_template(scenario, &years, format);
    write_output(output, text.as_bytes())?;
    if output.is_some() && is_stdin(&args.file) {
        note("note: the template names the scenario as read from standard input");
    }
    Ok(())
}

/// `path` as written relative to the folder `dir` (both made absolute first), or as
/// given when they cannot be.
fn relative(path: &Path, dir: &Path) -> String {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let (Ok(to), Ok(from)) = (path.canonicalize(), dir.canonicalize()) else {
        return path.display().to_string();
    };
    let to: Vec<Component> = to.components().collect();
    let from: Vec<Component> = from.components().collect();
    let common = to.iter().zip(&from).take_while(|(a, b)| a == b).count();
    let mut rel = PathBuf::new();
    for _ in common..from.len() {
        rel.push("..");
    }
    for part in &to[common..] {
        rel.push(part);
    }
    rel.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::relative;

    #[test]
    fn tables_are_named_relative_to_the_scenario() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let data = dir.path().join("data");
        let out = dir.path().join("out");
        std::fs::create_dir_all(&data).expect("folder");
        std::fs::create_dir_all(&out).expect("folder");
        let table = data.join("t.csv");
        std::fs::write(&table, "id\n").expect("table");
        assert_eq!(relative(&table, dir.path()), "data/t.csv");
        assert_eq!(relative(&table, &out), "../data/t.csv");
        assert_eq!(relative(&table, &data), "t.csv");
    }
}
