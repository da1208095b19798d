//! Keystroke to frame (issue 4): one key through `update`, then the whole
//! frame drawn off-screen at 200x60, on `small` (the bundled briefing),
//! `medium` (1 MiB, 10k mentions) and `large` (10 MiB text, 100k mentions),
//! and the motions that make sense on `line` (10 MiB on one line).
//! `medium` and `large` come from the same generator, so their screens hold
//! the same kind of text: their ratio isolates the document's size, while
//! `small`'s screens hold less text than the generator's.
//!
//! Only keystrokes that change something are timed: a key that finds
//! nothing left to do (`j` at the bottom) is not counted; the state is reset
//! (`gg`) untimed and the key pressed again. Keys that need a preparation
//! get it untimed before each press (`gg` before `G`, `G` before `<C-o>`).
//! Criterion reports the time per keystroke+frame; the target is a
//! median under 1 ms, and `large` within 1.5x of `small`.
//!
//! `frame_bytes/{ratatui,encoder}/large` times only the bytes of a `j`
//! frame on `large`, from the two finished buffers: ratatui's diff through
//! its crossterm backend (what `Terminal::draw` did after rendering) and
//! the reader's own encoder (`terminal::encode_diff_frame`), which replaced
//! it.
//!
//! `cargo bench --bench keys`; data is generated on first use.

#[path = "support/synth/mod.rs"]
mod synth;

#[path = "support/harness.rs"]
mod harness;

use std::hint::black_box;
use std::time::{Duration, Instant};

use brief::controller::{Input as ReaderInput, KeyPress, State, parse_sequence, update};
use brief::model::MentionId;
use criterion::{BenchmarkId, Criterion};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use synth::Size;

