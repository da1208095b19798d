//! Which entities of different briefings are the same one: the same id,
//! or the same name or alias once case and accents are folded away; the
//! user's `same_as` pairs merge more and `not_same_as` pairs keep two
//! apart. Built as briefings arrive (a union–find over every entity of
//! every briefing), remembering for each entity which rule joined it.
//!
//! Owns the identity rules; must not load files or know about the screen.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use super::index::EntitySummary;

/// One entity of one briefing: (briefing, entity) by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Member {
    pub briefing: usize,
    pub entity: usize,
}

/// Why an entity was joined to the group it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// The first of its group: joined by nothing.
    First,
    SameId(String),
    SameName(String),
    SameAlias(String),
    /// A `same_as` pair of the config.
    Configured(String, String),
}

impl Rule {
    /// The rule in two words, for a list's narrow column.
    pub fn short(&self) -> &'static str {
        match self {
            Rule::First => "first",
            Rule::SameId(_) => "same id",
            Rule::SameName(_) => "same name",
            Rule::SameAlias(_) => "same alias",
            Rule::Configured(..) => "same_as",
        }
    }

    /// The rule in words, for the card and the picker.
    pub fn describe(&self) -> String {
        match self {
            Rule::First => "first seen here".to_string(),
            Rule::SameId(id) => format!("same id `{id}`"),
            Rule::SameName(name) => format!("same name \u{201c}{name}\u{201d}"),
            Rule::SameAlias(name) => format!("same alias \u{201c}{name}\u{201d}"),
            Rule::Configured(a, b) => format!("same_as [\u{201c}{a}\u{201d}, \u{201c}{b}\u{201d}]"),
        }
    }
}

/// The user's say on identities, from the config file. Each side is an
/// entity's id or its name (folded as names are).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub same_as: Vec<(String, String)>,
    pub not_same_as: Vec<(String, String)>,
}

