//! Approximate quote matching, the fallback for quotes with no exact match:
//! semi-global edit distance (Sellers) over characters, so the quote may
//! start and end anywhere in the text. Only quotes that failed exact
//! matching come here, and a work budget keeps a huge text from stalling the
//! load.

// The edit-distance columns have `needle.len() + 1` rows and every index
// into them is a row number from 0 to `needle.len()`, by construction; the
// window slice is within `hay` because both ends are clamped to it. These
// loops run text-length times quote-length, where `get` would only hide the
// invariant behind a default value.
#![allow(clippy::indexing_slicing)]

use std::ops::Range;

/// Upper bound on the work of all the approximate searches of one load, in
/// the units of [`work`].
pub const WORK_BUDGET: usize = 300_000_000;

/// The most work one search can do, charged to the budget before it runs:
/// the text against the quote, re-aligning the best match and the
/// runner-up backwards (a window of at most twice the quote each), and
/// finding their four byte offsets by walking the text.
pub fn work(text_chars: usize, quote_chars: usize) -> usize {
    text_chars
        .saturating_mul(quote_chars)
        .saturating_add(quote_chars.saturating_mul(quote_chars).saturating_mul(4))
        .saturating_add(text_chars.saturating_mul(4))
}

/// Quotes shorter than this are never matched approximately: with few
/// characters, a near match is as likely wrong as right.
pub const MIN_QUOTE_CHARS: usize = 12;

/// Lowest similarity (1 - distance / quote length) accepted.
pub const MIN_SIMILARITY: f64 = 0.85;

#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Byte range in the searched text.
    pub range: Range<usize>,
    pub distance: usize,
    pub similarity: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The best match is good enough and clearly ahead of the runner-up.
    Accepted(Candidate),
    /// Nothing acceptable; the nearest candidates, best first.
    Rejected(Vec<Candidate>),
    /// The search was not run (quote too short, or over the budget).
    Skipped(&'static str),
}

/// Finds the best approximate match of `quote` in `text`, spending work
/// from `budget` (see [`work`]).
pub fn search(text: &str, quote: &str, budget: &mut usize) -> Outcome {
    let needle: Vec<char> = quote.chars().collect();
    let quote_chars = needle.len();
    if quote_chars < MIN_QUOTE_CHARS {
        return Outcome::Skipped("the quote is too short to match approximately");
    }
    let hay: Vec<char> = text.chars().collect();
    let cost = work(hay.len(), quote_chars);
    if cost > *budget {
        return Outcome::Skipped(
            "the approximate-search budget of this load is spent (the text is large or many quotes missed)",
        );
    }
    *budget -= cost;
    let ends = end_distances(&hay, &needle);
    let Some((best_end, best_distance)) = ends
        .iter()
        .copied()
        .enumerate()
        .min_by_key(|&(_, distance)| distance)
    else {
        return Outcome::Rejected(Vec::new());
    };
    let best = candidate(text, &hay, &needle, best_end, best_distance as usize);
    // The runner-up must end well away from the best, or it is the same
    // passage shifted by a character.
    let runner_up = ends
        .iter()
        .copied()
        .enumerate()
        .filter(|&(end, _)| end.abs_diff(best_end) > quote_chars)
        .min_by_key(|&(_, distance)| distance)
        .map(|(end, distance)| candidate(text, &hay, &needle, end, distance as usize));
    let margin = (quote_chars / 10).max(2);
    let clear = runner_up
        .as_ref()
        .is_none_or(|other| other.distance >= best.distance + margin);
    if best.similarity >= MIN_SIMILARITY && clear {
        Outcome::Accepted(best)
    } else {
        Outcome::Rejected(std::iter::once(best).chain(runner_up).collect())
    }
}

/// For each end position in `hay` (in characters, exclusive), the least edit
/// distance of `needle` against a substring ending there.
fn end_distances(hay: &[char], needle: &[char]) -> Vec<u32> {
    let mut column: Vec<usize> = (0..=needle.len()).collect();
    let mut ends = Vec::with_capacity(hay.len());
    for &c in hay {
        // Row 0 stays 0: a match may start at any text position.
        let mut diagonal = 0;
        for (row, &n) in needle.iter().enumerate() {
            let substitute = diagonal + usize::from(n != c);
            let above = column[row] + 1;
            let left = column[row + 1] + 1;
            diagonal = column[row + 1];
            column[row + 1] = substitute.min(above).min(left);
        }
        ends.push(u32::try_from(column[needle.len()]).unwrap_or(u32::MAX));
    }
    ends
}

