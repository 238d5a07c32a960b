//! The earlier smoothing repair, kept for tests only: the same exchanges, found by
//! scanning every ally as a partner. [`Repair::run`] must end in the same plan.

use rust_decimal::Decimal;

use super::Repair;
use crate::money::Money;

pub(super) fn run(repair: &Repair, cells: &mut [Vec<Money>]) {
    for _ in 0..8 {
        let mut changed = false;
        for a in 0..cells.len() {
            while repair.excess(&cells[a]) > Decimal::ZERO && improve(repair, cells, a) {
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

fn improve(repair: &Repair, cells: &mut [Vec<Money>], a: usize) -> bool {
    let m = cells[a].len();
    for (y, step) in repair.narrowing_moves(&cells[a]) {
        if !repair.cell_ok(a, y, cells[a][y], cells[a][y] + step) {
            continue;
        }
        for b in (0..cells.len()).filter(|&b| b != a) {
            if !repair.cell_ok(b, y, cells[b][y], cells[b][y] - step) {
                continue;
            }
            let swap = [(a, y, step), (b, y, -step)];
            let row = |r: &[Money]| (r.iter().sum(), repair.bound(r));
            let rows = [row(&cells[a]), row(&cells[b])];
            let single = repair.change(&cells[a], rows[0].1, &[(y, step)]);
            if repair.try_moves(cells, rows, &swap, single) {
                return true;
            }
            let totals_kept = repair.total_ok(a, cells[a].iter().sum::<Money>() + step)
                && repair.total_ok(b, cells[b].iter().sum::<Money>() - step);
            if totals_kept {
                continue;
            }
            for y2 in (0..m).filter(|&y2| y2 != y) {
                let cycle = [swap[0], swap[1], (a, y2, -step), (b, y2, step)];
                let change = repair.change(&cells[a], rows[0].1, &[(y, step), (y2, -step)]);
                if repair.try_moves(cells, rows, &cycle, change) {
                    return true;
                }
            }
        }
    }
    false
}
