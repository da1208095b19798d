//! Reading the annotation file's tables: a long array read in halves on
//! two threads gives what one pass gives.

use std::fmt::Write as _;

use super::*;
use crate::loader::plain_mentions;
use crate::loader::reading::{difference, parse};

/// A long array is read in two halves on two threads: the tables and
/// the problems come out as reading it in one go gives them.
#[test]
fn a_long_array_read_in_halves_is_read_as_in_one_go() {
    let mut source = String::from("format = 1\n");
    let count = PARALLEL_ITEMS + 10;
    for i in 0..count {
        let _ = writeln!(source, "\n[[mention]]\nentity = \"e{i}\"\nquote = \"q\"");
        // Problems in both halves.
        if i % 1000 == 7 {
            source.push_str("colour = 1\n");
        }
    }
    let mut reporter = Reporter::new("f.toml", &source);
    let halves = parse(&mut reporter).expect("parses");
    let read = |items: &[Item<RawMention>]| -> Vec<(String, Range<usize>)> {
        items
            .iter()
            .map(|item| (item.value.entity.get_ref().clone(), item.span.clone()))
            .collect()
    };
    let rendered = |diagnostics: &[Diagnostic]| -> Vec<String> {
        diagnostics.iter().map(Diagnostic::render).collect()
    };

    let (document, errors) = DeTable::parse_recoverable(&source);
    assert!(errors.is_empty());
    let mut one_go = Reporter::new("f.toml", &source);
    let array = document
        .into_inner()
        .into_iter()
        .find_map(|(key, value)| (key.get_ref() == "mention").then_some(value))
        .expect("the mentions");
    let DeValue::Array(array) = array.into_inner() else {
        panic!("an array of tables");
    };
    let whole: Vec<Item<RawMention>> = Reader {
        reporter: &mut one_go,
    }
    .each(array.into_iter().collect());

    let problems = count.div_ceil(1000);
    assert_eq!(halves.mentions.len(), count - problems);
    assert_eq!(read(&halves.mentions), read(&whole));
    assert_eq!(reporter.diagnostics.len(), problems);
    assert_eq!(
        rendered(&reporter.diagnostics),
        rendered(&one_go.diagnostics)
    );
}

