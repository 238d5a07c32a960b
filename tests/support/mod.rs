//! The test harness: one way to run the `burden` binary in a test, as a fluent builder.
//!
//! ```ignore
//! Test::new()
//!     .scenario("scenarios/nato-100bn.yaml")
//!     .args(["solve", "--format", "csv"])
//!     .code(0)
//!     .stdout_snapshot("proposal.csv")
//!     .run();
//! ```
//!
//! A command runs in the repository root unless the test asks for its temporary
//! directory ([`Test::in_temp_dir`]) or another folder ([`Test::current_dir`]), with
//! `NO_COLOR=1`, an empty standard input unless [`Test::stdin`] gives one, and is
//! expected to exit 0 unless [`Test::code`] says otherwise. Every test owns a fresh
//! temporary directory ([`Test::file`], [`Test::path`]); [`Output::then`] runs the next
//! command in the same one. Snapshots are the files of tests/snapshots/ (see
//! [`snapshot`]).
//!
//! Beyond the streams: [`Output::read`] and [`Output::read_bytes`] give a file the
//! command wrote, [`Output::files`] and [`Output::assert_absent`] say what it left in
//! the temporary directory, [`Test::env`] and [`Test::stdin`] feed it. A test that acts
//! while the command runs starts it with [`Test::spawn`] and ends it with
//! [`process::Running::wait`]; the expectations are the same. Nothing else in
//! the tests spawns the binary. [`in_ci`] and [`rerun_test`] serve the tests that need
//! another program (a browser, LibreOffice) and skip without it except in CI.

mod output;
mod process;
mod snapshot;
mod tests;

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::rc::Rc;

use tempfile::TempDir;

pub(crate) use output::Output;
pub(crate) use process::{in_ci, mkfifo, rerun_test, shell};
pub(crate) use snapshot::snapshot;

/// The what-if fixtures of compare, sweep, shard and the derived scenarios; those tests
/// run in this folder so that file names in outputs stay short.
pub(crate) const WHATIFS: &str = "tests/fixtures/whatifs";

/// The repository root, where commands run by default.
pub(crate) fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Where a command runs.
#[derive(Debug, Clone)]
enum Cwd {
    /// A folder relative to the repository root (`""` is the root itself).
    Repo(PathBuf),
    /// The test's temporary directory.
    Temp,
}

/// What an output stream is expected to be.
#[derive(Debug, Default)]
struct Expect {
    exact: Option<Vec<u8>>,
    contains: Vec<String>,
    snapshot: Option<String>,
}

/// One run of the binary being built up: arguments, input, expectations.
#[derive(Debug)]
#[must_use = "a test does nothing until `.run()`"]
pub(crate) struct Test {
    dir: Rc<TempDir>,
    cwd: Cwd,
    args: Vec<OsString>,
    scenario: Option<OsString>,
    stdin: Option<Vec<u8>>,
    env: Vec<(OsString, OsString)>,
    code: i32,
    stdout: Expect,
    stderr: Expect,
}

