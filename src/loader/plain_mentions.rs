//! The plain `[[mention]]` tables of an annotation file, read without
//! toml. A large briefing is mostly such tables (half a million at
//! 100 MB), each a few `key = "string"` or `key = 12` lines, and toml
//! builds a token list, an event list and a document tree for every one
//! of them before serde reads it: most of a load's time and most of its
//! page faults. Here each table that is plain is read straight from its
//! lines into a [`RawMention`], with the spans toml would give, and its
//! lines are blanked (spaces, so every other offset stays the same) in the
//! copy that toml then parses for the rest.
//!
//! A table is plain when its header is exactly `[[mention]]` at the top
//! level (not inside a bracket or a multi-line string left open by an
//! earlier line, which are followed) and every line after it, up to the
//! next header, is blank, a comment, or one known key (`entity`, `kind`,
//! the selector fields) set once to a value of the right type: a string
//! with no escapes, a decimal integer, `true` or `false`. Anything else
//! (escapes, arrays, inline tables, multi-line strings, unknown or
//! repeated keys, a missing `entity`) leaves the table to toml, which
//! reports what is wrong with it exactly as before. The whole file goes to
//! toml when it writes `mention` any other way (`[mention.x]`,
//! `[[mention.parts]]`, `mention = [...]`), and the caller parses the
//! original file when the blanked copy has a syntax error, so every error
//! is toml's own. The first `[[mention]]` table is always left to toml, so
//! the document's keys keep the order they have in the file.
//!
//! It owns only this reading; what the tables mean is `build`'s.

use std::ops::Range;

use toml::Spanned;

use super::parallel;
use super::raw::{Item, RawAttributes, RawMention};

const MENTION_HEADER: &str = "[[mention]]";

/// The file with its plain mention tables blanked, and those tables.
pub struct Extracted {
    /// The annotation file with every plain table's lines turned into
    /// spaces: the same length, so toml's spans are the file's.
    pub rest: String,
    /// The plain tables, in file order: those of each part read (one
    /// list per thread, not copied into one here).
    pub mentions: Vec<Vec<Item<RawMention>>>,
}

/// Files from this size on are read in two halves on two threads.
const SPLIT_FROM_BYTES: usize = 1024 * 1024;

/// Reads the plain mention tables of `source`, or `None` when the file is
/// left to toml whole (see the module's notes) or has none.
pub fn extract(source: &str) -> Option<Extracted> {
    let bytes = source.as_bytes();
    let parts = match cut_point(source) {
        // The second half starts at a `[[mention]]` header and is read as
        // if the first half ended at the top level past the first mention
        // table; if it did not, the second half is read again.
        Some(cut) => std::thread::scope(|scope| {
            let second = parallel::spawn(scope, || {
                let after_first_mention = Scan {
                    depth: 0,
                    string: None,
                    seen_header: true,
                    seen_mention: true,
                };
                read_part(source, cut..source.len(), after_first_mention, 0)
            });
            // The first part's list has room for the second's tables too
            // (reserved, not touched: no pages until they are written), so
            // that the two become one in it, not in a fresh list.
            let later = memchr::memmem::find_iter(bytes.get(cut..)?, MENTION_HEADER).count();
            let first = read_part(source, 0..cut, Scan::default(), later)?;
            let second = second.join();
            let second = if first.scan.at_top() && first.scan.seen_mention {
                second?
            } else {
                read_part(source, cut..source.len(), first.scan, 0)?
            };
            Some(vec![first, second])
        })?,
        None => vec![read_part(source, 0..source.len(), Scan::default(), 0)?],
    };
    if parts.iter().all(|part| part.mentions.is_empty()) {
        return None;
    }
    let mut rest = Vec::with_capacity(bytes.len());
    let mut copied = 0;
    for range in parts.iter().flat_map(|part| &part.blank) {
        rest.extend_from_slice(bytes.get(copied..range.start)?);
        rest.resize(range.end, b' ');
        copied = range.end;
    }
    rest.extend_from_slice(bytes.get(copied..)?);
    Some(Extracted {
        rest: String::from_utf8(rest).ok()?,
        mentions: parts.into_iter().map(|part| part.mentions).collect(),
    })
}

