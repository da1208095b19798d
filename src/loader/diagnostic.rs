//! Diagnostics: what the loader found wrong, where, and what to do about it,
//! printed like rustc or as JSON lines.
//!
//! A diagnostic carries its position already resolved to line, column and the
//! source line, so it can be printed without the files at hand. Everything
//! from a file is passed through [`crate::sanitize`] before it is printed.

use crate::model::floor_char_boundary;
use std::fmt::Write as _;
use std::ops::Range;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::suggestion::Suggestion;
use crate::model::LineIndex;
use crate::sanitize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a file: 1-based line and column (in characters), the source
/// line itself (an excerpt of it, if it is long) and how many characters to
/// underline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The line, or for a line longer than [`EXCERPT`] characters the part
    /// of it around the span, with `…` where it was cut.
    #[serde(skip)]
    pub source_line: String,
    /// Characters of `source_line` before the span.
    #[serde(skip)]
    pub caret: usize,
    #[serde(skip)]
    pub underline: usize,
}

/// Source lines longer than this many characters are shown as an excerpt
/// of at most this many: a file written on one line (TOML allows a whole
/// array of tables inline) would otherwise be copied into every
/// diagnostic about it, and printed with each; 8,000 entities on one line
/// made 5 GB of warnings.
pub const EXCERPT: usize = 120;

/// How much of a cut line is kept before the span's start, in characters.
const EXCERPT_BEFORE: usize = 40;

/// Bytes between the checkpoints of [`SourceIndex`].
const CHECKPOINT_BYTES: usize = 1024;

/// Line starts and character counts of a source, so that each diagnostic's
/// line and column cost the same on a short line and on a long one.
pub struct SourceIndex {
    lines: LineIndex,
    /// (byte offset, characters before it), every [`CHECKPOINT_BYTES`]
    /// or so, on character boundaries.
    checkpoints: Vec<(usize, usize)>,
}

impl SourceIndex {
    pub fn new(source: &str) -> Self {
        let mut checkpoints = vec![(0, 0)];
        let mut chars = 0;
        let mut at = 0;
        while at < source.len() {
            // A character is at most four bytes: the boundary found is
            // always past `at`.
            let next = floor_char_boundary(source, at + CHECKPOINT_BYTES);
            chars += source.get(at..next).map_or(0, |part| part.chars().count());
            checkpoints.push((next, chars));
            at = next;
        }
        Self {
            lines: LineIndex::new(source),
            checkpoints,
        }
    }

    /// Characters of `source` before the character boundary `at`.
    fn chars_before(&self, source: &str, at: usize) -> usize {
        let after = self.checkpoints.partition_point(|&(byte, _)| byte <= at);
        let (byte, chars) = after
            .checked_sub(1)
            .and_then(|index| self.checkpoints.get(index))
            .copied()
            .unwrap_or((0, 0));
        chars + source.get(byte..at).map_or(0, |part| part.chars().count())
    }
}

/// The byte offset `count` characters before `at`, not before `floor`.
fn back_chars(source: &str, floor: usize, at: usize, count: usize) -> usize {
    source.get(floor..at).map_or(floor, |before| {
        before
            .char_indices()
            .rev()
            .nth(count.saturating_sub(1))
            .map_or(floor, |(offset, _)| floor + offset)
    })
}

/// The byte offset `count` characters after `at`, not past `ceiling`.
fn forward_chars(source: &str, at: usize, ceiling: usize, count: usize) -> usize {
    source.get(at..ceiling).map_or(at, |after| {
        after
            .char_indices()
            .nth(count)
            .map_or(ceiling, |(offset, _)| at + offset)
    })
}

impl Location {
    /// Resolves a byte span of `source` (the contents of `file`).
    pub fn from_span(file: &str, source: &str, span: Range<usize>) -> Self {
        Self::from_span_in(file, source, &SourceIndex::new(source), span)
    }

    /// The same, with the source's index already built (a file with many
    /// diagnostics should not be rescanned for each).
    pub fn from_span_in(file: &str, source: &str, index: &SourceIndex, span: Range<usize>) -> Self {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let line = index.lines.line_of(start);
        let line_range = index
            .lines
            .line_range(source, line)
            .unwrap_or(start..source.len());
        let line_start = line_range.start.min(start);
        let line_end = line_range.end.max(start);
        let column = index.chars_before(source, start) - index.chars_before(source, line_start) + 1;
        let line_chars =
            index.chars_before(source, line_end) - index.chars_before(source, line_start);
        let (from, to) = if line_chars <= EXCERPT {
            (line_start, line_end)
        } else {
            let from = back_chars(source, line_start, start, EXCERPT_BEFORE);
            let before = source
                .get(from..start)
                .map_or(0, |part| part.chars().count());
            (
                from,
                forward_chars(source, start, line_end, EXCERPT - before),
            )
        };
        let cut_before = if from > line_start { "\u{2026}" } else { "" };
        let cut_after = if to < line_end { "\u{2026}" } else { "" };
        let source_line = format!(
            "{cut_before}{}{cut_after}",
            source.get(from..to).unwrap_or_default()
        );
        let caret = cut_before.chars().count()
            + source
                .get(from..start)
                .map_or(0, |part| part.chars().count());
        let span_end = floor_char_boundary(source, span.end.clamp(start, to));
        let underline = source
            .get(start..span_end)
            .map_or(0, |marked| marked.chars().count())
            .max(1);
        Self {
            file: file.to_string(),
            line,
            column,
            source_line,
            caret,
            underline,
        }
    }

