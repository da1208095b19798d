//! Libraries of briefings for the library's tests and benchmarks: three
//! small briefings that share an entity (written by hand, one of them
//! naming it with other case and accents), and generated libraries of N
//! briefings, about 100 KB each, drawing their entities from one shared
//! pool (so the same people, groups and places come up in many briefings,
//! under the same id, or under another id with the same name, or with
//! accents), in folders of a hundred. The same N and seed always give the
//! same bytes.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// The entity the three briefings share, as the first names it.
pub const SHARED: &str = "Ivan Petrov";

/// Titles of the three, in the library's (path) order.
pub const THREE_TITLES: [&str; 3] = [
    "Port talks in Odessa",
    "A visit to Vienna",
    "Sanctions list",
];

/// Three briefings under `dir` (east/first, east/second, west/third)
/// naming Ivan Petrov: the first by id `ivan-petrov`, the second under
/// another id with the same name, the third as "Iván Petróv".
pub fn write_three(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir.join("east"))?;
    std::fs::create_dir_all(dir.join("west"))?;
    let files: [(&str, &str); 6] = [
        (
            "east/first.md",
            "# Port talks\n\nIvan Petrov met the harbour board in Odessa on Monday. The board said\nlittle. Later, Petrov flew to Vienna.\n\nNothing else happened.\n",
        ),
        (
            "east/first.toml",
            "format = 1\n\n[briefing]\ntext = \"first.md\"\ntitle = \"Port talks in Odessa\"\npublished = \"2024-01-10\"\nclassification = \"UNCLASSIFIED\"\nsource = \"Wire report\"\n\n[[entity]]\nid = \"ivan-petrov\"\nname = \"Ivan Petrov\"\nkind = \"person\"\naliases = [\"Petrov\"]\n\n[[entity]]\nid = \"odessa\"\nname = \"Odessa\"\nkind = \"place\"\n\n[[event]]\nid = \"meeting\"\ndate = \"2024-01-08\"\ntitle = \"Petrov meets the harbour board\"\nentities = [\"ivan-petrov\"]\nquote = \"met the harbour board\"\n\n[[note]]\nkind = \"unverified\"\nquote = \"flew to Vienna\"\ntext = \"One source only.\"\n",
        ),
        (
            "east/second.md",
            "# Vienna visit\n\nIn Vienna, the envoy IVAN PETROV spoke to reporters. He would not\nsay what was agreed in Odessa.\n",
        ),
        (
            "east/second.toml",
            "format = 1\n\n[briefing]\ntext = \"second.md\"\ntitle = \"A visit to Vienna\"\npublished = \"2024-02-02\"\nclassification = \"RESTRICTED\"\nsource = \"Embassy cable\"\n\n[[entity]]\nid = \"envoy\"\nname = \"Ivan Petrov\"\nkind = \"person\"\naliases = [\"IVAN PETROV\"]\n\n[[entity]]\nid = \"vienna\"\nname = \"Vienna\"\nkind = \"place\"\n\n[[event]]\nid = \"press\"\ndate = \"2024-02-01\"\ntitle = \"Petrov speaks to reporters\"\nentities = [\"envoy\"]\nquote = \"spoke to reporters\"\n\n[[event]]\nid = \"talks\"\ndate = \"2023-12\"\ntitle = \"Vienna hosts the first round\"\nentities = [\"vienna\"]\n",
        ),
        (
            "west/third.md",
            "# Sanctions\n\nThe sanctions list names Iván Petróv and two companies. Vienna\nobjected.\n",
        ),
        (
            "west/third.toml",
            "format = 1\n\n[briefing]\ntext = \"third.md\"\ntitle = \"Sanctions list\"\npublished = \"2024-03-15\"\nsource = \"Official journal\"\n\n[[entity]]\nid = \"petrov-i\"\nname = \"Iván Petróv\"\nkind = \"person\"\n\n[[event]]\nid = \"listed\"\ndate = \"2024-03\"\ntitle = \"Petrov is listed\"\nentities = [\"petrov-i\"]\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(())
}

/// A small deterministic generator (xorshift): no dependency, same bytes
/// everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// Skewed towards small numbers: a few entities come up everywhere.
    fn skewed(&mut self, n: usize) -> usize {
        let a = self.below(n);
        let b = self.below(n);
        a.min(b)
    }
}

const SYLLABLES: [&str; 24] = [
    "ka", "lo", "mi", "ra", "to", "ne", "vi", "sa", "do", "re", "pa", "lu", "ze", "mo", "ti", "an",
    "el", "or", "is", "ur", "ba", "ko", "ri", "na",
];
const WORDS: [&str; 32] = [
    "the",
    "report",
    "said",
    "that",
    "officials",
    "met",
    "on",
    "in",
    "with",
    "after",
    "talks",
    "about",
    "border",
    "trade",
    "security",
    "a",
    "new",
    "agreement",
    "was",
    "signed",
    "later",
    "sources",
    "say",
    "and",
    "an",
    "envoy",
    "visited",
    "ministry",
    "statement",
    "denied",
    "claims",
    "of",
];
const KINDS: [&str; 3] = ["person", "organization", "place"];

