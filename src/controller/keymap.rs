//! The keymap: which key sequences perform which actions where. Loaded from
//! the embedded `keymap.toml`, the one table of keys in the program (read
//! at start-up from the Rust table `build.rs` makes of it), with a user's
//! bindings merged over it (`merge`). Contexts and actions are named here
//! as a keymap or config file writes them. Pure data: no I/O, no TOML
//! positions (a merge's problems carry whatever place the caller gave).

mod merge;

use std::collections::BTreeMap;

use serde::Deserialize;

use serde::de::IntoDeserializer;
use serde::de::value::{Error as ValueError, StrDeserializer};

use super::action::Action;
use super::keys::{KeyPress, format_sequence, parse_sequence};

pub use merge::{Problem, Rebinding, Refusal};

/// The table as written; the tests check the compiled copy against it.
#[cfg(test)]
const DEFAULT_KEYMAP: &str = include_str!("keymap.toml");

/// One `[[bind]]` of the table as `build.rs` compiles it.
struct Embedded {
    keys: &'static [&'static str],
    action: Action,
    context: Context,
    hint: Option<&'static str>,
    fixed: bool,
}

/// The same table, compiled from the TOML by `build.rs`: start-up reads it
/// every time, and parsing it (even as JSON) was 0.19 ms of every start.
static EMBEDDED: &[Embedded] = &include!(concat!(env!("OUT_DIR"), "/keymap.rs"));

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    Global,
    Article,
    Entities,
    Timeline,
    Help,
    Relations,
    Picker,
    SearchPrompt,
    FilterPrompt,
    Hints,
    /// The caret in the article (`i`, `v`).
    Caret,
    /// The reviewer's note editor.
    NoteEditor,
    /// The library's list of briefings (`brief DIR`).
    Library,
}

impl Context {
    /// Every context, in the order the help overlay lists them.
    pub const ALL: [Context; 13] = [
        Context::Global,
        Context::Article,
        Context::Caret,
        Context::Entities,
        Context::Timeline,
        Context::Relations,
        Context::Picker,
        Context::SearchPrompt,
        Context::FilterPrompt,
        Context::Hints,
        Context::NoteEditor,
        Context::Help,
        Context::Library,
    ];

    /// The context's name in the keymap and the config file (`in =
    /// "article"`, `[keys.article]`).
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Article => "article",
            Context::Entities => "entities",
            Context::Timeline => "timeline",
            Context::Help => "help",
            Context::Relations => "relations",
            Context::Picker => "picker",
            Context::SearchPrompt => "search_prompt",
            Context::FilterPrompt => "filter_prompt",
            Context::Hints => "hints",
            Context::Caret => "caret",
            Context::NoteEditor => "note_editor",
            Context::Library => "library",
        }
    }

    /// The context a keymap or config file names.
    pub fn named(name: &str) -> Option<Context> {
        Context::ALL
            .into_iter()
            .find(|context| context.name() == name)
    }

    /// Whether keys not bound here are looked up in `global` next (the
    /// panes and the text overlays); prompts, pickers, hint labels and the
    /// relations list keep the keyboard to themselves.
    pub fn falls_back_to_global(self) -> bool {
        matches!(
            self,
            Context::Article
                | Context::Entities
                | Context::Timeline
                | Context::Help
                | Context::Caret
        )
    }

    /// The contexts a key is looked up in while this one has the
    /// keyboard, most specific first (what `State::contexts` hands the
    /// resolver).
    pub fn lookup_order(self) -> Vec<Context> {
        // The caret's keys first; the article's others still work there.
        if self == Context::Caret {
            return vec![Context::Caret, Context::Article, Context::Global];
        }
        if self.falls_back_to_global() {
            vec![self, Context::Global]
        } else {
            vec![self]
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Context::Global => "Everywhere but prompts",
            Context::Article => "Article",
            Context::Entities => "Entity list",
            Context::Timeline => "Timeline",
            Context::Help => "Help, info and diagnostics",
            Context::Relations => "Relations list (closes with q, r or Esc)",
            Context::Picker => "Pickers (other keys type)",
            Context::SearchPrompt => "Search prompt (other keys type)",
            Context::FilterPrompt => "Entity filter prompt (other keys type)",
            Context::Hints => "Hint labels (type a label)",
            Context::Caret => "Caret in the article (i, v)",
            Context::NoteEditor => "Reviewer's note editor (other keys type)",
            Context::Library => "Library of briefings (brief DIR)",
        }
    }

    /// Whether keys that type a character and are not bound type it here.
    pub fn types_text(self) -> bool {
        matches!(
            self,
            Context::Picker
                | Context::SearchPrompt
                | Context::FilterPrompt
                | Context::Hints
                | Context::NoteEditor
        )
    }
}

