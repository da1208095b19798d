//! What the library keeps of each briefing: its row (title, date,
//! classification, source, counts, review progress, the problems `brief
//! check` finds) and, for the cross-briefing views, its entities (names,
//! aliases, first mention with the words around it) and dated events.
//! Made by loading the briefing with the loader, as the reader would.
//!
//! Owns turning a loaded briefing into that summary; must not draw, print
//! or write anything.

use std::path::Path;

use crate::loader::{self, ANNOTATION_CAP, FileSystem, SourceReader};
use crate::model::{Briefing, FuzzyDate, floor_char_boundary};

use super::scan::Candidate;

/// How many characters of text either side of an entity's first mention
/// the card quotes.
const CONTEXT_CHARS: usize = 28;

/// One entity of one briefing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntitySummary {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub mentions: usize,
    /// Where its first mention starts, in bytes of the text.
    pub first_mention: Option<usize>,
    /// The words around the first mention, on one line.
    pub context: String,
}

/// One dated event of one briefing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventSummary {
    pub date: FuzzyDate,
    pub title: String,
    /// Indices into the briefing's entities.
    pub entities: Vec<usize>,
    /// Where its passage starts, if it has one.
    pub at: Option<usize>,
}

/// How far a review of the briefing has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReviewProgress {
    pub done: usize,
    pub total: usize,
}

/// Everything the library keeps of one briefing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub title: Option<String>,
    pub published: Option<String>,
    pub classification: Option<String>,
    pub source: Option<String>,
    /// The text file, where search reads.
    pub text_path: Option<String>,
    pub entities: Vec<EntitySummary>,
    pub events: Vec<EventSummary>,
    pub notes: usize,
    pub errors: usize,
    pub warnings: usize,
    /// The first problem's message, for the row.
    pub first_problem: Option<String>,
    pub review: Option<ReviewProgress>,
}

impl Summary {
    /// A briefing that could not be read at all.
    pub fn failed(problem: String) -> Self {
        Summary {
            errors: 1,
            first_problem: Some(problem),
            ..Summary::default()
        }
    }

    pub fn problems(&self) -> usize {
        self.errors + self.warnings
    }
}

/// Loads the candidate and summarises it. Never panics on what the file
/// holds; a file too large is refused by its size before it is read.
pub fn summarise(candidate: &Candidate) -> Summary {
    if candidate.size > ANNOTATION_CAP {
        return Summary::failed(format!(
            "{} bytes: larger than the {} MiB brief reads",
            candidate.size,
            ANNOTATION_CAP / (1024 * 1024)
        ));
    }
    let loaded = loader::load(&candidate.path, &FileSystem);
    let errors = loaded.error_count();
    let warnings = loaded.warning_count();
    let first_problem = loaded
        .diagnostics
        .first()
        .map(|d| crate::sanitize::line(&d.message).into_owned());
    match loaded.briefing {
        Some(briefing) => Summary {
            errors,
            warnings,
            first_problem,
            review: review_progress(&candidate.path, &briefing),
            ..of_briefing(&briefing)
        },
        None => Summary {
            errors,
            warnings,
            first_problem,
            ..Summary::default()
        },
    }
}

/// The summary of a loaded briefing (no diagnostics, no review).
pub fn of_briefing(briefing: &Briefing) -> Summary {
    let text = briefing.document.text.as_str();
    let entities = briefing
        .entities
        .iter()
        .map(|entity| {
            let first = entity
                .mentions
                .iter()
                .filter_map(|m| briefing.mentions.get(m.0))
                .map(|m| m.span.clone())
                .min_by_key(|span| span.start);
            EntitySummary {
                id: entity.id.clone(),
                name: entity.name.clone(),
                kind: entity.kind.clone(),
                aliases: entity.aliases.clone(),
                mentions: entity.mentions.len(),
                first_mention: first.as_ref().map(|span| span.start),
                context: first.map_or_else(String::new, |span| context_of(text, span)),
            }
        })
        .collect();
    let events = briefing
        .events
        .iter()
        .map(|event| EventSummary {
            date: event.date.clone(),
            title: event.title.clone(),
            entities: event.entities.iter().map(|e| e.0).collect(),
            at: event.passage.as_ref().map(|p| p.start),
        })
        .collect();
    let meta = &briefing.meta;
    Summary {
        title: meta.title.clone(),
        published: meta.published.clone(),
        classification: meta.classification.clone(),
        source: meta.source.clone(),
        text_path: Some(meta.text_path.clone()),
        entities,
        events,
        notes: briefing.notes.len(),
        ..Summary::default()
    }
}

/// The text around `span` on one line: whitespace folded, cut at
/// character boundaries, with an ellipsis where it was cut.
pub fn context_of(text: &str, span: std::ops::Range<usize>) -> String {
    context_around(text, span, CONTEXT_CHARS, CONTEXT_CHARS)
}

/// As [`context_of`], with `before` and `after` characters either side.
pub fn context_around(
    text: &str,
    span: std::ops::Range<usize>,
    before_chars: usize,
    after_chars: usize,
) -> String {
    let start = floor_char_boundary(text, span.start);
    let end = floor_char_boundary(text, span.end.max(start));
    let before = text.get(..start).unwrap_or_default();
    let after = text.get(end..).unwrap_or_default();
    let lead: String = {
        let chars: Vec<char> = before.chars().rev().take(before_chars).collect();
        chars.into_iter().rev().collect()
    };
    let tail: String = after.chars().take(after_chars).collect();
    let middle = text.get(start..end).unwrap_or_default();
    let cut_before = lead.len() < before.len();
    let cut_after = tail.len() < after.len();
    let joined = format!(
        "{}{lead}{middle}{tail}{}",
        if cut_before { "\u{2026}" } else { "" },
        if cut_after { "\u{2026}" } else { "" }
    );
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The progress of the review kept beside the annotation file (or in the
/// state directory), if there is one that reads; reading it never writes.
fn review_progress(named: &Path, briefing: &Briefing) -> Option<ReviewProgress> {
    let annotation = briefing
        .meta
        .annotation_path
        .as_deref()
        .map_or_else(|| named.to_path_buf(), std::path::PathBuf::from);
    let places = crate::review::store::Places::for_briefing(Some(&annotation), None);
    let path = places.existing()?;
    let source = FileSystem
        .read(path, crate::review::open::REVIEW_CAP)
        .ok()?;
    let (review, _) = crate::review::file::read(&path.display().to_string(), &source).ok()?;
    let overlay = crate::review::Overlay::build(&review, briefing);
    let progress = overlay.progress(briefing);
    let parts = [progress.mentions, progress.entities, progress.events];
    Some(ReviewProgress {
        done: parts.iter().map(|p| p.0).sum(),
        total: parts.iter().map(|p| p.1).sum(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_one_line_and_marks_its_cuts() {
        let text = format!("{}Alice met\nBob{}", "x ".repeat(40), " y".repeat(40));
        let at = text.find("Alice").unwrap();
        let context = context_of(&text, at..at + 5);
        assert!(context.starts_with('\u{2026}'));
        assert!(context.ends_with('\u{2026}'));
        assert!(context.contains("Alice met Bob"));
        assert_eq!(context_of("Alice", 0..5), "Alice");
    }
}
