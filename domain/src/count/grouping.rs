//! Turning votes into counting ballots the way pabutools reads them, and
//! finding identical ballots so they are counted once with a multiplicity.

use std::hash::{Hash, Hasher};

use num_rational::Rational64;

use super::profile::{Entry, Group};
use crate::fxhash::FxHasher;
use crate::pabulib::VoteType;

/// Finds identical ballots: an open-addressing table of group indices keyed
/// by the ballot's hash (cheaper than a map owning every ballot as its key).
pub(super) struct Grouping {
    slots: Vec<u32>,
    hashes: Vec<u64>,
}

impl Grouping {
    pub(super) fn with_capacity(ballots: usize) -> Grouping {
        let size = (ballots * 2).max(16).next_power_of_two();
        Grouping {
            slots: vec![u32::MAX; size],
            hashes: Vec::with_capacity(ballots),
        }
    }

    pub(super) fn add(&mut self, groups: &mut Vec<Group>, entries: Vec<Entry>) {
        let mut hasher = FxHasher::default();
        entries.hash(&mut hasher);
        let hash = hasher.finish();
        let mask = self.slots.len() - 1;
        // The mixer's high bits are the well-mixed ones.
        let mut i = (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask;
        loop {
            let g = self.slots[i];
            if g == u32::MAX {
                self.slots[i] = groups.len() as u32;
                self.hashes.push(hash);
                groups.push(Group {
                    multiplicity: 1,
                    entries,
                });
                return;
            }
            if self.hashes[g as usize] == hash && groups[g as usize].entries == entries {
                groups[g as usize].multiplicity += 1;
                return;
            }
            i = (i + 1) & mask;
        }
    }
}

/// The ballot of one vote: an approval ballot is a set, an ordinal ballot an
/// ordered set (first occurrence wins), a cumulative or scoring ballot a map
/// (a later entry for the same project overrides).
pub(super) fn ballot_entries(
    vote_type: VoteType,
    projects: &[u32],
    points: Option<&[Rational64]>,
) -> Vec<Entry> {
    let one = Rational64::from_integer(1);
    let mut entries: Vec<Entry> = Vec::with_capacity(projects.len());
    match vote_type {
        VoteType::Approval => {
            entries.extend(projects.iter().map(|&project| Entry {
                project,
                points: one,
                borda: 0,
            }));
            entries.sort_unstable_by_key(|e| e.project);
            entries.dedup_by_key(|e| e.project);
        }
        VoteType::Ordinal => {
            for &project in projects {
                if !entries.iter().any(|e| e.project == project) {
                    entries.push(Entry {
                        project,
                        points: one,
                        borda: 0,
                    });
                }
            }
            let len = entries.len() as u32;
            for (position, entry) in entries.iter_mut().enumerate() {
                entry.borda = len - position as u32 - 1;
            }
        }
        VoteType::Cumulative | VoteType::Scoring => {
            let points = points.unwrap_or(&[]);
            for (&project, &value) in projects.iter().zip(points) {
                match entries.iter_mut().find(|e| e.project == project) {
                    Some(entry) => entry.points = value,
                    None => entries.push(Entry {
                        project,
                        points: value,
                        borda: 0,
                    }),
                }
            }
            entries.sort_unstable_by_key(|e| e.project);
        }
    }
    entries
}
