//! Reading scenario files: YAML text → node tree (with origins) → `extends` and `--set`
//! → raw serde types → trusted scenario. The only file that names the YAML crates.

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use super::input::read_input;
use super::schema::{self, unknown_fields, RawScenario};
use super::set::{apply_override, Override};
use super::tree::{merge, take_key, Node, Origin};
use super::validate::validate;
use super::yaml::parse_document;
use super::{InvalidScenario, Loaded, Problem, Severity};

/// A scenario file read and derived (`extends` resolved), before `--set` and validation.
/// Reading once and resolving many variants is what sweeps do.
#[derive(Clone, Debug)]
pub struct Document {
    tree: Node,
    /// The source notes: the comment block at the top of the file, line by line.
    notes: Vec<String>,
}

impl Document {
    /// Reads a scenario file and the files it extends.
    pub fn read(path: &Path) -> Result<Document, InvalidScenario> {
        let text = read_input(path)
            .map_err(|e| file_problem(path, format!("cannot read the scenario: {e}")))?;
        Ok(Document {
            tree: tree_of(&text, path, &mut Vec::new())?,
            notes: source_notes(&text),
        })
    }

    /// Parses scenario text (`name` is used in messages; `extends` is relative to the
    /// current directory).
    pub fn parse(text: &str, name: &str) -> Result<Document, InvalidScenario> {
        let mut tree = parse_document(text, Arc::new(PathBuf::from(name)))?;
        super::table::apply(&mut tree, Path::new(name))?;
        if let Some(ext) = take_key(&mut tree, "extends") {
            tree = extend(tree, ext, Path::new(name), &mut Vec::new())?;
        }
        Ok(Document {
            tree,
            notes: source_notes(text),
        })
    }

    /// Applies overrides and validates.
    pub fn resolve(&self, overrides: &[Override]) -> Result<Loaded, InvalidScenario> {
        let mut loaded = finish(self.tree.clone(), overrides)?;
        loaded.notes.clone_from(&self.notes);
        Ok(loaded)
    }

    /// Checks that an override names a field of the format that this document can take,
    /// without validating the result (a sweep checks its paths once, up front).
    pub fn check_override(&self, o: &Override) -> Result<(), InvalidScenario> {
        apply_override(&mut self.tree.clone(), o).map_err(|p| InvalidScenario { problems: vec![p] })
    }
}

/// Reads a YAML file (any mapping, not only a scenario) into a node tree with origins.
pub fn read_tree(path: &Path) -> Result<Node, InvalidScenario> {
    let text = read_input(path)
        .map_err(|e| file_problem(path, format!("cannot read {}: {e}", path.display())))?;
    parse_document(&text, Arc::new(path.to_path_buf()))
}

/// Loads, derives and validates a scenario file.
pub fn load(path: &Path, overrides: &[Override]) -> Result<Loaded, InvalidScenario> {
    Document::read(path)?.resolve(overrides)
}

/// Loads a scenario from text; see [`Document::parse`].
pub fn load_str(text: &str, name: &str, overrides: &[Override]) -> Result<Loaded, InvalidScenario> {
    Document::parse(text, name)?.resolve(overrides)
}

fn finish(mut tree: Node, overrides: &[Override]) -> Result<Loaded, InvalidScenario> {
    for o in overrides {
        apply_override(&mut tree, o).map_err(|p| InvalidScenario { problems: vec![p] })?;
    }
    let mut problems: Vec<Problem> = unknown_fields(&tree)
        .into_iter()
        .map(|u| {
            let mut p = Problem::new(
                Severity::Error,
                u.path,
                format!("unknown field `{}`", u.name),
            );
            p.origin = Some(u.node_origin);
            p.hint = u.suggestion.map(|s| format!("did you mean `{s}`?"));
            p
        })
        .collect();
    if !problems.is_empty() {
        return Err(InvalidScenario { problems });
    }
    let raw: RawScenario = match serde_path_to_error::deserialize(tree.to_value()) {
        Ok(raw) => raw,
        Err(err) => {
            let path = err.path().to_string();
            let path = if path == "." { String::new() } else { path };
            let mut p = Problem::new(
                Severity::Error,
                &path,
                schema::readable(&err.inner().to_string()),
            );
            p.origin = Some(tree.locate(&path));
            return Err(InvalidScenario { problems: vec![p] });
        }
    };
    let (scenario, found) = validate(&raw);
    problems.extend(found.into_iter().map(|mut p| {
        p.origin = Some(tree.locate(&p.path));
        p
    }));
    problems.sort_by_key(|p| p.severity);
    match scenario {
        Some(scenario) if !problems.iter().any(Problem::is_error) => Ok(Loaded {
            scenario,
            warnings: problems,
            notes: Vec::new(),
        }),
        _ => Err(InvalidScenario { problems }),
    }
}

