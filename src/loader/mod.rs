//! The loader: reads a briefing (a text file and its TOML annotation file),
//! checks it, and produces a [`Briefing`] or the diagnostics that explain why
//! it cannot.
//!
//! It owns file reading, TOML parsing, anchoring and validation. It must not
//! print anything or touch a terminal: callers decide what to show. The model
//! it returns holds no TOML.

mod anchor;
mod build;
mod deep_keys;
pub mod diagnostic;
pub mod formats;
mod halves;
mod head;
mod mentions;
mod options;
mod parallel;
mod plain_mentions;
mod prepared;
mod preview;
mod projection;
mod raw;
#[doc(hidden)]
pub mod reading;
mod sibling;
pub mod source;
mod structure;
pub mod suggestion;
mod typos;

use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, Location, Severity};
pub use options::{GroupBy, ImportOptions, OpenOptions, SourceFormat};
pub use preview::{PREVIEW_ABOVE, PREVIEW_LEAST, preview, preview_bundled, preview_bytes};
pub use raw::bare_parse;
pub use source::{
    ANNOTATION_CAP, FileSystem, InMemory, STANDARD_INPUT_NAME, SourceReader, TEXT_CAP, THEME_CAP,
};

use crate::model::{Briefing, Meta, TextFormat};
use diagnostic::Reporter;

/// The result of loading one briefing.
#[derive(Debug)]
pub struct Loaded {
    /// Present when there were no errors.
    pub briefing: Option<Briefing>,
    pub diagnostics: Vec<Diagnostic>,
    /// The file the user named, for messages.
    pub path: String,
    /// With [`load_with_pins`], the offsets of every quote-only selector
    /// that anchored exactly; otherwise empty.
    pub pins: Vec<suggestion::Suggestion>,
}

impl Loaded {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    /// What a load found: errors first, then by position, so that the
    /// first lines printed matter most.
    pub(crate) fn finished(
        briefing: Option<Briefing>,
        mut diagnostics: Vec<Diagnostic>,
        path: String,
        pins: Vec<suggestion::Suggestion>,
    ) -> Self {
        diagnostics.sort_by_key(|d| {
            (
                d.severity,
                d.location.as_ref().map_or((0, 0), |l| (l.line, l.column)),
            )
        });
        Self {
            briefing,
            diagnostics,
            path,
            pins,
        }
    }

    fn failed(path: &Path, diagnostic: Diagnostic) -> Self {
        Self {
            briefing: None,
            diagnostics: vec![diagnostic],
            path: path.display().to_string(),
            pins: Vec::new(),
        }
    }
}

/// The bundled example, compiled into the binary.
pub const BUNDLED_ANNOTATIONS: &str = include_str!("../../briefings/crocus-city-hall.toml");
pub const BUNDLED_TEXT: &str = include_str!("../../briefings/crocus-city-hall.md");
const BUNDLED_ANNOTATION_PATH: &str = "briefings/crocus-city-hall.toml";
const BUNDLED_TEXT_PATH: &str = "briefings/crocus-city-hall.md";

/// Loads the bundled Crocus City Hall briefing from memory.
pub fn load_bundled() -> Loaded {
    let files = InMemory {
        files: vec![
            (
                PathBuf::from(BUNDLED_ANNOTATION_PATH),
                BUNDLED_ANNOTATIONS.to_string(),
            ),
            (PathBuf::from(BUNDLED_TEXT_PATH), BUNDLED_TEXT.to_string()),
        ],
    };
    load_annotated(Path::new(BUNDLED_ANNOTATION_PATH), &files)
}

/// Loads what the command line names: `-` is a text on standard input;
/// with `plain`, any file is a text read on its own (a `.toml` too, shown
/// as text), never with a `.toml` beside it; otherwise as [`load`] does.
pub fn open(path: &Path, plain: bool, reader: &dyn SourceReader) -> Loaded {
    let options = OpenOptions {
        plain,
        ..OpenOptions::default()
    };
    open_with(path, &options, reader)
}

/// As [`open`], with every choice of the command line: `--plain`,
/// `--from`, `--text`, `--offset-unit`, `--group-by`.
pub fn open_with(path: &Path, options: &OpenOptions, reader: &dyn SourceReader) -> Loaded {
    if is_standard_input(path) {
        load_standard_input(reader)
    } else if options.plain || options.from == Some(SourceFormat::Text) {
        load_text_only(path, reader)
    } else {
        load_choosing(path, reader, false, options)
    }
}

