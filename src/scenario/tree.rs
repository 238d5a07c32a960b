//! The scenario document as a tree of nodes that remember where each value was written,
//! so that derived scenarios (`extends`, `--set`) still point at the right file and line.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// Where a value was written: a file (or `--set`) and a 1-based line and column (0 when
/// the value was not written in a file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub file: Arc<PathBuf>,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            // Not in a file, e.g. a `--set` on the command line.
            return write!(f, "{}", self.file.display());
        }
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// A YAML value with its origin. Scalars keep their source text, so amounts stay exact.
#[derive(Clone, Debug)]
pub struct Node {
    pub origin: Origin,
    pub kind: Kind,
}

#[derive(Clone, Debug)]
pub enum Kind {
    /// Source text of the scalar, and whether it was quoted (a quoted scalar is a string).
    Scalar {
        text: String,
        quoted: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Clone, Debug)]
pub struct Entry {
    pub key: String,
    pub key_origin: Origin,
    pub value: Node,
}

/// One step of a field path such as `allies[3].bilateral.2026`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// Splits `allies[3].bilateral.2026` into steps.
pub fn parse_path(path: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut rest = part;
        if let Some(open) = rest.find('[') {
            if open > 0 {
                steps.push(Step::Key(rest[..open].to_string()));
            }
            rest = &rest[open..];
            while let Some(stripped) = rest.strip_prefix('[') {
                let Some(close) = stripped.find(']') else {
                    break;
                };
                match stripped[..close].parse() {
                    Ok(index) => steps.push(Step::Index(index)),
                    Err(_) => steps.push(Step::Key(stripped[..close].to_string())),
                }
                rest = &stripped[close + 1..];
            }
        } else {
            steps.push(Step::Key(rest.to_string()));
        }
    }
    steps
}

impl Node {
    pub fn map(&self) -> Option<&[Entry]> {
        match &self.kind {
            Kind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.map()?
            .iter()
            .rev()
            .find(|e| e.key == key)
            .map(|e| &e.value)
    }

    pub fn scalar(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The origin of the deepest node on `path` (the value itself when it exists).
    pub fn locate(&self, path: &str) -> Origin {
        let mut node = self;
        for step in parse_path(path) {
            let next = match (&step, &node.kind) {
                (Step::Key(key), Kind::Map(entries)) => entries
                    .iter()
                    .rev()
                    .find(|e| &e.key == key)
                    .map(|e| &e.value),
                (Step::Index(i), Kind::Seq(items)) => items.get(*i),
                _ => None,
            };
            match next {
                Some(next) => node = next,
                None => break,
            }
        }
        node.origin.clone()
    }

    /// Converts to a `serde_yaml::Value` for typed deserialisation. Plain scalars stay
    /// text (numbers are parsed exactly later), except `null`, `~`, empty, `true`, `false`.
    pub fn to_value(&self) -> serde_yaml::Value {
        use serde_yaml::Value;
        match &self.kind {
            Kind::Scalar { text, quoted: true } => Value::String(text.clone()),
            Kind::Scalar {
                text,
                quoted: false,
            } => match text.as_str() {
                "" | "~" | "null" | "Null" | "NULL" => Value::Null,
                "true" | "True" | "TRUE" => Value::Bool(true),
                "false" | "False" | "FALSE" => Value::Bool(false),
                _ => Value::String(text.clone()),
            },
            Kind::Seq(items) => Value::Sequence(items.iter().map(Node::to_value).collect()),
            Kind::Map(entries) => {
                let mut map = serde_yaml::Mapping::new();
                for entry in entries {
                    map.insert(Value::String(entry.key.clone()), entry.value.to_value());
                }
                Value::Mapping(map)
            }
        }
    }
}

/// Deep merge of an overriding document onto a base: maps merge, lists replace, and
/// `allies` merge by `id` (`remove: true` drops an ally). Returns problems found.
pub fn merge(base: &mut Node, over: Node, problems: &mut Vec<(Origin, String)>) {
    merge_at(base, over, "", problems);
}

fn merge_at(base: &mut Node, over: Node, at: &str, problems: &mut Vec<(Origin, String)>) {
    let over_origin = over.origin.clone();
    match (&mut base.kind, over.kind) {
        (Kind::Map(base_entries), Kind::Map(over_entries)) => {
            for entry in over_entries {
                let child_path = if at.is_empty() {
                    entry.key.clone()
                } else {
                    format!("{at}.{}", entry.key)
                };
                match base_entries.iter_mut().rev().find(|e| e.key == entry.key) {
                    Some(existing) if child_path == "allies" => {
                        merge_allies(&mut existing.value, entry.value, problems);
                    }
                    Some(existing) => {
                        merge_at(&mut existing.value, entry.value, &child_path, problems)
                    }
                    None => base_entries.push(entry),
                }
            }
        }
        (_, kind) => {
            *base = Node {
                origin: over_origin,
                kind,
            }
        }
    }
}

fn ally_id(node: &Node) -> Option<&str> {
    node.get("id").and_then(Node::scalar)
}

fn is_removal(node: &Node) -> bool {
    node.get("remove").and_then(Node::scalar) == Some("true")
}

fn merge_allies(base: &mut Node, over: Node, problems: &mut Vec<(Origin, String)>) {
    let Kind::Seq(over_items) = over.kind else {
        *base = over;
        return;
    };
    let Kind::Seq(base_items) = &mut base.kind else {
        *base = Node {
            origin: over.origin,
            kind: Kind::Seq(over_items),
        };
        return;
    };
    for item in over_items {
        let Some(id) = ally_id(&item).map(str::to_string) else {
            problems.push((
                item.origin.clone(),
                "an ally in a derived scenario needs an `id` to say which ally it changes"
                    .to_string(),
            ));
            continue;
        };
        let position = base_items.iter().position(|b| ally_id(b) == Some(&id));
        match (position, is_removal(&item)) {
            (Some(i), true) => {
                base_items.remove(i);
            }
            (None, true) => problems.push((
                item.origin.clone(),
                format!("cannot remove ally {id}: the base scenario has no such ally"),
            )),
            (Some(i), false) => merge_at(&mut base_items[i], item, "allies[]", problems),
            (None, false) => base_items.push(item),
        }
    }
}

/// Removes a top-level key, returning its node.
pub fn take_key(node: &mut Node, key: &str) -> Option<Node> {
    let Kind::Map(entries) = &mut node.kind else {
        return None;
    };
    let index = entries.iter().position(|e| e.key == key)?;
    Some(entries.remove(index).value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_steps() {
        assert_eq!(
            parse_path("allies[3].bilateral.2026"),
            vec![
                Step::Key("allies".into()),
                Step::Index(3),
                Step::Key("bilateral".into()),
                Step::Key("2026".into())
            ]
        );
        assert_eq!(parse_path("budget"), vec![Step::Key("budget".into())]);
    }
}
