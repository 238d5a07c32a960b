//! `burden explain FILE`: why each ally pays what it pays, how its total moves with the
//! main parameters, where it tips, and the assumptions table.

use std::path::{Path, PathBuf};

use super::solve::{file_name, overrides, plan_failure, style_for, write_checked};
use super::{Failure, OutputArgs, ScenarioArgs};
use crate::explain::{explain, ExplainError, Options};
use crate::report::{build, Format};
use crate::scenario::{Override, Scenario};

#[derive(Debug, clap::Args)]
pub(super) struct ExplainArgs {
    /// The scenario file (YAML).
    pub file: PathBuf,
    /// Explain this ally (repeatable); every ally when none is named.
    #[arg(long = "ally", value_name = "ID")]
    pub allies: Vec<String>,
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub(super) fn run(args: ExplainArgs) -> Result<(), Failure> {
    let format =
        super::output::pick_format(args.output.format.as_deref(), args.output.output.as_deref())?;
    let sets = overrides(&args.scenario.sets)?;
    let loaded =
        super::input::load(&args.file, &sets)?.map_err(|e| Failure::input(e.to_string()))?;
    for w in &loaded.warnings {
        super::globals::note(w);
    }
    let options = Options {
        allies: args.allies.clone(),
        follows_credit: follows_credit(&args.file, &sets, &loaded.scenario),
    };
    let explanation = explain(&loaded.scenario, &options).map_err(|e| match e {
        ExplainError::Plan(e) => plan_failure(&args.file, e),
        e @ ExplainError::UnknownAlly { .. } => Failure::input(format!("error: --ally: {e}")),
    })?;
    let output = args.output.output.as_deref();
    let bytes = match format {
        // The documented JSON contract, not a document.
        Format::Json => crate::report::explain::json(&explanation),
        _ => {
            let doc = if format == Format::Csv {
                build::explain::data(&explanation)
            } else {
                build::explain::document(&explanation, &file_name(&args.file))
            };
            format
                .render_document(&doc, style_for(output))
                .map_err(|e| Failure::input(format!("error: {e}")))?
        }
    };
    write_checked(format, output, &bytes)
}

/// Which allies take the scenario's `bilateral_credit` rather than a rate of their own:
/// those whose rate follows when the scenario's rate is set to another value.
fn follows_credit(file: &Path, sets: &[Override], scenario: &Scenario) -> Option<Vec<bool>> {
    let probe = if scenario.bilateral_credit == rust_decimal::Decimal::new(25, 2) {
        "0.75"
    } else {
        "0.25"
    };
    let mut with_probe = sets.to_vec();
    with_probe.push(Override {
        path: "bilateral_credit".into(),
        value: probe.into(),
        option: "--set",
    });
    let other = super::input::load(file, &with_probe).ok()?.ok()?.scenario;
    let probe_rate = other.bilateral_credit;
    Some(
        scenario
            .allies
            .iter()
            .zip(&other.allies)
            .map(|(a, b)| a.credit == scenario.bilateral_credit && b.credit == probe_rate)
            .collect(),
    )
}
