//! The config file's `[keys.CONTEXT]` tables: `action = ["keys", ...]`
//! per context, read with the span of every name and key, parsed in the
//! notation of `brief render --keys`, and handed to the keymap's merge;
//! every problem the merge finds comes back as a diagnostic at the line
//! and column it concerns.
//!
//! Owns the tables' shape and the wording of key problems; the rules
//! themselves (what clashes, what is fixed) are `controller::keymap`'s.

use std::ops::Range;

use toml::Spanned;
use toml::de::DeValue;

use super::values::table;
use crate::controller::keymap::{
    Context, Keymap, Problem, Rebinding, Refusal, action_name, action_named,
};
use crate::controller::keys::format_sequence;
use crate::controller::{Action, parse_sequence};
use crate::loader::Diagnostic;
use crate::loader::diagnostic::{Reporter, did_you_mean};

/// One `[keys.CONTEXT]` table as written.
#[derive(Debug)]
pub struct RawContext {
    pub name: String,
    pub span: Range<usize>,
    pub actions: Vec<RawAction>,
}

/// One `action = [...]` line as written.
#[derive(Debug)]
pub struct RawAction {
    pub name: String,
    pub span: Range<usize>,
    pub keys: Vec<(String, Range<usize>)>,
}

const KEYS_HOW: &str = "write a table per context, e.g. `[keys.article]`, holding \
                        `action = [\"key\", ...]` lines";

/// Reads the `keys` table's shape, reporting what is not tables of lists
/// of strings.
pub fn read(reporter: &mut Reporter<'_>, value: Spanned<DeValue<'_>>) -> Vec<RawContext> {
    let Some(contexts) = table(reporter, value, "`keys`", KEYS_HOW) else {
        return Vec::new();
    };
    let mut read = Vec::new();
    for (context, actions) in contexts {
        let what = format!("`keys.{}`", context.get_ref());
        let Some(actions) = table(reporter, actions, &what, KEYS_HOW) else {
            continue;
        };
        let mut raw = RawContext {
            name: context.get_ref().to_string(),
            span: context.span(),
            actions: Vec::new(),
        };
        for (action, list) in actions {
            if let Some(keys) = key_list(reporter, action.get_ref(), list) {
                raw.actions.push(RawAction {
                    name: action.get_ref().to_string(),
                    span: action.span(),
                    keys,
                });
            }
        }
        read.push(raw);
    }
    read
}

/// An action's list of key sequences, each string with its span.
fn key_list(
    reporter: &mut Reporter<'_>,
    action: &str,
    list: Spanned<DeValue<'_>>,
) -> Option<Vec<(String, Range<usize>)>> {
    let span = list.span();
    let wrong = |found: &str| {
        Diagnostic::error(
            "wrong-type",
            format!("the keys of `{action}` must be a list of strings, not {found}"),
        )
        .hint(format!(
            "write `{action} = [\"x\", \"<C-x>\"]`; `{action} = []` removes its keys here"
        ))
    };
    let DeValue::Array(items) = list.into_inner() else {
        reporter.push_at(wrong("one value"), span);
        return None;
    };
    let mut keys = Vec::new();
    for item in items {
        let item_span = item.span();
        match item.get_ref().as_str() {
            Some(text) => keys.push((text.to_string(), item_span)),
            None => {
                let found = format!("a list holding a {}", item.get_ref().type_str());
                reporter.push_at(wrong(&found), item_span);
                return None;
            }
        }
    }
    Some(keys)
}

/// Resolves names and keys and merges them over `defaults`; `None` (with
/// every problem reported) unless all of it merges.
pub fn merge(
    reporter: &mut Reporter<'_>,
    defaults: &Keymap,
    contexts: &[RawContext],
) -> Option<Keymap> {
    if contexts.is_empty() {
        return None;
    }
    let mut rebindings: Vec<Rebinding<Range<usize>>> = Vec::new();
    for raw in contexts {
        let Some(context) = Context::named(&raw.name) else {
            let names = Context::ALL.map(Context::name);
            let hint = match did_you_mean(&raw.name, names) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the contexts are: {}", names.join(", ")),
            };
            reporter.push_at(
                Diagnostic::error("unknown-context", format!("no context `{}`", raw.name))
                    .hint(hint),
                raw.span.clone(),
            );
            continue;
        };
        for action in &raw.actions {
            if let Some(rebinding) = resolve(reporter, defaults, context, action) {
                rebindings.push(rebinding);
            }
        }
    }
    match defaults.merged(&rebindings) {
        Ok(merged) => Some(merged),
        Err(refusals) => {
            for refusal in refusals {
                report(reporter, &rebindings, refusal);
            }
            None
        }
    }
}

