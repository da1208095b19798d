//! End to end: the hostile briefing in `tests/hostile/` (escape sequences,
//! bells, C1 controls, bidi overrides, line separators and invisible
//! characters in the article and in every annotation string; CJK, emoji,
//! RTL text, a letter with 2,000 combining marks, a 100 KB line) read by the
//! real binary in a pseudo-terminal, and checked by `brief check` and
//! `brief render`.
//!
//! What must hold (issue 5): nothing from a file reaches the terminal raw.
//! Every byte the program writes is checked two ways: a `vt100` screen with
//! callbacks for everything a screen does not keep (title, clipboard, bell,
//! unknown sequences), and a scan of the raw bytes that allows only the
//! escape sequences a full-screen reader needs (CSI cursor movement, SGR,
//! erase, alternate screen on and off once, cursor show and hide, mouse
//! reporting only with `--mouse`). The terminal is given back afterwards.
//!
//! `brief check` and `brief render` on the same files are checked in
//! `hostile_output.rs`; the checks themselves are in
//! `support/hostile_checks.rs`. The fixtures are written by
//! `tests/hostile/make.py`.
#![cfg(unix)]

#[path = "support/hostile_checks.rs"]
mod checks;
#[path = "support/pty.rs"]
mod pty_support;

use checks::*;
use pty_support::{Requests, Session, assert_exit, nonzero, tail};

#[test]
fn the_hostile_briefing_at_120x40_never_steers_the_terminal() {
    tour(HOSTILE, 40, 120);
}

#[test]
fn the_hostile_briefing_at_40x12_never_steers_the_terminal() {
    tour(HOSTILE, 12, 40);
}

/// The text alone, opened without its annotations (`brief FILE.md` uses a
/// sibling `.toml`; the plain text has none): NUL and every other C0
/// control, CRLF and lone CR.
#[test]
fn a_plain_text_full_of_controls_never_steers_the_terminal() {
    let context = format!("{CONTROLS} at 80x24");
    let mut session = Session::brief(&[CONTROLS], 24, 80);
    session.wait_for("the reader on the alternate screen", |s| {
        s.alternate_screen() && s.contents().contains("Plain text with every C0 control")
    });
    session.wait_for_render(CONTROLS, "");
    session.keys("G");
    session.wait_for_render(CONTROLS, "G");
    session.keys("q");
    assert_clean_session(&mut session, false, &context);
}

/// With `--mouse` the reader may turn mouse reporting on, and must turn it
/// off again; nothing else changes.
#[test]
fn the_hostile_briefing_with_the_mouse_on_gives_the_mouse_back() {
    let context = format!("{HOSTILE} --mouse at 100x30");
    let mut session = Session::brief(&["--mouse", HOSTILE], 30, 100);
    session.wait_for("the reader on the alternate screen", |s| {
        s.alternate_screen() && s.contents().contains(ARTICLE_START)
    });
    session.wait_for_render(HOSTILE, "");
    // A wheel turn down over the article (SGR mouse encoding).
    session.keys("\x1b[<65;10;10M");
    session.keys("q");
    assert_clean_session(&mut session, true, &context);
}

