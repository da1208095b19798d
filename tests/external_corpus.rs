//! Real files made by other annotation tools (`tests/corpus/external/`,
//! sources and licences in its SOURCES.md), read by brief's readers. The
//! brat files: every line reads, and every text-bound annotation covers
//! the text it quotes in code points of its `.txt` (brat's own unit; these
//! texts have LF line ends). The W3C and Hypothesis files: every
//! annotation reads and knows where it is in the file; quotes, positions,
//! refinements and links are found; broken files are errors with line and
//! column.

use std::path::{Path, PathBuf};

use brief::loader::formats::brat::{Item, parse};
use brief::loader::formats::offsets::{Claimed, OffsetUnit, UnitCheck, check_unit};

fn external(format: &str, extension: &str) -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/external")
        .join(format);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("the external corpus")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    files
}

#[test]
fn every_brat_file_reads_and_every_span_covers_its_text_in_code_points() {
    let files = external("brat", "ann");
    assert!(files.len() >= 10, "{files:?}");
    for ann in files {
        let source = std::fs::read_to_string(&ann).expect("the .ann");
        let text = std::fs::read_to_string(ann.with_extension("txt")).expect("its .txt");
        let shown = ann.display().to_string();
        let (standoff, diagnostics) = parse(&shown, &source);
        assert!(
            diagnostics.is_empty(),
            "{shown}: {:?}",
            diagnostics.iter().map(|d| d.render()).collect::<Vec<_>>()
        );
        let bounds: Vec<(Vec<(usize, usize)>, String)> = standoff
            .items
            .iter()
            .filter_map(|item| match item {
                Item::TextBound(t) => t.text.clone().map(|text| (t.fragments.clone(), text)),
                _ => None,
            })
            .collect();
        assert!(!bounds.is_empty(), "{shown}");
        let claimed: Vec<Claimed<'_>> = bounds
            .iter()
            .map(|(fragments, text)| Claimed { fragments, text })
            .collect();
        assert_eq!(
            check_unit(&text, OffsetUnit::CodePoint, &claimed),
            UnitCheck::Fits,
            "{shown}"
        );
        // Read as bytes, the spans after the first non-ASCII character
        // would not fit: the unit check is not vacuous where the text has
        // any.
        if !text.is_ascii() {
            let later = bounds.iter().any(|(fragments, _)| {
                fragments
                    .first()
                    .is_some_and(|(start, _)| text.chars().take(*start).any(|c| !c.is_ascii()))
            });
            if later {
                assert_ne!(
                    check_unit(&text, OffsetUnit::Byte, &claimed),
                    UnitCheck::Fits,
                    "{shown}"
                );
            }
        }
    }
}

#[test]
fn every_w3c_and_hypothesis_file_reads_with_each_annotation_placed_in_the_file() {
    use brief::loader::formats::w3c::parse;
    let files = external("w3c", "json");
    assert!(files.len() >= 10, "{files:?}");
    let mut counts = Vec::new();
    for path in files {
        let source = std::fs::read_to_string(&path).expect("the file");
        let shown = path.display().to_string();
        let (annotations, diagnostics) = parse(&shown, &source);
        assert!(
            diagnostics.is_empty(),
            "{shown}: {:?}",
            diagnostics.iter().map(|d| d.render()).collect::<Vec<_>>()
        );
        for annotation in &annotations {
            // Each keeps where it is: its text in the file is an object.
            let raw = &source[annotation.at.clone()];
            assert!(raw.starts_with('{') && raw.ends_with('}'), "{shown}");
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        counts.push((name.unwrap_or_default(), annotations.len()));
    }
    let count = |name: &str| {
        counts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, c)| *c)
            .unwrap_or_else(|| panic!("{name} in {counts:?}"))
    };
    assert_eq!(count("hypothesis-client-minimal.json"), 1);
    assert_eq!(
        count("hypothesis-client-wikipedia-regression-testing.json"),
        5
    );
    assert_eq!(count("text-annotator-annotations.w3c.json"), 5);
    assert_eq!(count("recogito-js-annotations.w3c.json"), 4);
    assert_eq!(count("w3c-model-anno27.json"), 1);
    assert_eq!(count("w3c-model-collection1.json"), 41);
}

