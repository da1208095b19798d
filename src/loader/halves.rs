//! Parsing a large annotation file's TOML as two halves on two cores. The
//! TOML parse is the longest single step of loading a big briefing (most
//! of it is `[[mention]]` tables); a file is cut at an array-of-tables
//! header past its middle, the halves are parsed at once, and the second
//! half's tables are appended to the first's arrays. The result must be
//! exactly what parsing the whole file gives, spans included, or it is not
//! used: whenever a half has a syntax error, or the cut could change what
//! the file means, the whole file is parsed instead, as small files always
//! are.
//!
//! It owns only the cut and the merge; reading tables into the loader's
//! raw structs stays in `raw`.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::parallel;

/// Files shorter than this are parsed whole: two threads would cost more
/// than they save.
pub const SPLIT_FROM_BYTES: usize = 1024 * 1024;

/// A parsed document and the syntax errors found in it.
pub type Parsed<'i> = (Spanned<DeTable<'i>>, Vec<toml::de::Error>);

/// Parses `source` (whose second half, if it is cut, is parsed from
/// `padded`, a copy the caller keeps alive) and returns what parsing it
/// whole would.
pub fn parse<'i>(source: &'i str, padded: &'i mut String) -> Parsed<'i> {
    let Some(cut) = cut_point(source) else {
        return DeTable::parse_recoverable(source);
    };
    let (first, second) = std::thread::scope(|scope| {
        let second = parallel::spawn(scope, || {
            // The second half behind as many spaces as the first half has
            // bytes: its spans are then the whole file's, and spaces before
            // a table header change nothing.
            padded.reserve(source.len());
            padded.extend(std::iter::repeat_n(' ', cut));
            padded.push_str(source.get(cut..).unwrap_or_default());
            DeTable::parse_recoverable(padded.as_str())
        });
        let first = DeTable::parse_recoverable(source.get(..cut).unwrap_or_default());
        (first, second.join())
    });
    match merge(source, first, second) {
        Some(merged) => merged,
        None => DeTable::parse_recoverable(source),
    }
}

/// Where to cut: the start of the first line at or after the middle that
/// opens an array of tables. Such a line inside a multi-line string leaves
/// that string unclosed in the first half, a syntax error, so that cut is
/// never used.
fn cut_point(source: &str) -> Option<usize> {
    if source.len() < SPLIT_FROM_BYTES {
        return None;
    }
    let middle = source.len() / 2;
    let after = source.as_bytes().get(middle..)?;
    let line = after.windows(3).position(|window| window == b"\n[[")?;
    Some(middle + line + 1)
}

/// The second half's arrays of tables appended to the first's, or `None`
/// when the halves do not add up to the whole file: a syntax error in
/// either, or anything at the second half's top level but arrays of
/// tables that the first half leaves open to more (which, in the whole
/// file, would be a redefinition or a table inside an earlier one).
fn merge<'i>(source: &str, first: Parsed<'i>, second: Parsed<'i>) -> Option<Parsed<'i>> {
    let ((mut merged, first_errors), (second_root, second_errors)) = (first, second);
    if !first_errors.is_empty() || !second_errors.is_empty() {
        return None;
    }
    for (key, value) in second_root.into_inner() {
        if !is_array_of_tables(source, &value) {
            return None;
        }
        let Some(existing) = merged.get_mut().get_mut(key.get_ref().as_ref()) else {
            merged.get_mut().insert(key, value);
            continue;
        };
        if !is_array_of_tables(source, existing) {
            return None;
        }
        if let (DeValue::Array(array), DeValue::Array(more)) =
            (existing.get_mut(), value.into_inner())
        {
            for table in more {
                array.push(table);
            }
        }
    }
    Some((merged, Vec::new()))
}

