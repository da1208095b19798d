//! `brief DIR` (and `brief` with `library = "PATH"` in the config): the
//! reader opened on a library of briefings, its folder walked and indexed
//! by worker threads while the list is already on screen; and `brief
//! render DIR`, which indexes the whole folder first and then draws one
//! frame, as the reader would once indexing is done.
//!
//! Owns putting the library's setup together; must not decide what a key
//! does or read briefings except through the loader.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use super::EXIT_IO;
use super::read::{self, Options, Settled, choose_theme, exit_status, frame_text, settle, setup};
use crate::controller::library_state;
use crate::library::cache::{self, Cached};
use crate::library::worker::{Worker, index_now, plain_summarise};
use crate::library::{Library, Overrides};
use crate::sanitize;
use crate::terminal::{self, library::LibraryFeed};

/// How many threads index the library: every core; the reader's own
/// thread mostly waits for keys.
fn indexing_threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

fn overrides(settled: &Settled) -> Overrides {
    Overrides {
        same_as: settled.config.same_as.clone(),
        not_same_as: settled.config.not_same_as.clone(),
    }
}

/// Opens the reader: on the library for a folder (or the config's
/// `library` when no file is named), else on the briefing.
pub fn open_reader(file: Option<&Path>, options: &Options<'_>) -> ExitCode {
    let settled = match settle(options) {
        Ok(settled) => settled,
        Err(status) => return status,
    };
    let folder = match file {
        Some(path) if path.is_dir() => Some(path.to_path_buf()),
        Some(_) => None,
        None => settled.config.library.clone(),
    };
    match folder {
        Some(folder) => open(folder.as_path(), settled, options),
        None => read::open_settled(file, settled, options),
    }
}

/// `brief render`: of the library for a folder, else of the briefing.
pub fn render_frame(
    file: Option<&Path>,
    size: (u16, u16),
    keys: &str,
    color: bool,
    options: &Options<'_>,
) -> ExitCode {
    let settled = match settle(options) {
        Ok(settled) => settled,
        Err(status) => return status,
    };
    match file.filter(|path| path.is_dir()) {
        Some(folder) => render(folder, size, keys, color, &settled),
        None => read::render_settled(file, size, keys, color, options, settled),
    }
}

/// Opens the reader on the library under `folder`.
pub fn open(folder: &Path, settled: Settled, options: &Options<'_>) -> ExitCode {
    if !folder.is_dir() {
        let shown = sanitize::line(&folder.display().to_string()).into_owned();
        let _ = writeln!(
            std::io::stderr(),
            "brief: the library {shown} is not a folder; set `library` in the config to a folder of briefings"
        );
        return ExitCode::from(EXIT_IO);
    }
    let theme = match choose_theme(settled.theme.as_deref()) {
        Ok(theme) => theme,
        Err(status) => return status,
    };
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        eprintln!(
            "brief: the reader needs a terminal on stdin and stdout; \
             use `brief render DIR` to write the library's list to a file or pipe"
        );
        return ExitCode::from(EXIT_IO);
    }
    let (width, height) = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let library = Library::new(folder, overrides(&settled));
    // The cache under $XDG_CACHE_HOME/brief: read if it is there, written
    // once indexing ends unless --read-only; never needed.
    let read_only = options.review.is_some_and(|review| review.read_only);
    let worker = match cache::folder() {
        Some(cache_folder) => {
            let cached = Cached::new(&cache_folder, folder, !read_only);
            let finish = std::sync::Arc::clone(&cached);
            Worker::start_then(
                folder,
                indexing_threads(),
                Cached::summariser(&cached),
                Box::new(move || {
                    // A cache that cannot be written costs the next run
                    // its time, nothing else: not worth a message.
                    let _ = finish.finish();
                }),
            )
        }
        None => Worker::start(folder, indexing_threads(), plain_summarise()),
    };
    let state = library_state(
        library,
        settled.config.keymap.clone(),
        width,
        height,
        setup(&settled, None),
    );
    let outside = terminal::Outside {
        copy: settled.copy.clone(),
        library: LibraryFeed::new(worker),
        ..Default::default()
    };
    exit_status(terminal::run(state, &theme, None, &outside))
}

/// `brief render DIR`: the whole library indexed, the keys typed (opening
/// briefings and searching at once), one frame printed.
pub fn render(
    folder: &Path,
    (width, height): (u16, u16),
    keys: &str,
    color: bool,
    settled: &Settled,
) -> ExitCode {
    let theme = match choose_theme(settled.theme.as_deref()) {
        Ok(theme) => theme,
        Err(status) => return status,
    };
    let library = index_now(folder, overrides(settled));
    let mut state = library_state(
        library,
        settled.config.keymap.clone(),
        width,
        height,
        setup(settled, None),
    );
    match terminal::library::press_now(&mut state, keys) {
        Ok(_) => {}
        Err(error) => {
            eprintln!("brief: --keys: {}", sanitize::line(&error));
            return ExitCode::from(EXIT_IO);
        }
    }
    print!("{}", frame_text(&state, &theme, color));
    ExitCode::SUCCESS
}
