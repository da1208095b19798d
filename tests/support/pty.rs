//! The pseudo-terminal harness shared by `tests/pty.rs` and
//! `tests/hostile_pty.rs`: a [`Session`] runs a program in a pty, a reader
//! thread keeps every byte it writes and feeds them to a `vt100` screen whose
//! [`Requests`] record what a screen does not keep (title, clipboard, bell,
//! resize, sequences `vt100` does not understand), and answers cursor
//! position requests as a terminal does. It owns the waits with their
//! timeouts, the exit wait, the termios and screen checks both files make,
//! the comparison with `brief render`, and the byte and screen helpers for
//! failure messages. What "the terminal is given back" means stays with
//! each test file, since the two ask different things of it.

// Each test crate compiles this whole module but uses only part of it.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long any one expected change may take to show.
pub const TIMEOUT: Duration = Duration::from_secs(5);
/// How often the screen is looked at while waiting.
pub const POLL: Duration = Duration::from_millis(10);

/// A terminal's cursor position request.
const POSITION_QUERY: &[u8] = b"\x1b[6n";

/// Requests the program made of the terminal that a screen does not keep.
#[derive(Default)]
pub struct Requests {
    /// Window title and icon name changes (OSC 0, 1 and 2).
    pub titles: Vec<String>,
    /// Clipboard writes and reads (OSC 52).
    pub clipboard: Vec<String>,
    pub bells: usize,
    /// Requests to resize the window (`CSI 8 ; rows ; cols t`).
    pub resizes: Vec<(u16, u16)>,
    /// What `vt100` did not understand: other OSC sequences, escapes that
    /// are not CSI, C0 controls. (Unknown CSI sequences are judged by
    /// `assert_only_csi_sequences` in `tests/hostile_pty.rs` instead.)
    pub unhandled: Vec<String>,
}

impl vt100::Callbacks for Requests {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }

    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }

    fn resize(&mut self, _: &mut vt100::Screen, request: (u16, u16)) {
        self.resizes.push(request);
    }

    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles
            .push(format!("icon name {:?}", String::from_utf8_lossy(name)));
    }

    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles
            .push(format!("title {:?}", String::from_utf8_lossy(title)));
    }

    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, ty: &[u8], data: &[u8]) {
        self.clipboard.push(format!(
            "copy {:?} {:?}",
            String::from_utf8_lossy(ty),
            String::from_utf8_lossy(data)
        ));
    }

    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, ty: &[u8]) {
        self.clipboard
            .push(format!("paste {:?}", String::from_utf8_lossy(ty)));
    }

    fn unhandled_control(&mut self, _: &mut vt100::Screen, b: u8) {
        self.unhandled.push(format!("control {b:#04x}"));
    }

    fn unhandled_escape(&mut self, _: &mut vt100::Screen, i1: Option<u8>, i2: Option<u8>, b: u8) {
        self.unhandled
            .push(format!("escape {i1:?} {i2:?} {:?}", char::from(b)));
    }

    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        let params: Vec<_> = params.iter().map(|p| String::from_utf8_lossy(p)).collect();
        self.unhandled.push(format!("OSC {params:?}"));
    }
}

/// What the reader thread has seen of the program's output.
pub struct Seen {
    pub parser: vt100::Parser<Requests>,
    /// Every byte, for checks a screen cannot answer.
    pub raw: Vec<u8>,
    /// The master side reported end of file: every slave is closed.
    pub closed: bool,
}

type SharedWriter = Arc<Mutex<Box<dyn Write + Send>>>;

/// A program running in a pseudo-terminal.
pub struct Session {
    pub master: Box<dyn MasterPty + Send>,
    writer: SharedWriter,
    child: Box<dyn Child + Send + Sync>,
    seen: Arc<Mutex<Seen>>,
    reader: Option<JoinHandle<()>>,
}

pub fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// The environment every run gets: a common terminal, colour allowed.
pub fn environment(command: &mut CommandBuilder) {
    command.cwd(env!("CARGO_MANIFEST_DIR"));
    command.env("TERM", "xterm-256color");
    command.env("RUST_BACKTRACE", "0");
    command.env_remove("NO_COLOR");
    command.env_remove("COLORTERM");
    // No config file of the machine's user: every test starts from the
    // defaults unless it names a config.
    command.env("XDG_CONFIG_HOME", NO_CONFIG_HOME);
    command.env_remove("BRIEF_CONFIG");
}

/// A config folder that does not exist, so no user's config is read.
pub const NO_CONFIG_HOME: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/no-config-home");

