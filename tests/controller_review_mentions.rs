//! Controller tests for the reviewer's own mentions, without a terminal:
//! `gm` on a keyboard selection (an entity of the briefing, or a new one
//! named in the picker with its kind chosen next), `gX` re-pointing a
//! mention to the right entity (and span), the author's mention marked
//! wrong beside it, refusals, and the mentions' way back to the author
//! (export, `apply` into a copy of the annotation that loads with them).

#[path = "support/reader.rs"]
mod reader;

use brief::controller::picker::PickerKind;
use brief::controller::{Effect, Overlay, State};
use brief::model::Briefing;
use brief::review::{Judgement, MentionOf, Review, ReviewMention, apply, export};
use reader::keys;

const TEXT: &str = "# Night\n\nThe envoy met the minister in Vienna. Three gunmen were seen.\n";

fn entities() -> String {
    reader::person("envoy") + &reader::person("minister")
}

fn small() -> Briefing {
    reader::text_briefing("Mentions report", &entities(), TEXT)
}

fn reviewing(read_only: Option<&str>) -> State {
    reader::reviewing_briefing(small(), Review::default(), read_only)
}

fn mentions(state: &State) -> Vec<ReviewMention> {
    state.review().expect("a review").review().mentions.clone()
}

fn message(state: &State) -> String {
    state.message().unwrap_or_default().to_string()
}

fn picker_kind(state: &State) -> Option<PickerKind> {
    match state.overlay() {
        Some(Overlay::Picker(picker)) => Some(picker.kind),
        _ => None,
    }
}

/// The picker's rows as shown, best first.
fn picker_rows(state: &State) -> Vec<String> {
    match state.overlay() {
        Some(Overlay::Picker(picker)) => picker
            .matches
            .iter()
            .filter_map(|&i| picker.items.get(i).map(|item| item.label.clone()))
            .collect(),
        _ => Vec::new(),
    }
}

/// Selects `words` with the caret: from its first character to its last.
fn select(state: &mut State, words: &str) {
    let start = TEXT.find(words).expect("the words are in the text");
    let last = start + words.len() - 1;
    keys(state, "<Esc><Esc>ikkkkk0");
    let step = |state: &mut State, to: usize| {
        for _ in 0..200 {
            if state.caret().expect("a caret").at >= to {
                break;
            }
            keys(state, "l");
        }
    };
    step(state, start);
    keys(state, "v");
    step(state, last);
    let selected = state.selection().expect("a selection");
    assert_eq!(&TEXT[selected], words);
}

#[test]
fn gm_on_a_selection_names_a_new_entity_and_its_kind_in_two_pickers() {
    let mut state = reviewing(None);
    select(&mut state, "Vienna");
    assert!(keys(&mut state, "gm").is_empty());
    assert_eq!(picker_kind(&state), Some(PickerKind::Assign));
    keys(&mut state, "Vienna");
    assert_eq!(
        picker_rows(&state),
        vec!["+ new entity \u{201c}Vienna\u{201d}".to_string()],
        "no entity is called that: the new-entity row is what is left"
    );
    assert!(keys(&mut state, "<Enter>").is_empty());
    assert_eq!(picker_kind(&state), Some(PickerKind::NewEntityKind));
    keys(&mut state, "place");
    assert_eq!(keys(&mut state, "<Enter>"), vec![Effect::SaveReview]);
    assert!(state.overlay().is_none());
    let made = mentions(&state);
    assert_eq!(made.len(), 1);
    assert_eq!(
        made[0].of,
        MentionOf::NewEntity {
            name: "Vienna".to_string(),
            kind: "place".to_string()
        }
    );
    assert_eq!(made[0].anchor.quote, "Vienna");
    assert_eq!(made[0].instead_of, None);
    assert_eq!(made[0].reviewer, "ana");
    let at = TEXT.find("Vienna").expect("Vienna");
    let session = state.review().expect("a review");
    assert_eq!(session.overlay().review_mentions, vec![(at..at + 6, 0)]);
    assert!(session.unsaved());
    assert!(message(&state).contains("a mention of new place"));
    // The selection is done with; the caret stays.
    assert!(state.selection().is_none() && state.caret().is_some());

    // The same again takes it back, as a verdict's key does.
    select(&mut state, "Vienna");
    keys(&mut state, "gmVienna<Enter>place");
    assert_eq!(keys(&mut state, "<Enter>"), vec![Effect::SaveReview]);
    assert!(
        message(&state).contains("taken back"),
        "{}",
        message(&state)
    );
    assert!(mentions(&state).is_empty());
    let session = state.review().expect("a review");
    assert!(session.overlay().review_mentions.is_empty());
}

