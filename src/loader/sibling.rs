//! Whether the `.toml` found beside a text is that text's annotation file.
//! It is not when it says no `format` (someone's configuration, a TOML file
//! kept with notes) or when its `[briefing]` names another text; then the
//! text opens on its own with one warning, rather than failing on a file
//! the reader never asked for. A `.toml` named on the command line is
//! always read as annotations: this module only judges siblings.
//!
//! It reads nothing itself and reports through the diagnostics it returns.

use std::path::Path;

use super::diagnostic::{Diagnostic, Location, Reporter};
use super::head::briefing_head;
use super::source::SourceReader;

/// The warning for a sibling with no `format`: it is left alone and the
/// text opens without annotations.
pub(super) fn not_annotations(text: &Path, sibling: &Path) -> Diagnostic {
    let shown = sibling.display().to_string();
    Diagnostic::warning(
        "not-annotations",
        format!(
            "{shown} has no `format` key, so it is not an annotation file: {} opens without annotations",
            text.display()
        ),
    )
    .at(Location::file_only(&shown))
    .hint(format!(
        "to annotate {} with it, add `format = 1` as its first line; to open the text without looking beside it, pass --plain",
        text.display()
    ))
}

/// When the annotation file beside `text` names another text in
/// `[briefing]`, the warning that says so: the text asked for is then read
/// on its own rather than with annotations about something else.
pub(super) fn annotates_another_text(
    text: &Path,
    sibling: &Path,
    annotations: &str,
    reader: &dyn SourceReader,
) -> Option<Diagnostic> {
    let (other, named) = briefing_head(annotations)?.other_text(sibling, text, reader)?;
    let shown = sibling.display().to_string();
    let mut reporter = Reporter::new(&shown, annotations);
    reporter.push_at(
        Diagnostic::warning(
            "annotates-another-text",
            format!(
                "{shown} is about {}, not {}: {} opens without annotations",
                other.display(),
                text.display(),
                text.display()
            ),
        )
        .hint(format!(
            "open {shown} to read {} with them, or name {} in its `text`",
            other.display(),
            text.display()
        )),
        named,
    );
    reporter.diagnostics.pop()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(files: &[(&str, &str)]) -> super::super::InMemory {
        super::super::InMemory {
            files: files
                .iter()
                .map(|(path, contents)| ((*path).into(), (*contents).to_string()))
                .collect(),
        }
    }

    /// A stray `.toml` beside a text: the text opens on its own, with one
    /// warning naming the `.toml`; the same file named directly is still
    /// an error.
    #[test]
    fn a_sibling_without_format_is_left_alone() {
        let reader = files(&[
            ("notes.md", "# Notes\n\nPlain.\n"),
            ("notes.toml", "[editor]\ntheme = \"dark\"\n"),
        ]);
        let loaded = super::super::load(Path::new("notes.md"), &reader);
        let briefing = loaded.briefing.expect("the text opens");
        assert_eq!(briefing.meta.annotation_path, None);
        assert_eq!(briefing.meta.title.as_deref(), Some("Notes"));
        let codes: Vec<_> = loaded
            .diagnostics
            .iter()
            .map(|d| (d.code, d.severity))
            .collect();
        assert_eq!(
            codes,
            [("not-annotations", super::super::Severity::Warning)]
        );
        let location = loaded.diagnostics[0].location.as_deref().expect("located");
        assert_eq!(location.file, "notes.toml");
        let named = super::super::load(Path::new("notes.toml"), &reader);
        assert!(named.briefing.is_none());
        assert!(named.diagnostics.iter().any(|d| d.code == "missing-format"));
    }
}
