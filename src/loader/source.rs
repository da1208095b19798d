//! Reading the two files: regular files only, size-capped while reading,
//! UTF-8 checked with the offset of the first bad byte. The bundled briefing
//! comes from memory through the same interface, and a text piped to
//! `brief -` from standard input with the same cap and check.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::diagnostic::{Diagnostic, Location};

/// Largest text file `brief` reads.
pub const TEXT_CAP: u64 = 100 * 1024 * 1024;
/// Largest annotation file `brief` reads.
pub const ANNOTATION_CAP: u64 = 64 * 1024 * 1024;
/// Largest theme file `brief` reads: a theme is a few dozen lines.
pub const THEME_CAP: u64 = 1024 * 1024;

/// Where the loader gets file contents from. `Sync`, because the loader
/// reads a large text on a second thread while it parses the annotations.
pub trait SourceReader: Sync {
    /// The contents of `path`, at most `cap` bytes, as UTF-8.
    fn read(&self, path: &Path, cap: u64) -> Result<String, Diagnostic>;
    /// Whether `path` names something readable (to pick `.md` or `.txt`).
    fn exists(&self, path: &Path) -> bool;
    /// The size of a regular file at `path`, if known without reading it:
    /// a hint for whether a second thread is worth starting.
    fn size(&self, _path: &Path) -> Option<u64> {
        None
    }
    /// Whether two paths name the same file.
    fn same_file(&self, a: &Path, b: &Path) -> bool {
        a == b
    }
    /// Standard input, at most `cap` bytes, as UTF-8: the text of
    /// `brief -`. Only the real file system has one.
    fn read_standard_input(&self, _cap: u64) -> Result<String, Diagnostic> {
        Err(Diagnostic::error("io", "no standard input to read here")
            .at(Location::file_only(STANDARD_INPUT_NAME)))
    }
}

/// How messages and the header name the text of `brief -`.
pub const STANDARD_INPUT_NAME: &str = "standard input";

/// Reads at most `cap` bytes from `input` (one more, to notice a longer
/// one) and checks they are UTF-8; `shown` names it in diagnostics.
fn read_capped(
    input: impl Read,
    shown: &str,
    cap: u64,
    expected: u64,
) -> Result<String, Diagnostic> {
    let mut bytes = Vec::with_capacity(usize::try_from(expected.min(cap)).unwrap_or(0));
    input
        .take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| cannot_read(shown, &error))?;
    if bytes.len() as u64 > cap {
        return Err(too_large(shown, cap));
    }
    decode(shown, bytes)
}

fn cannot_read(shown: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error("io", format!("cannot read {shown}: {error}"))
        .at(Location::file_only(shown))
        .hint("check the path and the file's permissions")
}

/// Reads from the file system.
pub struct FileSystem;

impl SourceReader for FileSystem {
    fn read(&self, path: &Path, cap: u64) -> Result<String, Diagnostic> {
        let shown = path.display().to_string();
        let io_error = |error: std::io::Error| cannot_read(&shown, &error);
        // Look before opening: opening a FIFO would block until a writer
        // comes, and a device may never end.
        let metadata = std::fs::metadata(path).map_err(io_error)?;
        if !metadata.is_file() {
            return Err(
                Diagnostic::error("io", format!("{shown} is not a regular file"))
                    .at(Location::file_only(&shown))
                    .hint("give the path of a briefing file, not a directory, device or pipe"),
            );
        }
        let file = File::open(path).map_err(io_error)?;
        // Reading one byte past the cap catches a file that grew after the
        // metadata call.
        read_capped(file, &shown, cap, metadata.len())
    }

    fn read_standard_input(&self, cap: u64) -> Result<String, Diagnostic> {
        // Whatever is there, pipe, file or terminal, is read to its end,
        // as less does; the cap stops an endless producer.
        read_capped(std::io::stdin().lock(), STANDARD_INPUT_NAME, cap, 0).map_err(|diagnostic| {
            if diagnostic.code == "io" {
                diagnostic.hint("pipe a text into `brief -`, or name a file instead")
            } else {
                diagnostic
            }
        })
    }

