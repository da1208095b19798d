//! A library: every briefing under a folder, listed and cross-indexed.
//! The walk (`scan`) finds candidate files by their metadata; each is
//! loaded and summarised (`index`) on worker threads (`worker`) while the
//! reader already shows the rows found so far; entities of different
//! briefings are grouped by identity (`identity`); the merged timeline
//! (`timeline`) and the search over every text (`search`) read those
//! summaries and the texts.
//!
//! Pure data and file reading: no ratatui types, no terminal, no keys.
//! The controller holds a `Library` and changes it only in `update`.

pub mod cache;
pub mod identity;
pub mod index;
pub mod rows;
pub mod scan;
pub mod search;
pub mod timeline;
pub mod worker;

use std::path::{Path, PathBuf};

pub use identity::{Identities, Member, Overrides, Rule};
pub use index::{EntitySummary, EventSummary, ReviewProgress, Summary};
pub use scan::{Candidate, Skipped};
pub use worker::Report;

/// One briefing of the library: the file, and its summary once indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub candidate: Candidate,
    /// The path below the library's folder, as shown.
    pub relative: String,
    pub summary: Option<Summary>,
}

impl Entry {
    /// The briefing's title, or its file name until it is known (or when
    /// it has none).
    pub fn title(&self) -> String {
        self.summary
            .as_ref()
            .and_then(|s| s.title.clone())
            .unwrap_or_else(|| {
                self.candidate.path.file_stem().map_or_else(
                    || self.relative.clone(),
                    |s| s.to_string_lossy().into_owned(),
                )
            })
    }

    pub fn published(&self) -> Option<&str> {
        self.summary.as_ref().and_then(|s| s.published.as_deref())
    }
}

/// Every briefing found so far under `root`, and what was skipped.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub root: PathBuf,
    pub entries: Vec<Entry>,
    pub skipped: Vec<Skipped>,
    pub identities: Identities,
    /// The walk has ended.
    pub walked: bool,
    /// How many entries have their summary.
    pub indexed: usize,
    /// How many entries, from the first, have their entities in
    /// `identities`: they are merged in the order found, whatever order
    /// the indexing threads finish in, so the groups and the rules that
    /// joined them are the same on every run.
    merged: usize,
}

impl Library {
    pub fn new(root: &Path, overrides: Overrides) -> Self {
        Library {
            root: root.to_path_buf(),
            identities: Identities::new(overrides),
            ..Library::default()
        }
    }

    /// Whether every briefing found has been indexed and the walk is over.
    pub fn complete(&self) -> bool {
        self.walked && self.indexed == self.entries.len()
    }

    /// Takes in what the workers found; says whether the rows changed.
    pub fn absorb(&mut self, report: Report) {
        match report {
            Report::Found(candidates, skipped) => {
                for candidate in candidates {
                    let relative = relative_to(&self.root, &candidate.path);
                    self.entries.push(Entry {
                        candidate,
                        relative,
                        summary: None,
                    });
                }
                self.skipped.extend(skipped);
            }
            Report::Walked => self.walked = true,
            Report::Indexed(at, summary) => {
                let Some(entry) = self.entries.get_mut(at) else {
                    return;
                };
                if entry.summary.is_some() {
                    return;
                }
                self.indexed += 1;
                entry.summary = Some(*summary);
                self.merge_in_order();
            }
        }
    }

    /// Adds to the identities every entry, in order, whose summary has
    /// come (stopping at the first still being indexed).
    fn merge_in_order(&mut self) {
        while let Some(summary) = self
            .entries
            .get(self.merged)
            .and_then(|entry| entry.summary.as_ref())
        {
            self.identities.add(self.merged, &summary.entities);
            self.merged += 1;
        }
    }

    /// The summary of one entity of one briefing.
    pub fn entity(&self, member: Member) -> Option<&EntitySummary> {
        self.entries
            .get(member.briefing)?
            .summary
            .as_ref()?
            .entities
            .get(member.entity)
    }

    /// The briefing whose annotation file (or text) is `path`, if listed.
    pub fn position_of(&self, path: &Path) -> Option<usize> {
        self.entries.iter().position(|e| {
            e.candidate.path == path
                || e.summary
                    .as_ref()
                    .and_then(|s| s.text_path.as_deref())
                    .is_some_and(|t| Path::new(t) == path)
        })
    }

    /// How many problems the walk and the checks found in all.
    pub fn problem_count(&self) -> usize {
        self.skipped.len()
            + self
                .entries
                .iter()
                .filter(|e| e.summary.as_ref().is_some_and(|s| s.problems() > 0))
                .count()
    }
}

/// `path` below `root`, or whole when it is not below it.
pub fn relative_to(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(name: &str) -> Summary {
        Summary {
            entities: vec![EntitySummary {
                id: format!("id-{name}"),
                name: name.to_string(),
                kind: "person".into(),
                aliases: Vec::new(),
                mentions: 1,
                first_mention: Some(0),
                context: String::new(),
            }],
            ..Summary::default()
        }
    }

    fn found(n: usize) -> Report {
        let candidates = (0..n)
            .map(|i| Candidate {
                path: PathBuf::from(format!("/l/{i}.toml")),
                size: 1,
                modified: None,
            })
            .collect();
        Report::Found(candidates, Vec::new())
    }

    /// Indexing threads finish in any order; the identities come out as if
    /// the briefings had been indexed one after another.
    #[test]
    fn identities_do_not_depend_on_the_order_indexing_finishes() {
        let names = ["Ivan Petrov", "IVAN PETROV", "Iván Petróv", "Ivan Petrov"];
        let mut in_order = Library::new(Path::new("/l"), Overrides::default());
        let mut shuffled = Library::new(Path::new("/l"), Overrides::default());
        for library in [&mut in_order, &mut shuffled] {
            library.absorb(found(4));
            library.absorb(Report::Walked);
        }
        for (at, name) in names.iter().enumerate() {
            in_order.absorb(Report::Indexed(at, Box::new(summary(name))));
        }
        for at in [3, 1, 0, 2] {
            shuffled.absorb(Report::Indexed(at, Box::new(summary(names[at]))));
        }
        assert!(shuffled.complete());
        assert_eq!(in_order.identities.groups(), shuffled.identities.groups());
        for briefing in 0..4 {
            let member = Member {
                briefing,
                entity: 0,
            };
            assert_eq!(
                in_order.identities.rule_of(member),
                shuffled.identities.rule_of(member)
            );
        }
    }
}
