//! Fuzz target: the actuals loader (YAML and CSV) against the example scenario.
#![no_main]

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use burden::scenario::{load_str, Scenario};
use libfuzzer_sys::fuzz_target;

fn scenario() -> &'static Scenario {
    static SCENARIO: OnceLock<Scenario> = OnceLock::new();
    SCENARIO.get_or_init(|| {
        let text = include_str!("../../scenarios/example.yaml");
        match load_str(text, "example.yaml", &[]) {
            Ok(loaded) => loaded.scenario,
            Err(e) => panic!("the example scenario is valid: {e}"),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    if let Ok(text) = std::str::from_utf8(rest) {
        let file = Arc::new(PathBuf::from("fuzz-actuals"));
        let _ = burden::actuals::parse(text, file, first % 2 == 0, scenario());
    }
});
