//! A user's key bindings merged over the embedded keymap, the way serie
//! patches its default key bindings and helix merges a user's keymap: a
//! user names an action in a context and gives its keys, which replace the
//! action's default keys there (none: the action loses its keys there); a
//! key given to one action is taken from whatever default action had it in
//! the same context. Everything is checked before anything is merged, and
//! every problem is returned with the place the caller gave for it (a span
//! of the config file), so a config is used whole or not at all.
//!
//! Owns the merge and its rules; it knows nothing of TOML or files and
//! must not do I/O.

use std::collections::{BTreeMap, BTreeSet};

use super::{Binding, Context, Keymap};
use crate::controller::action::Action;
use crate::controller::keys::{KeyPress, format_sequence};

/// One action's keys in one context, as a user gave them. `P` is where
/// each part was written, handed back in problems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebinding<P> {
    pub context: Context,
    pub action: Action,
    /// Where the action is named.
    pub place: P,
    /// The key sequences, each with where it is written. Empty: the
    /// action has no keys in this context any more.
    pub sequences: Vec<(Vec<KeyPress>, P)>,
}

/// Why a user's binding cannot be merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem<P> {
    /// `interrupt` or `suspend`: Ctrl-c and Ctrl-z act everywhere, always.
    FixedAction,
    /// Ctrl-c or Ctrl-z given to another action: the fixed binding acts
    /// first, so it could never be reached.
    FixedKey { owner: Action },
    /// The action is not one this context can perform; `allowed` are the
    /// ones it can.
    NotHere { allowed: Vec<Action> },
    /// The sequence is given twice in one context.
    BoundTwice { first: P, first_action: Action },
    /// A digit first outside a prompt: digits there build a count.
    CountKey,
    /// A plain character first in a prompt, picker or hint labels: it
    /// would no longer type itself.
    TypesText,
    /// Where both are looked up, one sequence is the start of another, so
    /// the longer one could never be typed: the shorter acts first.
    Shadows {
        shorter: String,
        longer: String,
        /// The binding the user's sequence clashes with.
        other_action: Action,
        other_context: Context,
    },
}

/// A problem and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal<P> {
    pub place: P,
    pub problem: Problem<P>,
}

/// A sequence of the merged keymap, with where the user wrote it (`None`
/// for a default one).
struct Placed<'a, P> {
    keys: &'a [KeyPress],
    action: Action,
    context: Context,
    user: Option<&'a P>,
}

impl Keymap {
    /// This keymap with `rebindings` merged over it, or every reason they
    /// cannot be. The bindings keep the table's order (so the help lists
    /// contexts as before); an action a context did not have by default
    /// comes after that context's last binding.
    pub fn merged<P: Clone + PartialEq>(
        &self,
        rebindings: &[Rebinding<P>],
    ) -> Result<Keymap, Vec<Refusal<P>>> {
        let mut refusals = self.check_each(rebindings);
        // What passed is merged all the same, so that the sequences it
        // hides are reported now rather than after the rest is fixed.
        let passed: Vec<Rebinding<P>> = rebindings
            .iter()
            .filter(|r| !refusals.iter().any(|refused| refused.place == r.place))
            .map(|r| Rebinding {
                sequences: r
                    .sequences
                    .iter()
                    .filter(|(_, at)| !refusals.iter().any(|refused| refused.place == *at))
                    .cloned()
                    .collect(),
                ..r.clone()
            })
            .collect();
        let merged = self.apply(&passed);
        refusals.extend(merged.shadowing(&passed));
        if refusals.is_empty() {
            Ok(merged)
        } else {
            Err(refusals)
        }
    }

    /// The actions a context can be given keys for: those it has by
    /// default, and for a context that falls back to `global`, the global
    /// ones (a global action bound in a pane acts the same there).
    pub fn actions_in(&self, context: Context) -> Vec<Action> {
        let mut actions = Vec::new();
        for candidate in context.lookup_order() {
            for binding in self.bindings.iter().filter(|b| b.context == candidate) {
                if !binding.fixed && !actions.contains(&binding.action) {
                    actions.push(binding.action);
                }
            }
        }
        actions
    }

