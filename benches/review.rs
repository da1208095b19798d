//! The reviewer's layer at scale (issue 14): a review of 10,000 verdicts on
//! the `large` briefing (10 MiB, 100k mentions), every tenth mention
//! judged.
//!
//! - `review/save/10000`: what the writer thread does for one change: the
//!   whole review as TOML, written aside, flushed, renamed over the file,
//!   the folder flushed (`RealDisk`). It runs off the drawing thread; the
//!   issue's budget is 20 ms.
//! - `review/serialise/10000`: the TOML alone, without the disk.
//! - `review/overlay/10000`: laying the review over the briefing (every
//!   passage found again, in one pass), as on opening and after a reload.
//! - `review/keystroke/KEY/20000`: keystroke to frame at 200x60 with a
//!   review of 10,000 verdicts and 10,000 notes of the reviewer's shown, against
//!   the same keys without a review (`…/none`): `j`, `<Tab>`, `c` (a
//!   verdict, then taken back untimed) and `iw` (the caret on and a word
//!   on, drawn with the notes on its row).
//!
//! `cargo bench --bench review`; data is generated on first use.

#[path = "support/synth/mod.rs"]
mod synth;

#[path = "support/harness.rs"]
mod harness;

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use brief::controller::{Input, Keymap, Setup, State, parse_sequence, update};
use brief::model::{Briefing, Grading, NoteKind};
use brief::review::file::{Header, write};
use brief::review::store::{Disk, RealDisk};
use brief::review::{Anchor, Judgement, Overlay, Review, ReviewNote, Target, Verdict};
use criterion::{BenchmarkId, Criterion};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use synth::Size;

const VERDICTS: usize = 10_000;

/// Every tenth mention of `briefing` judged, up to `VERDICTS`; with
/// `notes`, as many notes of the reviewer's on the mentions between.
fn review_of(briefing: &Briefing, notes: bool) -> Review {
    let text = &briefing.document.text;
    let mut review = Review::default();
    let between = if notes { VERDICTS } else { 0 };
    for mention in briefing.mentions.iter().skip(5).step_by(10).take(between) {
        review.notes.push(ReviewNote {
            anchor: Anchor::capture(text, mention.span.clone()),
            kind: NoteKind::Unverified,
            grading: Grading::default(),
            text: "only one source says so".to_string(),
            reviewer: "bench".to_string(),
            at: "2026-12-07T15:12:03Z".to_string(),
        });
    }
    for mention in briefing.mentions.iter().step_by(10).take(VERDICTS) {
        review.verdicts.push(Verdict {
            target: Target::Mention {
                entity: briefing.entity(mention.entity).id.clone(),
                anchor: Anchor::capture(text, mention.span.clone()),
            },
            judgement: Judgement::Confirmed,
            comment: Some("checked against the second source".to_string()),
            reviewer: "bench".to_string(),
            at: "2026-12-07T15:12:03Z".to_string(),
        });
    }
    review
}

fn state_with(briefing: Briefing, review: Option<Review>) -> State {
    let setup = Setup {
        review: review.map(|review| brief::review::open::Setup {
            review,
            reviewer: "bench".to_string(),
            read_only: None,
            place: None,
        }),
        ..Setup::default()
    };
    State::with_setup(
        briefing,
        Keymap::default_keymap(),
        harness::WIDTH,
        harness::HEIGHT,
        setup,
    )
}

fn save_and_overlay(c: &mut Criterion) {
    let briefing = harness::briefing(Size::Large);
    let review = Arc::new(review_of(&briefing, false));
    assert_eq!(review.verdicts.len(), VERDICTS);
    let header = Header::for_text(briefing.meta.title.as_deref(), &briefing.document.text);
    let dir = std::env::temp_dir().join(format!("brief-bench-review-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("bench folder");
    let path = dir.join("large.review.toml");
    let mut group = c.benchmark_group("review");
    group.sample_size(20);
    let bytes = write(&review, &header).len();
    eprintln!("review/save/{VERDICTS}: {bytes} bytes a write");
    group.bench_function(BenchmarkId::new("save", VERDICTS), |b| {
        b.iter(|| {
            let bytes = write(black_box(&review), &header);
            RealDisk.replace(&path, bytes.as_bytes()).expect("written");
        })
    });
    group.bench_function(BenchmarkId::new("serialise", VERDICTS), |b| {
        b.iter(|| write(black_box(&review), &header))
    });
    group.bench_function(BenchmarkId::new("overlay", VERDICTS), |b| {
        b.iter(|| Overlay::build(black_box(&review), &briefing))
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

fn keystrokes(c: &mut Criterion) {
    let theme = harness::theme();
    let mut group = c.benchmark_group("review/keystroke");
    group.sample_size(30);
    for (name, with_review) in [("none", false), ("20000", true)] {
        let briefing = harness::briefing(Size::Large);
        let review = with_review.then(|| review_of(&briefing, true));
        let mut state = state_with(briefing, review);
        harness::press(&mut state, "<Tab>");
        let mut buffer = Buffer::empty(Rect::new(0, 0, harness::WIDTH, harness::HEIGHT));
        for (key, undo) in [
            ("j", "k"),
            ("<Tab>", "<S-Tab>"),
            ("c", "c"),
            // The caret on, moved a word: its row's notes are looked up.
            ("iw", "b<Esc>"),
        ] {
            let keys = parse_sequence(key).expect("key");
            let back = parse_sequence(undo).expect("key");
            group.bench_function(BenchmarkId::new(key, name), |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        let started = Instant::now();
                        for &k in &keys {
                            update(&mut state, Input::Key(k));
                        }
                        update(&mut state, Input::Settle);
                        harness::draw(&mut buffer, &state, &theme);
                        black_box(&buffer);
                        total += started.elapsed();
                        for &k in &back {
                            update(&mut state, Input::Key(k));
                        }
                        update(&mut state, Input::Settle);
                    }
                    total
                })
            });
        }
    }
    group.finish();
}

fn main() {
    let mut c = harness::criterion();
    save_and_overlay(&mut c);
    keystrokes(&mut c);
    c.final_summary();
}
