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
//! - `line`: 10 MiB on one line with no spaces (a `.txt`).
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
}

impl Size {
    pub const ALL: [Size; 5] = [
        Size::Small,
        Size::Medium,
        Size::Large,
        Size::Plain,
        Size::Line,
    ];

    pub fn parse(name: &str) -> Option<Size> {
        Size::ALL.into_iter().find(|size| size.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Size::Small => "small",
            Size::Medium => "medium",
            Size::Large => "large",
            Size::Plain => "plain",
            Size::Line => "line",
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
        }
    }

    pub fn is_annotated(self) -> bool {
        matches!(self, Size::Small | Size::Medium | Size::Large)
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
            }),
            Size::Large => Some(Spec {
                text_bytes: 10 * MIB,
                entities: 5_000,
                mentions: 100_000,
                relations: 5_000,
                events: 2_000,
                notes: 2_000,
                suppressions: 200,
            }),
            Size::Plain => Some(Spec {
                text_bytes: 10 * MIB,
                ..Spec::default()
            }),
            Size::Line => Some(Spec {
                text_bytes: 10 * MIB,
                ..Spec::default()
            }),
            Size::Small => None,
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Spec {
    text_bytes: usize,
    entities: usize,
    mentions: usize,
    relations: usize,
    events: usize,
    notes: usize,
    suppressions: usize,
}

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
        Size::Plain => {
            let spec = size.spec().unwrap_or_default();
            let text = markdown(&mut rng, size, spec.text_bytes, &[], 0);
            write(size.text_name(), &text.text)?;
        }
        Size::Medium | Size::Large => {
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

// ---------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize % n.max(1)
    }

    fn range(&mut self, range: Range<usize>) -> usize {
        range.start + self.below(range.end - range.start)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `percent`/100.
    fn percent(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }
}

// ---------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------

#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    "the", "the", "the", "of", "of", "and", "and", "to", "to", "in", "in", "a", "a", "that", "for",
    "on", "with", "as", "by", "was", "were", "is", "are", "from", "at", "its", "their", "this",
    "had", "has", "have", "not", "but", "after", "before", "while", "which", "who", "than", "into",
    "over", "under", "between", "during", "said", "also", "more", "most", "some", "other", "no",
    "it", "they", "he", "she", "we", "our", "would", "could", "may", "since",
];

#[rustfmt::skip]
const CONTENT_WORDS: &[&str] = &[
    "attack", "report", "analyst", "officials", "border", "forces", "security", "government",
    "ministry", "statement", "sources", "claim", "claimed", "evidence", "intelligence", "warning",
    "operation", "network", "region", "capital", "province", "checkpoint", "convoy", "supply",
    "route", "militants", "police", "army", "units", "raid", "arrests", "suspects", "cell",
    "leaders", "command", "funding", "weapons", "explosives", "drone", "strike", "casualties",
    "civilians", "hospital", "school", "market", "bridge", "airport", "port", "village", "district",
    "negotiations", "ceasefire", "talks", "delegation", "envoy", "sanctions", "exports", "fuel",
    "prices", "shortages", "protests", "crowds", "curfew", "broadcast", "channel", "messages",
    "accounts", "video", "footage", "images", "satellite", "imagery", "assessment", "judgement",
    "confidence", "likely", "unlikely", "possible", "reported", "confirmed", "denied", "unverified",
    "disputed", "alleged", "recent", "earlier", "later", "several", "many", "few", "first",
    "second", "third", "last", "early", "late", "morning", "evening", "night", "week", "month",
    "year", "season", "spring", "summer", "autumn", "winter", "northern", "southern", "eastern",
    "western", "central", "coastal", "rural", "urban", "local", "foreign", "regional", "national",
    "armed", "political", "economic", "financial", "military", "civil", "public", "private",
    "senior", "junior", "former", "acting", "deputy", "chief", "commander", "spokesman",
    "spokeswoman", "minister", "president", "governor", "mayor", "journalist", "witness",
    "witnesses", "residents", "families", "refugees", "camp", "shelter", "aid", "relief", "agency",
    "mission", "patrol", "base", "barracks", "depot", "warehouse", "trucks", "vehicles", "aircraft",
    "vessel", "vessels", "cargo", "shipment", "smuggling", "trafficking", "recruitment",
    "propaganda", "ideology", "movement", "faction", "splinter", "affiliate", "branch",
    "leadership", "succession", "rivalry", "alliance", "partnership", "agreement", "deal", "accord",
    "violation", "incident", "clash", "clashes", "fighting", "offensive", "retreat", "advance",
    "positions", "territory", "control", "influence", "pressure", "threat", "risk", "pattern",
    "trend", "increase", "decrease", "timeline", "chronology", "record", "archive", "documents",
    "memo", "cable", "briefing", "summary", "gap", "question", "answer", "detail", "details",
    "account", "version", "narrative", "interpretation", "motive", "motives", "capability",
    "intent", "plan", "plans", "target", "targets", "venue", "gathering", "concert", "election",
    "vote", "parliament", "court", "trial", "verdict", "prison", "release", "exchange", "hostages",
    "ransom", "kidnapping", "ambush", "mortar", "rocket", "shelling", "blast", "fire", "smoke",
    "damage", "repairs", "power", "water", "roads", "railway", "station", "café", "façade", "naïve",
    "régime", "coördination", "dossier", "attaché", "protégé",
];

