//! The diagnostics corpus: broken annotation files under `tests/corpus/broken`
//! with the exact rendering a user sees snapshotted, and good files under
//! `tests/corpus/good` that must load cleanly.
//!
//! Each broken file starts with `# expect: CODE[, CODE...]`, the diagnostic
//! codes it exists to produce; the test checks they are all reported.

use std::path::{Path, PathBuf};

use brief::loader::{FileSystem, Loaded, load};

/// `path` relative to the crate root, with `/` separators, so snapshots do
/// not depend on where the repository is checked out. Cargo runs integration
/// tests from the crate root, so the relative path also loads.
fn relative(path: &Path) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let relative = path.strip_prefix(root).unwrap_or(path);
    let joined = relative
        .components()
        .map(|component| component.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    PathBuf::from(joined)
}

/// The codes named by the file's first line, `# expect: a, b`.
fn expected_codes(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let first_line = String::from_utf8_lossy(first_line);
    let codes = first_line
        .trim()
        .strip_prefix("# expect:")
        .unwrap_or_else(|| {
            panic!(
                "{}: the first line must be `# expect: <code>`",
                path.display()
            )
        });
    let codes: Vec<String> = codes
        .split(',')
        .map(|code| code.trim().to_string())
        .filter(|code| !code.is_empty())
        .collect();
    assert!(
        !codes.is_empty(),
        "{}: no code after `# expect:`",
        path.display()
    );
    codes
}

/// Every diagnostic as the user sees it, then the counts.
fn rendered(loaded: &Loaded) -> String {
    let mut out: String = loaded.diagnostics.iter().map(|d| d.render()).collect();
    out.push_str(&format!(
        "{} error(s), {} warning(s)\n",
        loaded.error_count(),
        loaded.warning_count()
    ));
    out
}

#[test]
fn broken_files_report_their_diagnostics() {
    insta::glob!("corpus/broken/*.toml", |path| {
        let shown = relative(path);
        let loaded = load(&shown, &FileSystem);
        let snapshot = rendered(&loaded);
        assert!(
            !loaded.diagnostics.is_empty(),
            "{}: no diagnostics",
            shown.display()
        );
        let codes: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code).collect();
        for expected in expected_codes(path) {
            assert!(
                codes.contains(&expected.as_str()),
                "{}: expected `{expected}` among {codes:?}\n{snapshot}",
                shown.display()
            );
        }
        if loaded.error_count() > 0 {
            assert!(
                loaded.briefing.is_none(),
                "{}: errors but a briefing was built",
                shown.display()
            );
        } else {
            assert!(
                loaded.briefing.is_some(),
                "{}: only warnings but no briefing",
                shown.display()
            );
        }
        for diagnostic in &loaded.diagnostics {
            let location = diagnostic.location.as_ref();
            assert!(
                location.is_some_and(
                    |l| Path::new(&l.file) == shown || l.file.starts_with("tests/corpus/")
                ),
                "{}: diagnostic without a corpus location: {diagnostic:?}",
                shown.display()
            );
        }
        assert!(
            !snapshot.contains('\u{1b}') && !snapshot.contains('\u{7}'),
            "{}: a raw control character reached the rendering",
            shown.display()
        );
        assert!(
            !snapshot.contains('\u{202e}'),
            "{}: a raw bidi override reached the rendering",
            shown.display()
        );
        insta::assert_snapshot!(snapshot);
    });
}

#[test]
fn good_files_load_without_diagnostics() {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/good");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&directory)
        .expect("tests/corpus/good exists")
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 2, "expected at least two good files");
    for path in paths {
        let shown = relative(&path);
        let loaded = load(&shown, &FileSystem);
        assert!(
            loaded.diagnostics.is_empty(),
            "{}:\n{}",
            shown.display(),
            rendered(&loaded)
        );
        let briefing = loaded
            .briefing
            .unwrap_or_else(|| panic!("{}: no briefing", shown.display()));
        // Each mention carries its entity's kind, declared kinds included.
        for mention in &briefing.mentions {
            let kind = briefing
                .mention_kind(mention)
                .map(|kind| kind.name.as_str());
            assert_eq!(
                kind,
                Some(briefing.entity(mention.entity).kind.as_str()),
                "{}: {mention:?}",
                shown.display()
            );
        }
    }
}

/// The good files anchor where their comments say: a spot check that the
/// passages are the intended ones, not merely some match.
#[test]
fn good_selectors_anchor_the_intended_passages() {
    let loaded = load(
        Path::new("tests/corpus/good/02-selectors.toml"),
        &FileSystem,
    );
    let briefing = loaded.briefing.expect("loads");
    let text = &briefing.document.text;
    let explicit: Vec<&str> = briefing
        .mentions
        .iter()
        .filter(|m| m.origin == brief::model::MentionOrigin::Explicit)
        .map(|m| &text[m.span.clone()])
        .collect();
    assert_eq!(
        explicit,
        [
            "The council",
            "the bridge",
            "Rene\u{301}e Okafor",
            "the bridge",
            "the bridge",
            "Water Board",
            "the council",
        ]
    );
    let line_of = |span: &std::ops::Range<usize>| text[..span.start].matches('\n').count() + 1;
    let bridge_lines: Vec<usize> = briefing
        .mentions
        .iter()
        .filter(|m| m.origin == brief::model::MentionOrigin::Explicit)
        .filter(|m| &text[m.span.clone()] == "the bridge")
        .map(|m| line_of(&m.span))
        .collect();
    assert_eq!(bridge_lines, [8, 23, 27]);
    let notes: Vec<&str> = briefing
        .notes
        .iter()
        .map(|n| &text[n.passage.clone()])
        .collect();
    assert_eq!(
        notes,
        [
            "\u{1f469}\u{200d}\u{1f692}",
            "The bridge moved. I felt it move under my feet, and then the water came\n> over the rail.",
        ]
    );
}

