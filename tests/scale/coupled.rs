//! Scenarios with coupled per-year constraints, as large as wanted: n allies with
//! lognormal GDP, a steeply rising profile, smoothing 0.25, the largest 30 % of allies
//! capped per year below their proportional share, 15 % of the others with a first-year
//! pledge above it, 30 % with bilateral aid, credit 0.5. Deterministic (no randomness):
//! the same arguments give the same scenario.

use burden::scenario::{load_str, Scenario};

/// A small deterministic generator.
pub struct Lcg(pub u64);

impl Lcg {
    /// A uniform number in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A uniform number in [lo, hi).
    pub fn between(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.uniform()
    }

    /// A standard normal number (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u = self.uniform().max(1e-12);
        let v = self.uniform();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    /// A permutation of 0..n (Fisher–Yates).
    pub fn shuffled(&mut self, n: usize) -> Vec<usize> {
        let mut v: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            let j = (self.uniform() * (i + 1) as f64) as usize;
            v.swap(i, j.min(i));
        }
        v
    }
}

/// The YAML text of the coupled scenario with `n` allies over `m` years.
pub fn coupled_yaml(n: usize, m: usize, seed: u64) -> String {
    let mut rng = Lcg(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (n * 1000 + m) as u64);
    let gdp: Vec<u64> = (0..n)
        .map(|_| (6.0 + 1.2 * rng.normal()).exp().round().max(1.0) as u64)
        .collect();
    let total = 1000 * n * m;
    let weights: Vec<f64> = (0..m)
        .map(|j| 1.0 + 0.2 * (j as f64 - (m as f64 - 1.0) / 2.0))
        .collect();
    let weight_sum: f64 = weights.iter().sum();
    let gdp_sum: f64 = gdp.iter().map(|g| *g as f64).sum();
    let mut by_gdp: Vec<usize> = (0..n).collect();
    by_gdp.sort_by(|&a, &b| gdp[b].cmp(&gdp[a]).then(a.cmp(&b)));
    let capped = &by_gdp[..n * 3 / 10];
    let others = &by_gdp[n * 3 / 10..];
    let pick = rng.shuffled(others.len());
    let pledged: Vec<usize> = pick[..others.len() * 15 / 100]
        .iter()
        .map(|&i| others[i])
        .collect();
    let aided: Vec<usize> = rng.shuffled(n)[..n * 3 / 10].to_vec();
    let years: Vec<String> = (0..m).map(|y| (2030 + y).to_string()).collect();
    let profile: Vec<String> = weights.iter().map(|w| format!("{w:.4}")).collect();
    let mut text = format!(
        "scenario: coupled\ncurrency: EUR\nunit: million\nyears: [{}]\n\
         budget: {{total: {total}, profile: [{}]}}\nbilateral_credit: 0.5\nsmoothing: 0.25\n\
         indicators: {{gdp: {{currency: EUR, unit: million}}}}\nallies:\n",
        years.join(", "),
        profile.join(", ")
    );
    for a in 0..n {
        let share = gdp[a] as f64 / gdp_sum;
        text += &format!("  - id: A{a:05}\n    indicators: {{gdp: {}}}\n", gdp[a]);
        if aided.contains(&a) {
            let aid = share * total as f64 * rng.between(0.2, 1.5);
            text += &format!("    bilateral: {}\n", aid.round());
        }
        if capped.contains(&a) {
            let cap = share * total as f64 / m as f64 * rng.between(0.5, 0.7);
            text += &format!("    max_gdp_pct: {:.4}\n", 100.0 * cap / gdp[a] as f64);
        }
        if pledged.contains(&a) {
            let first = share * total as f64 * weights[0] / weight_sum * rng.between(1.0, 1.3);
            text += &format!("    pledged: {{{}: {}}}\n", years[0], first.round());
        }
    }
    text
}

/// The coupled scenario with `n` allies over `m` years.
pub fn coupled(n: usize, m: usize, seed: u64) -> Scenario {
    load_str(&coupled_yaml(n, m, seed), "coupled.yaml", &[])
        .expect("valid coupled scenario")
        .scenario
}
