//! What is kept between runs of a library: each briefing's summary, keyed
//! by the annotation file's path, size and modification time and the same
//! of its text and its review, in one file per library folder under
//! `$XDG_CACHE_HOME/brief/` (else `~/.cache/brief/`), never beside the
//! briefings. Never required: a cache that is missing, unreadable, of
//! another version or corrupt is ignored (and written afresh); an entry
//! whose files changed is not used, and that briefing alone is indexed
//! again. Written once indexing ends, to a temporary file renamed over the
//! old one, and only when something changed; `--read-only` writes nothing,
//! and a folder that cannot be written costs only the next run's time.
//!
//! Owns the cache file; must not draw, print or change the controller's
//! state.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::index::{self, EntitySummary, EventSummary, ReviewProgress, Summary};
use super::scan::Candidate;
use super::worker::Summarise;
use crate::model::FuzzyDate;

/// Bumped whenever what is cached changes shape or meaning.
const VERSION: u32 = 1;
/// A cache file larger than this is not read (a corrupt or hostile one).
const CAP: u64 = 512 * 1024 * 1024;

/// The cache folder: `$XDG_CACHE_HOME/brief`, else `~/.cache/brief`.
pub fn folder() -> Option<PathBuf> {
    let non_empty = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    let base = non_empty("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| non_empty("HOME").map(|home| PathBuf::from(home).join(".cache")))?;
    Some(base.join("brief"))
}

/// The cache file of the library under `root`: named by a hash of its
/// full path, so two libraries never share one.
pub fn file_for(cache: &Path, root: &Path) -> PathBuf {
    let full = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let digest = Sha256::digest(full.to_string_lossy().as_bytes());
    let name: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    cache.join(format!("library-{name}.json"))
}

/// A file's identity for the cache: size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    size: u64,
    nanos: u128,
}

fn stamp_of(path: &Path) -> Option<Stamp> {
    let metadata = std::fs::metadata(path).ok()?;
    Some(Stamp {
        size: metadata.len(),
        nanos: nanos(metadata.modified().ok()?),
    })
}

