//! The relations list as data: an entity's relations, outgoing first, each
//! with the entity at its other end. A pure function of the briefing, used
//! by the relations overlay, the entity card and `r`.

use crate::model::{Briefing, EntityId};

/// One row of the relations list: the relation and the entity at its other
/// end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationRow {
    pub outgoing: bool,
    pub kind: String,
    pub other: EntityId,
}

impl RelationRow {
    /// "affiliate of → Islamic State" for an outgoing relation; "← ISIS-K ·
    /// claimed responsibility for" for an incoming one (read: ISIS-K claimed
    /// responsibility for this).
    pub fn label(&self, briefing: &Briefing) -> String {
        let other = &briefing.entity(self.other).name;
        if self.outgoing {
            format!("{} \u{2192} {other}", self.kind)
        } else {
            format!("\u{2190} {other} \u{b7} {}", self.kind)
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
    });
    let incoming = briefing.relations_to(entity).map(|r| RelationRow {
        outgoing: false,
        kind: r.kind.clone(),
        other: r.from,
    });
    outgoing.chain(incoming).collect()
}