/// Where to cut a large file: the first `[[mention]]` header line at or
/// after the middle.
fn cut_point(source: &str) -> Option<usize> {
    if source.len() < SPLIT_FROM_BYTES {
        return None;
    }
    let finder = memchr::memmem::Finder::new(b"\n[[mention]]");
    let mut from = source.len() / 2;
    loop {
        let at = from + finder.find(source.as_bytes().get(from..)?)? + 1;
        let line_end = memchr::memchr(b'\n', source.as_bytes().get(at..)?)
            .map_or(source.len(), |end| at + end);
        if matches!(header(source.get(at..line_end)?), Header::Mention) {
            return Some(at);
        }
        from = at;
    }
}

/// What reading part of a file found.
struct Part {
    blank: Vec<Range<usize>>,
    mentions: Vec<Item<RawMention>>,
    /// Where the part left off.
    scan: Scan,
}

/// Reads the lines of `range` (whole lines), starting in state `scan`,
/// into a list with room for `more` tables after its own.
fn read_part(source: &str, range: Range<usize>, mut scan: Scan, more: usize) -> Option<Part> {
    let bytes = source.as_bytes();
    let mut blank: Vec<Range<usize>> = Vec::new();
    // Sized once: a table is a few hundred bytes, and growing the list
    // would move every one read so far, again and again.
    let headers = memchr::memmem::find_iter(bytes.get(range.clone())?, MENTION_HEADER).count();
    let mut mentions = Vec::with_capacity(headers + more);
    let mut open: Option<Table> = None;
    let mut line_start = range.start;
    while line_start < range.end {
        let line_end = memchr::memchr(b'\n', bytes.get(line_start..range.end)?)
            .map_or(range.end, |at| line_start + at);
        let line = source.get(line_start..line_end)?;
        let next = line_end + 1;
        if let Some(table) = open.as_mut() {
            if starts_header(line) {
                finish(open.take()?, line_start, &mut blank, &mut mentions);
            } else if table.line(line, line_start) {
                line_start = next;
                continue;
            } else {
                // Left to toml, from its header on: this line and the
                // rest are followed like any others, so that a bracket
                // they open is too.
                open = None;
            }
        }
        if scan.at_top() && starts_header(line) {
            scan.seen_header = true;
            match header(line) {
                Header::Mention if scan.seen_mention => {
                    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
                    let header = line_start + indent;
                    open = Some(Table::new(
                        line_start,
                        header..header + MENTION_HEADER.len(),
                    ));
                }
                Header::Mention => scan.seen_mention = true,
                Header::OtherMention => return None,
                Header::Other => {}
            }
        } else {
            if scan.at_top() && !scan.seen_header && names_mention(line) {
                return None;
            }
            scan.line(line);
        }
        line_start = next;
    }
    if let Some(table) = open.take() {
        finish(table, range.end, &mut blank, &mut mentions);
    }
    Some(Part {
        blank,
        mentions,
        scan,
    })
}

/// Ends a plain table at `end` (the next header's line, or the file's
/// end): read here if it is complete, else left in place for toml.
fn finish(
    table: Table,
    end: usize,
    blank: &mut Vec<Range<usize>>,
    mentions: &mut Vec<Item<RawMention>>,
) {
    let start = table.start;
    if let Some(mention) = table.mention() {
        blank.push(start..end);
        mentions.push(mention);
    }
}

/// What the lines outside plain tables say about the ones after them.
#[derive(Default, Clone, Copy)]
struct Scan {
    /// Brackets and braces open across lines (a multi-line array): a line
    /// starting with `[` inside one is a value, not a header.
    depth: usize,
    /// The multi-line string (`"""` or `'''`) a line ended inside: the
    /// lines after it are text until it closes, headers or not.
    string: Option<u8>,
    seen_header: bool,
    seen_mention: bool,
}

impl Scan {
    /// At the top level, outside any bracket or multi-line string: where a
    /// line starting with `[` is a header.
    fn at_top(&self) -> bool {
        self.depth == 0 && self.string.is_none()
    }

