//! The two command lines nearly every start has, `brief` and `brief FILE`,
//! read without clap. Building clap's parser for the whole command tree
//! (nine commands, their flags and help) took about 0.2 ms of every start,
//! a sixth of the time from `main` to the first screen (docs/PERFORMANCE.md,
//! "First screen, fourth round"); these two need none of it.
//!
//! Owns only recognising those two shapes and giving the `Cli` clap would
//! give for them (a test holds the two to each other); anything else, a
//! flag, a command, a second word, goes to clap as before.

use std::ffi::OsString;
use std::path::PathBuf;

use super::Cli;
use super::open_args::GroupArg;

/// The words clap takes as a command rather than a file name: the
/// commands, and the `help` clap adds.
pub(super) const COMMAND_WORDS: [&str; 8] = [
    "check",
    "render",
    "config",
    "man",
    "completions",
    "review",
    "convert",
    "help",
];

/// The parsed command line if it is `brief` alone or `brief FILE` with a
/// FILE clap would take as the file to read; `None` for anything else.
pub(super) fn reader_only(args: &[OsString]) -> Option<Cli> {
    let file = match args {
        [_program] => None,
        [_program, word] => {
            let bytes = word.as_encoded_bytes();
            let command = COMMAND_WORDS.iter().any(|c| c.as_bytes() == bytes);
            if bytes.is_empty() || bytes.starts_with(b"-") || command {
                return None;
            }
            Some(PathBuf::from(word))
        }
        _ => return None,
    };
    Some(Cli {
        command: None,
        file,
        theme: None,
        mouse: false,
        clipboard: false,
        copy_to: None,
        plain: false,
        from: None,
        text: None,
        offset_unit: None,
        group_by: GroupArg::Text,
        match_names: false,
        config: None,
        no_config: false,
        review: None,
        reviewer: None,
        read_only: false,
    })
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_common_case_is_what_clap_makes_of_it() {
        let lines: [&[&str]; 6] = [
            &["brief"],
            &["brief", "briefings/crocus-city-hall.toml"],
            &["brief", "notes.md"],
            &["brief", "a file with spaces"],
            &["brief", "checks.toml"],
            &["brief", "Review"],
        ];
        for line in lines {
            let quick = reader_only(&args(line)).unwrap_or_else(|| panic!("{line:?} not taken"));
            let clap = Cli::try_parse_from(args(line)).expect("clap parses it");
            assert_eq!(format!("{quick:?}"), format!("{clap:?}"), "{line:?}");
        }
    }

    #[test]
    fn anything_else_goes_to_clap() {
        let lines: [&[&str]; 9] = [
            &["brief", "check"],
            &["brief", "help"],
            &["brief", "-"],
            &["brief", "--mouse"],
            &["brief", "-h"],
            &["brief", ""],
            &["brief", "file.toml", "--plain"],
            &["brief", "check", "file.toml"],
            &["brief", "--", "file.toml"],
        ];
        for line in lines {
            assert!(reader_only(&args(line)).is_none(), "{line:?}");
        }
    }

    /// Nothing else makes clap take a word as a command: no aliases, no
    /// abbreviations, no commands of other programs.
    #[test]
    fn clap_knows_a_command_only_by_its_name() {
        let command = crate::cli::command();
        assert!(!command.is_allow_external_subcommands_set());
        for sub in command.get_subcommands() {
            assert_eq!(sub.get_all_aliases().count(), 0, "{}", sub.get_name());
            // An abbreviation is a file name to clap (no inferred commands).
            let name = sub.get_name();
            let short = &name[..name.len() - 1];
            let parsed = Cli::try_parse_from(args(&["brief", short])).expect("a file");
            assert_eq!(parsed.file, Some(PathBuf::from(short)));
            assert!(parsed.command.is_none());
        }
    }

    #[test]
    fn the_command_words_are_claps() {
        let mut clap: Vec<String> = crate::cli::command()
            .get_subcommands()
            .map(|command| command.get_name().to_string())
            .chain(["help".to_string()])
            .collect();
        clap.sort();
        let mut ours: Vec<String> = COMMAND_WORDS.iter().map(ToString::to_string).collect();
        ours.sort();
        assert_eq!(ours, clap);
    }
}
