//! Any annotation file → reading its plain `[[mention]]` tables outside
//! toml gives exactly what toml gives: the same tables with the same spans,
//! and the same problems, in the same order.
//!
//! Input: the file, as lossy UTF-8. The seed corpus is annotation files
//! full of mention tables, plain and not.

#![no_main]

use brief::loader::reading::difference;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    if let Some(difference) = difference(&source) {
        panic!("{difference}");
    }
});
