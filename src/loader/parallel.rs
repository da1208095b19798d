//! The loader's second core: work handed to a scoped thread when one can be
//! had and done right here when not. A system out of threads (a pids
//! cgroup, `RLIMIT_NPROC`) must still get its briefing, not a panic, and
//! the result is the same either way. A panic on the thread is passed on
//! as if it had happened here.

use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{Scope, ScopedJoinHandle};

/// Work running on another thread, or already done here.
pub enum Task<'scope, T> {
    Done(T),
    Running(ScopedJoinHandle<'scope, Option<T>>),
}

/// Starts `work` on a thread of `scope`, or does it now if no thread can
/// be made.
pub fn spawn<'scope, T, F>(scope: &'scope Scope<'scope, '_>, work: F) -> Task<'scope, T>
where
    F: FnOnce() -> T + Send + 'scope,
    T: Send + 'scope,
{
    // The work waits in a slot both sides can reach: if the thread cannot
    // be made, the closure that would have run it is gone, but the work is
    // still here.
    let slot = Arc::new(Mutex::new(Some(work)));
    let theirs = Arc::clone(&slot);
    let spawned = std::thread::Builder::new().spawn_scoped(scope, move || {
        let work = theirs.lock().unwrap_or_else(PoisonError::into_inner).take();
        work.map(|work| work())
    });
    match spawned {
        Ok(handle) => Task::Running(handle),
        Err(_) => {
            let work = slot.lock().unwrap_or_else(PoisonError::into_inner).take();
            Task::Done(work.map(|work| work()).expect("no thread ran the work"))
        }
    }
}

impl<T> Task<'_, T> {
    /// The result, waiting for the thread if need be.
    pub fn join(self) -> T {
        match self {
            Task::Done(result) => result,
            Task::Running(handle) => match handle.join() {
                // The slot is emptied by exactly one side, and on this
                // path the thread was made, so it ran the work.
                Ok(result) => result.expect("the thread ran the work"),
                Err(panic) => std::panic::resume_unwind(panic),
            },
        }
    }
}

/// Drops `value` on a thread of its own that nobody waits for, or here if
/// no thread can be had: freeing a large load's scaffolding (hundreds of
/// thousands of small allocations, about 60 ms at 100 MB) is then not
/// between the load and its result. (A process that ends meanwhile leaves
/// the rest to the kernel, which takes the memory back whole.)
pub fn drop_elsewhere<T: Send + 'static>(value: T) {
    // If the thread cannot be made, the closure, and `value` with it, is
    // dropped here.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}