/// Whether the command line's path means standard input, as for less: a
/// file named `-` is still reachable as `./-`.
pub fn is_standard_input(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// A text piped to `brief -`: read whole, up to the text cap, and parsed
/// as Markdown, which shows plain text sensibly too (paragraphs by blank
/// lines), where plain text would show Markdown's marks as they are. It has
/// no annotations: there is no file beside it to look for.
fn load_standard_input(reader: &dyn SourceReader) -> Loaded {
    let shown = Path::new(STANDARD_INPUT_NAME);
    let text = match reader.read_standard_input(TEXT_CAP) {
        Ok(text) => text,
        Err(diagnostic) => return Loaded::failed(shown, diagnostic),
    };
    let document = structure::document(text, TextFormat::Markdown);
    Loaded {
        briefing: Some(text_only_briefing(document, STANDARD_INPUT_NAME.into())),
        diagnostics: Vec::new(),
        path: STANDARD_INPUT_NAME.into(),
        pins: Vec::new(),
    }
}

/// Loads whatever the user named: an annotation file (`.toml`), a brat
/// document (`.ann`, its text the `.txt` beside it), or a text file, with the `.toml` beside it if that is its annotation file (says a
/// `format`, names no other text), and on its own otherwise.
pub fn load(path: &Path, reader: &dyn SourceReader) -> Loaded {
    load_choosing_pins(path, reader, false)
}

/// As [`load`], and lists in [`Loaded::pins`] the offsets of every
/// quote-only selector that anchored exactly (for `brief check
/// --fix=offsets`).
pub fn load_with_pins(path: &Path, reader: &dyn SourceReader) -> Loaded {
    load_choosing_pins(path, reader, true)
}

fn load_choosing_pins(path: &Path, reader: &dyn SourceReader, pins: bool) -> Loaded {
    load_choosing(path, reader, pins, &OpenOptions::default())
}

fn load_choosing(
    path: &Path,
    reader: &dyn SourceReader,
    pins: bool,
    options: &OpenOptions,
) -> Loaded {
    let import = &options.import;
    let from = options.from;
    if from == Some(SourceFormat::Toml) || (from.is_none() && has_extension(path, "toml")) {
        return match reader.read(path, ANNOTATION_CAP) {
            Ok(annotations) => {
                load_annotations(path, &annotations, reader, pins, import.text.as_deref())
            }
            Err(diagnostic) => Loaded::failed(path, diagnostic),
        };
    }
    if from == Some(SourceFormat::Brat) || (from.is_none() && has_extension(path, "ann")) {
        return formats::brat_import::load(path, reader, import);
    }
    let json = has_extension(path, "json") || has_extension(path, "jsonl");
    if matches!(from, Some(SourceFormat::W3c | SourceFormat::Spans)) || (from.is_none() && json) {
        // Told apart by content unless `--from` says: the file's start
        // says which family it is. Read once, and handed on.
        let source = match reader.read(path, ANNOTATION_CAP) {
            Ok(source) => source,
            Err(diagnostic) => return Loaded::failed(path, diagnostic),
        };
        let w3c = match from {
            Some(SourceFormat::W3c) => true,
            Some(SourceFormat::Spans) => false,
            _ => formats::w3c_import::looks_like(&source),
        };
        if w3c {
            return formats::w3c_import::load(path, source, reader, import);
        }
        if from == Some(SourceFormat::Spans) || formats::span_json_import::looks_like(&source) {
            return formats::span_json_import::load(path, source, reader, import);
        }
        return Loaded::failed(
            path,
            Diagnostic::error(
                "unknown-json",
                "this JSON is neither Web Annotation nor records of text and spans",
            )
            .at(Location::file_only(&path.display().to_string()))
            .hint("brief opens W3C Web Annotation, Hypothesis, spaCy, Prodigy, doccano and Label Studio JSON"),
        );
    }
    let sibling = path.with_extension("toml");
    if !reader.exists(&sibling) {
        return load_text_only(path, reader);
    }
    let annotations = match reader.read(&sibling, ANNOTATION_CAP) {
        Ok(annotations) => annotations,
        Err(diagnostic) => return Loaded::failed(&sibling, diagnostic),
    };
    if !head::declares_format(&annotations) {
        let mut loaded = load_text_only(path, reader);
        loaded
            .diagnostics
            .insert(0, sibling::not_annotations(path, &sibling));
        return loaded;
    }
    if let Some(warning) = sibling::annotates_another_text(path, &sibling, &annotations, reader) {
        let mut loaded = load_text_only(path, reader);
        loaded.diagnostics.insert(0, warning);
        return loaded;
    }
    let mut loaded = load_annotations(&sibling, &annotations, reader, pins, None);
    loaded.path = path.display().to_string();
    loaded
}

fn has_extension(path: &Path, wanted: &str) -> bool {
    path.extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case(wanted))
}

