//! Synthetic entities of every kind, with names and aliases that do not
//! collide, for the generated briefings.

#[allow(unused_imports)]
use super::*;

/// Built-in kinds and the two this generator declares.
pub(super) const KINDS: &[&str] = &[
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

pub(super) struct Entity {
    pub(super) id: String,
    pub(super) kind: &'static str,
    /// `surfaces[0]` is the name, the rest are aliases.
    pub(super) surfaces: Vec<String>,
    pub(super) auto: bool,
    pub(super) summary: String,
    pub(super) tags: Vec<&'static str>,
}

/// Unique names: every name and alias differs from every other, and every
/// made-up stem is used by one entity only, so no two entities share a name
/// (`shared-name`).
#[derive(Default)]
pub(super) struct Names {
    pub(super) taken: HashSet<String>,
    pub(super) stems: HashSet<String>,
    pub(super) ids: HashSet<String>,
}

impl Names {
    pub(super) fn stem(&mut self, rng: &mut Rng) -> String {
        loop {
            let syllables = rng.range(2..4);
            let raw: String = (0..syllables).map(|_| rng.word(SYLLABLES)).collect();
            let stem = capitalize(&raw);
            if stem.chars().count() >= 5 && self.stems.insert(stem.clone()) {
                return stem;
            }
        }
    }

    pub(super) fn claim(&mut self, name: &str) -> bool {
        self.taken.insert(name.to_string())
    }

    pub(super) fn id(&mut self, name: &str) -> String {
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

pub(super) fn entities(rng: &mut Rng, count: usize) -> Vec<Entity> {
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
