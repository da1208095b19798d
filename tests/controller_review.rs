//! Controller tests for the reviewer's half, without a terminal: one key
//! per verdict on whatever has the focus (mention, note, entity, event,
//! relation), the same key taking it back, `]u`/`[u` to the mentions still
//! without one, the writer's answers in the status line, read-only
//! reviews, and verdicts found again in a changed text.

#[path = "support/reader.rs"]
mod reader;

use brief::controller::{Effect, Input, Pane, State, update};
use brief::model::MentionId;
use brief::review::store::Saved;
use brief::review::{Judgement, Overlay, Review, Target};
use reader::*;

fn reviewing(review: Review, read_only: Option<&str>) -> State {
    reviewing_briefing(briefing(), review, read_only)
}

fn verdicts(state: &State) -> Vec<(String, Judgement)> {
    state
        .review()
        .map(|session| {
            session
                .review()
                .verdicts
                .iter()
                .map(|v| (v.target.kind_name().to_string(), v.judgement))
                .collect()
        })
        .unwrap_or_default()
}

fn progress(state: &State) -> String {
    state
        .review()
        .map(|r| r.overlay().progress(state.briefing()).describe())
        .unwrap_or_default()
}

fn message(state: &State) -> String {
    state.message().unwrap_or_default().to_string()
}

#[test]
fn a_verdict_on_the_focused_mention_asks_for_a_save_and_the_same_key_takes_it_back() {
    let mut state = reviewing(Review::default(), None);
    focus_mention_by_tab(&mut state, 2);
    let focused = state.focused_mention().expect("a focused mention");
    let effects = keys(&mut state, "c");
    assert_eq!(effects, vec![Effect::SaveReview]);
    assert_eq!(
        verdicts(&state),
        vec![("mention".to_string(), Judgement::Confirmed)]
    );
    let session = state.review().expect("a review");
    assert_eq!(
        session.mention_verdict(focused.0),
        Some(Judgement::Confirmed)
    );
    assert!(session.unsaved());
    assert!(
        message(&state).starts_with("confirmed: \u{201c}"),
        "{}",
        message(&state)
    );

    // Another verdict replaces it; the same one again takes it back.
    keys(&mut state, "X");
    assert_eq!(
        verdicts(&state),
        vec![("mention".to_string(), Judgement::Wrong)]
    );
    keys(&mut state, "X");
    assert!(verdicts(&state).is_empty());
    let session = state.review().expect("a review");
    assert_eq!(session.mention_verdict(focused.0), None);
    assert!(message(&state).starts_with("verdict taken back"));
}

#[test]
fn verdicts_land_on_the_selected_entity_event_and_relation_in_their_panes() {
    let mut state = reviewing(Review::default(), None);
    keys(&mut state, "<C-w>2");
    assert_eq!(state.focus(), Pane::Entities);
    keys(&mut state, "x");
    keys(&mut state, "<C-w>3");
    assert_eq!(state.focus(), Pane::Timeline);
    keys(&mut state, "jc");
    keys(&mut state, "<C-w>2");
    // Down the list to an entity with relations.
    for _ in 0..state.briefing().entities.len() {
        let has_relations =
            list_entity(&state).is_some_and(|id| !state.briefing().entity(id).outgoing.is_empty());
        if has_relations {
            break;
        }
        keys(&mut state, "j");
    }
    keys(&mut state, "r");
    assert!(
        matches!(
            state.overlay(),
            Some(brief::controller::Overlay::Relations { .. })
        ),
        "the relations list is open: {:?}",
        state.message()
    );
    keys(&mut state, "X");
    assert!(
        message(&state).starts_with("wrong: "),
        "{}",
        message(&state)
    );
    assert_eq!(
        verdicts(&state),
        vec![
            ("entity".to_string(), Judgement::Disputed),
            ("event".to_string(), Judgement::Confirmed),
            ("relation".to_string(), Judgement::Wrong),
        ]
    );
    let review = state.review().expect("a review").review().clone();
    match &review.verdicts[1].target {
        Target::Event { id } => assert_eq!(Some(id), state.briefing().events.get(1).map(|e| &e.id)),
        other => panic!("an event verdict, not {other:?}"),
    }
    assert!(
        review
            .verdicts
            .iter()
            .all(|v| v.reviewer == "ana" && v.at.ends_with('Z'))
    );
    // The relation's row says so, in the list and on the entity's card.
    let said = |line: &str| line.ends_with(" \u{b7} your verdict: wrong");
    keys(&mut state, "<Esc>");
    let card = brief::controller::cards::entity_card(&state).expect("the entity's card");
    assert_eq!(
        card.lines.iter().filter(|l| said(&l.text)).count(),
        1,
        "{:?}",
        card.lines.iter().map(|l| &l.text).collect::<Vec<_>>()
    );
}