/// Case and accents folded away, whitespace collapsed: "Société  Générale"
/// and "societe generale" are one key.
pub fn fold(name: &str) -> String {
    let decomposed: String = name
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect();
    decomposed
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Every entity seen so far, grouped.
#[derive(Debug, Clone, Default)]
pub struct Identities {
    overrides: Overrides,
    members: Vec<Member>,
    node_of: HashMap<Member, usize>,
    parent: Vec<usize>,
    /// Why each node joined (kept on the node, not its root).
    rule: Vec<Rule>,
    /// For each root, the `not_same_as` sides its group holds: (pair, side).
    apart: HashMap<usize, Vec<(usize, bool)>>,
    by_id: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
    /// For each root, the nodes of its group.
    nodes_of_root: HashMap<usize, Vec<usize>>,
    /// Nodes a `same_as` side names, by the side's key.
    configured: HashMap<String, usize>,
    /// Bumped on every change, so views know when to rebuild.
    pub generation: u64,
}

impl Identities {
    pub fn new(overrides: Overrides) -> Self {
        Identities {
            overrides,
            ..Identities::default()
        }
    }

    /// Adds the entities of briefing `briefing`, joining each to whatever
    /// the rules say it is.
    pub fn add(&mut self, briefing: usize, entities: &[EntitySummary]) {
        self.generation += 1;
        for (entity, summary) in entities.iter().enumerate() {
            let member = Member { briefing, entity };
            let node = self.members.len();
            self.members.push(member);
            self.node_of.insert(member, node);
            self.parent.push(node);
            self.rule.push(Rule::First);
            self.nodes_of_root.insert(node, vec![node]);
            let keys = self.keys_of(summary);
            let sides = self.apart_sides(&keys);
            if !sides.is_empty() {
                self.apart.insert(node, sides);
            }
            // The user's pairs first, then the rules in order.
            let configured: Vec<(usize, Rule)> = self
                .overrides
                .same_as
                .iter()
                .flat_map(|(a, b)| {
                    [(a, b), (b, a)]
                        .into_iter()
                        .filter(|(mine, _)| keys.contains(&fold(mine)))
                        .filter_map(|(_, other)| {
                            let rule = Rule::Configured(a.clone(), b.clone());
                            self.configured
                                .get(&fold(other))
                                .map(|&there| (there, rule))
                        })
                })
                .collect();
            for (there, rule) in configured {
                self.join(node, there, rule);
            }
            for key in &keys {
                self.configured.entry(key.clone()).or_insert(node);
            }
            match self.by_id.get(&summary.id) {
                Some(&there) => self.join(node, there, Rule::SameId(summary.id.clone())),
                None => {
                    self.by_id.insert(summary.id.clone(), node);
                }
            }
            let names = std::iter::once((&summary.name, false))
                .chain(summary.aliases.iter().map(|alias| (alias, true)));
            for (name, alias) in names {
                let key = fold(name);
                if key.is_empty() {
                    continue;
                }
                match self.by_name.get(&key) {
                    Some(&there) => {
                        let rule = if alias {
                            Rule::SameAlias(name.clone())
                        } else {
                            Rule::SameName(name.clone())
                        };
                        self.join(node, there, rule);
                    }
                    None => {
                        self.by_name.insert(key, node);
                    }
                }
            }
        }
    }

    /// What the config's pairs may call this entity: its id as written
    /// and folded, its name and aliases folded.
    fn keys_of(&self, summary: &EntitySummary) -> Vec<String> {
        let mut keys = vec![fold(&summary.id), fold(&summary.name)];
        keys.extend(summary.aliases.iter().map(|a| fold(a)));
        keys.sort();
        keys.dedup();
        keys
    }

    fn apart_sides(&self, keys: &[String]) -> Vec<(usize, bool)> {
        let mut sides = Vec::new();
        for (pair, (a, b)) in self.overrides.not_same_as.iter().enumerate() {
            if keys.contains(&fold(a)) {
                sides.push((pair, false));
            }
            if keys.contains(&fold(b)) {
                sides.push((pair, true));
            }
        }
        sides
    }

    fn root(&self, mut node: usize) -> usize {
        while let Some(&up) = self.parent.get(node) {
            if up == node {
                break;
            }
            node = up;
        }
        node
    }

    /// Joins `node`'s group to `other`'s unless a `not_same_as` pair has a
    /// side in each.
    fn join(&mut self, node: usize, other: usize, rule: Rule) {
        let (a, b) = (self.root(node), self.root(other));
        if a == b {
            return;
        }
        let empty = Vec::new();
        let sides_a = self.apart.get(&a).unwrap_or(&empty);
        let sides_b = self.apart.get(&b).unwrap_or(&empty);
        let split = sides_a
            .iter()
            .any(|&(pair, side)| sides_b.contains(&(pair, !side)));
        if split {
            return;
        }
        // The older group's root stays the root: a group's first member
        // is the one seen first.
        let (keep, fold_in) = if a < b { (a, b) } else { (b, a) };
        if let Some(slot) = self.parent.get_mut(fold_in) {
            *slot = keep;
        }
        if let Some(slot) = self.rule.get_mut(node)
            && *slot == Rule::First
        {
            *slot = rule;
        }
        if let Some(moved) = self.nodes_of_root.remove(&fold_in) {
            self.nodes_of_root.entry(keep).or_default().extend(moved);
        }
        if let Some(moved) = self.apart.remove(&fold_in) {
            self.apart.entry(keep).or_default().extend(moved);
        }
    }

    /// The group an entity is in: every member, first seen first.
    pub fn group_of(&self, member: Member) -> Vec<Member> {
        let Some(&node) = self.node_of.get(&member) else {
            return Vec::new();
        };
        self.members_of_root(self.root(node))
    }

    fn members_of_root(&self, root: usize) -> Vec<Member> {
        let mut nodes = self.nodes_of_root.get(&root).cloned().unwrap_or_default();
        nodes.sort_unstable();
        nodes
            .into_iter()
            .filter_map(|n| self.members.get(n).copied())
            .collect()
    }

    /// Why an entity is in its group.
    pub fn rule_of(&self, member: Member) -> Option<&Rule> {
        self.node_of.get(&member).and_then(|&n| self.rule.get(n))
    }

    /// Every group, each with its members first seen first, groups in the
    /// order their first member was seen.
    pub fn groups(&self) -> Vec<Vec<Member>> {
        let mut roots: Vec<usize> = self.nodes_of_root.keys().copied().collect();
        roots.sort_unstable();
        roots
            .into_iter()
            .map(|root| self.members_of_root(root))
            .collect()
    }

    /// Every group as [`Identities::groups`] gives it, with the rules that
    /// joined its members (in short, sorted, once each): read by position,
    /// not looked up member by member.
    pub fn groups_with_rules(&self) -> Vec<(Vec<Member>, Vec<&'static str>)> {
        let mut roots: Vec<usize> = self.nodes_of_root.keys().copied().collect();
        roots.sort_unstable();
        roots
            .into_iter()
            .map(|root| {
                let mut nodes = self.nodes_of_root.get(&root).cloned().unwrap_or_default();
                nodes.sort_unstable();
                let mut rules: Vec<&'static str> = nodes
                    .iter()
                    .filter_map(|&n| self.rule.get(n))
                    .filter(|rule| **rule != Rule::First)
                    .map(Rule::short)
                    .collect();
                rules.sort_unstable();
                rules.dedup();
                let members = nodes
                    .into_iter()
                    .filter_map(|n| self.members.get(n).copied())
                    .collect();
                (members, rules)
            })
            .collect()
    }

    pub fn len(&self) -> usize {
        self.members.len()
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(id: &str, name: &str, aliases: &[&str]) -> EntitySummary {
        EntitySummary {
            id: id.into(),
            name: name.into(),
            kind: "person".into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            mentions: 1,
            first_mention: Some(0),
            context: String::new(),
        }
    }

    #[test]
    fn folding_drops_case_accents_and_extra_space() {
        assert_eq!(fold("Société  Générale"), "societe generale");
        assert_eq!(fold("ZOË"), "zoe");
    }

    #[test]
    fn same_id_name_and_alias_merge_and_say_why() {
        let mut ids = Identities::default();
        ids.add(0, &[entity("ivanov", "Ivan Ivanov", &[])]);
        ids.add(1, &[entity("p1", "IVAN IVANOV", &[])]);
        ids.add(2, &[entity("x", "Ivanov", &["Ivan Ivanóv"])]);
        ids.add(3, &[entity("ivanov", "Somebody else", &[])]);
        ids.add(4, &[entity("other", "Nobody", &[])]);
        let first = Member {
            briefing: 0,
            entity: 0,
        };
        let group = ids.group_of(first);
        assert_eq!(group.len(), 4);
        assert_eq!(
            ids.rule_of(Member {
                briefing: 1,
                entity: 0
            }),
            Some(&Rule::SameName("IVAN IVANOV".into()))
        );
        assert_eq!(
            ids.rule_of(Member {
                briefing: 2,
                entity: 0
            }),
            Some(&Rule::SameAlias("Ivan Ivanóv".into()))
        );
        assert_eq!(
            ids.rule_of(Member {
                briefing: 3,
                entity: 0
            }),
            Some(&Rule::SameId("ivanov".into()))
        );
        assert_eq!(ids.groups().len(), 2);
    }

    #[test]
    fn configured_pairs_merge_and_split() {
        let overrides = Overrides {
            same_as: vec![("GRU".into(), "Main Intelligence Directorate".into())],
            not_same_as: vec![("paris-france".into(), "paris-texas".into())],
        };
        let mut ids = Identities::new(overrides);
        ids.add(0, &[entity("gru", "GRU", &[])]);
        ids.add(1, &[entity("mid", "Main Intelligence Directorate", &[])]);
        ids.add(2, &[entity("paris-france", "Paris", &[])]);
        ids.add(3, &[entity("paris-texas", "Paris", &[])]);
        ids.add(4, &[entity("p", "Paris", &[])]);
        assert_eq!(
            ids.group_of(Member {
                briefing: 0,
                entity: 0
            })
            .len(),
            2
        );
        assert!(matches!(
            ids.rule_of(Member {
                briefing: 1,
                entity: 0
            }),
            Some(Rule::Configured(..))
        ));
        let texas = ids.group_of(Member {
            briefing: 3,
            entity: 0,
        });
        assert!(!texas.contains(&Member {
            briefing: 2,
            entity: 0
        }));
    }
}
