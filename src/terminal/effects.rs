//! Carrying out what `update` asks of the outside world, other than
//! quitting and suspending: copying a quotation (OSC 52 to the terminal's
//! clipboard, only when the user opted in, or appending to a file named on
//! the command line), reading the briefing's files again, and handing the
//! review to its writer thread. How it went is reported back to the
//! controller as an `Input`, so the state still changes only in `update`.

use std::cell::{OnceCell, RefCell};
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine;

use crate::controller::{Effect, Input, State, update};
use crate::loader::Loaded;
use crate::review::open::ReadySaver;
use crate::review::store::Saver;
use crate::wording::counted;

/// Where `y` puts a quotation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CopyTarget {
    /// Copying is off until the user chooses one of the others.
    #[default]
    Off,
    /// The terminal's clipboard, through the OSC 52 escape sequence.
    Clipboard,
    /// Appended to this file, a quotation a line.
    File(PathBuf),
}

/// What the terminal loop needs from the command line to carry effects out.
#[derive(Default)]
pub struct Outside {
    pub copy: CopyTarget,
    /// Loads the briefing's files again, for `R`; `None` when they cannot
    /// be read again (standard input, the bundled example).
    pub reload: Option<Box<dyn Fn() -> Loaded>>,
    /// The files to watch for changes (the text and its annotations).
    pub watched: Vec<PathBuf>,
    /// The review's writer thread; none when nothing is written
    /// (`--read-only`, another reader has the review, no review layer).
    pub saver: ReviewWriter,
    /// The thread counting a search's matches.
    pub counter: super::counting::Counter,
    /// The library's workers and its search, with `brief DIR`.
    pub library: super::library::LibraryFeed,
}

/// The review's writer thread, started at the first look: the event loop
/// looks for its answers once the first frame is out, so its start is not
/// between the process's start and that frame.
#[derive(Default)]
pub struct ReviewWriter {
    ready: RefCell<Option<ReadySaver>>,
    started: OnceCell<Option<Saver>>,
}

impl ReviewWriter {
    pub fn new(ready: Option<ReadySaver>) -> ReviewWriter {
        ReviewWriter {
            ready: RefCell::new(ready),
            started: OnceCell::new(),
        }
    }

    /// The writer, started now if it was not; `None` when there is none or
    /// its thread could not be had (then a save says it was not saved).
    fn get(&self) -> Option<&Saver> {
        self.started
            .get_or_init(|| self.ready.take().and_then(|ready| ready.start().ok()))
            .as_ref()
    }

    /// The writer if it has been started, without starting it: one never
    /// started was never given anything to write.
    fn started(&self) -> Option<&Saver> {
        self.started.get().and_then(Option::as_ref)
    }
}

/// How long quitting waits for the last change to reach the disk.
const LAST_SAVE_WAIT: Duration = Duration::from_secs(3);

impl Outside {
    pub fn carry_out(&self, state: &mut State, effect: Effect) {
        let report = match effect {
            Effect::Copy(text) => self.copy(&text),
            Effect::Reload => match &self.reload {
                Some(load) => {
                    let loaded = load();
                    let warnings = loaded.warning_count();
                    let problems = loaded
                        .diagnostics
                        .iter()
                        .flat_map(|d| d.render().lines().map(str::to_string).collect::<Vec<_>>())
                        .collect();
                    let reloaded = Input::Reloaded {
                        briefing: loaded.briefing.map(Box::new),
                        problems,
                        warnings,
                    };
                    // A search in progress is searched for in the new text.
                    self.feed(state, reloaded);
                    return;
                }
                None => "nothing to reload: this briefing was not read from a file".to_string(),
            },
            Effect::SaveReview => match (self.saver.get(), state.review()) {
                (Some(saver), Some(session)) => {
                    saver.save(
                        session.generation,
                        Arc::clone(&session.review),
                        session.header.clone(),
                    );
                    return;
                }
                _ => "not saved: this review has no file to go to".to_string(),
            },
            Effect::Count(job) => {
                self.counter.start(job);
                return;
            }
            Effect::StopCounting => {
                self.counter.stop();
                return;
            }
            Effect::Open(open) => {
                self.feed(state, super::library::open_now(open));
                return;
            }
            Effect::SearchLibrary(job) => {
                self.library.start_search(job);
                return;
            }
            Effect::Quit | Effect::Suspend => return,
        };
        update(state, Input::Reported(report));
    }

