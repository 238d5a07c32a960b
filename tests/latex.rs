//! The LaTeX documents compile: every command's `-o x.tex` (a plan, a pledge scorecard, a
//! comparison, an explanation, tracking, a re-plan, sweeps over one and two parameters,
//! the report) goes through pdfLaTeX without an error, and so does a plan whose names
//! hold LaTeX's special characters, a command that would read a file, Greek, Cyrillic,
//! Chinese and an emoji. Without `pdflatex` on PATH (or the file named by `PDFLATEX`)
//! the tests print `SKIPPED …` and pass, except where the `CI` environment variable is
//! set: there they fail (`.ci/run` installs Debian's `texlive-latex-recommended`).

use std::path::{Path, PathBuf};

use crate::support::{in_ci, Test};

const SMALL: &str = "tests/fixtures/accounts/small.yaml";
const ACTUALS: &str = "tests/fixtures/accounts/small-actuals.csv";
const NATO: &str = "scenarios/nato-100bn.yaml";
const PLEDGE: &str = "scenarios/nato-40bn-pledge.yaml";

/// pdfLaTeX: `PDFLATEX`, or `pdflatex` on PATH.
fn find_pdflatex() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PDFLATEX").map(PathBuf::from) {
        return path.is_file().then_some(path);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("pdflatex"))
        .find(|p| p.is_file())
}

/// pdfLaTeX, or `None` after saying SKIPPED (outside CI; in CI a missing one fails).
fn pdflatex_or_skip(test: &str) -> Option<PathBuf> {
    let found = find_pdflatex();
    if found.is_none() {
        let missing = "no pdflatex found (looked on PATH, or for the file named by PDFLATEX); \
                       install Debian's `texlive-latex-recommended` to run it";
        assert!(!in_ci(), "{test}: {missing}");
        eprintln!("SKIPPED {test}: {missing}");
    }
    found
}

/// Compiles `dir/name` with pdfLaTeX (no shell escape, never stopping for input) and
/// fails with the log's errors unless a PDF comes out without one.
fn compile(pdflatex: &Path, dir: &Path, name: &str) {
    let output = std::process::Command::new(pdflatex)
        .args([
            "-no-shell-escape",
            "-interaction=nonstopmode",
            "-halt-on-error",
            name,
        ])
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("pdflatex runs");
    let log = String::from_utf8_lossy(&output.stdout);
    let errors: Vec<&str> = log.lines().filter(|l| l.starts_with('!')).collect();
    assert!(
        output.status.success() && errors.is_empty(),
        "{name} does not compile: {errors:?}\n{log}"
    );
    let pdf = dir.join(name.replace(".tex", ".pdf"));
    let size = std::fs::metadata(&pdf).map_or(0, |m| m.len());
    assert!(size > 1000, "{name}: no PDF came out");
}

/// Runs `args` (which write `-o name`) in a fresh directory and compiles the result.
fn writes_and_compiles(pdflatex: &Path, args: &[&str], name: &str) -> String {
    let test = Test::new();
    let written = test.path(name);
    // The run's output holds the temporary directory: it lives until the end.
    let _out = test.args(args).arg("-o").arg(&written).run();
    let text = std::fs::read_to_string(&written).expect("the .tex file");
    let dir = written.parent().expect("the output's folder");
    compile(pdflatex, dir, name);
    text
}

#[test]
fn every_command_writes_latex_that_compiles() {
    let Some(pdflatex) = pdflatex_or_skip("every_command_writes_latex_that_compiles") else {
        return;
    };
    let runs: [(&[&str], &str); 9] = [
        (&["solve", NATO], "plan.tex"),
        (&["solve", PLEDGE], "pledge.tex"),
        (
            &["compare", NATO, "scenarios/nato-100bn-no-credit.yaml"],
            "compare.tex",
        ),
        (&["explain", SMALL], "explain.tex"),
        (&["track", SMALL, "--actuals", ACTUALS], "track.tex"),
        (&["replan", SMALL, "--actuals", ACTUALS], "replan.tex"),
        (
            &["sweep", SMALL, "--vary", "bilateral_credit=0,0.5,1"],
            "sweep.tex",
        ),
        (
            &[
                "sweep",
                NATO,
                "--vary",
                "bilateral_credit=0,0.5",
                "--vary",
                "smoothing=0.1,0.2",
            ],
            "grid.tex",
        ),
        (&["report", NATO], "report.tex"),
    ];
    for (args, name) in runs {
        let text = writes_and_compiles(&pdflatex, args, name);
        assert!(text.contains("\\begin{longtable}"), "{name} holds a table");
        assert!(text.contains("\\toprule"), "{name} uses booktabs rules");
    }
}

#[test]
fn hostile_names_compile_and_stay_text() {
    let Some(pdflatex) = pdflatex_or_skip("hostile_names_compile_and_stay_text") else {
        return;
    };
    let sets = [
        r"allies.AAA.name='\input{/etc/passwd} \end{document} 50% $x^2$ & #1 ~ _{}|<>'",
        "allies.BBB.name='Ελλάδα Україна 日本 🇺🇦 ħ Σβ≤∞'",
        r"scenario='\write18{touch pwned} Fund \\ for R&D'",
    ];
    let mut test = Test::new();
    let written = test.path("plan.tex");
    test = test.arg("solve");
    for set in sets {
        test = test.args(["--set", set]);
    }
    let _out = test.args([SMALL, "-o"]).arg(&written).run();
    let text = std::fs::read_to_string(&written).expect("the .tex file");
    for raw in ["\\input{", "\\end{document} 50", "\\write18", "$x^2$"] {
        assert!(!text.contains(raw), "{raw:?} reached the LaTeX unescaped");
    }
    assert!(text.contains("\\textbackslash{}input\\{/etc/passwd\\}"));
    assert!(text.contains("[U+0423]"), "Cyrillic as code points");
    assert!(
        text.contains("$\\Sigma$$\\beta$$\\leq$$\\infty$"),
        "Greek as math"
    );
    compile(&pdflatex, written.parent().expect("a folder"), "plan.tex");
    assert!(!written.with_file_name("pwned").exists());
}

#[test]
fn the_check_fails_on_a_document_pdflatex_refuses() {
    let Some(pdflatex) = pdflatex_or_skip("the_check_fails_on_a_document_pdflatex_refuses") else {
        return;
    };
    // A Greek letter as raw text is what the escaping must prevent: pdfLaTeX stops on it.
    let dir = tempfile::tempdir().expect("a temporary directory");
    let tex = "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\begin{document}\nΣ\n\\end{document}\n";
    std::fs::write(dir.path().join("bad.tex"), tex).expect("the control document");
    let refused = std::panic::catch_unwind(|| compile(&pdflatex, dir.path(), "bad.tex"));
    assert!(
        refused.is_err(),
        "the compile check passed a document with an error"
    );
}
