//! The terminal: raw mode and the alternate screen, the event loop, and
//! putting everything back. The terminal is restored on quit, on panic, on
//! SIGTERM, SIGHUP, SIGINT and SIGQUIT, when the terminal goes away
//! (`hangup`), and around `Ctrl-z`.
//!
//! This is the only module that talks to the terminal; it turns terminal
//! events into `Input`s, hands them to `controller::update`, and carries
//! out the `Effect`s that come back (quit, suspend, copy, reload).
//! Frames are drawn by `screen`: rendered by `ui`, encoded as the
//! difference from the last one (`diff_frame`; the first, and the first
//! after a resize, whole: `first_frame`), and sent in one write.

use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, KeyboardEnhancementFlags, MouseEventKind,
    PopKeyboardEnhancementFlags, PushKeyboardEnhancementFlags,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

mod cell_writer;
mod counting;
mod diff_frame;
mod effects;
mod first_frame;
mod hangup;
pub mod library;
mod screen;
mod watch;

pub use cell_writer::Colors;
pub use diff_frame::{CLEAR, encode_diff_frame};
pub use effects::{CopyTarget, Outside, ReviewWriter};
pub use first_frame::encode_first_frame;
pub use hangup::{HANG_UP_STATUS, Nudge};

use hangup::{Waiter, Wake};
use screen::Screen;

use crate::controller::{Action, Effect, Input, Key, KeyPress, State, update};
use crate::loader::Loaded;
use crate::theme::Theme;

/// Starts the full load behind a preview and says where its result will
/// arrive; the load nudges the event loop when it is there. It is called
/// once the first frame is out: loading ten megabytes at the same time
/// would slow that frame down (both threads fault in fresh pages under one
/// memory map).
pub type StartLoad = Box<dyn FnOnce(Nudge) -> Receiver<Loaded>>;

/// How long a burst of input goes on before a frame is drawn in the middle
/// of it.
const BURST_FRAME: Duration = Duration::from_millis(50);

/// How often a review that failed to save is tried again.
const SAVE_RETRY: Duration = Duration::from_secs(2);

/// How the reader ended.
#[derive(Debug)]
pub enum Ending {
    Quit,
    /// Stopped by this signal.
    Signal(i32),
    /// The terminal went away (its reads hung up), whether or not
    /// `SIGHUP` came with it.
    HungUp,
    /// The full load behind a preview found errors: the caller prints them.
    LoadFailed(Box<Loaded>),
}

/// Puts the terminal back: main screen, cooked mode, cursor, no mouse.
/// Safe to call more than once.
pub fn restore(mouse: bool) {
    let mut stdout = io::stdout();
    if mouse {
        let _ = execute!(stdout, DisableMouseCapture);
    }
    // Kitty keeps a flag stack per screen: pop on the alternate screen.
    let _ = execute!(
        stdout,
        DisableBracketedPaste,
        PopKeyboardEnhancementFlags,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = stdout.flush();
}

fn enter(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    let mut stdout = io::stdout();
    // Where the terminal speaks the keyboard-enhancement protocol (kitty,
    // foot, WezTerm), Ctrl-i arrives apart from Tab and Esc apart from
    // Alt-key; elsewhere the request is ignored and keys come as before.
    // A bracketed paste arrives as one piece of text, not as keys: a
    // pasted paragraph is never thousands of commands.
    execute!(
        stdout,
        EnterAlternateScreen,
        EnableBracketedPaste,
        PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES),
        ratatui::crossterm::cursor::Hide
    )?;
    if mouse {
        execute!(stdout, EnableMouseCapture)?;
    }
    Ok(())
}

/// Restores the terminal before any panic message is printed, in whatever
/// thread panics.
fn install_panic_hook(mouse: bool) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore(mouse);
        previous(info);
        // A panic off the main thread would leave the reader running on a
        // restored (cooked, main-screen) terminal: end the process instead.
        if std::thread::current().name() != Some("main") {
            std::process::exit(101);
        }
    }));
}

