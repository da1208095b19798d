//! `brief man` and `brief completions SHELL` (issue 16): made from the
//! clap definition, so every command and every option is in each; the
//! manual page also carries the key table, the exit status, the files
//! and the environment.

use std::process::Command;

use brief::cli::{command, completion_script, leaf_commands, manual_page};
use clap_complete::Shell;

/// Every command's full name (`check`, `review export`), and every long
/// option of the program and of each command, as the definition has them.
fn names_and_options() -> (Vec<String>, Vec<String>) {
    let cli = command();
    let leaves = leaf_commands(&cli, "brief");
    let subcommands: Vec<String> = leaves
        .iter()
        .map(|(name, _)| name.trim_start_matches("brief ").to_string())
        .collect();
    let options: Vec<String> = std::iter::once(&cli)
        .chain(leaves.iter().map(|(_, sub)| sub))
        .flat_map(|cmd| cmd.get_arguments())
        .filter_map(|arg| arg.get_long())
        .map(str::to_string)
        .collect();
    assert!(subcommands.len() >= 6, "{subcommands:?}");
    assert!(options.len() >= 10, "{options:?}");
    (subcommands, options)
}

fn brief(args: &[&str]) -> Vec<u8> {
    let output = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .output()
        .expect("run brief");
    assert!(output.status.success(), "brief {args:?}");
    output.stdout
}

#[test]
fn the_manual_page_names_every_command_option_and_key() {
    let page = manual_page().expect("a manual page");
    assert_eq!(brief(&["man"]), page.as_bytes(), "brief man prints it");
    // roff writes a hyphen as \- and an apostrophe as \*(Aq.
    let text = page.replace("\\-", "-").replace("\\*(Aq", "'");
    let (subcommands, options) = names_and_options();
    for sub in &subcommands {
        assert!(text.contains(&format!(".SS \"brief {sub}\"")), "{sub}");
    }
    for option in &options {
        assert!(text.contains(&format!("--{option}")), "--{option}");
    }
    for section in ["KEYS", "EXIT STATUS", "FILES", "ENVIRONMENT"] {
        assert!(
            text.contains(&format!(".SH \"{section}\""))
                || text.contains(&format!(".SH {section}")),
            "{section}"
        );
    }
    for variable in ["BRIEF_CONFIG", "XDG_CONFIG_HOME", "NO_COLOR", "COLORTERM"] {
        assert!(text.contains(variable), "{variable}");
    }
    // Every binding of the keymap, under its context.
    let keymap = brief::controller::Keymap::default_keymap();
    for binding in keymap.bindings() {
        assert!(
            text.contains(binding.action.description()),
            "{:?}",
            binding.action
        );
    }
    assert!(text.contains("<C-w>w, <C-w><C-w>"));
}

#[test]
fn completions_for_every_shell_name_every_command_and_option() {
    let (subcommands, options) = names_and_options();
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Elvish,
        Shell::PowerShell,
    ] {
        let script = completion_script(shell);
        assert_eq!(
            brief(&["completions", &shell.to_string()]),
            script,
            "brief completions {shell}"
        );
        let script = String::from_utf8(script).expect("UTF-8");
        for sub in &subcommands {
            // Each word of a command: `review` and `export`.
            for word in sub.split(' ') {
                assert!(script.contains(word), "{shell}: {sub}");
            }
        }
        for option in &options {
            // fish writes `-l theme`; the others `--theme`.
            let written = match shell {
                Shell::Fish => format!("-l {option}"),
                _ => format!("--{option}"),
            };
            assert!(script.contains(&written), "{shell}: {written}");
        }
    }
}
