//! The timeline list's rows: where an event's date and title go across the
//! list, the title wrapped to at most two rows, and so which rows each
//! event takes. Drawing (`ui::timeline`) and mouse clicks
//! (`controller::mouse`) both go through [`TimelineRows`], so a click lands
//! on the event drawn under it. Dates and titles are made safe
//! (`sanitize::line`) and cut here, and events that would look the same
//! once cut are told apart. Pure: events and widths in, rows of text out;
//! no ratatui types, no state.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use super::panes::{tall_list_entry_at, tall_list_window};
use super::text::{cell_width, graphemes};
use super::wrap::wrap;
use crate::model::Event;
use crate::sanitize;

/// Columns before the date: the on-screen marker and a space.
pub const DATE_X: u16 = 2;
/// The least the date column takes where the dates need it.
const DATE_WIDTH: usize = 14;
/// Below this many columns beside the date, a title is too cut up to read
/// there: the date goes on a row of its own and the title under it.
const TITLE_MIN: u16 = 20;
/// How far a title under its date is indented from the date.
const STACK_INDENT: u16 = 2;

/// One row of an event in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryRow {
    /// The date, at [`DATE_X`]; empty on a title's second row.
    pub date: String,
    /// Where the title's text starts, from the list's left edge.
    pub title_x: u16,
    /// This row's part of the title; empty on a date's own row.
    pub title: String,
}

/// Where the parts of an event go across the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    /// Columns from the date on.
    content: u16,
    /// The date column: dates wider than this get a row of their own.
    date: u16,
    title_x: u16,
    title: u16,
    /// Every date on its own row, the title under it.
    stacked: bool,
}

impl Columns {
    fn new(width: u16, longest_date: usize) -> Columns {
        let content = width.saturating_sub(DATE_X);
        // The date column fits the longest date, within a third of a wide
        // list; a longer date takes a row of its own.
        let date = longest_date.min(DATE_WIDTH.max(usize::from(width) / 3));
        let date = u16::try_from(date).unwrap_or(u16::MAX).min(content);
        let title = content.saturating_sub(date.saturating_add(1));
        if title >= TITLE_MIN {
            return Columns {
                content,
                date,
                title_x: DATE_X + date + 1,
                title,
                stacked: false,
            };
        }
        let title_x = (DATE_X + STACK_INDENT).min(width);
        Columns {
            content,
            date: content,
            title_x,
            title: width - title_x,
            stacked: true,
        }
    }
}

/// The rows of a timeline's events in a list `width` columns wide.
pub struct TimelineRows<'a> {
    events: &'a [Event],
    columns: Columns,
    memo: &'a TimelineMemo,
}

/// Rows already laid out, for one set of columns: a frame asks for the
/// same events' rows several times (the window, the drawing, a click), and
/// telling look-alikes apart scans an event's whole date group, which in a
/// long timeline with many events on one day is most of the cost. Like
/// the article's layout cache, a memo of a pure function: whoever holds it
/// clears it when the events change.
#[derive(Debug, Default)]
pub struct TimelineMemo {
    laid_out: RefCell<LaidOut>,
}

/// The columns the rows were laid out for, and each event's rows.
type LaidOut = (Option<Columns>, HashMap<usize, Arc<[EntryRow]>>);

impl TimelineMemo {
    /// Forgets every row (new events).
    pub fn clear(&self) {
        let mut laid_out = self.laid_out.borrow_mut();
        laid_out.0 = None;
        laid_out.1.clear();
    }
}

impl Clone for TimelineMemo {
    /// A copy starts empty: it is only a cache.
    fn clone(&self) -> Self {
        TimelineMemo::default()
    }
}

impl<'a> TimelineRows<'a> {
    /// `longest_date`: columns of the longest readable date of `events`;
    /// `memo` keeps rows between calls (and frames) for these events.
    pub fn new(
        events: &'a [Event],
        width: u16,
        longest_date: usize,
        memo: &'a TimelineMemo,
    ) -> Self {
        TimelineRows {
            events,
            columns: Columns::new(width, longest_date),
            memo,
        }
    }

