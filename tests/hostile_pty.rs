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
//! The fixtures are written by `tests/hostile/make.py`.
#![cfg(unix)]

#[path = "support/pty.rs"]
mod pty_support;

use pty_support::{Requests, Session, assert_exit, brief, count, nonzero, tail};

const HOSTILE: &str = "tests/hostile/hostile.toml";
const HOSTILE_TEXT: &str = "tests/hostile/hostile.md";
const CONTROLS: &str = "tests/hostile/hostile-controls.txt";
const BROKEN_ENTITY: &str = "tests/hostile/broken-entity.toml";
const BROKEN_SYNTAX: &str = "tests/hostile/broken-syntax.toml";
const SEPARATORS: &str = "tests/hostile/separators.txt";

/// Always on screen in the article of the hostile briefing.
const ARTICLE_START: &str = "Hostile";
/// The word searched for; it occurs once, well down the article.
const SEARCH_WORD: &str = "Zanzibar";

/// Sequences in the hostile files that would do something to a terminal if
/// they reached it as bytes. None may appear in the output; the alternate
/// screen switch is counted separately (the reader sends it once itself).
const HOSTILE_SEQUENCES: &[(&str, &str)] = &[
    ("OSC 0 window title", "\x1b]0;pwned"),
    ("OSC 2 window title", "\x1b]2;pwned"),
    ("OSC 52 clipboard write", "\x1b]52;c;cHduZWQ="),
    ("OSC 52 clipboard read", "\x1b]52;c;?"),
    ("DCS XTGETTCAP request", "\x1bP+q544e"),
    ("C1 CSI", "\u{9b}31m"),
    ("C1 OSC", "\u{9d}0;pwned"),
    ("erase display inside text", "\x1b[2Jheading"),
    ("erase display inside a name", "\x1b[2J Corp"),
    ("ESC followed by BEL", "\x1b[2J\x07"),
    ("right-to-left override", "\u{202e}"),
];

// ---------------------------------------------------------------------------
// Session checks kept here, not in the shared harness: this file asks more
// of a terminal given back (mouse off, output processing) and treats any
// request a screen does not keep as an attack that got through.
// ---------------------------------------------------------------------------

impl Session {
    /// Waits until the screen shows what `brief render FILE` draws at the
    /// screen's size after `keys`, in every row a terminal model can be
    /// trusted with (see [`comparable`]). A raw escape sequence from the
    /// file that moved the cursor, erased or switched screens would show
    /// here as a difference.
    fn wait_for_render(&self, file: &str, keys: &str) {
        self.wait_for_render_of(&[file], keys, comparable);
    }

    /// Panics unless the terminal is as a shell left it: main screen,
    /// cursor visible, cooked mode (`icanon echo isig`, CR to NL on input,
    /// output processing).
    fn assert_restored(&self, context: &str) {
        self.assert_main_screen(context);
        assert_eq!(
            self.seen().parser.screen().mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "{context}: mouse reporting is still on"
        );
        let termios = self.master.get_termios().expect("termios of the pty");
        let modes = format!(
            "{:?} {:?} {:?}",
            termios.local_flags, termios.input_flags, termios.output_flags
        );
        self.assert_flags_on(
            &modes,
            &["ICANON", "ECHO", "ISIG", "ICRNL", "OPOST"],
            context,
        );
    }

