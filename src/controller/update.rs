//! `update`: the one place the state changes. An `Input` comes in; a key
//! goes through the keymap (`resolve`) to a `Command`, which is performed
//! here or in the module that owns its part of the state; what the outside
//! world must do comes back as `Effect`s. The article is re-laid out when
//! its width changes.

use super::action::Action;
use super::command::{Command, Effect, Effects, Input};
use super::jumps::Location;
use super::lists;
use super::navigate::{self, focus_pane, record_jump, restore, scroll_by, scroll_to};
use super::pane::Pane;
use super::picker::PickerKind;
use super::resolve::{Resolved, resolve};
use super::state::{Overlay, State, article_text_width, signed};
use super::{
    across, assign, browse, hints, judge, note_editor, overlays, pick, prompt, quote, search,
    select,
};
use crate::layout::ArticleLayout;
use crate::model::{Briefing, floor_char_boundary};
use crate::review::Judgement;
use crate::wording::counted;

/// Applies one input to the state and says what else must happen.
pub fn update(state: &mut State, input: Input) -> Effects {
    if matches!(
        input,
        Input::Key(_)
            | Input::Click(..)
            | Input::Wheel { .. }
            | Input::Command(_)
            | Input::Paste(_)
    ) {
        state.touched = true;
    }
    let mut effects = match input {
        Input::Key(key) => {
            let contexts = state.contexts();
            match resolve(&mut state.keys, &state.keymap, &contexts, key) {
                Resolved::Command(command) => perform(state, command),
                Resolved::Pending => Effects::new(),
                Resolved::Dropped => {
                    state.message = None;
                    Effects::new()
                }
                Resolved::Unbound(keys) => {
                    let help = state.key_name(Action::Help);
                    state.message =
                        Some(format!("`{keys}` is not bound here; {help} lists the keys"));
                    Effects::new()
                }
                Resolved::Refused(why) => {
                    state.message = Some(why.to_string());
                    Effects::new()
                }
            }
        }
        Input::Resize(width, height) => {
            state.screen.width = width;
            state.screen.height = height;
            Effects::new()
        }
        Input::Click(column, row) => {
            state.message = None;
            super::mouse::click(state, column, row);
            Effects::new()
        }
        Input::Wheel { down, column, row } => {
            state.message = None;
            super::mouse::wheel(state, down, column, row);
            Effects::new()
        }
        // As if its keys were typed in one burst: settled at once.
        Input::Command(command) => {
            let mut effects = perform(state, command);
            search::settle(state);
            effects.extend(across::settle(state));
            effects
        }
        Input::Loaded {
            briefing,
            warnings,
            path,
        } => {
            finish_loading(state, *briefing, warnings, &path);
            Effects::new()
        }
        Input::ReviewSaved(saved) => {
            super::judge::saved(state, saved);
            Effects::new()
        }
        Input::Paste(text) => {
            prompt::paste(state, &text);
            Effects::new()
        }
        Input::Settle => {
            search::settle(state);
            across::settle(state)
        }
        Input::Library(reports) => {
            browse::absorb(state, reports);
            Effects::new()
        }
        Input::Opened { open, briefing } => {
            browse::opened(state, open, briefing);
            Effects::new()
        }
        Input::LibraryFound { generation, hits } => {
            across::found(state, generation, hits);
            Effects::new()
        }
        Input::Counted(report) => {
            search::counted(state, report);
            Effects::new()
        }
        Input::Reported(report) => {
            state.message = Some(report);
            Effects::new()
        }
        Input::Reloaded {
            briefing,
            problems,
            warnings,
        } => {
            reload(state, briefing.map(|b| *b), problems, warnings);
            Effects::new()
        }
    };
    sync_layout(state);
    // A search started or left asks for its counting thread, or ends it.
    effects.extend(search::counting_effect(state));
    effects
}

