//! Waiting for the terminal, and ending when it has gone away (an ssh
//! connection dropped, a window closed): the event loop's sleep, and a
//! watchdog for when the event loop cannot end by itself. This file owns
//! those two waits and the judgement "the terminal is gone"; it never reads
//! the terminal's bytes (crossterm does), never draws, and never decides
//! what a key does.
//!
//! Why the event loop does not sleep in crossterm's `event::poll`: on a
//! hung-up terminal every read returns 0 bytes at once, and crossterm 0.29
//! (`event/source/unix/mio.rs`) reads in a loop until it has parsed an
//! event, taking 0 bytes for "nothing yet". Once its poll has reported the
//! hang-up it never returns: the reader spun there at full speed and never
//! looked at its signals again. So [`Waiter`] sleeps in a poll of its own
//! on the terminal and on the signals, and lets crossterm read only after
//! that poll has seen the terminal still there. Its poll is edge-triggered:
//! new bytes wake it once. Bytes already waiting are crossterm's to see:
//! its `/dev/tty` source (the `use-dev-tty` feature) polls level-triggered
//! and reads until the terminal is empty, so a paste of any length is read
//! to its end without another key (the default source, edge-triggered too,
//! read 1 KiB per wake and left the rest until the next key).
//!
//! Another thread can end the event loop's sleep with a [`Nudge`] (the
//! background load, once its briefing is ready); without one the loop
//! would find the briefing at its next timeout.
//!
//! A hang-up between that look and crossterm's read (microseconds), or a
//! write blocked on a terminal that stopped reading, can still keep the
//! event loop from ending: [`Watchdog`] sees the hang-up or the ending
//! signal on a thread of its own and, if the process is still there half a
//! second later, restores what it can and exits.

use std::io::{self, Read};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use mio::unix::SourceFd;
use mio::{Events, Interest, Poll, Token, Waker};
use ratatui::crossterm::event;
use signal_hook::SigId;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGWINCH};
use signal_hook::low_level::pipe;

use super::{Ending, restore};

/// The signals that end the reader (the event loop gets them through
/// `signal_hook::iterator::Signals` as well).
const ENDING: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

/// How long the watchdog lets the event loop end by itself. It looks at its
/// signals and the terminal within milliseconds, so this only runs out when
/// it is stuck; the whole ending still stays under a second.
const GRACE: Duration = Duration::from_millis(500);

/// How long the watchdog waits for its attempt to restore the terminal,
/// which blocks if the stuck event loop holds stdout's lock.
const RESTORE_WAIT: Duration = Duration::from_millis(100);

/// How long crossterm is given to say whether it has an event. Not zero:
/// with a zero timeout its `/dev/tty` source never looks, neither at the
/// events it parsed from its last read nor at the terminal (crossterm
/// issue 839), and a paste's events sat parsed and unseen. When nothing is
/// there, crossterm polls the terminal again and again until the time is
/// up, so the look costs all of it. If the thread is held up for longer
/// than this before crossterm looks, the look says nothing.
///
/// Before sleeping, the look is long enough to be sure: the frame is out
/// already, and events missed here would wait for the sleep to end.
const PEEK_BEFORE_SLEEP: Duration = Duration::from_micros(50);

/// Between a key and its frame, the look is short: 50 µs there were a
/// twentieth of a key's frame in a pty. An event it misses only means a
/// frame drawn early; the look before sleeping finds it.
const PEEK_IN_BURST: Duration = Duration::from_micros(8);

/// The exit status of a hang-up told by the terminal rather than by a
/// signal: the same as for `SIGHUP`, which usually comes with it, so that
/// whichever is noticed first the status is the same.
pub const HANG_UP_STATUS: u8 = 128 + SIGHUP as u8;

const TERMINAL: Token = Token(0);
const DONE: Token = Token(1);
/// Another thread has something for the event loop ([`Nudge`]).
const NUDGED: Token = Token(2);
/// The token of the first signal's socket; the others follow.
const FIRST_SIGNAL: usize = 3;

