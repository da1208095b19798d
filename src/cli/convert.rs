//! `brief convert FILE --to json [-o OUT]`: a briefing as the loader
//! resolved it, written for other programs (`convert::spans`). Owns the
//! command's reading and writing; the forms themselves are `convert`'s.
//! The briefing's files are only read; `-o` is written crash-safely.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::read::load_for_reading;
use super::{ConvertTo, EXIT_IO};
use crate::review::store::{Disk, RealDisk};
use crate::sanitize;

pub fn convert(file: &Path, to: ConvertTo, output: Option<&Path>, plain: bool) -> ExitCode {
    let briefing = match load_for_reading(Some(file), plain) {
        Ok(briefing) => briefing,
        Err(status) => return status,
    };
    let written = match to {
        ConvertTo::Json => crate::convert::spans::dump(&briefing),
    };
    match output {
        None => {
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(written.as_bytes())
                .and_then(|()| stdout.flush())
                .is_err()
            {
                return ExitCode::from(EXIT_IO);
            }
        }
        Some(path) => {
            let same = |named: Option<&str>| {
                named.is_some_and(|named| {
                    std::fs::canonicalize(named).ok() == std::fs::canonicalize(path).ok()
                })
            };
            if same(Some(briefing.meta.text_path.as_str()))
                || same(briefing.meta.annotation_path.as_deref())
            {
                eprintln!(
                    "brief: {} is the briefing's own file; name another with -o",
                    sanitize::line(&path.display().to_string())
                );
                return ExitCode::from(EXIT_IO);
            }
            if let Err(error) = RealDisk.replace(path, written.as_bytes()) {
                eprintln!(
                    "brief: could not write {}: {}",
                    sanitize::line(&path.display().to_string()),
                    sanitize::line(&error.to_string())
                );
                return ExitCode::from(EXIT_IO);
            }
        }
    }
    ExitCode::SUCCESS
}