#[test]
fn the_entity_card_says_the_focused_mentions_verdict_with_its_comment() {
    let mut state = reviewing(Review::default(), None);
    keys(&mut state, "<Tab>");
    keys(&mut state, "x");
    keys(&mut state, "Conly the headline says so<Enter>");
    // Enter shows the mention's entity, its card with it.
    keys(&mut state, "<Enter>");
    let card = brief::controller::cards::entity_card(&state).expect("the entity's card");
    let texts: Vec<&str> = card.lines.iter().map(|l| l.text.as_str()).collect();
    assert!(
        texts.contains(&"this mention: your verdict: disputed \u{b7} only the headline says so"),
        "{texts:?}"
    );
    // The next mention has none.
    keys(&mut state, "<C-w>1<Tab><Enter>");
    let card = brief::controller::cards::entity_card(&state).expect("the entity's card");
    assert!(
        !card
            .lines
            .iter()
            .any(|l| l.text.starts_with("this mention:")),
        "the next mention has no verdict"
    );
}

#[test]
fn nothing_focused_is_said_and_asks_for_nothing() {
    let mut state = reviewing(Review::default(), None);
    assert!(state.focused_mention().is_none());
    let effects = keys(&mut state, "c");
    assert!(effects.is_empty());
    assert!(message(&state).starts_with("nothing to judge here"));
}

#[test]
fn a_read_only_review_refuses_verdicts_with_the_reason() {
    let mut state = reviewing(Review::default(), Some("--read-only was given"));
    focus_mention_by_tab(&mut state, 1);
    let effects = keys(&mut state, "c");
    assert!(effects.is_empty());
    assert!(verdicts(&state).is_empty());
    assert_eq!(
        message(&state),
        "the review is read-only: --read-only was given"
    );
}

#[test]
fn next_unjudged_skips_the_mentions_with_a_verdict_and_wraps() {
    let mut state = reviewing(Review::default(), None);
    focus_mention_by_tab(&mut state, 0);
    keys(&mut state, "c");
    keys(&mut state, "<Tab>c");
    keys(&mut state, "<Tab>c");
    // Mentions 0, 1 and 2 are judged; from the third, ]u lands on 3.
    assert_eq!(state.focused_mention(), Some(MentionId(2)));
    keys(&mut state, "]u");
    assert_eq!(state.focused_mention(), Some(MentionId(3)));
    // Backwards from 3 the three judged ones are skipped: the last mention.
    keys(&mut state, "[u");
    let last = state.briefing().mentions.len() - 1;
    assert_eq!(state.focused_mention(), Some(MentionId(last)));
}

#[test]
fn saved_is_said_only_when_the_writer_answers_for_the_latest_change() {
    let mut state = reviewing(Review::default(), None);
    focus_mention_by_tab(&mut state, 1);
    keys(&mut state, "c");
    keys(&mut state, "<Tab>c");
    assert!(message(&state).ends_with("(saving\u{2026})"));
    // The answer for the first change does not call the second saved.
    update(
        &mut state,
        Input::ReviewSaved(Saved {
            generation: 1,
            outcome: Ok("b.review.toml".into()),
        }),
    );
    assert!(state.review().is_some_and(|s| s.unsaved()));
    update(
        &mut state,
        Input::ReviewSaved(Saved {
            generation: 2,
            outcome: Ok("b.review.toml".into()),
        }),
    );
    assert!(state.review().is_some_and(|s| !s.unsaved()));
    let total = state.briefing().mentions.len();
    assert!(
        message(&state) == "saved to b.review.toml"
            && progress(&state).starts_with(&format!("reviewed 2/{total} mentions")),
        "{}",
        message(&state)
    );
    // A failed write keeps the change and says so.
    keys(&mut state, "<Tab>c");
    update(
        &mut state,
        Input::ReviewSaved(Saved {
            generation: 3,
            outcome: Err("b.review.toml: No space left on device".into()),
        }),
    );
    assert!(state.review().is_some_and(|s| s.unsaved()));
    assert!(message(&state).starts_with("not saved (b.review.toml: No space left on device)"));
    assert_eq!(verdicts(&state).len(), 3);
}

