//! A search's data: the query and its compiled pattern ([`Search`]), what
//! it has found so far ([`Found`]: the matches in the stretches of text
//! searched near the view at each keystroke, behind `n` and `N`, and by
//! the counting thread from the start of the text on), and the count. Also the counting itself, [`count`], which
//! the terminal runs on a worker thread and which reports back through
//! `Input::Counted`. Data and pure functions only: the search's mutators
//! are in `search`, the thread in `terminal`.

use std::ops::Range;
use std::sync::Arc;

use super::find::{MAX_MATCHES, Pattern};
use super::jumps::Location;

/// How much of the text the counting thread searches between reports
/// (and between looks at whether it was cancelled).
pub const COUNT_STRETCH: usize = 1024 * 1024;

/// Search in the article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// What the status line shows: `/query` or `*Entity name`.
    pub label: String,
    pub query: String,
    /// The prompt has the keyboard.
    pub editing: bool,
    /// The matches found so far, and where the text was searched.
    pub found: Found,
    /// The match shown as the current one.
    pub current: Option<Range<usize>>,
    /// Where the search started, to return to on cancel.
    pub origin: Option<Location>,
    /// The query is a regular expression (Ctrl-r in the prompt).
    pub regex: bool,
    /// Why the query finds nothing when it cannot be searched for (a bad
    /// regular expression).
    pub error: Option<String>,
    /// For `*`: the entity's names, found as whole words (kept by name, so
    /// a reload finds them again in the new text).
    pub names: Option<Vec<String>>,
    /// The query changed since it was last searched for: the search runs
    /// once when the burst of keys is over (`Input::Settle`), not once a
    /// key, so a pasted query costs one search, not one per character.
    pub stale: bool,
    /// The query compiled; `None` while there is nothing to search for.
    pub pattern: Option<Arc<Pattern>>,
    /// Which search this is: the counting thread's reports name it, and a
    /// report for an earlier search is ignored.
    pub generation: u64,
    /// Matches counted so far: all of them once `counting` is over.
    pub counted: usize,
    /// The counting thread is still going through the text.
    pub counting: bool,
    /// Enter was pressed before any match was found: the first one the
    /// count finds is jumped to.
    pub awaiting: bool,
    /// The counting thread is to be started (`update` asks the terminal).
    pub count_wanted: bool,
}

impl Search {
    /// The matches known so far, in text order.
    pub fn matches(&self) -> &[Range<usize>] {
        &self.found.matches
    }

    /// The current match's place among the known ones.
    pub fn current_index(&self) -> Option<usize> {
        let current = self.current.as_ref()?;
        let index = self
            .found
            .matches
            .partition_point(|m| m.start < current.start);
        (self.found.matches.get(index) == Some(current)).then_some(index)
    }
}

/// Search bookkeeping that outlives any one search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchTally {
    /// The last generation handed out.
    pub generation: u64,
    /// The generation a counting thread is running for, if any.
    pub running: Option<u64>,
    /// Bytes of text searched in the foreground (on keys, not by the
    /// counting thread), all told: the scale tests' work counter.
    pub bytes: usize,
}

/// The matches known so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// In text order, none overlapping; only in `searched` stretches.
    pub matches: Vec<Range<usize>>,
    /// The stretches of text whose every match is in `matches`: in order,
    /// none touching another (touching ones are merged).
    searched: Vec<Range<usize>>,
}

