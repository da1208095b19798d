//! Small pieces of English shared by the reader and the command line, so
//! that "1 mention" and "2 mentions" are right everywhere and a quoted
//! passage reads the same on a card and in a copied citation.

/// "1 mention", "3 mentions", "0 entities".
pub fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// A passage as a quotation: its whitespace folded to single spaces, cut
/// after `most` characters with an ellipsis.
pub fn excerpt(passage: &str, most: usize) -> String {
    let folded = passage.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut quote: String = folded.chars().take(most).collect();
    if quote.len() < folded.len() {
        quote.push('\u{2026}');
    }
    quote
}

#[cfg(test)]
mod tests {
    use super::{counted, excerpt};

    #[test]
    fn excerpts_fold_whitespace_and_cut_with_an_ellipsis() {
        assert_eq!(excerpt("a\n  b\tc", 10), "a b c");
        assert_eq!(excerpt("Crocus City Hall", 6), "Crocus\u{2026}");
    }

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(counted(1, "note", "notes"), "1 note");
        assert_eq!(counted(0, "note", "notes"), "0 notes");
        assert_eq!(counted(2, "entity", "entities"), "2 entities");
    }
}
