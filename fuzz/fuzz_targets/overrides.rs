//! Fuzz target: the `--set` and `--vary` parsers, and applying an override to the example
//! scenario.
#![no_main]

use std::sync::OnceLock;

use burden::scenario::{parse_set, Document};
use burden::sweep::Axis;
use libfuzzer_sys::fuzz_target;

fn document() -> &'static Document {
    static DOC: OnceLock<Document> = OnceLock::new();
    DOC.get_or_init(|| {
        let text = include_str!("../../scenarios/example.yaml");
        match Document::parse(text, "example.yaml") {
            Ok(doc) => doc,
            Err(e) => panic!("the example scenario is valid: {e}"),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(o) = parse_set(text) {
        let _ = document().resolve(&[o]);
    }
    if let Ok(axis) = Axis::parse(text, 100) {
        for value in axis.values.iter().take(3) {
            if let Ok(o) = parse_set(&format!("{}={value}", axis.path)) {
                let _ = document().resolve(&[o]);
            }
        }
    }
});
