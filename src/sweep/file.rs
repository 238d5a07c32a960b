//! Sweep files (`--sweep FILE.yaml`): the scenario, fixed overrides and the grid of a
//! study written down, so that it can be run again exactly.
//!
//! ```yaml
//! scenario: ../scenarios/nato-100bn.yaml   # relative to this file; optional
//! set: {key.ceiling: 0.2}                  # optional, every variant
//! vary:                                    # in grid order: the first varies slowest
//!   bilateral_credit: 0:1:0.25             # a range start:stop:step
//!   budget.total: [60000, 100000, 150000]  # or a list
//!   smoothing: {start: 0.1, stop: 0.5, step: 0.1}
//! ```

use std::path::{Path, PathBuf};

use super::grid::Axis;
use crate::scenario::tree::{Kind, Node};
use crate::scenario::{read_tree, InvalidScenario, Override, Problem, Severity};

/// A sweep as read from a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SweepFile {
    /// The scenario, relative to the current directory.
    pub scenario: Option<PathBuf>,
    pub sets: Vec<Override>,
    pub axes: Vec<Axis>,
}

const KEYS: [&str; 3] = ["scenario", "set", "vary"];

impl SweepFile {
    /// Reads a sweep file; ranges may not exceed `cap` values.
    pub fn read(path: &Path, cap: usize) -> Result<SweepFile, InvalidScenario> {
        let tree = read_tree(path)?;
        let mut out = SweepFile::default();
        let mut problems = Vec::new();
        for entry in tree.map().unwrap_or_default() {
            let node = &entry.value;
            let found = match entry.key.as_str() {
                "scenario" => scalar(node, "scenario").map(|name| {
                    let dir = path.parent().unwrap_or(Path::new(""));
                    out.scenario = Some(dir.join(name));
                }),
                "set" => pairs(node, "set").map(|pairs| {
                    out.sets = pairs
                        .into_iter()
                        .map(|(path, n)| Override {
                            path,
                            value: yaml_text(n),
                            option: "--set",
                        })
                        .collect();
                }),
                "vary" => axes(node, cap).map(|axes| out.axes = axes),
                other => Err(problem(
                    node,
                    other,
                    format!("unknown field `{other}` of a sweep file"),
                )
                .hint(format!("the fields are {}", KEYS.join(", ")))),
            };
            if let Err(p) = found {
                problems.push(p);
            }
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(InvalidScenario { problems })
        }
    }
}

trait Hint {
    fn hint(self, hint: String) -> Self;
}

impl Hint for Problem {
    fn hint(mut self, hint: String) -> Problem {
        self.hint = Some(hint);
        self
    }
}

fn problem(node: &Node, path: &str, message: String) -> Problem {
    let mut p = Problem::new(Severity::Error, path, message);
    p.origin = Some(node.origin.clone());
    p
}

fn scalar<'a>(node: &'a Node, path: &str) -> Result<&'a str, Problem> {
    node.scalar()
        .ok_or_else(|| problem(node, path, "expected a single value".into()))
}

fn pairs<'a>(node: &'a Node, path: &str) -> Result<Vec<(String, &'a Node)>, Problem> {
    let entries = node
        .map()
        .ok_or_else(|| problem(node, path, "expected a map of {field path: value}".into()))?;
    Ok(entries.iter().map(|e| (e.key.clone(), &e.value)).collect())
}

/// The axes of `vary`, in the order written.
fn axes(node: &Node, cap: usize) -> Result<Vec<Axis>, Problem> {
    let mut out = Vec::new();
    for (path, values) in pairs(node, "vary")? {
        let at = format!("vary.{path}");
        let axis = match &values.kind {
            Kind::Seq(items) => Ok(Axis {
                path: path.clone(),
                values: items.iter().map(yaml_text).collect(),
            }),
            Kind::Scalar { text, .. } => Axis::new(&path, text, cap),
            Kind::Map(_) => {
                let part = |name: &str| {
                    values
                        .get(name)
                        .and_then(Node::scalar)
                        .ok_or_else(|| problem(values, &at, format!("a range needs `{name}`")))
                };
                let range = format!("{}:{}:{}", part("start")?, part("stop")?, part("step")?);
                Axis::new(&path, &range, cap)
            }
        };
        let axis = axis.map_err(|e| problem(values, &at, e.to_string()))?;
        if axis.values.is_empty() {
            return Err(problem(values, &at, "an empty list of values".into()));
        }
        out.push(axis);
    }
    Ok(out)
}

/// A value as YAML text, as `--set` takes it.
fn yaml_text(node: &Node) -> String {
    match &node.kind {
        Kind::Scalar {
            text,
            quoted: false,
        } => text.clone(),
        Kind::Scalar { text, quoted: true } => format!("'{}'", text.replace('\'', "''")),
        Kind::Seq(items) => {
            let items: Vec<String> = items.iter().map(yaml_text).collect();
            format!("[{}]", items.join(", "))
        }
        Kind::Map(entries) => {
            let entries: Vec<String> = entries
                .iter()
                .map(|e| format!("{}: {}", e.key, yaml_text(&e.value)))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<SweepFile, InvalidScenario> {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("study.yaml");
        std::fs::write(&path, text).expect("write");
        SweepFile::read(&path, 1000).map(|mut f| {
            f.scenario = f.scenario.map(|s| {
                s.strip_prefix(dir.path())
                    .map(Path::to_path_buf)
                    .unwrap_or(s)
            });
            f
        })
    }

    #[test]
    fn reads_scenario_sets_and_axes_in_order() {
        let file = read(
            "scenario: base.yaml\nset: {key.ceiling: 0.2, allies.USA.pledged: {2025: 1}}\nvary:\n  budget.total: [100, '200']\n  bilateral_credit: 0:1:0.5\n  smoothing: {start: 0.1, stop: 0.2, step: 0.1}\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(file.scenario.as_deref(), Some(Path::new("base.yaml")));
        assert_eq!(file.sets[0].path, "key.ceiling");
        assert_eq!(file.sets[1].value, "{2025: 1}");
        let paths: Vec<&str> = file.axes.iter().map(|a| a.path.as_str()).collect();
        assert_eq!(paths, ["budget.total", "bilateral_credit", "smoothing"]);
        assert_eq!(file.axes[0].values, ["100", "'200'"]);
        assert_eq!(file.axes[1].values, ["0", "0.5", "1"]);
        assert_eq!(file.axes[2].values, ["0.1", "0.2"]);
    }

    #[test]
    fn problems_point_at_the_line() {
        let err = read("vary:\n  budget.total: 1:0:1\nsett: {}\n").expect_err("invalid");
        let text = err.to_string();
        assert!(text.contains("study.yaml:2:17"), "{text}");
        assert!(text.contains("goes away from the stop"), "{text}");
        assert!(text.contains("unknown field `sett`"), "{text}");
    }
}