#[test]
fn the_w3c_reader_finds_quotes_positions_refinements_and_links() {
    use brief::loader::formats::w3c::parse;
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/external/w3c");
    let read = |name: &str| {
        let source = std::fs::read_to_string(folder.join(name)).expect("the file");
        parse(name, &source).0
    };
    let minimal = read("hypothesis-client-minimal.json");
    let target = &minimal[0].targets[0];
    assert_eq!(target.position, Some((4, 7)));
    let quote = target.quote.as_ref().expect("a quote");
    assert_eq!(
        (
            quote.exact.as_str(),
            quote.prefix.as_str(),
            quote.suffix.as_str()
        ),
        ("Two", "One ", " Three\n")
    );
    // anno32: a quote refining a fragment selector.
    let refined = read("w3c-model-anno32.json");
    assert!(refined[0].targets[0].quote.is_some(), "{refined:?}");
    // anno27: a position alone.
    let position = read("w3c-model-anno27.json");
    assert_eq!(position[0].targets[0].position, Some((412, 795)));
    assert!(position[0].targets[0].quote.is_none());
    // Recogito's comment and tags are bodies; its linking annotation
    // targets two annotations by id.
    let recogito = read("recogito-js-annotations.w3c.json");
    let purposes: Vec<Option<&str>> = recogito[0]
        .bodies
        .iter()
        .map(|b| b.purpose.as_deref())
        .collect();
    assert_eq!(purposes, vec![None, Some("tagging"), Some("tagging")]);
    let linking = recogito
        .iter()
        .find(|a| a.motivations.iter().any(|m| m == "linking"))
        .expect("a linking annotation");
    assert_eq!(linking.targets.len(), 2);
    assert!(linking.targets.iter().all(|t| t.iri.is_some()));
}

#[test]
fn broken_w3c_files_are_errors_with_line_and_column() {
    use brief::loader::formats::w3c::parse;
    let problems = |source: &str| -> Vec<(&'static str, usize, usize)> {
        parse("a.json", source)
            .1
            .iter()
            .map(|d| {
                let at = d.location.as_ref().expect("placed");
                (d.code, at.line, at.column)
            })
            .collect()
    };
    assert_eq!(
        problems("{\n  \"type\": \"Annotation\",\n  \"target\": [\n}"),
        vec![("w3c-json", 4, 1)]
    );
    let items = "[\n  {\"target\": {\"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"x\"}}},\n  {\"target\": {\"selector\": {\"type\": \"TextQuoteSelector\"}}},\n  {\"body\": \"no target\"},\n  7\n]";
    assert_eq!(
        problems(items),
        vec![
            ("w3c-annotation", 3, 3),
            ("w3c-annotation", 4, 3),
            ("w3c-annotation", 5, 3)
        ]
    );
    let (read, _) = parse("a.json", items);
    assert_eq!(read.len(), 1, "the good one is kept");
    let reversed = "{\"target\": {\"selector\": {\"type\": \"TextPositionSelector\", \"start\": 9, \"end\": 2}}}";
    assert_eq!(problems(reversed), vec![("w3c-annotation", 1, 1)]);
}

