//! End to end: the real binary in a pseudo-terminal, its output parsed by a
//! `vt100` screen. Types keys, resizes, sends signals and `Ctrl-z`, and checks
//! that the terminal is always given back: main screen, cursor visible,
//! cooked mode, and the window title never touched.
//!
//! The harness (`tests/support/pty.rs`) answers cursor position requests (`ESC [ 6 n`) as a terminal
//! does. Signals go through kill(1); job control through `sh -m`. Screens
//! are compared with `brief render` at the same size and keys.
//!
#![cfg(unix)]

#[path = "support/pty.rs"]
mod pty_support;

use std::fs::File;
use std::io::Read;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, native_pty_system};

use pty_support::{Session, assert_exit, count, environment, has_flag, size, status_line, tail};

const TITLE: &str = "Crocus City Hall attack, 22 March 2024";
const BANNER: &str = "UNCLASSIFIED";
const HELP: &str = "Keys · j/k, <Space>, G scroll · q closes";

impl Session {
    /// `brief` started by a shell with job control (`sh -m`), the way a
    /// user starts it: in its own process group, in the foreground, with a
    /// parent in the same session. `Ctrl-z` can only stop it there (the
    /// kernel discards `SIGTSTP` sent to an orphaned process group). After
    /// the reader stops, the shell prints `[stopped STATUS]` and waits for a
    /// line before it runs `fg`; when the reader ends it prints
    /// `[ended STATUS]`.
    fn brief_under_job_control(rows: u16, cols: u16) -> Session {
        let mut command = CommandBuilder::new("sh");
        command.args([
            "-m",
            "-c",
            r#""$0"; echo "[stopped $?]"; read line; fg; echo "[ended $?]""#,
            env!("CARGO_BIN_EXE_brief"),
        ]);
        environment(&mut command);
        Session::spawn(command, rows, cols)
    }

    /// Waits for the reader with the briefing loaded (it opens on a
    /// preview of the text): title and banner on the alternate screen,
    /// cursor hidden.
    fn wait_for_reader(&self) {
        self.wait_for_loaded(TITLE);
        self.wait_for("the banner, cursor hidden", |s| {
            s.hide_cursor() && s.contents().contains(BANNER)
        });
    }

    /// Waits until the screen shows exactly what `brief render` draws at
    /// the screen's size after `keys`: every row is compared.
    fn wait_for_render(&self, keys: &str) {
        self.wait_for_render_of(&[], keys, |_| true);
    }

    /// Panics unless the terminal is in cooked mode: line editing, echo,
    /// and `Ctrl-c`/`Ctrl-z` making signals.
    fn assert_cooked(&self, context: &str) {
        let modes = self.termios();
        self.assert_flags_on(&modes, &["ICANON", "ECHO", "ISIG", "ICRNL"], context);
    }

    /// Panics unless the terminal is as a shell left it: main screen,
    /// cursor visible, cooked mode, and the title never set.
    fn assert_restored(&self, context: &str) {
        self.assert_main_screen(context);
        self.assert_title_untouched(context);
        self.assert_cooked(context);
    }

    /// The window title and icon name were never set (OSC 0, 1, 2), as
    /// parsed by `vt100` and as raw bytes.
    fn assert_title_untouched(&self, context: &str) {
        let seen = self.seen();
        assert!(
            seen.parser.callbacks().titles.is_empty(),
            "{context}: the window title was changed: {:?}",
            seen.parser.callbacks().titles
        );
        for osc in [&b"\x1b]0;"[..], b"\x1b]1;", b"\x1b]2;"] {
            assert_eq!(
                count(&seen.raw, osc),
                0,
                "{context}: the output sets the window title ({osc:?})"
            );
        }
    }
}

fn send_signal(name: &str, pid: u32) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .expect("run kill(1)");
    assert!(status.success(), "kill -{name} {pid} failed");
}

/// The state of a process as /proc shows it: `S` sleeping, `T` stopped…
fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat[stat.rfind(')')? + 1..].trim_start().chars().next()
}

