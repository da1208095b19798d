//! The brat standoff reader (issue 15, first part): every line type read
//! as written, discontinuous spans, LF and CRLF files; each broken line an
//! error on its line and column with what to do, and the good lines around
//! it still read.

use brief::loader::formats::brat::{Item, TextBound, parse};

const GOOD: &str = "T1\tOrganization 0 4\tSony\n\
T2\tLocation 10 15;20 26\tNorth Europe\n\
T3\tMerge-org 30 36\tmerged\n\
R1\tOrigin Arg1:T1 Arg2:T2\n\
E1\tMerge-org:T3 Org1:T1 Org2:T2\n\
A1\tNegation E1\n\
M2\tConfidence E1 L1\n\
N1\tReference T1 Wikidata:Q41187\tSony Group\n\
#1\tAnnotatorNotes T1\tchecked against the filing\n\
*\tEquiv T1 T3\n";

fn text_bound(item: &Item) -> &TextBound {
    match item {
        Item::TextBound(t) => t,
        other => panic!("a text-bound annotation, not {other:?}"),
    }
}

/// (code, line, column, message) of each diagnostic.
fn problems(source: &str) -> Vec<(&'static str, usize, usize, String)> {
    let (_, diagnostics) = parse("doc.ann", source);
    diagnostics
        .iter()
        .map(|d| {
            let at = d.location.as_ref().expect("a position");
            (d.code, at.line, at.column, d.message.clone())
        })
        .collect()
}

#[test]
fn every_line_type_is_read_as_written() {
    let (standoff, diagnostics) = parse("doc.ann", GOOD);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(standoff.items.len(), 10);
    let t1 = text_bound(&standoff.items[0]);
    assert_eq!(
        (
            t1.id.as_str(),
            t1.kind.as_str(),
            t1.fragments.clone(),
            t1.text.as_deref()
        ),
        ("T1", "Organization", vec![(0, 4)], Some("Sony"))
    );
    let t2 = text_bound(&standoff.items[1]);
    assert_eq!(t2.fragments, vec![(10, 15), (20, 26)]);
    assert_eq!(t2.text.as_deref(), Some("North Europe"));
    assert_eq!(&GOOD[t2.offsets.clone()], "10 15;20 26");
    match &standoff.items[3] {
        Item::Relation {
            kind, arguments, ..
        } => {
            assert_eq!(kind, "Origin");
            let args: Vec<(&str, &str)> = arguments
                .iter()
                .map(|a| (a.role.as_str(), a.id.as_str()))
                .collect();
            assert_eq!(args, vec![("Arg1", "T1"), ("Arg2", "T2")]);
        }
        other => panic!("{other:?}"),
    }
    match &standoff.items[4] {
        Item::Event {
            kind,
            trigger,
            arguments,
            ..
        } => {
            assert_eq!((kind.as_str(), trigger.id.as_str()), ("Merge-org", "T3"));
            assert_eq!(arguments.len(), 2);
            assert_eq!(&GOOD[arguments[1].at.clone()], "Org2:T2");
        }
        other => panic!("{other:?}"),
    }
    match (&standoff.items[5], &standoff.items[6]) {
        (
            Item::Attribute {
                name, value: None, ..
            },
            Item::Attribute {
                name: valued,
                value: Some(value),
                ..
            },
        ) => assert_eq!(
            (name.as_str(), valued.as_str(), value.as_str()),
            ("Negation", "Confidence", "L1")
        ),
        other => panic!("{other:?}"),
    }
    match &standoff.items[7] {
        Item::Normalization {
            target,
            reference,
            text,
            ..
        } => assert_eq!(
            (target.id.as_str(), reference.as_str(), text.as_deref()),
            ("T1", "Wikidata:Q41187", Some("Sony Group"))
        ),
        other => panic!("{other:?}"),
    }
    match &standoff.items[8] {
        Item::Note { target, text, .. } => {
            assert_eq!(
                (target.id.as_str(), text.as_str()),
                ("T1", "checked against the filing")
            );
        }
        other => panic!("{other:?}"),
    }
    match &standoff.items[9] {
        Item::Equivalence { kind, members, .. } => {
            assert_eq!(kind, "Equiv");
            assert_eq!(
                members.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(),
                vec!["T1", "T3"]
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn crlf_line_ends_and_blank_lines_read_the_same() {
    let crlf = GOOD.replace('\n', "\r\n") + "\r\n\r\n";
    let (standoff, diagnostics) = parse("doc.ann", &crlf);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let (lf, _) = parse("doc.ann", GOOD);
    let texts = |items: &[Item]| -> Vec<Option<String>> {
        items
            .iter()
            .filter_map(|item| match item {
                Item::TextBound(t) => Some(t.text.clone()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(texts(&standoff.items), texts(&lf.items));
    assert_eq!(standoff.items.len(), lf.items.len());
}

#[test]
fn each_broken_line_is_an_error_on_its_line_and_field_and_the_rest_is_read() {
    let source = "T1\tPerson 0 5\tAlice\n\
T2 Person 6 9\tBob\n\
T3\tPerson 9 x\tBob\n\
T4\tPerson 12 8\tBob\n\
T5\tPerson 0 5;3 8\tAlice Bob\n\
R1\tKnows Arg1:T1\n\
R2\tKnows Arg1:T1 T5\n\
X1\tOdd T1\n\
T1\tPerson 0 5\tAlice\n\
*\tEquiv T1\n\
T6\tPlace 20 25\tParis\n\
T7 no tab at all\n";
    assert_eq!(
        problems(source),
        vec![
            (
                "brat-syntax",
                2,
                3,
                "`T2` is followed by a space, not a TAB".to_string()
            ),
            (
                "brat-syntax",
                3,
                11,
                "`9 x` are not two offsets".to_string()
            ),
            (
                "brat-syntax",
                4,
                11,
                "the span starts at 12, after its end 8".to_string()
            ),
            (
                "brat-syntax",
                5,
                11,
                "the annotation's fragments overlap".to_string()
            ),
            (
                "brat-syntax",
                6,
                4,
                "relation `R1` has 1 arguments, not two".to_string()
            ),
            ("brat-syntax", 7, 18, "`T5` is not ROLE:ID".to_string()),
            (
                "brat-syntax",
                8,
                1,
                "`X1` is not a brat annotation id".to_string()
            ),
            ("brat-duplicate-id", 9, 1, "`T1` is used twice".to_string()),
            (
                "brat-syntax",
                10,
                3,
                "an equivalence names at least two annotations".to_string()
            ),
            (
                "brat-syntax",
                12,
                3,
                "`T7` is followed by a space, not a TAB".to_string()
            ),
        ]
    );
    let (standoff, _) = parse("doc.ann", source);
    let ids: Vec<String> = standoff
        .items
        .iter()
        .filter_map(|item| match item {
            Item::TextBound(t) => Some(t.id.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(ids, vec!["T1".to_string(), "T6".to_string()]);
}

#[test]
fn hostile_lines_never_panic() {
    for source in [
        "\t\t\t",
        "T\t\t",
        "T1\t",
        "T1\tX",
        "T1\tX ;;",
        "T1\tX 0 99999999999999999999999",
        "E1\t:\n",
        "N1\tReference\n",
        "#1\tAnnotatorNotes\n",
        "A1\tFlag T1 v extra\n",
        "\u{1b}[31m\tX 0 1\n",
        "T1\tX 0 1\t\u{202e}\n",
    ] {
        let (_, diagnostics) = parse("doc.ann", source);
        for d in &diagnostics {
            assert!(d.location.is_some(), "{source:?}: {d:?}");
        }
    }
}