    /// The rows event `index` takes (see [`TimelineRows::lay_out_event`]),
    /// laid out once per set of columns.
    pub fn rows(&self, index: usize) -> Arc<[EntryRow]> {
        let mut laid_out = self.memo.laid_out.borrow_mut();
        if laid_out.0 != Some(self.columns) {
            *laid_out = (Some(self.columns), HashMap::new());
        }
        laid_out
            .1
            .entry(index)
            .or_insert_with(|| self.lay_out_event(index).into())
            .clone()
    }

    /// The rows event `index` takes: one or two, three for a date longer
    /// than the list is wide. On a wide enough list the date stands in a
    /// column left of the title, which wraps to a second row; on a narrow
    /// one, or for a date too long for its column, the date has a row of
    /// its own and the title follows on the next.
    fn lay_out_event(&self, index: usize) -> Vec<EntryRow> {
        let Some((date, title)) = self.texts(index) else {
            return Vec::new();
        };
        let plain = self.lay_out(&date, &title);
        let group = self.look_alikes(index, &date, &plain);
        if group.len() < 2 {
            return plain;
        }
        self.told_apart(index, &date, &group)
    }

    /// The first event to show in a list `height` rows high, with the
    /// selected one whole on screen (as `list_window` for one-row lines).
    pub fn window(&self, selected: usize, height: usize) -> usize {
        tall_list_window(selected, self.events.len(), height, |i| self.rows(i).len())
    }

    /// The event drawn on row `row` (from the list's top) of a list whose
    /// first event shown is `first`.
    pub fn entry_at(&self, first: usize, row: usize) -> Option<usize> {
        tall_list_entry_at(first, self.events.len(), row, |i| self.rows(i).len())
    }

    /// An event's date and title as shown: markers for anything unsafe.
    fn texts(&self, index: usize) -> Option<(Cow<'a, str>, Cow<'a, str>)> {
        let event = self.events.get(index)?;
        Some((
            sanitize::line(event.date.readable()),
            sanitize::line(&event.title),
        ))
    }

    /// An event's rows, titles cut where they do not fit.
    fn lay_out(&self, date: &str, title: &str) -> Vec<EntryRow> {
        let columns = self.columns;
        let title_x = columns.title_x;
        if columns.stacked || columns_of(date) > usize::from(columns.date) {
            let mut rows: Vec<EntryRow> = date_lines(date, usize::from(columns.content))
                .into_iter()
                .map(|date| EntryRow {
                    date,
                    title_x,
                    title: String::new(),
                })
                .collect();
            rows.push(EntryRow {
                date: String::new(),
                title_x,
                title: cut(title, usize::from(columns.title)),
            });
            return rows;
        }
        wrap_title(title, usize::from(columns.title), 2)
            .into_iter()
            .enumerate()
            .map(|(row, line)| EntryRow {
                date: if row == 0 {
                    date.to_string()
                } else {
                    String::new()
                },
                title_x,
                title: line,
            })
            .collect()
    }

    /// The events that would look exactly like event `index` (`plain`), it
    /// included, in timeline order. Only events with the same date can:
    /// dates are cut only when longer than the whole list is wide. Events
    /// with the same date sit together in timeline order, so only the
    /// neighbours are looked at.
    fn look_alikes(&self, index: usize, date: &str, plain: &[EntryRow]) -> Vec<usize> {
        let same_date = |j: usize| {
            self.events
                .get(j)
                .is_some_and(|e| sanitize::line(e.date.readable()) == date)
        };
        let mut start = index;
        while start > 0 && same_date(start - 1) {
            start -= 1;
        }
        let mut end = index + 1;
        while same_date(end) {
            end += 1;
        }
        // A look-alike's title starts with this event's first title row
        // (without its ellipsis): a cheap test before laying it out.
        let lead = plain
            .iter()
            .map(|row| row.title.trim_end_matches('\u{2026}'))
            .find(|title| !title.is_empty())
            .unwrap_or_default();
        (start..end)
            .filter(|&j| {
                j == index
                    || self.texts(j).is_some_and(|(date, title)| {
                        title.starts_with(lead) && self.lay_out(&date, &title) == plain
                    })
            })
            .collect()
    }

