//! Reading scenario files: YAML text → node tree (with origins) → `extends` and `--set`
//! → raw serde types → trusted scenario. The only file that names the YAML crates.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, SpannedEventReceiver};

pub use super::input::read_input;
use super::input::{size, unclosed};
use super::limits::MAX_ALIAS_VALUES;
use super::schema::{self, unknown_fields, RawScenario};
use super::set::{apply_override, Override};
use super::tree::{merge, take_key, Entry, Kind, Node, Origin};
use super::validate::validate;
use super::{InvalidScenario, Loaded, Problem, Severity};

/// A scenario file read and derived (`extends` resolved), before `--set` and validation.
/// Reading once and resolving many variants is what sweeps do.
#[derive(Clone, Debug)]
pub struct Document {
    tree: Node,
}

impl Document {
    /// Reads a scenario file and the files it extends.
    pub fn read(path: &Path) -> Result<Document, InvalidScenario> {
        Ok(Document {
            tree: load_tree(path, &mut Vec::new())?,
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
        Ok(Document { tree })
    }

    /// Applies overrides and validates.
    pub fn resolve(&self, overrides: &[Override]) -> Result<Loaded, InvalidScenario> {
        finish(self.tree.clone(), overrides)
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
        }),
        _ => Err(InvalidScenario { problems }),
    }
}

fn file_problem(file: &Path, message: String) -> InvalidScenario {
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
    let mut tree = parse_document(&text, Arc::new(path.to_path_buf()))?;
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

/// Parses YAML text into a node tree that remembers where each value was written (None
/// for an empty document). Other YAML inputs (such as actuals) use it too.
pub fn parse_yaml(text: &str, file: Arc<PathBuf>) -> Result<Option<Node>, InvalidScenario> {
    let mut builder = Builder {
        file: file.clone(),
        stack: Vec::new(),
        root: None,
        anchors: HashMap::new(),
        problems: Vec::new(),
        opened: Vec::new(),
        documents: 0,
        expanded: 0,
    };
    let mut parser = Parser::new_from_str(text);
    if let Err(e) = parser.load(&mut builder, true) {
        let at = Origin {
            file,
            line: e.marker().line(),
            column: e.marker().col() + 1,
        };
        let mut p = Problem::new(Severity::Error, "", format!("not valid YAML: {}", e.info()));
        p.origin = Some(at.clone());
        if let Some((bracket, origin)) = unclosed(text, &builder.opened, e.info(), &at) {
            p.message = format!(
                "not valid YAML: the `{bracket}` here is never closed (the parser stopped at {}:{}: {})",
                at.line,
                at.column,
                e.info()
            );
            p.origin = Some(origin);
        }
        return Err(InvalidScenario { problems: vec![p] });
    }
    if !builder.problems.is_empty() {
        return Err(InvalidScenario {
            problems: builder.problems,
        });
    }
    Ok(builder.root)
}

/// Parses YAML text into a node tree. The document must be a mapping.
pub(super) fn parse_document(text: &str, file: Arc<PathBuf>) -> Result<Node, InvalidScenario> {
    match parse_yaml(text, file.clone())? {
        Some(root) if root.map().is_some() => Ok(root),
        Some(root) => {
            let mut p = Problem::new(
                Severity::Error,
                "",
                "a scenario is a YAML mapping of fields such as `years:` and `allies:`",
            );
            p.origin = Some(root.origin);
            Err(InvalidScenario { problems: vec![p] })
        }
        None => Err(file_problem(
            &file,
            "the scenario file is empty".to_string(),
        )),
    }
}

enum Frame {
    Seq(Origin, usize, Vec<Node>),
    Map(Origin, usize, Vec<Entry>, Option<(String, Origin)>),
}

struct Builder {
    file: Arc<PathBuf>,
    stack: Vec<Frame>,
    root: Option<Node>,
    /// Anchored values and their sizes.
    anchors: HashMap<usize, (Node, usize)>,
    problems: Vec<Problem>,
    /// Where each open collection started: its character index and origin.
    opened: Vec<(usize, Origin)>,
    documents: usize,
    /// Values added by expanding aliases so far.
    expanded: usize,
}

impl Builder {
    fn origin(&self, span: Span) -> Origin {
        Origin {
            file: self.file.clone(),
            line: span.start.line(),
            column: span.start.col() + 1,
        }
    }

    fn push(&mut self, node: Node, anchor: usize) {
        if anchor != 0 {
            let n = size(&node);
            self.anchors.insert(anchor, (node.clone(), n));
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Seq(_, _, items)) => items.push(node),
            Some(Frame::Map(_, _, entries, pending)) => match pending.take() {
                None => match node.kind {
                    Kind::Scalar { text, .. } => *pending = Some((text, node.origin)),
                    _ => {
                        let mut p =
                            Problem::new(Severity::Error, "", "a field name must be plain text");
                        p.origin = Some(node.origin);
                        self.problems.push(p);
                        *pending = Some((
                            String::new(),
                            Origin {
                                file: self.file.clone(),
                                line: 0,
                                column: 0,
                            },
                        ));
                    }
                },
                Some((key, key_origin)) => {
                    if let Some(first) = entries.iter().find(|e| e.key == key) {
                        let mut p = Problem::new(
                            Severity::Error,
                            key.clone(),
                            format!(
                                "field `{key}` is given twice (first at line {})",
                                first.key_origin.line
                            ),
                        );
                        p.origin = Some(key_origin.clone());
                        self.problems.push(p);
                    }
                    entries.push(Entry {
                        key,
                        key_origin,
                        value: node,
                    });
                }
            },
        }
    }
}

