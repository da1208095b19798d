//! `brief review export`: a briefing's review as a report on stdout, in
//! Markdown or JSON lines, for the briefing's author; `brief review apply`:
//! the review folded into a copy of the annotation file.
//!
//! Owns finding and reading the review file for the report; the report
//! itself is `review::export`'s. Reads only through the loader's guarded
//! reading.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::check::write_diagnostics;
use super::read::load_for_reading;
use super::{EXIT_ERRORS, EXIT_IO, ReportFormat};
use crate::config::{Environment, Request};
use crate::loader::{FileSystem, OpenOptions, SourceReader};
use crate::model::Briefing;
use crate::review::Review;
use crate::review::store::{Disk, RealDisk};
use crate::sanitize;

/// The briefing named by `file`, its annotation file's path, and its
/// review; `Err` is the exit status after the problem is printed.
fn briefing_and_review(
    file: &Path,
    chosen: Option<&Path>,
    request: &Request,
    open: &OpenOptions,
) -> Result<(Briefing, PathBuf, Review), ExitCode> {
    let briefing = load_for_reading(Some(file), open)?;
    let named = briefing
        .meta
        .annotation_path
        .as_deref()
        .map_or_else(|| file.to_path_buf(), PathBuf::from);
    // The config's `reviews` folder, as the reader uses it.
    let config = crate::config::load(request, &Environment::from_process(), &FileSystem).map_err(
        |problems| {
            let _ = write_diagnostics(&mut std::io::stderr().lock(), &problems);
            ExitCode::from(EXIT_IO)
        },
    )?;
    let places = match (chosen, &config.reviews) {
        (None, Some(folder)) => crate::review::store::Places::in_folder(Some(&named), folder),
        _ => crate::review::store::Places::for_briefing(Some(&named), chosen),
    };
    let Some(path) = places.existing().map(Path::to_path_buf) else {
        let looked: Vec<String> = [&places.beside, &places.state]
            .into_iter()
            .flatten()
            .map(|p| sanitize::line(&p.display().to_string()).into_owned())
            .collect();
        eprintln!(
            "brief: no review of this briefing yet (looked for {})",
            looked.join(" and ")
        );
        return Err(ExitCode::from(EXIT_ERRORS));
    };
    let shown = path.display().to_string();
    let read = FileSystem
        .read(&path, crate::review::open::REVIEW_CAP)
        .map_err(|d| vec![d])
        .and_then(|source| crate::review::file::read(&shown, &source));
    match read {
        Ok((review, _)) => Ok((briefing, named, review)),
        Err(diagnostics) => {
            for diagnostic in &diagnostics {
                eprint!("{}", diagnostic.render());
            }
            Err(ExitCode::from(EXIT_ERRORS))
        }
    }
}

/// `brief review export`: the briefing's review as a report on stdout.
pub(super) fn export_review(
    file: &Path,
    format: ReportFormat,
    chosen: Option<&Path>,
    request: &Request,
    open: &OpenOptions,
) -> ExitCode {
    let (briefing, _, review) = match briefing_and_review(file, chosen, request, open) {
        Ok(found) => found,
        Err(status) => return status,
    };
    let report = match format {
        ReportFormat::Markdown => crate::review::export::markdown(&review, &briefing),
        ReportFormat::Json => crate::review::export::json_lines(&review, &briefing),
    };
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(report.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(EXIT_IO),
    }
}

/// Where `brief review apply` writes.
pub(super) struct ApplyTo<'a> {
    pub output: Option<&'a Path>,
    pub in_place: bool,
}

/// `brief review apply`: the review's disputed and wrong verdicts folded
/// into a copy of the annotation file as notes (`NAME.reviewed.toml`, or
/// `-o OUT`), or into the file itself with `--in-place`, which keeps the
/// old one as `NAME.toml.bak`. The result is loaded again to show it
/// checks.
pub(super) fn apply_review(
    file: &Path,
    chosen: Option<&Path>,
    to: &ApplyTo<'_>,
    request: &Request,
    open: &OpenOptions,
) -> ExitCode {
    let (briefing, annotation, review) = match briefing_and_review(file, chosen, request, open) {
        Ok(found) => found,
        Err(status) => return status,
    };
    if briefing.meta.annotation_path.is_none() {
        eprintln!("brief: this text has no annotation file to fold the review into");
        return ExitCode::from(EXIT_ERRORS);
    }
    let source = match FileSystem.read(&annotation, crate::loader::ANNOTATION_CAP) {
        Ok(source) => source,
        Err(diagnostic) => {
            eprint!("{}", diagnostic.render());
            return ExitCode::from(EXIT_IO);
        }
    };
    let applied = match crate::review::apply::apply(&source, &review, &briefing) {
        Ok(applied) => applied,
        Err(error) => {
            eprintln!("brief: {}", sanitize::line(&error));
            return ExitCode::from(EXIT_ERRORS);
        }
    };
    let target = match (to.in_place, to.output) {
        (true, _) => annotation.clone(),
        (false, Some(output)) => output.to_path_buf(),
        (false, None) => {
            let stem = annotation
                .file_stem()
                .map_or_else(|| "briefing".into(), |s| s.to_string_lossy().into_owned());
            annotation.with_file_name(format!("{stem}.reviewed.toml"))
        }
    };
    let same = |a: &Path, b: &Path| FileSystem.same_file(a, b) || a == b;
    if !to.in_place && same(&target, &annotation) {
        eprintln!("brief: that is the annotation file itself; say --in-place to write over it");
        return ExitCode::from(EXIT_IO);
    }
    if to.in_place {
        let backup = PathBuf::from(format!("{}.bak", annotation.display()));
        if let Err(error) = RealDisk.replace(&backup, source.as_bytes()) {
            eprintln!(
                "brief: could not keep a backup in {}: {error}",
                show(&backup)
            );
            return ExitCode::from(EXIT_IO);
        }
    }
    if let Err(error) = RealDisk.replace(&target, applied.text.as_bytes()) {
        eprintln!("brief: could not write {}: {error}", show(&target));
        return ExitCode::from(EXIT_IO);
    }
    let checked = crate::loader::open(&target, false, &FileSystem);
    let counted = crate::wording::counted;
    let mut added = vec![counted(applied.notes, "note", "notes")];
    if applied.mentions > 0 {
        added.push(counted(applied.mentions, "mention", "mentions"));
    }
    if applied.entities > 0 {
        added.push(counted(applied.entities, "entity", "entities"));
    }
    let mut summary = format!(
        "brief: {} added to {} ({} confirmed, nothing to change)",
        added.join(", "),
        show(&target),
        applied.confirmed
    );
    if !applied.left_out.is_empty() {
        summary.push_str(&format!(
            "; left out, with no passage in the text: {}",
            applied.left_out.join("; ")
        ));
    }
    eprintln!("{}", sanitize::line(&summary));
    if checked.error_count() > 0 {
        for diagnostic in &checked.diagnostics {
            eprint!("{}", diagnostic.render());
        }
        return ExitCode::from(EXIT_ERRORS);
    }
    ExitCode::SUCCESS
}

fn show(path: &Path) -> String {
    sanitize::line(&path.display().to_string()).into_owned()
}
