//! brat documents opened as briefings (`brief FILE.ann`, `brief check
//! FILE.ann`): every real brat file of the external corpus loads with no
//! error; mentions are grouped into entities by `N` links, `Equiv` lines,
//! or type and text (said in a warning); relations, notes and attributes
//! come along; a wrong offset unit or a wrong quoted text is an error on
//! the `.ann`'s line and column; the reader's screen at 120x40 as a
//! snapshot.

#[path = "support/screen.rs"]
mod screen;

use std::path::{Path, PathBuf};

use brief::loader::{FileSystem, InMemory, Loaded, open};
use brief::model::Briefing;
use screen::*;

fn in_memory(ann: &str, text: &str) -> Loaded {
    let files = InMemory {
        files: vec![
            ("doc.ann".into(), ann.into()),
            ("doc.txt".into(), text.into()),
        ],
    };
    open(Path::new("doc.ann"), false, &files)
}

fn loaded(ann: &str, text: &str) -> Briefing {
    let loaded = in_memory(ann, text);
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.render())
        .collect();
    loaded
        .briefing
        .unwrap_or_else(|| panic!("loads: {errors:?}"))
}

/// (code, line, column) of each diagnostic.
fn problems(ann: &str, text: &str) -> Vec<(&'static str, usize, usize)> {
    in_memory(ann, text)
        .diagnostics
        .iter()
        .map(|d| {
            let at = d.location.as_ref().expect("placed");
            (d.code, at.line, at.column)
        })
        .collect()
}

/// Each mention as (entity name, covered text).
fn mentions(briefing: &Briefing) -> Vec<(String, String)> {
    briefing
        .mentions
        .iter()
        .map(|m| {
            (
                briefing.entity(m.entity).name.clone(),
                briefing.document.text[m.span.clone()].to_string(),
            )
        })
        .collect()
}

const TEXT: &str = "Sony bought CBS. Later sony sold it; the company kept CBS.\n";

#[test]
fn every_real_brat_file_opens_with_no_error() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/external/brat");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("the corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ann"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 10);
    let mut with_mentions = 0;
    for ann in files {
        let loaded = open(&ann, false, &FileSystem);
        assert_eq!(
            loaded.error_count(),
            0,
            "{}: {:?}",
            ann.display(),
            loaded.diagnostics
        );
        let briefing = loaded.briefing.expect("a briefing");
        let text = std::fs::read_to_string(ann.with_extension("txt")).expect("text");
        assert_eq!(briefing.document.text.as_str(), text);
        with_mentions += usize::from(!briefing.mentions.is_empty());
    }
    assert!(with_mentions >= 8, "{with_mentions}");
}

#[test]
fn normalisations_equivalences_and_type_and_text_make_the_entities() {
    let ann = "T1\tOrganization 0 4\tSony\n\
T2\tOrganization 12 15\tCBS\n\
T3\tOrganization 23 27\tsony\n\
T4\tOrganization 37 48\tthe company\n\
T5\tOrganization 54 57\tCBS\n\
N1\tReference T1 Wikidata:Q41187\tSony Group\n\
N2\tReference T3 Wikidata:Q41187\tSony Group\n\
*\tEquiv T3 T4\n\
A1\tAcquirer T1\n\
M2\tConfidence T2 High\n\
R1\tAcquired Arg1:T1 Arg2:T2\n\
#1\tAnnotatorNotes T5\tthe same CBS\n";
    let briefing = loaded(ann, TEXT);
    assert_eq!(
        mentions(&briefing),
        vec![
            ("Sony Group".to_string(), "Sony".to_string()),
            ("CBS".to_string(), "CBS".to_string()),
            ("Sony Group".to_string(), "sony".to_string()),
            ("Sony Group".to_string(), "the company".to_string()),
            ("CBS".to_string(), "CBS".to_string()),
        ],
        "N links and Equiv make one entity; the two CBS are one by type and text"
    );
    assert_eq!(briefing.entities.len(), 2);
    let sony = &briefing.entities[0];
    assert_eq!(sony.id, "wikidata-q41187");
    assert_eq!(sony.kind, "organization");
    assert!(!sony.auto);
    // Attributes belong to the annotation they are on: a flag is `true`.
    let attributes = |at: usize| -> Vec<(String, String)> {
        briefing.mentions[at]
            .attributes()
            .iter()
            .map(|a| (a.name.clone(), a.value.clone()))
            .collect()
    };
    assert_eq!(attributes(0), vec![("Acquirer".into(), "true".into())]);
    assert_eq!(attributes(1), vec![("Confidence".into(), "High".into())]);
    assert!(attributes(2).is_empty());
    assert!(sony.tags.is_empty());
    let relation = &briefing.relations[0];
    assert_eq!(
        (
            briefing.entity(relation.from).name.as_str(),
            relation.kind.as_str(),
            briefing.entity(relation.to).name.as_str()
        ),
        ("Sony Group", "Acquired", "CBS")
    );
    let note = &briefing.notes[0];
    assert_eq!(note.text, "the same CBS");
    assert_eq!(&TEXT[note.passage.clone()], "CBS");
    assert_eq!(note.passage.start, 54);
    // Grouping by type and text is said.
    let codes: Vec<&str> = in_memory(ann, TEXT)
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(codes, vec!["brat-grouped-by-text"]);
}