/// What is timed.
#[derive(Clone, Copy)]
enum Input {
    Keys(&'static str),
    /// Alternate between 200x60 and 199x59, as a dragged window does.
    Resize,
    /// No input: the frame alone, for comparison.
    Redraw,
}

struct Case {
    name: &'static str,
    /// Pressed once before measuring.
    setup: &'static str,
    /// Pressed, untimed, before every timed input.
    before: &'static str,
    input: Input,
    /// Pressed, untimed, when the input stopped changing anything.
    reset: &'static str,
    /// Whether it means anything on a text with no mentions.
    needs_annotations: bool,
}

const CASES: &[Case] = &[
    Case {
        name: "redraw_only",
        setup: "",
        before: "",
        input: Input::Redraw,
        reset: "",
        needs_annotations: false,
    },
    Case {
        name: "scroll_j",
        setup: "",
        before: "",
        input: Input::Keys("j"),
        reset: "gg",
        needs_annotations: false,
    },
    Case {
        name: "page_space",
        setup: "",
        before: "",
        input: Input::Keys("<Space>"),
        reset: "gg",
        needs_annotations: false,
    },
    Case {
        name: "next_mention_tab",
        setup: "",
        before: "",
        input: Input::Keys("<Tab>"),
        reset: "gg",
        needs_annotations: true,
    },
    Case {
        name: "next_entity_mention_]m",
        setup: "<Tab>",
        before: "",
        input: Input::Keys("]m"),
        reset: "gg<Tab>",
        needs_annotations: true,
    },
    Case {
        name: "bottom_G",
        setup: "",
        before: "gg",
        input: Input::Keys("G"),
        reset: "gg",
        needs_annotations: false,
    },
    Case {
        name: "jump_back_<C-o>",
        setup: "",
        before: "G",
        input: Input::Keys("<C-o>"),
        reset: "gg",
        needs_annotations: false,
    },
    Case {
        name: "search_next_n",
        setup: "/attack<Enter>",
        before: "",
        input: Input::Keys("n"),
        reset: "gg",
        needs_annotations: true,
    },
    Case {
        name: "pane_switch_<C-w>w",
        setup: "",
        before: "",
        input: Input::Keys("<C-w>w"),
        reset: "",
        // A plain text has no side panes to switch to: they fold away.
        needs_annotations: true,
    },
    Case {
        name: "resize",
        setup: "",
        before: "",
        input: Input::Resize,
        reset: "",
        needs_annotations: false,
    },
];

/// What a keystroke can change that a reader would see.
#[derive(PartialEq, Eq, Clone, Copy, Debug)]
struct Seen {
    top: brief::layout::RowPos,
    cursor: usize,
    mention: Option<MentionId>,
    focus: u8,
    screen: (u16, u16),
    search: Option<usize>,
}

fn seen(state: &State) -> Seen {
    Seen {
        top: state.top(),
        cursor: state.cursor(),
        mention: state.focused_mention(),
        focus: state.focus().index(),
        screen: (state.screen().width, state.screen().height),
        search: state.search().current_index(),
    }
}

fn keys(notation: &str) -> Vec<KeyPress> {
    parse_sequence(notation).expect("valid key notation")
}

fn feed(state: &mut State, keys: &[KeyPress]) {
    for &key in keys {
        update(state, ReaderInput::Key(key));
    }
    update(state, ReaderInput::Settle);
}

/// Times `iters` effective inputs, each followed by a whole frame.
fn run(
    state: &mut State,
    buffer: &mut Buffer,
    theme: &brief::theme::Theme,
    case: &Case,
    iters: u64,
) -> Duration {
    let before = keys(case.before);
    let reset = keys(case.reset);
    let input = match case.input {
        Input::Keys(notation) => keys(notation),
        Input::Resize | Input::Redraw => Vec::new(),
    };
    let mut total = Duration::ZERO;
    let mut counted = 0;
    let mut idle_in_a_row = 0;
    while counted < iters {
        feed(state, &before);
        let was = seen(state);
        let started = Instant::now();
        match case.input {
            Input::Keys(_) => feed(state, &input),
            Input::Resize => {
                let (width, height) = if state.screen().width == harness::WIDTH {
                    (harness::WIDTH - 1, harness::HEIGHT - 1)
                } else {
                    (harness::WIDTH, harness::HEIGHT)
                };
                update(state, ReaderInput::Resize(width, height));
            }
            Input::Redraw => {}
        }
        harness::draw(buffer, state, theme);
        black_box(&*buffer);
        let elapsed = started.elapsed();
        if seen(state) == was && !matches!(case.input, Input::Redraw) {
            idle_in_a_row += 1;
            assert!(
                idle_in_a_row < 3,
                "{} changes nothing even after a reset ({:?})",
                case.name,
                was
            );
            feed(state, &reset);
            continue;
        }
        idle_in_a_row = 0;
        total += elapsed;
        counted += 1;
    }
    total
}

/// The bytes of a `j` frame on `large`, both ways (see the module's doc).
fn frame_bytes(c: &mut Criterion, theme: &brief::theme::Theme) {
    let mut state = harness::state(Size::Large);
    let area = Rect::new(0, 0, harness::WIDTH, harness::HEIGHT);
    let mut before = Buffer::empty(area);
    harness::draw(&mut before, &state, theme);
    feed(&mut state, &keys("j"));
    let mut after = Buffer::empty(area);
    harness::draw(&mut after, &state, theme);
    let mut group = c.benchmark_group("frame_bytes");
    let mut bytes = Vec::with_capacity(64 * 1024);
    group.bench_function(BenchmarkId::new("ratatui", "large"), |b| {
        b.iter(|| {
            bytes.clear();
            let mut backend = ratatui::backend::CrosstermBackend::new(&mut bytes);
            ratatui::backend::Backend::draw(&mut backend, before.diff_iter(black_box(&after)))
                .expect("drawing into a Vec");
            // The backend borrows the bytes until its last use above.
            bytes.len()
        })
    });
    group.bench_function(BenchmarkId::new("encoder", "large"), |b| {
        b.iter(|| {
            bytes.clear();
            let colors = brief::terminal::Colors::Sent;
            brief::terminal::encode_diff_frame(&before, black_box(&after), colors, &mut bytes);
            bytes.len()
        })
    });
    group.finish();
}

fn main() {
    let mut c: Criterion = harness::criterion();
    let theme = harness::theme();
    frame_bytes(&mut c, &theme);
    for size in [Size::Small, Size::Medium, Size::Large, Size::Line] {
        // Loaded on first use, so a filter that skips a size skips its load.
        let mut start: Option<State> = None;
        for case in CASES {
            if case.needs_annotations && !size.is_annotated() {
                continue;
            }
            let mut state: Option<State> = None;
            let mut buffer = Buffer::empty(Rect::new(0, 0, harness::WIDTH, harness::HEIGHT));
            let mut group = c.benchmark_group(format!("keys/{}", case.name));
            if matches!(case.input, Input::Resize) && size != Size::Small {
                group.sample_size(10);
            }
            group.bench_function(BenchmarkId::from_parameter(size.name()), |b| {
                let state = state.get_or_insert_with(|| {
                    let mut state = start.get_or_insert_with(|| harness::state(size)).clone();
                    harness::press(&mut state, case.setup);
                    state
                });
                b.iter_custom(|iters| run(state, &mut buffer, &theme, case, iters))
            });
            group.finish();
        }
    }
    c.final_summary();
}