    /// Event `index`'s rows when it looks like the others of `group`: each
    /// title shown from the word in which the titles part, after a short
    /// head; if that still leaves two alike (the same title twice), each
    /// numbered within the group.
    fn told_apart(&self, index: usize, date: &str, group: &[usize]) -> Vec<EntryRow> {
        let titles: Vec<Cow<'_, str>> = group
            .iter()
            .filter_map(|&j| self.texts(j).map(|(_, title)| title))
            .collect();
        let common = common_prefix(&titles);
        let room = usize::from(self.columns.title) * if self.columns.stacked { 1 } else { 2 };
        let skipped: Vec<Vec<EntryRow>> = titles
            .iter()
            .map(|title| self.lay_out(date, &skip_to(title, common, room)))
            .collect();
        let position = group.iter().position(|&j| j == index).unwrap_or(0);
        let distinct = skipped
            .iter()
            .enumerate()
            .all(|(a, rows)| skipped.iter().skip(a + 1).all(|other| other != rows));
        if distinct {
            return skipped.into_iter().nth(position).unwrap_or_default();
        }
        let title = titles.get(position).map_or("", |t| t.as_ref());
        self.lay_out(date, &format!("({}) {title}", position + 1))
    }
}

/// Columns a text takes.
fn columns_of(text: &str) -> usize {
    graphemes(text).map(|(_, g)| cell_width(g)).sum()
}

