//! Credit that reduces the fund (`credit_effect: reduces_fund`): small cases worked by
//! hand, the shipped variant, the re-plan that credits the aid actually given, random
//! scenarios against the rule's invariants, and the errors and warnings of the field.

use proptest::prelude::*;
use serde_json::Value;

use crate::support::Test;

const HEAD: &str =
    "scenario: t\ncurrency: EUR\nunit: million\nkey: {weights: {gdp: 1}}\nbilateral_credit: 1\n";

fn plan(text: &str) -> Value {
    Test::new()
        .file("s.yaml", text)
        .in_temp_dir()
        .args(["solve", "s.yaml", "-f", "json"])
        .run()
        .json()
}

fn num(v: &Value) -> f64 {
    v.as_str()
        .and_then(|s| s.parse().ok())
        .or_else(|| v.as_f64())
        .unwrap_or_else(|| panic!("not a number: {v}"))
}

fn ally<'a>(plan: &'a Value, id: &str) -> &'a Value {
    plan["allies"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["id"] == id))
        .unwrap_or_else(|| panic!("no ally {id}"))
}

#[test]
fn credit_lowers_the_payment_and_the_fund_by_hand() {
    // Shares 0.6 and 0.4 of a budget of 100. A's aid of 30 counts in full against its
    // share of 60: it pays 30. B's aid of 50 counts only up to its share of 40: it pays
    // nothing and its other 10 do not reduce the fund. The fund is 100 − 30 − 40 = 30.
    let text = format!(
        "{HEAD}credit_effect: reduces_fund\nyears: [2025]\nbudget: {{total: 100}}\nallies:\n  \
         - {{id: A, indicators: {{gdp: 60}}, bilateral: 30}}\n  \
         - {{id: B, indicators: {{gdp: 40}}, bilateral: 50}}\n"
    );
    let p = plan(&text);
    assert_eq!(p["budget"]["total"], "30");
    assert_eq!(p["budget"]["agreed"]["total"], "100");
    assert_eq!(p["budget"]["agreed"]["credit"], "70");
    let (a, b) = (ally(&p, "A"), ally(&p, "B"));
    assert_eq!(a["total"], "30");
    assert_eq!(num(&a["fair_effort"]), 60.0);
    assert_eq!(num(&a["credited_bilateral"]), 30.0);
    assert_eq!(b["total"], "0");
    assert_eq!(num(&b["credited_bilateral"]), 40.0);
    assert_eq!(b["binding"], serde_json::json!(["credit_covers_share"]));
    // The same scenario enlarging the pot: pot 180, fair efforts 108 and 72, the
    // common level 100/100: A pays 78, B 22.
    let pot = plan(&text.replace("credit_effect: reduces_fund\n", ""));
    assert_eq!(pot["budget"]["total"], "100");
    assert!(pot["budget"].get("agreed").is_none());
    assert_eq!(ally(&pot, "A")["total"], "78");
}

#[test]
fn the_credit_is_capped_year_by_year() {
    // Two years of 50 each, equal shares; A's aid is 40 in 2025 and 0 in 2026. Its fair
    // share is 25 a year: its 2025 credit counts 25 (not 40), so it pays 0 in 2025 and
    // 25 in 2026; B pays 25 in each year. The fund is 100 − 25 = 75.
    let text = format!(
        "{HEAD}credit_effect: reduces_fund\nyears: [2025, 2026]\nbudget: {{total: 100}}\nallies:\n  \
         - {{id: A, indicators: {{gdp: 1}}, bilateral: {{2025: 40, 2026: 0}}}}\n  \
         - {{id: B, indicators: {{gdp: 1}}, bilateral: 0}}\n"
    );
    let p = plan(&text);
    assert_eq!(
        p["budget"]["annual"],
        serde_json::json!({"2025": "25", "2026": "50"})
    );
    let a = ally(&p, "A");
    assert_eq!(a["total"], "25");
    assert_eq!(num(&a["credited_bilateral"]), 25.0);
    assert_eq!(
        a["binding"],
        serde_json::json!(["credit_covers_year:2025"]),
        "{a}"
    );
    assert_eq!(ally(&p, "B")["total"], "50");
}

#[test]
fn a_credit_cap_applies_to_each_year_s_share() {
    // credit_cap 0.5: A's credit counts at most half of its share of 60, so 30 of its
    // 50; it pays 30 and the fund is 100 − 30 = 70.
    let text = format!(
        "{HEAD}credit_effect: reduces_fund\ncredit_cap: 0.5\nyears: [2025]\nbudget: {{total: 100}}\nallies:\n  \
         - {{id: A, indicators: {{gdp: 60}}, bilateral: 50}}\n  \
         - {{id: B, indicators: {{gdp: 40}}, bilateral: 0}}\n"
    );
    let p = plan(&text);
    assert_eq!(p["budget"]["total"], "70");
    assert_eq!(ally(&p, "A")["total"], "30");
    assert_eq!(ally(&p, "A")["binding"], serde_json::json!(["credit_cap"]));
    assert_eq!(ally(&p, "B")["total"], "40");
}

