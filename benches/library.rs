//! The library at scale (issue 19): generated libraries of 100, 1,000 and
//! 10,000 briefings of about 100 KB each (the largest about 1 GB), in
//! `target/bench-data/library-N`, made on first use. For each:
//!
//! - `first screen`: the reader's start as `brief DIR` makes it: the
//!   workers started, the first folder's rows taken in, the state made and
//!   its first frame drawn off-screen at 120x40 (median of 7);
//! - `full index`: from the workers' start until every briefing is loaded,
//!   summarised and its entities merged by identity (2 threads here, as on
//!   the 2-core machine; one run for 10,000, else the median of 3);
//! - `picker open`: `E` on the indexed library, the cross-library picker
//!   made (median of 9), and opened again (its rows kept while the
//!   identities are unchanged);
//! - `full index with the cache`: the same through the cache of
//!   `$XDG_CACHE_HOME/brief` (here `target/bench-data/library-cache`),
//!   filled by a first run and read by a second, whose time is given;
//! - `search`: `g/` with a name that is in few briefings, every text read
//!   and searched (median of 3; the page cache is warm after indexing).
//!
//! Not criterion: a full index of 10,000 briefings takes tens of seconds,
//! and criterion would take it a hundred times. `cargo bench --bench
//! library` (all three sizes) or `cargo bench --bench library -- 1000`.
//! The figures in docs/PERFORMANCE.md come from it.

#[path = "support/library.rs"]
mod library_support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use brief::controller::{Input, Key, KeyPress, Keymap, Setup, State, library_state, update};
use brief::library::cache::Cached;
use brief::library::search::{self, SearchJob};
use brief::library::worker::{Worker, plain_summarise};
use brief::library::{Library, Overrides, Report};
use brief::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const SEED: u64 = 1;
const THREADS: usize = 2;

