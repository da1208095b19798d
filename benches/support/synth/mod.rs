//! Deterministic synthetic briefings for the benchmarks (issue 4).
//!
//! Shared by `examples/generate.rs` (which writes them on demand) and the
//! criterion benches (which write them on first use into
//! `target/bench-data`). Same size and seed, same bytes: the generator uses
//! its own SplitMix64, no `rand`.
//!
//! Sizes:
//! - `small`: the bundled Crocus City Hall briefing, copied as it is;
//! - `medium`: 1 MiB of Markdown, 500 entities, 10k explicit mentions;
//! - `large`: 10 MiB of Markdown, 5k entities of every kind with aliases,
//!   100k explicit mentions (quote + occurrence, prefix, suffix, offsets),
//!   relations, events with fuzzy EDTF dates, notes, suppressions;
//! - `plain`: 10 MiB of Markdown with no annotation file;
//! - `line`: 10 MiB on one line with no spaces (a `.txt`);
//! - `under1m`: Markdown just under 1 MiB, no annotations (the size that
//!   once loaded whole before the first frame, issue 18);
//! - `large100`: about 100 MB of text and TOML together (45 MiB of text,
//!   50k entities, 550k explicit mentions; the loader takes at most 64 MiB
//!   of TOML), written only when asked for by name;
//! - `large-auto`, `large-quotes`, `large-offsets`, `large-duplicates`,
//!   `large-nested`, `large-long-notes`: the shapes of `large` (issue 18):
//!   names written three times as often as mentioned (most mentions
//!   automatic), quote selectors only, offset selectors only, half the
//!   explicit mentions written twice, half of them inside a wider mention
//!   of another entity (and half of those inside a wider one still), notes
//!   of 200-600 words; written only when named;
//! - `huge`: just under 100 MiB (the loader's limit) of Markdown with no
//!   annotation file (issue 18), written
//!   only when asked for by name: `all` leaves it out.
//!
//! Every annotated briefing is meant to pass `brief check` with no errors:
//! occurrences and prefix/suffix filters are computed against the finished
//! text with the same rules the loader uses (overlapping case-sensitive
//! matches, whitespace runs folded to one space).

// Each target that includes this file uses a different part of it.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

mod annotations;
mod entities;
mod text;
mod words;

use annotations::*;
use entities::*;
use text::*;
use words::*;

/// The seed the benches use.
pub const DEFAULT_SEED: u64 = 1;

/// Bumped whenever the output for a given size and seed changes, so stale
/// bench data is regenerated.
const GENERATOR_VERSION: u32 = 1;

const MIB: usize = 1024 * 1024;

/// Hard-wrap column for Markdown paragraphs.
const WRAP: usize = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    Small,
    Medium,
    Large,
    Plain,
    Line,
    Under1M,
    Huge,
    Large100,
    LargeAuto,
    LargeQuotes,
    LargeOffsets,
    LargeDuplicates,
    LargeNested,
    LargeLongNotes,
}

impl Size {
    pub const ALL: [Size; 5] = [
        Size::Small,
        Size::Medium,
        Size::Large,
        Size::Plain,
        Size::Line,
    ];

    /// Written only when named: `all` leaves them out.
    pub const ON_DEMAND: [Size; 9] = [
        Size::Under1M,
        Size::Huge,
        Size::Large100,
        Size::LargeAuto,
        Size::LargeQuotes,
        Size::LargeOffsets,
        Size::LargeDuplicates,
        Size::LargeNested,
        Size::LargeLongNotes,
    ];

    /// The shapes of `large` (issue 18), for the load benches.
    pub const LARGE_SHAPES: [Size; 7] = [
        Size::Large,
        Size::LargeAuto,
        Size::LargeQuotes,
        Size::LargeOffsets,
        Size::LargeDuplicates,
        Size::LargeNested,
        Size::LargeLongNotes,
    ];

    pub fn parse(name: &str) -> Option<Size> {
        Size::ALL
            .into_iter()
            .chain(Size::ON_DEMAND)
            .find(|size| size.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Size::Small => "small",
            Size::Medium => "medium",
            Size::Large => "large",
            Size::Plain => "plain",
            Size::Line => "line",
            Size::Under1M => "under1m",
            Size::Huge => "huge",
            Size::Large100 => "large100",
            Size::LargeAuto => "large-auto",
            Size::LargeQuotes => "large-quotes",
            Size::LargeOffsets => "large-offsets",
            Size::LargeDuplicates => "large-duplicates",
            Size::LargeNested => "large-nested",
            Size::LargeLongNotes => "large-long-notes",
        }
    }