#[test]
fn unknown_types_become_declared_kinds_discontinuous_spans_one_mention_and_e_an_event() {
    let text = "North and South Europe met. Sony came.\n";
    let ann = "T1\tLocation 0 5;16 22\tNorth Europe\nT2\tCompany 28 32\tSony\nE1\tMeet:T3 Arg:T1 Arg2:T2 Other:E9\nT3\tMeet 23 26\tmet\nA1\tDate E1 2024-03\nA2\tNegated E1\n";
    let briefing = loaded(ann, text);
    assert_eq!(
        mentions(&briefing),
        vec![
            ("North Europe".to_string(), "North".to_string()),
            ("North Europe".to_string(), "Europe".to_string()),
            ("Sony".to_string(), "Sony".to_string()),
        ],
        "the event trigger is no entity"
    );
    // The two fragments are one mention: parts of each other, listed once.
    use brief::model::MentionId;
    assert_eq!(briefing.mentions[0].parts(), &[MentionId(0), MentionId(1)]);
    assert_eq!(briefing.mentions[1].parts(), &[MentionId(0), MentionId(1)]);
    assert_eq!(briefing.entities[0].mentions, vec![MentionId(0)]);
    assert!(briefing.mentions[2].parts().is_empty());
    // The E line is an undated event on its trigger, its arguments roles.
    assert_eq!(briefing.events.len(), 1);
    let event = &briefing.events[0];
    assert_eq!(event.title, "Meet: met");
    assert_eq!(
        event.date.expression, "2024-03",
        "the Date attribute is its date"
    );
    assert_eq!(&text[event.passage.clone().expect("a passage")], "met");
    let roles: Vec<(&str, &str)> = event
        .roles
        .iter()
        .map(|r| (r.role.as_str(), briefing.entity(r.entity).name.as_str()))
        .collect();
    assert_eq!(roles, vec![("Arg", "North Europe"), ("Arg", "Sony")]);
    let kinds: Vec<(&str, &str)> = briefing
        .kinds
        .iter()
        .filter(|k| !k.builtin)
        .map(|k| (k.name.as_str(), k.label.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![("location", "Location"), ("company", "Company")]
    );
    assert_eq!(
        problems(ann, text),
        vec![
            ("brat-event-argument-skipped", 0, 0),
            ("brat-attribute-skipped", 0, 0)
        ],
        "the event's other attribute and the argument naming another event are left out, and said"
    );
}

#[test]
fn a_crlf_text_is_counted_as_brat_counts_it() {
    let text = "One line.\r\nSony came.\r\nCBS too.\r\n";
    // brat reads with universal newlines: each CRLF is one character.
    let ann = "T1\tOrganization 10 14\tSony\nT2\tOrganization 21 24\tCBS\n";
    let briefing = loaded(ann, text);
    assert_eq!(
        mentions(&briefing),
        vec![
            ("Sony".to_string(), "Sony".to_string()),
            ("CBS".to_string(), "CBS".to_string())
        ]
    );
}

#[test]
fn offsets_in_another_unit_or_a_wrong_text_are_errors_on_their_line() {
    let text = "Caf\u{e9} \u{1f389} with Sony and CBS.\n";
    let utf16 = |word: &str| {
        let at = text.find(word).expect("word");
        let start = text[..at].encode_utf16().count();
        (start, start + word.len())
    };
    let (s1, e1) = utf16("Sony");
    let (s2, e2) = utf16("CBS");
    let ann = format!("T1\tOrganization {s1} {e1}\tSony\nT2\tOrganization {s2} {e2}\tCBS\n");
    let loaded = in_memory(&ann, text);
    assert!(loaded.briefing.is_none());
    let found: Vec<(&str, usize, usize, String)> = loaded
        .diagnostics
        .iter()
        .map(|d| {
            let at = d.location.as_ref().expect("placed");
            (d.code, at.line, at.column, d.message.clone())
        })
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].0, found[0].1, found[0].2),
        ("brat-offset-unit", 1, 17)
    );
    assert!(found[0].3.contains("UTF-16"), "{}", found[0].3);

    let wrong = "T1\tOrganization 0 4\tSony\nT2\tOrganization 5 8\tCBS\n";
    assert_eq!(
        problems(wrong, "Sony and CBS.\n"),
        vec![("brat-text-mismatch", 2, 17)]
    );
    let missing = InMemory {
        files: vec![("doc.ann".into(), "T1\tX 0 1\ta\n".into())],
    };
    let loaded = open(Path::new("doc.ann"), false, &missing);
    assert!(loaded.briefing.is_none());
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.hint.as_deref().is_some_and(|h| h.contains("NAME.txt"))),
        "{:?}",
        loaded.diagnostics
    );
}