    /// Follows the brackets and multi-line strings of one line, skipping
    /// strings and comments.
    fn line(&mut self, line: &str) {
        let bytes = line.as_bytes();
        let mut at = 0;
        if let Some(quote) = self.string {
            match closing(bytes, 0, quote) {
                Some(end) => {
                    self.string = None;
                    at = end;
                }
                None => return,
            }
        } else if self.depth == 0 && starts_header(line) {
            return;
        }
        while let Some(&byte) = bytes.get(at) {
            match byte {
                b'"' | b'\'' if bytes.get(at..at + 3) == Some([byte; 3].as_slice()) => {
                    match closing(bytes, at + 3, byte) {
                        Some(end) => {
                            at = end;
                            continue;
                        }
                        None => {
                            self.string = Some(byte);
                            return;
                        }
                    }
                }
                b'"' => at = string_end(bytes, at + 1, b'"', true),
                b'\'' => at = string_end(bytes, at + 1, b'\'', false),
                b'#' => return,
                b'[' | b'{' => self.depth += 1,
                b']' | b'}' => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
            at += 1;
        }
    }
}

/// Where the multi-line string of `quote`s that is open at `from` closes:
/// just past its closing three quotes (and the one or two more a run may
/// hold, which are text), or `None` if not on this line.
fn closing(bytes: &[u8], mut from: usize, quote: u8) -> Option<usize> {
    while let Some(&byte) = bytes.get(from) {
        if byte == b'\\' && quote == b'"' {
            from += 2;
            continue;
        }
        if bytes.get(from..from + 3) == Some([quote; 3].as_slice()) {
            let run = bytes
                .get(from..)?
                .iter()
                .take(5)
                .take_while(|&&b| b == quote)
                .count();
            return Some(from + run);
        }
        from += 1;
    }
    None
}

/// Where the string opened before `from` closes (or the line's end).
fn string_end(bytes: &[u8], mut from: usize, quote: u8, escapes: bool) -> usize {
    while let Some(&byte) = bytes.get(from) {
        if byte == quote {
            return from;
        }
        from += if escapes && byte == b'\\' { 2 } else { 1 };
    }
    bytes.len()
}

fn starts_header(line: &str) -> bool {
    line.trim_start_matches([' ', '\t']).starts_with('[')
}

enum Header {
    /// Exactly `[[mention]]`, perhaps with a comment.
    Mention,
    /// Any other header whose first key is `mention`.
    OtherMention,
    Other,
}

fn header(line: &str) -> Header {
    let line = line.trim_start_matches([' ', '\t']);
    if let Some(after) = line.strip_prefix(MENTION_HEADER)
        && ends_line(after)
    {
        return Header::Mention;
    }
    let inside = line.trim_start_matches(['[', ' ', '\t']);
    if names_mention(inside) {
        Header::OtherMention
    } else {
        Header::Other
    }
}

/// Whether a key written at the start of `text` is `mention` (bare or
/// quoted, alone or dotted): the array written some other way.
fn names_mention(text: &str) -> bool {
    let text = text.trim_start_matches([' ', '\t']);
    ["mention", "\"mention\"", "'mention'"].iter().any(|name| {
        text.strip_prefix(name).is_some_and(|after| {
            !after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
    })
}

/// Whether what follows a value (or a header) can end its line: spaces,
/// then nothing or a comment toml accepts.
fn ends_line(after: &str) -> bool {
    let after = after.strip_suffix('\r').unwrap_or(after);
    let after = after.trim_start_matches([' ', '\t']);
    match after.strip_prefix('#') {
        Some(comment) => comment.bytes().all(is_text),
        None => after.is_empty(),
    }
}

/// Whether toml takes `byte` in a comment or a string as it is: a tab,
/// printable ASCII, or any byte of a non-ASCII character.
fn is_text(byte: u8) -> bool {
    byte == b'\t' || (0x20..0x7F).contains(&byte) || byte >= 0x80
}

/// A `[[mention]]` table being read.
struct Table {
    /// Where its header's line starts.
    start: usize,
    /// Its header, `[[mention]]`: toml's span of the table.
    header: Range<usize>,
    entity: Option<Spanned<String>>,
    kind: Option<Spanned<String>>,
    quote: Option<Spanned<String>>,
    prefix: Option<Spanned<String>>,
    suffix: Option<Spanned<String>>,
    occurrence: Option<Spanned<i64>>,
    start_offset: Option<Spanned<i64>>,
    end_offset: Option<Spanned<i64>>,
    part_of_word: Option<Spanned<bool>>,
}

/// A value as written, with its span in the file.
enum Value {
    String(Spanned<String>),
    Integer(Spanned<i64>),
    Boolean(Spanned<bool>),
}

impl Table {
    fn new(start: usize, header: Range<usize>) -> Self {
        Table {
            start,
            header,
            entity: None,
            kind: None,
            quote: None,
            prefix: None,
            suffix: None,
            occurrence: None,
            start_offset: None,
            end_offset: None,
            part_of_word: None,
        }
    }

    /// Reads one line of the table (starting at `offset` in the file);
    /// `false` when it is not plain.
    fn line(&mut self, line: &str, offset: usize) -> bool {
        let trimmed = line.trim_start_matches([' ', '\t']);
        if ends_line(trimmed) {
            return true;
        }
        let Some(key_length) = trimmed.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        else {
            return false;
        };
        let (key, after_key) = trimmed.split_at(key_length);
        let after_spaces = after_key.trim_start_matches([' ', '\t']);
        let Some(after_equals) = after_spaces.strip_prefix('=') else {
            return false;
        };
        let value_text = after_equals.trim_start_matches([' ', '\t']);
        let value_at = offset + line.len() - value_text.len();
        let Some((value, rest)) = value(value_text, value_at) else {
            return false;
        };
        if !ends_line(rest) {
            return false;
        }
        self.set(key, value)
    }

    /// Sets `key` once to a value of its type; `false` otherwise.
    fn set(&mut self, key: &str, value: Value) -> bool {
        fn once<T>(slot: &mut Option<T>, value: Option<T>) -> bool {
            match value {
                Some(value) if slot.is_none() => {
                    *slot = Some(value);
                    true
                }
                _ => false,
            }
        }
        let text = |value: Value| match value {
            Value::String(text) => Some(text),
            _ => None,
        };
        let number = |value: Value| match value {
            Value::Integer(number) => Some(number),
            _ => None,
        };
        match key {
            "entity" => once(&mut self.entity, text(value)),
            "kind" => once(&mut self.kind, text(value)),
            "quote" => once(&mut self.quote, text(value)),
            "prefix" => once(&mut self.prefix, text(value)),
            "suffix" => once(&mut self.suffix, text(value)),
            "occurrence" => once(&mut self.occurrence, number(value)),
            "start" => once(&mut self.start_offset, number(value)),
            "end" => once(&mut self.end_offset, number(value)),
            "part_of_word" => once(
                &mut self.part_of_word,
                match value {
                    Value::Boolean(flag) => Some(flag),
                    _ => None,
                },
            ),
            _ => false,
        }
    }

    /// The table as toml and serde would read it, if it has its
    /// `entity`.
    fn mention(self) -> Option<Item<RawMention>> {
        let entity = self.entity?;
        Some(Item {
            span: self.header,
            value: RawMention {
                entity,
                kind: self.kind.map(Spanned::into_inner),
                parts: Vec::new(),
                attributes: RawAttributes::new(),
                quote: self.quote,
                prefix: self.prefix,
                suffix: self.suffix,
                occurrence: self.occurrence,
                start: self.start_offset,
                end: self.end_offset,
                part_of_word: self.part_of_word,
            },
        })
    }
}

/// A plain value at the start of `text` (at `offset` in the file) and
/// what follows it.
fn value(text: &str, offset: usize) -> Option<(Value, &str)> {
    let bytes = text.as_bytes();
    match bytes.first()? {
        quote @ (b'"' | b'\'') => {
            let length = memchr::memchr(*quote, bytes.get(1..)?)?;
            let inner = text.get(1..1 + length)?;
            // What toml takes as it is (no escapes here, not even in a
            // literal string, to keep to one rule).
            let clean = inner.bytes().all(|byte| is_text(byte) && byte != b'\\');
            let rest = text.get(length + 2..)?;
            clean.then(|| {
                let span = offset..offset + length + 2;
                (Value::String(Spanned::new(span, inner.to_string())), rest)
            })
        }
        b't' | b'f' => {
            let (flag, length) = if text.starts_with("true") {
                (true, 4)
            } else if text.starts_with("false") {
                (false, 5)
            } else {
                return None;
            };
            let rest = text.get(length..)?;
            Some((
                Value::Boolean(Spanned::new(offset..offset + length, flag)),
                rest,
            ))
        }
        _ => {
            let length = text
                .find(|c: char| !(c.is_ascii_digit() || c == '+' || c == '-'))
                .unwrap_or(text.len());
            let written = text.get(..length)?;
            let digits = written.strip_prefix(['+', '-']).unwrap_or(written);
            let plain = !digits.is_empty()
                && digits.bytes().all(|byte| byte.is_ascii_digit())
                && (digits == "0" || !digits.starts_with('0'));
            let number: i64 = if plain { written.parse().ok()? } else { None? };
            let rest = text.get(length..)?;
            Some((
                Value::Integer(Spanned::new(offset..offset + length, number)),
                rest,
            ))
        }
    }
}