/// Wakes the event loop from another thread: the background load, once
/// its result is on the channel, so that the briefing is drawn when it
/// arrives rather than at the loop's next timeout.
pub struct Nudge(Arc<Waker>);

impl Nudge {
    pub fn nudge(&self) {
        // Failing, the loop still looks at its next timeout.
        let _ = self.0.wake();
    }
}

/// What the event loop is to do after waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Wake {
    /// crossterm has an event ready: `event::read` will not block.
    Input,
    /// Nothing to read: the time ran out, or a signal arrived (the loop
    /// looks at its signals next).
    Quiet,
    /// The terminal is gone.
    HungUp,
}

/// What one look at the poll saw.
#[derive(PartialEq, Eq)]
enum Seen {
    Nothing,
    /// Input or a signal: worth asking crossterm.
    Something,
    HungUp,
}

/// The event loop's sleep: the terminal and the signals, polled without
/// letting crossterm near a hung-up terminal.
/// The terminal the keys come from: standard input, or `/dev/tty` when
/// standard input is a pipe (`brief -`), as crossterm reads it.
enum KeySource {
    Stdin,
    Tty(std::fs::File),
}

impl KeySource {
    fn open() -> io::Result<KeySource> {
        // By the kind of file, not `isatty`: a terminal that has hung up is
        // still a character device, but `isatty` on it may fail, and then
        // there is no `/dev/tty` to open either.
        use std::os::unix::fs::FileTypeExt;
        let piped = std::fs::metadata("/dev/stdin").is_ok_and(|m| !m.file_type().is_char_device());
        if piped {
            std::fs::File::open("/dev/tty").map(KeySource::Tty)
        } else {
            Ok(KeySource::Stdin)
        }
    }

    fn fd(&self) -> std::os::fd::RawFd {
        match self {
            KeySource::Stdin => io::stdin().as_raw_fd(),
            KeySource::Tty(file) => file.as_raw_fd(),
        }
    }
}

pub(super) struct Waiter {
    /// Kept open while it is watched.
    _keys: KeySource,
    poll: Poll,
    nudger: Arc<Waker>,
    events: Events,
    signals: Vec<Watched>,
    /// A signal arrived since the last wait: the loop must look at its
    /// signals before sleeping again (this poll will not wake for it twice).
    signalled: bool,
    /// Likewise a nudge: the load's result is waiting on its channel.
    nudged: bool,
    hung_up: bool,
}

impl Waiter {
    /// Starts watching the terminal the keys come from and the signals.
    /// crossterm starts listening for resizes on its first poll: this makes
    /// that poll before registering its own `SIGWINCH` action, so that
    /// crossterm's wake-up byte is written first and a resize that wakes
    /// this poll is already there for crossterm to report.
    pub(super) fn new() -> io::Result<Waiter> {
        let poll = Poll::new()?;
        let keys = KeySource::open()?;
        poll.registry()
            .register(&mut SourceFd(&keys.fd()), TERMINAL, Interest::READABLE)?;
        let nudger = Arc::new(Waker::new(poll.registry(), NUDGED)?);
        let mut waiter = Waiter {
            _keys: keys,
            poll,
            nudger,
            events: Events::with_capacity(8),
            signals: Vec::new(),
            signalled: false,
            nudged: false,
            hung_up: false,
        };
        // Registering a terminal that has already hung up reports it.
        if waiter.look(Some(Duration::ZERO))? == Seen::HungUp {
            waiter.hung_up = true;
        } else {
            event::poll(Duration::ZERO)?;
        }
        for (index, signal) in [SIGWINCH].into_iter().chain(ENDING).enumerate() {
            let watched = Watched::new(signal, &waiter.poll, index)?;
            waiter.signals.push(watched);
        }
        Ok(waiter)
    }

    /// A way for another thread to end the event loop's wait.
    pub(super) fn nudge(&self) -> Nudge {
        Nudge(Arc::clone(&self.nudger))
    }