    /// Panics if the program asked the terminal for anything a screen does
    /// not keep: title, clipboard, bell, window size, or anything `vt100`
    /// does not understand.
    fn assert_no_requests(&self, context: &str) {
        let seen = self.seen();
        let requests = seen.parser.callbacks();
        assert!(
            requests.titles.is_empty(),
            "{context}: the window title was changed: {:?}",
            requests.titles
        );
        assert!(
            requests.clipboard.is_empty(),
            "{context}: the clipboard was used: {:?}",
            requests.clipboard
        );
        assert_eq!(requests.bells, 0, "{context}: the bell rang");
        assert!(
            requests.resizes.is_empty(),
            "{context}: the window was resized: {:?}",
            requests.resizes
        );
        assert!(
            requests.unhandled.is_empty(),
            "{context}: sequences a terminal would act on or misread: {:?}",
            requests.unhandled
        );
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Whether a terminal model can be expected to place a row's text as
/// ratatui does. Terminals (and `vt100`) disagree with `unicode-width`
/// about emoji sequences (ZWJ, flags, skin tones, presentation selectors)
/// and about stacked combining marks: `vt100` draws a ZWJ family as four
/// emoji, eight columns where ratatui counted two, and the spill stays on
/// screen where ratatui's diff sees nothing to redraw. Rows holding those
/// on either side are left out of screen comparisons; every other row must
/// match exactly.
fn comparable(row: &str) -> bool {
    !row.chars().any(|c| {
        matches!(c as u32,
            0x200D | 0xFE0F | 0x1F000..=0x1FAFF | 0x0300..=0x036F | 0x2600..=0x27BF)
    })
}

// ---------------------------------------------------------------------------
// What may reach a terminal.
// ---------------------------------------------------------------------------

/// Why a character must not be printed as itself, if it must not: the
/// classes of issue 5 that steer a terminal or hide or reorder text. (Zero
/// width joiners and variation selectors are left out: emoji need them.)
fn forbidden(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{7}' => "BEL",
        '\u{1b}' => "ESC",
        '\u{0}'..='\u{1f}' => "a C0 control",
        '\u{7f}' => "DEL",
        '\u{80}'..='\u{9f}' => "a C1 control",
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}' => {
            "a bidi control"
        }
        '\u{2028}' | '\u{2029}' => "a line or paragraph separator",
        '\u{200b}' | '\u{2060}' | '\u{feff}' => "an invisible format character",
        _ => return None,
    })
}

/// Panics if `text` (what a command printed) holds a character that must
/// not reach a terminal; `allowed` lists C0 controls that may (newline).
fn assert_inert(bytes: &[u8], allowed: &[char], context: &str) {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => panic!("{context}: not UTF-8 ({error}): {}", tail(bytes)),
    };
    for (at, c) in text.char_indices() {
        if allowed.contains(&c) {
            continue;
        }
        if let Some(why) = forbidden(c) {
            let from = floor_boundary(text, at.saturating_sub(60));
            let to = floor_boundary(text, at + 60);
            panic!(
                "{context}: {why} ({:?}, U+{:04X}) at byte {at}, in {:?}",
                c,
                c as u32,
                &text[from..to]
            );
        }
    }
}

/// Checks every byte a program wrote to its terminal: valid UTF-8; no C0
/// control but CR, LF and backspace; every ESC starts a CSI sequence of a
/// kind a full-screen reader uses (see [`csi_allowed`]); nothing forbidden
/// in the text between. Returns the kinds of CSI sequence seen.
fn assert_only_csi_sequences(raw: &[u8], mouse: bool, context: &str) -> Vec<String> {
    let text = match std::str::from_utf8(raw) {
        Ok(text) => text,
        Err(error) => panic!("{context}: the output is not UTF-8 ({error})"),
    };
    let mut kinds = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let context_text = || {
            let from = floor_boundary(text, at.saturating_sub(80));
            let to = floor_boundary(text, at + 80);
            format!("{:?}", &text[from..to])
        };
        if c == '\u{1b}' {
            let Some((_, '[')) = chars.next() else {
                panic!(
                    "{context}: an escape that is not CSI at byte {at}: {}",
                    context_text()
                );
            };
            let mut sequence = String::from("\u{1b}[");
            let mut last = None;
            for (_, c) in chars.by_ref() {
                sequence.push(c);
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    last = Some(c);
                    break;
                }
                assert!(
                    ('\u{20}'..='\u{3f}').contains(&c),
                    "{context}: a malformed CSI sequence at byte {at}: {}",
                    context_text()
                );
            }
            let Some(last) = last else {
                panic!("{context}: an unfinished CSI sequence at the end");
            };
            let body = &sequence[2..sequence.len() - 1];
            if !csi_allowed(body, last, mouse) {
                panic!(
                    "{context}: a CSI sequence a reader has no use for, {sequence:?}, at byte \
                     {at}: {}",
                    context_text()
                );
            }
            let kind = if body.starts_with('?') {
                sequence.clone()
            } else {
                format!("CSI … {last}")
            };
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
            continue;
        }
        if matches!(c, '\r' | '\n' | '\u{8}') {
            continue;
        }
        if let Some(why) = forbidden(c) {
            panic!(
                "{context}: {why} (U+{:04X}) reached the terminal at byte {at}: {}",
                c as u32,
                context_text()
            );
        }
    }
    kinds
}

