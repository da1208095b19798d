//! The generated Markdown: sections and paragraphs of realistic words,
//! with entity names written at planned sites, and the 10 MiB single line.

#[allow(unused_imports)]
use super::*;

/// A place in the text where an entity's name or alias was written.
#[derive(Debug, Clone)]
pub(super) struct Site {
    pub(super) entity: usize,
    pub(super) surface: usize,
    pub(super) bytes: Range<usize>,
    pub(super) chars: Range<usize>,
}

pub(super) struct Text {
    pub(super) text: String,
    pub(super) sites: Vec<Site>,
}

/// Appends hard-wrapped Markdown, keeping byte and character positions.
pub(super) struct Writer {
    pub(super) out: String,
    pub(super) chars: usize,
    pub(super) line: usize,
}

impl Writer {
    pub(super) fn raw(&mut self, text: &str) {
        self.out.push_str(text);
        self.chars += text.chars().count();
        if let Some(after) = text.rfind('\n') {
            self.line = text[after + 1..].chars().count();
        } else {
            self.line += text.chars().count();
        }
    }

    /// A token of a wrapped paragraph; returns its byte and char range.
    pub(super) fn token(&mut self, token: &str, wrap: bool) -> (Range<usize>, Range<usize>) {
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
    pub(super) fn glue(&mut self, text: &str) {
        self.raw(text);
    }

    pub(super) fn end_block(&mut self) {
        self.raw("\n\n");
        self.line = 0;
    }
}

pub(super) fn sentence(rng: &mut Rng, words: Range<usize>) -> String {
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
pub(super) struct SitePlanner<'e> {
    pub(super) entities: &'e [Entity],
    pub(super) target: usize,
    pub(super) text_bytes: usize,
    /// Entities not mentioned yet, in a shuffled order.
    pub(super) unused: Vec<usize>,
    pub(super) sites: Vec<Site>,
}

impl SitePlanner<'_> {
    pub(super) fn wants_site(&self, rng: &mut Rng, written: usize) -> bool {
        if self.entities.is_empty() || self.sites.len() >= self.target {
            return false;
        }
        let remaining_words = (self.text_bytes.saturating_sub(written) / 7).max(1);
        let needed = self.target - self.sites.len() + self.unused.len();
        let p = (needed as f64 / remaining_words as f64).min(0.6);
        rng.unit() < p
    }

    pub(super) fn choose(&mut self, rng: &mut Rng) -> (usize, usize) {
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
pub(super) fn markdown(
    rng: &mut Rng,
    size: Size,
    bytes: usize,
    entities: &[Entity],
    target: usize,
) -> Text {
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
pub(super) fn paragraph_sentences(
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
pub(super) fn single_line(rng: &mut Rng, bytes: usize) -> String {
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