    /// The checks that need only one rebinding (and the ones before it in
    /// its context, for a sequence given twice).
    fn check_each<P: Clone>(&self, rebindings: &[Rebinding<P>]) -> Vec<Refusal<P>> {
        let mut refusals = Vec::new();
        let mut given: BTreeMap<(Context, &[KeyPress]), (&P, Action)> = BTreeMap::new();
        let mut refuse = |place: &P, problem| {
            refusals.push(Refusal {
                place: place.clone(),
                problem,
            });
        };
        for rebinding in rebindings {
            let fixed = self
                .bindings
                .iter()
                .any(|b| b.fixed && b.action == rebinding.action);
            if fixed {
                refuse(&rebinding.place, Problem::FixedAction);
                continue;
            }
            let allowed = self.actions_in(rebinding.context);
            if !allowed.contains(&rebinding.action) {
                refuse(&rebinding.place, Problem::NotHere { allowed });
                continue;
            }
            for (keys, place) in &rebinding.sequences {
                let first = keys.first().copied();
                if let Some(owner) = first.and_then(|key| self.fixed(key)) {
                    refuse(place, Problem::FixedKey { owner });
                } else if rebinding.context.types_text() && first.is_some_and(types_itself) {
                    refuse(place, Problem::TypesText);
                } else if !rebinding.context.types_text()
                    && first.is_some_and(starts_a_count)
                    && !lone_caret_zero(rebinding.context, keys)
                {
                    refuse(place, Problem::CountKey);
                } else if let Some((first, first_action)) =
                    given.get(&(rebinding.context, keys.as_slice()))
                {
                    refuse(
                        place,
                        Problem::BoundTwice {
                            first: (*first).clone(),
                            first_action: *first_action,
                        },
                    );
                } else {
                    given.insert((rebinding.context, keys), (place, rebinding.action));
                }
            }
        }
        refusals
    }

    /// The merge itself, once every rebinding has passed `check_each`.
    fn apply<P>(&self, rebindings: &[Rebinding<P>]) -> Keymap {
        let rebound: BTreeSet<(Context, Action)> =
            rebindings.iter().map(|r| (r.context, r.action)).collect();
        let taken: BTreeSet<(Context, &[KeyPress])> = rebindings
            .iter()
            .flat_map(|r| {
                r.sequences
                    .iter()
                    .map(|(keys, _)| (r.context, keys.as_slice()))
            })
            .collect();
        let mut bindings: Vec<Binding> = self.bindings.clone();
        for binding in &mut bindings {
            if rebound.contains(&(binding.context, binding.action)) {
                continue;
            }
            let context = binding.context;
            binding
                .sequences
                .retain(|keys| !taken.contains(&(context, keys.as_slice())));
        }
        for rebinding in rebindings {
            let sequences: Vec<Vec<KeyPress>> = rebinding
                .sequences
                .iter()
                .map(|(keys, _)| keys.clone())
                .collect();
            let existing = bindings
                .iter_mut()
                .find(|b| b.context == rebinding.context && b.action == rebinding.action);
            match existing {
                Some(binding) => binding.sequences = sequences,
                None => {
                    let after = bindings
                        .iter()
                        .rposition(|b| b.context == rebinding.context)
                        .map_or(bindings.len(), |at| at + 1);
                    bindings.insert(
                        after,
                        Binding {
                            sequences,
                            action: rebinding.action,
                            context: rebinding.context,
                            hint: None,
                            fixed: false,
                        },
                    );
                }
            }
        }
        // An action left with no keys is not listed in the help at all.
        bindings.retain(|b| !b.sequences.is_empty());
        Keymap { bindings }
    }

    /// Sequences that start other sequences where both are looked up, one
    /// of them the user's: the longer could never be typed.
    fn shadowing<P: Clone>(&self, rebindings: &[Rebinding<P>]) -> Vec<Refusal<P>> {
        let placed = |context: Context| -> Vec<Placed<'_, P>> {
            self.bindings
                .iter()
                .filter(|b| b.context == context)
                .flat_map(|b| {
                    b.sequences.iter().map(move |keys| Placed {
                        keys,
                        action: b.action,
                        context,
                        user: rebindings
                            .iter()
                            .filter(|r| r.context == context && r.action == b.action)
                            .flat_map(|r| &r.sequences)
                            .find(|(given, _)| given == keys)
                            .map(|(_, place)| place),
                    })
                })
                .collect()
        };
        let mut refusals: Vec<Refusal<P>> = Vec::new();
        let mut reported: BTreeSet<(String, String)> = BTreeSet::new();
        for context in Context::ALL {
            // Global is looked up only after a pane or the help overlay.
            if context == Context::Global {
                continue;
            }
            let together: Vec<Placed<'_, P>> = context
                .lookup_order()
                .into_iter()
                .flat_map(&placed)
                .collect();
            for shorter in &together {
                for longer in &together {
                    let starts = longer.keys.len() > shorter.keys.len()
                        && longer.keys.starts_with(shorter.keys);
                    // The user's side is the one reported; with both the
                    // user's, the shorter, which is what takes the keys.
                    let Some(place) = shorter.user.or(longer.user).filter(|_| starts) else {
                        continue;
                    };
                    let (short_text, long_text) =
                        (format_sequence(shorter.keys), format_sequence(longer.keys));
                    if !reported.insert((short_text.clone(), long_text.clone())) {
                        continue;
                    }
                    let other = if shorter.user.is_some() {
                        longer
                    } else {
                        shorter
                    };
                    refusals.push(Refusal {
                        place: place.clone(),
                        problem: Problem::Shadows {
                            shorter: short_text,
                            longer: long_text,
                            other_action: other.action,
                            other_context: other.context,
                        },
                    });
                }
            }
        }
        refusals
    }
}

