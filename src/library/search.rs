//! Search across the library: a pattern looked for in every indexed
//! briefing's text, case-insensitively, as a literal; matches listed by
//! briefing with the words around them. Reads the texts through the
//! loader's guarded reading, one at a time, reporting as it goes so that
//! the first briefings' matches show while the rest are searched.
//!
//! Owns the search over files; must not draw or change the controller's
//! state (the terminal loop hands its reports to `update`).

use std::path::PathBuf;

use regex::{Regex, RegexBuilder};

use crate::loader::{FileSystem, SourceReader, TEXT_CAP};

use super::index::context_around;

/// The most matches listed from one briefing.
pub const PER_BRIEFING: usize = 20;
/// The most matches listed in all.
pub const IN_ALL: usize = 5_000;

/// One match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub briefing: usize,
    /// Where the match starts in the text, in bytes.
    pub at: usize,
    /// The words around it, on one line.
    pub context: String,
}

/// A search to run: the query and, for each briefing, its text file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchJob {
    pub query: String,
    pub generation: u64,
    pub texts: Vec<(usize, PathBuf)>,
}

/// The query as a case-insensitive literal pattern.
pub fn compile(query: &str) -> Option<Regex> {
    if query.trim().is_empty() {
        return None;
    }
    RegexBuilder::new(&regex::escape(query))
        .case_insensitive(true)
        .build()
        .ok()
}

/// The matches in one text, at most [`PER_BRIEFING`].
pub fn in_text(briefing: usize, text: &str, pattern: &Regex) -> Vec<Hit> {
    pattern
        .find_iter(text)
        .take(PER_BRIEFING)
        .map(|found| Hit {
            briefing,
            at: found.start(),
            // Little before the match: a list row shows its start.
            context: context_around(text, found.range(), 16, 48),
        })
        .collect()
}

/// Runs a job, handing each briefing's matches to `report` (which says
/// whether to go on); stops at [`IN_ALL`] matches.
pub fn run(job: &SearchJob, mut report: impl FnMut(Vec<Hit>) -> bool) {
    let Some(pattern) = compile(&job.query) else {
        return;
    };
    let mut total = 0;
    for (briefing, path) in &job.texts {
        // A text that no longer reads (deleted, grown past the cap) is
        // passed over: the library row already says what is wrong.
        let Ok(text) = FileSystem.read(path, TEXT_CAP) else {
            continue;
        };
        let hits = in_text(*briefing, &text, &pattern);
        total += hits.len();
        if !hits.is_empty() && !report(hits) {
            return;
        }
        if total >= IN_ALL {
            return;
        }
    }
}
