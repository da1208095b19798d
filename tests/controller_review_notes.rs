//! Controller tests for the reviewer's own notes, without a terminal: `ga`
//! on a keyboard selection or the focused mention, the editor (typing,
//! line breaks, moving and deleting, a bracketed paste, the kind, the
//! Admiralty grading, keeping and dropping), the note saved like a verdict
//! and laid over the text, its round trip through the review file, the
//! export, and notes orphaned by a changed text.

#[path = "support/reader.rs"]
mod reader;

use brief::controller::{Effect, Input, State, update};
use brief::model::{Briefing, Grading, NoteKind};
use brief::review::{Anchor, Overlay, Review, ReviewNote, export, file};
use reader::keys;

const TEXT: &str = "# Night\n\nThe envoy met the minister in Vienna. Three gunmen were seen.\n";

fn small(text: &str) -> Briefing {
    reader::text_briefing("Notes report", &reader::person("envoy"), text)
}

fn reviewing(text: &str, review: Review, read_only: Option<&str>) -> State {
    reader::reviewing_briefing(small(text), review, read_only)
}

fn draft_text(state: &State) -> String {
    state
        .review()
        .and_then(|r| r.note_draft())
        .map(|d| d.text.clone())
        .expect("the editor is open")
}

fn notes(state: &State) -> Vec<ReviewNote> {
    state.review().expect("a review").review().notes.clone()
}

/// Puts the caret on `word` and selects through the end of the word.
fn select_word(state: &mut State, word: &str) {
    keys(state, "i");
    let text = state.briefing().document.text.clone();
    let target = text.find(word).expect("the word is in the text");
    for _ in 0..200 {
        if state.caret().expect("a caret").at >= target {
            break;
        }
        keys(state, "l");
    }
    keys(state, "ve");
}

#[test]
fn a_note_on_a_keyboard_selection_is_typed_graded_and_kept_with_a_save() {
    let mut state = reviewing(TEXT, Review::default(), None);
    select_word(&mut state, "Three");
    keys(&mut state, "w");
    keys(&mut state, "e");
    let selected = state.selection().expect("a selection");
    assert_eq!(
        &state.briefing().document.text[selected.clone()],
        "Three gunmen"
    );
    assert!(keys(&mut state, "ga").is_empty());
    assert!(state.review().and_then(|r| r.note_draft()).is_some());
    // Letters type now, they do not move the caret.
    keys(&mut state, "Only one source<Enter>and it is 2nd hand");
    assert_eq!(draft_text(&state), "Only one source\nand it is 2nd hand");
    keys(&mut state, "<Tab>");
    assert_eq!(
        state.review().and_then(|r| r.note_draft()).map(|d| d.kind),
        Some(NoteKind::Unverified)
    );
    keys(&mut state, "<A-d><C-r><C-r><C-r><C-t><C-t>");
    update(&mut state, Input::Paste("\r\n(pasted\tline)".to_string()));
    assert_eq!(
        draft_text(&state),
        "Only one source\nand it is 2nd hand\n(pasted line)"
    );
    let effects = keys(&mut state, "<C-s>");
    assert_eq!(effects, vec![Effect::SaveReview]);
    let kept = notes(&state);
    assert_eq!(kept.len(), 1);
    let note = &kept[0];
    assert_eq!(note.kind, NoteKind::Disputed);
    assert_eq!(
        note.grading,
        Grading {
            reliability: Some('C'),
            credibility: Some(2)
        }
    );
    assert_eq!(note.anchor.quote, "Three gunmen");
    assert_eq!(note.reviewer, "ana");
    assert!(note.text.ends_with("(pasted line)"));
    let session = state.review().expect("a review");
    assert!(session.note_draft().is_none());
    assert!(session.unsaved());
    assert_eq!(session.overlay().review_notes, vec![(selected, 0)]);
    assert!(state.message().unwrap_or_default().contains("note kept"));
}

#[test]
fn the_editing_keys_move_and_delete_by_grapheme_word_and_line() {
    let mut state = reviewing(TEXT, Review::default(), None);
    select_word(&mut state, "Vienna");
    keys(&mut state, "ga");
    keys(&mut state, "one two<Enter>thr\u{e9}e");
    keys(&mut state, "<BS><BS>");
    assert_eq!(
        draft_text(&state),
        "one two\nthr",
        "\u{e9} is one Backspace"
    );
    keys(&mut state, "<Up><End>");
    keys(&mut state, "<C-w>");
    assert_eq!(draft_text(&state), "one \nthr");
    keys(&mut state, "<Home><Del>");
    assert_eq!(draft_text(&state), "ne \nthr");
    keys(&mut state, "<Down><Right><Right>X");
    assert_eq!(draft_text(&state), "ne \nthXr");
    keys(&mut state, "<C-u>");
    assert_eq!(draft_text(&state), "ne \nr");
    keys(
        &mut state,
        "<Left>\u{1f469}\u{200d}\u{1f469}\u{200d}\u{1f467}<Left><Right><BS>",
    );
    assert_eq!(
        draft_text(&state),
        "ne \nr",
        "the ZWJ family goes in one Backspace"
    );
}