#[test]
fn keys_help_and_quit_then_the_terminal_is_restored() {
    let mut session = Session::brief(&[], 40, 120);
    session.wait_for_reader();
    session.wait_for_render("");

    session.keys("\t\t\t");
    session.wait_for("a focused mention (▸) in the status line", |screen| {
        status_line(screen).trim_start().starts_with('▸')
    });
    session.wait_for_render("<Tab><Tab><Tab>");

    session.keys("?");
    session.wait_for_text(HELP);
    session.keys("q");
    session.wait_for("the help overlay to close", |screen| {
        !screen.contents().contains(HELP) && screen.contents().contains(TITLE)
    });
    session.wait_for_render("<Tab><Tab><Tab>?q");
    assert!(session.is_running(), "q closed the overlay, not the reader");

    session.keys("q");
    let status = session.wait_exit();
    assert_exit(&status, 0, "q", &session);
    session.assert_restored("after q");

    let raw = session.raw();
    for mouse in ["\x1b[?1000h", "\x1b[?1002h", "\x1b[?1003h", "\x1b[?1006h"] {
        assert_eq!(
            count(&raw, mouse.as_bytes()),
            0,
            "mouse reporting {mouse:?} turned on without --mouse"
        );
    }
}

#[test]
fn resizing_to_any_size_redraws_at_once_and_never_crashes() {
    let mut session = Session::brief(&[], 40, 120);
    session.wait_for_reader();
    // A key answered proves the event loop (and its SIGWINCH handler) is
    // up; see `a_resize_right_after_the_first_frame_is_not_lost`.
    session.keys("\t");
    session.wait_for_render("<Tab>");

    session.resize(1, 1);
    session.wait_for("the 1x1 frame", |screen| screen.contents() == "t");
    session.resize(0, 0);
    session.resize(5, 20);
    session.wait_for_text("terminal too small");
    session.wait_for_text("have 20x5");
    session.resize(40, 120);
    session.wait_for_reader();
    session.wait_for_render("<Tab>");
    session.resize(24, 80);
    session.wait_for_render("<Tab>");

    // A burst, as when a window is dragged: the last size wins.
    for (rows, cols) in [(30, 100), (6, 24), (60, 200), (1, 300), (30, 90)] {
        session.resize(rows, cols);
    }
    session.wait_for_render("<Tab>");
    assert!(session.is_running(), "the reader died resizing");

    session.keys("q");
    let status = session.wait_exit();
    assert_exit(&status, 0, "q after resizing", &session);
    session.assert_restored("after resizing");
}

/// A window manager often resizes a new terminal just as the program in it
/// starts. Several readers at once (for load), each resized the moment its
/// first frame shows: every one must redraw at the new size.
#[test]
fn a_resize_right_after_the_first_frame_is_not_lost() {
    std::thread::scope(|scope| {
        for _ in 0..8 {
            scope.spawn(|| {
                let mut session = Session::brief(&[], 40, 120);
                session.wait_for_reader();
                session.resize(24, 80);
                session.wait_for_render("");
                session.keys("q");
                let status = session.wait_exit();
                assert_exit(&status, 0, "q", &session);
            });
        }
    });
}

/// Sends `name` to the running reader: it must end with 128 + `number`
/// and give the terminal back.
fn ends_on_signal(name: &str, number: u32) {
    let mut session = Session::brief(&[], 40, 120);
    session.wait_for_reader();
    send_signal(name, session.pid());
    let status = session.wait_exit();
    assert_exit(&status, 128 + number, &format!("SIG{name}"), &session);
    session.assert_restored(&format!("after SIG{name}"));
}

#[test]
fn sigterm_ends_the_reader_and_restores_the_terminal() {
    ends_on_signal("TERM", 15);
}

#[test]
fn sighup_ends_the_reader_and_restores_the_terminal() {
    ends_on_signal("HUP", 1);
}

#[test]
fn sigint_ends_the_reader_and_restores_the_terminal() {
    ends_on_signal("INT", 2);
}

#[test]
fn sigquit_ends_the_reader_and_restores_the_terminal() {
    ends_on_signal("QUIT", 3);
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    let mut session = Session::brief(&[], 24, 80);
    session.wait_for_reader();
    // Raw mode: Ctrl-c arrives as a key, not as SIGINT.
    session.keys("\x03");
    let status = session.wait_exit();
    assert!(
        status.signal().is_none(),
        "Ctrl-c: killed instead of quitting: {status:?}"
    );
    session.assert_restored("after Ctrl-c");
}

