//! The text overlays — help, briefing info, and a reload's diagnostics —
//! as lines: what each says (the help from the keymap and the screen's
//! symbols, the info from the briefing's metadata) wrapped to its box, and
//! scrolling through them with the same keys that scroll the article.

use super::action::Action;
use super::command::{Command, Effects};
use super::state::{Overlay, State};
use crate::layout::{self, symbols};
use crate::wording::counted;

/// Whether the open overlay is one of the scrolling text ones.
pub fn scrolls(state: &State) -> bool {
    matches!(
        state.overlay,
        Some(
            Overlay::Help { .. }
                | Overlay::Info { .. }
                | Overlay::Diagnostics { .. }
                | Overlay::Review { .. }
        )
    )
}

/// The open text overlay's title and lines (headings flagged), wrapped to
/// its box.
pub fn lines(state: &State) -> (String, Vec<(bool, String)>) {
    let width = usize::from(inside(state).width.max(1));
    let closes = format!("{} closes", state.key_name(Action::Quit));
    let (title, raw) = match &state.overlay {
        Some(Overlay::Help { .. }) => (
            format!(
                "Keys \u{b7} {}/{}, {}, {} scroll \u{b7} {closes}",
                state.key_name(Action::ScrollDown),
                state.key_name(Action::ScrollUp),
                state.key_name(Action::PageDown),
                state.key_name(Action::GoBottom)
            ),
            state.keymap.help_lines(&symbols::legend()),
        ),
        Some(Overlay::Info { .. }) => (
            format!("About this briefing \u{b7} {closes}"),
            info_lines(state),
        ),
        Some(Overlay::Diagnostics { lines, title, .. }) => (
            match title {
                Some(title) => format!("{title} \u{b7} {closes}"),
                None => {
                    format!("Reload failed \u{b7} the old briefing is still shown \u{b7} {closes}")
                }
            },
            lines.iter().map(|line| (false, line.clone())).collect(),
        ),
        Some(Overlay::Review { lines, .. }) => (
            format!("Your review \u{b7} {closes}"),
            lines
                .iter()
                .map(|line| match line.strip_prefix('#') {
                    Some(heading) => (true, heading.trim_start_matches('#').trim().to_string()),
                    None => (false, line.clone()),
                })
                .collect(),
        ),
        _ => (String::new(), Vec::new()),
    };
    let mut wrapped = Vec::with_capacity(raw.len());
    for (heading, line) in raw {
        let clean = crate::sanitize::line(&line).into_owned();
        let indent = clean.len() - clean.trim_start().len();
        let ranges = layout::wrap(&clean, width);
        if ranges.is_empty() {
            wrapped.push((heading, String::new()));
        }
        for (index, range) in ranges.into_iter().enumerate() {
            let piece = clean.get(range).unwrap_or_default();
            // Continuation rows keep the line's indent.
            let lead = if index == 0 { 0 } else { indent.min(width / 2) };
            wrapped.push((heading, format!("{}{piece}", " ".repeat(lead))));
        }
    }
    (title, wrapped)
}

/// Inside the overlay's border.
pub fn inside(state: &State) -> layout::Area {
    layout::inner(layout::help_box(layout::overlay_area(&state.panes())))
}

/// Scrolling keys scroll the overlay; help, quit and back close it.
pub(crate) fn perform(state: &mut State, command: Command) -> Effects {
    let rows = usize::from(inside(state).height).max(1);
    let total = lines(state).1.len();
    let in_info = matches!(state.overlay, Some(Overlay::Info { .. }));
    let quit_key = state.key_name(Action::Quit);
    let in_diagnostics = matches!(state.overlay, Some(Overlay::Diagnostics { .. }));
    let last = total.saturating_sub(rows);
    let Some(
        Overlay::Help { scroll }
        | Overlay::Info { scroll }
        | Overlay::Diagnostics { scroll, .. }
        | Overlay::Review { scroll, .. },
    ) = &mut state.overlay
    else {
        return Effects::new();
    };
    let times = command.times();
    let page = rows.saturating_sub(2).max(1);
    // As in the article: a count before d/u is rows, not half pages.
    let half = command.count().unwrap_or((rows / 2).max(1));
    *scroll = match command.action {
        Action::ScrollDown => scroll.saturating_add(times),
        Action::ScrollUp => scroll.saturating_sub(times),
        Action::HalfPageDown => scroll.saturating_add(half),
        Action::HalfPageUp => scroll.saturating_sub(half),
        Action::PageDown => scroll.saturating_add(page.saturating_mul(times)),
        Action::PageUp => scroll.saturating_sub(page.saturating_mul(times)),
        // With a count, as in the article: that line.
        Action::GoTop | Action::GoBottom => match command.count() {
            Some(line) => line.saturating_sub(1),
            None if command.action == Action::GoTop => 0,
            None => last,
        },
        Action::GoPercent => match command.count() {
            Some(percent) => total.saturating_mul(percent.min(100)) / 100,
            None => *scroll,
        },
        // From the help, `=` goes on to the info; `R` from a failed reload
        // tries again.
        Action::Info if !in_info => {
            state.overlay = Some(Overlay::Info { scroll: 0 });
            return Effects::new();
        }
        Action::Reload if in_diagnostics => {
            state.overlay = None;
            return vec![super::command::Effect::Reload];
        }
        Action::Help | Action::Info | Action::Quit | Action::Back | Action::ReviewList => {
            state.overlay = None;
            return Effects::new();
        }
        _ => {
            state.message = Some(format!("{quit_key} closes this overlay"));
            *scroll
        }
    }
    .min(last);
    Effects::new()
}

