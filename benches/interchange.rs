//! Opening other tools' formats (issue 15) against brief's own TOML with
//! the same annotations, on the `large` briefing (10 MiB of text, about
//! 100,000 mentions):
//!
//! - `interchange/toml/large`: the briefing written by `brief convert --to
//!   toml` (every mention a `[[mention]]` with quote and offsets, automatic
//!   matching off), loaded from memory as `brief FILE.toml` loads it;
//! - `interchange/brat/large`: the same briefing written as brat standoff
//!   (one `T` and one `N` line a mention, plus relations, events, notes),
//!   loaded as `brief FILE.ann` loads it;
//! - `interchange/w3c/large`: the same as a W3C Web Annotation collection
//!   (pretty-printed it is 111 MB, over the 64 MiB annotation cap: then
//!   said and skipped).
//!
//! The budget: brat within 1.5x the TOML. `cargo bench --bench
//! interchange`; the data is made from the generated `large` briefing on
//! first use.

#[path = "support/synth/mod.rs"]
mod synth;

#[path = "support/harness.rs"]
mod harness;

use std::hint::black_box;
use std::path::Path;

use brief::loader::{InMemory, open};
use criterion::BenchmarkId;
use synth::Size;

fn main() {
    let mut c = harness::criterion();
    let briefing = harness::briefing(Size::Large);
    let text = briefing.document.text.to_string();
    let toml = brief::convert::toml::write(&briefing, "r.md");
    let brat = brief::convert::brat::write(&briefing);
    let w3c = brief::convert::w3c::write(&briefing, "r.md");
    let t_lines = brat
        .annotations
        .lines()
        .filter(|l| l.starts_with('T'))
        .count();
    eprintln!(
        "interchange: text {} bytes; TOML {} bytes; brat {} bytes with {t_lines} T lines; W3C {} bytes",
        text.len(),
        toml.len(),
        brat.annotations.len(),
        w3c.len()
    );
    let cases = [
        (
            "toml",
            "r.toml",
            vec![("r.toml", toml), ("r.md", text.clone())],
        ),
        (
            "brat",
            "r.ann",
            vec![("r.ann", brat.annotations), ("r.txt", brat.text)],
        ),
        ("w3c", "r.json", vec![("r.json", w3c), ("r.md", text)]),
    ];
    let mut group = c.benchmark_group("interchange");
    group.sample_size(10);
    for (name, path, files) in cases {
        let files = InMemory {
            files: files.into_iter().map(|(p, s)| (p.into(), s)).collect(),
        };
        let loaded = open(Path::new(path), false, &files);
        // The pretty W3C form of a 10 MiB briefing is over the annotation
        // cap: said, and left out, rather than measured as a refusal.
        if loaded.diagnostics.iter().any(|d| d.code == "too-large") {
            eprintln!("interchange/{name}: over the annotation cap, not measured");
            continue;
        }
        assert_eq!(
            loaded.error_count(),
            0,
            "{name}: {:?}",
            loaded.diagnostics.first()
        );
        let mentions = loaded.briefing.map_or(0, |b| b.mentions.len());
        eprintln!("interchange/{name}: {mentions} mentions");
        group.bench_function(BenchmarkId::new(name, "large"), |b| {
            b.iter(|| black_box(open(Path::new(path), false, &files)))
        });
    }
    group.finish();
    c.final_summary();
}
