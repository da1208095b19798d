//! Everything the loader derives from the text alone: its structure, the
//! whitespace-folded projection that quotes are matched in, and the table
//! that turns character offsets into bytes. None of it depends on the
//! annotations, so it is made on a second thread while the TOML parses.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::Scope;

use super::anchor::CharIndex;
use super::diagnostic::Diagnostic;
use super::head::briefing_head;
use super::parallel::{self, Task};
use super::projection::Projection;
use super::source::{SourceReader, TEXT_CAP};
use super::structure;
use crate::model::{Document, TextFormat};

/// The text and what is derived from it.
pub struct PreparedText {
    pub document: Document,
    /// The stored text with its whitespace folded.
    pub source: Projection,
    pub chars: CharIndex,
}

impl PreparedText {
    pub fn new(text: String, format: TextFormat) -> Self {
        Self::build(text, format, || true).expect("a build nobody stops finishes")
    }

    /// The steps of preparing a text, asking `wanted` before each: `None`
    /// once it says the result is no longer wanted.
    fn build(text: String, format: TextFormat, wanted: impl Fn() -> bool) -> Option<Self> {
        wanted().then_some(())?;
        let chars = CharIndex::new(&text);
        wanted().then_some(())?;
        let source = Projection::of_source(&text);
        wanted().then_some(())?;
        let document = structure::document(text, format);
        Some(Self {
            document,
            source,
            chars,
        })
    }
}

/// The text, read and prepared on a thread of `scope` while the annotation
/// file is parsed. Which file that is comes from a quick look at the
/// annotations' `[briefing]` table; [`Early::take`] hands the result over
/// only if it is the file the full parse then chooses. If it is not (or
/// the annotations do not parse), the work stops at its next step.
pub struct Early<'scope> {
    path: PathBuf,
    task: Task<'scope, Option<Result<PreparedText, Diagnostic>>>,
    stop: StopOnDrop,
}

/// Texts shorter than this are prepared after the parse, as they always
/// were: a thread costs more than it saves.
const PARALLEL_BYTES: u64 = 256 * 1024;

/// Tells the early work to stop when the text it prepares is not wanted.
struct StopOnDrop(Arc<AtomicBool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

impl<'scope> Early<'scope> {
    /// Starts on the text `annotations` name, if it is large and a look at
    /// their head can tell which it is. A failed read is kept, not
    /// reported: it is reported only if this turns out to be the text
    /// wanted.
    pub fn start<'env>(
        scope: &'scope Scope<'scope, 'env>,
        annotation_path: &Path,
        annotations: &str,
        reader: &'env dyn SourceReader,
        format_of: fn(&Path) -> TextFormat,
    ) -> Option<Self> {
        let head = briefing_head(annotations)?;
        let path = head.text_path(annotation_path, |path| reader.exists(path))?;
        if reader.size(&path)? < PARALLEL_BYTES {
            return None;
        }
        let format = format_of(&path);
        let stop = Arc::new(AtomicBool::new(false));
        let task = {
            let (path, stop) = (path.clone(), Arc::clone(&stop));
            parallel::spawn(scope, move || prepare(reader, &path, format, &stop))
        };
        Some(Self {
            path,
            task,
            stop: StopOnDrop(stop),
        })
    }

    /// The prepared text, or why it could not be read, if `path` is the one
    /// started early; otherwise the early work stops and the caller reads
    /// `path` itself.
    pub fn take(self, path: &Path) -> Option<Result<PreparedText, Diagnostic>> {
        let Early {
            path: started,
            task,
            stop,
        } = self;
        if started != path {
            return None;
        }
        let prepared = task.join();
        drop(stop);
        prepared
    }
}

/// Reads and prepares a text, checking between the steps whether it is
/// still wanted (`None` once it is not).
fn prepare(
    reader: &dyn SourceReader,
    path: &Path,
    format: TextFormat,
    stop: &AtomicBool,
) -> Option<Result<PreparedText, Diagnostic>> {
    let wanted = || !stop.load(Ordering::Relaxed);
    wanted().then_some(())?;
    let text = match reader.read(path, TEXT_CAP) {
        Ok(text) => text,
        Err(diagnostic) => return Some(Err(diagnostic)),
    };
    PreparedText::build(text, format, wanted).map(Ok)
}
