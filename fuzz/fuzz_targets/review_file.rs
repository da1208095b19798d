//! A review file → `brief::review::file::read` → no panic; every
//! diagnostic renders without a raw control character; a review that reads
//! is written back and reads back the same, and lays over the bundled
//! briefing, and its reports (Markdown, JSON lines) and its folding into
//! the annotation file hold no raw control character either.
//!
//! Input: the review file's bytes, decoded as the real file reader
//! decodes (invalid UTF-8 is a diagnostic).

#![no_main]

mod common;

use std::sync::OnceLock;

use brief::model::Briefing;
use brief::review::{Overlay, apply, export, file};
use libfuzzer_sys::fuzz_target;

fn bundled() -> &'static Briefing {
    static BRIEFING: OnceLock<Briefing> = OnceLock::new();
    BRIEFING.get_or_init(|| {
        brief::loader::load_bundled()
            .briefing
            .expect("the bundled briefing loads")
    })
}

fuzz_target!(|data: &[u8]| {
    let source = match brief::loader::source::decode("r.review.toml", data.to_vec()) {
        Ok(source) => source,
        Err(diagnostic) => {
            common::check_diagnostics(&[diagnostic]);
            return;
        }
    };
    let (review, header) = match file::read("r.review.toml", &source) {
        Ok(read) => read,
        Err(diagnostics) => {
            common::check_diagnostics(&diagnostics);
            return;
        }
    };
    let written = file::write(&review, &header);
    let (again, header_again) = file::read("r.review.toml", &written)
        .unwrap_or_else(|e| panic!("a written review does not read back: {e:?}\n{written}"));
    assert_eq!(again, review);
    assert_eq!(header_again, header);
    let briefing = bundled();
    let overlay = Overlay::build(&review, briefing);
    assert!(overlay.orphans.len() <= review.verdicts.len());
    common::assert_printable("export::markdown", &export::markdown(&review, briefing));
    common::assert_printable("export::json_lines", &export::json_lines(&review, briefing));
    let _ = apply::apply(brief::loader::BUNDLED_ANNOTATIONS, &review, briefing);
});
