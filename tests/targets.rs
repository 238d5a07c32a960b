//! Output targets: devices and named pipes are written into (never replaced), write
//! errors are exit 2, unknown extensions are refused, and an interrupted sweep leaves no
//! temporary file behind.

use std::os::unix::fs::FileTypeExt;
use std::path::Path;
use std::time::Duration;

use crate::support::{mkfifo, Test};

const SMALL: &str = "tests/fixtures/accounts/small.yaml";

#[test]
fn dev_null_stays_a_device() {
    Test::new()
        .scenario(SMALL)
        .args(["solve", "-o", "/dev/null"])
        .run();
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(meta.file_type().is_char_device());
}

#[test]
fn a_full_device_is_a_write_error() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    for format in ["table", "csv", "xlsx"] {
        Test::new()
            .scenario(SMALL)
            .args(["solve", "-f", format, "-o", "/dev/full"])
            .code(2)
            .stderr_contains("No space left")
            .run();
        assert!(std::fs::metadata("/dev/full")
            .unwrap()
            .file_type()
            .is_char_device());
    }
}

#[test]
fn a_named_pipe_is_written_into() {
    let test = Test::new();
    let fifo = test.path("plan.csv");
    if !mkfifo(&fifo) {
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    // The output holds the temporary directory until the end of the test.
    let _out = test.scenario(SMALL).args(["solve", "-o"]).arg(&fifo).run();
    let text = reader.join().unwrap();
    assert!(text.starts_with("id,name,2025"), "{text}");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn an_unknown_extension_is_refused_and_writes_nothing() {
    for (command, name) in [("solve", "plan.xls"), ("report", "report.pdf")] {
        let test = Test::new();
        let path = test.path(name);
        let out = test
            .scenario(SMALL)
            .args([command, "-o"])
            .arg(&path)
            .code(2)
            .stderr_contains("hint:")
            .run();
        out.assert_absent(name);
    }
    // --format decides over the name.
    let test = Test::new();
    let path = test.path("plan.xls");
    let out = test
        .scenario(SMALL)
        .args(["solve", "-f", "csv", "-o"])
        .arg(path)
        .run();
    assert!(out.read("plan.xls").starts_with("id,name"));
    // A name without an extension gets the table, as standard output does.
    let test = Test::new();
    let path = test.path("plan");
    let out = test.scenario(SMALL).args(["solve", "-o"]).arg(path).run();
    assert!(out.read("plan").contains("┌"));
}

#[test]
fn a_directory_is_refused() {
    let test = Test::new();
    let dir = test.dir().to_path_buf();
    test.scenario(SMALL)
        .args(["solve", "-o"])
        .arg(dir)
        .code(2)
        .stderr_contains("is a directory")
        .run();
}

#[test]
fn a_symbolic_link_keeps_pointing_at_the_file_it_names() {
    let test = Test::new().file("real.csv", "old");
    let link = test.path("link.csv");
    std::os::unix::fs::symlink(test.path("real.csv"), &link).unwrap();
    let out = test.scenario(SMALL).args(["solve", "-o"]).arg(&link).run();
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(out.read("real.csv").starts_with("id,name"));
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
        let test = Test::new();
        let out = test.path("sweep.csv");
        let mut running = test
            .scenario("scenarios/nato-100bn.yaml")
            .args([
                "sweep",
                "-j",
                "1",
                "--vary",
                "bilateral_credit=0:1:0.0002",
                "-o",
            ])
            .arg(&out)
            .code(128 + number)
            .spawn();
        running.wait_until("a temporary file appears", Duration::from_secs(60), |dir| {
            !temporaries(dir).is_empty()
        });
        running.signal(signal);
        let ended = running.wait();
        assert!(
            temporaries(ended.dir()).is_empty(),
            "SIG{signal}: {:?}",
            temporaries(ended.dir())
        );
        ended.assert_absent("sweep.csv");
    }
}
