//! Reading an annotation file into its raw tables: the plain `[[mention]]`
//! tables by `plain_mentions`, everything else by toml (in two halves above
//! 1 MiB, `halves`), toml's syntax errors reported where they are, the
//! tables read into their structs by `raw`, and the two lists of mention
//! tables merged in file order.
//!
//! It owns only this order of steps; the structs and what a table may
//! hold are `raw`'s, and what the tables mean is `build`'s.

use std::ops::Range;

use super::diagnostic::{Diagnostic, Reporter};
use super::raw::{Item, RawFile, first_line, read_document};
use super::{deep_keys, halves, plain_mentions};

/// Parses the annotation file. Returns `None` when the TOML itself is broken
/// (its structure cannot be trusted); otherwise every table that could be
/// read, with a diagnostic for each one that could not.
pub fn parse(reporter: &mut Reporter<'_>) -> Option<RawFile> {
    parse_reading(reporter, true)
}

/// [`parse`], with or without reading plain mention tables outside toml
/// (`plain_mentions`); both must give the same.
pub(crate) fn parse_reading(reporter: &mut Reporter<'_>, plain_tables: bool) -> Option<RawFile> {
    let source = reporter.source;
    let mut padded = String::new();
    let mut plain = plain_tables
        .then(|| plain_mentions::extract(source))
        .flatten();
    let rest = plain.as_ref().map_or(source, |plain| plain.rest.as_str());
    let (mut document, mut syntax_errors) = halves::parse(rest, &mut padded);
    if plain.is_some() && !syntax_errors.is_empty() {
        // The errors are those of the file as written.
        plain = None;
        padded = String::new();
        (document, syntax_errors) = halves::parse(source, &mut padded);
    }
    if !syntax_errors.is_empty() {
        report_syntax_errors(reporter, source, syntax_errors);
        return None;
    }
    let mut raw = read_document(reporter, document.into_inner());
    if let Some(plain) = plain {
        raw.mentions = in_file_order(std::mem::take(&mut raw.mentions), plain.mentions);
    }
    Some(raw)
}

/// Each of toml's syntax errors as a diagnostic where it is, with what to
/// do about it.
fn report_syntax_errors(reporter: &mut Reporter<'_>, source: &str, errors: Vec<toml::de::Error>) {
    // Keys past toml's nesting limit, found only if it refused one: it
    // gives that error no position.
    let mut too_deep: Option<std::vec::IntoIter<Range<usize>>> = None;
    for error in errors {
        let mut message = first_line(error.message());
        let mut hint = if message.contains("visible characters") {
            "control characters must be written as escapes, such as \\u001b"
        } else {
            "fix the TOML syntax; nothing else is checked until it parses"
        };
        let mut span = error.span();
        if span.is_none() && message == "recursion limit" {
            span = too_deep
                .get_or_insert_with(|| deep_keys::too_deep(source).into_iter())
                .next();
            if span.is_some() {
                message = format!(
                    "recursion limit: this key has more than {} dotted parts",
                    deep_keys::MOST_PARTS
                );
                hint = "the format's keys have at most three parts, as in `kinds.vehicle.label`";
            }
        }
        reporter.push_at(
            Diagnostic::error("toml-syntax", message).hint(hint),
            span.unwrap_or(0..0),
        );
    }
}

/// The tables toml read and the plain ones (lists in file order, one
/// after the other), as one list in file order.
fn in_file_order<T>(first: Vec<Item<T>>, plain: Vec<Vec<Item<T>>>) -> Vec<Item<T>> {
    let plain_start = plain
        .iter()
        .find_map(|list| list.first())
        .map_or(usize::MAX, |item| item.span.start);
    if first.iter().all(|item| item.span.start < plain_start) {
        // The usual file: toml read only the tables before the plain ones
        // (the first `[[mention]]` is always its). The second plain list
        // is appended where the first has room (it is sized for them all)
        // and the whole list shifted along in place once to put toml's few
        // in front: no fresh list for all of them to be copied into (about
        // 80 ms saved at 100 MB).
        let mut lists = plain.into_iter();
        let mut merged = lists.next().unwrap_or_default();
        for mut list in lists {
            merged.append(&mut list);
        }
        merged.splice(0..0, first);
        return merged;
    }
    let count = plain.iter().map(Vec::len).sum::<usize>();
    let mut merged = Vec::with_capacity(first.len() + count);
    let mut first = first.into_iter().peekable();
    for item in plain.into_iter().flatten() {
        while let Some(earlier) = first.next_if(|earlier| earlier.span.start < item.span.start) {
            merged.push(earlier);
        }
        merged.push(item);
    }
    merged.extend(first);
    merged
}

/// How reading `source` with plain tables read here differs from reading
/// it all with toml, if it does: the tables (spans included) and the
/// problems must be the same. For tests and fuzzing.
#[doc(hidden)]
pub fn difference(source: &str) -> Option<String> {
    let read = |plain_tables: bool| {
        let mut reporter = Reporter::new("f.toml", source);
        let raw = parse_reading(&mut reporter, plain_tables);
        let problems: Vec<String> = reporter
            .diagnostics
            .iter()
            .map(Diagnostic::render)
            .collect();
        (format!("{raw:#?}"), problems)
    };
    let (with_plain, without) = (read(true), read(false));
    if with_plain.1 != without.1 {
        return Some(format!(
            "problems differ:\n{:#?}\nagainst toml's\n{:#?}",
            with_plain.1, without.1
        ));
    }
    let first_line = with_plain
        .0
        .lines()
        .zip(without.0.lines())
        .position(|(a, b)| a != b);
    match first_line {
        Some(at) => {
            let near = |text: &str| {
                text.lines()
                    .skip(at.saturating_sub(8))
                    .take(16)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            Some(format!(
                "tables differ at line {at}:\n{}\nagainst toml's\n{}",
                near(&with_plain.0),
                near(&without.0)
            ))
        }
        None if with_plain.0.len() != without.0.len() => Some("tables differ in number".into()),
        None => None,
    }
}
