//! What the interchange formats needed and brief's own TOML now says too:
//! discontinuous mentions (`parts`: one Tab stop, listed once, focused
//! and drawn as one), undated events with participants in typed roles
//! (after the dated ones on the timeline, reachable, roles on the card),
//! and attributes of mentions and relations. Each is loaded from TOML,
//! shown, refused when malformed with its line and column, and carried
//! through W3C, brat and TOML and back.

mod common;

#[path = "support/reader.rs"]
mod reader;

use std::path::{Path, PathBuf};

use brief::controller::cards;
use brief::controller::{Keymap, State};
use brief::loader::{self, InMemory, Loaded};
use brief::model::{Briefing, MentionId};
use common::load_pair;
use reader::keys;

const TEXT: &str = "North and South Europe met in Vienna. The envoy came late.\n\
Later the envoy left Vienna for good.\n";

const ANNOTATIONS: &str = r#"format = 1
[briefing]
text = "t.txt"

[kinds]
region.label = "Region"

[[entity]]
id = "north-europe"
name = "North Europe"
kind = "region"
auto = false

[[entity]]
id = "vienna"
name = "Vienna"
kind = "place"

[[entity]]
id = "envoy"
name = "envoy"
kind = "person"

[[relation]]
from = "envoy"
to = "vienna"
kind = "left"
attributes = { certainty = "high", negated = false }

[[mention]]
entity = "north-europe"
quote = "North"
parts = [{ quote = "Europe", prefix = "South " }]
attributes = { confidence = 0.8 }

[[event]]
id = "departure"
title = "The envoy leaves Vienna"
quote = "left Vienna"
roles = [{ role = "traveller", entity = "envoy" }, { role = "from", entity = "vienna" }]

[[event]]
id = "meeting"
date = "2024-03-07"
title = "The meeting"
entities = ["north-europe"]
quote = "met in Vienna"
"#;

fn briefing_of(loaded: Loaded) -> Briefing {
    let problems: Vec<String> = loaded.diagnostics.iter().map(|d| d.render()).collect();
    assert!(
        loaded.diagnostics.iter().all(|d| !d.is_error()),
        "{problems:?}"
    );
    loaded.briefing.expect("the briefing loads")
}

/// The text of each line of a card that must be shown.
fn card_text(card: Option<cards::ShownCard>, what: &str) -> Vec<String> {
    let card = card.unwrap_or_else(|| panic!("{what} is shown"));
    card.lines.iter().map(|l| l.text.clone()).collect()
}

fn loaded() -> Briefing {
    briefing_of(load_pair(TEXT, "txt", ANNOTATIONS))
}

/// The spans of every mention, the parts of each discontinuous one
/// together, with the entity id: what a round trip must keep.
fn mention_groups(briefing: &Briefing) -> Vec<(String, Vec<String>)> {
    let text = briefing.document.text.as_str();
    briefing
        .mentions
        .iter()
        .enumerate()
        .filter(|(at, m)| m.head(MentionId(*at)) == MentionId(*at))
        .map(|(at, m)| {
            let parts: Vec<MentionId> = if m.parts().is_empty() {
                vec![MentionId(at)]
            } else {
                m.parts().to_vec()
            };
            let spans = parts
                .iter()
                .map(|p| text[briefing.mentions[p.0].span.clone()].to_string())
                .collect();
            (briefing.entity(m.entity).id.clone(), spans)
        })
        .collect()
}

/// Named values as pairs.
type Pairs = Vec<(String, String)>;

/// Events as (title, date or "", roles), and every attribute list: the
/// rest of what a round trip must keep.
type Rest = (Vec<(String, String, Pairs)>, Vec<Pairs>);

fn events_and_attributes(briefing: &Briefing) -> Rest {
    let events = briefing
        .events
        .iter()
        .map(|e| {
            let roles = e
                .roles
                .iter()
                .map(|r| (r.role.clone(), briefing.entity(r.entity).id.clone()))
                .collect();
            (e.title.clone(), e.date.expression.clone(), roles)
        })
        .collect();
    let pairs = |attributes: &[brief::model::Attribute]| {
        attributes
            .iter()
            .map(|a| (a.name.clone(), a.value.clone()))
            .collect::<Vec<_>>()
    };
    let mut attributes: Vec<Vec<(String, String)>> = briefing
        .mentions
        .iter()
        .map(|m| pairs(m.attributes()))
        .filter(|a| !a.is_empty())
        .collect();
    attributes.extend(briefing.relations.iter().map(|r| pairs(&r.attributes)));
    (events, attributes)
}

#[test]
fn a_mention_of_two_parts_is_one_mention() {
    let briefing = loaded();
    let north = briefing.entity_by_id("north-europe").expect("declared");
    let heads = &briefing.entity(north).mentions;
    assert_eq!(heads.len(), 1, "listed once, at its first part");
    assert_eq!(
        briefing.mention_count(),
        briefing.mentions.len() - 1,
        "counted once too"
    );
    let head = &briefing.mentions[heads[0].0];
    let parts: Vec<&str> = head
        .parts()
        .iter()
        .map(|p| &TEXT[briefing.mentions[p.0].span.clone()])
        .collect();
    assert_eq!(parts, ["North", "Europe"]);
    for part in head.parts() {
        assert_eq!(briefing.mentions[part.0].head(*part), heads[0]);
    }
    let attributes: Vec<(&str, &str)> = head
        .attributes()
        .iter()
        .map(|a| (a.name.as_str(), a.value.as_str()))
        .collect();
    assert_eq!(
        attributes,
        [("confidence", "0.8")],
        "a number as TOML writes it"
    );
}

