//! `brief convert FILE --to json [-o OUT]` and `--to brat -o NAME.ann`: a
//! briefing as the loader resolved it, written for other programs
//! (`convert::spans`, `convert::brat`). Owns the
//! command's reading and writing; the forms themselves are `convert`'s.
//! The briefing's files are only read; `-o` is written crash-safely.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::read::load_for_reading;
use super::{ConvertTo, EXIT_IO};
use crate::loader::OpenOptions;
use crate::review::store::{Disk, RealDisk};
use crate::sanitize;

pub fn convert(file: &Path, to: ConvertTo, output: Option<&Path>, open: &OpenOptions) -> ExitCode {
    let briefing = match load_for_reading(Some(file), open) {
        Ok(briefing) => briefing,
        Err(status) => return status,
    };
    let mut files = match to {
        ConvertTo::Json => vec![(
            output.map(Path::to_path_buf),
            crate::convert::spans::dump(&briefing),
        )],
        ConvertTo::Toml => {
            let text_name = text_file_name(&briefing);
            vec![(
                output.map(Path::to_path_buf),
                crate::convert::toml::write(&briefing, &text_name),
            )]
        }
        ConvertTo::W3c => {
            let source = text_file_name(&briefing);
            vec![(
                output.map(Path::to_path_buf),
                crate::convert::w3c::write(&briefing, &source),
            )]
        }
        ConvertTo::Brat => {
            let Some(ann) = output else {
                eprintln!("brief: brat standoff is two files: name the .ann with -o NAME.ann");
                return ExitCode::from(EXIT_IO);
            };
            let brat = crate::convert::brat::write(&briefing);
            for what in &brat.left_out {
                eprintln!(
                    "brief: left out of the brat files, {}",
                    sanitize::line(what)
                );
            }
            vec![
                (Some(ann.with_extension("txt")), brat.text),
                (Some(ann.to_path_buf()), brat.annotations),
            ]
        }
    };
    for (path, written) in files.drain(..) {
        if let Err(status) = put(&briefing, path.as_deref(), &written) {
            return status;
        }
    }
    ExitCode::SUCCESS
}

/// The text as the written annotations name it: its file name, for the
/// annotations to be kept beside it.
fn text_file_name(briefing: &crate::model::Briefing) -> String {
    Path::new(&briefing.meta.text_path)
        .file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned())
}

/// Writes `written` to `output`, or standard output when there is none.
fn put(
    briefing: &crate::model::Briefing,
    output: Option<&Path>,
    written: &str,
) -> Result<(), ExitCode> {
    match output {
        None => {
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(written.as_bytes())
                .and_then(|()| stdout.flush())
                .is_err()
            {
                return Err(ExitCode::from(EXIT_IO));
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
                return Err(ExitCode::from(EXIT_IO));
            }
            if let Err(error) = RealDisk.replace(path, written.as_bytes()) {
                eprintln!(
                    "brief: could not write {}: {}",
                    sanitize::line(&path.display().to_string()),
                    sanitize::line(&error.to_string())
                );
                return Err(ExitCode::from(EXIT_IO));
            }
        }
    }
    Ok(())
}
