//! The frame around the panes: header with title and classification
//! banner, tabs in the narrow layout, the status line and the hint bar, and
//! the too-small message.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{fill, put, put_clipped, put_right};
use crate::controller::{Action, Context, Pane, State, ViewSpan, keys::format_sequence};
use crate::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::theme::{Role, Theme};

pub fn header(buffer: &mut Buffer, area: Rect, state: &State, theme: &Theme) {
    let meta = &state.briefing.meta;
    fill(buffer, area.x, area.y, area.width, theme.style(Role::Title));
    let banner = meta.classification.as_deref().map(|c| format!(" {c} "));
    // The classification marking is never cut for the title's sake.
    let banner_width = banner
        .as_deref()
        .map_or(0, |b| u16::try_from(b.chars().count()).unwrap_or(u16::MAX))
        .min(area.width);
    let title = meta.title.as_deref().unwrap_or(&meta.text_path);
    let mut room = area.width.saturating_sub(banner_width + 1);
    // How many hidden or steering characters the text holds: a reader must
    // know the markers are there even when none is on screen.
    let hazards = &state.briefing.document.hazards;
    if let Some(full) = hazards.summary() {
        // The breakdown when there is room beside the title, else the total.
        let total = hazards.controls + hazards.bidi + hazards.invisible + hazards.separators;
        let full = format!(" {full} ");
        let short = format!(" {total} marked ");
        let fits = |text: &str| {
            u16::try_from(text.chars().count()).is_ok_and(|w| w.saturating_mul(2) <= room)
        };
        let summary = if fits(&full) { full } else { short };
        let width = u16::try_from(summary.chars().count())
            .unwrap_or(u16::MAX)
            .min(room);
        let x = area.x + room - width;
        put(
            buffer,
            x,
            area.y,
            width,
            &summary,
            theme.style(Role::Marker),
        );
        room -= width;
    }
    put_clipped(
        buffer,
        area.x,
        area.y,
        room,
        &format!(" {title}"),
        theme.style(Role::Title),
    );
    if let Some(banner) = banner {
        let x = area.right().saturating_sub(banner_width);
        put(
            buffer,
            x,
            area.y,
            banner_width,
            &banner,
            theme.style(Role::Banner),
        );
    }
}

pub fn tabs(buffer: &mut Buffer, area: Rect, state: &State, theme: &Theme) {
    let mut x = area.x;
    for (number, pane) in Pane::ALL.iter().enumerate() {
        let style = if state.focus == *pane {
            theme.style(Role::TabActive)
        } else {
            theme.style(Role::Tab)
        };
        // Below 40 columns the tabs keep only their numbers and initials.
        let title = if area.width < 40 {
            pane.title().get(..1).unwrap_or_default()
        } else {
            pane.title()
        };
        let label = format!(" {} {title} ", number + 1);
        x += put(
            buffer,
            x,
            area.y,
            area.right().saturating_sub(x),
            &label,
            style,
        );
        x += put(
            buffer,
            x,
            area.y,
            area.right().saturating_sub(x),
            " ",
            theme.style(Role::Tab),
        );
    }
}

