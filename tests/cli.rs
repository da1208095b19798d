//! The real binary: `brief check` exit codes, human and JSON output, and the
//! bundled briefing opening from any directory.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn brief(args: &[&str], directory: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(directory)
        .env("XDG_CONFIG_HOME", NO_CONFIG_HOME)
        .env_remove("BRIEF_CONFIG")
        .output()
        .expect("brief runs")
}

/// A config folder that does not exist: no user's config is read.
const NO_CONFIG_HOME: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/no-config-home");

fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    // Inside target/, so runs leave nothing in /tmp.
    let directory = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&directory);
    std::fs::create_dir_all(&directory).expect("scratch directory");
    directory
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn every_bundled_briefing_checks_clean() {
    let mut checked = 0;
    for entry in std::fs::read_dir(crate_root().join("briefings")).expect("briefings/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "toml") {
            let relative = path
                .strip_prefix(crate_root())
                .unwrap()
                .to_str()
                .unwrap()
                .to_string();
            let output = brief(&["check", &relative], &crate_root());
            let printed = stdout(&output);
            assert_eq!(output.status.code(), Some(0), "{printed}");
            assert!(printed.ends_with("; 0 warnings, 0 errors\n"), "{printed}");
            assert_eq!(
                printed.lines().count(),
                1,
                "only the summary line: {printed}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 2, "the Markdown and the plain-text briefing");
}

#[test]
fn the_bundled_briefing_is_rich_enough() {
    let loaded = brief::loader::load_bundled();
    assert!(loaded.diagnostics.is_empty());
    let briefing = loaded.briefing.expect("bundled briefing loads");
    let kinds: std::collections::BTreeSet<&str> =
        briefing.entities.iter().map(|e| e.kind.as_str()).collect();
    assert!(
        briefing.entities.len() >= 25,
        "{} entities",
        briefing.entities.len()
    );
    assert!(kinds.len() >= 5, "{kinds:?}");
    assert!(briefing.mentions.len() >= 60);
    let explicit = briefing.explicit_mention_count();
    assert!(
        explicit > 0 && explicit < briefing.mentions.len(),
        "both explicit and automatic"
    );
    let nested = briefing
        .mentions
        .windows(2)
        .any(|pair| pair[1].span.end <= pair[0].span.end);
    assert!(nested, "at least one mention nests in another");
    assert!(briefing.relations.len() >= 10);
    assert!(briefing.events.len() >= 12);
    let fuzzy = briefing
        .events
        .iter()
        .filter(|e| {
            e.date.expression.contains(['/', 'X', '?', '~', '%']) || e.date.expression.len() < 10
        })
        .count();
    assert!(fuzzy >= 3, "{fuzzy} fuzzy dates");
    let first = &briefing.events.first().unwrap().date.expression;
    assert!(
        first.starts_with("199") || first.starts_with("../"),
        "timeline starts in the 1990s: {first}"
    );
    let note_kinds: std::collections::BTreeSet<_> = briefing.notes.iter().map(|n| n.kind).collect();
    assert!(briefing.notes.len() >= 5 && note_kinds.len() >= 3);
}

#[test]
fn the_bundled_briefing_opens_from_any_directory() {
    let elsewhere = scratch("bundled");
    let output = brief(&["render", "--size", "100x30"], &elsewhere);
    assert_eq!(output.status.code(), Some(0));
    let printed = stdout(&output);
    assert!(printed.contains("Crocus City Hall"), "{printed}");
    assert!(printed.contains("UNCLASSIFIED"), "{printed}");
}

#[test]
fn without_a_terminal_the_reader_exits_2_and_writes_no_escape() {
    let output = brief(&[], &crate_root());
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty(), "nothing on stdout");
    assert!(!output.stderr.contains(&0x1b), "no escape byte");
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("needs a terminal"), "{message}");
}

const BROKEN: &str = "format = 1\n\n[[entity]]\nid = \"putin\"\nname = \"Vladimir Putin\"\nkind = \"person\"\n\n[[mention]]\nentity = \"putn\"\nquote = \"Putin\"\n";