impl Session {
    /// `brief ARGS` in a `cols`×`rows` terminal.
    pub fn brief(args: &[&str], rows: u16, cols: u16) -> Session {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
        command.args(args);
        environment(&mut command);
        Session::spawn(command, rows, cols)
    }

    pub fn spawn(command: CommandBuilder, rows: u16, cols: u16) -> Session {
        Session::spawn_answering(command, rows, cols, true)
    }

    /// Starts `command`; `answer` says whether cursor position requests
    /// get a reply, as from nearly every terminal.
    pub fn spawn_answering(command: CommandBuilder, rows: u16, cols: u16, answer: bool) -> Session {
        let pair = native_pty_system()
            .openpty(size(rows, cols))
            .expect("open a pseudo-terminal");
        let child = pair.slave.spawn_command(command).expect("spawn");
        // Only the child holds the slave now, so its end is our end of file.
        drop(pair.slave);
        let master = pair.master;
        let writer: SharedWriter = Arc::new(Mutex::new(master.take_writer().expect("pty writer")));
        let mut reader = master.try_clone_reader().expect("pty reader");
        let seen = Arc::new(Mutex::new(Seen {
            parser: vt100::Parser::new_with_callbacks(
                nonzero(rows),
                nonzero(cols),
                0,
                Requests::default(),
            ),
            raw: Vec::new(),
            closed: false,
        }));
        let shared = Arc::clone(&seen);
        let answers = Arc::clone(&writer);
        let reader = std::thread::Builder::new()
            .name("pty reader".to_string())
            .spawn(move || {
                let mut buffer = [0u8; 16 * 1024];
                loop {
                    match reader.read(&mut buffer) {
                        // EIO on Linux once the last slave is closed.
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            let mut seen = shared.lock().unwrap_or_else(PoisonError::into_inner);
                            let before = seen.raw.len();
                            seen.raw.extend_from_slice(&buffer[..n]);
                            // A query may be split across reads.
                            let from = before.saturating_sub(POSITION_QUERY.len() - 1);
                            let queries = count(&seen.raw[from..], POSITION_QUERY);
                            seen.parser.process(&buffer[..n]);
                            if answer && queries > 0 {
                                // Answer as a terminal would; crossterm
                                // otherwise waits two seconds and fails.
                                let (row, col) = seen.parser.screen().cursor_position();
                                let answer = format!("\x1b[{};{}R", row + 1, col + 1);
                                let mut writer =
                                    answers.lock().unwrap_or_else(PoisonError::into_inner);
                                for _ in 0..queries {
                                    let _ = writer.write_all(answer.as_bytes());
                                }
                                let _ = writer.flush();
                            }
                        }
                    }
                }
                shared.lock().unwrap_or_else(PoisonError::into_inner).closed = true;
            })
            .expect("reader thread");
        Session {
            master,
            writer,
            child,
            seen,
            reader: Some(reader),
        }
    }

    pub fn seen(&self) -> MutexGuard<'_, Seen> {
        self.seen.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The process id of the program started (for a shell, the shell).
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a process id")
    }

    /// The screen as text, framed, for failure messages.
    pub fn dump(&self) -> String {
        describe(self.seen().parser.screen())
    }

    /// Types raw bytes, as a terminal sends them for keys.
    pub fn keys(&self, bytes: &str) {
        let mut writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        writer.write_all(bytes.as_bytes()).expect("type keys");
        writer.flush().expect("flush keys");
    }

    /// Types more bytes than the terminal buffers, on a thread of its own:
    /// a program that stops reading makes the write block, and the test's
    /// wait then fails with the screen instead of hanging.
    pub fn keys_without_waiting(&self, bytes: String) {
        let writer = Arc::clone(&self.writer);
        std::thread::spawn(move || {
            let mut writer = writer.lock().unwrap_or_else(PoisonError::into_inner);
            let _ = writer.write_all(bytes.as_bytes());
            let _ = writer.flush();
        });
    }

    /// Waits until `test` holds for the screen; panics with the screen if
    /// it does not within the timeout.
    pub fn wait_for(&self, what: &str, test: impl Fn(&vt100::Screen) -> bool) {
        self.wait_until(what, |seen| test(seen.parser.screen()));
    }

    /// Waits until `test` holds for what was seen (screen and bytes).
    pub fn wait_until(&self, what: &str, test: impl Fn(&Seen) -> bool) {
        let start = Instant::now();
        loop {
            {
                let seen = self.seen();
                if test(&seen) {
                    return;
                }
                if seen.closed || start.elapsed() > TIMEOUT {
                    let why = if seen.closed {
                        "the program closed the terminal"
                    } else {
                        "timed out"
                    };
                    panic!(
                        "waited {:?} for {what}: {why}; the screen:\n{}\nthe last bytes: {}",
                        start.elapsed(),
                        describe(seen.parser.screen()),
                        tail(&seen.raw)
                    );
                }
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the briefing titled `title` is on the alternate screen,
    /// wholly loaded and drawn: a briefing with annotations opens on a
    /// preview of its text, and a key typed before the full load lands
    /// acts on that preview (no mentions, no entities yet).
    pub fn wait_for_loaded(&self, title: &str) {
        self.wait_for(&format!("{title:?} loaded"), |screen| {
            let (rows, cols) = screen.size();
            // The hint row is the last one a whole frame writes, so once it
            // is there the status row above it has been written too.
            let hints = screen.rows(0, cols.get()).nth(usize::from(rows.get()) - 1);
            screen.alternate_screen()
                && screen.contents().contains(title)
                && hints.is_some_and(|row| !row.trim().is_empty())
                && !status_line(screen).contains("loading")
        });
    }

    pub fn wait_for_text(&self, text: &str) {
        self.wait_for(&format!("{text:?} on screen"), |screen| {
            screen.contents().contains(text)
        });
    }

    /// Waits until the alternate screen shows what `brief render ARGS`
    /// draws at the screen's size after `keys`, in every row `comparable`
    /// accepts on both sides. The interactive path and `render` share
    /// their code, so any other difference is a fault.
    pub fn wait_for_render_of(&self, args: &[&str], keys: &str, comparable: impl Fn(&str) -> bool) {
        let (rows, cols) = {
            let seen = self.seen();
            let (rows, cols) = seen.parser.screen().size();
            (rows.get(), cols.get())
        };
        let expected = render(args, rows, cols, keys);
        let start = Instant::now();
        loop {
            {
                let seen = self.seen();
                let screen = seen.parser.screen();
                let actual = screen_lines(screen);
                let difference = first_difference(&expected, &actual, &comparable);
                if difference.is_none() && screen.alternate_screen() {
                    return;
                }
                if seen.closed || start.elapsed() > TIMEOUT {
                    let args: String = args.iter().map(|arg| format!(" {arg}")).collect();
                    panic!(
                        "waited {:?} for the screen of `brief render{args} --size {cols}x{rows} \
                         --keys {keys:?}`{}; first difference: {}\nthe screen:\n{}\n\
                         the last bytes: {}",
                        start.elapsed(),
                        if seen.closed {
                            " but the program closed the terminal"
                        } else {
                            ""
                        },
                        difference.unwrap_or_else(|| "none".to_string()),
                        describe(screen),
                        tail(&seen.raw)
                    );
                }
            }
            std::thread::sleep(POLL);
        }
    }

    /// Resizes the terminal: the screen model first, then the pty (which
    /// sends `SIGWINCH`), as a terminal emulator does.
    pub fn resize(&self, rows: u16, cols: u16) {
        // A screen model cannot be smaller than 1×1; the pty can.
        self.seen().parser.set_size(nonzero(rows), nonzero(cols));
        self.master
            .resize(size(rows, cols))
            .expect("resize the pty");
    }

    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().expect("try_wait").is_none()
    }

    /// Waits for the process to end and for all of its output to be read.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "the program did not exit within {TIMEOUT:?}; the screen:\n{}",
                self.dump()
            );
            std::thread::sleep(POLL);
        };
        while !self.seen().closed {
            assert!(
                start.elapsed() < TIMEOUT,
                "the program exited but its terminal is still open; the screen:\n{}",
                self.dump()
            );
            std::thread::sleep(POLL);
        }
        if let Some(reader) = self.reader.take() {
            reader.join().expect("reader thread");
        }
        status
    }

    /// The terminal's local and input modes, e.g. `LocalFlags(ECHO | ICANON)`.
    pub fn termios(&self) -> String {
        let termios = self.master.get_termios().expect("termios of the pty");
        format!("{:?} {:?}", termios.local_flags, termios.input_flags)
    }

    /// Panics unless every one of `flags` is named in `modes` (the `Debug`
    /// text of termios flags): the terminal is still in raw mode otherwise.
    pub fn assert_flags_on(&self, modes: &str, flags: &[&str], context: &str) {
        for flag in flags {
            assert!(
                has_flag(modes, flag),
                "{context}: the terminal is still in raw mode ({flag} is off): {modes}\n{}",
                self.dump()
            );
        }
    }

    /// Panics unless the main screen is back and the cursor shown.
    pub fn assert_main_screen(&self, context: &str) {
        let seen = self.seen();
        let screen = seen.parser.screen();
        assert!(
            !screen.alternate_screen(),
            "{context}: still on the alternate screen:\n{}",
            describe(screen)
        );
        assert!(
            !screen.hide_cursor(),
            "{context}: the cursor is still hidden:\n{}",
            describe(screen)
        );
    }

    /// Every byte written so far.
    pub fn raw(&self) -> Vec<u8> {
        self.seen().raw.clone()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // A failed test must not leave a reader running (or stopped).
        if let Ok(None) = self.child.try_wait() {
            if let Some(group) = self.master.process_group_leader() {
                let _ = Command::new("kill")
                    .args(["-KILL", &group.to_string()])
                    .status();
            }
            if let Some(pid) = self.child.process_id() {
                let _ = Command::new("kill")
                    .args(["-KILL", &pid.to_string()])
                    .status();
            }
            let _ = self.child.wait();
        }
    }
}

