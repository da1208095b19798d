//! What brat's `T` lines became, handed to the readers of the lines that
//! point at them (`E` in `brat_events`, `#` in `brat_notes`): which `T`
//! is which mention, of which entity. `brat_import` makes it; the others
//! only read it.

use foldhash::HashMap;

use super::brat::TextBound;

/// What the `T` lines became, for the readers of the lines that point at
/// them.
pub(super) struct Bounds<'a> {
    /// The position of each entity's `T` among those made mentions.
    pub index: &'a HashMap<&'a str, usize>,
    /// The entity id of each, by that position.
    pub entity_of: &'a [String],
    /// Every `T`, event triggers included, by id.
    pub by_id: &'a HashMap<&'a str, &'a TextBound>,
}