    /// A position with no source line to show (a file as a whole).
    pub fn file_only(file: &str) -> Self {
        Self {
            file: file.to_string(),
            line: 0,
            column: 0,
            source_line: String::new(),
            caret: 0,
            underline: 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable, kebab-case; scripts and tests key on it.
    pub code: &'static str,
    pub message: String,
    /// Boxed: diagnostics travel in `Result`s and should stay small.
    pub location: Option<Box<Location>>,
    /// The line in the text file the problem concerns, when there is one.
    /// (A `u32`, so that a diagnostic stays within 128 bytes: they travel
    /// in `Result`s. A text under the 100 MiB cap has fewer lines.)
    pub text_line: Option<u32>,
    /// Further facts: the lines of every match, the candidates considered.
    pub notes: Vec<String>,
    pub hint: Option<String>,
    /// The hint as a change a program can make, when there is one.
    #[serde(skip)]
    pub suggestion: Option<Box<Suggestion>>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            severity,
            code,
            message: message.into(),
            location: None,
            text_line: None,
            notes: Vec::new(),
            hint: None,
            suggestion: None,
        }
    }

    pub fn suggest(mut self, suggestion: Suggestion) -> Self {
        self.suggestion = Some(Box::new(suggestion));
        self
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(Box::new(location));
        self
    }

    pub fn text_line(mut self, line: usize) -> Self {
        self.text_line = u32::try_from(line).ok();
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The rustc-like rendering, several lines, ending in a newline.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(
            out,
            "{severity}[{}]: {}",
            self.code,
            sanitize::line(&self.message)
        );
        let gutter = self
            .location
            .as_ref()
            .map_or(1, |location| location.line.to_string().len());
        let pad = " ".repeat(gutter);
        if let Some(location) = &self.location {
            let file = sanitize::line(&location.file);
            if location.line == 0 {
                let _ = writeln!(out, "{pad}--> {file}");
            } else {
                let _ = writeln!(out, "{pad}--> {file}:{}:{}", location.line, location.column);
                let shown = sanitize::line(&location.source_line);
                // The caret must sit under the same characters after markers
                // have widened anything before it.
                let before: String = location.source_line.chars().take(location.caret).collect();
                let marked: String = location
                    .source_line
                    .chars()
                    .skip(location.caret)
                    .take(location.underline)
                    .collect();
                // Columns, not characters: a CJK character takes two.
                let indent = sanitize::line(&before).width();
                let width = sanitize::line(&marked).width().max(1);
                let _ = writeln!(out, "{pad} |");
                let _ = writeln!(out, "{} | {shown}", location.line);
                let _ = writeln!(out, "{pad} | {}{}", " ".repeat(indent), "^".repeat(width));
            }
        }
        if let Some(line) = self.text_line {
            let _ = writeln!(out, "{pad} = in the text at line {line}");
        }
        for note in &self.notes {
            let _ = writeln!(out, "{pad} = note: {}", sanitize::line(note));
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "{pad} = hint: {}", sanitize::line(hint));
        }
        out
    }

    /// One JSON object on one line. Strings from files pass the sanitiser
    /// first: serde_json escapes C0 controls but not C1 controls or bidi
    /// overrides.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Line<'a> {
            r#type: &'static str,
            severity: Severity,
            code: &'static str,
            message: &'a str,
            file: Option<&'a str>,
            line: Option<usize>,
            column: Option<usize>,
            text_line: Option<usize>,
            notes: &'a [String],
            hint: Option<&'a str>,
        }
        let location = self.location.as_ref();
        let known = |value: usize| (value > 0).then_some(value);
        let notes: Vec<String> = self
            .notes
            .iter()
            .map(|n| sanitize::line(n).into_owned())
            .collect();
        let message = sanitize::line(&self.message);
        let file = location.map(|l| sanitize::line(&l.file));
        let hint = self.hint.as_deref().map(sanitize::line);
        let line = Line {
            r#type: "diagnostic",
            severity: self.severity,
            code: self.code,
            message: &message,
            file: file.as_deref(),
            line: location.and_then(|l| known(l.line)),
            column: location.and_then(|l| known(l.column)),
            text_line: self.text_line.map(|line| line as usize),
            notes: &notes,
            hint: hint.as_deref(),
        };
        serde_json::to_string(&line).unwrap_or_default()
    }
}

pub use super::typos::{SUGGESTION_BUDGET, Suggestions, did_you_mean};

