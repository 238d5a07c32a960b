//! Unit tests of controlled rounding: exact year sums, least error, bounds, ties.

use super::*;
use std::str::FromStr;

fn m(s: &str) -> Money {
    Money(Decimal::from_str(s).unwrap())
}

fn grid(rows: &[&[&str]]) -> Vec<Vec<Money>> {
    rows.iter()
        .map(|r| r.iter().map(|s| m(s)).collect())
        .collect()
}

#[test]
fn years_sum_exactly_and_cells_move_less_than_a_unit() {
    let cells = grid(&[
        &["3.4", "3.4", "3.4"],
        &["3.3", "3.3", "3.3"],
        &["3.3", "3.3", "3.3"],
    ]);
    let annual = vec![m("10"), m("10"), m("10")];
    let out = round_plan(&cells, &annual, m("1"), &HardBounds::default()).unwrap();
    for y in 0..3 {
        assert_eq!((0..3).map(|a| out[a][y]).sum::<Money>(), m("10"));
    }
    for (a, row) in out.iter().enumerate() {
        let real: Money = cells[a].iter().sum();
        let total: Money = row.iter().sum();
        assert!(total == real.floor_to(m("1")) || total == real.ceil_to(m("1")));
    }
}

#[test]
fn least_error_prefers_large_fractions() {
    let cells = grid(&[&["0.9"], &["0.1"], &["1.0"]]);
    let out = round_plan(&cells, &[m("2")], m("1"), &HardBounds::default()).unwrap();
    assert_eq!(out, grid(&[&["1"], &["0"], &["1"]]));
}

#[test]
fn pledges_survive_rounding() {
    let cells = grid(&[&["2.99999"], &["7.00001"]]);
    let bounds = HardBounds {
        cell_min: grid(&[&["3"], &["0"]]),
        cell_max: vec![vec![None], vec![None]],
        total_min: vec![None, None],
        total_max: vec![None, None],
    };
    let out = round_plan(&cells, &[m("10")], m("1"), &bounds).unwrap();
    assert_eq!(out, grid(&[&["3"], &["7"]]));
}

#[test]
fn fixed_cells_stay_and_a_fraction_goes_where_it_fits_best() {
    let cells = grid(&[&["40", "65"], &["33", "27"], &["25.5", "14.5"]]);
    let fixed = vec![
        vec![Some(m("40")), None],
        vec![Some(m("33")), None],
        vec![Some(m("25.5")), None],
    ];
    let annual = vec![m("98.5"), m("106.5")];
    let bounds = HardBounds::default();
    let out = round_partly_fixed(&cells, &fixed, &annual, m("1"), &bounds, None).unwrap();
    assert_eq!(out, cells);
}

#[test]
fn a_reference_wins_ties_and_near_ties() {
    let cells = grid(&[&["0.5"], &["0.5"]]);
    let reference = grid(&[&["0"], &["1"]]);
    let bounds = HardBounds::default();
    let out = round_near(&cells, &[m("1")], m("1"), &bounds, Some(&reference)).unwrap();
    assert_eq!(out, reference);
    let cells = grid(&[&["0.6"], &["0.4"]]);
    let out = round_near(&cells, &[m("1")], m("1"), &bounds, Some(&reference)).unwrap();
    assert_eq!(out, reference);
}

#[test]
fn ties_go_to_the_first_ally() {
    let cells = grid(&[&["0.5"], &["0.5"]]);
    let out = round_plan(&cells, &[m("1")], m("1"), &HardBounds::default()).unwrap();
    assert_eq!(out, grid(&[&["1"], &["0"]]));
}

/// Allies `A` and `B` delivered 0.1 each in the first year and are at their maximum of
/// 100 in the real plan, so with unit 5 each can reach only 95.1 in all; `C` must take
/// two units above its real 0.2 in the second year, which no rounding "down or up" of
/// its total allows.
type Fixed = Vec<Vec<Option<Money>>>;

fn held_fractions(max_c: Option<&str>) -> (Vec<Vec<Money>>, Fixed, HardBounds) {
    let cells = grid(&[&["0.1", "99.9"], &["0.1", "99.9"], &["9.8", "0.2"]]);
    let fixed = cells
        .iter()
        .map(|r| vec![Some(r[0]), None])
        .collect::<Vec<_>>();
    let bounds = HardBounds {
        cell_min: grid(&[&["0", "0"], &["0", "0"], &["0", "0"]]),
        cell_max: vec![vec![None; 2]; 3],
        total_min: vec![None; 3],
        total_max: vec![Some(m("100")), Some(m("100")), max_c.map(m)],
    };
    (cells, fixed, bounds)
}

#[test]
fn fractions_held_at_a_maximum_are_absorbed_by_the_others() {
    let (cells, fixed, bounds) = held_fractions(None);
    let annual = [m("10"), m("200")];
    let out = round_partly_fixed(&cells, &fixed, &annual, m("5"), &bounds, None).unwrap();
    assert_eq!(out, grid(&[&["0.1", "95"], &["0.1", "95"], &["9.8", "10"]]));
}

#[test]
fn no_rounding_when_the_maxima_cannot_hold_the_budget_in_whole_units() {
    // C at most 15 in all: after its 9.8 only 5 more fit, and A and B 95 each: 195 of
    // the 200 the second year needs.
    let (cells, fixed, bounds) = held_fractions(Some("15"));
    let annual = [m("10"), m("200")];
    let out = round_partly_fixed(&cells, &fixed, &annual, m("5"), &bounds, None);
    assert_eq!(out, Err(RoundingError { unit: m("5") }));
}

#[test]
fn maxima_off_the_unit_are_crossed_within_a_unit_only_when_needed() {
    // A and B at maxima of 57 and 58 (unit 5), C's 85 a whole multiple: one of A and B
    // must round up past its maximum, to 60; B, whose fraction is larger.
    let cells = grid(&[&["57"], &["58"], &["85"]]);
    let bounds = HardBounds {
        cell_min: grid(&[&["0"], &["0"], &["0"]]),
        cell_max: vec![vec![None]; 3],
        total_min: vec![None; 3],
        total_max: vec![Some(m("57")), Some(m("58")), None],
    };
    let out = round_plan(&cells, &[m("200")], m("5"), &bounds).unwrap();
    assert_eq!(out, grid(&[&["55"], &["60"], &["85"]]));
}