/// Whether a top-level array was written as `[[key]]` tables: its span is
/// its first header, which starts a line. A value written `key = [...]`
/// has its key and `=` before it on the same line.
fn is_array_of_tables(source: &str, value: &Spanned<DeValue<'_>>) -> bool {
    if !matches!(value.get_ref(), DeValue::Array(_)) {
        return false;
    }
    let start = value.span().start;
    let Some(before) = source.as_bytes().get(..start) else {
        return false;
    };
    let line_start = before
        .iter()
        .rposition(|&byte| byte == b'\n')
        .map_or(0, |at| at + 1);
    let opens_header = source.as_bytes().get(start..start + 2) == Some(b"[[".as_slice());
    opens_header
        && before
            .get(line_start..)
            .is_some_and(|indent| indent.iter().all(|&byte| byte == b' ' || byte == b'\t'))
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    /// Values compared with their spans, all the way down.
    fn same(a: &Spanned<DeValue<'_>>, b: &Spanned<DeValue<'_>>) -> bool {
        a.span() == b.span()
            && match (a.get_ref(), b.get_ref()) {
                (DeValue::Table(a), DeValue::Table(b)) => same_tables(a, b),
                (DeValue::Array(a), DeValue::Array(b)) => {
                    a.len() == b.len() && a.iter().zip(b.iter()).all(|(a, b)| same(a, b))
                }
                (a, b) => format!("{a:?}") == format!("{b:?}"),
            }
    }

    fn same_tables(a: &DeTable<'_>, b: &DeTable<'_>) -> bool {
        a.len() == b.len()
            && a.iter().zip(b.iter()).all(|((ka, va), (kb, vb))| {
                ka.span() == kb.span() && ka.get_ref() == kb.get_ref() && same(va, vb)
            })
    }

    fn errors(parsed: &Parsed<'_>) -> Vec<(String, Option<std::ops::Range<usize>>)> {
        parsed
            .1
            .iter()
            .map(|error| (error.message().to_string(), error.span()))
            .collect()
    }

    /// Parses `source` both ways and checks they agree; says whether the
    /// halves were used.
    fn check(source: &str) -> bool {
        let whole = DeTable::parse_recoverable(source);
        let mut padded = String::new();
        let split = parse(source, &mut padded);
        assert_eq!(errors(&split), errors(&whole));
        assert_eq!(split.0.span(), whole.0.span());
        assert!(
            same_tables(split.0.get_ref(), whole.0.get_ref()),
            "the halves parse differently from the whole file"
        );
        let cut = cut_point(source).expect("a file big enough to cut");
        let first = DeTable::parse_recoverable(source.get(..cut).unwrap_or_default());
        let mut padded = " ".repeat(cut);
        padded.push_str(source.get(cut..).unwrap_or_default());
        let second = DeTable::parse_recoverable(&padded);
        merge(source, first, second).is_some()
    }

    /// A file of `[[mention]]` tables past the size where it is cut, with
    /// `before` at the top and `after` at the end.
    fn file(before: &str, after: &str) -> String {
        let mut source = format!("format = 1\n{before}\n[briefing]\ntext = \"a.md\"\n");
        let mut index = 0;
        while source.len() < SPLIT_FROM_BYTES + 4096 {
            let _ = write!(
                source,
                "\n[[entity]]\nid = \"e{index}\"\nname = \"Name {index}\"\n\n\
                 [[mention]]\nentity = \"e{index}\" # a comment\nquote = \"q {index}\"\n\
                 occurrence = {index}\ntags = [\"x\", 'y']\nwhen = 2024-03-22\n",
            );
            index += 1;
        }
        source.push_str(after);
        source
    }

    #[test]
    fn halves_add_up_to_the_whole_file() {
        assert!(check(&file("", "")));
        // Arrays the first half does not have.
        assert!(check(&file(
            "",
            "\n[[event]]\ntitle = \"late\"\n[[note]]\ntext = \"n\"\n"
        )));
    }

    #[test]
    fn cuts_that_could_change_the_meaning_are_not_used() {
        // A table after the cut that the first half also defines.
        assert!(!check(&file("", "\n[briefing]\ntext = \"b.md\"\n")));
        // An array written as a value, then extended with a header.
        assert!(!check(&file(
            "note = [{ text = \"n\" }]",
            "\n[[note]]\ntext = \"m\"\n"
        )));
        // A table inside the last table of an array that is in the first
        // half: the second half holds only relations before it.
        let mut source = file("", "");
        let mentions = source.len();
        while source.len() < 2 * mentions + 4096 {
            source.push_str("\n[[relation]]\nfrom = \"e1\"\nto = \"e2\"\n");
        }
        source.push_str("\n[mention.extra]\nx = 1\n");
        assert!(!check(&source));
        // A syntax error in the second half.
        assert!(!check(&file("", "\n[[note]]\ntext = \"unclosed\n")));
    }

    #[test]
    fn a_header_line_inside_a_multi_line_string_is_not_a_cut() {
        let mut source = file("", "");
        // A multi-line string opened on the line holding the middle, with a
        // header line inside it that is the first one past the middle.
        let middle = source.len() / 2;
        let line = source[..middle].rfind('\n').expect("a line break") + 1;
        let padding = "x".repeat(200);
        source.insert_str(
            line,
            &format!("s = \"\"\"{padding}\n[[mention]]\nnot a table\"\"\"\n"),
        );
        let cut = cut_point(&source).expect("a cut");
        assert!(
            source[..cut].ends_with(&format!("{padding}\n")),
            "the cut is inside the string"
        );
        assert!(DeTable::parse_recoverable(&source).1.is_empty());
        assert!(!check(&source));
    }

    #[test]
    fn small_files_are_not_cut() {
        assert_eq!(cut_point("format = 1\n[[mention]]\nquote = \"a\"\n"), None);
    }
}
