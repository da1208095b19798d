//! End to end outside the reader: `brief check` and `brief render` of the
//! hostile briefing in `tests/hostile/`, diagnostics quoting hostile
//! strings, and markers kept whole at every wrapping width. Both output
//! streams may hold nothing but text and line breaks, whatever the files
//! hold (issue 5); the reader in a pseudo-terminal is checked in
//! `hostile_pty.rs`.
#![cfg(unix)]

#[path = "support/hostile_checks.rs"]
mod checks;
#[path = "support/pty.rs"]
mod pty_support;

use checks::*;
use pty_support::brief;

#[test]
fn check_of_the_hostile_briefing_prints_only_inert_text() {
    let human = inert_output(&["check", HOSTILE], 0);
    assert!(
        human.contains("0 errors"),
        "the hostile briefing loads without errors:\n{human}"
    );
    let json = inert_output(&["check", "--format", "json", HOSTILE], 0);
    for line in json.lines() {
        let value: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line:?}"));
        // serde_json escapes C0 controls as `\u001b`; decoded, the strings
        // must be as inert as the bytes.
        assert_inert(
            value.to_string().as_bytes(),
            &[],
            "brief check --format json: a decoded string",
        );
        walk_strings(&value, &mut |s| {
            assert_inert(
                s.as_bytes(),
                &[],
                "brief check --format json: a string value",
            );
        });
    }
    let plain = inert_output(&["check", CONTROLS], 0);
    assert!(plain.contains("0 errors"), "{plain}");
}

#[test]
fn diagnostics_quoting_hostile_strings_print_only_inert_text() {
    for (file, wants) in [
        (
            BROKEN_ENTITY,
            &[
                "unknown-entity",
                "unknown-kind",
                "quote-not-found",
                "bad-date",
                "unknown-field",
            ][..],
        ),
        (BROKEN_SYNTAX, &["toml-syntax"][..]),
    ] {
        let human = inert_output(&["check", file], 1);
        let json = inert_output(&["check", "--format", "json", file], 1);
        for code in wants {
            assert!(
                human.contains(&format!("error[{code}]")),
                "brief check {file}: expected an error[{code}]:\n{human}"
            );
            assert!(
                json.contains(&format!("\"code\":\"{code}\"")),
                "brief check --format json {file}: expected code {code}:\n{json}"
            );
        }
        // The hostile strings are shown, as markers, not dropped.
        assert!(
            human.contains("\u{241b}]0;pwned"),
            "brief check {file}: the escape is shown as ␛:\n{human}"
        );
        for line in json.lines() {
            let value: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line:?}"));
            walk_strings(&value, &mut |s| {
                assert_inert(
                    s.as_bytes(),
                    &[],
                    &format!("brief check --format json {file}"),
                );
            });
        }
        // Opening it fails, and says why on stderr, before the terminal is
        // touched (stdin is not a terminal here, so this is the load path).
        let output = brief(&[file]);
        assert_eq!(output.status.code(), Some(1), "brief {file}");
        assert_inert(&output.stdout, &['\n'], &format!("brief {file}: stdout"));
        assert_inert(&output.stderr, &['\n'], &format!("brief {file}: stderr"));
    }
}

/// `brief render` of the hostile briefing, plain and with colour, at
/// several sizes and after keys that show every pane and overlay: plain
/// output is text and newlines only; coloured output adds SGR only.
#[test]
fn render_of_the_hostile_briefing_prints_only_inert_text() {
    let keys = [
        "",
        "G",
        "<Tab><Tab><Tab><Enter>",
        "2jjjjjr",
        "3<Enter>",
        "e",
        "?",
        "/Zanzibar<Enter>",
    ];
    // (size, keys, colour): every key sequence plain at 120x40 and 40x12,
    // three in colour, and two at 3x3.
    let mut cases = Vec::new();
    for keys in keys {
        cases.push(("120x40", keys, false));
        cases.push(("40x12", keys, false));
    }
    for keys in ["", "<Tab><Tab><Tab><Enter>", "?"] {
        cases.push(("120x40", keys, true));
    }
    cases.push(("3x3", "", false));
    cases.push(("3x3", "<Tab><Enter>", true));
    // Each run takes a tenth of a second in a debug build: in parallel.
    std::thread::scope(|scope| {
        for chunk in cases.chunks(cases.len().div_ceil(4)) {
            scope.spawn(move || {
                for &(size, keys, color) in chunk {
                    let mut args = vec!["render", HOSTILE, "--size", size, "--keys", keys];
                    if !color {
                        inert_output(&args, 0);
                        continue;
                    }
                    args.push("--color");
                    let output = brief(&args);
                    let context = format!("brief {}", args.join(" "));
                    assert!(output.status.success(), "{context}");
                    let stripped = strip_sgr(&output.stdout, &context);
                    assert_inert(&stripped, &['\n'], &context);
                }
            });
        }
    });
}

/// A marker stands for every unsafe character at every width: none is
/// dropped where a line wraps (issue 5: "never silently dropped"). The
/// line and paragraph separators, NEL, VT and FF are also whitespace to
/// Unicode, which makes them tempting break points.
#[test]
fn markers_survive_wrapping_at_every_width() {
    let expected = [
        "<U+2029>", "<U+2028>", "<U+0085>", "\u{240b}", "\u{240c}", "\u{241b}", "<U+202E>",
    ];
    for cols in 24..=90 {
        let size = format!("{cols}x60");
        let shown = inert_output(
            &["render", SEPARATORS, "--size", &size, "--keys", "<C-w>o"],
            0,
        );
        // The article rows only, borders and gutter trimmed, joined.
        let article: String = shown
            .lines()
            .skip(2)
            .map(|row| row.trim_matches(|c: char| c == '│' || c == ' ' || c == '║' || c == '█'))
            .collect::<Vec<_>>()
            .join("");
        for marker in expected {
            assert!(
                article.contains(marker),
                "at {cols} columns the marker {marker} is missing:\n{shown}"
            );
        }
    }
}
