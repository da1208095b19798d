//! Ids for what other formats do not name as brief does: an entity made
//! from a reference, a label or a name, a kind from a type. brief's ids
//! are lowercase letters, digits, `_` and `-`, starting with a letter or
//! digit (`build::is_valid_id`).

use std::collections::HashSet;

use crate::loader::build::is_valid_id;

/// `text` as an id: lowercase ASCII letters and digits, each run of
/// anything else one `-`; `fallback` when nothing is left.
pub fn slug(text: &str, fallback: &str) -> String {
    let mut id = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() { fallback } else { id }.to_string()
}

/// An id made from `name`, not in `taken` (`-2`, `-3`… added), and taken.
pub fn fresh_id(name: &str, taken: &mut HashSet<String>) -> String {
    let base = slug(name, "entity");
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) || !is_valid_id(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_valid_distinct_ids() {
        let mut taken = HashSet::new();
        assert_eq!(fresh_id("Wikidata:Q41187", &mut taken), "wikidata-q41187");
        assert_eq!(fresh_id("New York", &mut taken), "new-york");
        assert_eq!(fresh_id("new york!", &mut taken), "new-york-2");
        assert_eq!(fresh_id("Zürich", &mut taken), "z-rich");
        assert_eq!(fresh_id("東京", &mut taken), "entity");
        assert_eq!(fresh_id("", &mut taken), "entity-2");
        assert!(taken.iter().all(|id| is_valid_id(id)));
    }
}
