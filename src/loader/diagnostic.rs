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

use crate::model::LineIndex;
use crate::sanitize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a file: 1-based line and column (in characters), the source
/// line itself and how many characters to underline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
    #[serde(skip)]
    pub source_line: String,
    #[serde(skip)]
    pub underline: usize,
}

impl Location {
    /// Resolves a byte span of `source` (the contents of `file`).
    pub fn from_span(file: &str, source: &str, span: Range<usize>) -> Self {
        Self::from_span_in(file, source, &LineIndex::new(source), span)
    }

    /// The same, with the source's line index already built (a file with
    /// many diagnostics should not be rescanned for each).
    pub fn from_span_in(file: &str, source: &str, lines: &LineIndex, span: Range<usize>) -> Self {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let line = lines.line_of(start);
        let line_start = lines.line_start(line).unwrap_or(0).min(start);
        let line_end = source
            .get(start..)
            .and_then(|after| after.find(['\n', '\r']))
            .map_or(source.len(), |at| start + at);
        let source_line = source.get(line_start..line_end).unwrap_or_default();
        let column = source
            .get(line_start..start)
            .map_or(0, |prefix| prefix.chars().count())
            + 1;
        let span_end = floor_char_boundary(source, span.end.clamp(start, line_end));
        let underline = source
            .get(start..span_end)
            .map_or(0, |marked| marked.chars().count())
            .max(1);
        Self {
            file: file.to_string(),
            line,
            column,
            source_line: source_line.to_string(),
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
    pub text_line: Option<usize>,
    /// Further facts: the lines of every match, the candidates considered.
    pub notes: Vec<String>,
    pub hint: Option<String>,
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
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(Box::new(location));
        self
    }

    pub fn text_line(mut self, line: usize) -> Self {
        self.text_line = Some(line);
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
                let before: String = location
                    .source_line
                    .chars()
                    .take(location.column - 1)
                    .collect();
                let marked: String = location
                    .source_line
                    .chars()
                    .skip(location.column - 1)
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
            text_line: self.text_line,
            notes: &notes,
            hint: hint.as_deref(),
        };
        serde_json::to_string(&line).unwrap_or_default()
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a
/// plausible typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::damerau_levenshtein(word, candidate), candidate))
        .filter(|(distance, candidate)| {
            let longest = word.chars().count().max(candidate.chars().count());
            *distance > 0 && *distance * 3 <= longest.max(3)
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Collects diagnostics about one annotation file, resolving spans of it to
/// locations as they are reported.
pub struct Reporter<'a> {
    pub file: &'a str,
    pub source: &'a str,
    /// Made on the first diagnostic: a file with none never needs it, and
    /// indexing 10 MB of lines would otherwise be paid on every load.
    lines: std::cell::OnceCell<LineIndex>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Reporter<'a> {
    pub fn new(file: &'a str, source: &'a str) -> Self {
        Self {
            file,
            source,
            lines: std::cell::OnceCell::new(),
            diagnostics: Vec::new(),
        }
    }

    pub fn location(&self, span: Range<usize>) -> Location {
        let lines = self.lines.get_or_init(|| LineIndex::new(self.source));
        Location::from_span_in(self.file, self.source, lines, span)
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
    fn suggestions_only_for_near_misses() {
        let ids = ["putin", "isis-k", "moscow"];
        assert_eq!(did_you_mean("putn", ids), Some("putin"));
        assert_eq!(did_you_mean("isisk", ids), Some("isis-k"));
        assert_eq!(did_you_mean("kabul", ids), None);
    }
}