pub fn status(buffer: &mut Buffer, area: Rect, state: &State, span: &ViewSpan, theme: &Theme) {
    fill(
        buffer,
        area.x,
        area.y,
        area.width,
        theme.style(Role::Status),
    );
    if state.search.editing {
        let prompt = format!("{}\u{2581}", state.search.label);
        let mut count = match &state.search.error {
            Some(error) => error.clone(),
            None => match_count(state),
        };
        // A word about the prompt itself (a paste cut at its length).
        if let Some(message) = &state.message {
            count = format!("{count}  {message}");
        }
        let reserve = u16::try_from(count.chars().count() + 1).unwrap_or(u16::MAX);
        let used = prompt_line(buffer, area, &prompt, reserve, theme);
        put(
            buffer,
            area.x + used + 1,
            area.y,
            area.width.saturating_sub(used + 1),
            &count,
            theme.style(Role::Prompt),
        );
        return;
    }
    if let Some(draft) = state.review().and_then(|r| r.comment_draft()) {
        let prompt = format!("comment: {draft}\u{2581}");
        prompt_with_aside(
            buffer,
            area,
            &prompt,
            Some("  Enter keep \u{b7} Esc cancel"),
            theme,
        );
        return;
    }
    if state.entity_list.editing {
        let prompt = format!("filter: {}\u{2581}", state.entity_list.filter);
        prompt_with_aside(buffer, area, &prompt, state.message.as_deref(), theme);
        return;
    }
    let position = position_label(state, span);
    let style = theme.style(Role::Status);
    let right = put_right(buffer, area.right(), area.y, area.width, &position, style);
    let room = right.saturating_sub(area.x + 1);

    let mut parts: Vec<String> = Vec::new();
    let pending = pending_keys(state);
    if !pending.is_empty() {
        parts.push(pending);
    }
    if let Some(mention) = state
        .focused_mention
        .and_then(|id| state.briefing.mentions.get(id.0).map(|m| (id, m)))
    {
        let (id, mention) = mention;
        let entity = state.briefing.entity(mention.entity);
        let kind = state
            .briefing
            .kind(&entity.kind)
            .map_or(entity.kind.as_str(), |k| k.label.as_str());
        let index = entity.mentions.binary_search(&id).ok().map_or(0, |i| i + 1);
        parts.push(format!(
            "{} {} ({kind}) {index}/{}",
            crate::layout::symbols::FOCUSED,
            entity.name,
            entity.mentions.len()
        ));
    }
    if !state.search.label.is_empty() {
        parts.push(format!("{} {}", state.search.label, match_count(state)));
    }
    if let Some(session) = state.review().filter(|s| {
        let review = s.review();
        s.shown
            && !(review.verdicts.is_empty()
                && review.notes.is_empty()
                && review.mentions.is_empty())
    }) {
        let mut progress = session.overlay.progress(&state.briefing).describe();
        let review = session.review();
        for (count, one, many) in [
            (review.notes.len(), "note", "notes"),
            (
                review.mentions.len(),
                "mention of yours",
                "mentions of yours",
            ),
        ] {
            if count > 0 {
                progress.push_str(&format!(", {}", crate::wording::counted(count, one, many)));
            }
        }
        // On a preview, what lies past its end would count as orphaned.
        if session.overlay.orphan_count() > 0 && state.loading.is_none() {
            progress.push_str(&format!(", {} orphaned", session.overlay.orphan_count()));
        }
        parts.push(progress);
    }
    if let Some(loading) = &state.loading {
        parts.push(format!("loading {loading}\u{2026} (showing its start)"));
    }
    let mut x = area.x;
    let text = format!(" {}", parts.join("  \u{2502}  "));
    x += put(buffer, x, area.y, room, &text, theme.style(Role::Status));
    if let Some(message) = &state.message {
        // A long message (the summary) is cut with a sign that it goes on.
        let message = format!("  {message} ");
        put_clipped(
            buffer,
            x,
            area.y,
            right.saturating_sub(x + 1),
            &message,
            theme.style(Role::Message),
        );
    }
}

/// A one-line prompt with, after it, a word about it (its keys, a message).
fn prompt_with_aside(
    buffer: &mut Buffer,
    area: Rect,
    prompt: &str,
    aside: Option<&str>,
    theme: &Theme,
) {
    let used = prompt_line(buffer, area, prompt, 0, theme);
    if let Some(aside) = aside {
        let room = area.width.saturating_sub(used + 1);
        put(
            buffer,
            area.x + used + 1,
            area.y,
            room,
            aside,
            theme.style(Role::Prompt),
        );
    }
}

/// The status row as a prompt: filled in the prompt style, `prompt` at its
/// start, leaving `reserve` columns at the right when it can. A prompt too
/// long for its room shows its end after a `…`: the end is where typing
/// goes. Returns the columns the prompt took.
fn prompt_line(buffer: &mut Buffer, area: Rect, prompt: &str, reserve: u16, theme: &Theme) -> u16 {
    let style = theme.style(Role::Prompt);
    fill(buffer, area.x, area.y, area.width, style);
    // Never less than a few columns of the prompt, however long the rest.
    let room = area.width.saturating_sub(reserve).max(area.width.min(12));
    let prompt = crate::sanitize::line(prompt);
    let shown = match tail_within(&prompt, usize::from(room).saturating_sub(1)) {
        Some(tail) => format!("\u{2026}{tail}"),
        None => prompt.into_owned(),
    };
    put(buffer, area.x, area.y, room, &shown, style)
}

/// The end of `text` that fits in `width` columns, or `None` when all of
/// it fits in one more column than that.
fn tail_within(text: &str, width: usize) -> Option<&str> {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    if text.width() <= width + 1 {
        return None;
    }
    let mut used = 0;
    let mut start = text.len();
    for (at, grapheme) in text.grapheme_indices(true).rev() {
        used += grapheme.width();
        if used > width {
            break;
        }
        start = at;
    }
    text.get(start..)
}

fn pending_keys(state: &State) -> String {
    let mut typed = String::new();
    if let Some(count) = state.keys.count {
        typed.push_str(&count.to_string());
    }
    typed.push_str(&format_sequence(&state.keys.pending));
    if state.keys.awaiting_letter.is_some() {
        typed.push_str(" (mark letter)");
    }
    typed
}