#[test]
fn verdicts_are_found_again_after_the_text_gained_a_paragraph_and_lost_a_sentence() {
    let text = "# Report\n\nThe minister met the envoy.\n\nLater the minister left Vienna.\n";
    let mut state = reviewing_briefing(small(text), Review::default(), None);
    // The second mention of the minister.
    focus_mention_by_tab(&mut state, 2);
    assert_eq!(mention_text(&state, 2), "minister");
    keys(&mut state, "c");
    let review = state.review().expect("a review").review().clone();

    // A paragraph added at the top: the verdict moves with its mention.
    let added = small(&text.replace("# Report\n\n", "# Report\n\nA paragraph added later.\n\n"));
    let overlay = Overlay::build(&review, &added);
    assert_eq!((overlay.moved, overlay.orphans.len()), (1, 0));
    let (&at, &judgement) = overlay.mentions.iter().next().expect("found again");
    assert_eq!(judgement, Judgement::Confirmed);
    let later = added
        .document
        .text
        .find("Later the minister")
        .expect("the sentence")
        + 10;
    assert_eq!(added.mentions[at].span, later..later + "minister".len());

    // That sentence gone: the other "minister" is another passage, so the
    // verdict is listed as an orphan, not moved onto it and not dropped.
    let cut = small(&text.replace("Later the minister left Vienna.", "Later he left."));
    let overlay = Overlay::build(&review, &cut);
    assert!(overlay.mentions.is_empty());
    assert_eq!(overlay.orphans, vec![0]);
}

fn mention_text(state: &State, index: usize) -> &str {
    let span = state.briefing().mentions[index].span.clone();
    &state.briefing().document.text[span]
}

/// A briefing of `text` with a minister and an envoy.
fn small(text: &str) -> brief::model::Briefing {
    text_briefing(
        "Small report",
        &(person("minister") + &person("envoy")),
        text,
    )
}

#[test]
fn uppercase_marks_and_the_last_place_are_kept_with_the_review_and_restored() {
    let mut state = reviewing(Review::default(), None);
    keys(&mut state, "30j");
    let marked = state.top_offset();
    assert_eq!(keys(&mut state, "mA"), vec![Effect::SaveReview]);
    assert!(message(&state).contains("kept with the review"));
    // A lowercase mark is the session's only.
    assert!(keys(&mut state, "ma").is_empty());
    keys(&mut state, "20j");
    let last = state.top_offset();
    // Quitting keeps where the reader was, then quits.
    assert_eq!(
        keys(&mut state, "q"),
        vec![Effect::SaveReview, Effect::Quit]
    );
    let review = state.review().expect("a review").review().clone();
    assert_eq!(review.marks.keys().copied().collect::<Vec<_>>(), vec!['A']);

    let mut reopened = reviewing(review, None);
    assert_eq!(
        reopened.top_offset(),
        last,
        "reopened where the reader left"
    );
    keys(&mut reopened, "'A");
    assert_eq!(reopened.top_offset(), marked);
    assert!(reopened.marks().get(&'a').is_none());
}

