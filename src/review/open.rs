//! Opening a briefing's review before the reader starts: finding its file,
//! reading it through the loader's guarded reading, refusing one made for
//! another briefing, seeing whether another reader holds its lock, and
//! making ready the writer. What comes out is the review for the
//! controller and the writer for the terminal, which starts it; nothing
//! here draws or decides what a key does.

use std::io;
use std::path::{Path, PathBuf};

use super::file::{self, Header};
use super::store::{Base, Lock, Places, RealDisk, Saver, stamp_of};
use super::{Review, login_name};
use crate::loader::{Diagnostic, SourceReader};
use crate::model::Briefing;

/// The most a review file may hold: 10,000 verdicts take about 3 MB.
pub const REVIEW_CAP: u64 = 64 * 1024 * 1024;

/// What the command line found for the review before the reader starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Setup {
    /// The review read from its file, or an empty one.
    pub review: Review,
    /// Who is reviewing (`--reviewer`, else the login name).
    pub reviewer: String,
    /// Why nothing will be written (`--read-only`, another reader holds
    /// the lock), if so.
    pub read_only: Option<String>,
    /// Where the review was read from, for messages.
    pub place: Option<String>,
}

/// An open review: the setup for the controller, and (unless read-only)
/// the writer, which holds the lock from its first write until it ends.
pub struct Opened {
    pub setup: Setup,
    pub saver: Option<ReadySaver>,
}

/// The review's writer, ready to start: its thread is the terminal's to
/// start, once the first frame is out (a thread is 0.07 ms of start-up)
/// or at the first save, whichever comes first.
pub struct ReadySaver {
    places: Places,
    base: Base,
}

impl ReadySaver {
    pub fn start(self) -> io::Result<Saver> {
        Saver::start(self.places, Box::new(RealDisk), self.base)
    }
}

/// What the user asked for on the command line.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// `--review PATH`.
    pub path: Option<PathBuf>,
    /// `--reviewer NAME`.
    pub reviewer: Option<String>,
    /// `--read-only`.
    pub read_only: bool,
    /// The folder every review goes in (the config's `reviews`), instead of
    /// beside the annotation file.
    pub folder: Option<PathBuf>,
}

/// Opens the review of `briefing`, whose annotation file is `annotation`
/// (`None` for the bundled example and plain texts read from stdin).
pub fn open(
    request: &Request,
    annotation: Option<&Path>,
    briefing: &Briefing,
    files: &dyn SourceReader,
) -> Result<Opened, Vec<Diagnostic>> {
    let places = match (&request.path, &request.folder) {
        (None, Some(folder)) => Places::in_folder(annotation, folder),
        (chosen, _) => Places::for_briefing(annotation, chosen.as_deref()),
    };
    let existing = places.existing().map(Path::to_path_buf);
    let mut setup = Setup {
        reviewer: request.reviewer.clone().unwrap_or_else(login_name),
        ..Setup::default()
    };
    // Taken before reading: a write by another reader after this moment
    // is merged in, not written over.
    let stamp = existing.as_deref().and_then(stamp_of);
    if let Some(path) = &existing {
        let shown = path.display().to_string();
        let source = files.read(path, REVIEW_CAP).map_err(|d| vec![d])?;
        let (review, header) = file::read(&shown, &source)?;
        refuse_another_briefing(&shown, &header, briefing)?;
        setup.review = review;
        setup.place = Some(shown);
    }
    if request.read_only {
        setup.read_only = Some("--read-only was given".to_string());
        return Ok(Opened { setup, saver: None });
    }
    let holder = existing
        .iter()
        .chain(places.beside.iter())
        .chain(places.state.iter())
        .find_map(|path| Lock::holder(path));
    if let Some(pid) = holder {
        setup.read_only = Some(format!(
            "another brief (process {pid}) has it open, and would lose its changes or yours"
        ));
        return Ok(Opened { setup, saver: None });
    }
    // Nothing is written yet: the writer takes the lock and makes the file
    // with the first change.
    let base = Base {
        review: setup.review.clone(),
        stamp,
    };
    Ok(Opened {
        setup,
        saver: Some(ReadySaver { places, base }),
    })
}

/// A review made on another briefing (another title) would anchor to
/// nothing, or to the wrong passages: refused.
fn refuse_another_briefing(
    shown: &str,
    header: &Header,
    briefing: &Briefing,
) -> Result<(), Vec<Diagnostic>> {
    match (&header.briefing, &briefing.meta.title) {
        (Some(made_for), Some(title)) if made_for != title => Err(vec![
            Diagnostic::error(
                "review-other-briefing",
                format!("{shown} is the review of \u{201c}{made_for}\u{201d}, not of \u{201c}{title}\u{201d}"),
            )
            .at(crate::loader::Location::file_only(shown))
            .hint("name this briefing's review with --review PATH, or move that file away"),
        ]),
        _ => Ok(()),
    }
}