pub(crate) fn format_of(path: &Path) -> TextFormat {
    if has_extension(path, "md") || has_extension(path, "markdown") {
        TextFormat::Markdown
    } else {
        TextFormat::Plain
    }
}

/// A briefing of a text alone, titled by its first heading.
fn text_only_briefing(document: crate::model::Document, shown: String) -> Briefing {
    let title = document
        .blocks
        .iter()
        .find(|block| matches!(block.kind, crate::model::BlockKind::Heading { .. }))
        .map(|heading| document.block_text(heading));
    Briefing {
        meta: Meta {
            title,
            text_path: shown,
            ..Meta::default()
        },
        document,
        kinds: Vec::new(),
        entities: Vec::new(),
        mentions: Vec::new(),
        relations: Vec::new(),
        events: Vec::new(),
        notes: Vec::new(),
        mention_index: Default::default(),
        note_index: Default::default(),
    }
}

/// A text with no annotation file: reading, search and outline still work.
pub fn load_text_only(path: &Path, reader: &dyn SourceReader) -> Loaded {
    let text = match reader.read(path, TEXT_CAP) {
        Ok(text) => text,
        Err(diagnostic) => return Loaded::failed(path, diagnostic),
    };
    let shown = path.display().to_string();
    let briefing = text_only_briefing(structure::document(text, format_of(path)), shown.clone());
    Loaded {
        briefing: Some(briefing),
        diagnostics: Vec::new(),
        path: shown,
        pins: Vec::new(),
    }
}

/// Loads an annotation file and the text it names.
pub fn load_annotated(annotation_path: &Path, reader: &dyn SourceReader) -> Loaded {
    match reader.read(annotation_path, ANNOTATION_CAP) {
        Ok(annotations) => load_annotations(annotation_path, &annotations, reader, false, None),
        Err(diagnostic) => Loaded::failed(annotation_path, diagnostic),
    }
}

/// Loads annotations already read from `annotation_path`, and their text
/// (`text`, when the command line names it, else the one they name).
fn load_annotations(
    annotation_path: &Path,
    annotations: &str,
    reader: &dyn SourceReader,
    wants_pins: bool,
    text: Option<&Path>,
) -> Loaded {
    let shown = annotation_path.display().to_string();
    let mut reporter = Reporter::new(&shown, annotations);
    reporter.wants_pins = wants_pins;
    // The text side needs nothing from the annotations but their choice of
    // file: guess the usual one and prepare it while the TOML parses.
    let briefing = std::thread::scope(|scope| {
        let early = prepared::Early::start(scope, annotation_path, annotations, reader, format_of);
        let raw = reading::parse(&mut reporter)?;
        let text_path = match text {
            Some(text) => text.to_path_buf(),
            None => text_path_for(annotation_path, &raw, reader, &mut reporter)?,
        };
        let prepared = match early.and_then(|early| early.take(&text_path)) {
            Some(prepared) => prepared,
            None => reader
                .read(&text_path, TEXT_CAP)
                .map(|text| prepared::PreparedText::new(text, format_of(&text_path))),
        };
        let prepared = match prepared {
            Ok(prepared) => prepared,
            Err(diagnostic) => {
                reporter.diagnostics.push(diagnostic);
                return None;
            }
        };
        let meta = Meta {
            text_path: text_path.display().to_string(),
            annotation_path: Some(shown.clone()),
            ..Meta::default()
        };
        build::build(raw, prepared, meta, &mut reporter)
    });
    let pins = std::mem::take(&mut reporter.pins);
    Loaded::finished(briefing, reporter.diagnostics, shown, pins)
}

