//! The HTML report in a real browser: headless Chromium renders the NATO report, takes a
//! screenshot that must not be blank, and dumps the DOM, which must hold the charts.
//! Without a browser the test says so and passes, except where the `CI` environment
//! variable is set: there a missing browser fails the test (`.ci/run` installs Debian's
//! chromium).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::{in_ci, rerun_test, Test};

const BROWSERS: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// The first browser on PATH (or in CHROMIUM), if any.
fn find_browser() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM").map(PathBuf::from) {
        return path.is_file().then_some(path);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| BROWSERS.iter().map(move |b| dir.join(b)))
        .find(|p| p.is_file())
}

/// Runs the browser headless on a file with extra flags and a fresh profile.
fn headless(browser: &Path, page: &Path, extra: &[String]) -> Output {
    let profile = tempfile::tempdir().expect("profile dir");
    let mut args: Vec<String> = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
    ]
    .map(String::from)
    .to_vec();
    args.push(format!("--user-data-dir={}", profile.path().display()));
    args.extend(extra.iter().cloned());
    args.push(format!("file://{}", page.display()));
    Command::new(browser)
        .args(&args)
        .output()
        .expect("the browser runs")
}

/// Decodes a PNG and returns the variance of its grey levels (0 for a blank image).
fn grey_variance(png_path: &Path) -> (u32, u32, f64) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_path).expect("screenshot exists"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = info.color_type.samples();
    let pixels = &buf[..info.buffer_size()];
    let greys: Vec<f64> = pixels
        .chunks(channels)
        .map(|p| {
            p.iter()
                .take(3.min(channels))
                .map(|&v| f64::from(v))
                .sum::<f64>()
                / 3.0f64.min(channels as f64)
        })
        .collect();
    let mean = greys.iter().sum::<f64>() / greys.len() as f64;
    let variance = greys.iter().map(|g| (g - mean).powi(2)).sum::<f64>() / greys.len() as f64;
    (info.width, info.height, variance)
}

/// Console messages that mean the page had errors.
fn console_errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| {
            l.contains("CONSOLE")
                || l.contains("Uncaught")
                || l.contains("net::ERR_")
                || l.contains("Failed to load resource")
        })
        .collect()
}

#[test]
fn nato_report_renders_in_chromium() {
    let Some(browser) = find_browser() else {
        let missing = format!("no browser found (looked for {} on PATH, or the file named by CHROMIUM); install Debian's `chromium` to run it", BROWSERS.join(", "));
        assert!(!in_ci(), "nato_report_renders_in_chromium: {missing}");
        eprintln!("SKIPPED nato_report_renders_in_chromium: {missing}");
        return;
    };
    let test = Test::new();
    let page = test.path("report.html");
    let shot = test.path("report.png");
    // Holds the temporary directory until the browser is done with the page.
    let _report = test
        .scenario("scenarios/nato-100bn.yaml")
        .args(["report", "-o"])
        .arg(&page)
        .run();

    let out = headless(
        &browser,
        &page,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,2000".to_string(),
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        shot.is_file(),
        "no screenshot from {}: {stderr}",
        browser.display()
    );
    let (width, height, variance) = grey_variance(&shot);
    assert_eq!((width, height), (1280, 2000));
    assert!(
        variance > 100.0,
        "the screenshot looks blank (grey variance {variance:.1})"
    );
    assert!(
        console_errors(&stderr).is_empty(),
        "console errors: {:?}",
        console_errors(&stderr)
    );
    if let Some(keep) = std::env::var_os("BURDEN_KEEP_SCREENSHOT") {
        std::fs::copy(&shot, keep).expect("screenshot kept");
    }

    let out = headless(&browser, &page, &["--dump-dom".to_string()]);
    let dom = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        dom.matches("<svg").count(),
        2,
        "both charts are in the rendered page"
    );
    assert!(
        dom.contains("Burden index per ally"),
        "chart text rendered as text"
    );
    assert!(
        dom.contains("<div class=\"table\" id=\"table-Plan\">"),
        "the plan table is there"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        console_errors(&stderr).is_empty(),
        "console errors: {:?}",
        console_errors(&stderr)
    );
    eprintln!(
        "rendered the NATO report in {}: {width}×{height} screenshot, grey variance {variance:.0}",
        browser.display()
    );
}

/// Where `CI` is set, a missing browser fails the test: run it as its own process with
/// `CHROMIUM` naming no file.
#[test]
fn a_missing_browser_fails_in_ci() {
    let test = "browser::nato_report_renders_in_chromium";
    let out = rerun_test(
        test,
        &[
            ("CI", Some("true")),
            ("CHROMIUM", Some("/no/such/chromium")),
        ],
    );
    // The panic message goes to stderr with --nocapture.
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{text}");
    assert!(text.contains("no browser found"), "{text}");
    let out = rerun_test(
        test,
        &[("CI", None), ("CHROMIUM", Some("/no/such/chromium"))],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("SKIPPED nato_report_renders_in_chromium"),
        "{err}"
    );
}
