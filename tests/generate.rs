//! Random scenarios of the full format, written as YAML, for property tests.

use proptest::prelude::*;

#[derive(Clone, Debug)]
pub struct Ally {
    pub tag: usize,
    pub gdp: Vec<u32>,
    pub population: u32,
    pub bilateral: u32,
    pub credit: Option<u8>,
    pub min: Option<u32>,
    pub max: Option<u32>,
    pub pledge: Option<(usize, u32)>,
    pub cap_pct: Option<u32>,
}

#[derive(Clone, Debug)]
pub struct Gen {
    pub years: usize,
    pub total: u32,
    pub profile: Vec<u32>,
    pub credit: u8,
    pub blend: bool,
    pub floor: Option<u32>,
    pub ceiling: Option<u32>,
    pub smoothing: Option<u32>,
    pub allies: Vec<Ally>,
}

/// Which constraint families the generator may use.
#[derive(Clone, Copy, Debug)]
pub struct Features {
    pub per_year: bool,
    pub bounds: bool,
}

/// `Some` with probability `p` (never when `p` is zero).
fn maybe<T: std::fmt::Debug + Clone + 'static>(
    p: f64,
    s: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<Option<T>> {
    if p > 0.0 {
        prop::option::weighted(p, s).boxed()
    } else {
        Just(None).boxed()
    }
}

fn ally(years: usize, f: Features) -> impl Strategy<Value = Ally> {
    (
        prop::collection::vec(1u32..5000, years),
        1u32..500,
        prop_oneof![Just(0u32), 0u32..3000],
        prop::option::weighted(0.2, 0u8..=10),
        maybe(if f.bounds { 0.2 } else { 0.0 }, 0u32..400),
        maybe(if f.bounds { 0.3 } else { 0.0 }, 50u32..3000),
        maybe(if f.per_year { 0.3 } else { 0.0 }, (0..years, 1u32..300)),
        maybe(if f.per_year { 0.3 } else { 0.0 }, 5u32..200),
    )
        .prop_map(
            |(gdp, population, bilateral, credit, min, max, pledge, cap_pct)| Ally {
                tag: 0,
                gdp,
                population,
                bilateral,
                credit,
                min,
                max: max.map(|hi| hi.max(min.unwrap_or(0)).max(pledge.map_or(0, |(_, p)| p))),
                pledge,
                cap_pct,
            },
        )
}

pub fn scenario(max_allies: usize, max_years: usize, f: Features) -> impl Strategy<Value = Gen> {
    (1..=max_years, 2..=max_allies).prop_flat_map(move |(years, n)| {
        (
            Just(years),
            1000u32..20000,
            prop::collection::vec(8u32..12, years),
            0u8..=10,
            any::<bool>(),
            maybe(if f.bounds { 0.3 } else { 0.0 }, 0u32..=100),
            maybe(if f.bounds { 0.3 } else { 0.0 }, 0u32..=100),
            maybe(if f.per_year { 0.4 } else { 0.0 }, 30u32..100),
            prop::collection::vec(ally(years, f), n),
        )
            .prop_map(
                |(years, total, profile, credit, blend, floor, ceiling, smoothing, allies)| {
                    let n = allies.len() as u64;
                    let allies = allies
                        .into_iter()
                        .enumerate()
                        .map(|(i, mut a)| {
                            a.tag = i;
                            a
                        })
                        .collect();
                    // In parts per million: floor within [0, 1/n], ceiling within [1/n, 1].
                    Gen {
                        years,
                        total,
                        profile,
                        credit,
                        blend,
                        floor: floor.map(|f| (u64::from(f) * 1_000_000 / (100 * n)) as u32),
                        ceiling: ceiling.map(|c| {
                            (1_000_000 * (100 + (n - 1) * u64::from(c)))
                                .div_ceil(100 * n)
                                .min(1_000_000) as u32
                        }),
                        smoothing,
                        allies,
                    }
                },
            )
    })
}

impl Gen {
    pub fn yaml(&self) -> String {
        let years: Vec<String> = (0..self.years).map(|y| (2030 + y).to_string()).collect();
        let mut out = format!(
            "scenario: generated\ncurrency: EUR\nunit: million\nyears: [{}]\n",
            years.join(", ")
        );
        let profile: Vec<String> = self.profile.iter().map(u32::to_string).collect();
        out += &format!(
            "budget: {{total: {}, profile: [{}], rounding: 1}}\n",
            self.total,
            profile.join(", ")
        );
        let weights = if self.blend {
            "{gdp: 0.7, population: 0.3}"
        } else {
            "{gdp: 1}"
        };
        out += &format!("key: {{weights: {weights}");
        if let Some(f) = self.floor {
            out += &format!(", floor: 0.{f:06}");
        }
        if let Some(c) = self.ceiling {
            out += &format!(
                ", ceiling: {}",
                if c >= 1_000_000 {
                    "1".to_string()
                } else {
                    format!("0.{c:06}")
                }
            );
        }
        out += "}\n";
        out += &format!("bilateral_credit: {}\n", self.credit as f64 / 10.0);
        if let Some(s) = self.smoothing {
            out += &format!("smoothing: {}\n", s as f64 / 100.0);
        }
        out += "indicators: {gdp: {currency: EUR, unit: billion}}\nallies:\n";
        for a in &self.allies {
            let gdp: Vec<String> = years
                .iter()
                .zip(&a.gdp)
                .map(|(y, g)| format!("{y}: {g}"))
                .collect();
            out += &format!(
                "  - id: A{:02}\n    indicators: {{gdp: {{{}}}, population: {}}}\n    bilateral: {}\n",
                a.tag,
                gdp.join(", "),
                a.population,
                a.bilateral
            );
            if let Some(c) = a.credit {
                out += &format!("    credit: {}\n", c as f64 / 10.0);
            }
            if let Some(v) = a.min {
                out += &format!("    min: {v}\n");
            }
            if let Some(v) = a.max {
                out += &format!("    max: {v}\n");
            }
            if let Some((y, v)) = a.pledge {
                out += &format!("    pledged: {{{}: {v}}}\n", years[y]);
            }
            if let Some(p) = a.cap_pct {
                out += &format!("    max_gdp_pct: {}\n", p as f64 / 100.0);
            }
        }
        out
    }

    /// The same scenario with the allies in reverse order.
    pub fn reversed(&self) -> Gen {
        let mut g = self.clone();
        g.allies.reverse();
        g
    }
}
