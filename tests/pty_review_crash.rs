//! The review's crash-safety harness: the real reader in a pseudo-terminal
//! records verdicts as fast as keys arrive (`]u` then `c`, again and
//! again) and is killed with SIGKILL at a random moment, run after run on
//! the same review. After every kill the review file must read back, and
//! hold at least as many verdicts as the last "saved" the status line
//! showed: nothing reported saved is ever lost. Stale temporary files left
//! by kills mid-write are cleared by the next writer.
//!
//! `cargo test` runs 25 kills; `BRIEF_CRASH_RUNS=1000 cargo test --release
//! --test pty_review_crash` runs the full harness (docs/REVIEW.md has its
//! recorded run).
#![cfg(unix)]

#[path = "support/pty.rs"]
mod pty_support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use portable_pty::CommandBuilder;
use pty_support::{Session, environment, status_line};

const TITLE: &str = "Crocus City Hall attack, 22 March 2024";

/// A small pseudo-random source (xorshift), seeded from the clock; the
/// seed is printed on failure so a run can be repeated.
struct Dice(u64);

impl Dice {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below.max(1)
    }
}

fn scratch() -> PathBuf {
    let root = env!("CARGO_MANIFEST_DIR");
    let dir = std::env::temp_dir().join(format!("brief-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("home")).expect("scratch folder");
    for file in ["crocus-city-hall.toml", "crocus-city-hall.md"] {
        std::fs::copy(format!("{root}/briefings/{file}"), dir.join(file)).expect("copy");
    }
    dir
}

fn start(dir: &Path) -> Session {
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
    command.arg(dir.join("crocus-city-hall.toml"));
    environment(&mut command);
    command.env("HOME", dir.join("home"));
    command.env("XDG_STATE_HOME", dir.join("home").join("state"));
    let session = Session::spawn(command, 30, 140);
    session.wait_for_loaded(TITLE);
    session
}

/// K in "reviewed K/N mentions" of a frame that also says "saved to": the
/// message is set only when the writer has the state of that frame on
/// disk, so K verdicts are saved.
fn saved_count(status: &str) -> Option<usize> {
    if !status.contains("saved to ") {
        return None;
    }
    let reviewed = status.split("reviewed ").nth(1)?;
    reviewed.split('/').next()?.trim().parse().ok()
}

fn verdicts_on_disk(review: &Path) -> usize {
    match std::fs::read_to_string(review) {
        Ok(source) => match brief::review::file::read("review", &source) {
            Ok((review, _)) => review.verdicts.len(),
            Err(errors) => panic!(
                "an unreadable review file after a kill: {:?}\n{source}",
                errors.iter().map(|e| e.render()).collect::<Vec<_>>()
            ),
        },
        Err(_) => 0,
    }
}

#[test]
fn kills_at_random_moments_never_lose_a_saved_verdict_or_leave_a_broken_file() {
    let runs: usize = std::env::var("BRIEF_CRASH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(25);
    let seed = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64 | 1);
    let mut dice = Dice(seed);
    let dir = scratch();
    let review = dir.join("crocus-city-hall.review.toml");
    let mut saved_before = 0;
    for run in 0..runs {
        // The bundled briefing has 151 mentions: start a new review before
        // `]u` runs out of mentions without a verdict.
        if saved_before > 120 {
            let _ = std::fs::remove_file(&review);
            saved_before = 0;
        }
        let mut session = start(&dir);
        // Each round adds a verdict to a mention still without one.
        let rounds = 1 + dice.next(6) as usize;
        session.keys(&"]uc".repeat(rounds));
        let deadline = Instant::now() + Duration::from_millis(dice.next(120));
        let mut seen_saved = saved_before;
        while Instant::now() < deadline {
            let status = status_line(session.seen().parser.screen());
            if let Some(count) = saved_count(&status) {
                seen_saved = seen_saved.max(count);
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let status = status_line(session.seen().parser.screen());
        if let Some(count) = saved_count(&status) {
            seen_saved = seen_saved.max(count);
        }
        let killed = std::process::Command::new("kill")
            .args(["-KILL", &session.pid().to_string()])
            .status()
            .expect("kill");
        assert!(killed.success());
        let _ = session.wait_exit();
        let on_disk = verdicts_on_disk(&review);
        assert!(
            on_disk >= seen_saved,
            "run {run} (seed {seed}): {on_disk} verdicts on disk, {seen_saved} reported saved"
        );
        saved_before = on_disk;
    }
    // A last reader that finishes its save clears what the kills left.
    let mut session = start(&dir);
    session.keys("]uc");
    session.wait_for("a save", |s| saved_count(&status_line(s)).is_some());
    session.keys("q");
    let _ = session.wait_exit();
    let temporaries: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".tmp") || name.ends_with(".lock"))
                .collect()
        })
        .unwrap_or_default();
    assert!(temporaries.is_empty(), "left behind: {temporaries:?}");
    assert!(verdicts_on_disk(&review) > 0);
    let _ = std::fs::remove_dir_all(&dir);
}
