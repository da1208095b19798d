//! Arbitrary selectors against arbitrary text → load → no panic; every
//! accepted span lies inside the text on grapheme boundaries.
//!
//! Input: two flag bytes, then fields separated by 0xFF (a byte that never
//! occurs in UTF-8): text, quote, prefix, suffix, occurrence, start, end.
//! Byte 0: bit 0 text is Markdown (else plain); bits 1-3 pick the table
//! (mention, note, relation evidence, event passage, suppress + mention).
//! Byte 1: bits 0-5 say which of quote, prefix, suffix, occurrence, start,
//! end are written. Strings are lossy UTF-8 written as TOML basic strings
//! with escapes; numbers are the field read as an i64, or its length.

#![no_main]

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use brief::loader::InMemory;
use libfuzzer_sys::fuzz_target;

/// A TOML basic string holding exactly `value`.
fn toml_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn number(field: &[u8]) -> i64 {
    let text = String::from_utf8_lossy(field);
    text.trim()
        .parse::<i64>()
        .unwrap_or(i64::try_from(field.len()).unwrap_or(i64::MAX))
}

const TABLES: [&str; 5] = ["mention", "note", "relation", "event", "suppress"];

fuzz_target!(|data: &[u8]| {
    let [kind, present, rest @ ..] = data else {
        return;
    };
    let mut fields = rest.split(|&b| b == 0xFF);
    let text = String::from_utf8_lossy(fields.next().unwrap_or_default()).into_owned();
    let field = |bytes: Option<&[u8]>| bytes.unwrap_or_default().to_vec();
    let (quote, prefix, suffix) = (
        field(fields.next()),
        field(fields.next()),
        field(fields.next()),
    );
    let (occurrence, start, end) = (
        field(fields.next()),
        field(fields.next()),
        field(fields.next()),
    );

    let mut selector = String::new();
    let strings = [("quote", &quote), ("prefix", &prefix), ("suffix", &suffix)];
    for (bit, (name, value)) in strings.into_iter().enumerate() {
        if present & (1 << bit) != 0 {
            let value = String::from_utf8_lossy(value);
            let _ = writeln!(selector, "{name} = {}", toml_string(&value));
        }
    }
    let numbers = [
        ("occurrence", &occurrence),
        ("start", &start),
        ("end", &end),
    ];
    for (bit, (name, value)) in numbers.into_iter().enumerate() {
        if present & (1 << (bit + 3)) != 0 {
            let _ = writeln!(selector, "{name} = {}", number(value));
        }
    }

    let table = TABLES[usize::from((kind >> 1) & 7) % TABLES.len()];
    let body = match table {
        "mention" => format!("[[mention]]\nentity = \"x\"\n{selector}"),
        "note" => {
            format!("[[note]]\nkind = \"comment\"\ntext = \"n\"\nentities = [\"x\"]\n{selector}")
        }
        "relation" => {
            format!("[[relation]]\nfrom = \"x\"\nto = \"y\"\nkind = \"knows\"\n{selector}")
        }
        "event" => format!(
            "[[event]]\nid = \"ev\"\ndate = \"2024-03-22\"\ntitle = \"t\"\nentities = [\"x\"]\n{selector}"
        ),
        _ => format!(
            "[[suppress]]\nentity = \"y\"\n{selector}\n[[mention]]\nentity = \"x\"\n{selector}"
        ),
    };
    let annotations = format!(
        "format = 1\n\n[[entity]]\nid = \"x\"\nname = \"x\"\nkind = \"other\"\nauto = false\n\n\
         [[entity]]\nid = \"y\"\nname = \"y\"\nkind = \"other\"\nauto = false\n\n{body}"
    );
    let text_name = if kind & 1 != 0 { "t.md" } else { "t.txt" };
    let files = InMemory {
        files: vec![
            (PathBuf::from("t.toml"), annotations.clone()),
            (PathBuf::from(text_name), text),
        ],
    };
    let loaded = brief::loader::load_annotated(Path::new("t.toml"), &files);
    common::check_diagnostics(&loaded.diagnostics);
    if let Some(diagnostic) = loaded.diagnostics.iter().find(|d| d.code == "toml-syntax") {
        panic!(
            "the harness wrote bad TOML:\n{annotations}\n{}",
            diagnostic.render()
        );
    }
    let Some(briefing) = loaded.briefing else {
        return;
    };
    common::check_char_boundaries(&briefing);
    let text = &briefing.document.text;
    for (name, span) in common::spans(&briefing) {
        assert!(
            common::is_grapheme_boundary(text, span.start)
                && common::is_grapheme_boundary(text, span.end),
            "{name}: span {span:?} = {:?} cuts a grapheme",
            &text[span.clone()]
        );
    }
});