#[test]
fn tab_stops_once_on_a_discontinuous_mention_and_focuses_all_its_parts() {
    let mut state = State::new(loaded(), Keymap::default_keymap(), 120, 40);
    keys(&mut state, "<Tab>");
    let first = state.focused_mention().expect("Tab focuses a mention");
    let text_of = |state: &State, id: MentionId| {
        TEXT[state.briefing().mentions[id.0].span.clone()].to_string()
    };
    assert_eq!(text_of(&state, first), "North");
    keys(&mut state, "<Tab>");
    let second = state.focused_mention().expect("a second stop");
    assert_eq!(
        text_of(&state, second),
        "Vienna",
        "the part \"Europe\" is no stop of its own"
    );
    keys(&mut state, "<S-Tab>");
    assert_eq!(
        state.focused_mention(),
        Some(first),
        "and back the same way"
    );
    // Enter follows the mention to its entity's card.
    keys(&mut state, "<Enter>");
    let card = card_text(cards::entity_card(&state), "an entity card");
    assert!(
        card.contains(
            &"in 2 parts: \u{201c}North\u{201d} \u{2026} \u{201c}Europe\u{201d}".to_string()
        ),
        "{card:?}"
    );
    assert!(
        card.contains(&"this mention: confidence = 0.8".to_string()),
        "{card:?}"
    );
}

#[test]
fn the_caret_on_a_later_part_focuses_the_whole_mention() {
    let mut state = State::new(loaded(), Keymap::default_keymap(), 120, 40);
    // The caret starts at the top of the view; "Europe" is 16 characters
    // on.
    keys(&mut state, "i");
    keys(&mut state, &"l".repeat(17));
    let focused = state.focused_mention().expect("a mention under the caret");
    assert_eq!(
        &TEXT[state.briefing().mentions[focused.0].span.clone()],
        "North"
    );
}

#[test]
fn an_undated_event_comes_after_the_dated_ones_with_its_roles_on_the_card() {
    let briefing = loaded();
    let order: Vec<(&str, bool)> = briefing
        .events
        .iter()
        .map(|e| (e.id.as_str(), e.date.is_undated()))
        .collect();
    assert_eq!(order, [("meeting", false), ("departure", true)]);
    let envoy = briefing.entity_by_id("envoy").expect("declared");
    assert_eq!(
        briefing.entity(envoy).events,
        vec![1],
        "a participant's card lists the event"
    );
    let mut state = State::new(briefing, Keymap::default_keymap(), 120, 40);
    keys(&mut state, "<C-w>3jj");
    assert_eq!(state.selected_event(), 1, "reachable from the timeline");
    let card = card_text(cards::event_card(&state), "an event card");
    assert_eq!(
        card[..4],
        [
            "The envoy leaves Vienna".to_string(),
            "undated".to_string(),
            "traveller: envoy".to_string(),
            "from: Vienna".to_string()
        ]
    );
}

#[test]
fn relation_attributes_are_on_its_row() {
    let mut state = State::new(loaded(), Keymap::default_keymap(), 120, 40);
    // "North", "Vienna", then the envoy.
    keys(&mut state, "<Tab><Tab><Tab><Enter>");
    let card = card_text(cards::entity_card(&state), "the envoy's card");
    assert!(
        card.iter()
            .any(|l| l.contains("left \u{2192} Vienna (certainty = high, negated = false)")),
        "{card:?}"
    );
}

#[test]
fn malformed_parts_roles_and_attributes_are_errors_on_their_place() {
    let base = ANNOTATIONS.replace(
        "attributes = { confidence = 0.8 }",
        "attributes = { confidence = [1, 2] }",
    );
    let broken = base
        .replace(
            "parts = [{ quote = \"Europe\", prefix = \"South \" }]",
            "parts = [{ quote = \"Asia\" }]",
        )
        .replace(
            "{ role = \"from\", entity = \"vienna\" }",
            "{ role = \"from\", entity = \"wien\" }",
        );
    let loaded = load_pair(TEXT, "txt", &broken);
    assert!(loaded.briefing.is_none());
    let found: Vec<(&str, usize, usize)> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let at = d.location.as_ref().expect("placed");
            (d.code, at.line, at.column)
        })
        .collect();
    let line_of = |needle: &str| {
        broken
            .lines()
            .position(|l| l.contains(needle))
            .expect("in the file")
            + 1
    };
    let column_of = |needle: &str, inner: &str| {
        let line = broken
            .lines()
            .find(|l| l.contains(needle))
            .expect("in the file");
        line.find(inner).expect("on the line") + 1
    };
    assert!(
        found.contains(&(
            "quote-not-found",
            line_of("parts = [{ quote = \"Asia\" }]"),
            column_of("parts = [", "\"Asia\"")
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            "bad-attribute",
            line_of("confidence = [1, 2]"),
            column_of("confidence = [1, 2]", "[1, 2]")
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            "unknown-entity",
            line_of("entity = \"wien\""),
            column_of("entity = \"wien\"", "\"wien\"")
        )),
        "{found:?}"
    );
}