/// Every record of every file of `format` reads; spans that carry their
/// text cover it in code points. Returns (file, records, spans, checked).
fn span_json_files(format: &str, extension: &str) -> Vec<(String, usize, usize, usize)> {
    use brief::loader::formats::span_json::parse;
    let mut out = Vec::new();
    for path in external(format, extension) {
        let source = std::fs::read_to_string(&path).expect("the file");
        let shown = path.display().to_string();
        let (records, diagnostics) = parse(&shown, &source);
        let mut checked = 0;
        let mut spans = 0;
        for record in &records {
            let chars: Vec<char> = record.text.chars().collect();
            for span in &record.spans {
                spans += 1;
                assert!(span.end <= chars.len(), "{shown}: {span:?}");
                if let Some(text) = &span.text {
                    let covered: String = chars[span.start..span.end].iter().collect();
                    assert_eq!(&covered, text, "{shown}");
                    checked += 1;
                }
            }
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        out.push((name.unwrap_or_default(), records.len(), spans, checked));
        // The one record without a text (doccano's own test) is the only
        // problem in the corpus, and it is placed on its line.
        let lines: Vec<(usize, String)> = diagnostics
            .iter()
            .map(|d| (d.location.as_ref().map_or(0, |l| l.line), d.message.clone()))
            .collect();
        if shown.ends_with("import-test-sequence_labeling.jsonl") {
            assert_eq!(lines, vec![(3, "a record without its text".to_string())]);
        } else {
            assert!(lines.is_empty(), "{shown}: {lines:?}");
        }
    }
    out
}

#[test]
fn every_prodigy_doccano_and_label_studio_file_reads_with_spans_on_their_text() {
    let prodigy = span_json_files("prodigy", "jsonl");
    let doccano = span_json_files("doccano", "jsonl");
    let label_studio = span_json_files("label-studio", "json");
    assert_eq!(
        (prodigy.len(), doccano.len(), label_studio.len()),
        (4, 7, 3)
    );
    let total = |files: &[(String, usize, usize, usize)],
                 pick: fn(&(String, usize, usize, usize)) -> usize| {
        files.iter().map(pick).sum::<usize>()
    };
    for files in [&prodigy, &doccano, &label_studio] {
        assert!(
            total(files, |f| f.1) > 0 && total(files, |f| f.2) > 0,
            "{files:?}"
        );
    }
    // Prodigy and Label Studio carry the covered text: it was checked.
    assert!(total(&prodigy, |f| f.3) > 0, "{prodigy:?}");
    assert!(total(&label_studio, |f| f.3) > 0, "{label_studio:?}");
    let tasks = label_studio
        .iter()
        .find(|f| f.0 == "lsf-named_entity-tasks.json")
        .expect("the tasks file");
    assert!(tasks.1 >= 1);
}

#[test]
fn span_json_relations_are_read_from_doccano_and_prodigy() {
    use brief::loader::formats::span_json::{Shape, parse};
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/external");
    let read = |name: &str| {
        let source = std::fs::read_to_string(folder.join(name)).expect("the file");
        parse(name, &source).0
    };
    let doccano = read("doccano/import-relation_extraction.jsonl");
    assert_eq!(doccano[0].shape, Shape::Doccano);
    assert_eq!(doccano[0].spans.len(), 4);
    let first = &doccano[0].relations[0];
    assert_eq!(
        (first.from.as_str(), first.to.as_str(), first.label.as_str()),
        ("0", "1", "foundedAt")
    );
    let prodigy = read("prodigy/projects-rel_component-annotations-first5lines.jsonl");
    assert_eq!(prodigy.len(), 5);
    assert!(prodigy.iter().all(|r| r.shape == Shape::Prodigy));
    // Prodigy's relations name the spans they join by their offsets.
    let first = &prodigy[0].relations[0];
    assert_eq!(
        (first.from.as_str(), first.to.as_str(), first.label.as_str()),
        ("13:17", "66:69", "Pos-Reg")
    );
    let ids: Vec<Option<&str>> = prodigy[0].spans.iter().map(|s| s.id.as_deref()).collect();
    assert!(ids.contains(&Some("13:17")) && ids.contains(&Some("66:69")));
    // Opened, they are relations between the spans' entities.
    let path = folder.join("prodigy/projects-rel_component-annotations-first5lines.jsonl");
    let briefing = brief::loader::open(&path, false, &brief::loader::FileSystem)
        .briefing
        .expect("opens");
    let total: usize = prodigy.iter().map(|r| r.relations.len()).sum();
    assert_eq!(briefing.relations.len(), total);
    let relation = &briefing.relations[0];
    assert_eq!(
        (
            briefing.entity(relation.from).name.as_str(),
            relation.kind.as_str(),
            briefing.entity(relation.to).name.as_str()
        ),
        ("Smad", "Pos-Reg", "Id1")
    );
}

#[test]
fn broken_span_json_is_an_error_on_its_line_and_the_rest_is_read() {
    use brief::loader::formats::span_json::parse;
    let source = "{\"text\": \"Alice met Bob\", \"label\": [[0, 5, \"PER\"]]}\n\
{\"text\": \"broken\", \"label\": [[0, 5, \n\
{\"text\": \"Bob\", \"label\": [[3, 1, \"PER\"]]}\n\
{\"text\": \"Bob\", \"spans\": [{\"label\": \"PER\"}]}\n\
{\"text\": \"Carol\", \"label\": [[0, 5]]}\n\
{\"text\": \"Dave\", \"entities\": [{\"start_offset\": 0, \"end_offset\": 4, \"label\": \"PER\"}]}\n";
    let (records, diagnostics) = parse("a.jsonl", source);
    let found: Vec<(&str, usize)> = diagnostics
        .iter()
        .map(|d| (d.code, d.location.as_ref().map_or(0, |l| l.line)))
        .collect();
    assert_eq!(
        found,
        vec![
            ("span-json", 2),
            ("span-record", 3),
            ("span-record", 4),
            ("span-record", 5)
        ]
    );
    let texts: Vec<&str> = records.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts, vec!["Alice met Bob", "Dave"]);
}

