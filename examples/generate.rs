//! Writes a deterministic synthetic briefing for benchmarks (issue 4).
//!
//! ```text
//! cargo run --release --example generate -- SIZE OUTDIR [--seed N] [--check]
//! ```
//!
//! SIZE is `small` (the bundled briefing), `medium` (1 MiB text, 10k
//! mentions), `large` (10 MiB text, 5k entities, 100k explicit mentions,
//! about 8 MB of TOML), `plain` (10 MiB Markdown, no annotations), `line`
//! (10 MiB on one line, no spaces), or `all`. The same size and seed always
//! give the same bytes. `--check` loads each annotated result with the
//! loader `brief check` uses and fails on any error. Write to an ignored
//! folder such as `target/bench-data`: generated files are not committed.
//! The generator itself lives in `benches/support/synth/`, shared with the
//! benches, which call it on first use.

#[path = "../benches/support/synth/mod.rs"]
mod synth;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use synth::Size;

const USAGE: &str = "usage: generate SIZE OUTDIR [--seed N] [--check]\n  SIZE: small, medium, large, plain, line or all";

fn main() -> ExitCode {
    let mut positional = Vec::new();
    let mut seed = synth::DEFAULT_SEED;
    let mut check = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seed" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => seed = n,
                None => {
                    eprintln!("--seed needs a number\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--check" => check = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => positional.push(arg),
        }
    }
    let [size, dir] = positional.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let sizes: Vec<Size> = if size == "all" {
        Size::ALL.to_vec()
    } else if let Some(size) = Size::parse(size) {
        vec![size]
    } else {
        eprintln!("unknown size {size:?}\n{USAGE}");
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    let mut failed = false;
    for size in sizes {
        let started = Instant::now();
        let summary = match synth::generate(size, &dir, seed) {
            Ok(summary) => summary,
            Err(error) => {
                eprintln!(
                    "cannot write {} into {}: {error}",
                    size.name(),
                    dir.display()
                );
                return ExitCode::from(2);
            }
        };
        println!(
            "{} (seed {seed}) in {:.1} s:",
            size.name(),
            started.elapsed().as_secs_f64()
        );
        for (path, bytes) in &summary.files {
            println!("  {} ({bytes} bytes)", path.display());
        }
        if summary.entities > 0 {
            println!(
                "  {} entities ({} aliases), {} explicit mentions of {} names written, \
                 {} relations, {} events, {} notes, {} suppressions",
                summary.entities,
                summary.aliases,
                summary.explicit_mentions,
                summary.name_sites,
                summary.relations,
                summary.events,
                summary.notes,
                summary.suppressions
            );
        }
        if check && size.is_annotated() {
            let started = Instant::now();
            let loaded =
                brief::loader::load(&dir.join(size.file_name()), &brief::loader::FileSystem);
            println!(
                "  check: {} errors, {} warnings ({:.1} s)",
                loaded.error_count(),
                loaded.warning_count(),
                started.elapsed().as_secs_f64()
            );
            for diagnostic in loaded.diagnostics.iter().take(5) {
                print!("{}", diagnostic.render());
            }
            failed |= loaded.error_count() > 0;
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
