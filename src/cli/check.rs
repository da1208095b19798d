//! `brief check`: every briefing named loaded and checked, each problem
//! printed as rustc prints one (or as JSON lines), then a summary line per
//! file, and the exit status the worst of them earns.
//!
//! Owns the check's output; must not load except through the loader.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::{EXIT_ERRORS, EXIT_IO, OutputFormat};
use crate::loader::{self, Diagnostic, FileSystem, Loaded, OpenOptions};
use crate::sanitize;
use crate::wording::counted;

pub(super) fn exit_status_of(loaded: &Loaded) -> u8 {
    let io = loaded
        .diagnostics
        .iter()
        .any(|d| d.is_error() && matches!(d.code, "io" | "too-large"));
    if io {
        EXIT_IO
    } else if loaded.error_count() > 0 {
        EXIT_ERRORS
    } else {
        0
    }
}

/// Checks every file; with `deny_warnings`, a warning fails the check as
/// an error does.
pub(super) fn check(
    files: &[PathBuf],
    format: OutputFormat,
    open: &OpenOptions,
    deny_warnings: bool,
) -> ExitCode {
    let mut worst = 0;
    let mut stdout = std::io::stdout().lock();
    for (index, path) in files.iter().enumerate() {
        if super::check_review::is_review_file(path) {
            let checked = super::check_review::check_review(path);
            let errors = checked.diagnostics.iter().any(Diagnostic::is_error);
            if errors || (deny_warnings && !checked.diagnostics.is_empty()) {
                worst = worst.max(EXIT_ERRORS);
            }
            let written = match format {
                OutputFormat::Human => write_diagnostics(&mut stdout, &checked.diagnostics)
                    .and_then(|_| {
                        writeln!(stdout, "{}", super::check_review::summary(path, &checked))
                    }),
                OutputFormat::Json => checked
                    .diagnostics
                    .iter()
                    .try_for_each(|d| writeln!(stdout, "{}", d.to_json())),
            };
            if written.is_err() {
                return ExitCode::from(EXIT_IO);
            }
            continue;
        }
        let loaded = loader::open_with(path, open, &FileSystem);
        worst = worst.max(exit_status_of(&loaded));
        if deny_warnings && loaded.warning_count() > 0 {
            worst = worst.max(EXIT_ERRORS);
        }
        let written = match format {
            OutputFormat::Human => write_human(&mut stdout, &loaded),
            OutputFormat::Json => write_json(&mut stdout, &loaded),
        };
        if written.is_err() {
            return ExitCode::from(EXIT_IO);
        }
        if index + 1 == files.len() {
            // The process ends next: freeing a large briefing's model
            // piece by piece (a million allocations at 100 MB) would only
            // keep the shell waiting for memory the kernel takes back
            // whole anyway.
            std::mem::forget(loaded);
        }
    }
    ExitCode::from(worst)
}

fn write_human(out: &mut impl Write, loaded: &Loaded) -> std::io::Result<()> {
    write_diagnostics(out, &loaded.diagnostics)?;
    writeln!(out, "{}", summary_line(loaded))
}

/// Prints diagnostics as `brief check` does, each followed by a blank
/// line, and returns how many errors they hold, in words ("2 errors").
pub(super) fn write_diagnostics(
    out: &mut impl Write,
    diagnostics: &[Diagnostic],
) -> std::io::Result<String> {
    for diagnostic in diagnostics {
        writeln!(out, "{}", diagnostic.render())?;
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    Ok(counted(errors, "error", "errors"))
}

/// Counts of what a briefing holds, for the summary line and JSON.
#[derive(Debug, Default, Serialize)]
struct Counts {
    entities: usize,
    mentions: usize,
    explicit_mentions: usize,
    automatic_mentions: usize,
    relations: usize,
    events: usize,
    notes: usize,
}

fn counts(loaded: &Loaded) -> Option<Counts> {
    let briefing = loaded.briefing.as_ref()?;
    let explicit = briefing.explicit_mention_count();
    Some(Counts {
        entities: briefing.entities.len(),
        mentions: briefing.mention_count(),
        explicit_mentions: explicit,
        automatic_mentions: briefing.mention_count() - explicit,
        relations: briefing.relations.len(),
        events: briefing.events.len(),
        notes: briefing.notes.len(),
    })
}

fn summary_line(loaded: &Loaded) -> String {
    let path = sanitize::line(&loaded.path);
    let problems = format!(
        "{}, {}",
        counted(loaded.warning_count(), "warning", "warnings"),
        counted(loaded.error_count(), "error", "errors")
    );
    let text_only = loaded
        .briefing
        .as_ref()
        .is_some_and(|b| b.meta.annotation_path.is_none());
    match counts(loaded) {
        Some(_) if text_only => format!("{path}: text only, no annotations; {problems}"),
        Some(c) => format!(
            "{path}: {}, {} ({} explicit, {} automatic), {}, {}, {}; {problems}",
            counted(c.entities, "entity", "entities"),
            counted(c.mentions, "mention", "mentions"),
            c.explicit_mentions,
            c.automatic_mentions,
            counted(c.relations, "relation", "relations"),
            counted(c.events, "event", "events"),
            counted(c.notes, "note", "notes")
        ),
        None => format!("{path}: not loaded; {problems}"),
    }
}

fn write_json(out: &mut impl Write, loaded: &Loaded) -> std::io::Result<()> {
    for diagnostic in &loaded.diagnostics {
        writeln!(out, "{}", diagnostic.to_json())?;
    }
    #[derive(Serialize)]
    struct Summary<'a> {
        r#type: &'static str,
        file: &'a str,
        loaded: bool,
        errors: usize,
        warnings: usize,
        #[serde(flatten)]
        counts: Option<Counts>,
    }
    let path = sanitize::line(&loaded.path);
    let summary = Summary {
        r#type: "summary",
        file: &path,
        loaded: loaded.briefing.is_some(),
        errors: loaded.error_count(),
        warnings: loaded.warning_count(),
        counts: counts(loaded),
    };
    writeln!(
        out,
        "{}",
        serde_json::to_string(&summary).unwrap_or_default()
    )
}
