//! The complete default config file, with comments: what
//! `brief config --default` prints. Made from the settings' defaults and
//! the embedded keymap, never typed out, so it cannot drift from them (a
//! test reads it back and gets the defaults).
//!
//! Owns the wording of the file; must not read or write anything.

use std::fmt::Write as _;

use super::settings::{MEASURE_RANGE, WIDEN_RANGE};
use crate::controller::Keymap;
use crate::controller::keymap::{Context, action_name};
use crate::controller::keys::format_sequence;
use crate::layout::{DEFAULT_MEASURE, SIDE_STEP};

/// The default config file, every setting at its default and every key
/// binding of `keymap` (the embedded one) written out.
pub fn default_config(keymap: &Keymap) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        r#"# brief's configuration: `brief config --default` prints this file.
#
# brief reads the first of: the file `--config PATH` names, $BRIEF_CONFIG,
# and $XDG_CONFIG_HOME/brief/config.toml (~/.config/brief/config.toml when
# XDG_CONFIG_HOME is not set); `--no-config` reads none. Every setting is
# optional, and this file gives each its default, so as it is it changes
# nothing. `brief config --check FILE` checks a file; brief does not start
# with a config that has an error, and says where each one is. Flags on
# the command line win over this file.

# The colour theme: dark, light, high-contrast, mono; the NAME of a file
# NAME.toml in $XDG_CONFIG_HOME/brief/themes/; or a theme file's path (~/
# is the home folder, and a relative path starts at this file's folder).
# Unset, it is dark, or mono when NO_COLOR is set.
#theme = "dark"

# Click mentions, rows and events, and scroll with the wheel (as --mouse).
# Off by default: it takes over the terminal's own text selection.
mouse = false

# Let `y` put quotations on the terminal's clipboard with the OSC 52 escape
# sequence (as --clipboard). Off unless asked for: it is an escape sequence
# the program sends.
clipboard = false

# The most columns of article text per line ({measure_least} to {measure_most}).
measure = {DEFAULT_MEASURE}

# Columns added to each side pane ({widen_least} to {widen_most}; negative takes
# them away), as Ctrl-w > and Ctrl-w < do {SIDE_STEP} at a time. Ctrl-w =
# comes back to this.
widen_sides = 0

# Who reviews: the name recorded with each verdict, on one line
# (--reviewer wins; without either, the login name).
#reviewer = "A. Analyst"

# The folder every review file goes in, instead of beside the annotation
# file (~/ and relative paths as for the theme; --review PATH wins).
#reviews = "~/briefing-reviews"

# The folder of briefings `brief` with no file opens as a library (brief
# DIR opens any folder). Across its briefings, entities with the same id,
# or the same name or alias (case and accents aside), are one; same_as
# joins more (ids or names) and not_same_as keeps two apart.
#library = "~/briefings"
#same_as = [["gru", "Main Intelligence Directorate"]]
#not_same_as = [["paris-france", "paris-texas"]]

# Keys, in the notation of `brief render --keys`: j, G, gg, <C-d>, <S-Tab>,
# <A-Left>, <Space>, <lt> for <, <F1>, <C-w>o. Each [keys.CONTEXT] table
# names the actions of one place the keyboard can be; each action lists
# its key sequences. A list replaces the action's keys in that place, and
# [] takes them all away; a key given to an action is taken from whatever
# action had it there. An action may be left out: it keeps its keys.
# Panes and the help overlay look in [keys.global] after their own table;
# prompts, pickers, hint labels and the relations list do not. A digit
# cannot start a key outside prompts (it begins a count), a plain
# character cannot be bound in a prompt (it types itself), and a key that
# starts a longer one (g, gg) would hide it. Ctrl-c and Ctrl-z are fixed.
"#,
        measure_least = MEASURE_RANGE.0,
        measure_most = MEASURE_RANGE.1,
        widen_least = WIDEN_RANGE.0,
        widen_most = WIDEN_RANGE.1,
    ));
    for context in Context::ALL {
        let _ = write!(out, "\n# {}\n[keys.{}]\n", context.label(), context.name());
        for binding in keymap.bindings().iter().filter(|b| b.context == context) {
            let keys: Vec<String> = binding
                .sequences
                .iter()
                .map(|keys| toml_string(&format_sequence(keys)))
                .collect();
            let line = format!("{} = [{}]", action_name(binding.action), keys.join(", "));
            let description = binding.action.description();
            if binding.fixed {
                let _ = writeln!(out, "#{line}  # {description} (fixed)");
            } else {
                let _ = writeln!(out, "{line}  # {description}");
            }
        }
    }
    out
}

/// A TOML basic string: JSON's escapes are all valid TOML ones.
fn toml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Places, parse};
    use crate::loader::InMemory;

    #[test]
    fn the_default_config_reads_back_as_the_defaults() {
        let defaults = Config::defaults().unwrap();
        let text = default_config(&defaults.keymap);
        let read = parse(
            "default.toml",
            &text,
            &Places::default(),
            &InMemory { files: Vec::new() },
        )
        .unwrap_or_else(|diagnostics| {
            panic!(
                "{}",
                diagnostics.iter().map(|d| d.render()).collect::<String>()
            )
        });
        assert_eq!(read, defaults);
        // Every binding is written, the fixed ones as comments.
        assert!(text.contains("scroll_down = [\"j\", \"<Down>\", \"<C-e>\", \"<C-n>\"]"));
        assert!(text.contains("next_pane = [\"<C-w>w\", \"<C-w><C-w>\", \"\\\\\"]"));
        assert!(text.contains("#interrupt = [\"<C-c>\"]"));
    }
}