#[test]
fn errors_exit_1_with_rustc_style_diagnostics() {
    let directory = scratch("errors");
    std::fs::write(directory.join("b.toml"), BROKEN).unwrap();
    std::fs::write(directory.join("b.md"), "Vladimir Putin spoke.\n").unwrap();
    let output = brief(&["check", "b.toml"], &directory);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "error[unknown-entity]: no entity with id \"putn\"\n \
         --> b.toml:9:10\n  |\n9 | entity = \"putn\"\n  |          ^^^^^^\n  \
         = hint: did you mean \"putin\"?\n\n\
         b.toml: not loaded; 0 warnings, 1 error\n"
    );
}

#[test]
fn json_output_is_one_object_per_line() {
    let directory = scratch("json");
    std::fs::write(directory.join("b.toml"), BROKEN).unwrap();
    std::fs::write(directory.join("b.md"), "Vladimir Putin spoke.\n").unwrap();
    let good = crate_root().join("briefings/crocus-city-hall.toml");
    let output = brief(
        &[
            "check",
            "--format",
            "json",
            "b.toml",
            good.to_str().unwrap(),
        ],
        &directory,
    );
    assert_eq!(output.status.code(), Some(1), "the worst file decides");
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["type"], "diagnostic");
    assert_eq!(lines[0]["code"], "unknown-entity");
    assert_eq!(lines[0]["severity"], "error");
    assert_eq!(
        (lines[0]["line"].as_u64(), lines[0]["column"].as_u64()),
        (Some(9), Some(10))
    );
    assert_eq!(lines[0]["hint"], "did you mean \"putin\"?");
    assert_eq!(lines[1]["type"], "summary");
    assert_eq!(lines[1]["loaded"], false);
    assert_eq!(lines[1]["errors"], 1);
    assert_eq!(lines[2]["type"], "summary");
    assert_eq!(lines[2]["loaded"], true);
    assert!(lines[2]["entities"].as_u64().unwrap() >= 25);
}

#[test]
fn missing_files_exit_2() {
    let directory = scratch("missing");
    let output = brief(&["check", "nowhere.toml"], &directory);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).starts_with("error[io]: cannot read nowhere.toml:"));
}

#[test]
fn a_directory_is_not_a_briefing() {
    let directory = scratch("directory");
    std::fs::create_dir_all(directory.join("d.toml")).unwrap();
    let output = brief(&["check", "d.toml"], &directory);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).starts_with("error[io]: d.toml is not a regular file"));
}

#[test]
fn usage_errors_exit_2() {
    let output = brief(&["check"], &crate_root());
    assert_eq!(output.status.code(), Some(2));
    let output = brief(&["check", "--format", "xml", "x.toml"], &crate_root());
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_text_without_annotations_checks_as_text_only() {
    let directory = scratch("text-only");
    std::fs::write(
        directory.join("notes.md"),
        "# Notes\n\nNothing annotated.\n",
    )
    .unwrap();
    let output = brief(&["check", "notes.md"], &directory);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "notes.md: text only, no annotations; 0 warnings, 0 errors\n"
    );
}

#[test]
fn a_text_with_a_sibling_toml_uses_it() {
    let directory = scratch("sibling");
    std::fs::write(directory.join("b.toml"), BROKEN).unwrap();
    std::fs::write(directory.join("b.md"), "Vladimir Putin spoke.\n").unwrap();
    let output = brief(&["check", "b.md"], &directory);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("--> b.toml:9:10"));
}

/// A `.toml` beside the text that is about another text: the text asked
/// for opens on its own, with a warning that points at the `text` key.
#[test]
fn a_sibling_toml_about_another_text_is_not_used() {
    let directory = scratch("sibling-elsewhere");
    let annotations = "format = 1\n\n[briefing]\ntext = \"b.md\"\n\n[[entity]]\nid = \"putin\"\nname = \"Vladimir Putin\"\nkind = \"person\"\n";
    std::fs::write(directory.join("a.toml"), annotations).unwrap();
    std::fs::write(directory.join("a.md"), "# A\n\nNothing about anyone.\n").unwrap();
    std::fs::write(directory.join("b.md"), "# B\n\nVladimir Putin spoke.\n").unwrap();
    let output = brief(&["check", "a.md"], &directory);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "warning[annotates-another-text]: a.toml is about b.md, not a.md: a.md opens without annotations\n\
         \x20--> a.toml:4:8\n\
         \x20 |\n\
         4 | text = \"b.md\"\n\
         \x20 |        ^^^^^^\n\
         \x20 = hint: open a.toml to read b.md with them, or name a.md in its `text`\n\
         \n\
         a.md: text only, no annotations; 1 warning, 0 errors\n"
    );
    // The text shown is the one asked for.
    let render = brief(&["render", "a.md", "--size", "80x12"], &directory);
    assert!(stdout(&render).contains("Nothing about anyone."));
    // The annotation file itself still opens its own text, and a sibling
    // that names this text by another spelling of its path is used.
    let output = brief(&["check", "a.toml"], &directory);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    std::fs::write(
        directory.join("a.toml"),
        annotations.replace("b.md", "./a.md"),
    )
    .unwrap();
    let output = brief(&["check", "a.md"], &directory);
    assert!(
        !stdout(&output).contains("annotates-another-text"),
        "{}",
        stdout(&output)
    );
    assert!(
        stdout(&output).contains("1 entities") || stdout(&output).contains("1 entity"),
        "{}",
        stdout(&output)
    );
}

