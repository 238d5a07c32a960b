//! Actuals in YAML: `delivered: {year: {ally id: amount}}`, with optional `currency` and
//! `unit` that must match the scenario's, and optional `bilateral: {year: {ally id:
//! amount}}`, the bilateral aid allies actually gave.

use std::path::PathBuf;
use std::sync::Arc;

use super::{problem, Entry, Read};
use crate::scenario::schema::suggest;
use crate::scenario::tree::{Kind, Node};
use crate::scenario::{parse_yaml, Origin};

const KEYS: &[&str] = &["currency", "unit", "delivered", "bilateral"];

pub(super) fn read(text: &str, file: &Arc<PathBuf>) -> Read {
    let mut read = Read::default();
    let root = match parse_yaml(text, file.clone()) {
        Ok(Some(root)) => root,
        Ok(None) => {
            let origin = Origin {
                file: file.clone(),
                line: 1,
                column: 1,
            };
            read.problems
                .push(problem(&origin, "", "the actuals file is empty"));
            return read;
        }
        Err(invalid) => {
            read.problems = invalid.problems;
            return read;
        }
    };
    let Some(fields) = root.map() else {
        read.problems.push(problem(
            &root.origin,
            "",
            "actuals are a YAML mapping with a `delivered:` map of {year: {ally: amount}}",
        ));
        return read;
    };
    for field in fields {
        match field.key.as_str() {
            "currency" => read.currency = scalar(&field.value, "currency", &mut read),
            "unit" => read.unit = scalar(&field.value, "unit", &mut read),
            "delivered" => years(&field.value, "delivered", &mut read),
            "bilateral" => years(&field.value, "bilateral", &mut read),
            other => {
                let mut p = problem(&field.key_origin, other, format!("unknown field `{other}`"));
                p.hint = suggest(other, KEYS).map(|s| format!("did you mean `{s}`?"));
                read.problems.push(p);
            }
        }
    }
    if root.get("delivered").is_none() {
        read.problems.push(problem(
            &root.origin,
            "delivered",
            "no `delivered:` map of {year: {ally: amount}}",
        ));
    }
    read
}

fn scalar(node: &Node, path: &str, read: &mut Read) -> Option<(String, Origin)> {
    match node.scalar() {
        Some(text) => Some((text.to_string(), node.origin.clone())),
        None => {
            read.problems
                .push(problem(&node.origin, path, "expected a single value"));
            None
        }
    }
}

fn years(node: &Node, field: &str, read: &mut Read) {
    let Some(years) = node.map() else {
        read.problems.push(problem(
            &node.origin,
            field,
            "expected a map of {year: {ally: amount}}",
        ));
        return;
    };
    for year in years {
        let path = format!("{field}.{}", year.key);
        let Some(allies) = year.value.map() else {
            read.problems.push(problem(
                &year.value.origin,
                &path,
                "expected a map of {ally id: amount}",
            ));
            continue;
        };
        for ally in allies {
            let path = format!("{path}.{}", ally.key);
            let amount = match &ally.value.kind {
                Kind::Scalar { text, .. } => text.clone(),
                _ => {
                    read.problems
                        .push(problem(&ally.value.origin, &path, "expected an amount"));
                    continue;
                }
            };
            let entry = Entry {
                path,
                year: (year.key.clone(), year.key_origin.clone()),
                ally: (ally.key.clone(), ally.key_origin.clone()),
                amount: (amount, ally.value.origin.clone()),
            };
            if field == "bilateral" {
                read.bilateral.push(entry);
            } else {
                read.entries.push(entry);
            }
        }
    }
}