#[test]
fn the_caret_is_kept_with_the_review_and_comes_back_on_its_mention() {
    let mut state = reviewing(Review::default(), None);
    keys(&mut state, "10j<Tab>");
    assert_eq!(keys(&mut state, "c"), vec![Effect::SaveReview]);
    keys(&mut state, "i<Tab><Tab>l");
    let caret = state.caret().expect("the caret is on").at;
    let mention = state.focused_mention();
    assert!(mention.is_some(), "the caret is on a mention");
    let top = state.top_offset();
    assert_eq!(
        keys(&mut state, "q"),
        vec![Effect::SaveReview, Effect::Quit],
        "the caret moved since the verdict: quitting keeps its place"
    );
    let review = state.review().expect("a review").review().clone();
    assert!(review.caret.is_some());

    let reopened = reviewing(review.clone(), None);
    assert_eq!(reopened.caret().map(|c| c.at), Some(caret));
    assert_eq!(reopened.caret().and_then(|c| c.anchor), None);
    assert_eq!(reopened.focused_mention(), mention);
    assert_eq!(reopened.top_offset(), top);

    // Without the caret on, none comes back.
    let mut state = reviewing(review, None);
    keys(&mut state, "<Esc>");
    assert!(state.caret().is_none());
    assert_eq!(
        keys(&mut state, "q"),
        vec![Effect::SaveReview, Effect::Quit]
    );
    let review = state.review().expect("a review").review().clone();
    assert!(review.caret.is_none());
    assert!(reviewing(review, None).caret().is_none());
}

#[test]
fn quitting_a_reader_that_recorded_nothing_asks_for_no_save() {
    let mut state = reviewing(Review::default(), None);
    keys(&mut state, "30j");
    assert_eq!(keys(&mut state, "q"), vec![Effect::Quit]);
}

#[test]
fn a_verdict_takes_a_comment_typed_after_it_and_esc_leaves_it_as_it_was() {
    let mut state = reviewing(Review::default(), None);
    focus_mention_by_tab(&mut state, 1);
    keys(&mut state, "C");
    assert!(
        message(&state).starts_with("no verdict on"),
        "{}",
        message(&state)
    );
    keys(&mut state, "c");
    assert!(keys(&mut state, "Ctwo sources agree").is_empty());
    assert_eq!(
        state.review().and_then(|r| r.comment_draft()),
        Some("two sources agree")
    );
    assert_eq!(keys(&mut state, "<Enter>"), vec![Effect::SaveReview]);
    let comment = |state: &State| {
        state
            .review()
            .and_then(|r| r.review().verdicts.first().and_then(|v| v.comment.clone()))
    };
    assert_eq!(comment(&state).as_deref(), Some("two sources agree"));
    // Editing starts from the comment; Esc leaves it.
    keys(&mut state, "C<C-w>none<Esc>");
    assert_eq!(comment(&state).as_deref(), Some("two sources agree"));
    // Cleared and kept: no comment.
    assert_eq!(keys(&mut state, "C<C-u><Enter>"), vec![Effect::SaveReview]);
    assert_eq!(comment(&state), None);
    assert_eq!(message(&state), "comment removed (saving\u{2026})");
}

#[test]
fn next_unjudged_in_a_list_goes_to_the_next_entity_or_event_without_a_verdict() {
    let mut state = reviewing(Review::default(), None);
    keys(&mut state, "<C-w>2");
    let first = list_entity(&state).expect("a selected entity");
    keys(&mut state, "cjc");
    keys(&mut state, "gg");
    assert_eq!(list_entity(&state), Some(first));
    keys(&mut state, "]u");
    assert_eq!(state.entity_list().cursor, 2, "rows 0 and 1 have verdicts");
    keys(&mut state, "<C-w>3");
    keys(&mut state, "c");
    assert_eq!(state.selected_event(), 0);
    keys(&mut state, "]u");
    assert_eq!(state.selected_event(), 1);
    keys(&mut state, "[u");
    let last = state.briefing().events.len() - 1;
    assert_eq!(
        state.selected_event(),
        last,
        "backwards past the judged first event"
    );
}