#[test]
fn ctrl_z_suspends_and_fg_redraws() {
    let mut session = Session::brief_under_job_control(40, 120);
    session.wait_for_reader();
    let shell = session.pid();
    let reader = session
        .master
        .process_group_leader()
        .and_then(|group| u32::try_from(group).ok())
        .expect("a foreground process group");
    assert_ne!(reader, shell, "sh -m runs the reader in its own group");

    session.keys("\x1a");
    // 148 = 128 + SIGTSTP: the shell saw the reader stop.
    session.wait_for_text("[stopped 148]");
    session.assert_restored("suspended by Ctrl-z");
    if cfg!(target_os = "linux") {
        assert_eq!(process_state(reader), Some('T'), "the reader is stopped");
    }

    // The shell reads a line, then `fg` continues the reader (SIGCONT)
    // and gives it the terminal.
    session.keys("\n");
    session.wait_for_reader();
    // Ctrl-z is a command: it took the summary off the status line.
    session.wait_for_render("<C-z>");
    assert_ne!(process_state(reader), Some('T'), "the reader runs again");
    let modes = session.termios();
    assert!(
        !has_flag(&modes, "ICANON") && !has_flag(&modes, "ECHO"),
        "raw mode again after fg: {modes}"
    );

    // Keys still work after resuming.
    session.keys("\t\t\t");
    session.wait_for_render("<Tab><Tab><Tab>");
    session.keys("q");
    session.wait_for_text("[ended 0]");
    let status = session.wait_exit();
    assert_exit(&status, 0, "the shell after the reader quit", &session);
    session.assert_restored("after q following fg");
}

#[test]
fn resuming_in_a_smaller_terminal_redraws_at_the_new_size() {
    resumes_after_a_resize((40, 120), (24, 80));
}

#[test]
fn resuming_in_a_larger_terminal_redraws_at_the_new_size() {
    resumes_after_a_resize((24, 80), (40, 120));
}

/// Stops the reader with `Ctrl-z`, resizes the window from `before` to
/// `after` (rows, columns) while it is stopped, and resumes it: the frame
/// must be the one `brief render` draws at the new size.
fn resumes_after_a_resize(before: (u16, u16), after: (u16, u16)) {
    let mut session = Session::brief_under_job_control(before.0, before.1);
    session.wait_for_reader();
    session.keys("\x1a");
    session.wait_for_text("[stopped 148]");
    // The window changes while the reader is stopped: SIGWINCH goes to the
    // shell, the foreground job then, not to the reader.
    session.resize(after.0, after.1);
    session.keys("\n");
    session.wait_for_reader();
    session.wait_for_render("<C-z>");
    session.keys("q");
    session.wait_for_text("[ended 0]");
    let status = session.wait_exit();
    assert_exit(&status, 0, "the shell", &session);
    session.assert_restored("after q");
}

/// Started straight from a pty (its own session, no job-control shell), the
/// reader's process group is orphaned and the kernel discards the `SIGTSTP`
/// it raises on `Ctrl-z`: it must carry on reading, not hang or fail.
#[test]
fn ctrl_z_without_job_control_carries_on() {
    let mut session = Session::brief(&[], 40, 120);
    session.wait_for_reader();
    let before = session.raw().len();
    session.keys("\x1a");
    session.wait_until("the terminal to be given back and taken again", |seen| {
        let after = &seen.raw[before..];
        count(after, b"\x1b[?1049l") >= 1 && count(after, b"\x1b[?1049h") >= 1
    });
    session.wait_for_reader();
    session.keys("\t\t\t");
    session.wait_for_render("<Tab><Tab><Tab>");
    session.keys("q");
    let status = session.wait_exit();
    assert_exit(&status, 0, "q after Ctrl-z", &session);
    session.assert_restored("after q");
}

