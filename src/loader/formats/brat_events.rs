//! brat's `E` lines as brief's events: the trigger's passage is the
//! event's, its type and the trigger's text its title, each argument a
//! participant in its role (brat's numbered roles, `Theme2`, are the role
//! `Theme`), and a `Date` attribute that reads as an EDTF date its date;
//! without one the event is undated. Arguments that are not text-bound
//! annotations of entities (another event, a trigger) are left out with a
//! warning. Only `brat_import` calls this; it owns the `T` lines.

use std::collections::{HashMap, HashSet};

use toml::Spanned;

use super::brat::{Item, Standoff, TextBound};
use super::brat_bounds::Bounds;
use super::naming::fresh_id;
use super::{GivenPassage, anchored};
use crate::loader::diagnostic::{Diagnostic, Reporter};
use crate::loader::raw::{Item as Table, RawEvent, RawFile, RawRole};
use crate::model::FuzzyDate;

/// Adds an event to `raw` for every `E` line of `standoff`.
pub(super) fn import(
    standoff: &Standoff,
    bounds: &Bounds<'_>,
    passage_of: &dyn Fn(&TextBound) -> Option<GivenPassage>,
    raw: &mut RawFile,
    reporter: &mut Reporter<'_>,
) {
    // The `Date` attribute of each event, where it reads as a date.
    let mut dates: HashMap<&str, Spanned<String>> = HashMap::new();
    for item in &standoff.items {
        if let Item::Attribute {
            name,
            target,
            value: Some(value),
            line,
            ..
        } = item
            && name.eq_ignore_ascii_case("date")
            && FuzzyDate::parse(value).is_ok()
        {
            dates.insert(
                target.id.as_str(),
                Spanned::new(line.clone(), value.clone()),
            );
        }
    }
    let mut taken = HashSet::new();
    let mut skipped = 0;
    for item in &standoff.items {
        let Item::Event {
            id,
            kind,
            trigger,
            arguments,
            line,
        } = item
        else {
            continue;
        };
        let trigger_bound = bounds.by_id.get(trigger.id.as_str()).copied();
        let passage = trigger_bound.and_then(passage_of).unwrap_or_default();
        let said = trigger_bound
            .and_then(|t| t.text.clone())
            .or_else(|| passage.quote.as_ref().map(|q| q.get_ref().clone()));
        let title = match said {
            Some(said) => format!("{kind}: {said}"),
            None => kind.clone(),
        };
        let mut roles = Vec::new();
        for argument in arguments {
            let entity = bounds
                .index
                .get(argument.id.as_str())
                .and_then(|&at| bounds.entity_of.get(at));
            let Some(entity) = entity else {
                skipped += 1;
                continue;
            };
            let role = argument.role.trim_end_matches(|c: char| c.is_ascii_digit());
            let role = if role.is_empty() {
                &argument.role
            } else {
                role
            };
            roles.push(RawRole {
                role: Spanned::new(argument.at.clone(), role.to_string()),
                entity: Spanned::new(argument.at.clone(), entity.clone()),
            });
        }
        raw.events.push(Table {
            value: anchored!(
                RawEvent {
                    id: Spanned::new(line.clone(), fresh_id(id, &mut taken)),
                    date: dates.remove(id.as_str()),
                    title,
                    label: None,
                    entities: Vec::new(),
                    roles,
                    note: None,
                },
                passage
            ),
            span: line.clone(),
        });
    }
    if skipped > 0 {
        reporter.push_file(
            Diagnostic::warning(
                "brat-event-argument-skipped",
                format!("{skipped} event arguments are not entities' annotations and are left out"),
            )
            .hint("an argument that is another event or a trigger has no entity to show"),
        );
    }
}
