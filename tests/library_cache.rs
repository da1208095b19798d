//! The library's cache: summaries kept between runs under the cache
//! folder (never beside the briefings), used only while a briefing's files
//! are unchanged (a changed one is indexed again on its own), a corrupt
//! cache rebuilt, and nothing written when read-only or when the folder
//! cannot be written (indexing works the same, only slower).

#[path = "../benches/support/library.rs"]
mod library_support;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use brief::library::cache::Cached;
use brief::library::worker::{Worker, index_now};
use brief::library::{Library, Overrides, Summary};

fn folder(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/library-cache")
        .join(name);
    let _ = std::fs::remove_dir_all(&path);
    std::fs::create_dir_all(&path).expect("make the folder");
    path
}

/// Indexes `root` through a cache in `cache`; returns the library, how
/// many briefings were loaded afresh, and what writing the cache said.
fn run(root: &Path, cache: &Path, writable: bool) -> (Library, usize, Option<String>) {
    let cached = Cached::new(cache, root, writable);
    let (sender, finished) = std::sync::mpsc::channel();
    let finish = Arc::clone(&cached);
    let worker = Worker::start_then(
        root,
        2,
        Cached::summariser(&cached),
        Box::new(move || {
            let _ = sender.send(finish.finish());
        }),
    );
    let mut library = Library::new(root, Overrides::default());
    let started = Instant::now();
    while !library.complete() {
        assert!(started.elapsed() < Duration::from_secs(300), "a hang");
        if let Ok(report) = worker.reports.recv_timeout(Duration::from_millis(50)) {
            library.absorb(report);
        }
    }
    let said = finished
        .recv_timeout(Duration::from_secs(60))
        .expect("the workers finished");
    (library, cached.fresh(), said)
}

fn summaries(library: &Library) -> Vec<(String, Summary)> {
    let mut all: Vec<(String, Summary)> = library
        .entries
        .iter()
        .map(|e| (e.relative.clone(), e.summary.clone().expect("indexed")))
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

fn listing(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).expect("list") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn a_second_run_reads_the_cache_and_a_changed_briefing_alone_is_indexed_again() {
    let root = folder("library");
    let cache = folder("cache");
    library_support::write_three(&root).expect("three briefings");
    library_support::write_library(&root.join("more"), 20, 7).expect("twenty more");
    let before = listing(&root);

    let (first, fresh, said) = run(&root, &cache, true);
    assert_eq!(fresh, 23, "every briefing loaded the first time");
    assert_eq!(said, None, "the cache was written");
    assert_eq!(
        listing(&root),
        before,
        "nothing written beside the briefings"
    );
    assert_eq!(
        std::fs::read_dir(&cache).unwrap().count(),
        1,
        "one cache file"
    );

    let (second, fresh, _) = run(&root, &cache, true);
    assert_eq!(fresh, 0, "every briefing from the cache");
    assert_eq!(summaries(&second), summaries(&first), "the same summaries");
    assert_eq!(
        summaries(&first),
        summaries(&index_now(&root, Overrides::default()))
    );

    // One annotation file changes (its size too, so the stamp differs on
    // any file system's clock): that briefing alone is loaded again.
    let changed = root.join("east/second.toml");
    let text = std::fs::read_to_string(&changed).unwrap();
    std::fs::write(
        &changed,
        text.replace("A visit to Vienna", "A longer visit to Vienna"),
    )
    .unwrap();
    let (third, fresh, _) = run(&root, &cache, true);
    assert_eq!(fresh, 1);
    assert!(
        third
            .entries
            .iter()
            .any(|e| e.title() == "A longer visit to Vienna")
    );
    // A changed text too.
    let text_file = root.join("west/third.md");
    std::fs::write(
        &text_file,
        "# Sanctions\n\nIván Petróv, listed again, and more.\n",
    )
    .unwrap();
    let (_, fresh, _) = run(&root, &cache, true);
    assert_eq!(fresh, 1);
}

#[test]
fn a_corrupt_cache_is_rebuilt_and_read_only_writes_nothing() {
    let root = folder("corrupt-library");
    let cache = folder("corrupt-cache");
    library_support::write_three(&root).expect("three briefings");
    let (_, _, _) = run(&root, &cache, true);
    let file = brief::library::cache::file_for(&cache, &root);
    std::fs::write(&file, b"{\"version\": 1, \"briefings\": {\"x\": [garbage").unwrap();
    let (library, fresh, said) = run(&root, &cache, true);
    assert_eq!(fresh, 3, "nothing trusted from a corrupt cache");
    assert_eq!(said, None);
    assert_eq!(library.indexed, 3);
    let (_, fresh, _) = run(&root, &cache, true);
    assert_eq!(fresh, 0, "rebuilt");

    let untouched = folder("read-only-cache");
    let (library, _, said) = run(&root, &untouched, false);
    assert_eq!(said, None);
    assert_eq!(library.indexed, 3);
    assert_eq!(
        std::fs::read_dir(&untouched).unwrap().count(),
        0,
        "read-only wrote nothing"
    );
}

#[test]
fn a_cache_folder_that_cannot_be_written_only_costs_time() {
    let root = folder("blocked-library");
    library_support::write_three(&root).expect("three briefings");
    // A file where the cache folder would be: nothing can be made in it.
    let blocked = folder("blocked").join("not-a-folder");
    std::fs::write(&blocked, "a file").unwrap();
    let (library, fresh, said) = run(&root, &blocked, true);
    assert_eq!(library.indexed, 3);
    assert_eq!(fresh, 3);
    assert!(said.is_some_and(|s| s.contains("not written")));
}
