//! Sweeps: the grid of variants of one scenario, solved in parallel and handed on as
//! rows in grid order whatever the thread timing. The document is read once; each
//! variant only applies its overrides, validates and plans. Rows are streamed chunk by
//! chunk, so memory stays flat however large the grid.

mod file;
pub mod grid;
mod shard;

use rayon::prelude::*;
use serde::Serialize;

pub use file::SweepFile;
pub use grid::{Axis, Grid, GridError, DEFAULT_CAP};
pub use shard::{Shard, ShardError};

use crate::compare::{Figures, Outcome, Status, Summary};
use crate::planner::plan;
use crate::scenario::{Document, InvalidScenario, Override, Problem};

/// Variants solved per worker thread between two writes of rows.
const CHUNK_PER_THREAD: usize = 32;

/// An ally's figures in one variant, for the long table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AllyFigures {
    pub id: String,
    #[serde(flatten)]
    pub figures: Figures,
}

/// What one variant gave.
#[derive(Clone, Debug, PartialEq)]
pub enum RowOutcome {
    /// A plan: its summary and (for the long table) every ally's figures.
    Planned {
        summary: Summary,
        allies: Vec<AllyFigures>,
    },
    /// No plan (infeasible, invalid or failed), with the reasons in plain words.
    Unplanned {
        status: Status,
        reasons: Vec<String>,
    },
}

/// One variant of the grid: its number (from 1), its values and its outcome.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub index: usize,
    pub values: Vec<String>,
    pub outcome: RowOutcome,
}

impl Row {
    pub fn status(&self) -> Status {
        match &self.outcome {
            RowOutcome::Planned { .. } => Status::Ok,
            RowOutcome::Unplanned { status, .. } => *status,
        }
    }
}

/// How many variants ended how.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub variants: usize,
    pub ok: usize,
    pub infeasible: usize,
    pub invalid: usize,
    pub failed: usize,
}