/// A key that types a character into a prompt.
fn types_itself(key: KeyPress) -> bool {
    key.typed().is_some()
}

/// A key that goes into a count outside prompts (the resolver's rule).
fn starts_a_count(key: KeyPress) -> bool {
    key.typed().is_some_and(|c| c.is_ascii_digit())
}

/// `0` alone with the caret: the resolver takes it as a key there when no
/// count has begun (the start of the line, as in vim), so it may be bound.
fn lone_caret_zero(context: Context, keys: &[KeyPress]) -> bool {
    context == Context::Caret && matches!(keys, [only] if only.typed() == Some('0'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::controller::keymap::Lookup;
    use crate::controller::keys::parse_sequence;

    /// A rebinding whose places are the sequences' own notations.
    fn rebind(context: Context, action: Action, keys: &[&str]) -> Rebinding<String> {
        Rebinding {
            context,
            action,
            place: format!("{action:?}"),
            sequences: keys
                .iter()
                .map(|k| (parse_sequence(k).unwrap(), (*k).to_string()))
                .collect(),
        }
    }

    fn problems(rebindings: &[Rebinding<String>]) -> Vec<Refusal<String>> {
        Keymap::default_keymap().merged(rebindings).unwrap_err()
    }

    const ARTICLE: [Context; 2] = [Context::Article, Context::Global];

    #[test]
    fn a_rebinding_replaces_the_keys_and_takes_them_from_other_actions() {
        let merged = Keymap::default_keymap()
            .merged(&[rebind(Context::Article, Action::ScrollDown, &["k"])])
            .unwrap();
        let key = |k: &str| merged.lookup(&ARTICLE, &parse_sequence(k).unwrap());
        assert_eq!(key("k"), Lookup::Action(Action::ScrollDown));
        // j had no other owner: it is unbound in the article now.
        assert_eq!(key("j"), Lookup::Unbound);
        // scroll_up kept the rest of its keys.
        assert_eq!(key("<Up>"), Lookup::Action(Action::ScrollUp));
        assert_eq!(
            merged
                .keys_for(Action::ScrollUp, Context::Article)
                .as_deref(),
            Some("<Up>")
        );
        // Other contexts are as they were.
        let list = [Context::Entities, Context::Global];
        assert_eq!(
            merged.lookup(&list, &parse_sequence("j").unwrap()),
            Lookup::Action(Action::SelectNext)
        );
    }

    #[test]
    fn an_empty_list_removes_the_binding_and_a_new_action_joins_its_context() {
        let default = Keymap::default_keymap();
        let merged = default
            .merged(&[
                rebind(Context::Article, Action::HalfPageDown, &[]),
                rebind(Context::Article, Action::NextPane, &["<C-x>"]),
            ])
            .unwrap();
        assert!(
            !merged
                .bindings()
                .iter()
                .any(|b| b.context == Context::Article && b.action == Action::HalfPageDown)
        );
        assert_eq!(merged.bindings().len(), default.bindings().len());
        let added = merged
            .bindings()
            .iter()
            .position(|b| b.action == Action::NextPane && b.context == Context::Article)
            .unwrap();
        let last_article = merged
            .bindings()
            .iter()
            .rposition(|b| b.context == Context::Article)
            .unwrap();
        assert_eq!(added, last_article, "after the article's other bindings");
        // The global <C-d> is untouched.
        assert_eq!(
            merged.lookup(&ARTICLE, &parse_sequence("<C-d>").unwrap()),
            Lookup::Action(Action::HalfPageDown)
        );
    }

    #[test]
    fn hints_and_key_names_follow_the_rebound_keys() {
        let merged = Keymap::default_keymap()
            .merged(&[rebind(Context::Global, Action::Help, &["<F2>", "?"])])
            .unwrap();
        let hints = merged.hints(|_| true);
        assert_eq!(hints[0], ("<F2>".to_string(), "help".to_string()));
        assert_eq!(
            merged.keys_for(Action::Help, Context::Article).as_deref(),
            Some("<F2>")
        );
    }

    #[test]
    fn fixed_actions_and_keys_cannot_be_rebound() {
        let refused = problems(&[
            rebind(Context::Global, Action::Interrupt, &["<C-q>"]),
            rebind(Context::Global, Action::Quit, &["<C-c>"]),
        ]);
        assert_eq!(refused[0].problem, Problem::FixedAction);
        assert_eq!(
            refused[1].problem,
            Problem::FixedKey {
                owner: Action::Interrupt
            }
        );
        assert_eq!(refused[1].place, "<C-c>");
    }

    #[test]
    fn an_action_is_bound_only_where_it_can_act() {
        let refused = problems(&[rebind(Context::Picker, Action::GoTop, &["<C-g>"])]);
        let Problem::NotHere { allowed } = &refused[0].problem else {
            panic!("{refused:?}");
        };
        assert!(allowed.contains(&Action::SelectNext));
        // A global action may be bound in a pane, which looks it up anyway.
        assert!(
            Keymap::default_keymap()
                .merged(&[rebind(Context::Timeline, Action::EntityPicker, &["E"])])
                .is_ok()
        );
    }

    #[test]
    fn a_sequence_given_twice_in_one_context_names_the_first() {
        let refused = problems(&[
            rebind(Context::Article, Action::ScrollDown, &["x"]),
            rebind(Context::Article, Action::ScrollUp, &["y", "x"]),
        ]);
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].place, "x");
        assert_eq!(
            refused[0].problem,
            Problem::BoundTwice {
                first: "x".to_string(),
                first_action: Action::ScrollDown
            }
        );
        // The same key in two contexts is no clash.
        assert!(
            Keymap::default_keymap()
                .merged(&[
                    rebind(Context::Article, Action::ScrollDown, &["x"]),
                    rebind(Context::Entities, Action::SelectNext, &["x"]),
                ])
                .is_ok()
        );
    }

    #[test]
    fn digits_count_and_prompts_type() {
        let refused = problems(&[
            rebind(Context::Article, Action::ScrollDown, &["5"]),
            rebind(Context::Picker, Action::SelectNext, &["j", "<C-j>"]),
        ]);
        assert_eq!(refused.len(), 2, "{refused:?}");
        assert_eq!(refused[0].problem, Problem::CountKey);
        assert_eq!(refused[1].problem, Problem::TypesText);
        assert_eq!(refused[1].place, "j");
    }

    #[test]
    fn a_sequence_that_starts_another_is_refused_where_both_are_looked_up() {
        // z would act before zz and zt could be typed.
        let refused = problems(&[rebind(Context::Article, Action::CenterView, &["z"])]);
        assert_eq!(refused.len(), 1, "{refused:?}");
        assert_eq!(
            refused[0].problem,
            Problem::Shadows {
                shorter: "z".to_string(),
                longer: "zt".to_string(),
                other_action: Action::ViewToTop,
                other_context: Context::Article,
            }
        );
        // A global g would stop gg in every pane.
        let refused = problems(&[rebind(Context::Global, Action::Info, &["g"])]);
        assert!(!refused.is_empty());
        assert!(refused.iter().all(|r| r.place == "g"));
        // The relations list does not look in global: <C-w> is free there.
        assert!(
            Keymap::default_keymap()
                .merged(&[rebind(Context::Relations, Action::Quit, &["q", "<C-w>"])])
                .is_ok()
        );
    }

    #[test]
    fn the_defaults_merge_over_themselves_unchanged() {
        let default = Keymap::default_keymap();
        let same: Vec<Rebinding<String>> = default
            .bindings()
            .iter()
            .filter(|b| !b.fixed)
            .map(|b| Rebinding {
                context: b.context,
                action: b.action,
                place: String::new(),
                sequences: b
                    .sequences
                    .iter()
                    .map(|keys| (keys.clone(), format_sequence(keys)))
                    .collect(),
            })
            .collect();
        assert_eq!(default.merged(&same).unwrap(), default);
    }
}
