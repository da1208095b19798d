//! The thread that counts a search's matches through the whole text
//! (`controller::found::count`), so that typing a search pattern never
//! waits for a large text to be searched. One count runs at a time: a new
//! one, or `Effect::StopCounting`, cancels the one before. Its reports
//! come back on a channel the event loop drains (`Outside::take_counted`),
//! and reach the controller as `Input::Counted`; this module never changes the reader's state.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};

use crate::controller::found::{CountJob, Counted, count};

/// The counting thread of the moment, and where its reports arrive.
pub struct Counter {
    reports: Receiver<Counted>,
    sender: Sender<Counted>,
    /// Set to stop the running count.
    cancel: Mutex<Option<Arc<AtomicBool>>>,
}

impl Default for Counter {
    fn default() -> Self {
        let (sender, reports) = mpsc::channel();
        Counter {
            reports,
            sender,
            cancel: Mutex::new(None),
        }
    }
}

impl Counter {
    /// Cancels any count running and starts one for `job`.
    pub fn start(&self, job: CountJob) {
        let cancel = Arc::new(AtomicBool::new(false));
        self.replace(Some(Arc::clone(&cancel)));
        let sender = self.sender.clone();
        let spawned = std::thread::Builder::new()
            .name("search-count".to_string())
            .spawn(move || {
                count(
                    &job,
                    || cancel.load(Ordering::Relaxed),
                    |report| sender.send(report).is_ok(),
                );
            });
        // Without a thread the count never grows: the status line keeps
        // saying so, and `n` still searches on from the view.
        drop(spawned);
    }

    /// Cancels the running count, if any.
    pub fn stop(&self) {
        self.replace(None);
    }

    fn replace(&self, next: Option<Arc<AtomicBool>>) {
        let mut running = match self.cancel.lock() {
            Ok(running) => running,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(previous) = running.take() {
            previous.store(true, Ordering::Relaxed);
        }
        *running = next;
    }

    /// The next report waiting, if any.
    pub fn next_report(&self) -> Option<Counted> {
        self.reports.try_recv().ok()
    }
}

impl Drop for Counter {
    fn drop(&mut self) {
        self.replace(None);
    }
}
