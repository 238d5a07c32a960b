//! A small min-cost flow (successive shortest paths, Bellman–Ford queue) on integer costs.

use std::collections::VecDeque;

#[derive(Clone, Debug)]
struct Edge {
    to: usize,
    cap: i64,
    cost: i128,
}

/// A directed graph with capacities and costs; edge `2k+1` is the reverse of edge `2k`.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    edges: Vec<Edge>,
    adj: Vec<Vec<usize>>,
}

impl Graph {
    pub fn new(nodes: usize) -> Self {
        Graph {
            edges: Vec::new(),
            adj: vec![Vec::new(); nodes],
        }
    }

    /// Adds an edge and returns its id.
    pub fn add_edge(&mut self, from: usize, to: usize, cap: i64, cost: i128) -> usize {
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

    /// Flow on an edge.
    pub fn flow(&self, id: usize) -> i64 {
        self.edges[id + 1].cap
    }

    /// Sends up to `want` units from `s` to `t` at least cost; returns the amount sent.
    pub fn min_cost_flow(&mut self, s: usize, t: usize, want: i64) -> i64 {
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
                let id = via[v];
                push = push.min(self.edges[id].cap);
                v = self.edges[id ^ 1].to;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_cheaper_route() {
        let mut g = Graph::new(4);
        let a = g.add_edge(0, 1, 1, 5);
        let b = g.add_edge(0, 2, 1, 1);
        g.add_edge(1, 3, 1, 0);
        g.add_edge(2, 3, 1, 0);
        assert_eq!(g.min_cost_flow(0, 3, 1), 1);
        assert_eq!((g.flow(a), g.flow(b)), (0, 1));
    }

    #[test]
    fn negative_costs_are_fine() {
        let mut g = Graph::new(3);
        let a = g.add_edge(0, 1, 2, -3);
        g.add_edge(1, 2, 2, 1);
        assert_eq!(g.min_cost_flow(0, 2, 5), 2);
        assert_eq!(g.flow(a), 2);
    }
}
