//! Which words an approximate match changes: the quote and the text it was
//! anchored to, split into words and aligned, and each word replaced by a
//! clearly different one (not a slip of a letter or two) named. "moved
//! north" anchored to "moved south" is 90% similar and means the opposite;
//! "morning" for "mourning" is a typo. It only compares; the warning is
//! `fallback`'s.

use similar::{Algorithm, DiffOp, capture_diff_slices};

/// Below this similarity (normalised Levenshtein) two aligned words are
/// different words rather than one word misspelt.
const SAME_WORD: f64 = 0.75;

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect()
}

/// The words of `quote` and of `found` that differ as whole words: pairs of
/// (in the quote, in the text), either side empty for a word only one has.
pub fn changed_words(quote: &str, found: &str) -> Vec<(String, String)> {
    let (old, new) = (words(quote), words(found));
    let mut changed = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old, &new) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index, old_len, ..
            } => changed.extend(
                old.iter()
                    .skip(old_index)
                    .take(old_len)
                    .map(|word| (word.to_string(), String::new())),
            ),
            DiffOp::Insert {
                new_index, new_len, ..
            } => changed.extend(
                new.iter()
                    .skip(new_index)
                    .take(new_len)
                    .map(|word| (String::new(), word.to_string())),
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let before = old.iter().skip(old_index).take(old_len);
                let after = new.iter().skip(new_index).take(new_len);
                if old_len == new_len {
                    changed.extend(
                        before
                            .zip(after)
                            .filter(|(a, b)| strsim::normalized_levenshtein(a, b) < SAME_WORD)
                            .map(|(a, b)| (a.to_string(), b.to_string())),
                    );
                } else {
                    // Words split or joined ("day light" for "daylight")
                    // are a slip if the letters barely differ.
                    let a: String = before.copied().collect::<Vec<_>>().join(" ");
                    let b: String = after.copied().collect::<Vec<_>>().join(" ");
                    let joined = (a.replace(' ', ""), b.replace(' ', ""));
                    if strsim::normalized_levenshtein(&joined.0, &joined.1) < SAME_WORD {
                        changed.push((a, b));
                    }
                }
            }
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_opposite_word_is_named_and_a_typo_is_not() {
        assert_eq!(
            changed_words(
                "the column moved south at dawn",
                "the column moved north at dawn"
            ),
            [("south".to_string(), "north".to_string())]
        );
        assert!(
            changed_words("a day of morning on Sunday", "a day of mourning on Sunday").is_empty()
        );
    }

    #[test]
    fn a_missing_word_is_named() {
        assert_eq!(
            changed_words("the minister did not resign", "the minister did resign"),
            [("not".to_string(), String::new())]
        );
    }
}