/// `text` if it fits in `width` columns, else as much as fits before `…`.
fn cut(text: &str, width: usize) -> String {
    if columns_of(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut kept = String::new();
    let mut used = 0;
    for (_, grapheme) in graphemes(text) {
        let columns = cell_width(grapheme);
        if used + columns > width - 1 {
            break;
        }
        kept.push_str(grapheme);
        used += columns;
    }
    let mut kept = kept.trim_end().to_string();
    kept.push('\u{2026}');
    kept
}

/// A date on one row if it fits, else on two: a range broken after its
/// dash ("22 Mar 2024–" over "c. 25 Mar 2024"), anything else word-wrapped;
/// cut only if even two rows are too few.
fn date_lines(date: &str, width: usize) -> Vec<String> {
    if columns_of(date) <= width {
        return vec![date.to_string()];
    }
    if let Some((start, end)) = date.split_once('\u{2013}') {
        let start = format!("{start}\u{2013}");
        if columns_of(&start) <= width {
            return vec![start, cut(end, width)];
        }
    }
    wrap_title(date, width, 2)
}

/// A title word-wrapped to `width` columns in at most `rows` rows, the
/// last ending in `…` if the title goes on.
fn wrap_title(title: &str, width: usize, rows: usize) -> Vec<String> {
    let lines = wrap(title, width);
    let line = |range: std::ops::Range<usize>| title.get(range).unwrap_or_default().to_string();
    if lines.len() <= rows {
        return lines.into_iter().map(line).collect();
    }
    let mut shown: Vec<String> = lines.iter().take(rows - 1).cloned().map(line).collect();
    // The last row takes the rest of the title, cut: fuller than the
    // wrapped line, which ended before a word that did not fit.
    let rest = lines
        .get(rows - 1)
        .and_then(|last| title.get(last.start..))
        .unwrap_or_default();
    shown.push(cut(rest, width));
    shown
}

/// Bytes at the start that all of `texts` share, ending on a character
/// boundary.
fn common_prefix(texts: &[Cow<'_, str>]) -> usize {
    let Some(first) = texts.first() else {
        return 0;
    };
    let mut common = first.len();
    for text in texts.iter().skip(1) {
        let shared = first
            .bytes()
            .zip(text.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        common = common.min(shared);
    }
    // Bytes can part inside a character; what the texts share up to a
    // boundary of the first is a boundary of each.
    while !first.is_char_boundary(common) {
        common -= 1;
    }
    common
}

/// `title` shown from the word containing byte `common` (where a group of
/// look-alike titles part), after as many of its first words as fit in a
/// third of `room` columns: "US Embassy … theatres".
fn skip_to(title: &str, common: usize, room: usize) -> String {
    let before = title.get(..common).unwrap_or(title);
    let from = before.rfind(' ').map_or(0, |space| space + 1);
    if from == 0 {
        return title.to_string();
    }
    let mut head = String::new();
    for word in before.get(..from).unwrap_or_default().split_whitespace() {
        let longer = if head.is_empty() {
            word.to_string()
        } else {
            format!("{head} {word}")
        };
        if columns_of(&longer) > room / 3 {
            break;
        }
        head = longer;
    }
    let tail = title.get(from..).unwrap_or_default();
    if head.is_empty() {
        format!("\u{2026} {tail}")
    } else {
        format!("{head} \u{2026} {tail}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Area, ViewOptions, inner, list_and_card, panes};
    use crate::model::FuzzyDate;

    fn event(date: &str, title: &str) -> Event {
        Event {
            id: title.to_string(),
            date: FuzzyDate::parse(date).expect("a date"),
            label: None,
            title: title.to_string(),
            entities: Vec::new(),
            roles: Vec::new(),
            note: None,
            passage: None,
            linked_entity: None,
        }
    }

    fn longest_date(events: &[Event]) -> usize {
        events
            .iter()
            .map(|e| e.date.readable().chars().count())
            .max()
            .unwrap_or(0)
    }

    /// Every event's rows, as text.
    fn all_rows(events: &[Event], width: u16) -> Vec<Vec<EntryRow>> {
        let memo = TimelineMemo::default();
        let timeline = TimelineRows::new(events, width, longest_date(events), &memo);
        (0..events.len())
            .map(|i| timeline.rows(i).to_vec())
            .collect()
    }

    fn assert_all_distinct(rows: &[Vec<EntryRow>], context: &str) {
        for (a, first) in rows.iter().enumerate() {
            for (b, second) in rows.iter().enumerate().skip(a + 1) {
                assert_ne!(first, second, "{context}: events {a} and {b} look the same");
            }
        }
    }

    /// The timeline list's width in the reader at a terminal size.
    fn list_width(width: u16, height: u16) -> u16 {
        let layout = panes(Area::new(0, 0, width, height), ViewOptions::default());
        let pane = layout.timeline.expect("a timeline pane");
        list_and_card(inner(pane)).0.width
    }

    #[test]
    fn no_two_events_of_the_bundled_briefing_look_the_same_at_120_columns() {
        let briefing = crate::loader::load_bundled()
            .briefing
            .expect("the bundled briefing loads");
        let events = &briefing.events;
        for (width, height) in [(120, 40), (200, 60), (100, 30), (80, 24)] {
            let list = list_width(width, height);
            let rows = all_rows(events, list);
            let context = format!("{width}x{height} (list {list} wide)");
            assert_all_distinct(&rows, &context);
            for (event, rows) in events.iter().zip(&rows) {
                // Dates are never cut (a long one is broken after its
                // dash); titles get a row or two.
                let date: String = rows.iter().map(|row| row.date.as_str()).collect();
                assert_eq!(date, event.date.readable(), "{context}: {rows:?}");
                assert!((1..=3).contains(&rows.len()), "{context}: {rows:?}");
                let shown: usize = rows.iter().map(|row| columns_of(&row.title)).sum();
                assert!(
                    shown >= columns_of(&event.title).min(20),
                    "{context}: {:?} shown as {rows:?}",
                    event.title
                );
            }
        }
        // At 120 columns the list is narrow: each date has a row, its title
        // the next.
        let rows = all_rows(events, list_width(120, 40));
        assert_eq!(rows[0][0].date, "1994\u{2013}2009");
        assert_eq!(rows[0][1].title, "The two Chechen wars");
    }

    #[test]
    fn a_title_that_does_not_fit_beside_its_date_wraps_to_a_second_row() {
        let events = [event(
            "2024-03-07",
            "US Embassy in Moscow warns of imminent attacks on large gatherings",
        )];
        let rows = all_rows(&events, 46);
        assert_eq!(rows[0].len(), 2);
        assert_eq!(rows[0][0].date, "7 Mar 2024");
        assert_eq!(rows[0][0].title, "US Embassy in Moscow warns of");
        assert_eq!(rows[0][1].date, "");
        assert_eq!(rows[0][1].title, "imminent attacks on large gather\u{2026}");
        assert_eq!(rows[0][0].title_x, rows[0][1].title_x);
        // Short titles keep to one row.
        let rows = all_rows(&[event("2024-03-07", "Short")], 46);
        assert_eq!(rows[0].len(), 1);
    }

    #[test]
    fn look_alike_titles_show_where_they_part() {
        let events = [
            event("2024", "Earlier"),
            event(
                "2024-03-07",
                "Russian security forces report a raid on a cell in Kaluga",
            ),
            event(
                "2024-03-07",
                "Russian security forces report a raid on a cell in Ingushetia",
            ),
            event("2024-03-07", "Another thing entirely"),
        ];
        for width in [26, 30, 46] {
            let rows = all_rows(&events, width);
            assert_all_distinct(&rows, &format!("width {width}"));
            let text = |rows: &[EntryRow]| {
                rows.iter()
                    .map(|row| row.title.as_str())
                    .filter(|title| !title.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            assert!(text(&rows[1]).contains("Kalu"), "{width}: {:?}", rows[1]);
            assert!(text(&rows[2]).contains("Ingu"), "{width}: {:?}", rows[2]);
            // Events that did not look alike are left as they were.
            assert_eq!(text(&rows[3]), "Another thing entirely");
        }
    }

    #[test]
    fn the_same_title_twice_is_numbered() {
        let title = "Toll reported at 137 dead, more than 150 injured";
        let events = [
            event("2024-03-24", title),
            event("2024-03-24", title),
            event("2024-03-25", title),
        ];
        let rows = all_rows(&events, 26);
        assert_all_distinct(&rows, "the same title twice");
        assert!(rows[0][1].title.starts_with("(1) Toll"), "{rows:?}");
        assert!(rows[1][1].title.starts_with("(2) Toll"), "{rows:?}");
        // Another date tells it apart already.
        assert!(rows[2][1].title.starts_with("Toll"), "{rows:?}");
    }

    #[test]
    fn clicks_and_drawing_agree_on_which_event_a_row_shows() {
        let briefing = crate::loader::load_bundled()
            .briefing
            .expect("the bundled briefing loads");
        let events = &briefing.events;
        for width in [10, 26, 34, 46] {
            let memo = TimelineMemo::default();
            let timeline = TimelineRows::new(events, width, longest_date(events), &memo);
            for height in 0..24 {
                for selected in 0..events.len() {
                    let first = timeline.window(selected, height);
                    // The rows as drawn: each event's rows from `first` down.
                    let drawn: Vec<usize> = (first..events.len())
                        .flat_map(|i| std::iter::repeat_n(i, timeline.rows(i).len()))
                        .take(height)
                        .collect();
                    for (row, &index) in drawn.iter().enumerate() {
                        assert_eq!(timeline.entry_at(first, row), Some(index));
                    }
                    if drawn.len() < height {
                        assert_eq!(timeline.entry_at(first, drawn.len()), None);
                    }
                    let rows = timeline.rows(selected).len();
                    let on_screen = drawn.iter().filter(|&&i| i == selected).count();
                    if height > 0 {
                        assert_eq!(on_screen, rows.min(height), "{width} {height} {selected}");
                    }
                }
            }
        }
    }
}