#[test]
fn a_brat_document_in_the_reader() {
    let ann = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/external/brat/brat-tutorial-news-110-note_annotation.ann");
    let briefing = open(&ann, false, &FileSystem).briefing.expect("loads");
    let state = state_of(briefing, "<Tab>", 120, 40);
    let terminal = draw(&state, &dark());
    // The path shown is the machine's: keep the screen from its file name on.
    let text = screen_text(terminal.backend().buffer());
    let shown = text
        .lines()
        .map(|line| match line.find("brat-tutorial") {
            Some(at) if line.contains("tests/corpus") => format!("<path>{}", &line[at..]),
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!(shown);
}

/// The text-bound annotations that are not event triggers, relations and
/// notes of a brat file, comparable whatever the ids: (type, fragments,
/// text); (type, first argument's fragments, second's); note texts. Events
/// are not read yet: a note on an event comes back as a `Note` span on its
/// trigger's passage, so `Note` spans and their notes are left out too.
type Fragments = Vec<(usize, usize)>;
type Annotations = (
    Vec<(String, Fragments, String)>,
    Vec<(String, Fragments, Fragments)>,
    Vec<String>,
);

fn annotations_of(ann: &str) -> Annotations {
    use brief::loader::formats::brat::{Item, parse};
    let (standoff, _) = parse("x.ann", ann);
    let triggers: Vec<&str> = standoff
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Event { trigger, .. } => Some(trigger.id.as_str()),
            _ => None,
        })
        .collect();
    let bound = |id: &str| {
        standoff.items.iter().find_map(|i| match i {
            Item::TextBound(t) if t.id == id && t.kind != "Note" => Some(t.fragments.clone()),
            _ => None,
        })
    };
    let mut bounds: Vec<(String, Fragments, String)> = standoff
        .items
        .iter()
        .filter_map(|i| match i {
            Item::TextBound(t) if !triggers.contains(&t.id.as_str()) && t.kind != "Note" => Some((
                t.kind.clone(),
                t.fragments.clone(),
                t.text.clone().unwrap_or_default(),
            )),
            _ => None,
        })
        .collect();
    let mut relations: Vec<_> = standoff
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Relation {
                kind, arguments, ..
            } => Some((
                kind.clone(),
                bound(&arguments.first()?.id)?,
                bound(&arguments.get(1)?.id)?,
            )),
            _ => None,
        })
        .collect();
    let mut notes: Vec<String> = standoff
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Note { target, text, .. }
                if bound(&target.id).is_some() || target.id.starts_with('R') =>
            {
                Some(text.clone())
            }
            _ => None,
        })
        .collect();
    bounds.sort();
    relations.sort();
    notes.sort();
    (bounds, relations, notes)
}

#[test]
fn brat_to_brief_to_brat_gives_back_the_same_annotations() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/external/brat");
    let mut compared = 0;
    for name in [
        "brat-tutorial-news-060-relation_annotation",
        "brat-tutorial-news-110-note_annotation",
        "dkpro-document1",
        "meddocan-dev-S0212-16112014000200032-3",
    ] {
        let ann = folder.join(format!("{name}.ann"));
        let briefing = open(&ann, false, &FileSystem).briefing.expect("opens");
        let written = brief::convert::brat::write(&briefing);
        let original = std::fs::read_to_string(&ann).expect("the .ann");
        assert_eq!(
            annotations_of(&written.annotations),
            annotations_of(&original),
            "{name}"
        );
        assert_eq!(
            written.text,
            std::fs::read_to_string(ann.with_extension("txt")).expect("the .txt"),
            "{name}"
        );
        compared += 1;
    }
    assert_eq!(compared, 4);
}

#[test]
fn a_relation_between_far_mentions_has_the_first_one_as_evidence() {
    let filler = "Nothing happens here. ".repeat(200);
    let text = format!("Sony met CBS. {filler}Later, Nintendo.\n");
    let nintendo = text.find("Nintendo").expect("Nintendo");
    let cp = |at: usize| text[..at].chars().count();
    let ann = format!(
        "T1\tOrganization 0 4\tSony\nT2\tOrganization 9 12\tCBS\nT3\tOrganization {} {}\tNintendo\n\
R1\tMet Arg1:T1 Arg2:T2\nR2\tOutlived Arg1:T1 Arg2:T3\n",
        cp(nintendo),
        cp(nintendo) + 8
    );
    let briefing = loaded(&ann, &text);
    let evidence: Vec<Option<&str>> = briefing
        .relations
        .iter()
        .map(|r| r.evidence.clone().map(|e| &text[e]))
        .collect();
    // Near: the passage from one to the other; far (over a paragraph
    // apart): the first argument alone, not pages of text.
    assert_eq!(evidence, vec![Some("Sony met CBS"), Some("Sony")]);
}
