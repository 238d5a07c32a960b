//! `burden compare A.yaml B.yaml …`: scenarios side by side. `--set` and `--label` after
//! a file apply to that file; before the first file, to every file. The same file may
//! come several times with different `--set`s, as variants.

use std::path::PathBuf;

use clap::ArgMatches;

use super::output::pick_format;
use super::solve::{load_scenario, style_for, write_checked};
use super::{Failure, OutputArgs};
use crate::compare::{Comparison, Input};
use crate::plan::Plan;
use crate::report::{build, Format};

#[derive(Debug, clap::Args)]
pub(super) struct CompareArgs {
    /// Scenario files (YAML); the first is the reference for the deltas.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Override a field of the file before it (of every file when given before the
    /// first), e.g. --set bilateral_credit=1.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
    /// Name of the file before it in the output (default: the file's name and its --set).
    #[arg(long = "label", value_name = "NAME")]
    pub labels: Vec<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// One scenario of the comparison as the command line gives it.
#[derive(Debug, Default)]
struct Spec {
    file: PathBuf,
    /// The `--set`s given before the first file, for every file.
    common: Vec<String>,
    /// The file's own `--set`s.
    sets: Vec<String>,
    label: Option<String>,
}

impl Spec {
    fn all_sets(&self) -> Vec<String> {
        self.common.iter().chain(&self.sets).cloned().collect()
    }
}

/// Groups `--set` and `--label` with the file they follow, by position on the line.
fn specs(args: &CompareArgs, matches: Option<&ArgMatches>) -> Result<Vec<Spec>, Failure> {
    let at = |id: &str, count: usize| -> Vec<usize> {
        matches
            .and_then(|m| m.indices_of(id))
            .map_or_else(|| vec![0; count], Iterator::collect)
    };
    let file_at = at("files", args.files.len());
    let owner = |index: usize| file_at.iter().rposition(|&f| f < index);
    let mut specs: Vec<Spec> = args
        .files
        .iter()
        .map(|f| Spec {
            file: f.clone(),
            ..Spec::default()
        })
        .collect();
    let mut common = Vec::new();
    for (set, index) in args.sets.iter().zip(at("sets", args.sets.len())) {
        match owner(index) {
            Some(k) => specs[k].sets.push(set.clone()),
            None => common.push(set.clone()),
        }
    }
    for (label, index) in args.labels.iter().zip(at("labels", args.labels.len())) {
        let Some(k) = owner(index) else {
            return Err(Failure::input(format!(
                "error: --label {label} comes before any file\n  hint: write it after the file it names"
            )));
        };
        if specs[k].label.replace(label.clone()).is_some() {
            return Err(Failure::input(format!(
                "error: {} has two labels",
                specs[k].file.display()
            )));
        }
    }
    for spec in &mut specs {
        spec.common.clone_from(&common);
    }
    Ok(specs)
}

/// The label of a scenario: given, or the file's stem with its own `--set`s.
fn label(spec: &Spec) -> String {
    if let Some(label) = &spec.label {
        return label.clone();
    }
    let stem = spec.file.file_stem().map_or_else(
        || spec.file.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    if spec.sets.is_empty() {
        stem
    } else {
        format!("{stem} [{}]", spec.sets.join(", "))
    }
}

/// Makes labels unique by numbering repeats.
fn unique(labels: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(labels.len());
    for label in labels {
        let mut candidate = label.clone();
        let mut n = 2;
        while out.contains(&candidate) {
            candidate = format!("{label} ({n})");
            n += 1;
        }
        out.push(candidate);
    }
    out
}

pub(super) fn run(args: CompareArgs, matches: Option<&ArgMatches>) -> Result<(), Failure> {
    let format = pick_format(args.output.format.as_deref(), args.output.output.as_deref())?;
    let specs = specs(&args, matches)?;
    let labels = unique(specs.iter().map(label).collect());
    let mut inputs = Vec::with_capacity(specs.len());
    for (spec, label) in specs.iter().zip(labels) {
        let loaded = load_scenario(&spec.file, &spec.all_sets())?;
        super::solve::refuse_pledge(&spec.file, &loaded, "compare")?;
        let file = spec.file.display().to_string();
        inputs.push(Input::plan(label, file, &loaded.scenario));
    }
    let output = args.output.output.as_deref();
    let cmp = Comparison::new(&inputs);
    let bytes = if format == Format::Json {
        // The serde contract of DESIGN.md, not a document.
        crate::report::compare::json(&cmp)
    } else {
        let doc = if format == Format::Csv {
            build::compare::data(&cmp)
        } else {
            let plans: Vec<(&str, &Plan)> = inputs
                .iter()
                .filter_map(|i| Some((i.label.as_str(), i.outcome.plan()?)))
                .collect();
            build::compare::document(&cmp, &plans)
        };
        format
            .render_document(&doc, style_for(output))
            .map_err(|e| Failure::input(format!("error: {e}")))?
    };
    write_checked(format, output, &bytes)?;
    finish(&cmp)
}

/// Notes scenarios without a plan on stderr; a failed planner is exit code 1.
fn finish(cmp: &Comparison) -> Result<(), Failure> {
    let without: Vec<&str> = cmp
        .scenarios
        .iter()
        .filter(|c| c.summary.is_none())
        .map(|c| c.label.as_str())
        .collect();
    if !without.is_empty() {
        super::globals::note(format!(
            "note: no plan for {} of {} scenarios: {}",
            without.len(),
            cmp.scenarios.len(),
            without.join(", ")
        ));
    }
    if cmp.any_failed() {
        return Err(Failure::infeasible(
            "error: the planner failed on a scenario (see its diagnosis above)",
        ));
    }
    Ok(())
}
