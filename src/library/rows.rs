//! The library's rows in the order asked for (newest first, oldest first,
//! by title, by path) and narrowed by a fuzzy filter over title, path,
//! source, classification and date (the matcher of the pickers).
//!
//! Pure: entries in, row order out.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::Entry;

/// The order of the rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
    Title,
    Path,
}

impl Sort {
    /// The next order, as the sort key cycles.
    pub fn next(self) -> Sort {
        match self {
            Sort::Newest => Sort::Oldest,
            Sort::Oldest => Sort::Title,
            Sort::Title => Sort::Path,
            Sort::Path => Sort::Newest,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Sort::Newest => "newest first",
            Sort::Oldest => "oldest first",
            Sort::Title => "by title",
            Sort::Path => "by path",
        }
    }
}

/// The positions of the entries to list, in order.
pub fn arrange(entries: &[Entry], filter: &str, sort: Sort) -> Vec<usize> {
    let mut rows: Vec<usize> = if filter.trim().is_empty() {
        (0..entries.len()).collect()
    } else {
        let pattern = Pattern::parse(filter, CaseMatching::Smart, Normalization::Smart);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buffer = Vec::new();
        entries
            .iter()
            .enumerate()
            .filter(|(_, entry)| {
                let haystack = haystack(entry);
                pattern
                    .score(Utf32Str::new(&haystack, &mut buffer), &mut matcher)
                    .is_some()
            })
            .map(|(at, _)| at)
            .collect()
    };
    let title_key = |at: &usize| {
        entries
            .get(*at)
            .map(|e| e.title().to_lowercase())
            .unwrap_or_default()
    };
    let date = |at: &usize| {
        entries
            .get(*at)
            .and_then(|e| e.published().map(str::to_string))
    };
    match sort {
        // Undated briefings last either way; ties by path (the walk's
        // order), which the stable sort keeps.
        Sort::Newest => rows.sort_by(|a, b| match (date(a), date(b)) {
            (Some(x), Some(y)) => y.cmp(&x),
            (x, y) => x.is_none().cmp(&y.is_none()),
        }),
        Sort::Oldest => rows.sort_by(|a, b| match (date(a), date(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (x, y) => x.is_none().cmp(&y.is_none()),
        }),
        Sort::Title => rows.sort_by_cached_key(title_key),
        Sort::Path => {}
    }
    rows
}

fn haystack(entry: &Entry) -> String {
    let summary = entry.summary.as_ref();
    let field = |f: fn(&super::Summary) -> Option<&String>| {
        summary.and_then(f).map_or("", String::as_str).to_string()
    };
    format!(
        "{} {} {} {} {}",
        entry.title(),
        entry.relative,
        field(|s| s.source.as_ref()),
        field(|s| s.classification.as_ref()),
        field(|s| s.published.as_ref()),
    )
}
