//! Controlled rounding alone (phase 3) on proportional schedules of many allies: 1 000 ×
//! 5, 10 000 × 5 and 3 000 × 20 cells with six decimals, as the optimiser hands them on.
//! Run with `cargo bench --bench rounding`.

use burden::rounding::{round_plan, HardBounds};
use burden::Money;
use rust_decimal::Decimal;

fn main() {
    divan::main();
}

/// A small deterministic generator (no randomness in benchmarks).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

/// A proportional schedule: each year's budget (100 per ally, rising by year) shared by
/// weights, to six decimals, every year summing exactly to its budget.
fn schedule(allies: usize, years: usize) -> (Vec<Vec<Money>>, Vec<Money>) {
    let mut rng = Lcg(allies as u64 * 31 + years as u64);
    let weights: Vec<i64> = (0..allies).map(|_| 10 + rng.next(3000) as i64).collect();
    let sum: i64 = weights.iter().sum();
    let annual: Vec<Money> = (0..years)
        .map(|y| Money(Decimal::from(100 * allies as i64 + 7 * y as i64)))
        .collect();
    let mut cells = vec![vec![Money::ZERO; years]; allies];
    for (y, budget) in annual.iter().enumerate() {
        let mut left = *budget;
        for (a, w) in weights.iter().enumerate().skip(1) {
            let v = (budget.0 * Decimal::from(*w) / Decimal::from(sum)).round_dp(6);
            cells[a][y] = Money(v);
            left -= Money(v);
        }
        cells[0][y] = left;
    }
    (cells, annual)
}

fn bench(bencher: divan::Bencher, allies: usize, years: usize) {
    let (cells, annual) = schedule(allies, years);
    let unit = Money(Decimal::ONE);
    let bounds = HardBounds::default();
    bencher
        .bench(|| round_plan(divan::black_box(&cells), &annual, unit, &bounds).expect("roundable"));
}

#[divan::bench(sample_count = 20)]
fn allies_1000_years_5(bencher: divan::Bencher) {
    bench(bencher, 1000, 5);
}

#[divan::bench(sample_count = 10)]
fn allies_10000_years_5(bencher: divan::Bencher) {
    bench(bencher, 10_000, 5);
}

#[divan::bench(sample_count = 10)]
fn allies_3000_years_20(bencher: divan::Bencher) {
    bench(bencher, 3000, 20);
}
