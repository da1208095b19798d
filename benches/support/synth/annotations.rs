//! The generated annotation file: entities, explicit mentions with
//! selectors worked out against the finished text by the loader's rules
//! (overlapping case-sensitive matches, whitespace folded), relations,
//! events with fuzzy dates, notes and suppressions.

#[allow(unused_imports)]
use super::*;

/// Notes of more words than this are written as multi-line strings.
const LONG_NOTE_WORDS: usize = 100;

pub(super) struct Annotated {
    pub(super) text: String,
    pub(super) toml: String,
    pub(super) aliases: usize,
    pub(super) sites: usize,
}

/// The text with every whitespace run folded to one space, as the loader
/// matches quotes, prefixes and suffixes; `to_raw` maps each byte back.
pub(super) struct Folded {
    pub(super) text: String,
    pub(super) to_raw: Vec<u32>,
}

impl Folded {
    pub(super) fn new(raw: &str) -> Self {
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
    pub(super) fn of_raw(&self, raw: usize) -> usize {
        self.to_raw
            .binary_search(&(raw as u32))
            .expect("a site starts on a character the projection keeps")
    }
}

/// Where each quote occurs in the folded text, as the loader counts: every
/// occurrence, overlapping ones included, case-sensitive.
pub(super) struct Occurrences {
    pub(super) folded: Folded,
    pub(super) ids: HashMap<String, usize>,
    pub(super) starts: Vec<Vec<usize>>,
    /// (pattern, "<" prefix or ">" suffix) -> filtered starts.
    pub(super) filtered: HashMap<(usize, String), Vec<usize>>,
}

impl Occurrences {
    pub(super) fn new(raw: &str, patterns: Vec<String>) -> Self {
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
    pub(super) fn rank(&self, starts: &[usize], site: &Site) -> Option<usize> {
        if starts.len() <= 1 {
            return None;
        }
        let at = self.folded.of_raw(site.bytes.start);
        let index = starts
            .binary_search(&at)
            .expect("the site is among the matches of its own quote");
        Some(index + 1)
    }

    pub(super) fn all(&self, quote: &str) -> &[usize] {
        &self.starts[self.ids[quote]]
    }

    /// Matches of `quote` with `context` just before (`before`) or after
    /// it, by the loader's rule: adjacent, or after one space.
    pub(super) fn with_context(&mut self, quote: &str, context: &str, before: bool) -> Vec<usize> {
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
pub(super) fn has_prefix(text: &str, start: usize, prefix: &str) -> bool {
    let before = &text[..start];
    before.ends_with(prefix)
        || before
            .strip_suffix(' ')
            .is_some_and(|before| before.ends_with(prefix))
}

pub(super) fn has_suffix(text: &str, end: usize, suffix: &str) -> bool {
    let after = &text[end..];
    after.starts_with(suffix)
        || after
            .strip_prefix(' ')
            .is_some_and(|after| after.starts_with(suffix))
}

/// The token just before a site (there is always one: no name starts a
/// sentence).
pub(super) fn token_before(text: &str, start: usize) -> &str {
    let before = text[..start].trim_end();
    let from = before.rfind(char::is_whitespace).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    &before[from..]
}

/// The punctuation glued after a site, or else the next token.
pub(super) fn token_after(text: &str, end: usize) -> &str {
    let after = &text[end..];
    let after = if after.starts_with(char::is_whitespace) {
        after.trim_start()
    } else {
        after
    };
    let to = after.find(char::is_whitespace).unwrap_or(after.len());
    &after[..to]
}

pub(super) fn quoted(value: &str) -> String {
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
pub(super) fn selector(
    rng: &mut Rng,
    text: &str,
    entities: &[Entity],
    site: &Site,
    occurrences: &mut Occurrences,
    styles: Selectors,
) -> String {
    let quote = &entities[site.entity].surfaces[site.surface];
    let mut out = String::new();
    // One draw whatever the styles, so `Mixed` writes what it always has.
    let style = rng.below(100);
    let style = match styles {
        Selectors::Mixed => style,
        Selectors::QuoteOnly => style % 65,
        Selectors::OffsetsOnly => 65 + style % 35,
    };
    match style {
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

/// Character spans around a site for mentions that hold it: the name and
/// the word after it, and with `wider` also the word before. A word is
/// letters and digits joined to the name by one space; where there is
/// none, no span (so no span reaches into markup or another paragraph).
pub(super) fn enclosing(text: &str, site: &Site, wider: bool) -> Vec<Range<usize>> {
    let word_length = |word: &str| word.chars().take_while(|c| c.is_alphanumeric()).count();
    let after = text[site.bytes.end..]
        .strip_prefix(' ')
        .map_or(0, word_length);
    if after == 0 {
        return Vec::new();
    }
    let end = site.chars.end + 1 + after;
    let mut spans = Vec::with_capacity(2);
    spans.push(site.chars.start..end);
    if wider {
        let before = text[..site.bytes.start]
            .strip_suffix(' ')
            .map_or(0, |rest| {
                rest.chars()
                    .rev()
                    .take_while(|c| c.is_alphanumeric())
                    .count()
            });
        if before > 0 {
            spans.push(site.chars.start - 1 - before..end);
        }
    }
    spans
}

pub(super) fn fuzzy_date(rng: &mut Rng) -> String {
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

pub(super) fn annotated(rng: &mut Rng, size: Size, spec: Spec, seed: u64) -> Annotated {
    let entities = entities(rng, spec.entities);
    // More names than explicit mentions (15% by default, `auto_percent`):
    // the rest are left to automatic matching (and a few are suppressed).
    let target = spec.mentions + spec.mentions * spec.auto_percent / 100 + spec.suppressions;
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
        let from = toml.len();
        let _ = writeln!(toml, "[[mention]]");
        let _ = writeln!(toml, "entity = {}", quoted(&entities[site.entity].id));
        toml.push_str(&selector(
            rng,
            body,
            &entities,
            site,
            &mut occurrences,
            spec.selectors,
        ));
        if rng.percent(10) {
            let _ = writeln!(toml, "kind = {}", quoted(rng.word(MENTION_KINDS)));
        }
        toml.push('\n');
        // No draw at all unless the shape asks for duplicates: the other
        // sizes stay byte for byte what they were.
        if spec.duplicate_percent > 0 && rng.percent(spec.duplicate_percent) {
            let mention = toml[from..].to_string();
            toml.push_str(&mention);
        }
        if spec.nested_percent > 0 && rng.percent(spec.nested_percent) {
            let wider = rng.percent(50);
            for span in enclosing(body, site, wider) {
                let other = (site.entity + 1 + rng.below(entities.len() - 1)) % entities.len();
                let _ = writeln!(toml, "[[mention]]");
                let _ = writeln!(toml, "entity = {}", quoted(&entities[other].id));
                let _ = writeln!(toml, "start = {}\nend = {}\n", span.start, span.end);
            }
        }
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
            toml.push_str(&selector(
                rng,
                body,
                &entities,
                site,
                &mut occurrences,
                spec.selectors,
            ));
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
            toml.push_str(&selector(
                rng,
                body,
                &entities,
                site,
                &mut occurrences,
                spec.selectors,
            ));
        }
        toml.push('\n');
    }

    for n in 0..spec.notes {
        let site_index = rng.below(sites.len());
        let site = &sites[site_index];
        let _ = writeln!(toml, "[[note]]");
        let _ = writeln!(toml, "kind = {}", quoted(NOTE_KINDS[n % NOTE_KINDS.len()]));
        toml.push_str(&selector(
            rng,
            body,
            &entities,
            site,
            &mut occurrences,
            spec.selectors,
        ));
        let (fewest, most) = spec.note_words;
        let note = sentence(rng, fewest..most);
        if most > LONG_NOTE_WORDS {
            // Written as an analyst writes a long note: a multi-line
            // string, wrapped.
            let _ = writeln!(toml, "text = \"\"\"");
            for line in note.split(' ').collect::<Vec<_>>().chunks(12) {
                let _ = writeln!(toml, "{}", line.join(" "));
            }
            let _ = writeln!(toml, "\"\"\"");
        } else {
            let _ = writeln!(toml, "text = {}", quoted(&note));
        }
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