/// An action's name as the keymap and config file write it
/// (`scroll_down`): its variant's name in snake case, which is what serde
/// reads (a unit test checks every bound action reads back).
pub fn action_name(action: Action) -> String {
    let mut name = String::new();
    for c in format!("{action:?}").chars() {
        if c.is_ascii_uppercase() {
            if !name.is_empty() {
                name.push('_');
            }
            name.push(c.to_ascii_lowercase());
        } else {
            name.push(c);
        }
    }
    name
}

/// The action a keymap or config file names (`type_char`, which no key is
/// bound to, is not one).
pub fn action_named(name: &str) -> Option<Action> {
    let deserializer: StrDeserializer<'_, ValueError> = name.into_deserializer();
    Action::deserialize(deserializer).ok()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBinding {
    keys: Vec<String>,
    action: Action,
    #[serde(rename = "in")]
    context: Context,
    hint: Option<String>,
    #[serde(default)]
    fixed: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKeymap {
    bind: Vec<RawBinding>,
}

/// One line of the keymap: an action, its keys, where it applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub sequences: Vec<Vec<KeyPress>>,
    pub action: Action,
    pub context: Context,
    pub hint: Option<String>,
    /// Ctrl-c and Ctrl-z: always there, whatever a user keymap says.
    pub fixed: bool,
}

impl Binding {
    /// The keys as written, e.g. `j, <Down>`.
    pub fn keys_label(&self) -> String {
        self.sequences
            .iter()
            .map(|keys| format_sequence(keys))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What the keys typed so far come to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    Action(Action),
    /// A prefix of a longer sequence: wait for more.
    Pending,
    Unbound,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Keymap {
    /// The built-in keymap, or why it does not parse (a build defect: the
    /// test `the_default_keymap_parses` fails first).
    pub fn embedded() -> Result<Self, String> {
        // Bound twice, or bound to nothing, is ruled out by the tests, which
        // read the TOML through `from_raw`: its checks are not made again
        // at every start.
        let bindings = EMBEDDED
            .iter()
            .map(|line| {
                let sequences = line
                    .keys
                    .iter()
                    .map(|notation| parse_sequence(notation))
                    .collect::<Result<Vec<_>, String>>()?;
                Ok(Binding {
                    sequences,
                    action: line.action,
                    context: line.context,
                    hint: line.hint.map(str::to_string),
                    fixed: line.fixed,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Self { bindings })
    }

    /// The built-in keymap, for tests and benches.
    ///
    /// # Panics
    /// If the embedded table does not parse, which the unit tests rule
    /// out; the program itself goes through [`Keymap::embedded`].
    pub fn default_keymap() -> Self {
        Self::embedded().unwrap_or_else(|error| panic!("the embedded keymap: {error}"))
    }

    /// Parses a keymap, rejecting unknown actions, bad key names and a
    /// sequence bound twice in one context.
    pub fn parse(source: &str) -> Result<Self, String> {
        Self::from_raw(toml::from_str(source).map_err(|error| error.to_string())?)
    }

    fn from_raw(raw: RawKeymap) -> Result<Self, String> {
        let mut seen: BTreeMap<(Context, Vec<KeyPress>), Action> = BTreeMap::new();
        let mut bindings = Vec::with_capacity(raw.bind.len());
        for binding in raw.bind {
            let mut sequences = Vec::new();
            for notation in &binding.keys {
                let keys = parse_sequence(notation)?;
                if keys.is_empty() {
                    return Err("an empty key sequence".to_string());
                }
                if let Some(other) = seen.insert((binding.context, keys.clone()), binding.action) {
                    return Err(format!(
                        "{notation} is bound to both {other:?} and {:?} in {:?}",
                        binding.action, binding.context
                    ));
                }
                sequences.push(keys);
            }
            bindings.push(Binding {
                sequences,
                action: binding.action,
                context: binding.context,
                hint: binding.hint,
                fixed: binding.fixed,
            });
        }
        Ok(Self { bindings })
    }

    /// The fixed binding of a single key (Ctrl-c, Ctrl-z), if it has one.
    pub fn fixed(&self, key: KeyPress) -> Option<Action> {
        self.bindings
            .iter()
            .filter(|b| b.fixed)
            .find(|b| b.sequences.iter().any(|keys| keys.as_slice() == [key]))
            .map(|b| b.action)
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// Resolves typed keys in the given contexts, most specific first.
    pub fn lookup(&self, contexts: &[Context], typed: &[KeyPress]) -> Lookup {
        let mut pending = false;
        for context in contexts {
            for binding in self.bindings.iter().filter(|b| b.context == *context) {
                for sequence in &binding.sequences {
                    if sequence.as_slice() == typed {
                        return Lookup::Action(binding.action);
                    }
                    if sequence.len() > typed.len() && sequence.starts_with(typed) {
                        pending = true;
                    }
                }
            }
        }
        if pending {
            Lookup::Pending
        } else {
            Lookup::Unbound
        }
    }

    /// The first key sequence bound to an action in a context (or globally).
    pub fn keys_for(&self, action: Action, context: Context) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| b.action == action && (b.context == context || b.context == Context::Global))
            .and_then(|b| b.sequences.first())
            .map(|keys| format_sequence(keys))
    }

    /// The help overlay's lines, headings flagged: counts, every binding
    /// grouped by where it applies, then `legend` (the screen's symbols).
    pub fn help_lines(&self, legend: &[(&str, &str)]) -> Vec<(bool, String)> {
        const KEYS_WIDTH: usize = 18;
        let mut lines = vec![
            (true, "Counts".to_string()),
            (
                false,
                "  a number before a key repeats or aims it: 5j, 3]m, 40%, 21G (text line 21)"
                    .to_string(),
            ),
        ];
        for context in Context::ALL {
            lines.push((false, String::new()));
            lines.push((true, context.label().to_string()));
            for binding in self.bindings.iter().filter(|b| b.context == context) {
                let keys = binding.keys_label();
                let description = binding.action.description();
                // Long key lists get a line of their own.
                if keys.chars().count() > KEYS_WIDTH {
                    lines.push((false, format!("  {keys}")));
                    lines.push((false, format!("  {:KEYS_WIDTH$} {description}", "")));
                } else {
                    lines.push((false, format!("  {keys:<KEYS_WIDTH$} {description}")));
                }
            }
        }
        lines.push((false, String::new()));
        lines.push((true, "Symbols on screen".to_string()));
        for (symbol, meaning) in legend {
            lines.push((false, format!("  {symbol:<KEYS_WIDTH$} {meaning}")));
        }
        lines
    }

    /// The key table for the README: one row per binding, in table order.
    pub fn markdown_table(&self) -> String {
        let mut table = String::from("| Keys | Where | Does |\n|---|---|---|\n");
        for binding in &self.bindings {
            let keys = binding
                .sequences
                .iter()
                .map(|keys| code_span(&format_sequence(keys)))
                .collect::<Vec<_>>()
                .join(" ");
            let fixed = if binding.fixed { " (fixed)" } else { "" };
            table.push_str(&format!(
                "| {keys} | {} | {}{fixed} |\n",
                binding.context.label(),
                binding.action.description()
            ));
        }
        table
    }

    /// The hint bar's entries: keys and short label, in table order, for
    /// the actions `shown` keeps. Help and quit come first, so a narrow
    /// hint bar still shows the way out and the way to everything else.
    pub fn hints(&self, shown: impl Fn(Action) -> bool) -> Vec<(String, String)> {
        let first = |b: &&Binding| !matches!(b.action, Action::Help | Action::Quit);
        let mut hinted: Vec<&Binding> = self
            .bindings
            .iter()
            .filter(|b| b.hint.is_some() && b.context != Context::Library && shown(b.action))
            .collect();
        hinted.sort_by_key(first);
        hinted
            .into_iter()
            .filter_map(|b| Some((format_sequence(b.sequences.first()?), b.hint.clone()?)))
            .collect()
    }
}

impl Keymap {
    /// The hint bar of the library's list: its hinted bindings, help and
    /// quit last.
    pub fn library_hints(&self) -> Vec<(String, String)> {
        let mut hinted: Vec<&Binding> = self
            .bindings
            .iter()
            .filter(|b| b.hint.is_some() && b.context == Context::Library)
            .collect();
        hinted.sort_by_key(|b| matches!(b.action, Action::Help | Action::Quit));
        hinted
            .into_iter()
            .filter_map(|b| Some((format_sequence(b.sequences.first()?), b.hint.clone()?)))
            .collect()
    }
}

/// Markdown code for a key sequence; one holding a backtick is fenced with
/// two and spaced, as CommonMark asks.
fn code_span(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::controller::keys::Key;

    #[test]
    fn contexts_and_actions_are_named_as_the_keymap_writes_them() {
        for context in Context::ALL {
            let read: Context =
                serde_json::from_str(&format!("\"{}\"", context.name())).expect("a context");
            assert_eq!(read, context);
            assert_eq!(Context::named(context.name()), Some(context));
        }
        for binding in Keymap::default_keymap().bindings() {
            let name = action_name(binding.action);
            assert_eq!(action_named(&name), Some(binding.action), "{name}");
        }
        assert_eq!(action_name(Action::HalfPageDown), "half_page_down");
        assert_eq!(action_named("type_char"), None);
        assert_eq!(action_named("fly"), None);
    }

    /// A config file names a binding by its context and action, so the
    /// table binds each action at most once per context.
    #[test]
    fn each_action_is_bound_once_per_context() {
        let keymap = Keymap::default_keymap();
        let mut seen = std::collections::BTreeSet::new();
        for binding in keymap.bindings() {
            assert!(
                seen.insert((binding.context, binding.action)),
                "{:?} twice in {:?}",
                binding.action,
                binding.context
            );
        }
    }

    #[test]
    fn a_backtick_key_is_fenced_in_the_markdown_table() {
        assert_eq!(code_span("`"), "`` ` ``");
        assert_eq!(code_span("j"), "`j`");
    }

    #[test]
    fn the_default_keymap_parses() {
        let keymap = Keymap::parse(DEFAULT_KEYMAP).expect("embedded keymap is valid");
        assert!(keymap.bindings().len() > 40);
        // What the program reads: the build's compiled copy of the table.
        assert_eq!(Keymap::default_keymap(), keymap);
    }

    #[test]
    fn specific_contexts_win_and_prefixes_wait() {
        let keymap = Keymap::default_keymap();
        let j = [KeyPress::char('j')];
        let in_list = [Context::Entities, Context::Global];
        assert_eq!(
            keymap.lookup(&in_list, &j),
            Lookup::Action(Action::SelectNext)
        );
        let in_article = [Context::Article, Context::Global];
        assert_eq!(
            keymap.lookup(&in_article, &j),
            Lookup::Action(Action::ScrollDown)
        );
        assert_eq!(
            keymap.lookup(&in_article, &[KeyPress::char('g')]),
            Lookup::Pending
        );
        let gg = [KeyPress::char('g'), KeyPress::char('g')];
        assert_eq!(
            keymap.lookup(&in_article, &gg),
            Lookup::Action(Action::GoTop)
        );
        assert_eq!(
            keymap.lookup(&in_article, &[KeyPress::char('Z')]),
            Lookup::Unbound
        );
        let tab = [KeyPress::plain(Key::Tab)];
        assert_eq!(
            keymap.lookup(&in_list, &tab),
            Lookup::Action(Action::NextMention)
        );
    }

    #[test]
    fn a_key_bound_twice_in_one_context_is_rejected() {
        let doubled = "[[bind]]\nkeys = [\"x\"]\naction = \"quit\"\nin = \"global\"\n\n[[bind]]\nkeys = [\"x\"]\naction = \"help\"\nin = \"global\"\n";
        assert!(
            Keymap::parse(doubled)
                .unwrap_err()
                .contains("bound to both")
        );
        let unknown = "[[bind]]\nkeys = [\"x\"]\naction = \"fly\"\nin = \"global\"\n";
        assert!(Keymap::parse(unknown).is_err());
    }
}
