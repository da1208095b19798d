//! Where review files go and how they reach the disk: finding a briefing's
//! review, the lock that keeps two readers from losing each other's work,
//! crash-safe writes, and the writer thread that keeps the disk off the
//! drawing path. It never decides what a review holds (that is the
//! controller's) and never draws.
//!
//! A write is crash-safe: the new file is written beside the old one under
//! another name, flushed to the disk, renamed over it, and the directory
//! flushed; a reader killed at any moment leaves the old file or the new
//! one, never half of one. Writes go through [`Disk`], so tests can make
//! the disk fail.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

use super::Review;
use super::file::{Header, write};

/// How review bytes reach the disk.
pub trait Disk: Send + Sync {
    /// Replaces `path` with `bytes` so that a crash at any moment leaves
    /// either the old file or the new one.
    fn replace(&self, path: &Path, bytes: &[u8]) -> io::Result<()>;
}

/// The real disk: write aside, flush, rename over, flush the directory.
pub struct RealDisk;

impl Disk for RealDisk {
    fn replace(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        let directory = parent(path);
        fs::create_dir_all(directory)?;
        let name = path.file_name().map_or_else(
            || "review".into(),
            |name| name.to_string_lossy().into_owned(),
        );
        // Named by process: two readers never share a temporary file, and
        // one left by a crash is simply written over next time.
        let aside = directory.join(format!(".{name}.{}.tmp", std::process::id()));
        let written = (|| {
            let mut file = OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .open(&aside)?;
            file.write_all(bytes)?;
            file.sync_all()?;
            fs::rename(&aside, path)?;
            File::open(directory)?.sync_all()
        })();
        if written.is_err() {
            let _ = fs::remove_file(&aside);
        }
        written
    }
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Where a briefing's review is looked for and written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    /// Beside the annotation file, `NAME.review.toml`, if the briefing has
    /// a file of its own there.
    pub beside: Option<PathBuf>,
    /// Under the state directory, for when the annotation's directory
    /// cannot be written (and for the bundled briefing).
    pub state: Option<PathBuf>,
}

impl Places {
    /// The places for the briefing whose annotation file is `annotation`
    /// (`None` for the bundled one, which has no file). `chosen` is
    /// `--review PATH`, which is the only place when given.
    pub fn for_briefing(annotation: Option<&Path>, chosen: Option<&Path>) -> Places {
        if let Some(chosen) = chosen {
            return Places {
                beside: Some(chosen.to_path_buf()),
                state: None,
            };
        }
        let beside = annotation.map(|path| {
            let stem = path
                .file_stem()
                .map_or_else(|| "briefing".into(), |s| s.to_string_lossy().into_owned());
            parent(path).join(format!("{stem}.review.toml"))
        });
        let key = review_key(annotation);
        let state = state_directory().map(|dir| dir.join(format!("{key}.review.toml")));
        Places { beside, state }
    }

    /// The places when every review goes in `folder` (the config's
    /// `reviews`): there only, named as in the state directory.
    pub fn in_folder(annotation: Option<&Path>, folder: &Path) -> Places {
        Places {
            beside: Some(folder.join(format!("{}.review.toml", review_key(annotation)))),
            state: None,
        }
    }

    /// The review file that exists, beside first.
    pub fn existing(&self) -> Option<&Path> {
        [&self.beside, &self.state]
            .into_iter()
            .flatten()
            .map(PathBuf::as_path)
            .find(|path| path.is_file())
    }
}

/// A review's name in a folder of many: the annotation file's name and a
/// hash of its full path (two `report.toml` in different folders keep
/// different reviews); `bundled` for the bundled example.
fn review_key(annotation: Option<&Path>) -> String {
    annotation.map_or_else(
        || "bundled".to_string(),
        |path| {
            let absolute = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            let stem = path
                .file_stem()
                .map_or_else(|| "briefing".into(), |s| s.to_string_lossy().into_owned());
            let digest = super::file::text_hash(&absolute.to_string_lossy());
            let short = digest.trim_start_matches("sha256:").get(..12).unwrap_or("");
            format!("{stem}-{short}")
        },
    )
}

/// `$XDG_STATE_HOME/brief/reviews`, else `~/.local/state/brief/reviews`.
pub fn state_directory() -> Option<PathBuf> {
    let non_empty = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    let base = non_empty("XDG_STATE_HOME")
        .map(PathBuf::from)
        .or_else(|| non_empty("HOME").map(|home| PathBuf::from(home).join(".local/state")))?;
    Some(base.join("brief").join("reviews"))
}