/// Paths are printed too: in the header of a text without annotations, in
/// diagnostics, in the summary of `brief check`.
#[test]
fn hostile_file_names_never_steer_the_terminal() {
    let dir = scratch_dir("names");
    let path = dir.join(format!("{HOSTILE_NAME}.txt"));
    std::fs::copy(CONTROLS, &path).expect("copy the controls text");
    let path = path.to_str().expect("a UTF-8 path");

    let context = format!("the reader on {path:?}");
    let mut session = Session::brief(&[path], 24, 80);
    session.wait_for("the reader on the alternate screen", |s| {
        s.alternate_screen() && s.contents().contains("Plain text with every C0 control")
    });
    session.wait_for_render(path, "");
    session.keys("q");
    assert_clean_session(&mut session, false, &context);

    // A file that is not there: refused before the terminal is touched.
    let missing = dir.join(format!("missing{HOSTILE_NAME}.toml"));
    let missing = missing.to_str().expect("a UTF-8 path");
    let context = format!("the reader on the missing {missing:?}");
    let mut session = Session::brief(&[missing], 24, 80);
    let status = session.wait_exit();
    assert_exit(&status, 2, &context, &session);
    session.assert_restored(&context);
    session.assert_no_requests(&context);
    let raw = session.raw();
    assert_no_hostile_sequences(&raw, &context);
    assert_only_csi_sequences(&raw, false, &context);
    assert!(
        String::from_utf8_lossy(&raw).contains("missingx\u{241b}]0;pwned\u{2407}"),
        "{context}: the name is shown with markers: {}",
        tail(&raw)
    );

    inert_output(&["check", path], 0);
    inert_output(&["check", "--format", "json", path], 0);
    inert_output(&["check", missing], 2);
    inert_output(&["check", "--format", "json", missing], 2);
    inert_output(&["render", path, "--size", "80x24"], 0);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Arguments reach error messages too, and a shell glob (`brief check
/// ~/Downloads/*`) passes file names as arguments: a file named like an
/// option (`--x␛]0;pwned␇…`) is reported by the argument parser, quoted.
#[test]
fn hostile_command_line_arguments_never_steer_the_terminal() {
    let option = format!("--{HOSTILE_NAME}");
    let cases: [&[&str]; 4] = [
        &["check", &option],
        &[&option],
        &["render", "--size", HOSTILE_NAME],
        &["render", "--keys", HOSTILE_NAME, "--size", "40x12"],
    ];
    for args in cases {
        let context = format!("brief {args:?} in a terminal");
        let mut session = Session::brief(args, 24, 80);
        let status = session.wait_exit();
        assert!(
            status.signal().is_none(),
            "{context}: killed by a signal: {status:?}"
        );
        session.assert_restored(&context);
        session.assert_no_requests(&context);
        let raw = session.raw();
        assert_no_hostile_sequences(&raw, &context);
        assert_only_csi_sequences(&raw, false, &context);
    }
}

/// The fixtures hold what this file claims they hold (they are written by
/// `make.py`; an editor or a checkout must not have cleaned them).
#[test]
fn the_fixtures_are_hostile() {
    let text = std::fs::read(HOSTILE_TEXT).expect("read hostile.md");
    for (what, needle) in [
        ("an OSC title", &b"\x1b]0;pwned\x07"[..]),
        ("an OSC 52 clipboard write", b"\x1b]52;c;"),
        ("a switch to the main screen", b"\x1b[?1049l"),
        ("an erase", b"\x1b[2J"),
        ("a DCS", b"\x1bP"),
        ("a C1 CSI", "\u{9b}".as_bytes()),
        ("a NEL", "\u{85}".as_bytes()),
        ("a right-to-left override", "\u{202e}".as_bytes()),
        ("a line separator", "\u{2028}".as_bytes()),
        ("a zero width space", "\u{200b}".as_bytes()),
        ("a tab", b"\t"),
        ("a lone CR", b"return\rstarts"),
        ("CJK", "東京都庁".as_bytes()),
        ("Arabic", "المتحدث".as_bytes()),
        ("Hebrew", "הדובר".as_bytes()),
        ("a ZWJ family", "\u{1f469}\u{200d}\u{1f469}".as_bytes()),
        ("flags", "\u{1f1fa}\u{1f1e6}".as_bytes()),
        ("2,000 combining marks", "\u{301}".repeat(2000).as_bytes()),
    ] {
        assert!(find(&text, needle).is_some(), "hostile.md lacks {what}");
    }
    let longest = text.split(|b| *b == b'\n').map(<[u8]>::len).max();
    assert!(
        longest.is_some_and(|n| n >= 100_000),
        "hostile.md lacks a 100 KB line"
    );
    let controls = std::fs::read(CONTROLS).expect("read the controls text");
    assert!(controls.contains(&0), "hostile-controls.txt lacks NUL");
    assert!(
        find(&controls, b"\r\n").is_some() && find(&controls, b"line\rand").is_some(),
        "hostile-controls.txt lacks its CRLF and lone CR line ends (a checkout converted them?)"
    );
    let toml = std::fs::read_to_string(HOSTILE).expect("read hostile.toml");
    for escape in [
        "\\u001b]0;pwned\\u0007",
        "\\u001b]52;c;",
        "\\u001b[?1049l",
        "\\u001b[2J",
        "\\u202e",
        "\\u2028",
        "\\u0085",
        "\\u200b",
    ] {
        assert!(toml.contains(escape), "hostile.toml lacks {escape}");
    }
}

/// The checks above catch what they claim to: each hostile byte sequence,
/// dropped into an otherwise clean session's output, fails them.
#[test]
fn the_output_checks_catch_raw_sequences() {
    let clean = |middle: &str| {
        format!(
            "\x1b[?1049h\x1b[?25l\x1b[1;1H\x1b[38;5;14;49m┌ Article\x1b[0m{middle}\x1b[2;3Hok\
             \x1b[?25h\x1b[?1049l"
        )
    };
    assert_only_tui_sequences(clean("").as_bytes(), false, "clean");
    assert_no_hostile_sequences(clean("").as_bytes(), "clean");
    let bad = [
        "\x1b]0;pwned\x07",
        "\x1b]2;pwned\x1b\\",
        "\x1b]52;c;cHduZWQ=\x07",
        "\x1bP+q544e\x1b\\",
        "\x07",
        "\x1b[?1049l",
        "\x1b[?1000h",
        "\x1b[8;1;1t",
        "\x1b[2Jheading",
        "\u{9b}31m",
        "\u{9d}0;pwned\u{9c}",
        "\u{85}",
        "\u{202e}",
        "\u{2066}",
        "\u{200f}",
        "\u{2028}",
        "\u{200b}",
        "\x1b",
        "\x1bc",
        "\x00",
        "\x7f",
    ];
    for middle in bad {
        let output = clean(middle);
        let caught = std::panic::catch_unwind(|| {
            assert_only_tui_sequences(output.as_bytes(), false, "planted");
            assert_no_hostile_sequences(output.as_bytes(), "planted");
        });
        assert!(caught.is_err(), "{middle:?} in the output went unnoticed");
    }
    // Mouse reporting is allowed with --mouse only.
    let mouse = clean("\x1b[?1000h\x1b[?1006h\x1b[?1006l\x1b[?1000l");
    assert_only_tui_sequences(mouse.as_bytes(), true, "with --mouse");
    // And the screen model reports what it is asked.
    let mut parser =
        vt100::Parser::new_with_callbacks(nonzero(24), nonzero(80), 0, Requests::default());
    parser.process(b"\x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07\x07\x1bP+q\x1b\\");
    let requests = parser.callbacks();
    assert!(!requests.titles.is_empty(), "title");
    assert_eq!(requests.clipboard.len(), 1, "clipboard");
    assert_eq!(requests.bells, 1, "bell");
}