/// Automatic mentions nest, a name with a combining accent is found whole,
/// and an event links to the event entity with its id.
#[test]
fn good_automatic_mentions_nest_and_link() {
    let loaded = load(
        Path::new("tests/corpus/good/01-automatic-mentions.toml"),
        &FileSystem,
    );
    let briefing = loaded.briefing.expect("loads");
    let text = &briefing.document.text;
    let mentioned = |id: &str| -> Vec<(usize, &str)> {
        briefing
            .mentions
            .iter()
            .filter(|m| briefing.entities[m.entity.0].id == id)
            .map(|m| (m.span.start, &text[m.span.clone()]))
            .collect()
    };
    let flood = mentioned("flood");
    assert_eq!(flood, [(2, "Flood at Harlow Crossing")]);
    let harlow = mentioned("harlow");
    assert_eq!(harlow.len(), 3, "{harlow:?}");
    assert_eq!(harlow[0], (11, "Harlow Crossing"), "nested in the title");
    assert_eq!(
        mentioned("okafor"),
        [(text.find("Rene").unwrap(), "Rene\u{301}e Okafor")]
    );
    // "Water Board" nests inside "Aske Valley Water Board": dropped, the
    // same entity. The "Aske" at the same start is dropped too: where names
    // match at one place, the longest wins.
    let board = mentioned("water-board");
    assert_eq!(board.len(), 2, "{board:?}");
    assert_eq!(board[0].1, "Aske Valley Water Board");
    assert_eq!(
        briefing
            .events
            .iter()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>(),
        ["flood", "bridge-closed", "reports"]
    );
    let linked = briefing.events[0].linked_entity.expect("flood is linked");
    assert_eq!(briefing.entities[linked.0].id, "flood");
}

/// Each entity's lists of events and notes (kept so the card need not scan
/// the whole timeline every frame) hold exactly the events and notes that
/// name it, in timeline and passage order, each once.
#[test]
fn entities_list_the_events_and_notes_that_name_them() {
    let mut listed = 0;
    for name in ["crocus-city-hall.toml", "beslan-1-september.toml"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("briefings")
            .join(name);
        let briefing = load(&path, &FileSystem)
            .briefing
            .expect("the briefing loads");
        for (index, entity) in briefing.entities.iter().enumerate() {
            let id = brief::model::EntityId(index);
            let events: Vec<usize> = (0..briefing.events.len())
                .filter(|&at| {
                    let event = &briefing.events[at];
                    event.entities.contains(&id) || event.linked_entity == Some(id)
                })
                .collect();
            let notes: Vec<usize> = (0..briefing.notes.len())
                .filter(|&at| briefing.notes[at].entities.contains(&id))
                .collect();
            assert_eq!(entity.events, events, "{name}: events of {}", entity.id);
            assert_eq!(entity.notes, notes, "{name}: notes of {}", entity.id);
            listed += events.len() + notes.len();
        }
    }
    assert!(
        listed > 20,
        "too few events and notes to test with: {listed}"
    );
}

/// A real-world README (`tests/corpus/markdown/strum-README.md`, MIT, see
/// the README there): its table loads as rows of cells, links and inline
/// code shown without their markup, and each cell's text maps back to its
/// bytes in the file.
#[test]
fn a_real_world_readme_table_loads_as_rows() {
    use brief::layout::BlockText;
    use brief::model::BlockKind;
    let loaded = load(
        Path::new("tests/corpus/markdown/strum-README.md"),
        &FileSystem,
    );
    assert!(loaded.diagnostics.is_empty(), "{}", rendered(&loaded));
    let document = loaded.briefing.expect("loads").document;
    let rows: Vec<_> = document
        .blocks
        .iter()
        .filter(|block| block.kind == BlockKind::TableRow)
        .collect();
    assert_eq!(rows.len(), 14, "header, rule and 12 macros");
    let shown: Vec<String> = rows
        .iter()
        .map(|block| BlockText::new(&document, block).text.into_owned())
        .collect();
    assert_eq!(
        shown[0],
        format!("Macro{} \u{2502} Description", " ".repeat(12))
    );
    assert!(shown[1].starts_with(&"\u{2500}".repeat(18)), "{}", shown[1]);
    let as_ref = shown
        .iter()
        .position(|row| row.starts_with("AsRefStr"))
        .expect("the AsRefStr row");
    assert_eq!(
        shown[as_ref],
        format!(
            "AsRefStr{} \u{2502} Implement AsRef<str> for MyEnum",
            " ".repeat(9)
        )
    );
    let row = BlockText::new(&document, rows[as_ref]);
    let display = row.text.find("AsRef<str>").expect("shown");
    let source = document.text.find("`AsRef<str>`").expect("in the file") + 1;
    assert_eq!(
        row.source_range(display..display + "AsRef<str>".len()),
        source..source + "AsRef<str>".len()
    );
    // None of them wraps: a row wider than the pane is cut.
    assert!(rows.iter().all(|block| !block.kind.wraps()));
}