/// Puts the fully loaded briefing in place of the preview the reader
/// started with. The preview's text is the start of the full text, so
/// every byte offset held (view, reading position, marks, jumps, search)
/// still means the same place.
fn finish_loading(state: &mut State, briefing: Briefing, warnings: usize, named: &str) {
    let caret = state.caret;
    // Where the review's marks were put on the preview: only a reader who
    // has moved may have set one again since.
    let marks_on_preview = state
        .review
        .as_ref()
        .filter(|_| state.touched)
        .map(|session| session.places(&state.briefing).marks)
        .unwrap_or_default();
    replace_briefing(state, briefing);
    state.loading = None;
    if state.touched {
        // The preview's text starts the full one: the caret is where it was.
        state.caret = caret;
        state.retake_review_marks(&marks_on_preview);
    } else {
        // The preview may have been too short to hold the review's places.
        state.resume_review_places();
    }
    // The preview knew no summary: show it now, as the first frame of a
    // whole load does, unless a message of the reader's own is up or a key
    // has been pressed (which would have cleared it).
    if state.message.is_none() && !state.touched {
        state.message = state.briefing.meta.summary.clone();
    }
    if warnings > 0 {
        let path = crate::sanitize::line(named).into_owned();
        state.message = Some(format!(
            "loaded with {}: `brief check {path}` lists them",
            counted(warnings, "warning", "warnings")
        ));
    }
}

/// Puts a briefing read again from disk (`R`) in place of the one shown,
/// keeping the view where it was as nearly as the new text allows. When
/// the new files do not load, the old briefing stays and `problems` (the
/// rendered diagnostics) are shown over it.
fn reload(state: &mut State, briefing: Option<Briefing>, problems: Vec<String>, warnings: usize) {
    match briefing {
        Some(briefing) => {
            replace_briefing(state, briefing);
            state.message = Some(if warnings == 0 {
                "reloaded".to_string()
            } else {
                format!("reloaded with {}", counted(warnings, "warning", "warnings"))
            });
        }
        None => {
            state.overlay = Some(Overlay::Diagnostics {
                lines: problems,
                scroll: 0,
                title: None,
            });
            state.message =
                Some("the files on disk do not load; still showing the old ones".into());
        }
    }
}

/// Swaps the briefing, keeping every place held (view, reading position,
/// marks, jumps) by its byte offset, cut back to the new text's length and
/// to a character boundary of it (a reload's text may have changed). What
/// names a mention, entity or note by number is dropped: the numbers are
/// the old briefing's.
fn replace_briefing(state: &mut State, briefing: Briefing) {
    let top = state.top_offset();
    // The selections by their ids in the file: the new briefing's numbers
    // differ, its ids mostly do not.
    let entity_id = state
        .selected_entity
        .map(|id| state.briefing.entity(id).id.clone());
    let event_id = state
        .briefing
        .events
        .get(state.selected_event)
        .map(|event| event.id.clone());
    state.briefing = briefing;
    if let Some(session) = &mut state.review {
        session.rebase(&state.briefing);
    }
    let text = &state.briefing.document.text;
    let place = |offset: usize| floor_char_boundary(text, offset);
    let forget = |location: &mut Location| {
        location.top = place(location.top);
        location.cursor = place(location.cursor);
        location.mention = None;
        location.entity = None;
        location.note = None;
        location.event = 0;
    };
    state.jumps.for_each_mut(forget);
    state.marks.values_mut().for_each(forget);
    if let Some(location) = &mut state.before_jump {
        forget(location);
    }
    let top = place(top);
    state.cursor = place(state.cursor);
    state.layout = ArticleLayout::new(state.layout.width);
    state.top = state.layout.pos_of_offset(&state.briefing.document, top);
    state.focused_mention = None;
    state.focused_note = None;
    state.focused_review_note = None;
    // The caret's offsets were the old text's.
    state.caret = None;
    state.selected_entity = entity_id.and_then(|id| state.briefing.entity_by_id(&id));
    state.selected_event = event_id
        .and_then(|id| state.briefing.events.iter().position(|e| e.id == id))
        .unwrap_or(0);
    state.card_scroll = 0;
    if matches!(
        state.overlay,
        Some(Overlay::Picker(_) | Overlay::Relations { .. } | Overlay::Hints { .. })
    ) {
        // Its rows were of the old briefing.
        state.overlay = None;
    }
    state.view.folded = state.briefing.meta.annotation_path.is_none();
    if state.view.folded {
        navigate::focus_pane(state, Pane::Article);
    }
    state.derive_from_briefing();
    search::rematch(state);
    navigate::clamp_top(state);
}

