//! Small pieces of English shared by the reader and the command line, so
//! that "1 mention" and "2 mentions" are right everywhere.

/// "1 mention", "3 mentions", "0 entities".
pub fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::counted;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(counted(1, "note", "notes"), "1 note");
        assert_eq!(counted(0, "note", "notes"), "0 notes");
        assert_eq!(counted(2, "entity", "entities"), "2 entities");
    }
}