/// `3/120`, `12,000+ matches…` while the count goes on, `searching…`
/// before anything is found.
fn match_count(state: &State) -> String {
    let search = &state.search;
    let total = search.counted;
    if search.query.is_empty() && search.names.is_none() {
        return String::new();
    }
    if search.counting {
        return match total {
            0 => "searching\u{2026}".to_string(),
            _ => format!("{}+ matches\u{2026}", thousands(total)),
        };
    }
    if total == 0 {
        return "no matches".to_string();
    }
    // The current match's number is known where every match before it
    // is kept (all of them, up to MAX_MATCHES).
    let found = &search.found;
    let index = search.current.as_ref().and_then(|current| {
        let before = found.matches.partition_point(|m| m.start < current.start);
        let all_kept = found.searched_to(0) > current.start;
        all_kept.then_some(before)
    });
    match index {
        Some(index) => format!("{}/{}", thousands(index + 1), thousands(total)),
        None => format!(
            "{} {}",
            thousands(total),
            if total == 1 { "match" } else { "matches" }
        ),
    }
}

/// `1234567` as `1,234,567`.
fn thousands(number: usize) -> String {
    let digits = number.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// `L34 42%`: the text line at the top of the view and how far down.
fn position_label(state: &State, span: &ViewSpan) -> String {
    let line = state.briefing.document.lines.line_of(span.text.start);
    let percent = span.percent;
    format!(" L{line} {percent:>3}% ")
}

/// The hint bar: the keys that matter where the keyboard is, from the
/// keymap in force (never typed in here, so it cannot drift from it).
pub fn hints(buffer: &mut Buffer, area: Rect, state: &State, theme: &Theme) {
    let mut x = area.x + 1;
    let keymap = &state.keymap;
    // The first keys bound to each action where the keyboard is.
    let bound = |context: Context, entries: &[(Action, &str)]| -> Vec<(String, String)> {
        entries
            .iter()
            .filter_map(|(action, label)| {
                let keys = keymap.keys_for(*action, context)?;
                Some((keys, (*label).to_string()))
            })
            .collect()
    };
    let entries: Vec<(String, String)> = match state.contexts().first().copied() {
        Some(Context::Picker) => bound(
            Context::Picker,
            &[
                (Action::SelectNext, "next"),
                (Action::SelectPrevious, "previous"),
                (Action::Activate, "go"),
                (Action::Back, "close"),
            ],
        ),
        Some(Context::SearchPrompt) => bound(
            Context::SearchPrompt,
            &[
                (Action::Activate, "search"),
                (Action::ToggleRegex, "regex on/off"),
                (Action::Back, "cancel"),
            ],
        ),
        Some(Context::FilterPrompt) => bound(
            Context::FilterPrompt,
            &[(Action::Activate, "keep filter"), (Action::Back, "clear")],
        ),
        Some(Context::Hints) => std::iter::once(("type".to_string(), "a label".to_string()))
            .chain(bound(Context::Hints, &[(Action::Back, "cancel")]))
            .collect(),
        Some(Context::Help) => bound(
            Context::Help,
            &[
                (Action::ScrollDown, "scroll"),
                (Action::PageDown, "page"),
                (Action::Quit, "close"),
            ],
        ),
        Some(Context::Library) => keymap.library_hints(),
        Some(Context::Relations) => bound(
            Context::Relations,
            &[
                (Action::SelectNext, "choose"),
                (Action::Activate, "follow"),
                (Action::Quit, "close"),
            ],
        ),
        _ => {
            // A text without annotations has no mentions, notes or lists
            // to advertise keys for.
            let annotated = state.briefing.meta.annotation_path.is_some();
            keymap.hints(|action| annotated || !needs_annotations(action))
        }
    };
    for (keys, label) in entries {
        let room = area.right().saturating_sub(x);
        let needed =
            u16::try_from(keys.chars().count() + label.chars().count() + 3).unwrap_or(u16::MAX);
        if needed > room {
            break;
        }
        x += put(buffer, x, area.y, room, &keys, theme.style(Role::HintKey));
        x += put(
            buffer,
            x,
            area.y,
            room,
            &format!(" {label}  "),
            theme.style(Role::HintLabel),
        );
    }
}

fn needs_annotations(action: Action) -> bool {
    matches!(
        action,
        Action::NextMention
            | Action::PreviousMention
            | Action::NextEntityMention
            | Action::PreviousEntityMention
            | Action::FollowMention
            | Action::HintLabels
            | Action::NextNote
            | Action::PreviousNote
            | Action::EntityPicker
            | Action::TimelinePicker
            | Action::NotePicker
            | Action::ShowRelations
    )
}

pub fn too_small(buffer: &mut Buffer, area: Rect, theme: &Theme) {
    let lines = [
        "terminal too small".to_string(),
        format!(
            "need {MIN_WIDTH}x{MIN_HEIGHT}, have {}x{}",
            area.width, area.height
        ),
    ];
    for (row, line) in lines.iter().enumerate() {
        let y = area.y + u16::try_from(row).unwrap_or(0);
        if y >= area.bottom() {
            break;
        }
        put(
            buffer,
            area.x,
            y,
            area.width,
            line,
            theme.style(Role::Message),
        );
    }
}