fn nanos(time: SystemTime) -> u128 {
    time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

/// One cached briefing: the stamps it was made from, and its summary.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Kept {
    annotation: Stamp,
    /// The text, by path and stamp.
    text: Option<(String, Stamp)>,
    /// The review file, by path and stamp, if there was one.
    review: Option<(String, Stamp)>,
    summary: Stored,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    title: Option<String>,
    published: Option<String>,
    classification: Option<String>,
    source: Option<String>,
    text_path: Option<String>,
    entities: Vec<StoredEntity>,
    events: Vec<StoredEvent>,
    notes: usize,
    errors: usize,
    warnings: usize,
    first_problem: Option<String>,
    review: Option<(usize, usize)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredEntity {
    id: String,
    name: String,
    kind: String,
    aliases: Vec<String>,
    mentions: usize,
    first_mention: Option<usize>,
    context: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredEvent {
    /// The date as written: parsed again on reading.
    date: String,
    title: String,
    entities: Vec<usize>,
    at: Option<usize>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    briefings: HashMap<String, Kept>,
}

fn store(summary: &Summary) -> Stored {
    Stored {
        title: summary.title.clone(),
        published: summary.published.clone(),
        classification: summary.classification.clone(),
        source: summary.source.clone(),
        text_path: summary.text_path.clone(),
        entities: summary
            .entities
            .iter()
            .map(|e| StoredEntity {
                id: e.id.clone(),
                name: e.name.clone(),
                kind: e.kind.clone(),
                aliases: e.aliases.clone(),
                mentions: e.mentions,
                first_mention: e.first_mention,
                context: e.context.clone(),
            })
            .collect(),
        events: summary
            .events
            .iter()
            .map(|e| StoredEvent {
                date: e.date.expression.clone(),
                title: e.title.clone(),
                entities: e.entities.clone(),
                at: e.at,
            })
            .collect(),
        notes: summary.notes,
        errors: summary.errors,
        warnings: summary.warnings,
        first_problem: summary.first_problem.clone(),
        review: summary.review.map(|r| (r.done, r.total)),
    }
}

/// The summary back; `None` if a date no longer parses (then the briefing
/// is indexed again).
fn restore(stored: Stored) -> Option<Summary> {
    let events = stored
        .events
        .into_iter()
        .map(|e| {
            Some(EventSummary {
                date: FuzzyDate::parse(&e.date).ok()?,
                title: e.title,
                entities: e.entities,
                at: e.at,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Summary {
        title: stored.title,
        published: stored.published,
        classification: stored.classification,
        source: stored.source,
        text_path: stored.text_path,
        entities: stored
            .entities
            .into_iter()
            .map(|e| EntitySummary {
                id: e.id,
                name: e.name,
                kind: e.kind,
                aliases: e.aliases,
                mentions: e.mentions,
                first_mention: e.first_mention,
                context: e.context,
            })
            .collect(),
        events,
        notes: stored.notes,
        errors: stored.errors,
        warnings: stored.warnings,
        first_problem: stored.first_problem,
        review: stored
            .review
            .map(|(done, total)| ReviewProgress { done, total }),
    })
}

/// Reads a cache file; anything wrong with it is an empty cache.
fn read(file: &Path) -> CacheFile {
    let usable = std::fs::metadata(file).is_ok_and(|m| m.is_file() && m.len() <= CAP);
    if !usable {
        return CacheFile::default();
    }
    std::fs::read(file)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<CacheFile>(&bytes).ok())
        .filter(|cache| cache.version == VERSION)
        .unwrap_or_default()
}

/// Writes the cache through a temporary file renamed over the old one:
/// a crash leaves the old cache or none, never half of one.
fn write(file: &Path, cache: &CacheFile) -> std::io::Result<()> {
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let temporary = file.with_extension(format!("json.{}.tmp", std::process::id()));
    let written = (|| {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&temporary)?);
        serde_json::to_writer(&mut out, cache).map_err(std::io::Error::other)?;
        out.flush()?;
        drop(out);
        std::fs::rename(&temporary, file)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

/// The review file beside a briefing, if there is one (as indexing finds it).
fn review_of(candidate: &Candidate) -> Option<(String, Stamp)> {
    let places = crate::review::store::Places::for_briefing(Some(&candidate.path), None);
    let path = places.existing()?;
    Some((path.display().to_string(), stamp_of(path)?))
}

/// The stamps a summary is valid for, taken before it is made (a file
/// changed during indexing then no longer matches next time).
fn stamps(candidate: &Candidate, text: Option<&str>) -> Option<Kept> {
    Some(Kept {
        annotation: stamp_of(&candidate.path)?,
        text: text.and_then(|t| Some((t.to_string(), stamp_of(Path::new(t))?))),
        review: review_of(candidate),
        summary: store(&Summary::default()),
    })
}

fn still_valid(kept: &Kept, candidate: &Candidate) -> bool {
    let annotation = stamp_of(&candidate.path) == Some(kept.annotation);
    let text = kept
        .text
        .as_ref()
        .is_none_or(|(path, stamp)| stamp_of(Path::new(path)) == Some(*stamp));
    let review = review_of(candidate) == kept.review;
    annotation && text && review
}

/// A summariser that answers from the cache file of `root` when a
/// briefing's files are unchanged, and from the loader otherwise; what it
/// returns is kept, and written back by [`Cached::finish`] (unless
/// `writable` is false).
pub struct Cached {
    file: PathBuf,
    writable: bool,
    old: OnceLock<CacheFile>,
    new: Mutex<HashMap<String, Kept>>,
    changed: Mutex<bool>,
    /// How many briefings were loaded rather than taken from the cache.
    fresh: std::sync::atomic::AtomicUsize,
}

impl Cached {
    pub fn new(cache: &Path, root: &Path, writable: bool) -> Arc<Cached> {
        Arc::new(Cached {
            file: file_for(cache, root),
            writable,
            old: OnceLock::new(),
            new: Mutex::new(HashMap::new()),
            changed: Mutex::new(false),
            fresh: std::sync::atomic::AtomicUsize::new(0),
        })
    }

    /// The summary of `candidate`, from the cache if its files are as they
    /// were.
    pub fn summarise(&self, candidate: &Candidate) -> Summary {
        // Read on first use, on an indexing thread: the first screen does
        // not wait for it.
        let old = self.old.get_or_init(|| read(&self.file));
        let key = candidate.path.display().to_string();
        if let Some(kept) = old.briefings.get(&key)
            && still_valid(kept, candidate)
            && let Some(summary) = restore(kept.summary.clone())
        {
            if let Ok(mut new) = self.new.lock() {
                new.insert(key, kept.clone());
            }
            return summary;
        }
        // Stamped before reading, from the text the previous summary
        // named (or the usual one): a change during the load shows next
        // time.
        let before = stamp_of(&candidate.path);
        self.fresh
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let summary = index::summarise(candidate);
        let kept = stamps(candidate, summary.text_path.as_deref())
            .filter(|_| before.is_some() && stamp_of(&candidate.path) == before);
        if let Some(mut kept) = kept {
            kept.summary = store(&summary);
            if let Ok(mut new) = self.new.lock() {
                new.insert(key, kept);
            }
        }
        if let Ok(mut changed) = self.changed.lock() {
            *changed = true;
        }
        summary
    }

    /// Writes the cache if anything was indexed afresh (or dropped).
    /// Returns what went wrong, if writing failed.
    pub fn finish(&self) -> Option<String> {
        if !self.writable {
            return None;
        }
        let new = self.new.lock().ok()?;
        let old_count = self.old.get().map_or(0, |old| old.briefings.len());
        let changed = self.changed.lock().is_ok_and(|c| *c) || new.len() != old_count;
        if !changed {
            return None;
        }
        let cache = CacheFile {
            version: VERSION,
            briefings: new.clone(),
        };
        write(&self.file, &cache)
            .err()
            .map(|error| format!("the library's cache was not written: {error}"))
    }

    /// As a worker's summariser.
    pub fn summariser(this: &Arc<Cached>) -> Summarise {
        let cached = Arc::clone(this);
        Arc::new(move |candidate: &Candidate| cached.summarise(candidate))
    }

    /// How many briefings were loaded, not taken from the cache.
    pub fn fresh(&self) -> usize {
        self.fresh.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The cache file.
    pub fn file(&self) -> &Path {
        &self.file
    }
}
