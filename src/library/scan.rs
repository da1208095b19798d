//! Finding the briefings under a folder: a walk of the tree that follows
//! symbolic links but never the same folder twice (a loop is reported, not
//! followed), looks at each entry's metadata only (a FIFO or a device is
//! never opened), and reports what it cannot read instead of stopping.
//!
//! Owns which files count as briefings; must not read a file's contents
//! (indexing is `index`'s) nor print.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// How deep the walk goes: deeper trees are reported, not followed (a
/// path of thousands of nested folders would otherwise take the stack's
/// share of memory in paths).
pub const MAX_DEPTH: usize = 64;

/// A file that may be a briefing, with what the cache keys it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub path: PathBuf,
    pub size: u64,
    pub modified: Option<SystemTime>,
}

/// Something under the folder that is not listed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

/// Whether a file name is one the loader opens as a briefing on its own:
/// an annotation file (`.toml`, but not a review `.review.toml` or the
/// folded copy `.reviewed.toml`), a brat `.ann`, or a JSON family file.
/// Texts are not listed: they are read with the annotation file that
/// names them.
pub fn is_briefing_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".review.toml") || lower.ends_with(".reviewed.toml") {
        return false;
    }
    if lower.starts_with('.') {
        return false;
    }
    [".toml", ".ann", ".json", ".jsonl"]
        .iter()
        .any(|ending| lower.ends_with(ending))
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walk {
    pub candidates: Vec<Candidate>,
    pub skipped: Vec<Skipped>,
}

/// Walks `root`, calling `found` with each batch of candidates as soon as
/// a folder has been read (so the first rows show before the walk ends),
/// and `keep_going` between folders (false stops the walk). Candidates
/// come sorted by path within a folder.
pub fn walk(
    root: &Path,
    mut found: impl FnMut(Vec<Candidate>, Vec<Skipped>),
    keep_going: impl Fn() -> bool,
) {
    let mut seen: HashSet<(u64, u64)> = HashSet::new();
    let mut stack: Vec<(PathBuf, usize)> = vec![(root.to_path_buf(), 0)];
    while let Some((folder, depth)) = stack.pop() {
        if !keep_going() {
            return;
        }
        let mut candidates = Vec::new();
        let mut skipped = Vec::new();
        match std::fs::metadata(&folder) {
            Ok(metadata) => {
                if !seen.insert(identity(&metadata)) {
                    skipped.push(Skipped {
                        path: folder.clone(),
                        reason: "a link back to a folder already listed (a loop): not followed"
                            .to_string(),
                    });
                    found(candidates, skipped);
                    continue;
                }
            }
            Err(error) => {
                skipped.push(Skipped {
                    path: folder.clone(),
                    reason: format!("cannot read: {error}"),
                });
                found(candidates, skipped);
                continue;
            }
        }
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(error) => {
                skipped.push(Skipped {
                    path: folder.clone(),
                    reason: format!("cannot list this folder: {error}"),
                });
                found(candidates, skipped);
                continue;
            }
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|entry| match entry {
                Ok(entry) => Some(entry.path()),
                Err(error) => {
                    skipped.push(Skipped {
                        path: folder.clone(),
                        reason: format!("an entry could not be read: {error}"),
                    });
                    None
                }
            })
            .collect();
        paths.sort();
        let mut folders = Vec::new();
        for path in paths {
            // Through links: a link to a briefing is a briefing; a dangling
            // one is reported.
            let metadata = match std::fs::metadata(&path) {
                Ok(metadata) => metadata,
                Err(error) => {
                    let reason = if std::fs::symlink_metadata(&path).is_ok() {
                        format!("a link that leads nowhere readable: {error}")
                    } else {
                        format!("cannot read: {error}")
                    };
                    skipped.push(Skipped { path, reason });
                    continue;
                }
            };
            if metadata.is_dir() {
                if path
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                {
                    continue;
                }
                if depth + 1 > MAX_DEPTH {
                    skipped.push(Skipped {
                        path,
                        reason: format!("more than {MAX_DEPTH} folders deep: not followed"),
                    });
                } else {
                    folders.push(path);
                }
                continue;
            }
            if !is_briefing_name(&path) {
                continue;
            }
            if !metadata.is_file() {
                skipped.push(Skipped {
                    path,
                    reason: "not a regular file (a pipe, socket or device): not opened".to_string(),
                });
                continue;
            }
            candidates.push(Candidate {
                path,
                size: metadata.len(),
                modified: metadata.modified().ok(),
            });
        }
        // Popped last-first: pushed in reverse so folders are walked in
        // name order.
        stack.extend(folders.into_iter().rev().map(|f| (f, depth + 1)));
        found(candidates, skipped);
    }
}

/// Walks the whole tree at once (tests, benchmarks, `brief check`-like
/// uses).
pub fn walk_all(root: &Path) -> Walk {
    let mut walk = Walk::default();
    self::walk(
        root,
        |candidates, skipped| {
            walk.candidates.extend(candidates);
            walk.skipped.extend(skipped);
        },
        || true,
    );
    walk
}

#[cfg(unix)]
fn identity(metadata: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (metadata.dev(), metadata.ino())
}

#[cfg(not(unix))]
fn identity(_metadata: &std::fs::Metadata) -> (u64, u64) {
    // No inode numbers: the depth limit still ends a loop.
    (0, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn briefing_names() {
        assert!(is_briefing_name(Path::new("a/report.toml")));
        assert!(is_briefing_name(Path::new("a/doc.ANN")));
        assert!(is_briefing_name(Path::new("x.jsonl")));
        assert!(!is_briefing_name(Path::new("report.review.toml")));
        assert!(!is_briefing_name(Path::new("report.reviewed.toml")));
        assert!(!is_briefing_name(Path::new("report.md")));
        assert!(!is_briefing_name(Path::new(".hidden.toml")));
    }
}