    fn size(&self, path: &Path) -> Option<u64> {
        std::fs::metadata(path)
            .ok()
            .filter(std::fs::Metadata::is_file)
            .map(|metadata| metadata.len())
    }

    fn same_file(&self, a: &Path, b: &Path) -> bool {
        match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => a == b,
        }
    }

    fn exists(&self, path: &Path) -> bool {
        // Anything there counts; `read` then says if it is not a regular
        // file, which is clearer than "does not exist".
        path.exists()
    }
}

/// Serves files from memory: the bundled briefing, and tests (where a file
/// named `-` is standard input).
pub struct InMemory {
    pub files: Vec<(PathBuf, String)>,
}

impl SourceReader for InMemory {
    fn read(&self, path: &Path, cap: u64) -> Result<String, Diagnostic> {
        let shown = path.display().to_string();
        let (_, contents) = self
            .files
            .iter()
            .find(|(name, _)| name == path)
            .ok_or_else(|| {
                Diagnostic::error("io", format!("cannot read {shown}: no such file"))
                    .at(Location::file_only(&shown))
            })?;
        if contents.len() as u64 > cap {
            return Err(too_large(&shown, cap));
        }
        Ok(contents.clone())
    }

    fn exists(&self, path: &Path) -> bool {
        self.files.iter().any(|(name, _)| name == path)
    }

    fn read_standard_input(&self, cap: u64) -> Result<String, Diagnostic> {
        match self.files.iter().find(|(name, _)| name == Path::new("-")) {
            Some((_, contents)) => read_capped(contents.as_bytes(), STANDARD_INPUT_NAME, cap, 0),
            None => Err(Diagnostic::error("io", "nothing on standard input")
                .at(Location::file_only(STANDARD_INPUT_NAME))),
        }
    }

    fn size(&self, path: &Path) -> Option<u64> {
        self.files
            .iter()
            .find(|(name, _)| name == path)
            .map(|(_, contents)| contents.len() as u64)
    }
}

fn too_large(shown: &str, cap: u64) -> Diagnostic {
    Diagnostic::error(
        "too-large",
        format!(
            "{shown} is larger than the {} MiB limit",
            cap / (1024 * 1024)
        ),
    )
    .at(Location::file_only(shown))
    .hint("split the briefing into smaller files")
}

/// UTF-8 or a diagnostic naming the byte offset, line and column of the
/// first invalid byte.
pub fn decode(shown: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let valid = error.as_bytes().get(..offset).unwrap_or_default();
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        Diagnostic::error(
            "invalid-utf8",
            format!("{shown} is not valid UTF-8: invalid byte at offset {offset}"),
        )
        .at(Location::from_span(shown, prefix, offset..offset))
        .hint("save the file as UTF-8 (for example with `iconv -t UTF-8`)")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Standard input gets the file's cap and UTF-8 check.
    #[test]
    fn a_stream_is_capped_and_checked_like_a_file() {
        let read = |bytes: &[u8], cap| read_capped(bytes, STANDARD_INPUT_NAME, cap, 0);
        assert_eq!(read(b"# Piped\n", 8).as_deref(), Ok("# Piped\n"));
        let long = read(b"# Piped\n!", 8).unwrap_err();
        assert_eq!(long.code, "too-large");
        assert!(
            long.message.starts_with("standard input is larger"),
            "{}",
            long.message
        );
        let bad = read(b"ok\xff", 8).unwrap_err();
        assert_eq!(bad.code, "invalid-utf8");
        assert!(bad.message.starts_with("standard input is not valid UTF-8"));
    }

    #[test]
    fn invalid_utf8_names_offset_line_and_column() {
        let error = decode("t.md", b"ok\nab\xffcd".to_vec()).unwrap_err();
        assert_eq!(error.code, "invalid-utf8");
        assert!(error.message.ends_with("offset 5"), "{}", error.message);
        let location = error.location.unwrap();
        assert_eq!((location.line, location.column), (2, 3));
    }
}