#[rustfmt::skip]
const FIRST_NAMES: &[&str] = &[
    "Anna", "Pavel", "Amir", "Leila", "Oleg", "Mariam", "Tomas", "Irina", "Yusuf", "Sofia", "Karim",
    "Nadia", "Viktor", "Elena", "Rustam", "Zainab", "Dmitri", "Aisha", "Jonas", "Farida", "Marek",
    "Lucía", "Hamid", "Olga", "Sergei", "Noor", "Andrés", "Katya", "Bilal", "Ingrid", "Timur",
    "Selin", "Goran", "Yara", "Hugo", "Zofia", "Emre", "Dalia", "René", "Ayşe",
];

#[rustfmt::skip]
const SYLLABLES: &[&str] = &[
    "ka", "ve", "ro", "mi", "sa", "tor", "lin", "dra", "os", "ul", "ne", "vak", "zen", "pe", "ri",
    "mon", "tal", "bre", "gor", "is", "an", "el", "qua", "shi", "dov", "ar", "bel", "cas", "fen",
    "gra", "hal", "jor", "kes", "lum", "mar", "nov", "or", "pas", "rav", "sel", "tur", "vel", "yar",
    "zol", "ber", "kir", "lé", "rø", "mü", "ña",
];

#[rustfmt::skip]
const ORG_WORDS: &[&str] = &[
    "Defence", "Reconstruction", "Trade", "Liberation", "Security", "Relief", "Energy", "Mining",
    "Maritime", "Justice", "Unity", "Frontier", "Heritage", "Transport", "Press",
];

#[rustfmt::skip]
const ORG_SUFFIXES: &[&str] = &[
    "Council", "Authority", "Front", "Company", "Agency", "Committee", "Movement", "Bureau",
    "Foundation", "Service", "Union", "Directorate",
];

#[rustfmt::skip]
const FACILITIES: &[&str] = &[
    "Airfield", "Port", "Depot", "Station", "Barracks", "Refinery", "Prison", "Bridge", "Dam",
    "Hospital", "Terminal", "Compound",
];

#[rustfmt::skip]
const EVENTS: &[&str] = &[
    "Accord", "Raid", "Summit", "Offensive", "Blockade", "Uprising", "Ceasefire", "Bombing",
    "Siege", "Massacre", "Talks", "Election",
];

#[rustfmt::skip]
const GROUPS: &[&str] = &[
    "Brigade", "Cell", "Network", "Militia", "Battalion", "Faction", "Circle", "Column",
];

#[rustfmt::skip]
const RELATION_KINDS: &[&str] = &[
    "funds", "commands", "allied with", "located in", "supplies", "reports to", "met with",
    "rival of", "member of", "attacked", "negotiated with", "owns",
];

const NOTE_KINDS: &[&str] = &["comment", "unverified", "disputed", "error", "gap"];

#[rustfmt::skip]
const MENTION_KINDS: &[&str] = &[
    "subject", "location", "target", "source", "perpetrator", "victim", "sponsor",
];

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn word(rng: &mut Rng) -> &'static str {
    if rng.percent(40) {
        rng.word(FUNCTION_WORDS)
    } else {
        rng.word(CONTENT_WORDS)
    }
}

// ---------------------------------------------------------------------------
// Entities
// ---------------------------------------------------------------------------

/// Built-in kinds and the two this generator declares.
const KINDS: &[&str] = &[
    "person",
    "organization",
    "place",
    "facility",
    "event",
    "group",
    "other",
    "vehicle",
    "document",
];

struct Entity {
    id: String,
    kind: &'static str,
    /// `surfaces[0]` is the name, the rest are aliases.
    surfaces: Vec<String>,
    auto: bool,
    summary: String,
    tags: Vec<&'static str>,
}

/// Unique names: every name and alias differs from every other, and every
/// made-up stem is used by one entity only, so no two entities share a name
/// (`shared-name`).
#[derive(Default)]
struct Names {
    taken: HashSet<String>,
    stems: HashSet<String>,
    ids: HashSet<String>,
}

