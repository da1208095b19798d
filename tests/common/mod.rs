//! Helpers shared by the integration tests: load a briefing from strings.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use brief::loader::{self, InMemory, Loaded};

/// Loads `annotations` against `text` stored as `t.<extension>`.
pub fn load_pair(text: &str, extension: &str, annotations: &str) -> Loaded {
    let files = InMemory {
        files: vec![
            (PathBuf::from("t.toml"), annotations.to_string()),
            (PathBuf::from(format!("t.{extension}")), text.to_string()),
        ],
    };
    loader::load_annotated(Path::new("t.toml"), &files)
}

/// The texts of all mentions of one entity, in order.
pub fn mention_texts(loaded: &Loaded, entity: &str) -> Vec<String> {
    let briefing = loaded.briefing.as_ref().expect("briefing loads");
    let id = briefing.entity_by_id(entity).expect("entity exists");
    briefing
        .mentions_of(id)
        .map(|m| briefing.document.text[m.span.clone()].to_string())
        .collect()
}

/// Byte spans of all mentions of one entity, in order.
pub fn mention_spans(loaded: &Loaded, entity: &str) -> Vec<std::ops::Range<usize>> {
    let briefing = loaded.briefing.as_ref().expect("briefing loads");
    let id = briefing.entity_by_id(entity).expect("entity exists");
    briefing.mentions_of(id).map(|m| m.span.clone()).collect()
}

/// The codes of all diagnostics, in order.
pub fn codes(loaded: &Loaded) -> Vec<&'static str> {
    loaded.diagnostics.iter().map(|d| d.code).collect()
}

/// Panics with every diagnostic rendered if there are any.
pub fn assert_clean(loaded: &Loaded) {
    let rendered: String = loaded.diagnostics.iter().map(|d| d.render()).collect();
    assert!(
        loaded.diagnostics.is_empty(),
        "unexpected diagnostics:\n{rendered}"
    );
    assert!(loaded.briefing.is_some());
}

/// An annotation file with one entity (auto off) and the given extra tables.
pub fn with_entity(extra: &str) -> String {
    format!(
        "format = 1\n\n[[entity]]\nid = \"x\"\nname = \"unused name\"\nkind = \"other\"\nauto = false\n\n{extra}"
    )
}
