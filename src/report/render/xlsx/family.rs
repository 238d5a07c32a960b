//! The sheets of a workbook: each table on its own, but a family of tables (an
//! explanation's chain, sensitivities and tipping points, one table per ally) on one
//! sheet, its tables' rows one after the other under one header whose first column names
//! each row's table — one sheet to filter by ally rather than three sheets per ally.

use std::borrow::Cow;

use crate::report::doc::{Cell, Column, Document, Family, Kind, Table};

/// The tables as sheets, in the order of the document: a family where its first table is.
pub(super) fn sheets(doc: &Document) -> Vec<Cow<'_, Table>> {
    let tables: Vec<&Table> = doc.tables().collect();
    let mut out = Vec::new();
    let mut done: Vec<&str> = Vec::new();
    for table in &tables {
        match &table.family {
            None => out.push(Cow::Borrowed(*table)),
            Some(f) if done.contains(&f.sheet.as_str()) => {}
            Some(f) => {
                done.push(&f.sheet);
                let members: Vec<&Table> = tables
                    .iter()
                    .filter(|t| t.family.as_ref().is_some_and(|g| g.sheet == f.sheet))
                    .copied()
                    .collect();
                out.push(Cow::Owned(merged(f, &members)));
            }
        }
    }
    out
}

/// One table of a family's members: the label column, then every column that some
/// member has (by key, in order of first appearance), a member's missing cells empty.
/// The sheet holds values: a member's totals row is a row labelled "… total", and no
/// cell is a formula (the members' own columns may differ).
fn merged(family: &Family, members: &[&Table]) -> Table {
    let mut columns = vec![Column::new("member", family.label.as_str(), Kind::Text).repeated()];
    for table in members {
        for column in &table.columns {
            match columns.iter_mut().find(|c| c.key == column.key) {
                Some(seen) => seen.kind = common_kind(seen.kind, column.kind),
                None => columns.push(Column {
                    formula: None,
                    summed: false,
                    ..column.clone()
                }),
            }
        }
    }
    let mut rows = Vec::new();
    for table in members {
        let member = table.family.as_ref().map_or("", |f| f.member.as_str());
        // Where each of the member's columns lands in the merged table.
        let at: Vec<usize> = table
            .columns
            .iter()
            .map(|c| columns.iter().position(|m| m.key == c.key).unwrap_or(0))
            .collect();
        let mut place = |label: String, cells: &[Cell]| {
            let mut row = vec![Cell::Empty; columns.len()];
            row[0] = Cell::Text(label);
            for (cell, &i) in cells.iter().zip(&at) {
                row[i] = cell.clone();
            }
            rows.push(row);
        };
        for row in &table.rows {
            place(member.to_string(), row);
        }
        if let Some(totals) = &table.totals {
            place(format!("{member} total"), totals);
        }
    }
    Table {
        id: family.sheet.clone(),
        caption: family.caption.clone(),
        columns,
        rows,
        totals: None,
        family: None,
    }
}

/// Two kinds of one column in different members: money with the decimals the cells have
/// where the members round differently, else the first member's.
fn common_kind(a: Kind, b: Kind) -> Kind {
    match (a, b) {
        _ if a == b => a,
        (Kind::Money { .. }, Kind::Money { .. }) => Kind::Money { places: None },
        (Kind::Delta { .. }, Kind::Delta { .. }) => Kind::Delta { places: None },
        _ => a,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::doc::Block;

    fn member(id: &str, with_why: bool) -> Table {
        let mut columns = vec![
            Column::new("year", "Year", Kind::Text),
            Column::new("amount", "Plan", Kind::Money { places: Some(0) }),
        ];
        let mut row = vec![Cell::text("2025"), Cell::Integer(7)];
        if with_why {
            columns.push(Column::new("why", "Why", Kind::Text));
            row.push(Cell::text("pledge"));
        }
        Table {
            id: format!("{id} chain"),
            caption: String::new(),
            columns,
            rows: vec![row],
            totals: Some(vec![Cell::text("all"), Cell::Integer(7)]),
            family: Some(Family {
                sheet: "Chains".into(),
                caption: "Chains".into(),
                label: "Ally".into(),
                member: id.into(),
            }),
        }
    }

    #[test]
    fn a_family_is_one_sheet_with_every_member_s_columns() {
        let mut doc = Document::new("t", "t");
        let lone = Table {
            id: "Assumptions".into(),
            ..Table::default()
        };
        doc.blocks = vec![
            Block::Table(member("AAA", false)),
            Block::Table(lone),
            Block::Table(member("BBB", true)),
        ];
        let sheets = sheets(&doc);
        let ids: Vec<&str> = sheets.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["Chains", "Assumptions"]);
        let chains = &sheets[0];
        let keys: Vec<&str> = chains.columns.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["member", "year", "amount", "why"]);
        let labels: Vec<&Cell> = chains.rows.iter().map(|r| &r[0]).collect();
        assert_eq!(
            labels,
            [
                &Cell::text("AAA"),
                &Cell::text("AAA total"),
                &Cell::text("BBB"),
                &Cell::text("BBB total")
            ]
        );
        assert_eq!(chains.rows[0][3], Cell::Empty, "AAA has no Why");
        assert_eq!(chains.rows[2][3], Cell::text("pledge"));
        assert!(chains.totals.is_none() && chains.family.is_none());
    }
}
