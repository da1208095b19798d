//! Search over the 10 MiB text (issue 4: under 20 ms for the first full
//! count).
//!
//! - `search/find_literal/QUERY`: `controller::find_literal` over the text
//!   of `plain` (10 MiB), the count every keystroke of an incremental search
//!   redoes. Queries: a common word typed in lower case (smart case: ASCII
//!   case ignored), the same capitalised (exact case), a word with an
//!   accent, a word that does not occur, and `the`.
//! - `search/keystroke/SIZE`: the last letter of `/attack` typed into the
//!   search prompt, then the whole frame at 200x60: the search near the
//!   view and the jump to the first match, as the reader does it (the
//!   whole-text count is left to the counting thread, timed apart). The
//!   letter is taken back with `<BS>` untimed between presses. `huge` is
//!   the 100 MiB text; `/xyzzk` (found nowhere: the whole 256 KiB after the
//!   view is searched, which is also the most `n` searches) is
//!   `keystroke_absent`.
//! - `search/count/SIZE`: the counting thread's whole job, `found::count`
//!   over the text for `attack`: how long until the total is on the
//!   status line (the reader stays usable meanwhile).
//! - `search/whole_text/SIZE`: `find_literal` over the whole text for
//!   `attack`: what every typed key cost before issue 18 (the baseline for
//!   `search/keystroke`, in the same run).
//! - `search/next/SIZE`: `n` then its frame once the count is done, from
//!   the view's match to the next one (`N` untimed between presses).
//!
//! - `search/long_pattern/SHAPE/LENGTH`: `find_literal` over the same
//!   10 MiB with patterns of 1,000 to 16,000 characters (issue 20: a
//!   16,000-character query once took 21 s): `varied` letters that never
//!   occur, `repetitive` (`abab…`, the shape that makes automaton builds
//!   quadratic), and `accented` (not ASCII, so smart case goes through
//!   the regex crate's case folding; up to 4,000). The prompt holds 4,096
//!   characters; the longer ones show the cost stays linear past it.
//!
//! `cargo bench --bench search`; data is generated on first use.

#[path = "support/synth/mod.rs"]
mod synth;

#[path = "support/harness.rs"]
mod harness;

use std::hint::black_box;
use std::time::{Duration, Instant};

use brief::controller::found::{CountJob, count};
use brief::controller::{Effect, Input, count_at_once, find_literal, parse_sequence, update};
use criterion::{BenchmarkId, Criterion};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use synth::Size;

fn find(c: &mut Criterion) {
    let text = std::fs::read_to_string(harness::data(Size::Plain)).expect("plain text");
    let mut group = c.benchmark_group("search/find_literal");
    group.sample_size(20);
    for (name, query) in [
        ("common_smart_case", "attack"),
        ("common_exact_case", "Attack"),
        ("accented", "protégé"),
        ("absent", "xyzzy"),
        ("the", "the"),
    ] {
        let count = find_literal(&text, query).len();
        eprintln!("search/find_literal/{name}: {query:?} occurs {count} times");
        group.bench_with_input(BenchmarkId::from_parameter(name), &query, |b, query| {
            b.iter(|| find_literal(black_box(&text), query))
        });
    }
    group.finish();
}

/// A pattern of `length` characters in one of the shapes above.
fn long_pattern(shape: &str, length: usize) -> String {
    match shape {
        "varied" => {
            // A fixed pseudo-random walk over the letters: no period, and
            // (checked below) no occurrence in the text.
            let mut state: u32 = 0x2545_f491;
            (0..length)
                .map(|_| {
                    state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                    char::from(b'a' + u8::try_from((state >> 24) % 26).unwrap_or(0))
                })
                .collect()
        }
        "repetitive" => "ab".repeat(length / 2),
        _ => "é".repeat(length),
    }
}

fn long_patterns(c: &mut Criterion) {
    let text = std::fs::read_to_string(harness::data(Size::Plain)).expect("plain text");
    let mut group = c.benchmark_group("search/long_pattern");
    group.sample_size(10);
    for shape in ["varied", "repetitive", "accented"] {
        // Case-folded `é` past about 5,000 characters is over the regex
        // size limit (find_literal finds nothing): the prompt's 4,096 keep
        // below it.
        let lengths: &[usize] = match shape {
            "accented" => &[1000, 2000, 4000],
            _ => &[1000, 2000, 4000, 8000, 16000],
        };
        for &length in lengths {
            let pattern = long_pattern(shape, length);
            assert!(find_literal(&text, &pattern).is_empty(), "{shape} occurs");
            group.bench_with_input(BenchmarkId::new(shape, length), &pattern, |b, pattern| {
                b.iter(|| find_literal(black_box(&text), pattern))
            });
        }
    }
    group.finish();
}

