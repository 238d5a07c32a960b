//! The pledge scorecard (`mode: pledge`) of the shipped NATO pledge: each ally's fair
//! share of the yearly target against its effort, reasoned from the scenario's data, in
//! every format.

use super::*;

#[test]
fn the_pledge_scorecard_scores_each_ally_against_its_gdp_share() {
    let card = json(&["solve", "scenarios/nato-40bn-pledge.yaml", "-f", "json"]);
    let deu = ally(&card, "DEU");
    // IMF WEO April 2024: Germany 4 591.1 of the allies' 54 057.452 USD bn in 2024.
    let fair = 40_000.0 * 4591.1 / 54057.452;
    assert!((num(&deu["fair_share"]["2024"]) - fair).abs() < 0.006);
    // Kiel: Germany's 2024 military allocations 3 958.6, counted in full.
    assert_eq!(deu["effort"]["2024"], "3958.6");
    assert!((num(&deu["gap"]["2024"]) - (fair - 3958.6)).abs() < 0.006);
    // The United States: 482.9 in 2025, far below its share.
    let usa = ally(&card, "USA");
    assert_eq!(usa["effort"]["2025"], "482.9");
    assert!(num(&usa["gap"]["2025"]) > 20_000.0);
    // Hungary gave nothing: its whole fair share is its gap.
    let hun = ally(&card, "HUN");
    assert_eq!(hun["gap"]["2024"], hun["fair_share"]["2024"]);
    let shares: f64 = card["allies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| num(&a["fair_share"]["2025"]))
        .sum();
    assert!((shares - 40_000.0).abs() < 0.2);
    let table = Test::new()
        .args(["solve", "scenarios/nato-40bn-pledge.yaml"])
        .run()
        .stdout_text();
    assert!(table.contains("pledge scorecard"), "{table}");
    let widest = table.lines().map(|l| l.chars().count()).max();
    assert!(
        widest <= Some(80),
        "the piped scorecard fits 80 columns: {widest:?}"
    );
    Test::new()
        .args(["solve", "scenarios/nato-40bn-pledge.yaml", "-f", "csv"])
        .run();
    Test::new()
        .args(["solve", "scenarios/nato-40bn-pledge.yaml", "-f", "md"])
        .run();
    // Every format, and `burden report` of the scorecard alone; beside plans it is refused.
    let html = Test::new()
        .args(["report", "scenarios/nato-40bn-pledge.yaml"])
        .run()
        .stdout_text();
    assert!(
        html.contains("pledge scorecard") && html.contains("<svg"),
        "{html}"
    );
    let tex = Test::new()
        .args(["solve", "scenarios/nato-40bn-pledge.yaml", "-f", "tex"])
        .run()
        .stdout_text();
    assert!(tex.contains("\\begin{longtable}"), "{tex}");
    let test = Test::new();
    let xlsx = test.path("card.xlsx");
    let written = test
        .args(["solve", "scenarios/nato-40bn-pledge.yaml", "-o"])
        .arg(&xlsx)
        .run();
    assert_eq!(&written.read_bytes("card.xlsx")[..2], b"PK");
    Test::new()
        .args([
            "report",
            "scenarios/nato-40bn-pledge.yaml",
            "scenarios/nato-100bn.yaml",
        ])
        .code(2)
        .stderr_contains("has a scorecard, not a plan")
        .run();
    // A credit cap belongs to a fund: in a pledge it is ignored, with a warning.
    Test::new()
        .args([
            "solve",
            "scenarios/nato-40bn-pledge.yaml",
            "--set",
            "credit_cap=0.5",
            "-f",
            "json",
        ])
        .stderr_contains("credit_cap: a pledge has no fund")
        .run();
    // So is every other field that shapes a fund's plan, each named where it stands.
    for (set, said) in [
        ("smoothing=0.2", "smoothing: a pledge has no fund"),
        ("objective=minimax", "objective: a pledge has no fund"),
        ("budget.total=1000", "budget: a pledge has no fund"),
        ("allies[0].min=5", "allies[0].min: a pledge has no fund"),
        ("allies[2].max=5", "allies[2].max: a pledge has no fund"),
        (
            "allies[1].max_gdp_pct=1",
            "allies[1].max_gdp_pct: a pledge has no fund",
        ),
        (
            "allies[1].max_fund_share=0.1",
            "allies[1].max_fund_share: a pledge has no fund",
        ),
        (
            "allies[3].pledged={2024: 7}",
            "allies[3].pledged: a pledge has no fund",
        ),
    ] {
        Test::new()
            .args([
                "solve",
                "scenarios/nato-40bn-pledge.yaml",
                "--set",
                set,
                "-f",
                "json",
            ])
            .stderr_contains(said)
            .run();
    }
    let plain = Test::new()
        .args(["solve", "scenarios/nato-40bn-pledge.yaml", "-f", "json"])
        .run()
        .stderr_text();
    assert!(!plain.contains("warning"), "{plain}");
    // compare and sweep plan funds: a pledge is refused, not planned as one.
    for args in [
        &[
            "compare",
            "scenarios/nato-40bn-pledge.yaml",
            "scenarios/nato-100bn.yaml",
        ][..],
        &[
            "sweep",
            "scenarios/nato-40bn-pledge.yaml",
            "--vary",
            "bilateral_credit=0.5,1",
        ][..],
    ] {
        Test::new()
            .args(args)
            .code(2)
            .stderr_contains("has a scorecard, not a plan")
            .run();
    }
}
