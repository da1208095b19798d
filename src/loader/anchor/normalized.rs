//! Finding a quote in a text under Unicode normalisation: both in NFC
//! (composed: "é" as one character, not "e" and a combining accent), the
//! text normalised one grapheme cluster at a time so that every cluster
//! boundary maps back to the text as stored. It must not decide whether a
//! match is taken; `fallback` does, with a warning.

use std::ops::Range;

use memchr::memmem;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use super::is_grapheme_boundary;

/// The ranges of `text` (on grapheme boundaries) whose NFC form is
/// `quote_nfc`.
pub fn find(text: &str, quote_nfc: &str) -> Vec<Range<usize>> {
    if quote_nfc.is_empty() {
        return Vec::new();
    }
    let mut normalized = String::with_capacity(text.len());
    // (end in `normalized`, end in `text`) of each cluster whose NFC form
    // differs in length: between them the two advance together.
    let mut moved: Vec<(usize, usize)> = Vec::new();
    for (at, cluster) in text.grapheme_indices(true) {
        let before = normalized.len();
        normalized.extend(cluster.nfc());
        if normalized.len() - before != cluster.len() {
            moved.push((normalized.len(), at + cluster.len()));
        }
    }
    let back = |offset: usize| -> usize {
        let index = moved.partition_point(|&(end, _)| end <= offset);
        match index.checked_sub(1).and_then(|i| moved.get(i)) {
            Some(&(end, original)) => original + (offset - end),
            None => offset,
        }
    };
    memmem::find_iter(normalized.as_bytes(), quote_nfc.as_bytes())
        .map(|start| start..start + quote_nfc.len())
        .filter(|range| {
            is_grapheme_boundary(&normalized, range.start)
                && is_grapheme_boundary(&normalized, range.end)
        })
        .map(|range| back(range.start)..back(range.end))
        .collect()
}

/// The first grapheme cluster where `quote` and `found` differ, each with
/// its code points, for a message: ("é" U+0065 U+0301, "é" U+00E9).
pub fn first_difference(quote: &str, found: &str) -> Option<(String, String)> {
    let code_points = |cluster: &str| {
        let points: Vec<String> = cluster
            .chars()
            .map(|c| format!("U+{:04X}", u32::from(c)))
            .collect();
        format!("\"{cluster}\" ({})", points.join(" "))
    };
    quote
        .graphemes(true)
        .zip(found.graphemes(true))
        .find(|(a, b)| a != b)
        .map(|(a, b)| (code_points(a), code_points(b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_composed_quote_finds_a_decomposed_text_and_maps_back() {
        let text = "Le Cafe\u{301} Mireille, cafe\u{301}.";
        let found = find(text, "Café Mireille");
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].clone()], "Cafe\u{301} Mireille");
        // Half a cluster is no match: "Caf" would end before the accent.
        assert!(find(text, "Cafe").is_empty());
    }

    #[test]
    fn the_difference_names_the_code_points() {
        let (quote, text) = first_difference("Café", "Cafe\u{301}").expect("they differ");
        assert_eq!(quote, "\"é\" (U+00E9)");
        assert_eq!(text, "\"e\u{301}\" (U+0065 U+0301)");
    }
}
