//! How the command line says what the file's name and content do not:
//! `--from FORMAT` reads a file of any name as that format, `--text FILE`
//! puts the annotations on another text, `--offset-unit UNIT` reads
//! offsets another tool counted (still checked against the spans' own
//! text: a wrong unit is an error naming the right one), and `--group-by
//! none` keeps spans of one type and text apart. Run on the real binary,
//! over a text of accents, emoji and CRLF line ends.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const TEXT: &str =
    "Caf\u{e9} \u{2615} in Z\u{fc}rich \u{1f600} met Ana.\r\nAna left Z\u{fc}rich.\r\n";

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("brief-open-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn brief(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(dir)
        .env_remove("BRIEF_CONFIG")
        .env("XDG_CONFIG_HOME", dir.join("no-config"))
        .output()
        .expect("run brief")
}

fn said(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The span dump of `args` (a convert command's file and flags).
fn dump(args: &[&str], dir: &Path) -> Value {
    let mut all = vec!["convert"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--to", "json"]);
    let output = brief(&all, dir);
    assert!(output.status.success(), "{}", said(&output));
    serde_json::from_slice(&output.stdout).expect("one JSON document")
}

fn covered(dump: &Value) -> Vec<String> {
    dump["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .map(|m| m["text"].as_str().expect("a text").to_string())
        .collect()
}

/// The nth occurrence of `word` as (start, end) in the unit `count`
/// measures a prefix of the text in.
fn span_of(word: &str, nth: usize, count: impl Fn(&str) -> usize) -> (usize, usize) {
    let at = TEXT
        .match_indices(word)
        .nth(nth)
        .map(|(at, _)| at)
        .expect("in the text");
    (count(&TEXT[..at]), count(&TEXT[..at + word.len()]))
}

fn utf16(prefix: &str) -> usize {
    prefix.encode_utf16().count()
}

/// brat lines for "Zürich" and both "Ana", offsets counted by `count`.
fn standoff(count: impl Fn(&str) -> usize) -> String {
    let (z0, z1) = span_of("Z\u{fc}rich", 0, &count);
    let (a0, a1) = span_of("Ana", 0, &count);
    let (b0, b1) = span_of("Ana", 1, &count);
    format!(
        "T1\tPlace {z0} {z1}\tZ\u{fc}rich\nT2\tPerson {a0} {a1}\tAna\nT3\tPerson {b0} {b1}\tAna\n"
    )
}

#[test]
fn offsets_in_utf16_are_named_and_then_read_with_offset_unit() {
    let dir = scratch("unit");
    std::fs::write(dir.join("doc.txt"), TEXT).expect("text");
    std::fs::write(dir.join("doc.ann"), standoff(utf16)).expect("ann");
    let refused = brief(&["check", "doc.ann"], &dir);
    assert_eq!(refused.status.code(), Some(1));
    let message = said(&refused);
    assert!(message.contains("error[brat-offset-unit]"), "{message}");
    assert!(message.contains("--offset-unit utf16"), "{message}");
    let read = dump(&["doc.ann", "--offset-unit", "utf16"], &dir);
    assert_eq!(covered(&read), ["Z\u{fc}rich", "Ana", "Ana"]);
    // The dump gives them back in brief's unit, code points.
    let zurich = &read["mentions"][0];
    let (start, end) = span_of("Z\u{fc}rich", 0, |p| p.chars().count());
    assert_eq!(
        (zurich["start"].as_u64(), zurich["end"].as_u64()),
        (Some(start as u64), Some(end as u64))
    );
    // A unit asked for that does not fit is still an error naming the
    // one that does.
    let wrong = brief(&["check", "doc.ann", "--offset-unit", "byte"], &dir);
    assert_eq!(wrong.status.code(), Some(1));
    let message = said(&wrong);
    assert!(
        message.contains("do not count byte as --offset-unit says"),
        "{message}"
    );
    assert!(message.contains("--offset-unit utf16"), "{message}");
}

#[test]
fn w3c_positions_in_utf16_read_with_offset_unit() {
    let dir = scratch("w3c-unit");
    std::fs::write(dir.join("doc.txt"), TEXT).expect("text");
    let (start, end) = span_of("Ana", 1, utf16);
    let annotation = format!(
        r#"{{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
  "motivation": "identifying",
  "body": {{"type": "TextualBody", "purpose": "identifying", "value": "Ana", "id": "urn:brief:entity:ana"}},
  "target": {{"source": "doc.txt", "selector": [
    {{"type": "TextQuoteSelector", "exact": "Ana"}},
    {{"type": "TextPositionSelector", "start": {start}, "end": {end}}}]}}}}"#
    );
    std::fs::write(dir.join("notes.data"), annotation).expect("json");
    let refused = brief(&["check", "notes.data", "--from", "w3c"], &dir);
    assert_eq!(refused.status.code(), Some(1), "{}", said(&refused));
    assert!(
        said(&refused).contains("error[w3c-offset-unit]"),
        "{}",
        said(&refused)
    );
    let read = dump(
        &["notes.data", "--from", "w3c", "--offset-unit", "utf16"],
        &dir,
    );
    let mention = &read["mentions"][0];
    let byte = TEXT.match_indices("Ana").nth(1).expect("twice").0;
    assert_eq!(
        mention["byte_start"].as_u64(),
        Some(byte as u64),
        "the second Ana, by position"
    );
}

#[test]
fn from_reads_a_file_of_any_name_and_text_puts_it_on_another_text() {
    let dir = scratch("from");
    std::fs::write(dir.join("story.txt"), TEXT).expect("text");
    std::fs::write(dir.join("people.standoff"), standoff(|p| p.chars().count())).expect("ann");
    // brat's text is NAME.txt: there is none.
    let missing = brief(&["check", "people.standoff", "--from", "brat"], &dir);
    assert_ne!(missing.status.code(), Some(0));
    assert!(said(&missing).contains("people.txt"), "{}", said(&missing));
    // CRLF counted as two: code points, as --offset-unit codepoint says.
    let read = dump(
        &[
            "people.standoff",
            "--from",
            "brat",
            "--text",
            "story.txt",
            "--offset-unit",
            "codepoint",
        ],
        &dir,
    );
    assert_eq!(covered(&read), ["Z\u{fc}rich", "Ana", "Ana"]);
    assert_eq!(read["text"]["path"].as_str(), Some("story.txt"));
}

#[test]
fn text_overrides_the_text_a_toml_names() {
    let dir = scratch("toml-text");
    std::fs::write(dir.join("draft.md"), "Nothing here.\n").expect("named text");
    std::fs::write(dir.join("final.md"), TEXT).expect("other text");
    std::fs::write(
        dir.join("a.toml"),
        "format = 1\n[briefing]\ntext = \"draft.md\"\n\n[[entity]]\nid = \"ana\"\nname = \"Ana\"\nkind = \"person\"\n",
    )
    .expect("toml");
    let named = dump(&["a.toml"], &dir);
    assert!(covered(&named).is_empty());
    let other = dump(&["a.toml", "--text", "final.md"], &dir);
    assert_eq!(covered(&other), ["Ana", "Ana"]);
    // --fix rewrites the file from its own text: it refuses another.
    let fix = brief(&["check", "--fix", "a.toml", "--text", "final.md"], &dir);
    assert_eq!(fix.status.code(), Some(1));
    assert!(
        said(&fix).contains("leave out --from, --text"),
        "{}",
        said(&fix)
    );
}

#[test]
fn group_by_none_keeps_spans_of_one_type_and_text_apart() {
    let dir = scratch("group");
    std::fs::write(dir.join("doc.txt"), TEXT).expect("text");
    std::fs::write(
        dir.join("doc.ann"),
        standoff(|p| {
            // brat's unit: code points, a CRLF as one.
            p.replace("\r\n", "\n").chars().count()
        }),
    )
    .expect("ann");
    let grouped = dump(&["doc.ann"], &dir);
    assert_eq!(grouped["entities"].as_array().map(Vec::len), Some(2));
    let apart = dump(&["doc.ann", "--group-by", "none"], &dir);
    assert_eq!(apart["entities"].as_array().map(Vec::len), Some(3));
    let check = brief(&["check", "doc.ann"], &dir);
    assert!(
        said(&check).contains("brat-grouped-by-text"),
        "{}",
        said(&check)
    );
    let check = brief(&["check", "doc.ann", "--group-by", "none"], &dir);
    assert!(
        !said(&check).contains("brat-grouped-by-text"),
        "{}",
        said(&check)
    );
}

#[test]
fn match_names_finds_imported_entities_elsewhere_in_the_text() {
    let dir = scratch("match");
    std::fs::write(dir.join("doc.txt"), TEXT).expect("text");
    let brat_unit = |p: &str| p.replace("\r\n", "\n").chars().count();
    let (z0, z1) = span_of("Z\u{fc}rich", 0, brat_unit);
    let (a0, a1) = span_of("Ana", 0, brat_unit);
    std::fs::write(
        dir.join("doc.ann"),
        format!("T1\tPlace {z0} {z1}\tZ\u{fc}rich\nT2\tPerson {a0} {a1}\tAna\n"),
    )
    .expect("ann");
    let as_given = dump(&["doc.ann"], &dir);
    assert_eq!(
        covered(&as_given),
        ["Z\u{fc}rich", "Ana"],
        "only what the file says"
    );
    let matched = dump(&["doc.ann", "--match-names"], &dir);
    assert_eq!(
        covered(&matched),
        ["Z\u{fc}rich", "Ana", "Ana", "Z\u{fc}rich"],
        "the names found again in the second line"
    );
    let origins: Vec<&str> = matched["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .map(|m| m["origin"].as_str().expect("an origin"))
        .collect();
    assert_eq!(origins, ["explicit", "explicit", "automatic", "automatic"]);
}
