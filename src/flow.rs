//! The least-cost choice of which cells of an allies × years table round up: a
//! transportation problem with few columns (years) and many rows (allies), solved by
//! successive shortest paths with potentials whose searches run over the years only.
//!
//! The flow network is source → year (the year's up-moves) → ally (one unit per cell)
//! → sink (the ally's range of up-moves; the units of its minimum carry a cost of
//! −[`FLOOR`] so that they are filled first). Every path between two years passes
//! through one ally, so the residual network folds into a dense graph on the years,
//! the source and the sink whose edges are the cheapest ally for each pair of
//! endpoints, kept in heaps with lazy deletion. One augmentation costs a Dijkstra on
//! m + 2 nodes and O(m log n) heap work per ally it passes through.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Per unit of an ally's minimum: dominates any sum of cell costs, so that every ally's
/// minimum is met before any cost is weighed.
pub(crate) const FLOOR: i128 = 10i128.pow(32);

/// One ally: the cost of rounding up each year's cell (`None`: the cell cannot move)
/// and the range of its up-moves.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Row {
    pub costs: Vec<Option<i128>>,
    pub lo: i64,
    pub hi: i64,
}

/// The up-moves each year needs, and the allies.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Table {
    pub need: Vec<i64>,
    pub rows: Vec<Row>,
}

/// Which cells round up, per ally and year, at least total cost (counting −[`FLOOR`]
/// for each up-move within an ally's minimum); `None` when no choice gives every year
/// its up-moves and every ally at least its minimum and at most its maximum.
pub(crate) fn solve(table: &Table) -> Option<Vec<Vec<bool>>> {
    if table.need.iter().any(|k| *k < 0) || table.rows.iter().any(|r| r.lo > r.hi) {
        return None;
    }
    let mut state = State::new(table);
    let want: i64 = table.need.iter().sum();
    for _ in 0..want {
        if !state.augment() {
            return None;
        }
    }
    let floors_met = state.ups.iter().zip(&table.rows).all(|(u, r)| *u >= r.lo);
    floors_met.then(|| {
        (0..table.rows.len())
            .map(|a| state.up[a * state.m..(a + 1) * state.m].to_vec())
            .collect()
    })
}

/// A heap entry: cost, then ally (the first ally wins ties).
type Entry = Reverse<(i128, usize)>;

/// Where an edge of the folded graph leads, with the ally it passes through.
#[derive(Clone, Copy, Debug)]
struct Step {
    from: usize,
    ally: usize,
}

#[derive(Debug)]
struct State<'a> {
    table: &'a Table,
    m: usize,
    up: Vec<bool>,
    ups: Vec<i64>,
    left: Vec<i64>,
    /// `pair[y * m + z]`: allies whose cell in y is down and in z is up, keyed by
    /// cost(y) − cost(z): moving an up-move of that ally from year z to year y.
    pair: Vec<BinaryHeap<Entry>>,
    /// `out[y]`: allies whose cell in y is down and who may take one more up-move,
    /// keyed by cost(y) plus the sink cost.
    out: Vec<BinaryHeap<Entry>>,
    /// Node potentials: years 0..m, then the source, then the sink.
    pot: Vec<i128>,
    pushed: usize,
}

impl<'a> State<'a> {
    fn new(table: &'a Table) -> Self {
        let m = table.need.len();
        let mut state = State {
            table,
            m,
            up: vec![false; table.rows.len() * m],
            ups: vec![0; table.rows.len()],
            left: table.need.clone(),
            pair: vec![BinaryHeap::new(); m * m],
            out: vec![BinaryHeap::new(); m],
            pot: vec![0; m + 2],
            pushed: 0,
        };
        for a in 0..table.rows.len() {
            state.push_out(a);
        }
        // Every cell edge leaves a year at potential 0; the sink sits at the cheapest.
        let cheapest = state
            .out
            .iter()
            .filter_map(|h| h.peek())
            .map(|e| e.0 .0)
            .min();
        state.pot[m + 1] = cheapest.unwrap_or(0);
        state
    }