/// Not every terminal answers a cursor position request (serial consoles,
/// some multiplexers and recorders); resuming must not depend on one.
#[test]
fn ctrl_z_does_not_wait_for_a_cursor_position_reply() {
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
    environment(&mut command);
    let mut session = Session::spawn_answering(command, 40, 120, false);
    session.wait_for_reader();
    let before = session.raw().len();
    session.keys("\x1a");
    session.wait_until("the terminal to be given back and taken again", |seen| {
        let after = &seen.raw[before..];
        count(after, b"\x1b[?1049l") >= 1 && count(after, b"\x1b[?1049h") >= 1
    });
    session.wait_for_reader();
    let start = Instant::now();
    session.keys("\t\t\t");
    session.wait_for_render("<Tab><Tab><Tab>");
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "keys took {:?} to show after Ctrl-z",
        start.elapsed()
    );
    session.keys("q");
    let status = session.wait_exit();
    assert_exit(&status, 0, "q after Ctrl-z", &session);
    session.assert_restored("after q");
}

#[test]
fn a_briefing_that_cannot_load_never_touches_the_terminal() {
    let mut session = Session::brief(&["no-such-briefing.toml"], 24, 80);
    let status = session.wait_exit();
    assert!(
        !status.success(),
        "a missing file is an error: {status:?}\n{}",
        session.dump()
    );
    let raw = session.raw();
    for sequence in ["\x1b[?1049h", "\x1b[?25l"] {
        assert_eq!(
            count(&raw, sequence.as_bytes()),
            0,
            "{sequence:?} written before the briefing loaded:\n{}",
            session.dump()
        );
    }
    session.assert_restored("after a load error");
}

fn assert_refused(output: &Output, context: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(2),
        "{context}: expected exit status 2; stderr: {stderr}"
    );
    assert!(
        stderr.contains("terminal"),
        "{context}: the message should say a terminal is needed: {stderr}"
    );
    for (name, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        assert!(
            !bytes.contains(&0x1b),
            "{context}: an escape byte in {name}: {:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}

fn brief_plain() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_brief"));
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("TERM", "xterm-256color")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

#[test]
fn redirected_stdout_exits_2_without_escape_bytes() {
    let output = brief_plain()
        .stdin(Stdio::null())
        .output()
        .expect("run brief");
    assert_refused(&output, "stdin and stdout redirected");

    // stdin a terminal, stdout a pipe: `brief > file` at a shell.
    let pair = native_pty_system().openpty(size(24, 80)).expect("pty");
    let tty = pair.master.tty_name().expect("the slave's path");
    let terminal = File::options()
        .read(true)
        .write(true)
        .open(&tty)
        .expect("open the slave");
    let output = brief_plain().stdin(terminal).output().expect("run brief");
    assert_refused(&output, "stdout redirected, stdin a terminal");
    let termios = pair.master.get_termios().expect("termios");
    let modes = format!("{:?}", termios.local_flags);
    assert!(
        has_flag(&modes, "ICANON") && has_flag(&modes, "ECHO"),
        "the terminal was left in raw mode: {modes}"
    );
}

#[test]
fn redirected_stdin_exits_2_and_writes_nothing_to_the_terminal() {
    // stdin a pipe, stdout a terminal: `cat file | brief`.
    let pair = native_pty_system().openpty(size(24, 80)).expect("pty");
    let tty = pair.master.tty_name().expect("the slave's path");
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let written = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let mut buffer = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buffer) {
            if n == 0 {
                break;
            }
            bytes.extend_from_slice(&buffer[..n]);
        }
        bytes
    });
    let output = {
        let terminal = File::options()
            .read(true)
            .write(true)
            .open(&tty)
            .expect("open the slave");
        brief_plain()
            .stdin(Stdio::null())
            .stdout(terminal)
            .output()
            .expect("run brief")
    };
    // The last slave closes: the reader sees the end.
    drop(pair.slave);
    let written = written.join().expect("reader");
    assert_refused(&output, "stdin redirected, stdout a terminal");
    assert!(
        written.is_empty(),
        "wrote to the terminal before refusing it: {:?}",
        String::from_utf8_lossy(&written)
    );
}