/// A `.toml` beside the text that is no annotation file (it says no
/// `format`): the text opens on its own with one warning, `brief check`
/// exits 0; named directly, the same file is still an error.
#[test]
fn a_stray_toml_beside_a_text_does_not_stop_it_opening() {
    let directory = scratch("stray-toml");
    std::fs::write(directory.join("notes.md"), "# Notes\n\nPlain text.\n").unwrap();
    std::fs::write(directory.join("notes.toml"), "[editor]\ntheme = \"dark\"\n").unwrap();
    let output = brief(&["check", "notes.md"], &directory);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "warning[not-annotations]: notes.toml has no `format` key, so it is not an annotation file: notes.md opens without annotations\n\
         \x20--> notes.toml\n\
         \x20 = hint: to annotate notes.md with it, add `format = 1` as its first line; to open the text without looking beside it, pass --plain\n\
         \n\
         notes.md: text only, no annotations; 1 warning, 0 errors\n"
    );
    let render = brief(&["render", "notes.md", "--size", "80x12"], &directory);
    assert_eq!(render.status.code(), Some(0));
    assert!(
        stdout(&render).contains("Plain text."),
        "{}",
        stdout(&render)
    );
    let named = brief(&["check", "notes.toml"], &directory);
    assert_eq!(named.status.code(), Some(1));
    assert!(stdout(&named).starts_with("error[missing-format]"));
}

/// A large text with a stray `.toml` beside it still opens on a preview
/// of its start, without annotations, as the full load will open it.
#[test]
fn a_large_text_with_a_stray_toml_gets_a_preview() {
    let directory = scratch("stray-toml-large");
    let paragraph = "A paragraph of the large text, long enough to matter.\n\n";
    let text = format!(
        "# Large\n\n{}",
        paragraph.repeat(brief::loader::PREVIEW_ABOVE as usize / paragraph.len() + 1)
    );
    std::fs::write(directory.join("big.md"), text).unwrap();
    std::fs::write(directory.join("big.toml"), "[editor]\ntheme = \"dark\"\n").unwrap();
    let bytes = brief::loader::PREVIEW_LEAST;
    let preview = brief::loader::preview(&directory.join("big.md"), bytes).expect("a preview");
    assert_eq!(preview.meta.annotation_path, None);
    assert_eq!(preview.meta.title.as_deref(), Some("Large"));
    assert!(
        brief::loader::preview(Path::new("-"), bytes).is_none(),
        "stdin is read whole"
    );
}

/// The preview looks for `[briefing]` in the annotation file's first few
/// kilobytes, and further only when it is not there: a long comment above
/// it still gives the preview its title and text, and a short file gives
/// the same either way.
#[test]
fn a_preview_finds_the_briefing_table_below_a_long_comment() {
    let directory = scratch("preview-long-comment");
    let paragraph = "A paragraph of the large text, long enough to matter.\n\n";
    let text = paragraph.repeat(brief::loader::PREVIEW_ABOVE as usize / paragraph.len() + 1);
    std::fs::write(
        directory.join("big.md"),
        format!("# From the text\n\n{text}"),
    )
    .unwrap();
    let bytes = brief::loader::PREVIEW_LEAST;
    for (name, comment_lines) in [("short.toml", 1), ("long.toml", 400)] {
        let comment =
            "# a line of the analyst's preamble, kept above the table\n".repeat(comment_lines);
        let annotations = format!(
            "format = 1\n{comment}[briefing]\ntext = \"big.md\"\ntitle = \"From the table\"\n\n\
             [[entity]]\nid = \"a\"\nname = \"A\"\nkind = \"person\"\n"
        );
        std::fs::write(directory.join(name), annotations).unwrap();
        let preview = brief::loader::preview(&directory.join(name), bytes)
            .unwrap_or_else(|| panic!("{name}: no preview"));
        assert_eq!(
            preview.meta.title.as_deref(),
            Some("From the table"),
            "{name}"
        );
        assert!(preview.meta.text_path.ends_with("big.md"), "{name}");
        assert!(preview.document.text.len() <= bytes, "{name}");
    }
}

