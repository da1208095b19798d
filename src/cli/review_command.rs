//! `brief review export`: a briefing's review as a report on stdout, in
//! Markdown or JSON lines, for the briefing's author.
//!
//! Owns finding and reading the review file for the report; the report
//! itself is `review::export`'s. Reads only through the loader's guarded
//! reading.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::read::load_for_reading;
use super::{EXIT_ERRORS, EXIT_IO, ReportFormat};
use crate::loader::{FileSystem, SourceReader};
use crate::sanitize;

/// `brief review export`: the briefing's review as a report on stdout.
pub(super) fn export_review(
    file: &Path,
    format: ReportFormat,
    chosen: Option<&Path>,
    plain: bool,
) -> ExitCode {
    let briefing = match load_for_reading(Some(file), plain) {
        Ok(briefing) => briefing,
        Err(status) => return status,
    };
    let named = briefing
        .meta
        .annotation_path
        .as_deref()
        .map_or_else(|| file.to_path_buf(), PathBuf::from);
    let places = crate::review::store::Places::for_briefing(Some(&named), chosen);
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
        return ExitCode::from(EXIT_ERRORS);
    };
    let shown = path.display().to_string();
    let read = FileSystem
        .read(&path, crate::review::open::REVIEW_CAP)
        .map_err(|d| vec![d])
        .and_then(|source| crate::review::file::read(&shown, &source));
    let review = match read {
        Ok((review, _)) => review,
        Err(diagnostics) => {
            for diagnostic in &diagnostics {
                eprint!("{}", diagnostic.render());
            }
            return ExitCode::from(EXIT_ERRORS);
        }
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