#[test]
fn gm_can_name_an_entity_of_the_briefing_and_the_entity_card_counts_it() {
    let mut state = reviewing(None);
    select(&mut state, "Three gunmen");
    keys(&mut state, "gmenvoy");
    assert_eq!(
        picker_rows(&state).first().map(String::as_str),
        Some("envoy"),
        "the entity called that comes first"
    );
    assert!(
        !picker_rows(&state)
            .iter()
            .any(|row| row.contains("new entity")),
        "an entity has that very name: no new one is offered"
    );
    assert_eq!(keys(&mut state, "<Enter>"), vec![Effect::SaveReview]);
    assert_eq!(
        mentions(&state)[0].of,
        MentionOf::Entity("envoy".to_string())
    );
    // The envoy's card says so.
    keys(&mut state, "<Esc><Esc>gg<Tab><Enter>");
    let card = brief::controller::cards::entity_card(&state).expect("the envoy's card");
    assert!(
        card.lines
            .iter()
            .any(|l| l.text == "you added 1 mention of it"),
        "{:?}",
        card.lines.iter().map(|l| &l.text).collect::<Vec<_>>()
    );
}

#[test]
fn gx_re_points_the_focused_mention_and_marks_the_authors_wrong() {
    let mut state = reviewing(None);
    keys(&mut state, "<Tab>");
    let envoy = state.focused_mention().expect("the first mention");
    assert_eq!(
        &TEXT[state.briefing().mentions[envoy.0].span.clone()],
        "envoy"
    );
    keys(&mut state, "gX");
    assert_eq!(picker_kind(&state), Some(PickerKind::Assign));
    keys(&mut state, "envoy");
    assert!(
        keys(&mut state, "<Enter>").is_empty(),
        "the same entity on the same span"
    );
    assert!(message(&state).contains("nothing to change"));

    keys(&mut state, "gXminister");
    assert_eq!(keys(&mut state, "<Enter>"), vec![Effect::SaveReview]);
    let made = mentions(&state);
    assert_eq!(made[0].of, MentionOf::Entity("minister".to_string()));
    assert_eq!(made[0].instead_of.as_deref(), Some("envoy"));
    assert_eq!(made[0].anchor.quote, "envoy");
    let session = state.review().expect("a review");
    let verdict = &session.review().verdicts[0];
    assert_eq!(verdict.judgement, Judgement::Wrong);
    assert_eq!(verdict.comment.as_deref(), Some("re-pointed to minister"));
    assert_eq!(
        session.overlay().mentions.get(&envoy.0),
        Some(&Judgement::Wrong)
    );
    assert!(message(&state).contains("re-pointed to minister"));
}

#[test]
fn gx_with_a_selection_re_points_the_span() {
    let mut state = reviewing(None);
    // From "The" through "envoy": the caret ends on the envoy's mention.
    select(&mut state, "The envoy");
    assert!(state.focused_mention().is_some());
    keys(&mut state, "gXenvoy");
    assert_eq!(keys(&mut state, "<Enter>"), vec![Effect::SaveReview]);
    let made = mentions(&state);
    assert_eq!(made[0].anchor.quote, "The envoy");
    assert_eq!(made[0].of, MentionOf::Entity("envoy".to_string()));
    assert_eq!(made[0].instead_of.as_deref(), Some("envoy"));
}