impl Names {
    fn stem(&mut self, rng: &mut Rng) -> String {
        loop {
            let syllables = rng.range(2..4);
            let raw: String = (0..syllables).map(|_| rng.word(SYLLABLES)).collect();
            let stem = capitalize(&raw);
            if stem.chars().count() >= 5 && self.stems.insert(stem.clone()) {
                return stem;
            }
        }
    }

    fn claim(&mut self, name: &str) -> bool {
        self.taken.insert(name.to_string())
    }

    fn id(&mut self, name: &str) -> String {
        let mut slug = String::new();
        for c in name.chars() {
            let c = match c {
                'a'..='z' | '0'..='9' => c,
                'A'..='Z' => c.to_ascii_lowercase(),
                'é' | 'É' => 'e',
                'ø' | 'Ø' => 'o',
                'ü' | 'Ü' => 'u',
                'ñ' | 'Ñ' => 'n',
                'í' => 'i',
                'ş' => 's',
                _ => '-',
            };
            if c == '-' && (slug.is_empty() || slug.ends_with('-')) {
                continue;
            }
            slug.push(c);
        }
        while slug.ends_with('-') {
            slug.pop();
        }
        if slug.is_empty() {
            slug.push('x');
        }
        let mut id = slug.clone();
        let mut n = 2;
        while !self.ids.insert(id.clone()) {
            id = format!("{slug}-{n}");
            n += 1;
        }
        id
    }
}

fn entities(rng: &mut Rng, count: usize) -> Vec<Entity> {
    let mut names = Names::default();
    let mut list = Vec::with_capacity(count);
    for index in 0..count {
        let kind = KINDS[index % KINDS.len()];
        let stem = names.stem(rng);
        let (name, candidates): (String, Vec<String>) = match kind {
            "person" => {
                let name = format!("{} {stem}", rng.word(FIRST_NAMES));
                let mut aliases = vec![stem.clone()];
                if rng.percent(20) {
                    aliases.push(format!("General {stem}"));
                }
                (name, aliases)
            }
            "organization" => {
                let words = [rng.word(ORG_WORDS), rng.word(ORG_SUFFIXES)];
                let name = format!("{stem} {} {}", words[0], words[1]);
                let acronym: String = name
                    .split(' ')
                    .filter_map(|w| w.chars().next())
                    .flat_map(char::to_uppercase)
                    .collect();
                (name, vec![acronym])
            }
            "place" => {
                let aliases = if rng.percent(40) {
                    vec![format!("{stem} Province")]
                } else {
                    Vec::new()
                };
                (stem.clone(), aliases)
            }
            "facility" => {
                let noun = rng.word(FACILITIES);
                (
                    format!("{stem} {noun}"),
                    vec![format!("the {stem} {}", noun.to_lowercase())],
                )
            }
            "event" => {
                let noun = rng.word(EVENTS);
                (
                    format!("{stem} {noun}"),
                    vec![format!("the {stem} {}", noun.to_lowercase())],
                )
            }
            "group" => (format!("{stem} {}", rng.word(GROUPS)), vec![stem.clone()]),
            "other" => (format!("Operation {stem}"), vec![stem.clone()]),
            "vehicle" => (
                format!("{stem}-{}", rng.range(10..100)),
                vec![format!("the {stem}")],
            ),
            _ => (
                format!("{stem} Memorandum"),
                vec![format!("the {stem} memo")],
            ),
        };
        let claimed = names.claim(&name);
        assert!(claimed, "entity names are unique by construction: {name}");
        let mut surfaces = vec![name.clone()];
        for alias in candidates {
            // An acronym can repeat; the alias is simply left out then.
            if rng.percent(85) && names.claim(&alias) {
                surfaces.push(alias);
            }
        }
        let tags: Vec<&'static str> = (0..rng.below(3))
            .map(|_| rng.word(&["watch", "priority", "sanctioned", "historic", "claimed"]))
            .collect::<HashSet<_>>()
            .into_iter()
            .collect::<Vec<_>>();
        let mut tags = tags;
        tags.sort_unstable();
        list.push(Entity {
            id: names.id(&stem),
            kind,
            surfaces,
            auto: !rng.percent(8),
            summary: sentence(rng, 10..25),
            tags,
        });
    }
    list
}

// ---------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------

/// A place in the text where an entity's name or alias was written.
#[derive(Debug, Clone)]
struct Site {
    entity: usize,
    surface: usize,
    bytes: Range<usize>,
    chars: Range<usize>,
}

struct Text {
    text: String,
    sites: Vec<Site>,
}

/// Appends hard-wrapped Markdown, keeping byte and character positions.
struct Writer {
    out: String,
    chars: usize,
    line: usize,
}