    fn cost(&self, a: usize, y: usize) -> Option<i128> {
        self.table.rows[a].costs[y]
    }

    fn is_down(&self, a: usize, y: usize) -> bool {
        self.cost(a, y).is_some() && !self.up[a * self.m + y]
    }

    /// The cost of one more up-move of ally `a` into the sink, if it may take one.
    fn sink_cost(&self, a: usize) -> Option<i128> {
        let row = &self.table.rows[a];
        if self.ups[a] < row.lo {
            Some(-FLOOR)
        } else {
            (self.ups[a] < row.hi).then_some(0)
        }
    }

    fn push_out(&mut self, a: usize) {
        let Some(sink) = self.sink_cost(a) else {
            return;
        };
        for y in 0..self.m {
            if let (true, Some(c)) = (self.is_down(a, y), self.cost(a, y)) {
                self.out[y].push(Reverse((c + sink, a)));
                self.pushed += 1;
            }
        }
    }

    /// Pushes the pair entries that a cell of ally `a` in year `y` takes part in now.
    fn push_pairs(&mut self, a: usize, y: usize) {
        let Some(cy) = self.cost(a, y) else {
            return;
        };
        let y_up = self.up[a * self.m + y];
        for z in (0..self.m).filter(|&z| z != y) {
            let Some(cz) = self.cost(a, z) else {
                continue;
            };
            let z_up = self.up[a * self.m + z];
            if !y_up && z_up {
                self.pair[y * self.m + z].push(Reverse((cy - cz, a)));
            } else if y_up && !z_up {
                self.pair[z * self.m + y].push(Reverse((cz - cy, a)));
            } else {
                continue;
            }
            self.pushed += 1;
        }
    }

    /// The cheapest live entry of a pair heap, dropping stale ones.
    fn top_pair(&mut self, y: usize, z: usize) -> Option<(i128, usize)> {
        let m = self.m;
        while let Some(&Reverse((c, a))) = self.pair[y * m + z].peek() {
            if self.is_down(a, y) && self.up[a * m + z] {
                return Some((c, a));
            }
            self.pair[y * m + z].pop();
        }
        None
    }

    /// The cheapest live entry of a sink heap, dropping stale ones.
    fn top_out(&mut self, y: usize) -> Option<(i128, usize)> {
        while let Some(&Reverse((c, a))) = self.out[y].peek() {
            let live = self.cost(a, y).zip(self.sink_cost(a));
            if self.is_down(a, y) && live.is_some_and(|(cell, sink)| cell + sink == c) {
                return Some((c, a));
            }
            self.out[y].pop();
        }
        None
    }

    /// The folded graph's edges as reduced costs: `w[u][v]` with the ally it uses.
    fn edges(&mut self) -> Vec<Vec<Option<(i128, usize)>>> {
        let (m, source, sink) = (self.m, self.m, self.m + 1);
        let mut w = vec![vec![None; m + 2]; m + 2];
        for y in 0..m {
            if self.left[y] > 0 {
                w[source][y] = Some((self.pot[source] - self.pot[y], usize::MAX));
            }
            for z in (0..m).filter(|&z| z != y) {
                if let Some((c, a)) = self.top_pair(y, z) {
                    w[y][z] = Some((c + self.pot[y] - self.pot[z], a));
                }
            }
            if let Some((c, a)) = self.top_out(y) {
                w[y][sink] = Some((c + self.pot[y] - self.pot[sink], a));
            }
        }
        w
    }

