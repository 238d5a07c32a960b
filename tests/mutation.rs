//! A deterministic mutation test of the shipped scenarios and actuals: seeded random edits
//! (extreme numbers, broken YAML, aliases, control characters, odd `--set` and `--vary`
//! values) run through `burden::cli::run`. Every run must end with exit 0, 1 or 2, never
//! a panic, and within a bound of time. `BURDEN_MUTATIONS=N` sets the number of runs
//! (default 500); a longer campaign is the same test with a larger N.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// A run that takes longer than this is taken for a hang.
const HANG: Duration = Duration::from_secs(60);

/// xorshift64*: small, seeded, the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const NUMBERS: &[&str] = &[
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "1e18",
    "1000000000000000000",
    "1e30",
    "1e-29",
    "0.00000000000000000000000000001",
    "1e17",
    "1e15",
    "-1",
    "0",
    "0.5",
    "1",
    "2147483647",
    "-2147483648",
    ".inf",
    ".nan",
    "~",
    "''",
    "[]",
    "{}",
    "9999999999999999",
    "0.000001",
];

const SNIPPETS: &[&str] = &[
    "[",
    "]",
    "{",
    "}",
    ":",
    ": ",
    "- ",
    "&a ",
    "*a",
    "\n---\n",
    "\u{202E}",
    "\u{1b}[31m",
    "\t",
    "\"",
    "'",
    "#",
    "!!str ",
    "? ",
    "|",
    ">",
    ",",
    "\n  ",
    "\u{0}",
];

const PATHS: &[&str] = &[
    "budget.total",
    "budget.rounding",
    "budget.profile",
    "smoothing",
    "bilateral_credit",
    "key.floor",
    "key.ceiling",
    "key.weights",
    "allies.AAA.max",
    "allies.AAA.max_gdp_pct",
    "allies.AAA.bilateral",
    "allies.AAA.indicators.gdp",
    "allies.BBB.pledged",
    "years",
    "unit",
    "budget..total",
    "allies[0].nmae",
    "allies.ZZZ.max",
    "fx.USD",
];

/// Replaces one number in the text with an extreme or odd value.
fn swap_number(rng: &mut Rng, text: &str) -> String {
    let spans: Vec<(usize, usize)> = number_spans(text);
    if spans.is_empty() {
        return text.to_string();
    }
    let (start, end) = spans[rng.below(spans.len())];
    format!("{}{}{}", &text[..start], rng.pick(NUMBERS), &text[end..])
}

fn number_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            spans.push((start, i));
        } else {
            i += 1;
        }
    }
    spans
}