/// A panic (made on purpose through the test-only `BRIEF_TEST_PANIC`) on
/// the main thread or on a worker thread restores the terminal, prints the
/// message on the main screen, and exits with 101.
fn panics_restore_the_terminal(place: &str) {
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
    environment(&mut command);
    command.env("BRIEF_TEST_PANIC", place);
    let mut session = Session::spawn(command, 24, 80);
    let status = session.wait_exit();
    assert_exit(
        &status,
        101,
        &format!("a panic on the {place} thread"),
        &session,
    );
    session.assert_restored(&format!("after a panic on the {place} thread"));
    session.assert_title_untouched(&format!("after a panic on the {place} thread"));
    let shown = session.seen().parser.screen().contents();
    assert!(
        shown.contains("BRIEF_TEST_PANIC"),
        "the panic message is shown:\n{shown}"
    );
}

#[test]
fn a_panic_on_the_main_thread_restores_the_terminal() {
    panics_restore_the_terminal("main");
}

#[test]
fn a_panic_on_a_worker_thread_restores_the_terminal_and_ends_the_process() {
    panics_restore_the_terminal("thread");
}

/// A text over the preview threshold, with a first heading, many
/// paragraphs, and a last paragraph far beyond the preview.
fn large_text() -> String {
    let mut text = String::from("# Opening heading\n\n");
    let paragraph = "The convoy reached the checkpoint before dawn and officials said \
                     nothing about casualties while analysts doubted the reports.\n\n";
    while text.len() < 2 * 1024 * 1024 {
        text.push_str(paragraph);
    }
    text.push_str("## Closing section\n\nthe very last words\n");
    text
}

fn scratch_dir(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

#[test]
fn a_large_briefing_opens_on_its_start_and_the_rest_arrives_while_reading() {
    let dir = scratch_dir("large-preview");
    let path = dir.join("large.md");
    std::fs::write(&path, large_text()).expect("write");
    let mut session = Session::brief(&[path.to_str().expect("utf-8 path")], 30, 120);
    // The first frame always says what is still loading; the frame after
    // the load no longer does.
    session.wait_until("the preview's first frame", |seen| {
        String::from_utf8_lossy(&seen.raw).contains("loading")
    });
    session.keys("j");
    // The hint row is the last one a whole frame writes, so once it is
    // there the status row above it has been written too.
    session.wait_for("the full text loaded", |screen| {
        let (rows, cols) = screen.size();
        let hints = screen.rows(0, cols.get()).nth(usize::from(rows.get()) - 1);
        hints.is_some_and(|row| !row.trim().is_empty()) && !status_line(screen).contains("loading")
    });
    session.keys("G");
    session.wait_for_text("the very last words");
    let raw = String::from_utf8_lossy(&session.raw()).into_owned();
    assert!(
        raw.contains("loading"),
        "the first frame was the preview, saying so"
    );
    session.keys("q");
    let status = session.wait_exit();
    assert_exit(&status, 0, "q", &session);
    session.assert_restored("after q");
}

/// A problem the full load finds ends the reader, the terminal restored,
/// and is printed as `brief check` prints it: behind a large briefing's
/// preview, and behind a small one's, which opens on a preview too.
#[test]
fn errors_found_behind_a_preview_end_the_reader_and_are_printed() {
    let dir = scratch_dir("preview-broken");
    for (name, text) in [
        ("large", large_text()),
        ("small", "# Small\n\nA line.\n".to_string()),
    ] {
        std::fs::write(dir.join(format!("{name}.md")), text).expect("write");
        let annotations = format!(
            "format = 1\n\n[briefing]\ntext = \"{name}.md\"\ntitle = \"Broken\"\n\n\
             [[entity]]\nid = \"convoy\"\nname = \"Convoy\"\nkind = \"spaceship\"\n"
        );
        let path = dir.join(format!("{name}.toml"));
        std::fs::write(&path, annotations).expect("write");
        let mut session = Session::brief(&[path.to_str().expect("utf-8 path")], 30, 120);
        let status = session.wait_exit();
        assert_exit(
            &status,
            1,
            &format!("a broken annotation file ({name})"),
            &session,
        );
        session.assert_restored(&format!("after the failed load ({name})"));
        let raw = String::from_utf8_lossy(&session.raw()).into_owned();
        assert!(
            raw.contains("\x1b[?1049h") && raw.contains("loading"),
            "{name}: the preview was on screen first"
        );
        assert!(
            raw.contains("spaceship"),
            "{name}: the diagnostic is printed: {}",
            tail(session.raw().as_slice())
        );
    }
}