pub fn assert_exit(status: &ExitStatus, code: u32, context: &str, session: &Session) {
    assert!(
        status.signal().is_none() && status.exit_code() == code,
        "{context}: expected exit status {code}, got {status:?}; the screen:\n{}",
        session.dump()
    );
}

/// `brief ARGS` with pipes for stdout and stderr, run from the crate root.
pub fn brief(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR")
        .env("XDG_CONFIG_HOME", NO_CONFIG_HOME)
        .env_remove("BRIEF_CONFIG")
        .output()
        .expect("run brief")
}

/// `brief render ARGS --size COLSxROWS --keys KEYS`, as trimmed lines.
pub fn render(args: &[&str], rows: u16, cols: u16, keys: &str) -> Vec<String> {
    let size = format!("{cols}x{rows}");
    let mut command = vec!["render"];
    command.extend_from_slice(args);
    command.extend_from_slice(&["--size", &size, "--keys", keys]);
    let output = brief(&command);
    assert!(
        output.status.success(),
        "brief render failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).expect("UTF-8 render");
    trim_lines(text.lines().map(str::to_string))
}

/// The first row that differs among rows `comparable` accepts on both
/// sides (a missing row is always compared).
pub fn first_difference(
    expected: &[String],
    actual: &[String],
    comparable: impl Fn(&str) -> bool,
) -> Option<String> {
    for row in 0..expected.len().max(actual.len()) {
        let (e, a) = (expected.get(row), actual.get(row));
        if e == a {
            continue;
        }
        if e.is_some_and(|e| !comparable(e)) || a.is_some_and(|a| !comparable(a)) {
            continue;
        }
        return Some(format!("row {row}: expected {e:?}, got {a:?}"));
    }
    None
}

/// The last bytes of some output, escaped, for failure messages.
pub fn tail(raw: &[u8]) -> String {
    let start = raw.len().saturating_sub(400);
    format!("{:?}", String::from_utf8_lossy(&raw[start..]))
}

/// Occurrences of `needle` in `haystack`.
pub fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

/// `n`, or 1 for 0.
pub fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN)
}

