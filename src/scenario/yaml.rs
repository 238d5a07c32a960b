//! The YAML event builder: text → a node tree that remembers where each value was
//! written, with alias expansion bounded and unclosed brackets placed.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, SpannedEventReceiver};

use super::input::{size, unclosed};
use super::limits::MAX_ALIAS_VALUES;
use super::load::file_problem;
use super::tree::{Entry, Kind, Node, Origin};
use super::{InvalidScenario, Problem, Severity};

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
        let problem = syntax_problem(text, &builder.opened, &e, file);
        return Err(InvalidScenario {
            problems: vec![problem],
        });
    }
    if !builder.problems.is_empty() {
        return Err(InvalidScenario {
            problems: builder.problems,
        });
    }
    Ok(builder.root)
}

/// A YAML syntax error where it is best seen: at a closing bracket of the wrong kind
/// (`years: [1, 2}`), at the opening bracket that is never closed, or else where the
/// parser stopped.
fn syntax_problem(
    text: &str,
    opened: &[(usize, Origin)],
    e: &saphyr_parser::ScanError,
    file: Arc<PathBuf>,
) -> Problem {
    let at = Origin {
        file,
        line: e.marker().line(),
        column: e.marker().col() + 1,
    };
    let mut p = Problem::new(Severity::Error, "", format!("not valid YAML: {}", e.info()));
    p.origin = Some(at.clone());
    if let Some((close, open, origin)) = mismatched(text, opened, e.marker().index()) {
        let want = if open == '[' { ']' } else { '}' };
        p.message = format!(
            "not valid YAML: this `{close}` does not close the `{open}` opened at {}:{} (a `{open}` closes with `{want}`)",
            origin.line, origin.column
        );
        p.hint = Some(format!(
            "write `{want}` here, or open the list or map with the bracket that matches `{close}`"
        ));
        return p;
    }
    if let Some((bracket, origin)) = unclosed(text, opened, e.info(), &at) {
        p.message = format!(
            "not valid YAML: the `{bracket}` here is never closed (the parser stopped at {}:{}: {})",
            at.line,
            at.column,
            e.info()
        );
        p.origin = Some(origin);
    }
    p
}

/// When the parser stopped at a closing bracket (character `index`) of the other kind
/// than the innermost open one: that bracket, the open one and where it was opened.
fn mismatched(
    text: &str,
    opened: &[(usize, Origin)],
    index: usize,
) -> Option<(char, char, Origin)> {
    let close = text.chars().nth(index)?;
    let (open, origin) = opened.iter().rev().find_map(|(i, origin)| {
        let c = text.chars().nth(*i)?;
        matches!(c, '[' | '{').then(|| (c, origin.clone()))
    })?;
    matches!((open, close), ('[', '}') | ('{', ']')).then_some((close, open, origin))
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