fn reopened(annotations: (&str, String), text: &str) -> Briefing {
    let files = InMemory {
        files: vec![
            (PathBuf::from(annotations.0), annotations.1),
            (PathBuf::from("t.txt"), text.to_string()),
        ],
    };
    briefing_of(loader::load(Path::new(annotations.0), &files))
}

#[test]
fn parts_roles_undated_events_and_attributes_survive_w3c_brat_and_toml() {
    let original = loaded();
    let want_mentions = mention_groups(&original);
    let want_rest = events_and_attributes(&original);
    let through_w3c = reopened(
        ("t.json", brief::convert::w3c::write(&original, "t.txt")),
        TEXT,
    );
    assert_eq!(mention_groups(&through_w3c), want_mentions, "W3C");
    let declared = |b: &Briefing| -> Vec<(String, String)> {
        b.kinds
            .iter()
            .filter(|k| !k.builtin)
            .map(|k| (k.name.clone(), k.label.clone()))
            .collect()
    };
    assert_eq!(
        declared(&through_w3c),
        declared(&original),
        "W3C, declared kinds"
    );
    assert_eq!(events_and_attributes(&through_w3c), want_rest, "W3C");
    let through_toml = reopened(
        (
            "again.toml",
            brief::convert::toml::write(&original, "t.txt"),
        ),
        TEXT,
    );
    assert_eq!(mention_groups(&through_toml), want_mentions, "TOML");
    assert_eq!(events_and_attributes(&through_toml), want_rest, "TOML");
    // brat keeps spans, parts, mention attributes and roles; its events
    // are titled by their trigger, and its relations carry no attributes.
    let brat = brief::convert::brat::write(&original);
    let files = InMemory {
        files: vec![
            (PathBuf::from("t.ann"), brat.annotations.clone()),
            (PathBuf::from("t.txt"), brat.text.clone()),
        ],
    };
    let through_brat = briefing_of(loader::load(Path::new("t.ann"), &files));
    let spans = |b: &Briefing| -> Vec<Vec<String>> {
        mention_groups(b)
            .into_iter()
            .map(|(_, spans)| spans)
            .collect()
    };
    assert_eq!(
        spans(&through_brat),
        spans(&original),
        "brat: {}",
        brat.annotations
    );
    let roles = |b: &Briefing| -> Vec<Vec<(String, String)>> {
        b.events
            .iter()
            .map(|e| {
                e.roles
                    .iter()
                    .map(|r| (r.role.clone(), b.entity(r.entity).name.clone()))
                    .collect()
            })
            .collect()
    };
    assert_eq!(
        roles(&through_brat),
        [
            vec![("Participant".to_string(), "North Europe".to_string())],
            vec![
                ("traveller".to_string(), "envoy".to_string()),
                ("from".to_string(), "Vienna".to_string())
            ]
        ],
        "brat: {}",
        brat.annotations
    );
    let dates: Vec<&str> = through_brat
        .events
        .iter()
        .map(|e| e.date.expression.as_str())
        .collect();
    assert_eq!(dates, ["2024-03-07", ""], "brat: {}", brat.annotations);
}

#[test]
fn every_part_of_the_focused_mention_is_drawn_focused() {
    let theme = brief::theme::Theme::built_in("dark", false).expect("dark theme");
    let mut state = State::new(loaded(), Keymap::default_keymap(), 120, 40);
    let area = ratatui::layout::Rect::new(0, 0, 120, 40);
    // The style of the first cell showing `word` in the article's first
    // line of text.
    let style_of = |state: &State, word: &str| {
        let mut buffer = ratatui::buffer::Buffer::empty(area);
        brief::ui::render(&mut buffer, area, state, &theme);
        let row = (0..area.height)
            .find(|&y| {
                let line: String = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
                line.contains("North and South Europe")
            })
            .expect("the text is drawn");
        let line: Vec<&str> = (0..area.width).map(|x| buffer[(x, row)].symbol()).collect();
        let at = line.concat().find(word).expect("the word is drawn");
        buffer[(u16::try_from(at).expect("on screen"), row)].style()
    };
    let (north, europe, south) = (
        style_of(&state, "North"),
        style_of(&state, "Europe"),
        style_of(&state, "South"),
    );
    assert_eq!(north, europe, "two parts of one mention look alike");
    keys(&mut state, "<Tab>");
    let (north_focused, europe_focused) = (style_of(&state, "North"), style_of(&state, "Europe"));
    assert_ne!(north_focused, north, "Tab focuses the mention");
    assert_eq!(
        europe_focused, north_focused,
        "its second part is drawn focused too"
    );
    assert_eq!(style_of(&state, "South"), south, "the word between is not");
}
