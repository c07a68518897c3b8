//! Turning votes into counting ballots the way pabutools reads them, and
//! finding identical ballots so they are counted once with a multiplicity.

use std::hash::{Hash, Hasher};

use num_rational::Rational64;

use crate::fxhash::FxHasher;
use crate::pabulib::VoteType;

/// Finds identical ballots: an open-addressing table of group indices keyed
/// by the ballot's hash (cheaper than a map owning every ballot as its key).
pub(super) struct Grouping {
    slots: Vec<u32>,
    hashes: Vec<u64>,
}

/// Ballots stored back to back, one group each: group `g` lists projects
/// `projects[start[g]..start[g + 1]]` (with the points at the same positions
/// of `points` for cumulative and scoring ballots; `points` is empty for the
/// others, whose points are all 1) and was cast by `multiplicity[g]` voters.
#[derive(Debug, Clone, Default)]
pub(super) struct Ballots {
    pub has_points: bool,
    pub multiplicity: Vec<u64>,
    pub projects: Vec<u32>,
    pub points: Vec<Rational64>,
    pub start: Vec<usize>,
}

impl Ballots {
    pub(super) fn new(has_points: bool) -> Ballots {
        Ballots {
            has_points,
            start: vec![0],
            ..Ballots::default()
        }
    }

    fn range(&self, g: usize) -> std::ops::Range<usize> {
        self.start[g]..self.start[g + 1]
    }

    fn pending_range(&self) -> std::ops::Range<usize> {
        self.start[self.start.len() - 1]..self.projects.len()
    }

    /// Projects and points (empty when there are none) of group `g`.
    #[inline]
    pub(super) fn group(&self, g: usize) -> (&[u32], &[Rational64]) {
        let range = self.range(g);
        let points = if self.has_points {
            &self.points[range.clone()]
        } else {
            &[]
        };
        (&self.projects[range], points)
    }

    /// The ballot being built: what follows the last group.
    pub(super) fn pending(&self) -> (&[u32], &[Rational64]) {
        let range = self.pending_range();
        let points = if self.has_points {
            &self.points[range.clone()]
        } else {
            &[]
        };
        (&self.projects[range], points)
    }

    /// Makes the pending ballot a new group.
    pub(super) fn close(&mut self) {
        self.start.push(self.projects.len());
        self.multiplicity.push(1);
    }

    /// Drops the pending ballot.
    pub(super) fn discard(&mut self) {
        let from = self.start[self.start.len() - 1];
        self.projects.truncate(from);
        if self.has_points {
            self.points.truncate(from);
        }
    }

    /// Appends the ballot of one vote as pabutools reads it: an approval
    /// ballot is a set, an ordinal ballot an ordered set (first occurrence
    /// wins), a cumulative or scoring ballot a map (a later entry for the same
    /// project overrides).
    pub(super) fn push_ballot(
        &mut self,
        vote_type: VoteType,
        projects: &[u32],
        points: Option<&[Rational64]>,
    ) {
        let from = self.projects.len();
        match vote_type {
            VoteType::Approval => {
                self.projects.extend_from_slice(projects);
                // Ballots are usually written in order already: then there is nothing to sort.
                if !projects.windows(2).all(|w| w[0] < w[1]) {
                    self.projects[from..].sort_unstable();
                    let kept = dedup_len(&mut self.projects[from..]);
                    self.projects.truncate(from + kept);
                }
            }
            VoteType::Ordinal => {
                for &project in projects {
                    if !self.projects[from..].contains(&project) {
                        self.projects.push(project);
                    }
                }
            }
            VoteType::Cumulative | VoteType::Scoring => {
                let mut entries: Vec<(u32, Rational64)> = Vec::with_capacity(projects.len());
                for (&project, &value) in projects.iter().zip(points.unwrap_or(&[])) {
                    match entries.iter_mut().find(|e| e.0 == project) {
                        Some(entry) => entry.1 = value,
                        None => entries.push((project, value)),
                    }
                }
                entries.sort_unstable_by_key(|e| e.0);
                self.projects.extend(entries.iter().map(|e| e.0));
                self.points.extend(entries.iter().map(|e| e.1));
            }
        }
    }
}

/// Moves the first of each run of equal values to the front of sorted
/// `values`; returns how many there are.
fn dedup_len(values: &mut [u32]) -> usize {
    let mut kept = 0;
    for i in 0..values.len() {
        if kept == 0 || values[kept - 1] != values[i] {
            values[kept] = values[i];
            kept += 1;
        }
    }
    kept
}

/// Hash of a ballot. Points are always in lowest terms, so hashing their raw
/// parts is consistent with `Eq` (and much faster than `Ratio`'s own hash).
fn hash_ballot((projects, points): (&[u32], &[Rational64])) -> u64 {
    let mut hasher = FxHasher::default();
    projects.hash(&mut hasher);
    for p in points {
        hasher.write_u64(*p.numer() as u64);
        hasher.write_u64(*p.denom() as u64);
    }
    hasher.finish()
}

impl Grouping {
    pub(super) fn new() -> Grouping {
        Grouping {
            slots: vec![u32::MAX; 1 << 12],
            hashes: Vec::new(),
        }
    }

    fn slot_of(&self, hash: u64) -> usize {
        // The mixer's high bits are the well-mixed ones.
        (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & (self.slots.len() - 1)
    }

    /// Adds the pending ballot of `ballots`: to the identical group if there
    /// is one (and the pending entries are dropped), else as a new group.
    pub(super) fn add(&mut self, ballots: &mut Ballots) {
        let hash = hash_ballot(ballots.pending());
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(hash);
        loop {
            let g = self.slots[i];
            if g == u32::MAX {
                self.slots[i] = self.hashes.len() as u32;
                self.hashes.push(hash);
                ballots.close();
                if self.hashes.len() * 2 > self.slots.len() {
                    self.grow();
                }
                return;
            }
            if self.hashes[g as usize] == hash && ballots.group(g as usize) == ballots.pending() {
                ballots.multiplicity[g as usize] += 1;
                ballots.discard();
                return;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        self.slots = vec![u32::MAX; self.slots.len() * 2];
        let mask = self.slots.len() - 1;
        for (g, &hash) in self.hashes.iter().enumerate() {
            let mut i = self.slot_of(hash);
            while self.slots[i] != u32::MAX {
                i = (i + 1) & mask;
            }
            self.slots[i] = g as u32;
        }
    }
}
