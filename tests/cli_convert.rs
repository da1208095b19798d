//! `brief convert FILE --to json`: the span dump. Every passage it lists
//! covers, in code points, in UTF-16 units and in bytes, exactly the text
//! it quotes, over the bundled briefing and over a text of accents, emoji
//! and CRLF line ends; controls from the files never reach the output raw;
//! `-o` writes a file and refuses the briefing's own.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("brief-convert-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn brief(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .env_remove("BRIEF_CONFIG")
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("brief-convert-no-config"),
        )
        .output()
        .expect("run brief")
}

fn dump_of(file: &Path) -> (Value, String) {
    let out = brief(&["convert", &file.display().to_string(), "--to", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let raw = String::from_utf8(out.stdout).expect("UTF-8");
    (serde_json::from_str(&raw).expect("one JSON document"), raw)
}

fn number(value: &Value, key: &str) -> usize {
    value[key]
        .as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or_else(|| panic!("{key} in {value}"))
}

/// Every passage in `dump` (mentions, relations' evidence, events'
/// passages, notes) is the text it quotes in all three units; returns how
/// many were checked.
fn check_passages(dump: &Value, text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut checked = 0;
    let mut check = |passage: &Value| {
        let quoted = passage["text"].as_str().expect("its text");
        let (start, end) = (number(passage, "start"), number(passage, "end"));
        let by_code_point: String = chars[start..end].iter().collect();
        assert_eq!(by_code_point, quoted, "code points {start}..{end}");
        let (start16, end16) = (number(passage, "start_utf16"), number(passage, "end_utf16"));
        assert_eq!(
            String::from_utf16(&units[start16..end16]).expect("whole characters"),
            quoted,
            "UTF-16 {start16}..{end16}"
        );
        let (byte_start, byte_end) = (number(passage, "byte_start"), number(passage, "byte_end"));
        assert_eq!(&text[byte_start..byte_end], quoted);
        checked += 1;
    };
    let list = |key: &str| dump[key].as_array().cloned().unwrap_or_default();
    list("mentions").iter().for_each(&mut check);
    for note in list("notes") {
        check(&note["passage"]);
    }
    for relation in list("relations") {
        if !relation["evidence"].is_null() {
            check(&relation["evidence"]);
        }
    }
    for event in list("events") {
        if !event["passage"].is_null() {
            check(&event["passage"]);
        }
    }
    checked
}

#[test]
fn every_passage_of_the_bundled_briefing_is_its_text_in_every_unit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (dump, _) = dump_of(&root.join("briefings/crocus-city-hall.toml"));
    let text =
        std::fs::read_to_string(root.join("briefings/crocus-city-hall.md")).expect("the text");
    let briefing = brief::loader::load_bundled().briefing.expect("loads");
    assert_eq!(dump["format"], 1);
    assert_eq!(number(&dump["text"], "code_points"), text.chars().count());
    assert_eq!(number(&dump["text"], "utf16"), text.encode_utf16().count());
    assert_eq!(
        dump["mentions"].as_array().map(Vec::len),
        Some(briefing.mentions.len())
    );
    assert_eq!(
        dump["relations"].as_array().map(Vec::len),
        Some(briefing.relations.len())
    );
    assert_eq!(
        dump["events"].as_array().map(Vec::len),
        Some(briefing.events.len())
    );
    let checked = check_passages(&dump, &text);
    assert!(checked > briefing.mentions.len(), "{checked} passages");
    let explicit = dump["mentions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| m["origin"] == "explicit")
        .count();
    assert!(explicit > 0 && explicit < briefing.mentions.len());
}

#[test]
fn accents_emoji_and_crlf_are_counted_per_unit_and_controls_are_escaped() {
    let dir = scratch("units");
    let text = "Caf\u{e9} \u{1f389} met Krak\u{f3}w\r\nthen Z\u{fc}rich \u{1f600}\u{1f600} and Krak\u{f3}w.\r\n";
    std::fs::write(dir.join("r.md"), text).expect("text");
    let toml = "format = 1\n[briefing]\ntext = \"r.md\"\ntitle = \"Units \\u202e test\"\n\n\
        [[entity]]\nid = \"krakow\"\nname = \"Krak\u{f3}w\"\nkind = \"place\"\n\n\
        [[entity]]\nid = \"zurich\"\nname = \"Z\u{fc}rich\"\nkind = \"place\"\n\n\
        [[note]]\nkind = \"comment\"\nquote = \"Z\u{fc}rich \u{1f600}\"\ntext = \"bidi \\u202e and escape \\u001b[31m\"\n";
    std::fs::write(dir.join("r.toml"), toml).expect("annotations");
    let (dump, raw) = dump_of(&dir.join("r.toml"));
    assert_eq!(
        check_passages(&dump, text),
        4,
        "three mentions and the note"
    );
    let last = &dump["mentions"][2];
    assert_eq!(last["text"], "Krak\u{f3}w");
    // Before it: two emoji more in UTF-16 than in code points, and the
    // first emoji too.
    assert_eq!(
        number(last, "start_utf16") - number(last, "start"),
        3,
        "{last}"
    );
    assert_eq!(
        number(last, "byte_start"),
        text.rfind("Krak").expect("Krakow")
    );
    // The note's controls are JSON escapes, never raw; decoded, the text
    // is as written.
    assert!(
        !raw.contains('\u{202e}') && !raw.contains('\u{1b}'),
        "{raw}"
    );
    assert!(raw.contains("\\u202e") && raw.contains("\\u001b"), "{raw}");
    assert_eq!(
        dump["notes"][0]["text"],
        "bidi \u{202e} and escape \u{1b}[31m"
    );
    assert_eq!(dump["title"], "Units \u{202e} test");
    // The W3C collection too: escaped, and decoded as written.
    let out = brief(&[
        "convert",
        &dir.join("r.toml").display().to_string(),
        "--to",
        "w3c",
    ]);
    let w3c = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        !w3c.contains('\u{202e}') && !w3c.contains('\u{1b}'),
        "{w3c}"
    );
    let collection: Value = serde_json::from_str(&w3c).expect("JSON");
    assert_eq!(collection["label"], "Units \u{202e} test");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn output_goes_to_a_file_and_never_over_the_briefings_own() {
    let dir = scratch("output");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for file in ["crocus-city-hall.toml", "crocus-city-hall.md"] {
        std::fs::copy(root.join("briefings").join(file), dir.join(file)).expect("copy");
    }
    let toml = dir.join("crocus-city-hall.toml");
    let before = std::fs::read(&toml).expect("annotations");
    let out_path = dir.join("spans.json");
    let out = brief(&[
        "convert",
        &toml.display().to_string(),
        "--to",
        "json",
        "-o",
        &out_path.display().to_string(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&out_path).expect("written");
    let (printed, _) = dump_of(&toml);
    assert_eq!(
        serde_json::from_str::<Value>(&written).expect("JSON"),
        printed
    );
    for own in ["crocus-city-hall.toml", "crocus-city-hall.md"] {
        let out = brief(&[
            "convert",
            &toml.display().to_string(),
            "--to",
            "json",
            "-o",
            &dir.join(own).display().to_string(),
        ]);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("the briefing's own file"));
    }
    assert_eq!(std::fs::read(&toml).expect("annotations"), before);
    // A broken briefing: its diagnostics, exit 1, nothing on stdout.
    std::fs::write(&toml, "format = 1\n[briefing\n").expect("break it");
    let out = brief(&["convert", &toml.display().to_string(), "--to", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("crocus-city-hall.toml:2:"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Converts `toml` to brat in `dir`; the two files and what was said.
fn to_brat(toml: &Path, dir: &Path) -> (String, String, String) {
    let ann = dir.join("out.ann");
    let out = brief(&[
        "convert",
        &toml.display().to_string(),
        "--to",
        "brat",
        "-o",
        &ann.display().to_string(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        std::fs::read_to_string(dir.join("out.txt")).expect("the .txt"),
        std::fs::read_to_string(&ann).expect("the .ann"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The brat files read back with brief's own reader: no problem, and every
/// text-bound annotation covers its text in code points.
fn check_brat(text: &str, annotations: &str) -> brief::loader::formats::brat::Standoff {
    use brief::loader::formats::brat::{Item, parse};
    use brief::loader::formats::offsets::{Claimed, OffsetUnit, UnitCheck, check_unit};
    let (standoff, diagnostics) = parse("out.ann", annotations);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let bounds: Vec<(Vec<(usize, usize)>, String)> = standoff
        .items
        .iter()
        .filter_map(|item| match item {
            Item::TextBound(t) => Some((t.fragments.clone(), t.text.clone().expect("its text"))),
            _ => None,
        })
        .collect();
    let claimed: Vec<Claimed<'_>> = bounds
        .iter()
        .map(|(fragments, text)| Claimed { fragments, text })
        .collect();
    assert_eq!(
        check_unit(text, OffsetUnit::CodePoint, &claimed),
        UnitCheck::Fits
    );
    standoff
}

#[test]
fn the_bundled_briefing_as_brat_reads_back_with_every_span_on_its_text() {
    use brief::loader::formats::brat::Item;
    let dir = scratch("brat");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (text, annotations, said) = to_brat(&root.join("briefings/crocus-city-hall.toml"), &dir);
    let briefing = brief::loader::load_bundled().briefing.expect("loads");
    assert_eq!(text, briefing.document.text.replace("\r\n", "\n"));
    let standoff = check_brat(&text, &annotations);
    let count = |pick: fn(&Item) -> bool| standoff.items.iter().filter(|i| pick(i)).count();
    assert_eq!(
        count(
            |i| matches!(i, Item::Normalization { reference, .. } if reference.starts_with("brief:"))
        ),
        briefing.mentions.len(),
        "every mention names its entity"
    );
    let left_out_relations = said.matches("left out of the brat files, relation").count();
    assert_eq!(
        count(|i| matches!(i, Item::Relation { .. })) + left_out_relations,
        briefing.relations.len()
    );
    let with_passage = briefing
        .events
        .iter()
        .filter(|e| e.passage.is_some())
        .count();
    assert_eq!(count(|i| matches!(i, Item::Event { .. })), with_passage);
    assert_eq!(
        said.matches("left out of the brat files, event").count(),
        briefing.events.len() - with_passage
    );
    assert_eq!(
        count(|i| matches!(i, Item::TextBound(t) if t.kind == "Note")),
        briefing.notes.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_text_of_crlf_emoji_and_a_mention_across_lines_goes_to_brat_in_code_points_of_lf_text() {
    let dir = scratch("brat-units");
    let text = "Caf\u{e9} \u{1f389} met the New\r\nYork envoy.\r\nThen Z\u{fc}rich \u{1f600}.\r\n";
    std::fs::write(dir.join("r.md"), text).expect("text");
    let toml = "format = 1\n[briefing]\ntext = \"r.md\"\n\n\
        [[entity]]\nid = \"nyc\"\nname = \"New York\"\nkind = \"place\"\nauto = false\n\n\
        [[entity]]\nid = \"zurich\"\nname = \"Z\u{fc}rich\"\nkind = \"place\"\n\n\
        [[mention]]\nentity = \"nyc\"\nquote = \"New\\r\\nYork\"\n";
    std::fs::write(dir.join("r.toml"), toml).expect("annotations");
    let (lf, annotations, _) = to_brat(&dir.join("r.toml"), &dir);
    assert!(!lf.contains('\r'));
    check_brat(&lf, &annotations);
    // The mention across the line break is two fragments, joined by a space.
    let new_york = lf.find("New").expect("New");
    let cp = |at: usize| lf[..at].chars().count();
    let york = lf.find("York").expect("York");
    assert!(
        annotations.contains(&format!(
            "T1\tPlace {} {};{} {}\tNew York\n",
            cp(new_york),
            cp(new_york) + 3,
            cp(york),
            cp(york) + 4
        )),
        "{annotations}"
    );
    let zurich = lf.find("Z\u{fc}rich").expect("Zürich");
    assert!(
        annotations.contains(&format!(
            "Place {} {}\tZ\u{fc}rich",
            cp(zurich),
            cp(zurich) + 6
        )),
        "{annotations}"
    );
    // Without -o there is nowhere to put two files.
    let out = brief(&[
        "convert",
        &dir.join("r.toml").display().to_string(),
        "--to",
        "brat",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o NAME.ann"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_w3c_collection_targets_every_passage_by_quote_and_by_code_points() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let toml = root.join("briefings/crocus-city-hall.toml");
    let out = brief(&["convert", &toml.display().to_string(), "--to", "w3c"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let collection: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let text =
        std::fs::read_to_string(root.join("briefings/crocus-city-hall.md")).expect("the text");
    let chars: Vec<char> = text.chars().collect();
    let briefing = brief::loader::load_bundled().briefing.expect("loads");
    assert_eq!(collection["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(collection["type"], "AnnotationCollection");
    let items = collection["first"]["items"].as_array().expect("items");
    let expected = briefing.mentions.len()
        + briefing.notes.len()
        + briefing.relations.len()
        + briefing.events.len();
    assert_eq!(items.len(), expected);
    assert_eq!(number(&collection, "total"), expected);
    let mut passages = 0;
    let mut check = |target: &Value| {
        if target.is_string() {
            assert!(
                target
                    .as_str()
                    .is_some_and(|t| t.starts_with("urn:brief:entity:"))
            );
            return;
        }
        assert_eq!(target["source"], "crocus-city-hall.md");
        let selectors = target["selector"].as_array().expect("selectors");
        let quote = &selectors[0];
        let position = &selectors[1];
        assert_eq!(quote["type"], "TextQuoteSelector");
        assert_eq!(position["type"], "TextPositionSelector");
        let (start, end) = (number(position, "start"), number(position, "end"));
        let at = |from: usize, to: usize| chars[from..to].iter().collect::<String>();
        assert_eq!(quote["exact"].as_str(), Some(at(start, end).as_str()));
        let prefix = quote["prefix"].as_str().expect("prefix");
        let suffix = quote["suffix"].as_str().expect("suffix");
        assert_eq!(at(start - prefix.chars().count(), start), prefix);
        assert_eq!(at(end, end + suffix.chars().count()), suffix);
        passages += 1;
    };
    for item in items {
        match &item["target"] {
            Value::Array(targets) => targets.iter().for_each(&mut check),
            target => check(target),
        }
    }
    assert!(passages >= briefing.mentions.len() + briefing.notes.len());
    let identifying = items
        .iter()
        .filter(|i| i["motivation"] == "identifying")
        .count();
    assert_eq!(identifying, briefing.mentions.len());
}

type Span = std::ops::Range<usize>;
/// id, date, title, passage, entities
type ResolvedEvent = (String, String, String, Option<Span>, Vec<String>);
/// kind, passage, text, grading, entities
type ResolvedNote = (String, Span, String, Option<String>, Vec<String>);

/// What a briefing resolved, comparable across formats: entity ids, kinds
/// and names; mentions by entity and span; relations, events and notes.
#[derive(Debug, PartialEq)]
struct Resolved {
    entities: Vec<(String, String, String)>,
    mentions: Vec<(String, Span)>,
    relations: Vec<(String, String, String, Option<Span>)>,
    events: Vec<ResolvedEvent>,
    notes: Vec<ResolvedNote>,
}

fn resolved(briefing: &brief::model::Briefing) -> Resolved {
    let id = |e| briefing.entity(e).id.clone();
    let mut entities: Vec<(String, String, String)> = briefing
        .entities
        .iter()
        .map(|e| (e.id.clone(), e.kind.clone(), e.name.clone()))
        .collect();
    entities.sort();
    Resolved {
        entities,
        mentions: briefing
            .mentions
            .iter()
            .map(|m| (id(m.entity), m.span.clone()))
            .collect(),
        relations: briefing
            .relations
            .iter()
            .map(|r| (id(r.from), r.kind.clone(), id(r.to), r.evidence.clone()))
            .collect(),
        events: briefing
            .events
            .iter()
            .map(|e| {
                (
                    e.id.clone(),
                    e.date.expression.clone(),
                    e.title.clone(),
                    e.passage.clone(),
                    e.entities.iter().map(|&x| id(x)).collect(),
                )
            })
            .collect(),
        notes: briefing
            .notes
            .iter()
            .map(|n| {
                (
                    n.kind.name().to_string(),
                    n.passage.clone(),
                    n.text.clone(),
                    n.grading.describe(),
                    n.entities.iter().map(|&x| id(x)).collect(),
                )
            })
            .collect(),
    }
}

/// The bundled briefing written by `brief convert --to TO` as `name` beside
/// a copy of its text in `dir`, opened again: no diagnostic, and what it
/// resolves to. Also `brief check`s the written file.
fn bundled_through(to: &str, name: &str, dir: &Path) -> brief::model::Briefing {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        root.join("briefings/crocus-city-hall.md"),
        dir.join("crocus-city-hall.md"),
    )
    .expect("copy");
    let written = dir.join(name).display().to_string();
    let bundled = root
        .join("briefings/crocus-city-hall.toml")
        .display()
        .to_string();
    for args in [
        vec![
            "convert",
            bundled.as_str(),
            "--to",
            to,
            "-o",
            written.as_str(),
        ],
        vec!["check", written.as_str()],
    ] {
        let out = brief(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let written = Path::new(&written);
    let loaded = brief::loader::open(written, false, &brief::loader::FileSystem);
    assert!(
        loaded.diagnostics.is_empty(),
        "{:?}",
        loaded
            .diagnostics
            .iter()
            .map(|d| d.render())
            .collect::<Vec<_>>()
    );
    let back = loaded.briefing.expect("the written file opens");
    let original = brief::loader::load_bundled().briefing.expect("loads");
    assert_eq!(resolved(&back), resolved(&original));
    back
}

#[test]
fn brief_to_w3c_to_brief_resolves_to_the_same_spans() {
    let dir = scratch("w3c-round-trip");
    bundled_through("w3c", "crocus.json", &dir);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_w3c_file_on_a_web_page_or_with_no_text_is_refused_with_the_reason() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/external/w3c");
    for (file, code) in [
        ("hypothesis-client-minimal.json", "w3c-no-text"),
        ("w3c-model-anno26.json", "w3c-remote-text"),
        ("text-annotator-annotations.w3c.json", "w3c-sources"),
    ] {
        let loaded = brief::loader::open(&folder.join(file), false, &brief::loader::FileSystem);
        assert!(loaded.briefing.is_none());
        let codes: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, vec![code], "{file}");
    }
}

#[test]
fn brief_to_toml_to_brief_and_brat_to_toml_resolve_to_the_same_spans() {
    let dir = scratch("toml-round-trip");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let back = bundled_through("toml", "written.toml", &dir);
    // Every mention written out: none is left to name matching.
    assert!(back.entities.iter().all(|e| !e.auto));

    // A brat document as TOML: the same briefing as the .ann gives.
    let brat = root.join("tests/corpus/external/brat/brat-tutorial-news-060-relation_annotation");
    for extension in ["ann", "txt"] {
        std::fs::copy(
            brat.with_extension(extension),
            dir.join(format!("b.{extension}")),
        )
        .expect("copy");
    }
    let from_brat = brief::loader::open(&dir.join("b.ann"), false, &brief::loader::FileSystem)
        .briefing
        .expect("the brat file opens");
    let toml = dir.join("b.toml");
    std::fs::write(&toml, brief::convert::toml::write(&from_brat, "b.txt")).expect("write");
    let loaded = brief::loader::open(&toml, false, &brief::loader::FileSystem);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(
        resolved(&loaded.briefing.expect("opens")),
        resolved(&from_brat)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