#[test]
fn esc_drops_the_note_and_an_empty_note_is_not_kept() {
    let mut state = reviewing(TEXT, Review::default(), None);
    select_word(&mut state, "Vienna");
    keys(&mut state, "ga");
    assert!(
        keys(&mut state, "<C-s>").is_empty(),
        "nothing typed: nothing kept"
    );
    assert!(state.review().and_then(|r| r.note_draft()).is_some());
    keys(&mut state, "draft<Esc>");
    assert!(state.review().and_then(|r| r.note_draft()).is_none());
    assert!(notes(&state).is_empty());
    assert!(state.selection().is_some(), "the selection is still there");
}

#[test]
fn without_a_selection_the_note_is_on_the_focused_mention_and_a_read_only_review_refuses() {
    let mut state = reviewing(TEXT, Review::default(), None);
    keys(&mut state, "<Tab>ga");
    let draft = state.review().and_then(|r| r.note_draft()).expect("open");
    assert_eq!(
        &state.briefing().document.text[draft.passage.clone()],
        "envoy"
    );
    keys(&mut state, "<Esc>");

    let mut nothing = reviewing(TEXT, Review::default(), None);
    keys(&mut nothing, "ga");
    assert!(nothing.review().and_then(|r| r.note_draft()).is_none());
    assert!(
        nothing
            .message()
            .unwrap_or_default()
            .contains("nothing to note")
    );

    let mut read_only = reviewing(TEXT, Review::default(), Some("another reader has it"));
    keys(&mut read_only, "<Tab>ga");
    assert!(read_only.review().and_then(|r| r.note_draft()).is_none());
    assert!(
        read_only
            .message()
            .unwrap_or_default()
            .contains("read-only")
    );
}

fn sample_note(text: &str, quote: &str) -> ReviewNote {
    let start = text.find(quote).expect("quote in text");
    ReviewNote {
        anchor: Anchor::capture(text, start..start + quote.len()),
        kind: NoteKind::Gap,
        grading: Grading {
            reliability: Some('B'),
            credibility: Some(3),
        },
        text: "Who saw them?\nNo source \"named\".".to_string(),
        reviewer: "ana".to_string(),
        at: "2026-12-07T15:20:00Z".to_string(),
    }
}

#[test]
fn notes_read_back_from_the_review_file_as_written_and_a_bad_one_is_placed() {
    let mut review = Review::default();
    review.notes.push(sample_note(TEXT, "Three gunmen"));
    let header = file::Header::for_text(Some("Notes report"), TEXT);
    let written = file::write(&review, &header);
    assert!(written.contains("[[note]]"), "{written}");
    assert!(written.contains("kind = \"gap\"") && written.contains("reliability = \"B\""));
    let (back, _) = file::read("r.review.toml", &written).expect("reads back");
    assert_eq!(back, review);

    let bad = written.replace("credibility = 3", "credibility = 9");
    let errors = file::read("r.review.toml", &bad).expect_err("a bad grade");
    let rendered: Vec<String> = errors.iter().map(|d| d.render()).collect();
    let line = bad
        .lines()
        .position(|l| l.starts_with("credibility"))
        .map(|at| at + 1)
        .expect("the line");
    assert!(
        rendered
            .iter()
            .any(|r| r.contains("credibility 9 is not a grade")
                && r.contains(&format!("r.review.toml:{line}:"))),
        "{rendered:?}"
    );
    let unknown = written.replace("[[note]]\n", "[[note]]\ncolour = \"red\"\n");
    assert!(
        file::read("r.review.toml", &unknown).is_err(),
        "unknown fields are refused"
    );
}

#[test]
fn the_export_lists_notes_with_verdicts_by_position_and_orphans_last() {
    let mut review = Review::default();
    review.notes.push(sample_note(TEXT, "Three gunmen"));
    review.notes.push(sample_note(TEXT, "minister"));
    let mut gone = sample_note(TEXT, "Vienna");
    gone.anchor.quote = "Salzburg".to_string();
    review.notes.push(gone);
    let briefing = small(TEXT);
    let markdown = export::markdown(&review, &briefing);
    let minister = markdown
        .find("on \u{201c}minister\u{201d}")
        .expect("listed");
    let gunmen = markdown
        .find("on \u{201c}Three gunmen\u{201d}")
        .expect("listed");
    let orphan = markdown
        .find("on \u{201c}Salzburg\u{201d}")
        .expect("listed, not dropped");
    assert!(minister < gunmen && gunmen < orphan, "{markdown}");
    assert!(
        markdown.contains("reviewer's gap note** [B3]"),
        "{markdown}"
    );
    assert!(markdown.contains("  > Who saw them?"), "{markdown}");
    assert!(markdown.contains("Not found in the text"), "{markdown}");
    let json = export::json_lines(&review, &briefing);
    let first = json.lines().next().expect("a line");
    assert!(first.contains("\"target\":\"review_note\"") && first.contains("\"grading\":\"B3\""));
    assert!(
        json.lines()
            .last()
            .unwrap_or_default()
            .contains("\"place\":\"orphaned\"")
    );

    let overlay = Overlay::build(&review, &briefing);
    assert_eq!(overlay.review_notes.len(), 2);
    assert_eq!(overlay.orphaned_notes, vec![2]);
    assert_eq!(overlay.orphan_count(), 1);
}