impl Found {
    /// Takes in the matches that start in `stretch`, in place of whatever
    /// was known there (the counting thread's matches replace those found
    /// from a keystroke's starting point, which may differ where a match
    /// could start inside another).
    pub fn add(&mut self, stretch: Range<usize>, matches: Vec<Range<usize>>) {
        if stretch.is_empty() {
            return;
        }
        let reach = matches
            .last()
            .map_or(stretch.end, |m| m.end.max(stretch.end));
        let first = self.matches.partition_point(|m| m.end <= stretch.start);
        let last = self.matches.partition_point(|m| m.start < reach);
        let last = last.max(first);
        self.matches.splice(first..last, matches);
        // The stretch, merged with the ones it touches.
        let mut merged = stretch;
        let first = self.searched.partition_point(|s| s.end < merged.start);
        let last = self.searched.partition_point(|s| s.start <= merged.end);
        if let Some(touched) = self.searched.get(first..last) {
            if let (Some(head), Some(tail)) = (touched.first(), touched.last()) {
                merged = merged.start.min(head.start)..merged.end.max(tail.end);
            }
        }
        self.searched.splice(first..last.max(first), [merged]);
    }

    /// Where the searched stretch holding `at` ends (`at` itself when `at`
    /// was not searched): every match starting in `at..` that is sought
    /// before this is known.
    pub fn searched_to(&self, at: usize) -> usize {
        let index = self.searched.partition_point(|s| s.end <= at);
        self.searched
            .get(index)
            .filter(|s| s.start <= at)
            .map_or(at, |s| s.end)
    }

    /// Where the searched stretch ending at or after `at` starts, counting
    /// back (`at` itself when the text just before `at` was not searched).
    pub fn searched_from(&self, at: usize) -> usize {
        let index = self.searched.partition_point(|s| s.end < at);
        self.searched
            .get(index)
            .filter(|s| s.start < at)
            .map_or(at, |s| s.start)
    }

    /// Where the next searched stretch after `at` starts, if any.
    pub fn next_searched(&self, at: usize) -> Option<usize> {
        let index = self.searched.partition_point(|s| s.start <= at);
        self.searched.get(index).map(|s| s.start)
    }

    /// Where the searched stretch before `at` ends, if any.
    pub fn previous_searched(&self, at: usize) -> Option<usize> {
        let index = self.searched.partition_point(|s| s.end < at);
        index
            .checked_sub(1)
            .and_then(|i| self.searched.get(i))
            .map(|s| s.end)
    }

    /// The first known match starting at or after `at`.
    pub fn first_from(&self, at: usize) -> Option<Range<usize>> {
        let index = self.matches.partition_point(|m| m.start < at);
        self.matches.get(index).cloned()
    }

    /// The last known match starting before `at`.
    pub fn last_before(&self, at: usize) -> Option<Range<usize>> {
        let index = self.matches.partition_point(|m| m.start < at);
        index
            .checked_sub(1)
            .and_then(|i| self.matches.get(i))
            .cloned()
    }

    /// Whether `found` is one of the known matches.
    pub fn holds(&self, found: &Range<usize>) -> bool {
        self.matches
            .binary_search_by_key(&found.start, |m| m.start)
            .is_ok_and(|i| self.matches.get(i) == Some(found))
    }

    /// The known matches overlapping `range`, in order.
    pub fn overlapping(&self, range: &Range<usize>) -> &[Range<usize>] {
        let first = self.matches.partition_point(|m| m.end <= range.start);
        let last = self.matches.partition_point(|m| m.start < range.end);
        self.matches.get(first..last.max(first)).unwrap_or_default()
    }
}

/// The search a counting thread is to run: the text and the compiled
/// pattern, and the generation of the search it counts for (a report of
/// an older generation is ignored).
#[derive(Debug, Clone)]
pub struct CountJob {
    pub generation: u64,
    pub text: Arc<String>,
    pub pattern: Arc<Pattern>,
}

impl PartialEq for CountJob {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
    }
}

impl Eq for CountJob {}

/// One report of the counting thread: the next stretch of the text done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub generation: u64,
    /// The stretch searched; `None` once `MAX_MATCHES` are kept (the
    /// matches past them are counted, not kept).
    pub searched: Option<Range<usize>>,
    pub matches: Vec<Range<usize>>,
    /// How many matches start in the stretch.
    pub count: usize,
    /// The end of the text was reached.
    pub done: bool,
}