/// A lock on a review file: `PATH.lock`, holding the process id. Dropping
/// it removes it.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

/// Why a review could not be locked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Locked {
    /// Another reader that is still running holds it.
    ByProcess(u32),
    /// The lock could not be made (a read-only directory): nothing will be
    /// written there anyway.
    Unavailable(String),
}

fn lock_path(review: &Path) -> PathBuf {
    PathBuf::from(format!("{}.lock", review.display()))
}

impl Lock {
    /// The running process, other than this one, that holds the lock of
    /// `review`, if any. Only reads.
    pub fn holder(review: &Path) -> Option<u32> {
        let pid = fs::read_to_string(lock_path(review))
            .ok()
            .and_then(|text| text.trim().parse::<u32>().ok())?;
        (pid != std::process::id() && is_running(pid)).then_some(pid)
    }

    /// Takes the lock of `review`; one left by a process that is gone is
    /// taken over.
    pub fn take(review: &Path) -> Result<Lock, Locked> {
        let path = lock_path(review);
        if let Some(directory) = review.parent().filter(|p| !p.as_os_str().is_empty()) {
            let _ = fs::create_dir_all(directory);
        }
        for _ in 0..2 {
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut file) => {
                    let _ = write!(file, "{}", std::process::id());
                    return Ok(Lock { path });
                }
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
                    let holder = fs::read_to_string(&path)
                        .ok()
                        .and_then(|text| text.trim().parse::<u32>().ok());
                    match holder {
                        Some(pid) if pid != std::process::id() && is_running(pid) => {
                            return Err(Locked::ByProcess(pid));
                        }
                        // Left by a reader that was killed: take it over.
                        _ => {
                            let _ = fs::remove_file(&path);
                        }
                    }
                }
                Err(error) => return Err(Locked::Unavailable(error.to_string())),
            }
        }
        Err(Locked::Unavailable(format!(
            "{} keeps coming back",
            path.display()
        )))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// When and how big a file was last changed: a cheap way to tell that
/// someone else wrote it.
pub type Stamp = (std::time::SystemTime, u64);

/// The review a writer starts from: as read when the reader opened it, and
/// the file's stamp then (`None`: there was no file).
#[derive(Debug, Clone, Default)]
pub struct Base {
    pub review: Review,
    pub stamp: Option<Stamp>,
}

pub fn stamp_of(path: &Path) -> Option<Stamp> {
    let metadata = fs::metadata(path).ok()?;
    Some((metadata.modified().ok()?, metadata.len()))
}

/// The review in `path`, if it reads.
fn read_review(path: &Path) -> Option<Review> {
    let source = fs::read_to_string(path).ok()?;
    super::file::read(&path.display().to_string(), &source)
        .ok()
        .map(|(review, _)| review)
}

/// Removes the temporary files that readers killed in the middle of a
/// write left beside `review` (`.NAME.PID.tmp` of processes that are gone).
/// Called with the lock held, so no live writer's file is touched.
fn clear_stale_temporaries(review: &Path) {
    let Some(name) = review.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let Ok(entries) = fs::read_dir(parent(review)) else {
        return;
    };
    let start = format!(".{name}.");
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let pid = file
            .strip_prefix(&start)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|pid| pid.parse::<u32>().ok());
        if let Some(pid) = pid {
            if pid != std::process::id() && !is_running(pid) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

fn is_running(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    match rustix::process::test_kill_process(pid) {
        Ok(()) => true,
        // It exists but belongs to someone else.
        Err(error) => error == rustix::io::Errno::PERM,
    }
}

/// A review to be written: the `generation`-th change.
struct Job {
    generation: u64,
    review: Arc<Review>,
    header: Header,
}

/// What the writer thread did with a generation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub generation: u64,
    /// Where it went, or why it did not.
    pub outcome: Result<PathBuf, String>,
}

/// The writer thread. Changes are sent as they are made; when several wait,
/// only the newest is written (each holds the whole review). Every write
/// is answered, in order, on `replies`.
pub struct Saver {
    /// `None` once dropping has begun: the writer then ends.
    jobs: Option<Sender<Job>>,
    pub replies: Receiver<Saved>,
    writer: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Saver {
    /// Lets the writer finish what it was given and release the lock
    /// before the process ends.
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(writer) = self.writer.take() {
            let _ = writer.join();
        }
    }
}