fn char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// One random edit of the text.
fn mutate(rng: &mut Rng, text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    if lines.is_empty() {
        return rng.pick(SNIPPETS).to_string();
    }
    let line = rng.below(lines.len());
    match rng.below(8) {
        0..=2 => swap_number(rng, text),
        3 => {
            let at = char_boundary(text, rng.below(text.len()));
            format!("{}{}{}", &text[..at], rng.pick(SNIPPETS), &text[at..])
        }
        4 => {
            let mut out = lines.clone();
            out.remove(line);
            out.join("\n")
        }
        5 => {
            let mut out = lines.clone();
            out.insert(line, lines[rng.below(lines.len())]);
            out.join("\n")
        }
        6 => text[..char_boundary(text, rng.below(text.len()))].to_string(),
        _ => {
            // An alias bomb in a new field.
            let mut bomb = String::from("zz:\n  a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
            for i in 1..9 {
                let refs = vec![format!("*a{}", i - 1); 9].join(", ");
                bomb.push_str(&format!("  a{i}: &a{i} [{refs}]\n"));
            }
            format!("{text}\n{bomb}")
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the command line in a thread: its exit code, or None when it panicked; panics
/// the test when it takes longer than [`HANG`].
fn run(args: Vec<String>, what: &str) -> Option<u8> {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let code = std::panic::catch_unwind(|| burden::cli::run(args)).ok();
        let _ = send.send(code);
    });
    match receive.recv_timeout(HANG) {
        Ok(code) => code,
        Err(_) => panic!("no end after {HANG:?}: {what}"),
    }
}

fn count() -> usize {
    std::env::var("BURDEN_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500)
}

/// The command line of mutation `k`: a mutated scenario solved or validated, mutated
/// actuals tracked, or odd `--set` / `--vary` values.
fn case(rng: &mut Rng, dir: &Path, k: usize) -> (Vec<String>, String) {
    let scenarios = ["example.yaml", "nato-100bn.yaml"];
    let name = scenarios[rng.below(scenarios.len())];
    let read = |n: &str| std::fs::read_to_string(root().join("scenarios").join(n)).expect("seed");
    let out = dir.join("out.json").display().to_string();
    let mut text = read(name);
    let mut edits = 1 + rng.below(3);
    let s = |v: &str| v.to_string();
    let file = dir.join(format!("m{}.yaml", k % 2));
    let kind = rng.below(10);
    if kind == 9 {
        let mut actuals = read("nato-100bn-actuals-2025.yaml");
        while edits > 0 {
            actuals = mutate(rng, &actuals);
            edits -= 1;
        }
        std::fs::write(&file, &actuals).expect("write");
        let seed = root()
            .join("scenarios/nato-100bn.yaml")
            .display()
            .to_string();
        let command = if rng.below(2) == 0 { "track" } else { "replan" };
        let args = vec![
            s("burden"),
            s(command),
            seed,
            s("--actuals"),
            file.display().to_string(),
            s("-o"),
            out,
        ];
        return (args, actuals);
    }
    while edits > 0 {
        text = mutate(rng, &text);
        edits -= 1;
    }
    std::fs::write(&file, &text).expect("write");
    let path = file.display().to_string();
    let set = format!("{}={}", rng.pick(PATHS), rng.pick(NUMBERS));
    let args = match kind {
        0..=5 => vec![
            s("burden"),
            s("solve"),
            path,
            s("-f"),
            s("json"),
            s("-o"),
            out,
        ],
        6 => vec![s("burden"), s("validate"), path],
        7 => {
            let seed = root().join("scenarios/example.yaml").display().to_string();
            vec![
                s("burden"),
                s("solve"),
                seed,
                s("--set"),
                set.clone(),
                s("-o"),
                out,
            ]
        }
        _ => {
            let seed = root().join("scenarios/example.yaml").display().to_string();
            let vary = format!(
                "{}={}:{}:{}",
                rng.pick(PATHS),
                rng.pick(NUMBERS),
                rng.pick(NUMBERS),
                rng.pick(NUMBERS)
            );
            vec![
                s("burden"),
                s("sweep"),
                seed,
                s("--vary"),
                vary,
                s("--max-variants"),
                s("20"),
                s("-f"),
                s("csv"),
                s("-o"),
                out,
            ]
        }
    };
    (args, format!("{set}\n{text}"))
}

#[test]
fn mutated_inputs_end_with_a_clear_exit_code() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut exits = [0usize; 3];
    let mut panics = Vec::new();
    let total = count();
    for k in 0..total {
        let (args, input) = case(&mut rng, dir.path(), k);
        let what = format!("{args:?}");
        match run(args, &what) {
            Some(code @ 0..=2) => exits[usize::from(code)] += 1,
            Some(code) => panic!("exit code {code} for {what}"),
            None => panics.push(format!("{what}\n{input}")),
        }
    }
    eprintln!(
        "{total} mutation runs: exit 0: {}, exit 1: {}, exit 2: {}, panics: {}, hangs: 0",
        exits[0],
        exits[1],
        exits[2],
        panics.len()
    );
    assert!(
        panics.is_empty(),
        "{} panics, the first:\n{}",
        panics.len(),
        panics[0]
    );
    // The mutations reach both valid plans and invalid input.
    assert!(exits[0] > 0 && exits[2] > 0, "{exits:?}");
}