    /// The file to open with `brief`: the annotation file when there is one.
    pub fn file_name(self) -> &'static str {
        match self {
            Size::Small => "crocus-city-hall.toml",
            Size::Medium => "medium.toml",
            Size::Large => "large.toml",
            Size::Plain => "plain.md",
            Size::Line => "line.txt",
            Size::Under1M => "under1m.md",
            Size::Huge => "huge.md",
            Size::Large100 => "large100.toml",
            Size::LargeAuto => "large-auto.toml",
            Size::LargeQuotes => "large-quotes.toml",
            Size::LargeOffsets => "large-offsets.toml",
            Size::LargeDuplicates => "large-duplicates.toml",
            Size::LargeNested => "large-nested.toml",
            Size::LargeLongNotes => "large-long-notes.toml",
        }
    }

    /// The text file (what `less` is given).
    pub fn text_name(self) -> &'static str {
        match self {
            Size::Small => "crocus-city-hall.md",
            Size::Medium => "medium.md",
            Size::Large => "large.md",
            Size::Plain => "plain.md",
            Size::Line => "line.txt",
            Size::Under1M => "under1m.md",
            Size::Huge => "huge.md",
            Size::Large100 => "large100.md",
            Size::LargeAuto => "large-auto.md",
            Size::LargeQuotes => "large-quotes.md",
            Size::LargeOffsets => "large-offsets.md",
            Size::LargeDuplicates => "large-duplicates.md",
            Size::LargeNested => "large-nested.md",
            Size::LargeLongNotes => "large-long-notes.md",
        }
    }

    pub fn is_annotated(self) -> bool {
        matches!(
            self,
            Size::Small
                | Size::Medium
                | Size::Large
                | Size::Large100
                | Size::LargeAuto
                | Size::LargeQuotes
                | Size::LargeOffsets
                | Size::LargeDuplicates
                | Size::LargeNested
                | Size::LargeLongNotes
        )
    }

    fn spec(self) -> Option<Spec> {
        match self {
            Size::Medium => Some(Spec {
                text_bytes: MIB,
                entities: 500,
                mentions: 10_000,
                relations: 500,
                events: 200,
                notes: 200,
                suppressions: 20,
                ..Spec::default()
            }),
            Size::Large => Some(LARGE),
            // `large` with its names written three times as often as they
            // are mentioned: most mentions are automatic.
            Size::LargeAuto => Some(Spec {
                auto_percent: 200,
                ..LARGE
            }),
            Size::LargeQuotes => Some(Spec {
                selectors: Selectors::QuoteOnly,
                ..LARGE
            }),
            Size::LargeOffsets => Some(Spec {
                selectors: Selectors::OffsetsOnly,
                ..LARGE
            }),
            // Half the explicit mentions written twice (each a
            // `duplicate-mention` warning).
            Size::LargeDuplicates => Some(Spec {
                duplicate_percent: 50,
                ..LARGE
            }),
            // Half the explicit mentions inside a wider mention of another
            // entity (the name and the word after it), half of those inside
            // a wider one still (the word before too).
            Size::LargeNested => Some(Spec {
                nested_percent: 50,
                ..LARGE
            }),
            // Notes of 200 to 600 words.
            Size::LargeLongNotes => Some(Spec {
                note_words: (200, 600),
                ..LARGE
            }),
            Size::Plain => Some(Spec {
                text_bytes: 10 * MIB,
                ..Spec::default()
            }),
            Size::Line => Some(Spec {
                text_bytes: 10 * MIB,
                ..Spec::default()
            }),
            // About 100 MB together: the loader takes at most 64 MiB of
            // TOML, so the text is 45 MiB and the mentions 550k.
            Size::Large100 => Some(Spec {
                text_bytes: 45 * MIB,
                entities: 50_000,
                mentions: 550_000,
                relations: 25_000,
                events: 10_000,
                notes: 10_000,
                suppressions: 1_000,
                ..Spec::default()
            }),
            Size::Under1M => Some(Spec {
                text_bytes: MIB - 16 * 1024,
                ..Spec::default()
            }),
            // Just under the loader's 100 MiB limit (the writer runs a
            // paragraph past its target).
            Size::Huge => Some(Spec {
                text_bytes: 100 * MIB - MIB / 2,
                ..Spec::default()
            }),
            Size::Small => None,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Spec {
    text_bytes: usize,
    entities: usize,
    mentions: usize,
    relations: usize,
    events: usize,
    notes: usize,
    suppressions: usize,
    /// Names written beyond the explicit mentions, in percent of them:
    /// left to automatic matching.
    auto_percent: usize,
    selectors: Selectors,
    /// Explicit mentions written twice, in percent.
    duplicate_percent: usize,
    /// Explicit mentions put inside wider mentions of other entities, in
    /// percent.
    nested_percent: usize,
    /// How many words a note's text has (from, up to but not including).
    note_words: (usize, usize),
}

impl Spec {
    /// Nothing to write, mixed selectors, 15% of names left automatic.
    const fn base() -> Spec {
        Spec {
            text_bytes: 0,
            entities: 0,
            mentions: 0,
            relations: 0,
            events: 0,
            notes: 0,
            suppressions: 0,
            auto_percent: 15,
            selectors: Selectors::Mixed,
            duplicate_percent: 0,
            nested_percent: 0,
            note_words: (8, 30),
        }
    }
}

impl Default for Spec {
    fn default() -> Spec {
        Spec::base()
    }
}

/// Which selector styles the explicit mentions use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Selectors {
    /// Every style the format allows, in fixed shares.
    Mixed,
    /// Quotes with occurrence, prefix or suffix: never offsets.
    QuoteOnly,
    /// Offsets, with or without a quote to check them.
    OffsetsOnly,
}

const LARGE: Spec = Spec {
    text_bytes: 10 * MIB,
    entities: 5_000,
    mentions: 100_000,
    relations: 5_000,
    events: 2_000,
    notes: 2_000,
    suppressions: 200,
    ..Spec::base()
};

/// What one generation wrote.
#[derive(Debug, Default)]
pub struct Summary {
    pub files: Vec<(PathBuf, u64)>,
    pub entities: usize,
    pub aliases: usize,
    pub explicit_mentions: usize,
    pub name_sites: usize,
    pub relations: usize,
    pub events: usize,
    pub notes: usize,
    pub suppressions: usize,
}

/// `$CARGO_TARGET_DIR/bench-data`, or `target/bench-data` in the crate.
pub fn bench_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("bench-data")
}