impl Saver {
    /// Starts a writer for `places` through `disk`: beside the annotation
    /// first, under the state directory if that fails (a read-only
    /// directory), and from then on wherever the last write succeeded.
    ///
    /// `base` is the review as read when the reader opened it: when another
    /// reader has written the file since (its stamp changed), what that one
    /// added is merged in before writing (`merge::three_way`), so neither
    /// loses anything.
    pub fn start(places: Places, disk: Box<dyn Disk>, base: Base) -> io::Result<Saver> {
        let (jobs, incoming) = mpsc::channel::<Job>();
        let (answer, replies) = mpsc::channel();
        let writer = std::thread::Builder::new()
            .name("review writer".to_string())
            .spawn(move || {
                let mut targets: Vec<PathBuf> = places.existing().map_or_else(
                    || {
                        [places.beside.clone(), places.state.clone()]
                            .into_iter()
                            .flatten()
                            .collect()
                    },
                    |found| vec![found.to_path_buf()],
                );
                // Taken with the first write, not before: a reader that
                // records nothing writes nothing, not even a lock.
                let mut lock: Option<Lock> = None;
                let mut stamp = base.stamp;
                let mut base = Arc::new(base.review);
                let mut foreign = Review::default();
                while let Ok(mut job) = incoming.recv() {
                    while let Ok(newer) = incoming.try_recv() {
                        job = newer;
                    }
                    let mut outcome = Err("no place to write the review".to_string());
                    for (index, target) in targets.iter().enumerate() {
                        if lock.is_none() {
                            match Lock::take(target) {
                                Ok(taken) => {
                                    lock = Some(taken);
                                    clear_stale_temporaries(target);
                                }
                                Err(Locked::ByProcess(pid)) => {
                                    outcome = Err(format!(
                                        "another brief (process {pid}) has this review open"
                                    ));
                                    break;
                                }
                                Err(Locked::Unavailable(error)) => {
                                    outcome = Err(format!("{}: {error}", target.display()));
                                    continue;
                                }
                            }
                        }
                        // Another reader wrote since: keep what it added.
                        let now = stamp_of(target);
                        let theirs = if now == stamp {
                            None
                        } else {
                            read_review(target)
                        };
                        if let Some(theirs) = theirs {
                            let added = super::merge::added(&base, &job.review, &theirs);
                            foreign = super::merge::union(&foreign, &added);
                        }
                        // What other readers added, which this reader does
                        // not show, goes into every later write too.
                        let review = if foreign.is_empty() {
                            Arc::clone(&job.review)
                        } else {
                            Arc::new(super::merge::union(&job.review, &foreign))
                        };
                        let bytes = write(&review, &job.header);
                        match disk.replace(target, bytes.as_bytes()) {
                            Ok(()) => {
                                outcome = Ok(target.clone());
                                base = review;
                                stamp = stamp_of(target);
                                // Stay where it worked.
                                targets.drain(..index);
                                break;
                            }
                            Err(error) => {
                                outcome = Err(format!("{}: {error}", target.display()));
                                // The lock goes with the place that failed.
                                lock = None;
                            }
                        }
                    }
                    let saved = Saved {
                        generation: job.generation,
                        outcome,
                    };
                    if answer.send(saved).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Saver {
            jobs: Some(jobs),
            replies,
            writer: Some(writer),
        })
    }

    /// Hands the review as of `generation` to the writer.
    pub fn save(&self, generation: u64, review: Arc<Review>, header: Header) {
        let Some(jobs) = &self.jobs else {
            return;
        };
        let _ = jobs.send(Job {
            generation,
            review,
            header,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;
    use std::time::Duration;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("brief-store-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("scratch");
        dir
    }

    fn header() -> Header {
        Header::for_text(None, "text")
    }

    /// A disk that fails every write while `failing` is set.
    struct FlakyDisk {
        failing: Arc<Mutex<bool>>,
    }

    impl Disk for FlakyDisk {
        fn replace(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
            if *self.failing.lock().unwrap_or_else(|e| e.into_inner()) {
                return Err(io::Error::new(io::ErrorKind::StorageFull, "no space left"));
            }
            RealDisk.replace(path, bytes)
        }
    }

    fn reply(saver: &Saver) -> Saved {
        saver
            .replies
            .recv_timeout(Duration::from_secs(10))
            .expect("the writer answers")
    }

    #[test]
    fn a_write_replaces_the_file_and_leaves_nothing_aside() {
        let dir = scratch("replace");
        let path = dir.join("b.review.toml");
        RealDisk.replace(&path, b"one").expect("first");
        RealDisk.replace(&path, b"two").expect("second");
        assert_eq!(fs::read_to_string(&path).ok().as_deref(), Some("two"));
        let names: Vec<_> = fs::read_dir(&dir)
            .map(|d| d.flatten().map(|e| e.file_name()).collect())
            .unwrap_or_default();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn a_failing_disk_is_reported_and_the_next_write_succeeds() {
        let dir = scratch("flaky");
        let failing = Arc::new(Mutex::new(true));
        let places = Places {
            beside: Some(dir.join("b.review.toml")),
            state: None,
        };
        let disk = FlakyDisk {
            failing: Arc::clone(&failing),
        };
        let saver = Saver::start(places, Box::new(disk), Base::default()).expect("writer");
        saver.save(1, Arc::new(Review::default()), header());
        let first = reply(&saver);
        assert_eq!(first.generation, 1);
        assert!(
            first
                .outcome
                .as_ref()
                .is_err_and(|e| e.contains("no space left")),
            "{first:?}"
        );
        *failing.lock().unwrap_or_else(|e| e.into_inner()) = false;
        saver.save(2, Arc::new(Review::default()), header());
        let second = reply(&saver);
        assert_eq!(second.outcome, Ok(dir.join("b.review.toml")));
    }

    #[test]
    fn a_place_that_cannot_be_written_sends_the_review_to_the_state_directory() {
        let dir = scratch("fallback");
        // A file where the directory should be: the write fails as it does
        // in a read-only directory (root writes those, so tests cannot).
        fs::write(dir.join("plain"), "").expect("a plain file");
        let places = Places {
            beside: Some(dir.join("plain").join("b.review.toml")),
            state: Some(dir.join("state").join("b.review.toml")),
        };
        let saver = Saver::start(places, Box::new(RealDisk), Base::default()).expect("writer");
        saver.save(1, Arc::new(Review::default()), header());
        assert_eq!(
            reply(&saver).outcome,
            Ok(dir.join("state").join("b.review.toml"))
        );
    }

    #[test]
    fn a_lock_held_by_a_running_process_refuses_and_a_dead_ones_is_taken() {
        let dir = scratch("lock");
        let review = dir.join("b.review.toml");
        let lock_path = dir.join("b.review.toml.lock");
        // PID 1 is always running.
        fs::write(&lock_path, "1").expect("a lock of init's");
        assert_eq!(Lock::take(&review).err(), Some(Locked::ByProcess(1)));
        // A process id that is not running: taken over.
        fs::write(&lock_path, "999999999").expect("a stale lock");
        let lock = Lock::take(&review).expect("taken over");
        assert_eq!(
            fs::read_to_string(&lock_path).ok(),
            Some(std::process::id().to_string())
        );
        drop(lock);
        assert!(!lock_path.exists());
    }

    #[test]
    fn two_readers_writing_one_review_lose_nothing_of_each_other() {
        use crate::review::{Judgement, Target, Verdict};
        let dir = scratch("two");
        let path = dir.join("b.review.toml");
        let places = || Places {
            beside: Some(path.clone()),
            state: None,
        };
        let verdict = |id: &str| Verdict {
            target: Target::Entity { id: id.to_string() },
            judgement: Judgement::Confirmed,
            comment: None,
            reviewer: "r".to_string(),
            at: "t".to_string(),
        };
        let with = |ids: &[&str]| Review {
            verdicts: ids.iter().map(|id| verdict(id)).collect(),
            ..Review::default()
        };
        // Both opened the same empty review; the first writes and quits.
        let first = Saver::start(places(), Box::new(RealDisk), Base::default()).expect("writer");
        first.save(1, Arc::new(with(&["a"])), header());
        assert!(reply(&first).outcome.is_ok());
        drop(first);
        // The second never saw "a"; its write keeps it.
        let second = Saver::start(places(), Box::new(RealDisk), Base::default()).expect("writer");
        second.save(1, Arc::new(with(&["b"])), header());
        assert!(reply(&second).outcome.is_ok());
        second.save(2, Arc::new(with(&["b", "c"])), header());
        assert!(reply(&second).outcome.is_ok());
        let on_disk = read_review(&path).expect("reads");
        let ids: Vec<String> = on_disk
            .verdicts
            .iter()
            .filter_map(|v| match &v.target {
                Target::Entity { id } => Some(id.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(ids, ["b", "c", "a"]);
    }
}
