//! `brief check` on a review file (`NAME.review.toml`): its form, with the
//! same diagnostics as annotation files, and, when the briefing it belongs
//! to (`NAME.toml` beside it) loads, whether it is that briefing's review
//! and which verdicts no longer find their passage (warnings: they are
//! kept, and listed for the author). Owns only this check's wording; reads
//! through the loader's guarded reading.

use std::path::{Path, PathBuf};

use crate::loader::{self, Diagnostic, FileSystem, Location, SourceReader};
use crate::review::{Overlay, Target, file, open::REVIEW_CAP};
use crate::wording::counted;

/// Whether `path` names a review file rather than a briefing.
pub(super) fn is_review_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.to_string_lossy().ends_with(".review.toml"))
}

/// What checking a review file found: its diagnostics, and a summary.
pub(super) struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    pub verdicts: usize,
    pub orphaned: usize,
    /// Whether the briefing beside it was found and loaded.
    pub against_briefing: bool,
}

pub(super) fn check_review(path: &Path) -> Checked {
    let shown = path.display().to_string();
    let mut checked = Checked {
        diagnostics: Vec::new(),
        verdicts: 0,
        orphaned: 0,
        against_briefing: false,
    };
    let read = FileSystem
        .read(path, REVIEW_CAP)
        .map_err(|d| vec![d])
        .and_then(|source| file::read(&shown, &source));
    let (review, header) = match read {
        Ok(read) => read,
        Err(diagnostics) => {
            checked.diagnostics = diagnostics;
            return checked;
        }
    };
    checked.verdicts = review.verdicts.len();
    let Some(briefing_path) = briefing_of(path).filter(|p| FileSystem.exists(p)) else {
        return checked;
    };
    let Some(briefing) = loader::open(&briefing_path, false, &FileSystem).briefing else {
        return checked;
    };
    checked.against_briefing = true;
    if let (Some(made_for), Some(title)) = (&header.briefing, &briefing.meta.title) {
        if made_for != title {
            checked.diagnostics.push(
                Diagnostic::error(
                    "review-other-briefing",
                    format!("this is the review of \u{201c}{made_for}\u{201d}, not of \u{201c}{title}\u{201d}"),
                )
                .at(Location::file_only(&shown))
                .hint("a review belongs beside its own briefing, named after it"),
            );
            return checked;
        }
    }
    let overlay = Overlay::build(&review, &briefing);
    checked.orphaned = overlay.orphan_count();
    let notes = overlay.orphaned_notes.iter().filter_map(|index| {
        let note = review.notes.get(*index)?;
        Some(format!(
            "your {} note on \u{201c}{}\u{201d}",
            note.kind.name(),
            note.anchor.quote
        ))
    });
    let mentions = overlay.orphaned_mentions.iter().filter_map(|index| {
        let mention = review.mentions.get(*index)?;
        Some(format!(
            "your mention of {} on \u{201c}{}\u{201d}",
            mention.of.describe(),
            mention.anchor.quote
        ))
    });
    for what in notes.chain(mentions) {
        checked.diagnostics.push(
            Diagnostic::warning(
                "review-orphan",
                format!("{what} finds nothing in the briefing as it is now"),
            )
            .at(Location::file_only(&shown))
            .hint("it is kept and listed last by `brief review export`; remove it by hand if it no longer matters"),
        );
    }
    for index in overlay.orphans {
        let Some(verdict) = review.verdicts.get(index) else {
            continue;
        };
        let what = match &verdict.target {
            Target::Mention { anchor, .. } | Target::Note { anchor, .. } => {
                format!(
                    "{} on \u{201c}{}\u{201d}",
                    verdict.target.kind_name(),
                    anchor.quote
                )
            }
            Target::Entity { id } | Target::Event { id } => {
                format!("{} `{id}`", verdict.target.kind_name())
            }
            Target::Relation { from, kind, to } => format!("relation {from} {kind} {to}"),
        };
        checked.diagnostics.push(
            Diagnostic::warning(
                "review-orphan",
                format!("the verdict on the {what} finds nothing in the briefing as it is now"),
            )
            .at(Location::file_only(&shown))
            .hint("it is kept and listed last by `brief review export`; remove it by hand if it no longer matters"),
        );
    }
    checked
}

/// `NAME.toml` beside `NAME.review.toml`.
fn briefing_of(review: &Path) -> Option<PathBuf> {
    let name = review.file_name()?.to_string_lossy().into_owned();
    let stem = name.strip_suffix(".review.toml")?;
    Some(review.with_file_name(format!("{stem}.toml")))
}

/// The summary line of a checked review file.
pub(super) fn summary(path: &Path, checked: &Checked) -> String {
    let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = checked.diagnostics.len() - errors;
    let against = if checked.against_briefing {
        format!(", {} orphaned", checked.orphaned)
    } else {
        " (its briefing was not found beside it: passages not checked)".to_string()
    };
    format!(
        "{}: review of {}{against}; {}, {}",
        crate::sanitize::line(&path.display().to_string()),
        counted(checked.verdicts, "verdict", "verdicts"),
        counted(warnings, "warning", "warnings"),
        counted(errors, "error", "errors")
    )
}