/// One action's line as a rebinding, or its problems reported.
fn resolve(
    reporter: &mut Reporter<'_>,
    defaults: &Keymap,
    context: Context,
    raw: &RawAction,
) -> Option<Rebinding<Range<usize>>> {
    let Some(action) = action_named(&raw.name) else {
        let names: Vec<String> = defaults
            .bindings()
            .iter()
            .map(|binding| action_name(binding.action))
            .collect();
        let hint = match did_you_mean(&raw.name, names.iter().map(String::as_str)) {
            Some(near) => format!("did you mean `{near}`?"),
            None => "`brief config --default` lists every action with its keys".to_string(),
        };
        reporter.push_at(
            Diagnostic::error("unknown-action", format!("no action `{}`", raw.name)).hint(hint),
            raw.span.clone(),
        );
        return None;
    };
    let mut sequences = Vec::new();
    let mut readable = true;
    for (notation, span) in &raw.keys {
        match parse_sequence(notation) {
            Ok(keys) if !keys.is_empty() => sequences.push((keys, span.clone())),
            parsed => {
                let why = parsed.err().unwrap_or_else(|| "an empty key".to_string());
                reporter.push_at(
                    Diagnostic::error("bad-key", format!("not a key: {why}")).hint(
                        "write keys as `brief render --keys` does: j, G, gg, <C-d>, <S-Tab>, \
                         <A-Left>, <Space>, <lt> for <, <F1>, <C-w>o",
                    ),
                    span.clone(),
                );
                readable = false;
            }
        }
    }
    readable.then_some(Rebinding {
        context,
        action,
        place: raw.span.clone(),
        sequences,
    })
}

/// A merge's refusal as a diagnostic.
fn report(
    reporter: &mut Reporter<'_>,
    rebindings: &[Rebinding<Range<usize>>],
    refusal: Refusal<Range<usize>>,
) {
    // The rebinding the refused place belongs to, for its context's name.
    let owner = rebindings.iter().find(|r| {
        r.place == refusal.place || r.sequences.iter().any(|(_, at)| *at == refusal.place)
    });
    let context = owner.map_or("here", |r| r.context.name());
    let named = |action: Action| format!("`{}`", action_name(action));
    let sequence = owner
        .and_then(|r| r.sequences.iter().find(|(_, at)| *at == refusal.place))
        .map(|(keys, _)| format_sequence(keys));
    let written = match (&sequence, owner) {
        (Some(keys), _) => format!("`{keys}`"),
        (None, Some(rebinding)) => named(rebinding.action),
        (None, None) => "this".to_string(),
    };
    let diagnostic = match refusal.problem {
        Problem::FixedAction => Diagnostic::error(
            "fixed-key",
            format!("{written} is fixed: its key cannot be changed"),
        )
        .hint("Ctrl-c (quit at once) and Ctrl-z (suspend) act everywhere, always; remove this line"),
        Problem::FixedKey { owner } => Diagnostic::error(
            "fixed-key",
            format!("{written} is fixed to {}", named(owner)),
        )
        .hint("Ctrl-c and Ctrl-z act before any other binding; choose another key"),
        Problem::NotHere { allowed } => {
            let actions: Vec<String> = allowed.into_iter().map(action_name).collect();
            Diagnostic::error(
                "action-not-here",
                format!("{written} is not an action of `{context}`"),
            )
            .hint(format!("the actions of `{context}`: {}", actions.join(", ")))
        }
        Problem::BoundTwice {
            first,
            first_action,
        } => {
            let at = reporter.location(first);
            Diagnostic::error(
                "key-bound-twice",
                format!("{written} is bound twice in `{context}`"),
            )
            .note(format!(
                "first given to {} at line {}, column {}",
                named(first_action),
                at.line,
                at.column
            ))
            .hint("give each key to one action per context")
        }
        Problem::CountKey => Diagnostic::error(
            "count-key",
            format!("{written} starts with a digit, which begins a count in `{context}`"),
        )
        .hint("a number before a key is its count (5j, 21G); choose a key that is not a digit"),
        Problem::TypesText => Diagnostic::error(
            "typing-key",
            format!("{written} could no longer be typed in `{context}`"),
        )
        .hint("plain characters type in prompts, pickers and hint labels; use Ctrl, Alt or a named key, e.g. <C-j>"),
        Problem::Shadows {
            shorter,
            longer,
            other_action,
            other_context,
        } => {
            let other = format!("{} in `{}`", named(other_action), other_context.name());
            let users_is_shorter = sequence.as_deref() == Some(shorter.as_str());
            let message = if users_is_shorter {
                format!("`{shorter}` would act before `{longer}` ({other}) could be typed")
            } else {
                format!("`{longer}` could never be typed: `{shorter}` ({other}) acts first")
            };
            Diagnostic::error("key-shadowed", message).hint(format!(
                "give one of them another key, or remove {}'s with `{} = []` in [keys.{}]",
                named(other_action),
                action_name(other_action),
                other_context.name()
            ))
        }
    };
    reporter.push_at(diagnostic, refusal.place);
}
