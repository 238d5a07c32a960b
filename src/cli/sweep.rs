//! `burden sweep FILE --vary PATH=VALUES…`: the grid of variants of one scenario, solved
//! in parallel with a progress bar on a terminal. CSV and JSON are written row by row in
//! grid order as the variants finish; the other formats collect the rows into one
//! document.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressState, ProgressStyle};

use super::output::{pick_format, stream_output};
use super::solve::{overrides, style_for, write_checked};
use super::{Failure, OutputArgs, ScenarioArgs};
use crate::report::build;
use crate::report::sweep::{counts_line, SweepHead};
use crate::scenario::{Loaded, Override};
use crate::sweep::{Axis, Counts, Grid, Shard, Sweep, SweepFile, DEFAULT_CAP};

#[derive(Debug, clap::Args)]
#[command(mut_arg("format", |a| a.help("Output format: table, csv, json, md, tex, html or xlsx (default: from the -o extension, else table); csv and json are written row by row as the variants finish")))]
pub(super) struct SweepArgs {
    /// The scenario file (YAML); may be left out when the --sweep file names one.
    pub file: Option<PathBuf>,
    /// A field and its values, PATH=v1,v2,… or PATH=start:stop:step (exact decimals).
    /// Repeatable: the grid is every combination, the first --vary varying slowest.
    #[arg(long = "vary", value_name = "PATH=VALUES")]
    pub varies: Vec<String>,
    /// Read the scenario, fixed values and the grid from a sweep file (YAML); --vary and
    /// --set on the command line come after the file's.
    #[arg(long = "sweep", value_name = "FILE.yaml")]
    pub sweep: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// One row per variant and ally (total, share, burden index) instead of per variant.
    #[arg(long)]
    pub long: bool,
    /// Solve only the I-th of N interleaved slices of the grid (variants I, I+N, I+2N, …,
    /// numbered as in the whole grid), e.g. one task of a batch job array. CSV shards
    /// merge into the whole sweep's CSV: the header once, then the rows sorted by index.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<Shard>,
    /// Refuse grids of more variants than this.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_CAP)]
    pub max_variants: usize,
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// The scenario file, fixed overrides and grid, from the sweep file and the command line.
fn settings(args: &SweepArgs) -> Result<(PathBuf, Vec<Override>, Grid), Failure> {
    let cap = args.max_variants;
    let file = match &args.sweep {
        Some(path) => SweepFile::read(path, cap).map_err(|e| Failure::input(e.to_string()))?,
        None => SweepFile::default(),
    };
    let scenario = args.file.clone().or(file.scenario).ok_or_else(|| {
        Failure::input(
            "error: no scenario to sweep\n  hint: name a scenario file, or write `scenario:` in the --sweep file",
        )
    })?;
    let mut axes = file.axes;
    for text in &args.varies {
        axes.push(
            Axis::parse(text, cap).map_err(|e| Failure::input(format!("error: --vary {e}")))?,
        );
    }
    let grid = Grid::new(axes, cap).map_err(|e| Failure::input(format!("error: {e}")))?;
    let mut fixed = file.sets;
    fixed.extend(overrides(&args.scenario.sets)?);
    Ok((scenario, fixed, grid))
}

fn head(file: &Path, base: &Loaded, grid: &Grid, long: bool) -> SweepHead {
    let s = &base.scenario;
    SweepHead {
        title: s.title.clone(),
        file: file.display().to_string(),
        currency: s.currency.clone(),
        unit: s.unit.clone(),
        parameters: grid.paths(),
        values: grid.axes.iter().map(|a| a.values.clone()).collect(),
        variants: grid.len(),
        long,
        fund: s.credit_effect == crate::scenario::CreditEffect::ReducesFund
            || grid.paths().iter().any(|p| p == "credit_effect"),
    }
}

/// A progress bar on stderr when it is a terminal; hidden otherwise.
fn progress_bar(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() || super::globals::quiet() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    let style = ProgressStyle::with_template(
        "{elapsed_precise} {bar:40} {pos}/{len} variants, {rate}, eta {eta}",
    )
    .map(|s| {
        s.with_key(
            "rate",
            |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = w.write_str(&rate(state.per_sec()));
            },
        )
    })
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

/// A rate for people: "1234 variants/s", "12.5 variants/s", or seconds per variant.
fn rate(per_sec: f64) -> String {
    if !per_sec.is_finite() || per_sec <= 0.0 {
        "starting".to_string()
    } else if per_sec >= 100.0 {
        format!("{per_sec:.0} variants/s")
    } else if per_sec >= 1.0 {
        format!("{per_sec:.1} variants/s")
    } else {
        format!("{:.1} s/variant", 1.0 / per_sec)
    }
}

pub(super) fn run(args: SweepArgs) -> Result<(), Failure> {
    let format = pick_format(args.output.format.as_deref(), args.output.output.as_deref())?;
    let (file, fixed, grid) = settings(&args)?;
    let doc = super::input::document(&file)?;
    // The heading facts come from the scenario with its fixed values, or else with the
    // first variant's (a base may leave a varied field for the sweep to fill in).
    let first: Vec<Override> = fixed.iter().cloned().chain(grid.overrides(0)).collect();
    let base = doc
        .resolve(&fixed)
        .or_else(|e| doc.resolve(&first).map_err(|_| e))
        .map_err(|e| Failure::input(e.to_string()))?;
    for w in &base.warnings {
        super::globals::note(w);
    }
    super::solve::refuse_pledge(&file, &base, "sweep")?;
    let mut head = head(&file, &base, &grid, args.long);
    let shard = args.shard.unwrap_or(Shard::WHOLE);
    let sweep = Sweep::new(doc, fixed, grid, args.long)
        .map_err(|e| Failure::input(e.to_string()))?
        .with_shard(shard);
    head.variants = sweep.len();
    if sweep.is_empty() && shard != Shard::WHOLE {
        let all = sweep.grid().len();
        eprintln!("note: shard {shard} holds no variant (the grid has {all})");
    }
    let jobs = args.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, usize::from),
        usize::from,
    );
    let bar = progress_bar(sweep.len());
    let output = args.output.output.as_deref();
    let Some(mut exporter) = format.sweep_exporter(head.clone()) else {
        // The formats read by people: the rows collected, then one document.
        let mut rows = Vec::with_capacity(sweep.len());
        let counts = sweep.run(jobs, &|| bar.inc(1), &mut |row| {
            rows.push(row.clone());
            Ok(())
        });
        bar.finish_and_clear();
        let counts = counts.map_err(|e| Failure::input(format!("error: {e}")))?;
        let doc = build::sweep::document(&head, &rows, &counts);
        let bytes = format
            .render_document(&doc, style_for(output))
            .map_err(|e| Failure::input(format!("error: {e}")))?;
        write_checked(format, output, &bytes)?;
        return finish(counts);
    };
    let counts = stream_output(output, |w: &mut dyn Write| {
        let fail =
            |e: std::io::Error| Failure::input(format!("error: cannot write the output: {e}"));
        w.write_all(&exporter.begin()).map_err(fail)?;
        let counts = sweep
            .run(jobs, &|| bar.inc(1), &mut |row| {
                w.write_all(&exporter.row(row))
            })
            .map_err(|e| Failure::input(format!("error: {e}")))?;
        w.write_all(&exporter.end(&counts)).map_err(fail)?;
        Ok(counts)
    });
    bar.finish_and_clear();
    finish(counts?)
}

/// Notes variants without a plan on stderr; a failed planner is exit code 1.
fn finish(counts: Counts) -> Result<(), Failure> {
    if counts.ok < counts.variants {
        super::globals::note(format!("note: {}", counts_line(&counts)));
    }
    if counts.failed > 0 {
        return Err(Failure::infeasible(
            "error: the planner failed on some variants (see their rows)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::rate;

    #[test]
    fn rates_read_as_words() {
        assert_eq!(rate(0.0), "starting");
        assert_eq!(rate(1234.56), "1235 variants/s");
        assert_eq!(rate(12.34), "12.3 variants/s");
        assert_eq!(rate(0.25), "4.0 s/variant");
    }
}
