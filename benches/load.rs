//! Load and first frame (issue 4).
//!
//! - `load/bare_parse/SIZE`: one `toml::from_str` of the annotation file into
//!   the loader's raw structs (`loader::bare_parse`), the string already in
//!   memory: the floor the issue measures the load against.
//! - `load/load/SIZE`: `loader::load` from the file system, as `brief FILE`
//!   does: read both files, parse, anchor, build the model. SIZE includes
//!   the shapes of `large` (issue 18): `large-auto` (names written three
//!   times as often as mentioned: most mentions automatic),
//!   `large-quotes` and `large-offsets` (one kind of selector).
//! - `load/load_in_memory/SIZE`: the same from an `InMemory` reader (no
//!   file system; each read is one copy of the string).
//! - `load/text_only/SIZE`: a text with no annotations.
//! - `first_frame/SIZE`: what `brief FILE` does before its first frame, in
//!   process: the preview of a large briefing's start (or the whole load of
//!   a small one), a state at 200x60, the frame drawn off-screen.
//!
//! - `first_frame_bytes/SIZE`: that frame turned into the bytes written to
//!   the terminal (`terminal::encode_first_frame`).
//!
//! - `landing/SIZE`: the full load arriving in a reader that shows the
//!   preview: the swap on the main thread and the next frame.
//!
//! - `entities/SHAPE/N`: `loader::load` of a briefing of N entities (1k,
//!   10k, 100k) in each shape of `support/many.rs`: `bare` (no name in the
//!   text), `named` (each name once in the text), `full` (with aliases,
//!   kinds, relations, events, notes and mentions scaled with N). Linear
//!   loading shows as ten times the time for ten times the entities
//!   (issue 20).
//!
//! `cargo bench --bench load`; data is generated into `target/bench-data`
//! on first use.

#[path = "support/synth/mod.rs"]
mod synth;

#[path = "support/harness.rs"]
mod harness;

#[path = "support/many.rs"]
mod many;

use std::hint::black_box;
use std::path::{Path, PathBuf};

use brief::controller::{Input, Keymap, State, update};
use brief::loader::{self, FileSystem, InMemory};
use brief::model::Briefing;
use criterion::{BatchSize, BenchmarkId, Criterion};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use synth::Size;

fn in_memory(annotations: &Path) -> InMemory {
    let text: PathBuf = annotations.with_extension("md");
    InMemory {
        files: vec![
            (
                annotations.to_path_buf(),
                std::fs::read_to_string(annotations).expect("annotations"),
            ),
            (text.clone(), std::fs::read_to_string(&text).expect("text")),
        ],
    }
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    // The shapes of `large` (issue 18: many automatic mentions, quote or
    // offset selectors only) beside it, each against its own floor.
    let sizes = [Size::Small, Size::Medium]
        .into_iter()
        .chain(Size::LARGE_SHAPES);
    for size in sizes {
        if Size::LARGE_SHAPES.contains(&size) {
            group.sample_size(10);
        }
        // Inputs are made on first use, so a filter that skips a bench
        // skips its preparation.
        let mut source: Option<String> = None;
        group.bench_function(BenchmarkId::new("bare_parse", size.name()), |b| {
            let source = source.get_or_insert_with(|| {
                let source = std::fs::read_to_string(harness::data(size)).expect("annotations");
                assert!(loader::bare_parse(&source).is_ok(), "the floor parses");
                source
            });
            b.iter(|| loader::bare_parse(black_box(source)))
        });
        group.bench_function(BenchmarkId::new("load", size.name()), |b| {
            let path = harness::data(size);
            b.iter(|| {
                let loaded = loader::load(black_box(&path), &FileSystem);
                assert!(loaded.briefing.is_some());
                loaded
            })
        });
        let mut files: Option<(PathBuf, InMemory)> = None;
        group.bench_function(BenchmarkId::new("load_in_memory", size.name()), |b| {
            let (path, files) = files.get_or_insert_with(|| {
                let path = harness::data(size);
                let files = in_memory(&path);
                (path, files)
            });
            b.iter(|| loader::load(black_box(path), &*files))
        });
    }
    for size in [Size::Plain, Size::Line] {
        group.bench_function(BenchmarkId::new("text_only", size.name()), |b| {
            let path = harness::data(size);
            b.iter(|| loader::load(black_box(&path), &FileSystem))
        });
    }
    group.finish();
}