/// For the end-to-end tests only: `BRIEF_TEST_PANIC=main` or `=thread`
/// makes the reader panic after its first frame, to prove the terminal is
/// restored and the exit status is non-zero.
fn test_panic_trigger() {
    match std::env::var("BRIEF_TEST_PANIC").as_deref() {
        Ok("main") => panic!("BRIEF_TEST_PANIC: a panic on the main thread"),
        Ok("thread") => {
            let worker = std::thread::Builder::new()
                .name("test-worker".to_string())
                .spawn(|| panic!("BRIEF_TEST_PANIC: a panic on a worker thread"));
            if let Ok(worker) = worker {
                let _ = worker.join();
            }
        }
        _ => {}
    }
}

/// Runs the reader until the user quits or a signal arrives. With
/// `pending`, the state shows a preview and the full briefing arrives
/// there, loaded on another thread while the reader takes keys. Meant to
/// be called once, just before the process ends: the state is left
/// unfreed.
pub fn run(
    mut state: State,
    theme: &Theme,
    pending: Option<StartLoad>,
    outside: &Outside,
) -> io::Result<Ending> {
    let mouse = state.mouse();
    let mut signals = watch_signals()?;
    let watchdog = hangup::Watchdog::start(mouse);
    install_panic_hook(mouse);
    let result =
        enter(mouse).and_then(|()| event_loop(&mut state, theme, &mut signals, pending, outside));
    restore(mouse);
    drop(watchdog);
    // Called once, as the reader ends, and the process ends next: the
    // state is not freed. Freeing a large briefing piece by piece (a
    // million allocations at 100 MB) would only hold the shell's prompt
    // back for memory the kernel takes back whole anyway.
    std::mem::forget(state);
    hangup::judge(result)
}

/// The signals that end the reader, caught from now on. The event loop
/// looks at them each time round: `hangup::Waiter` wakes it for each one.
fn watch_signals() -> io::Result<Signals> {
    // SIGTSTP is left alone: with a handler installed it could only be
    // emulated by SIGSTOP, which also stops a reader whose process group
    // has no job-control shell (ssh -t host brief), with no way back.
    Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
}