#[test]
fn the_review_list_and_the_info_show_the_review() {
    let mut state = reviewing(Review::default(), None);
    focus_mention_by_tab(&mut state, 1);
    keys(&mut state, "cCtwo sources<Enter>");
    keys(&mut state, "gR");
    let (title, lines) = brief::controller::overlays::lines(&state);
    assert!(title.starts_with("Your review"), "{title}");
    let text: Vec<&str> = lines.iter().map(|(_, line)| line.as_str()).collect();
    assert!(
        text.iter().any(|l| l.starts_with("- confirmed mention of")),
        "{text:?}"
    );
    assert!(text.iter().any(|l| l.contains("> two sources")), "{text:?}");
    assert!(
        lines.iter().any(|(heading, _)| *heading),
        "section headings are headings"
    );
    keys(&mut state, "q");
    assert!(state.overlay().is_none());
    keys(&mut state, "=");
    let (_, info) = brief::controller::overlays::lines(&state);
    let info: Vec<&str> = info.iter().map(|(_, line)| line.as_str()).collect();
    let at = info
        .iter()
        .position(|l| *l == "Your review")
        .expect("a review section");
    assert!(info[at + 1].starts_with("reviewed 1/"), "{info:?}");
}

#[test]
fn an_entity_or_event_card_says_your_verdict_while_the_layer_is_shown() {
    let mut state = reviewing(Review::default(), None);
    keys(&mut state, "<C-w>2");
    keys(&mut state, "xCone source only<Enter>");
    let card_text = |state: &State, event: bool| -> Vec<String> {
        let card = if event {
            brief::controller::cards::event_card(state)
        } else {
            brief::controller::cards::entity_card(state)
        };
        card.map(|c| c.lines.iter().map(|l| l.text.clone()).collect())
            .unwrap_or_default()
    };
    assert!(
        card_text(&state, false)
            .contains(&"your verdict: disputed \u{b7} one source only".to_string()),
        "{:?}",
        card_text(&state, false)
    );
    keys(&mut state, "gr");
    assert!(
        !card_text(&state, false)
            .iter()
            .any(|l| l.starts_with("your verdict"))
    );
    keys(&mut state, "gr<C-w>3c");
    assert!(card_text(&state, true).contains(&"your verdict: confirmed".to_string()));
}

#[test]
fn places_past_a_preview_are_taken_up_when_the_full_briefing_arrives() {
    let text: String = (0..80)
        .map(|n| format!("Paragraph {n}: the minister met the envoy again.\n\n"))
        .collect();
    let cut = text.find("Paragraph 10:").expect("paragraph 10");
    let caret_at = text.find("Paragraph 60:").expect("paragraph 60");
    let top_at = text.find("Paragraph 58:").expect("paragraph 58");
    let marked_at = text.find("Paragraph 70:").expect("paragraph 70");
    let place = |at: usize| brief::review::Place {
        anchor: brief::review::Anchor::capture(&text, at..at + 20),
    };
    let review = Review {
        position: Some(place(top_at)),
        caret: Some(place(caret_at)),
        marks: [('A', place(marked_at))].into_iter().collect(),
        ..Review::default()
    };
    let mark_a = |state: &brief::controller::State| state.marks().get(&'A').map(|m| m.top);
    let loaded = || Input::Loaded {
        briefing: Box::new(small(&text)),
        warnings: 0,
        path: "r.toml".to_string(),
    };
    let preview = || small(text.get(..cut).expect("a prefix"));

    let mut state = reviewing_briefing(preview(), review.clone(), None);
    assert!(state.caret().is_none(), "the preview does not hold it");
    assert_eq!(mark_a(&state), None, "nor the mark");
    update(&mut state, loaded());
    assert_eq!(state.caret().map(|c| c.at), Some(caret_at));
    assert_eq!(state.top_offset(), top_at);
    assert_eq!(mark_a(&state), Some(marked_at));

    // A reader who moved meanwhile stays where they went, and the review's
    // mark is placed all the same.
    let mut state = reviewing_briefing(preview(), review.clone(), None);
    keys(&mut state, "3j");
    let top = state.top_offset();
    update(&mut state, loaded());
    assert!(state.caret().is_none());
    assert_eq!(state.top_offset(), top);
    assert_eq!(mark_a(&state), Some(marked_at));

    // A mark the reader set again during the preview is theirs.
    let mut state = reviewing_briefing(preview(), review, None);
    keys(&mut state, "jmA");
    let set = mark_a(&state);
    assert!(set.is_some_and(|at| at < cut));
    update(&mut state, loaded());
    assert_eq!(mark_a(&state), set);
}
