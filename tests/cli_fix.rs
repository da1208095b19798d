//! `brief check --fix` through the real binary (issue 17): after a fix the
//! file checks with no warnings and every passage is where it was before;
//! comments, order and layout survive (the diff is snapshotted); nothing
//! ambiguous is touched; `--dry-run` writes nothing; `-D warnings` and
//! `--deny-warnings` fail a check that has warnings.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use brief::loader::{FileSystem, load};

fn brief(args: &[&str], directory: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(directory)
        .env("XDG_CONFIG_HOME", NO_CONFIG_HOME)
        .env_remove("BRIEF_CONFIG")
        .output()
        .expect("brief runs")
}

const NO_CONFIG_HOME: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/no-config-home");

fn scratch(name: &str) -> PathBuf {
    let directory = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("fix-{name}"));
    let _ = std::fs::remove_dir_all(&directory);
    std::fs::create_dir_all(&directory).expect("scratch directory");
    directory
}

fn fidelity(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fidelity")
        .join(name);
    std::fs::read_to_string(path).expect("fixture")
}

/// A line with every number written as `N`.
fn without_numbers(line: &str) -> String {
    let mut out = String::new();
    for c in line.chars() {
        if c.is_ascii_digit() {
            if !out.ends_with('N') {
                out.push('N');
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

/// Every passage the briefing anchors: mentions (by entity), notes and
/// relations' evidence.
fn passages(path: &Path) -> (Vec<(String, Range<usize>)>, usize) {
    let loaded = load(path, &FileSystem);
    let warnings = loaded.warning_count();
    let briefing = loaded.briefing.expect("loads");
    let mut spans: Vec<(String, Range<usize>)> = briefing
        .mentions
        .iter()
        .map(|m| (briefing.entity(m.entity).id.clone(), m.span.clone()))
        .chain(
            briefing
                .notes
                .iter()
                .map(|n| ("note".to_string(), n.passage.clone())),
        )
        .chain(
            briefing
                .relations
                .iter()
                .filter_map(|r| Some(("relation".to_string(), r.evidence.clone()?))),
        )
        .collect();
    spans.sort_by_key(|(id, span)| (span.start, span.end, id.clone()));
    (spans, warnings)
}

/// The drifted article, with a few more slips and some layout of its own
/// to survive: comments, a blank line kept inside a table, an inline
/// table.
fn drifted_briefing(directory: &Path) -> PathBuf {
    std::fs::write(
        directory.join("drift-edited.md"),
        fidelity("drift-edited.md"),
    )
    .unwrap();
    let original = fidelity("drift-original.md");
    let kremlin = original.find("The Kremlin").expect("words");
    let claim = original.find("propaganda").expect("word");
    let mut annotations = fidelity("drift.toml");
    // Before the insertion, with a space on either side; after it, stale.
    annotations.push_str(&format!(
        "\n[[note]]   # whitespace around the words\nkind = \"comment\"\nquote = \"The Kremlin\"\n\nstart = {}   # typed by hand\nend = {}\ntext = \"Its word.\"\n",
        kremlin - 1,
        kremlin + 12
    ));
    annotations.push_str(&format!(
        "\n[[note]]\nkind = \"unverified\"\nquote = \"propaganda\"\nstart = {} # stale\nend = {}\ntext = \"Their word.\"\n",
        claim,
        claim + 10
    ));
    // Stale offsets in an inline table, as written before the insertion.
    let spokesman = original.find("Zabihullah Mujahid").expect("name");
    // A top-level key: before the first table.
    let top = annotations
        .find("\n[briefing]")
        .expect("a [briefing] table");
    annotations.insert_str(top, &format!(
        "\nrelation = [ {{ from = \"mujahid\", to = \"taliban\", kind = \"speaks for\", quote = \"Zabihullah Mujahid\", start = {}, end = {} }} ]\n",
        spokesman,
        spokesman + 18
    ));
    let path = directory.join("drift.toml");
    std::fs::write(&path, annotations).unwrap();
    path
}

#[test]
fn a_fix_leaves_no_warning_the_same_passages_and_every_comment() {
    let directory = scratch("round-trip");
    let path = drifted_briefing(&directory);
    let before_text = std::fs::read_to_string(&path).unwrap();
    let (before, warnings) = passages(&path);
    assert!(warnings >= 9, "the fixture drifts: {warnings} warnings");

    let denied = brief(&["check", "-D", "warnings", "drift.toml"], &directory);
    assert_eq!(denied.status.code(), Some(1), "{}", stdout(&denied));
    let denied = brief(&["check", "--deny-warnings", "drift.toml"], &directory);
    assert_eq!(denied.status.code(), Some(1));
    let allowed = brief(&["check", "drift.toml"], &directory);
    assert_eq!(allowed.status.code(), Some(0));

    let dry = brief(&["check", "--fix", "--dry-run", "drift.toml"], &directory);
    assert_eq!(dry.status.code(), Some(0), "{}", stdout(&dry));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before_text);

    let fixed = brief(&["check", "--fix", "drift.toml"], &directory);
    assert_eq!(fixed.status.code(), Some(0), "{}", stdout(&fixed));
    let printed = stdout(&fixed);
    // The dry run printed the same diff it would write.
    let diff_of = |out: &str| {
        out.lines()
            .take_while(|l| !l.starts_with("drift.toml:"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(diff_of(&stdout(&dry)), diff_of(&printed));
    insta::assert_snapshot!(printed);

    let after_text = std::fs::read_to_string(&path).unwrap();
    let (after, warnings) = passages(&path);
    assert_eq!(warnings, 0);
    assert_eq!(after, before);
    // Only numbers changed, line for line; every comment is still there.
    let (old_lines, new_lines): (Vec<&str>, Vec<&str>) =
        (before_text.lines().collect(), after_text.lines().collect());
    assert_eq!(old_lines.len(), new_lines.len());
    for (old, new) in old_lines.iter().zip(&new_lines) {
        assert_eq!(
            without_numbers(old),
            without_numbers(new),
            "only offsets may change: {old:?} became {new:?}"
        );
        if let Some(comment) = old.split_once('#').map(|(_, c)| c) {
            assert!(new.ends_with(comment), "comment lost: {old:?} -> {new:?}");
        }
    }
    let clean = brief(&["check", "-D", "warnings", "drift.toml"], &directory);
    assert_eq!(clean.status.code(), Some(0), "{}", stdout(&clean));
    // A second fix has nothing to do.
    let again = brief(&["check", "--fix", "drift.toml"], &directory);
    assert_eq!(
        stdout(&again),
        "drift.toml: fixed 0 selectors; 0 problems left\n"
    );
}

#[test]
fn fix_offsets_pins_quote_only_selectors_and_changes_no_passage() {
    let directory = scratch("pins");
    std::fs::write(
        directory.join("t.txt"),
        "Putin met the Taliban in Kabul. Putin left.\n",
    )
    .unwrap();
    let annotations = "format = 1\n\n[[entity]]\nid = \"putin\"\nname = \"Putin\"\nkind = \"person\"\nauto = false\n\n[[mention]]\nentity = \"putin\"\nquote = \"Putin\"\noccurrence = 2   # the one who left\n\n[[note]]\nkind = \"gap\"\nquote = \"the Taliban in Kabul\"\ntext = \"When?\"\n";
    let path = directory.join("t.toml");
    std::fs::write(&path, annotations).unwrap();
    let (before, _) = passages(&path);

    // Plain --fix finds nothing stale.
    let plain = brief(&["check", "--fix", "t.toml"], &directory);
    assert_eq!(
        stdout(&plain),
        "t.toml: fixed 0 selectors; 0 problems left\n"
    );

    let pinned = brief(&["check", "--fix=offsets", "t.toml"], &directory);
    assert_eq!(pinned.status.code(), Some(0), "{}", stdout(&pinned));
    insta::assert_snapshot!(stdout(&pinned));
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        written.contains("occurrence = 2   # the one who left\nstart = 32\nend = 37\n"),
        "{written}"
    );
    let (after, warnings) = passages(&path);
    assert_eq!((after, warnings), (before, 0));
}

#[test]
fn an_ambiguous_drift_is_reported_and_left_alone() {
    let directory = scratch("ambiguous");
    std::fs::write(
        directory.join("t.txt"),
        "Putin spoke.\nLater Putin left.\nPutin returned.\n",
    )
    .unwrap();
    let annotations = "format = 1\n\n[[entity]]\nid = \"putin\"\nname = \"Putin\"\nkind = \"person\"\nauto = false\n\n[[mention]]\nentity = \"putin\"\nquote = \"Putin\"\nstart = 12\nend = 17\n\n[[mention]]\nentity = \"putin\"\nquote = \"Putin\"\nstart = 0\nend = 6\n";
    let path = directory.join("t.toml");
    std::fs::write(&path, annotations).unwrap();
    let fixed = brief(&["check", "--fix", "t.toml"], &directory);
    assert_eq!(fixed.status.code(), Some(1));
    let printed = stdout(&fixed);
    assert!(printed.contains("error[ambiguous-drift]"), "{printed}");
    // The whitespace slip is fixed; the ambiguous selector is not.
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("start = 12\nend = 17\n"), "{written}");
    assert!(written.contains("start = 0\nend = 5\n"), "{written}");
    assert!(
        printed.ends_with("t.toml: fixed 1 selector; 1 problem left\n"),
        "{printed}"
    );
}