#[test]
fn the_shipped_variant_shrinks_the_fund_by_the_credit() {
    let p: Value = Test::new()
        .args([
            "solve",
            "scenarios/nato-100bn-credit-reduces-fund.yaml",
            "-f",
            "json",
        ])
        .run()
        .json();
    assert_eq!(p["budget"]["total"], "14491");
    assert_eq!(p["budget"]["agreed"]["total"], "100000");
    let usa = ally(&p, "USA");
    assert_eq!(usa["total"], "0");
    assert_eq!(usa["credited_bilateral"], usa["fair_effort"]);
    assert_eq!(ally(&p, "FRA")["total"], "1280");
    let zero = p["allies"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|a| a["total"] == "0")
        .count();
    assert_eq!(zero, 12);
    // Every human format says what the fund is and what it was reduced from.
    Test::new()
        .args(["solve", "scenarios/nato-100bn-credit-reduces-fund.yaml"])
        .stdout_contains("the agreed 100,000")
        .stdout_contains("less 85,509 of credited aid")
        .stdout_contains("reducing the fund")
        .run();
}

#[test]
fn replan_credits_the_aid_actually_given_and_the_fund_follows() {
    // Planned: A's aid of 30 a year covers 30 of its share of 60 a year; the fund is
    // 70 a year. In 2025 A gave only 10 bilaterally and paid its planned 30: its 2025
    // credit is 10, so the fund grows by 20 and A owes it in 2026.
    let text = format!(
        "{HEAD}credit_effect: reduces_fund\nyears: [2025, 2026]\nbudget: {{total: 200}}\nallies:\n  \
         - {{id: A, indicators: {{gdp: 60}}, bilateral: {{2025: 30, 2026: 30}}}}\n  \
         - {{id: B, indicators: {{gdp: 40}}, bilateral: 0}}\n"
    );
    let actuals = "delivered:\n  2025: {A: 30, B: 40}\nbilateral:\n  2025: {A: 10}\n";
    let out: Value = Test::new()
        .file("s.yaml", &text)
        .file("a.yaml", actuals)
        .in_temp_dir()
        .args(["replan", "s.yaml", "--actuals", "a.yaml", "-f", "json"])
        .run()
        .json();
    assert_eq!(out["budget"]["total"], "160", "{out}");
    let a = out["allies"]
        .as_array()
        .and_then(|v| v.iter().find(|x| x["id"] == "A"))
        .expect("A");
    assert_eq!(a["replanned"]["2026"], "50", "{a}");
    assert_eq!(a["change"], "20");
    Test::new()
        .file("s.yaml", &text)
        .file("a.yaml", actuals)
        .in_temp_dir()
        .args(["replan", "s.yaml", "--actuals", "a.yaml"])
        .stdout_contains("the fund is 160 instead of the planned 140")
        .run();
}

#[test]
fn a_sweep_over_credit_rates_states_each_fund() {
    let file = "scenarios/nato-100bn-credit-reduces-fund.yaml";
    let csv = Test::new()
        .args([
            "sweep",
            file,
            "--vary",
            "bilateral_credit=0,0.5",
            "-f",
            "csv",
        ])
        .run()
        .stdout_text();
    let mut lines = csv.lines();
    assert!(
        lines.next().is_some_and(|h| h.ends_with(",fund,diagnosis")),
        "{csv}"
    );
    assert!(
        lines.next().is_some_and(|l| l.ends_with(",100000,")),
        "{csv}"
    );
    assert!(
        lines.next().is_some_and(|l| l.ends_with(",14491,")),
        "{csv}"
    );
    let json: Value = Test::new()
        .args([
            "sweep",
            file,
            "--vary",
            "bilateral_credit=0.5",
            "-f",
            "json",
        ])
        .run()
        .json();
    assert_eq!(json["variants"][0]["summary"]["fund"], "14491");
    // Varying the rule itself: the variant that enlarges the pot has no fund to state.
    let both = Test::new()
        .args([
            "sweep",
            "scenarios/nato-100bn.yaml",
            "--vary",
            "credit_effect=enlarges_pot,reduces_fund",
            "-f",
            "csv",
        ])
        .run()
        .stdout_text();
    assert!(
        both.contains(",enlarges_pot,ok,") && both.contains(",,\n"),
        "{both}"
    );
    assert!(both.contains(",14491,"), "{both}");
}