/// Re-wraps the article when its text width changed, keeping the same text
/// at the top of the view.
fn sync_layout(state: &mut State) {
    let width = article_text_width(&state.panes());
    if width > 0 && width != state.layout.width {
        let top = state.top_offset();
        state.layout = ArticleLayout::new(width);
        state.top = state.layout.pos_of_offset(&state.briefing.document, top);
    }
    navigate::clamp_top(state);
}

/// Performs a command. A message belongs to the command that made it, so
/// the last one is cleared first. When only one pane fits on screen and the
/// command moved the article from another pane, the article comes forward
/// to show where it went.
fn perform(state: &mut State, command: Command) -> Effects {
    state.message = None;
    let before = (state.top, state.cursor, state.focus);
    let effects = perform_here(state, command);
    // A command that chose a pane itself (Ctrl-o restoring the list) keeps
    // it; one that only moved the article shows it.
    let moved = (before.0, before.1) != (state.top, state.cursor);
    if moved && state.focus == before.2 && state.panes().article.is_none() {
        navigate::focus_pane(state, Pane::Article);
    }
    effects
}

fn perform_here(state: &mut State, command: Command) -> Effects {
    let action = command.action;
    match action {
        Action::Interrupt => return vec![Effect::Quit],
        Action::Suspend => return vec![Effect::Suspend],
        _ => {}
    }
    if state.is_typing() {
        return prompt::perform(state, command);
    }
    // A verdict on the relation under the relations list's cursor.
    match action {
        Action::Confirm => return judge::judge(state, Judgement::Confirmed),
        Action::Dispute => return judge::judge(state, Judgement::Disputed),
        Action::MarkWrong => return judge::judge(state, Judgement::Wrong),
        _ => {}
    }
    if overlays::scrolls(state) {
        return overlays::perform(state, command);
    }
    if state.library_showing() {
        // Across the library from its list as from a briefing of it.
        match command.action {
            Action::LibraryEntities => across::open_entities(state),
            Action::LibraryTimeline => across::open_timeline(state),
            Action::LibrarySearch => across::open_search(state),
            _ => return browse::perform(state, command),
        }
        return Effects::new();
    }
    let times = command.times();
    let count = command.count();
    let rows = state.viewport_rows();
    let page = rows.saturating_sub(2).max(1);
    let half = (rows / 2).max(1);
    match action {
        Action::ScrollDown => scroll_by(state, signed(times)),
        Action::ScrollUp => scroll_by(state, -signed(times)),
        // A count is rows, and the new size of every later half page.
        Action::HalfPageDown | Action::HalfPageUp => {
            if count.is_some() {
                state.half_page = count;
            }
            let rows = signed(state.half_page.unwrap_or(half).max(1));
            scroll_by(
                state,
                if action == Action::HalfPageDown {
                    rows
                } else {
                    -rows
                },
            );
        }
        Action::PageDown => scroll_by(state, signed(page.saturating_mul(times))),
        Action::PageUp => scroll_by(state, -signed(page.saturating_mul(times))),
        Action::GoTop | Action::GoBottom => match count {
            Some(line) => navigate::go_to_text_line(state, line),
            None => {
                record_jump(state);
                // The focus does not follow to the far end: Tab there starts
                // from what is on screen.
                state.focused_mention = None;
                let row = if action == Action::GoTop {
                    state.layout.first()
                } else {
                    state.last_top()
                };
                scroll_to(state, row);
                // Reading resumes at the top of what is now on screen, so
                // Tab after G finds the first mention there.
                state.cursor = if action == Action::GoTop {
                    0
                } else {
                    state.top_offset()
                };
            }
        },
        Action::GoPercent => match count {
            Some(percent) => navigate::go_to_percent(state, percent),
            None => state.message = Some("type a number first, e.g. 50%".to_string()),
        },
        Action::CenterView => navigate::place_view(state, true),
        Action::ViewToTop => navigate::place_view(state, false),
        Action::NextMention | Action::PreviousMention => {
            navigate::step_mention(state, action == Action::NextMention, times);
            select::follow_focus(state);
        }
        Action::NextEntityMention => navigate::step_entity_mention(state, true, times),
        Action::PreviousEntityMention => navigate::step_entity_mention(state, false, times),
        Action::FollowMention => lists::follow_mention(state),
        Action::NextSection => navigate::step_section(state, true, times),
        Action::PreviousSection => navigate::step_section(state, false, times),
        Action::NextNote => navigate::step_note(state, true, times),
        Action::PreviousNote => navigate::step_note(state, false, times),
        Action::SelectNext => lists::select(state, signed(times)),
        Action::SelectPrevious => lists::select(state, -signed(times)),
        Action::SelectFirst => lists::select_at(state, count.map_or(0, |n| n.saturating_sub(1))),
        Action::SelectLast => {
            lists::select_at(state, count.map_or(usize::MAX, |n| n.saturating_sub(1)))
        }
        Action::Activate => lists::activate(state),
        Action::ShowRelations => lists::show_relations(state),
        Action::CardDown => lists::scroll_card(state, signed(times)),
        Action::CardUp => lists::scroll_card(state, -signed(times)),
        Action::FilterEntities => {
            focus_pane(state, Pane::Entities);
            state.entity_list.editing = true;
        }
        Action::EntityPicker => pick::open(state, PickerKind::Entities),
        Action::TimelinePicker => pick::open(state, PickerKind::Events),
        Action::OutlinePicker => pick::open(state, PickerKind::Outline),
        Action::NotePicker => pick::open(state, PickerKind::Notes),
        Action::Search => {
            focus_pane(state, Pane::Article);
            search::start(state);
        }
        Action::SearchNext => search::step(state, true, times),
        Action::SearchPrevious => search::step(state, false, times),
        Action::SearchEntity => search::search_entity(state),
        Action::JumpBack => jump(state, true, times),
        Action::JumpForward => jump(state, false, times),
        Action::SetMark => {
            if let Some(letter) = command.letter() {
                let here = state.location();
                state.marks.insert(letter, here);
                state.message = Some(format!("mark '{letter}' set"));
                if letter.is_ascii_uppercase() {
                    return judge::keep_mark(state, letter, here.top);
                }
            }
        }
        Action::GoToMark => go_to_mark(state, command.letter().unwrap_or('?')),
        Action::HintLabels => hints::open(state),
        Action::CopyQuote => return quote::copy(state),
        // Performed above, overlays or not.
        Action::Confirm | Action::Dispute | Action::MarkWrong => {}
        Action::NextUnjudged => judge::step_unjudged(state, true),
        Action::PreviousUnjudged => judge::step_unjudged(state, false),
        Action::ToggleReviewLayer => judge::toggle_layer(state),
        Action::CommentVerdict => judge::start_comment(state),
        Action::EnterCaret => select::enter(state, false),
        Action::ToggleSelection => select::toggle_selection(state),
        Action::CaretLeft
        | Action::CaretRight
        | Action::CaretDown
        | Action::CaretUp
        | Action::WordNext
        | Action::WordEnd
        | Action::WordBack
        | Action::LineStart
        | Action::LineEnd => select::motion(state, action, times),
        Action::AddNote => note_editor::open(state),
        Action::NewMention => assign::new_mention(state),
        Action::Repoint => assign::repoint(state),
        Action::ReviewList => match &state.review {
            Some(_) => {
                let lines = overlays::review_lines(state);
                state.overlay = Some(Overlay::Review { lines, scroll: 0 });
            }
            None => state.message = Some("no review is open for this briefing".to_string()),
        },
        Action::NextPane => focus_pane(state, state.focus.step(1, true)),
        Action::PaneLeft => focus_pane(state, state.focus.step(-1, false)),
        Action::PaneRight => focus_pane(state, state.focus.step(1, false)),
        Action::FocusArticle => focus_pane(state, Pane::Article),
        Action::FocusEntities => focus_pane(state, Pane::Entities),
        Action::FocusTimeline => focus_pane(state, Pane::Timeline),
        Action::ToggleZoom => navigate::toggle_zoom(state),
        Action::WidenSides => navigate::resize_sides(state, signed(times)),
        Action::NarrowSides => navigate::resize_sides(state, -signed(times)),
        Action::ResetSides => navigate::resize_sides(state, 0),
        Action::Info => state.overlay = Some(Overlay::Info { scroll: 0 }),
        Action::Reload => return browse::reload(state),
        Action::Help => state.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Back => back(state),
        Action::LibraryEntities => across::open_entities(state),
        Action::LibraryTimeline => across::open_timeline(state),
        Action::LibrarySearch => across::open_search(state),
        Action::FollowElsewhere => return browse::follow_elsewhere(state, true, count),
        Action::FollowElsewhereBack => return browse::follow_elsewhere(state, false, count),
        // The library's list's own.
        Action::FilterLibrary | Action::CycleSort | Action::LibraryProblems => {}
        Action::Quit => {
            if state.overlay.take().is_none() {
                if browse::show_list(state) {
                    return Effects::new();
                }
                let mut effects = judge::keep_position(state);
                effects.push(Effect::Quit);
                return effects;
            }
        }
        Action::Interrupt
        | Action::Suspend
        | Action::DeleteChar
        | Action::DeleteWord
        | Action::ClearPrompt
        | Action::ToggleRegex
        | Action::TypeChar
        // The note editor's own: performed in `note_editor` through `prompt`.
        | Action::KeepNote
        | Action::NewLine
        | Action::NextKind
        | Action::PreviousKind
        | Action::KindComment
        | Action::KindUnverified
        | Action::KindDisputed
        | Action::KindError
        | Action::KindGap
        | Action::CycleReliability
        | Action::CycleCredibility
        | Action::DeleteForward => {}
    }
    Effects::new()
}

