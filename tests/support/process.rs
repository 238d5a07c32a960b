//! Running commands: the burden binary as a child process that a test may watch and
//! signal before it ends ([`Running`]), and the few other programs the tests need
//! ([`shell`], [`mkfifo`]), so that no test module spawns processes of its own.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::rc::Rc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::output::{files_in, Output};
use super::{render_line, Test};

/// A command started by [`Test::spawn`] and not yet waited for. Its streams are read as
/// it runs, so that it never blocks on a full pipe; [`Running::wait`] checks the test's
/// expectations as [`Test::run`] does.
#[derive(Debug)]
#[must_use = "a running command is checked by `.wait()`"]
pub(crate) struct Running {
    test: Test,
    child: Child,
    stdout: JoinHandle<Vec<u8>>,
    stderr: JoinHandle<Vec<u8>>,
    stdin: Option<JoinHandle<std::io::Result<()>>>,
}

/// Reads a pipe to its end on a thread of its own.
fn drain(mut pipe: impl Read + Send + 'static) -> JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        // A read error ends the stream; what came before it is what the command wrote.
        let _ = pipe.read_to_end(&mut bytes);
        bytes
    })
}

impl Test {
    /// Starts the command and returns at once, for a test that acts while it runs (waits
    /// for a file, sends a signal); [`Running::wait`] ends it like [`Test::run`].
    pub(crate) fn spawn(self) -> Running {
        let mut command = self.command();
        if self.stdin.is_some() {
            command.stdin(Stdio::piped());
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the burden binary runs");
        let stdin = self.stdin.clone().map(|bytes| {
            let mut pipe = child.stdin.take().expect("a standard input");
            // A thread, so that a command writing much before it reads cannot block.
            std::thread::spawn(move || pipe.write_all(&bytes))
        });
        let stdout = drain(child.stdout.take().expect("a standard output"));
        let stderr = drain(child.stderr.take().expect("a standard error"));
        Running {
            test: self,
            child,
            stdout,
            stderr,
            stdin,
        }
    }
}

impl Running {
    /// The temporary directory of the test.
    pub(crate) fn dir(&self) -> &Path {
        self.test.dir()
    }

    /// The names in the temporary directory now, sorted.
    pub(crate) fn files(&self) -> Vec<String> {
        files_in(self.dir())
    }

    /// Waits until `ready` holds of the temporary directory, checking every 20 ms; fails
    /// the test (and kills the command) when `limit` passes first or the command ends
    /// before.
    pub(crate) fn wait_until(
        &mut self,
        what: &str,
        limit: Duration,
        ready: impl Fn(&Path) -> bool,
    ) {
        let start = Instant::now();
        while !ready(self.dir()) {
            let ended = self.child.try_wait().expect("the command's status");
            if ended.is_some() || start.elapsed() > limit {
                let _ = self.child.kill();
                let _ = self.child.wait();
                let why = match ended {
                    Some(status) => format!("the command ended first ({status})"),
                    None => format!("not within {limit:?}"),
                };
                panic!(
                    "`{}`: {what}: {why}",
                    render_line(&self.test.command_line())
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends the signal `name` (`INT`, `TERM`, `HUP`, …) to the command.
    pub(crate) fn signal(&self, name: &str) {
        let sent = Command::new("kill")
            .args([format!("-{name}"), self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success(), "kill -{name} {} failed", self.child.id());
    }

    /// Waits for the command to end, checks every expectation and returns what it did.
    pub(crate) fn wait(mut self) -> Output {
        let status = self.child.wait().expect("the burden binary ends");
        if let Some(writer) = self.stdin {
            // The command may stop reading early (an error); that is not the test's.
            let _ = writer.join().expect("the writer ends");
        }
        let output = Output {
            line: render_line(&self.test.command_line()),
            status,
            stdout: self.stdout.join().expect("stdout is read"),
            stderr: self.stderr.join().expect("stderr is read"),
            dir: Rc::clone(&self.test.dir),
            cwd: self.test.cwd.clone(),
        };
        self.test.check(&output);
        output
    }
}

/// Runs `script` with `sh -c` in `dir` and fails the test unless it succeeds (a recipe
/// of the documentation, such as merging shards).
pub(crate) fn shell(dir: &Path, script: &str) {
    let status = Command::new("sh")
        .args(["-c", script])
        .current_dir(dir)
        .status()
        .expect("the shell runs");
    assert!(
        status.success(),
        "`{script}` in {}: {status}",
        dir.display()
    );
}

/// Makes a named pipe at `path`; false where `mkfifo` is missing or fails (the test
/// then has nothing to check).
pub(crate) fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

/// Whether the tests run in continuous integration (`CI` set to anything but empty, `0`
/// or `false`), where a test that needs a missing program fails instead of skipping.
pub(crate) fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// Runs the one test `name` (`module::test`) of this test binary again as its own
/// process, with `env` set (a value of `None` removes the variable), and returns what it
/// did: for a test of how another test behaves (skips, or fails in CI).
pub(crate) fn rerun_test(name: &str, env: &[(&str, Option<&str>)]) -> std::process::Output {
    let mut command = Command::new(std::env::current_exe().expect("the test binary"));
    command.args([name, "--exact", "--nocapture"]);
    for (key, value) in env {
        match value {
            Some(value) => command.env(key, value),
            None => command.env_remove(key),
        };
    }
    command.output().expect("the test binary runs")
}
