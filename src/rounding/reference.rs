//! The earlier rounding solver, kept for tests only: a generic min-cost flow by
//! successive shortest paths (Bellman–Ford queue, one unit per path) on the whole
//! network. [`crate::flow::solve`] must give the same choices at the same cost.

use std::collections::VecDeque;

use crate::flow::{Table, FLOOR};

#[derive(Clone, Debug)]
struct Edge {
    to: usize,
    cap: i64,
    cost: i128,
}

/// A directed graph with capacities and costs; edge `2k+1` is the reverse of edge `2k`.
#[derive(Clone, Debug, Default)]
struct Graph {
    edges: Vec<Edge>,
    adj: Vec<Vec<usize>>,
}

impl Graph {
    fn new(nodes: usize) -> Self {
        Graph {
            edges: Vec::new(),
            adj: vec![Vec::new(); nodes],
        }
    }

    fn add_edge(&mut self, from: usize, to: usize, cap: i64, cost: i128) -> usize {
        let id = self.edges.len();
        self.edges.push(Edge { to, cap, cost });
        self.edges.push(Edge {
            to: from,
            cap: 0,
            cost: -cost,
        });
        self.adj[from].push(id);
        self.adj[to].push(id + 1);
        id
    }

    fn flow(&self, id: usize) -> i64 {
        self.edges[id + 1].cap
    }

    /// Sends up to `want` units from `s` to `t` at least cost; returns the amount sent.
    fn min_cost_flow(&mut self, s: usize, t: usize, want: i64) -> i64 {
        let n = self.adj.len();
        let mut sent = 0;
        while sent < want {
            let mut dist = vec![i128::MAX; n];
            let mut via = vec![usize::MAX; n];
            let mut queued = vec![false; n];
            let mut queue = VecDeque::from([s]);
            dist[s] = 0;
            while let Some(u) = queue.pop_front() {
                queued[u] = false;
                for &id in &self.adj[u] {
                    let e = &self.edges[id];
                    if e.cap > 0 && dist[u] + e.cost < dist[e.to] {
                        dist[e.to] = dist[u] + e.cost;
                        via[e.to] = id;
                        if !queued[e.to] {
                            queued[e.to] = true;
                            queue.push_back(e.to);
                        }
                    }
                }
            }
            if dist[t] == i128::MAX {
                break;
            }
            let mut push = want - sent;
            let mut v = t;
            while v != s {
                push = push.min(self.edges[via[v]].cap);
                v = self.edges[via[v] ^ 1].to;
            }
            let mut v = t;
            while v != s {
                let id = via[v];
                self.edges[id].cap -= push;
                self.edges[id ^ 1].cap += push;
                v = self.edges[id ^ 1].to;
            }
            sent += push;
        }
        sent
    }
}

