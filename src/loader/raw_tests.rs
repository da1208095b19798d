//! Reading the annotation file's tables: a long array read in halves on
//! two threads gives what one pass gives.

use std::fmt::Write as _;

use super::*;

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