#[test]
fn the_field_is_checked_and_a_pledge_ignores_it() {
    let base = format!(
        "{HEAD}years: [2025]\nbudget: {{total: 100}}\nallies:\n  - {{id: A, indicators: {{gdp: 1}}}}\n"
    );
    Test::new()
        .file(
            "s.yaml",
            base.replace("years:", "credit_effect: shrink\nyears:"),
        )
        .in_temp_dir()
        .args(["solve", "s.yaml"])
        .code(2)
        .stderr_contains("credit_effect")
        .stderr_contains("unknown credit effect `shrink`")
        .stderr_contains("use enlarges_pot or reduces_fund")
        .run();
    Test::new()
        .file(
            "s.yaml",
            base.replace("years:", "credit_effect: reduces_fund\nyears:")
                .replace(
                    "indicators: {gdp: 1}}",
                    "indicators: {gdp: 1}, max_fund_share: 0.5}",
                ),
        )
        .in_temp_dir()
        .args(["solve", "s.yaml"])
        .code(2)
        .stderr_contains("allies[0].max_fund_share")
        .stderr_contains("give the ally a `max` in money instead")
        .run();
    let pledge = "scenario: p\nmode: pledge\ntarget: 100\nyears: [2025]\ncredit_effect: reduces_fund\n\
                  key: {weights: {gdp: 1}}\nallies:\n  - {id: A, indicators: {gdp: 1}, bilateral: 10}\n";
    Test::new()
        .file("p.yaml", pledge)
        .in_temp_dir()
        .args(["solve", "p.yaml"])
        .stderr_contains("credit_effect")
        .stderr_contains("ignored in a pledge")
        .run();
}

/// A random scenario with credit that reduces the fund: a few allies, a few years,
/// fractional bilateral aid, a budget profile, possibly a maximum that binds.
fn random_scenario() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((1u32..500, 0u32..4000, any::<bool>()), 2..7),
        1usize..4,
        prop::sample::select(vec!["0.25", "0.5", "1"]),
        prop::sample::select(vec!["1", "0.5", "5"]),
    )
        .prop_map(|(allies, years, credit, unit)| {
            let years: Vec<String> = (0..years).map(|y| (2025 + y).to_string()).collect();
            let mut text = format!(
                "scenario: r\ncurrency: EUR\nunit: million\ncredit_effect: reduces_fund\n\
                 years: [{}]\nbudget: {{total: 1000, rounding: {unit}}}\n\
                 key: {{weights: {{gdp: 1}}}}\nbilateral_credit: {credit}\nallies:\n",
                years.join(", ")
            );
            for (i, (gdp, aid, capped)) in allies.iter().enumerate() {
                let max = if *capped && i == 0 { ", max: 50" } else { "" };
                text.push_str(&format!(
                    "  - {{id: A{i}, indicators: {{gdp: {gdp}}}, bilateral: {}.{}{max}}}\n",
                    aid / 10,
                    aid % 10
                ));
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The fund is the agreed budget less the credit, rounded down to the unit; no
    /// ally's credit exceeds its fair effort; the plan adds up to the fund exactly.
    #[test]
    fn the_fund_is_the_budget_less_the_credit(text in random_scenario()) {
        // Every ally but the first is unbounded, so a plan always exists.
        let p: Value = Test::new()
            .file("s.yaml", &text)
            .in_temp_dir()
            .args(["solve", "s.yaml", "-f", "json"])
            .run()
            .json();
        let fund = num(&p["budget"]["total"]);
        let agreed = num(&p["budget"]["agreed"]["total"]);
        let unit = text.split("rounding: ").nth(1).and_then(|s| s.split('}').next()).map(|s| s.parse::<f64>().unwrap_or(1.0)).unwrap_or(1.0);
        let credit: f64 = p["allies"].as_array().into_iter().flatten().map(|a| num(&a["credited_bilateral"])).sum();
        let exact = agreed - credit;
        prop_assert!(fund <= exact + 0.01 && fund > exact - unit - 0.01, "fund {fund}, agreed {agreed}, credit {credit}");
        let paid: f64 = p["allies"].as_array().into_iter().flatten().map(|a| num(&a["total"])).sum();
        prop_assert!((paid - fund).abs() < 1e-9, "paid {paid} of {fund}");
        for a in p["allies"].as_array().into_iter().flatten() {
            prop_assert!(num(&a["credited_bilateral"]) <= num(&a["fair_effort"]) + 0.01, "{a}");
        }
    }
}
