//! The Excel renderer's pieces checked alone: sheet names, formulas, number formats.

use super::*;

#[test]
fn sheet_names_are_clean_short_and_unique() {
    let mut names = SheetNames::default();
    assert_eq!(names.take("Plan", "Table"), "Plan");
    assert_eq!(names.take("plan", "Table"), "plan (2)");
    assert_eq!(names.take("a/b:c", "Table"), "a b c");
    assert_eq!(names.take("  ", "Table"), "Table");
    let long = "x".repeat(40);
    assert_eq!(names.take(&long, "Table").chars().count(), 31);
    assert_eq!(
        names.take(&long, "Table"),
        format!("{} (2)", "x".repeat(27))
    );
}

#[test]
fn formulas_read_as_excel_writes_them() {
    assert_eq!(
        row_formula(&Formula::Sum(vec![2, 3, 4]), 4).unwrap(),
        "=SUM(C5:E5)"
    );
    assert_eq!(
        row_formula(&Formula::Sum(vec![1, 3]), 4).unwrap(),
        "=SUM(B5,D5)"
    );
    assert_eq!(
        row_formula(&Formula::Difference(3, 2), 9).unwrap(),
        "=D10-C10"
    );
    assert_eq!(
        row_formula(&Formula::Ratio(3, 2), 0).unwrap(),
        "=IF(C1=0,\"\",D1/C1)"
    );
}

#[test]
fn number_formats_follow_the_kind() {
    assert_eq!(money_format(0, false), "#,##0");
    assert_eq!(money_format(2, false), "#,##0.00");
    assert_eq!(money_format(0, true), "+#,##0;-#,##0;0");
    assert_eq!(money_format(1, true), "+#,##0.0;-#,##0.0;0.0");
    assert_eq!(fixed_format(3, ""), "0.000");
    assert_eq!(fixed_format(1, "%"), "0.0%");
}