pub(super) fn file_problem(file: &Path, message: String) -> InvalidScenario {
    let mut p = Problem::new(Severity::Error, "", message);
    // No line and column: the problem is with the file as a whole.
    p.origin = Some(Origin {
        file: Arc::new(file.to_path_buf()),
        line: 0,
        column: 0,
    });
    InvalidScenario { problems: vec![p] }
}

fn load_tree(path: &Path, chain: &mut Vec<PathBuf>) -> Result<Node, InvalidScenario> {
    let text = read_input(path)
        .map_err(|e| file_problem(path, format!("cannot read the scenario: {e}")))?;
    tree_of(&text, path, chain)
}

/// The node tree of a file's text, with the files it extends merged in.
fn tree_of(text: &str, path: &Path, chain: &mut Vec<PathBuf>) -> Result<Node, InvalidScenario> {
    let mut tree = parse_document(text, Arc::new(path.to_path_buf()))?;
    super::table::apply(&mut tree, path)?;
    match take_key(&mut tree, "extends") {
        Some(ext) => extend(tree, ext, path, chain),
        None => Ok(tree),
    }
}

fn extend(
    tree: Node,
    ext: Node,
    path: &Path,
    chain: &mut Vec<PathBuf>,
) -> Result<Node, InvalidScenario> {
    let Some(base_name) = ext.scalar() else {
        let mut p = Problem::new(
            Severity::Error,
            "extends",
            "expected the path of a base scenario",
        );
        p.origin = Some(ext.origin.clone());
        return Err(InvalidScenario { problems: vec![p] });
    };
    let base_path = path.parent().unwrap_or(Path::new("")).join(base_name);
    let me = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let base_key = base_path
        .canonicalize()
        .unwrap_or_else(|_| base_path.clone());
    chain.push(me);
    if chain.contains(&base_key) {
        let names: Vec<String> = chain.iter().map(|p| p.display().to_string()).collect();
        let mut p = Problem::new(
            Severity::Error,
            "extends",
            format!(
                "scenarios extend each other in a cycle: {} → {}",
                names.join(" → "),
                base_key.display()
            ),
        );
        p.origin = Some(ext.origin.clone());
        return Err(InvalidScenario { problems: vec![p] });
    }
    let mut base = load_tree(&base_path, chain).map_err(|mut e| {
        for p in &mut e.problems {
            if p.message.starts_with("cannot read the scenario") {
                p.origin = Some(ext.origin.clone());
                p.path = "extends".to_string();
                p.message = format!(
                    "cannot read the base scenario {}: {}",
                    base_path.display(),
                    p.message
                );
            }
        }
        e
    })?;
    chain.pop();
    let mut problems = Vec::new();
    merge(&mut base, tree, &mut problems);
    if problems.is_empty() {
        Ok(base)
    } else {
        Err(InvalidScenario {
            problems: problems
                .into_iter()
                .map(|(origin, message)| {
                    let mut p = Problem::new(Severity::Error, "allies", message);
                    p.origin = Some(origin);
                    p
                })
                .collect(),
        })
    }
}

/// The source notes of a scenario file: its leading comment block, without the `#`
/// markers, blank comment lines kept as paragraph breaks.
pub fn source_notes(text: &str) -> Vec<String> {
    let mut notes: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        let Some(comment) = line.trim_start().strip_prefix('#') else {
            if line.trim().is_empty() && notes.is_empty() {
                continue;
            }
            break;
        };
        notes.push(comment.strip_prefix(' ').unwrap_or(comment).to_string());
    }
    while notes.last().is_some_and(|l| l.trim().is_empty()) {
        notes.pop();
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::source_notes;

    #[test]
    fn source_notes_are_the_leading_comment_block() {
        let text = "\n# Title line\n#\n#   indented\n\nscenario: x # not a note\n# later\n";
        assert_eq!(source_notes(text), vec!["Title line", "", "  indented"]);
        assert!(source_notes("scenario: x\n# late comment\n").is_empty());
    }
}
