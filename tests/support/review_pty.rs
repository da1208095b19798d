//! What the pty tests of the reviewer's half share: a scratch folder with a
//! copy of the bundled briefing and a home and state directory of its own,
//! and the reader started on it as a named reviewer. Included with
//! `#[path]` beside `support/pty.rs` (as `pty_support`).

use std::path::{Path, PathBuf};

use portable_pty::CommandBuilder;

use crate::pty_support::{Session, environment};

pub const TITLE: &str = "Crocus City Hall attack, 22 March 2024";

/// A folder of the test's own with a copy of the bundled briefing, and a
/// home and state directory inside it, so nothing reaches the real ones.
pub fn scratch(prefix: &str, name: &str) -> PathBuf {
    let root = env!("CARGO_MANIFEST_DIR");
    let dir = std::env::temp_dir().join(format!("{prefix}-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("home")).expect("scratch folder");
    for file in ["crocus-city-hall.toml", "crocus-city-hall.md"] {
        std::fs::copy(format!("{root}/briefings/{file}"), dir.join(file)).expect("copy");
    }
    dir
}

/// The reader on the scratch copy, reviewing as "tester", once the
/// briefing is loaded and drawn.
pub fn reader(dir: &Path) -> Session {
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
    command.arg(dir.join("crocus-city-hall.toml"));
    command.args(["--reviewer", "tester"]);
    environment(&mut command);
    command.env("HOME", dir.join("home"));
    command.env("XDG_STATE_HOME", dir.join("home").join("state"));
    let session = Session::spawn(command, 40, 140);
    session.wait_for_loaded(TITLE);
    session
}

/// Kills the reader with SIGKILL (no chance to clean up) and waits for it.
pub fn kill_9(session: &mut Session) {
    let pid = session.pid();
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let _ = session.wait_exit();
}