impl<'input> SpannedEventReceiver<'input> for Builder {
    fn on_event(&mut self, ev: Event<'input>, span: Span) {
        let origin = self.origin(span);
        match ev {
            Event::Scalar(text, style, anchor, _) => {
                let quoted = style != ScalarStyle::Plain;
                self.push(
                    Node {
                        origin,
                        kind: Kind::Scalar {
                            text: text.into_owned(),
                            quoted,
                        },
                    },
                    anchor,
                );
            }
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents == 2 {
                    let mut p = Problem::new(
                        Severity::Error,
                        "",
                        "a second YAML document (after `---`): a file holds one document",
                    );
                    p.hint =
                        Some("remove the `---` line and what follows it, or merge the two".into());
                    p.origin = Some(origin);
                    self.problems.push(p);
                }
            }
            Event::SequenceStart(anchor, _) => {
                self.opened.push((span.start.index(), origin.clone()));
                self.stack.push(Frame::Seq(origin, anchor, Vec::new()))
            }
            Event::MappingStart(anchor, _) => {
                self.opened.push((span.start.index(), origin.clone()));
                self.stack
                    .push(Frame::Map(origin, anchor, Vec::new(), None))
            }
            Event::SequenceEnd | Event::MappingEnd => {
                self.opened.pop();
                let (node, anchor) = match self.stack.pop() {
                    Some(Frame::Seq(origin, anchor, items)) => (
                        Node {
                            origin,
                            kind: Kind::Seq(items),
                        },
                        anchor,
                    ),
                    Some(Frame::Map(origin, anchor, entries, _)) => (
                        Node {
                            origin,
                            kind: Kind::Map(entries),
                        },
                        anchor,
                    ),
                    None => return,
                };
                self.push(node, anchor);
            }
            Event::Alias(id) => {
                let Some((node, n)) = self.anchors.get(&id) else {
                    return;
                };
                self.expanded = self.expanded.saturating_add(*n);
                if self.expanded <= MAX_ALIAS_VALUES {
                    let node = node.clone();
                    self.push(node, 0);
                    return;
                }
                if !self.problems.iter().any(|p| p.message.contains("aliases")) {
                    let mut p = Problem::new(
                        Severity::Error,
                        "",
                        format!("YAML aliases here expand to more than {MAX_ALIAS_VALUES} values, the limit (a document that grows like this could exhaust memory)"),
                    );
                    p.origin = Some(origin.clone());
                    self.problems.push(p);
                }
                // A placeholder keeps the document's shape; it is never used.
                self.push(
                    Node {
                        origin,
                        kind: Kind::Scalar {
                            text: String::new(),
                            quoted: false,
                        },
                    },
                    0,
                );
            }
            _ => {}
        }
    }
}