fn keystroke(c: &mut Criterion) {
    let theme = harness::theme();
    for (group_name, typed, last) in [
        ("search/keystroke", "/attac", "k"),
        ("search/keystroke_absent", "/xyzz", "k"),
    ] {
        let mut group = c.benchmark_group(group_name);
        group.sample_size(20);
        let last = parse_sequence(last).expect("key");
        let back = parse_sequence("<BS>").expect("key");
        let sizes: &[Size] = if typed == "/attac" {
            &[Size::Small, Size::Plain, Size::Large, Size::Huge]
        } else {
            &[Size::Plain, Size::Huge]
        };
        for &size in sizes {
            // Loaded on first use, so a filter that skips a size skips its load.
            let mut state = None;
            let mut buffer = Buffer::empty(Rect::new(0, 0, harness::WIDTH, harness::HEIGHT));
            group.bench_function(BenchmarkId::from_parameter(size.name()), |b| {
                let state = state.get_or_insert_with(|| {
                    let mut state = harness::state(size);
                    harness::press(&mut state, typed);
                    state
                });
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        let started = Instant::now();
                        for &key in &last {
                            update(state, Input::Key(key));
                        }
                        update(state, Input::Settle);
                        harness::draw(&mut buffer, state, &theme);
                        black_box(&buffer);
                        total += started.elapsed();
                        assert!(
                            state.search().editing && state.search().query.len() == typed.len()
                        );
                        for &key in &back {
                            update(state, Input::Key(key));
                        }
                        update(state, Input::Settle);
                    }
                    total
                })
            });
        }
        group.finish();
    }
}

fn whole_text(c: &mut Criterion) {
    let mut group = c.benchmark_group("search/whole_text");
    group.sample_size(10);
    for size in [Size::Plain, Size::Huge] {
        let mut text = None;
        group.bench_function(BenchmarkId::from_parameter(size.name()), |b| {
            let text = text
                .get_or_insert_with(|| std::fs::read_to_string(harness::data(size)).expect("text"));
            b.iter(|| find_literal(black_box(text), "attack"))
        });
    }
    group.finish();
}

fn counting(c: &mut Criterion) {
    let mut group = c.benchmark_group("search/count");
    group.sample_size(10);
    for size in [Size::Plain, Size::Huge] {
        let mut job = None;
        group.bench_function(BenchmarkId::from_parameter(size.name()), |b| {
            let job = job.get_or_insert_with(|| {
                let text = std::fs::read_to_string(harness::data(size)).expect("text");
                CountJob {
                    generation: 1,
                    text: std::sync::Arc::new(text),
                    pattern: std::sync::Arc::new(
                        brief::controller::find::Pattern::literal("attack").expect("a pattern"),
                    ),
                }
            });
            b.iter(|| {
                let mut total = 0;
                count(
                    job,
                    || false,
                    |report| {
                        total += report.count;
                        true
                    },
                );
                black_box(total)
            })
        });
    }
    group.finish();
}

fn next_match(c: &mut Criterion) {
    let theme = harness::theme();
    let mut group = c.benchmark_group("search/next");
    group.sample_size(20);
    let next = parse_sequence("n").expect("key");
    let previous = parse_sequence("N").expect("key");
    for size in [Size::Plain, Size::Huge] {
        let mut state = None;
        let mut buffer = Buffer::empty(Rect::new(0, 0, harness::WIDTH, harness::HEIGHT));
        group.bench_function(BenchmarkId::from_parameter(size.name()), |b| {
            let state = state.get_or_insert_with(|| {
                let mut state = harness::state(size);
                let mut effects = Vec::new();
                for key in parse_sequence("/attack<Enter>").expect("keys") {
                    effects.extend(update(&mut state, Input::Key(key)));
                }
                effects.extend(update(&mut state, Input::Settle));
                let counts: Vec<Effect> = effects
                    .into_iter()
                    .filter(|e| matches!(e, Effect::Count(_)))
                    .collect();
                count_at_once(&mut state, counts.into_iter().last().into_iter().collect());
                assert!(!state.search().counting && state.search().current.is_some());
                state
            });
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let started = Instant::now();
                    for &key in &next {
                        update(state, Input::Key(key));
                    }
                    harness::draw(&mut buffer, state, &theme);
                    black_box(&buffer);
                    total += started.elapsed();
                    for &key in &previous {
                        update(state, Input::Key(key));
                    }
                }
                total
            })
        });
    }
    group.finish();
}

fn main() {
    let mut c = harness::criterion();
    find(&mut c);
    long_patterns(&mut c);
    keystroke(&mut c);
    whole_text(&mut c);
    counting(&mut c);
    next_match(&mut c);
    c.final_summary();
}