    /// Waits up to `timeout` for an event, a signal, a nudge or the
    /// terminal going
    /// away. Events crossterm has already read and parsed are reported at
    /// once: they would not wake this poll.
    pub(super) fn wait(&mut self, timeout: Duration) -> io::Result<Wake> {
        let ready = self.ready_within(PEEK_BEFORE_SLEEP)?;
        let signalled = std::mem::take(&mut self.signalled);
        let nudged = std::mem::take(&mut self.nudged);
        if ready != Wake::Quiet || signalled || nudged {
            return Ok(ready);
        }
        let seen = self.look(Some(timeout))?;
        self.signalled = false;
        self.nudged = false;
        match seen {
            Seen::Nothing => Ok(Wake::Quiet),
            Seen::Something => self.ready_within(PEEK_BEFORE_SLEEP),
            Seen::HungUp => {
                self.hung_up = true;
                Ok(Wake::HungUp)
            }
        }
    }

    /// Whether crossterm has an event ready, without waiting (the short
    /// look, for between a key and its frame).
    pub(super) fn ready(&mut self) -> io::Result<Wake> {
        self.ready_within(PEEK_IN_BURST)
    }

    /// Whether crossterm has an event ready, giving it `peek` to look:
    /// crossterm is asked only once this poll has seen the terminal still
    /// there.
    fn ready_within(&mut self, peek: Duration) -> io::Result<Wake> {
        if !self.hung_up && self.look(Some(Duration::ZERO))? == Seen::HungUp {
            self.hung_up = true;
        }
        if self.hung_up {
            return Ok(Wake::HungUp);
        }
        Ok(if event::poll(peek)? {
            Wake::Input
        } else {
            Wake::Quiet
        })
    }

    fn look(&mut self, timeout: Option<Duration>) -> io::Result<Seen> {
        match self.poll.poll(&mut self.events, timeout) {
            Ok(()) => {}
            // A signal interrupted the wait: let the loop look at it.
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {
                return Ok(Seen::Something);
            }
            Err(error) => return Err(error),
        }
        let mut seen = Seen::Nothing;
        for event in &self.events {
            if event.token() == TERMINAL && (event.is_read_closed() || event.is_error()) {
                return Ok(Seen::HungUp);
            }
            if let Some(signal) = signal_of(&mut self.signals, event.token()) {
                signal.drain();
                self.signalled = true;
            }
            if event.token() == NUDGED {
                self.nudged = true;
            }
            seen = Seen::Something;
        }
        Ok(seen)
    }
}

/// One signal received through a socket of its own, polled with the token
/// `FIRST_SIGNAL + index`. A socket per signal rather than copies of one:
/// signal-hook owns (and closes) the write end it is given, and only the
/// socket pair's own descriptors carry traffic (`tests/offline.rs` holds
/// the reader to that).
struct Watched {
    signal: i32,
    receiver: UnixStream,
    id: Option<SigId>,
}

impl Watched {
    fn new(signal: i32, poll: &Poll, index: usize) -> io::Result<Watched> {
        let (receiver, sender) = UnixStream::pair()?;
        receiver.set_nonblocking(true)?;
        sender.set_nonblocking(true)?;
        poll.registry().register(
            &mut SourceFd(&receiver.as_raw_fd()),
            Token(FIRST_SIGNAL + index),
            Interest::READABLE,
        )?;
        let id = pipe::register(signal, sender)?;
        Ok(Watched {
            signal,
            receiver,
            id: Some(id),
        })
    }

    /// Reads the socket empty: the poll is edge-triggered, so bytes left
    /// behind would never wake it again.
    fn drain(&mut self) {
        let mut buffer = [0u8; 64];
        while matches!(self.receiver.read(&mut buffer), Ok(n) if n > 0) {}
    }
}