fn folder(count: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-data")
        .join(format!("library-{count}"));
    let started = Instant::now();
    library_support::write_library(&dir, count, SEED)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", dir.display()));
    let took = started.elapsed();
    if took > Duration::from_secs(1) {
        eprintln!("  (wrote {} in {:.1} s)", dir.display(), took.as_secs_f64());
    }
    dir
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn draw(state: &State, theme: &Theme) -> Buffer {
    let area = Rect::new(0, 0, 120, 40);
    let mut buffer = Buffer::empty(area);
    brief::ui::render(&mut buffer, area, state, theme);
    buffer
}

/// The first frame of `brief DIR`: workers started, the first report taken
/// in, the frame drawn.
fn first_screen(dir: &Path, theme: &Theme) -> Duration {
    let started = Instant::now();
    let worker = Worker::start(dir, THREADS, plain_summarise());
    let mut library = Library::new(dir, Overrides::default());
    let first = worker.reports.recv().expect("a first report");
    library.absorb(first);
    let mut state = library_state(library, Keymap::default_keymap(), 120, 40, Setup::default());
    let more: Vec<Report> = worker.reports.try_iter().collect();
    update(&mut state, Input::Library(more));
    std::hint::black_box(draw(&state, theme));
    let took = started.elapsed();
    drop(worker);
    took
}

/// Every briefing loaded and merged.
fn full_index(dir: &Path) -> (Duration, Library) {
    let started = Instant::now();
    let worker = Worker::start(dir, THREADS, plain_summarise());
    let mut library = Library::new(dir, Overrides::default());
    while !library.complete() {
        match worker.reports.recv() {
            Ok(report) => library.absorb(report),
            Err(_) => break,
        }
    }
    (started.elapsed(), library)
}

/// As `brief DIR` indexes with its cache: until complete and the cache
/// written.
fn cached_index(dir: &Path, cache: &Path) -> Duration {
    let started = Instant::now();
    let cached = Cached::new(cache, dir, true);
    let finish = std::sync::Arc::clone(&cached);
    let (sender, written) = std::sync::mpsc::channel();
    let worker = Worker::start_then(
        dir,
        THREADS,
        Cached::summariser(&cached),
        Box::new(move || {
            let _ = sender.send(finish.finish());
        }),
    );
    let mut library = Library::new(dir, Overrides::default());
    while !library.complete() {
        match worker.reports.recv() {
            Ok(report) => library.absorb(report),
            Err(_) => break,
        }
    }
    let _ = written.recv();
    started.elapsed()
}

fn key(c: char) -> Input {
    Input::Key(KeyPress {
        key: Key::Char(c),
        ctrl: false,
        alt: false,
    })
}

fn main() {
    let sizes: Vec<usize> = match std::env::args().skip(1).find_map(|a| a.parse().ok()) {
        Some(size) => vec![size],
        None => vec![100, 1_000, 10_000],
    };
    let theme = Theme::choose(Some("dark"), false, false, &|_| Err("no files".into()))
        .expect("the dark theme");
    for count in sizes {
        let dir = folder(count);
        println!("library of {count} briefings ({})", dir.display());
        let runs = if count >= 10_000 { 1 } else { 3 };
        let mut indexed = None;
        let mut times = Vec::new();
        for _ in 0..runs {
            let (took, library) = full_index(&dir);
            times.push(took);
            indexed = Some(library);
        }
        let library = indexed.expect("indexed");
        println!(
            "  full index:   {} ({} briefings, {} entities in {} identities, {} with problems)",
            ms(median(times)),
            library.entries.len(),
            library.identities.len(),
            library.identities.groups().len(),
            library.problem_count()
        );
        // With the cache: filled once, then the run that reads it.
        let cache = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/library-cache");
        let _ = std::fs::remove_dir_all(&cache);
        let fill = cached_index(&dir, &cache);
        let from_cache = cached_index(&dir, &cache);
        println!(
            "  full index with the cache: {} (filling it: {})",
            ms(from_cache),
            ms(fill)
        );
        let first: Vec<Duration> = (0..7).map(|_| first_screen(&dir, &theme)).collect();
        println!("  first screen: {} (median of 7)", ms(median(first)));
        let state = library_state(library, Keymap::default_keymap(), 120, 40, Setup::default());
        let opens: Vec<Duration> = (0..9)
            .map(|_| {
                let mut opened = state.clone();
                let started = Instant::now();
                update(&mut opened, key('E'));
                let took = started.elapsed();
                assert!(opened.overlay().is_some(), "the picker opened");
                took
            })
            .collect();
        println!(
            "  picker open:  {} (the first time, median of 9)",
            ms(median(opens))
        );
        let mut warm = state.clone();
        update(&mut warm, key('E'));
        update(
            &mut warm,
            Input::Key(KeyPress {
                key: Key::Esc,
                ctrl: false,
                alt: false,
            }),
        );
        let again: Vec<Duration> = (0..9)
            .map(|_| {
                let mut opened = warm.clone();
                let started = Instant::now();
                update(&mut opened, key('E'));
                started.elapsed()
            })
            .collect();
        println!("  picker open:  {} (again, median of 9)", ms(median(again)));
        // The name of an entity only one briefing has: few matches, so
        // every text is read to its end.
        let view = state.library().expect("a library");
        let texts: Vec<(usize, PathBuf)> = view
            .library
            .entries
            .iter()
            .enumerate()
            .filter_map(|(at, e)| {
                Some((at, PathBuf::from(e.summary.as_ref()?.text_path.as_ref()?)))
            })
            .collect();
        let query = view
            .library
            .identities
            .groups()
            .into_iter()
            .find(|group| group.len() == 1)
            .and_then(|group| view.library.entity(group[0]))
            .map_or_else(|| "Naelor".to_string(), |e| e.name.clone());
        let mut hits = 0;
        let searches: Vec<Duration> = (0..3)
            .map(|_| {
                let job = SearchJob {
                    query: query.clone(),
                    generation: 1,
                    texts: texts.clone(),
                };
                hits = 0;
                let started = Instant::now();
                search::run(&job, |found| {
                    hits += found.len();
                    true
                });
                started.elapsed()
            })
            .collect();
        println!(
            "  search:       {} ({hits} matches of {query:?}, median of 3)",
            ms(median(searches))
        );
    }
}