fn event_loop(
    state: &mut State,
    theme: &Theme,
    signals: &mut Signals,
    pending: Option<StartLoad>,
    outside: &Outside,
) -> io::Result<Ending> {
    let mut screen = Screen::first(state, theme)?;
    // crossterm starts listening for resizes on its first poll, which the
    // waiter makes; made once the first screen is out (before it, it held
    // that screen back by about a tenth of a millisecond, docs/
    // PERFORMANCE.md, "First screen, fourth round"). A resize between the
    // first frame's size and that poll would have no event: the size is
    // looked at again.
    let mut waiter = Waiter::new()?;
    if let Some((width, height)) = screen.resized()? {
        update(state, Input::Resize(width, height));
        screen.draw(state, theme)?;
    }
    let mut files = watch::FileWatch::new(outside.watched.clone());
    let mut pending = pending.map(|start| start(waiter.nudge()));
    test_panic_trigger();
    let mut last_retry = Instant::now();
    loop {
        if let Some(signal) = signals.pending().next() {
            outside.finish_saving(state);
            return Ok(Ending::Signal(signal));
        }
        let library = outside.library.take_reports(state) | outside.library.take_found(state);
        if library | outside.take_saved(state) | outside.take_counted(state) {
            screen.draw(state, theme)?;
        }
        if let Some(receiver) = &pending {
            match receiver.try_recv() {
                Ok(loaded) => {
                    pending = None;
                    let warnings = loaded.warning_count();
                    let named = loaded.path.clone();
                    let Some(briefing) = loaded.briefing else {
                        return Ok(Ending::LoadFailed(Box::new(loaded)));
                    };
                    let loaded = Input::Loaded {
                        briefing: Box::new(briefing),
                        warnings,
                        path: named,
                    };
                    outside.feed(state, loaded);
                    screen.draw(state, theme)?;
                }
                Err(mpsc::TryRecvError::Empty) => {}
                // The loading thread is gone without an answer: it panicked,
                // and the panic hook is already ending the process.
                Err(mpsc::TryRecvError::Disconnected) => pending = None,
            }
        }
        // While a load or a save is pending, wake often enough to show it
        // promptly.
        let saving = state.review().is_some_and(|s| s.unsaved());
        let busy = pending.is_some() || saving || state.counting() || outside.library.busy(state);
        let wait = if busy { 10 } else { 200 };
        match waiter.wait(Duration::from_millis(wait))? {
            Wake::Input => {}
            Wake::Quiet => {
                let failed = state
                    .review()
                    .is_some_and(|s| s.failure.is_some() && s.unsaved());
                if failed && last_retry.elapsed() >= SAVE_RETRY {
                    last_retry = Instant::now();
                    outside.carry_out(state, Effect::SaveReview);
                }
                if files.changed() {
                    let reload = state.key_name(Action::Reload);
                    let notice = format!("the files changed on disk: {reload} reads them again");
                    update(state, Input::Reported(notice));
                    screen.draw(state, theme)?;
                }
                continue;
            }
            Wake::HungUp => return Ok(Ending::HungUp),
        }
        // Take everything already queued before drawing again, so a burst
        // of keys or resizes costs one frame; a burst that goes on (a long
        // paste in a terminal without bracketed paste) still gets a frame
        // every `BURST_FRAME`.
        let mut burst = Instant::now();
        // A search's counting thread starts once the frame is out: started
        // before, it took the core the frame was being drawn on (typing a
        // search pattern in a pty: 2-4 ms a key instead of about 1).
        let mut after_frame = Vec::new();
        loop {
            let input = match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => {
                    key_press(&key).map(Input::Key)
                }
                // The size asked where the frames go, as every frame does:
                // crossterm's numbers come from the controlling terminal.
                Event::Resize(..) => {
                    let (width, height) = screen.size()?;
                    Some(Input::Resize(width, height))
                }
                Event::Paste(text) => Some(Input::Paste(text)),
                Event::Mouse(mouse) => match mouse.kind {
                    MouseEventKind::Down(_) => Some(Input::Click(mouse.column, mouse.row)),
                    MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Input::Wheel {
                        down: mouse.kind == MouseEventKind::ScrollDown,
                        column: mouse.column,
                        row: mouse.row,
                    }),
                    _ => None,
                },
                _ => None,
            };
            for effect in input.map(|input| update(state, input)).unwrap_or_default() {
                match effect {
                    Effect::Quit => {
                        outside.finish_saving(state);
                        return Ok(Ending::Quit);
                    }
                    Effect::Suspend => suspend(state, &mut screen)?,
                    Effect::Reload => {
                        // The times before reading: a save during the load
                        // is still told.
                        files.reset();
                        outside.carry_out(state, Effect::Reload);
                    }
                    // Held in order with the count they stop.
                    held @ (Effect::Count(_) | Effect::StopCounting) => after_frame.push(held),
                    other => outside.carry_out(state, other),
                }
            }
            match waiter.ready()? {
                Wake::Input => {}
                Wake::Quiet => break,
                Wake::HungUp => return Ok(Ending::HungUp),
            }
            if burst.elapsed() >= BURST_FRAME {
                after_frame.extend(update(state, Input::Settle));
                screen.draw(state, theme)?;
                carry_out_after_frame(state, outside, &mut after_frame);
                burst = Instant::now();
            }
        }
        // No key waiting: the work put off during the burst, once.
        after_frame.extend(update(state, Input::Settle));
        screen.draw(state, theme)?;
        carry_out_after_frame(state, outside, &mut after_frame);
    }
}

/// Carries out the effects held back until a frame was drawn (in order:
/// a count asked for and then stopped is stopped).
fn carry_out_after_frame(state: &mut State, outside: &Outside, held: &mut Vec<Effect>) {
    for effect in held.drain(..) {
        outside.carry_out(state, effect);
    }
}

/// `Ctrl-z`: give the terminal back, stop, and take it again
/// on `fg`, at whatever size the terminal has then.
fn suspend(state: &mut State, screen: &mut Screen) -> io::Result<()> {
    restore(state.mouse());
    // With no handler for SIGTSTP, the kernel stops the process, or, when
    // no shell could continue it (an orphaned process group), ignores it.
    signal_hook::low_level::raise(SIGTSTP)?;
    // Execution continues here after SIGCONT.
    enter(state.mouse())?;
    // The next frame clears the terminal and draws everything.
    screen.forget();
    let (width, height) = screen.size()?;
    update(state, Input::Resize(width, height));
    Ok(())
}

/// A crossterm key as the controller's key press.
pub fn key_press(event: &KeyEvent) -> Option<KeyPress> {
    let key = match event.code {
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::F(n) => Key::F(n),
        _ => return None,
    };
    Some(KeyPress {
        key,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        alt: event.modifiers.contains(KeyModifiers::ALT),
    })
}
