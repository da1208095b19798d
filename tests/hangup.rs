//! End to end: the terminal goes away under a running reader, as when an
//! ssh connection drops or a terminal window is closed. The pty's master
//! side is closed; the reader's reads then see a hung-up terminal, and a
//! session leader also gets `SIGHUP`. The reader must end promptly, with
//! status 129 (a hang-up, 128 + SIGHUP), without spinning on the dead
//! terminal first. Also: `SIGTERM` still ends a reader whose terminal has
//! stopped reading its output, which leaves it blocked in a write.
//!
//! These tests do not use `Session`'s reader thread: it keeps a copy of the
//! master open, and the terminal only goes away when every copy is closed.
#![cfg(unix)]

#[path = "support/pty.rs"]
mod pty_support;

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, native_pty_system};

use pty_support::{environment, nonzero, size};

/// Liveness deadline: the reader must have ended by then. The reader itself
/// ends within a second; the margin is for a loaded machine.
const DEADLINE: Duration = Duration::from_secs(5);

const TITLE: &str = "Crocus City Hall attack, 22 March 2024";

/// A program in a pty, its first frame seen, nobody reading its output any
/// more.
struct Running {
    /// `None` once the terminal has been closed.
    master: Option<Box<dyn MasterPty + Send>>,
    child: Box<dyn Child + Send + Sync>,
}

impl Running {
    fn pid(&self) -> u32 {
        self.child.process_id().expect("a process id")
    }

    /// Closes the terminal: its last copy of the master side.
    fn hang_up(&mut self) {
        self.master = None;
    }

    fn wait(&mut self) -> ExitStatus {
        self.child.wait().expect("wait for the child")
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        // A failed test must not leave a reader spinning: the child leads
        // its own session and process group (portable-pty calls setsid).
        if let Ok(None) = self.child.try_wait() {
            let group = format!("-{}", self.pid());
            let _ = std::process::Command::new("kill")
                .args(["-KILL", "--", &group])
                .status();
            let _ = self.child.wait();
        }
    }
}

/// Starts `command` in a 120x40 pty and reads its output until the reader's
/// first frame is on screen; then stops reading.
fn start(command: CommandBuilder) -> Running {
    let pair = native_pty_system()
        .openpty(size(40, 120))
        .expect("open a pseudo-terminal");
    let child = pair.slave.spawn_command(command).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let (done, shown) = mpsc::channel();
    // The thread ends (closing its copy of the master) once the frame is
    // seen; if it never is, the test fails below and the thread is left.
    std::thread::spawn(move || {
        let mut parser = vt100::Parser::new(nonzero(40), nonzero(120), 0);
        let mut buffer = [0u8; 16 * 1024];
        loop {
            match reader.read(&mut buffer) {
                Ok(0) | Err(_) => return,
                Ok(n) => {
                    parser.process(&buffer[..n]);
                    let screen = parser.screen();
                    if screen.alternate_screen() && screen.contents().contains(TITLE) {
                        let _ = done.send(());
                        return;
                    }
                }
            }
        }
    });
    shown
        .recv_timeout(DEADLINE)
        .expect("the reader's first frame within the deadline");
    Running {
        master: Some(pair.master),
        child,
    }
}

fn brief_command() -> CommandBuilder {
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
    environment(&mut command);
    command
}

/// The reader under a shell that ignores `SIGHUP`: the shell is the session
/// leader, so the kernel's hang-up signal goes to it, and the reader learns
/// that its terminal is gone only from the terminal itself. The shell exits
/// with the reader's status.
fn brief_under_a_shell_ignoring_sighup() -> CommandBuilder {
    let mut command = CommandBuilder::new("sh");
    command.args([
        "-c",
        r#"trap "" HUP; "$0"; exit $?"#,
        env!("CARGO_BIN_EXE_brief"),
    ]);
    environment(&mut command);
    command
}

/// The fields of /proc/PID/stat after the command name.
fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 1..];
    Some(after_name.split_whitespace().map(str::to_string).collect())
}

/// A process that has not ended: it exists and is not a zombie.
fn is_alive(pid: u32) -> bool {
    stat_fields(pid).is_some_and(|fields| fields.first().is_some_and(|state| state != "Z"))
}