fn stamp_path(dir: &Path, size: Size) -> PathBuf {
    dir.join(format!("{}.stamp", size.name()))
}

fn stamp(seed: u64) -> String {
    format!("brief synthetic briefing generator v{GENERATOR_VERSION}, seed {seed}\n")
}

/// The file to open for `size` in `dir`, generated first unless it is
/// already there from the same generator version and seed.
pub fn ensure(size: Size, dir: &Path, seed: u64) -> io::Result<PathBuf> {
    let file = dir.join(size.file_name());
    let fresh = fs::read_to_string(stamp_path(dir, size)).is_ok_and(|s| s == stamp(seed))
        && file.exists()
        && dir.join(size.text_name()).exists();
    if !fresh {
        eprintln!(
            "generating the {} benchmark briefing in {} ...",
            size.name(),
            dir.display()
        );
        generate(size, dir, seed)?;
    }
    Ok(file)
}

/// Writes the briefing for `size` into `dir`.
pub fn generate(size: Size, dir: &Path, seed: u64) -> io::Result<Summary> {
    fs::create_dir_all(dir)?;
    let _ = fs::remove_file(stamp_path(dir, size));
    let mut summary = Summary::default();
    let mut write = |name: &str, contents: &str| -> io::Result<()> {
        let path = dir.join(name);
        fs::write(&path, contents)?;
        summary.files.push((path, contents.len() as u64));
        Ok(())
    };
    // Mix the size into the seed so sizes differ from each other.
    let mut rng = Rng::new(seed ^ (size as u64 + 1).wrapping_mul(0xA076_1D64_78BD_642F));
    match size {
        Size::Small => {
            write(size.text_name(), brief::loader::BUNDLED_TEXT)?;
            write(size.file_name(), brief::loader::BUNDLED_ANNOTATIONS)?;
        }
        Size::Line => {
            let spec = size.spec().unwrap_or_default();
            write(size.text_name(), &single_line(&mut rng, spec.text_bytes))?;
        }
        Size::Plain | Size::Under1M | Size::Huge => {
            let spec = size.spec().unwrap_or_default();
            let text = markdown(&mut rng, size, spec.text_bytes, &[], 0);
            write(size.text_name(), &text.text)?;
        }
        Size::Medium
        | Size::Large
        | Size::Large100
        | Size::LargeAuto
        | Size::LargeQuotes
        | Size::LargeOffsets
        | Size::LargeDuplicates
        | Size::LargeNested
        | Size::LargeLongNotes => {
            let spec = size.spec().unwrap_or_default();
            let annotated = annotated(&mut rng, size, spec, seed);
            write(size.text_name(), &annotated.text)?;
            write(size.file_name(), &annotated.toml)?;
            summary.entities = spec.entities;
            summary.aliases = annotated.aliases;
            summary.explicit_mentions = spec.mentions;
            summary.name_sites = annotated.sites;
            summary.relations = spec.relations;
            summary.events = spec.events;
            summary.notes = spec.notes;
            summary.suppressions = spec.suppressions;
        }
    }
    fs::write(stamp_path(dir, size), stamp(seed))?;
    Ok(summary)
}
