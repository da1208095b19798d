//! Writes a deterministic synthetic briefing for benchmarks (issue 4).
//!
//! ```text
//! cargo run --release --example generate -- SIZE OUTDIR [--seed N] [--check]
//! ```
//!
//! SIZE is `small` (the bundled briefing), `medium` (1 MiB text, 10k
//! mentions), `large` (10 MiB text, 5k entities, 100k explicit mentions,
//! about 8 MB of TOML), `plain` (10 MiB Markdown, no annotations), `line`
//! (10 MiB on one line, no spaces), `under1m` (Markdown just under 1 MiB),
//! `huge` (100 MiB Markdown), `large100` (about 100 MB of text and TOML:
//! 45 MiB text, 50k entities, 550k explicit mentions; both written only when named),
//! or `all`. The same size and seed always
//! give the same bytes. `entities:SHAPE:N` writes a briefing of N entities
//! (SHAPE `bare`, `named` or `full`, see `benches/support/many.rs`) as
//! `entities-SHAPE-N.toml` and `.md`, for timing the loader's scaling
//! (issue 20). `library:N` writes a folder of N briefings of about 100 KB
//! that share entities, in subfolders of a hundred (issue 19). `--check` loads each annotated result with the
//! loader `brief check` uses and fails on any error. Write to an ignored
//! folder such as `target/bench-data`: generated files are not committed.
//! The generator itself lives in `benches/support/synth/`, shared with the
//! benches, which call it on first use.

#[path = "../benches/support/synth/mod.rs"]
mod synth;

#[path = "../benches/support/many.rs"]
mod many;

#[path = "../benches/support/library.rs"]
mod library;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use synth::Size;

const USAGE: &str = "usage: generate SIZE OUTDIR [--seed N] [--check]\n  SIZE: small, medium, large, plain, line, under1m, huge, large100, all, entities:SHAPE:N (SHAPE bare, named or full) or library:N (a folder of N briefings sharing entities)";

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
    if let Some(spec) = size.strip_prefix("entities:") {
        return many_entities(spec, &PathBuf::from(dir), check);
    }
    if let Some(count) = size.strip_prefix("library:") {
        return write_library(count, &PathBuf::from(dir), seed, check);
    }
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

/// `library:N`: a folder of N briefings sharing entities (issue 19).
fn write_library(count: &str, dir: &std::path::Path, seed: u64, check: bool) -> ExitCode {
    let Ok(count) = count.parse::<usize>() else {
        eprintln!("bad library count {count:?}\n{USAGE}");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    if let Err(error) = library::write_library(dir, count, seed) {
        eprintln!("cannot write the library into {}: {error}", dir.display());
        return ExitCode::from(2);
    }
    println!(
        "library of {count} briefings in {} (seed {seed}) in {:.1} s",
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    if check {
        let started = Instant::now();
        let indexed = brief::library::worker::index_now(dir, Default::default());
        let problems = indexed.problem_count();
        println!(
            "  check: {} briefings, {} entities in {} identities, {problems} with problems ({:.1} s)",
            indexed.entries.len(),
            indexed.identities.len(),
            indexed.identities.groups().len(),
            started.elapsed().as_secs_f64()
        );
        if problems > 0 {
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}

/// `entities:SHAPE:N`: one briefing of N entities in the given shape.
fn many_entities(spec: &str, dir: &std::path::Path, check: bool) -> ExitCode {
    let parsed = spec.split_once(':').and_then(|(shape, count)| {
        Some((many::Shape::parse(shape)?, count.parse::<usize>().ok()?))
    });
    let Some((shape, count)) = parsed else {
        eprintln!("bad entities spec {spec:?}\n{USAGE}");
        return ExitCode::from(2);
    };
    let path = match many::write(shape, count, dir) {
        Ok(path) => path,
        Err(error) => {
            eprintln!("cannot write into {}: {error}", dir.display());
            return ExitCode::from(2);
        }
    };
    println!("{}", path.display());
    if check {
        let loaded = brief::loader::load(&path, &brief::loader::FileSystem);
        println!(
            "  check: {} errors, {} warnings",
            loaded.error_count(),
            loaded.warning_count()
        );
        for diagnostic in loaded.diagnostics.iter().filter(|d| d.is_error()).take(5) {
            print!("{}", diagnostic.render());
        }
        if loaded.error_count() > 0 {
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}