/// No size between the preview's own and the largest opens whole before
/// the first frame (issue 18: texts just under the old 1 MiB threshold
/// took 1.55-1.71x `less` to their first screen): a text just larger than
/// the preview opens on one; a text alone that the preview would read
/// whole loads whole; a briefing with annotations opens on one at any
/// size.
#[test]
fn every_text_larger_than_the_preview_opens_on_one() {
    let directory = scratch("preview-sizes");
    let paragraph = "A paragraph of a text of middling size, long enough.\n\n";
    let threshold = usize::try_from(brief::loader::PREVIEW_ABOVE).unwrap();
    let preview_bytes = brief::loader::preview_bytes(200, 60);
    for (name, bytes, previewed) in [
        ("over.md", threshold + 1024, true),
        ("just-under-a-mebibyte.md", 1024 * 1024 - 1024, true),
        ("under.md", threshold - 1024, false),
    ] {
        let text = paragraph.repeat(bytes / paragraph.len());
        std::fs::write(directory.join(name), &text).unwrap();
        let preview = brief::loader::preview(&directory.join(name), preview_bytes);
        assert_eq!(preview.is_some(), previewed, "{name}: {} bytes", text.len());
        if let Some(preview) = preview {
            assert!(preview.document.text.len() <= preview_bytes, "{name}");
            assert!(text.starts_with(preview.document.text.as_str()), "{name}");
        }
    }
    // On a terminal whose preview would read all of it, it loads whole.
    let huge_terminal = brief::loader::preview_bytes(400, 120);
    assert!(huge_terminal > threshold + 1024);
    assert!(brief::loader::preview(&directory.join("over.md"), huge_terminal).is_none());
    // With annotations, even the smallest briefing opens on a preview:
    // anchoring them is most of its load.
    std::fs::write(directory.join("small.md"), "# Small\n\nA line.\n").unwrap();
    std::fs::write(
        directory.join("small.toml"),
        "format = 1\n[briefing]\ntext = \"small.md\"\ntitle = \"Small, annotated\"\nclassification = \"SECRET\"\n\n\
         [[entity]]\nid = \"a\"\nname = \"A\"\nkind = \"person\"\n",
    )
    .unwrap();
    for named in ["small.toml", "small.md"] {
        let preview = brief::loader::preview(&directory.join(named), preview_bytes)
            .unwrap_or_else(|| panic!("{named}: no preview"));
        assert_eq!(preview.document.text.as_str(), "# Small\n\nA line.\n");
        assert_eq!(preview.meta.title.as_deref(), Some("Small, annotated"));
        assert_eq!(preview.meta.classification.as_deref(), Some("SECRET"));
        assert!(preview.meta.annotation_path.is_some(), "{named}");
    }
}

/// `--plain` opens a text alone, whatever is beside it (here annotations
/// with an error), and shows a `.toml` named with it as text.
#[test]
fn plain_never_reads_the_toml_beside_a_text() {
    let directory = scratch("plain");
    std::fs::write(directory.join("b.toml"), BROKEN).unwrap();
    std::fs::write(directory.join("b.md"), "Vladimir Putin spoke.\n").unwrap();
    let output = brief(&["check", "--plain", "b.md"], &directory);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "b.md: text only, no annotations; 0 warnings, 0 errors\n"
    );
    let render = brief(
        &["--plain", "render", "b.md", "--size", "120x40"],
        &directory,
    );
    assert_eq!(render.status.code(), Some(0));
    assert!(stdout(&render).contains("Vladimir Putin spoke."));
    // With no annotations the side panes fold away.
    assert!(!stdout(&render).contains("Entities"), "{}", stdout(&render));
    let toml = brief(
        &["render", "--plain", "b.toml", "--size", "80x12"],
        &directory,
    );
    assert_eq!(toml.status.code(), Some(0));
    assert!(
        stdout(&toml).contains("id = \"putin\""),
        "{}",
        stdout(&toml)
    );
    // Without it, the sibling is read and its error stops the text.
    assert_eq!(brief(&["check", "b.md"], &directory).status.code(), Some(1));
}

