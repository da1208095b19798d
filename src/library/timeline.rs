//! The merged timeline: every dated event of every indexed briefing in one
//! list, in the single-briefing timeline's order (earliest possible start,
//! then latest possible end; ties by briefing and then by the briefing's
//! own order), for the whole library or for one entity's group.
//!
//! Pure: reads the summaries.

use std::collections::HashSet;

use super::{Library, Member};

/// One event of one briefing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MergedEvent {
    pub briefing: usize,
    /// Its position in the briefing's timeline.
    pub event: usize,
}

/// The events of every briefing (`only`: those naming one of these
/// entities), in timeline order.
pub fn merged(library: &Library, only: Option<&[Member]>) -> Vec<MergedEvent> {
    let wanted: Option<HashSet<Member>> = only.map(|members| members.iter().copied().collect());
    let mut events: Vec<MergedEvent> = Vec::new();
    for (briefing, entry) in library.entries.iter().enumerate() {
        let Some(summary) = &entry.summary else {
            continue;
        };
        for (event, summary) in summary.events.iter().enumerate() {
            let named = wanted.as_ref().is_none_or(|wanted| {
                summary
                    .entities
                    .iter()
                    .any(|&entity| wanted.contains(&Member { briefing, entity }))
            });
            if named {
                events.push(MergedEvent { briefing, event });
            }
        }
    }
    let date = |e: &MergedEvent| {
        library
            .entries
            .get(e.briefing)
            .and_then(|entry| entry.summary.as_ref())
            .and_then(|s| s.events.get(e.event))
            .map(|event| &event.date)
    };
    events.sort_by(|a, b| match (date(a), date(b)) {
        (Some(x), Some(y)) => x
            .timeline_cmp(y)
            .then(a.briefing.cmp(&b.briefing))
            .then(a.event.cmp(&b.event)),
        _ => std::cmp::Ordering::Equal,
    });
    events
}