impl Writer {
    fn raw(&mut self, text: &str) {
        self.out.push_str(text);
        self.chars += text.chars().count();
        if let Some(after) = text.rfind('\n') {
            self.line = text[after + 1..].chars().count();
        } else {
            self.line += text.chars().count();
        }
    }

    /// A token of a wrapped paragraph; returns its byte and char range.
    fn token(&mut self, token: &str, wrap: bool) -> (Range<usize>, Range<usize>) {
        if self.line > 0 {
            if wrap && self.line + 1 + token.chars().count() > WRAP {
                self.raw("\n");
            } else {
                self.raw(" ");
            }
        }
        let bytes = self.out.len();
        let chars = self.chars;
        self.raw(token);
        (bytes..self.out.len(), chars..self.chars)
    }

    /// Punctuation glued to the previous token.
    fn glue(&mut self, text: &str) {
        self.raw(text);
    }

    fn end_block(&mut self) {
        self.raw("\n\n");
        self.line = 0;
    }
}

fn sentence(rng: &mut Rng, words: Range<usize>) -> String {
    let count = rng.range(words);
    let mut s = String::new();
    for i in 0..count {
        if i > 0 {
            s.push(' ');
        }
        let w = word(rng);
        if i == 0 {
            s.push_str(&capitalize(w));
        } else {
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

/// Picks where names go: each slot gets a name with a probability that
/// keeps the site count on course for `target` by the end of the text.
struct SitePlanner<'e> {
    entities: &'e [Entity],
    target: usize,
    text_bytes: usize,
    /// Entities not mentioned yet, in a shuffled order.
    unused: Vec<usize>,
    sites: Vec<Site>,
}

impl SitePlanner<'_> {
    fn wants_site(&self, rng: &mut Rng, written: usize) -> bool {
        if self.entities.is_empty() || self.sites.len() >= self.target {
            return false;
        }
        let remaining_words = (self.text_bytes.saturating_sub(written) / 7).max(1);
        let needed = self.target - self.sites.len() + self.unused.len();
        let p = (needed as f64 / remaining_words as f64).min(0.6);
        rng.unit() < p
    }

    fn choose(&mut self, rng: &mut Rng) -> (usize, usize) {
        let entity = if !self.unused.is_empty() && rng.percent(50) {
            self.unused.pop().unwrap_or(0)
        } else {
            // Skewed: a few entities are everywhere, most are rare.
            let u = rng.unit();
            ((u * u) * self.entities.len() as f64) as usize % self.entities.len()
        };
        let surfaces = self.entities[entity].surfaces.len();
        let surface = if surfaces > 1 && rng.percent(40) {
            rng.range(1..surfaces)
        } else {
            0
        };
        (entity, surface)
    }
}

/// A Markdown briefing text of about `bytes` bytes, with names from
/// `entities` written at `target` places (none for plain text).
fn markdown(rng: &mut Rng, size: Size, bytes: usize, entities: &[Entity], target: usize) -> Text {
    let mut unused: Vec<usize> = (0..entities.len()).collect();
    for i in (1..unused.len()).rev() {
        let j = rng.below(i + 1);
        unused.swap(i, j);
    }
    let mut planner = SitePlanner {
        entities,
        target,
        text_bytes: bytes,
        unused,
        sites: Vec::new(),
    };
    let mut w = Writer {
        out: String::with_capacity(bytes + 4096),
        chars: 0,
        line: 0,
    };
    // A known first heading: scripts/bench-startup waits for it on screen.
    w.raw(&format!("# Synthetic briefing: {}", size.name()));
    w.end_block();
    w.raw(&format!(
        "*{}*",
        sentence(rng, 12..20).trim_end_matches('.')
    ));
    w.end_block();
    w.raw("## Bottom line up front");
    w.end_block();
    for _ in 0..4 {
        w.raw("-");
        paragraph_sentences(rng, &mut w, &mut planner, 1, false);
        w.raw("\n");
    }
    w.raw("\n");
    w.line = 0;
    let mut section = 1;
    while w.out.len() < bytes {
        let heading: Vec<String> = (0..rng.range(2..6))
            .map(|_| capitalize(rng.word(CONTENT_WORDS)))
            .collect();
        w.raw(&format!("## {section}. {}", heading.join(" ")));
        w.end_block();
        section += 1;
        for _ in 0..rng.range(3..9) {
            if w.out.len() >= bytes {
                break;
            }
            match rng.below(20) {
                0 => {
                    let sub: Vec<&str> = (0..rng.range(2..5))
                        .map(|_| rng.word(CONTENT_WORDS))
                        .collect();
                    w.raw(&format!("### {}", capitalize(&sub.join(" "))));
                    w.end_block();
                }
                1 | 2 => {
                    for _ in 0..rng.range(2..6) {
                        w.raw("-");
                        let n = rng.range(1..3);
                        paragraph_sentences(rng, &mut w, &mut planner, n, false);
                        w.raw("\n");
                    }
                    w.raw("\n");
                    w.line = 0;
                }
                3 => {
                    w.raw(">");
                    let n = rng.range(1..4);
                    paragraph_sentences(rng, &mut w, &mut planner, n, false);
                    w.end_block();
                }
                4 => {
                    w.raw(&format!("*{}*", sentence(rng, 8..16).trim_end_matches('.')));
                    w.end_block();
                }
                _ => {
                    let n = rng.range(3..9);
                    paragraph_sentences(rng, &mut w, &mut planner, n, true);
                    w.end_block();
                }
            }
        }
    }
    assert!(
        planner.sites.len() >= planner.target.min(1) && planner.unused.is_empty(),
        "the text ended before every entity was named ({} left)",
        planner.unused.len()
    );
    Text {
        text: w.out,
        sites: planner.sites,
    }
}

/// Sentences of a paragraph (or list item, or quote), names included.
fn paragraph_sentences(
    rng: &mut Rng,
    w: &mut Writer,
    planner: &mut SitePlanner<'_>,
    sentences: usize,
    wrap: bool,
) {
    for _ in 0..sentences {
        let count = rng.range(8..23);
        let mut previous_was_name = true; // no name as the first word
        for i in 0..count {
            let written = w.out.len();
            if !previous_was_name && i + 1 < count && planner.wants_site(rng, written) {
                let (entity, surface) = planner.choose(rng);
                let name = planner.entities[entity].surfaces[surface].clone();
                let (bytes, chars) = w.token(&name, wrap);
                planner.sites.push(Site {
                    entity,
                    surface,
                    bytes,
                    chars,
                });
                previous_was_name = true;
            } else {
                let word = word(rng);
                let token = if i == 0 {
                    capitalize(word)
                } else {
                    word.to_string()
                };
                w.token(&token, wrap);
                previous_was_name = false;
            }
            if i + 1 < count && rng.percent(7) {
                w.glue(",");
            }
        }
        w.glue(".");
    }
}

/// One line of `bytes` bytes, words run together, no whitespace at all.
fn single_line(rng: &mut Rng, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 32);
    while out.len() < bytes {
        let w = word(rng);
        if rng.percent(10) {
            out.push_str(&capitalize(w));
        } else {
            out.push_str(w);
        }
        if rng.percent(3) {
            out.push(',');
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Annotations
// ---------------------------------------------------------------------------

struct Annotated {
    text: String,
    toml: String,
    aliases: usize,
    sites: usize,
}

/// The text with every whitespace run folded to one space, as the loader
/// matches quotes, prefixes and suffixes; `to_raw` maps each byte back.
struct Folded {
    text: String,
    to_raw: Vec<u32>,
}

impl Folded {
    fn new(raw: &str) -> Self {
        let mut text = String::with_capacity(raw.len());
        let mut to_raw = Vec::with_capacity(raw.len());
        let mut in_space = false;
        for (at, c) in raw.char_indices() {
            if c.is_whitespace() {
                if !in_space {
                    text.push(' ');
                    to_raw.push(at as u32);
                }
                in_space = true;
            } else {
                in_space = false;
                text.push(c);
                to_raw.extend((0..c.len_utf8()).map(|i| (at + i) as u32));
            }
        }
        Folded { text, to_raw }
    }

    /// The folded offset of a raw offset that starts a non-space character.
    fn of_raw(&self, raw: usize) -> usize {
        self.to_raw
            .binary_search(&(raw as u32))
            .expect("a site starts on a character the projection keeps")
    }
}

/// Where each quote occurs in the folded text, as the loader counts: every
/// occurrence, overlapping ones included, case-sensitive.
struct Occurrences {
    folded: Folded,
    ids: HashMap<String, usize>,
    starts: Vec<Vec<usize>>,
    /// (pattern, "<" prefix or ">" suffix) -> filtered starts.
    filtered: HashMap<(usize, String), Vec<usize>>,
}

impl Occurrences {
    fn new(raw: &str, patterns: Vec<String>) -> Self {
        let folded = Folded::new(raw);
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .expect("names build an automaton");
        let mut starts = vec![Vec::new(); patterns.len()];
        for hit in automaton.find_overlapping_iter(&folded.text) {
            starts[hit.pattern().as_usize()].push(hit.start());
        }
        let ids = patterns
            .into_iter()
            .enumerate()
            .map(|(i, p)| (p, i))
            .collect();
        Occurrences {
            folded,
            ids,
            starts,
            filtered: HashMap::new(),
        }
    }

    /// The 1-based rank of the site among `starts`, if there is a choice.
    fn rank(&self, starts: &[usize], site: &Site) -> Option<usize> {
        if starts.len() <= 1 {
            return None;
        }
        let at = self.folded.of_raw(site.bytes.start);
        let index = starts
            .binary_search(&at)
            .expect("the site is among the matches of its own quote");
        Some(index + 1)
    }

    fn all(&self, quote: &str) -> &[usize] {
        &self.starts[self.ids[quote]]
    }

    /// Matches of `quote` with `context` just before (`before`) or after
    /// it, by the loader's rule: adjacent, or after one space.
    fn with_context(&mut self, quote: &str, context: &str, before: bool) -> Vec<usize> {
        let id = self.ids[quote];
        let key = (id, format!("{}{context}", if before { '<' } else { '>' }));
        let starts = &self.starts[id];
        let text = &self.folded.text;
        self.filtered
            .entry(key)
            .or_insert_with(|| {
                starts
                    .iter()
                    .copied()
                    .filter(|&start| {
                        if before {
                            has_prefix(text, start, context)
                        } else {
                            has_suffix(text, start + quote.len(), context)
                        }
                    })
                    .collect()
            })
            .clone()
    }
}

/// The loader's rule, on folded text.
fn has_prefix(text: &str, start: usize, prefix: &str) -> bool {
    let before = &text[..start];
    before.ends_with(prefix)
        || before
            .strip_suffix(' ')
            .is_some_and(|before| before.ends_with(prefix))
}

fn has_suffix(text: &str, end: usize, suffix: &str) -> bool {
    let after = &text[end..];
    after.starts_with(suffix)
        || after
            .strip_prefix(' ')
            .is_some_and(|after| after.starts_with(suffix))
}

/// The token just before a site (there is always one: no name starts a
/// sentence).
fn token_before(text: &str, start: usize) -> &str {
    let before = text[..start].trim_end();
    let from = before.rfind(char::is_whitespace).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    &before[from..]
}

/// The punctuation glued after a site, or else the next token.
fn token_after(text: &str, end: usize) -> &str {
    let after = &text[end..];
    let after = if after.starts_with(char::is_whitespace) {
        after.trim_start()
    } else {
        after
    };
    let to = after.find(char::is_whitespace).unwrap_or(after.len());
    &after[..to]
}

fn quoted(value: &str) -> String {
    let mut s = String::with_capacity(value.len() + 2);
    s.push('"');
    for c in value.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// The selector fields (as TOML lines) that pick out `site`, in one of the
/// styles the format allows.
fn selector(
    rng: &mut Rng,
    text: &str,
    entities: &[Entity],
    site: &Site,
    occurrences: &mut Occurrences,
) -> String {
    let quote = &entities[site.entity].surfaces[site.surface];
    let mut out = String::new();
    match rng.below(100) {
        // quote + occurrence
        0..30 => {
            let _ = writeln!(out, "quote = {}", quoted(quote));
            if let Some(n) = occurrences.rank(occurrences.all(quote), site) {
                let _ = writeln!(out, "occurrence = {n}");
            }
        }
        // quote + prefix (+ occurrence among those left)
        30..50 => {
            let prefix = token_before(text, site.bytes.start);
            let left = occurrences.with_context(quote, prefix, true);
            let _ = writeln!(out, "quote = {}", quoted(quote));
            let _ = writeln!(out, "prefix = {}", quoted(prefix));
            if let Some(n) = occurrences.rank(&left, site) {
                let _ = writeln!(out, "occurrence = {n}");
            }
        }
        // quote + suffix (+ occurrence)
        50..65 => {
            let suffix = token_after(text, site.bytes.end);
            let left = occurrences.with_context(quote, suffix, false);
            let _ = writeln!(out, "quote = {}", quoted(quote));
            let _ = writeln!(out, "suffix = {}", quoted(suffix));
            if let Some(n) = occurrences.rank(&left, site) {
                let _ = writeln!(out, "occurrence = {n}");
            }
        }
        // offsets checked by the quote
        65..85 => {
            let _ = writeln!(
                out,
                "start = {}\nend = {}\nquote = {}",
                site.chars.start,
                site.chars.end,
                quoted(quote)
            );
        }
        // offsets alone
        _ => {
            let _ = writeln!(
                out,
                "start = {}\nend = {}",
                site.chars.start, site.chars.end
            );
        }
    }
    out
}

fn fuzzy_date(rng: &mut Rng) -> String {
    let year = rng.range(1990..2025);
    let month = rng.range(1..13);
    let day = rng.range(1..29);
    match rng.below(14) {
        0 => format!("{year}"),
        1 => format!("{year}-{month:02}"),
        2 => format!("{year}-{month:02}-{day:02}"),
        3 => format!("{year}-{month:02}-{day:02}?"),
        4 => format!("{year}~"),
        5 => format!("{year}-{month:02}%"),
        6 => format!("{}X", year / 10),
        7 => format!("{}XX", year / 100),
        8 => format!("{year}-{}", rng.range(21..25)),
        9 => {
            let end = month.max(rng.range(1..13));
            format!("{year}-{month:02}/{year}-{end:02}")
        }
        10 => format!("../{year}"),
        11 => format!("{year}/.."),
        12 => format!("{year}/{}", year + rng.range(0..6)),
        _ => format!("{year}-{month:02}-{day:02}/{}", year + rng.range(1..3)),
    }
}

fn annotated(rng: &mut Rng, size: Size, spec: Spec, seed: u64) -> Annotated {
    let entities = entities(rng, spec.entities);
    // 15% more names than explicit mentions: the rest are left to
    // automatic matching (and a few are suppressed).
    let target = spec.mentions + spec.mentions * 15 / 100 + spec.suppressions;
    let text = markdown(rng, size, spec.text_bytes, &entities, target);
    let sites = &text.sites;
    assert!(
        sites.len() >= spec.mentions + spec.suppressions,
        "only {} names written for {} mentions",
        sites.len(),
        spec.mentions
    );

    // Which sites get an explicit mention: every entity's first, then a
    // random choice of the others.
    let mut explicit = vec![false; sites.len()];
    let mut seen = vec![false; entities.len()];
    let mut chosen = 0;
    for (i, site) in sites.iter().enumerate() {
        if !seen[site.entity] {
            seen[site.entity] = true;
            explicit[i] = true;
            chosen += 1;
        }
    }
    let mut rest: Vec<usize> = (0..sites.len()).filter(|&i| !explicit[i]).collect();
    for i in (1..rest.len()).rev() {
        let j = rng.below(i + 1);
        rest.swap(i, j);
    }
    let mut leftover = Vec::new();
    for i in rest {
        if chosen < spec.mentions {
            explicit[i] = true;
            chosen += 1;
        } else {
            leftover.push(i);
        }
    }
    // Suppress automatic mentions at a few of the remaining sites (of
    // entities matched automatically, so there is something to remove).
    leftover.sort_unstable();
    let suppressed: Vec<usize> = leftover
        .into_iter()
        .filter(|&i| entities[sites[i].entity].auto)
        .take(spec.suppressions)
        .collect();

    let mut sites_by_entity = vec![Vec::new(); entities.len()];
    for (i, site) in sites.iter().enumerate() {
        sites_by_entity[site.entity].push(i);
    }

    let patterns: Vec<String> = {
        let mut used: Vec<String> = sites
            .iter()
            .map(|s| entities[s.entity].surfaces[s.surface].clone())
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        used.sort_unstable();
        used
    };
    let mut occurrences = Occurrences::new(&text.text, patterns);
    let body = &text.text;

    let mut toml = String::with_capacity(spec.mentions * 90 + spec.entities * 300);
    let _ = write!(
        toml,
        "# Synthetic briefing written by `cargo run --example generate -- {size} DIR --seed {seed}`.\n\
         # Not real: names, places and events are made up. Do not edit; regenerate.\n\
         format = 1\n\n\
         [briefing]\n\
         text = {text}\n\
         title = {title}\n\
         source = \"Synthetic benchmark data (brief examples/generate.rs)\"\n\
         published = \"2024-05-01\"\n\
         classification = \"UNCLASSIFIED // SYNTHETIC\"\n\
         summary = {summary}\n\n\
         [kinds.vehicle]\nlabel = \"Vehicle\"\n\n\
         [kinds.document]\nlabel = \"Document\"\n\n",
        size = size.name(),
        text = quoted(size.text_name()),
        title = quoted(&format!(
            "Synthetic briefing ({}, seed {seed})",
            size.name()
        )),
        summary = quoted(&sentence(rng, 20..40)),
    );

    let mut aliases = 0;
    for entity in &entities {
        let _ = writeln!(toml, "[[entity]]");
        let _ = writeln!(toml, "id = {}", quoted(&entity.id));
        let _ = writeln!(toml, "name = {}", quoted(&entity.surfaces[0]));
        let _ = writeln!(toml, "kind = {}", quoted(entity.kind));
        if entity.surfaces.len() > 1 {
            aliases += entity.surfaces.len() - 1;
            let list: Vec<String> = entity.surfaces[1..].iter().map(|a| quoted(a)).collect();
            let _ = writeln!(toml, "aliases = [{}]", list.join(", "));
        }
        if !entity.auto {
            let _ = writeln!(toml, "auto = false");
        }
        let _ = writeln!(toml, "summary = {}", quoted(&entity.summary));
        if !entity.tags.is_empty() {
            let list: Vec<String> = entity.tags.iter().map(|t| quoted(t)).collect();
            let _ = writeln!(toml, "tags = [{}]", list.join(", "));
        }
        toml.push('\n');
    }

    for (i, site) in sites.iter().enumerate() {
        if !explicit[i] {
            continue;
        }
        let _ = writeln!(toml, "[[mention]]");
        let _ = writeln!(toml, "entity = {}", quoted(&entities[site.entity].id));
        toml.push_str(&selector(rng, body, &entities, site, &mut occurrences));
        if rng.percent(10) {
            let _ = writeln!(toml, "kind = {}", quoted(rng.word(MENTION_KINDS)));
        }
        toml.push('\n');
    }

    for &i in &suppressed {
        let site = &sites[i];
        let _ = writeln!(toml, "[[suppress]]");
        let quote = &entities[site.entity].surfaces[site.surface];
        let _ = writeln!(toml, "quote = {}", quoted(quote));
        if let Some(n) = occurrences.rank(occurrences.all(quote), site) {
            let _ = writeln!(toml, "occurrence = {n}");
        }
        let _ = writeln!(toml, "entity = {}", quoted(&entities[site.entity].id));
        toml.push('\n');
    }

    for _ in 0..spec.relations {
        let from = rng.below(entities.len());
        let to = rng.below(entities.len());
        let _ = writeln!(toml, "[[relation]]");
        let _ = writeln!(toml, "from = {}", quoted(&entities[from].id));
        let _ = writeln!(toml, "to = {}", quoted(&entities[to].id));
        let _ = writeln!(toml, "kind = {}", quoted(rng.word(RELATION_KINDS)));
        if rng.percent(50) {
            let _ = writeln!(toml, "note = {}", quoted(&sentence(rng, 6..18)));
        }
        if rng.percent(30) {
            let site = &sites[*rng.pick(&sites_by_entity[from])];
            toml.push_str(&selector(rng, body, &entities, site, &mut occurrences));
        }
        toml.push('\n');
    }

    // Event entities get a timeline entry under their own id (linked);
    // the rest are numbered.
    let event_entities: Vec<usize> = (0..entities.len())
        .filter(|&i| entities[i].kind == "event")
        .collect();
    for n in 0..spec.events {
        let linked = event_entities.get(n).filter(|_| n % 3 == 0);
        let id = match linked {
            Some(&e) => entities[e].id.clone(),
            None => format!("ev-{n}"),
        };
        let _ = writeln!(toml, "[[event]]");
        let _ = writeln!(toml, "id = {}", quoted(&id));
        let _ = writeln!(toml, "date = {}", quoted(&fuzzy_date(rng)));
        if rng.percent(40) {
            let _ = writeln!(toml, "label = {}", quoted(&sentence(rng, 2..4)));
        }
        let _ = writeln!(toml, "title = {}", quoted(&sentence(rng, 5..12)));
        let mut involved: Vec<usize> = linked.copied().into_iter().collect();
        for _ in 0..rng.range(1..4) {
            involved.push(rng.below(entities.len()));
        }
        involved.dedup();
        let ids: Vec<String> = involved.iter().map(|&e| quoted(&entities[e].id)).collect();
        let _ = writeln!(toml, "entities = [{}]", ids.join(", "));
        if rng.percent(50) {
            let _ = writeln!(toml, "note = {}", quoted(&sentence(rng, 6..18)));
        }
        if rng.percent(30) {
            let site = &sites[rng.below(sites.len())];
            toml.push_str(&selector(rng, body, &entities, site, &mut occurrences));
        }
        toml.push('\n');
    }

    for n in 0..spec.notes {
        let site_index = rng.below(sites.len());
        let site = &sites[site_index];
        let _ = writeln!(toml, "[[note]]");
        let _ = writeln!(toml, "kind = {}", quoted(NOTE_KINDS[n % NOTE_KINDS.len()]));
        toml.push_str(&selector(rng, body, &entities, site, &mut occurrences));
        let _ = writeln!(toml, "text = {}", quoted(&sentence(rng, 8..30)));
        let _ = writeln!(toml, "entities = [{}]", quoted(&entities[site.entity].id));
        if rng.percent(50) {
            let _ = writeln!(
                toml,
                "reliability = {}",
                quoted(rng.word(&["A", "B", "C", "D", "E", "F"]))
            );
        }
        if rng.percent(50) {
            let _ = writeln!(toml, "credibility = {}", rng.range(1..7));
        }
        toml.push('\n');
    }

    Annotated {
        text: text.text,
        toml,
        aliases,
        sites: sites.len(),
    }
}