fn first_frame(c: &mut Criterion) {
    let theme = harness::theme();
    let mut group = c.benchmark_group("first_frame");
    for size in [Size::Small, Size::Plain, Size::Line, Size::Large] {
        group.sample_size(if size == Size::Small { 50 } else { 10 });
        group.bench_function(BenchmarkId::from_parameter(size.name()), |b| {
            let path = harness::data(size);
            b.iter(|| harness::first_frame(black_box(&path), &theme))
        });
    }
    group.finish();
}

/// The first frame's bytes, from a frame already drawn.
fn first_frame_bytes(c: &mut Criterion) {
    let theme = harness::theme();
    let mut group = c.benchmark_group("first_frame_bytes");
    for size in [Size::Small, Size::Large] {
        let mut frame: Option<Buffer> = None;
        let mut bytes = Vec::new();
        group.bench_function(BenchmarkId::from_parameter(size.name()), |b| {
            let frame =
                frame.get_or_insert_with(|| harness::first_frame(&harness::data(size), &theme));
            b.iter(|| {
                bytes.clear();
                brief::terminal::encode_first_frame(
                    black_box(frame),
                    brief::terminal::Colors::Sent,
                    &mut bytes,
                );
                bytes.len()
            })
        });
    }
    group.finish();
}

/// The full load landing in a reader that opened on the preview: what the
/// event loop does on the main thread when the background load is done
/// (the swap, the entity list, the timeline's date width), then a frame.
fn landing(c: &mut Criterion) {
    let theme = harness::theme();
    let mut group = c.benchmark_group("landing");
    group.sample_size(10);
    for size in [Size::Plain, Size::Large] {
        let mut inputs: Option<(State, Briefing)> = None;
        group.bench_function(BenchmarkId::from_parameter(size.name()), |b| {
            let (preview, full) = inputs.get_or_insert_with(|| {
                let path = harness::data(size);
                let bytes = loader::preview_bytes(harness::WIDTH, harness::HEIGHT);
                let preview = loader::preview(&path, bytes).expect("large enough for a preview");
                let state = State::new(
                    preview,
                    Keymap::default_keymap(),
                    harness::WIDTH,
                    harness::HEIGHT,
                );
                (state, harness::briefing(size))
            });
            let mut buffer = Buffer::empty(Rect::new(0, 0, harness::WIDTH, harness::HEIGHT));
            b.iter_batched(
                || (preview.clone(), full.clone()),
                |(mut state, briefing)| {
                    let loaded = Input::Loaded {
                        briefing: Box::new(briefing),
                        warnings: 0,
                        path: "bench".to_string(),
                    };
                    update(&mut state, loaded);
                    harness::draw(&mut buffer, &state, &theme);
                    state
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

/// Loading N entities, for N a thousand, ten thousand and a hundred
/// thousand: each step ten times the last.
fn entities(c: &mut Criterion) {
    let mut group = c.benchmark_group("entities");
    let dir = synth::bench_dir().join("entities");
    for shape in many::Shape::ALL {
        for count in [1_000, 10_000, 100_000] {
            if count >= 100_000 {
                // A second or more an iteration: the fewest samples
                // criterion takes, one iteration each.
                group.sample_size(10);
                group.sampling_mode(criterion::SamplingMode::Flat);
            } else {
                group.sample_size(20);
                group.sampling_mode(criterion::SamplingMode::Auto);
            }
            let mut path: Option<PathBuf> = None;
            group.bench_function(BenchmarkId::new(shape.name(), count), |b| {
                let path = path.get_or_insert_with(|| {
                    let path = many::write(shape, count, &dir).expect("bench data written");
                    let loaded = loader::load(&path, &FileSystem);
                    assert_eq!(loaded.error_count(), 0, "{}", path.display());
                    path
                });
                b.iter(|| {
                    let loaded = loader::load(black_box(path), &FileSystem);
                    assert!(loaded.briefing.is_some());
                    loaded
                })
            });
        }
    }
    group.finish();
}

fn main() {
    let mut c = harness::criterion();
    load(&mut c);
    entities(&mut c);
    first_frame(&mut c);
    first_frame_bytes(&mut c);
    landing(&mut c);
    c.final_summary();
}
