//! A JSON or JSON-lines file → the W3C/Hypothesis reader and the
//! span-JSON reader → no panic; every diagnostic renders without a raw
//! control character and is placed in the file; every annotation's and
//! record's range lies inside the source on character boundaries.
//!
//! Input: the file's bytes, decoded as the real file reader decodes.

#![no_main]

mod common;

use brief::loader::formats::{span_json, w3c};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = match brief::loader::source::decode("a.json", data.to_vec()) {
        Ok(source) => source,
        Err(diagnostic) => {
            common::check_diagnostics(&[diagnostic]);
            return;
        }
    };
    let inside = |span: &std::ops::Range<usize>| {
        assert!(span.start <= span.end && source.get(span.clone()).is_some(), "{span:?}");
    };
    let (annotations, diagnostics) = w3c::parse("a.json", &source);
    common::check_diagnostics(&diagnostics);
    assert!(diagnostics.iter().all(|d| d.location.is_some()));
    annotations.iter().for_each(|a| inside(&a.at));
    let (records, diagnostics) = span_json::parse("a.jsonl", &source);
    common::check_diagnostics(&diagnostics);
    assert!(diagnostics.iter().all(|d| d.location.is_some()));
    records.iter().for_each(|r| inside(&r.at));
});
