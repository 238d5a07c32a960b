//! Sweep speed: 1 001 variants of the NATO scenario (bilateral credit 0..1 in steps of
//! 0.1 × budget total 60 000..150 000 in steps of 1 000), read once, solved on two
//! threads and written as CSV to memory; and one variant alone for the cost per variant.

use std::path::PathBuf;

use burden::report::sweep::SweepHead;
use burden::report::Format;
use burden::scenario::Document;
use burden::sweep::{Axis, Grid, Sweep, DEFAULT_CAP};

fn main() {
    divan::main();
}

fn nato() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios/nato-100bn.yaml")
}

fn grid() -> Grid {
    let axes = ["bilateral_credit=0:1:0.1", "budget.total=60000:150000:1000"]
        .iter()
        .map(|t| Axis::parse(t, DEFAULT_CAP).expect("valid axis"))
        .collect();
    Grid::new(axes, DEFAULT_CAP).expect("valid grid")
}

/// Reads the scenario, runs the whole grid and returns the bytes of the CSV output.
fn sweep(jobs: usize) -> usize {
    let doc = Document::read(&nato()).expect("the NATO scenario loads");
    let grid = grid();
    let head = SweepHead {
        parameters: grid.paths(),
        variants: grid.len(),
        ..SweepHead::default()
    };
    let sweep = Sweep::new(doc, Vec::new(), grid, false).expect("valid paths");
    let mut exporter = Format::Csv
        .sweep_exporter(head)
        .expect("csv exports sweeps");
    let mut out = exporter.begin();
    let counts = sweep
        .run(jobs, &|| {}, &mut |row| {
            out.extend(exporter.row(row));
            Ok(())
        })
        .expect("the sweep runs");
    assert_eq!(counts.ok, 1001);
    out.len()
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn nato_1001_variants_2_threads() -> usize {
    sweep(2)
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn nato_1001_variants_1_thread() -> usize {
    sweep(1)
}

#[divan::bench(sample_count = 50)]
fn one_variant(bencher: divan::Bencher) {
    let doc = Document::read(&nato()).expect("the NATO scenario loads");
    let sweep = Sweep::new(doc, Vec::new(), grid(), false).expect("valid paths");
    bencher.bench(|| sweep.variant(divan::black_box(500)));
}
