//! `brief` only reads the files it opens (issue 5): opening a briefing,
//! reading it and quitting leaves the folder it is in, and the reader's
//! home, as they were: no cache, history or lock file beside the briefing.
//! Both are snapshotted before and after (every entry with its size,
//! permissions, time and contents, and the folder's own time, which a
//! file created and removed again still changes), and a test of the
//! snapshot shows it new, changed and transient files, so the check cannot
//! pass by seeing nothing.
#![cfg(unix)]

#[path = "support/offline_run.rs"]
mod offline_run;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use offline_run::*;

// ---------------------------------------------------------------------------
// Files are only read.
// ---------------------------------------------------------------------------

/// What a directory holds: every entry, recursively, with its kind, size,
/// permissions, modification time and (for files) contents; and the
/// directory's own modification time, which changes when an entry is
/// created or removed, even one removed again (a temporary or lock file).
#[derive(Debug, PartialEq)]
struct Snapshot {
    directory_modified: Option<SystemTime>,
    entries: BTreeMap<PathBuf, Entry>,
}

#[derive(Debug, PartialEq)]
struct Entry {
    kind: String,
    len: u64,
    readonly: bool,
    modified: Option<SystemTime>,
    contents: Option<Vec<u8>>,
}

fn snapshot(dir: &Path) -> Snapshot {
    let mut entries = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).expect("list the directory") {
            let entry = entry.expect("a directory entry");
            let path = entry.path();
            let meta = std::fs::symlink_metadata(&path).expect("metadata");
            let kind = if meta.is_dir() {
                pending.push(path.clone());
                "directory"
            } else if meta.is_file() {
                "file"
            } else {
                "other"
            };
            let contents = meta.is_file().then(|| std::fs::read(&path).expect("read"));
            entries.insert(
                path.strip_prefix(dir).unwrap_or(&path).to_path_buf(),
                Entry {
                    kind: kind.to_string(),
                    len: meta.len(),
                    readonly: meta.permissions().readonly(),
                    modified: meta.modified().ok(),
                    contents,
                },
            );
        }
    }
    Snapshot {
        directory_modified: std::fs::metadata(dir).and_then(|m| m.modified()).ok(),
        entries,
    }
}

/// Describes how two snapshots differ, for the failure message.
fn differences(before: &Snapshot, after: &Snapshot) -> Vec<String> {
    let mut out = Vec::new();
    if before.directory_modified != after.directory_modified {
        out.push(format!(
            "the directory itself was modified ({:?} → {:?}): an entry was created or removed",
            before.directory_modified, after.directory_modified
        ));
    }
    for (path, entry) in &after.entries {
        match before.entries.get(path) {
            None => out.push(format!(
                "new: {} ({}, {} bytes)",
                path.display(),
                entry.kind,
                entry.len
            )),
            Some(old) if old != entry => {
                let what = if old.contents != entry.contents {
                    "contents"
                } else if old.modified != entry.modified {
                    "modification time"
                } else {
                    "metadata"
                };
                out.push(format!("changed: {} ({what})", path.display()));
            }
            Some(_) => {}
        }
    }
    for path in before.entries.keys() {
        if !after.entries.contains_key(path) {
            out.push(format!("removed: {}", path.display()));
        }
    }
    out
}

#[test]
fn opening_a_briefing_never_writes_beside_it() {
    let dir = scratch_dir("files");
    let home = scratch_dir("home");
    for file in [ANNOTATIONS, TEXT] {
        let name = Path::new(file).file_name().expect("a file name");
        std::fs::copy(Path::new(ROOT).join(file), dir.join(name)).expect("copy the briefing");
    }
    // Modification times are compared, so make sure a write in the same
    // clock tick as the copy would still show.
    std::thread::sleep(Duration::from_millis(20));
    let before = snapshot(&dir);
    let home_before = snapshot(&home);

    let toml = "crocus-city-hall.toml";
    let md = "crocus-city-hall.md";
    let run = |args: &[&str]| {
        let output = Command::new(BRIEF)
            .args(args)
            .current_dir(&dir)
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env("XDG_STATE_HOME", home.join("state"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env_remove("NO_COLOR")
            .output()
            .expect("run brief");
        assert!(
            output.status.success(),
            "brief {}: {:?}\n{}",
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    };
    run(&["check", toml]);
    run(&["check", "--format", "json", toml, md]);
    run(&[
        "render",
        toml,
        "--size",
        "120x40",
        "--keys",
        "<Tab><Enter>]m",
    ]);
    run(&["render", md, "--size", "80x24", "--color"]);
    // The reader, by relative and by absolute path, by annotations and by
    // text (which finds the annotations beside it).
    let absolute = dir.join(toml).to_string_lossy().into_owned();
    for file in [toml, md, absolute.as_str()] {
        let args = vec![BRIEF.to_string(), file.to_string()];
        let (code, screen) = run_reader_with_home(&args, &dir, Some(&home));
        assert_eq!(code, 0, "the reader on {file}");
        assert!(
            screen.contains(TITLE),
            "the reader on {file} showed:\n{screen}"
        );
    }

    let after = snapshot(&dir);
    let changed = differences(&before, &after);
    assert!(
        changed.is_empty(),
        "opening a briefing changed its directory:\n{}",
        changed.join("\n")
    );
    let home_after = snapshot(&home);
    let changed = differences(&home_before, &home_after);
    assert!(
        changed.is_empty(),
        "brief wrote to the home directory (HOME and XDG_* point there):\n{}",
        changed.join("\n")
    );
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn the_snapshot_sees_new_changed_and_transient_files() {
    let dir = scratch_dir("snapshot-self-test");
    std::fs::write(dir.join("a.toml"), "format = 1\n").expect("write");
    std::thread::sleep(Duration::from_millis(20));
    let before = snapshot(&dir);
    assert!(
        differences(&before, &snapshot(&dir)).is_empty(),
        "unchanged"
    );

    std::fs::write(dir.join("a.toml.lock"), "").expect("write");
    std::fs::remove_file(dir.join("a.toml.lock")).expect("remove");
    let after = snapshot(&dir);
    assert!(
        !differences(&before, &after).is_empty(),
        "a file created and removed again was missed"
    );

    let before = snapshot(&dir);
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(dir.join("a.toml"), "format = 1\n").expect("rewrite the same bytes");
    assert!(
        !differences(&before, &snapshot(&dir)).is_empty(),
        "a rewrite with the same contents was missed"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