#[test]
fn nothing_selected_nothing_focused_or_a_read_only_review_is_said_and_changes_nothing() {
    let mut state = reviewing(None);
    assert!(keys(&mut state, "gm").is_empty());
    assert!(message(&state).contains("select the words"));
    assert!(keys(&mut state, "gX").is_empty());
    assert!(message(&state).contains("focus the mention"));
    assert!(state.overlay().is_none());
    // Esc in the picker leaves without a mention.
    select(&mut state, "Vienna");
    keys(&mut state, "gmVien<Esc>");
    assert!(state.overlay().is_none());
    assert!(mentions(&state).is_empty());

    let mut state = reviewing(Some("--read-only was given"));
    select(&mut state, "Vienna");
    assert!(keys(&mut state, "gm").is_empty());
    assert!(message(&state).contains("read-only"));
    assert!(state.overlay().is_none());
}

#[test]
fn the_mentions_go_back_to_the_author_in_the_report_and_into_a_copy_that_loads() {
    let mut state = reviewing(None);
    select(&mut state, "Vienna");
    keys(&mut state, "gmVienna<Enter>place<Enter>");
    select(&mut state, "Three gunmen");
    keys(&mut state, "gmGunmen<Enter>organization<Enter>");
    keys(&mut state, "<Esc><Esc>gg<Tab>gXminister<Enter>");
    let review = state.review().expect("a review").review().clone();
    assert_eq!(review.mentions.len(), 3);
    let briefing = small();

    let report = export::markdown(&review, &briefing);
    assert!(
        report.contains("- **reviewer's mention** of Vienna (new place): \u{201c}Vienna\u{201d} (line 3, column 31)"),
        "{report}"
    );
    assert!(
        report.contains(
            "- **reviewer's mention** of minister, instead of envoy: \u{201c}envoy\u{201d}"
        ),
        "{report}"
    );
    let lines = export::json_lines(&review, &briefing);
    let vienna = lines
        .lines()
        .find(|line| line.contains("\"new_entity\":\"Vienna\""))
        .expect("a line for the new entity's mention");
    assert!(
        vienna.contains("\"target\":\"review_mention\"") && vienna.contains("\"kind\":\"place\""),
        "{vienna}"
    );

    let source = format!(
        "format = 1\n[briefing]\ntext = \"r.md\"\ntitle = \"Mentions report\"\n\n{}",
        entities()
    );
    let applied = apply::apply(&source, &review, &briefing).expect("applied");
    assert_eq!((applied.mentions, applied.entities), (3, 2));
    assert!(
        applied.text.starts_with(&source),
        "the author's text kept as it was"
    );
    let files = brief::loader::InMemory {
        files: vec![
            ("r.toml".into(), applied.text.clone()),
            ("r.md".into(), TEXT.into()),
        ],
    };
    let loaded = brief::loader::load_annotated(std::path::Path::new("r.toml"), &files);
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.render())
        .collect();
    assert!(errors.is_empty(), "{errors:?}\n{}", applied.text);
    let folded = loaded.briefing.expect("the copy loads");
    let of = |words: &str| -> Vec<String> {
        let at = TEXT.find(words).expect("the words");
        folded
            .mentions
            .iter()
            .filter(|m| m.span == (at..at + words.len()))
            .map(|m| folded.entity(m.entity).name.clone())
            .collect()
    };
    assert_eq!(of("Vienna"), vec!["Vienna".to_string()]);
    assert_eq!(of("Three gunmen"), vec!["Gunmen".to_string()]);
    // The explicit mention replaces the automatic one of the envoy.
    assert_eq!(of("envoy"), vec!["minister".to_string()]);
    let kinds: Vec<(String, String)> = folded
        .entities
        .iter()
        .map(|e| (e.id.clone(), e.kind.clone()))
        .collect();
    assert!(kinds.contains(&("vienna".to_string(), "place".to_string())));
    assert!(kinds.contains(&("gunmen".to_string(), "organization".to_string())));
}

