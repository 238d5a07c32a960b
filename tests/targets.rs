//! Output targets: devices and named pipes are written into (never replaced), write
//! errors are exit 2, unknown extensions are refused, and an interrupted sweep leaves no
//! temporary file behind.

use std::os::unix::fs::FileTypeExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn burden(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_burden"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("the burden binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const SMALL: &str = "tests/fixtures/accounts/small.yaml";

#[test]
fn dev_null_stays_a_device() {
    let out = burden(&["solve", SMALL, "-o", "/dev/null"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(meta.file_type().is_char_device());
}

#[test]
fn a_full_device_is_a_write_error() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    for format in ["table", "csv", "xlsx"] {
        let out = burden(&["solve", SMALL, "-f", format, "-o", "/dev/full"]);
        assert_eq!(out.status.code(), Some(2), "{format}: {}", stderr(&out));
        assert!(stderr(&out).contains("No space left"), "{}", stderr(&out));
        assert!(std::fs::metadata("/dev/full")
            .unwrap()
            .file_type()
            .is_char_device());
    }
}

#[test]
fn a_named_pipe_is_written_into() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("plan.csv");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = burden(&["solve", SMALL, "-o", fifo.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = reader.join().unwrap();
    assert!(text.starts_with("id,name,2025"), "{text}");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn an_unknown_extension_is_refused_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (command, name) in [("solve", "plan.xls"), ("report", "report.pdf")] {
        let path = dir.path().join(name);
        let out = burden(&[command, SMALL, "-o", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains("hint:"), "{}", stderr(&out));
        assert!(!path.exists());
    }
    // --format decides over the name.
    let path = dir.path().join("plan.xls");
    let out = burden(&["solve", SMALL, "-f", "csv", "-o", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // A name without an extension gets the table, as standard output does.
    let path = dir.path().join("plan");
    let out = burden(&["solve", SMALL, "-o", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&path).unwrap().contains("┌"));
}

#[test]
fn a_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = burden(&["solve", SMALL, "-o", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("is a directory"), "{}", stderr(&out));
}

#[test]
fn a_symbolic_link_keeps_pointing_at_the_file_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("real.csv");
    std::fs::write(&file, "old").unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&file, &link).unwrap();
    let out = burden(&["solve", SMALL, "-o", link.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .starts_with("id,name"));
}

/// The hidden temporary files in `dir`.
fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with('.') && n.ends_with(".tmp"))
        .collect()
}

#[test]
fn a_signal_during_a_sweep_removes_its_temporary_file() {
    for (signal, number) in [("INT", 2), ("TERM", 15), ("HUP", 1)] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("sweep.csv");
        let mut child = Command::new(env!("CARGO_BIN_EXE_burden"))
            .args(["sweep", "scenarios/nato-100bn.yaml", "-j", "1"])
            .args(["--vary", "bilateral_credit=0:1:0.0002", "-o"])
            .arg(&out)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while temporaries(dir.path()).is_empty() && start.elapsed() < Duration::from_secs(60) {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(
            !temporaries(dir.path()).is_empty(),
            "no temporary file appeared"
        );
        let sent = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(128 + number), "SIG{signal}");
        assert!(
            temporaries(dir.path()).is_empty(),
            "SIG{signal}: {:?}",
            temporaries(dir.path())
        );
        assert!(!out.exists());
    }
}
