//! The relations list as data: an entity's relations, outgoing first, each
//! with the entity at its other end. A pure function of the briefing, used
//! by the relations overlay, the entity card and `r`.

use crate::model::{Briefing, EntityId, Relation};

fn attributes_of(relation: &Relation) -> String {
    let pairs: Vec<String> = relation
        .attributes
        .iter()
        .map(|a| format!("{} = {}", a.name, a.value))
        .collect();
    pairs.join(", ")
}

/// One row of the relations list: the relation and the entity at its other
/// end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationRow {
    pub outgoing: bool,
    pub kind: String,
    pub other: EntityId,
    /// The relation's attributes as "name = value, …"; empty without.
    pub attributes: String,
}

impl RelationRow {
    /// "affiliate of → Islamic State" for an outgoing relation; "← ISIS-K ·
    /// claimed responsibility for" for an incoming one (read: ISIS-K claimed
    /// responsibility for this).
    pub fn label(&self, briefing: &Briefing) -> String {
        let other = &briefing.entity(self.other).name;
        let said = if self.outgoing {
            format!("{} \u{2192} {other}", self.kind)
        } else {
            format!("\u{2190} {other} \u{b7} {}", self.kind)
        };
        if self.attributes.is_empty() {
            said
        } else {
            format!("{said} ({})", self.attributes)
        }
    }
}

impl RelationRow {
    /// The relation this row of `entity`'s shows, as (from, to) and its
    /// position in the briefing's relations.
    pub fn relation(
        &self,
        briefing: &Briefing,
        entity: EntityId,
    ) -> Option<(EntityId, EntityId, usize)> {
        let (from, to) = if self.outgoing {
            (entity, self.other)
        } else {
            (self.other, entity)
        };
        let at = briefing
            .relations
            .iter()
            .position(|r| r.from == from && r.to == to && r.kind == self.kind)?;
        Some((from, to, at))
    }
}

/// The selected entity's relations, outgoing first.
pub fn relation_rows(briefing: &Briefing, entity: Option<EntityId>) -> Vec<RelationRow> {
    let Some(entity) = entity else {
        return Vec::new();
    };
    let outgoing = briefing.relations_from(entity).map(|r| RelationRow {
        outgoing: true,
        kind: r.kind.clone(),
        other: r.to,
        attributes: attributes_of(r),
    });
    let incoming = briefing.relations_to(entity).map(|r| RelationRow {
        outgoing: false,
        kind: r.kind.clone(),
        other: r.from,
        attributes: attributes_of(r),
    });
    outgoing.chain(incoming).collect()
}