/// Counts every match of the job's pattern from the start of the text to
/// its end, a stretch at a time, handing each stretch's matches to
/// `report` (kept ones until `MAX_MATCHES`, then only their number).
/// Stops early when `cancelled` says so or `report` returns false.
pub fn count(
    job: &CountJob,
    cancelled: impl Fn() -> bool,
    mut report: impl FnMut(Counted) -> bool,
) {
    let text = job.text.as_str();
    let mut from = 0;
    let mut kept = 0;
    loop {
        if cancelled() {
            return;
        }
        let until = stretch_end(text, from, COUNT_STRETCH);
        let stretch = job.pattern.find_in(text, from, until);
        let count = stretch.matches.len();
        let room = MAX_MATCHES.saturating_sub(kept);
        let (searched, matches) = if room == 0 {
            (None, Vec::new())
        } else if count > room {
            // Kept up to the cap: the stretch searched ends where the
            // last kept match does.
            let mut matches = stretch.matches;
            matches.truncate(room);
            let end = matches.last().map_or(from, |m| m.end);
            (Some(from..end), matches)
        } else {
            (Some(from..stretch.next), stretch.matches)
        };
        kept += matches.len();
        let done = stretch.next >= text.len();
        let report_this = Counted {
            generation: job.generation,
            searched,
            matches,
            count,
            done,
        };
        if !report(report_this) || done {
            return;
        }
        from = stretch.next;
    }
}

/// The end of a stretch of about `length` bytes from `from`, on a
/// character boundary, at least one character long.
pub fn stretch_end(text: &str, from: usize, length: usize) -> usize {
    let mut end = from.saturating_add(length.max(1)).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    end
}

/// The start of a stretch of about `length` bytes ending at `until`, on a
/// character boundary.
pub fn stretch_start(text: &str, until: usize, length: usize) -> usize {
    let mut start = until.saturating_sub(length.max(1));
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_stretches_merge_and_replace_what_was_known() {
        let mut found = Found::default();
        found.add(100..200, vec![110..115, 150..155]);
        assert_eq!(found.searched_to(120), 200);
        assert_eq!(found.searched_to(50), 50);
        assert_eq!(found.searched_from(150), 100);
        found.add(0..100, vec![10..15, 98..112]);
        // A match running into the next stretch replaces one found there.
        assert_eq!(found.matches, vec![10..15, 98..112, 150..155]);
        assert_eq!(found.searched_to(0), 200);
        assert_eq!(found.next_searched(250), None);
        found.add(300..400, vec![]);
        assert_eq!(found.next_searched(250), Some(300));
        assert_eq!(found.previous_searched(250), Some(200));
        assert_eq!(found.first_from(16), Some(98..112));
        assert_eq!(found.last_before(98), Some(10..15));
        assert!(found.holds(&(150..155)) && !found.holds(&(150..154)));
        assert_eq!(found.overlapping(&(100..152)), [98..112, 150..155]);
    }

    #[test]
    fn counting_reports_every_match_once_and_keeps_at_most_the_cap() {
        let text = "ab ".repeat(COUNT_STRETCH);
        let job = CountJob {
            generation: 7,
            text: Arc::new(text.clone()),
            pattern: Arc::new(Pattern::literal("ab").unwrap()),
        };
        let mut reports = Vec::new();
        count(
            &job,
            || false,
            |counted| {
                reports.push(counted);
                true
            },
        );
        let total: usize = reports.iter().map(|r| r.count).sum();
        assert_eq!(total, COUNT_STRETCH);
        let kept: usize = reports.iter().map(|r| r.matches.len()).sum();
        assert_eq!(kept, MAX_MATCHES);
        assert!(reports.iter().all(|r| r.generation == 7));
        assert_eq!(reports.iter().filter(|r| r.done).count(), 1);
        assert!(reports.last().is_some_and(|r| r.done));
        // A cancelled count reports nothing more.
        let mut after_cancel = 0;
        count(
            &job,
            || true,
            |_| {
                after_cancel += 1;
                true
            },
        );
        assert_eq!(after_cancel, 0);
    }
}