/// `brief ARGS` with `input` on its standard input.
fn brief_piped(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(crate_root())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("brief runs");
    let mut stdin = child.stdin.take().expect("a pipe");
    let input = input.to_vec();
    // Written from a thread: a child that stops reading must not block
    // the test.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().expect("brief ends");
    writer.join().expect("the writer ends");
    output
}

/// `-` reads the text from standard input, as less does: rendered as
/// Markdown, named "standard input", with the file's UTF-8 check.
#[test]
fn a_dash_reads_the_text_from_standard_input() {
    let text = b"Piped *in* from a pipe.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
    let output = brief_piped(&["render", "-", "--size", "80x14"], text);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let printed = stdout(&output);
    assert!(printed.starts_with(" standard input"), "{printed}");
    assert!(printed.contains("Piped in from a pipe."), "{printed}");
    let check = brief_piped(&["check", "-"], text);
    assert_eq!(check.status.code(), Some(0));
    assert_eq!(
        stdout(&check),
        "standard input: text only, no annotations; 0 warnings, 0 errors\n"
    );
    let invalid = brief_piped(&["check", "-"], b"ok\n\xff\n");
    assert_eq!(invalid.status.code(), Some(1));
    assert!(
        stdout(&invalid).starts_with(
            "error[invalid-utf8]: standard input is not valid UTF-8: invalid byte at offset 3\n"
        ),
        "{}",
        stdout(&invalid)
    );
    // The reader itself still needs a terminal to draw on.
    let reader = brief_piped(&["-"], text);
    assert_eq!(reader.status.code(), Some(2));
    assert!(reader.stdout.is_empty());
}

#[test]
fn json_output_neutralises_controls_that_json_escaping_lets_through() {
    let directory = scratch("json-controls");
    let annotations = "format = 1\n\n[[entity]]\nid = \"a\"\nname = \"zzzz\"\nkind = \"other\"\n\n[[mention]]\nentity = \"x\\u009b31m\\u202eevil\"\nquote = \"text\"\n";
    std::fs::write(directory.join("c.toml"), annotations).unwrap();
    std::fs::write(directory.join("c.txt"), "some text zzzz\n").unwrap();
    let output = brief(&["check", "--format", "json", "c.toml"], &directory);
    assert_eq!(output.status.code(), Some(1));
    let printed = stdout(&output);
    assert!(
        !printed.contains('\u{9b}') && !printed.contains('\u{202e}'),
        "{printed}"
    );
    assert!(
        printed.contains("<U+009B>") && printed.contains("<U+202E>"),
        "{printed}"
    );
}

#[test]
fn a_fifo_is_refused_without_blocking() {
    let directory = scratch("fifo");
    let made = Command::new("mkfifo")
        .arg(directory.join("f.toml"))
        .status();
    if !made.is_ok_and(|status| status.success()) {
        panic!("mkfifo is needed for this test");
    }
    let output = brief(&["check", "f.toml"], &directory);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).starts_with("error[io]: f.toml is not a regular file"));
}

#[test]
fn a_device_is_refused_as_text_without_reading_it() {
    let directory = scratch("device");
    std::fs::write(
        directory.join("z.toml"),
        "format = 1\n\n[briefing]\ntext = \"/dev/zero\"\n",
    )
    .unwrap();
    let output = brief(&["check", "z.toml"], &directory);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stdout(&output).starts_with("error[io]: /dev/zero is not a regular file"),
        "{}",
        stdout(&output)
    );
    let direct = brief(&["check", "/dev/zero"], &directory);
    assert_eq!(direct.status.code(), Some(2));
}

#[test]
fn the_benchmark_floor_reads_the_same_tables_as_the_loader() {
    let tables = brief::loader::bare_parse(brief::loader::BUNDLED_ANNOTATIONS).expect("parses");
    let briefing = brief::loader::load_bundled().briefing.expect("loads");
    let loaded = briefing.entities.len()
        + briefing.explicit_mention_count()
        + briefing.relations.len()
        + briefing.events.len()
        + briefing.notes.len();
    assert_eq!(tables, loaded);
}