impl Drop for Watched {
    fn drop(&mut self) {
        if let Some(id) = self.id.take() {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// The signal a poll token stands for.
fn signal_of(signals: &mut [Watched], token: Token) -> Option<&mut Watched> {
    let index = token.0.checked_sub(FIRST_SIGNAL)?;
    signals.get_mut(index)
}

/// An error from the event loop means a hang-up if the terminal is gone:
/// writing a frame to a hung-up terminal fails (`EIO`) before a read tells.
pub(super) fn judge(result: io::Result<Ending>) -> io::Result<Ending> {
    match result {
        Err(_) if terminal_gone() => Ok(Ending::HungUp),
        other => other,
    }
}

/// Whether standard input is a hung-up terminal, asked afresh: a new poll
/// reports the terminal's state when it is registered.
fn terminal_gone() -> bool {
    let Ok(mut poll) = Poll::new() else {
        return false;
    };
    // With the keys on `/dev/tty`, a terminal that cannot be opened again
    // is gone.
    let Ok(keys) = KeySource::open() else {
        return true;
    };
    let terminal = keys.fd();
    let registered =
        poll.registry()
            .register(&mut SourceFd(&terminal), TERMINAL, Interest::READABLE);
    let mut events = Events::with_capacity(1);
    registered.is_ok()
        && poll.poll(&mut events, Some(Duration::ZERO)).is_ok()
        && events
            .iter()
            .any(|event| event.is_read_closed() || event.is_error())
}

/// Ends the process if the event loop has not ended within [`GRACE`] of a
/// hang-up or an ending signal. Dropping it (once the terminal is restored)
/// stops the watch.
pub(super) struct Watchdog {
    waker: Waker,
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        let _ = self.waker.wake();
    }
}

impl Watchdog {
    /// Starts the watch on a thread of its own; `None` if that cannot be
    /// had, and the reader runs without one.
    pub(super) fn start(mouse: bool) -> Option<Watchdog> {
        let poll = Poll::new().ok()?;
        let waker = Waker::new(poll.registry(), DONE).ok()?;
        let keys = KeySource::open().ok()?;
        poll.registry()
            .register(&mut SourceFd(&keys.fd()), TERMINAL, Interest::READABLE)
            .ok()?;
        let mut watched = Vec::new();
        for (index, signal) in ENDING.into_iter().enumerate() {
            watched.push(Watched::new(signal, &poll, index).ok()?);
        }
        let spawned = std::thread::Builder::new()
            .name("watchdog".to_string())
            .spawn(move || {
                // The terminal stays open as long as it is watched.
                let _keys = keys;
                watch(poll, watched, mouse)
            });
        spawned.ok().map(|_| Watchdog { waker })
    }
}

/// The watchdog's thread: waits for an ending, then for the event loop to
/// end, and ends the process itself if it does not.
fn watch(mut poll: Poll, mut watched: Vec<Watched>, mouse: bool) {
    let mut events = Events::with_capacity(8);
    let status = loop {
        match poll.poll(&mut events, None) {
            Ok(()) => {}
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            // Cannot watch: the event loop is on its own, as without one.
            Err(_) => return,
        }
        let mut ending = None;
        for event in &events {
            match event.token() {
                DONE => return,
                TERMINAL if event.is_read_closed() || event.is_error() => {
                    ending = Some(HANG_UP_STATUS);
                }
                TERMINAL => {}
                token => {
                    if let Some(signal) = signal_of(&mut watched, token) {
                        signal.drain();
                        ending = ending.or(u8::try_from(128 + signal.signal).ok());
                    }
                }
            }
        }
        if let Some(status) = ending {
            break status;
        }
    };
    let deadline = Instant::now() + GRACE;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        match poll.poll(&mut events, Some(left)) {
            Ok(()) if events.iter().any(|event| event.token() == DONE) => return,
            Ok(()) => {}
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => std::thread::sleep(left),
        }
    }
    give_up(status, mouse);
}

/// The event loop is stuck: restore what can be restored and exit. The
/// restoring runs on a thread of its own because it takes stdout's lock,
/// which the stuck loop may be holding in a blocked write.
fn give_up(status: u8, mouse: bool) -> ! {
    let (sender, restored) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("restore".to_string())
        .spawn(move || {
            restore(mouse);
            let _ = sender.send(());
        });
    if spawned.is_ok() {
        let _ = restored.recv_timeout(RESTORE_WAIT);
    }
    std::process::exit(i32::from(status));
}