/// `'a`, and `''` for the place before the latest jump (which becomes
/// this place, so `''` again comes back, as in vim and less).
fn go_to_mark(state: &mut State, letter: char) {
    let target = match letter {
        '\'' | '`' => state.before_jump,
        letter => state.marks.get(&letter).copied(),
    };
    match target {
        Some(location) => {
            record_jump(state);
            restore(state, location);
        }
        None if matches!(letter, '\'' | '`') => {
            state.message = Some("no jump yet to go back from".to_string());
        }
        None => state.message = Some(format!("mark '{letter}' is not set")),
    }
}

fn jump(state: &mut State, backward: bool, times: usize) {
    for _ in 0..times {
        let here = state.location();
        let target = if backward {
            state.jumps.back(here)
        } else {
            state.jumps.forward()
        };
        match target {
            Some(location) => restore(state, location),
            None if backward && browse::back_out(state) => return,
            None => {
                let end = if backward { "oldest" } else { "newest" };
                state.message = Some(format!("already at the {end} place in the jump list"));
                return;
            }
        }
    }
}

/// `Esc`: back out one level.
fn back(state: &mut State) {
    if state.overlay.take().is_some() {
        return;
    }
    if select::back(state) {
        return;
    }
    if !state.search.found.matches.is_empty() || !state.search.label.is_empty() {
        state.search = Default::default();
        return;
    }
    if !state.entity_list.filter.is_empty() {
        state.entity_list.filter.clear();
        state.refresh_entity_rows();
        return;
    }
    if state.focused_review_note.take().is_some() {
        state.card_scroll = 0;
        return;
    }
    if state.focused_note.take().is_some() {
        state.card_scroll = 0;
        return;
    }
    if state.focused_mention.take().is_some() {
        return;
    }
    if state.focus != Pane::Article {
        focus_pane(state, Pane::Article);
        return;
    }
    state.message = Some(format!("press {} to quit", state.key_name(Action::Quit)));
}