#[test]
fn a_reopened_review_lays_its_notes_over_a_text_that_gained_a_paragraph() {
    let mut review = Review::default();
    review.notes.push(sample_note(TEXT, "Three gunmen"));
    let changed = TEXT.replace("# Night\n\n", "# Night\n\nA new first paragraph.\n\n");
    let state = reviewing(&changed, review, None);
    let session = state.review().expect("a review");
    let (span, index) = session
        .overlay()
        .review_notes
        .first()
        .cloned()
        .expect("found");
    assert_eq!(index, 0);
    assert_eq!(&state.briefing().document.text[span], "Three gunmen");
    assert_eq!(session.overlay().moved, 1);
}

#[test]
fn the_notes_picker_lists_the_reviewers_notes_and_opens_their_card() {
    let mut review = Review::default();
    review.notes.push(sample_note(TEXT, "Three gunmen"));
    let mut state = reviewing(TEXT, review, None);
    keys(&mut state, "a");
    let picker = reader::picker(&state);
    let item = picker.selected().expect("the reviewer's note is listed");
    assert!(item.label.contains("Who saw them?"), "{}", item.label);
    assert!(item.detail.starts_with("yours"), "{}", item.detail);
    keys(&mut state, "<Enter>");
    assert_eq!(state.focused_review_note(), Some(0));
    let card = brief::controller::cards::note_card(&state).expect("its card is open");
    let heading = &card.lines[0].text;
    assert!(
        heading.contains("the reviewer's") && heading.contains("gap"),
        "{heading}"
    );
    assert!(card.lines.iter().any(|l| l.text.contains("No source")));
    keys(&mut state, "<Esc>");
    assert_eq!(state.focused_review_note(), None);
}

/// Keeps a note with `text` on `word`, from the top of the article.
fn keep_note(state: &mut State, word: &str, text: &str) {
    keys(state, "<Esc><Esc>gg");
    select_word(state, word);
    keys(state, "ga");
    keys(state, text);
    assert_eq!(keys(state, "<C-s>"), vec![Effect::SaveReview]);
}

#[test]
fn a_kept_note_focused_from_the_notes_list_is_changed_or_emptied_away_with_ga() {
    let mut state = reviewing(TEXT, Review::default(), None);
    keep_note(&mut state, "Vienna", "where exactly");
    keep_note(&mut state, "Three", "only one source");
    keys(&mut state, "<Esc><Esc>");
    assert_eq!(notes(&state).len(), 2);
    let three = TEXT.find("Three").expect("Three")..TEXT.find(" gunmen").expect("gunmen");

    // The notes list holds the reviewer's notes; Enter focuses the first.
    keys(&mut state, "a<Enter>");
    keys(&mut state, "ga");
    assert_eq!(draft_text(&state), "where exactly");
    // Esc leaves it as it was.
    assert!(keys(&mut state, "<Esc>").is_empty());
    assert_eq!(notes(&state)[0].text, "where exactly");
    assert!(state.message().unwrap_or_default().contains("as it was"));

    keys(&mut state, "a<Enter>");
    let card = brief::controller::cards::note_card(&state).expect("its card is open");
    assert!(
        card.lines
            .iter()
            .any(|l| l.text.starts_with("ga changes it")),
        "the card says how to change it: {:?}",
        card.lines.iter().map(|l| &l.text).collect::<Vec<_>>()
    );
    keys(&mut state, "ga? Vienna or Graz<Tab>");
    assert_eq!(keys(&mut state, "<C-s>"), vec![Effect::SaveReview]);
    let kept = notes(&state);
    assert_eq!(kept.len(), 2);
    assert_eq!(kept[0].text, "where exactly? Vienna or Graz");
    assert_eq!(kept[0].kind, NoteKind::Unverified);
    assert_eq!(kept[0].anchor.quote, "Vienna");
    assert!(state.message().unwrap_or_default().contains("note changed"));

    // Emptied, it is removed; the other note keeps its place.
    keys(&mut state, "a<Enter>ga<C-u>");
    assert_eq!(draft_text(&state), "");
    assert_eq!(keys(&mut state, "<C-s>"), vec![Effect::SaveReview]);
    let kept = notes(&state);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].text, "only one source");
    let session = state.review().expect("a review");
    assert_eq!(session.overlay().review_notes, vec![(three, 0)]);
    assert!(state.message().unwrap_or_default().contains("note removed"));
}
