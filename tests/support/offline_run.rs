//! What the offline tests share: the binary, the bundled briefing's
//! files, a scratch folder, and running the reader in a pseudo-terminal
//! (optionally under a wrapper such as `unshare` or `strace`, and with its
//! own home) until it shows its first screen and quits. Included with
//! `#[path]` by `offline.rs` and `no_writes.rs`.

// Each file uses a different part of it.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

pub const BRIEF: &str = env!("CARGO_BIN_EXE_brief");
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");
pub const ANNOTATIONS: &str = "briefings/crocus-city-hall.toml";
pub const TEXT: &str = "briefings/crocus-city-hall.md";
pub const TITLE: &str = "Crocus City Hall attack, 22 March 2024";
pub const TIMEOUT: Duration = Duration::from_secs(5);

/// A new empty directory under the system's temporary directory.
pub fn scratch_dir(what: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "brief-offline-{what}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a scratch directory");
    dir
}

// ---------------------------------------------------------------------------
// A reader in a pseudo-terminal, reduced to what these tests need (the full
// harness is in tests/pty.rs).
// ---------------------------------------------------------------------------
pub fn run_reader(command: &[String], cwd: &Path) -> (u32, String) {
    run_reader_with_home(command, cwd, None)
}

/// Runs `command` (a reader) in a 120x40 terminal, waits for the article's
/// title, types `q`, and returns the exit code and the last screen seen
/// before quitting.
pub fn run_reader_with_home(command: &[String], cwd: &Path, home: Option<&Path>) -> (u32, String) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pseudo-terminal");
    let mut builder = CommandBuilder::new(&command[0]);
    builder.args(&command[1..]);
    builder.cwd(cwd);
    builder.env("TERM", "xterm-256color");
    builder.env_remove("NO_COLOR");
    if let Some(home) = home {
        builder.env("HOME", home);
        for (name, sub) in [
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_CACHE_HOME", "cache"),
            ("XDG_STATE_HOME", "state"),
            ("XDG_DATA_HOME", "data"),
        ] {
            builder.env(name, home.join(sub));
        }
    }
    let mut child = pair.slave.spawn_command(builder).expect("spawn the reader");
    drop(pair.slave);
    let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("pty writer")));
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let parser = Arc::new(Mutex::new(vt100::Parser::new(
        std::num::NonZeroU16::new(40).expect("40"),
        std::num::NonZeroU16::new(120).expect("120"),
        0,
    )));
    let shared = Arc::clone(&parser);
    let answers = Arc::clone(&writer);
    let thread = std::thread::spawn(move || {
        let mut buffer = [0u8; 16 * 1024];
        while let Ok(n) = reader.read(&mut buffer) {
            if n == 0 {
                break;
            }
            let chunk = &buffer[..n];
            let mut parser = shared.lock().unwrap_or_else(PoisonError::into_inner);
            parser.process(chunk);
            // Answer cursor position requests, as a terminal does.
            if chunk.windows(4).any(|w| w == b"\x1b[6n") {
                let (row, col) = parser.screen().cursor_position();
                let mut writer = answers.lock().unwrap_or_else(PoisonError::into_inner);
                let _ = write!(writer, "\x1b[{};{}R", row + 1, col + 1);
                let _ = writer.flush();
            }
        }
    });
    let screen = || {
        parser
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .screen()
            .contents()
    };
    let start = Instant::now();
    while !screen().contains(TITLE) {
        if start.elapsed() > TIMEOUT || child.try_wait().ok().flatten().is_some() {
            let _ = child.kill();
            panic!(
                "{}: the reader did not show {TITLE:?}; the screen:\n{}",
                command.join(" "),
                screen()
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let shown = screen();
    {
        let mut writer = writer.lock().unwrap_or_else(PoisonError::into_inner);
        writer.write_all(b"q").expect("type q");
        writer.flush().expect("flush");
    }
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        if start.elapsed() > 2 * TIMEOUT {
            let _ = child.kill();
            panic!("{}: the reader did not quit on q", command.join(" "));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    drop(pair.master);
    let _ = thread.join();
    (status.exit_code(), shown)
}
