//! Two readers' reviews of one briefing, merged so that neither loses
//! anything: what this reader last read or wrote (the base), what it has
//! now (ours) and what is on disk now (theirs, written by another reader in
//! between). Ours wins where both judged one target; what they added is
//! kept (`added`, then `union` into every later write); what we removed
//! since the base stays removed. Pure.

use super::Review;

/// What `theirs` has that neither `base` nor `ours` has: another reader's
/// additions. (What is in `base` but not in `ours` was removed here.)
pub fn added(base: &Review, ours: &Review, theirs: &Review) -> Review {
    let mut extra = Review::default();
    for verdict in &theirs.verdicts {
        let known = |review: &Review| {
            review
                .verdicts
                .iter()
                .any(|v| v.target.same_as(&verdict.target))
        };
        if !known(ours) && !known(base) {
            extra.verdicts.push(verdict.clone());
        }
    }
    for note in &theirs.notes {
        if !ours.notes.contains(note) && !base.notes.contains(note) {
            extra.notes.push(note.clone());
        }
    }
    for mention in &theirs.mentions {
        if !ours.mentions.contains(mention) && !base.mentions.contains(mention) {
            extra.mentions.push(mention.clone());
        }
    }
    for (letter, place) in &theirs.marks {
        if !ours.marks.contains_key(letter) && !base.marks.contains_key(letter) {
            extra.marks.insert(*letter, place.clone());
        }
    }
    extra.position.clone_from(&theirs.position);
    extra.caret.clone_from(&theirs.caret);
    extra
}

/// `ours` and whatever of `extra` it does not have; ours wins on a target,
/// a mark and the position.
pub fn union(ours: &Review, extra: &Review) -> Review {
    let mut merged = ours.clone();
    for verdict in &extra.verdicts {
        if !ours
            .verdicts
            .iter()
            .any(|v| v.target.same_as(&verdict.target))
        {
            merged.verdicts.push(verdict.clone());
        }
    }
    for note in &extra.notes {
        if !ours.notes.contains(note) {
            merged.notes.push(note.clone());
        }
    }
    for mention in &extra.mentions {
        if !ours.mentions.contains(mention) {
            merged.mentions.push(mention.clone());
        }
    }
    for (letter, place) in &extra.marks {
        merged.marks.entry(*letter).or_insert_with(|| place.clone());
    }
    if merged.position.is_none() {
        merged.position.clone_from(&extra.position);
        merged.caret.clone_from(&extra.caret);
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::{Judgement, Target, Verdict};

    fn verdict(id: &str, judgement: Judgement) -> Verdict {
        Verdict {
            target: Target::Entity { id: id.to_string() },
            judgement,
            comment: None,
            reviewer: "r".to_string(),
            at: "t".to_string(),
        }
    }

    fn review(verdicts: &[Verdict]) -> Review {
        Review {
            verdicts: verdicts.to_vec(),
            ..Review::default()
        }
    }

    #[test]
    fn their_additions_are_kept_our_removals_and_our_verdicts_win() {
        let base = review(&[
            verdict("kept", Judgement::Confirmed),
            verdict("removed", Judgement::Confirmed),
        ]);
        // We removed "removed", changed nothing else, and added "mine".
        let ours = review(&[
            verdict("kept", Judgement::Wrong),
            verdict("mine", Judgement::Confirmed),
        ]);
        // They kept everything, changed "kept" and added "theirs".
        let theirs = review(&[
            verdict("kept", Judgement::Disputed),
            verdict("removed", Judgement::Confirmed),
            verdict("theirs", Judgement::Disputed),
        ]);
        let merged = union(&ours, &added(&base, &ours, &theirs));
        let ids: Vec<(String, Judgement)> = merged
            .verdicts
            .iter()
            .map(|v| match &v.target {
                Target::Entity { id } => (id.clone(), v.judgement),
                _ => (String::new(), v.judgement),
            })
            .collect();
        assert_eq!(
            ids,
            vec![
                ("kept".to_string(), Judgement::Wrong),
                ("mine".to_string(), Judgement::Confirmed),
                ("theirs".to_string(), Judgement::Disputed),
            ]
        );
    }
}
