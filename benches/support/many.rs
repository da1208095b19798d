//! Briefings with many entities, for the loader's scaling (issue 20): the
//! annotation file grows with N while the text stays small or grows only
//! with the names it holds, so what `brief check` costs beyond the text is
//! what the entities, relations, events and notes cost.
//!
//! Three shapes:
//! - `bare`: N entities whose names are nowhere in a one-paragraph text
//!   (every entity is an `unused-entity` warning, nothing is anchored);
//! - `named`: N entities, each with a name that occurs once in the text;
//! - `full`: `named` plus, scaled with N, an alias each (also once in the
//!   text), N/100 declared kinds, N relations, N/2 events (one in 35
//!   linked to an entity of kind `event`), N/4 notes and N/10 explicit
//!   mentions, each anchored by a quote that occurs once (a mention's quote
//!   with a suffix: quotes match inside words, so `Cell 1` alone would also
//!   match in `Cell 10`).
//!
//! Every shape loads with no errors. Shared by `examples/generate.rs`
//! (`entities:SHAPE:N`, files for timing `brief check`) and the `entities`
//! group of `benches/load.rs`. Deterministic: no randomness at all.

// Each target that includes this file uses a different part of it.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Bare,
    Named,
    Full,
}

impl Shape {
    pub const ALL: [Shape; 3] = [Shape::Bare, Shape::Named, Shape::Full];

    pub fn name(self) -> &'static str {
        match self {
            Shape::Bare => "bare",
            Shape::Named => "named",
            Shape::Full => "full",
        }
    }

    pub fn parse(name: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|shape| shape.name() == name)
    }
}

/// The two files of one briefing, as strings.
pub struct Generated {
    pub text: String,
    pub toml: String,
}

/// Numbered names, as a list of units or exhibits has them. Most of them
/// are prefixes of others (`Entity 1` of `Entity 10`, `Entity 100`, ...):
/// they still match only as whole words, but an automaton of them is nearly
/// all match states, which once made building it quadratic.
fn name(index: usize) -> String {
    format!("Entity {index}")
}

fn alias(index: usize) -> String {
    format!("Cell {index}")
}

/// The sentence that holds entity `index`'s name (and, in `full`, its
/// alias); its first words are the quote notes and explicit mentions use.
fn sentence(index: usize, shape: Shape) -> String {
    match shape {
        Shape::Full => format!("{} met {} near the river.", name(index), alias(index)),
        _ => format!("{} met the others near the river.", name(index)),
    }
}

const BUILT_IN: [&str; 7] = [
    "person",
    "organization",
    "place",
    "facility",
    "event",
    "group",
    "other",
];

/// Entity `index`'s kind: the built-in kinds in turn, and in `full` every
/// third entity one of the declared kinds, except those of kind `event`
/// (some events link to them).
fn kind(index: usize, shape: Shape, declared: usize) -> String {
    let builtin = BUILT_IN[index % BUILT_IN.len()];
    if shape == Shape::Full && declared > 0 && index % 3 == 2 && builtin != "event" {
        format!("kind{}", index % declared)
    } else {
        builtin.to_string()
    }
}

pub fn generate(shape: Shape, entities: usize) -> Generated {
    let mut text = String::from("# Many entities\n\n");
    if shape == Shape::Bare {
        text.push_str("Nobody named in the annotations is in this text.\n");
    } else {
        // Ten sentences a paragraph, so the text has paragraphs to walk.
        for index in 0..entities {
            text.push_str(&sentence(index, shape));
            text.push(if index % 10 == 9 { '\n' } else { ' ' });
            if index % 10 == 9 {
                text.push('\n');
            }
        }
        text.push('\n');
    }
    let declared = if shape == Shape::Full {
        entities / 100
    } else {
        0
    };
    let mut toml = String::from("format = 1\n\n[briefing]\ntitle = \"Many entities\"\n\n");
    for kind in 0..declared {
        let _ = write!(toml, "[kinds.kind{kind}]\nlabel = \"Kind {kind}\"\n\n");
    }
    for index in 0..entities {
        let _ = write!(
            toml,
            "[[entity]]\nid = \"e{index}\"\nname = \"{}\"\nkind = \"{}\"\n",
            name(index),
            kind(index, shape, declared)
        );
        if shape == Shape::Full {
            let _ = writeln!(toml, "aliases = [\"{}\"]", alias(index));
        }
        toml.push('\n');
    }
    if shape == Shape::Full {
        for index in 0..entities {
            let _ = write!(
                toml,
                "[[relation]]\nfrom = \"e{index}\"\nto = \"e{}\"\nkind = \"knows\"\n\n",
                (index * 7 + 1) % entities
            );
        }
        for index in (0..entities).step_by(2) {
            // An event whose id is that of an entity of kind `event` is
            // linked to it; entity kinds cycle through seven built-ins and
            // `event` is the fifth, so one event in 35 here is linked.
            let linked = index % 70 == 4;
            let id = if linked {
                format!("e{index}")
            } else {
                format!("ev{index}")
            };
            let _ = write!(
                toml,
                "[[event]]\nid = \"{id}\"\ndate = \"{}-{:02}\"\ntitle = \"Meeting {index}\"\n\
                 entities = [\"e{index}\", \"e{}\"]\n\n",
                1900 + index % 120,
                1 + index % 12,
                (index + 1) % entities
            );
        }
        for index in (0..entities).step_by(4) {
            let _ = write!(
                toml,
                "[[note]]\nkind = \"comment\"\nquote = \"{} met\"\ntext = \"Seen once.\"\n\
                 entities = [\"e{index}\"]\n\n",
                name(index)
            );
        }
        for index in (0..entities).step_by(10) {
            let _ = write!(
                toml,
                "[[mention]]\nentity = \"e{index}\"\nquote = \"{}\"\nsuffix = \"near\"\n\
                 kind = \"named\"\n\n",
                alias(index)
            );
        }
    }
    Generated { text, toml }
}

/// Writes `entities-SHAPE-N.toml` and its `.md` into `dir`; returns the
/// annotation file's path.
pub fn write(shape: Shape, entities: usize, dir: &Path) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let generated = generate(shape, entities);
    let stem = format!("entities-{}-{entities}", shape.name());
    let toml = dir.join(format!("{stem}.toml"));
    fs::write(dir.join(format!("{stem}.md")), &generated.text)?;
    fs::write(&toml, &generated.toml)?;
    Ok(toml)
}
