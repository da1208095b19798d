//! Briefings of many entities (issue 20), from the generator the `entities`
//! bench loads (`benches/support/many.rs`): what the maps and sweeps that
//! replaced the loader's quadratic comparisons find must be what the
//! format says. How the cost grows is measured by the bench, not here:
//! these tests time nothing.

#[path = "../benches/support/many.rs"]
mod many;

mod common;

use std::path::{Path, PathBuf};

use brief::loader::{self, InMemory, Loaded};
use brief::model::{EntityId, MentionOrigin};
use many::Shape;

const ENTITIES: usize = 2_000;

fn load(shape: Shape, entities: usize) -> Loaded {
    let generated = many::generate(shape, entities);
    let files = InMemory {
        files: vec![
            (PathBuf::from("many.toml"), generated.toml),
            (PathBuf::from("many.md"), generated.text),
        ],
    };
    loader::load(Path::new("many.toml"), &files)
}

/// Numbered names are prefixes of one another (`Entity 1`, `Entity 10`,
/// `Entity 100`): each still finds only itself, as a whole word, and every
/// table is linked to the entity it names.
#[test]
fn every_entity_finds_its_own_name_alias_kind_and_links() {
    let loaded = load(Shape::Full, ENTITIES);
    common::assert_clean(&loaded);
    let briefing = loaded.briefing.expect("loads");
    let text = &briefing.document.text;
    assert_eq!(briefing.entities.len(), ENTITIES);
    assert_eq!(briefing.kinds.len(), 7 + ENTITIES / 100);
    assert_eq!(briefing.relations.len(), ENTITIES);
    assert_eq!(briefing.events.len(), ENTITIES / 2);
    assert_eq!(briefing.notes.len(), ENTITIES / 4);
    for (index, entity) in briefing.entities.iter().enumerate() {
        let id = EntityId(index);
        let found: Vec<(&str, MentionOrigin)> = briefing
            .mentions_of(id)
            .map(|m| (&text[m.span.clone()], m.origin))
            .collect();
        let name = format!("Entity {index}");
        let alias = format!("Cell {index}");
        // Every tenth alias is an explicit mention, which replaces the
        // automatic match at the same place.
        let alias_origin = if index % 10 == 0 {
            MentionOrigin::Explicit
        } else {
            MentionOrigin::Automatic
        };
        assert_eq!(
            found,
            [
                (name.as_str(), MentionOrigin::Automatic),
                (alias.as_str(), alias_origin)
            ],
            "{}",
            entity.id
        );
        for mention in briefing.mentions_of(id) {
            let kind = briefing.mention_kind(mention).map(|k| k.name.as_str());
            assert_eq!(kind, Some(entity.kind.as_str()), "{}", entity.id);
        }
        assert_eq!(entity.outgoing.len(), 1, "{}", entity.id);
        let relation = &briefing.relations[entity.outgoing[0].0];
        assert_eq!(relation.to, EntityId((index * 7 + 1) % ENTITIES));
        assert_eq!(entity.notes.len(), usize::from(index % 4 == 0));
    }
    let incoming: usize = briefing.entities.iter().map(|e| e.incoming.len()).sum();
    assert_eq!(incoming, ENTITIES);
    let linked = briefing
        .events
        .iter()
        .filter(|event| event.linked_entity.is_some())
        .count();
    assert_eq!(
        linked,
        (0..ENTITIES).step_by(2).filter(|i| i % 70 == 4).count()
    );
    for event in briefing.events.iter().filter(|e| e.linked_entity.is_some()) {
        let entity = briefing.entity(event.linked_entity.expect("linked"));
        assert_eq!(
            (entity.id.as_str(), entity.kind.as_str()),
            (event.id.as_str(), "event")
        );
    }
}

/// No name in the text: every entity is reported unused, each once, in
/// file order, at its own id.
#[test]
fn every_unused_entity_is_reported_once_at_its_id() {
    let loaded = load(Shape::Bare, ENTITIES);
    assert_eq!(loaded.error_count(), 0);
    assert_eq!(loaded.warning_count(), ENTITIES);
    for (index, diagnostic) in loaded.diagnostics.iter().enumerate() {
        assert_eq!(diagnostic.code, "unused-entity");
        assert_eq!(
            diagnostic.message,
            format!("entity \"e{index}\" is never mentioned in the text")
        );
        let location = diagnostic.location.as_ref().expect("placed");
        assert_eq!(location.source_line, format!("id = \"e{index}\""));
    }
}

/// Misspelt ids are each looked up once, and the look-ups of one file share
/// a budget: the first ones are suggested a near id, the rest get the
/// general hint, and every one is reported.
#[test]
fn suggestions_stop_when_their_budget_is_spent_and_every_unknown_id_is_reported() {
    let entities = 2_000;
    let mut toml = String::from("format = 1\n\n");
    for index in 0..entities {
        toml.push_str(&format!(
            "[[entity]]\nid = \"e{index}\"\nname = \"Entity {index}\"\nkind = \"person\"\nauto = false\n\n"
        ));
    }
    // Each unknown id twice: the second costs nothing.
    let unknown = 600;
    for index in 0..2 * unknown {
        toml.push_str(&format!(
            "[[relation]]\nfrom = \"e0\"\nto = \"e{}x\"\nkind = \"knows\"\n\n",
            index % unknown
        ));
    }
    let loaded = common::load_pair("Nothing here.\n", "md", &toml);
    let hints: Vec<&str> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "unknown-entity")
        .map(|d| d.hint.as_deref().unwrap_or_default())
        .collect();
    assert_eq!(hints.len(), 2 * unknown);
    let looked_up = brief::loader::diagnostic::SUGGESTION_BUDGET / entities;
    assert!(looked_up < unknown, "the budget must run out in this test");
    for (index, hint) in hints.iter().enumerate() {
        let suggested = hint.starts_with("did you mean \"e");
        assert_eq!(
            suggested,
            index % unknown < looked_up,
            "unknown id {index}: {hint}"
        );
    }
}