#[test]
fn a_new_entity_of_the_reviewers_is_in_the_entity_picker_and_leads_to_its_mention() {
    let mut state = reviewing(None);
    select(&mut state, "Vienna");
    keys(&mut state, "gmVienna<Enter>place<Enter><Esc><Esc>");
    keys(&mut state, "eyours");
    let rows: Vec<(String, String)> = match state.overlay() {
        Some(Overlay::Picker(picker)) => picker
            .matches
            .iter()
            .filter_map(|&i| picker.items.get(i))
            .map(|item| (item.label.clone(), item.detail.clone()))
            .collect(),
        _ => Vec::new(),
    };
    assert_eq!(
        rows,
        vec![(
            "\u{271a} Vienna".to_string(),
            "yours \u{b7} new place \u{b7} 1 mention".to_string()
        )]
    );
    keys(&mut state, "<Enter>");
    assert!(state.overlay().is_none());
    let at = TEXT.find("Vienna").expect("Vienna");
    assert!(state.is_visible(at));
    // With the reviewer's layer hidden, the picker has the author's only.
    keys(&mut state, "gre");
    let labels = picker_rows(&state);
    assert_eq!(labels.len(), 2, "{labels:?}");
    assert!(!labels.iter().any(|l| l.contains("Vienna")));
}

#[test]
fn a_mention_whose_passage_left_the_text_is_listed_as_orphaned_never_dropped() {
    let mut state = reviewing(None);
    select(&mut state, "Vienna");
    keys(&mut state, "gmVienna<Enter>place<Enter>");
    select(&mut state, "Three gunmen");
    keys(&mut state, "gmenvoy<Enter>");
    let review = state.review().expect("a review").review().clone();
    // The text gained a paragraph before both, and "Three gunmen" went.
    let changed = TEXT
        .replace("# Night\n\n", "# Night\n\nA new first paragraph.\n\n")
        .replace("Three gunmen", "Two gunmen");
    let briefing = reader::text_briefing("Mentions report", &entities(), &changed);
    let overlay = brief::review::Overlay::build(&review, &briefing);
    let vienna = changed.find("Vienna").expect("Vienna");
    assert_eq!(overlay.review_mentions, vec![(vienna..vienna + 6, 0)]);
    assert_eq!(overlay.moved, 1);
    assert_eq!(overlay.orphaned_mentions, vec![1]);
    assert_eq!(overlay.orphan_count(), 1);
    let report = export::markdown(&review, &briefing);
    let orphans = report
        .split("## Not found in the text as it is now")
        .nth(1)
        .expect("an orphans section");
    assert!(
        orphans.contains("reviewer's mention** of envoy: \u{201c}Three gunmen\u{201d}"),
        "{report}"
    );
}

/// On a preview, a passage past its end is not orphaned, only not loaded
/// yet: the status line counts no orphans until the full briefing is in.
#[test]
fn a_preview_counts_no_orphans() {
    let mut state = reviewing(None);
    select(&mut state, "Three gunmen");
    keys(&mut state, "gmenvoy<Enter>");
    let review = state.review().expect("a review").review().clone();
    let cut = TEXT.find("Three gunmen").expect("the passage");
    let preview = reader::text_briefing("Mentions report", &entities(), &TEXT[..cut]);
    let theme = brief::theme::Theme::built_in("dark", false).expect("dark theme");
    let status = |loading: Option<&str>| {
        let setup = brief::controller::Setup {
            loading: loading.map(str::to_string),
            review: Some(brief::review::open::Setup {
                review: review.clone(),
                reviewer: "ana".to_string(),
                read_only: None,
                place: None,
            }),
            ..brief::controller::Setup::default()
        };
        let keymap = brief::controller::Keymap::default_keymap();
        let state = State::with_setup(preview.clone(), keymap, 120, 40, setup);
        let area = ratatui::layout::Rect::new(0, 0, 120, 40);
        let mut buffer = ratatui::buffer::Buffer::empty(area);
        brief::ui::render(&mut buffer, area, &state, &theme);
        let text = brief::ui::buffer_to_text(&buffer, false);
        text.lines().nth(38).unwrap_or_default().to_string()
    };
    assert!(status(None).contains("1 orphaned"), "{}", status(None));
    let loading = status(Some("r.toml"));
    assert!(loading.contains("loading r.toml"), "{loading}");
    assert!(!loading.contains("orphaned"), "{loading}");
}