/// What the briefing says about itself, where it came from and what it
/// holds.
fn info_lines(state: &State) -> Vec<(bool, String)> {
    let briefing = &state.briefing;
    let meta = &briefing.meta;
    let mut lines = vec![(
        true,
        meta.title.clone().unwrap_or_else(|| "(untitled)".into()),
    )];
    let fields = [
        ("source", meta.source.as_deref()),
        ("published", meta.published.as_deref()),
        ("classification", meta.classification.as_deref()),
    ];
    for (name, value) in fields {
        if let Some(value) = value {
            lines.push((false, format!("{name}: {value}")));
        }
    }
    if let Some(summary) = &meta.summary {
        lines.push((false, String::new()));
        lines.push((true, "Summary".to_string()));
        lines.push((false, summary.clone()));
    }
    lines.push((false, String::new()));
    lines.push((true, "Files".to_string()));
    lines.push((false, format!("text: {}", meta.text_path)));
    lines.push((
        false,
        match &meta.annotation_path {
            Some(path) => format!("annotations: {path}"),
            None => "annotations: none (the text alone)".to_string(),
        },
    ));
    let document = &briefing.document;
    lines.push((false, String::new()));
    lines.push((true, "Contents".to_string()));
    lines.push((
        false,
        format!(
            "{}, {}",
            counted(document.text.len(), "byte", "bytes"),
            counted(document.lines.line_count(), "line", "lines")
        ),
    ));
    lines.push((
        false,
        [
            counted(briefing.entities.len(), "entity", "entities"),
            counted(briefing.mentions.len(), "mention", "mentions"),
            counted(briefing.relations.len(), "relation", "relations"),
            counted(briefing.events.len(), "event", "events"),
            counted(briefing.notes.len(), "note", "notes"),
        ]
        .join(", "),
    ));
    if let Some(hazards) = document.hazards.summary() {
        lines.push((false, format!("marked in the text: {hazards}")));
    }
    if let Some(session) = &state.review {
        lines.push((false, String::new()));
        lines.push((true, "Your review".to_string()));
        lines.push((false, session.overlay.progress(briefing).describe()));
        let review = &session.review;
        if !(review.notes.is_empty() && review.mentions.is_empty()) {
            lines.push((
                false,
                format!(
                    "yours: {}, {}",
                    counted(review.notes.len(), "note", "notes"),
                    counted(review.mentions.len(), "mention", "mentions")
                ),
            ));
        }
        if session.overlay.orphan_count() > 0 || session.overlay.moved > 0 {
            lines.push((
                false,
                format!(
                    "{} found elsewhere in a changed text, {} not found (orphaned)",
                    session.overlay.moved,
                    session.overlay.orphan_count()
                ),
            ));
        }
        lines.push((
            false,
            match (&session.read_only, &session.place) {
                (Some(why), _) => format!("read-only: {why}"),
                (None, Some(place)) => format!("kept in {place}"),
                (None, None) => "nothing written yet: the first verdict makes the file".to_string(),
            },
        ));
        lines.push((
            false,
            format!("{} lists every verdict", state.key_name(Action::ReviewList)),
        ));
    }
    lines
}

/// The review as a list to read in the reader: the report `brief review
/// export` prints, by section, orphans last with their quotes and
/// comments.
pub(crate) fn review_lines(state: &State) -> Vec<String> {
    let Some(session) = &state.review else {
        return Vec::new();
    };
    crate::review::export::markdown(&session.review, &state.briefing)
        .lines()
        .map(|line| line.replace("**", ""))
        .collect()
}