/// The same answer as [`crate::flow::solve`], the old way.
pub(super) fn solve(table: &Table) -> Option<Vec<Vec<bool>>> {
    let (n, m) = (table.rows.len(), table.need.len());
    if table.need.iter().any(|k| *k < 0) || table.rows.iter().any(|r| r.lo > r.hi) {
        return None;
    }
    let (node_s, node_t) = (0, 1 + m + n);
    let mut graph = Graph::new(node_t + 1);
    let mut cells = Vec::new();
    for (a, row) in table.rows.iter().enumerate() {
        for (y, cost) in row.costs.iter().enumerate() {
            if let Some(cost) = cost {
                cells.push((a, y, graph.add_edge(1 + y, 1 + m + a, 1, *cost)));
            }
        }
    }
    for (y, k) in table.need.iter().enumerate() {
        graph.add_edge(node_s, 1 + y, *k, 0);
    }
    let mut floors = Vec::new();
    for (a, row) in table.rows.iter().enumerate() {
        if row.lo > 0 {
            floors.push((graph.add_edge(1 + m + a, node_t, row.lo, -FLOOR), row.lo));
        }
        graph.add_edge(1 + m + a, node_t, row.hi - row.lo, 0);
    }
    let want: i64 = table.need.iter().sum();
    if graph.min_cost_flow(node_s, node_t, want) != want
        || floors.iter().any(|(id, lo)| graph.flow(*id) != *lo)
    {
        return None;
    }
    let mut up = vec![vec![false; m]; n];
    for (a, y, id) in cells {
        up[a][y] = graph.flow(id) == 1;
    }
    Some(up)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    use super::*;
    use crate::flow::{self, Row};
    use crate::money::Money;
    use crate::rounding::{problem, HardBounds};

    /// The cost the solvers minimise, or `None` when the choice breaks a constraint.
    fn cost(table: &Table, up: &[Vec<bool>]) -> Option<i128> {
        let mut total = 0;
        let mut per_year = vec![0; table.need.len()];
        for (row, up) in table.rows.iter().zip(up) {
            let mut ups = 0;
            for (y, (c, u)) in row.costs.iter().zip(up).enumerate() {
                if *u {
                    total += (*c)?;
                    per_year[y] += 1;
                    ups += 1;
                }
            }
            if ups < row.lo || ups > row.hi {
                return None;
            }
            total -= FLOOR * i128::from(row.lo);
        }
        (per_year == table.need).then_some(total)
    }

    /// Every valid choice, by depth-first search over the cells: the least cost and
    /// whether one choice alone reaches it.
    fn brute_force(table: &Table) -> Option<(i128, Vec<Vec<bool>>, bool)> {
        fn go(
            t: &Table,
            k: usize,
            up: &mut Vec<Vec<bool>>,
            best: &mut Option<(i128, Vec<Vec<bool>>, bool)>,
        ) {
            let m = t.need.len();
            if k == t.rows.len() * m {
                if let Some(c) = cost(t, up) {
                    match best {
                        Some((b, _, unique)) if *b == c => *unique = false,
                        Some((b, _, _)) if *b < c => {}
                        _ => *best = Some((c, up.clone(), true)),
                    }
                }
                return;
            }
            let (a, y) = (k / m, k % m);
            go(t, k + 1, up, best);
            if t.rows[a].costs[y].is_some() {
                up[a][y] = true;
                go(t, k + 1, up, best);
                up[a][y] = false;
            }
        }
        let mut best = None;
        let mut up = vec![vec![false; table.need.len()]; table.rows.len()];
        go(table, 0, &mut up, &mut best);
        best
    }

    fn table(max_allies: usize, max_years: usize, spread: i128) -> impl Strategy<Value = Table> {
        (1..=max_allies, 1..=max_years).prop_flat_map(move |(n, m)| {
            let cell = prop_oneof![1 => Just(None), 5 => (-spread..spread).prop_map(Some)];
            let row = (prop::collection::vec(cell, m), 0i64..=1, 0i64..=1).prop_map(
                |(costs, lo, extra)| Row {
                    costs,
                    lo,
                    hi: lo + extra,
                },
            );
            let need = prop::collection::vec(0..=n as i64, m);
            (need, prop::collection::vec(row, n)).prop_map(|(need, rows)| Table { need, rows })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Small tables with many ties: both solvers reach the least cost found by
        /// trying every choice, and the same choice when only one reaches it.
        #[test]
        fn both_solvers_reach_the_brute_force_optimum(t in table(5, 3, 4)) {
            let best = brute_force(&t);
            let ours = flow::solve(&t);
            let old = solve(&t);
            prop_assert_eq!(best.is_some(), ours.is_some());
            prop_assert_eq!(best.is_some(), old.is_some());
            if let (Some((c, choice, unique)), Some(ours), Some(old)) = (best, ours, old) {
                prop_assert_eq!(cost(&t, &ours), Some(c));
                prop_assert_eq!(cost(&t, &old), Some(c));
                if unique {
                    prop_assert_eq!(&ours, &choice);
                    prop_assert_eq!(&old, &choice);
                }
            }
        }

        /// Larger tables with costs spread so wide that ties do not happen: the very
        /// same choices as the old solver.
        #[test]
        fn the_same_choices_as_the_old_solver(t in table(40, 6, 1 << 60)) {
            prop_assert_eq!(flow::solve(&t), solve(&t));
        }

        /// Real rounding problems (cells with decimals, pledges, caps, bounds): the same
        /// least cost as the old solver, and a valid choice.
        #[test]
        fn real_plans_round_at_the_same_cost(
            rows in prop::collection::vec(prop::collection::vec(0u32..100_000, 4), 1..30),
            pledged in prop::collection::vec(any::<bool>(), 30),
        ) {
            let n = rows.len();
            let one = Money(Decimal::ONE);
            let money = |v: u32| Money(Decimal::new(i64::from(v), 3));
            let cells: Vec<Vec<Money>> =
                rows.iter().map(|r| r.iter().map(|v| money(*v)).collect()).collect();
            let annual: Vec<Money> = (0..4)
                .map(|y| cells.iter().map(|r| r[y]).sum::<Money>().round_dp(0))
                .collect();
            let bounds = HardBounds {
                cell_min: (0..n)
                    .map(|a| {
                        let p = if pledged[a] { cells[a][0].floor_to(one) } else { Money::ZERO };
                        vec![p, Money::ZERO, Money::ZERO, Money::ZERO]
                    })
                    .collect(),
                cell_max: (0..n).map(|a| vec![None, Some(cells[a][1]), None, None]).collect(),
                total_min: vec![None; n],
                total_max: vec![None; n],
            };
            if let Ok((_, t)) = problem(&cells, &annual, one, &bounds, None) {
                let ours = flow::solve(&t);
                let old = solve(&t);
                prop_assert_eq!(ours.is_some(), old.is_some());
                if let (Some(ours), Some(old)) = (ours, old) {
                    prop_assert!(cost(&t, &ours).is_some());
                    prop_assert_eq!(cost(&t, &ours), cost(&t, &old));
                }
            }
        }
    }
}
