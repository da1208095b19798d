//! The library's outside work for the reader: the workers' reports handed
//! to `update` as they come, briefings loaded for `Effect::Open`, and the
//! search over every text on a thread of its own (a new search stops the
//! one before). `carry_out_now` does the same on the caller's thread, for
//! `brief render`, tests and benchmarks.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};

use crate::controller::{Effect, Effects, Input, Open, State, update};
use crate::library::search::{self, Hit, SearchJob};
use crate::library::worker::Worker;
use crate::loader::{self, FileSystem};

/// A library search running on its thread.
struct Running {
    generation: u64,
    stop: Arc<AtomicBool>,
    found: Receiver<Vec<Hit>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// The library's threads, as the terminal loop sees them.
#[derive(Default)]
pub struct LibraryFeed {
    pub worker: Option<Worker>,
    search: RefCell<Option<Running>>,
}

impl LibraryFeed {
    pub fn new(worker: Worker) -> Self {
        LibraryFeed {
            worker: Some(worker),
            search: RefCell::new(None),
        }
    }

    /// Hands the workers' reports so far to the controller, as one input.
    /// Returns whether there were any.
    pub fn take_reports(&self, state: &mut State) -> bool {
        let Some(worker) = &self.worker else {
            return false;
        };
        // A bounded batch: a frame is drawn between batches, so the list
        // grows on screen instead of after the whole walk.
        let reports: Vec<_> = worker.reports.try_iter().take(4096).collect();
        if reports.is_empty() {
            return false;
        }
        update(state, Input::Library(reports));
        true
    }

    /// Hands the search's matches so far to the controller.
    pub fn take_found(&self, state: &mut State) -> bool {
        let mut any = false;
        let mut done = false;
        if let Some(running) = self.search.borrow().as_ref() {
            loop {
                match running.found.try_recv() {
                    Ok(hits) => {
                        update(
                            state,
                            Input::LibraryFound {
                                generation: running.generation,
                                hits,
                            },
                        );
                        any = true;
                    }
                    Err(mpsc::TryRecvError::Empty) => break,
                    Err(mpsc::TryRecvError::Disconnected) => {
                        done = true;
                        break;
                    }
                }
            }
        }
        if done {
            self.search.replace(None);
        }
        any
    }

    /// Whether work is under way that the loop should wake often for.
    pub fn busy(&self, state: &State) -> bool {
        self.search.borrow().is_some()
            || (self.worker.is_some() && state.library().is_some_and(|v| !v.library.complete()))
    }

    /// Starts searching every text for `job`, stopping the search before.
    pub fn start_search(&self, job: SearchJob) {
        let stop = Arc::new(AtomicBool::new(false));
        let (sender, found) = mpsc::channel();
        let generation = job.generation;
        let running = Arc::clone(&stop);
        let spawned = std::thread::Builder::new()
            .name("library-search".to_string())
            .spawn(move || {
                search::run(&job, |hits| {
                    !running.load(Ordering::Relaxed) && sender.send(hits).is_ok()
                });
            });
        let next = spawned.ok().map(|_| Running {
            generation,
            stop,
            found,
        });
        self.search.replace(next);
    }
}

/// Loads the briefing an `Effect::Open` names.
pub fn open_now(open: Open) -> Input {
    let loaded = loader::load(&open.path, &FileSystem);
    let briefing = match loaded.briefing {
        Some(briefing) => Ok(Box::new(briefing)),
        None => Err(loaded
            .diagnostics
            .iter()
            .flat_map(|d| d.render().lines().map(str::to_string).collect::<Vec<_>>())
            .collect()),
    };
    Input::Opened { open, briefing }
}

/// Carries out the library's effects among `effects` on this thread
/// (opening briefings, searching the library), feeding the answers to
/// `update`; returns the other effects.
pub fn carry_out_now(state: &mut State, effects: Effects) -> Effects {
    let mut others = Effects::new();
    let mut queue: std::collections::VecDeque<Effect> = effects.into();
    while let Some(effect) = queue.pop_front() {
        match effect {
            Effect::Open(open) => queue.extend(update(state, open_now(open))),
            Effect::SearchLibrary(job) => {
                let mut found = Vec::new();
                search::run(&job, |hits| {
                    found.push(hits);
                    true
                });
                for hits in found {
                    queue.extend(update(
                        state,
                        Input::LibraryFound {
                            generation: job.generation,
                            hits,
                        },
                    ));
                }
            }
            other => others.push(other),
        }
    }
    others
}

/// Types `notation`'s keys one at a time as `controller::press` does,
/// carrying out each key's library effects before the next key (so keys
/// after an `Enter` act in the briefing it opened); returns the other
/// effects.
pub fn press_now(state: &mut State, notation: &str) -> Result<Effects, String> {
    let mut effects = Effects::new();
    for key in crate::controller::parse_sequence(notation)? {
        let asked = update(state, Input::Key(key));
        let asked = crate::controller::count_at_once(state, asked);
        effects.extend(carry_out_now(state, asked));
    }
    let settled = update(state, Input::Settle);
    let settled = crate::controller::count_at_once(state, settled);
    effects.extend(carry_out_now(state, settled));
    Ok(effects)
}
