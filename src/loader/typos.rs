//! "Did you mean …?": the closest known name to a misspelt one, within a
//! budget of comparisons so that many misspellings in a large file cost
//! no more than a few. It must not report anything itself: the callers put
//! the suggestion in their diagnostics.

use std::collections::HashMap;

/// Words longer than this (in characters) get no suggestion: a typo in an
/// id or key that long is not what a suggestion helps with, and comparing
/// costs the product of the two lengths (two megabyte-long ids would take
/// a terabyte of table).
const LONGEST_SUGGESTED: usize = 64;

/// The closest of `candidates` to `word`, if it is close enough to be a
/// plausible typo: at most a third of the longer one's characters apart.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let length = word.chars().count();
    if length > LONGEST_SUGGESTED {
        return None;
    }
    candidates
        .into_iter()
        .filter_map(|candidate| {
            let other = candidate.chars().count();
            let longest = length.max(other).max(3);
            // The distance is at least the difference in length: skip the
            // table for candidates that cannot be near enough.
            if length.abs_diff(other) * 3 > longest {
                return None;
            }
            let distance = strsim::damerau_levenshtein(word, candidate);
            (distance > 0 && distance * 3 <= longest).then_some((distance, candidate))
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// How many candidates the suggestions for one file may compare words
/// with, all told (about 0.2 s of work).
pub const SUGGESTION_BUDGET: usize = 1_000_000;

/// Suggestions for misspelt ids and kinds across one file: each distinct
/// word is looked up once, and look-ups stop when the budget is spent.
/// Each look-up compares the word with every candidate, so without the
/// budget a file with thousands of different unknown ids and as many
/// entities cost their product: 5,000 of each took 4.7 s. Past it, the
/// hint names no candidate.
pub struct Suggestions {
    found: HashMap<String, Option<String>>,
    budget: usize,
}

impl Default for Suggestions {
    fn default() -> Self {
        Self::with_budget(SUGGESTION_BUDGET)
    }
}

impl Suggestions {
    pub fn with_budget(budget: usize) -> Self {
        Self {
            found: HashMap::new(),
            budget,
        }
    }

    /// [`did_you_mean`] for `word` among `candidates`, remembered; `None`
    /// too once the budget cannot pay for every candidate.
    pub fn near<'a, I>(&mut self, word: &str, candidates: I) -> Option<String>
    where
        I: IntoIterator<Item = &'a str>,
        I::IntoIter: ExactSizeIterator,
    {
        if let Some(found) = self.found.get(word) {
            return found.clone();
        }
        let candidates = candidates.into_iter();
        let found = match self.budget.checked_sub(candidates.len()) {
            Some(left) => {
                self.budget = left;
                did_you_mean(word, candidates).map(str::to_string)
            }
            None => None,
        };
        self.found.insert(word.to_string(), found.clone());
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_only_for_near_misses() {
        let ids = ["putin", "isis-k", "moscow"];
        assert_eq!(did_you_mean("putn", ids), Some("putin"));
        assert_eq!(did_you_mean("isisk", ids), Some("isis-k"));
        assert_eq!(did_you_mean("kabul", ids), None);
        // Too different in length to be near, and too long to compare.
        assert_eq!(did_you_mean("pu", ids), None);
        let long = "a".repeat(LONGEST_SUGGESTED + 1);
        let longer = format!("{long}b");
        assert_eq!(did_you_mean(&long, [longer.as_str()]), None);
    }

    #[test]
    fn suggestions_are_remembered_and_stop_when_the_budget_is_spent() {
        let ids = ["putin", "isis-k", "moscow"];
        let mut suggestions = Suggestions::with_budget(7);
        assert_eq!(suggestions.near("putn", ids).as_deref(), Some("putin"));
        // Remembered: the same word again costs nothing.
        assert_eq!(suggestions.near("putn", ids).as_deref(), Some("putin"));
        assert_eq!(suggestions.near("moscw", ids).as_deref(), Some("moscow"));
        // One comparison left, three candidates: no look-up at all.
        assert_eq!(suggestions.near("isisk", ids), None);
        assert_eq!(suggestions.budget, 1);
    }
}