/// Pool entity `n`: its kind, id and name.
fn pool_entity(n: usize) -> (&'static str, String, String) {
    let kind = KINDS[n % 3];
    let syllable = |k: usize| SYLLABLES[k % SYLLABLES.len()];
    let first = format!("{}{}", syllable(n / 7), syllable(n / 3 + 5));
    let last = format!(
        "{}{}{}",
        syllable(n),
        syllable(n / 24 + 11),
        syllable(n / 576 + 2)
    );
    let cap = |s: &str| {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    let name = match kind {
        "person" => format!("{} {}", cap(&first), cap(&last)),
        "organization" => format!("{} {} Group", cap(&last), cap(&first)),
        _ => format!("{}{}", cap(&last), syllable(n / 5)),
    };
    let id = format!("{}-{n}", &kind[..3]);
    (kind, id, name)
}

/// The same name with accents (e on é, a on á): folded, the same name.
fn accented(name: &str) -> String {
    name.replacen('e', "é", 1).replacen('a', "á", 1)
}

/// The size of the pool entities are drawn from.
pub const POOL: usize = 3000;
/// Bytes of text per generated briefing (its annotations add a few KB).
pub const TEXT_BYTES: usize = 96 * 1024;

/// Writes briefing `i` of a generated library into `dir`.
fn write_one(dir: &Path, i: usize, seed: u64) -> io::Result<()> {
    let mut rng = Rng(seed ^ (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut chosen: Vec<usize> = Vec::new();
    while chosen.len() < 15 {
        let n = rng.skewed(POOL);
        if !chosen.contains(&n) {
            chosen.push(n);
        }
    }
    // Each entity as this briefing names it: the pool's id and name, or
    // (one in ten) its own id with the same name, or (one in twenty) the
    // name with accents.
    let named: Vec<(&str, String, String)> = chosen
        .iter()
        .map(|&n| {
            let (kind, id, name) = pool_entity(n);
            match rng.below(20) {
                0 => (kind, format!("{id}-b{i}"), accented(&name)),
                1 | 2 => (kind, format!("local-{i}-{n}"), name),
                _ => (kind, id, name),
            }
        })
        .collect();
    let title = format!("Briefing {i}: {} and {}", named[0].2, named[1].2);
    let mut text = format!("# {title}\n\n");
    while text.len() < TEXT_BYTES {
        let mut sentence = String::new();
        for w in 0..(8 + rng.below(10)) {
            if w > 0 {
                sentence.push(' ');
            }
            if rng.below(9) == 0 {
                sentence.push_str(&named[rng.skewed(named.len())].2);
            } else {
                sentence.push_str(WORDS[rng.below(WORDS.len())]);
            }
        }
        let _ = write!(text, "{}. ", capitalised(&sentence));
        if rng.below(6) == 0 {
            text.push_str("\n\n");
        }
    }
    text.push('\n');
    let year = 2000 + rng.below(25);
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let mut toml = format!(
        "format = 1\n\n[briefing]\ntext = \"b{i:05}.md\"\ntitle = \"{title}\"\npublished = \"{year}-{month:02}-{day:02}\"\nclassification = \"{}\"\nsource = \"Source {}\"\n",
        ["UNCLASSIFIED", "RESTRICTED", "CONFIDENTIAL"][rng.below(3)],
        rng.below(40)
    );
    for (kind, id, name) in &named {
        let _ = write!(
            toml,
            "\n[[entity]]\nid = \"{id}\"\nname = \"{name}\"\nkind = \"{kind}\"\n"
        );
    }
    for e in 0..6 {
        let y = 1990 + rng.below(35);
        let date = match rng.below(4) {
            0 => format!("{y}"),
            1 => format!("{y}-{:02}", 1 + rng.below(12)),
            2 => format!("{y}?"),
            _ => format!("{y}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
        };
        let who = &named[rng.below(named.len())];
        let _ = write!(
            toml,
            "\n[[event]]\nid = \"ev{e}\"\ndate = \"{date}\"\ntitle = \"{} {}\"\nentities = [\"{}\"]\n",
            capitalised(WORDS[rng.below(WORDS.len())]),
            who.2,
            who.1
        );
    }
    let folder = dir.join(format!("d{:03}", i / 100));
    std::fs::create_dir_all(&folder)?;
    std::fs::write(folder.join(format!("b{i:05}.md")), text)?;
    std::fs::write(folder.join(format!("b{i:05}.toml")), toml)
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Writes a library of `count` briefings under `dir` (skipping one whose
/// marker says it is already there with this count and seed).
pub fn write_library(dir: &Path, count: usize, seed: u64) -> io::Result<()> {
    let marker = dir.join(".generated");
    let wanted = format!("{count} {seed}");
    if std::fs::read_to_string(&marker).is_ok_and(|m| m == wanted) {
        return Ok(());
    }
    for i in 0..count {
        write_one(dir, i, seed)?;
    }
    std::fs::write(marker, wanted)
}
