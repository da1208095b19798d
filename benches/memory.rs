//! Peak memory of the load against the bare-parse floor (issue 4: the load's
//! peak at most 1.5x the parse's own peak). Not criterion: each measurement
//! runs in a fresh child process (this same binary), which resets the
//! kernel's peak-RSS mark (`/proc/self/clear_refs`), does one thing, and
//! reports `VmHWM` from `/proc/self/status`. Linux only.
//!
//! For each annotated size it reports, in MiB above the process's baseline:
//! - `parse`: read the annotation file and `bare_parse` it (the floor, with
//!   its input string);
//! - `parse (parse only)`: the same, the string already read before the
//!   mark is reset;
//! - `load`: `loader::load` from the files (both read, model built), and
//!   what is still resident once it returns (the model kept).
//!
//! `cargo bench --bench memory`; data is generated on first use.

#[path = "support/synth/mod.rs"]
mod synth;

#[path = "support/harness.rs"]
mod harness;

use std::hint::black_box;
use std::process::Command;

use brief::loader::{self, FileSystem};
use synth::Size;

const CHILD: &str = "BRIEF_BENCH_MEMORY_CHILD";

/// `VmRSS` and `VmHWM` in KiB.
fn rss_and_peak() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Sets the peak mark to the current RSS.
fn reset_peak() -> u64 {
    std::fs::write("/proc/self/clear_refs", "5").expect("reset the peak RSS mark");
    let (rss, peak) = rss_and_peak();
    assert!(
        peak <= rss + 64,
        "the peak mark did not reset ({peak} > {rss})"
    );
    rss
}

/// In the child: do one thing, print "baseline peak resident" in KiB.
fn child(mode: &str, path: &str) {
    let (baseline, peak, resident) = match mode {
        "parse" => {
            let baseline = reset_peak();
            let source = std::fs::read_to_string(path).expect("read");
            let tables = loader::bare_parse(&source).expect("parses");
            black_box(tables);
            let (resident, peak) = rss_and_peak();
            drop(source);
            (baseline, peak, resident)
        }
        "parse-only" => {
            let source = std::fs::read_to_string(path).expect("read");
            let baseline = reset_peak();
            let tables = loader::bare_parse(&source).expect("parses");
            black_box(tables);
            let (resident, peak) = rss_and_peak();
            (baseline, peak, resident)
        }
        "load" => {
            let baseline = reset_peak();
            let loaded = loader::load(std::path::Path::new(path), &FileSystem);
            assert!(loaded.briefing.is_some(), "loads");
            let (resident, peak) = rss_and_peak();
            black_box(&loaded);
            (baseline, peak, resident)
        }
        other => panic!("unknown mode {other}"),
    };
    println!("{baseline} {peak} {resident}");
}

fn measure(mode: &str, path: &std::path::Path) -> (f64, f64) {
    let output = Command::new(std::env::current_exe().expect("this binary"))
        .env(CHILD, format!("{mode}\t{}", path.display()))
        .output()
        .expect("run the child");
    assert!(
        output.status.success(),
        "{mode} child failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    let numbers: Vec<f64> = text
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    let [baseline, peak, resident] = numbers[..] else {
        panic!("unexpected child output {text:?}");
    };
    let mib = |kib: f64| kib / 1024.0;
    (mib(peak - baseline), mib(resident - baseline))
}

fn main() {
    if let Ok(job) = std::env::var(CHILD) {
        let (mode, path) = job.split_once('\t').expect("mode and path");
        child(mode, path);
        return;
    }
    // `cargo bench` passes `--bench`; a filter, if given, picks sizes.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    println!("peak memory above the process baseline, MiB (VmHWM; median of 3 children)");
    println!(
        "{:<8} {:>9} {:>9} {:>17} {:>11} {:>10} {:>15}",
        "size", "toml MiB", "text MiB", "parse (only)", "load peak", "load kept", "load/parse peak"
    );
    for size in [Size::Small, Size::Medium, Size::Large] {
        if !filter.is_empty() && !filter.iter().any(|f| size.name().contains(f.as_str())) {
            continue;
        }
        let path = harness::data(size);
        let text = path.with_file_name(size.text_name());
        let bytes = |p: &std::path::Path| {
            std::fs::metadata(p).map_or(0.0, |m| m.len() as f64) / (1024.0 * 1024.0)
        };
        let median = |mode: &str| {
            let mut runs: Vec<(f64, f64)> = (0..3).map(|_| measure(mode, &path)).collect();
            runs.sort_by(|a, b| a.0.total_cmp(&b.0));
            runs[1]
        };
        let (parse, _) = median("parse");
        let (parse_only, _) = median("parse-only");
        let (load, kept) = median("load");
        println!(
            "{:<8} {:>9.1} {:>9.1} {:>8.1} ({:>5.1}) {:>11.1} {:>10.1} {:>14.2}x",
            size.name(),
            bytes(&path),
            bytes(&text),
            parse,
            parse_only,
            load,
            kept,
            load / parse.max(0.001)
        );
    }
}