/// Reading plain `[[mention]]` tables outside toml gives what toml gives:
/// the tables with their spans, and the problems of those it leaves to
/// toml.
#[test]
fn plain_mention_tables_read_as_toml_reads_them() {
    let cases = [
        "format = 1\n[[mention]]\nentity = \"a\"\n\n[[mention]]\nentity = \"b\" # c\nquote = 'x y'\noccurrence = 2\n  start = -3\nend = +4\npart_of_word = true\nkind = \"k\"\n\n# end\n[[relation]]\nfrom = \"a\"\n",
        "[[mention]]\nentity = \"a\"\n[[mention]]\r\nentity = \"b\"\r\nquote = \"q\"\r\n\r\n",
        "[[mention]]\nentity = \"a\"\n[[mention]]\nquote = \"no entity\"\n[[mention]]\nentity = \"c\"\nentity = \"twice\"\n",
        "[[mention]]\nentity = \"a\"\n[[mention]]\nentity = \"b\"\ncolour = 1\n[[mention]]\nentity = \"c\"\noccurrence = \"2\"\n",
        "[[mention]]\nentity = \"a\"\n[[mention]]\nentity = \"b\"\nparts = [\n[1]]\n[[mention]]\nentity = \"c\"\n",
        "x = [\n[[mention]]\nentity = \"a\"\n[1]]\n[[mention]]\nentity = \"b\"\n",
        "[[mention]]\nentity = \"a\"\n[[mention]]\nentity = \"b\"\n[[mention.parts]]\nquote = \"c\"\n",
        "[[mention]]\nentity = \"a\"\n[[mention]]\nentity = \"b\\\"c\"\nquote = \"d\\u0041\"\n[[mention]]\nentity = \"e\"\noccurrence = 012\n",
        "[[mention]]\nentity = \"a\"\n[[mention]]\nentity = \"b\"\noccurrence = 99999999999999999999\n[[mention]]\nentity = \"c\"\noccurrence = 1_000\n",
        "[[mention]]\nentity = \"a\"\n[[mention]]\nentity = \"b\"\nquote = \"\"\"x\"\"\"\n",
        "[[mention]]\nentity = \"a\"\n[[mention]]\nentity = \"b\n[[mention]]\nentity = \"c\"\n",
        "[[mention]]\nentity = \"a\"\n[[mention]]\nentity = \"b\" # \u{7}bell\n[[mention]]\nentity = \"c\"\n",
        "[[mention]]\nentity = \"a\"\n  [[mention]]  # indented\nentity = \"b\"\n[[entity]]\nid = \"b\"\n",
        "mention = []\n[[mention]]\nentity = \"a\"\n[[mention]]\nentity = \"b\"\n",
        "[[mention]]\nentity = \"a\"\n[[note]]\ntext = \"\"\"\n[[mention]]\nentity = \"in a note\"\n\"\"\"\"\"\n[[mention]]\nentity = \"b\"\n",
        "[[mention]]\nentity = \"a\"\n[[note]]\ntext = '''x''' # '''\n[[mention]]\nentity = \"b\"\nquote = \"\"\"c\"\"\"\n[[mention]]\nentity = \"d\"\n",
        "[[mention]]\nentity = \"a\"\n[[note]]\ntext = \"\"\"a \\\"\"\"\n[[mention]]\nentity = \"b\"\n\"\"\"\n[[mention]]\nentity = \"c\"\n",
    ];
    for source in cases {
        assert_eq!(difference(source), None, "in {source:?}");
    }
    // The cases are read here, not all left to toml.
    let read_here = |source: &str| {
        plain_mentions::extract(source).map_or(0, |e| e.mentions.iter().map(Vec::len).sum())
    };
    assert_eq!(read_here(cases[0]), 1);
    assert_eq!(read_here(cases[1]), 1);
    assert_eq!(read_here(cases[12]), 1);
    // Left to toml: a header inside an array; `[[mention.parts]]`;
    // `mention` written as a key.
    for whole in [5, 6, 13] {
        assert_eq!(read_here(cases[whole]), 0, "in {:?}", cases[whole]);
    }
    // A header inside a long note is text; the table after the note is
    // read here (the one with a multi-line quote is toml's).
    assert_eq!(read_here(cases[14]), 1);
    assert_eq!(read_here(cases[15]), 1);
    assert_eq!(read_here(cases[16]), 1);
}

/// A file large enough to be read in two halves, with tables left to
/// toml in both, reads as toml reads it; so does one whose first half
/// ends inside an array (where the second half is read again, and the
/// headers inside the array are toml's errors, as written).
#[test]
fn plain_mention_tables_read_in_halves_as_toml_reads_them() {
    let mut source = String::from("format = 1\n[briefing]\ntext = \"a.md\"\n");
    let mut index = 0;
    while source.len() < 3 * 1024 * 1024 {
        let _ = write!(
            source,
            "\n[[mention]]\nentity = \"e{index}\"\nquote = \"q {index}\"\noccurrence = {index}\n"
        );
        match index % 500 {
            7 => source.push_str("colour = 1\n"),
            11 => source.push_str("prefix = \"a\\tb\"\n"),
            13 => source.push_str("\n[[relation]]\nfrom = \"e1\"\nto = \"e2\"\nkind = \"k\"\n"),
            17 => source.push_str("attributes = { sure = true }\n"),
            _ => {}
        }
        index += 1;
    }
    let read = plain_mentions::extract(&source).expect("read here");
    // In two parts, nearly every table read here.
    assert_eq!(read.mentions.len(), 2);
    let read: usize = read.mentions.iter().map(Vec::len).sum();
    assert!(read > index * 9 / 10, "{read} of {index}");
    assert_eq!(difference(&source), None);

    let middle = source.len() / 2;
    let line = middle
        + source
            .get(middle..)
            .and_then(|s| s.find("\n[[mention]]"))
            .unwrap_or(0);
    source.insert_str(line + 1, "[[entity]]\nid = \"x\"\nnames = [\n");
    let close = line
        + source
            .get(line..)
            .and_then(|s| s.find("\n[[mention]]"))
            .unwrap_or(0);
    let close = close
        + 1
        + source
            .get(close + 1..)
            .and_then(|s| s.find("\n[[mention]]"))
            .unwrap_or(0);
    source.insert_str(close + 1, "]\n");
    assert_eq!(difference(&source), None);
}