/// Collects diagnostics about one annotation file, resolving spans of it to
/// locations as they are reported.
pub struct Reporter<'a> {
    pub file: &'a str,
    pub source: &'a str,
    /// Made on the first diagnostic: a file with none never needs it, and
    /// indexing 10 MB of lines would otherwise be paid on every load.
    index: std::cell::OnceCell<SourceIndex>,
    pub diagnostics: Vec<Diagnostic>,
    /// Whether to collect `pins`: only `brief check --fix=offsets` wants
    /// them, and a large file has a hundred thousand.
    pub wants_pins: bool,
    /// The offsets of every quote-only selector that anchored exactly.
    pub pins: Vec<Suggestion>,
}

impl<'a> Reporter<'a> {
    pub fn new(file: &'a str, source: &'a str) -> Self {
        Self {
            file,
            source,
            index: std::cell::OnceCell::new(),
            diagnostics: Vec::new(),
            wants_pins: false,
            pins: Vec::new(),
        }
    }

    pub fn location(&self, span: Range<usize>) -> Location {
        let index = self.index.get_or_init(|| SourceIndex::new(self.source));
        Location::from_span_in(self.file, self.source, index, span)
    }

    /// Reports a diagnostic placed at `span` of the annotation file.
    pub fn push_at(&mut self, diagnostic: Diagnostic, span: Range<usize>) {
        let located = diagnostic.at(self.location(span));
        self.diagnostics.push(located);
    }

    /// Reports a diagnostic about the annotation file as a whole.
    pub fn push_file(&mut self, diagnostic: Diagnostic) {
        let located = diagnostic.at(Location::file_only(self.file));
        self.diagnostics.push(located);
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_character_columns() {
        let source = "a = 1\r\nname = \"Ünïcode\" # x\nlast";
        let at = source.find("# x").unwrap();
        let location = Location::from_span("f.toml", source, at..at + 3);
        assert_eq!((location.line, location.column), (2, 18));
        assert_eq!(location.source_line, "name = \"Ünïcode\" # x");
        assert_eq!(location.underline, 3);
    }

    #[test]
    fn renders_like_rustc() {
        let source = "[[mention]]\nentity = \"putn\"\n";
        let at = source.find("\"putn\"").unwrap();
        let diagnostic = Diagnostic::error("unknown-entity", "no entity with id \"putn\"")
            .at(Location::from_span("b.toml", source, at..at + 6))
            .hint("did you mean \"putin\"?");
        assert_eq!(
            diagnostic.render(),
            "error[unknown-entity]: no entity with id \"putn\"\n \
             --> b.toml:2:10\n  |\n2 | entity = \"putn\"\n  |          ^^^^^^\n  \
             = hint: did you mean \"putin\"?\n"
        );
    }

    #[test]
    fn hostile_source_lines_are_neutralised_and_caret_stays_aligned() {
        let source = "x = \"\u{1b}]0;t\u{7}\" bad";
        let at = source.find("bad").unwrap();
        let rendered = Diagnostic::error("wrong-type", "m")
            .at(Location::from_span("f", source, at..at + 3))
            .render();
        assert!(!rendered.contains('\u{1b}') && !rendered.contains('\u{7}'));
        let lines: Vec<&str> = rendered.lines().collect();
        let text_column = lines[3].find("bad").unwrap();
        let caret_column = lines[4].find('^').unwrap();
        assert_eq!(
            lines[3][..text_column].chars().count(),
            lines[4][..caret_column].chars().count()
        );
    }

    #[test]
    fn a_long_line_is_shown_as_an_excerpt_around_the_span() {
        // One line of 2,000 entries, a multi-byte character in each.
        let line: String = (0..2000).map(|i| format!("{{é = {i}}}, ")).collect();
        let source = format!("x = 1\n{line}\nlast");
        let at = source.find("{é = 1500}").unwrap();
        let index = SourceIndex::new(&source);
        let wanted = "{é = 1500}";
        let location = Location::from_span_in("f", &source, &index, at..at + wanted.len());
        let column = source[source.find('\n').unwrap() + 1..at].chars().count() + 1;
        assert_eq!((location.line, location.column), (2, column));
        assert_eq!(location.source_line.chars().count(), EXCERPT + 2);
        assert!(location.source_line.starts_with('\u{2026}'));
        assert!(location.source_line.ends_with('\u{2026}'));
        let marked: String = location
            .source_line
            .chars()
            .skip(location.caret)
            .take(location.underline)
            .collect();
        assert_eq!(marked, wanted);
        let rendered = Diagnostic::error("x", "m").at(location).render();
        let lines: Vec<&str> = rendered.lines().collect();
        let caret = lines[4].find('^').unwrap();
        // The caret sits under the span in the excerpt as printed.
        let under: String = lines[3]
            .chars()
            .skip(lines[4][..caret].chars().count())
            .take(wanted.chars().count())
            .collect();
        assert_eq!(under, wanted);
        // The start of the line is cut on the right only, and a line that
        // fits is shown whole.
        let first = Location::from_span_in("f", &source, &index, 6..7);
        assert_eq!((first.column, first.caret), (1, 0));
        assert!(!first.source_line.starts_with('\u{2026}'));
        let whole = Location::from_span_in("f", &source, &index, 0..1);
        assert_eq!(whole.source_line, "x = 1");
    }
}