    /// Hands `input` to the controller and carries out what it asks
    /// (other than quitting and suspending, which only keys ask for).
    pub fn feed(&self, state: &mut State, input: Input) {
        for effect in update(state, input) {
            self.carry_out(state, effect);
        }
    }

    /// Hands every report of the counting thread to the controller.
    /// Returns whether there were any.
    pub fn take_counted(&self, state: &mut State) -> bool {
        let mut any = false;
        while let Some(report) = self.counter.next_report() {
            self.feed(state, Input::Counted(report));
            any = true;
        }
        any
    }

    /// Hands every answer the review writer has for the controller.
    /// Returns whether there were any.
    pub fn take_saved(&self, state: &mut State) -> bool {
        let Some(saver) = self.saver.get() else {
            return false;
        };
        let mut any = false;
        while let Ok(saved) = saver.replies.try_recv() {
            update(state, Input::ReviewSaved(saved));
            any = true;
        }
        any
    }

    /// Waits (a few seconds at most) until the last change is on disk or
    /// failed: quitting must not lose what the status line called saving.
    pub fn finish_saving(&self, state: &mut State) {
        let Some(saver) = self.saver.started() else {
            return;
        };
        let deadline = Instant::now() + LAST_SAVE_WAIT;
        while state
            .review()
            .is_some_and(|s| s.unsaved() && s.failure.is_none())
        {
            let left = deadline.saturating_duration_since(Instant::now());
            match saver.replies.recv_timeout(left) {
                Ok(saved) => {
                    update(state, Input::ReviewSaved(saved));
                }
                Err(_) => break,
            }
        }
    }

    fn copy(&self, text: &str) -> String {
        let written = match &self.copy {
            CopyTarget::Off => {
                return "copying is off: start brief with --clipboard (OSC 52) or --copy-to FILE"
                    .to_string();
            }
            CopyTarget::Clipboard => write_osc52(text).map(|()| "the clipboard".to_string()),
            CopyTarget::File(path) => append(path, text).map(|()| path.display().to_string()),
        };
        match written {
            Ok(place) => {
                let length = counted(text.chars().count(), "character", "characters");
                format!("copied {length} to {place}")
            }
            Err(error) => format!("could not copy: {error}"),
        }
    }
}

/// OSC 52: the terminal sets its clipboard to the base64 payload. The
/// payload is base64, so nothing from the file reaches the terminal raw.
fn write_osc52(text: &str) -> io::Result<()> {
    let payload = base64::engine::general_purpose::STANDARD.encode(text);
    let mut stdout = io::stdout().lock();
    write!(stdout, "\x1b]52;c;{payload}\x07")?;
    stdout.flush()
}

fn append(path: &PathBuf, text: &str) -> io::Result<()> {
    let mut file = OpenOptions::new().create(true).append(true).open(path)?;
    writeln!(file, "{text}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::FileSystem;
    use crate::review::open::{Request, open};

    /// The writer is made ready when the review opens and started at the
    /// first look, once: nothing is on disk before the first save, and a
    /// save goes through the started writer.
    #[test]
    fn the_review_writer_starts_at_the_first_look_and_saves() {
        let dir = std::env::temp_dir().join(format!("brief-review-writer-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch");
        let annotations = dir.join("b.toml");
        let briefing = crate::loader::load_bundled().briefing.expect("bundled");
        let opened = open(
            &Request::default(),
            Some(&annotations),
            &briefing,
            &FileSystem,
        )
        .expect("opened");
        assert!(
            ReviewWriter::default().get().is_none(),
            "no review, no writer"
        );
        let writer = ReviewWriter::new(opened.saver);
        let listed = || std::fs::read_dir(&dir).expect("read").count();
        assert_eq!(listed(), 0, "nothing written on opening");
        let first = writer.get().expect("started") as *const Saver;
        assert!(std::ptr::eq(first, writer.get().expect("still there")));
        let review = crate::review::Review::default();
        let header = crate::review::file::Header::for_text(None, "text");
        writer
            .get()
            .expect("started")
            .save(1, Arc::new(review), header);
        let saved = writer
            .get()
            .expect("started")
            .replies
            .recv_timeout(Duration::from_secs(10))
            .expect("an answer");
        assert_eq!(saved.generation, 1);
        let written = saved.outcome.expect("written");
        assert!(written.starts_with(&dir), "{}", written.display());
        drop(writer);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