impl Test {
    /// A test in the repository root with a fresh temporary directory.
    pub(crate) fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory");
        Self::in_dir(Rc::new(dir), Cwd::Repo(PathBuf::new()))
    }

    fn in_dir(dir: Rc<TempDir>, cwd: Cwd) -> Self {
        Self {
            dir,
            cwd,
            args: Vec::new(),
            scenario: None,
            stdin: None,
            env: vec![("NO_COLOR".into(), "1".into())],
            code: 0,
            stdout: Expect::default(),
            stderr: Expect::default(),
        }
    }

    /// The test's temporary directory.
    pub(crate) fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The path of `name` in the temporary directory (nothing is created).
    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir().join(name)
    }

    /// Writes `contents` to `name` in the temporary directory (folders included).
    pub(crate) fn file(self, name: &str, contents: impl AsRef<[u8]>) -> Self {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("a folder in the temporary directory");
        }
        std::fs::write(&path, contents).expect("a file in the temporary directory");
        self
    }

    /// Runs the command in the temporary directory instead of the repository root.
    pub(crate) fn in_temp_dir(mut self) -> Self {
        self.cwd = Cwd::Temp;
        self
    }

    /// Runs the command in `folder`, relative to the repository root (or absolute).
    pub(crate) fn current_dir(mut self, folder: impl AsRef<Path>) -> Self {
        self.cwd = Cwd::Repo(folder.as_ref().to_path_buf());
        self
    }

    /// The scenario file, passed as given (relative to the working directory) right
    /// after the first argument, the command: `.scenario(s).args(["solve", "-f", "csv"])`
    /// runs `burden solve s -f csv`.
    pub(crate) fn scenario(mut self, path: impl AsRef<OsStr>) -> Self {
        self.scenario = Some(path.as_ref().to_os_string());
        self
    }

    /// One more argument (a path, a `String`, …).
    pub(crate) fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.args.push(arg.as_ref().to_os_string());
        self
    }

    /// More arguments, in order.
    pub(crate) fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_os_string()));
        self
    }

    /// Bytes on standard input (otherwise it is empty).
    pub(crate) fn stdin(mut self, bytes: impl AsRef<[u8]>) -> Self {
        self.stdin = Some(bytes.as_ref().to_vec());
        self
    }

    /// An environment variable for the command (`NO_COLOR=1` is always set).
    pub(crate) fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.env.push((key.as_ref().into(), value.as_ref().into()));
        self
    }

    /// The expected exit code (0 unless given).
    pub(crate) fn code(mut self, code: i32) -> Self {
        self.code = code;
        self
    }

    /// Standard output must be exactly `text`.
    pub(crate) fn stdout(mut self, text: impl AsRef<[u8]>) -> Self {
        self.stdout.exact = Some(text.as_ref().to_vec());
        self
    }

    /// Standard output must contain `text` (may be given several times).
    pub(crate) fn stdout_contains(mut self, text: &str) -> Self {
        self.stdout.contains.push(text.to_string());
        self
    }

    /// Standard output must be the snapshot tests/snapshots/NAME.
    pub(crate) fn stdout_snapshot(mut self, name: &str) -> Self {
        self.stdout.snapshot = Some(name.to_string());
        self
    }

    /// Standard error must be exactly `text` (`""` for silence).
    pub(crate) fn stderr(mut self, text: impl AsRef<[u8]>) -> Self {
        self.stderr.exact = Some(text.as_ref().to_vec());
        self
    }

    /// Standard error must contain `text` (may be given several times).
    pub(crate) fn stderr_contains(mut self, text: &str) -> Self {
        self.stderr.contains.push(text.to_string());
        self
    }

    /// The working directory the command runs in.
    fn working_dir(&self) -> PathBuf {
        match &self.cwd {
            Cwd::Repo(folder) => root().join(folder),
            Cwd::Temp => self.dir().to_path_buf(),
        }
    }

    /// The full argument list, with the scenario after the command.
    fn command_line(&self) -> Vec<OsString> {
        let mut args = self.args.clone();
        if let Some(scenario) = &self.scenario {
            let first = args
                .first()
                .expect(".scenario() needs a command in .args()");
            assert!(
                !first.to_string_lossy().starts_with('-'),
                ".scenario() goes after the command; put global options after it too"
            );
            args.insert(1, scenario.clone());
        }
        args
    }

    /// The command as `std::process::Command`, the one runner under [`Test::run`] and
    /// [`Test::spawn`].
    fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_burden"));
        command
            .args(self.command_line())
            .current_dir(self.working_dir())
            .stdin(Stdio::null());
        for (key, value) in &self.env {
            command.env(key, value);
        }
        command
    }

    /// Runs the command, checks every expectation and returns what it did.
    pub(crate) fn run(self) -> Output {
        self.spawn().wait()
    }

    fn check(&self, out: &Output) {
        if out.status.code() != Some(self.code) {
            out.fail(&format!(
                "exit code {:?}, expected {}",
                out.status.code(),
                self.code
            ));
        }
        check_stream(out, "stdout", &out.stdout, &self.stdout);
        check_stream(out, "stderr", &out.stderr, &self.stderr);
    }
}

fn check_stream(out: &Output, name: &str, actual: &[u8], expect: &Expect) {
    let text = String::from_utf8_lossy(actual);
    if let Some(exact) = &expect.exact {
        if actual != exact.as_slice() {
            let wanted = String::from_utf8_lossy(exact);
            out.fail(&format!("{name} is not as expected:\n{wanted}"));
        }
    }
    for part in &expect.contains {
        if !text.contains(part.as_str()) {
            out.fail(&format!("{name} lacks `{part}`"));
        }
    }
    if let Some(snap) = &expect.snapshot {
        if let Err(message) = snapshot::check(snap, actual) {
            panic!("`{}`: {name}: {message}", out.line);
        }
    }
}

fn render_line(args: &[OsString]) -> String {
    let words: Vec<_> = args.iter().map(|a| a.to_string_lossy()).collect();
    format!("burden {}", words.join(" "))
}