/// [`assert_only_csi_sequences`] for a reader session, and the alternate
/// screen entered once and left once, at the end. (The reader sends today
/// only `?1049h/l`, `?25h/l`, cursor position `H`, SGR `m`, and the mouse
/// modes with `--mouse`; the list allows what a ratatui backend may also
/// send, such as erase on resize.)
fn assert_only_tui_sequences(raw: &[u8], mouse: bool, context: &str) -> Vec<String> {
    let kinds = assert_only_csi_sequences(raw, mouse, context);
    // The alternate screen: on once before anything else is drawn, off
    // once at the end. A raw `ESC [ ? 1049 l` from the file would make two.
    let enter = b"\x1b[?1049h";
    let leave = b"\x1b[?1049l";
    assert_eq!(
        count(raw, enter),
        1,
        "{context}: entered the alternate screen other than once"
    );
    assert_eq!(
        count(raw, leave),
        1,
        "{context}: left the alternate screen other than once"
    );
    let (Some(entered), Some(left)) = (find(raw, enter), find(raw, leave)) else {
        unreachable!("counted above");
    };
    assert!(entered < left, "{context}: left the alternate screen first");
    kinds
}

/// The CSI sequences a reader sends: cursor position and movement, SGR,
/// erase, scrolling, cursor shape, the position query, and these private
/// modes: alternate screen, cursor shown or hidden, bracketed paste,
/// synchronised output, focus events, and mouse reporting with `--mouse`.
fn csi_allowed(body: &str, last: char, mouse: bool) -> bool {
    if let Some(modes) = body.strip_prefix('?') {
        if !matches!(last, 'h' | 'l') {
            return false;
        }
        return modes.split(';').all(|mode| match mode {
            "1049" | "25" | "2004" | "2026" | "1004" | "7" => true,
            "1000" | "1002" | "1003" | "1006" | "1015" => mouse,
            _ => false,
        });
    }
    let parameters = body
        .chars()
        .all(|c| c.is_ascii_digit() || c == ';' || c == ':');
    let space_q = last == 'q'
        && body
            .trim_end_matches(' ')
            .chars()
            .all(|c| c.is_ascii_digit());
    space_q
        || parameters
            && matches!(
                last,
                'm' | 'H'
                    | 'f'
                    | 'A'
                    | 'B'
                    | 'C'
                    | 'D'
                    | 'E'
                    | 'F'
                    | 'G'
                    | 'd'
                    | 'J'
                    | 'K'
                    | 'X'
                    | 'S'
                    | 'T'
                    | 'r'
            )
        || body == "6" && last == 'n'
}

/// No hostile sequence from the files, byte for byte.
fn assert_no_hostile_sequences(raw: &[u8], context: &str) {
    for (what, sequence) in HOSTILE_SEQUENCES {
        assert!(
            find(raw, sequence.as_bytes()).is_none(),
            "{context}: the file's {what} {sequence:?} reached the terminal raw: {}",
            tail(raw)
        );
    }
}

/// All the checks after a reader session that ended with `q`.
fn assert_clean_session(session: &mut Session, mouse: bool, context: &str) {
    let status = session.wait_exit();
    assert_exit(&status, 0, context, session);
    session.assert_restored(context);
    session.assert_no_requests(context);
    let raw = session.raw();
    assert_no_hostile_sequences(&raw, context);
    assert_only_tui_sequences(&raw, mouse, context);
}

// ---------------------------------------------------------------------------
// The reader.
// ---------------------------------------------------------------------------

