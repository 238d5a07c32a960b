//! Fuzz target: the scenario loader (YAML, `extends`, validation) on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = burden::scenario::load_str(text, "fuzz.yaml", &[]);
    }
});