/// The text file an annotation file names, or its default: the same stem
/// with `.md`, else `.txt`.
/// The text an annotation file's `text` names: relative to its folder.
fn text_named(annotation_path: &Path, named: &Path) -> PathBuf {
    annotation_path
        .parent()
        .unwrap_or(Path::new(""))
        .join(named)
}

/// The texts an annotation file uses when it names none, in the order
/// they are looked for.
fn texts_beside(annotation_path: &Path) -> [PathBuf; 2] {
    [
        annotation_path.with_extension("md"),
        annotation_path.with_extension("txt"),
    ]
}

fn text_path_for(
    annotation_path: &Path,
    raw: &raw::RawFile,
    reader: &dyn SourceReader,
    reporter: &mut Reporter<'_>,
) -> Option<PathBuf> {
    let named = raw
        .briefing
        .as_ref()
        .and_then(|briefing| briefing.value.text.as_ref());
    if let Some(named) = named {
        let path = text_named(annotation_path, Path::new(named.get_ref()));
        if !reader.exists(&path) {
            reporter.push_at(
                Diagnostic::error(
                    "io",
                    format!("the text file {} does not exist", path.display()),
                )
                .hint("`text` is relative to the annotation file's folder"),
                named.span(),
            );
            return None;
        }
        return Some(path);
    }
    let [markdown, plain] = texts_beside(annotation_path);
    if reader.exists(&markdown) {
        Some(markdown)
    } else if reader.exists(&plain) {
        Some(plain)
    } else {
        reporter.push_file(
            Diagnostic::error(
                "io",
                format!(
                    "no text file beside the annotations: tried {} and {}",
                    markdown.display(),
                    plain.display()
                ),
            )
            .hint(
                "put the text beside the annotation file, or name it with `text` in `[briefing]`",
            ),
        );
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BlockKind;

    fn files(files: &[(&str, &str)]) -> InMemory {
        InMemory {
            files: files
                .iter()
                .map(|(path, contents)| ((*path).into(), (*contents).to_string()))
                .collect(),
        }
    }

    /// `-` is standard input, read as Markdown and named so; nothing
    /// beside it is looked for, not even a `-.toml`.
    #[test]
    fn a_dash_opens_standard_input_as_markdown() {
        let reader = files(&[
            ("-", "# Piped\n\n| a |\n|---|\n"),
            ("-.toml", "format = 1\n"),
        ]);
        let loaded = open(Path::new("-"), false, &reader);
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        assert_eq!(loaded.path, STANDARD_INPUT_NAME);
        let briefing = loaded.briefing.expect("loads");
        assert_eq!(briefing.meta.text_path, STANDARD_INPUT_NAME);
        assert_eq!(briefing.meta.annotation_path, None);
        assert_eq!(briefing.meta.title.as_deref(), Some("Piped"));
        assert_eq!(briefing.document.format, TextFormat::Markdown);
        assert!(
            briefing
                .document
                .blocks
                .iter()
                .any(|b| b.kind == BlockKind::TableRow)
        );
        let nothing = open(Path::new("-"), false, &files(&[]));
        assert_eq!(nothing.diagnostics[0].code, "io");
        assert!(nothing.briefing.is_none());
    }

    /// With `plain`, a text opens alone even beside a good annotation file,
    /// and a `.toml` named is a plain text.
    #[test]
    fn plain_opens_any_file_as_a_text_alone() {
        let annotations =
            "format = 1\n\n[[entity]]\nid = \"a\"\nname = \"Alpha\"\nkind = \"person\"\n";
        let reader = files(&[("a.md", "Alpha spoke.\n"), ("a.toml", annotations)]);
        let annotated = open(Path::new("a.md"), false, &reader)
            .briefing
            .expect("loads");
        assert_eq!(annotated.mentions.len(), 1);
        let plain = open(Path::new("a.md"), true, &reader)
            .briefing
            .expect("loads");
        assert!(plain.mentions.is_empty() && plain.meta.annotation_path.is_none());
        let toml = open(Path::new("a.toml"), true, &reader)
            .briefing
            .expect("loads");
        assert_eq!(toml.document.format, TextFormat::Plain);
        assert_eq!(toml.document.text.as_str(), annotations);
    }
}
