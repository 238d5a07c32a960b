//! The smoothing repair: a hand-worked exchange, the local change against the whole
//! row's, and the indexed repair against the scan over every ally.

use super::*;
use proptest::prelude::*;
use std::str::FromStr;

fn m(s: &str) -> Money {
    Money(Decimal::from_str(s).unwrap())
}

#[test]
fn an_exchange_restores_smoothing() {
    // A: real 10.4, 10.6 (bound 0.1 × 21 / 2 = 1.05): rounded 10, 11 is fine; 10, 12
    // would not be. B takes the other side.
    let real = vec![vec![m("10.4"), m("11.6")], vec![m("9.6"), m("8.4")]];
    let mut cells = vec![vec![m("10"), m("12")], vec![m("10"), m("8")]];
    let bounds = HardBounds::default();
    let fixed = vec![vec![None, None], vec![None, None]];
    let repair = Repair::new(&real, &fixed, m("1"), m("0.1").0, &bounds);
    assert!(repair.excess(&cells[0]) > Decimal::ZERO);
    repair.run(&mut cells);
    assert_eq!(repair.excess(&cells[0]), Decimal::ZERO);
    assert_eq!(cells[0][0] + cells[1][0], m("20"));
    assert_eq!(cells[0][1] + cells[1][1], m("20"));
}

fn table() -> impl Strategy<Value = (Vec<Vec<Money>>, Vec<bool>, u32)> {
    (1usize..12, 2usize..6).prop_flat_map(|(n, years)| {
        let row = prop::collection::vec(0u32..3000, years);
        (
            prop::collection::vec(row, n),
            prop::collection::vec(any::<bool>(), n),
            1u32..40,
        )
            .prop_map(|(rows, capped, delta)| {
                let mut cells: Vec<Vec<Money>> = rows
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|v| Money(Decimal::new(i64::from(*v), 2)))
                            .collect()
                    })
                    .collect();
                // Whole annual budgets: the first ally takes up each year's fraction.
                for y in 0..cells[0].len() {
                    let sum: Money = cells.iter().map(|r| r[y]).sum();
                    cells[0][y] += sum.ceil_to(m("1")) - sum;
                }
                (cells, capped, delta)
            })
    })
}

proptest! {
    /// The change of a move that keeps the total, from the changes next to the
    /// moved years alone, is the change of the whole row's excess (up to Decimal's
    /// last digit).
    #[test]
    fn a_local_change_is_the_whole_row_s(
        row in prop::collection::vec(0i64..60, 2..8),
        y in 0usize..8,
        y2 in 0usize..8,
        delta in 1u32..60,
    ) {
        let n = row.len();
        let (y, y2) = (y % n, y2 % n);
        let row: Vec<Money> = row.into_iter().map(|v| Money(Decimal::from(v))).collect();
        let real = vec![row.clone()];
        let fixed = vec![vec![None; n]];
        let bounds = HardBounds::default();
        let repair = Repair::new(&real, &fixed, m("1"), Decimal::new(i64::from(delta), 2), &bounds);
        let moves = [(y, m("1")), (y2, m("-1"))];
        let mut after = row.clone();
        for (year, step) in moves {
            after[year] += step;
        }
        let whole = repair.excess(&after) - repair.excess(&row);
        let local = repair.change(&row, repair.bound(&row), &moves);
        // The same up to the last of Decimal's 28 digits, where summing the whole
        // row rounds and the local sum rounds less.
        prop_assert!((local - whole).abs() < Decimal::new(1, 20), "{} vs {}", local, whole);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Tight smoothing on rounded plans, some cells capped at their real amount: the
    /// indexed repair ends in the very plan of the scan over every ally.
    #[test]
    fn the_same_plan_as_the_scan_over_every_ally((real, capped, delta) in table()) {
        let n = real.len();
        let years = real[0].len();
        let annual: Vec<Money> = (0..years).map(|y| real.iter().map(|r| r[y]).sum()).collect();
        let bounds = HardBounds {
            cell_min: vec![vec![Money::ZERO; years]; n],
            cell_max: (0..n)
                .map(|a| (0..years).map(|y| (capped[a] && y == 1).then(|| real[a][y])).collect())
                .collect(),
            total_min: vec![None; n],
            total_max: vec![None; n],
        };
        let Ok(rounded) = super::super::round_plan(&real, &annual, m("1"), &bounds) else {
            return Ok(());
        };
        let fixed = vec![vec![None; years]; n];
        let repair = Repair::new(&real, &fixed, m("1"), Decimal::new(i64::from(delta), 2), &bounds);
        let mut ours = rounded.clone();
        repair.run(&mut ours);
        let mut old = rounded;
        reference::run(&repair, &mut old);
        prop_assert_eq!(ours, old);
    }
}
