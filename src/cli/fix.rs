//! `brief check --fix`: the offsets anchoring proposes written back into the
//! annotation file (drifted offsets, offsets with whitespace around the
//! passage, and with `--fix=offsets` offsets for quote-only selectors),
//! keeping its comments, order and formatting, written atomically, with a
//! unified diff printed. Nothing ambiguous is touched and no quote is ever
//! changed: only suggestions the loader marks as automatic are applied.
//!
//! Owns choosing and writing the fixes; the edit itself is the loader's
//! (`loader::suggestion::apply`), the atomic write the review store's.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use similar::{Algorithm, TextDiff};

use super::check::{exit_status_of, write_diagnostics};
use super::{EXIT_ERRORS, EXIT_IO, FixWhat};
use crate::loader::suggestion::{self, Suggestion};
use crate::loader::{self, FileSystem, Loaded, OpenOptions, SourceReader};
use crate::review::store::{Disk, RealDisk};
use crate::sanitize;
use crate::wording::counted;

/// The suggestions `--fix` applies to a loaded briefing, at most one per
/// selector.
pub fn planned(loaded: &Loaded, pins: bool) -> Vec<&Suggestion> {
    let mut chosen: Vec<&Suggestion> = loaded
        .diagnostics
        .iter()
        .filter_map(|diagnostic| diagnostic.suggestion.as_deref())
        .chain(&loaded.pins)
        .filter(|suggestion| suggestion.is_automatic(pins))
        .collect();
    chosen.sort_by_key(|suggestion| (suggestion.selector.start, suggestion.selector.end));
    chosen.dedup_by(|a, b| a.selector == b.selector);
    chosen
}

/// How long the diff may spend finding the smallest one.
const DIFF_DEADLINE: std::time::Duration = std::time::Duration::from_secs(1);

/// A unified diff of the annotation file, every line sanitised.
pub fn unified_diff(shown: &str, old: &str, new: &str) -> String {
    // A fix of a stale file changes a line in every table: an exact diff
    // of 100,000 tables takes minutes. Past the deadline `similar` stops
    // refining and shows larger hunks, still a correct diff; a file of a
    // few thousand tables is done long before it.
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(DIFF_DEADLINE)
        .diff_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{shown}"), &format!("b/{shown}"))
        .to_string();
    text.lines()
        .map(|line| format!("{}\n", sanitize::line(line)))
        .collect()
}

pub(super) fn fix(files: &[PathBuf], what: FixWhat, dry_run: bool, open: &OpenOptions) -> ExitCode {
    let mut worst = 0;
    let mut stdout = std::io::stdout().lock();
    for path in files {
        let status = fix_one(&mut stdout, path, what, dry_run, open);
        worst = worst.max(status);
    }
    ExitCode::from(worst)
}

fn fix_one(
    out: &mut impl Write,
    path: &Path,
    what: FixWhat,
    dry_run: bool,
    open: &OpenOptions,
) -> u8 {
    if open.plain || loader::is_standard_input(path) {
        eprintln!("brief: --fix needs an annotation file, not a text on its own");
        return EXIT_ERRORS;
    }
    if !open.is_default() {
        // The fix rewrites a TOML file in place from where its own text
        // says the quotes are: another text or unit would rewrite it wrong.
        eprintln!(
            "brief: --fix reads the annotation file as written; leave out --from, --text, --offset-unit and --group-by"
        );
        return EXIT_ERRORS;
    }
    let pins = what == FixWhat::Offsets;
    let loaded = if pins {
        loader::load_with_pins(path, &FileSystem)
    } else {
        loader::load(path, &FileSystem)
    };
    let annotation = PathBuf::from(&loaded.path);
    let shown = sanitize::line(&loaded.path).into_owned();
    if annotation.extension().is_none_or(|e| e != "toml") {
        eprintln!("brief: {shown}: no annotation file to fix");
        return exit_status_of(&loaded).max(EXIT_ERRORS);
    }
    let plan: Vec<Suggestion> = planned(&loaded, pins).into_iter().cloned().collect();
    let source = match FileSystem.read(&annotation, loader::ANNOTATION_CAP) {
        Ok(source) => source,
        Err(diagnostic) => {
            eprint!("{}", diagnostic.render());
            return EXIT_IO;
        }
    };
    let fixed = match suggestion::apply(&source, &plan.iter().collect::<Vec<_>>()) {
        Ok(fixed) => fixed,
        Err(error) => {
            eprintln!("brief: {shown}: {}", sanitize::line(&error));
            return EXIT_ERRORS;
        }
    };
    let written = write!(out, "{}", unified_diff(&shown, &source, &fixed));
    if written.is_err() {
        return EXIT_IO;
    }
    if !dry_run && fixed != source {
        if let Err(error) = RealDisk.replace(&annotation, fixed.as_bytes()) {
            eprintln!("brief: could not write {shown}: {error}");
            return EXIT_IO;
        }
    }
    // What is left: checked again from the disk (or, for a dry run, as
    // it would be), so the author sees what --fix did not touch.
    let after = if dry_run {
        loaded
    } else {
        loader::load(path, &FileSystem)
    };
    let verb = if dry_run { "would fix" } else { "fixed" };
    let left = after
        .diagnostics
        .iter()
        // A dry run's plan is every automatic suggestion: what is left
        // is the rest.
        .filter(|diagnostic| {
            !dry_run
                || !diagnostic
                    .suggestion
                    .as_deref()
                    .is_some_and(|suggestion| suggestion.is_automatic(pins))
        })
        .cloned()
        .collect::<Vec<_>>();
    let printed = write_diagnostics(out, &left).and_then(|_| {
        writeln!(
            out,
            "{shown}: {verb} {}; {} left",
            counted(plan.len(), "selector", "selectors"),
            counted(left.len(), "problem", "problems"),
        )
    });
    if printed.is_err() {
        return EXIT_IO;
    }
    if left.iter().any(|d| d.is_error()) {
        exit_status_of(&after).max(EXIT_ERRORS)
    } else {
        0
    }
}
