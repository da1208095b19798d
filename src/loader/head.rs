//! What the head of an annotation file says, read without parsing all of it
//! (an annotation file can be 64 MiB): whether it declares `format`, and
//! its `[briefing]` table (which text, what title). Used by the preview of
//! a large briefing, by the choice of a `.toml` beside a text, and by the
//! text side prepared while the TOML parses.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::source::SourceReader;
use super::{text_named, texts_beside};

/// Whether `toml` has a top-level `format` key, as every annotation file
/// must. Top-level keys come before the first table header, so looking at
/// the lines above it answers nearly every file without parsing it (an
/// annotation file can be 64 MiB); only a file where that finds nothing is
/// parsed, to be sure (a quoted key, a multi-line string before it). A file
/// that is not TOML at all has no `format` either.
pub(super) fn declares_format(toml: &str) -> bool {
    let head_says_so = toml
        .trim_start_matches('\u{feff}')
        .lines()
        .map(str::trim_start)
        .take_while(|line| !line.starts_with('['))
        .any(|line| {
            line.strip_prefix("format")
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        });
    head_says_so
        || toml
            .parse::<toml::Table>()
            .is_ok_and(|table| table.contains_key("format"))
}

#[derive(Deserialize)]
struct Head {
    briefing: BriefingHead,
}

/// What a quick look at an annotation file's `[briefing]` table gives,
/// before the file is parsed: which text it names, and its title.
#[derive(Deserialize)]
pub(super) struct BriefingHead {
    text: Option<toml::Spanned<PathBuf>>,
    pub title: Option<String>,
    /// Shown on the preview too: the marking is never left off a screen.
    pub classification: Option<String>,
}

impl BriefingHead {
    /// The text this head names, and where, when it is not `text`, the file
    /// beside which these annotations (`sibling`) were found: then they are
    /// about something else and `text` is read on its own.
    pub fn other_text(
        &self,
        sibling: &Path,
        text: &Path,
        reader: &dyn SourceReader,
    ) -> Option<(PathBuf, std::ops::Range<usize>)> {
        let named = self.text.as_ref()?;
        let other = text_named(sibling, named.get_ref());
        (!reader.same_file(&other, text)).then(|| (other, named.span()))
    }

    /// The text file, as the loader will choose it: the one named,
    /// relative to the annotation file's folder, else the `.md` or `.txt`
    /// beside it.
    pub fn text_path(
        &self,
        annotation_path: &Path,
        exists: impl Fn(&Path) -> bool,
    ) -> Option<PathBuf> {
        match &self.text {
            Some(named) => Some(text_named(annotation_path, named.get_ref())),
            None => texts_beside(annotation_path)
                .into_iter()
                .find(|path| exists(path)),
        }
    }
}

/// `[briefing]` from the lines before the first array of tables (where the
/// format puts it); `None` if it is not there or does not parse.
pub(super) fn briefing_head(annotations: &str) -> Option<BriefingHead> {
    let end = annotations
        .match_indices('\n')
        .map(|(at, _)| at + 1)
        .find(|&at| {
            annotations
                .get(at..)
                .is_some_and(|rest| rest.starts_with("[["))
        })?;
    let table: Head = toml::from_str(annotations.get(..end)?).ok()?;
    Some(table.briefing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_is_found_above_the_first_table_only() {
        assert!(declares_format("format = 1\n"));
        assert!(declares_format("# a briefing\n\n  format=1\n[briefing]\n"));
        assert!(
            declares_format("\u{feff}format = 2\n"),
            "any version counts"
        );
        assert!(
            declares_format("\"format\" = 1\n"),
            "a quoted key is found by parsing"
        );
        assert!(!declares_format("[tool]\nformat = 1\n"), "not top level");
        assert!(!declares_format("name = \"x\"\nformatter = 1\n"));
        assert!(!declares_format("[package]\nname = \"notes\"\n"));
        assert!(!declares_format("not toml at all ]["));
        assert!(!declares_format(""));
    }
}