impl Counts {
    fn add(&mut self, status: Status) {
        self.variants += 1;
        match status {
            Status::Ok => self.ok += 1,
            Status::Infeasible => self.infeasible += 1,
            Status::Invalid => self.invalid += 1,
            Status::Failed => self.failed += 1,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SweepError {
    #[error("cannot start {jobs} worker threads: {message}")]
    Threads { jobs: usize, message: String },
    #[error("cannot write the results: {0}")]
    Write(#[from] std::io::Error),
}

/// A scenario document, the overrides every variant shares, and the grid.
#[derive(Debug)]
pub struct Sweep {
    doc: Document,
    fixed: Vec<Override>,
    grid: Grid,
    long: bool,
    shard: Shard,
}

impl Sweep {
    /// Checks every override path against the document before any variant runs, so
    /// that a typo is one error, not a grid of invalid rows.
    pub fn new(
        doc: Document,
        fixed: Vec<Override>,
        grid: Grid,
        long: bool,
    ) -> Result<Sweep, InvalidScenario> {
        let first = grid.overrides(0);
        for o in fixed.iter().chain(&first) {
            doc.check_override(o)?;
        }
        Ok(Sweep {
            doc,
            fixed,
            grid,
            long,
            shard: Shard::WHOLE,
        })
    }

    /// Solves only the variants of `shard` (the whole grid by default); rows keep their
    /// numbers in the whole grid.
    pub fn with_shard(self, shard: Shard) -> Sweep {
        Sweep { shard, ..self }
    }

    pub fn grid(&self) -> &Grid {
        &self.grid
    }

    /// How many variants this sweep solves: the grid's, or its shard's.
    pub fn len(&self) -> usize {
        self.shard.len(self.grid.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Resolves and plans variant `index` (0-based).
    pub fn variant(&self, index: usize) -> Row {
        let mut overrides = self.fixed.clone();
        overrides.extend(self.grid.overrides(index));
        let values = self
            .grid
            .point(index)
            .into_iter()
            .map(String::from)
            .collect();
        let outcome = match self.doc.resolve(&overrides) {
            Err(invalid) => RowOutcome::Unplanned {
                status: Status::Invalid,
                reasons: errors(&invalid.problems),
            },
            Ok(loaded) => self.outcome(Outcome::of(plan(&loaded.scenario))),
        };
        Row {
            index: index + 1,
            values,
            outcome,
        }
    }

    fn outcome(&self, outcome: Outcome) -> RowOutcome {
        let status = outcome.status();
        match outcome {
            Outcome::Planned(plan) => RowOutcome::Planned {
                summary: Summary::of(&plan),
                allies: if self.long {
                    plan.allies
                        .iter()
                        .map(|a| AllyFigures {
                            id: a.id.clone(),
                            figures: Figures::of(&plan, a),
                        })
                        .collect()
                } else {
                    Vec::new()
                },
            },
            // One line per reason, so that a CSV row is one line (shards merge by line).
            other => RowOutcome::Unplanned {
                status,
                reasons: other
                    .diagnosis()
                    .iter()
                    .map(|r| r.lines().map(str::trim).collect::<Vec<_>>().join(" "))
                    .collect(),
            },
        }
    }

    /// Solves every variant on `jobs` threads and hands the rows to `sink` in grid
    /// order. `progress` is called once per finished variant, from any thread.
    pub fn run(
        &self,
        jobs: usize,
        progress: &(dyn Fn() + Sync),
        sink: &mut dyn FnMut(&Row) -> std::io::Result<()>,
    ) -> Result<Counts, SweepError> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build()
            .map_err(|e| SweepError::Threads {
                jobs,
                message: e.to_string(),
            })?;
        let n = self.len();
        let chunk = CHUNK_PER_THREAD * pool.current_num_threads().max(1);
        let mut counts = Counts::default();
        for start in (0..n).step_by(chunk) {
            let end = (start + chunk).min(n);
            let rows: Vec<Row> = pool.install(|| {
                (start..end)
                    .into_par_iter()
                    .map(|k| {
                        let i = self.shard.variant(k);
                        let row = self.variant(i);
                        progress();
                        row
                    })
                    .collect()
            });
            for row in &rows {
                counts.add(row.status());
                sink(row)?;
            }
        }
        Ok(counts)
    }
}

/// A variant's validation errors, one line each (the origin is the variant's own
/// values, which its row shows already).
fn errors(problems: &[Problem]) -> Vec<String> {
    problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| {
            let mut line = p.message.clone();
            if !p.path.is_empty() {
                line = format!("{}: {line}", p.path);
            }
            if let Some(hint) = &p.hint {
                line = format!("{line} (hint: {hint})");
            }
            line.replace('\n', " ")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sweep(axes: &[&str], long: bool) -> Result<Sweep, InvalidScenario> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/whatifs/base.yaml");
        let doc = Document::read(&path)?;
        let axes = axes
            .iter()
            .map(|t| Axis::parse(t, DEFAULT_CAP).expect("valid axis"))
            .collect();
        Sweep::new(
            doc,
            Vec::new(),
            Grid::new(axes, DEFAULT_CAP).expect("grid"),
            long,
        )
    }

    #[test]
    fn unknown_paths_are_refused_before_any_variant() {
        let err = sweep(&["bilateral_credt=0,1"], false).expect_err("unknown path");
        assert!(err.to_string().contains("did you mean `bilateral_credit`?"));
    }

    #[test]
    fn rows_come_back_in_grid_order_on_any_number_of_threads() {
        let s = sweep(
            &["bilateral_credit=0:1:0.1", "budget.total=2000:4000:500"],
            true,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let collect = |jobs: usize| {
            let mut rows = Vec::new();
            let counts = s
                .run(jobs, &|| {}, &mut |row| {
                    rows.push(row.clone());
                    Ok(())
                })
                .expect("runs");
            (counts, rows)
        };
        let (counts, one) = collect(1);
        assert_eq!(counts.variants, 55);
        assert_eq!(counts.ok, 55);
        let indices: Vec<usize> = one.iter().map(|r| r.index).collect();
        assert_eq!(indices, (1..=55).collect::<Vec<_>>());
        assert_eq!(one[6].values, ["0.1", "2500"]);
        assert_eq!(collect(3).1, one);
    }
}