/// CPU time used so far (user and system), in clock ticks.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let fields = stat_fields(pid)?;
    // utime and stime are fields 14 and 15 of stat, 12th and 13th after the
    // name (whose field is 2).
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// The child of `parent`, the reader under a shell.
fn child_of(parent: u32) -> u32 {
    let entries = std::fs::read_dir("/proc").expect("read /proc");
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse().ok()) else {
            continue;
        };
        let ppid = stat_fields(pid).and_then(|fields| fields.get(1)?.parse::<u32>().ok());
        if ppid == Some(parent) {
            let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            assert_eq!(name.trim_end(), "brief", "the shell's child");
            return pid;
        }
    }
    panic!("process {parent} has no child");
}

/// Waits until `pid` has ended, sampling its CPU time meanwhile; returns the
/// CPU ticks it used from the first sample to the last.
fn wait_for_end(pid: u32, context: &str) -> u64 {
    let start = Instant::now();
    let first = cpu_ticks(pid).unwrap_or(0);
    let mut last = first;
    while is_alive(pid) {
        if let Some(ticks) = cpu_ticks(pid) {
            last = ticks;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "{context}: the reader is still running {:?} after its terminal went away \
             (it used {} CPU ticks meanwhile)",
            start.elapsed(),
            last - first
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    // A zombie still shows the time it used.
    if let Some(ticks) = cpu_ticks(pid) {
        last = ticks;
    }
    last.saturating_sub(first)
}

/// Clock ticks (normally 10 ms each) a reader may use between losing its
/// terminal and ending: restoring and exiting take a few milliseconds, a
/// reader spinning on the dead terminal for its half-second poll would use
/// dozens.
const CPU_ALLOWANCE: u64 = 10;

#[test]
fn closing_the_terminal_ends_the_reader_without_a_signal_and_without_spinning() {
    let mut running = start(brief_under_a_shell_ignoring_sighup());
    let reader = child_of(running.pid());
    assert!(is_alive(reader), "the reader runs before its terminal goes");
    running.hang_up();
    let used = wait_for_end(reader, "the pty closed, no signal");
    assert!(
        used <= CPU_ALLOWANCE,
        "the reader used {used} CPU ticks between losing its terminal and ending: it spun"
    );
    let status = running.wait();
    assert!(
        status.signal().is_none() && status.exit_code() == 129,
        "expected the reader (through its shell) to end with 129 after a hang-up, got {status:?}"
    );
}

#[test]
fn closing_the_terminal_of_a_session_leader_ends_it_with_status_129() {
    let mut running = start(brief_command());
    let pid = running.pid();
    assert!(is_alive(pid), "the reader runs before its terminal goes");
    // The kernel sends SIGHUP to the session leader and the reader's reads
    // see the hang-up: whichever it notices first, the status is 129.
    running.hang_up();
    let used = wait_for_end(pid, "the pty closed, SIGHUP sent");
    let status = running.wait();
    assert!(
        status.signal().is_none() && status.exit_code() == 129,
        "expected exit status 129 after a hang-up, got {status:?}"
    );
    assert!(
        used <= CPU_ALLOWANCE,
        "the reader used {used} CPU ticks between losing its terminal and ending: it spun"
    );
}

/// A terminal that stops reading (a stalled ssh connection, a frozen
/// emulator) leaves the reader blocked writing a frame (checked by hand:
/// `/proc/PID/syscall` showed `write` on fd 1 when the signal was sent), a
/// write that a signal does not interrupt: SIGTERM must end it all the
/// same, with 143.
#[test]
fn sigterm_ends_a_reader_whose_terminal_stopped_reading() {
    let mut running = start(brief_command());
    let pid = running.pid();
    let mut writer = running
        .master
        .as_ref()
        .expect("the terminal")
        .take_writer()
        .expect("pty writer");
    // Whole-screen redraws, one burst at a time, until the pty's buffer is
    // full and the reader's writes block.
    for _ in 0..300 {
        if writer.write_all(b"G").is_err() {
            break;
        }
        let _ = writer.flush();
        std::thread::sleep(Duration::from_millis(3));
        if writer.write_all(b"gg").is_err() {
            break;
        }
        let _ = writer.flush();
        std::thread::sleep(Duration::from_millis(3));
    }
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("run kill(1)");
    assert!(status.success(), "kill -TERM {pid} failed");
    wait_for_end(pid, "SIGTERM with the output blocked");
    let status = running.wait();
    assert!(
        status.signal().is_none() && status.exit_code() == 143,
        "expected exit status 143 after SIGTERM, got {status:?}"
    );
    drop(writer);
}