#[test]
fn every_prodigy_doccano_and_label_studio_file_opens_as_a_briefing() {
    use brief::loader::formats::span_json::parse;
    use brief::loader::{FileSystem, open};
    let mut opened = 0;
    for (format, extension) in [
        ("prodigy", "jsonl"),
        ("doccano", "jsonl"),
        ("label-studio", "json"),
    ] {
        for path in external(format, extension) {
            let loaded = open(&path, false, &FileSystem);
            let shown = path.display().to_string();
            if shown.ends_with("import-test-sequence_labeling.jsonl") {
                // doccano's own test of a record without its text.
                assert_eq!(loaded.error_count(), 1, "{shown}");
                continue;
            }
            assert_eq!(loaded.error_count(), 0, "{shown}: {:?}", loaded.diagnostics);
            let briefing = loaded.briefing.expect("opens");
            let source = std::fs::read_to_string(&path).expect("the file");
            let (records, _) = parse(&shown, &source);
            let spans: usize = records.iter().map(|r| r.spans.len()).sum();
            assert_eq!(briefing.mentions.len(), spans, "{shown}");
            // Every mention covers what its record's span covered, but for
            // white space at its edges, which the loader trims (with a
            // warning).
            let texts: Vec<String> = records
                .iter()
                .flat_map(|r| {
                    r.spans.iter().map(|s| {
                        let covered: String =
                            r.text.chars().skip(s.start).take(s.end - s.start).collect();
                        covered.trim().to_string()
                    })
                })
                .collect();
            let mut covered: Vec<String> = briefing
                .mentions
                .iter()
                .map(|m| briefing.document.text[m.span.clone()].to_string())
                .collect();
            let mut expected = texts;
            covered.sort();
            expected.sort();
            assert_eq!(covered, expected, "{shown}");
            opened += 1;
        }
    }
    assert_eq!(opened, 13);
}

#[test]
fn records_are_one_text_a_blank_line_apart_and_utf16_spans_are_named() {
    use brief::loader::{InMemory, open};
    let jsonl = "{\"text\": \"Sony bought CBS.\", \"spans\": [{\"start\": 0, \"end\": 4, \"label\": \"ORG\", \"text\": \"Sony\"}]}\n\
{\"text\": \"\u{1f389} Then sony sold CBS.\", \"spans\": [{\"start\": 7, \"end\": 11, \"label\": \"ORG\", \"text\": \"sony\"}, {\"start\": 17, \"end\": 20, \"label\": \"ORG\", \"text\": \"CBS\"}]}\n";
    let files = InMemory {
        files: vec![("r.jsonl".into(), jsonl.into())],
    };
    let loaded = open(Path::new("r.jsonl"), false, &files);
    let briefing = loaded.briefing.expect("opens");
    assert_eq!(
        briefing.document.text.as_str(),
        "Sony bought CBS.\n\n\u{1f389} Then sony sold CBS."
    );
    let covered: Vec<&str> = briefing
        .mentions
        .iter()
        .map(|m| &briefing.document.text[m.span.clone()])
        .collect();
    assert_eq!(covered, vec!["Sony", "sony", "CBS"]);
    // The same spans counted in UTF-16 (the emoji is two units): named.
    let utf16 = jsonl
        .replace("\"start\": 7, \"end\": 11", "\"start\": 8, \"end\": 12")
        .replace("\"start\": 17, \"end\": 20", "\"start\": 18, \"end\": 21");
    let files = InMemory {
        files: vec![("r.jsonl".into(), utf16)],
    };
    let loaded = open(Path::new("r.jsonl"), false, &files);
    assert!(loaded.briefing.is_none());
    let found: Vec<(&str, usize, String)> = loaded
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code,
                d.location.as_ref().map_or(0, |l| l.line),
                d.message.clone(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![(
            "span-offset-unit",
            2,
            "these spans count utf16, not code points".to_string()
        )]
    );
}

#[test]
fn json_of_no_known_family_is_refused_with_what_brief_opens() {
    use brief::loader::{InMemory, open};
    let files = InMemory {
        files: vec![("x.json".into(), "{\"name\": \"not annotations\"}".into())],
    };
    let loaded = open(Path::new("x.json"), false, &files);
    assert!(loaded.briefing.is_none());
    let codes: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec!["unknown-json"]);
    assert!(
        loaded.diagnostics[0]
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("Label Studio"))
    );
    // --plain still reads it as a text.
    let plain = open(Path::new("x.json"), true, &files);
    assert!(plain.briefing.is_some());
}
