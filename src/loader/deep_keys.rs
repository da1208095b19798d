//! Where a key nests too deep. The TOML parser refuses a dotted key or a
//! table header of more than [`MOST_PARTS`] parts (`a.a.a. … = 1`,
//! `[a.a.a. …]`) with "recursion limit" and no position, which a
//! diagnostic would place at line 1, column 1. This finds each such key
//! with the TOML crate's own lexer and event parser (`toml_parser`), so
//! that the diagnostic points at the part that passes the limit.
//!
//! It runs only after that error, in one pass over the file: linear in its
//! length however deep anything nests.

use std::ops::Range;

use toml_parser::decoder::Encoding;
use toml_parser::parser::{EventReceiver, RecursionGuard, parse_document};
use toml_parser::{ErrorSink, Source, Span};

/// The most parts a key may have: toml 1.2 refuses a key whose parts
/// before the last number 80 or more (`toml::de::parser::LIMIT`, private).
/// A test pins it, so a toml release that moves it fails there.
pub const MOST_PARTS: usize = 80;

/// How deep arrays and inline tables may nest while looking: the event
/// parser recurses into them, and the TOML crate guards it with the same
/// limit.
const NESTING: u32 = 80;

/// The part that passes [`MOST_PARTS`] in each key that has more, in the
/// order of the file: the order in which the TOML parser reports them.
pub fn too_deep(source: &str) -> Vec<Range<usize>> {
    let source = Source::new(source);
    let tokens = source.lex().into_vec();
    let mut parts = Parts::default();
    let mut guarded = RecursionGuard::new(&mut parts, NESTING);
    parse_document(&tokens, &mut guarded, &mut ());
    parts.too_deep
}

/// Counts the parts of the key being read.
#[derive(Default)]
struct Parts {
    /// Parts of the current key so far.
    count: usize,
    /// A `.` came since the last part: the next part continues the key.
    after_dot: bool,
    too_deep: Vec<Range<usize>>,
}

impl Parts {
    /// Anything but a key part, a dot or whitespace ends a key.
    fn end_key(&mut self) {
        self.count = 0;
        self.after_dot = false;
    }
}

impl EventReceiver for Parts {
    fn simple_key(&mut self, span: Span, _kind: Option<Encoding>, _error: &mut dyn ErrorSink) {
        self.count = if self.after_dot { self.count + 1 } else { 1 };
        self.after_dot = false;
        if self.count == MOST_PARTS + 1 {
            self.too_deep.push(span.start()..span.end());
        }
    }

    fn key_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.after_dot = true;
    }

    fn std_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.end_key();
    }

    fn std_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.end_key();
    }

    fn array_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.end_key();
    }

    fn array_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.end_key();
    }

    fn inline_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.end_key();
        true
    }

    fn inline_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.end_key();
    }

    fn array_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.end_key();
        true
    }

    fn array_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.end_key();
    }

    fn key_val_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.end_key();
    }

    fn scalar(&mut self, _span: Span, _kind: Option<Encoding>, _error: &mut dyn ErrorSink) {
        self.end_key();
    }

    fn value_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.end_key();
    }

    fn comment(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.end_key();
    }

    fn newline(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.end_key();
    }

    fn error(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.end_key();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dotted(parts: usize) -> String {
        vec!["a"; parts].join(".")
    }

    /// The limit is toml's: a key of `MOST_PARTS` parts parses, one more
    /// is the "recursion limit" error this module places.
    #[test]
    fn the_limit_is_the_toml_crates() {
        for (source, parses) in [
            (format!("{} = 1\n", dotted(MOST_PARTS)), true),
            (format!("{} = 1\n", dotted(MOST_PARTS + 1)), false),
            (format!("[{}]\n", dotted(MOST_PARTS)), true),
            (format!("[{}]\n", dotted(MOST_PARTS + 1)), false),
        ] {
            let (_, errors) = toml::de::DeTable::parse_recoverable(&source);
            assert_eq!(errors.is_empty(), parses, "{source}: {errors:?}");
            if !parses {
                assert!(
                    errors
                        .iter()
                        .all(|e| e.message().contains("recursion limit"))
                );
                assert!(errors.iter().all(|e| e.span().is_none()), "{errors:?}");
            }
            assert_eq!(too_deep(&source).is_empty(), parses);
        }
    }

    #[test]
    fn each_deep_key_is_placed_at_its_first_part_past_the_limit() {
        let key = format!("{} = 1", dotted(100));
        let header = format!("[[ b . {} ]]", dotted(90));
        let inline = format!("x = {{ {} = 2 }}", dotted(85));
        let source = format!(
            "format = 1\n\"{}\" = 3\n{key}\n{header}\n{inline}\n",
            dotted(200)
        );
        let found = too_deep(&source);
        let after = |line: &str, from: usize| {
            let start = source.find(line).expect("line in source");
            start + from..start + from + 1
        };
        // "a." is two bytes: the 81st part of a key of a's starts 160
        // bytes in; the quoted key is one part however many dots it holds.
        assert_eq!(
            found,
            [
                after(&key, 160),
                after(&header, "[[ b . ".len() + 158),
                after(&inline, "x = { ".len() + 160),
            ]
        );
    }

    #[test]
    fn deep_arrays_and_tables_neither_count_nor_overflow() {
        let depth = 100_000;
        let source = format!(
            "x = {}{}\ny = {}1{}\n[{}]\n",
            "[".repeat(depth),
            "]".repeat(depth),
            "{a = ".repeat(depth),
            "}".repeat(depth),
            dotted(81)
        );
        let found = too_deep(&source);
        assert_eq!(found.len(), 1);
        let header = source.rfind('[').expect("header") + 1;
        assert_eq!(found[0], header + 160..header + 161);
    }
}
