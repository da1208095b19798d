//! Noticing that the briefing's files changed on disk, so the reader can
//! say that `R` would read them again. A look at their modification times
//! at most once a second while the reader is idle: no thread, no inotify,
//! nothing when no file was named.

use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

/// How often, at most, the files are looked at.
const EVERY: Duration = Duration::from_secs(1);

pub struct FileWatch {
    files: Vec<(PathBuf, Option<SystemTime>)>,
    last_look: Instant,
    /// Said once per change, not once a second.
    told: bool,
}

impl FileWatch {
    pub fn new(paths: Vec<PathBuf>) -> FileWatch {
        let files = paths
            .into_iter()
            .map(|path| {
                let modified = modified(&path);
                (path, modified)
            })
            .collect();
        FileWatch {
            files,
            last_look: Instant::now(),
            told: false,
        }
    }

    /// Whether a file changed since it was read, asked at most once a
    /// second and answered `true` once per change.
    pub fn changed(&mut self) -> bool {
        if self.told || self.files.is_empty() || self.last_look.elapsed() < EVERY {
            return false;
        }
        self.last_look = Instant::now();
        let changed = self
            .files
            .iter()
            .any(|(path, seen)| modified(path) != *seen);
        self.told = changed;
        changed
    }

    /// The files were read again: their times now are the ones to compare
    /// with.
    pub fn reset(&mut self) {
        for (path, seen) in &mut self.files {
            *seen = modified(path);
        }
        self.told = false;
    }
}

fn modified(path: &PathBuf) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_told_once_and_a_reset_starts_again() {
        let dir = std::env::temp_dir().join(format!("brief-watch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a.md");
        std::fs::write(&file, "one").unwrap();
        let mut watch = FileWatch::new(vec![file.clone()]);
        watch.last_look -= EVERY;
        assert!(!watch.changed(), "nothing changed yet");
        // A modification time one second on, as an editor's save sets it.
        let later = SystemTime::now() + Duration::from_secs(2);
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(later)
            .unwrap();
        assert!(!watch.changed(), "not looked at again within a second");
        watch.last_look -= EVERY;
        assert!(watch.changed());
        watch.last_look -= EVERY;
        assert!(!watch.changed(), "told once");
        watch.reset();
        watch.last_look -= EVERY;
        assert!(!watch.changed());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