/// Builds the candidate whose last character is `hay[end_index]`, finding
/// its best start by aligning backwards.
fn candidate(
    text: &str,
    hay: &[char],
    needle: &[char],
    end_index: usize,
    distance: usize,
) -> Candidate {
    let end_exclusive = end_index + 1;
    let window = needle.len() + distance;
    let first = end_exclusive.saturating_sub(window);
    let start_index = best_start(&hay[first..end_exclusive], needle) + first;
    let byte_of = |chars: usize| {
        text.char_indices()
            .nth(chars)
            .map_or(text.len(), |(at, _)| at)
    };
    let similarity = 1.0 - distance as f64 / needle.len() as f64;
    Candidate {
        range: byte_of(start_index)..byte_of(end_exclusive),
        distance,
        similarity,
    }
}

/// Index in `window` where the best alignment of `needle` that ends at the
/// window's end starts.
fn best_start(window: &[char], needle: &[char]) -> usize {
    // Align the reversed needle against the reversed window, anchored at the
    // window's end and free at its start.
    let mut column: Vec<usize> = (0..=needle.len()).collect();
    let mut best = (column[needle.len()], 0);
    for (taken, &c) in window.iter().rev().enumerate() {
        let mut diagonal = column[0];
        column[0] = taken + 1;
        for (row, &n) in needle.iter().rev().enumerate() {
            let substitute = diagonal + usize::from(n != c);
            diagonal = column[row + 1];
            column[row + 1] = substitute.min(column[row] + 1).min(diagonal + 1);
        }
        if column[needle.len()] <= best.0 {
            best = (column[needle.len()], taken + 1);
        }
    }
    window.len() - best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_is_accepted_with_the_passage_it_found() {
        let text = "Officials declared a day of mourning on Sunday across the country.";
        let Outcome::Accepted(found) = search(
            text,
            "declared a day of morning on Sunday",
            &mut WORK_BUDGET.clone(),
        ) else {
            panic!("expected a match");
        };
        assert_eq!(
            &text[found.range.clone()],
            "declared a day of mourning on Sunday"
        );
        assert_eq!(found.distance, 1);
    }

    #[test]
    fn a_near_miss_is_rejected_with_candidates() {
        let text = "The toll rose to one hundred and thirty-seven by Sunday evening.";
        let Outcome::Rejected(nearest) = search(
            text,
            "the toll fell to ninety by Monday",
            &mut WORK_BUDGET.clone(),
        ) else {
            panic!("expected a rejection");
        };
        assert!(!nearest.is_empty());
        assert!(nearest[0].similarity < MIN_SIMILARITY);
    }

    #[test]
    fn two_equally_close_passages_are_not_a_clear_winner() {
        let text = "the gunmen fled the hall. Later: the gunmen fled the mall.";
        let outcome = search(text, "the gunmen fled the ball", &mut WORK_BUDGET.clone());
        assert!(
            matches!(outcome, Outcome::Rejected(ref c) if c.len() == 2),
            "{outcome:?}"
        );
    }

    #[test]
    fn the_budget_is_shared_across_searches() {
        let text = "a long enough text to search through for the quote";
        let quote = "enough text to sea";
        // Enough for one search and not two.
        let one = work(text.chars().count(), quote.chars().count());
        let mut budget = one + one / 2;
        assert!(!matches!(
            search(text, quote, &mut budget),
            Outcome::Skipped(_)
        ));
        assert_eq!(budget, one / 2);
        assert!(matches!(
            search(text, quote, &mut budget),
            Outcome::Skipped(_)
        ));
    }

    #[test]
    fn short_quotes_are_not_guessed() {
        assert!(matches!(
            search("Moscow", "Moscaw", &mut WORK_BUDGET.clone()),
            Outcome::Skipped(_)
        ));
    }
}
