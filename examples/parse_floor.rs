//! The bare parse floor as a whole process (issue 18): reads one annotation
//! file and deserialises it with one `toml::from_str` into the loader's raw
//! structs (`loader::bare_parse`, the same crates and versions the reader
//! links), and nothing else: no text, no anchoring, no model. What
//! `scripts/bench-load` measures `brief check` against, time and peak RSS.
//!
//! ```text
//! cargo run --release --example parse_floor -- FILE.toml
//! ```
//!
//! Prints the number of tables parsed; exits 1 if the file cannot be read
//! or parsed.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: parse_floor FILE.toml");
        return ExitCode::from(2);
    };
    let source = match std::fs::read_to_string(&path) {
        Ok(source) => source,
        Err(error) => {
            eprintln!("cannot read {}: {error}", path.to_string_lossy());
            return ExitCode::FAILURE;
        }
    };
    match brief::loader::bare_parse(&source) {
        Ok(tables) => {
            println!("{tables} tables");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}
