//! `--set PATH=VALUE`: checking a path against the format (with the nearest valid name
//! when a part is unknown) and replacing or adding the value in the node tree.

use std::path::PathBuf;
use std::sync::Arc;

use super::schema::{known_keys, suggest};
use super::tree::{parse_path, Entry, Kind, Node, Origin, Step};
use super::yaml::parse_document;
use super::{Problem, Severity};

/// A `--set PATH=VALUE` override.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    pub path: String,
    pub value: String,
    /// The option that gave it, for messages: `--set` or `--vary`.
    pub option: &'static str,
}

/// Splits `PATH=VALUE`.
pub fn parse_set(text: &str) -> Result<Override, String> {
    match text.split_once('=') {
        Some((path, value)) if !path.trim().is_empty() => Ok(Override {
            path: path.trim().to_string(),
            value: value.to_string(),
            option: "--set",
        }),
        _ => Err(format!(
            "`{text}` is not of the form PATH=VALUE, e.g. bilateral_credit=1"
        )),
    }
}

/// Where an override's values come from: `--set PATH=VALUE` (or `--vary`), without line
/// and column.
pub(super) fn set_origin(o: &Override) -> Origin {
    Origin {
        file: Arc::new(PathBuf::from(format!(
            "{} {}={}",
            o.option, o.path, o.value
        ))),
        line: 0,
        column: 0,
    }
}

/// Why a `--set` path does not fit: a message and perhaps a hint.
type Why = (String, Option<String>);

/// Applies one `--set`: checks the path against the format, then replaces or adds the value.
pub(super) fn apply_override(tree: &mut Node, o: &Override) -> Result<(), Problem> {
    let origin = set_origin(o);
    let fail = |(message, hint): Why| {
        let mut p = Problem::new(Severity::Error, o.path.clone(), message);
        p.origin = Some(origin.clone());
        p.hint = hint;
        p
    };
    let mut value = parse_value(&o.value, &origin.file).map_err(|m| fail((m, None)))?;
    reorigin(&mut value, &origin);
    if o.path.split('.').any(|part| part.trim().is_empty()) {
        return Err(fail((
            format!("`{}` has an empty part between dots", o.path),
            Some("write a path such as budget.total".into()),
        )));
    }
    let steps = parse_path(&o.path);
    if steps.first() == Some(&Step::Key("extends".to_string())) {
        return Err(fail((
            "`extends` cannot be set from the command line".into(),
            Some("write a scenario file that extends the base".into()),
        )));
    }
    place(tree, &steps, value, &origin).map_err(fail)
}

/// Walks `steps` down the tree, checking each name against the format, and puts the
/// value at the end (adding the fields that are missing on the way).
fn place(tree: &mut Node, steps: &[Step], value: Node, origin: &Origin) -> Result<(), Why> {
    let mut node = tree;
    let mut shape: Vec<&str> = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        let last = i + 1 == steps.len();
        if shape == ["allies"] {
            let index = ally_index(node, step)?;
            let (Kind::Seq(items), false) = (&mut node.kind, last) else {
                return Err(("name a field of the ally, e.g. allies.USA.max".into(), None));
            };
            node = &mut items[index];
            shape.push("*");
            continue;
        }
        let Step::Key(key) = step else {
            return Err((format!("`{}` is not a list", shape.join(".")), None));
        };
        check_known(&shape, key)?;
        let Kind::Map(entries) = &mut node.kind else {
            let whole = steps_text(&steps[..i]);
            return Err((
                format!("`{whole}` is a single value, not a map: set it whole"),
                None,
            ));
        };
        let index = entry_index(entries, key, origin);
        if last {
            entries[index].value = value;
            return Ok(());
        }
        node = &mut entries[index].value;
        shape = descend(shape, key);
    }
    Ok(())
}

/// The position of the ally a step names (by id, or by index), or why there is none.
fn ally_index(node: &Node, step: &Step) -> Result<usize, Why> {
    let Kind::Seq(items) = &node.kind else {
        return Err(("the scenario has no list of allies".into(), None));
    };
    let ids: Vec<&str> = items.iter().filter_map(|a| a.get("id")?.scalar()).collect();
    match step {
        Step::Index(k) if *k < items.len() => Ok(*k),
        Step::Index(k) => Err((format!("there is no ally number {k}"), None)),
        Step::Key(id) => items
            .iter()
            .position(|a| a.get("id").and_then(Node::scalar) == Some(id))
            .ok_or_else(|| {
                let hint = match suggest(id, &ids) {
                    Some(s) => format!("did you mean `{s}`? The ids are {}", ids.join(", ")),
                    None => format!("the ids are {}", ids.join(", ")),
                };
                (format!("no ally has id `{id}`"), Some(hint))
            }),
    }
}

/// Checks a field name against the format's names below `shape`.
fn check_known(shape: &[&str], key: &str) -> Result<(), Why> {
    let Some(known) = known_keys(shape) else {
        return Ok(());
    };
    if known.contains(&key) {
        return Ok(());
    }
    let where_ = match shape {
        [] => "a scenario".to_string(),
        ["allies", "*"] => "an ally".to_string(),
        _ => format!("`{}`", shape.join(".")),
    };
    Err((
        format!("`{key}` is not a field of {where_}"),
        suggest(key, known).map(|s| format!("did you mean `{s}`?")),
    ))
}

/// The entry for `key`, added (as an empty map) when the document does not have it yet.
fn entry_index(entries: &mut Vec<Entry>, key: &str, origin: &Origin) -> usize {
    if let Some(p) = entries.iter().rposition(|e| e.key == key) {
        return p;
    }
    entries.push(Entry {
        key: key.to_string(),
        key_origin: origin.clone(),
        value: Node {
            origin: origin.clone(),
            kind: Kind::Map(Vec::new()),
        },
    });
    entries.len() - 1
}

/// The shape of the format one field further down.
fn descend<'a>(mut shape: Vec<&'a str>, key: &str) -> Vec<&'a str> {
    shape.push(match (shape.as_slice(), key) {
        ([], "budget") => "budget",
        ([], "key") => "key",
        ([], "indicators") => "indicators",
        ([], "allies") => "allies",
        (["indicators"], _) => "*",
        _ => "any",
    });
    if shape.last() == Some(&"any") && known_keys(&shape).is_none() {
        shape = vec!["any"];
    }
    shape
}

fn steps_text(steps: &[Step]) -> String {
    steps
        .iter()
        .map(|s| match s {
            Step::Key(k) => k.clone(),
            Step::Index(i) => format!("[{i}]"),
        })
        .collect::<Vec<_>>()
        .join(".")
}

fn parse_value(text: &str, file: &Arc<PathBuf>) -> Result<Node, String> {
    let tree = parse_document(&format!("v: {text}"), file.clone()).map_err(|e| {
        e.problems
            .first()
            .map_or_else(|| "not a YAML value".to_string(), |p| p.message.clone())
    })?;
    tree.get("v")
        .cloned()
        .ok_or_else(|| "an empty value".to_string())
}

/// Points every node of a value at the `--set` that wrote it.
fn reorigin(node: &mut Node, origin: &Origin) {
    node.origin = origin.clone();
    match &mut node.kind {
        Kind::Scalar { .. } => {}
        Kind::Seq(items) => items.iter_mut().for_each(|n| reorigin(n, origin)),
        Kind::Map(entries) => entries.iter_mut().for_each(|e| {
            e.key_origin = origin.clone();
            reorigin(&mut e.value, origin);
        }),
    }
}
