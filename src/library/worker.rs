//! The library's background work: one thread walks the folder and hands
//! each file found to indexing threads, which load and summarise it; every
//! finding is sent on a channel as it is made, so the reader lists rows
//! while the walk goes on and fills them in as they are indexed. Dropping
//! the `Worker` stops the threads at their next file.
//!
//! Owns the threads and their order of work; must not touch the terminal
//! or the controller's state (the terminal loop hands the reports to
//! `update`).

use std::collections::VecDeque;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex};

use super::index::{self, Summary};
use super::scan::{self, Candidate, Skipped};

/// What the workers found, in the order the library takes it in: a
/// briefing is always `Found` before it is `Indexed`, by its position in
/// the order found.
#[derive(Debug, Clone)]
pub enum Report {
    Found(Vec<Candidate>, Vec<Skipped>),
    /// The walk is over.
    Walked,
    Indexed(usize, Box<Summary>),
}

/// How a summary is made: the loader by default, a cache in front of it
/// when there is one.
pub type Summarise = Arc<dyn Fn(&Candidate) -> Summary + Send + Sync>;

/// The running threads; dropping it stops them.
pub struct Worker {
    pub reports: Receiver<Report>,
    stop: Arc<AtomicBool>,
    queue_wake: Shared,
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let (lock, wake) = &*self.queue_wake;
        if let Ok(mut queue) = lock.lock() {
            queue.walked = true;
        }
        wake.notify_all();
    }
}

#[derive(Default)]
struct Queue {
    waiting: VecDeque<(usize, Candidate)>,
    walked: bool,
}

type Shared = Arc<(Mutex<Queue>, Condvar)>;

impl Worker {
    /// Starts walking `root` with `threads` indexing threads (at least one).
    pub fn start(root: &Path, threads: usize, summarise: Summarise) -> Worker {
        Self::start_then(root, threads, summarise, Box::new(|| {}))
    }

    /// As [`Worker::start`], and calls `done` on the last indexing thread
    /// once every file found has been indexed (not when stopped early).
    pub fn start_then(
        root: &Path,
        threads: usize,
        summarise: Summarise,
        done: Box<dyn FnOnce() + Send>,
    ) -> Worker {
        let done = Arc::new(Mutex::new(Some(done)));
        let live = Arc::new(std::sync::atomic::AtomicUsize::new(threads.max(1)));
        let (sender, reports) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let shared: Shared = Arc::new((Mutex::new(Queue::default()), Condvar::new()));
        for n in 0..threads.max(1) {
            let sender = sender.clone();
            let stop = Arc::clone(&stop);
            let shared = Arc::clone(&shared);
            let summarise = Arc::clone(&summarise);
            let done = Arc::clone(&done);
            let live = Arc::clone(&live);
            let _ = std::thread::Builder::new()
                .name(format!("library-index-{n}"))
                .spawn(move || {
                    index_loop(&shared, &sender, &stop, &*summarise);
                    let last = live.fetch_sub(1, Ordering::AcqRel) == 1;
                    if last && !stop.load(Ordering::Relaxed) {
                        let finish = done.lock().ok().and_then(|mut d| d.take());
                        if let Some(finish) = finish {
                            finish();
                        }
                    }
                });
        }
        let root = root.to_path_buf();
        let walker_stop = Arc::clone(&stop);
        let walker_shared = Arc::clone(&shared);
        let _ = std::thread::Builder::new()
            .name("library-walk".to_string())
            .spawn(move || walk_loop(&root, &walker_shared, &sender, &walker_stop));
        Worker {
            reports,
            stop,
            queue_wake: shared,
        }
    }
}

fn walk_loop(root: &Path, shared: &Shared, sender: &Sender<Report>, stop: &AtomicBool) {
    let mut found = 0usize;
    scan::walk(
        root,
        |candidates, skipped| {
            if candidates.is_empty() && skipped.is_empty() {
                return;
            }
            // Found before queued: an indexing thread may send a file's
            // summary as soon as it is queued, and the library places a
            // summary by the file's position among those found.
            let queued: Vec<Candidate> = candidates.clone();
            let _ = sender.send(Report::Found(candidates, skipped));
            let (lock, wake) = &**shared;
            if let Ok(mut queue) = lock.lock() {
                for candidate in queued {
                    queue.waiting.push_back((found, candidate));
                    found += 1;
                }
            }
            wake.notify_all();
        },
        || !stop.load(Ordering::Relaxed),
    );
    let (lock, wake) = &**shared;
    if let Ok(mut queue) = lock.lock() {
        queue.walked = true;
    }
    wake.notify_all();
    let _ = sender.send(Report::Walked);
}

fn index_loop(
    shared: &Shared,
    sender: &Sender<Report>,
    stop: &AtomicBool,
    summarise: &(dyn Fn(&Candidate) -> Summary + Send + Sync),
) {
    let (lock, wake) = &**shared;
    loop {
        let next = {
            let Ok(mut queue) = lock.lock() else {
                return;
            };
            loop {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                if let Some(next) = queue.waiting.pop_front() {
                    break next;
                }
                if queue.walked {
                    return;
                }
                queue = match wake.wait(queue) {
                    Ok(queue) => queue,
                    Err(_) => return,
                };
            }
        };
        let (at, candidate) = next;
        let summary = summarise(&candidate);
        if sender.send(Report::Indexed(at, Box::new(summary))).is_err() {
            // Nobody is listening any more.
            return;
        }
    }
}

/// The loader's summary, with no cache.
pub fn plain_summarise() -> Summarise {
    Arc::new(index::summarise)
}

/// Walks and indexes `root` on this thread: tests and benchmarks.
pub fn index_now(root: &Path, overrides: super::Overrides) -> super::Library {
    let mut library = super::Library::new(root, overrides);
    let walk = scan::walk_all(root);
    let candidates = walk.candidates.clone();
    library.absorb(Report::Found(walk.candidates, walk.skipped));
    library.absorb(Report::Walked);
    for (at, candidate) in candidates.iter().enumerate() {
        library.absorb(Report::Indexed(at, Box::new(index::summarise(candidate))));
    }
    library
}