/// Tabs through mentions, jumps to the end and back, opens and closes the
/// entity picker and the help, searches, quits; after each step the screen
/// is what `brief render` draws for the same keys.
fn tour(file: &str, rows: u16, cols: u16) {
    let context = format!("{file} at {cols}x{rows}");
    let mut session = Session::brief(&[file], rows, cols);
    session.wait_for("the reader on the alternate screen, cursor hidden", |s| {
        s.alternate_screen() && s.hide_cursor() && s.contents().contains(ARTICLE_START)
    });
    session.wait_for_render(file, "");
    // The escape in the first heading is shown, as markers, not dropped.
    session.wait_for_text("Hostile \u{241b}]0;pwned\u{2407}");

    session.keys("\t\t\t");
    session.wait_for_render(file, "<Tab><Tab><Tab>");
    session.keys("G");
    session.wait_for_render(file, "<Tab><Tab><Tab>G");
    session.keys("gg");
    session.wait_for_render(file, "<Tab><Tab><Tab>Ggg");

    session.keys("e");
    session.wait_for_render(file, "<Tab><Tab><Tab>Ggge");
    session.keys("\x1b");
    session.wait_for_render(file, "<Tab><Tab><Tab>Ggge<Esc>");

    session.keys("?");
    session.wait_for_render(file, "<Tab><Tab><Tab>Ggge<Esc>?");
    session.keys("q");
    session.wait_for_render(file, "<Tab><Tab><Tab>Ggge<Esc>?q");

    session.keys(&format!("/{SEARCH_WORD}"));
    session.wait_for_text(&format!("/{SEARCH_WORD}"));
    session.keys("\r");
    session.wait_for_render(
        file,
        &format!("<Tab><Tab><Tab>Ggge<Esc>?q/{SEARCH_WORD}<Enter>"),
    );

    session.keys("q");
    assert_clean_session(&mut session, false, &context);
}

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

/// A file name as hostile as its contents: an OSC title, a bidi override,
/// a C1 CSI and a line separator.
const HOSTILE_NAME: &str = "x\x1b]0;pwned\x07\u{202e}\u{9b}31m\u{2028}";

/// A new empty directory under the system's temporary directory.
fn scratch_dir(what: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("brief-hostile-{what}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a scratch directory");
    dir
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

// ---------------------------------------------------------------------------
// Output outside the reader: `check` and `render`.
// ---------------------------------------------------------------------------

/// Runs `brief ARGS` and checks both streams: nothing but text and line
/// breaks, whatever the files hold. Returns stdout.
fn inert_output(args: &[&str], code: i32) -> String {
    let output = brief(args);
    let context = format!("brief {}", args.join(" "));
    assert_eq!(
        output.status.code(),
        Some(code),
        "{context}: exit status; stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_inert(&output.stdout, &['\n'], &format!("{context}: stdout"));
    assert_inert(&output.stderr, &['\n'], &format!("{context}: stderr"));
    String::from_utf8(output.stdout).expect("checked above")
}

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

/// Removes `ESC [ … m` sequences, panicking at any other escape.
fn strip_sgr(bytes: &[u8], context: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b {
            let rest = &bytes[i..];
            let end = rest
                .iter()
                .position(|b| (0x40..=0x7e).contains(b) && *b != b'[')
                .filter(|_| rest.get(1) == Some(&b'['));
            match end {
                Some(end)
                    if rest[end] == b'm'
                        && rest[2..end]
                            .iter()
                            .all(|b| b.is_ascii_digit() || *b == b';' || *b == b':') =>
                {
                    i += end + 1;
                    continue;
                }
                _ => panic!(
                    "{context}: an escape other than SGR: {:?}",
                    String::from_utf8_lossy(&rest[..rest.len().min(20)])
                ),
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// The nearest character boundary at or before `at` (clamped to the end).
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn walk_strings(value: &serde_json::Value, f: &mut impl FnMut(&str)) {
    match value {
        serde_json::Value::String(s) => f(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| walk_strings(v, f)),
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                f(key);
                walk_strings(v, f);
            }
        }
        _ => {}
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