/// Whether the `Debug` text of some bit flags names `flag`.
pub fn has_flag(flags: &str, flag: &str) -> bool {
    flags
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| word == flag)
}

/// The screen's rows without trailing blanks, and no trailing empty rows.
pub fn screen_lines(screen: &vt100::Screen) -> Vec<String> {
    let (_, cols) = screen.size();
    trim_lines(screen.rows(0, cols.get()))
}

fn trim_lines(lines: impl Iterator<Item = String>) -> Vec<String> {
    let mut lines: Vec<String> = lines.map(|line| line.trim_end().to_string()).collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// The screen's text with its modes, for failure messages.
pub fn describe(screen: &vt100::Screen) -> String {
    let (rows, cols) = screen.size();
    format!(
        "{cols}x{rows}, alternate screen: {}, cursor hidden: {}\n{}",
        screen.alternate_screen(),
        screen.hide_cursor(),
        screen
            .rows(0, cols.get())
            .map(|row| format!("|{row}"))
            .collect::<Vec<_>>()
            .join("\n")
    )
}

/// The status line: the second row from the bottom.
pub fn status_line(screen: &vt100::Screen) -> String {
    let (rows, cols) = screen.size();
    screen
        .rows(0, cols.get())
        .nth(usize::from(rows.get()).saturating_sub(2))
        .unwrap_or_default()
}