    /// Finds a cheapest path from the source to the sink and sends one unit along it;
    /// false when the sink cannot be reached.
    fn augment(&mut self) -> bool {
        let (m, source, sink) = (self.m, self.m, self.m + 1);
        let w = self.edges();
        let mut dist = vec![i128::MAX; m + 2];
        let mut via: Vec<Option<Step>> = vec![None; m + 2];
        let mut done = vec![false; m + 2];
        dist[source] = 0;
        while let Some(u) = (0..m + 2)
            .filter(|&v| !done[v] && dist[v] < i128::MAX)
            .min_by_key(|&v| dist[v])
        {
            done[u] = true;
            for (v, edge) in w[u].iter().enumerate() {
                if let Some((r, ally)) = *edge {
                    if !done[v] && dist[u] + r < dist[v] {
                        dist[v] = dist[u] + r;
                        via[v] = Some(Step { from: u, ally });
                    }
                }
            }
        }
        if dist[sink] == i128::MAX {
            return false;
        }
        let reach = dist[sink];
        for (p, d) in self.pot.iter_mut().zip(&dist) {
            *p += (*d).min(reach);
        }
        let mut v = sink;
        while let Some(Step { from, ally }) = via[v] {
            self.apply(from, v, ally);
            v = from;
        }
        self.compact();
        true
    }

    /// Sends one unit along the folded edge `u → v` through `ally`.
    fn apply(&mut self, u: usize, v: usize, a: usize) {
        let (m, source, sink) = (self.m, self.m, self.m + 1);
        if u == source {
            self.left[v] -= 1;
            return;
        }
        self.up[a * m + u] = true;
        if v == sink {
            self.ups[a] += 1;
            self.push_out(a);
        } else {
            self.up[a * m + v] = false;
            self.push_pairs(a, v);
            if let Some(sink) = self.sink_cost(a) {
                let c = self.cost(a, v).unwrap_or_default();
                self.out[v].push(Reverse((c + sink, a)));
            }
        }
        self.push_pairs(a, u);
    }

    /// Drops stale heap entries once they outnumber the cells several times over.
    fn compact(&mut self) {
        if self.pushed < 4 * self.up.len() + 1024 {
            return;
        }
        self.pushed = 0;
        let m = self.m;
        let mut pair = std::mem::take(&mut self.pair);
        for (k, heap) in pair.iter_mut().enumerate() {
            let (y, z) = (k / m, k % m);
            heap.retain(|&Reverse((_, a))| self.is_down(a, y) && self.up[a * m + z]);
        }
        self.pair = pair;
        let mut out = std::mem::take(&mut self.out);
        for (y, heap) in out.iter_mut().enumerate() {
            heap.retain(|&Reverse((c, a))| {
                let live = self.cost(a, y).zip(self.sink_cost(a));
                self.is_down(a, y) && live.is_some_and(|(cell, sink)| cell + sink == c)
            });
        }
        self.out = out;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(costs: &[Option<i128>], lo: i64, hi: i64) -> Row {
        Row {
            costs: costs.to_vec(),
            lo,
            hi,
        }
    }

    #[test]
    fn picks_the_cheaper_cells() {
        let table = Table {
            need: vec![1],
            rows: vec![row(&[Some(5)], 0, 1), row(&[Some(1)], 0, 1)],
        };
        assert_eq!(solve(&table), Some(vec![vec![false], vec![true]]));
    }

    #[test]
    fn moves_an_up_move_to_another_year_when_a_row_is_full() {
        // Ally 0 is cheapest in both years but may round up once; ally 1 takes the year
        // where giving way costs least.
        let table = Table {
            need: vec![1, 1],
            rows: vec![
                row(&[Some(1), Some(2)], 1, 1),
                row(&[Some(10), Some(20)], 1, 1),
            ],
        };
        assert_eq!(
            solve(&table),
            Some(vec![vec![false, true], vec![true, false]])
        );
    }

    #[test]
    fn minima_come_first_and_impossible_tables_are_refused() {
        let table = Table {
            need: vec![1],
            rows: vec![row(&[Some(-5)], 0, 1), row(&[Some(9)], 1, 1)],
        };
        assert_eq!(solve(&table), Some(vec![vec![false], vec![true]]));
        let table = Table {
            need: vec![2],
            rows: vec![row(&[Some(1)], 0, 1), row(&[None], 0, 1)],
        };
        assert_eq!(solve(&table), None);
    }
}
